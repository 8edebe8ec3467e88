package org.maiis.server.api;

/** {@link DocumentsApiContract} on the embedded defaults (H2, in-process state). */
class DocumentsApiTest extends DocumentsApiContract {
  @Override
  Backend backend() {
    return Backend.embedded();
  }
}
