/** Metrics, error tracking and request and job ids in logs. */
package com.architectreviewer.observability;
