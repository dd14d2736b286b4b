package org.cityservice.listing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * @param mode     {@code embedded-only} (seed only the zero-setup embedded Redis), {@code always}, or {@code off}
 * @param location the demo city's file
 */
@ConfigurationProperties("app.demo-data")
public record DemoDataProperties(
        @DefaultValue("embedded-only") Mode mode,
        @DefaultValue("classpath:demo/jiaozuo.json") Resource location) {

    public enum Mode {
        EMBEDDED_ONLY,
        ALWAYS,
        OFF
    }
}
