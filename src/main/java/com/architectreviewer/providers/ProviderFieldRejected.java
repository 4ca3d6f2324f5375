package com.architectreviewer.providers;

/** A field of a provider edit is well-formed but not acceptable. Answered as 400. */
class ProviderFieldRejected extends RuntimeException {

  private final String field;

  ProviderFieldRejected(String field, String message) {
    super(message);
    this.field = field;
  }

  String field() {
    return field;
  }
}
