package org.maiis.server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.maiis.server.api.Api.Res;
import org.maiis.server.api.Api.Session;
import org.maiis.testing.ExternalTools;

/**
 * The data directory on a small filesystem that fills up: writes are refused with 503 (never a 500,
 * never a 2xx that is not kept), readiness says not ready, and when space returns the server
 * recovers without a restart; every acknowledged deposit is there, also after a restart.
 */
class DiskFullIT {
  @TempDir Path dir;

  @Test
  void aFullDiskRefusesWritesAndRecoversWhenSpaceReturns() throws Exception {
    Path mnt = smallFilesystem(dir.resolve("mnt"), "48m");
    try {
      long acknowledged = 0;
      long attempted = 0;
      Session s;
      String account;
      try (Harness h = Harness.start(mnt, Backend.embedded(), "")) {
        s = h.api.newUser();
        account = h.api.account(s, "checking", "USD", "0");
        for (int i = 0; i < 10; i++) {
          attempted++;
          assertEquals(2, deposit(h, s, account).status() / 100);
          acknowledged++;
        }

        Path filler = fill(mnt.resolve("filler"));
        assertEquals(503, h.api.get("/health/ready", null).status(), "not ready on a full disk");
        for (int i = 0; i < 20; i++) {
          attempted++;
          Res r = deposit(h, s, account);
          assertTrue(Set.of(201, 200, 503, 507).contains(r.status()), r.status() + " " + r.body());
          if (r.status() / 100 == 2) {
            acknowledged++;
          }
        }

        Files.delete(filler);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Res r;
        do {
          attempted++;
          r = deposit(h, s, account);
          if (r.status() / 100 == 2) {
            acknowledged++;
          } else {
            Thread.sleep(200);
          }
        } while (r.status() / 100 != 2 && System.nanoTime() < deadline);
        assertEquals(2, r.status() / 100, "writes work again without a restart: " + r.body());
        assertEquals(200, h.api.get("/health/ready", null).status());
        assertBalanceBetween(h, s, account, acknowledged, attempted);
      }
      try (Harness again = Harness.start(mnt, Backend.embedded(), "")) {
        Session back = again.api.login(s.email(), Api.PASSWORD);
        assertBalanceBetween(again, back, account, acknowledged, attempted);
      }
    } finally {
      new ProcessBuilder("umount", "-l", mnt.toString()).inheritIO().start().waitFor();
    }
  }

  private static void assertBalanceBetween(
      Harness h, Session s, String account, long acknowledged, long attempted) {
    BigDecimal balance = h.api.balance(s, account);
    assertTrue(
        balance.compareTo(BigDecimal.valueOf(acknowledged)) >= 0
            && balance.compareTo(BigDecimal.valueOf(attempted)) <= 0,
        "balance " + balance + ", acknowledged " + acknowledged + " of " + attempted);
  }

  private static Res deposit(Harness h, Session s, String account) {
    return h.api.post(
        "/api/banking/deposit", s.access(), Map.of("account_id", account, "amount", "1.00"));
  }

  // Writes until the filesystem refuses: ENOSPC.
  private static Path fill(Path filler) {
    byte[] block = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      return filler;
    }
  }

  private static Path smallFilesystem(Path mnt, String size) throws Exception {
    ExternalTools.SYSTEM.require("mount", "mount");
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root) {
      String why = "mounting a small tmpfs needs root";
      if (ExternalTools.SYSTEM.required()) {
        Assertions.fail(why);
      }
      Assumptions.abort(why);
    }
    Files.createDirectories(mnt);
    Process p =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt.toString())
            .inheritIO()
            .start();
    assertEquals(0, p.waitFor(), "mount tmpfs");
    return mnt;
  }
}
