package com.architectreviewer.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What every {@link KeyValueStore} implementation must do; one subclass per implementation. */
abstract class KeyValueStoreContract {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  abstract KeyValueStore store();

  final String key = "contract:" + UUID.randomUUID() + ":";

  @Test
  void setGetAndDelete() {
    assertThat(store().get(key + "a")).isEmpty();
    store().set(key + "a", "one", MINUTE);
    assertThat(store().get(key + "a")).contains("one");
    store().set(key + "a", "two", MINUTE);
    assertThat(store().get(key + "a")).contains("two");
    store().delete(key + "a");
    assertThat(store().get(key + "a")).isEmpty();
  }

  @Test
  void valuesExpireAfterTheirTtl() {
    store().set(key + "short", "x", Duration.ofMillis(150));
    store().set(key + "long", "y", MINUTE);
    await().atMost(Duration.ofSeconds(3)).until(() -> store().get(key + "short").isEmpty());
    assertThat(store().get(key + "long")).contains("y");
  }

  @Test
  void countersCountFromOneAndExpire() {
    assertThat(store().increment(key + "n", Duration.ofMillis(300))).isEqualTo(1);
    assertThat(store().increment(key + "n", Duration.ofMillis(300))).isEqualTo(2);
    assertThat(store().increment(key + "n", Duration.ofMillis(300))).isEqualTo(3);
    await().atMost(Duration.ofSeconds(3)).until(() -> store().get(key + "n").isEmpty());
    assertThat(store().increment(key + "n", MINUTE)).isEqualTo(1);
  }

  @Test
  void hashesMergeFields() {
    assertThat(store().hashGetAll(key + "h")).isEmpty();
    store().hashPut(key + "h", Map.of("progress", "10", "stage", "clone"), MINUTE);
    store().hashPut(key + "h", Map.of("progress", "40"), MINUTE);
    assertThat(store().hashGetAll(key + "h"))
        .containsExactlyInAnyOrderEntriesOf(Map.of("progress", "40", "stage", "clone"));
  }

  @Test
  void sortedSetsCountAndTrimByScore() {
    store().sortedSetAdd(key + "z", Map.of("a", 1.0, "b", 5.0, "c", 9.0), MINUTE);
    store().sortedSetAdd(key + "z", Map.of("a", 6.0), MINUTE);
    assertThat(store().sortedSetCount(key + "z", 5, 10)).isEqualTo(3);
    assertThat(store().sortedSetCount(key + "z", 7, 10)).isEqualTo(1);
    assertThat(store().sortedSetRemoveUpTo(key + "z", 6)).isEqualTo(2);
    assertThat(
            store().sortedSetCount(key + "z", Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY))
        .isEqualTo(1);
  }

  @Test
  void boundedListsDropTheOldestAndCountThem() {
    assertThat(store().listAppendBounded(key + "l", List.of("1", "2", "3"), 4)).isZero();
    assertThat(store().listAppendBounded(key + "l", List.of("4", "5", "6"), 4)).isEqualTo(2);
    assertThat(store().listLength(key + "l")).isEqualTo(4);
    assertThat(store().listTakeOldest(key + "l", 3)).containsExactly("3", "4", "5");
    assertThat(store().listTakeOldest(key + "l", 3)).containsExactly("6");
    assertThat(store().listTakeOldest(key + "l", 3)).isEmpty();
    assertThat(store().listLength(key + "l")).isZero();
  }

  @Test
  void theOldestElementsMoveToAnotherList() {
    store().listAppendBounded(key + "from", List.of("1", "2", "3"), 10);
    store().listAppendBounded(key + "to", List.of("x"), 10);
    assertThat(store().listMoveOldest(key + "from", key + "to", 2)).containsExactly("1", "2");
    assertThat(store().listMoveOldest(key + "nothing", key + "to", 2)).isEmpty();
    assertThat(store().listTakeOldest(key + "to", 10)).containsExactly("x", "1", "2");
    assertThat(store().listTakeOldest(key + "from", 10)).containsExactly("3");
  }

  @Test
  void removingValuesLeavesTheOthers() {
    store().listAppendBounded(key + "r", List.of("a", "b", "a", "c"), 10);
    store().listRemove(key + "r", List.of("a", "c", "zz"));
    assertThat(store().listTakeOldest(key + "r", 10)).containsExactly("b", "a");
  }

  @Test
  void largeBatchesKeepTheNewest() {
    var values = IntStream.range(0, 2_500).mapToObj(Integer::toString).toList();
    assertThat(store().listAppendBounded(key + "big", values, 2_000)).isEqualTo(500);
    assertThat(store().listTakeOldest(key + "big", 1)).containsExactly("500");
  }

  @Test
  void subscribersReceiveMessagesInOrderUntilTheyUnsubscribe() {
    var first = new CopyOnWriteArrayList<String>();
    var second = new CopyOnWriteArrayList<String>();
    var channel = key + "channel";
    var firstSubscription = store().subscribe(channel, first::add);
    try (var ignored = store().subscribe(channel, second::add)) {
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> {
            store().publish(channel, "ping");
            return first.contains("ping");
          });
      store().publish(channel, "m1");
      store().publish(channel, "m2");
      await().atMost(Duration.ofSeconds(5)).until(() -> first.contains("m2"));
      assertThat(first.subList(first.indexOf("m1"), first.size())).containsExactly("m1", "m2");
      firstSubscription.close();
      store().publish(channel, "after");
      await().atMost(Duration.ofSeconds(5)).until(() -> second.contains("after"));
      assertThat(first).doesNotContain("after");
    }
  }
}
