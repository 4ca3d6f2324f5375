package com.architectreviewer.review.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretsTest {

  // Fake keys with the real formats (random, never issued).
  static final String OPENAI =
      "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";
  static final String ANTHROPIC =
      "sk-ant-api03-Tuashe4c2J239CJiZ9f7aAEZVNcphl95WzskoobnuXh_28qCZG_blzEHjxzfxIEWy8nEZzZYsSJoj8E27_8wdGmYdiEXlAA";
  static final String STRIPE =
      "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";
  static final String AKIA = "AKIA3IR26OSAVKNEPEPR";
  static final String AWS_SECRET = "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";
  static final String GHP = "ghp_XBQUDFsha4zGg53Mc7L5jkdFgi7F4r1DxSZE";
  static final String SLACK = "xoxb-330801528170-5205216197247-xCNvFEiicDRwcN3x0WI1tVef";
  static final String SERVICE_ROLE =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3a3podHJ2Ym5tcGx4Y2QiLCJyb2xlIjoic2VydmljZV9yb2xlIiwiaWF0IjoxNzMzMDAwMDAwLCJleHAiOjIwNDg1NzYwMDB9.WFzxAjJxa36BfsaGe2E_O9XCNBrp0sDkN9y5LlqpGEg";
  static final String ANON =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3a3podHJ2Ym5tcGx4Y2QiLCJyb2xlIjoiYW5vbiIsImlhdCI6MTczMzAwMDAwMCwiZXhwIjoyMDQ4NTc2MDAwfQ.sCAOhOh8aGfm5xENKTXCgMg72vKQjGB2kjs3Z9CBQQ9";
  static final String DB_PASSWORD = "0W5ZVyGqr3I8aZN5oUirSP";

  private static List<SecretKind> kinds(String text) {
    return Secrets.find(text).stream().map(SecretMatch::kind).toList();
  }

  @Test
  void recognisesEveryProviderFormat() {
    assertThat(kinds("apiKey: \"" + OPENAI + "\"")).containsExactly(SecretKind.OPENAI_KEY);
    assertThat(kinds("'" + ANTHROPIC + "'")).containsExactly(SecretKind.ANTHROPIC_KEY);
    assertThat(kinds("new Stripe(\"" + STRIPE + "\")")).containsExactly(SecretKind.STRIPE_LIVE_KEY);
    assertThat(kinds("accessKeyId: \"" + AKIA + "\","))
        .containsExactly(SecretKind.AWS_ACCESS_KEY_ID);
    assertThat(kinds("secretAccessKey: \"" + AWS_SECRET + "\","))
        .containsExactly(SecretKind.AWS_SECRET_ACCESS_KEY);
    assertThat(kinds("aws_secret_access_key = " + AWS_SECRET))
        .containsExactly(SecretKind.AWS_SECRET_ACCESS_KEY);
    assertThat(kinds("auth: `" + GHP + "`")).containsExactly(SecretKind.GITHUB_TOKEN);
    assertThat(kinds("new WebClient('" + SLACK + "')")).containsExactly(SecretKind.SLACK_TOKEN);
    assertThat(kinds("\"" + SERVICE_ROLE + "\""))
        .containsExactly(SecretKind.SUPABASE_SERVICE_ROLE_JWT);
    assertThat(
            kinds(
                "url: \"postgresql://postgres.ref:"
                    + DB_PASSWORD
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
    assertThat(Secrets.find("createClient(url, \"" + ANON + "\")")).isEmpty();
  }

  @Test
  void redactsEveryValueAndKeepsOnlyItsPrefix() {
    var line =
        "const a = \""
            + OPENAI
            + "\", b = \""
            + STRIPE
            + "\"; // postgresql://app:"
            + DB_PASSWORD
            + "@db.example.com/app";
    var redacted = Secrets.redact(line);
    assertThat(redacted)
        .doesNotContain(OPENAI.substring(10), STRIPE.substring(10), DB_PASSWORD)
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
