package com.architectreviewer.kv;

import java.time.Clock;
import org.junit.jupiter.api.AfterEach;

class InProcessKeyValueStoreTest extends KeyValueStoreContract {

  private final InProcessKeyValueStore store = new InProcessKeyValueStore(Clock.systemUTC());

  @Override
  KeyValueStore store() {
    return store;
  }

  @AfterEach
  void close() {
    store.close();
  }
}
