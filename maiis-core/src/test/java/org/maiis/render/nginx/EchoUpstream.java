package org.maiis.render.nginx;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 upstream on loopback for the nginx tests: answers every request with the request
 * target it received and the body size it read (keep-alive), sends an X-Frame-Options header of its
 * own (which nginx must hide, not duplicate), and answers a WebSocket handshake by echoing one text
 * frame. Raw sockets, because the JDK's HttpServer cannot hand over a connection for WebSocket.
 */
final class EchoUpstream implements AutoCloseable {
  private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

  /**
   * Answers with a server-sent event, then waits for {@link #releaseStream()} before the last one:
   * a client that sees the first event before releasing proves nothing buffers the stream.
   */
  static final String STREAM_PATH = "/api/chat/stream";

  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<String> targets = Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger connections = new AtomicInteger();
  private final CountDownLatch streamRelease = new CountDownLatch(1);
  private volatile boolean streamWaitedInVain;

  EchoUpstream() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.execute(this::acceptLoop);
  }

  int port() {
    return server.getLocalPort();
  }

  /** How many connections nginx has opened to this upstream so far. */
  int connections() {
    return connections.get();
  }

  /** Lets the event stream at {@link #STREAM_PATH} send its last event. */
  void releaseStream() {
    streamRelease.countDown();
  }

  /** Whether the event stream gave up waiting for {@link #releaseStream()}. */
  boolean streamWaitedInVain() {
    return streamWaitedInVain;
  }

  /** Every request target received, in order. */
  List<String> targets() {
    synchronized (targets) {
      return List.copyOf(targets);
    }
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        pool.execute(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        String head = readHead(in);
        if (head == null) {
          return;
        }
        String[] lines = head.split("\r\n");
        String target = lines[0].split(" ")[1];
        targets.add(target);
        Map<String, String> headers = new HashMap<>();
        for (int i = 1; i < lines.length; i++) {
          int colon = lines[i].indexOf(':');
          headers.put(
              lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).strip());
        }
        long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
        in.skipNBytes(length);
        long read = length;
        if ("websocket".equalsIgnoreCase(headers.get("upgrade"))) {
          webSocket(in, out, headers.get("sec-websocket-key"));
          return;
        }
        if (target.equals(STREAM_PATH)) {
          eventStream(out);
          continue;
        }
        byte[] body =
            ("target=" + target + "\nbytes=" + read + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(
            ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.length
                    + "\r\nX-Frame-Options: SAMEORIGIN\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      }
    } catch (IOException | RuntimeException e) {
      // The peer went away; the test sees the effect on its own side.
    }
  }

  private void eventStream(OutputStream out) throws IOException {
    out.write(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII));
    chunk(out, "data: first\n\n");
    try {
      streamWaitedInVain = !streamRelease.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    chunk(out, "data: [DONE]\n\n");
    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void chunk(OutputStream out, String data) throws IOException {
    byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void webSocket(InputStream in, OutputStream out, String key) throws IOException {
    String accept;
    try {
      accept =
          Base64.getEncoder()
              .encodeToString(
                  MessageDigest.getInstance("SHA-1")
                      .digest((key + WS_GUID).getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + accept
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    while (true) {
      int b0 = in.read();
      int b1 = in.read();
      if (b0 < 0 || b1 < 0) {
        return;
      }
      int opcode = b0 & 0x0f;
      long len = b1 & 0x7f;
      if (len == 126) {
        len = (in.read() << 8) | in.read();
      } else if (len == 127) {
        len = 0;
        for (int i = 0; i < 8; i++) {
          len = (len << 8) | in.read();
        }
      }
      byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : new byte[4];
      byte[] payload = in.readNBytes((int) len);
      for (int i = 0; i < payload.length; i++) {
        payload[i] ^= mask[i % 4];
      }
      if (opcode == 0x8) {
        out.write(new byte[] {(byte) 0x88, 0});
        out.flush();
        return;
      }
      if (opcode == 0x1 && payload.length < 126) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(payload.length);
        frame.write(payload);
        out.write(frame.toByteArray());
        out.flush();
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      matched =
          (b == '\r' && (matched == 0 || matched == 2))
                  || (b == '\n' && (matched == 1 || matched == 3))
              ? matched + 1
              : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
  }
}
