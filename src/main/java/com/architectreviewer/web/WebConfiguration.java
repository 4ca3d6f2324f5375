package com.architectreviewer.web;

import com.architectreviewer.security.BrowserSessions;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class WebConfiguration {

  @Bean
  FilterRegistrationBean<UiSessionFilter> uiSessions(BrowserSessions sessions) {
    var registration = new FilterRegistrationBean<>(new UiSessionFilter(sessions));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
    registration.addUrlPatterns("/ui/*");
    return registration;
  }
}
