/** Product events, written as non-critical writes that never fail a request. */
package com.architectreviewer.analytics;
