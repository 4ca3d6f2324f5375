package com.architectreviewer.security;

/**
 * The resource does not exist for this caller: it never existed, was deleted, or belongs to another
 * tenant (which is never told apart). Answered as 404.
 */
public class ResourceNotFound extends RuntimeException {

  public ResourceNotFound(String kind) {
    super(kind + " not found");
  }
}
