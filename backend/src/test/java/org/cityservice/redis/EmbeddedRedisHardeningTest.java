package org.cityservice.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The embedded Redis as the application runs it: only the backend, holding the password from the
 * data directory, may talk to it; only the owner may read its files; and an erased resident's phone
 * leaves the append-only file with the next rewrite.
 */
class EmbeddedRedisHardeningTest extends IntegrationTest {

    private static final String PHONE = "13912345678";

    @Autowired
    private EmbeddedRedisServer server;

    @Autowired
    private AofRewrite aofRewrite;

    @Test
    void aConnectionWithoutThePasswordIsRefused() throws IOException {
        assertThat(raw("PING")).startsWith("-NOAUTH");
        assertThat(raw("SET", "cs:{identity}:session:forged", "ADMIN admin")).startsWith("-NOAUTH");
        assertThat(raw("AUTH", "not-the-password")).startsWith("-WRONGPASS");
        assertThat(redis.hasKey("cs:{identity}:session:forged").block()).isFalse();
    }

    @Test
    void itListensOnLoopbackOnly() {
        assertThat(config("bind")).isEqualTo("127.0.0.1");
        assertThat(config("protected-mode")).isEqualTo("yes");
    }

    @Test
    void theDataDirectoryAndEveryFileInItAreTheOwnersOnly() throws Exception {
        residentWithPhone("alice");
        Path dir = server.dataDir();
        assertThat(permissions(dir)).isEqualTo("rwx------");
        assertThat(permissions(dir.resolve(EmbeddedRedisServer.PASSWORD_FILE))).isEqualTo("rw-------");
        assertThat(permissions(dir.resolve("appendonly.aof"))).isEqualTo("rw-------");

        rewriteAndWait(); // redis-server writes a new file and renames it over the old one
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.filter(Files::isRegularFile)
                            .filter(file -> file.toString().endsWith(".aof"))
                            .toList())
                    .isNotEmpty()
                    .allSatisfy(file ->
                            assertThat(permissions(file)).as(file.toString()).isEqualTo("rw-------"));
        }
    }

    @Test
    void anErasedPhoneLeavesTheAppendOnlyFileWithTheNextRewrite() throws Exception {
        String token = residentWithPhone("alice");
        assertThat(aof()).as("the phone, written to the AOF when it was bound").contains(PHONE);

        as(token).delete().uri("/api/v1/me").exchange().expectStatus().isNoContent();
        assertThat(aof())
                .as("still there: the AOF logs the write, then the deletion")
                .contains(PHONE);

        assertThat(aofRewrite.rewriteIfRequested().block()).isTrue();
        awaitRewrite();
        assertThat(aof()).doesNotContain(PHONE);
        assertThat(aofRewrite.rewriteIfRequested().block())
                .as("one rewrite per batch of erasures")
                .isFalse();
    }

    private String residentWithPhone(String user) {
        String token = residentToken(user);
        as(token)
                .post()
                .uri("/api/v1/me/phone")
                .bodyValue(Map.of("code", wechat.phoneCode(user, PHONE)))
                .exchange()
                .expectStatus()
                .isOk();
        return token;
    }

    /** Every file in the data directory, as one string: the phone must be in none. */
    private String aof() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(server.dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    private void rewriteAndWait() throws InterruptedException {
        redis.execute(connection -> connection.serverCommands().bgReWriteAof()).blockLast();
        awaitRewrite();
    }

    private void awaitRewrite() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Properties persistence = redis.execute(
                            connection -> connection.serverCommands().info("persistence"))
                    .blockLast();
            if ("0".equals(persistence.getProperty("aof_rewrite_in_progress"))
                    && "0".equals(persistence.getProperty("aof_rewrite_scheduled"))
                    && "ok".equals(persistence.getProperty("aof_last_bgrewrite_status"))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the AOF rewrite did not finish within 30 s");
    }

    private String config(String name) {
        return redis.execute(connection -> connection.serverCommands().getConfig(name))
                .blockLast()
                .getProperty(name);
    }

    /** One command over a plain socket, as any local process could send it: the first line of the answer. */
    private String raw(String... command) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            StringBuilder resp = new StringBuilder("*" + command.length + "\r\n");
            for (String part : command) {
                resp.append('$')
                        .append(part.getBytes(StandardCharsets.UTF_8).length)
                        .append("\r\n")
                        .append(part)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(resp.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
        }
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
