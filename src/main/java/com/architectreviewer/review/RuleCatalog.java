package com.architectreviewer.review;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every rule the engine knows, by id, in a stable order. */
public final class RuleCatalog {

  private final Map<String, Rule> rules = new LinkedHashMap<>();

  /**
   * @throws IllegalArgumentException when two rules share an id
   */
  public RuleCatalog(Collection<Rule> rules) {
    for (var rule : rules) {
      if (this.rules.putIfAbsent(rule.id(), rule) != null) {
        throw new IllegalArgumentException("duplicate rule id " + rule.id());
      }
    }
  }

  /** The rules in catalog order. */
  public List<Rule> rules() {
    return List.copyOf(rules.values());
  }

  public Optional<Rule> find(String id) {
    return Optional.ofNullable(rules.get(id));
  }

  /** A catalog with this one's rules and {@code more} (ids must not collide). */
  public RuleCatalog plus(Collection<Rule> more) {
    var all = new java.util.ArrayList<>(rules.values());
    all.addAll(more);
    return new RuleCatalog(all);
  }
}
