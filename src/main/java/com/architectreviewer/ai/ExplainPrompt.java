package com.architectreviewer.ai;

import com.architectreviewer.observability.Redaction;
import com.architectreviewer.providers.ChatRequest;
import com.architectreviewer.review.SecretRedaction;
import com.architectreviewer.scan.StoredFinding;
import java.util.List;

/**
 * Builds the question for one finding. Everything in it passes through the engine's secret
 * recognition and the platform's credential redaction first: nothing secret leaves the process.
 */
final class ExplainPrompt {

  static final String SYSTEM =
      """
      You are a senior reliability engineer reviewing a quickly built web app (Next.js, Vercel,
      Supabase, Prisma, OpenAI-style stacks). Explain the finding below to its developer: why it
      matters in production, what will happen under load or attack, and the smallest fix, with a
      short code example. Be specific to the code shown. Never repeat credentials; redacted
      values appear as [redacted] or with a masked tail. Answer in Markdown, under 300 words.
      """;

  private ExplainPrompt() {}

  /** The question about {@code finding}, with its neighbours in the same scan as one line each. */
  static ChatRequest of(
      StoredFinding finding,
      List<StoredFinding> related,
      int maxSnippetChars,
      int maxOutputTokens) {
    String snippet = finding.snippet();
    if (snippet.length() > maxSnippetChars) {
      snippet = snippet.substring(0, maxSnippetChars) + "\n… (cut)";
    }
    var user = new StringBuilder();
    user.append("Finding ")
        .append(finding.rule())
        .append(" (severity ")
        .append(finding.severity())
        .append(", confidence ")
        .append(finding.confidence())
        .append(")\nFile: ")
        .append(finding.file())
        .append(':')
        .append(finding.line())
        .append("\nMessage: ")
        .append(finding.message())
        .append("\nSuggested fix: ")
        .append(finding.remediation())
        .append("\n\nCode:\n```\n")
        .append(snippet)
        .append("\n```\n\nProject: ")
        .append(finding.scanFilesScanned())
        .append(" files scanned.");
    if (!related.isEmpty()) {
      user.append(" Other findings in the same scan:\n");
      for (StoredFinding other : related) {
        user.append("- ")
            .append(other.rule())
            .append(" (")
            .append(other.severity())
            .append(") ")
            .append(other.file())
            .append(':')
            .append(other.line())
            .append(' ')
            .append(other.message())
            .append('\n');
      }
    }
    return new ChatRequest(SYSTEM, redact(user.toString()), maxOutputTokens);
  }

  static String redact(String text) {
    return Redaction.redact(SecretRedaction.redact(text));
  }
}
