package com.architectreviewer;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTest {

  @Test
  void modulesDependOnlyOnEachOthersPublicSurfaceAndFormNoCycle() {
    ApplicationModules.of(ReviewerApplication.class).verify();
  }
}
