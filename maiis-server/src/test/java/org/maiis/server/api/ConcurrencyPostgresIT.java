package org.maiis.server.api;

/** {@link ConcurrencyContract} on PostgreSQL and Redis. */
class ConcurrencyPostgresIT extends ConcurrencyContract {
  @Override
  Backend backend() {
    return Backend.postgresAndRedis();
  }
}
