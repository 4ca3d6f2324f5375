package com.architectreviewer.review.rules;

import com.architectreviewer.review.Confidence;
import com.architectreviewer.review.Rule;
import com.architectreviewer.review.Severity;
import com.architectreviewer.review.js.JsModule;
import com.architectreviewer.review.model.ProjectModel;

/** AR-KV-001: a TCP Redis client created per request or per route module. */
final class RedisClientPerRequest implements Check {

  static final Rule RULE =
      Rule.of(
          "AR-KV-001",
          "Redis client created per request or per route module",
          Severity.HIGH,
          "ioredis and node-redis clients hold a TCP connection. Created per request (worse: with"
              + " connect() and no quit()) they exhaust the Redis connection limit the same way"
              + " PrismaClient per request exhausts Postgres; the seed asks for a singleton Redis"
              + " client. HTTP clients such as @upstash/redis are fine.",
          "Create one client in a shared module, or use an HTTP client on serverless:\n"
              + "  // lib/redis.ts\n"
              + "  const g = globalThis as unknown as { redis?: Redis };\n"
              + "  export const redis = g.redis ?? new Redis(process.env.REDIS_URL!);\n"
              + "  g.redis = redis;\n"
              + "  // or: import { Redis } from '@upstash/redis'; export const redis = Redis.fromEnv();");

  @Override
  public Rule rule() {
    return RULE;
  }

  @Override
  public void run(ProjectModel model, Findings findings) {
    var all = Clients.all(model);
    for (var creation : all) {
      if (creation.kind() != ClientKind.REDIS) {
        continue;
      }
      var module = creation.module();
      var call = creation.call();
      var file = module.file();
      int function = module.enclosingFunction(call.scope());
      var shared = SharedClients.describe(SharedClients.of(model, all, ClientKind.REDIS, file));
      if (function < 0) {
        if (model.isRouteModule(file)) {
          findings.add(
              RULE,
              Location.of(module, call),
              "`"
                  + file
                  + "` creates its own Redis client at module scope while "
                  + shared
                  + ": every function instance of this route opens another connection",
              Severity.MEDIUM,
              Confidence.HIGH);
        }
        continue;
      }
      if (Clients.isCached(module, call)) {
        continue;
      }
      var handlers = Clients.handlersReaching(model, creation);
      boolean routeModule = model.isRouteModule(file);
      if (handlers.isEmpty() && !routeModule) {
        continue;
      }
      boolean leaks = connectsWithoutQuit(module, function);
      var where =
          handlers.isEmpty()
              ? "inside a function of the route module"
              : "on every request of " + handlers.get(0).label();
      findings.add(
          RULE,
          Location.of(module, call),
          "A new Redis client is created "
              + where
              + (leaks ? ", connect()ed and never quit(): each request leaks a TCP connection" : "")
              + " ("
              + shared
              + ")",
          Severity.HIGH,
          handlers.isEmpty() ? Confidence.MEDIUM : Confidence.HIGH);
    }
  }

  private static boolean connectsWithoutQuit(JsModule module, int function) {
    boolean connect = false;
    for (var call : module.callsWithin(function)) {
      if (call.member().equals("connect")) {
        connect = true;
      }
    }
    if (!connect) {
      return false;
    }
    for (var call : module.calls()) {
      if (call.member().equals("quit") || call.member().equals("disconnect")) {
        return false;
      }
    }
    return true;
  }
}
