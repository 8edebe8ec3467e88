package org.maiis.server.api;

/** {@link AuthApiContract} on PostgreSQL and Redis. */
class AuthApiPostgresIT extends AuthApiContract {
  @Override
  Backend backend() {
    return Backend.postgresAndRedis();
  }
}
