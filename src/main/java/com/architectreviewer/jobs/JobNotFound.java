package com.architectreviewer.jobs;

import java.util.UUID;

/** No job with this id belongs to the caller's tenant (answered with 404, never 403). */
public class JobNotFound extends RuntimeException {
  public JobNotFound(UUID id) {
    super("There is no job " + id + ".");
  }
}
