package com.architectreviewer.security;

/** A member key called an endpoint that only admin keys may use. Answered as 403. */
public class AdminRoleRequired extends RuntimeException {

  public AdminRoleRequired() {
    super("This endpoint needs an admin key");
  }
}
