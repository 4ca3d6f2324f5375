package com.architectreviewer.jobs;

import com.github.kagkarlsson.scheduler.TaskResolver;
import com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepositoryContext;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Execution;
import java.time.Instant;
import java.util.List;

/**
 * db-scheduler on PostgreSQL, with its lock-and-fetch done by {@code reviewer_pick_executions}: one
 * round trip per fetch, with a plan that does not depend on the execution table's statistics. Both
 * of db-scheduler's own forms went wrong on a queue that fills in bursts: the single statement
 * planned a sequential scan per fetch, and the generic form's pick of each execution by primary key
 * did too once autovacuum had last seen the table nearly empty (see the migration that creates the
 * function). Executions are always taken in priority order ({@code db-scheduler.priority-enabled}).
 */
final class QueueJdbcCustomization extends PostgreSqlJdbcCustomization {

  private static final String PICK = "SELECT * FROM reviewer_pick_executions(?, ?, ?, ?)";

  /** db-scheduler's limit for {@code picked_by}. */
  private static final int PICKED_BY_LENGTH = 50;

  QueueJdbcCustomization() {
    super(false, false);
  }

  @Override
  public boolean supportsSingleStatementLockAndFetch() {
    return true;
  }

  @Override
  public boolean supportsGenericLockAndFetch() {
    return false;
  }

  @Override
  public List<Execution> lockAndFetchSingleStatement(
      JdbcTaskRepositoryContext context, Instant now, int limit, boolean orderByPriority) {
    String[] unresolved =
        context.taskResolver.getUnresolved().stream()
            .map(TaskResolver.UnresolvedTask::getTaskName)
            .toArray(String[]::new);
    String pickedBy = context.schedulerName.getName();
    String name =
        pickedBy.length() > PICKED_BY_LENGTH ? pickedBy.substring(0, PICKED_BY_LENGTH) : pickedBy;
    return context.jdbcRunner.query(
        PICK,
        statement -> {
          setInstant(statement, 1, now);
          statement.setInt(2, limit);
          statement.setString(3, name);
          statement.setArray(4, statement.getConnection().createArrayOf("text", unresolved));
        },
        context.resultSetMapper.get());
  }
}
