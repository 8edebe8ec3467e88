package org.maiis.server.documents;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.maiis.server.failure.Failure;

/**
 * Prepares an image for OCR: grey levels stretched to the full range (faded scans, photos in poor
 * light) and small images enlarged, since tesseract reads text best at about 30 px per line. The
 * size is read from the header before decoding, so a small file declaring a huge image cannot
 * exhaust the heap.
 */
final class OcrPreprocess {
  /** Largest image decoded for preprocessing: 40 megapixels (an A4 page at 600 dpi is 35). */
  static final long MAX_PIXELS = 40_000_000L;

  /** Most pages of a multi-page image (TIFF) read by OCR, as for a PDF. */
  static final int MAX_PAGES = 500;

  private static final int SMALL_WIDTH = 1000;
  private static final int MAX_SCALE = 3;

  private OcrPreprocess() {}

  /**
   * Why {@code image} is too large for OCR, read from its headers without decoding: a page (a TIFF
   * has several) of more than {@link #MAX_PIXELS}, or more than {@link #MAX_PAGES} pages. Empty
   * when it is not, or when no reader understands the headers (tesseract then says what it makes of
   * them).
   */
  static Optional<String> tooLarge(byte[] image) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, false, true);
        int pages = reader.getNumImages(true);
        if (pages > MAX_PAGES) {
          return Optional.of("the image has more than " + MAX_PAGES + " pages");
        }
        for (int i = 0; i < pages; i++) {
          if ((long) reader.getWidth(i) * reader.getHeight(i) > MAX_PIXELS) {
            return Optional.of(
                (pages == 1 ? "the image" : "page " + (i + 1) + " of the image")
                    + " has more than "
                    + MAX_PIXELS / 1_000_000
                    + " megapixels");
          }
        }
        return Optional.empty();
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The prepared image as PNG; 422 when it is not a readable image or too large. */
  static byte[] apply(byte[] image) {
    BufferedImage source = decode(image);
    int scale =
        source.getWidth() >= SMALL_WIDTH
            ? 1
            : Math.min(MAX_SCALE, (SMALL_WIDTH + source.getWidth() - 1) / source.getWidth());
    if ((long) source.getWidth() * scale * source.getHeight() * scale > MAX_PIXELS) {
      scale = 1;
    }
    int w = source.getWidth() * scale;
    int h = source.getHeight() * scale;
    BufferedImage gray = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = gray.createGraphics();
    g.setRenderingHint(
        RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.drawImage(source, 0, 0, w, h, null);
    g.dispose();
    stretch(gray);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(gray, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException("PNG encoding failed", e);
    }
    return out.toByteArray();
  }

  private static BufferedImage decode(byte[] image) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (in == null || !readers.hasNext()) {
        throw unreadable();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
        if (pixels > MAX_PIXELS) {
          throw Failure.ruleBroken(
              "image_too_large",
              "the image has more than " + MAX_PIXELS / 1_000_000 + " megapixels");
        }
        BufferedImage img = reader.read(0);
        if (img == null) {
          throw unreadable();
        }
        return img;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof Failure a) {
        throw a;
      }
      throw unreadable();
    }
  }

  // Linear stretch between the 1st and 99th percentile of the grey levels.
  private static void stretch(BufferedImage gray) {
    var raster = gray.getRaster();
    int w = gray.getWidth();
    int h = gray.getHeight();
    int[] histogram = new int[256];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      raster.getSamples(0, y, w, 1, 0, row);
      for (int v : row) {
        histogram[v]++;
      }
    }
    long total = (long) w * h;
    int low = percentile(histogram, total / 100);
    int high = percentile(histogram, total - total / 100);
    if (high - low < 16) {
      return;
    }
    for (int y = 0; y < h; y++) {
      raster.getSamples(0, y, w, 1, 0, row);
      for (int x = 0; x < w; x++) {
        int v = (row[x] - low) * 255 / (high - low);
        row[x] = Math.max(0, Math.min(255, v));
      }
      raster.setSamples(0, y, w, 1, 0, row);
    }
  }

  private static int percentile(int[] histogram, long rank) {
    long seen = 0;
    for (int v = 0; v < 256; v++) {
      seen += histogram[v];
      if (seen > rank) {
        return v;
      }
    }
    return 255;
  }

  private static Failure unreadable() {
    return Failure.ruleBroken("unreadable_image", "the image could not be decoded");
  }
}
