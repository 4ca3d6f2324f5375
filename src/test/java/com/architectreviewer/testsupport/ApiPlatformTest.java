package com.architectreviewer.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.test.context.TestPropertySource;

/**
 * The platform as the API tests use it: one shared context (same properties everywhere), rate
 * limits high enough not to interfere, server-side paths allowed under {@code
 * target/allowed-sources}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@PlatformTest
@TestPropertySource(
    properties = {
      "reviewer.security.rate-limits.general.quota=1000000",
      "reviewer.security.rate-limits.scans.quota=1000000",
      "reviewer.security.rate-limits.unauthenticated.quota=1000000",
      "reviewer.analytics.key-usage-interval=200ms",
      "reviewer.sources.allowed-paths=${user.dir}/target/allowed-sources"
    })
public @interface ApiPlatformTest {
  String ALLOWED_SOURCES = "target/allowed-sources";
}
