package com.architectreviewer.review.model;

import com.architectreviewer.review.js.Declaration;

/**
 * Where a name comes from, followed through local declarations and imports of project modules.
 *
 * @param packageName npm package it finally comes from ({@code ""} when it is project code)
 * @param specifier the import specifier that brought it in ({@code ""} when declared locally)
 * @param importedName exported name taken from the package ({@code default}, {@code *}, a name)
 * @param declaredIn file of the declaration that creates the value ({@code ""} when imported
 *     straight from a package)
 * @param declaration that declaration ({@code null} when none)
 * @param instance true when the value is the result of calling/constructing the package export
 *     ({@code const openai = new OpenAI()})
 */
public record Origin(
    String packageName,
    String specifier,
    String importedName,
    String declaredIn,
    Declaration declaration,
    boolean instance) {

  /** True when it comes from one of {@code packages} (or a subpath such as {@code pkg/sub}). */
  public boolean fromPackage(String... packages) {
    for (var p : packages) {
      if (packageName.equals(p) || specifier.equals(p) || specifier.startsWith(p + "/")) {
        return true;
      }
    }
    return false;
  }

  Origin asInstance(String file, Declaration decl) {
    return new Origin(packageName, specifier, importedName, file, decl, true);
  }
}
