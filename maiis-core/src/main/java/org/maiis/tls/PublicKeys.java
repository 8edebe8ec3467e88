package org.maiis.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/** Recovers the public half of a private key (PKCS#8 files may carry only the private part). */
final class PublicKeys {
  private PublicKeys() {}

  static PublicKey derive(PrivateKey priv) throws IOException {
    try {
      if (priv instanceof RSAPrivateCrtKey rsa) {
        return KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      }
      if (priv instanceof ECPrivateKey ec) {
        ECParameterSpec params = ec.getParams();
        ECCurve curve = EC5Util.convertCurve(params.getCurve());
        ECPoint q = EC5Util.convertPoint(curve, params.getGenerator()).multiply(ec.getS());
        q = q.normalize();
        java.security.spec.ECPoint w =
            new java.security.spec.ECPoint(
                q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params));
      }
      throw new IOException("unsupported private key type " + priv.getAlgorithm());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot derive the public key", e);
    }
  }
}
