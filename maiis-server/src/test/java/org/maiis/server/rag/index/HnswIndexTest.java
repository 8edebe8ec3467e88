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
import org.apache.lucene.index.IndexNotFoundException;
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

  // The highest seq the index on disk claims (0 before its first commit).
  private long committedSeq() throws IOException {
    try (FSDirectory d = FSDirectory.open(dir)) {
      return Long.parseLong(
          SegmentInfos.readLatestCommit(d).getUserData().getOrDefault("seq", "0"));
    } catch (IndexNotFoundException e) {
      return 0;
    }
  }

  private List<Integer> segmentSizes() throws IOException {
    try (FSDirectory d = FSDirectory.open(dir);
        DirectoryReader r = DirectoryReader.open(d)) {
      return r.leaves().stream().map(LeafReaderContext::reader).map(l -> l.maxDoc()).toList();
    }
  }

  // What the store does: a full batch (or all held back) taken, written and committed, then
  // shown to searches.
  private static void writeBatch(HnswIndex index, boolean all) throws IOException {
    HnswIndex.Batch b = index.takeBatch(all);
    if (b != null && index.write(b)) {
      index.publish();
    }
  }

  private static void writeBatchIfFull(HnswIndex index) throws IOException {
    writeBatch(index, false);
  }

  private List<VectorHit> hitsFor(HnswIndex index, int row) throws IOException {
    return index.search(rows.get(row).vector().vector(), SCOPES, 5);
  }

  @Test
  void rowsHeldBackAreSearchedAndClaimedByTheCommitOnlyOnceWritten() throws Exception {
    try (HnswIndex index = new HnswIndex(dir, BATCH)) {
      add(index, 0, 90, 10);
      assertEquals(null, index.takeBatch(false), "fewer than a batch");
      assertEquals(90, index.lastSeq());
      assertEquals(90, index.size());
      assertEquals(0, committedSeq());
      VectorHit held = nearest(index, 79);
      assertEquals("d8", held.documentId());
      assertEquals(0, held.chunkIndex());
      assertEquals(1.0, held.similarity(), 1e-4);

      add(index, 90, 150, 10);
      HnswIndex.Batch b = index.takeBatch(false);
      assertTrue(index.write(b));
      // Written and committed, not yet shown: searches find each row once, among the held back.
      assertEquals(150, committedSeq());
      assertEquals(150, index.size());
      assertEquals(1, hitsFor(index, 139).stream().filter(h -> h.similarity() > 0.9999).count());
      index.publish();
      assertEquals(150, index.size());
      assertEquals(List.of(150), segmentSizes());
      VectorHit written = nearest(index, 139);
      assertEquals("d14", written.documentId());
      assertEquals(1, hitsFor(index, 139).stream().filter(h -> h.similarity() > 0.9999).count());
    }
  }

  @Test
  void aDocumentDeletedWhileItsBatchIsOnItsWayIsNeverFound() throws Exception {
    try (HnswIndex index = new HnswIndex(dir, BATCH)) {
      add(index, 0, 120, 7);
      HnswIndex.Batch b = index.takeBatch(false);
      // d10 is seq 100..109: taken in the batch, deleted before the batch reaches the graph.
      index.removeDocument("d10");
      assertTrue(index.write(b));
      index.publish();
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
  void removingADocumentTheIndexDoesNotHoldCommitsNothing() throws Exception {
    try (HnswIndex index = new HnswIndex(dir, BATCH)) {
      add(index, 0, 100, 10);
      writeBatchIfFull(index);
      add(index, 100, 110, 10);
      long generation;
      try (FSDirectory d = FSDirectory.open(dir)) {
        generation = SegmentInfos.readLatestCommit(d).getGeneration();
      }
      // As an upload of a new document does while a batch is being written.
      HnswIndex.Batch b = index.takeBatch(true);
      index.removeDocument("never-ingested");
      try (FSDirectory d = FSDirectory.open(dir)) {
        assertEquals(generation, SegmentInfos.readLatestCommit(d).getGeneration(), "no commit");
      }
      assertTrue(index.write(b));
      index.publish();
      // Held back or in the graph, a document is removed.
      add(index, 110, 120, 10);
      index.removeDocument("d11");
      index.removeDocument("d3");
      assertEquals(100, index.size());
    }
  }

  @Test
  void aBatchTakenBeforeTheIndexIsClearedIsDropped() throws Exception {
    try (HnswIndex index = new HnswIndex(dir, BATCH)) {
      add(index, 0, 120, 10);
      HnswIndex.Batch b = index.takeBatch(false);
      index.clear();
      assertFalse(index.write(b));
      assertEquals(0, index.size());
      assertEquals(0, committedSeq());
    }
  }

  @Test
  void closingWritesWhatWasHeldBackAndAReopenedIndexResumes() throws Exception {
    try (HnswIndex index = new HnswIndex(dir, BATCH)) {
      add(index, 0, 110, 10);
      assertTrue(index.write(index.takeBatch(false)));
      add(index, 110, 130, 10);
      // Closed with one batch written but not shown and twenty rows held back.
    }
    assertEquals(130, committedSeq());
    try (HnswIndex reopened = new HnswIndex(dir, BATCH)) {
      assertEquals(130, reopened.lastSeq());
      assertEquals(130, reopened.size());
      assertEquals(130, segmentSizes().stream().mapToInt(Integer::intValue).sum(), "no row twice");
      assertEquals("d12", nearest(reopened, 119).documentId());
    }
  }

  @Test
  void afterACrashTheIndexOnDiskHoldsTheWrittenBatchesAndClaimsNoMore(@TempDir Path crashed)
      throws Exception {
    try (HnswIndex index = new HnswIndex(dir, BATCH)) {
      add(index, 0, 100, 10);
      writeBatchIfFull(index);
      add(index, 100, 150, 10);
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
      for (int i = 0; i < 1_000; i += 7) {
        add(index, i, Math.min(1_000, i + 7), 7);
        writeBatchIfFull(index);
      }
      writeBatch(index, true);
      assertEquals(1_000, committedSeq());
      List<Integer> sizes = segmentSizes();
      assertEquals(1_000, sizes.stream().mapToInt(Integer::intValue).sum());
      // 143 pages; only the tail written last may be smaller than a batch.
      assertTrue(sizes.stream().filter(s -> s < BATCH).count() <= 1, "segments: " + sizes);
      for (int row : new int[] {3, 499, 998}) {
        assertEquals(rows.get(row).vector().documentId(), nearest(index, row).documentId());
      }
    }
  }
}
