package org.maiis.render.alerts;

import java.util.List;

/** Object storage capacity and upload health. */
final class StorageAlerts {
  private StorageAlerts() {}

  static final String GROUP = "storage";
  private static final String FREE = "minio_cluster_capacity_usable_free_bytes";
  private static final String TOTAL = "minio_cluster_capacity_usable_total_bytes";
  private static final double CAPACITY = 1e12;
  private static final Target MINIO = new Target("job", "minio", "instance", "minio-1:9000");

  static List<AlertRule> rules(AlertContext c) {
    return List.of(
        usage(c),
        quota(c),
        Shapes.rateAbove(
            c,
            "StorageUploadFailures",
            GROUP,
            Severity.WARNING,
            "storage_upload_errors_total",
            Target.APP.sel(
                "storage_upload_errors_total", "provider", "s3", "error_type", "timeout"),
            "storage upload failure rate",
            "Documents cannot be stored. Check the object store's health, credentials and free space.",
            "backend"),
        Shapes.slowP95(
            c,
            "SlowStorageUpload",
            GROUP,
            "storage_upload_duration_seconds",
            null,
            null,
            "storage upload time",
            "Uploads to the object store are slow: network, an overloaded MinIO, or very large files.",
            "backend"));
  }

  private static AlertRule usage(AlertContext c) {
    return Shapes.ratioAbove(
        c,
        "HighStorageUsage",
        GROUP,
        "1 - " + FREE + "{job=\"minio\"} / (" + TOTAL + "{job=\"minio\"} > 0)",
        used -> capacity(1 - used, 0),
        MINIO.labels(),
        "object storage usage",
        "The object store fills up; uploads will fail. Delete old objects, add lifecycle rules, or add capacity.",
        new String[] {FREE, TOTAL},
        "minio");
  }

  private static AlertRule quota(AlertContext c) {
    String name = "StorageQuotaWarning";
    double days = c.t(name);
    double perMinuteToEmptyIn = 1440;
    return c.rule(name, GROUP, Severity.INFO)
        .expr("predict_linear(" + FREE + "{job=\"minio\"}[6h], " + c.n(name) + " * 86400) < 0")
        .summary("Object storage will be full soon")
        .description(
            "At the rate of the last 6 hours, the object store on {{ $labels.instance }} is full within "
                + PromFormat.number(days)
                + " days.")
        .meaning(
            "A capacity forecast, not an emergency: plan cleanup or capacity before HighStorageUsage fires.")
        .metrics(FREE)
        .sources("minio")
        .test(
            capacity(0.9, -0.9 * CAPACITY / (days / 2 * perMinuteToEmptyIn)),
            capacity(0.9, -0.9 * CAPACITY / (days * 2 * perMinuteToEmptyIn)),
            MINIO.labels(),
            "At the rate of the last 6 hours, the object store on minio-1:9000 is full within "
                + PromFormat.number(days)
                + " days.");
  }

  /** Free space starting at {@code freeRatio} of capacity and changing by {@code stepPerMinute}. */
  private static List<Series> capacity(double freeRatio, double stepPerMinute) {
    return List.of(
        MINIO.gauge(TOTAL, CAPACITY),
        new Series(MINIO.sel(FREE), CAPACITY * freeRatio, stepPerMinute));
  }
}
