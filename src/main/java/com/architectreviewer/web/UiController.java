package com.architectreviewer.web;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.BrowserSessions;
import com.architectreviewer.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The UI's pages. They are rendered here; their data comes from the platform API (the same contract
 * scripts use), called by the page with the session cookie and CSRF token.
 */
@Controller
class UiController {

  private final ApiKeys apiKeys;
  private final BrowserSessions sessions;

  UiController(ApiKeys apiKeys, BrowserSessions sessions) {
    this.apiKeys = apiKeys;
    this.sessions = sessions;
  }

  @GetMapping("/")
  String root() {
    return "redirect:/ui/portfolio";
  }

  @GetMapping("/ui/login")
  String login(@RequestParam(name = "next", required = false) String next, Model model) {
    model.addAttribute("next", safeNext(next));
    return "ui/login";
  }

  @PostMapping("/ui/login")
  String signIn(
      @RequestParam(name = "apiKey", defaultValue = "") String apiKey,
      @RequestParam(name = "next", required = false) String next,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    var caller = apiKeys.authenticate(apiKey.trim());
    if (caller.isEmpty()) {
      response.setStatus(HttpStatus.UNAUTHORIZED.value());
      model.addAttribute("error", "That API key is not valid (or was revoked).");
      model.addAttribute("next", safeNext(next));
      return "ui/login";
    }
    sessions.start(caller.get(), request, response);
    return "redirect:" + safeNext(next);
  }

  @PostMapping("/ui/logout")
  String signOut(HttpServletRequest request, HttpServletResponse response) {
    sessions.end(request, response);
    return "redirect:/ui/login";
  }

  @GetMapping("/ui/portfolio")
  String portfolio(Model model) {
    model.addAttribute("page", "portfolio");
    return "ui/portfolio";
  }

  @GetMapping("/ui/repositories/{id}")
  String repository(@PathVariable UUID id, Model model) {
    model.addAttribute("page", "portfolio");
    model.addAttribute("repositoryId", id);
    return "ui/repository";
  }

  @GetMapping("/ui/scans/{id}")
  String scan(@PathVariable UUID id, Model model) {
    model.addAttribute("page", "portfolio");
    model.addAttribute("scanId", id);
    return "ui/scan";
  }

  @GetMapping("/ui/ingest")
  String ingest(Model model) {
    model.addAttribute("page", "ingest");
    return "ui/ingest";
  }

  @GetMapping("/ui/status")
  String status(Model model, HttpServletRequest request) {
    model.addAttribute("page", "status");
    Caller caller = (Caller) request.getAttribute(UiSessionFilter.CALLER_ATTRIBUTE);
    model.addAttribute("isAdmin", caller.isAdmin());
    return "ui/status";
  }

  @GetMapping("/ui/providers")
  String providers(Model model, HttpServletRequest request) {
    model.addAttribute("page", "providers");
    Caller caller = (Caller) request.getAttribute(UiSessionFilter.CALLER_ATTRIBUTE);
    model.addAttribute("isAdmin", caller.isAdmin());
    return "ui/providers";
  }

  /** Only a path of this UI: never an absolute URL (no open redirect). */
  static String safeNext(String next) {
    return next != null && next.startsWith("/ui/") && !next.startsWith("//") && !next.contains("\\")
        ? next
        : "/ui/portfolio";
  }

  @ResponseStatus(HttpStatus.NOT_FOUND)
  static final class PageNotFound extends RuntimeException {}
}
