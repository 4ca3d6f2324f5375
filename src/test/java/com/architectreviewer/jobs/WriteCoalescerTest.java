package com.architectreviewer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WriteCoalescerTest {

  @Test
  void aLoneWriteGoesOutAtOnceByItself() {
    List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    var coalescer =
        new WriteCoalescer<Integer, String>(
            batch -> {
              batches.add(List.copyOf(batch));
              return batch.stream().map(i -> "r" + i).toList();
            },
            64);

    assertThat(coalescer.submit(7)).isEqualTo("r7");
    assertThat(batches).containsExactly(List.of(7));
  }

  @Test
  void writesThatQueueBehindAWriteInFlightGoOutTogetherAndEachGetsItsOwnResult() throws Exception {
    var firstWriteStarted = new CountDownLatch(1);
    var releaseFirstWrite = new CountDownLatch(1);
    List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
    var coalescer =
        new WriteCoalescer<Integer, Integer>(
            batch -> {
              batches.add(List.copyOf(batch));
              if (batch.contains(0)) {
                firstWriteStarted.countDown();
                await(releaseFirstWrite);
              }
              return batch.stream().map(i -> i * 10).toList();
            },
            4);
    ExecutorService threads = Executors.newFixedThreadPool(11);
    try {
      Future<Integer> first = threads.submit(() -> coalescer.submit(0));
      await(firstWriteStarted);
      List<Future<Integer>> queued = new ArrayList<>();
      var waiting = new AtomicInteger();
      for (int i = 1; i <= 10; i++) {
        int item = i;
        queued.add(
            threads.submit(() -> {
              waiting.incrementAndGet();
              return coalescer.submit(item);
            }));
      }
      // All ten are waiting behind the first write before it ends.
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(10))
          .until(() -> waiting.get() == 10 && coalescer.queued() == 10);
      releaseFirstWrite.countDown();

      assertThat(first.get(10, TimeUnit.SECONDS)).isZero();
      for (int i = 1; i <= 10; i++) {
        assertThat(queued.get(i - 1).get(10, TimeUnit.SECONDS)).isEqualTo(i * 10);
      }
    } finally {
      threads.shutdownNow();
    }
    // One write for the first item, then the ten queued ones in batches of at most four.
    assertThat(batches).hasSize(4);
    assertThat(batches.getFirst()).containsExactly(0);
    assertThat(batches.subList(1, 4)).allSatisfy(batch -> assertThat(batch).hasSizeBetween(2, 4));
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(11);
  }

  @Test
  void aFailedWriteFailsEveryItemOfItsBatchAndTheNextWriteWorks() {
    var calls = new AtomicInteger();
    var coalescer =
        new WriteCoalescer<Integer, Integer>(
            batch -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database unavailable");
              }
              return batch;
            },
            8);

    assertThatThrownBy(() -> coalescer.submit(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database unavailable");
    assertThat(coalescer.submit(2)).isEqualTo(2);
  }

  @Test
  void aWriteReturningTheWrongNumberOfResultsIsAnError() {
    var coalescer = new WriteCoalescer<Integer, Integer>(batch -> List.of(), 8);

    assertThatThrownBy(() -> coalescer.submit(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("0 results for 1 items");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
