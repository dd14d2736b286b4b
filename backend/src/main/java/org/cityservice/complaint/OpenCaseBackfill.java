package org.cityservice.complaint;

import org.cityservice.redis.StartupRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At startup, once per store: cases filed before the nearby search existed join it (the scripts
 * keep it from then on). Runs before the application takes traffic, as the demo city does.
 */
@Component
class OpenCaseBackfill implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(OpenCaseBackfill.class);

    private final OpenCases openCases;
    private final StartupRetry startup;

    OpenCaseBackfill(OpenCases openCases, StartupRetry startup) {
        this.openCases = openCases;
        this.startup = startup;
    }

    @Override
    public void run(ApplicationArguments args) {
        // a slow or loading Redis is waited for rather than failing the start
        Long added = startup.retrying("Open cases for the nearby search", openCases.backfill())
                .block();
        if (added != null && added >= 0) {
            log.info("Nearby search: {} open cases filed before it was built indexed", added);
        }
    }
}
