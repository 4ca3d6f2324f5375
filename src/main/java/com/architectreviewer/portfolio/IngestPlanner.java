package com.architectreviewer.portfolio;

import com.architectreviewer.review.GitRefs;
import com.architectreviewer.security.InvalidField;
import com.architectreviewer.security.InvalidInput;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * Turns an ingest request into the repositories to ingest: shape checked, folder expanded into its
 * sub-folders, duplicates (same normalised URL or path) merged. Checks that need the network (DNS
 * for SSRF) run later, per repository, in the job: one bad repository must not fail the others.
 */
@Component
class IngestPlanner {

  private final RepositorySources sources;

  IngestPlanner(RepositorySources sources) {
    this.sources = sources;
  }

  List<IngestItem> plan(IngestRequest request) {
    int given =
        (request.urls() == null ? 0 : 1)
            + (request.repositories() == null ? 0 : 1)
            + (request.folder() == null ? 0 : 1);
    if (given != 1) {
      throw new InvalidInput("body", "give exactly one of 'urls', 'repositories' and 'folder'");
    }
    List<IngestItem> items;
    if (request.urls() != null) {
      items = new ArrayList<>();
      for (int i = 0; i < request.urls().size(); i++) {
        String url = checkShape(request.urls().get(i), "urls[" + i + "]");
        items.add(new IngestItem(RepositoryUrls.nameOf(url), url, null, null, List.of()));
      }
    } else if (request.repositories() != null) {
      items = manifest(request.repositories());
    } else {
      items = folder(request.folder());
    }
    var unique = new LinkedHashMap<String, IngestItem>();
    items.forEach(item -> unique.putIfAbsent(item.identity(), item));
    return List.copyOf(unique.values());
  }

  private List<IngestItem> manifest(List<IngestRequest.Entry> entries) {
    var items = new ArrayList<IngestItem>();
    var errors = new ArrayList<InvalidField>();
    for (int i = 0; i < entries.size(); i++) {
      var entry = entries.get(i);
      String field = "repositories[" + i + "]";
      if ((entry.url() == null) == (entry.path() == null)) {
        errors.add(new InvalidField(field, "give exactly one of 'url' and 'path'"));
        continue;
      }
      if (entry.path() != null && entry.branch() != null) {
        errors.add(new InvalidField(field + ".branch", "applies to git URLs only"));
        continue;
      }
      String branchProblem = entry.branch() == null ? null : GitRefs.problem(entry.branch());
      if (branchProblem != null) {
        errors.add(new InvalidField(field + ".branch", branchProblem));
        continue;
      }
      try {
        if (entry.url() != null) {
          String url = checkShape(entry.url(), field + ".url");
          String name = entry.name() != null ? entry.name() : RepositoryUrls.nameOf(url);
          items.add(new IngestItem(name, url, null, entry.branch(), entry.tags()));
        } else {
          String path = Path.of(entry.path()).normalize().toString();
          String name = entry.name() != null ? entry.name() : safeName(Path.of(path).getFileName());
          items.add(new IngestItem(name, null, path, null, entry.tags()));
        }
      } catch (InvalidInput e) {
        errors.addAll(e.errors());
      } catch (java.nio.file.InvalidPathException e) {
        errors.add(new InvalidField(field + ".path", "is not a valid path"));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInput(errors);
    }
    return items;
  }

  private List<IngestItem> folder(String raw) {
    String root;
    try {
      root = sources.checkPath(raw);
    } catch (InvalidInput e) {
      throw new InvalidInput("folder", e.errors().getFirst().message());
    }
    try (Stream<Path> children = Files.list(Path.of(root))) {
      var items =
          children
              .filter(Files::isDirectory)
              .filter(dir -> !dir.getFileName().toString().startsWith("."))
              .sorted()
              .map(dir ->
                  new IngestItem(
                      safeName(dir.getFileName()), null, dir.toString(), null, List.of()))
              .toList();
      if (items.isEmpty()) {
        throw new InvalidInput("folder", "has no sub-folders to ingest");
      }
      if (items.size() > IngestRequest.MAX_REPOSITORIES) {
        throw new InvalidInput(
            "folder",
            "has "
                + items.size()
                + " sub-folders; one ingest takes at most "
                + IngestRequest.MAX_REPOSITORIES);
      }
      return items;
    } catch (IOException e) {
      throw new InvalidInput("folder", "cannot be listed");
    }
  }

  /** Scheme, host, no credentials; the SSRF check (DNS) happens in the job. */
  private static String checkShape(String raw, String field) {
    URI uri;
    try {
      uri = new URI(raw.trim());
    } catch (URISyntaxException e) {
      throw new InvalidInput(field, "is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new InvalidInput(field, "must be an https git URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new InvalidInput(field, "must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new InvalidInput(field, "must not contain credentials");
    }
    return uri.toString();
  }

  private static String safeName(Path fileName) {
    String name =
        fileName.toString().replaceAll("[^A-Za-z0-9._/-]", "-").replaceAll("^[^A-Za-z0-9]+", "");
    return name.isEmpty() ? "repository" : name.substring(0, Math.min(100, name.length()));
  }
}
