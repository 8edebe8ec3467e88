package org.maiis.server.documents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.maiis.server.cache.SharedState;
import org.maiis.server.cache.StateKeys;
import org.maiis.server.failure.Failure;

/**
 * Bytes each user may upload per UTC day ({@code server.documents.daily_upload_bytes}), reserved in
 * one atomic step of the shared state before the upload is processed, so parallel uploads cannot
 * together pass the limit; a failed upload gives its bytes back.
 *
 * @param state where the bytes of the day are counted
 * @param dailyBytes bytes per user per UTC day
 * @param clock the day's clock
 */
public record UploadQuota(SharedState state, long dailyBytes, Clock clock) {
  /** Takes {@code bytes} from the user's budget for today; 429 until midnight UTC when used up. */
  public Reservation reserve(String userId, long bytes) {
    Instant now = clock.instant();
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Duration untilMidnight =
        Duration.between(now, day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    String key = "upload-bytes:" + StateKeys.hashed(userId) + ":" + day;
    // The counter outlives the day a little so a clock skew between instances cannot reset it.
    long used = state.add(key, bytes, untilMidnight.plusHours(1));
    if (used > dailyBytes) {
      state.add(key, -bytes, untilMidnight.plusHours(1));
      throw Failure.quotaExceeded(
          "upload_quota_exceeded",
          "the daily upload budget of "
              + dailyBytes
              + " bytes is used up (server.documents.daily_upload_bytes); it renews at midnight"
              + " UTC",
          untilMidnight);
    }
    return new Reservation(key, bytes, untilMidnight.plusHours(1));
  }

  /** Gives reserved bytes back (the upload failed). */
  public void refund(Reservation r) {
    state.add(r.key(), -r.bytes(), r.window());
  }

  /** Bytes taken from a user's daily budget. */
  public record Reservation(String key, long bytes, Duration window) {}
}
