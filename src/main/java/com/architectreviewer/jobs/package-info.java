/** The durable job queue on PostgreSQL: dispatch, workers, retries, cancellation and progress. */
package com.architectreviewer.jobs;
