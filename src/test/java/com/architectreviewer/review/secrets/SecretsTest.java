package com.architectreviewer.review.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

  private static List<SecretKind> kinds(String text) {
    return Secrets.find(text).stream().map(SecretMatch::kind).toList();
  }

  @Test
  void theLocalStacksDemoServiceRoleKeyIsNotAProjectSecret() {
    var encoder = java.util.Base64.getUrlEncoder().withoutPadding();
    var header = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes());
    var payload =
        encoder.encodeToString(
            "{\"iss\":\"supabase-demo\",\"role\":\"service_role\",\"exp\":1983812996}".getBytes());
    var demo = header + "." + payload + ".EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU";
    assertThat(kinds("select '" + demo + "'")).isEmpty();
    assertThat(kinds("\"" + FakeKeys.SERVICE_ROLE + "\""))
        .containsExactly(SecretKind.SUPABASE_SERVICE_ROLE_JWT);
  }

  @Test
  void recognisesEveryProviderFormat() {
    assertThat(kinds("apiKey: \"" + FakeKeys.OPENAI + "\"")).containsExactly(SecretKind.OPENAI_KEY);
    assertThat(kinds("'" + FakeKeys.ANTHROPIC + "'")).containsExactly(SecretKind.ANTHROPIC_KEY);
    assertThat(kinds("new Stripe(\"" + FakeKeys.STRIPE + "\")"))
        .containsExactly(SecretKind.STRIPE_LIVE_KEY);
    assertThat(kinds("accessKeyId: \"" + FakeKeys.AKIA + "\","))
        .containsExactly(SecretKind.AWS_ACCESS_KEY_ID);
    assertThat(kinds("secretAccessKey: \"" + FakeKeys.AWS_SECRET + "\","))
        .containsExactly(SecretKind.AWS_SECRET_ACCESS_KEY);
    assertThat(kinds("aws_secret_access_key = " + FakeKeys.AWS_SECRET))
        .containsExactly(SecretKind.AWS_SECRET_ACCESS_KEY);
    assertThat(kinds("auth: `" + FakeKeys.GHP + "`")).containsExactly(SecretKind.GITHUB_TOKEN);
    assertThat(kinds("new WebClient('" + FakeKeys.SLACK + "')"))
        .containsExactly(SecretKind.SLACK_TOKEN);
    assertThat(kinds("\"" + FakeKeys.SERVICE_ROLE + "\""))
        .containsExactly(SecretKind.SUPABASE_SERVICE_ROLE_JWT);
    assertThat(
            kinds(
                "url: \"postgresql://postgres.ref:"
                    + FakeKeys.DB_PASSWORD
                    + "@aws-0-eu-central-1.pooler.supabase.com:6543/postgres\""))
        .containsExactly(SecretKind.DATABASE_URL_PASSWORD);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "AKIAIOSFODNN7EXAMPLE",
        "OPENAI_API_KEY=sk-...your key...",
        "postgresql://postgres:postgres@localhost:5432/dev",
        "postgresql://user:password@host:6543/db",
        "postgresql://postgres:[YOUR-PASSWORD]@db.abcdefgh.supabase.co:5432/postgres",
        "postgres://${user}:${password}@db.example.com/app",
        "mongodb://root:example@mongo:27017",
        "apiKey: process.env.OPENAI_API_KEY",
        "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
      })
  void leavesPlaceholdersExamplesAndLocalUrlsAlone(String text) {
    assertThat(Secrets.find(text)).isEmpty();
  }

  @Test
  void theSupabaseAnonKeyIsPublicAndNotReported() {
    assertThat(Secrets.find("createClient(url, \"" + FakeKeys.ANON + "\")")).isEmpty();
  }

  @Test
  void redactsEveryValueAndKeepsOnlyItsPrefix() {
    var line =
        "const a = \""
            + FakeKeys.OPENAI
            + "\", b = \""
            + FakeKeys.STRIPE
            + "\"; // postgresql://app:"
            + FakeKeys.DB_PASSWORD
            + "@db.example.com/app";
    var redacted = Secrets.redact(line);
    assertThat(redacted)
        .doesNotContain(
            FakeKeys.OPENAI.substring(10), FakeKeys.STRIPE.substring(10), FakeKeys.DB_PASSWORD)
        .contains(
            "sk-proj-…[redacted]",
            "sk_live_…[redacted]",
            "postgresql://app:…[redacted]@db.example.com");
  }

  @Test
  void redactionLeavesTextWithoutSecretsUnchanged() {
    var line = "const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });";
    assertThat(Secrets.redact(line)).isEqualTo(line);
  }
}
