package com.architectreviewer.review.rules;

import com.architectreviewer.review.js.Call;
import com.architectreviewer.review.js.JsModule;
import java.util.Set;

/**
 * What a call does, as far as the rules half cares: reaches an LLM, writes to a database, sends
 * mail, limits a rate, is a non-critical (analytics/log) write. Decided from the callee path and
 * the packages the module imports, never from text in comments or strings.
 */
final class CallKinds {

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
  private static final Set<String> CHAINED_WRITES =
      Set.of("values", "set", "insert", "upsert", "update", "delete");
  private static final Set<String> DB_ROOTS =
      Set.of(
          "prisma", "db", "database", "tx", "trx", "knex", "supabase", "supabaseAdmin", "drizzle");

  private CallKinds() {}

  /**
   * A name that holds a database client: the usual ones, and the names projects give their shared
   * client ({@code prismadb}, {@code prismaClient}, {@code appDb}, {@code dbAdmin}, {@code
   * supabaseClient}).
   */
  static boolean isDbRoot(String root) {
    if (DB_ROOTS.contains(root)) {
      return true;
    }
    var lower = root.toLowerCase(java.util.Locale.ROOT);
    return lower.contains("prisma")
        || lower.contains("supabase")
        || lower.endsWith("db")
        || lower.startsWith("db");
  }

  /** True when the call writes to a database (Prisma, Drizzle, Mongo/Mongoose, Knex, Supabase). */
  static boolean isDbWrite(JsModule m, Call call) {
    var parts = call.callee().split("\\.");
    var member = call.member();
    if (call.callee().startsWith(".")) {
      return CHAINED_WRITES.contains(member) && chainStartsAtDb(m, call);
    }
    if (parts.length >= 3 && PRISMA_WRITES.contains(member) && isDbRoot(parts[0])) {
      return true;
    }
    if (parts.length == 2
        && (member.equals("insert") || member.equals("update") || member.equals("delete"))) {
      return isDbRoot(parts[0]);
    }
    if (parts.length >= 2 && DOCUMENT_WRITES.contains(member)) {
      return true;
    }
    if (parts.length >= 3
        && (member.equals("put") || member.equals("delete"))
        && (call.callee().contains("env.") || call.callee().contains("storage."))) {
      return true; // Workers KV (env.LINKS.put), Durable Object storage (this.state.storage.put)
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
    if (parts.length == 2 && !parts[0].isEmpty() && Character.isUpperCase(parts[0].charAt(0))) {
      return parts[0];
    }
    if (parts.length == 2 && !parts[0].isEmpty() && call.hasArguments()) {
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
        && isDbRoot(parts[0])
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
}
