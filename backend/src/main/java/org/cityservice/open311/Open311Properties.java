package org.cityservice.open311;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The GeoReport v2 server ({@code /open311/v2/}).
 *
 * @param jurisdictionId   the one jurisdiction served; a request naming another is a 404 error
 * @param maxPerHour       service requests one api_key may file per clock hour (Asia/Shanghai)
 * @param maxResults       most requests one {@code GET requests} answers (the spec's default, 1000)
 * @param maxDays          widest start_date–end_date span, and the default window back from now (the spec's 90)
 */
@ConfigurationProperties("app.open311")
record Open311Properties(
        @DefaultValue("jiaozuo.gov.cn") String jurisdictionId,
        @DefaultValue("100") int maxPerHour,
        @DefaultValue("1000") int maxResults,
        @DefaultValue("90") int maxDays) {}
