package com.architectreviewer.providers;

/** No provider of that name is in the catalogue. */
class ProviderNotFound extends RuntimeException {
  ProviderNotFound(String name) {
    super("Provider '" + name + "' is not in the catalogue");
  }
}
