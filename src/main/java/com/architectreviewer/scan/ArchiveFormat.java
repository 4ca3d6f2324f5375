package com.architectreviewer.scan;

/** Archive formats accepted for upload, recognised by their first bytes, not by file name. */
enum ArchiveFormat {
  ZIP("zip"),
  TAR_GZ("tar.gz");

  final String id;

  ArchiveFormat(String id) {
    this.id = id;
  }

  static ArchiveFormat detect(byte[] content) {
    if (content.length >= 4
        && content[0] == 'P'
        && content[1] == 'K'
        && (content[2] == 3 || content[2] == 5)
        && (content[3] == 4 || content[3] == 6)) {
      return ZIP;
    }
    if (content.length >= 2 && (content[0] & 0xff) == 0x1f && (content[1] & 0xff) == 0x8b) {
      return TAR_GZ;
    }
    throw new ArchiveRejected("The upload is neither a zip nor a tar.gz archive.");
  }

  static ArchiveFormat of(String id) {
    for (var format : values()) {
      if (format.id.equals(id)) {
        return format;
      }
    }
    throw new IllegalArgumentException("Unknown archive format " + id);
  }
}
