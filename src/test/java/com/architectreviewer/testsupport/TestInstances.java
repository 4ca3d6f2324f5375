package com.architectreviewer.testsupport;

import com.architectreviewer.ReviewerApplication;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts whole application instances inside a test, for tests that need two of them on one database
 * and one Redis (as behind a load balancer) or an instance on a database they stop.
 */
public final class TestInstances {

  private TestInstances() {}

  /**
   * A running instance on a random port with these settings (which win over the environment);
   * {@code beans} may register extra beans, such as a test endpoint. Close it when done.
   */
  public static ConfigurableApplicationContext start(
      Map<String, String> settings, java.util.function.Consumer<GenericApplicationContext> beans) {
    var properties = new HashMap<String, Object>(settings);
    properties.putIfAbsent("server.port", "0");
    return new SpringApplicationBuilder(ReviewerApplication.class)
        .initializers(context -> {
          context
              .getEnvironment()
              .getPropertySources()
              .addFirst(new MapPropertySource("testInstance", properties));
          beans.accept((GenericApplicationContext) context);
        })
        .run();
  }

  /** The port an instance listens on. */
  public static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
