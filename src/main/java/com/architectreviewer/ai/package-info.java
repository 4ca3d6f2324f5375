/** AI routes: explaining findings through an LLM provider, rate limited and budgeted. */
package com.architectreviewer.ai;
