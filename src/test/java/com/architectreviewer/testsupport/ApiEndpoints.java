package com.architectreviewer.testsupport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every {@code /api/} endpoint the running platform maps, found from Spring MVC itself, so the
 * tests that walk all endpoints grow as endpoints are added.
 */
public final class ApiEndpoints {

  /** One method + path pattern, with the names of its {@code @RequestParam}s. */
  public record Endpoint(
      String method, String pattern, List<String> queryParameters, List<String> headers) {

    public boolean hasPathVariables() {
      return pattern.contains("{");
    }

    public boolean takesBody() {
      return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /** The path with every {@code {variable}} replaced by {@code value} (already URL-encoded). */
    public String path(String value) {
      return pattern.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(value));
    }

    @Override
    public String toString() {
      return method + " " + pattern;
    }
  }

  private ApiEndpoints() {}

  public static List<Endpoint> of(RequestMappingHandlerMapping mapping) {
    var endpoints = new ArrayList<Endpoint>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mapping.getHandlerMethods().entrySet()) {
      var info = entry.getKey();
      var params = new ArrayList<String>();
      var headers = new ArrayList<String>();
      for (var parameter : entry.getValue().getMethodParameters()) {
        var header =
            parameter.getParameterAnnotation(
                org.springframework.web.bind.annotation.RequestHeader.class);
        if (header != null) {
          String name = header.name().isEmpty() ? header.value() : header.name();
          headers.add(name.isEmpty() ? parameter.getParameterName() : name);
        }
        var requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null) {
          String name = requestParam.name().isEmpty() ? requestParam.value() : requestParam.name();
          params.add(name.isEmpty() ? parameter.getParameterName() : name);
        }
      }
      var methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPatternValues()) {
        if (!pattern.startsWith("/api/")) {
          continue;
        }
        if (methods.isEmpty()) {
          endpoints.add(new Endpoint("GET", pattern, List.copyOf(params), List.copyOf(headers)));
        }
        for (RequestMethod method : methods) {
          endpoints.add(
              new Endpoint(method.name(), pattern, List.copyOf(params), List.copyOf(headers)));
        }
      }
    }
    endpoints.sort(Comparator.comparing(Endpoint::toString));
    return endpoints;
  }
}
