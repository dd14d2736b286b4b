package org.cityservice.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class EmbeddedRedisServerTest {

    @TempDir
    Path dataDir;

    @Test
    void dataWrittenBeforeAStopIsThereAfterARestart() {
        EmbeddedRedisProperties properties = new EmbeddedRedisProperties(true, 0, dataDir, "always");
        try (EmbeddedRedisServer first = EmbeddedRedisServer.start(properties)) {
            run(first, redis -> {
                redis.set("cs:{test}:greeting", "你好");
                redis.geoadd("cs:{test}:geo", 113.179, 35.2372, "demo-st-001");
            });
        }
        assertThat(dataDir.resolve("appendonly.aof")).exists();

        try (EmbeddedRedisServer second = EmbeddedRedisServer.start(properties)) {
            run(second, redis -> {
                assertThat(redis.get("cs:{test}:greeting")).isEqualTo("你好");
                assertThat(redis.geopos("cs:{test}:geo", "demo-st-001")).hasSize(1);
                assertThat(redis.configGet("appendfsync")).containsEntry("appendfsync", "always");
            });
        }
    }

    @Test
    void theDataDirectoryIsCreatedWhenMissing() throws Exception {
        Path nested = dataDir.resolve("a/b/redis");
        try (EmbeddedRedisServer server =
                EmbeddedRedisServer.start(new EmbeddedRedisProperties(true, 0, nested, "everysec"))) {
            assertThat(server.dataDir()).isEqualTo(nested.toAbsolutePath());
            assertThat(Files.isDirectory(nested)).isTrue();
        }
    }

    @Test
    void aNewDataDirectoryGetsAPasswordAndOwnerOnlyPermissionsThatARestartKeeps() throws Exception {
        Path dir = dataDir.resolve("redis");
        EmbeddedRedisProperties properties = new EmbeddedRedisProperties(true, 0, dir, "always");
        String password;
        try (EmbeddedRedisServer first = EmbeddedRedisServer.start(properties)) {
            password = first.password();
            assertThat(password).hasSize(43);
            run(first, redis -> redis.set("cs:{test}:greeting", "你好"));
            assertThat(Files.readString(dir.resolve(EmbeddedRedisServer.PASSWORD_FILE)))
                    .contains("requirepass " + password);
        }
        assertThat(mode(dir)).isEqualTo("rwx------");
        assertThat(mode(dir.resolve(EmbeddedRedisServer.PASSWORD_FILE))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve("appendonly.aof"))).isEqualTo("rw-------");

        try (EmbeddedRedisServer second = EmbeddedRedisServer.start(properties)) {
            assertThat(second.password()).isEqualTo(password);
            run(second, redis -> assertThat(redis.get("cs:{test}:greeting")).isEqualTo("你好"));
        }
    }

    @Test
    void aDataDirectoryAnOlderVersionLeftReadableIsClosedAtStart() throws Exception {
        Path dir = Files.createDirectories(dataDir.resolve("old"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("appendonly.aof"), "*3\r\n$3\r\nSET\r\n$16\r\ncs:{test}:before\r\n$2\r\nok\r\n");
        Files.setPosixFilePermissions(dir.resolve("appendonly.aof"), PosixFilePermissions.fromString("rw-r--r--"));

        try (EmbeddedRedisServer server =
                EmbeddedRedisServer.start(new EmbeddedRedisProperties(true, 0, dir, "everysec"))) {
            run(server, redis -> assertThat(redis.get("cs:{test}:before")).isEqualTo("ok"));
            assertThat(mode(dir)).isEqualTo("rwx------");
            assertThat(mode(dir.resolve("appendonly.aof"))).isEqualTo("rw-------");
        }
    }

    @Test
    void anExternalRedisStartsNothing() {
        contexts()
                .withPropertyValues("spring.data.redis.host=redis.example.internal")
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedRedisServer.class));
        contexts()
                .withPropertyValues("spring.data.redis.url=redis://redis.example.internal:6380")
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedRedisServer.class));
        contexts()
                .withPropertyValues("app.redis.embedded.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(EmbeddedRedisServer.class));
    }

    @Test
    void withNoRedisConfiguredOneIsStartedAndConnectedTo() {
        contexts().withPropertyValues("app.redis.embedded.data-dir=" + dataDir).run(context -> {
            EmbeddedRedisServer server = context.getBean(EmbeddedRedisServer.class);
            DataRedisConnectionDetails details = context.getBean(DataRedisConnectionDetails.class);
            assertThat(details.getStandalone().getPort()).isEqualTo(server.port());
            assertThat(details.getPassword()).isEqualTo(server.password());
            run(server, redis -> assertThat(redis.ping()).isEqualTo("PONG"));
        });
    }

    private ApplicationContextRunner contexts() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(EmbeddedRedisConfiguration.class))
                .withUserConfiguration(Properties.class);
    }

    private static void run(
            EmbeddedRedisServer server,
            java.util.function.Consumer<io.lettuce.core.api.sync.RedisCommands<String, String>> work) {
        RedisClient client = RedisClient.create(RedisURI.builder()
                .withHost("127.0.0.1")
                .withPort(server.port())
                .withPassword(server.password().toCharArray())
                .build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            work.accept(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    private static String mode(Path path) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(EmbeddedRedisProperties.class)
    static class Properties {}
}
