package org.maiis.cli.kb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Uploads the files of a directory one by one, reporting each to {@link Progress}; a file that
 * fails is recorded and the run goes on. An expired access token is renewed once through {@code
 * relogin} when the caller can (e-mail and password given).
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

  private final KbClient client;
  private final Supplier<String> relogin;
  private final boolean shared;
  private String token;

  /**
   * A run with {@code token}.
   *
   * @param relogin a fresh token, or null when the token cannot be renewed
   * @param shared add each document to the shared knowledge base (admin) instead of the caller's
   */
  KbIngest(KbClient client, String token, Supplier<String> relogin, boolean shared) {
    this.client = client;
    this.token = token;
    this.relogin = relogin;
    this.shared = shared;
  }

  Summary run(Path dir, Progress progress, IngestFiles.Listing files) {
    int uploaded = 0;
    int chunks = 0;
    List<Failure> failed = new ArrayList<>();
    int done = 0;
    for (Path file : files.supported()) {
      String name = dir.relativize(file).toString();
      String outcome;
      boolean ok = false;
      try {
        int made = one(file);
        uploaded++;
        chunks += made;
        ok = true;
        outcome = "ok (" + made + " chunks)";
      } catch (KbClient.CallFailed e) {
        outcome = "failed: " + e.getMessage();
        failed.add(new Failure(name, e.getMessage()));
      } catch (IOException e) {
        outcome = "failed: cannot read the file";
        failed.add(new Failure(name, "cannot read the file"));
      }
      progress.step(++done, name, ok, outcome);
    }
    return new Summary(uploaded, chunks, failed, files.skipped().size());
  }

  private int one(Path file) throws IOException, KbClient.CallFailed {
    // Far above any server's upload limit; keeps a stray disk image from filling the heap.
    if (Files.size(file) > MAX_FILE_BYTES) {
      throw new KbClient.CallFailed(
          0, "too_large", "larger than " + (MAX_FILE_BYTES >> 20) + " MiB");
    }
    byte[] bytes = Files.readAllBytes(file);
    String name = file.getFileName().toString();
    try {
      return attempt(name, bytes);
    } catch (KbClient.CallFailed e) {
      if (e.status() == 401 && e.code().equals("token_expired") && relogin != null) {
        token = relogin.get();
        return attempt(name, bytes);
      }
      throw e;
    }
  }

  private int attempt(String name, byte[] bytes) throws KbClient.CallFailed {
    // Shared: uploaded privately without ingest, then ingested into the shared scope by id.
    KbClient.Uploaded u = client.upload(token, name, bytes, !shared);
    return shared ? client.ingestShared(token, u.id()) : u.chunks();
  }
}
