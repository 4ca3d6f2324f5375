package com.architectreviewer.portfolio;

import com.architectreviewer.cache.CacheKey;
import com.architectreviewer.cache.CacheTags;
import com.architectreviewer.cache.Cached;
import com.architectreviewer.cache.TaggedCache;
import com.architectreviewer.review.ReviewEngine;
import com.architectreviewer.security.Caller;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/portfolio} and {@code GET /api/v1/portfolio/strategy}, both from the tagged
 * cache under the tenant's {@code portfolio:<tenant>} tag (revalidated when an ingest finishes, or
 * when anything publishes {@code InvalidateTags} for it).
 */
@RestController
class PortfolioController {

  private final PortfolioQueries queries;
  private final TaggedCache cache;
  private final StrategyPlanner planner = new StrategyPlanner(new ReviewEngine().catalog());

  PortfolioController(PortfolioQueries queries, TaggedCache cache) {
    this.queries = queries;
    this.cache = cache;
  }

  @GetMapping("/api/v1/portfolio")
  ResponseEntity<PortfolioView> portfolio(Caller caller) {
    UUID tenant = caller.tenantId();
    return served(
        cache.get(
            CacheKey.of("portfolio", tenant + ":overview", CacheTags.portfolio(tenant)),
            () -> {
              var entries = queries.overview(tenant);
              return new PortfolioView(entries.size(), entries);
            }));
  }

  @GetMapping("/api/v1/portfolio/strategy")
  ResponseEntity<Strategy> strategy(Caller caller) {
    UUID tenant = caller.tenantId();
    return served(
        cache.get(
            CacheKey.of("portfolio", tenant + ":strategy", CacheTags.portfolio(tenant)),
            () ->
                planner.plan(queries.scannedRepositories(tenant), queries.latestFindings(tenant))));
  }

  private static <T> ResponseEntity<T> served(Cached<T> cached) {
    return ResponseEntity.ok().header("Cache-Status", cached.cacheStatus()).body(cached.value());
  }
}
