package com.architectreviewer.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

  private static DatabaseUrl parse(String url) {
    return DatabaseUrl.parse("DATABASE_URL", url);
  }

  @Test
  void readsAPrismaStyleUrlWithEveryParameter() {
    var url =
        parse(
            "postgres://app:secret@db.example.com:6000/reviews?sslmode=require&schema=tenant1"
                + "&connection_limit=7&pool_timeout=20&connect_timeout=3&pgbouncer=true"
                + "&application_name=api-eu");
    assertThat(url.host()).isEqualTo("db.example.com");
    assertThat(url.port()).isEqualTo(6000);
    assertThat(url.database()).isEqualTo("reviews");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("secret");
    assertThat(url.sslMode()).isEqualTo("require");
    assertThat(url.schema()).isEqualTo("tenant1");
    assertThat(url.connectionLimit()).isEqualTo(7);
    assertThat(url.poolTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(url.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(url.pgbouncer()).isTrue();
    assertThat(url.applicationName()).isEqualTo("api-eu");
    assertThat(url.poolerMode()).isTrue();
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6000/reviews");
  }

  @Test
  void postgresqlSchemeAndDefaultPortAreAccepted() {
    var url = parse("postgresql://app@localhost/reviews");
    assertThat(url.port()).isEqualTo(5432);
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isNull();
    assertThat(url.poolerMode()).isFalse();
  }

  @Test
  void decodesUrlEncodedPasswordsAndUsers() {
    var url = parse("postgres://us%40er:p%40ss%3Aw%2Frd%25%23%3F+x%C3%A9@h:5432/d");
    assertThat(url.user()).isEqualTo("us@er");
    assertThat(url.password()).isEqualTo("p@ss:w/rd%#?+xé");
  }

  @Test
  void toleratesAnUnencodedAtSignInThePassword() {
    var url = parse("postgres://app:p@ss@h:5432/d");
    assertThat(url.password()).isEqualTo("p@ss");
    assertThat(url.host()).isEqualTo("h");
  }

  @Test
  void readsIpv6Hosts() {
    var url = parse("postgres://app:pw@[::1]:6543/d");
    assertThat(url.host()).isEqualTo("::1");
    assertThat(url.port()).isEqualTo(6543);
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:6543/d");
    assertThat(parse("postgres://[2001:db8::5]/d").port()).isEqualTo(5432);
  }

  @Test
  void readsJdbcUrlsWithCredentialsAndDriverProperties() {
    var url =
        parse(
            "jdbc:postgresql://db:5433/reviews?user=app&password=s%26cret&sslmode=verify-full"
                + "&socketTimeout=30&ApplicationName=worker&pgbouncer=true&connectTimeout=4");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("s&cret");
    assertThat(url.sslMode()).isEqualTo("verify-full");
    assertThat(url.applicationName()).isEqualTo("worker");
    assertThat(url.connectTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(url.driverProperties()).containsEntry("socketTimeout", "30");
    assertThat(url.poolerMode()).isTrue();
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/reviews");
    assertThat(parse("jdbc:postgresql:reviews").host()).isEqualTo("localhost");
  }

  @Test
  void detectsSupabaseAndNeonPoolerHosts() {
    assertThat(
            parse("postgres://u:p@aws-0-eu-central-1.pooler.supabase.com:6543/postgres")
                .poolerMode())
        .isTrue();
    assertThat(
            parse("postgres://u:p@aws-0-eu-central-1.pooler.supabase.com:5432/postgres")
                .poolerMode())
        .as("the Supabase pooler's session mode port")
        .isFalse();
    assertThat(
            parse("postgres://u:p@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb")
                .poolerMode())
        .isTrue();
    assertThat(
            parse("postgres://u:p@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb")
                .poolerMode())
        .isFalse();
    assertThat(
            parse("postgres://u:p@ep-x-pooler.aws.neon.tech/neondb?pgbouncer=false").poolerMode())
        .as("an explicit pgbouncer=false wins")
        .isFalse();
  }

  @Test
  void connectionPropertiesCarryTlsSchemaTimeoutsAndApplicationName() {
    var url = parse("postgres://u:p@h/d?sslmode=require&schema=s1&sslrootcert=/etc/ca.pem");
    var properties = url.connectionProperties("architect-reviewer", Duration.ofSeconds(5));
    assertThat(properties)
        .containsEntry("sslmode", "require")
        .containsEntry("currentSchema", "s1")
        .containsEntry("sslrootcert", "/etc/ca.pem")
        .containsEntry("connectTimeout", "5")
        .containsEntry("ApplicationName", "architect-reviewer")
        .doesNotContainKeys("user", "password");
    assertThat(
            parse("postgres://u:p@h/d?application_name=x&connect_timeout=2")
                .connectionProperties("architect-reviewer", Duration.ofSeconds(5)))
        .containsEntry("ApplicationName", "x")
        .containsEntry("connectTimeout", "2");
  }

  @Test
  void neverShowsThePassword() {
    var url = parse("postgres://app:VerySecret123@h:5432/d?pgbouncer=true");
    assertThat(url.toString()).doesNotContain("VerySecret123").contains("app:*****@h:5432/d");
    assertThat(url.jdbcUrl()).doesNotContain("VerySecret123");
    assertThatThrownBy(() -> parse("postgres://app:VerySecret123@h:5432/d?bogus=1"))
        .hasMessageNotContaining("VerySecret123");
  }

  @Test
  void unknownParametersAreRejectedByName() {
    assertThatThrownBy(() -> parse("postgres://u:p@h/d?connection_limt=5"))
        .isInstanceOf(DatabaseUrlRejected.class)
        .hasMessageContaining("DATABASE_URL")
        .hasMessageContaining("unknown parameter 'connection_limt'");
    assertThatThrownBy(() -> parse("jdbc:postgresql://h/d?notAProperty=1"))
        .hasMessageContaining("unknown parameter 'notAProperty'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "mysql://u:p@h/d",
        "h:5432/d",
        "postgres://u:p@h:notaport/d",
        "postgres://u:p@h:70000/d",
        "postgres://u:p@h:5432",
        "postgres://u:p@:5432/d",
        "postgres://u:p@::1:5432/d",
        "postgres://u:p@[::1/d",
        "postgres://u:p@[localhost]:5432/d",
        "postgres://u:p#x@h/d",
        "postgres://u:p%zz@h/d",
        "postgres://u:p@h/d?sslmode=sometimes",
        "postgres://u:p@h/d?connection_limit=0",
        "postgres://u:p@h/d?connection_limit=many",
        "postgres://u:p@h/d?pool_timeout=-1",
        "postgres://u:p@h/d?connect_timeout=soon",
        "postgres://u:p@h/d?pgbouncer=yes",
        "postgres://u:p@h/d?application_name=",
        "postgres://u:p@h/d?schema=",
        "postgres://u:p@h/d?sslmode=require&sslmode=disable",
        "postgres://u:p@h1,h2/d",
        "postgres://:p@h/d"
      })
  void badUrlsAreRejectedWithAReason(String bad) {
    assertThatThrownBy(() -> parse(bad))
        .isInstanceOf(DatabaseUrlRejected.class)
        .hasMessageStartingWith("DATABASE_URL is not usable: ");
  }

  @Test
  void poolSettingsComeFromTheUrlOrTheProperties() {
    var url = parse("postgres://u:p@h/d?connection_limit=4&pool_timeout=3");
    var settings = PoolSettings.resolve(DatabaseProperties.defaults(), url, "DATABASE_URL");
    assertThat(settings.maximumSize()).isEqualTo(4);
    assertThat(settings.poolTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    var defaults =
        PoolSettings.resolve(
            DatabaseProperties.defaults(), parse("postgres://h/d"), "DATABASE_URL");
    assertThat(defaults.maximumSize())
        .isEqualTo(Runtime.getRuntime().availableProcessors() * 2 + 1);
    assertThat(defaults.poolTimeout()).isEqualTo(Duration.ofSeconds(10));
    var properties =
        new DatabaseProperties(9, null, null, null, null, null, null, null, null, null);
    assertThat(
            PoolSettings.resolve(properties, parse("postgres://h/d"), "DATABASE_URL").maximumSize())
        .isEqualTo(9);
    assertThatThrownBy(() -> PoolSettings.resolve(properties, url, "DATABASE_URL"))
        .isInstanceOf(DatabaseUrlRejected.class)
        .hasMessageContaining("reviewer.db.pool-size")
        .hasMessageContaining("connection_limit");
  }

  @Test
  void poolerModeTurnsServerSidePreparedStatementsOff() {
    var properties = DatabaseProperties.defaults();
    var pooled = parse("postgres://u:p@h:6432/d?pgbouncer=true");
    var direct = parse("postgres://u:p@h:5432/d");
    assertThat(
            ConnectionPool.connectionProperties(
                pooled, properties, PoolSettings.resolve(properties, pooled, "DATABASE_URL")))
        .containsEntry("prepareThreshold", "0");
    assertThat(
            ConnectionPool.connectionProperties(
                direct, properties, PoolSettings.resolve(properties, direct, "DATABASE_URL")))
        .doesNotContainKey("prepareThreshold");
  }

  @Test
  void poolerModeWithoutDirectUrlSaysToSetIt() {
    assertThatThrownBy(
            () -> DatabaseServer.External.of(parse("postgres://u:p@h/d?pgbouncer=true"), null))
        .isInstanceOf(DatabaseUrlRejected.class)
        .hasMessageContaining("set DIRECT_URL");
    var server =
        DatabaseServer.External.of(
            parse("postgres://u:p@h:6543/d?pgbouncer=true"), parse("postgres://u:p@h:5432/d"));
    assertThat(server.directUrl().port()).isEqualTo(5432);
    assertThatThrownBy(() ->
            DatabaseServer.External.of(
                parse("postgres://u:p@h:6543/d?pgbouncer=true"),
                parse("postgres://u:p@h:6543/d?pgbouncer=true")))
        .hasMessageContaining("DIRECT_URL");
  }
}
