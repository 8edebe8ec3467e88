package org.maiis.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertLockTest {
  @TempDir Path tmp;

  /** A separate JVM that takes the lock like maiis does, then waits to be killed. */
  static final String HOLDER =
      "import java.nio.channels.FileChannel;\n"
          + "import java.nio.file.*;\n"
          + "public class Holder { public static void main(String[] a) throws Exception {\n"
          + "  FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,"
          + " StandardOpenOption.WRITE);\n"
          + "  ch.lock(); System.out.println(\"locked\"); System.out.flush();\n"
          + "  Thread.sleep(60_000); } }\n";

  @Test
  void aLockLeftByAKilledProcessIsRecovered() throws Exception {
    Path src = Files.writeString(tmp.resolve("Holder.java"), HOLDER);
    String java = ProcessHandle.current().info().command().orElse("java");
    Process holder =
        new ProcessBuilder(java, src.toString(), tmp.resolve(".lock").toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine());
      assertThrows(
          CertLock.BusyException.class, () -> CertLock.acquire(tmp, Duration.ofMillis(100)));
      holder.destroyForcibly();
      holder.waitFor(10, TimeUnit.SECONDS);
      // The lock file is still there, with the dead process's content: it must not matter.
      try (CertLock lock = CertLock.acquire(tmp, Duration.ofSeconds(5))) {
        assertEquals(
            Long.toString(ProcessHandle.current().pid()),
            Files.readString(tmp.resolve(".lock")).split(" ")[0]);
      }
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void aParallelRunWaitsForTheFirstInsteadOfFailing() throws Exception {
    CertLock first = CertLock.acquire(tmp, Duration.ofSeconds(1));
    CompletableFuture<CertLock> second =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return CertLock.acquire(tmp, Duration.ofSeconds(10));
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    assertThrows(CertLock.BusyException.class, () -> CertLock.acquire(tmp, Duration.ofMillis(50)));
    first.close();
    second.get(10, TimeUnit.SECONDS).close();
  }
}
