package org.maiis.server.api;

/** {@link ChatApiContract} on the embedded defaults (H2, in-process state). */
class ChatApiTest extends ChatApiContract {
  @Override
  Backend backend() {
    return Backend.embedded();
  }
}
