package org.maiis.server.api;

/** {@link DocumentsApiContract} on PostgreSQL and Redis. */
class DocumentsApiPostgresIT extends DocumentsApiContract {
  @Override
  Backend backend() {
    return Backend.postgresAndRedis();
  }
}
