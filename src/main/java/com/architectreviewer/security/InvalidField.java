package com.architectreviewer.security;

/**
 * One entry of a validation problem's {@code errors} list: the field (a JSON path such as {@code
 * name} or {@code items[2].url}, a query parameter, a path variable or a header) and what is wrong
 * with it. The message never echoes the rejected value.
 */
public record InvalidField(String field, String message) {}
