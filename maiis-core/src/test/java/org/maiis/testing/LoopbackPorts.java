package org.maiis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free TCP ports for test servers that another process binds later (nginx, Pebble, Prometheus, a
 * webroot server Pebble calls back on).
 *
 * <p>A port from {@code bind(0)} is in the kernel's ephemeral range, which the same kernel hands to
 * every outgoing connection meanwhile: on a busy CI machine a client socket took such a port before
 * the test server bound it ("Address already in use"). Ports here come from below the ephemeral
 * range (Linux starts it at 32768), which the kernel never assigns on its own, and each JVM walks
 * the range from a random start so one run never hands out a port twice.
 */
public final class LoopbackPorts {
  private static final int LOW = 20_000;
  private static final int HIGH = 32_767;
  private static final AtomicInteger NEXT =
      new AtomicInteger(ThreadLocalRandom.current().nextInt(LOW, HIGH + 1));

  private LoopbackPorts() {}

  /** A port nothing listens on now, never returned before by this JVM. */
  public static int free() {
    for (int tries = 0; tries <= HIGH - LOW; tries++) {
      int port = LOW + Math.floorMod(NEXT.getAndIncrement() - LOW, HIGH - LOW + 1);
      if (bindable(port)) {
        return port;
      }
    }
    throw new UncheckedIOException(
        new IOException("no free port in " + LOW + "-" + HIGH + " on this machine"));
  }

  // The wildcard address conflicts with a listener on any local address, loopback included.
  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
