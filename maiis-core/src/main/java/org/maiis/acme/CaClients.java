package org.maiis.acme;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * The CAs one run talks to. Per CA (directory and trusted bundle): one session, so one HTTP client
 * and its connection pool and one copy of the directory; one account login; and one {@link CaGate},
 * so a Retry-After from that CA holds back all of this run's requests to it. A fleet renewal shares
 * these across its lineages instead of opening a session and logging in once per lineage.
 */
final class CaClients {
  private final Pacing pacing;
  private final Accounts accounts;
  private final Map<Key, Client> clients = new HashMap<>();

  /** For one run: each CA gets a gate of its own, fresh for this run. */
  CaClients(Pacing pacing, Path accountsDir) {
    this.pacing = pacing;
    this.accounts = new Accounts(accountsDir);
  }

  /** What makes two lineages share a client: the same directory trusted the same way. */
  record Key(URI directory, Path caBundle) {
    static Key of(LineageSettings s) {
      return new Key(s.directory(), s.caBundle());
    }
  }

  /** The client for the CA of {@code s}, opened on first use. */
  synchronized Client of(LineageSettings s) throws IOException {
    Key k = Key.of(s);
    Client c = clients.get(k);
    if (c == null) {
      Pacing gated = pacing.withNewGate();
      Session session = CaSessions.open(s.directory(), s.caBundle(), Duration.ofSeconds(30), gated);
      c = new Client(session, gated, accounts);
      clients.put(k, c);
    }
    return c;
  }

  /** One CA's session, pacing (with its gate) and account. */
  static final class Client {
    private final Session session;
    private final Pacing pacing;
    private final Accounts accounts;
    private Login login;

    private Client(Session session, Pacing pacing, Accounts accounts) {
      this.session = session;
      this.pacing = pacing;
      this.accounts = accounts;
    }

    Session session() {
      return session;
    }

    /** This CA's pacing: its retries and waits go through the CA's gate. */
    Pacing pacing() {
      return pacing;
    }

    /**
     * The account login, made once per run: the directory first (with retries, before anything else
     * talks to the CA), then the stored account, created with {@code reg} when there is none.
     */
    synchronized Login login(Accounts.Registration reg) throws IOException, AcmeException {
      if (login == null) {
        pacing.retry(() -> session.resourceUrl(Resource.NEW_ACCOUNT));
        // Account creation gets the same bounded retries (rate limits, bad nonces) as the order.
        login = pacing.retry(() -> accounts.login(session, reg));
      }
      return login;
    }
  }
}
