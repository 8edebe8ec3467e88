package org.maiis.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads and validates {@code maiis.yaml}. Every problem in the file is collected before failing,
 * each located by file, line, column and field path.
 */
public final class ConfigLoader {
  private static final long MAX_SIZE = 1 << 20;

  private final Function<String, String> env;

  /**
   * Creates a loader.
   *
   * @param env resolves {@code ${VAR}} references in non-secret values (System::getenv normally)
   */
  public ConfigLoader(Function<String, String> env) {
    this.env = env;
  }

  /** The configuration with every default and no file. */
  public MaiisConfig defaults() {
    return parse("built-in defaults", "{}");
  }

  /**
   * Loads {@code file}.
   *
   * @throws ConfigException listing every problem, including an unreadable file
   */
  public MaiisConfig load(Path file) {
    String name = file.toString();
    try {
      if (Files.size(file) > MAX_SIZE) {
        throw single(name, "file is larger than 1 MiB; this is not a maiis config");
      }
      byte[] bytes = Files.readAllBytes(file);
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
      return parse(name, text);
    } catch (NoSuchFileException e) {
      throw single(name, "no such file");
    } catch (CharacterCodingException e) {
      throw single(name, "not UTF-8 text");
    } catch (AccessDeniedException e) {
      throw single(name, "cannot read: permission denied");
    } catch (FileSystemException e) {
      // The message of a FileSystemException repeats the path; the reason is what the user needs.
      throw single(name, "cannot read: " + (e.getReason() == null ? "I/O error" : e.getReason()));
    } catch (IOException e) {
      throw single(name, "cannot read: " + e.getMessage());
    }
  }

  /**
   * Parses config text.
   *
   * @param name the name used in messages
   * @throws ConfigException listing every problem
   */
  public MaiisConfig parse(String name, String text) {
    Binder binder = new Binder(name, env);
    Optional<Node> root;
    try {
      LoadSettings settings =
          LoadSettings.builder()
              .setLabel(name)
              .setMaxAliasesForCollections(20)
              .setAllowRecursiveKeys(false)
              .build();
      root = new Compose(settings).composeString(text);
    } catch (MarkedYamlEngineException e) {
      String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      String context = e.getContext() == null ? "" : " " + e.getContext();
      if (problem.startsWith("but ") && !context.isEmpty()) {
        // "expected a single document in the stream" / "but found another document": the
        // context is the expectation, so it reads first.
        problem = context.strip() + ", " + problem;
        context = "";
      }
      if (e.getProblemMark().isPresent()) {
        binder.error(e.getProblemMark().get(), "YAML syntax: " + problem + context);
      } else {
        binder.errorNoLocation("YAML syntax: " + problem + context);
      }
      throw new ConfigException(binder.problems());
    } catch (YamlEngineException e) {
      throw single(name, "YAML: " + e.getMessage().lines().findFirst().orElse("invalid"));
    }
    MaiisConfig config = MaiisConfig.bind(name, Section.of(binder, root.orElse(null), ""));
    List<ConfigProblem> problems = binder.problems();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return config;
  }

  private static ConfigException single(String file, String message) {
    return new ConfigException(List.of(new ConfigProblem(file, 0, 0, "", message, "")));
  }
}
