package com.architectreviewer.security;

import java.util.UUID;

/**
 * Notes that an API key was used; the {@code last_used_at} write happens later, off the request.
 */
interface KeyUsage {

  void used(UUID keyId);
}
