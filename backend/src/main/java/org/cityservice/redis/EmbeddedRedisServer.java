package org.cityservice.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server (shipped in the embedded-redis artifact) bound to loopback, persisting with
 * AOF under a directory of ours. The library extracts the binary to a temporary directory, so the
 * data directory must be set explicitly or the AOF would be written somewhere thrown away.
 *
 * <p>Any local process can reach a loopback port, and a raw {@code SET} of a session key would forge
 * a session, so the server requires a password: 256 random bits generated once per data directory
 * and kept there in {@value #PASSWORD_FILE} (as a redis config line the server {@code include}s, so
 * the password is on no command line and in no temporary file). The directory is the owner's only
 * (0700), and so is every file in it (0600): redis-server runs with umask 077 (through a small
 * launcher script on POSIX systems), and files left by an older version are corrected at start.
 */
public final class EmbeddedRedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedRedisServer.class);
    private static final Set<String> FSYNC_POLICIES = Set.of("always", "everysec", "no");
    static final String PASSWORD_FILE = "redis-password.conf";

    private static final String LAUNCHER = "redis-server.sh";
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final String REQUIREPASS = "requirepass ";

    private final RedisServer server;
    private final int port;
    private final Path dataDir;
    private final String password;

    private EmbeddedRedisServer(RedisServer server, int port, Path dataDir, String password) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
        this.password = password;
    }

    public static EmbeddedRedisServer start(EmbeddedRedisProperties properties) {
        if (!FSYNC_POLICIES.contains(properties.appendfsync())) {
            throw new IllegalArgumentException("app.redis.embedded.appendfsync must be one of " + FSYNC_POLICIES
                    + ", was " + properties.appendfsync());
        }
        try {
            Path dataDir =
                    ownerOnlyDirectory(properties.dataDir().toAbsolutePath().normalize());
            Path passwordFile = dataDir.resolve(PASSWORD_FILE);
            String password = password(passwordFile);
            int port = properties.port() == 0 ? freePort() : properties.port();
            RedisServer server = RedisServer.newRedisServer()
                    .executableProvider(launcher(dataDir))
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir \"" + dataDir + "\"")
                    .setting("appendonly yes")
                    .setting("appendfsync " + properties.appendfsync())
                    .setting("appendfilename appendonly.aof")
                    // AOF is the durability story; RDB snapshots would only duplicate it
                    .setting("save \"\"")
                    .setting("protected-mode yes")
                    .setting("include \"" + passwordFile + "\"")
                    .build();
            server.start();
            ownerOnlyFiles(dataDir); // an AOF written by an older version, or by a server without the launcher
            log.info(
                    "Embedded redis-server listening on 127.0.0.1:{} with data in {} (appendfsync {}, password in {})",
                    port,
                    dataDir,
                    properties.appendfsync(),
                    PASSWORD_FILE);
            return new EmbeddedRedisServer(server, port, dataDir, password);
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

    /** What the backend's connection authenticates with. */
    public String password() {
        return password;
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

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static Path ownerOnlyDirectory(Path dir) throws IOException {
        if (!posix(dir)) {
            return Files.createDirectories(dir);
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
            } catch (FileAlreadyExistsException racedUs) {
                // another process made it; the permissions are set below either way
            }
        }
        Files.setPosixFilePermissions(dir, OWNER_DIRECTORY); // also a directory an older version made 0755
        return dir;
    }

    private static void ownerOnlyFiles(Path dir) throws IOException {
        if (!posix(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (!file.getFileName().toString().equals(LAUNCHER)) {
                    Files.setPosixFilePermissions(file, OWNER_FILE);
                }
            }
        }
    }

    /** The password of this data directory: read from its file, or generated and written 0600 on the first start. */
    private static String password(Path file) throws IOException {
        if (!Files.exists(file)) {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            String line = "# generated for this data directory; the backend authenticates with it\n" + REQUIREPASS
                    + generated + "\n";
            try {
                Files.write(
                        posix(file) ? Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE)) : file,
                        line.getBytes(StandardCharsets.US_ASCII));
            } catch (FileAlreadyExistsException racedUs) {
                // another process wrote one first: use theirs
            }
        }
        return Files.readAllLines(file, StandardCharsets.US_ASCII).stream()
                .filter(line -> line.startsWith(REQUIREPASS))
                .map(line -> line.substring(REQUIREPASS.length()).trim())
                .filter(found -> !found.isEmpty())
                .findFirst()
                .orElseThrow(() ->
                        new IllegalStateException(file + " holds no '" + REQUIREPASS.trim() + " <password>' line"));
    }

    /**
     * The bundled binary, started through {@code sh} with umask 077, so every file redis-server
     * creates — the AOF, and each one an AOF rewrite renames into place — is 0600 from the start.
     * Where there is no POSIX shell, the binary itself (and the directory's permissions) must do.
     */
    private static ExecutableProvider launcher(Path dataDir) {
        ExecutableProvider bundled = ExecutableProvider.newJarResourceProvider();
        if (!posix(dataDir) || !Files.isExecutable(Path.of("/bin/sh"))) {
            return bundled;
        }
        return () -> {
            File binary = bundled.get();
            Path script = dataDir.resolve(LAUNCHER);
            Files.deleteIfExists(script);
            Files.createFile(
                    script, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(
                    script,
                    "#!/bin/sh\n# written at each start: runs redis-server with files for the owner only\numask 077\nexec '"
                            + binary.getAbsolutePath().replace("'", "'\\''") + "' \"$@\"\n",
                    StandardCharsets.UTF_8);
            return script.toFile();
        };
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
