package com.architectreviewer.security;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs {@link ProblemErrorReportValve} as the host's error report. */
@Configuration(proxyBeanMethods = false)
class TomcatErrorReport {

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReport() {
    return factory ->
        factory.addContextCustomizers(
            (TomcatContextCustomizer)
                context -> {
                  if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                  }
                });
  }
}
