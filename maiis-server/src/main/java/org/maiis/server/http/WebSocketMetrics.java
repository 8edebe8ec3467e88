package org.maiis.server.http;

import java.util.Optional;
import org.maiis.metrics.MaiisMetrics;

/**
 * What the WebSocket endpoints records. The methods do nothing by default, so {@link #NONE} records
 * nothing.
 */
public interface WebSocketMetrics {
  /** Records nothing (metrics off, or a test that does not look at them). */
  WebSocketMetrics NONE = new WebSocketMetrics() {};

  /** Records into the catalog's families when there is a catalog, else {@link #NONE}. */
  static WebSocketMetrics from(Optional<MaiisMetrics> catalog) {
    return catalog
        .<WebSocketMetrics>map(
            m ->
                new WebSocketMetrics() {
                  @Override
                  public void websocketConnection(boolean opened) {
                    m.websocketConnection(opened);
                  }

                  @Override
                  public void websocketMessage(String direction, String messageType) {
                    m.websocketMessage(direction, messageType);
                  }
                })
        .orElse(NONE);
  }

  /** A WebSocket connection opened ({@code true}) or closed. */
  default void websocketConnection(boolean opened) {}

  /** A WebSocket message: direction inbound/outbound, type text/binary/error. */
  default void websocketMessage(String direction, String messageType) {}
}
