package com.architectreviewer.review.model;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Names the frameworks and libraries an app uses, from its dependencies and imports. */
final class Frameworks {

  private static final Map<String, String> BY_PACKAGE =
      Map.ofEntries(
          Map.entry("next", "next"),
          Map.entry("express", "express"),
          Map.entry("hono", "hono"),
          Map.entry("fastify", "fastify"),
          Map.entry("koa", "koa"),
          Map.entry("@prisma/client", "prisma"),
          Map.entry("prisma", "prisma"),
          Map.entry("drizzle-orm", "drizzle"),
          Map.entry("pg", "pg"),
          Map.entry("postgres", "postgres"),
          Map.entry("mysql2", "mysql2"),
          Map.entry("mongodb", "mongodb"),
          Map.entry("mongoose", "mongoose"),
          Map.entry("knex", "knex"),
          Map.entry("sequelize", "sequelize"),
          Map.entry("@neondatabase/serverless", "neon"),
          Map.entry("@supabase/supabase-js", "supabase"),
          Map.entry("ioredis", "ioredis"),
          Map.entry("redis", "redis"),
          Map.entry("@upstash/redis", "upstash-redis"),
          Map.entry("@vercel/kv", "vercel-kv"),
          Map.entry("@upstash/ratelimit", "upstash-ratelimit"),
          Map.entry("openai", "openai"),
          Map.entry("@anthropic-ai/sdk", "anthropic"),
          Map.entry("ai", "ai-sdk"),
          Map.entry("@google/generative-ai", "google-ai"),
          Map.entry("@google/genai", "google-ai"),
          Map.entry("groq-sdk", "groq"),
          Map.entry("@mistralai/mistralai", "mistral"),
          Map.entry("cohere-ai", "cohere"),
          Map.entry("replicate", "replicate"),
          Map.entry("langchain", "langchain"),
          Map.entry("inngest", "inngest"),
          Map.entry("@trigger.dev/sdk", "trigger"),
          Map.entry("zod", "zod"));

  private Frameworks() {}

  static Set<String> detect(Set<String> packages) {
    var found = new TreeSet<String>();
    for (var p : packages) {
      var name = BY_PACKAGE.get(p);
      if (name != null) {
        found.add(name);
      } else if (p.startsWith("@sentry/")) {
        found.add("sentry");
      } else if (p.startsWith("@langchain/")) {
        found.add("langchain");
      } else if (p.startsWith("@ai-sdk/")) {
        found.add("ai-sdk");
      }
    }
    return found;
  }
}
