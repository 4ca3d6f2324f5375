package com.architectreviewer.portfolio;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Optional body of {@code POST /api/v1/repositories/{id}/scans}. */
@Schema(description = "What to scan of a registered repository; every field is optional.")
record ScanRepository(
    @Size(min = 1, max = 200)
        @Pattern(
            regexp = "[A-Za-z0-9][A-Za-z0-9._/-]*",
            message = "must be a branch, tag or commit name (letters, digits, '.', '_', '/', '-')")
        @Schema(
            description = "git branch, tag or commit; default branch when absent",
            example = "main")
        String ref) {

  static final ScanRepository DEFAULT = new ScanRepository(null);
}
