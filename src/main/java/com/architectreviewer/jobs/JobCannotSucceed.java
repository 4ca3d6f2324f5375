package com.architectreviewer.jobs;

/**
 * The job failed for a reason that retrying cannot fix. Its message is shown to the user as the
 * job's {@code error}, so it must say what is wrong and never carry secrets.
 */
public class JobCannotSucceed extends RuntimeException {
  public JobCannotSucceed(String userMessage) {
    super(userMessage);
  }

  public JobCannotSucceed(String userMessage, Throwable cause) {
    super(userMessage, cause);
  }
}
