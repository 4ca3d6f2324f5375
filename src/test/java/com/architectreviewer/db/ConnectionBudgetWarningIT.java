package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Startup compares pool × expected instances with the server's max_connections, queried. */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionBudgetWarningIT {

  private static final String DATABASE = TestDatabase.freshDatabase();

  private static ConnectionBudget.Figures report(int poolSize, int instances) {
    var properties =
        new DatabaseProperties(poolSize, null, null, null, instances, null, null, null, null, null);
    var url = DatabaseUrl.parse("DATABASE_URL", DATABASE);
    try (var pool = ConnectionPool.open(url, "DATABASE_URL", properties, null)) {
      return ConnectionBudget.report(pool, properties.expectedInstances());
    }
  }

  @Test
  void warnsWhenTheDeploymentNeedsMoreConnectionsThanTheServerAllows(CapturedOutput output) {
    var figures = report(5, 100);
    assertThat(figures.maxConnections()).isPositive();
    assertThat(figures.planned()).isEqualTo(500);
    assertThat(figures.exceeded()).isEqualTo(500 > figures.available());
    assertThat(figures.exceeded()).as("the test server allows fewer than 500").isTrue();
    assertThat(output)
        .contains("pool of 5 × 100 expected instance(s) = 500 connections")
        .contains("WARN")
        .contains("Lower reviewer.db.pool-size");
  }

  @Test
  void onlyInformsWhenTheBudgetFits(CapturedOutput output) {
    var figures = report(3, 2);
    assertThat(figures.exceeded()).isFalse();
    assertThat(output).contains("pool of 3 × 2 expected instance(s) = 6 connections");
    assertThat(output).doesNotContain("Lower reviewer.db.pool-size");
  }
}
