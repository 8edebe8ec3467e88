package org.maiis.server.voice;

/**
 * Whether one configured provider can serve, as /api/voice/health reports it.
 *
 * @param provider name in configuration
 * @param available whether requests may go to it
 * @param reason why not, or null when available
 */
public record ProviderStatus(String provider, boolean available, String reason) {}
