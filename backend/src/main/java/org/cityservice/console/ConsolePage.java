package org.cityservice.console;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.cityservice.shared.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the staff console's one page ({@code /console/}; its screens are {@code /console/#/…}) and what the
 * page needs to know of this deployment. The page is built by Node at package time; a backend built
 * without Node has none and says so at startup and at {@code /console/}.
 */
@RestController
@Hidden
class ConsolePage {

    private static final Logger log = LoggerFactory.getLogger(ConsolePage.class);
    static final String INDEX = "static/console/index.html";

    private final ConsoleProperties properties;
    private final Resource index = new ClassPathResource(INDEX);

    ConsolePage(ConsoleProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/console")
    ResponseEntity<Void> redirect() {
        return ResponseEntity.status(301).header("Location", "/console/").build();
    }

    @GetMapping(
            path = {"/console/", "/console/index.html"},
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> page() {
        if (!index.exists()) {
            throw ApiException.notFound("本次构建未包含工作人员控制台:构建时没有找到 Node 18+。请安装 Node 后重新构建(./mvnw package)");
        }
        // the page names the hashed assets of this build: never serve a stale one after an upgrade
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(index);
    }

    /** What the page needs of this deployment: the map's tile layer, its datum and where the map opens. */
    @GetMapping(path = "/console/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> config() {
        return Map.of(
                "tileUrl",
                properties.tileUrl() == null ? "" : properties.tileUrl(),
                "tileDatum",
                properties.tileDatum().name(),
                "tileAttribution",
                properties.tileAttribution(),
                "centre",
                Map.of("lat", properties.centreLat(), "lng", properties.centreLng()));
    }

    @EventListener(ApplicationReadyEvent.class)
    void sayWhetherThereIsOne() {
        if (index.exists()) {
            log.info("Staff console at /console/");
        } else {
            log.warn(
                    "No staff console in this build (Node 18+ was not found when it was built): /console/ answers 404. "
                            + "Install Node and rebuild to include it.");
        }
    }
}
