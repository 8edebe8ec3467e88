package org.maiis.acme;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.maiis.config.TlsConfig.KeyType;
import org.maiis.files.AtomicFiles;
import org.maiis.tls.KeyPairs;
import org.maiis.tls.Pem;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;

/**
 * ACME accounts, one per CA directory, under {@code accounts/HOST/HASH/}: the account key (0600)
 * and the account URL. The contact e-mail and EAB key are sent to the CA once and not stored.
 */
public final class Accounts {
  private final Path dir;

  /** Accounts kept under {@code dir}. */
  public Accounts(Path dir) {
    this.dir = dir;
  }

  /**
   * How to create an account when there is none yet.
   *
   * @param email contact address, or null
   * @param eabKid external account binding key id, or null
   * @param eabHmacKey the base64url HMAC key, or null
   */
  public record Registration(String email, String eabKid, String eabHmacKey) {
    /** No contact, no EAB. */
    public static final Registration NONE = new Registration(null, null, null);
  }

  /** Logs in with the stored account for the session's CA, creating one when needed. */
  public Login login(Session session, Registration reg) throws IOException, AcmeException {
    Path home = home(session.getServerUri());
    Path keyFile = home.resolve("key.pem");
    Path urlFile = home.resolve("account-url");
    if (java.nio.file.Files.exists(keyFile) && java.nio.file.Files.exists(urlFile)) {
      KeyPair key = Pem.readKeyPair(keyFile);
      URL url = URI.create(java.nio.file.Files.readString(urlFile).strip()).toURL();
      return session.login(url, key);
    }
    if (reg.eabKid() == null && session.getMetadata().isExternalAccountRequired()) {
      throw new IOException(
          "the CA requires external account binding (--eab-kid and --eab-hmac-key)");
    }
    KeyPair key = KeyPairs.generate(KeyType.EC256);
    AccountBuilder b = new AccountBuilder().agreeToTermsOfService().useKeyPair(key);
    if (reg.email() != null) {
      b.addEmail(reg.email());
    }
    if (reg.eabKid() != null) {
      b.withKeyIdentifier(reg.eabKid(), reg.eabHmacKey());
    }
    Login login = b.createLogin(session);
    VersionFiles.createPrivateDirs(home);
    AtomicFiles.write(
        keyFile,
        Pem.privateKey(key.getPrivate()).getBytes(StandardCharsets.US_ASCII),
        AtomicFiles.PRIVATE);
    AtomicFiles.write(
        urlFile,
        (login.getAccountLocation() + "\n").getBytes(StandardCharsets.US_ASCII),
        AtomicFiles.PRIVATE);
    return login;
  }

  private Path home(URI directory) {
    String host = directory.getHost() + (directory.getPort() > 0 ? "_" + directory.getPort() : "");
    return dir.resolve(host.toLowerCase(Locale.ROOT)).resolve(hash(directory.toString()));
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
