package org.maiis.acme;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.maiis.files.AtomicFiles;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;

/** http-01 by files under {@code WEBROOT/.well-known/acme-challenge/}, served by nginx. */
public final class WebrootResponder implements ChallengeResponder {
  private final Path webroot;
  private final Path dir;
  private final List<Path> written = new ArrayList<>();

  /** Answers under {@code webroot}. */
  public WebrootResponder(Path webroot) {
    this.webroot = webroot;
    this.dir = webroot.resolve(".well-known").resolve("acme-challenge");
  }

  @Override
  public Challenge answer(Authorization auth) throws IOException {
    Http01Challenge c =
        auth.findChallenge(Http01Challenge.class)
            .orElseThrow(() -> ChallengeResponder.unsupported(auth, "http-01"));
    // Created, it would be where nothing serves it (a renewal file naming a webroot since moved):
    // the CA's validation would fail and count against its limit. Failing here triggers none.
    if (!Files.isDirectory(webroot)) {
      throw new IOException(
          "the webroot "
              + webroot
              + " does not exist (the directory nginx serves /.well-known/acme-challenge/ from)");
    }
    // The web server's user must read these, so 0755/0644, unlike the certificate directory.
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    Path f = dir.resolve(c.getToken());
    AtomicFiles.write(
        f, c.getAuthorization().getBytes(StandardCharsets.US_ASCII), AtomicFiles.PUBLIC);
    written.add(f);
    return c;
  }

  @Override
  public void close() throws IOException {
    for (Path f : written) {
      Files.deleteIfExists(f);
    }
    written.clear();
  }
}
