package com.architectreviewer.security;

import java.util.List;

/**
 * The request is well-formed but a value is not acceptable (an SSRF URL, a path outside the allowed
 * roots, a bad cursor). Answered as a 400 validation problem with the per-field {@code errors}.
 */
public class InvalidInput extends RuntimeException {

  private final transient List<InvalidField> errors;

  public InvalidInput(List<InvalidField> errors) {
    super("Invalid input: " + errors.stream().map(InvalidField::field).toList());
    this.errors = List.copyOf(errors);
  }

  public InvalidInput(String field, String message) {
    this(List.of(new InvalidField(field, message)));
  }

  public List<InvalidField> errors() {
    return errors;
  }
}
