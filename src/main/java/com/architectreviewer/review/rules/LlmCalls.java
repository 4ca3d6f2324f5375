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
    "@langchain/community",
    "@langchain/core",
    "@langchain/langgraph",
    "@langchain/cohere",
    "@langchain/google-vertexai",
    "@langchain/aws"
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

  /**
   * LangChain calls that run a model: chains, runnables, agents and chat models ({@code invoke},
   * {@code stream}, {@code streamEvents}...), embeddings ({@code embedQuery}), and vector-store
   * calls that embed what they store or search ({@code fromDocuments}, {@code similaritySearch}).
   */
  private static final Set<String> CHAIN_MEMBERS =
      Set.of(
          "invoke",
          "stream",
          "batch",
          "call",
          "streamEvents",
          "streamLog",
          "predict",
          "embedQuery",
          "embedDocuments",
          "fromDocuments",
          "fromTexts",
          "addDocuments",
          "similaritySearch",
          "similaritySearchWithScore");

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
          "api-inference.huggingface.co",
          "helicone.ai/", // Helicone's proxies: oai., anthropic., together.helicone.ai
          "api.fireworks.ai",
          "api.deepinfra.com",
          "api.cerebras.ai",
          "/ai/run/"); // Cloudflare Workers AI over REST

  private LlmCalls() {}

  /** Members that may call a model whatever the receiver: the LangChain ones and SDK verbs. */
  private static final Set<String> OTHER_MEMBERS =
      union(CHAIN_MEMBERS, "run", "chat", "generate", "chatStream", "create");

  private static Set<String> union(Set<String> base, String... more) {
    var all = new java.util.HashSet<>(base);
    all.addAll(List.of(more));
    return Set.copyOf(all);
  }

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
    if (callee.equals("axios.post") || callee.equals("ky.post") || callee.endsWith(".fetch")) {
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
    if (callee.equals("fetch")
        || callee.endsWith(".fetch")
        || callee.equals("axios.post")
        || callee.equals("ky.post")) {
      // deps.fetch(...): an injected fetch is still a request to the URL it is given
      var first = JsQueries.tok(site.module(), call.openParen() + 1);
      if (first != null && first.isIdent()) {
        return providerUrlConstant(site.module(), first.text(), call.openParen() + 1);
      }
      if (first == null || !first.isString()) {
        return false;
      }
      var url = urlText(site.module(), call);
      return PROVIDER_HOSTS.stream().anyMatch(url::contains);
    }
    var pkg = Packages.of(model, site);
    if (!Packages.in(pkg, PACKAGES) && !pkg.contains("langchain")) {
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
    if (decl.isEmpty()) {
      return false;
    }
    var ranges = new java.util.ArrayList<int[]>();
    if (decl.get().hasInitialiser()) {
      ranges.add(new int[] {decl.get().initStart(), decl.get().initEnd()});
    } else {
      // let openai; if (...) openai = new OpenAI({...}) else openai = new OpenAI({...})
      var t = m.tokens();
      for (var c : m.calls()) {
        int before = c.startToken() - 1;
        if (c.isNew()
            && c.closeParen() > 0
            && before >= 2
            && t.get(before).isIdent("new")
            && t.get(before - 1).isPunct("=")
            && t.get(before - 2).isIdent(decl.get().name())) {
          ranges.add(new int[] {c.openParen(), c.closeParen()});
        }
      }
    }
    if (ranges.isEmpty()) {
      return false;
    }
    for (var range : ranges) {
      if (!callerKey(m, range[0], range[1])) {
        return false;
      }
    }
    return true;
  }

  /** The {@code apiKey} set in tokens {@code [from, to]} is the caller's (see above). */
  private static boolean callerKey(JsModule m, int from, int to) {
    var t = m.tokens();
    for (int k = from; k + 2 <= to; k++) {
      if (!t.get(k).isIdent("apiKey") || !t.get(k + 1).isPunct(":")) {
        continue;
      }
      int end = JsQueries.expressionEnd(m, k + 2);
      var words = new java.util.HashSet<String>();
      collectWords(m, k + 2, end, words);
      for (int j = k + 2; j <= end; j++) {
        var tk = t.get(j);
        if (tk.isIdent() && JsQueries.isReference(m, j)) {
          var local = m.resolve(tk.text(), j);
          if (local.isPresent() && local.get().hasInitialiser() && local.get().token() != j) {
            collectWords(m, local.get().initStart(), local.get().initEnd(), words);
          }
        }
      }
      if (words.stream().anyMatch(OPERATOR_KEY_WORDS::contains)) {
        return false;
      }
      return words.stream().anyMatch(CALLER_KEY_WORDS::contains);
    }
    return false;
  }

  /** A key read from the deployment's configuration: the operator's. */
  private static final Set<String> OPERATOR_KEY_WORDS =
      Set.of("process", "env", "deno", "meta", "config", "runtime", "secret", "secrets");

  /** A key read from what belongs to the caller: their profile, account, settings or request. */
  private static final Set<String> CALLER_KEY_WORDS =
      Set.of(
          "profile",
          "user",
          "account",
          "workspace",
          "team",
          "settings",
          "customer",
          "member",
          "req",
          "request",
          "body",
          "headers",
          "byok");

  private static void collectWords(JsModule m, int from, int to, Set<String> words) {
    for (int j = from; j <= to && j < m.tokens().size(); j++) {
      var tk = m.tokens().get(j);
      if (tk.isIdent()) {
        words.addAll(JsQueries.words(tk.text()));
      }
    }
  }

  /**
   * The literal text of the call's first argument: a string, or the parts of a template around its
   * substitutions ({@code `https://api.cloudflare.com/.../${id}/ai/run/${model}`}).
   */
  private static String urlText(JsModule m, Call call) {
    var args = m.arguments(call);
    if (args.isEmpty()) {
      return "";
    }
    var text = new StringBuilder();
    for (int k = args.getFirst()[0]; k <= args.getFirst()[1]; k++) {
      var tk = m.tokens().get(k);
      if (tk.isString()) {
        text.append(tk.text());
      }
    }
    return text.toString();
  }

  /**
   * {@code fetch(OPENAI_URL, ...)} with {@code const OPENAI_URL = "https://api.openai.com/..."}.
   */
  private static boolean providerUrlConstant(JsModule m, String name, int at) {
    var decl = m.resolve(name, at);
    if (decl.isEmpty() || !decl.get().hasInitialiser()) {
      return false;
    }
    for (int k = decl.get().initStart(); k <= decl.get().initEnd(); k++) {
      var tk = m.tokens().get(k);
      if (tk.isString() && PROVIDER_HOSTS.stream().anyMatch(h -> tk.text().contains(h))) {
        return true;
      }
    }
    return false;
  }

  /** A short description of the provider call ({@code openai.chat.completions.create}). */
  static String describe(CallSite site) {
    return "`" + site.callee() + "`";
  }
}
