package org.maiis.server.rag.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HNSW index writes rows to its graph in batches: what it holds back is searched all the same,
 * deleted all the same, left out of the commit (a crash reads it from the table again) and written
 * when the index closes.
 */
class HnswIndexTest {
  private static final int DIMS = 16;
  private static final int BATCH = 100;
  private static final Set<String> SCOPES = Set.of("shared");

  @TempDir Path dir;

  // Row n belongs to document "d<n / 10>" (ten chunks a document), with a random unit vector.
  private final List<ChunkVectors.Row> rows = rows(1_000);

  private static List<ChunkVectors.Row> rows(int n) {
    Random rnd = new Random(7);
    List<ChunkVectors.Row> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      float[] v = new float[DIMS];
      double norm = 0;
      for (int d = 0; d < DIMS; d++) {
        v[d] = (float) rnd.nextGaussian();
        norm += v[d] * v[d];
      }
      for (int d = 0; d < DIMS; d++) {
        v[d] /= (float) Math.sqrt(norm);
      }
      out.add(new ChunkVectors.Row(i, new ChunkVector("d" + i / 10, i % 10, "shared", v)));
    }
    return out;
  }

  // Adds rows [from, to) in pages of `page`, as the store's sync does while an ingest goes on.
  private void add(HnswIndex index, int from, int to, int page) throws IOException {
    for (int i = from; i < to; i += page) {
      index.add(rows.subList(i, Math.min(to, i + page)));
    }
  }

  private VectorHit nearest(HnswIndex index, int row) throws IOException {
    return index.search(rows.get(row).vector().vector(), SCOPES, 5).get(0);
  }

  private long committedSeq() throws IOException {
    try (FSDirectory d = FSDirectory.open(dir)) {
      return Long.parseLong(
          SegmentInfos.readLatestCommit(d).getUserData().getOrDefault("seq", "0"));
    }
  }

  private List<Integer> segmentSizes() throws IOException {
    try (FSDirectory d = FSDirectory.open(dir);
        DirectoryReader r = DirectoryReader.open(d)) {
      return r.leaves().stream().map(LeafReaderContext::reader).map(l -> l.maxDoc()).toList();
    }
  }

  @Test
  void rowsHeldBackAreSearchedAndLeftOutOfTheCommitUntilABatchIsWritten() throws Exception {
    try (HnswIndex index = new HnswIndex(dir, BATCH)) {
      add(index, 0, 150, 10);
      assertEquals(150, index.lastSeq());
      assertEquals(150, index.size());
      assertEquals(100, committedSeq(), "only the written batch is claimed by the commit");
      assertEquals(List.of(100), segmentSizes());
      VectorHit held = nearest(index, 139);
      assertEquals("d14", held.documentId());
      assertEquals(0, held.chunkIndex());
      assertEquals(1.0, held.similarity(), 1e-4);
      VectorHit written = nearest(index, 49);
      assertEquals("d5", written.documentId());
      assertEquals(0, written.chunkIndex());
    }
  }

  @Test
  void aDeletedDocumentIsNeverFoundWhetherWrittenOrHeldBack() throws Exception {
    try (HnswIndex index = new HnswIndex(dir, BATCH)) {
      // Pages of 7: the first 105 rows are written. d9 is seq 90..99 (written), d10 seq 100..109
      // (100..105 written, the rest held back).
      add(index, 0, 120, 7);
      index.removeDocument("d10");
      index.removeDocument("d9");
      assertEquals(100, index.size());
      for (int row = 85; row < 115; row++) {
        for (VectorHit h : index.search(rows.get(row).vector().vector(), SCOPES, 10)) {
          assertFalse(Set.of("d9", "d10").contains(h.documentId()), row + ": " + h);
        }
      }
    }
  }

  @Test
  void closingWritesWhatWasHeldBackAndAReopenedIndexResumes() throws Exception {
    try (HnswIndex index = new HnswIndex(dir, BATCH)) {
      add(index, 0, 130, 10);
    }
    assertEquals(130, committedSeq());
    try (HnswIndex reopened = new HnswIndex(dir, BATCH)) {
      assertEquals(130, reopened.lastSeq());
      assertEquals(130, reopened.size());
      assertEquals("d12", nearest(reopened, 119).documentId());
    }
  }

  @Test
  void afterACrashTheIndexOnDiskHoldsTheWrittenBatchesAndClaimsNoMore(@TempDir Path crashed)
      throws Exception {
    try (HnswIndex index = new HnswIndex(dir, BATCH)) {
      add(index, 0, 150, 10);
      // What a SIGKILL leaves now: the files of the last commit (the process's lock dies with it).
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(f -> !f.endsWith(IndexWriter.WRITE_LOCK_NAME)).toList()) {
          Files.copy(f, crashed.resolve(f.getFileName()));
        }
      }
    }
    try (HnswIndex restarted = new HnswIndex(crashed, BATCH)) {
      assertEquals(100, restarted.lastSeq(), "the store reads seq 101 on from the table");
      assertEquals(100, restarted.size());
      assertEquals("d5", nearest(restarted, 49).documentId());
    }
  }

  @Test
  void aStreamOfSmallPagesBecomesSegmentsOfABatchOrMore() throws Exception {
    try (HnswIndex index = new HnswIndex(dir, BATCH)) {
      add(index, 0, 1_000, 7);
      index.flush();
      assertEquals(1_000, committedSeq());
      List<Integer> sizes = segmentSizes();
      assertEquals(1_000, sizes.stream().mapToInt(Integer::intValue).sum());
      // 143 pages; only the tail flushed last may be smaller than a batch.
      assertTrue(sizes.stream().filter(s -> s < BATCH).count() <= 1, "segments: " + sizes);
      for (int row : new int[] {3, 499, 998}) {
        assertEquals(rows.get(row).vector().documentId(), nearest(index, row).documentId());
      }
    }
  }
}
