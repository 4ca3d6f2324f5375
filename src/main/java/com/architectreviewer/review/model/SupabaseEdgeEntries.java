package com.architectreviewer.review.model;

import java.util.List;

/**
 * Supabase Edge Functions and other Deno servers: {@code Deno.serve(handler)}, {@code
 * Deno.serve(options, handler)} and std's {@code serve(handler)} ({@code
 * https://deno.land/std/http/server.ts}). The route of {@code supabase/functions/NAME/index.ts} is
 * {@code /functions/v1/NAME}.
 */
final class SupabaseEdgeEntries implements EntryPoints {

  @Override
  public void find(Source source, List<Handler> out) {
    var m = source.module();
    for (var call : m.calls()) {
      boolean denoServe = call.callee().equals("Deno.serve");
      boolean stdServe =
          call.callee().equals("serve")
              && m.importOf("serve").map(i -> i.from().specifier().contains("/std")).orElse(false);
      if ((!denoServe && !stdServe) || !call.hasArguments()) {
        continue;
      }
      var args = m.arguments(call);
      var last = args.get(args.size() - 1);
      var scopes = source.functionsIn(last[0], last[1] + 1);
      Handler.Target target;
      if (!scopes.isEmpty()) {
        target = new Handler.Target(m.file(), scopes.getFirst());
      } else if (m.tokens().get(last[1]).isIdent()) {
        target = source.model().nameTarget(m, m.tokens().get(last[1]).text(), last[1]);
      } else {
        continue;
      }
      source.add(out, Handler.Kind.FUNCTION, "*", route(m.file()), target, call.startToken());
    }
  }

  private static String route(String file) {
    var marker = "supabase/functions/";
    int at = file.indexOf(marker);
    if (at < 0) {
      return "/";
    }
    var rest = file.substring(at + marker.length());
    int slash = rest.indexOf('/');
    return "/functions/v1/"
        + (slash < 0 ? rest.replaceAll("\\.[a-z]+$", "") : rest.substring(0, slash));
  }
}
