/**
 * The review engine: source tree, project model, rules, findings and outputs. Plain Java, no
 * Spring, no database.
 */
package com.architectreviewer.review;
