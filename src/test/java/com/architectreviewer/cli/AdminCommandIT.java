package com.architectreviewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@code reviewer admin ...} against a real database, as an operator runs it. */
class AdminCommandIT {

  static String database;
  static JdbcClient jdbc;

  record Run(int exitCode, String out, String err) {}

  @BeforeAll
  static void database() {
    database = TestDatabase.freshDatabase();
    System.setProperty("DATABASE_URL", database);
    jdbc = JdbcClient.create(new DriverManagerDataSource(database));
  }

  @AfterAll
  static void clear() {
    System.clearProperty("DATABASE_URL");
  }

  static Run run(String... args) {
    var out = new StringWriter();
    var err = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void createsATenantAndAKeyThatAuthenticatesThenListsAndRevokesIt() {
    var tenant = run("admin", "create-tenant", "acme");
    assertThat(tenant.exitCode()).isZero();
    assertThat(tenant.out()).startsWith("Created tenant: acme ");

    var created = run("admin", "create-key", "--tenant", "acme", "--role", "admin");
    assertThat(created.exitCode()).isZero();
    String key = created.out().strip();
    assertThat(key).matches("rvw_[0-9a-f]{8}_[0-9a-f]{64}");
    String prefix = key.substring(4, 12);
    var keys = new ApiKeys(jdbc);
    assertThat(keys.authenticate(key)).get().extracting(Caller::role).isEqualTo(Caller.Role.ADMIN);
    assertThat(
            jdbc.sql("SELECT count(*) FROM api_keys WHERE encode(key_hash, 'escape') LIKE :k")
                .param("k", "%" + key.substring(13) + "%")
                .query(Long.class)
                .single())
        .isZero();

    var listed = run("admin", "list-keys");
    assertThat(listed.exitCode()).isZero();
    assertThat(listed.out())
        .contains(prefix)
        .contains("acme")
        .contains("admin")
        .doesNotContain(key);

    var revoked = run("admin", "revoke-key", prefix);
    assertThat(revoked.exitCode()).isZero();
    assertThat(keys.authenticate(key)).isEmpty();
    var again = run("admin", "revoke-key", prefix);
    assertThat(again.exitCode()).isEqualTo(2);
    assertThat(again.err().strip()).isEqualTo("error: no active key with prefix " + prefix);
  }

  @Test
  void badArgumentsAreOneLineErrorsWithExitCode2() {
    var unknownTenant = run("admin", "create-key", "--tenant", "nobody");
    var badName = run("admin", "create-tenant", "Not A Name");
    var badPrefix = run("admin", "revoke-key", "../../x");
    var badRole = run("admin", "create-key", "--tenant", "acme", "--role", "root");

    assertThat(unknownTenant.exitCode()).isEqualTo(2);
    assertThat(unknownTenant.err().strip())
        .isEqualTo(
            "error: no tenant named 'nobody'; create it with: reviewer admin create-tenant nobody");
    assertThat(badName.exitCode()).isEqualTo(2);
    assertThat(badName.err().strip().lines()).hasSize(1);
    assertThat(badPrefix.exitCode()).isEqualTo(2);
    assertThat(badPrefix.err().strip().lines()).hasSize(1);
    assertThat(badRole.exitCode()).isEqualTo(2);
    assertThat(badRole.err()).contains("--role");
  }
}
