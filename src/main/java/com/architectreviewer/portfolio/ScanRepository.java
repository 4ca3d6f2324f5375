package com.architectreviewer.portfolio;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** Optional body of {@code POST /api/v1/repositories/{id}/scans}. */
@Schema(description = "What to scan of a registered repository; every field is optional.")
record ScanRepository(
    @Size(min = 1, max = 200)
        @Schema(
            description =
                "git branch or tag (short name, or full refs/heads/... or refs/tags/... name),"
                    + " checked by git's check-ref-format rules; the repository's branch, else the"
                    + " remote's default branch, when absent",
            example = "release/2.1")
        String ref) {

  static final ScanRepository DEFAULT = new ScanRepository(null);
}
