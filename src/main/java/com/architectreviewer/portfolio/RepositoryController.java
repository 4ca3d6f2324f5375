package com.architectreviewer.portfolio;

import com.architectreviewer.cache.CacheTags;
import com.architectreviewer.cache.InvalidateTags;
import com.architectreviewer.scan.RepositoryScans;
import com.architectreviewer.security.Caller;
import com.architectreviewer.security.PageCursor;
import com.architectreviewer.security.Problems;
import com.architectreviewer.security.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Registered repositories of the caller's tenant. Another tenant's repository answers 404. */
@RestController
@RequestMapping(path = "/api/v1/repositories", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Repositories")
class RepositoryController {

  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAX_PAGE_SIZE = 100;

  private final Repositories repositories;
  private final RepositorySources sources;
  private final RepositoryScans scans;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  RepositoryController(
      Repositories repositories,
      RepositorySources sources,
      RepositoryScans scans,
      ObjectProvider<Clock> clock,
      ApplicationEventPublisher events) {
    this.repositories = repositories;
    this.sources = sources;
    this.scans = scans;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.events = events;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(summary = "Register a repository by https git URL or allowed server-side path")
  ResponseEntity<RepositoryView> register(
      @Parameter(hidden = true) Caller caller, @Valid @RequestBody RegisterRepository request) {
    var source = sources.check(request);
    try {
      var created =
          repositories.insert(
              caller.tenantId(),
              request.name(),
              source.url(),
              source.path(),
              source.branch(),
              clock.instant());
      portfolioChanged(caller);
      return ResponseEntity.created(URI.create("/api/v1/repositories/" + created.id()))
          .body(created);
    } catch (DuplicateKeyException e) {
      throw new RepositoryNameTaken();
    }
  }

  @GetMapping
  @Operation(summary = "List repositories, newest first, with cursor pagination")
  RepositoryPage list(
      @Parameter(hidden = true) Caller caller,
      @RequestParam(name = "cursor", required = false) @Size(max = 200) String cursor,
      @RequestParam(name = "limit", defaultValue = "" + DEFAULT_PAGE_SIZE)
          @Min(1)
          @Max(MAX_PAGE_SIZE)
          int limit) {
    List<RepositoryView> page =
        repositories.page(caller.tenantId(), PageCursor.parse(cursor), limit + 1);
    if (page.size() <= limit) {
      return new RepositoryPage(page, null);
    }
    var items = page.subList(0, limit);
    var last = items.getLast();
    return new RepositoryPage(
        List.copyOf(items), new PageCursor(last.createdAt(), last.id()).encode());
  }

  @GetMapping("/{id}")
  @Operation(summary = "One repository, with the summary of its latest scan")
  RepositoryView get(@Parameter(hidden = true) Caller caller, @PathVariable("id") UUID id) {
    RepositoryView repository =
        repositories
            .find(caller.tenantId(), id)
            .orElseThrow(() -> new ResourceNotFound("Repository"));
    return scans
        .newest(caller.tenantId(), id)
        .map(scan ->
            repository.withLatestScan(
                new LatestScan(
                    scan.id(),
                    scan.jobId(),
                    "/api/v1/scans/" + scan.id(),
                    scan.counts(),
                    scan.score(),
                    scan.durationMs(),
                    scan.createdAt())))
        .orElse(repository);
  }

  @DeleteMapping("/{id}")
  @Operation(summary = "Delete a repository")
  ResponseEntity<Void> delete(
      @Parameter(hidden = true) Caller caller, @PathVariable("id") UUID id) {
    if (!repositories.delete(caller.tenantId(), id)) {
      throw new ResourceNotFound("Repository");
    }
    portfolioChanged(caller);
    return ResponseEntity.noContent().build();
  }

  /**
   * The cached portfolio and strategy list the tenant's repositories: a registered or deleted one
   * expires them (hard), so the next read shows the change instead of a stale list.
   */
  private void portfolioChanged(Caller caller) {
    events.publishEvent(InvalidateTags.hard(CacheTags.portfolio(caller.tenantId())));
  }

  @ExceptionHandler(RepositoryNameTaken.class)
  ProblemDetail nameTaken(RepositoryNameTaken e) {
    return Problems.of(
        HttpStatus.CONFLICT,
        Problems.CONFLICT,
        "Repository name taken",
        "This tenant already has a repository with this name.");
  }

  /** The tenant already has a repository of that name. */
  static final class RepositoryNameTaken extends RuntimeException {
    RepositoryNameTaken() {
      super("Repository name taken");
    }
  }
}
