package org.maiis.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObject;

/** PEM encoding and decoding of certificates, chains and private keys. */
public final class Pem {
  private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String PKCS8_END = "-----END PRIVATE KEY-----";

  private Pem() {}

  /** Certificates as concatenated PEM blocks, in order. */
  public static String certificates(List<X509Certificate> certs) {
    StringBuilder sb = new StringBuilder();
    for (X509Certificate c : certs) {
      sb.append(encode(c));
    }
    return sb.toString();
  }

  /** A private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block. */
  public static String privateKey(PrivateKey key) {
    return encode(new PemObject("PRIVATE KEY", key.getEncoded()));
  }

  /** An arbitrary PEM block. */
  public static String block(String type, byte[] der) {
    return encode(new PemObject(type, der));
  }

  /** Reads every certificate in a PEM file, in order. */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    return parseCertificates(read(file), file.toString());
  }

  /** Parses every certificate in PEM text; {@code source} names it in errors. */
  public static List<X509Certificate> parseCertificates(String pem, String source)
      throws IOException {
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      byte[] bytes = pem.getBytes(StandardCharsets.ISO_8859_1);
      for (var c : cf.generateCertificates(new java.io.ByteArrayInputStream(bytes))) {
        out.add((X509Certificate) c);
      }
      if (out.isEmpty()) {
        throw new IOException(source + ": no certificate in file");
      }
      return out;
    } catch (CertificateException e) {
      throw new IOException(source + ": not a PEM certificate (" + e.getMessage() + ")", e);
    }
  }

  /** Reads a private key (PKCS#8, or traditional EC/RSA) with its public half. */
  public static KeyPair readKeyPair(Path file) throws IOException {
    return parseKeyPair(read(file), file.toString());
  }

  /** Parses a private key in PEM text; {@code source} names it in errors. */
  public static KeyPair parseKeyPair(String pem, String source) throws IOException {
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      Object o = parser.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair kp) {
        // SEC 1 makes an EC key's public point optional, and some tools leave it out.
        PrivateKey priv = conv.getPrivateKey(kp.getPrivateKeyInfo());
        return kp.getPublicKeyInfo() == null
            ? new KeyPair(PublicKeys.derive(priv), priv)
            : new KeyPair(conv.getPublicKey(kp.getPublicKeyInfo()), priv);
      }
      if (o instanceof PrivateKeyInfo info) {
        PrivateKey priv = conv.getPrivateKey(info);
        return new KeyPair(PublicKeys.derive(priv), priv);
      }
    } catch (PEMException | IllegalArgumentException | IllegalStateException e) {
      // A block whose content is not the key its header names (bad base64, bad DER).
      throw new IOException(source + ": unreadable private key (" + e.getMessage() + ")", e);
    }
    throw new IOException(source + ": no private key in file");
  }

  /** Reads a private key (PKCS#8, or traditional EC/RSA) without deriving its public half. */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    return parsePrivateKey(read(file), file.toString());
  }

  /** Parses a private key in PEM text; {@code source} names it in errors. */
  public static PrivateKey parsePrivateKey(String pem, String source) throws IOException {
    // The JDK decodes the PKCS#8 block that maiis writes: BouncyCastle's parser and curve tables
    // cost a short command (ssl renew, ssl status) tens of milliseconds to load.
    int begin = pem.indexOf("-----BEGIN ");
    int end = pem.indexOf(PKCS8_END);
    if (begin >= 0 && pem.startsWith(PKCS8_BEGIN, begin) && end > begin) {
      try {
        byte[] der =
            Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end));
        for (String algorithm : List.of("EC", "RSA")) {
          try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
          } catch (InvalidKeySpecException e) {
            // not this algorithm's key: the next, then BouncyCastle
          }
        }
      } catch (IllegalArgumentException | GeneralSecurityException e) {
        // BouncyCastle below reads it or says what is wrong
      }
    }
    return parseKeyPair(pem, source).getPrivate();
  }

  /** The file's text; a missing file is named as such, not just by its path. */
  private static String read(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException(file + ": is a directory, not a PEM file");
    }
    try {
      // Latin-1 maps every byte: bundles such as RHEL's ca-bundle.crt carry UTF-8 comments
      // between the blocks, which only matter to humans.
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException(file + ": no such file", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new IOException(file + ": permission denied", e);
    }
  }

  private static String encode(Object o) {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(o);
    } catch (IOException e) {
      throw new IllegalStateException("PEM encoding failed", e);
    }
    return sw.toString();
  }
}
