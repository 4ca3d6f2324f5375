package com.architectreviewer.review;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.util.FileUtils;

/**
 * Fetches a remote repository for review: checks the URL with {@link UrlGuard} (and every HTTP
 * connection JGit opens, so redirects too: {@link GuardedConnections}), shallow-clones the default
 * branch or a given branch or tag (depth 1, JGit) into a fresh temporary folder within a time and
 * size limit, and removes the folder when the {@link Checkout} is closed. Failures say whether they
 * are transient ({@link CloneFailed#retryable()}).
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
   * Clones the default branch of {@code url}.
   *
   * @throws UrlRefused when the guard refuses the URL (nothing was contacted)
   * @throws CloneFailed when the clone fails or exceeds a limit (the folder is already removed)
   */
  public Checkout fetch(String url) {
    return fetch(url, null);
  }

  /**
   * Clones {@code ref} (a branch or tag name, or a full {@code refs/heads/} or {@code refs/tags/}
   * name; null for the default branch) of {@code url}. A ref that the remote does not have fails at
   * once, before anything is downloaded.
   *
   * @throws UrlRefused when the guard refuses the URL (nothing was contacted) or a redirect to a
   *     refused address (the target was not contacted)
   * @throws CloneFailed when the ref is not valid or not there, or the clone fails or exceeds a
   *     limit (the folder is already removed)
   */
  public Checkout fetch(String url, String ref) {
    if (ref != null) {
      String problem = GitRefs.problem(ref);
      if (problem != null) {
        throw new CloneFailed("the requested branch or tag " + problem);
      }
    }
    var accepted = guard.check(url);
    Path parent;
    try {
      // The owner's pid in the name: a worker that starts removes folders of dead processes.
      parent = Files.createTempDirectory("reviewer-clone-" + ProcessHandle.current().pid() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
    var dir = parent.resolve("repo");
    var monitor =
        new LimitMonitor(dir, clock.instant().plus(limits.timeout()), limits.maxBytes(), clock);
    int timeoutSeconds =
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, limits.timeout().toSeconds()));
    String display = ref == null ? accepted.display() : accepted.display() + "#" + ref;
    try {
      var clone =
          Git.cloneRepository()
              .setURI(accepted.uri().toString())
              .setDirectory(dir.toFile())
              .setDepth(1)
              .setCloneAllBranches(false)
              .setCloneSubmodules(false)
              .setTimeout(timeoutSeconds)
              .setProgressMonitor(monitor)
              .setTransportConfigCallback(GuardedConnections.on(guard));
      if (ref != null) {
        String fullName = remoteRef(accepted, ref, timeoutSeconds, guard);
        clone.setBranch(fullName).setBranchesToClone(List.of(fullName));
      }
      try (var git = clone.call()) {
        if (monitor.reason() != null) {
          throw new CloneFailed(monitor.reason(), monitor.timedOut());
        }
        if (LimitMonitor.size(dir) > limits.maxBytes()) {
          throw new CloneFailed(
              "repository exceeds the clone size limit of " + limits.maxBytes() + " bytes");
        }
        return new Checkout(dir, display);
      }
    } catch (GitAPIException | JGitInternalException e) {
      delete(parent);
      var redirect = redirectRefused(e);
      if (redirect != null) {
        throw new UrlRefused(
            accepted.display()
                + " redirected to "
                + redirect.target()
                + ", which is refused: "
                + redirect.getCause().getMessage());
      }
      var reason = monitor.reason();
      if (reason != null) {
        throw new CloneFailed(reason, monitor.timedOut());
      }
      throw new CloneFailed(
          "cannot clone " + accepted.display() + ": " + reason(e, url), isTransient(e));
    } catch (CloneFailed e) {
      delete(parent);
      throw e;
    }
  }

  /**
   * The full name of {@code ref} on the remote (branches before tags, as git does), found with one
   * {@code ls-remote}; a ref the remote does not have fails for good.
   */
  private static String remoteRef(
      UrlGuard.Accepted accepted, String ref, int timeoutSeconds, UrlGuard guard)
      throws GitAPIException {
    var refs =
        Git.lsRemoteRepository()
            .setRemote(accepted.uri().toString())
            .setTransportConfigCallback(GuardedConnections.on(guard))
            .setHeads(true)
            .setTags(true)
            .setTimeout(timeoutSeconds)
            .callAsMap();
    List<String> candidates =
        ref.startsWith(Constants.R_REFS)
            ? List.of(ref)
            : List.of(Constants.R_HEADS + ref, Constants.R_TAGS + ref);
    for (String candidate : candidates) {
      if (refs.containsKey(candidate)) {
        return candidate;
      }
    }
    throw new CloneFailed(
        "branch or tag '" + ref + "' does not exist in " + accepted.display(), false);
  }

  /** The refused hop, when the clone failed because the host redirected to a refused address. */
  private static GuardedConnections.RedirectRefused redirectRefused(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof GuardedConnections.RedirectRefused refused) {
        return refused;
      }
    }
    return null;
  }

  /** Git host answers that retrying may fix: 5xx and 429. */
  private static final Pattern TRANSIENT_STATUS = Pattern.compile(": (5\\d\\d|429)\\b");

  /** Answers that retrying cannot fix: authentication needed or refused. */
  private static final Pattern AUTHENTICATION =
      Pattern.compile(
          "not authorized|authentication is required|authentication not supported|: 40[13]\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * Whether a clone failure is transient: the connection was refused, reset or timed out, or the
   * git host answered 5xx or 429. A missing repository, required authentication and anything else
   * are not.
   */
  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof NoRemoteRepositoryException || AUTHENTICATION.matcher(message).find()) {
        return false;
      }
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof InterruptedIOException // socket timeouts
          || t instanceof ConnectException
          || t instanceof SocketException // connection reset, unexpected end of stream
          || t instanceof UnknownHostException // DNS answered before (the guard), so a glitch
          || t instanceof java.io.EOFException
          || TRANSIENT_STATUS.matcher(message).find()
          || message.contains("Connection reset")
          || message.contains("timed out")
          || message.contains("Premature EOF")
          || message.contains("Unexpected end of file")) {
        return true;
      }
    }
    return false;
  }

  /** What went wrong, in words for users: not found and authentication named plainly. */
  private static String reason(Throwable failure, String url) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof NoRemoteRepositoryException) {
        return "repository not found";
      }
      if (t.getMessage() != null && AUTHENTICATION.matcher(t.getMessage()).find()) {
        return "the repository requires authentication (only public repositories can be cloned)";
      }
    }
    return clean(failure.getMessage(), url);
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
    private volatile boolean timedOut;
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

    /** The clone was stopped by its deadline (transient), not by the size limit. */
    boolean timedOut() {
      return timedOut;
    }

    @Override
    public boolean isCancelled() {
      var now = clock.instant();
      if (now.isAfter(deadline)) {
        reason = "clone exceeded the time limit";
        timedOut = true;
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
