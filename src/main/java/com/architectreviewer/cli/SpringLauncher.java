package com.architectreviewer.cli;

import com.architectreviewer.ReviewerApplication;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;

/** Builds the Spring application for the subcommands that need the platform (database, jobs). */
final class SpringLauncher {

  enum Mode {
    SERVE,
    WORKER,
    MIGRATE,
    ADMIN
  }

  private SpringLauncher() {}

  static SpringApplication application(Mode mode) {
    var application = new SpringApplication(ReviewerApplication.class);
    application.setBannerMode(Banner.Mode.OFF);
    if (mode != Mode.SERVE) {
      application.setWebApplicationType(WebApplicationType.NONE);
    }
    application.setDefaultProperties(Map.of());
    application.setAdditionalProfiles(mode.name().toLowerCase(java.util.Locale.ROOT));
    return application;
  }
}
