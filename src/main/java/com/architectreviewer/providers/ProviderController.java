package com.architectreviewer.providers;

import com.architectreviewer.security.Caller;
import com.architectreviewer.security.InvalidInput;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/providers}: the provider list, and admin edits of one entry. */
@RestController
@RequestMapping("/api/v1/providers")
class ProviderController {

  private final ProviderCatalogue catalogue;
  private final ProviderKeys keys;
  private final LlmGateway gateway;
  private final ProvidersProperties properties;

  ProviderController(
      ProviderCatalogue catalogue,
      ProviderKeys keys,
      LlmGateway gateway,
      ProvidersProperties properties) {
    this.catalogue = catalogue;
    this.keys = keys;
    this.gateway = gateway;
    this.properties = properties;
  }

  @GetMapping
  ResponseEntity<ProviderList> list(Caller caller) {
    var cached = catalogue.cached();
    return ResponseEntity.ok()
        .header("Cache-Status", cached.cacheStatus())
        .body(new ProviderList(cached.value().stream().map(this::view).toList()));
  }

  @PutMapping("/{name}")
  ProviderView update(
      Caller caller, @PathVariable String name, @Valid @RequestBody ProviderUpdate update) {
    caller.requireAdmin();
    Provider current =
        catalogue
            .find(ProviderRules.NAME.matcher(name).matches() ? name : "")
            .orElseThrow(() -> new ProviderNotFound(name));
    URI baseUrl = baseUrl(update.baseUrl());
    if (current.apiKeyEnv() != null && !sameOrigin(current.baseUrl(), baseUrl)) {
      throw new InvalidInput(
          "baseUrl",
          "the API key of this provider is bound to "
              + origin(current.baseUrl())
              + "; change the origin in reviewer.providers.catalogue instead");
    }
    var updated =
        new Provider(
            current.name(),
            ApiStyle.of(update.apiStyle()).orElseThrow(),
            baseUrl,
            update.model(),
            current.apiKeyEnv(),
            update.inputPricePer1k(),
            update.outputPricePer1k(),
            update.maxOutputTokens(),
            update.requestsPerMinute(),
            update.enabled(),
            update.priority());
    return view(catalogue.update(updated));
  }

  private URI baseUrl(String value) {
    URI url;
    try {
      url = new URI(value);
    } catch (java.net.URISyntaxException e) {
      throw new InvalidInput("baseUrl", "is not a valid URL");
    }
    String problem = ProviderRules.baseUrlProblem(url, properties.allowPrivateBaseUrls());
    if (problem != null) {
      throw new InvalidInput("baseUrl", problem);
    }
    return url;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return origin(a).equals(origin(b));
  }

  private static String origin(URI url) {
    int port =
        url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    return url.getScheme().toLowerCase(java.util.Locale.ROOT)
        + "://"
        + url.getHost().toLowerCase(java.util.Locale.ROOT)
        + ":"
        + port;
  }

  private ProviderView view(Provider provider) {
    return ProviderView.of(
        provider, keys.keyFor(provider).isPresent(), gateway.circuitState(provider.name()));
  }

  record ProviderList(List<ProviderView> providers) {}
}
