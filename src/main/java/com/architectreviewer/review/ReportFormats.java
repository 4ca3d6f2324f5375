package com.architectreviewer.review;

import com.architectreviewer.review.output.JsonReport;
import com.architectreviewer.review.output.SarifReport;
import com.architectreviewer.review.output.TextReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a {@link ReviewReport} as text, JSON (schema in docs/json-output.md) or SARIF 2.1.0. The
 * platform serves {@code GET /api/v1/scans/{id}/sarif} with {@link #sarif(ReviewReport)}.
 */
public final class ReportFormats {

  /** Media type of SARIF documents. */
  public static final String SARIF_MEDIA_TYPE = "application/sarif+json";

  /** Version reported in outputs. */
  public static final String TOOL_VERSION = "0.1.0";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ReportFormats() {}

  /** Output formats. */
  public enum Format {
    TEXT,
    JSON,
    SARIF;

    /**
     * Parses {@code text|json|sarif}.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Format parse(String value) {
      try {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new IllegalArgumentException(
            "unknown format '" + value + "' (expected text, json or sarif)");
      }
    }
  }

  /** The report in {@code format}; {@code colour} applies to text only. */
  public static String render(ReviewReport report, Format format, boolean colour) {
    return switch (format) {
      case TEXT -> TextReport.render(report, colour);
      case JSON -> json(report);
      case SARIF -> sarif(report);
    };
  }

  public static void write(ReviewReport report, Format format, Writer out, boolean colour) {
    try {
      out.write(render(report, format, colour));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The JSON document ({@code {"findings": [...], ...}}). */
  public static String json(ReviewReport report) {
    return JSON.writeValueAsString(JsonReport.document(report, TOOL_VERSION)) + "\n";
  }

  /** The SARIF 2.1.0 document. */
  public static String sarif(ReviewReport report) {
    return JSON.writeValueAsString(SarifReport.document(report, TOOL_VERSION)) + "\n";
  }

  /**
   * The SARIF 2.1.0 document with each finding's result carrying {@code guid}: the i-th of {@code
   * findingIds} for the i-th finding (the platform's stable finding ids).
   */
  public static String sarif(ReviewReport report, java.util.List<java.util.UUID> findingIds) {
    return JSON.writeValueAsString(SarifReport.document(report, TOOL_VERSION, findingIds)) + "\n";
  }
}
