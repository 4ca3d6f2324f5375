package com.architectreviewer.review.model;

import com.architectreviewer.review.js.JsModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Finds request entry points in parsed modules by asking every runtime ({@link EntryPoints}). */
final class HandlerFinder {

  static final Set<String> HTTP_METHODS =
      Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  private final ProjectModel model;

  HandlerFinder(ProjectModel model) {
    this.model = model;
  }

  List<Handler> find(JsModule module, App app) {
    var handlers = new ArrayList<Handler>();
    var source = new EntryPoints.Source(model, module, app, app.relative(module.file()));
    for (var runtime : EntryPoints.ALL) {
      runtime.find(source, handlers);
    }
    return handlers;
  }
}
