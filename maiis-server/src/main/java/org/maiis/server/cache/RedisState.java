package org.maiis.server.cache;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.maiis.server.failure.Failure;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/** {@link SharedState} in Redis, so every instance behind the load balancer sees the same state. */
public final class RedisState implements SharedState {
  // INCRBY, and set the window only when the counter starts, atomically.
  private static final String INCREMENT =
      "local fresh = redis.call('EXISTS', KEYS[1]) == 0 "
          + "local n = redis.call('INCRBY', KEYS[1], ARGV[2]) "
          + "if fresh then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end "
          + "return n";
  // DECR only a live counter above zero, so a refund never creates a key without a window.
  private static final String DECREMENT =
      "local n = tonumber(redis.call('GET', KEYS[1])) "
          + "if n and n > 0 then redis.call('DECR', KEYS[1]) end return 1";
  // SADD and extend (never shorten) the set's lifetime.
  private static final String ADD_TO_SET =
      "redis.call('SADD', KEYS[1], ARGV[1]) "
          + "if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then "
          + "redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 1";

  private final RedisClient client;
  private final String prefix;

  private RedisState(RedisClient client, String prefix) {
    this.client = client;
    this.prefix = prefix;
  }

  /**
   * Connects to {@code url} ({@code redis://host:port/db}); a password, when given, overrides the
   * URL's. A Redis that does not answer yet is tolerated (readiness reports it, login answers 503
   * until it is back), but one that refuses the password fails here: waiting cannot fix that.
   *
   * @throws IllegalStateException when Redis answers and rejects the credentials
   */
  public static RedisState connect(String url, Optional<String> password) {
    URI uri = URI.create(url);
    DefaultJedisClientConfig.Builder cfg = DefaultJedisClientConfig.builder().timeoutMillis(2000);
    String path = uri.getPath() == null ? "" : uri.getPath().replace("/", "");
    if (!path.isEmpty()) {
      cfg.database(Integer.parseInt(path));
    }
    String userInfo = uri.getUserInfo();
    if (password.isPresent()) {
      cfg.password(password.get());
    } else if (userInfo != null && userInfo.contains(":")) {
      cfg.password(userInfo.substring(userInfo.indexOf(':') + 1));
    }
    RedisClient client =
        RedisClient.builder()
            .hostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379)
            .clientConfig(cfg.build())
            .build();
    try {
      client.ping();
    } catch (JedisException e) {
      if (refusedCredentials(e)) {
        client.close();
        throw new IllegalStateException(
            "Redis at "
                + uri.getHost()
                + ":"
                + (uri.getPort() > 0 ? uri.getPort() : 6379)
                + " refused the password (server.cache.password or the password in redis_url)."
                + " Set the one Redis expects",
            e);
      }
      // Not reachable now: the instance starts unready and recovers when Redis is back.
    }
    return new RedisState(client, "maiis:");
  }

  private static boolean refusedCredentials(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (t instanceof JedisAccessControlException
          || m.contains("WRONGPASS")
          || m.contains("NOAUTH")
          || m.contains("invalid password")
          || m.contains("invalid username-password")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Runs {@code call}; a Redis that cannot be reached becomes 503 {@code cache_unavailable} (a
   * retryable answer), not an internal error.
   */
  private static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (JedisException e) {
      throw Failure.unavailable(
          "cache_unavailable", "the shared session store is unavailable; retry later");
    }
  }

  @Override
  public Optional<String> get(String key) {
    return call(() -> Optional.ofNullable(client.get(prefix + key)));
  }

  @Override
  public void put(String key, String value, Duration ttl) {
    call(() -> client.set(prefix + key, value, SetParams.setParams().px(ttl.toMillis())));
  }

  @Override
  public boolean putIfAbsent(String key, String value, Duration ttl) {
    String reply =
        call(() -> client.set(prefix + key, value, SetParams.setParams().nx().px(ttl.toMillis())));
    return "OK".equals(reply);
  }

  @Override
  public void delete(String key) {
    call(() -> client.del(prefix + key));
  }

  @Override
  public long add(String key, long delta, Duration window) {
    Object n =
        call(
            () ->
                client.eval(
                    INCREMENT,
                    List.of(prefix + key),
                    List.of(Long.toString(window.toMillis()), Long.toString(delta))));
    return ((Number) n).longValue();
  }

  @Override
  public void decrement(String key) {
    call(() -> client.eval(DECREMENT, List.of(prefix + key), List.of()));
  }

  @Override
  public Optional<Duration> timeToLive(String key) {
    long ms = call(() -> client.pttl(prefix + key));
    return ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms));
  }

  @Override
  public void addToSet(String key, String member, Duration ttl) {
    call(
        () ->
            client.eval(
                ADD_TO_SET, List.of(prefix + key), List.of(member, Long.toString(ttl.toMillis()))));
  }

  @Override
  public Set<String> members(String key) {
    return call(() -> client.smembers(prefix + key));
  }

  @Override
  public void ping() {
    if (!"PONG".equals(client.ping())) {
      throw new IllegalStateException("redis did not answer PONG");
    }
  }

  @Override
  public String kind() {
    return "redis";
  }

  @Override
  public void close() {
    client.close();
  }
}
