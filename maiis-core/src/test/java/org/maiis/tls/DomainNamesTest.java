package org.maiis.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DomainNamesTest {
  private static String refused(String name) {
    return assertThrows(IllegalArgumentException.class, () -> DomainNames.normalize(List.of(name)))
        .getMessage();
  }

  @Test
  void refusesMalformedNamesNamingTheNameAndWhy() {
    assertEquals("empty domain name", refused(""));
    assertEquals("empty domain name", refused("  "));
    String label = "a".repeat(64);
    assertEquals(
        "'"
            + label
            + ".com' is not a valid domain name: label '"
            + label
            + "' is longer than 63 characters",
        refused(label + ".com"));
    assertEquals(
        "'foo_bar.com' is not a valid domain name: label 'foo_bar' must be letters, digits and"
            + " '-', not starting or ending with '-'",
        refused("foo_bar.com"));
    assertEquals("'a..b' is not a valid domain name: empty label", refused("a..b"));
    assertEquals(
        "'a b.com' is not a valid domain name: label 'a b' must be letters, digits and '-', not"
            + " starting or ending with '-'",
        refused("a b.com"));
    assertEquals(
        "'-x.com' is not a valid domain name: label '-x' must be letters, digits and '-', not"
            + " starting or ending with '-'",
        refused("-x.com"));
    assertEquals(
        "'a.*.com' is not a valid domain name: '*' is only allowed as the whole first label",
        refused("a.*.com"));
    assertEquals("'1.2.3' is not a valid domain name: not a valid IPv4 address", refused("1.2.3"));
    assertEquals(
        "'999.1.1.1' is not a valid domain name: not a valid IPv4 address", refused("999.1.1.1"));
    assertEquals("'::g' is not a valid domain name: not a valid IPv6 address", refused("::g"));
    String longName = ("a".repeat(60) + ".").repeat(5) + "com";
    assertEquals(
        "'" + longName + "' is not a valid domain name: longer than 253 characters",
        refused(longName));
  }

  @Test
  void lowerCasesDropsATrailingDotAndRepeatsKeepingThePrimaryFirst() {
    assertEquals(
        List.of("www.example.com", "example.com", "*.example.com", "127.0.0.1", "::1"),
        DomainNames.normalize(
            List.of(
                "WWW.Example.com",
                "example.com.",
                "www.example.com",
                "*.EXAMPLE.com",
                "EXAMPLE.COM",
                "127.0.0.1",
                "::1")));
  }

  @Test
  void anInternationalizedNameGetsItsPunycodeForm() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> DomainNames.normalize(java.util.List.of("*.bücher.example")));
    org.junit.jupiter.api.Assertions.assertEquals(
        "'*.bücher.example' is not a valid domain name: an internationalized name; use its ASCII"
            + " (punycode) form *.xn--bcher-kva.example",
        e.getMessage());
  }
}
