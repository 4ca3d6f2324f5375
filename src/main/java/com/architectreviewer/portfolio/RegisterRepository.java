package com.architectreviewer.portfolio;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/v1/repositories}: a name and exactly one of a git URL or a path; with a
 * URL, optionally the branch or tag its scans use by default.
 */
@Schema(
    description =
        "A repository to register: a name and exactly one of 'url' or 'path'; 'branch' (git URLs"
            + " only) is the branch or tag scanned when a scan names none.")
record RegisterRepository(
    @NotNull
        @Size(min = 1, max = 100)
        @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9._/-]*",
            message =
                "must start with a letter or digit and use only letters, digits, '.', '_', '/', '-'")
        @Schema(example = "acme/storefront")
        String name,
    @Size(max = 2048) @Schema(example = "https://github.com/acme/storefront.git") String url,
    @Size(max = 4096) @Schema(example = "/srv/repos/storefront") String path,
    @Size(min = 1, max = 200)
        @Schema(
            description = "branch or tag to scan by default; the remote's default branch if absent",
            example = "main")
        String branch) {}
