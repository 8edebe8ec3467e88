package org.maiis.server.api;

/** {@link BankingApiContract} on the embedded defaults (H2, in-process state). */
class BankingApiTest extends BankingApiContract {
  @Override
  Backend backend() {
    return Backend.embedded();
  }
}
