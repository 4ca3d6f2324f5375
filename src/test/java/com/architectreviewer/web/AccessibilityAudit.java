package com.architectreviewer.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The accessibility audit of a page in the real browser: axe-core (the script packaged in the
 * {@code com.deque.html.axe-core:selenium} test jar, injected into the page, no network) with the
 * WCAG 2.1 A/AA and best-practice rules (labels, alt text, contrast, landmarks, one h1, …), plus
 * two checks axe cannot make: every visible control is reached with the Tab key, and each shows a
 * visible focus indicator when it is.
 */
final class AccessibilityAudit {

  private static final String AXE = axeScript();

  private static final String RUN_AXE =
      """
      const done = arguments[arguments.length - 1];
      axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        resultTypes: ['violations']
      }).then(r => done(r.violations.map(v =>
            v.id + ' (' + v.impact + '): ' + v.help + ' at '
            + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))),
          e => done(['axe failed: ' + e]));
      """;

  /** The visible, enabled controls a keyboard user must be able to reach, as CSS-path keys. */
  private static final String CONTROLS =
      """
      const key = e => e.id ? '#' + e.id
        : e.tagName.toLowerCase() + ':' + (e.getAttribute('href') || e.name || e.textContent.trim());
      const visible = e => {
        const r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && !e.closest('[hidden]');
      };
      return [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
        .filter(e => !e.disabled && e.type !== 'hidden' && e.tabIndex >= 0 && visible(e))
        .map(key);
      """;

  /** The focused element's key and whether its focus is visibly marked (outline or box shadow). */
  private static final String FOCUSED =
      """
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const key = e.id ? '#' + e.id
        : e.tagName.toLowerCase() + ':' + (e.getAttribute('href') || e.name || e.textContent.trim());
      const s = getComputedStyle(e);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      const shadow = s.boxShadow && s.boxShadow !== 'none';
      return { key: key, visible: outline || !!shadow };
      """;

  private AccessibilityAudit() {}

  /** Every problem found on the current page; empty when it passes. */
  static List<String> problems(ChromeDriver browser) {
    var problems = new ArrayList<String>();
    browser.executeScript(AXE);
    @SuppressWarnings("unchecked")
    List<String> violations = (List<String>) browser.executeAsyncScript(RUN_AXE);
    problems.addAll(violations);
    problems.addAll(keyboard(browser));
    return problems;
  }

  private static List<String> keyboard(ChromeDriver browser) {
    @SuppressWarnings("unchecked")
    List<String> controls = (List<String>) browser.executeScript(CONTROLS);
    browser.executeScript(
        "document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0);");
    Set<String> reached = new LinkedHashSet<>();
    var problems = new ArrayList<String>();
    var actions = new Actions(browser);
    for (int i = 0; i < controls.size() + 3; i++) {
      actions.sendKeys(Keys.TAB).perform();
      @SuppressWarnings("unchecked")
      Map<String, Object> focused = (Map<String, Object>) browser.executeScript(FOCUSED);
      if (focused == null) {
        continue;
      }
      String key = (String) focused.get("key");
      if (!reached.add(key)) {
        continue;
      }
      if (!Boolean.TRUE.equals(focused.get("visible"))) {
        problems.add("focus not visible on " + key);
      }
    }
    for (String control : controls) {
      if (!reached.contains(control)) {
        problems.add("not reachable with Tab: " + control);
      }
    }
    return problems;
  }

  private static String axeScript() {
    try (InputStream in = AccessibilityAudit.class.getResourceAsStream("/axe.min.js")) {
      if (in == null) {
        throw new IllegalStateException(
            "axe.min.js is not on the test class path (com.deque.html.axe-core:selenium)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
