package com.architectreviewer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.Browser;
import com.architectreviewer.testsupport.GitHttpServer;
import com.architectreviewer.testsupport.PlatformTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole UI in a real Chromium: sign in (a wrong key first), register a fixture repository, scan
 * it and watch the progress bar reach 100 %, open the findings, filter them, open a rule's page,
 * download SARIF, see the scan history grow without a reload, ingest two repositories and follow
 * each one's scan, edit a provider (field errors, then saved), check the status page against
 * /api/v1/stats, see that a member key gets no provider form, sign out. Every page passes the
 * accessibility audit; two pages are shown at a phone's width. A screenshot of each page goes to
 * target/screenshots/.
 */
@PlatformTest
class WebUiBrowserIT {

  private static final Path SOURCES = createSources();

  @LocalServerPort int port;
  @Autowired ApiKeys apiKeys;

  private static ChromeDriver browser;

  @DynamicPropertySource
  static void sources(DynamicPropertyRegistry registry) {
    registry.add("reviewer.sources.allowed-paths", SOURCES::toString);
    registry.add("reviewer.portfolio.ingest-poll", () -> "200ms");
    registry.add("reviewer.sources.allow-http", () -> "true");
    registry.add("reviewer.sources.allow-private-hosts", () -> "true");
    registry.add("reviewer.providers.allow-private-base-urls", () -> "true");
    String provider = "reviewer.providers.catalogue[0].";
    registry.add(provider + "name", () -> "local");
    registry.add(provider + "api-style", () -> "openai-chat");
    registry.add(provider + "base-url", () -> "http://127.0.0.1:9/v1");
    registry.add(provider + "model", () -> "stub-model");
    registry.add(provider + "input-price-per-1k", () -> "0.5");
    registry.add(provider + "output-price-per-1k", () -> "1.5");
  }

  @BeforeAll
  static void startBrowser() {
    browser = Browser.start();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
    if (gitHost != null) {
      gitHost.close();
    }
  }

  private static GitHttpServer gitHost;

  /**
   * A git repository on a local git host: a bad ref is shown next to its field; a scan of tag v1
   * and one of the default branch appear in the history with their refs.
   */
  @Test
  void scansAGitRepositoryAtARefAndShowsTheRefInTheHistory() throws IOException {
    gitHost = GitHttpServer.start(Files.createTempDirectory("reviewer-ui-git-"));
    gitHost.createRepository(
        "web-app", Path.of("src", "test", "resources", "fixtures", "db-001-app-router"));
    String key = apiKeys.createKey(apiKeys.ensureTenant("browser-git"), Caller.Role.MEMBER);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    browser.get(url("/ui/login"));
    type("apiKey", key);
    browser.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.urlContains("/ui/portfolio"));
    type("repo-name", "web-app");
    type("repo-source", gitHost.url("web-app"));
    browser.findElement(By.id("register-submit")).click();
    wait.until(ExpectedConditions.elementToBeClickable(By.linkText("web-app"))).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan-ref")));
    assertThat(text("scan-ref-hint")).isEqualTo("Empty: the remote's default branch.");

    type("scan-ref", "a..b");
    browser.findElement(By.id("scan-now")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("scan-ref-error")));
    assertThat(text("scan-ref-error")).isNotBlank();
    assertThat(browser.findElement(By.id("scan-ref")).getDomAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(browser.findElement(By.id("progress-box")).isDisplayed()).isFalse();
    Browser.screenshot(browser, "16-repository-bad-ref");
    audit("repository, bad ref");

    type("scan-ref", "v1");
    browser.findElement(By.id("scan-now")).click();
    var slow = new WebDriverWait(browser, Duration.ofSeconds(120));
    slow.ignoring(StaleElementReferenceException.class)
        .until(driver -> driver.findElements(By.cssSelector("#history tbody tr")).size() == 1);
    assertThat(browser.findElement(By.id("scan-ref-error")).isDisplayed()).isFalse();
    type("scan-ref", "");
    slow.until(ExpectedConditions.elementToBeClickable(By.id("scan-now"))).click();
    slow.ignoring(StaleElementReferenceException.class)
        .until(driver -> driver.findElements(By.cssSelector("#history tbody tr")).size() == 2);
    // A ref that does not exist: the job fails at once, and the history says so.
    type("scan-ref", "no-such-branch");
    slow.until(ExpectedConditions.elementToBeClickable(By.id("scan-now"))).click();
    slow.ignoring(StaleElementReferenceException.class)
        .until(
            driver -> column("history-state").equals(List.of("failed", "succeeded", "succeeded")));
    assertThat(column("history-ref")).containsExactly("no-such-branch", "default", "v1");
    assertThat(column("history-findings").getFirst()).contains("no-such-branch");
    assertThat(browser.findElements(By.cssSelector("#history tbody tr a.history-link"))).hasSize(2);
    assertThat(text("alerts")).contains("failed");
    assertThat(browser.findElement(By.id("result")).isDisplayed())
        .as("the result of the scan before is not shown as this one's")
        .isFalse();
    String refs =
        (String)
            browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/v1/repositories/' + document.body.dataset.repositoryId"
                    + " + '/scans').then(r => r.json())"
                    + ".then(b => done(b.items.map(i => String(i.ref)).join(',')),"
                    + " e => done('error ' + e));");
    assertThat(refs).isEqualTo("no-such-branch,null,v1");
    // One scan per page: the older ones come with "Show older scans".
    browser.executeAsyncScript(
        "const done = arguments[arguments.length - 1]; scanHistory.pageSize = 1;"
            + " scanHistory.load(document.body.dataset.repositoryId).then(() => done(),"
            + " e => done());");
    assertThat(column("history-ref")).containsExactly("no-such-branch");
    for (int rows = 2; rows <= 3; rows++) {
      wait.until(ExpectedConditions.elementToBeClickable(By.id("history-more"))).click();
      int expected = rows;
      wait.until(
          driver -> driver.findElements(By.cssSelector("#history tbody tr")).size() == expected);
    }
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("history-more")));
    assertThat(column("history-ref")).containsExactly("no-such-branch", "default", "v1");
    Browser.screenshot(browser, "17-repository-history-refs");
    audit("repository, git history with refs");
    browser.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.urlContains("/ui/login"));
  }

  @Test
  void signInScanReadFindingsAndSignOut() {
    var tenant = apiKeys.ensureTenant("browser");
    String key = apiKeys.createKey(tenant, Caller.Role.ADMIN);
    String memberKey = apiKeys.createKey(tenant, Caller.Role.MEMBER);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    browser.get(url("/ui/portfolio"));
    assertThat(browser.getCurrentUrl()).contains("/ui/login");
    type("apiKey", "rvw_wrong_key");
    browser.findElement(By.id("sign-in")).click();
    // the form posts and the server renders the page again: wait for it rather than race it
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
    assertThat(text("login-error")).contains("not valid");
    Browser.screenshot(browser, "01-sign-in-refused");
    audit("sign-in");

    type("apiKey", key);
    browser.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.urlContains("/ui/portfolio"));
    type("repo-name", "shop");
    type("repo-source", SOURCES.resolve("shop").toString());
    browser.findElement(By.id("register-submit")).click();
    WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.linkText("shop")));
    Browser.screenshot(browser, "02-portfolio");
    audit("portfolio");

    link.click();
    wait.until(ExpectedConditions.textToBe(By.id("repo-name"), "shop"));
    assertThat(browser.findElement(By.id("no-scans")).isDisplayed()).isTrue();
    assertThat(browser.findElement(By.id("history")).isDisplayed()).isFalse();
    audit("repository, never scanned");
    // Marks this page load: if the page were reloaded, the mark would be gone.
    browser.executeScript("window.__sameLoad = 'yes';");
    browser.findElement(By.id("scan-now")).click();
    new WebDriverWait(browser, Duration.ofSeconds(120))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("result-link")));
    assertThat(browser.findElement(By.id("progress")).getDomProperty("value")).isEqualTo("100");
    assertThat(text("progress-percent")).isEqualTo("100 %");
    WebElement historyLink =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#history tbody tr a.history-link")));
    String scanHref = browser.findElement(By.id("result-link")).getDomAttribute("href");
    assertThat(historyLink.getDomAttribute("href")).isEqualTo(scanHref);
    WebElement row = browser.findElement(By.cssSelector("#history tbody tr"));
    assertThat(row.getText()).contains("succeeded").contains("default");
    assertThat(browser.findElements(By.cssSelector("#history tbody tr"))).hasSize(1);
    assertThat(browser.findElement(By.id("no-scans")).isDisplayed()).isFalse();
    assertThat(browser.executeScript("return window.__sameLoad;")).isEqualTo("yes");
    Browser.screenshot(browser, "03-repository-scanned");
    audit("repository with its scan history");

    // A second scan: it appears on top of the history, still without a reload.
    browser.findElement(By.id("scan-now")).click();
    new WebDriverWait(browser, Duration.ofSeconds(120))
        .ignoring(StaleElementReferenceException.class)
        .until(driver ->
            driver.findElements(By.cssSelector("#history tbody tr a.history-link")).size() == 2);
    var history = browser.findElements(By.cssSelector("#history tbody tr a.history-link"));
    String newest = history.get(0).getDomAttribute("href");
    assertThat(newest).isNotEqualTo(scanHref);
    assertThat(history.get(1).getDomAttribute("href")).isEqualTo(scanHref);
    wait.until(
        driver -> newest.equals(driver.findElement(By.id("result-link")).getDomAttribute("href")));
    assertThat(browser.executeScript("return window.__sameLoad;")).isEqualTo("yes");
    Browser.screenshot(browser, "03b-repository-history");

    browser.findElement(By.id("result-link")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#findings .finding")));
    List<String> rules = rulesShown();
    assertThat(rules).contains("AR-DB-001");
    Browser.screenshot(browser, "04-scan-findings");
    audit("scan findings");
    String scanPage = browser.getCurrentUrl();

    String severity =
        browser.findElement(By.cssSelector("#findings .finding .sev")).getText().toLowerCase();
    new Select(browser.findElement(By.id("f-severity"))).selectByVisibleText(severity);
    type("f-rule", "AR-DB-001");
    browser.findElement(By.id("apply-filters")).click();
    wait.ignoring(StaleElementReferenceException.class)
        .until(driver -> {
          var shown = driver.findElements(By.cssSelector("#findings .finding"));
          return !shown.isEmpty()
              && shown.stream()
                  .allMatch(e ->
                      "AR-DB-001".equals(e.getDomAttribute("data-rule"))
                          && e.findElement(By.cssSelector(".sev"))
                              .getText()
                              .equalsIgnoreCase(severity));
        });
    Browser.screenshot(browser, "05-scan-filtered");

    String sarif =
        (String)
            browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch(document.getElementById('download-sarif').href)"
                    + ".then(r => r.text()).then(done, e => done('error ' + e));");
    assertThat(sarif).contains("\"version\"").contains("2.1.0");

    browser.findElement(By.cssSelector("#findings .finding a.rule-docs")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("article.rule-doc h1")));
    Browser.screenshot(browser, "06-rule-docs");
    audit("rule documentation");

    ingest(wait);
    providers(wait);
    status(wait);
    phone(wait, scanPage);

    browser.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.urlContains("/ui/login"));
    type("apiKey", memberKey);
    browser.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.urlContains("/ui/portfolio"));
    browser.get(url("/ui/providers"));
    wait.until(
        ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#providers tbody tr[data-provider='local']")));
    assertThat(browser.findElements(By.id("provider-editor"))).isEmpty();
    assertThat(browser.findElements(By.id("provider-form"))).isEmpty();
    assertThat(browser.findElements(By.cssSelector("button.edit-provider"))).isEmpty();
    assertThat(text("providers-read-only")).contains("Only admin keys");
    String refused =
        (String)
            browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/v1/providers/local', {method: 'PUT', headers: {"
                    + " 'Content-Type': 'application/json', 'X-CSRF-Token':"
                    + " document.querySelector('meta[name=csrf-token]').content},"
                    + " body: JSON.stringify({apiStyle: 'openai-chat', baseUrl:"
                    + " 'http://127.0.0.1:9/v1', model: 'member-model', inputPricePer1k: 0,"
                    + " outputPricePer1k: 0, maxOutputTokens: 10, requestsPerMinute: 10, enabled:"
                    + " true, priority: 1})})"
                    + ".then(r => done(r.status + ' ' + r.headers.get('Content-Type')),"
                    + " e => done('error ' + e));");
    assertThat(refused).isEqualTo("403 application/problem+json");
    Browser.screenshot(browser, "12-providers-member");
    audit("providers, member");

    browser.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.urlContains("/ui/login"));
    browser.get(url("/ui/portfolio"));
    assertThat(browser.getCurrentUrl()).contains("/ui/login");
    Browser.screenshot(browser, "13-signed-out");
  }

  /** Ingest two repositories from a manifest and follow each one's scan to its end. */
  private void ingest(WebDriverWait wait) {
    browser.get(url("/ui/ingest"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("ingest-manifest")));
    audit("ingest");
    Path manifest = SOURCES.resolve("manifest.json");
    try {
      Files.writeString(
          manifest,
          """
          {"repositories": [
            {"name": "chat", "path": "%s"},
            {"name": "vault", "path": "%s"}
          ]}
          """
              .formatted(SOURCES.resolve("chat"), SOURCES.resolve("vault")));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    browser.findElement(By.id("ingest-manifest")).sendKeys(manifest.toString());
    browser.findElement(By.id("ingest-submit")).click();
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#ingest-children li"), 2));
    Browser.screenshot(browser, "07-ingest-running");
    new WebDriverWait(browser, Duration.ofSeconds(180))
        .until(ExpectedConditions.attributeToBe(By.id("ingest-children"), "data-done", "true"));
    var children = browser.findElements(By.cssSelector("#ingest-children li"));
    assertThat(children)
        .extracting(e -> e.getDomAttribute("data-name"))
        .containsExactly("chat", "vault");
    for (WebElement child : children) {
      assertThat(child.getDomAttribute("data-state")).isEqualTo("succeeded");
      assertThat(child.findElement(By.tagName("progress")).getDomProperty("value"))
          .isEqualTo("100");
      assertThat(child.findElement(By.cssSelector(".child-state")).getText())
          .isEqualTo("succeeded 100 %");
      assertThat(child.findElement(By.cssSelector("a.child-scan")).getDomAttribute("href"))
          .matches("/ui/scans/[0-9a-f-]{36}");
    }
    wait.until(
        ExpectedConditions.textMatches(
            By.id("ingest-label"), java.util.regex.Pattern.compile("^succeeded.*")));
    Browser.screenshot(browser, "08-ingest-done");
    audit("ingest with per-repository progress");
  }

  /** Edit a provider: field errors from the problem's errors list, then a saved change. */
  private void providers(WebDriverWait wait) {
    browser.get(url("/ui/providers"));
    WebElement edit =
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.edit-provider")));
    assertThat(browser.findElement(By.id("provider-editor")).isDisplayed()).isFalse();
    audit("providers");
    edit.click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("provider-form")));
    assertThat(text("editor-name")).isEqualTo("local");
    assertThat(browser.findElement(By.id("p-model")).getDomProperty("value"))
        .isEqualTo("stub-model");
    assertThat(browser.findElement(By.id("p-enabled")).isSelected()).isTrue();

    type("p-model", "bad model!");
    type("p-inputPricePer1k", "-1");
    browser.findElement(By.id("provider-save")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("p-model-error")));
    assertThat(text("p-model-error")).isNotBlank();
    assertThat(text("p-inputPricePer1k-error")).contains("0");
    assertThat(browser.findElement(By.id("p-model")).getDomAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(browser.findElement(By.id("p-baseUrl-error")).isDisplayed()).isFalse();
    Browser.screenshot(browser, "09-providers-field-errors");
    audit("providers, form with errors");

    type("p-model", "gpt-ui-test");
    type("p-inputPricePer1k", "0.25");
    type("p-baseUrl", "ftp://127.0.0.1/v1");
    browser.findElement(By.id("provider-save")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("p-baseUrl-error")));
    assertThat(text("p-baseUrl-error")).contains("http");
    assertThat(browser.findElement(By.id("p-model-error")).isDisplayed()).isFalse();

    type("p-baseUrl", "http://127.0.0.1:9/v2");
    browser.findElement(By.id("p-enabled")).click();
    browser.findElement(By.id("provider-save")).click();
    wait.until(ExpectedConditions.textToBe(By.id("provider-saved"), "Saved local."));
    wait.until(
        ExpectedConditions.textToBe(
            By.cssSelector("tr[data-provider='local'] .provider-model"), "gpt-ui-test"));
    assertThat(text("p-baseUrl-error")).isEmpty();
    String stored =
        (String)
            browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/v1/providers').then(r => r.json())"
                    + ".then(b => done(JSON.stringify(b.providers.find(p => p.name === 'local'))),"
                    + " e => done('error ' + e));");
    assertThat(stored)
        .contains("\"model\":\"gpt-ui-test\"")
        .contains("\"baseUrl\":\"http://127.0.0.1:9/v2\"")
        .contains("\"inputPricePer1k\":0.25")
        .contains("\"enabled\":false");
    assertThat(
            browser
                .findElement(By.cssSelector("tr[data-provider='local'] .provider-enabled"))
                .getText())
        .isEqualTo("no");
    Browser.screenshot(browser, "10-providers-saved");
    browser.findElement(By.id("provider-cancel")).click();
    assertThat(browser.findElement(By.id("provider-editor")).isDisplayed()).isFalse();
    assertThat(browser.switchTo().activeElement().getDomAttribute("data-name")).isEqualTo("local");
  }

  /** The status page shows the values of /api/v1/stats and the breakers. */
  @SuppressWarnings("unchecked")
  private void status(WebDriverWait wait) {
    browser.get(url("/ui/status"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("stat-active-users")));
    wait.ignoring(StaleElementReferenceException.class)
        .until(driver -> {
          var stats =
              (Map<String, Object>)
                  browser.executeAsyncScript(
                      "const done = arguments[arguments.length - 1];"
                          + "fetch('/api/v1/stats').then(r => r.json()).then(done,"
                          + " e => done({error: String(e)}));");
          var pool = (Map<String, Object>) stats.get("pool");
          var writes = (Map<String, Object>) stats.get("nonCriticalWrites");
          String expectedUsers = stats.get("activeUsers") + " in the last 5 min";
          String expectedQueue =
              (stats.get("queueDepth") == null ? "not reported" : stats.get("queueDepth"))
                  + " jobs waiting";
          boolean same =
              text("stat-active-users").equals(expectedUsers)
                  && text("stat-queue-depth").equals(expectedQueue)
                  && text("stat-pool").endsWith(", " + pool.get("max") + " max")
                  && text("stat-breaker-analytics").startsWith(writes.get("breaker") + " (");
          if (!same) {
            driver.findElement(By.id("stats-refresh")).click();
          }
          return same;
        });
    assertThat(text("stat-active-users")).doesNotStartWith("0 ");
    assertThat(text("stat-pool")).matches("\\d+ active, \\d+ idle, \\d+ waiting, \\d+ max");
    assertThat(text("stat-breaker-analytics")).startsWith("closed");
    assertThat(text("stat-breaker-provider-local")).isEqualTo("closed");
    // It refreshes itself (every 10 s) without a click.
    String updated = text("stats-updated");
    new WebDriverWait(browser, Duration.ofSeconds(15))
        .until(driver -> !text("stats-updated").equals(updated));
    assertThat(text("stats-updated")).startsWith("Updated ");
    Browser.screenshot(browser, "11-status");
    audit("status");
  }

  /** Two pages at a phone's width (375 px): no sideways scrolling, screenshots. */
  private void phone(WebDriverWait wait, String scanPage) {
    var desktop = browser.manage().window().getSize();
    browser.manage().window().setSize(new Dimension(375, 812));
    try {
      browser.get(url("/ui/portfolio"));
      wait.until(ExpectedConditions.elementToBeClickable(By.linkText("shop")));
      // Two scans of the same code: unchanged. The overview is revalidated after a scan, so a
      // first read may still be the stale one.
      wait.ignoring(StaleElementReferenceException.class)
          .until(driver -> {
            String trend = cell("shop", "repo-trend");
            if (trend.equals("unchanged") && !cell("chat", "repo-score").isEmpty()) {
              return true;
            }
            driver.navigate().refresh();
            return false;
          });
      assertThat(cell("shop", "repo-trend")).isEqualTo("unchanged");
      assertThat(cell("shop", "repo-state")).isEqualTo("succeeded");
      assertThat(Integer.parseInt(cell("shop", "repo-score"))).isBetween(0, 100);
      assertThat(cell("shop", "repo-findings")).matches(".*\\d+ (critical|high|medium|low|info).*");
      assertThat(cell("chat", "repo-trend")).isEqualTo("first scan");
      assertThat(cell("vault", "repo-trend")).isEqualTo("first scan");
      assertNoSidewaysScroll("portfolio");
      Browser.screenshot(browser, "14-phone-portfolio");
      browser.executeScript("document.getElementById('repos-title').scrollIntoView();");
      Browser.screenshot(browser, "14b-phone-portfolio-repositories");
      audit("portfolio at phone width");
      browser.get(scanPage);
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#findings .finding")));
      assertNoSidewaysScroll("scan");
      Browser.screenshot(browser, "15-phone-scan");
      audit("scan at phone width");
    } finally {
      browser.manage().window().setSize(desktop);
    }
  }

  /** The texts of one column of the scan history, newest first. */
  private List<String> column(String cssClass) {
    return browser.findElements(By.cssSelector("#history tbody td." + cssClass)).stream()
        .map(WebElement::getText)
        .toList();
  }

  private String cell(String repository, String column) {
    return browser
        .findElement(By.cssSelector("tr[data-repository='" + repository + "'] ." + column))
        .getText();
  }

  private void assertNoSidewaysScroll(String page) {
    Object overflow =
        browser.executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
    assertThat(((Number) overflow).intValue())
        .as(page + " scrolls sideways by")
        .isLessThanOrEqualTo(0);
  }

  private void audit(String page) {
    assertThat(AccessibilityAudit.problems(browser)).as("accessibility of " + page).isEmpty();
  }

  private List<String> rulesShown() {
    return browser.findElements(By.cssSelector("#findings .finding")).stream()
        .map(e -> e.getDomAttribute("data-rule"))
        .toList();
  }

  private void type(String id, String value) {
    WebElement input = browser.findElement(By.id(id));
    input.clear();
    input.sendKeys(value);
  }

  private String text(String id) {
    return browser.findElement(By.id(id)).getText();
  }

  private String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /**
   * A server-side source folder holding a copy of a fixture app with a database-client-per-request
   * problem.
   */
  private static Path createSources() {
    try {
      Path root = Files.createTempDirectory("reviewer-ui-sources").toRealPath();
      Path fixture = Path.of("src", "test", "resources", "fixtures", "db-001-app-router");
      copy(fixture, root.resolve("shop"));
      copy(
          Path.of("src", "test", "resources", "fixtures", "ar-ai-001-express"),
          root.resolve("chat"));
      copy(
          Path.of("src", "test", "resources", "fixtures", "ar-sec-004-hardcoded"),
          root.resolve("vault"));
      return root;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.sorted(Comparator.naturalOrder()).toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
