package com.architectreviewer.scan;

import com.architectreviewer.advisories.PostgresAdvisories;
import com.architectreviewer.cache.CacheTags;
import com.architectreviewer.cache.InvalidateTags;
import com.architectreviewer.jobs.JobCancelled;
import com.architectreviewer.jobs.JobCannotSucceed;
import com.architectreviewer.jobs.JobContext;
import com.architectreviewer.jobs.JobHandler;
import com.architectreviewer.review.ConfigInvalid;
import com.architectreviewer.review.DependencyAdvisories;
import com.architectreviewer.review.ReviewCancelled;
import com.architectreviewer.review.ReviewEngine;
import com.architectreviewer.review.ReviewListener;
import com.architectreviewer.review.ReviewOptions;
import com.architectreviewer.review.RootNotReadable;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The {@code scan} job: check out the source, run the review engine with progress and cancellation,
 * store the scan and its findings (replacing an earlier attempt's), and remove the working folder
 * whatever happens.
 */
@Component
class ScanJob implements JobHandler {

  private final ScanPayloads payloads;
  private final SourceCheckouts checkouts;
  private final ScanStore store;
  private final ReviewEngine engine;
  private final ReviewOptions options;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  ScanJob(
      ScanPayloads payloads,
      SourceCheckouts checkouts,
      ScanStore store,
      ScanProperties properties,
      PostgresAdvisories advisories,
      ApplicationEventPublisher events,
      ObjectProvider<Clock> clock) {
    this.events = events;
    // scan_vulnerabilities: the rules plus the dependency advisories (AR-DEP-001) in PostgreSQL
    this.engine = new ReviewEngine().withSource(new DependencyAdvisories(advisories, "PostgreSQL"));
    this.payloads = payloads;
    this.checkouts = checkouts;
    this.store = store;
    this.clock = clock.getIfUnique(Clock::systemUTC);
    this.options = ReviewOptions.defaults().withThreads(properties.engineThreads());
  }

  @Override
  public String kind() {
    return ScanRequests.KIND;
  }

  @Override
  public String run(JobContext context) {
    // An earlier attempt may have stored the scan and then lost its process or the database before
    // the job was marked succeeded. That scan is the job's result. (An uploaded archive stays until
    // the job's success is recorded, then goes in the same transaction.)
    var stored = store.scanOfJob(context.tenantId(), context.jobId());
    if (stored.isPresent()) {
      events.publishEvent(InvalidateTags.soft(CacheTags.portfolio(context.tenantId())));
      return "/api/v1/scans/" + stored.get();
    }
    var payload = payloads.read(context.payload());
    context.progress(1, "fetching source");
    try (var checkout = checkouts.checkout(context.tenantId(), context.jobId(), payload.source())) {
      context.checkpoint();
      var report =
          engine
              .review(checkout.dir(), options, new Progress(context))
              .withRoot(checkout.display());
      context.checkpoint();
      context.progress(99, "saving results");
      var scanId =
          store.save(
              context.tenantId(),
              context.jobId(),
              payload.repositoryId(),
              checkout.display(),
              report,
              clock.instant());
      // The tenant's portfolio and strategy are derived from its scans: revalidate them.
      events.publishEvent(InvalidateTags.soft(CacheTags.portfolio(context.tenantId())));
      return "/api/v1/scans/" + scanId;
    } catch (ReviewCancelled e) {
      throw new JobCancelled(context.jobId());
    } catch (RootNotReadable | ConfigInvalid | SourceNotAllowed e) {
      throw new JobCannotSucceed(e.getMessage(), e);
    }
  }

  /** Maps the engine's stages onto 0–100 and its cancellation question onto the job's. */
  private record Progress(JobContext context) implements ReviewListener {
    @Override
    public void progress(Stage stage, int done, int total) {
      double part = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
      int percent =
          switch (stage) {
            case INDEXING -> 5;
            case ANALYSING -> 10 + (int) (70 * part);
            case CHECKING -> 80 + (int) (15 * part);
            case EXTRA_SOURCES -> 95 + (int) (3 * part);
            case DONE -> 98;
          };
      context.progress(percent, stage.name().toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public boolean isCancelled() {
      return context.isCancelled();
    }
  }
}
