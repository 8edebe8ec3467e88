package org.maiis.metrics;

/**
 * What {@code maiis_build_info} reports.
 *
 * @param version the maiis version
 * @param environment the deployment environment (production, staging, ...)
 */
public record BuildInfo(String version, String environment) {}
