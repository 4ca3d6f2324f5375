package com.architectreviewer.portfolio;

import com.architectreviewer.scan.ScanHistory;
import com.architectreviewer.security.Caller;
import com.architectreviewer.security.PageCursor;
import com.architectreviewer.security.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/repositories/{id}/scans}: the scan history of a registered repository, newest
 * first, with cursor pagination: every scan job, with its stored scan once it succeeded. Another
 * tenant's repository answers 404.
 */
@RestController
@Tag(name = "Repositories")
class RepositoryHistoryController {

  private final Repositories repositories;
  private final ScanHistory history;

  RepositoryHistoryController(Repositories repositories, ScanHistory history) {
    this.repositories = repositories;
    this.history = history;
  }

  /** A page of scans, newest first; {@code nextCursor} is null on the last page. */
  record ScanHistoryPage(List<ScanHistory.Entry> items, String nextCursor) {}

  @GetMapping(path = "/api/v1/repositories/{id}/scans", produces = MediaType.APPLICATION_JSON_VALUE)
  @Operation(
      summary =
          "Scan history of a repository, newest first: every scan job (queued, running, failed"
              + " too) with its state, time, ref, error, and once succeeded the score, counts by"
              + " severity and the scan's URL; cursor pagination")
  ScanHistoryPage scans(
      @Parameter(hidden = true) Caller caller,
      @PathVariable("id") UUID id,
      @RequestParam(name = "cursor", required = false) @Size(max = 200) String cursor,
      @RequestParam(name = "limit", defaultValue = "" + RepositoryController.DEFAULT_PAGE_SIZE)
          @Min(1)
          @Max(RepositoryController.MAX_PAGE_SIZE)
          int limit) {
    PageCursor after = PageCursor.parse(cursor);
    repositories.find(caller.tenantId(), id).orElseThrow(() -> new ResourceNotFound("Repository"));
    List<ScanHistory.Entry> page = history.page(caller.tenantId(), id, after, limit + 1);
    if (page.size() <= limit) {
      return new ScanHistoryPage(page, null);
    }
    var items = List.copyOf(page.subList(0, limit));
    var last = items.getLast();
    return new ScanHistoryPage(items, new PageCursor(last.createdAt(), last.jobId()).encode());
  }
}
