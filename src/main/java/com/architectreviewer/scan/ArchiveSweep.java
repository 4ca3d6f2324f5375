package com.architectreviewer.scan;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deletes uploaded archives past {@code reviewer.scan.archive-retention}: those of jobs that failed
 * or were cancelled longer ago (kept until then for a retry), and those without a job stored longer
 * ago. A db-scheduler recurring task, so one worker of the cluster runs it at a time. (An archive
 * whose job succeeds is deleted at once, in the same transaction; archives of queued or running
 * jobs always stay.)
 */
@Configuration(proxyBeanMethods = false)
class ArchiveSweep {

  static final String TASK_NAME = "scan-archive-sweep";
  private static final Logger log = LoggerFactory.getLogger(ArchiveSweep.class);

  @Bean
  RecurringTask<Void> scanArchiveSweep(ScanStore store, ScanProperties properties) {
    var clock = Clock.systemUTC();
    return Tasks.recurring(TASK_NAME, FixedDelay.of(properties.archiveSweepInterval()))
        .execute((instance, context) -> {
          int deleted = store.sweepArchives(clock.instant().minus(properties.archiveRetention()));
          if (deleted > 0) {
            log.info(
                "Deleted {} uploaded archive(s) of jobs that finished, or without a job and"
                    + " stored, more than {} ago",
                deleted,
                properties.archiveRetention());
          }
        });
  }
}
