package org.maiis.acme;

import java.io.IOException;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * Answers the CA's challenges for one order. {@link #close()} removes every published answer, on
 * success and on failure.
 */
public interface ChallengeResponder extends AutoCloseable {
  /** Publishes the answer for {@code auth} and returns the challenge to trigger. */
  Challenge answer(Authorization auth) throws IOException, AcmeException;

  @Override
  void close() throws IOException;

  /** Whether this responder can prove a wildcard identifier (only dns-01 can). */
  default boolean supportsWildcards() {
    return false;
  }

  /** The exception for an authorization that offers no challenge of the wanted type. */
  static IOException unsupported(Authorization auth, String type) {
    return new IOException(
        auth.getIdentifier().getValue() + ": the CA offers no " + type + " challenge");
  }
}
