package com.architectreviewer.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns the framework's validation and parsing failures into {@link InvalidField}s. Messages are
 * written here, never copied from the exception, so no rejected value, class name or parser detail
 * reaches the client.
 */
final class FieldErrors {

  static final String BODY = "body";

  private FieldErrors() {}

  static List<InvalidField> of(BindingResult result) {
    var errors = new ArrayList<InvalidField>();
    for (FieldError error : result.getFieldErrors()) {
      errors.add(new InvalidField(error.getField(), message(error)));
    }
    result.getGlobalErrors().forEach(error -> errors.add(new InvalidField(BODY, message(error))));
    return errors;
  }

  static List<InvalidField> of(HandlerMethodValidationException e) {
    var errors = new ArrayList<InvalidField>();
    for (var result : e.getParameterValidationResults()) {
      String name = parameterName(result.getMethodParameter());
      for (MessageSourceResolvable error : result.getResolvableErrors()) {
        String field = error instanceof FieldError fieldError ? fieldError.getField() : name;
        errors.add(new InvalidField(field, message(error)));
      }
    }
    return errors.isEmpty() ? List.of(new InvalidField(BODY, "is not valid")) : errors;
  }

  static InvalidField of(TypeMismatchException e) {
    String name =
        e instanceof MethodArgumentTypeMismatchException mismatch
            ? mismatch.getName()
            : e.getPropertyName();
    Class<?> type = e.getRequiredType();
    return new InvalidField(name == null ? "parameter" : name, "must be " + describe(type));
  }

  static InvalidField of(HttpMessageNotReadableException e) {
    Throwable cause = e.getCause();
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return new InvalidField(path(unknown), "is not a known field");
    }
    if (cause instanceof InvalidFormatException format) {
      return new InvalidField(path(format), "must be " + describe(format.getTargetType()));
    }
    if (cause instanceof MismatchedInputException mismatch) {
      String path = path(mismatch);
      return path.isEmpty()
          ? new InvalidField(BODY, "must be a JSON object of the documented shape")
          : new InvalidField(path, "must be " + describe(mismatch.getTargetType()));
    }
    if (cause instanceof StreamReadException) {
      return new InvalidField(BODY, "is not well-formed JSON");
    }
    if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
      return new InvalidField(path(jackson), "has a value of the wrong type");
    }
    return new InvalidField(BODY, "is missing or unreadable; send a JSON body");
  }

  private static String message(MessageSourceResolvable error) {
    String message = error.getDefaultMessage();
    return message == null ? "is not valid" : message;
  }

  private static String parameterName(org.springframework.core.MethodParameter parameter) {
    var requestParam =
        parameter.getParameterAnnotation(
            org.springframework.web.bind.annotation.RequestParam.class);
    if (requestParam != null && !requestParam.name().isEmpty()) {
      return requestParam.name();
    }
    var header =
        parameter.getParameterAnnotation(
            org.springframework.web.bind.annotation.RequestHeader.class);
    if (header != null && !header.name().isEmpty()) {
      return header.name();
    }
    String name = parameter.getParameterName();
    return name == null ? "parameter" : name;
  }

  static String path(JacksonException e) {
    var path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  static String describe(Class<?> type) {
    if (type == null) {
      return "of the documented type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == java.util.UUID.class) {
      return "a UUID";
    }
    if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
      return "a number in the allowed range";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type.isEnum()) {
      var values = new ArrayList<String>();
      for (Object constant : type.getEnumConstants()) {
        values.add(constant.toString().toLowerCase(Locale.ROOT));
      }
      return "one of " + values;
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "a JSON object";
  }
}
