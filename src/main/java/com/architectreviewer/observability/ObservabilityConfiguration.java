package com.architectreviewer.observability;

import io.micrometer.tracing.Tracer;
import io.prometheus.metrics.tracer.common.SpanContext;
import io.sentry.SentryOptions;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

  @Bean
  FilterRegistrationBean<RequestIdFilter> requestIds() {
    var registration = new FilterRegistrationBean<>(new RequestIdFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  SentryOptions.BeforeSendCallback sentryScrubbing() {
    return new SentryScrubbing();
  }

  /** Replaces Spring Boot's lazy span context of exemplars, which could deadlock startup. */
  @Bean
  SpanContext spanContext(Tracer tracer) {
    return new EagerSpanContext(tracer);
  }
}
