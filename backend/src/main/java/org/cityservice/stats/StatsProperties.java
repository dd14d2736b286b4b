package org.cityservice.stats;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param countInterval how often the complaint and survey events are counted into the day counters */
@ConfigurationProperties("app.stats")
record StatsProperties(@DefaultValue("10s") Duration countInterval) {}
