package com.architectreviewer.kv;

/** Redis did not answer in time or is not connected. The caller should fall back. */
public class KeyValueStoreUnavailable extends RuntimeException {

  KeyValueStoreUnavailable(String message, Throwable cause) {
    super(message, cause);
  }
}
