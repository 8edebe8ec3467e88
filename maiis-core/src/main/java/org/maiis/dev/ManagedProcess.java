package org.maiis.dev;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A process started by {@code maiis dev up}, as recorded in its state file.
 *
 * @param name component name (api, nginx, prometheus, ...)
 * @param pid the process id
 * @param startedAt the process start time the OS reported, to tell it from a later process that
 *     reuses the pid
 * @param command the command line
 * @param log where its stdout and stderr go
 * @param url where it serves, for status
 * @param healthUrl an URL answering 2xx when it is healthy, if any
 */
public record ManagedProcess(
    String name,
    long pid,
    Instant startedAt,
    List<String> command,
    Path log,
    String url,
    Optional<String> healthUrl) {}
