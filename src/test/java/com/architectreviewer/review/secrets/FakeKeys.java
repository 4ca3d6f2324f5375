package com.architectreviewer.review.secrets;

/** Fake credentials with the real formats (random, never issued), shared by the secret tests. */
public final class FakeKeys {

  public static final String OPENAI =
      "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";
  public static final String ANTHROPIC =
      "sk-ant-api03-Tuashe4c2J239CJiZ9f7aAEZVNcphl95WzskoobnuXh_28qCZG_blzEHjxzfxIEWy8nEZzZYsSJoj8E27_8wdGmYdiEXlAA";
  public static final String STRIPE =
      "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";
  public static final String AKIA = "AKIA3IR26OSAVKNEPEPR";
  public static final String AWS_SECRET = "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";
  public static final String GHP = "ghp_XBQUDFsha4zGg53Mc7L5jkdFgi7F4r1DxSZE";
  public static final String SLACK = "xoxb-330801528170-5205216197247-xCNvFEiicDRwcN3x0WI1tVef";
  public static final String SERVICE_ROLE =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3a3podHJ2Ym5tcGx4Y2QiLCJyb2xlIjoic2VydmljZV9yb2xlIiwiaWF0IjoxNzMzMDAwMDAwLCJleHAiOjIwNDg1NzYwMDB9.WFzxAjJxa36BfsaGe2E_O9XCNBrp0sDkN9y5LlqpGEg";
  public static final String ANON =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3a3podHJ2Ym5tcGx4Y2QiLCJyb2xlIjoiYW5vbiIsImlhdCI6MTczMzAwMDAwMCwiZXhwIjoyMDQ4NTc2MDAwfQ.sCAOhOh8aGfm5xENKTXCgMg72vKQjGB2kjs3Z9CBQQ9";
  public static final String DB_PASSWORD = "0W5ZVyGqr3I8aZN5oUirSP";

  public static final String SLACK_WEBHOOK =
      "https://hooks.slack.com/services/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";

  private FakeKeys() {}
}
