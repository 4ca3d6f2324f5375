package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.model.CallSite;
import com.architectreviewer.review.model.ProjectModel;
import java.util.List;
import java.util.Set;

/**
 * Calls that reach an LLM provider, recognised by where the callee comes from and what it calls.
 */
final class LlmCalls {

  private static final String[] PACKAGES = {
    "openai",
    "@anthropic-ai/sdk",
    "ai",
    "@google/generative-ai",
    "@google/genai",
    "groq-sdk",
    "@mistralai/mistralai",
    "cohere-ai",
    "replicate",
    "langchain",
    "together-ai",
    "@huggingface/inference",
    "ollama",
    "@langchain/openai",
    "@langchain/anthropic",
    "@langchain/google-genai",
    "@langchain/groq",
    "@langchain/mistralai",
    "@langchain/community"
  };
  private static final List<String> MEMBER_PATHS =
      List.of(
          "chat.completions.create",
          "chat.completions.parse",
          "chat.completions.stream",
          "completions.create",
          "responses.create",
          "responses.stream",
          "embeddings.create",
          "images.generate",
          "images.edit",
          "messages.create",
          "messages.stream",
          "generateContent",
          "generateContentStream",
          "chatCompletion",
          "textGeneration",
          "chat.complete",
          "chat.stream",
          // openai v3 (OpenAIApi), still in many tutorials and weekend apps
          "createChatCompletion",
          "createCompletion",
          "createImage",
          "createImageEdit",
          "createImageVariation",
          "createEmbedding");
  private static final Set<String> AI_SDK =
      Set.of("generateText", "streamText", "generateObject", "streamObject", "embed", "embedMany");
  private static final Set<String> CHAIN_MEMBERS = Set.of("invoke", "stream", "batch", "call");
  private static final List<String> PROVIDER_HOSTS =
      List.of(
          "api.openai.com",
          "api.anthropic.com",
          "generativelanguage.googleapis.com",
          "api.groq.com",
          "api.mistral.ai",
          "api.cohere.ai",
          "api.cohere.com",
          "api.replicate.com",
          "openrouter.ai/api",
          "api.together.xyz",
          "api.deepseek.com",
          "api.x.ai",
          "api.perplexity.ai",
          "api-inference.huggingface.co");

  private LlmCalls() {}

  private static final Set<String> OTHER_MEMBERS =
      Set.of(
          "run", "chat", "generate", "chatStream", "invoke", "stream", "batch", "call", "create");

  /**
   * A cheap syntactic test: false when the call cannot be an LLM call whatever its receiver, so
   * callers can skip resolving where the receiver comes from.
   */
  static boolean mayBeLlmCall(Call call) {
    var callee = call.callee();
    if (call.isNew() || callee.startsWith(".")) {
      return false;
    }
    if (!callee.contains(".")) {
      return AI_SDK.contains(callee)
          || callee.equals("fetch")
          || AI_SDK.stream().anyMatch(callee::startsWith);
    }
    if (callee.equals("axios.post") || callee.equals("ky.post")) {
      return true;
    }
    for (var path : MEMBER_PATHS) {
      if (callee.endsWith("." + path)) {
        return true;
      }
    }
    return OTHER_MEMBERS.contains(call.member());
  }

  /**
   * {@link #isLlmCall(ProjectModel, CallSite)} for a call of {@code module}, resolving only when
   * needed.
   */
  static boolean isLlmCall(ProjectModel model, JsModule module, Call call) {
    return mayBeLlmCall(call) && isLlmCall(model, model.site(module, call));
  }

  /** True when the call sends a request to an LLM provider. */
  static boolean isLlmCall(ProjectModel model, CallSite site) {
    if (!mayBeLlmCall(site.call())
        && !site.call().callee().contains(".")
        && site.origin().map(o -> !AI_SDK.contains(o.importedName())).orElse(true)) {
      return false;
    }
    var call = site.call();
    if (call.isNew() || call.callee().startsWith(".")) {
      return false;
    }
    var callee = call.callee();
    if (callee.equals("fetch") || callee.equals("axios.post") || callee.equals("ky.post")) {
      var first = JsQueries.tok(site.module(), call.openParen() + 1);
      return first != null
          && first.isString()
          && PROVIDER_HOSTS.stream().anyMatch(h -> first.text().contains(h));
    }
    var pkg = Packages.of(model, site);
    if (!Packages.in(pkg, PACKAGES)) {
      return false;
    }
    if (!callee.contains(".")) {
      return pkg.equals("ai")
          && site.origin().map(o -> AI_SDK.contains(o.importedName())).orElse(false);
    }
    for (var path : MEMBER_PATHS) {
      if (callee.endsWith("." + path)) {
        return true;
      }
    }
    var member = call.member();
    if (pkg.equals("replicate")) {
      return member.equals("run") || callee.endsWith("predictions.create");
    }
    if (pkg.equals("cohere-ai")) {
      return member.equals("chat") || member.equals("generate") || member.equals("chatStream");
    }
    return pkg.contains("langchain") && CHAIN_MEMBERS.contains(member);
  }

  /**
   * True when the provider client of {@code call} is built with the caller's own key, read from
   * their profile or settings ({@code new OpenAI({ apiKey: profile.openai_api_key })}): the caller
   * pays for what they send, so the operator's bill and rate limits are not at stake. A key from
   * the environment or a literal is the operator's.
   */
  static boolean billedToCaller(JsModule m, Call call) {
    var decl = m.resolve(call.root(), call.startToken());
    if (decl.isEmpty() || !decl.get().hasInitialiser()) {
      return false;
    }
    var t = m.tokens();
    int from = decl.get().initStart();
    int to = decl.get().initEnd();
    for (int k = from; k + 2 <= to; k++) {
      if (!t.get(k).isIdent("apiKey") || !t.get(k + 1).isPunct(":")) {
        continue;
      }
      int end = JsQueries.expressionEnd(m, k + 2);
      boolean fromRequestOrProfile = false;
      for (int j = k + 2; j <= end; j++) {
        var tk = t.get(j);
        if (tk.isString()
            || tk.isIdent("process")
            || tk.isIdent("env")
            || tk.isIdent("Deno")
            || tk.isIdent("meta")) {
          if (tk.isString() && j > k + 2 && t.get(j - 1).isPunct("||")) {
            continue; // profile.key || "": the fallback is empty, the key is still the caller's
          }
          return false;
        }
        if (tk.isIdent() && JsQueries.isReference(m, j) && readsEnvironment(m, tk.text(), j)) {
          return false;
        }
        fromRequestOrProfile |= tk.isIdent() && !JsQueries.words(tk.text()).isEmpty();
      }
      var first = t.get(k + 2);
      boolean unresolvedConstant =
          first.isIdent()
              && isConstantName(first.text())
              && m.resolve(first.text(), k + 2).map(d -> !d.hasInitialiser()).orElse(true);
      return fromRequestOrProfile && !unresolvedConstant;
    }
    return false;
  }

  /**
   * {@code name} at token {@code at} is declared from the environment ({@code const k =
   * process.env.K}).
   */
  private static boolean readsEnvironment(JsModule m, String name, int at) {
    var decl = m.resolve(name, at);
    if (decl.isEmpty() || !decl.get().hasInitialiser()) {
      return false;
    }
    for (int k = decl.get().initStart(); k <= decl.get().initEnd(); k++) {
      var tk = m.tokens().get(k);
      if (tk.isIdent("process") || tk.isIdent("env") || tk.isIdent("Deno") || tk.isIdent("meta")) {
        return true;
      }
    }
    return false;
  }

  /** {@code OPENAI_API_KEY}: a module constant, read from the environment somewhere. */
  private static boolean isConstantName(String name) {
    return name.equals(name.toUpperCase(java.util.Locale.ROOT));
  }

  /** A short description of the provider call ({@code openai.chat.completions.create}). */
  static String describe(CallSite site) {
    return "`" + site.callee() + "`";
  }
}
