package org.maiis.cli.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress bar on a terminal and the plain lines elsewhere. */
class ProgressTest {
  @Test
  void aTerminalGetsABarRedrawnInPlaceWithFailuresKept() {
    StringWriter s = new StringWriter();
    Progress p = new Progress(new PrintWriter(s), true, 3);
    p.step(1, "a.txt", true, "ok (1 chunks)");
    p.step(2, "b.pdf", false, "failed: HTTP 415");
    p.step(3, "c.md", true, "ok (2 chunks)");
    assertEquals(
        "\r\033[K[##########--------------------] 1/3 a.txt"
            + "\r\033[Kb.pdf: failed: HTTP 415\n"
            + "\r\033[K[####################----------] 2/3 b.pdf"
            + "\r\033[K[##############################] 3/3 c.md\n",
        s.toString());
  }

  @Test
  void elsewhereEachFileIsOnePlainLine() {
    StringWriter s = new StringWriter();
    Progress p = new Progress(new PrintWriter(s), false, 2);
    p.step(1, "a.txt", true, "ok (1 chunks)");
    p.step(2, "b.pdf", false, "failed: HTTP 415");
    assertEquals(
        String.format("[1/2] a.txt: ok (1 chunks)%n[2/2] b.pdf: failed: HTTP 415%n"), s.toString());
  }
}
