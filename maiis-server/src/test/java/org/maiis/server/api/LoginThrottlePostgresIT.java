package org.maiis.server.api;

/** {@link LoginThrottleContract} with counters in Redis. */
class LoginThrottlePostgresIT extends LoginThrottleContract {
  @Override
  Backend backend() {
    return Backend.postgresAndRedis();
  }
}
