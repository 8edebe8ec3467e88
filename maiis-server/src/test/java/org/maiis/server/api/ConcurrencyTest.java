package org.maiis.server.api;

/** {@link ConcurrencyContract} on H2. */
class ConcurrencyTest extends ConcurrencyContract {
  @Override
  Backend backend() {
    return Backend.embedded();
  }
}
