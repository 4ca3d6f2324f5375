package com.architectreviewer.scan;

/** The uploaded archive is larger than the server accepts (answered with 413). */
class UploadTooLarge extends RuntimeException {
  UploadTooLarge(long maxBytes) {
    super("The upload is larger than " + maxBytes / (1024 * 1024) + " MiB.");
  }
}
