package org.cityservice.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import redis.embedded.RedisServer;

/**
 * A real redis-server (shipped in the embedded-redis artifact) bound to loopback, persisting with
 * AOF under a directory of ours. The library extracts the binary to a temporary directory, so the
 * data directory must be set explicitly or the AOF would be written somewhere thrown away.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);
    private static final Set<String> FSYNC_POLICIES = Set.of("always", "everysec", "no");

    private final RedisServer server;
    private final int port;
    private final Path dataDir;

    private EmbeddedRedisServer(RedisServer server, int port, Path dataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
    }

    public static EmbeddedRedisServer start(EmbeddedRedisProperties properties) {
        if (!FSYNC_POLICIES.contains(properties.appendfsync())) {
            throw new IllegalArgumentException("app.redis.embedded.appendfsync must be one of " + FSYNC_POLICIES
                    + ", was " + properties.appendfsync());
        }
        try {
            Path dataDir = Files.createDirectories(properties.dataDir()).toAbsolutePath().normalize();
            int port = properties.port() == 0 ? freePort() : properties.port();
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dataDir)
                    .setting("appendonly yes")
                    .setting("appendfsync " + properties.appendfsync())
                    .setting("appendfilename appendonly.aof")
                    // AOF is the durability story; RDB snapshots would only duplicate it
                    .setting("save \"\"")
                    .setting("protected-mode yes")
                    .build();
            server.start();
            log.info("Embedded redis-server listening on 127.0.0.1:{} with data in {} (appendfsync {})",
                    port, dataDir, properties.appendfsync());
            return new EmbeddedRedisServer(server, port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded redis-server", e);
        }
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** SIGTERM: redis-server flushes the AOF and exits on its own. */
    @Override
    public void close() {
        try {
            server.stop();
            log.info("Embedded redis-server on port {} stopped", port);
        } catch (IOException e) {
            log.warn("Embedded redis-server on port {} did not stop cleanly", port, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
