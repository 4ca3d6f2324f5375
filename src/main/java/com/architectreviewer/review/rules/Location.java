package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;

/**
 * Where a finding points (1-based lines and columns; end column exclusive).
 *
 * @param file relative path
 * @param startLine first line
 * @param startColumn first column
 * @param endLine last line
 * @param endColumn column after the last character
 */
public record Location(String file, int startLine, int startColumn, int endLine, int endColumn) {

  /** A whole line (column 1 to the line's end, as far as the text is known). */
  public static Location line(String file, int line) {
    return new Location(file, line, 1, line, 1);
  }

  /** The call from its callee to its closing parenthesis. */
  public static Location of(JsModule module, Call call) {
    var t = module.tokens();
    int startToken = call.startToken();
    if (startToken > 0 && t.get(startToken - 1).isIdent("new")) {
      startToken--;
    }
    var start = t.get(startToken);
    var end = t.get(call.closeParen() >= 0 ? call.closeParen() : call.startToken());
    return new Location(
        module.file(),
        start.line(),
        start.col(),
        end.line(),
        end.col() + (end.end() - end.start()));
  }

  /** One token. */
  public static Location ofToken(JsModule module, int token) {
    var t = module.tokens().get(token);
    return new Location(
        module.file(), t.line(), t.col(), t.line(), t.col() + (t.end() - t.start()));
  }
}
