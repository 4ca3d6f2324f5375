package com.architectreviewer.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.util.FileUtils;

/**
 * Fetches a remote repository for review: checks the URL with {@link UrlGuard}, shallow-clones the
 * default branch (depth 1, JGit) into a fresh temporary folder within a time and size limit, and
 * removes the folder when the {@link Checkout} is closed.
 *
 * <pre>
 * try (var checkout = new RemoteSource(guard, RemoteSource.Limits.defaults()).fetch(url)) {
 *   var report = engine.review(checkout.dir(), options, listener).withRoot(checkout.display());
 * }
 * </pre>
 */
public final class RemoteSource {

  /**
   * Clone limits.
   *
   * @param timeout wall time for the whole clone
   * @param maxBytes size of the clone folder on disk
   */
  public record Limits(Duration timeout, long maxBytes) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    public static final long DEFAULT_MAX_BYTES = 500L * 1024 * 1024;

    public static Limits defaults() {
      return new Limits(DEFAULT_TIMEOUT, DEFAULT_MAX_BYTES);
    }
  }

  /** A cloned repository in a temporary folder; closing removes the folder. */
  public static final class Checkout implements AutoCloseable {
    private final Path dir;
    private final String display;

    Checkout(Path dir, String display) {
      this.dir = dir;
      this.display = display;
    }

    /** The working tree. */
    public Path dir() {
      return dir;
    }

    /** The URL without credentials. */
    public String display() {
      return display;
    }

    @Override
    public void close() {
      delete(dir.getParent());
    }
  }

  private final UrlGuard guard;
  private final Limits limits;
  private final Clock clock;

  public RemoteSource(UrlGuard guard, Limits limits) {
    this(guard, limits, Clock.systemUTC());
  }

  public RemoteSource(UrlGuard guard, Limits limits, Clock clock) {
    this.guard = guard;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Clones {@code url}.
   *
   * @throws UrlRefused when the guard refuses the URL (nothing was contacted)
   * @throws CloneFailed when the clone fails or exceeds a limit (the folder is already removed)
   */
  public Checkout fetch(String url) {
    var accepted = guard.check(url);
    Path parent;
    try {
      parent = Files.createTempDirectory("reviewer-clone-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
    var dir = parent.resolve("repo");
    var monitor =
        new LimitMonitor(dir, clock.instant().plus(limits.timeout()), limits.maxBytes(), clock);
    int timeoutSeconds =
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, limits.timeout().toSeconds()));
    try (var git =
        Git.cloneRepository()
            .setURI(accepted.uri().toString())
            .setDirectory(dir.toFile())
            .setDepth(1)
            .setCloneAllBranches(false)
            .setCloneSubmodules(false)
            .setTimeout(timeoutSeconds)
            .setProgressMonitor(monitor)
            .call()) {
      if (monitor.reason() != null) {
        throw new CloneFailed(monitor.reason());
      }
      if (LimitMonitor.size(dir) > limits.maxBytes()) {
        throw new CloneFailed(
            "repository exceeds the clone size limit of " + limits.maxBytes() + " bytes");
      }
      return new Checkout(dir, accepted.display());
    } catch (GitAPIException | JGitInternalException e) {
      delete(parent);
      var reason = monitor.reason();
      throw new CloneFailed(
          reason != null
              ? reason
              : "cannot clone " + accepted.display() + ": " + clean(e.getMessage(), url));
    } catch (CloneFailed e) {
      delete(parent);
      throw e;
    }
  }

  private static String clean(String message, String url) {
    if (message == null) {
      return "unknown error";
    }
    var firstLine = message.lines().findFirst().orElse(message);
    return firstLine.replace(url, "the repository").replaceAll("://[^/@\\s]*@", "://");
  }

  static void delete(Path dir) {
    try {
      if (Files.exists(dir)) {
        FileUtils.delete(
            dir.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the clone folder " + dir, e);
    }
  }

  /** Cancels the clone when the deadline passes or the folder grows over the limit. */
  private static final class LimitMonitor implements ProgressMonitor {
    private final Path dir;
    private final Instant deadline;
    private final long maxBytes;
    private final Clock clock;
    private volatile String reason;
    private Instant nextSizeCheck;

    LimitMonitor(Path dir, Instant deadline, long maxBytes, Clock clock) {
      this.dir = dir;
      this.deadline = deadline;
      this.maxBytes = maxBytes;
      this.clock = clock;
      this.nextSizeCheck = clock.instant();
    }

    String reason() {
      return reason;
    }

    @Override
    public boolean isCancelled() {
      var now = clock.instant();
      if (now.isAfter(deadline)) {
        reason = "clone exceeded the time limit";
      } else if (!now.isBefore(nextSizeCheck)) {
        nextSizeCheck = now.plusMillis(500);
        if (size(dir) > maxBytes) {
          reason = "repository exceeds the clone size limit of " + maxBytes + " bytes";
        }
      }
      return reason != null;
    }

    static long size(Path dir) {
      if (!Files.exists(dir)) {
        return 0;
      }
      try (var files = Files.walk(dir)) {
        return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      } catch (IOException | UncheckedIOException e) {
        return 0;
      }
    }

    @Override
    public void start(int totalTasks) {}

    @Override
    public void beginTask(String title, int totalWork) {}

    @Override
    public void update(int completed) {}

    @Override
    public void endTask() {}

    @Override
    public void showDuration(boolean enabled) {}
  }
}
