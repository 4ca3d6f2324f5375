/** The catalogue of LLM providers the AI routes may use. */
package com.architectreviewer.providers;
