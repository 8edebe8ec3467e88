package org.maiis.server.documents;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * What a DOCX that is a zip bomb may make the server inflate: bytes are counted as they are read,
 * never buffered, and reading stops with {@link Exceeded} past a limit on the whole archive, on the
 * entry being parsed, or on a single XML construct of it (the JDK's parser holds a comment, an
 * attribute or a CDATA section in memory whole, while it hands text over in pieces).
 */
final class InflationBudget extends FilterInputStream {
  private final long archiveLimit;
  private final long entryLimit;
  private final long constructLimit;
  private long archive;
  private long entry;
  private long construct;
  private boolean parsed;

  InflationBudget(InputStream in, long archiveLimit, long entryLimit, long constructLimit) {
    super(in);
    this.archiveLimit = archiveLimit;
    this.entryLimit = entryLimit;
    this.constructLimit = constructLimit;
  }

  /**
   * A new entry starts: its own limit counts from here.
   *
   * @param parsed whether it is read by the XML parser (the construct limit applies)
   */
  void entryStarts(boolean parsed) {
    this.parsed = parsed;
    entry = 0;
    construct = 0;
  }

  /** The parser returned an event: the next construct counts from here. */
  void constructEnds() {
    construct = 0;
  }

  /**
   * Reads the rest of the current entry through the budget (skipping would inflate it unmetered).
   */
  void drainEntry() throws IOException {
    byte[] buf = new byte[8192];
    while (read(buf, 0, buf.length) >= 0) {
      // nothing to keep
    }
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    count(b < 0 ? 0 : 1);
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    count(Math.max(n, 0));
    return n;
  }

  private void count(int n) throws Exceeded {
    archive += n;
    entry += n;
    construct += n;
    if (archive > archiveLimit) {
      throw new Exceeded("the DOCX inflates to more than " + mib(archiveLimit));
    }
    if (parsed && entry > entryLimit) {
      throw new Exceeded("the DOCX's word/document.xml inflates to more than " + mib(entryLimit));
    }
    if (parsed && construct > constructLimit) {
      throw new Exceeded(
          "the DOCX's word/document.xml holds a comment, attribute or CDATA section of more than "
              + mib(constructLimit));
    }
  }

  private static String mib(long bytes) {
    return (bytes >> 20) + " MiB";
  }

  /** A limit was passed; the message says which, for the document's status. */
  static final class Exceeded extends IOException {
    private static final long serialVersionUID = 1L;

    Exceeded(String what) {
      super(what);
    }
  }
}
