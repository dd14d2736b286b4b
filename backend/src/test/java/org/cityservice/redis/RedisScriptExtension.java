package org.cityservice.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Lua scripts against a real redis-server, without the Spring context: one server for the whole test JVM, started
 * by the first test that needs it and stopped when the run ends (the root store closes what it holds), emptied
 * before each test. Tests get a {@link Scripts} as a parameter.
 */
public final class RedisScriptExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RedisScriptExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        scripts(context).redis().flushall();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Scripts.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return scripts(context);
    }

    private static Scripts scripts(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(Server.class, type -> Server.start(), Server.class)
                .scripts;
    }

    /** The server with its data directory, and one connection to it. */
    private static final class Server implements AutoCloseable {

        private final Path dataDir;
        private final EmbeddedRedisServer redis;
        private final RedisClient client;
        private final StatefulRedisConnection<String, String> connection;
        private final Scripts scripts;

        private Server(Path dataDir, EmbeddedRedisServer redis) {
            this.dataDir = dataDir;
            this.redis = redis;
            this.client = RedisClient.create(RedisURI.builder()
                    .withHost("127.0.0.1")
                    .withPort(redis.port())
                    .withPassword(redis.password().toCharArray())
                    .build());
            this.connection = client.connect();
            this.scripts = new Scripts(connection.sync());
        }

        static Server start() {
            try {
                Path dataDir = Files.createTempDirectory("lua-scripts-redis");
                // no fsync: nothing here needs to survive the run
                return new Server(
                        dataDir, EmbeddedRedisServer.start(new EmbeddedRedisProperties(true, 0, dataDir, "no")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            connection.close();
            client.shutdown();
            redis.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
