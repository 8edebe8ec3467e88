package org.maiis.render.alerts;

import java.time.Duration;
import java.util.List;

/**
 * One alerting rule, with everything needed to render it, document it and test it.
 *
 * @param name the alert name
 * @param group the rule group (one per area: availability, api, resources, ...)
 * @param severity routing severity
 * @param family alerts of one family: a critical one mutes the warnings and infos of its family
 * @param expr the PromQL condition, thresholds already filled in from the config
 * @param forDuration how long the condition must hold
 * @param summary static one-line summary
 * @param description templated description with formatted values
 * @param meaning what the alert means and the first response, for the runbook
 * @param metrics every metric name the expression reads (checked against the catalog)
 * @param sources the scrape jobs that export those metrics; the rule is rendered when any is
 *     enabled
 * @param fixture the promtool unit test
 */
public record AlertRule(
    String name,
    String group,
    Severity severity,
    String family,
    String expr,
    Duration forDuration,
    String summary,
    String description,
    String meaning,
    List<String> metrics,
    List<String> sources,
    Fixture fixture) {}
