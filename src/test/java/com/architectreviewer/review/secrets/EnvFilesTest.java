package com.architectreviewer.review.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnvFilesTest {

  @Test
  void knowsEnvFilesFromTheirTemplates() {
    assertThat(EnvFiles.isEnvFile(".env")).isTrue();
    assertThat(EnvFiles.isEnvFile(".env.production.local")).isTrue();
    assertThat(EnvFiles.isEnvFile(".env.example")).isFalse();
    assertThat(EnvFiles.isTemplate(".env.local.sample")).isTrue();
    assertThat(EnvFiles.isEnvFile("env.ts")).isFalse();
  }

  @Test
  void parsesEntriesWithQuotesExportAndComments() {
    var entries =
        EnvFiles.parse(
            "# comment\nexport A=1\nB=\"two words\" \nC='x' # why\nD=plain # note\n\nnot an entry\n");
    assertThat(entries)
        .containsExactly(
            new EnvEntry("A", "1", 2),
            new EnvEntry("B", "two words", 3),
            new EnvEntry("C", "x", 4),
            new EnvEntry("D", "plain", 5));
  }

  @Test
  void tellsRealSecretsFromPlaceholders() {
    assertThat(real("JWT_SECRET", "4tV9qLm2Xc8Rz1Kp7Wn3Bs6Hd0Yf5Ga")).isTrue();
    assertThat(real("RESEND_API_KEY", "re_Kx7pQ2mVt9LwZ4nB8cYd3RfH_6sJgT1aE")).isTrue();
    assertThat(real("WHATEVER", FakeKeys.STRIPE)).isTrue();
    assertThat(
            real(
                "DATABASE_URL",
                "postgresql://postgres.ref:" + FakeKeys.DB_PASSWORD + "@db.example.com:6543/p"))
        .isTrue();
    assertThat(real("NEXTAUTH_SECRET", "changeme")).isFalse();
    assertThat(real("OPENAI_API_KEY", "")).isFalse();
    assertThat(real("OPENAI_API_KEY", "sk-...")).isFalse();
    assertThat(real("DATABASE_URL", "postgresql://postgres:postgres@localhost:5432/app")).isFalse();
    assertThat(real("NEXT_PUBLIC_SITE_URL", "https://acme.example/aVeryLongPathSegment123"))
        .isFalse();
    assertThat(real("NODE_ENV", "production")).isFalse();
  }

  @Test
  void redactedLinesNeverShowTheValue() {
    assertThat(new EnvEntry("JWT_SECRET", "4tV9qLm2Xc8Rz1Kp7Wn3Bs6Hd0Yf5Ga", 1).redactedLine())
        .isEqualTo("JWT_SECRET=[redacted]");
  }

  @Test
  void namesSayWhatMustStayOnTheServer() {
    assertThat(SecretNames.clientPrefix("NEXT_PUBLIC_OPENAI_API_KEY")).contains("NEXT_PUBLIC_");
    assertThat(SecretNames.clientPrefix("OPENAI_API_KEY")).isEmpty();
    assertThat(SecretNames.mustStayOnServer("OPENAI_API_KEY")).isTrue();
    assertThat(SecretNames.mustStayOnServer("SUPABASE_SERVICE_ROLE_KEY")).isTrue();
    assertThat(SecretNames.mustStayOnServer("STRIPE_SECRET_KEY")).isTrue();
    assertThat(SecretNames.mustStayOnServer("DATABASE_URL")).isTrue();
    assertThat(SecretNames.mustStayOnServer("SUPABASE_ANON_KEY")).isFalse();
    assertThat(SecretNames.mustStayOnServer("STRIPE_PUBLISHABLE_KEY")).isFalse();
    assertThat(SecretNames.mustStayOnServer("MAPBOX_TOKEN")).isFalse();
    assertThat(SecretNames.mustStayOnServer("SUPABASE_URL")).isFalse();
    assertThat(SecretNames.mustStayOnServer("SENTRY_DSN")).isFalse();
    assertThat(SecretNames.mustStayOnServer("PASSWORD_MIN_LENGTH")).isFalse();
    assertThat(SecretNames.mustStayOnServer("STRIPE_KEY")).isFalse();
    assertThat(SecretNames.mustStayOnServer("SUPABASE_KEY")).isFalse();
    assertThat(SecretNames.mustStayOnServer("FIREBASE_API_KEY")).isFalse();
    assertThat(SecretNames.mustStayOnServer("JWT_SECRET")).isTrue();
    assertThat(SecretNames.mustStayOnServer("UPSTASH_REDIS_REST_TOKEN")).isTrue();
    assertThat(SecretNames.mustStayOnServer("GITHUB_TOKEN")).isTrue();
  }

  private static boolean real(String name, String value) {
    return EnvFiles.holdsRealSecret(new EnvEntry(name, value, 1));
  }
}
