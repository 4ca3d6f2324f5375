package com.architectreviewer.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The documentation page of a rule ({@code /rules/AR-DB-001}), rendered from the Markdown shipped
 * in the jar.
 */
@Controller
class RuleDocsController {

  private static final Pattern RULE_ID = Pattern.compile("AR-[A-Z]{2,5}-\\d{3}");
  private static final Parser MARKDOWN = Parser.builder().build();
  // Our own Markdown, but raw HTML in it is still escaped rather than trusted.
  private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).build();

  @GetMapping({"/rules/{id}", "/docs/rules/{id}.md"})
  String rule(@PathVariable String id, Model model) throws IOException {
    if (!RULE_ID.matcher(id).matches()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such rule");
    }
    try (InputStream in = getClass().getResourceAsStream("/rule-docs/" + id + ".md")) {
      if (in == null) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No such rule");
      }
      String markdown = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      model.addAttribute("ruleId", id);
      model.addAttribute("html", HTML.render(MARKDOWN.parse(markdown)));
      return "ui/rule";
    }
  }
}
