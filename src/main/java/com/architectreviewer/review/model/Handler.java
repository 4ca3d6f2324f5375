package com.architectreviewer.review.model;

import java.util.List;

/**
 * A request entry point: code that runs per request.
 *
 * @param kind what declares it
 * @param file the module that declares it (the route file)
 * @param method HTTP method ({@code GET}...), {@code *} when any method reaches it
 * @param route the URL path ({@code /api/chat}), or the action's name for server actions
 * @param target where its body is: file and function scope ({@code scope} -1 when unresolved)
 * @param line 1-based line of the declaration
 * @param col 1-based column of the declaration
 * @param middleware source text of middleware arguments before the handler ({@code app.post('/x',
 *     limiter, handler)} gives {@code [limiter]}), empty for Next.js
 */
public record Handler(
    Kind kind,
    String file,
    String method,
    String route,
    Target target,
    int line,
    int col,
    List<String> middleware) {

  /** Kinds of entry points. */
  public enum Kind {
    /** Next.js App Router {@code app/**}{@code /route.ts} exported HTTP method */
    APP_ROUTE,
    /** Next.js Pages Router {@code pages/api/**} default export */
    PAGES_API,
    /** Next.js {@code middleware.ts} */
    MIDDLEWARE,
    /** {@code "use server"} action */
    SERVER_ACTION,
    /** Express/Hono/Fastify/Koa route registration */
    SERVER_ROUTE,
    /**
     * A function the platform calls per request: Supabase Edge Functions and Deno servers, Netlify
     * and Vercel functions, Cloudflare Workers and Pages Functions, SvelteKit endpoints, loads and
     * actions, Remix loaders and actions, Nuxt/Nitro handlers, Astro endpoints
     */
    FUNCTION
  }

  /**
   * A function body somewhere in the project.
   *
   * @param file module
   * @param scope function scope id in that module (-1 when unresolved)
   */
  public record Target(String file, int scope) {
    public boolean resolved() {
      return scope >= 0;
    }
  }

  public Handler {
    middleware = List.copyOf(middleware);
  }

  /** A short label for messages: {@code GET /api/chat} or {@code action createPost}. */
  public String label() {
    return switch (kind) {
      case SERVER_ACTION -> "server action " + route;
      case MIDDLEWARE -> "middleware";
      default -> (method.equals("*") ? "" : method + " ") + route;
    };
  }
}
