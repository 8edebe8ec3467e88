package org.maiis.cli.config;

import java.util.Iterator;
import org.maiis.render.Artifacts;

/** The artifact names {@code --only} takes, for help and shell completion. */
public final class ArtifactNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Artifacts.standard().names().iterator();
  }
}
