package com.architectreviewer.review.model;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import java.util.Optional;

/**
 * A call with its module and where its callee's root name comes from.
 *
 * @param module the module containing the call
 * @param call the call
 * @param origin where {@link Call#root()} comes from, when known
 */
public record CallSite(JsModule module, Call call, Optional<Origin> origin) {

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
    return origin.isPresent() && origin.get().fromPackage(packages);
  }

  /** The source line of the call. */
  public String lineText() {
    return module.lineText(call.line());
  }
}
