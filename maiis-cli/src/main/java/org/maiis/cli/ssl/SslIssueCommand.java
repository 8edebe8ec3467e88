package org.maiis.cli.ssl;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.maiis.acme.Accounts;
import org.maiis.acme.CertificateStore;
import org.maiis.acme.LineageSettings;
import org.maiis.cli.ConfigOption;
import org.maiis.config.MaiisConfig;
import org.maiis.config.TlsConfig;
import org.maiis.config.TlsConfig.KeyType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code maiis ssl issue}: the first certificate of a lineage from an ACME CA. */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description = {
      "Obtain a certificate from an ACME CA.",
      "Stores it in CERTDIR/live/NAME/ and records how, so 'maiis ssl renew' needs no flags.",
      "Defaults come from maiis.yaml; flags override.",
      "Wildcards need --dns-hook. Exit 0 on success, 5 when issuance failed."
    })
public final class SslIssueCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;
  @Mixin CertDirOption certDir;

  @Option(
      names = {"-d", "--domain"},
      paramLabel = "DOMAIN",
      description =
          "Name on the certificate (repeat for SANs; default: site.domain and site.alt_names).")
  List<String> domains = new ArrayList<>();

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

  @Option(
      names = "--key-type",
      paramLabel = "TYPE",
      description = "ec256|ec384|rsa2048|rsa3072|rsa4096 (default: tls.key_type).")
  KeyType keyType;

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

  @Option(
      names = "--name",
      paramLabel = "LINEAGE",
      description = "Lineage name (default: site.name).")
  String name;

  @Option(
      names = "--deploy-hook",
      paramLabel = "CMD",
      description = "Run after each renewal (default: tls.deploy_hook).")
  String deployHook;

  @Override
  public Integer call() {
    MaiisConfig c = config.loadOrDefaults();
    TlsConfig tls = c.tls();
    CertificateStore store = certDir.store(c);
    List<String> names = domains;
    if (names.isEmpty()) {
      names = new ArrayList<>();
      names.add(c.site().domain());
      names.addAll(c.site().altNames());
    }
    URI directory =
        ca.staging
            ? TlsConfig.LETS_ENCRYPT_STAGING
            : ca.server != null ? ca.server : tls.acme().directory();
    LineageSettings.Challenge challenge =
        how.dnsHook != null
            ? LineageSettings.Challenge.dns(how.dnsHook)
            : how.standalone
                ? LineageSettings.Challenge.standalone(httpPort, null)
                : LineageSettings.Challenge.webroot(
                    how.webroot != null ? how.webroot : tls.webroot());
    String kid = eabKid != null ? eabKid : tls.acme().eabKid().orElse(null);
    String hmac =
        eabHmacKey != null
            ? eabHmacKey
            : tls.acme().eabHmacKey().map(s -> s.resolve(System::getenv)).orElse(null);
    Path bundle = caBundle != null ? caBundle : tls.acme().caBundle().orElse(null);
    LineageSettings s =
        new LineageSettings(
            name != null ? name : c.site().name(),
            names,
            directory,
            bundle == null ? null : bundle.toAbsolutePath().normalize(),
            challenge,
            keyType != null ? keyType : tls.keyType(),
            profile != null ? profile : tls.acme().profile().orElse(null),
            deployHook != null ? deployHook : tls.deployHook().orElse(null),
            kid);
    String mail = email != null ? email : c.site().email().orElse(null);
    try {
      var outcome = Managers.manager(c, store).issue(s, new Accounts.Registration(mail, kid, hmac));
      int code = Managers.report(List.of(outcome), spec.commandLine().getErr());
      if (code == 0) {
        spec.commandLine().getOut().println(store.liveDir(s.name()));
      }
      return code;
    } catch (java.io.IOException e) {
      throw Managers.failure(e);
    }
  }
}
