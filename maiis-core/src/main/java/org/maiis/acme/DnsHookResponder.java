package org.maiis.acme;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.maiis.process.ProcessRunner;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;

/**
 * dns-01 through a user command: {@code HOOK add NAME VALUE} publishes a TXT record and {@code HOOK
 * remove NAME VALUE} removes it (also as MAIIS_DNS_ACTION/NAME/VALUE in the environment). The hook
 * returns once the record is visible to the CA.
 */
public final class DnsHookResponder implements ChallengeResponder {
  private final String hook;
  private final ProcessRunner runner;
  private final List<String[]> published = new ArrayList<>();

  /** Runs {@code hook} with {@code sh -c} through {@code runner}. */
  public DnsHookResponder(String hook, ProcessRunner runner) {
    this.hook = hook;
    this.runner = runner;
  }

  @Override
  public boolean supportsWildcards() {
    return true;
  }

  @Override
  public Challenge answer(Authorization auth) throws IOException {
    Dns01Challenge c =
        auth.findChallenge(Dns01Challenge.class)
            .orElseThrow(() -> ChallengeResponder.unsupported(auth, "dns-01"));
    String name = c.getRRName(auth.getIdentifier());
    run("add", name, c.getDigest());
    published.add(new String[] {name, c.getDigest()});
    return c;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (String[] r : published) {
      try {
        run("remove", r[0], r[1]);
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    published.clear();
    if (first != null) {
      throw first;
    }
  }

  private void run(String action, String name, String value) throws IOException {
    ProcessRunner.Result r =
        runner.run(
            List.of("sh", "-c", hook + " \"$@\"", "maiis-dns-hook", action, name, value),
            null,
            Map.of("MAIIS_DNS_ACTION", action, "MAIIS_DNS_NAME", name, "MAIIS_DNS_VALUE", value),
            null);
    if (!r.ok()) {
      String why = r.timedOut() ? "timed out" : "exited " + r.exitCode();
      String detail = r.stderr().strip().lines().findFirst().orElse("");
      throw new IOException(
          "dns hook '"
              + action
              + "' for "
              + name
              + " "
              + why
              + (detail.isEmpty() ? "" : ": " + detail));
    }
  }
}
