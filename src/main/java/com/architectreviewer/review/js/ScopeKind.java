package com.architectreviewer.review.js;

/** Kinds of scopes the front end distinguishes. */
public enum ScopeKind {
  /** top level of a file: runs once per module instance */
  MODULE,
  /** a function, method or arrow body: runs per call */
  FUNCTION,
  /** a class body (field initialisers run per instance) */
  CLASS
}
