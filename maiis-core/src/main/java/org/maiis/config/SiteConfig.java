package org.maiis.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What is being served.
 *
 * @param name short name used for files and the certificate lineage
 * @param domain the primary domain
 * @param altNames further names (SANs) on the same certificate and server block
 * @param email contact address for the ACME account and alerts
 * @param environment deployment name (production, staging, dev) used in labels and Sentry
 */
public record SiteConfig(
    String name, String domain, List<String> altNames, Optional<String> email, String environment) {

  /** The primary domain followed by the alternative names, without duplicates. */
  public List<String> allDomains() {
    LinkedHashSet<String> all = new LinkedHashSet<>();
    all.add(domain);
    all.addAll(altNames);
    return new ArrayList<>(all);
  }

  static SiteConfig bind(Section s) {
    String domain = s.string("domain", "localhost", Check.DOMAIN);
    SiteConfig site =
        new SiteConfig(
            s.string("name", "maiis", Check.NAME),
            domain,
            s.strings("alt_names", List.of(), Check.DOMAIN_OR_WILDCARD),
            s.optString("email", Check.EMAIL),
            s.string("environment", "production", Check.NAME));
    if (site.altNames().contains(domain)) {
      s.error(
          "alt_names", "repeats the primary domain " + domain, "only names other than site.domain");
    }
    s.done();
    return site;
  }
}
