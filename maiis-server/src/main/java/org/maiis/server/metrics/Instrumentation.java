package org.maiis.server.metrics;

import java.time.Duration;
import org.maiis.metrics.MaiisMetrics;

/**
 * What the server's components record. {@link #NONE} when {@code server.metrics.enabled} is false,
 * so the overhead of instrumentation can be measured by switching it off.
 */
public interface Instrumentation {
  /** A unit of database work: operation (select, insert, update, transaction), main table. */
  void dbQuery(String operation, String table, Duration took);

  /** The pool's current state. */
  void dbConnections(int active, int idle);

  /** An authentication attempt by method (password, refresh_token, access_token). */
  void authAttempt(boolean succeeded, String method);

  /** A failed authentication by reason (catalog values). */
  void authFailure(String reason);

  /** A cache operation (get/set/delete) and its outcome (hit/miss/success/error). */
  void cacheOperation(String operation, String status);

  /** A storage operation (upload/download/delete) on {@code provider}. */
  void storageOperation(String operation, String provider, boolean ok, Duration took, long bytes);

  /** A storage error. */
  void storageError(String provider, String errorType);

  /** A processed document by type (pdf, image, text, word), outcome and duration. */
  void documentProcessing(String docType, boolean succeeded, Duration took);

  /** One OCR run (an image or a scanned page). */
  void ocr(Duration took);

  /** An upload by type, outcome and size. */
  void fileUpload(String fileType, boolean succeeded, long bytes);

  /** A RAG answer's duration and the stage that failed, if one did. */
  void ragPipeline(Duration took, java.util.Optional<String> failedStage);

  /** A search over the knowledge base by provider (the index that served it). */
  void vectorSearch(String provider, Duration took);

  /** One embedding call (a batch of texts) by provider (local, ollama). */
  void embedding(String provider, Duration took);

  /** A call to a speech provider (operation stt or tts), its outcome and latency. */
  void speechRequest(String provider, String operation, boolean succeeded, Duration took);

  /** The speech chain moved on from {@code primary} to {@code fallback}. */
  void speechFallback(String primary, String fallback);

  /** The length of the audio a stt/tts operation handled. */
  void speechAudio(String operation, Duration audioLength);

  /** A call to an external API: provider, endpoint name (never a URL), outcome, latency. */
  void externalApi(String provider, String endpoint, boolean succeeded, Duration took);

  /** A language-model request: model, outcome, latency and the tokens it reported. */
  void llmRequest(
      String model, boolean succeeded, Duration took, long promptTokens, long completionTokens);

  /** A WebSocket connection opened ({@code true}) or closed. */
  void websocketConnection(boolean opened);

  /** A WebSocket message: direction inbound/outbound, type text/binary/error. */
  void websocketMessage(String direction, String messageType);

  /** Records nothing. */
  Instrumentation NONE =
      new Instrumentation() {
        @Override
        public void dbQuery(String operation, String table, Duration took) {}

        @Override
        public void dbConnections(int active, int idle) {}

        @Override
        public void authAttempt(boolean succeeded, String method) {}

        @Override
        public void authFailure(String reason) {}

        @Override
        public void cacheOperation(String operation, String status) {}

        @Override
        public void storageOperation(
            String operation, String provider, boolean ok, Duration took, long bytes) {}

        @Override
        public void storageError(String provider, String errorType) {}

        @Override
        public void documentProcessing(String docType, boolean succeeded, Duration took) {}

        @Override
        public void ocr(Duration took) {}

        @Override
        public void fileUpload(String fileType, boolean succeeded, long bytes) {}

        @Override
        public void ragPipeline(Duration took, java.util.Optional<String> failedStage) {}

        @Override
        public void vectorSearch(String provider, Duration took) {}

        @Override
        public void embedding(String provider, Duration took) {}

        @Override
        public void speechRequest(
            String provider, String operation, boolean succeeded, Duration took) {}

        @Override
        public void speechFallback(String primary, String fallback) {}

        @Override
        public void speechAudio(String operation, Duration audioLength) {}

        @Override
        public void externalApi(
            String provider, String endpoint, boolean succeeded, Duration took) {}

        @Override
        public void llmRequest(
            String model,
            boolean succeeded,
            Duration took,
            long promptTokens,
            long completionTokens) {}

        @Override
        public void websocketConnection(boolean opened) {}

        @Override
        public void websocketMessage(String direction, String messageType) {}
      };

  /** Records into the catalog's metrics. */
  static Instrumentation of(MaiisMetrics m) {
    return new Instrumentation() {
      @Override
      public void dbQuery(String operation, String table, Duration took) {
        m.dbQuery(operation, table, took);
      }

      @Override
      public void dbConnections(int active, int idle) {
        m.dbConnections(active, idle);
      }

      @Override
      public void authAttempt(boolean succeeded, String method) {
        m.authAttempt(succeeded, method);
      }

      @Override
      public void authFailure(String reason) {
        m.authFailure(reason);
      }

      @Override
      public void cacheOperation(String operation, String status) {
        m.cacheOperation(operation, status);
      }

      @Override
      public void storageOperation(
          String operation, String provider, boolean ok, Duration took, long bytes) {
        m.storageOperation(operation, provider, ok, took, bytes);
      }

      @Override
      public void storageError(String provider, String errorType) {
        m.storageError(provider, errorType);
      }

      @Override
      public void documentProcessing(String docType, boolean succeeded, Duration took) {
        m.documentProcessing(docType, succeeded, took);
      }

      @Override
      public void ocr(Duration took) {
        m.ocr(took);
      }

      @Override
      public void fileUpload(String fileType, boolean succeeded, long bytes) {
        m.fileUpload(fileType, succeeded, bytes);
      }

      @Override
      public void ragPipeline(Duration took, java.util.Optional<String> failedStage) {
        m.ragPipeline(took, failedStage);
      }

      @Override
      public void vectorSearch(String provider, Duration took) {
        m.vectorSearch(provider, took);
      }

      @Override
      public void embedding(String provider, Duration took) {
        m.embedding(provider, took);
      }

      @Override
      public void speechRequest(
          String provider, String operation, boolean succeeded, Duration took) {
        m.speechRequest(provider, operation, succeeded, took);
      }

      @Override
      public void speechFallback(String primary, String fallback) {
        m.speechFallback(primary, fallback);
      }

      @Override
      public void speechAudio(String operation, Duration audioLength) {
        m.speechAudio(operation, audioLength);
      }

      @Override
      public void externalApi(String provider, String endpoint, boolean succeeded, Duration took) {
        m.externalApi(provider, endpoint, succeeded, took);
      }

      @Override
      public void llmRequest(
          String model,
          boolean succeeded,
          Duration took,
          long promptTokens,
          long completionTokens) {
        m.llmRequest(model, succeeded, took, promptTokens, completionTokens);
      }

      @Override
      public void websocketConnection(boolean opened) {
        m.websocketConnection(opened);
      }

      @Override
      public void websocketMessage(String direction, String messageType) {
        m.websocketMessage(direction, messageType);
      }
    };
  }
}
