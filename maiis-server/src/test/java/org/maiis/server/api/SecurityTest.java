package org.maiis.server.api;

/** {@link SecurityContract} on the embedded defaults. */
class SecurityTest extends SecurityContract {
  @Override
  Backend backend() {
    return Backend.embedded();
  }
}
