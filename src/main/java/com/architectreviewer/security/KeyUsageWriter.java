package com.architectreviewer.security;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a batch of {@code last_used_at} values. A non-critical write: a failure loses at most one
 * batch of timestamps, never a request.
 */
interface KeyUsageWriter {

  void write(Map<UUID, Instant> lastUsed);
}
