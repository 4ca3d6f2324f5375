package com.architectreviewer.review.secrets;

import java.util.HashMap;

/** Shannon entropy of a string, in bits per character: random keys score high, placeholders low. */
final class Entropy {

  private Entropy() {}

  static double bitsPerChar(CharSequence text) {
    if (text.isEmpty()) {
      return 0;
    }
    var counts = new HashMap<Character, Integer>();
    for (int i = 0; i < text.length(); i++) {
      counts.merge(text.charAt(i), 1, Integer::sum);
    }
    double bits = 0;
    for (int count : counts.values()) {
      double p = (double) count / text.length();
      bits -= p * (Math.log(p) / Math.log(2));
    }
    return bits;
  }
}
