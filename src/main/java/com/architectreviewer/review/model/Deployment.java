package com.architectreviewer.review.model;

/**
 * Where an app runs, as far as the repository shows.
 *
 * @param target the guess
 * @param evidence the files or dependencies the guess rests on ({@code ""} when unknown)
 */
public record Deployment(Target target, String evidence) {

  /** Deployment targets. */
  public enum Target {
    /** Vercel, Netlify, AWS Lambda/SST/serverless.yml, Cloudflare: a process per request burst */
    SERVERLESS,
    /** Docker, fly.io, Procfile, a {@code listen()} server: one process serves many requests */
    LONG_RUNNING,
    /** nothing in the repository says; rules lower their confidence */
    UNKNOWN
  }

  public boolean isServerless() {
    return target == Target.SERVERLESS;
  }

  public boolean isUnknown() {
    return target == Target.UNKNOWN;
  }

  /** {@code serverless}, {@code long-running} or {@code unknown}. */
  public String id() {
    return switch (target) {
      case SERVERLESS -> "serverless";
      case LONG_RUNNING -> "long-running";
      case UNKNOWN -> "unknown";
    };
  }
}
