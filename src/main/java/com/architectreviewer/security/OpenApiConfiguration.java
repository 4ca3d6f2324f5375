package com.architectreviewer.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui/index.html}),
 * reachable without a key: it describes every {@code /api/v1} endpoint and the bearer key they
 * need.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

  static final String API_KEY_SCHEME = "apiKey";

  @Bean
  OpenAPI reviewerOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Architect Reviewer platform API")
                .version("v1")
                .description(
                    "Every error is application/problem+json (RFC 9457) with a stable 'type'. "
                        + "Validation problems carry an 'errors' list of {field, message}. "
                        + "Responses carry the IETF RateLimit-Policy and RateLimit headers; "
                        + "429 carries Retry-After."))
        .components(
            new Components()
                .addSecuritySchemes(
                    API_KEY_SCHEME,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("An API key: rvw_<prefix>_<secret>")))
        .addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME));
  }
}
