package com.architectreviewer.security;

/** Where the buckets live: this process, or Redis shared by every instance. */
interface TokenBuckets {

  /** Takes one token from the subject's bucket of the policy. Never blocks for long. */
  Consumption tryConsume(String subject, RateLimitPolicy policy);
}
