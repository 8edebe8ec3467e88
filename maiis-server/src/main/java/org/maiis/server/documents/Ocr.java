package org.maiis.server.documents;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.maiis.process.ProcessRunner;

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
  private final DocumentMetrics metrics;
  private List<String> languages;

  /**
   * OCR with {@code tesseract} (empty when not installed).
   *
   * @param timeout longest one image may take
   */
  public Ocr(Optional<Path> tesseract, Duration timeout, DocumentMetrics metrics) {
    this.tesseract = tesseract;
    this.runner = new ProcessRunner(timeout);
    this.metrics = metrics;
  }

  /** The language read when none is asked for. */
  public static final String DEFAULT_LANGUAGE = "eng";

  /**
   * The languages tesseract has data for ({@code tesseract --list-langs}), asked once; empty when
   * it is not installed or cannot tell.
   */
  public synchronized List<String> languages() {
    if (languages == null) {
      languages = listLanguages();
    }
    return languages;
  }

  private List<String> listLanguages() {
    if (tesseract.isEmpty()) {
      return List.of();
    }
    try {
      ProcessRunner.Result r =
          runner.run(List.of(tesseract.get().toString(), "--list-langs"), null, Map.of(), null);
      if (!r.ok()) {
        return List.of();
      }
      // The first line is a header ("List of available languages in ...").
      return r.stdout()
          .lines()
          .skip(1)
          .map(String::strip)
          .filter(l -> l.matches("[A-Za-z0-9_]+") && !l.equals("osd"))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
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
    return recognise(image, DEFAULT_LANGUAGE);
  }

  /**
   * The text of an image in {@code language} (tesseract codes such as {@code eng}, {@code eng+fra};
   * check with {@link #languages()}).
   *
   * @throws OcrUnavailable when tesseract is missing, fails or times out
   */
  public Result recognise(byte[] image, String language) throws OcrUnavailable {
    if (tesseract.isEmpty()) {
      throw new OcrUnavailable("OCR unavailable: the tesseract program is not installed");
    }
    long start = System.nanoTime();
    ProcessRunner.Result r;
    try {
      r =
          runner.run(
              List.of(tesseract.get().toString(), "stdin", "stdout", "-l", language, "tsv"),
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
