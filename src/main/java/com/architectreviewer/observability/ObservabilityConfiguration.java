package com.architectreviewer.observability;

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
}
