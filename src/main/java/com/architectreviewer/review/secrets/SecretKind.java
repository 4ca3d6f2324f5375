package com.architectreviewer.review.secrets;

/** The kinds of credential the reviewer recognises by format, with the label shown to users. */
public enum SecretKind {
  OPENAI_KEY("OpenAI API key"),
  ANTHROPIC_KEY("Anthropic API key"),
  STRIPE_LIVE_KEY("Stripe live secret key"),
  AWS_ACCESS_KEY_ID("AWS access key id"),
  AWS_SECRET_ACCESS_KEY("AWS secret access key"),
  GITHUB_TOKEN("GitHub token"),
  SLACK_TOKEN("Slack token"),
  SLACK_WEBHOOK("Slack webhook URL"),
  SUPABASE_SERVICE_ROLE_JWT("Supabase service_role key"),
  DATABASE_URL_PASSWORD("database URL with a password");

  private final String label;

  SecretKind(String label) {
    this.label = label;
  }

  /** What to call it in a message ("OpenAI API key"). */
  public String label() {
    return label;
  }
}
