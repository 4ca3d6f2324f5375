package com.architectreviewer.jobs;

import com.architectreviewer.db.UnobservedDataSource;
import com.architectreviewer.observability.ErrorReporting;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one db-scheduler task, {@code job}, that runs every kind of job. The task instance id is the
 * job id; the job's input lives in {@code jobs.payload}, so no serialized data is kept by
 * db-scheduler.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

  /** After an unexpected error outside any handler (e.g. the database went away mid-claim). */
  static final Duration INTERNAL_FAILURE_DELAY = Duration.ofSeconds(2);

  /** db-scheduler's lock-and-fetch is ours: see {@link QueueJdbcCustomization}. */
  @Bean
  DbSchedulerCustomizer dbSchedulerCustomizer(
      UnobservedDataSource database, PickedClaims claims, JobsProperties properties) {
    return new DbSchedulerCustomizer() {
      @Override
      public Optional<JdbcCustomization> jdbcCustomization() {
        return Optional.of(new QueueJdbcCustomization(claims, properties.tenantRunningLimit()));
      }

      /** Its polling and picking: the pool without per-statement observation, as the claims. */
      @Override
      public Optional<DataSource> dataSource() {
        return Optional.of(database.dataSource());
      }
    };
  }

  @Bean
  PickedClaims pickedClaims() {
    return new PickedClaims();
  }

  @Bean
  Task<Void> jobTask(
      PickedClaims pickedClaims,
      List<JobHandler> handlers,
      ExecutionRepository repository,
      JobsProperties properties,
      JobMetrics metrics,
      ErrorReporting errors,
      LiveProgress live,
      JobsClock clock) {
    var runner =
        new JobRunner(
            handlers, repository, pickedClaims, properties, metrics, errors, live, clock.clock());
    return Tasks.custom(JobRepository.TASK_NAME, Void.class)
        .onDeadExecutionRevive()
        .onFailure((complete, operations) ->
            operations.reschedule(complete, clock.clock().instant().plus(INTERNAL_FAILURE_DELAY)))
        .execute(runner::execute);
  }
}
