package com.architectreviewer.testsupport;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import java.util.UUID;

/** Creates tenants and keys with unique names, so tests sharing a context never collide. */
public record Tenants(ApiKeys keys) {

  /** A new tenant with one key of the role; returns the clear key. */
  public String newKey(Caller.Role role) {
    UUID tenant = keys.ensureTenant("t-" + UUID.randomUUID());
    return keys.createKey(tenant, role);
  }

  public String newKeyForTenant(UUID tenant, Caller.Role role) {
    return keys.createKey(tenant, role);
  }
}
