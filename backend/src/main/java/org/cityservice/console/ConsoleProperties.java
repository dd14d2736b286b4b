package org.cityservice.console;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The staff console's map. No tile URL: markers on a plain background, nothing fetched from outside.
 *
 * @param tileUrl         a Leaflet tile template, e.g. {@code https://tiles.example.gov.cn/{z}/{x}/{y}.png}; its host is
 *                        the only outside address the console's Content-Security-Policy allows
 * @param tileDatum       {@code GCJ02} for layers drawn in GCJ-02 (AMap, Tencent), {@code WGS84} for WGS84/CGCS2000
 *                        ones (Tianditu, OSM): our GCJ-02 points are shifted back for those
 * @param tileAttribution the credit line the tile provider asks for
 * @param centreLat       where the map opens (GCJ-02)
 */
@ConfigurationProperties("app.console")
public record ConsoleProperties(
        String tileUrl,
        @DefaultValue("GCJ02") Datum tileDatum,
        @DefaultValue("") String tileAttribution,
        @DefaultValue("35.215") double centreLat,
        @DefaultValue("113.242") double centreLng) {

    public enum Datum {
        GCJ02,
        WGS84
    }

    /** {@code https://host[:port]} of the tile layer, for the CSP; null without one. */
    @Nullable
    String tileOrigin() {
        if (tileUrl == null || tileUrl.isBlank()) {
            return null;
        }
        // the template's {s}/{z} placeholders are not legal in a URI: read scheme and authority only
        URI uri = URI.create(tileUrl.replaceAll("\\{[a-z]+}", "0"));
        String host = tileUrl.contains("{s}.")
                ? "*." + uri.getHost().substring(uri.getHost().indexOf('.') + 1)
                : uri.getHost();
        return uri.getScheme() + "://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
}
