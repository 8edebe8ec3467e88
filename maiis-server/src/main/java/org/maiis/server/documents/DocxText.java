package org.maiis.server.documents;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The paragraphs of a DOCX (word/document.xml), read with StAX; DTDs and entities are refused. */
final class DocxText {
  private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
  // A zip bomb cannot make the server inflate more than this of document.xml.
  private static final long MAX_XML_BYTES = 64L << 20;

  private DocxText() {}

  static Extraction extract(byte[] docx, long maxChars) {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(docx))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        if (e.getName().equals("word/document.xml")) {
          return Extraction.complete(
              paragraphs(bounded(zip), maxChars), java.util.Optional.empty());
        }
      }
      return Extraction.failed("the DOCX has no word/document.xml");
    } catch (TooLarge e) {
      return Extraction.failed(
          "the DOCX's word/document.xml inflates to more than " + (MAX_XML_BYTES >> 20) + " MiB");
    } catch (TextTooLong e) {
      throw e;
    } catch (IOException | XMLStreamException | RuntimeException e) {
      return Extraction.failed("the DOCX could not be read");
    }
  }

  private static InputStream bounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes((int) MAX_XML_BYTES + 1);
    if (bytes.length > MAX_XML_BYTES) {
      throw new TooLarge();
    }
    return new ByteArrayInputStream(bytes);
  }

  // Stops at maxChars: a small DOCX can expand to tens of millions of characters.
  private static String paragraphs(InputStream xml, long maxChars) throws XMLStreamException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    XMLStreamReader r = f.createXMLStreamReader(xml);
    StringBuilder out = new StringBuilder();
    StringBuilder para = new StringBuilder();
    boolean inText = false;
    while (r.hasNext()) {
      int ev = r.next();
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

  /** document.xml inflates beyond {@link #MAX_XML_BYTES} (a zip bomb, or a huge document). */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }
}
