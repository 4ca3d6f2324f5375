package com.architectreviewer.review.model;

/**
 * One environment setting found in the repository. The value is raw here (rules need it); every
 * output redacts secrets.
 *
 * @param file where it was found ({@code .env.local}, {@code vercel.json}, {@code
 *     docker-compose.yml}...)
 * @param name variable name
 * @param value its value ({@code ""} when empty)
 * @param line 1-based line
 * @param example true for {@code .env.example}-like templates
 */
public record EnvVar(String file, String name, String value, int line, boolean example) {}
