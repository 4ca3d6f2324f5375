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
 * Deletes uploaded archives that no job needs any more and that are older than {@code
 * reviewer.scan.archive-retention}: a db-scheduler recurring task, so one worker of the cluster
 * runs it at a time. (An archive whose job reaches a final state is deleted at once, in the same
 * transaction; this sweep catches the rest.)
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
                "Deleted {} uploaded archive(s) older than {} that no queued or running job needs",
                deleted,
                properties.archiveRetention());
          }
        });
  }
}
