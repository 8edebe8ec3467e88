package org.maiis.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DhParamsTest {
  static void assertSafePrime(BigInteger p, int bits) {
    assertEquals(bits, p.bitLength());
    assertTrue(p.isProbablePrime(20), "p prime");
    assertTrue(p.shiftRight(1).isProbablePrime(20), "(p-1)/2 prime");
  }

  @Test
  void ffdheGroupsFromTheRfcFormulaAreSafePrimesWithTheRfcEnds() {
    for (int bits : new int[] {2048, 3072}) {
      DhParams g = DhParams.ffdhe(bits);
      assertSafePrime(g.p(), bits);
      assertEquals(BigInteger.TWO, g.g());
      // RFC 7919: the top and bottom 64 bits are all ones.
      assertEquals(64, g.p().shiftRight(bits - 64).bitCount());
      assertEquals(64, g.p().and(BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)).bitCount());
    }
    assertTrue(DhParams.named("ffdhe2048").pem().startsWith("-----BEGIN DH PARAMETERS-----\n"));
  }

  @Test
  void generatesASafePrimeOnSeveralThreadsWithProgress() throws InterruptedException {
    AtomicInteger ticks = new AtomicInteger();
    DhParams d = DhParams.generate(512, 2, c -> ticks.incrementAndGet());
    assertSafePrime(d.p(), 512);
    assertEquals(23, d.p().mod(BigInteger.valueOf(24)).intValue(), "2 generates the q subgroup");
    assertTrue(ticks.get() > 0);
  }
}
