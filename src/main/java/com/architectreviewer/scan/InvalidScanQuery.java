package com.architectreviewer.scan;

/** A query parameter of the scan API is malformed (answered with 400); the message says which. */
class InvalidScanQuery extends RuntimeException {
  InvalidScanQuery(String message) {
    super(message);
  }
}
