package com.architectreviewer.testsupport;

import com.architectreviewer.ReviewerApplication;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * The platform with its provider catalogue pointing at the shared {@link LlmStub} (see {@link
 * LlmPlatformInitializer} for the providers and properties). Every test class with this annotation
 * shares one context; tests reset the stub and use their own tenants.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = ReviewerApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureTestRestTemplate
@ContextConfiguration(initializers = LlmPlatformInitializer.class)
public @interface LlmPlatformTest {}
