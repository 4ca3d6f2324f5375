package com.architectreviewer.scan;

import java.util.UUID;

/** The input of a scan job, stored as the job's payload. */
record ScanPayload(UUID repositoryId, ScanSource source) {}
