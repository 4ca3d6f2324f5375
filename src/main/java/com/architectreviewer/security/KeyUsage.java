package com.architectreviewer.security;

import java.util.UUID;

/**
 * Where the authentication filter reports that an API key was used. The implementation (the
 * analytics module's non-critical writes) must only note it in memory and return: {@code
 * last_used_at} is written later, in batches, off the request path, and never fails a request.
 */
public interface KeyUsage {

  void used(UUID keyId);
}
