package com.architectreviewer.review;

import java.util.List;

/**
 * What the engine understood of the project.
 *
 * @param apps the apps/packages found (one per {@code package.json}, or the root)
 * @param sourceFiles JS/TS files analysed
 * @param routeHandlers request handlers found (route handlers, API routes, server actions...)
 */
public record ProjectSummary(List<App> apps, int sourceFiles, int routeHandlers) {

  public ProjectSummary {
    apps = List.copyOf(apps);
  }

  /**
   * One app or package.
   *
   * @param name package name (or folder name)
   * @param path folder relative to the root ({@code .} for the root)
   * @param frameworks detected frameworks and data/AI libraries
   * @param deployment {@code serverless}, {@code long-running} or {@code unknown}
   * @param deploymentEvidence what the deployment guess rests on
   */
  public record App(
      String name,
      String path,
      List<String> frameworks,
      String deployment,
      String deploymentEvidence) {

    public App {
      frameworks = List.copyOf(frameworks);
    }
  }
}
