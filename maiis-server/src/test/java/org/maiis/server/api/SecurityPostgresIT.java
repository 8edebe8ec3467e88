package org.maiis.server.api;

/** {@link SecurityContract} on PostgreSQL and Redis. */
class SecurityPostgresIT extends SecurityContract {
  @Override
  Backend backend() {
    return Backend.postgresAndRedis();
  }
}
