package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged backend started as an operator would, without the local profile and without credentials: it must not start. */
class LocalModeIT {

    @Test
    void withoutLocalModeAndWithoutCredentialsTheBackendRefusesToStartAndSaysWhatIsMissing() throws Exception {
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-jar",
                        System.getProperty("backend.jar"),
                        "--server.port=0",
                        "--app.redis.embedded.port=0",
                        "--app.redis.embedded.data-dir=target/local-mode-it",
                        "--app.demo-data.mode=off"))
                .redirectErrorStream(true)
                .start();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("the backend stopped by itself").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("APP_WECHAT_APPID").contains("--spring.profiles.active=local");
        assertThat(output).doesNotContain("LOCAL MODE");
    }
}
