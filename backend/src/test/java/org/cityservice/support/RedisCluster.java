package org.cityservice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * A real Redis Cluster on this machine: the machine's {@code redis-server} (Debian's 7.0; {@code .ci/run}
 * installs it where missing), {@code masters} masters with {@code replicas} replicas each, on free loopback
 * ports, in a temporary directory, with a password and AOF like the embedded default. Started once per test JVM
 * through {@link SharedRedisCluster}; {@link #close()} kills every node and removes the directory.
 */
public final class RedisCluster implements AutoCloseable {

    private static final String DIR_PREFIX = "redis-cluster-";
    /** The file in a cluster's directory naming the test JVM that started it. */
    private static final String OWNER = "owner.pid";

    /** What {@code cluster-node-timeout} is: how long a master may be silent before its replica takes over. */
    public static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

    private final Path dir;
    private final String password;
    private final int masterCount;
    private final int replicaCount;
    private final Map<Integer, Process> nodes = new LinkedHashMap<>();
    private final Set<Integer> paused = new HashSet<>();

    private RedisCluster(Path dir, String password, int masters, int replicas) {
        this.dir = dir;
        this.password = password;
        this.masterCount = masters;
        this.replicaCount = masters * replicas;
    }

    public static RedisCluster start(int masters, int replicas) {
        stopLeftovers();
        RedisCluster cluster;
        try {
            Path dir = Files.createTempDirectory(DIR_PREFIX);
            Files.writeString(
                    dir.resolve(OWNER), String.valueOf(ProcessHandle.current().pid()));
            cluster = new RedisCluster(dir, randomPassword(), masters, replicas);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            for (int port : freeNodePorts(masters * (1 + replicas))) {
                cluster.startNode(port);
            }
            for (int port : cluster.nodes.keySet()) {
                cluster.awaitAnswer(port);
            }
            List<String> create = new ArrayList<>(List.of("--cluster", "create"));
            cluster.nodes.keySet().forEach(port -> create.add("127.0.0.1:" + port));
            create.addAll(List.of("--cluster-replicas", String.valueOf(replicas), "--cluster-yes"));
            cluster.cli(cluster.nodes.keySet().iterator().next(), create.toArray(String[]::new));
            cluster.awaitHealthy(Duration.ofSeconds(30));
            // a write waits for a replica (WAIT): one still taking its first copy of its master confirms nothing
            cluster.clusterNodes().stream()
                    .filter(line -> line.flags().contains("slave"))
                    .forEach(line -> cluster.awaitInSync(line.port(), Duration.ofSeconds(30)));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The nodes as {@code spring.data.redis.cluster.nodes} wants them. */
    public String nodes() {
        return nodes.keySet().stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    public String password() {
        return password;
    }

    /** The ports of the nodes that are masters now, as the cluster sees it. */
    public List<Integer> masters() {
        return clusterNodes().stream()
                .filter(line -> line.flags().contains("master") && !line.flags().contains("fail"))
                .map(NodeLine::port)
                .sorted()
                .toList();
    }

    /** The port of the master that serves {@code key}'s slot now. */
    public int masterOf(String key) {
        int slot = Integer.parseInt(cli(answering(), "cluster", "keyslot", key).strip());
        return clusterNodes().stream()
                .filter(line -> line.flags().contains("master") && !line.flags().contains("fail"))
                .filter(line -> line.serves(slot))
                .map(NodeLine::port)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no master serves slot " + slot));
    }

    /** The port of a replica of the master on {@code masterPort}. */
    public int replicaOf(int masterPort) {
        List<NodeLine> view = clusterNodes();
        String masterId = view.stream()
                .filter(line -> line.port() == masterPort)
                .map(NodeLine::id)
                .findFirst()
                .orElseThrow();
        return view.stream()
                .filter(line -> line.masterId().equals(masterId))
                .map(NodeLine::port)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the master on " + masterPort + " has no replica"));
    }

    /** Stops a node with SIGSTOP: it keeps its connections but answers nothing, as a replica stuck on a slow disk. */
    public void pause(int port) {
        signal(port, "STOP");
        paused.add(port);
    }

    /** Lets a {@link #pause paused} node go on. */
    public void resume(int port) {
        signal(port, "CONT");
        paused.remove(port);
    }

    private void signal(int port, String signal) {
        Process process = nodes.get(port);
        if (process == null) {
            throw new IllegalArgumentException("no node on port " + port);
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a {@link #kill killed} node again on its own directory: it finds the cluster in its nodes.conf and rejoins
     * it, as a replica of whichever node took over from it; answers when the cluster is whole again and the node has
     * its new master's data.
     */
    public void restart(int port) {
        startNode(port);
        awaitAnswer(port);
        awaitHealthy(Duration.ofSeconds(60));
        awaitInSync(port, Duration.ofSeconds(60));
    }

    /** Waits until a replica has its master's data: until then a write waiting for a replica (WAIT) times out. */
    private void awaitInSync(int port, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String replication = cli(port, "info", "replication");
            if (replication.contains("master_link_status:up") && replication.contains("master_sync_in_progress:0")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the replica on " + port + " is not in sync after " + limit + ":\n" + replication);
            }
            sleep(100);
        }
    }

    /** Kills a node with SIGKILL: no shutdown, no last AOF write. */
    public void kill(int port) {
        Process process = nodes.remove(port);
        paused.remove(port);
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Runs redis-cli against one node and answers what it printed; one that takes over a minute is killed. */
    public String cli(int port, String... args) {
        List<String> command = new ArrayList<>(
                List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port), "--no-auth-warning"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "cli-", ".out");
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
            // the password through the environment, not on a command line other users could read
            builder.environment().put("REDISCLI_AUTH", password);
            Process process = builder.start();
            boolean done = process.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                process.destroyForcibly();
            }
            String printed = Files.readString(out);
            Files.delete(out);
            if (!done || process.exitValue() != 0) {
                throw new IllegalStateException("redis-cli " + String.join(" ", args) + " failed: " + printed);
            }
            return printed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until every live node reports {@code cluster_state:ok} and sees the cluster as it was made: as many
     * masters and replicas, none failed. (Right after {@code --cluster create} a node may still list a replica as a
     * master; a client that read its topology then would send writes to a replica.)
     */
    public void awaitHealthy(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (paused.isEmpty() && nodes.keySet().stream().allMatch(this::seesTheWholeCluster)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the cluster is not healthy after " + limit + ":\n" + cli(answering(), "cluster", "nodes"));
            }
            sleep(100);
        }
    }

    private boolean seesTheWholeCluster(int port) {
        try {
            if (!cli(port, "cluster", "info").contains("cluster_state:ok")) {
                return false;
            }
            List<NodeLine> view = clusterNodes(port);
            return view.stream().noneMatch(line -> line.flags().contains("fail"))
                    && view.stream()
                                    .filter(line -> line.flags().contains("master"))
                                    .count()
                            == masterCount
                    && view.stream()
                                    .filter(line -> line.flags().contains("slave"))
                                    .count()
                            == replicaCount;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        new ArrayList<>(paused).forEach(this::resume);
        new ArrayList<>(nodes.keySet()).forEach(this::kill);
        removeDirectory(dir);
    }

    /** One line of CLUSTER NODES: {@code masterId} is "-" for a master, {@code slots} its ranges ("0-5460", "7"). */
    private record NodeLine(String id, int port, String flags, String masterId, List<String> slots) {

        boolean serves(int slot) {
            return slots.stream().filter(range -> !range.startsWith("[")).anyMatch(range -> {
                int dash = range.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
                return from <= slot && slot <= to;
            });
        }
    }

    private List<NodeLine> clusterNodes() {
        return clusterNodes(answering());
    }

    /** A node that is running and not paused, to ask. */
    private int answering() {
        return nodes.keySet().stream()
                .filter(port -> !paused.contains(port))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no node answers"));
    }

    /** The cluster as one node sees it. */
    private List<NodeLine> clusterNodes(int port) {
        return cli(port, "cluster", "nodes")
                .lines()
                .filter(line -> !line.isBlank())
                .map(line -> line.split(" "))
                .map(fields -> new NodeLine(
                        fields[0],
                        Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@'))),
                        fields[2],
                        fields[3],
                        List.of(fields).subList(Math.min(8, fields.length), fields.length)))
                .toList();
    }

    /**
     * Kills the nodes of clusters whose test JVM is gone (killed with SIGKILL, so no shutdown hook ran) and removes
     * their directories: each node wrote its pid file there.
     */
    private static void stopLeftovers() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(temp)) {
            dirs.filter(dir -> dir.getFileName().toString().startsWith(DIR_PREFIX))
                    .filter(dir -> Files.exists(dir.resolve(OWNER)))
                    .filter(dir -> !alive(readPid(dir.resolve(OWNER))))
                    .forEach(RedisCluster::stopAndRemove);
        } catch (IOException e) {
            // nothing to clean up where nothing can be listed
        }
    }

    private static void stopAndRemove(Path dir) {
        try (Stream<Path> pidFiles = Files.walk(dir, 2)) {
            pidFiles.filter(file -> file.getFileName().toString().equals("redis.pid"))
                    .map(RedisCluster::readPid)
                    .flatMap(pid -> ProcessHandle.of(pid).stream())
                    // a pid reused since is left alone; the title is redis-server's (Debian's binary is
                    // redis-check-rdb)
                    .filter(process -> process.info().commandLine().orElse("").contains("redis-server"))
                    .forEach(ProcessHandle::destroyForcibly);
        } catch (IOException e) {
            return;
        }
        removeDirectory(dir);
    }

    private static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static void removeDirectory(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private void startNode(int port) {
        Path nodeDir = dir.resolve(String.valueOf(port));
        try {
            Files.createDirectories(nodeDir);
            Path config = nodeDir.resolve("redis.conf");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "bind 127.0.0.1",
                            "port " + port,
                            "dir " + nodeDir,
                            "cluster-enabled yes",
                            "cluster-config-file nodes.conf",
                            "cluster-node-timeout " + NODE_TIMEOUT.toMillis(),
                            "appendonly yes",
                            "appendfsync everysec",
                            "save \"\"",
                            "requirepass " + password,
                            "masterauth " + password,
                            "logfile " + nodeDir.resolve("redis.log"),
                            "pidfile " + nodeDir.resolve("redis.pid"),
                            ""));
            nodes.put(
                    port,
                    new ProcessBuilder("redis-server", config.toString())
                            .redirectErrorStream(true)
                            .redirectOutput(nodeDir.resolve("stdout.log").toFile())
                            .start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (is Debian's redis-server installed?)", e);
        }
    }

    private void awaitAnswer(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            Process process = nodes.get(port);
            if (process == null || !process.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited; see "
                        + dir.resolve(String.valueOf(port)).resolve("redis.log"));
            }
            try {
                if (cli(port, "ping").contains("PONG")) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server on port " + port + " does not answer; see "
                        + dir.resolve(String.valueOf(port)).resolve("redis.log"));
            }
            sleep(50);
        }
    }

    /**
     * {@code count} ports for nodes, each with its cluster bus port (+10000) free, all below Linux's ephemeral range
     * (32768 and up), where the ports the kernel hands to outgoing connections and to {@code port 0} servers could
     * take one between this check and the node's start.
     */
    private static List<Integer> freeNodePorts(int count) {
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = 20000 + random.nextInt(2700);
            List<Integer> ports =
                    IntStream.range(0, count).map(i -> base + i).boxed().toList();
            if (ports.stream().allMatch(port -> free(port) && free(port + 10000))) {
                return ports;
            }
        }
        throw new IllegalStateException("no free block of ports for the cluster's nodes");
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
