package com.architectreviewer.security;

import java.util.UUID;

/**
 * Who is calling: the tenant and API key behind an authenticated request. Controllers declare a
 * {@code Caller} parameter to get it; every query they run must be scoped by {@link #tenantId()}.
 */
public record Caller(UUID tenantId, UUID keyId, Role role) {

  public enum Role {
    ADMIN,
    MEMBER
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** Throws {@link AdminRoleRequired} (403) unless the key is an admin key. */
  public void requireAdmin() {
    if (!isAdmin()) {
      throw new AdminRoleRequired();
    }
  }
}
