package com.architectreviewer.review.secrets;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What an environment variable's name says: secret or not, shipped to the browser or not. */
public final class SecretNames {

  /** Prefixes that bundlers inline into client code. */
  public static final List<String> CLIENT_PREFIXES =
      List.of(
          "NEXT_PUBLIC_",
          "VITE_",
          "REACT_APP_",
          "EXPO_PUBLIC_",
          "NUXT_PUBLIC_",
          "GATSBY_",
          "PUBLIC_");

  private static final List<String> SECRET_WORDS =
      List.of(
          "SECRET",
          "PASSWORD",
          "PASSWD",
          "PRIVATE",
          "SERVICE_ROLE",
          "SERVICE_KEY",
          "API_KEY",
          "APIKEY",
          "ACCESS_KEY",
          "AUTH_TOKEN",
          "TOKEN",
          "CREDENTIAL");
  private static final List<String> CONNECTION_NAMES =
      List.of(
          "DATABASE_URL",
          "DIRECT_URL",
          "POSTGRES_URL",
          "POSTGRES_PRISMA_URL",
          "DB_URL",
          "MONGODB_URI",
          "MONGO_URL",
          "MONGODB_URL",
          "MYSQL_URL",
          "REDIS_URL",
          "KV_URL");
  private static final List<String> PROVIDERS =
      List.of(
          "OPENAI",
          "ANTHROPIC",
          "GROQ",
          "MISTRAL",
          "COHERE",
          "REPLICATE",
          "GEMINI",
          "HUGGINGFACE",
          "HF_",
          "TOGETHER",
          "PERPLEXITY",
          "DEEPSEEK",
          "FIREWORKS",
          "ELEVENLABS",
          "RESEND",
          "SENDGRID",
          "POSTMARK",
          "MAILGUN",
          "TWILIO",
          "AWS",
          "GITHUB",
          "SLACK",
          "UPSTASH",
          "PINECONE",
          "LANGCHAIN",
          "XAI");
  private static final List<String> PUBLIC_BY_DESIGN =
      List.of(
          "ANON",
          "PUBLISHABLE",
          "PUBLIC_KEY",
          "SITE_KEY",
          "SITEKEY",
          "MEASUREMENT_ID",
          "DSN",
          "CLIENT_ID",
          "APP_ID",
          "PROJECT_ID");

  private SecretNames() {}

  /** The client-exposed prefix of {@code name} ({@code NEXT_PUBLIC_}), if it has one. */
  public static Optional<String> clientPrefix(String name) {
    return CLIENT_PREFIXES.stream().filter(name::startsWith).findFirst();
  }

  /** True when the name says its value is a secret ({@code JWT_SECRET}, {@code DATABASE_URL}). */
  public static boolean isSecretLike(String name) {
    var upper = name.toUpperCase(Locale.ROOT);
    if (PUBLIC_BY_DESIGN.stream().anyMatch(upper::contains)) {
      return false;
    }
    return SECRET_WORDS.stream().anyMatch(upper::contains)
        || CONNECTION_NAMES.stream().anyMatch(upper::endsWith);
  }

  /**
   * True when a client-exposed variable (prefix removed) is a secret that must never reach the
   * browser: service-role keys, secrets, passwords, private keys, provider API keys, connection
   * URLs. Names meant to be public (anon and publishable keys, map or analytics tokens) are not,
   * and neither are settings that merely mention a secret ({@code PASSWORD_MIN_LENGTH}).
   */
  public static boolean mustStayOnServer(String nameWithoutPrefix) {
    var upper = nameWithoutPrefix.toUpperCase(Locale.ROOT);
    if (PUBLIC_BY_DESIGN.stream().anyMatch(upper::contains)) {
      return false;
    }
    if (CONNECTION_NAMES.stream().anyMatch(upper::endsWith) || upper.endsWith("SERVICE_ROLE")) {
      return true;
    }
    var words = List.of(upper.split("_"));
    var last = words.getLast();
    if (!SECRET_LAST_WORDS.contains(last)) {
      return false;
    }
    if (upper.contains("SERVICE_ROLE")
        || words.contains("SECRET")
        || words.contains("PASSWORD")
        || words.contains("PASSWD")
        || words.contains("PRIVATE")) {
      return true;
    }
    return PROVIDERS.stream().anyMatch(upper::contains);
  }

  private static final List<String> SECRET_LAST_WORDS =
      List.of("SECRET", "PASSWORD", "PASSWD", "PWD", "KEY", "TOKEN", "CREDENTIALS");
}
