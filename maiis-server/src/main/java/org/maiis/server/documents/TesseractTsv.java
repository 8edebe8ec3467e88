package org.maiis.server.documents;

import java.util.Optional;

/** Reads tesseract's TSV output: words (level 5) with their confidence and layout position. */
final class TesseractTsv {
  private TesseractTsv() {}

  // Columns: level page_num block_num par_num line_num word_num left top width height conf text
  static Ocr.Result parse(String tsv) {
    StringBuilder text = new StringBuilder();
    double confSum = 0;
    int words = 0;
    String lastLine = null;
    String lastPar = null;
    for (String row : tsv.split("\n")) {
      String[] f = row.split("\t", -1);
      if (f.length < 12 || !f[0].equals("5")) {
        continue;
      }
      String word = f[11].strip();
      double conf;
      try {
        conf = Double.parseDouble(f[10]);
      } catch (NumberFormatException e) {
        continue;
      }
      if (word.isEmpty() || conf < 0) {
        continue;
      }
      String par = f[1] + "/" + f[2] + "/" + f[3];
      String line = par + "/" + f[4];
      if (lastLine != null) {
        text.append(!par.equals(lastPar) ? "\n\n" : !line.equals(lastLine) ? "\n" : " ");
      }
      text.append(word);
      lastLine = line;
      lastPar = par;
      confSum += conf;
      words++;
    }
    return new Ocr.Result(
        text.toString(), words == 0 ? Optional.empty() : Optional.of(confSum / words));
  }
}
