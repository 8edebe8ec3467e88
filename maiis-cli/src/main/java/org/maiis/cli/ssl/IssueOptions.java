package org.maiis.cli.ssl;

import java.net.URI;
import java.nio.file.Path;
import org.maiis.acme.IssueRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags of {@code maiis ssl issue}: each overrides one maiis.yaml default. A superclass, not a
 * mixin, because picocli lists a mixin's argument groups before its options, which would reorder
 * the generated completion scripts.
 */
abstract class IssueOptions extends SslChangeCommand {
  @Mixin DomainsOption domains = new DomainsOption();

  @Option(
      names = {"-e", "--email"},
      paramLabel = "EMAIL",
      description = "Account contact (default: site.email).")
  String email;

  @ArgGroup(exclusive = true)
  Ca ca = new Ca();

  static final class Ca {
    @Option(
        names = "--server",
        paramLabel = "URL",
        description = "ACME directory URL (default: tls.acme.directory).")
    URI server;

    @Option(names = "--staging", description = "Let's Encrypt staging.")
    boolean staging;
  }

  @Option(
      names = "--ca-bundle",
      paramLabel = "PEM",
      description = "Trust this bundle for the CA's own TLS.")
  Path caBundle;

  @ArgGroup(exclusive = true)
  How how = new How();

  static final class How {
    @Option(
        names = "--webroot",
        paramLabel = "DIR",
        description = "http-01 via files under DIR (default: tls.webroot).")
    Path webroot;

    @Option(names = "--standalone", description = "http-01 from a built-in server.")
    boolean standalone;

    @Option(
        names = "--dns-hook",
        paramLabel = "CMD",
        description = "dns-01: CMD add|remove NAME VALUE publishes/removes the TXT record.")
    String dnsHook;
  }

  @Option(
      names = "--http-port",
      paramLabel = "N",
      defaultValue = "80",
      description = "Port for --standalone (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Mixin NewLineageOptions.Key key = new NewLineageOptions.Key();

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "ACME profile: classic, tlsserver, shortlived, ...")
  String profile;

  @Option(names = "--eab-kid", paramLabel = "ID", description = "External account binding key id.")
  String eabKid;

  @Option(
      names = "--eab-hmac-key",
      paramLabel = "KEY",
      description = "External account binding HMAC key (base64url).")
  String eabHmacKey;

  @Mixin NewLineageOptions.Name name = new NewLineageOptions.Name();

  @Option(
      names = "--deploy-hook",
      paramLabel = "CMD",
      description = "Run after each renewal (default: tls.deploy_hook).")
  String deployHook;

  /** The flags as a core request; what is not given stays open for maiis.yaml. */
  IssueRequest request() {
    return new IssueRequest(
        domains.domains,
        email,
        ca.server,
        ca.staging,
        caBundle,
        how.webroot,
        how.standalone,
        how.dnsHook,
        httpPort,
        key.keyType,
        profile,
        eabKid,
        eabHmacKey,
        name.name,
        deployHook);
  }
}
