package org.maiis.render.output;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The templates rendering reads: the built-in ones packaged under {@code templates/}, each of which
 * a user can replace by putting a file with the same relative path in an override directory.
 *
 * <p>Templates are Mustache, so they hold no logic: a view model computes every flag and list
 * first. HTML escaping is off (the outputs are config files, and every value was validated by the
 * config layer before it gets here); a tag naming something the view model lacks is an error rather
 * than an empty string, so a typo in an override cannot silently drop a directive.
 */
public final class Templates {
  private static final String CLASSPATH_ROOT = "templates/";

  private final Optional<Path> overrides;
  private final Mustache.Compiler compiler;

  private Templates(Optional<Path> overrides) {
    this.overrides = overrides;
    this.compiler =
        Mustache.compiler()
            .escapeHTML(false)
            .strictSections(true)
            .withLoader(name -> new StringReader(text(name)));
  }

  /** Only the built-in templates. */
  public static Templates builtIn() {
    return new Templates(Optional.empty());
  }

  /**
   * The built-in templates, each replaced by {@code dir/<same relative path>} when that file
   * exists.
   *
   * @throws RenderException when {@code dir} is not a directory
   */
  public static Templates withOverrides(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new RenderException("--templates " + dir + ": not a directory");
    }
    // A misspelt override would otherwise be ignored in silence, and the built-in one used.
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(p -> !p.equals(dir)).sorted().toList()) {
        String name = dir.relativize(file).toString();
        if (Files.isDirectory(file)) {
          // Built-in templates all have an extension, their directories none.
          if (file.getFileName().toString().contains(".") && isBuiltIn(name)) {
            throw new RenderException(
                "--templates " + dir + ": " + name + " is a directory, not a template file");
          }
        } else if (!name.startsWith(".") && !name.contains("/.") && !isBuiltIn(name)) {
          throw new RenderException(
              "--templates "
                  + dir
                  + ": "
                  + name
                  + " replaces no built-in template (such as nginx/nginx.conf.mustache)");
        }
      }
    } catch (IOException e) {
      throw new RenderException("--templates " + dir + ": " + e.getMessage(), e);
    }
    return new Templates(Optional.of(dir));
  }

  private static boolean isBuiltIn(String name) {
    return Templates.class.getClassLoader().getResource(CLASSPATH_ROOT + name) != null;
  }

  /**
   * The text of template {@code name} (a relative path such as {@code nginx/nginx.conf.mustache}),
   * from the override directory when it has one, else built in.
   *
   * @throws RenderException when neither has it
   */
  public String text(String name) {
    if (overrides.isPresent()) {
      Path file = overrides.get().resolve(name).normalize();
      if (file.startsWith(overrides.get()) && Files.isRegularFile(file)) {
        try {
          return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
          throw new RenderException("template " + file + ": not UTF-8 text", e);
        } catch (IOException e) {
          throw new RenderException("cannot read template " + file + ": " + e.getMessage(), e);
        }
      }
    }
    try (InputStream in =
        Templates.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + name)) {
      if (in == null) {
        throw new RenderException("template " + name + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new RenderException("cannot read built-in template " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Renders template {@code name} with {@code model} (a record whose accessors the tags name).
   *
   * @throws RenderException naming the template and line when a tag does not fit the model
   */
  public String render(String name, Object model) {
    try {
      return compiler.compile(text(name)).execute(model);
    } catch (MustacheException e) {
      throw new RenderException("template " + name + ": " + e.getMessage(), e);
    }
  }
}
