package org.cityservice.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;

/** The console's page and assets come with a strict policy; its config tells the map where to draw. */
class ConsoleTest extends IntegrationTest {

    @Test
    void thePageIsServedWithAStrictContentSecurityPolicyAndNeverFramed() {
        assumeTrue(new ClassPathResource(ConsolePage.INDEX).exists(), "the console is built by Node during package");
        web.get()
                .uri("/console/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader()
                .value(
                        "Content-Security-Policy",
                        csp -> assertThat(csp)
                                .contains("script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
                                .doesNotContain("unsafe"))
                .expectHeader()
                .valueEquals("X-Frame-Options", "DENY")
                .expectHeader()
                .valueEquals("Cache-Control", "no-cache")
                .expectBody(String.class)
                .value(html -> assertThat(html).contains("/console/assets/"));
        web.get()
                .uri("/console")
                .exchange()
                .expectStatus()
                .isEqualTo(301)
                .expectHeader()
                .valueEquals("Location", "/console/");
    }

    @Test
    void theConfigNamesNoTileLayerByDefaultSoTheMapFetchesNothingFromOutside() {
        web.get()
                .uri("/console/config.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.tileUrl")
                .isEqualTo("")
                .jsonPath("$.tileDatum")
                .isEqualTo("GCJ02")
                .jsonPath("$.centre.lat")
                .isEqualTo(35.215);
    }

    @Test
    void theTileHostIsTheOnlyOutsideOriginThePolicyAllows() {
        ConsoleProperties amap = new ConsoleProperties(
                "https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}",
                ConsoleProperties.Datum.GCJ02,
                "",
                35,
                113);
        // {s} picks one of several subdomains: the policy allows their parent's subdomains
        assertThat(amap.tileOrigin()).isEqualTo("https://*.is.autonavi.com");
        ConsoleProperties own = new ConsoleProperties(
                "https://tiles.jiaozuo.gov.cn:8443/{z}/{x}/{y}.png", ConsoleProperties.Datum.WGS84, "", 35, 113);
        assertThat(own.tileOrigin()).isEqualTo("https://tiles.jiaozuo.gov.cn:8443");
        assertThat(new ConsoleProperties(null, ConsoleProperties.Datum.GCJ02, "", 35, 113).tileOrigin())
                .isNull();
    }
}
