package com.architectreviewer.review.model;

import com.architectreviewer.review.js.JsModule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Answers "does this function reach, directly or through functions it calls (in this module or in
 * imported project modules), a call matching X?" with a breadth-first walk over function bodies.
 */
final class Reachability {

  /** Bounds keep pathological repositories cheap; real call chains are a handful deep. */
  static final int MAX_BODIES = 400;

  private record Body(String file, int scope) {}

  private record Step(Body body, CallSite via) {}

  private final ProjectModel model;

  Reachability(ProjectModel model) {
    this.model = model;
  }

  /**
   * The chain of calls from {@code start} to the first matching call (the match is last), or empty.
   */
  Optional<List<CallSite>> path(Handler.Target start, Predicate<CallSite> matches) {
    if (!start.resolved()) {
      return Optional.empty();
    }
    var first = new Body(start.file(), start.scope());
    var cameFrom = new HashMap<Body, Step>();
    cameFrom.put(first, null);
    var queue = new ArrayDeque<Body>();
    queue.add(first);
    int visited = 0;
    while (!queue.isEmpty() && visited++ < MAX_BODIES) {
      var body = queue.poll();
      var module = model.module(body.file()).orElse(null);
      if (module == null) {
        continue;
      }
      for (var call : module.callsWithin(body.scope())) {
        var site = model.site(module, call);
        if (matches.test(site)) {
          return Optional.of(chain(cameFrom, body, site));
        }
        var next = callee(module, site);
        if (next != null && !cameFrom.containsKey(next)) {
          cameFrom.put(next, new Step(body, site));
          queue.add(next);
        }
      }
    }
    return Optional.empty();
  }

  /** Every function body {@code start} reaches (itself included), bounded like {@link #path}. */
  java.util.Set<Handler.Target> bodies(Handler.Target start) {
    var seen = new java.util.LinkedHashSet<Handler.Target>();
    if (!start.resolved()) {
      return seen;
    }
    var queue = new ArrayDeque<Body>();
    var first = new Body(start.file(), start.scope());
    var visited = new java.util.HashSet<Body>();
    visited.add(first);
    queue.add(first);
    while (!queue.isEmpty() && seen.size() < MAX_BODIES) {
      var body = queue.poll();
      seen.add(new Handler.Target(body.file(), body.scope()));
      var module = model.module(body.file()).orElse(null);
      if (module == null) {
        continue;
      }
      for (var call : module.callsWithin(body.scope())) {
        var next = callee(module, model.site(module, call));
        if (next != null && visited.add(next)) {
          queue.add(next);
        }
      }
    }
    return seen;
  }

  private Body callee(JsModule module, CallSite site) {
    var call = site.call();
    if (call.callee().startsWith(".")) {
      return null;
    }
    var target = model.nameTarget(module, call.root(), call.startToken());
    if (!target.resolved() && call.callee().contains(".")) {
      // ns.fn() with `import * as ns from './x'`
      var imported = module.importOf(call.root());
      if (imported.isPresent() && imported.get().imported().equals("*")) {
        var file = model.resolve(module, imported.get().from());
        var member = call.callee().split("\\.")[1];
        if (file.isPresent()) {
          var other = model.module(file.get());
          if (other.isPresent()) {
            target = model.exportTarget(other.get(), member);
          }
        }
      }
    }
    if (!target.resolved() && call.callee().contains(".")) {
      target = model.memberTarget(module, call); // api.chat(), service.complete()
    }
    return target.resolved() ? new Body(target.file(), target.scope()) : null;
  }

  private static List<CallSite> chain(Map<Body, Step> cameFrom, Body last, CallSite match) {
    var list = new ArrayList<CallSite>();
    list.add(match);
    for (var step = cameFrom.get(last); step != null; step = cameFrom.get(step.body())) {
      list.add(0, step.via());
    }
    return list;
  }
}
