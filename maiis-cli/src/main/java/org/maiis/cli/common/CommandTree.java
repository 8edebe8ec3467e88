package org.maiis.cli.common;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Builds the picocli model of a command tree. picocli reads every command's annotations by
 * reflection when it builds a model, and for the whole tree that is most of a short command's
 * start-up; a run builds only the branch its arguments name ({@code maiis ssl renew}: the root,
 * {@code ssl} and {@code renew}). Where the arguments name no subcommand (help, a typo, a group
 * alone) the level gets every subcommand, so usage lists them and picocli suggests the nearest.
 */
public final class CommandTree {
  private CommandTree() {}

  private static final List<String> VERSION = List.of("-V", "--version");

  /** The whole tree under {@code root}. */
  public static CommandLine whole(Object root) {
    return build(root, List.of());
  }

  /**
   * The branch of the tree under {@code root} that {@code args} name; the root alone when they only
   * ask for its version, which names no subcommand.
   */
  public static CommandLine forArgs(Object root, List<String> args) {
    if (args.stream().anyMatch(VERSION::contains)
        && args.stream().allMatch(a -> VERSION.contains(a) || a.equals("--verbose"))) {
      return new CommandLine(root);
    }
    return build(root, args);
  }

  // No word left to name a subcommand (the whole tree, or a level help asked for): every branch.
  private static CommandLine build(Object command, List<String> args) {
    CommandLine line = new CommandLine(command);
    if (!(command instanceof HasSubcommands group)) {
      return line;
    }
    int at = firstWord(args);
    Class<?> named = at < 0 ? null : named(group.subcommands(), args.get(at));
    if (named != null && !NeedsWholeTree.class.isAssignableFrom(named)) {
      line.addSubcommand(build(create(named), args.subList(at + 1, args.size())));
    } else {
      for (Class<?> sub : group.subcommands()) {
        line.addSubcommand(build(create(sub), List.of()));
      }
    }
    return line;
  }

  // The subcommand is the first word; only --verbose may come before it for the level to be cut
  // (a --help or -V there prints this level's usage or version, which lists every subcommand).
  private static int firstWord(List<String> args) {
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("-")) {
        return i;
      }
      if (!a.equals("--verbose")) {
        return -1;
      }
    }
    return -1;
  }

  private static Class<?> named(List<Class<?>> subcommands, String word) {
    for (Class<?> sub : subcommands) {
      Command c = sub.getAnnotation(Command.class);
      if (c.name().equals(word) || List.of(c.aliases()).contains(word)) {
        return sub;
      }
    }
    return null;
  }

  private static Object create(Class<?> type) {
    try {
      return CommandLine.defaultFactory().create(type);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the command " + type.getName(), e);
    }
  }
}
