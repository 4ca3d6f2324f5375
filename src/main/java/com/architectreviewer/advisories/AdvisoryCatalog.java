package com.architectreviewer.advisories;

import java.io.IOException;
import java.util.Set;

/**
 * Where advisories come from for an audit: an in-memory {@link AdvisoryIndex} (the CLI's local
 * store) or PostgreSQL (the platform), which loads only the packages a project uses.
 */
public interface AdvisoryCatalog {

  /** How many advisories the catalog holds; 0 means none were imported. */
  int size() throws IOException;

  /**
   * The advisories affecting any of {@code packages}, each an {@link AdvisoryIndex#key(String,
   * String)}.
   */
  AdvisoryIndex indexFor(Set<String> packages) throws IOException;
}
