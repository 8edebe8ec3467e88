package org.maiis.server.api;

/** {@link LoginThrottleContract} with in-process counters. */
class LoginThrottleTest extends LoginThrottleContract {
  @Override
  Backend backend() {
    return Backend.embedded();
  }
}
