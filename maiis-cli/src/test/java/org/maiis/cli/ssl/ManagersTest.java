package org.maiis.cli.ssl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.maiis.cli.common.CliFailure;

/**
 * An I/O failure of the ssl commands: what happened and what to do kept apart, so the one line
 * ErrorHandler prints carries one piece of advice; no class names.
 */
class ManagersTest {

  @Test
  void permissionDeniedCarriesItsOwnAdviceAsTheHint() {
    CliFailure f = Managers.failure(new AccessDeniedException("/etc/maiis/live/x/cert.pem"));
    assertEquals("cannot write /etc/maiis/live/x/cert.pem (permission denied)", f.getMessage());
    assertEquals(
        Optional.of("Run as the user that owns it (usually root), or pass another --cert-dir"),
        f.hint());
  }

  @Test
  void anIoErrorWithoutMessageNamesNoClass() {
    assertEquals("an I/O error without details", Managers.failure(new IOException()).getMessage());
  }
}
