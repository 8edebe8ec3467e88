package org.maiis.server.documents;

import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * PDFBox's text stripper with a limit on the content-stream operators it runs over one document: a
 * page of a few KB can deflate to millions of drawing operations, minutes of a worker's CPU.
 */
final class CountingTextStripper extends PDFTextStripper {
  private final long limit;
  private long operators;

  CountingTextStripper(long limit) {
    this.limit = limit;
  }

  @Override
  protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
    if (++operators > limit) {
      throw new Exceeded(limit);
    }
    super.processOperator(operator, operands);
  }

  /** The document ran more than the limit's operators. */
  static final class Exceeded extends IOException {
    private static final long serialVersionUID = 1L;

    Exceeded(long limit) {
      super("more than " + limit + " drawing operations");
    }
  }
}
