package com.architectreviewer.kv;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one Lettuce client of the process (the seed's "singleton Redis client"), present when {@code
 * REDIS_URL} is set. Connections are opened lazily and shared: Lettuce multiplexes every command of
 * the process over them. A connection that drops reconnects by itself; while it is down, commands
 * fail at once instead of queueing, and every command has a short timeout.
 *
 * <p>Other modules may use {@link #client()} or {@link #bytesConnection()} (for example Bucket4j's
 * Lettuce proxy manager) but must never create a client of their own.
 */
public final class SharedRedis implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SharedRedis.class);

  private final RedisClient client;
  private final String where;
  private final String prefix;
  private volatile StatefulRedisConnection<String, String> strings;
  private volatile StatefulRedisConnection<String, byte[]> bytes;

  private SharedRedis(RedisClient client, String where, String prefix) {
    this.client = client;
    this.where = where;
    this.prefix = prefix + ":";
  }

  static SharedRedis disabled() {
    return new SharedRedis(null, "none", KvProperties.DEFAULT_PREFIX);
  }

  static SharedRedis connectingTo(String url, KvProperties properties) {
    RedisURI uri;
    try {
      uri = RedisURI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "REDIS_URL is not a valid redis:// or rediss:// URL; fix it or unset it to use the"
              + " in-process KV store");
    }
    uri.setTimeout(properties.commandTimeout());
    var client = RedisClient.create(uri);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(properties.commandTimeout()))
            .socketOptions(
                SocketOptions.builder().connectTimeout(properties.connectTimeout()).build())
            .build());
    // Host and port only: the URL may carry a password.
    String where = uri.getHost() + ":" + uri.getPort();
    log.info(
        "KV layer: Redis at {}, keys prefixed '{}:' (command timeout {})",
        where,
        properties.prefix(),
        properties.commandTimeout());
    return new SharedRedis(client, where, properties.prefix());
  }

  /**
   * The Redis key (or channel) for {@code name}: the deployment's prefix ({@code
   * reviewer.kv.prefix}) in front. Every key a module writes through {@link #client()} or {@link
   * #bytesConnection()} must go through this, so that deployments sharing one Redis stay apart.
   */
  public String key(String name) {
    return prefix + name;
  }

  /** The process's Lettuce client, when {@code REDIS_URL} is set. */
  public Optional<RedisClient> client() {
    return Optional.ofNullable(client);
  }

  /** A shared connection with String keys and byte[] values, opened on first use. */
  public Optional<StatefulRedisConnection<String, byte[]>> bytesConnection() {
    if (client == null) {
      return Optional.empty();
    }
    if (bytes == null) {
      synchronized (this) {
        if (bytes == null) {
          bytes = connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        }
      }
    }
    return Optional.of(bytes);
  }

  boolean enabled() {
    return client != null;
  }

  String where() {
    return where;
  }

  StatefulRedisConnection<String, String> strings() {
    if (client == null) {
      throw new IllegalStateException("REDIS_URL is not set");
    }
    var connection = strings;
    if (connection == null) {
      synchronized (this) {
        if (strings == null) {
          strings = connect(StringCodec.UTF8);
        }
        connection = strings;
      }
    }
    return connection;
  }

  StatefulRedisPubSubConnection<String, String> newPubSubConnection() {
    try {
      return client.connectPubSub();
    } catch (RedisException e) {
      throw new KeyValueStoreUnavailable("Redis at " + where + " is not reachable", e);
    }
  }

  private <V> StatefulRedisConnection<String, V> connect(RedisCodec<String, V> codec) {
    try {
      return client.connect(codec);
    } catch (RedisException e) {
      throw new KeyValueStoreUnavailable("Redis at " + where + " is not reachable", e);
    }
  }

  @Override
  public void close() {
    if (client != null) {
      if (strings != null) {
        strings.close();
      }
      if (bytes != null) {
        bytes.close();
      }
      client.shutdown();
    }
  }
}
