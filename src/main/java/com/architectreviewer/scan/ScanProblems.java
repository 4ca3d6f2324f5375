package com.architectreviewer.scan;

import com.architectreviewer.security.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem details for scan exceptions, wherever they are thrown. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class ScanProblems {

  @ExceptionHandler(SourceNotAllowed.class)
  ProblemDetail sourceNotAllowed(SourceNotAllowed e) {
    return Problems.of(
        HttpStatus.UNPROCESSABLE_CONTENT,
        Problems.VALIDATION,
        "Scan source not allowed",
        e.getMessage());
  }

  @ExceptionHandler(ArchiveRejected.class)
  ProblemDetail archiveRejected(ArchiveRejected e) {
    return Problems.of(
        HttpStatus.UNPROCESSABLE_CONTENT,
        Problems.ARCHIVE_REJECTED,
        "Archive rejected",
        e.getMessage());
  }

  @ExceptionHandler(UploadTooLarge.class)
  ProblemDetail tooLarge(UploadTooLarge e) {
    return Problems.of(
        HttpStatus.CONTENT_TOO_LARGE,
        Problems.PAYLOAD_TOO_LARGE,
        "Upload too large",
        e.getMessage());
  }

  @ExceptionHandler(ScanNotFound.class)
  ProblemDetail notFound(ScanNotFound e) {
    return Problems.of(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Scan not found", e.getMessage());
  }

  @ExceptionHandler(InvalidScanQuery.class)
  ProblemDetail invalid(InvalidScanQuery e) {
    return Problems.of(
        HttpStatus.BAD_REQUEST, Problems.VALIDATION, "Invalid request", e.getMessage());
  }
}
