package org.maiis.cli.kb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Uploads the files of a directory, {@code parallel} at a time, reporting each to {@link Progress}
 * in the order of the listing (whatever order they finish in); a file that fails is recorded and
 * the run goes on. An expired access token is renewed once through {@code relogin} when the caller
 * can (e-mail and password given); a server that answers 503 busy is asked again after its
 * Retry-After.
 */
final class KbIngest {
  /**
   * The outcome of a run.
   *
   * @param uploaded files uploaded (and ingested)
   * @param chunks knowledge-base chunks made of them
   * @param failed each failure
   * @param skipped files of unsupported types
   */
  record Summary(int uploaded, int chunks, List<Failure> failed, int skipped) {}

  /**
   * A file that was not ingested.
   *
   * @param file its path under the directory
   * @param reason why, in words
   */
  record Failure(String file, String reason) {
    @Override
    public String toString() {
      return file + ": " + reason;
    }
  }

  static final long MAX_FILE_BYTES = 256L << 20;
  // A server whose document queue is full (503 busy) is asked again after its Retry-After.
  private static final int BUSY_ATTEMPTS = 6;
  private static final Duration MAX_BUSY_PAUSE = Duration.ofSeconds(30);

  private final KbClient client;
  private final Supplier<String> relogin;
  private final boolean shared;
  private final int parallel;
  private volatile String token;

  /**
   * A run with {@code token}.
   *
   * @param relogin a fresh token, or null when the token cannot be renewed
   * @param shared add each document to the shared knowledge base (admin) instead of the caller's
   * @param parallel files uploaded at once (the server embeds each on one of its document workers)
   */
  KbIngest(KbClient client, String token, Supplier<String> relogin, boolean shared, int parallel) {
    this.client = client;
    this.token = token;
    this.relogin = relogin;
    this.shared = shared;
    this.parallel = parallel;
  }

  // One file's outcome: its chunk count, or why it failed.
  private record Outcome(int chunks, String failure) {}

  Summary run(Path dir, Progress progress, IngestFiles.Listing files) {
    ExecutorService pool = Executors.newFixedThreadPool(parallel);
    try {
      List<Future<Outcome>> pending = new ArrayList<>();
      for (Path file : files.supported()) {
        pending.add(pool.submit(() -> outcome(file)));
      }
      int uploaded = 0;
      int chunks = 0;
      List<Failure> failed = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        String name = dir.relativize(files.supported().get(i)).toString();
        Outcome o = await(pending.get(i));
        if (o.failure() == null) {
          uploaded++;
          chunks += o.chunks();
          progress.step(i + 1, name, true, "ok (" + o.chunks() + " chunks)");
        } else {
          failed.add(new Failure(name, o.failure()));
          progress.step(i + 1, name, false, "failed: " + o.failure());
        }
      }
      return new Summary(uploaded, chunks, failed, files.skipped().size());
    } finally {
      pool.shutdownNow();
    }
  }

  private Outcome outcome(Path file) {
    try {
      return new Outcome(one(file), null);
    } catch (KbClient.CallFailed e) {
      return new Outcome(0, e.getMessage());
    } catch (IOException e) {
      return new Outcome(0, "cannot read the file");
    }
  }

  private static Outcome await(Future<Outcome> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(0, "interrupted");
    } catch (ExecutionException e) {
      // outcome() catches what an upload throws; anything else is a bug worth naming.
      return new Outcome(0, String.valueOf(e.getCause()));
    }
  }

  private int one(Path file) throws IOException, KbClient.CallFailed {
    // Far above any server's upload limit; keeps a stray disk image from filling the heap.
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new KbClient.CallFailed(
          0, "too_large", "larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
    }
    byte[] bytes = Files.readAllBytes(file);
    String name = file.getFileName().toString();
    String used = token;
    try {
      return whenNotBusy(name, bytes, used);
    } catch (KbClient.CallFailed e) {
      if (e.status() == 401 && e.code().equals("token_expired") && relogin != null) {
        return whenNotBusy(name, bytes, renewed(used));
      }
      throw e;
    }
  }

  // Parallel uploads that find the token expired renew it once between them.
  private synchronized String renewed(String expired) {
    if (token.equals(expired)) {
      token = relogin.get();
    }
    return token;
  }

  private int whenNotBusy(String name, byte[] bytes, String bearer) throws KbClient.CallFailed {
    for (int attempt = 1; ; attempt++) {
      try {
        // Shared: uploaded privately without ingest, then ingested into the shared scope by id.
        KbClient.Uploaded u = client.upload(bearer, name, bytes, !shared);
        return shared ? client.ingestShared(bearer, u.id()) : u.chunks();
      } catch (KbClient.CallFailed e) {
        if (e.status() != 503 || !e.code().equals("busy") || attempt == BUSY_ATTEMPTS) {
          throw e;
        }
        pause(e.retryAfter());
      }
    }
  }

  private static void pause(Duration d) throws KbClient.CallFailed {
    try {
      Thread.sleep(Math.min(d.toMillis(), MAX_BUSY_PAUSE.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KbClient.CallFailed(0, "interrupted", "interrupted");
    }
  }
}
