package com.architectreviewer.security;

import com.architectreviewer.db.Notifications;
import com.architectreviewer.kv.KeyValueStore;
import com.architectreviewer.kv.SharedRedis;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.ObjectMapper;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

  /** Filter order: body limit, then authentication, then the per-key rate limit. */
  static final int BODY_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

  static final int AUTHENTICATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
  static final int RATE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

  @Bean
  RateLimitRoutes rateLimitRoutes(SecurityProperties properties) {
    return new RateLimitRoutes(properties.rateLimits());
  }

  @Bean
  RateLimiter rateLimiter(
      TokenBuckets buckets,
      SecurityProperties properties,
      ObjectMapper json,
      ObjectProvider<MeterRegistry> meters) {
    return new RateLimiter(
        buckets,
        properties.rateLimits().enabled(),
        json,
        meters.getIfAvailable(SimpleMeterRegistry::new));
  }

  /**
   * Redis-backed (shared by every instance) when {@code REDIS_URL} is set, in-process otherwise.
   * The Redis connection is warmed up in the background; start and readiness do not wait for it.
   */
  @Bean
  TokenBuckets tokenBuckets(
      SharedRedis redis, SecurityProperties properties, ObjectProvider<MeterRegistry> meters) {
    var local = new LocalTokenBuckets(LocalTokenBuckets.DEFAULT_MAX_BUCKETS);
    if (redis.client().isEmpty()) {
      return local;
    }
    var limits = properties.rateLimits();
    var buckets =
        new RedisTokenBuckets(
            redis,
            local,
            limits.redisTimeout(),
            limits.redisRetryAfter(),
            meters.getIfAvailable(SimpleMeterRegistry::new));
    buckets.warmUp();
    return buckets;
  }

  @Bean(destroyMethod = "close")
  KeyCache keyCache(
      SecurityProperties properties,
      KeyValueStore kv,
      Notifications notifications,
      MeterRegistry meters) {
    return new KeyCache(
        properties.keyCache(), kv, notifications, meters, Ticker.systemTicker(), true);
  }

  @Bean
  FilterRegistrationBean<QueryStringFilter> queryString(ObjectMapper json) {
    var registration = new FilterRegistrationBean<>(new QueryStringFilter(json));
    registration.setOrder(BODY_LIMIT_ORDER - 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<BodyLimitFilter> bodyLimit(
      SecurityProperties properties, ObjectMapper json) {
    var registration =
        new FilterRegistrationBean<>(new BodyLimitFilter(properties.maxJsonBody().toBytes(), json));
    registration.setOrder(BODY_LIMIT_ORDER);
    return registration;
  }

  @Bean
  FilterRegistrationBean<ApiKeyAuthenticationFilter> apiKeyAuthentication(
      ApiKeys apiKeys,
      ObjectMapper json,
      RateLimiter limiter,
      RateLimitRoutes routes,
      KeyUsage usage,
      BrowserSessions sessions) {
    var registration =
        new FilterRegistrationBean<>(
            new ApiKeyAuthenticationFilter(apiKeys, json, limiter, routes, usage, sessions));
    registration.setOrder(AUTHENTICATION_ORDER);
    registration.addUrlPatterns("/api/*");
    return registration;
  }

  @Bean
  FilterRegistrationBean<RateLimitFilter> rateLimit(RateLimiter limiter, RateLimitRoutes routes) {
    var registration = new FilterRegistrationBean<>(new RateLimitFilter(limiter, routes));
    registration.setOrder(RATE_LIMIT_ORDER);
    registration.addUrlPatterns("/api/*");
    return registration;
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CallerArgumentResolver());
  }

  /** Resolves {@link Caller} controller parameters from the authenticated request. */
  static final class CallerArgumentResolver implements HandlerMethodArgumentResolver {
    @Override
    public boolean supportsParameter(MethodParameter parameter) {
      return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(
        MethodParameter parameter,
        ModelAndViewContainer mavContainer,
        NativeWebRequest webRequest,
        WebDataBinderFactory binderFactory) {
      Object caller =
          webRequest.getAttribute(
              ApiKeyAuthenticationFilter.CALLER_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
      if (caller == null) {
        throw new IllegalStateException("No authenticated caller on a /api/ request");
      }
      return caller;
    }
  }
}
