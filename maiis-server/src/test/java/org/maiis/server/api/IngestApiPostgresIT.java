package org.maiis.server.api;

/** {@link IngestApiContract} on PostgreSQL and Redis: the V4 migration and BYTEA vectors there. */
class IngestApiPostgresIT extends IngestApiContract {
  @Override
  Backend backend() {
    return Backend.postgresAndRedis();
  }
}
