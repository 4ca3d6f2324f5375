package com.architectreviewer.cache;

import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Turns {@link InvalidateTags} events into invalidations once their transaction committed. */
@Component
class InvalidationEvents {

  private final TaggedCache cache;

  InvalidationEvents(TaggedCache cache) {
    this.cache = cache;
  }

  @TransactionalEventListener(fallbackExecution = true)
  void on(InvalidateTags event) {
    for (String tag : event.tags()) {
      if (event.hard()) {
        cache.expireTag(tag);
      } else {
        cache.revalidateTag(tag);
      }
    }
  }
}
