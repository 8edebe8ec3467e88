package org.maiis.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;

/**
 * Diffie-Hellman parameters for nginx's {@code ssl_dhparam}: the RFC 7919 ffdhe groups (what
 * Mozilla recommends; computed here from the RFC's formula), or fresh safe primes.
 *
 * @param p the prime modulus
 * @param g the generator
 */
public record DhParams(BigInteger p, BigInteger g) {

  private static final BigInteger TWO = BigInteger.TWO;

  /** The X of each RFC 7919 group: the smallest offset making p a safe prime. */
  private static final Map<Integer, Integer> FFDHE_X =
      Map.of(2048, 560316, 3072, 2625351, 4096, 5736041, 6144, 15705020, 8192, 10965728);

  /** RFC 7919 group {@code ffdhe<bits>} (2048, 3072, 4096, 6144, 8192). */
  public static DhParams ffdhe(int bits) {
    Integer x = FFDHE_X.get(bits);
    if (x == null) {
      throw new IllegalArgumentException("no RFC 7919 group ffdhe" + bits);
    }
    // p = 2^b - 2^{b-64} + {[2^{b-130} e] + X} * 2^64 - 1   (RFC 7919 appendix A)
    BigInteger p =
        TWO.pow(bits)
            .subtract(TWO.pow(bits - 64))
            .add(scaledE(bits - 130).add(BigInteger.valueOf(x)).shiftLeft(64))
            .subtract(BigInteger.ONE);
    return new DhParams(p, TWO);
  }

  /** Parses a group name such as {@code ffdhe2048}. */
  public static DhParams named(String group) {
    if (!group.startsWith("ffdhe")) {
      throw new IllegalArgumentException("unknown DH group " + group + " (ffdhe2048, ...)");
    }
    return ffdhe(Integer.parseInt(group.substring(5)));
  }

  /** The {@code DH PARAMETERS} PEM block (PKCS#3) nginx and OpenSSL read. */
  public String pem() {
    ASN1EncodableVector v = new ASN1EncodableVector();
    v.add(new ASN1Integer(p));
    v.add(new ASN1Integer(g));
    try {
      return Pem.block("DH PARAMETERS", new DERSequence(v).getEncoded(ASN1Encoding.DER));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Fresh parameters: a random safe prime p = 2q + 1 of {@code bits} bits with generator 2,
   * searched on {@code threads} threads. {@code progress} receives '.' per candidate that passed
   * the sieve and '+' when q and p pass a Fermat test (as openssl does), from any thread.
   */
  public static DhParams generate(int bits, int threads, Consumer<Character> progress)
      throws InterruptedException {
    if (bits < 512) {
      throw new IllegalArgumentException("DH parameters need at least 512 bits");
    }
    AtomicReference<BigInteger> found = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> jobs = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        jobs.add(pool.submit(() -> search(bits, found, progress)));
      }
      for (Future<?> f : jobs) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return new DhParams(found.get(), TWO);
  }

  /** Sieve tables, built on first use so the ffdhe groups stay instant. */
  private static final class Sieve {
    /** Primes from 5 to 2^20: about half the big-number tests of trial division to 2^14. */
    static final int[] PRIMES = smallPrimes(1 << 20);

    /** The inverse of 12 modulo each prime, to find the multiples in a window directly. */
    static final int[] INV12 = inverses12(PRIMES);
  }

  private static final BigInteger TWELVE = BigInteger.valueOf(12);

  /** Candidates per sieve window. */
  private static final int WINDOW = 1 << 16;

  /**
   * Sieves windows q = q0 + 12k (k < WINDOW) from a random q0 ≡ 11 (mod 12), so p = 2q + 1 ≡ 23
   * (mod 24) and 2 generates the large subgroup. For every small prime r the two residue classes
   * with r | q or r | p are struck out at once; only survivors get Fermat tests.
   */
  private static void search(int bits, AtomicReference<BigInteger> found, Consumer<Character> out) {
    SecureRandom rnd = new SecureRandom();
    boolean[] struck = new boolean[WINDOW];
    while (found.get() == null && !Thread.currentThread().isInterrupted()) {
      BigInteger q0 = new BigInteger(bits - 1, rnd).setBit(bits - 2).setBit(bits - 3);
      q0 = q0.subtract(q0.mod(TWELVE)).add(BigInteger.valueOf(11));
      java.util.Arrays.fill(struck, false);
      int[] primes = Sieve.PRIMES;
      int[] inv12 = Sieve.INV12;
      for (int i = 0; i < primes.length; i++) {
        int r = primes[i];
        long q0r = q0.mod(BigInteger.valueOf(r)).longValue();
        // r | q0 + 12k  <=>  k ≡ -q0 / 12;   r | 2(q0 + 12k) + 1  <=>  k ≡ ((r-1)/2 - q0) / 12
        strike(struck, (int) Math.floorMod((r - q0r) * inv12[i], (long) r), r);
        strike(struck, (int) Math.floorMod(((r - 1) / 2 - q0r + r) * inv12[i], (long) r), r);
      }
      for (int k = 0; k < WINDOW && found.get() == null; k++) {
        if (struck[k]) {
          continue;
        }
        BigInteger q = q0.add(BigInteger.valueOf(12L * k));
        out.accept('.');
        if (fermat(q)) {
          BigInteger p = q.shiftLeft(1).add(BigInteger.ONE);
          if (fermat(p)) {
            out.accept('+');
            if (q.isProbablePrime(64) && p.isProbablePrime(64)) {
              found.compareAndSet(null, p);
              return;
            }
          }
        }
      }
    }
  }

  private static void strike(boolean[] struck, int first, int step) {
    for (int k = first; k < struck.length; k += step) {
      struck[k] = true;
    }
  }

  private static int[] inverses12(int[] primes) {
    int[] inv = new int[primes.length];
    for (int i = 0; i < inv.length; i++) {
      inv[i] = BigInteger.valueOf(12).modInverse(BigInteger.valueOf(primes[i])).intValue();
    }
    return inv;
  }

  /** A base-2 Fermat test: cheap, rejects almost every composite before Miller-Rabin. */
  private static boolean fermat(BigInteger n) {
    return TWO.modPow(n.subtract(BigInteger.ONE), n).equals(BigInteger.ONE);
  }

  private static int[] smallPrimes(int limit) {
    boolean[] composite = new boolean[limit];
    List<Integer> out = new ArrayList<>();
    for (int i = 5; i < limit; i++) {
      if (!composite[i] && i % 2 != 0 && i % 3 != 0) {
        out.add(i);
        for (long j = (long) i * i; j < limit; j += i) {
          composite[(int) j] = true;
        }
      }
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** floor(2^n * e), from the series e = sum 1/k! with 64 guard bits. */
  private static BigInteger scaledE(int n) {
    int guard = 64;
    BigInteger one = BigInteger.ONE.shiftLeft(n + guard);
    BigInteger sum = BigInteger.ZERO;
    BigInteger term = one;
    for (int k = 1; term.signum() > 0; k++) {
      sum = sum.add(term);
      term = term.divide(BigInteger.valueOf(k));
    }
    return sum.shiftRight(guard);
  }
}
