package com.architectreviewer.kv;

import java.time.Clock;

/** Stand-alone stores, for code that runs without the Spring context (tools, unit tests). */
public final class KeyValueStores {

  private KeyValueStores() {}

  /** A new in-process store; close it (it is {@link AutoCloseable}) when done. */
  public static KeyValueStore inProcess(Clock clock) {
    return new InProcessKeyValueStore(clock);
  }
}
