package com.architectreviewer.portfolio;

import com.architectreviewer.cache.CacheTags;
import com.architectreviewer.cache.InvalidateTags;
import com.architectreviewer.jobs.JobCancelled;
import com.architectreviewer.jobs.JobContext;
import com.architectreviewer.jobs.JobHandler;
import com.architectreviewer.jobs.JobView;
import com.architectreviewer.jobs.Jobs;
import com.architectreviewer.scan.ScanRequests;
import com.architectreviewer.scan.ScanSource;
import com.architectreviewer.scan.SourceNotAllowed;
import com.architectreviewer.security.InvalidInput;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The {@code portfolio-ingest} job: registers each repository (reusing one the tenant already has),
 * starts a child {@code scan} job per repository, follows them for aggregate progress, and stores
 * each repository's outcome. A repository that is refused or whose scan fails fails alone.
 */
@Component
class IngestJob implements JobHandler {

  static final String KIND = "portfolio-ingest";
  private static final Logger log = LoggerFactory.getLogger(IngestJob.class);

  private final IngestRegistry registry;
  private final IngestStore store;
  private final RepositorySources sources;
  private final ScanRequests scans;
  private final Jobs jobs;
  private final ObjectMapper json;
  private final ApplicationEventPublisher events;
  private final PortfolioProperties properties;
  private final Clock clock;

  IngestJob(
      IngestRegistry registry,
      IngestStore store,
      RepositorySources sources,
      ScanRequests scans,
      Jobs jobs,
      ObjectMapper json,
      ApplicationEventPublisher events,
      PortfolioProperties properties,
      ObjectProvider<Clock> clock) {
    this.registry = registry;
    this.store = store;
    this.sources = sources;
    this.scans = scans;
    this.jobs = jobs;
    this.json = json;
    this.events = events;
    this.properties = properties;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String run(JobContext context) throws InterruptedException {
    List<IngestItem> items = List.of(json.readValue(context.payload(), IngestItem[].class));
    context.progress(1, "registering " + items.size() + " repositories");
    var outcomes = register(context, items);
    store.save(context.tenantId(), context.jobId(), outcomes, clock.instant());
    try {
      outcomes = follow(context, outcomes);
    } catch (JobCancelled e) {
      cancelChildren(context.tenantId(), outcomes);
      throw e;
    } finally {
      events.publishEvent(InvalidateTags.soft(CacheTags.portfolio(context.tenantId())));
    }
    store.save(context.tenantId(), context.jobId(), outcomes, clock.instant());
    long failed = outcomes.stream().filter(o -> !"succeeded".equals(o.state())).count();
    context.progress(100, (outcomes.size() - failed) + " scanned, " + failed + " failed");
    return "/api/v1/portfolio/ingests/" + context.jobId();
  }

  private List<IngestOutcome> register(JobContext context, List<IngestItem> items) {
    var known = registry.known(context.tenantId());
    var outcomes = new ArrayList<IngestOutcome>();
    for (int i = 0; i < items.size(); i++) {
      context.checkpoint();
      IngestItem item = items.get(i);
      try {
        IngestItem checked =
            item.url() != null
                ? new IngestItem(
                    item.name(), sources.checkUrl(item.url()), null, item.branch(), item.tags())
                : new IngestItem(
                    item.name(), null, sources.checkPath(item.path()), null, item.tags());
        UUID existing = known.byIdentity().get(checked.identity());
        UUID repositoryId =
            existing != null
                ? existing
                : registry.insert(context.tenantId(), checked, known, clock.instant());
        boolean branchChanged =
            existing != null
                && registry.updateBranch(context.tenantId(), existing, checked.branch(), known);
        ScanSource source =
            checked.url() != null
                ? new ScanSource.GitRepository(checked.url(), checked.branch())
                : new ScanSource.ServerPath(checked.path());
        var child =
            scans.requestChild(
                context.tenantId(),
                repositoryId,
                source,
                context.jobId(),
                "ingest:" + context.jobId() + ":" + i,
                checked.identity());
        outcomes.add(
            new IngestOutcome(
                checked.name(),
                checked.url(),
                checked.path(),
                repositoryId,
                existing == null ? "registered" : branchChanged ? "updated" : "existing",
                child.jobId(),
                "queued",
                null,
                null));
      } catch (InvalidInput e) {
        outcomes.add(IngestOutcome.refused(item, e.errors().getFirst().message()));
      } catch (SourceNotAllowed e) {
        outcomes.add(IngestOutcome.refused(item, e.getMessage()));
      }
      context.progress(
          1 + 9 * (i + 1) / items.size(), "registered " + (i + 1) + " of " + items.size());
    }
    return outcomes;
  }

  /** Follows the children until all finished (or the ingest's wait is over), with progress. */
  private List<IngestOutcome> follow(JobContext context, List<IngestOutcome> outcomes)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(properties.ingestWait());
    List<IngestOutcome> current = outcomes;
    while (true) {
      current = current.stream().map(o -> refresh(context.tenantId(), o)).toList();
      long done = current.stream().filter(IngestOutcome::finished).count();
      context.progress(
          10 + (int) (89 * done / Math.max(1, current.size())),
          "scanned " + done + " of " + current.size());
      if (done == current.size()) {
        return current;
      }
      if (clock.instant().isAfter(deadline)) {
        log.warn(
            "Ingest {} stops following its scans after {}; they go on, their outcomes stay"
                + " 'running' in the ingest result",
            context.jobId(),
            properties.ingestWait());
        return current;
      }
      context.checkpoint();
      TimeUnit.MILLISECONDS.sleep(properties.ingestPoll().toMillis());
    }
  }

  private IngestOutcome refresh(UUID tenantId, IngestOutcome outcome) {
    if (outcome.scanJobId() == null || outcome.finished()) {
      return outcome;
    }
    return jobs.find(tenantId, outcome.scanJobId())
        .map(job -> outcome.withJob(job.state().value(), job.error(), scanUrl(job)))
        .orElse(outcome.withJob("failed", "the scan job disappeared", null));
  }

  private static String scanUrl(JobView job) {
    return job.resultRef();
  }

  private void cancelChildren(UUID tenantId, List<IngestOutcome> outcomes) {
    for (IngestOutcome outcome : outcomes) {
      if (outcome.scanJobId() != null && !outcome.finished()) {
        try {
          jobs.cancel(tenantId, outcome.scanJobId());
        } catch (RuntimeException e) {
          log.info(
              "Scan {} of a cancelled ingest could not be cancelled: {}",
              outcome.scanJobId(),
              e.getMessage());
        }
      }
    }
  }
}
