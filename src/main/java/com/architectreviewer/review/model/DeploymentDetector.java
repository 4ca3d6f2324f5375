package com.architectreviewer.review.model;

import com.architectreviewer.review.js.JsModule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guesses where an app runs from files in its folder or above (up to the root) and its code. When
 * nothing says, it says unknown instead of guessing.
 */
final class DeploymentDetector {

  private static final Map<String, String> SERVERLESS_FILES =
      Map.of(
          "vercel.json", "vercel.json",
          "netlify.toml", "netlify.toml",
          "serverless.yml", "serverless.yml",
          "serverless.yaml", "serverless.yml",
          "sst.config.ts", "sst.config.ts",
          "wrangler.toml", "wrangler.toml",
          "wrangler.json", "wrangler.json",
          "wrangler.jsonc", "wrangler.jsonc",
          "amplify.yml", "amplify.yml",
          "template.yaml", "AWS SAM template.yaml");
  private static final Map<String, String> LONG_RUNNING_FILES =
      Map.of(
          "Dockerfile", "Dockerfile",
          "fly.toml", "fly.toml",
          "Procfile", "Procfile",
          "render.yaml", "render.yaml",
          "ecosystem.config.js", "pm2 ecosystem.config.js",
          "railway.json", "railway.json");
  private static final Set<String> SERVERLESS_PACKAGES =
      Set.of(
          "@vercel/functions",
          "@vercel/postgres",
          "@netlify/functions",
          "@cloudflare/next-on-pages",
          "@opennextjs/cloudflare",
          "@opennextjs/aws",
          "aws-lambda",
          "@types/aws-lambda",
          "serverless-http",
          "@vendia/serverless-express");

  private DeploymentDetector() {}

  static Deployment detect(
      String appDir, Set<String> files, Set<String> packages, Collection<JsModule> appModules) {
    var serverless = new ArrayList<String>();
    var longRunning = new ArrayList<String>();
    for (var dir : dirsUp(appDir)) {
      var prefix = dir.isEmpty() ? "" : dir + "/";
      SERVERLESS_FILES.forEach((name, label) -> {
        if (files.contains(prefix + name)) {
          serverless.add(prefix + label);
        }
      });
      LONG_RUNNING_FILES.forEach((name, label) -> {
        if (files.contains(prefix + name)) {
          longRunning.add(prefix + label);
        }
      });
    }
    for (var p : packages) {
      if (SERVERLESS_PACKAGES.contains(p)) {
        serverless.add("dependency " + p);
      }
    }
    for (var module : appModules) {
      if (listens(module)) {
        longRunning.add(module.file() + " calls listen()");
        break;
      }
    }
    if (!serverless.isEmpty()) {
      return new Deployment(
          Deployment.Target.SERVERLESS, String.join(", ", serverless.stream().sorted().toList()));
    }
    if (!longRunning.isEmpty()) {
      return new Deployment(
          Deployment.Target.LONG_RUNNING,
          String.join(", ", longRunning.stream().sorted().toList()));
    }
    return new Deployment(Deployment.Target.UNKNOWN, "");
  }

  private static boolean listens(JsModule module) {
    for (var call : module.calls()) {
      if (call.member().equals("listen") && call.callee().contains(".")) {
        return true;
      }
      if (call.callee().equals("serve")
          && module
              .importOf("serve")
              .map(i -> i.from().specifier().equals("@hono/node-server"))
              .orElse(false)) {
        return true;
      }
    }
    return false;
  }

  private static List<String> dirsUp(String dir) {
    var dirs = new ArrayList<String>();
    var current = dir;
    while (true) {
      dirs.add(current);
      if (current.isEmpty()) {
        return dirs;
      }
      current = ModuleResolver.dirOf(current);
    }
  }
}
