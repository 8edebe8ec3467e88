package org.maiis.render.nginx;

import org.maiis.config.MaiisConfig;
import org.maiis.render.output.Artifact;
import org.maiis.render.output.RenderedTree;
import org.maiis.render.output.Templates;

/**
 * The nginx front: {@code nginx/nginx.conf} and the snippets it includes (TLS, security headers,
 * proxy settings, CORS), its own {@code mime.types}, and the RFC 7919 DH group when DHE suites are
 * listed. Include paths are relative, so the directory works wherever it is installed.
 *
 * @param runtime the nginx the artifact is rendered for
 */
public record NginxArtifact(NginxRuntime runtime) implements Artifact {
  private static final String DIR = "nginx/";

  @Override
  public String name() {
    return "nginx";
  }

  @Override
  public String mainFile() {
    return DIR + "nginx.conf";
  }

  @Override
  public RenderedTree render(MaiisConfig config, Templates templates) {
    NginxView view = NginxView.of(config, runtime);
    RenderedTree tree =
        RenderedTree.empty()
            .with(mainFile(), templates.render(DIR + "nginx.conf.mustache", view))
            .with(DIR + "mime.types", templates.text(DIR + "mime.types"))
            .with(
                DIR + "snippets/tls.conf",
                templates.render(DIR + "snippets/tls.conf.mustache", view))
            .with(
                DIR + "snippets/security-headers.conf",
                templates.render(DIR + "snippets/security-headers.conf.mustache", view))
            .with(
                DIR + "snippets/proxy.conf",
                templates.render(DIR + "snippets/proxy.conf.mustache", view))
            .with(
                DIR + "snippets/errors.conf",
                templates.render(DIR + "snippets/errors.conf.mustache", view));
    if (view.cors().enabled()) {
      tree =
          tree.with(
              DIR + "snippets/cors.conf",
              templates.render(DIR + "snippets/cors.conf.mustache", view));
    }
    if (view.tls().dhparam()) {
      tree = tree.with(DIR + TlsView.DHPARAM_FILE, templates.text(DIR + TlsView.DHPARAM_FILE));
    }
    return tree;
  }
}
