package com.architectreviewer.review.rules;

import com.architectreviewer.review.model.ProjectModel;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Finds the module that a project uses as its shared client module, for messages. */
final class SharedClients {

  private SharedClients() {}

  /**
   * A module that creates a {@code kind} client outside handlers, and how many modules import it.
   */
  record Shared(String file, int importers) {}

  /**
   * The most imported non-route, runtime module creating a {@code kind} client (excluding {@code
   * except}).
   */
  static Optional<Shared> of(
      ProjectModel model, List<Clients.Creation> all, ClientKind kind, String except) {
    return all.stream()
        .filter(c -> c.kind() == kind)
        .map(c -> c.module().file())
        .distinct()
        .filter(f -> !f.equals(except))
        .filter(f -> !model.isRouteModule(f) && !Clients.isNonRuntime(f))
        .map(f -> new Shared(f, model.importers(f).size()))
        .max(
            Comparator.comparingInt(Shared::importers)
                .thenComparing(Shared::file, Comparator.reverseOrder()));
  }

  static String describe(Optional<Shared> shared) {
    if (shared.isEmpty()) {
      return "no shared client module exists yet";
    }
    var s = shared.get();
    return s.importers()
        + " module"
        + (s.importers() == 1 ? "" : "s")
        + " import `"
        + s.file()
        + "`";
  }
}
