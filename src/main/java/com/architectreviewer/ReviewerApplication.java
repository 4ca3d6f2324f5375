package com.architectreviewer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring application behind {@code reviewer serve}, {@code worker}, {@code migrate} and the
 * admin commands. {@code reviewer scan} never starts it: the review engine is plain Java.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ReviewerApplication {}
