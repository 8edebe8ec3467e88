package org.maiis.server.api;

/** {@link IngestApiContract} on the embedded database. */
class IngestApiTest extends IngestApiContract {
  @Override
  Backend backend() {
    return Backend.embedded();
  }
}
