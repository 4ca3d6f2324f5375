package com.architectreviewer.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.architectreviewer.security.ApiKeys;
import com.architectreviewer.security.Caller;
import com.architectreviewer.testsupport.Browser;
import com.architectreviewer.testsupport.PlatformTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * download SARIF, visit the other pages and sign out. A screenshot of each page goes to
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
  }

  @Test
  void signInScanReadFindingsAndSignOut() {
    String key = apiKeys.createKey(apiKeys.ensureTenant("browser"), Caller.Role.ADMIN);
    var wait = new WebDriverWait(browser, Duration.ofSeconds(30));

    browser.get(url("/ui/portfolio"));
    assertThat(browser.getCurrentUrl()).contains("/ui/login");
    type("apiKey", "rvw_wrong_key");
    browser.findElement(By.id("sign-in")).click();
    assertThat(text("login-error")).contains("not valid");
    Browser.screenshot(browser, "01-sign-in-refused");

    type("apiKey", key);
    browser.findElement(By.id("sign-in")).click();
    wait.until(ExpectedConditions.urlContains("/ui/portfolio"));
    type("repo-name", "shop");
    type("repo-source", SOURCES.resolve("shop").toString());
    browser.findElement(By.id("register-submit")).click();
    WebElement link = wait.until(ExpectedConditions.elementToBeClickable(By.linkText("shop")));
    Browser.screenshot(browser, "02-portfolio");

    link.click();
    wait.until(ExpectedConditions.textToBe(By.id("repo-name"), "shop"));
    browser.findElement(By.id("scan-now")).click();
    new WebDriverWait(browser, Duration.ofSeconds(120))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("result-link")));
    assertThat(browser.findElement(By.id("progress")).getDomProperty("value")).isEqualTo("100");
    assertThat(text("progress-percent")).isEqualTo("100 %");
    Browser.screenshot(browser, "03-repository-scanned");

    browser.findElement(By.id("result-link")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#findings .finding")));
    List<String> rules = rulesShown();
    assertThat(rules).contains("AR-DB-001");
    Browser.screenshot(browser, "04-scan-findings");

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

    for (String page : List.of("ingest", "providers", "status")) {
      browser.get(url("/ui/" + page));
      wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
      Browser.screenshot(browser, "07-" + page);
    }

    browser.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.urlContains("/ui/login"));
    browser.get(url("/ui/portfolio"));
    assertThat(browser.getCurrentUrl()).contains("/ui/login");
    Browser.screenshot(browser, "08-signed-out");
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
