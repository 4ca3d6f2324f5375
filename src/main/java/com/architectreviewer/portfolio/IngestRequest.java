package com.architectreviewer.portfolio;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Body of {@code POST /api/v1/portfolio/ingest} (JSON or YAML): exactly one of a list of git URLs,
 * a manifest of repositories, or a server-side folder whose sub-folders are repositories.
 */
@Schema(description = "Exactly one of 'urls', 'repositories' (a manifest) or 'folder'.")
record IngestRequest(
    @Size(min = 1, max = IngestRequest.MAX_REPOSITORIES)
        List<@NotNull @Size(max = 2048) String> urls,
    @Size(min = 1, max = IngestRequest.MAX_REPOSITORIES) List<@Valid @NotNull Entry> repositories,
    @Size(min = 1, max = 4096) String folder) {

  static final int MAX_REPOSITORIES = 200;

  /**
   * One manifest entry.
   *
   * @param name the repository's name (default: derived from the URL or folder)
   * @param url a git URL
   * @param path a server-side folder (instead of {@code url})
   * @param branch the branch to scan (default: the remote's default)
   * @param tags free labels
   */
  record Entry(
      @Size(min = 1, max = 100)
          @Pattern(
              regexp = "[A-Za-z0-9][A-Za-z0-9._/-]*",
              message =
                  "must start with a letter or digit and use only letters, digits, '.', '_', '/',"
                      + " '-'")
          String name,
      @Size(max = 2048) String url,
      @Size(max = 4096) String path,
      @Size(min = 1, max = 200) String branch,
      @Size(max = 20) List<@NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,40}") String> tags) {}
}
