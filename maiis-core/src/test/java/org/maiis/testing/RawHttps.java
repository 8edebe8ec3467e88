package org.maiis.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * POSTs over raw TLS sockets to a front door on loopback, each burst from its own 127.0.0.N (nginx
 * keys its rate zones on the client address, so one burst cannot use up another's). Raw, because
 * the JDK's HTTP client would normalise some request targets before sending them.
 */
public final class RawHttps {
  /**
   * Spellings of the auth routes that must all land in the auth tier: exact, trailing slash and
   * query (which reach the API's handler), and merged slashes, dot segments, percent-encoding and
   * path parameters (which nginx normalises before it picks a location).
   */
  public static final List<String> AUTH_SPELLINGS =
      List.of(
          "/api/auth/login",
          "/api/auth/login/",
          "/api/auth/signup/",
          "/api/auth/refresh/",
          "/api/auth/change-password/",
          "/api/auth/login?next=1",
          "/api/auth/login/?next=1",
          "//api/auth/login",
          "/api//auth/login",
          "/api/auth//login",
          "/api/auth/login//",
          "/api/auth/./login",
          "/api/./auth/login/",
          "/api/auth/../auth/login",
          "/api/x/../auth/login/",
          "/api/auth/log%69n",
          "/api/auth%2Flogin",
          "/api/auth/login%2F",
          "/api/auth/login;jsessionid=1",
          "/api/auth/login%3Bx=1",
          "/api/auth/login/;x=1");

  private final SSLContext trust;
  private final int port;
  private final AtomicInteger nextClient;

  /**
   * Posts to 127.0.0.1:{@code port}, trusting {@code trust}, from 127.0.0.{@code firstClient} on.
   */
  public RawHttps(SSLContext trust, int port, int firstClient) {
    this.trust = trust;
    this.port = port;
    this.nextClient = new AtomicInteger(firstClient);
  }

  /** {@code count} POSTs of {@code target}, sent as-is, from a fresh client address. */
  public List<Integer> burst(String target, int count) throws IOException {
    InetAddress client = InetAddress.getByName("127.0.0." + nextClient.getAndIncrement());
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      statuses.add(post(client, target));
    }
    return statuses;
  }

  /** One POST of an empty JSON object over its own TLS connection from {@code client}. */
  public int post(InetAddress client, String target) throws IOException {
    try (SSLSocket s = (SSLSocket) trust.getSocketFactory().createSocket()) {
      s.bind(new InetSocketAddress(client, 0));
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST "
                  + target
                  + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                  + "Content-Length: 2\r\nConnection: close\r\n\r\n{}")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return Integer.parseInt(status.split(" ")[1]);
    }
  }
}
