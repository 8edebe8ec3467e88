package org.maiis.server.documents;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.maiis.process.ProcessRunner;
import org.maiis.server.Instrumentation;

/**
 * OCR with the Debian {@code tesseract} program, run as a process with a timeout. The TSV output
 * gives the words with their confidence, so one run yields both the text and its mean confidence.
 */
public final class Ocr {
  /**
   * Recognised text.
   *
   * @param text the words, in reading order, lines and paragraphs kept
   * @param confidence mean word confidence 0-100, empty when no word was recognised
   */
  public record Result(String text, Optional<Double> confidence) {}

  private final Optional<Path> tesseract;
  private final ProcessRunner runner;
  private final Instrumentation metrics;

  /**
   * OCR with {@code tesseract} (empty when not installed).
   *
   * @param timeout longest one image may take
   */
  public Ocr(Optional<Path> tesseract, Duration timeout, Instrumentation metrics) {
    this.tesseract = tesseract;
    this.runner = new ProcessRunner(timeout);
    this.metrics = metrics;
  }

  /** Whether tesseract is installed. */
  public boolean available() {
    return tesseract.isPresent();
  }

  /**
   * The text of an image (PNG, JPEG, TIFF).
   *
   * @throws OcrUnavailable when tesseract is missing, fails or times out
   */
  public Result recognise(byte[] image) throws OcrUnavailable {
    if (tesseract.isEmpty()) {
      throw new OcrUnavailable("OCR unavailable: the tesseract program is not installed");
    }
    long start = System.nanoTime();
    ProcessRunner.Result r;
    try {
      r =
          runner.run(
              List.of(tesseract.get().toString(), "stdin", "stdout", "-l", "eng", "tsv"),
              null,
              // One thread per run: the server may OCR several uploads at once on few cores.
              Map.of("OMP_THREAD_LIMIT", "1"),
              image);
    } catch (IOException e) {
      throw new OcrUnavailable("OCR failed: tesseract could not be started");
    } finally {
      metrics.ocr(Duration.ofNanos(System.nanoTime() - start));
    }
    if (r.timedOut()) {
      throw new OcrUnavailable("OCR failed: tesseract took longer than the configured timeout");
    }
    if (!r.ok()) {
      throw new OcrUnavailable("OCR failed: tesseract exited with status " + r.exitCode());
    }
    return TesseractTsv.parse(r.stdout());
  }

  /** OCR could not run; the message is the reason stored with the document. */
  public static final class OcrUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    OcrUnavailable(String reason) {
      super(reason, null, false, false);
    }
  }
}
