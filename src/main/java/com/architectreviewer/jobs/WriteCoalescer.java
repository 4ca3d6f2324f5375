package com.architectreviewer.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Turns concurrent writes of many threads into few statements (group commit). A thread that submits
 * while no write is in flight writes at once, alone: an idle queue pays no extra latency. Threads
 * that submit while a write is in flight wait; when it ends, one of them writes everything that
 * queued up meanwhile (up to {@code maxBatch}) in one statement and hands each its own result. A
 * failed write fails every item of its batch with the same exception; callers retry on their own.
 *
 * @param <T> one item to write
 * @param <R> its result
 */
final class WriteCoalescer<T, R> {

  private final Function<List<T>, List<R>> write;
  private final int maxBatch;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition writeEnded = lock.newCondition();
  private final ArrayDeque<Pending<T, R>> queue = new ArrayDeque<>();
  private boolean writing;

  /**
   * @param write writes the items in one statement and returns their results in the same order
   * @param maxBatch most items per statement
   */
  WriteCoalescer(Function<List<T>, List<R>> write, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    this.write = write;
    this.maxBatch = maxBatch;
  }

  private static final class Pending<T, R> {
    final T item;
    R result;
    RuntimeException failure;
    boolean done;

    Pending(T item) {
      this.item = item;
    }
  }

  /** Writes the item, with others if they are waiting, and returns its result. */
  R submit(T item) {
    var mine = new Pending<T, R>(item);
    lock.lock();
    try {
      queue.add(mine);
      while (!mine.done) {
        while (writing && !mine.done) {
          writeEnded.awaitUninterruptibly();
        }
        if (mine.done) {
          break;
        }
        writing = true;
        List<Pending<T, R>> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
        while (batch.size() < maxBatch && !queue.isEmpty()) {
          batch.add(queue.poll());
        }
        lock.unlock();
        try {
          writeBatch(batch);
        } finally {
          lock.lock();
          writing = false;
          writeEnded.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
    return mine.result;
  }

  /** Items waiting for a write right now. */
  int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /** Runs outside the lock; marks every item done, with its result or the batch's failure. */
  private void writeBatch(List<Pending<T, R>> batch) {
    List<T> items = new ArrayList<>(batch.size());
    batch.forEach(pending -> items.add(pending.item));
    try {
      List<R> results = write.apply(items);
      if (results.size() != batch.size()) {
        throw new IllegalStateException(
            "A batch write returned " + results.size() + " results for " + batch.size() + " items");
      }
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).result = results.get(i);
      }
    } catch (RuntimeException e) {
      batch.forEach(pending -> pending.failure = e);
    } catch (Error e) {
      batch.forEach(pending -> pending.failure = new IllegalStateException(e));
      throw e;
    } finally {
      lock.lock();
      try {
        batch.forEach(pending -> pending.done = true);
      } finally {
        lock.unlock();
      }
    }
  }
}
