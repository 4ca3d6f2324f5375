package com.architectreviewer.jobs;

import java.time.Instant;

/** One visible change of a job, as streamed over SSE; {@code id} orders them and resumes. */
record JobEvent(
    long id,
    JobState state,
    int progress,
    String stage,
    int attempts,
    String error,
    String resultRef,
    Instant at) {}
