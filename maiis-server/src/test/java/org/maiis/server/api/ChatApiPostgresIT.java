package org.maiis.server.api;

/** {@link ChatApiContract} on PostgreSQL and Redis. */
class ChatApiPostgresIT extends ChatApiContract {
  @Override
  Backend backend() {
    return Backend.postgresAndRedis();
  }
}
