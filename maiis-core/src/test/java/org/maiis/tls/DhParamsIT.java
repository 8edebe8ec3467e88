package org.maiis.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.process.ProcessRunner;
import org.maiis.testing.ExternalTools;

/** Our DH parameters against OpenSSL's own. */
class DhParamsIT {
  final ProcessRunner run = new ProcessRunner(Duration.ofSeconds(60));

  @Test
  void ffdheGroupsAreByteIdenticalToOpenssl() throws Exception {
    Path openssl = ExternalTools.SYSTEM.require("openssl", "openssl");
    for (String g : List.of("ffdhe2048", "ffdhe3072", "ffdhe4096")) {
      var r =
          run.run(
              List.of(
                  openssl.toString(),
                  "genpkey",
                  "-genparam",
                  "-algorithm",
                  "DH",
                  "-pkeyopt",
                  "group:" + g));
      assertTrue(r.ok(), r.stderr());
      assertEquals(r.stdout(), DhParams.named(g).pem(), g);
    }
  }

  @Test
  void generatedParametersPassOpensslsCheck(@TempDir Path tmp) throws Exception {
    Path openssl = ExternalTools.SYSTEM.require("openssl", "openssl");
    Path f = tmp.resolve("dh.pem");
    Files.writeString(f, DhParams.generate(1024, 2, c -> {}).pem());
    var r =
        run.run(
            List.of(openssl.toString(), "dhparam", "-in", f.toString(), "-check", "-noout"),
            null,
            Map.of(),
            null);
    assertTrue(r.ok(), r.stdout() + r.stderr());
    assertTrue((r.stdout() + r.stderr()).contains("appear to be ok"), r.stdout() + r.stderr());
  }
}
