package com.architectreviewer.scan;

import java.util.UUID;

/** No scan with this id belongs to the caller's tenant (answered with 404). */
class ScanNotFound extends RuntimeException {
  ScanNotFound(UUID id) {
    super("There is no scan " + id + ".");
  }
}
