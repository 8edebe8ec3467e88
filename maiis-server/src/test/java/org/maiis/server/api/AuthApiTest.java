package org.maiis.server.api;

/** {@link AuthApiContract} on the embedded defaults (H2, in-process state). */
class AuthApiTest extends AuthApiContract {
  @Override
  Backend backend() {
    return Backend.embedded();
  }
}
