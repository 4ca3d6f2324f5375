package com.architectreviewer.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through chromedriver, with the flags a closed network needs.
 * Skips (or fails under CI) when the browser is not installed.
 */
public final class Browser {

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private Browser() {}

  public static ChromeDriver start() {
    Path chromium = ExternalTool.require("chromium", "chromium");
    Path driver = ExternalTool.require("chromedriver", "chromium-driver");
    try {
      Path profile = Files.createTempDirectory("reviewer-chromium");
      var options = new ChromeOptions();
      options.setBinary(chromium.toString());
      options.addArguments(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-quic",
          "--no-first-run",
          "--window-size=1280,1000",
          "--user-data-dir=" + profile);
      var service =
          new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
      var browser = new ChromeDriver(service, options);
      browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
      return browser;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Saves a screenshot of the current page as {@code target/screenshots/NAME.png}. */
  public static Path screenshot(ChromeDriver browser, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
