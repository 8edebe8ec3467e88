package org.maiis.server.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The paragraphs of a DOCX (word/document.xml), read with StAX; DTDs and entities are refused. */
final class DocxText {
  private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  // What a zip bomb can make the server inflate; a 20 MiB upload of real media and text stays
  // far below these.
  private static final long MAX_ARCHIVE_BYTES = 256L << 20;
  private static final long MAX_XML_BYTES = 64L << 20;
  private static final long MAX_CONSTRUCT_BYTES = 1L << 20;

  private DocxText() {}

  static Extraction extract(byte[] docx, long maxChars) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
      InflationBudget budget =
          new InflationBudget(zip, MAX_ARCHIVE_BYTES, MAX_XML_BYTES, MAX_CONSTRUCT_BYTES);
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        boolean document = e.getName().equals("word/document.xml");
        budget.entryStarts(document);
        if (document) {
          return Extraction.complete(paragraphs(budget, maxChars), java.util.Optional.empty());
        }
        budget.drainEntry();
      }
      return Extraction.failed("the DOCX has no word/document.xml");
    } catch (InflationBudget.Exceeded e) {
      return tooLarge(e);
    } catch (TextTooLong e) {
      throw e;
    } catch (XMLStreamException e) {
      // The parser wraps what the stream throws, the budget included.
      return e.getNestedException() instanceof InflationBudget.Exceeded exceeded
          ? tooLarge(exceeded)
          : Extraction.failed("the DOCX could not be read");
    } catch (IOException | RuntimeException e) {
      return Extraction.failed("the DOCX could not be read");
    }
  }

  private static Extraction tooLarge(InflationBudget.Exceeded e) {
    return Extraction.failed(e.getMessage());
  }

  // Stops at maxChars: a small DOCX can expand to tens of millions of characters.
  private static String paragraphs(InflationBudget xml, long maxChars) throws XMLStreamException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    XMLStreamReader r = f.createXMLStreamReader(xml);
    StringBuilder out = new StringBuilder();
    StringBuilder para = new StringBuilder();
    boolean inText = false;
    while (r.hasNext()) {
      int ev = r.next();
      xml.constructEnds();
      if (ev == XMLStreamConstants.START_ELEMENT && W.equals(r.getNamespaceURI())) {
        switch (r.getLocalName()) {
          case "t" -> inText = true;
          case "tab" -> para.append('\t');
          case "br", "cr" -> para.append('\n');
          default -> {}
        }
      } else if (ev == XMLStreamConstants.END_ELEMENT && W.equals(r.getNamespaceURI())) {
        if (r.getLocalName().equals("t")) {
          inText = false;
        } else if (r.getLocalName().equals("p")) {
          String p = para.toString().strip();
          if (!p.isEmpty()) {
            out.append(out.length() == 0 ? "" : "\n\n").append(p);
          }
          para.setLength(0);
        }
      } else if (ev == XMLStreamConstants.CHARACTERS && inText) {
        para.append(r.getText());
      }
      if ((long) out.length() + para.length() > maxChars) {
        throw new TextTooLong(maxChars);
      }
    }
    return out.toString();
  }
}
