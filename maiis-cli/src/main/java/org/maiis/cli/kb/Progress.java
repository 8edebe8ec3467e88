package org.maiis.cli.kb;

import java.io.PrintWriter;

/**
 * Progress on stderr: a bar redrawn in place on a terminal, one plain line per file otherwise (logs
 * and CI keep a readable record instead of carriage returns).
 */
final class Progress {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean tty;
  private final int total;

  Progress(PrintWriter err, boolean tty, int total) {
    this.err = err;
    this.tty = tty;
    this.total = total;
  }

  /** File {@code done} of the total has finished with {@code outcome} ("ok ...", "failed: ..."). */
  void step(int done, String file, boolean ok, String outcome) {
    if (tty) {
      int filled = total == 0 ? WIDTH : done * WIDTH / total;
      // A failure stays on screen; the bar is redrawn below it.
      if (!ok) {
        err.print("\r\033[K" + file + ": " + outcome + "\n");
      }
      err.print(
          "\r\033[K["
              + "#".repeat(filled)
              + "-".repeat(WIDTH - filled)
              + "] "
              + done
              + "/"
              + total
              + " "
              + file);
      if (done == total) {
        err.print("\n");
      }
    } else {
      err.println("[" + done + "/" + total + "] " + file + ": " + outcome);
    }
    err.flush();
  }
}
