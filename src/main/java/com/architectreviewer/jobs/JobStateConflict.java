package com.architectreviewer.jobs;

/** The job is in a state that does not allow the operation (answered with 409). */
public class JobStateConflict extends RuntimeException {
  public JobStateConflict(String message) {
    super(message);
  }
}
