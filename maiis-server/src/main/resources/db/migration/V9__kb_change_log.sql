-- The knowledge base's change log, so that each instance's search indexes (the Lucene BM25 index under
-- the data directory) stay a cache of the database: every ingest or removal of a document's chunks
-- sets that document's row here to the next generation, in the same transaction. An instance asks
-- for the rows above the generation its index has seen (one indexed range read, usually empty) and
-- re-reads only those documents, so a document ingested or deleted through another instance is
-- searchable, or gone, at the next question without reading every chunk.
--
-- kb_generation holds the one counter. Taking the next generation updates its row, which holds the
-- row lock until commit: generations commit in the order they are taken, so "everything up to N"
-- is never overtaken by a late commit of N - 1 (an identity column would give no such promise).
-- A removed document keeps its row (a tombstone), so one row per document ever ingested.
CREATE TABLE kb_generation (
  id         INTEGER PRIMARY KEY,
  generation BIGINT  NOT NULL
);

CREATE TABLE kb_changes (
  document_id VARCHAR(36) PRIMARY KEY,
  generation  BIGINT      NOT NULL
);
CREATE INDEX kb_changes_generation_idx ON kb_changes (generation);

-- Documents ingested before this migration: one generation each.
INSERT INTO kb_changes (document_id, generation)
  SELECT document_id, ROW_NUMBER() OVER (ORDER BY document_id)
  FROM (SELECT DISTINCT document_id FROM document_chunks) d;
INSERT INTO kb_generation (id, generation) SELECT 1, COUNT(*) FROM kb_changes;

-- The vectors of each chunk's sentences, computed at ingest by the same model as the chunk's, so an
-- extractive answer chooses its quote without embedding sentences per question: per sentence in
-- order, a float32 scale then 1 byte per dimension (int8, little-endian). NULL for chunks stored
-- before this column (their sentences are embedded when quoted).
ALTER TABLE chunk_vectors ADD COLUMN sentences BYTEA;
