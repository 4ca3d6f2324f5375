package com.architectreviewer.jobs;

import com.github.kagkarlsson.scheduler.TaskResolver;
import com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepositoryContext;
import com.github.kagkarlsson.scheduler.jdbc.PostgreSqlJdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.shaded.jdbc.ResultSetMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

/**
 * db-scheduler on PostgreSQL, with its lock-and-fetch done by {@code reviewer_pick_and_claim}: one
 * round trip per fetch that picks the due executions (with plans that do not depend on the
 * execution table's statistics) and claims their jobs; the claims go to {@link PickedClaims}, so a
 * worker thread starts its job without a round trip of its own. Both of db-scheduler's own forms
 * went wrong on a queue that fills in bursts: the single statement planned a sequential scan per
 * fetch, and the generic form's pick of each execution by primary key did too once autovacuum had
 * last seen the table nearly empty (see the migrations that create the functions). Executions are
 * always taken in priority order ({@code db-scheduler.priority-enabled}).
 */
final class QueueJdbcCustomization extends PostgreSqlJdbcCustomization {

  private static final String PICK = "SELECT * FROM reviewer_pick_and_claim(?, ?, ?, ?, ?)";

  /** db-scheduler's limit for {@code picked_by}. */
  private static final int PICKED_BY_LENGTH = 50;

  private final PickedClaims claims;
  private final int tenantRunningLimit;

  QueueJdbcCustomization(PickedClaims claims, int tenantRunningLimit) {
    super(false, false);
    this.claims = claims;
    this.tenantRunningLimit = tenantRunningLimit;
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
    ResultSetMapper<List<Execution>> executions =
        rows -> context.resultSetMapper.get().map(recordingClaims(rows, now));
    return context.jdbcRunner.query(
        PICK,
        statement -> {
          setInstant(statement, 1, now);
          statement.setInt(2, limit);
          statement.setString(3, name);
          statement.setArray(4, statement.getConnection().createArrayOf("text", unresolved));
          statement.setInt(5, tenantRunningLimit);
        },
        executions);
  }

  /**
   * The result as db-scheduler reads it (its own mapper makes the executions), with each row's
   * claim recorded as the mapper moves to it.
   */
  private ResultSet recordingClaims(ResultSet rows, Instant now) {
    return (ResultSet)
        Proxy.newProxyInstance(
            ResultSet.class.getClassLoader(),
            new Class<?>[] {ResultSet.class},
            (proxy, method, arguments) -> {
              try {
                Object result = method.invoke(rows, arguments);
                if (method.getName().equals("next") && Boolean.TRUE.equals(result)) {
                  claims.record(rows, now);
                }
                return result;
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
