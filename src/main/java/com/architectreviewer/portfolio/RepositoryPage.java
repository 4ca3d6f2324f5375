package com.architectreviewer.portfolio;

import java.util.List;

/** A page of repositories, newest first; {@code nextCursor} is null on the last page. */
record RepositoryPage(List<RepositoryView> items, String nextCursor) {}
