package com.architectreviewer.review.model;

import java.util.Map;
import java.util.Set;

/**
 * An app or package of the repository: one per {@code package.json} (the root always counts).
 *
 * @param dir folder relative to the root ({@code ""} for the root)
 * @param name package name or folder name
 * @param manifest its package.json ({@code null} when the folder has none)
 * @param dependencies its dependencies plus the workspace root's (dev included)
 * @param frameworks detected frameworks and libraries ({@code next}, {@code prisma}, {@code
 *     openai}...)
 * @param deployment where it runs
 */
public record App(
    String dir,
    String name,
    PackageManifest manifest,
    Map<String, String> dependencies,
    Set<String> frameworks,
    Deployment deployment) {

  public boolean hasDependency(String name) {
    return dependencies.containsKey(name);
  }

  /** True when any dependency starts with {@code prefix} (e.g. {@code @prisma/adapter-}). */
  public boolean hasDependencyStartingWith(String prefix) {
    return dependencies.keySet().stream().anyMatch(d -> d.startsWith(prefix));
  }

  public boolean uses(String framework) {
    return frameworks.contains(framework);
  }

  /** True when {@code file} (relative path) lies in this app's folder. */
  public boolean contains(String file) {
    return dir.isEmpty() || file.startsWith(dir + "/");
  }

  /** {@code file} relative to this app's folder. */
  public String relative(String file) {
    return dir.isEmpty() ? file : file.substring(Math.min(file.length(), dir.length() + 1));
  }

  /** The display path ({@code .} for the root). */
  public String displayDir() {
    return dir.isEmpty() ? "." : dir;
  }
}
