package org.maiis.sentry;

import io.sentry.Breadcrumb;
import io.sentry.SentryBaseEvent;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.SentryTransaction;
import io.sentry.protocol.User;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Removes what must not leave the process from every event and transaction, as the SDK's {@code
 * beforeSend}/{@code beforeSendTransaction}: credential headers and cookies, fields named like
 * passwords, tokens, secrets and keys, e-mail addresses, card and account numbers and JWTs in any
 * text, and every user attribute but an opaque id.
 */
public final class SentryScrubber {
  /** What a removed value is replaced with. */
  public static final String FILTERED = "[Filtered]";

  private static final List<String> SENSITIVE_KEYS =
      List.of(
          "password",
          "passwd",
          "pwd",
          "secret",
          "token",
          "api_key",
          "apikey",
          "authorization",
          "cookie",
          "session",
          "credential",
          "private_key",
          "dsn",
          "cvv",
          "card",
          "iban",
          "account_number",
          "x_api_key");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern JWT =
      Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
  private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+");
  // 12-19 digits, optionally grouped by spaces or dashes: card numbers and account numbers.
  private static final Pattern LONG_NUMBER = Pattern.compile("\\b\\d(?:[ -]?\\d){11,18}\\b");
  private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}[A-Z0-9]{11,30}\\b");
  private static final Pattern KEY_VALUE =
      Pattern.compile(
          "(?i)(\"?[\\w-]*(?:password|passwd|secret|token|api[_-]?key|authorization|cookie)"
              + "[\\w-]*\"?\\s*[:=]\\s*)(\"[^\"]*\"|[^\\s,&;}]+)");

  /** Scrubs an error event in place and returns it. */
  public SentryEvent scrub(SentryEvent event) {
    scrubBase(event);
    Message message = event.getMessage();
    if (message != null) {
      message.setMessage(text(message.getMessage()));
      message.setFormatted(text(message.getFormatted()));
      if (message.getParams() != null) {
        message.setParams(message.getParams().stream().map(SentryScrubber::text).toList());
      }
    }
    if (event.getExceptions() != null) {
      for (SentryException e : event.getExceptions()) {
        e.setValue(text(e.getValue()));
      }
    }
    return event;
  }

  /** Scrubs a transaction in place and returns it. */
  public SentryTransaction scrub(SentryTransaction transaction) {
    scrubBase(transaction);
    return transaction;
  }

  private void scrubBase(SentryBaseEvent event) {
    Request request = event.getRequest();
    if (request != null) {
      request.setCookies(null);
      request.setHeaders(stringMap(request.getHeaders()));
      request.setQueryString(text(request.getQueryString()));
      request.setUrl(text(request.getUrl()));
      request.setData(value("data", request.getData()));
      request.setEnvs(null);
      request.setOthers(stringMap(request.getOthers()));
    }
    event.setUser(opaque(event.getUser()));
    if (event.getExtras() != null) {
      event.setExtras(objectMap(event.getExtras()));
    }
    if (event.getTags() != null) {
      event.setTags(stringMap(event.getTags()));
    }
    if (event.getBreadcrumbs() != null) {
      for (Breadcrumb b : event.getBreadcrumbs()) {
        b.setMessage(text(b.getMessage()));
        Map<String, Object> data = b.getData();
        for (Map.Entry<String, Object> e : new ArrayList<>(data.entrySet())) {
          b.setData(e.getKey(), value(e.getKey(), e.getValue()));
        }
      }
    }
  }

  /** {@code text} with e-mails, tokens, card/account numbers and secret key=values replaced. */
  public static String text(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String s = KEY_VALUE.matcher(text).replaceAll(m -> quoteSafe(m.group(1)) + FILTERED);
    s = JWT.matcher(s).replaceAll(FILTERED);
    s = BEARER.matcher(s).replaceAll("Bearer " + FILTERED);
    s = EMAIL.matcher(s).replaceAll("[email]");
    s = IBAN.matcher(s).replaceAll("[account]");
    s = LONG_NUMBER.matcher(s).replaceAll("[number]");
    return s;
  }

  /** Whether a field or header called {@code key} holds a secret. */
  public static boolean sensitive(String key) {
    String k = key.toLowerCase(Locale.ROOT).replace('-', '_');
    return SENSITIVE_KEYS.stream().anyMatch(k::contains);
  }

  private static Object value(String key, Object value) {
    if (value == null) {
      return null;
    }
    if (sensitive(key)) {
      return FILTERED;
    }
    if (value instanceof String s) {
      return text(s);
    }
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), value(String.valueOf(k), v)));
      return out;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(v -> value("", v)).toList();
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value;
    }
    return text(String.valueOf(value));
  }

  private static Map<String, Object> objectMap(Map<String, Object> in) {
    Map<String, Object> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, value(k, v)));
    return out;
  }

  private static Map<String, String> stringMap(Map<String, String> in) {
    if (in == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    in.forEach((k, v) -> out.put(k, sensitive(k) ? FILTERED : text(v)));
    return out;
  }

  /** The user reduced to an id that names nobody: an id that is an e-mail is hashed. */
  private static User opaque(User user) {
    if (user == null || user.getId() == null) {
      return null;
    }
    User u = new User();
    u.setId(EMAIL.matcher(user.getId()).find() ? hash(user.getId()) : user.getId());
    return u;
  }

  private static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quoteSafe(String prefix) {
    return prefix.replace("\\", "\\\\").replace("$", "\\$");
  }
}
