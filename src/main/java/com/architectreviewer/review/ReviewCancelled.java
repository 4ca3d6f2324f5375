package com.architectreviewer.review;

/** The review stopped because its {@link ReviewListener} said it was cancelled. */
public final class ReviewCancelled extends RuntimeException {

  public ReviewCancelled(String stage) {
    super("review cancelled during " + stage);
  }
}
