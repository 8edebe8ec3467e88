package org.maiis.server.documents;

import io.javalin.config.RoutesConfig;
import org.maiis.config.ServerConfig;
import org.maiis.process.Executables;
import org.maiis.server.auth.Authenticator;
import org.maiis.server.platform.Platform;
import org.maiis.server.platform.ServerModule;
import org.maiis.server.rag.KnowledgeBase;
import org.maiis.server.work.Bulkhead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Uploads, text extraction and OCR, and ingesting documents into the knowledge base. */
public final class DocumentsModule implements ServerModule {
  private static final Logger LOG = LoggerFactory.getLogger(DocumentsModule.class);
  private final Bulkhead work;
  private final long maxUpload;
  private final DocumentController documents;
  private final IngestController ingest;

  /** Builds the area on {@code p}, ingesting into {@code kb}. */
  public DocumentsModule(Platform p, Authenticator authenticator, KnowledgeBase kb) {
    ServerConfig.Documents cfg = p.config().documents();
    this.maxUpload = cfg.maxUploadSize().bytes();
    DocumentMetrics metrics = DocumentMetrics.from(p.catalog());
    Ocr ocr = new Ocr(new Executables(p.env()).find("tesseract"), cfg.ocrTimeout(), metrics);
    if (!ocr.available()) {
      LOG.warn("tesseract is not installed: images and scanned PDF pages will not be read");
    }
    // One bounded pool for extraction, OCR and embedding: a burst of uploads waits here (or is
    // refused with 503) instead of taking the threads and connections banking needs.
    this.work = new Bulkhead("documents", cfg.workers(), cfg.queue());
    DocumentService service =
        new DocumentService(
            p.tx(),
            p.storage(),
            new TextExtractor(ocr, cfg.maxExtractedChars(), metrics),
            kb,
            work,
            new UploadQuota(p.state(), cfg.dailyUploadBytes().bytes(), p.clock()),
            p.clock(),
            metrics);
    this.documents =
        new DocumentController(
            service,
            new DocumentOcr(service, ocr, maxUpload, work, metrics),
            authenticator,
            maxUpload);
    this.ingest = new IngestController(p.tx(), kb, service, authenticator, p.bodies(), work);
  }

  @Override
  public void routes(RoutesConfig routes) {
    documents.register(routes);
    ingest.register(routes);
  }

  @Override
  public long maxMultipartBytes() {
    return DocumentController.maxRequestBytes(maxUpload);
  }

  @Override
  public void close() {
    work.close();
  }
}
