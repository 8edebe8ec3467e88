package org.maiis.render.nginx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.maiis.render.output.Templates;
import org.maiis.testing.ExternalTools;
import org.maiis.validate.NginxInstallation;
import org.maiis.validate.NginxSyntaxCheck;
import org.maiis.validate.ValidationProblem;

/**
 * {@code nginx -t} on every golden variant. A variant that targets a newer nginx than the one
 * installed must fail on exactly the directive that the version branch exists for.
 */
class NginxGoldenIT {
  static final List<String> VARIANTS = Goldens.VARIANTS;

  @ParameterizedTest
  @FieldSource("VARIANTS")
  void realNginxAcceptsTheVariantItTargets(String variant) throws IOException {
    NginxInstallation nginx =
        NginxInstallation.probe(ExternalTools.SYSTEM.require("nginx", "nginx")).orElseThrow();
    var config = Goldens.config(variant);
    List<ValidationProblem> problems =
        new NginxSyntaxCheck(nginx).check(config, Templates.builtIn());

    Version target = Version.parse(config.tls().target().nginx());
    if (nginx.version().atLeast(target)) {
      assertEquals(List.of(), problems, variant);
    } else {
      assertTrue(target.atLeast(Version.NGINX_HTTP2_DIRECTIVE), variant);
      assertEquals(1, problems.size(), problems.toString());
      assertTrue(
          problems.get(0).message().contains("unknown directive \"http2\""),
          problems.get(0).format());
      assertEquals("nginx/nginx.conf", problems.get(0).file());
    }
  }

  @ParameterizedTest
  @FieldSource("VARIANTS")
  void builtInChecksFindNothingInTheGoldens(String variant) {
    assertEquals(
        List.of(),
        org.maiis.validate.NginxStaticChecks.check(
            Goldens.render(variant), Goldens.config(variant)));
  }
}
