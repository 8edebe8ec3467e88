package org.maiis.validate;

import java.util.List;

/**
 * One directive of an nginx config file.
 *
 * @param file the rendered path it came from
 * @param line 1-based line where it starts
 * @param name the directive name
 * @param args its arguments, quotes removed
 * @param block the directives inside its {@code { }}, or null for a simple directive
 */
record NginxDirective(
    String file, int line, String name, List<String> args, List<NginxDirective> block) {

  boolean isBlock() {
    return block != null;
  }

  String arg(int i) {
    return i < args.size() ? args.get(i) : "";
  }
}
