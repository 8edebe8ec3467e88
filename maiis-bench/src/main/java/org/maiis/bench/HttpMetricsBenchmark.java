package org.maiis.bench;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.maiis.metrics.BuildInfo;
import org.maiis.metrics.HttpMetrics;
import org.maiis.metrics.MaiisMetrics;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the metrics cost per request and per scrape. Run: {@code mvn -Pbench -pl maiis-bench -am
 * package -DskipTests && java -jar maiis-bench/target/benchmarks.jar}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpMetricsBenchmark {
  private MaiisMetrics metrics;
  private HttpMetrics http;
  private PrometheusRegistry registry;

  @Setup
  public void setup() {
    registry = new PrometheusRegistry();
    metrics = MaiisMetrics.register(registry, new BuildInfo("bench", "bench"), Path.of("."));
    MaiisMetrics.registerJvm(registry);
    http = metrics.http();
    // A realistic number of series: 30 routes x 3 statuses.
    for (int r = 0; r < 30; r++) {
      for (int s : new int[] {200, 404, 500}) {
        http.record("GET", "/api/route" + r + "/{id}", s, 0.01, 100, 1000);
      }
    }
  }

  /** Everything the plugin records for one request. */
  @Benchmark
  public void request() {
    http.started("GET");
    http.finished("GET");
    http.record("GET", "/api/banking/accounts/{id}", 200, 0.0042, 0, 512);
  }

  /** One helper call with label folding (counter + histogram). */
  @Benchmark
  public void dbQuery() {
    metrics.dbQuery("select", "accounts", Duration.ofNanos(1_200_000));
  }

  /** One full scrape in Prometheus text format. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public int scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
    return out.size();
  }
}
