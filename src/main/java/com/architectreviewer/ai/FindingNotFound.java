package com.architectreviewer.ai;

import com.architectreviewer.security.ResourceNotFound;

/** No such finding for this tenant (another tenant's finding is never told apart). */
class FindingNotFound extends ResourceNotFound {
  FindingNotFound() {
    super("Finding");
  }
}
