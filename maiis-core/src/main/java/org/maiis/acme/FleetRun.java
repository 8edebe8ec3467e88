package org.maiis.acme;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.maiis.acme.CertificateManager.Outcome;
import org.maiis.acme.CertificateManager.Result;

/**
 * Renews many lineages at once. Each CA gets threads of its own, at most {@code perCa}, so one CA
 * never sees more than that many of this run's orders in flight and a slow or rate-limiting CA
 * holds back no other. A lineage that fails, however it fails, fails alone.
 */
final class FleetRun {
  private FleetRun() {}

  /** The renewal of one lineage. */
  @FunctionalInterface
  interface Task {
    /** Renews {@code name}. */
    Outcome renew(String name) throws IOException;
  }

  /**
   * Runs {@code task} for every lineage of {@code caOf} (lineage to its CA; lineages with the same
   * value share the limit) and returns the outcomes in {@code caOf}'s order.
   */
  static List<Outcome> run(Map<String, ?> caOf, int perCa, Task task) throws IOException {
    Map<Object, List<String>> byCa = new LinkedHashMap<>();
    caOf.forEach((name, ca) -> byCa.computeIfAbsent(ca, k -> new ArrayList<>()).add(name));
    List<ExecutorService> pools = new ArrayList<>();
    Map<String, Future<Outcome>> running = new HashMap<>();
    AtomicInteger threads = new AtomicInteger();
    try {
      for (List<String> names : byCa.values()) {
        ExecutorService pool =
            Executors.newFixedThreadPool(
                Math.min(names.size(), perCa),
                r -> {
                  Thread t = new Thread(r, "maiis-renew-" + threads.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                });
        pools.add(pool);
        for (String name : names) {
          running.put(name, pool.submit(() -> alone(task, name)));
        }
      }
      List<Outcome> out = new ArrayList<>();
      for (String name : caOf.keySet()) {
        out.add(running.get(name).get());
      }
      return out;
    } catch (InterruptedException e) {
      pools.forEach(ExecutorService::shutdownNow);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while renewing");
    } catch (ExecutionException e) {
      // alone() catches every exception: only an Error (out of memory, ...) gets here.
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IOException(ErrorLines.oneLine(e.getCause()), e.getCause());
    } finally {
      pools.forEach(ExecutorService::shutdown);
    }
  }

  private static Outcome alone(Task task, String name) {
    try {
      return task.renew(name);
    } catch (IOException | RuntimeException e) {
      // A damaged lineage (unreadable renewal file, certificate or state) fails alone: the
      // others are still renewed.
      return new Outcome(name, Result.FAILED, ErrorLines.oneLine(e));
    }
  }
}
