package com.architectreviewer.review.model;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import java.util.Optional;

/**
 * A call with its module and where its callee's root name comes from. The origin is resolved on
 * first use: reachability walks visit many calls whose origin no predicate asks for.
 */
public final class CallSite {

  private final ProjectModel model;
  private final JsModule module;
  private final Call call;
  private Optional<Origin> origin;

  CallSite(ProjectModel model, JsModule module, Call call) {
    this.model = model;
    this.module = module;
    this.call = call;
  }

  /** The module containing the call. */
  public JsModule module() {
    return module;
  }

  /** The call. */
  public Call call() {
    return call;
  }

  /** Where {@link Call#root()} comes from, when known. */
  public Optional<Origin> origin() {
    if (origin == null) {
      origin =
          call.callee().startsWith(".")
              ? Optional.empty()
              : model.origin(module, call.root(), call.startToken());
    }
    return origin;
  }

  public String file() {
    return module.file();
  }

  public String callee() {
    return call.callee();
  }

  public int line() {
    return call.line();
  }

  /** True when the callee's root comes from one of {@code packages}. */
  public boolean fromPackage(String... packages) {
    var o = origin();
    return o.isPresent() && o.get().fromPackage(packages);
  }

  /** The source line of the call. */
  public String lineText() {
    return module.lineText(call.line());
  }

  @Override
  public String toString() {
    return module.file() + ":" + call.line() + " " + call.callee();
  }
}
