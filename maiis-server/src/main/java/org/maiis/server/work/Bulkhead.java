package org.maiis.server.work;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.maiis.server.failure.Failure;

/**
 * A bounded pool for slow work (text extraction, OCR, embedding, speech): at most {@code workers}
 * jobs run and {@code queue} wait; one more is refused at once with 503 and Retry-After. The
 * request threads and database connections that banking and auth need are never taken by a burst of
 * uploads.
 */
public final class Bulkhead implements AutoCloseable {
  private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
  private final String what;
  private final ThreadPoolExecutor pool;

  /**
   * A bulkhead of {@code workers} threads named after {@code what} (used in the 503 message).
   *
   * @param queue jobs that may wait for a worker; 0 refuses whenever all workers are busy
   */
  public Bulkhead(String what, int workers, int queue) {
    this.what = what;
    AtomicInteger n = new AtomicInteger();
    BlockingQueue<Runnable> waiting =
        queue == 0 ? new SynchronousQueue<>() : new ArrayBlockingQueue<>(queue);
    this.pool =
        new ThreadPoolExecutor(
            workers,
            workers,
            0,
            TimeUnit.MILLISECONDS,
            waiting,
            r -> {
              Thread t = new Thread(r, "maiis-" + what + "-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Runs {@code work} on the pool and waits for it; its exceptions reach the caller as thrown.
   *
   * @throws Failure 503 with Retry-After when the pool and its queue are full
   */
  public <T> T run(Callable<T> work) {
    Future<T> f;
    try {
      f = pool.submit(work);
    } catch (RejectedExecutionException e) {
      throw Failure.unavailable(
          "busy", "the server is busy with " + what + "; retry in a few seconds", RETRY_AFTER);
    }
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      throw Failure.unavailable("busy", "the request was interrupted", RETRY_AFTER);
    }
  }

  /** Jobs running or waiting right now. */
  public int inFlight() {
    return pool.getActiveCount() + pool.getQueue().size();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
