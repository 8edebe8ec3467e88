package org.maiis.server.api;

/** {@link BankingApiContract} on PostgreSQL and Redis. */
class BankingApiPostgresIT extends BankingApiContract {
  @Override
  Backend backend() {
    return Backend.postgresAndRedis();
  }
}
