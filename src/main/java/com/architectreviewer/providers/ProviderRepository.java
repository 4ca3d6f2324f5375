package com.architectreviewer.providers;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code providers} table. */
@Repository
class ProviderRepository {

  private static final String COLUMNS =
      """
      name, api_style, base_url, model, api_key_env, input_price_per_1k, output_price_per_1k,
      max_output_tokens, requests_per_minute, enabled, priority
      """;
  private static final String ALL = "SELECT " + COLUMNS + " FROM providers ORDER BY priority, name";
  private static final String ONE = "SELECT " + COLUMNS + " FROM providers WHERE name = :name";

  /** Seeding inserts new entries and refreshes those no admin has edited. */
  private static final String SEED =
      """
      INSERT INTO providers (name, api_style, base_url, model, api_key_env, input_price_per_1k,
          output_price_per_1k, max_output_tokens, requests_per_minute, enabled, priority, updated_at)
      VALUES (:name, :apiStyle, :baseUrl, :model, :apiKeyEnv, :inputPrice, :outputPrice,
          :maxOutputTokens, :requestsPerMinute, :enabled, :priority, :now)
      ON CONFLICT (name) DO UPDATE SET
          api_style = EXCLUDED.api_style, base_url = EXCLUDED.base_url, model = EXCLUDED.model,
          api_key_env = EXCLUDED.api_key_env, input_price_per_1k = EXCLUDED.input_price_per_1k,
          output_price_per_1k = EXCLUDED.output_price_per_1k,
          max_output_tokens = EXCLUDED.max_output_tokens,
          requests_per_minute = EXCLUDED.requests_per_minute, enabled = EXCLUDED.enabled,
          priority = EXCLUDED.priority, updated_at = EXCLUDED.updated_at
      WHERE providers.edited_at IS NULL
      """;

  private static final String EDIT =
      """
      UPDATE providers SET api_style = :apiStyle, base_url = :baseUrl, model = :model,
          api_key_env = :apiKeyEnv, input_price_per_1k = :inputPrice,
          output_price_per_1k = :outputPrice, max_output_tokens = :maxOutputTokens,
          requests_per_minute = :requestsPerMinute, enabled = :enabled, priority = :priority,
          edited_at = :now, updated_at = :now
      WHERE name = :name
      """;

  private final JdbcClient jdbc;
  private final Clock clock;

  ProviderRepository(JdbcClient jdbc, ObjectProvider<Clock> clock) {
    this.jdbc = jdbc;
    this.clock = clock.getIfUnique(Clock::systemUTC);
  }

  List<Provider> all() {
    return jdbc.sql(ALL).query(ProviderRepository::provider).list();
  }

  Optional<Provider> find(String name) {
    return jdbc.sql(ONE).param("name", name).query(ProviderRepository::provider).optional();
  }

  void seed(Provider provider) {
    bind(jdbc.sql(SEED), provider).update();
  }

  /** Returns false when there is no provider of that name. */
  boolean edit(Provider provider) {
    return bind(jdbc.sql(EDIT), provider).update() == 1;
  }

  private JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Provider provider) {
    return statement
        .param("name", provider.name())
        .param("apiStyle", provider.apiStyle().id())
        .param("baseUrl", provider.baseUrl().toString())
        .param("model", provider.model())
        .param("apiKeyEnv", provider.apiKeyEnv())
        .param("inputPrice", provider.inputPricePer1k())
        .param("outputPrice", provider.outputPricePer1k())
        .param("maxOutputTokens", provider.maxOutputTokens())
        .param("requestsPerMinute", provider.requestsPerMinute())
        .param("enabled", provider.enabled())
        .param("priority", provider.priority())
        .param("now", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
  }

  private static Provider provider(ResultSet rs, int row) throws SQLException {
    return new Provider(
        rs.getString("name"),
        ApiStyle.of(rs.getString("api_style")).orElseThrow(),
        URI.create(rs.getString("base_url")),
        rs.getString("model"),
        rs.getString("api_key_env"),
        rs.getBigDecimal("input_price_per_1k"),
        rs.getBigDecimal("output_price_per_1k"),
        rs.getInt("max_output_tokens"),
        rs.getInt("requests_per_minute"),
        rs.getBoolean("enabled"),
        rs.getInt("priority"));
  }
}
