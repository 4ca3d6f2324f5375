package com.architectreviewer.providers;

/** A member key tried an admin-only change. Answered as 403. */
class AdminKeyRequired extends RuntimeException {
  AdminKeyRequired() {
    super("This endpoint needs an admin key");
  }
}
