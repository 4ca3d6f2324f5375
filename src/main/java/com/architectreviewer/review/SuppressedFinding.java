package com.architectreviewer.review;

/**
 * A finding that a suppression silenced; kept so outputs can show it (SARIF {@code suppressions}).
 *
 * @param finding the finding
 * @param kind {@code inSource} (a {@code reviewer-ignore} comment) or {@code external} ({@code
 *     .reviewer.yml})
 * @param justification the reason the suppression gives
 */
public record SuppressedFinding(Finding finding, String kind, String justification) {}
