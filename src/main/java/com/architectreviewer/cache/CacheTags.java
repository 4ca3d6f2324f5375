package com.architectreviewer.cache;

import java.util.UUID;

/** The tags the platform invalidates, named once. */
public final class CacheTags {

  /** Everything derived from one tenant's repositories and scans. */
  public static String portfolio(UUID tenantId) {
    return "portfolio:" + tenantId;
  }

  /** The provider catalogue. */
  public static final String PROVIDERS = "providers";

  private CacheTags() {}
}
