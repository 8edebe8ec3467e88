package org.maiis.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Locale;
import org.maiis.config.TlsConfig.KeyType;

/** Generates and describes certificate key pairs. */
public final class KeyPairs {
  private KeyPairs() {}

  /** A fresh key pair of {@code type} (P-256, P-384 or RSA of the given size). */
  public static KeyPair generate(KeyType type) {
    try {
      switch (type) {
        case EC256:
          return ec("secp256r1");
        case EC384:
          return ec("secp384r1");
        default:
          KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
          g.initialize(Integer.parseInt(type.name().substring(3)));
          return g.generateKeyPair();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + name(type) + " key", e);
    }
  }

  /** The flag spelling of a key type: ec256, rsa2048, ... */
  public static String name(KeyType type) {
    return type.name().toLowerCase(Locale.ROOT);
  }

  /** Parses ec256, rsa2048, ... (case-insensitive). */
  public static KeyType parse(String name) {
    return KeyType.valueOf(name.toUpperCase(Locale.ROOT));
  }

  /** How a public key is described in status output: ec256, ec384, rsa2048, ... */
  public static String describe(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      return "ec" + ec.getParams().getCurve().getField().getFieldSize();
    }
    if (key instanceof RSAPublicKey rsa) {
      return "rsa" + rsa.getModulus().bitLength();
    }
    return key.getAlgorithm().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code priv} is the private half of {@code pub}. */
  public static boolean belongTogether(PrivateKey priv, PublicKey pub) {
    if (priv instanceof RSAPrivateCrtKey rsa && pub instanceof RSAPublicKey p) {
      return rsa.getModulus().equals(p.getModulus())
          && rsa.getPublicExponent().equals(p.getPublicExponent());
    }
    // An EC private key does not carry its public point, and deriving it takes BouncyCastle:
    // a signature made with the one that verifies with the other proves the pair as well.
    String algorithm =
        priv instanceof ECPrivateKey
            ? "SHA256withECDSA"
            : priv instanceof RSAPrivateKey ? "SHA256withRSA" : null;
    if (algorithm == null || !priv.getAlgorithm().equals(pub.getAlgorithm())) {
      return false;
    }
    try {
      byte[] probe = "maiis key pair check".getBytes(StandardCharsets.US_ASCII);
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(priv);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(pub);
      verify.update(probe);
      return verify.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static KeyPair ec(String curve) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }
}
