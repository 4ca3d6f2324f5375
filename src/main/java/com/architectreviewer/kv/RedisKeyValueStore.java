package com.architectreviewer.kv;

import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The KV layer on Redis. Every key and channel gets the deployment's prefix ({@link
 * SharedRedis#key}). Every method throws {@link KeyValueStoreUnavailable} when Redis does not
 * answer within the command timeout; {@link FailoverKeyValueStore} turns that into a fallback.
 */
final class RedisKeyValueStore implements KeyValueStore {

  private static final String INCREMENT_WITH_TTL =
      """
      local value = redis.call('INCR', KEYS[1])
      if value == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      return value
      """;
  private static final String APPEND_BOUNDED =
      """
      local length = redis.call('RPUSH', KEYS[1], unpack(ARGV, 2))
      local max = tonumber(ARGV[1])
      if length > max then
        redis.call('LTRIM', KEYS[1], length - max, -1)
        return length - max
      end
      return 0
      """;
  private static final String MOVE_OLDEST =
      """
      local items = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1)
      if #items > 0 then
        redis.call('LTRIM', KEYS[1], #items, -1)
        redis.call('RPUSH', KEYS[2], unpack(items))
      end
      return items
      """;
  private static final String REMOVE_VALUES =
      """
      for i = 1, #ARGV do redis.call('LREM', KEYS[1], 1, ARGV[i]) end
      return 0
      """;
  private static final int SCRIPT_ARGUMENTS_PER_CALL = 1_000;

  private final SharedRedis redis;
  private final RedisPubSub pubSub;

  RedisKeyValueStore(SharedRedis redis, RedisPubSub pubSub) {
    this.redis = redis;
    this.pubSub = pubSub;
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(run(c -> c.get(redis.key(key))));
  }

  @Override
  public void set(String key, String value, Duration ttl) {
    run(c -> c.psetex(redis.key(key), ttl.toMillis(), value));
  }

  @Override
  public void delete(String key) {
    run(c -> c.del(redis.key(key)));
  }

  @Override
  public long increment(String key, Duration ttl) {
    return run(c ->
        c.<Long>eval(
            INCREMENT_WITH_TTL,
            ScriptOutputType.INTEGER,
            new String[] {redis.key(key)},
            Long.toString(ttl.toMillis())));
  }

  @Override
  public void hashPut(String key, Map<String, String> fields, Duration ttl) {
    run(c -> c.hset(redis.key(key), fields));
    run(c -> c.pexpire(redis.key(key), ttl.toMillis()));
  }

  @Override
  public Map<String, String> hashGetAll(String key) {
    return Map.copyOf(run(c -> c.hgetall(redis.key(key))));
  }

  @Override
  public void sortedSetAdd(String key, Map<String, Double> scoredMembers, Duration ttl) {
    if (scoredMembers.isEmpty()) {
      return;
    }
    Object[] scoresAndMembers = new Object[scoredMembers.size() * 2];
    int i = 0;
    for (var member : scoredMembers.entrySet()) {
      scoresAndMembers[i++] = member.getValue();
      scoresAndMembers[i++] = member.getKey();
    }
    run(c -> c.zadd(redis.key(key), scoresAndMembers));
    run(c -> c.pexpire(redis.key(key), ttl.toMillis()));
  }

  @Override
  public long sortedSetRemoveUpTo(String key, double maxScore) {
    return run(c -> c.zremrangebyscore(redis.key(key), Double.NEGATIVE_INFINITY, maxScore));
  }

  @Override
  public long sortedSetCount(String key, double min, double max) {
    return run(c -> c.zcount(redis.key(key), min, max));
  }

  @Override
  public long listAppendBounded(String key, List<String> values, int maxLength) {
    long dropped = 0;
    for (int from = 0; from < values.size(); from += SCRIPT_ARGUMENTS_PER_CALL) {
      var arguments = new ArrayList<String>();
      arguments.add(Integer.toString(maxLength));
      arguments.addAll(
          values.subList(from, Math.min(values.size(), from + SCRIPT_ARGUMENTS_PER_CALL)));
      String[] args = arguments.toArray(String[]::new);
      dropped +=
          run(c ->
              c.<Long>eval(
                  APPEND_BOUNDED, ScriptOutputType.INTEGER, new String[] {redis.key(key)}, args));
    }
    return dropped;
  }

  @Override
  public List<String> listTakeOldest(String key, int count) {
    List<String> taken = run(c -> c.lpop(redis.key(key), count));
    return taken == null ? List.of() : taken;
  }

  @Override
  public List<String> listMoveOldest(String source, String destination, int count) {
    int bounded = Math.min(count, SCRIPT_ARGUMENTS_PER_CALL);
    List<String> moved =
        run(c ->
            c.<List<String>>eval(
                MOVE_OLDEST,
                ScriptOutputType.MULTI,
                new String[] {redis.key(source), redis.key(destination)},
                Integer.toString(bounded)));
    return moved == null ? List.of() : moved;
  }

  @Override
  public void listRemove(String key, List<String> values) {
    for (int from = 0; from < values.size(); from += SCRIPT_ARGUMENTS_PER_CALL) {
      String[] args =
          values
              .subList(from, Math.min(values.size(), from + SCRIPT_ARGUMENTS_PER_CALL))
              .toArray(String[]::new);
      run(c ->
          c.<Long>eval(
              REMOVE_VALUES, ScriptOutputType.INTEGER, new String[] {redis.key(key)}, args));
    }
  }

  @Override
  public long listLength(String key) {
    return run(c -> c.llen(redis.key(key)));
  }

  @Override
  public void publish(String channel, String message) {
    run(c -> c.publish(redis.key(channel), message));
  }

  @Override
  public Subscription subscribe(String channel, Consumer<String> listener) {
    return pubSub.subscribe(redis.key(channel), listener);
  }

  @Override
  public boolean isShared() {
    try {
      return redis.strings().isOpen();
    } catch (KeyValueStoreUnavailable e) {
      return false;
    }
  }

  private <T> T run(Function<RedisCommands<String, String>, T> command) {
    try {
      return command.apply(redis.strings().sync());
    } catch (RedisException e) {
      throw new KeyValueStoreUnavailable("Redis at " + redis.where() + " did not answer", e);
    }
  }
}
