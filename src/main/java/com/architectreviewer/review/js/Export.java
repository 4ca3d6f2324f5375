package com.architectreviewer.review.js;

/**
 * An exported name.
 *
 * @param name exported name ({@code default} for default exports and {@code module.exports =})
 * @param local local name it refers to, or {@code ""} for an anonymous expression
 * @param token index of the token that starts the export
 * @param functionScope the function it exports (declared, inline, or wrapped in a call), -1 if none
 */
public record Export(String name, String local, int token, int functionScope) {}
