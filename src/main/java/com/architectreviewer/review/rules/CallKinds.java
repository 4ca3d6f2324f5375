package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import java.util.List;
import java.util.Set;

/**
 * What a call does, as far as the rules half cares: reaches an LLM, writes to a database, sends
 * mail, limits a rate, is a non-critical (analytics/log) write. Decided from the callee path and
 * the packages the module imports, never from text in comments or strings.
 */
final class CallKinds {

  static final Set<String> LLM_PACKAGES =
      Set.of(
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
          "ollama");
  private static final List<String> LLM_PACKAGE_PREFIXES = List.of("@ai-sdk/", "@langchain/");
  private static final List<String> LLM_MEMBER_PATHS =
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
          "models.generateContent",
          "chatCompletion",
          "textGeneration");
  private static final Set<String> AI_SDK_FUNCTIONS =
      Set.of("generateText", "streamText", "generateObject", "streamObject", "embed", "embedMany");
  private static final Set<String> LANGCHAIN_MEMBERS = Set.of("invoke", "stream", "batch");
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

  static final Set<String> LIMITER_PACKAGES =
      Set.of(
          "@upstash/ratelimit",
          "rate-limiter-flexible",
          "express-rate-limit",
          "hono-rate-limiter",
          "@fastify/rate-limit",
          "limiter",
          "bottleneck",
          "@arcjet/next",
          "@arcjet/node",
          "next-rate-limit",
          "koa-ratelimit",
          "express-slow-down",
          "@unkey/ratelimit");
  static final Set<String> LIMITER_MEMBERS =
      Set.of("limit", "consume", "removeTokens", "protect", "check", "blockKeyForDuration");

  private static final Set<String> PRISMA_WRITES =
      Set.of(
          "create",
          "createMany",
          "createManyAndReturn",
          "update",
          "updateMany",
          "upsert",
          "delete",
          "deleteMany",
          "$executeRaw",
          "$executeRawUnsafe");
  private static final Set<String> DOCUMENT_WRITES =
      Set.of(
          "insertOne",
          "insertMany",
          "updateOne",
          "updateMany",
          "deleteOne",
          "deleteMany",
          "replaceOne",
          "findOneAndUpdate",
          "findOneAndDelete",
          "findByIdAndUpdate",
          "findByIdAndDelete",
          "bulkWrite",
          "bulkCreate",
          "destroy");
  private static final Set<String> CHAINED_WRITES = Set.of("values", "set", "insert", "upsert");
  private static final Set<String> DB_ROOTS =
      Set.of(
          "prisma", "db", "database", "tx", "trx", "knex", "supabase", "supabaseAdmin", "drizzle");

  private CallKinds() {}

  /** True when {@code module} imports {@code pkg} or one of its subpaths. */
  static boolean imports(JsModule module, String pkg) {
    return module.imports().stream().anyMatch(i -> i.packageName().equals(pkg));
  }

  static boolean importsLlmPackage(JsModule module) {
    return module.imports().stream()
        .map(i -> i.packageName())
        .anyMatch(
            p -> LLM_PACKAGES.contains(p) || LLM_PACKAGE_PREFIXES.stream().anyMatch(p::startsWith));
  }

  /** True when the call reaches an LLM provider. */
  static boolean isLlmCall(JsModule m, Call call) {
    var callee = call.callee();
    if (call.isNew()) {
      return false;
    }
    if (callee.equals("fetch") || callee.endsWith(".fetch") || callee.equals("axios.post")) {
      var first = JsQueries.tok(m, call.openParen() + 1);
      return first != null
          && first.isString()
          && PROVIDER_HOSTS.stream().anyMatch(h -> first.text().contains(h));
    }
    if (!importsLlmPackage(m)) {
      return false;
    }
    var imported = m.importOf(call.root());
    if (!callee.contains(".")
        && imported.isPresent()
        && imported.get().from().packageName().equals("ai")
        && AI_SDK_FUNCTIONS.contains(imported.get().imported())) {
      return true;
    }
    for (var path : LLM_MEMBER_PATHS) {
      if (callee.endsWith("." + path)) {
        return true;
      }
    }
    if (callee.contains(".") && !callee.startsWith(".")) {
      var member = call.member();
      if (imports(m, "replicate")
          && (member.equals("run") || callee.endsWith("predictions.create"))) {
        return rootFrom(m, call, "replicate");
      }
      if (LANGCHAIN_MEMBERS.contains(member)) {
        return rootIsNewOf(m, call, "Chat");
      }
      if (imports(m, "cohere-ai") && (member.equals("chat") || member.equals("generate"))) {
        return rootFrom(m, call, "cohere-ai");
      }
    }
    return false;
  }

  /** True when the call consumes a rate limit (Upstash, rate-limiter-flexible, Arcjet...). */
  static boolean isLimiterCall(JsModule m, Call call) {
    if (!LIMITER_MEMBERS.contains(call.member()) || !call.callee().contains(".")) {
      return false;
    }
    return m.imports().stream().anyMatch(i -> LIMITER_PACKAGES.contains(i.packageName()))
        || JsQueries.words(call.root()).stream().anyMatch(w -> w.contains("limit"));
  }

  /** True when the call writes to a database (Prisma, Drizzle, Mongo/Mongoose, Knex, Supabase). */
  static boolean isDbWrite(JsModule m, Call call) {
    var parts = call.callee().split("\\.");
    var member = call.member();
    if (call.callee().startsWith(".")) {
      return CHAINED_WRITES.contains(member) && chainStartsAtDb(m, call);
    }
    if (parts.length >= 3 && PRISMA_WRITES.contains(member) && DB_ROOTS.contains(parts[0])) {
      return true;
    }
    if (parts.length == 2
        && (member.equals("insert") || member.equals("update") || member.equals("delete"))) {
      return DB_ROOTS.contains(parts[0]);
    }
    if (parts.length >= 2 && DOCUMENT_WRITES.contains(member)) {
      return true;
    }
    return parts.length == 2
        && member.equals("create")
        && Character.isUpperCase(parts[0].charAt(0))
        && m.importOf(parts[0]).map(i -> i.from().packageName().isEmpty()).orElse(false);
  }

  /**
   * The model or table a write targets ({@code auditLog} in {@code prisma.auditLog.create}), or "".
   */
  static String writeTarget(JsModule m, Call call) {
    var parts = call.callee().split("\\.");
    if (parts.length >= 3) {
      return parts[parts.length - 2];
    }
    if (parts.length == 2 && Character.isUpperCase(parts[0].charAt(0))) {
      return parts[0];
    }
    if (parts.length == 2 && call.hasArguments()) {
      var first = JsQueries.tok(m, call.openParen() + 1);
      return first != null && first.isIdent() ? first.text() : "";
    }
    if (call.callee().startsWith(".")) {
      var head = chainHead(m, call);
      if (head != null && head.hasArguments()) {
        var first = JsQueries.tok(m, head.openParen() + 1);
        return first != null && first.isIdent() ? first.text() : "";
      }
    }
    return "";
  }

  /** True when the call sends mail (Resend, Nodemailer, SendGrid, Postmark, Mailgun). */
  static boolean isMailSend(Call call) {
    var callee = call.callee();
    return callee.endsWith("emails.send")
        || callee.endsWith(".sendMail")
        || callee.equals("sgMail.send")
        || callee.endsWith(".sendEmail")
        || callee.endsWith(".sendEmailWithTemplate")
        || (callee.endsWith("messages.create") && callee.contains("mg"));
  }

  private static boolean chainStartsAtDb(JsModule m, Call call) {
    var head = chainHead(m, call);
    return head != null && head != call && isDbWriteHead(head);
  }

  private static boolean isDbWriteHead(Call head) {
    var parts = head.callee().split("\\.");
    return parts.length >= 2
        && DB_ROOTS.contains(parts[0])
        && Set.of("insert", "update", "from", "upsert").contains(parts[parts.length - 1]);
  }

  /**
   * The first call of a chain such as {@code db.insert(t).values(x)} (the {@code db.insert} call).
   */
  static Call chainHead(JsModule m, Call call) {
    Call current = call;
    for (int guard = 0; guard < 8 && current.callee().startsWith("."); guard++) {
      int dot = current.startToken() - 1;
      var before = JsQueries.tok(m, dot - 1);
      if (before == null || !before.isPunct(")")) {
        return current;
      }
      Call previous = null;
      for (var c : m.calls()) {
        if (c.closeParen() == dot - 1) {
          previous = c;
          break;
        }
      }
      if (previous == null) {
        return current;
      }
      current = previous;
    }
    return current;
  }

  private static boolean rootFrom(JsModule m, Call call, String pkg) {
    var root = call.root();
    var imported = m.importOf(root);
    if (imported.isPresent()) {
      return imported.get().from().packageName().equals(pkg);
    }
    return m.resolve(root, call.startToken())
        .filter(d -> d.hasInitialiser())
        .map(d -> m.text(d.initStart(), d.initEnd()))
        .map(init -> init.startsWith("new "))
        .orElse(false);
  }

  private static boolean rootIsNewOf(JsModule m, Call call, String classPrefix) {
    return m.resolve(call.root(), call.startToken())
        .filter(d -> d.hasInitialiser())
        .map(d -> m.text(d.initStart(), d.initEnd()))
        .map(init -> init.startsWith("new " + classPrefix))
        .orElse(false);
  }
}
