package com.architectreviewer.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringFilterTest {

  @Test
  void acceptsOrdinaryQueries() {
    assertThat(QueryStringFilter.wellFormed(null)).isTrue();
    assertThat(QueryStringFilter.wellFormed("limit=10&cursor=abc")).isTrue();
    assertThat(QueryStringFilter.wellFormed("path=app%2Fapi&flag&&x=")).isTrue();
  }

  @Test
  void refusesChunksWithoutANameAndBrokenEncoding() {
    assertThat(QueryStringFilter.wellFormed("=abc")).isFalse();
    assertThat(QueryStringFilter.wellFormed("limit=1&=x")).isFalse();
    assertThat(QueryStringFilter.wellFormed("a=%zz")).isFalse();
    assertThat(QueryStringFilter.wellFormed("a=%4")).isFalse();
  }
}
