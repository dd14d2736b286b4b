package org.cityservice.stub.objectstore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.cityservice.stub.Digests;
import org.jspecify.annotations.Nullable;

/**
 * A local stand-in for an S3-compatible object store (MinIO, Tencent COS, Aliyun OSS and AWS all
 * speak this), enough for what the backend's photo storage does with the AWS SDK: create and check
 * a bucket, put, get, head and delete an object, path-style. Every request must carry a valid
 * Signature Version 4 for the configured key pair, as a real store checks it; a wrong key or
 * signature answers 403 with S3's XML error. Bodies sent in {@code aws-chunked} encoding (how the
 * SDK streams a payload over plain HTTP) are decoded; the chunk signatures themselves are not
 * re-checked. Objects live in memory.
 */
public final class ObjectStorePlatform implements AutoCloseable {

    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final String secretKey;
    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final Map<String, Map<String, StoredObject>> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger unavailable = new AtomicInteger();

    /** What was stored under one key. */
    public record StoredObject(byte[] bytes, String contentType, Map<String, String> checksums) {}

    private ObjectStorePlatform(String accessKey, String secretKey, HttpServer server) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.server = server;
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** @param port 0 picks a free one */
    public static ObjectStorePlatform start(int port, String accessKey, String secretKey) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            ObjectStorePlatform platform = new ObjectStorePlatform(accessKey, secretKey, server);
            server.start();
            return platform;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the object store stand-in on port " + port, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void createBucket(String bucket) {
        buckets.putIfAbsent(bucket, new ConcurrentHashMap<>());
    }

    /** The objects of a bucket by key; empty when there is no such bucket. */
    public Map<String, StoredObject> objects(String bucket) {
        return Map.copyOf(buckets.getOrDefault(bucket, Map.of()));
    }

    /** The next {@code times} requests answer 503 SlowDown, as an overloaded store does. */
    public void answerUnavailable(int times) {
        unavailable.set(times);
    }

    public void reset() {
        buckets.clear();
        unavailable.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                error(exchange, 503, "SlowDown", "Please reduce your request rate.");
                return;
            }
            String denied = checkSignature(exchange, raw);
            if (denied != null) {
                error(
                        exchange,
                        403,
                        denied.startsWith("InvalidAccessKeyId") ? "InvalidAccessKeyId" : "SignatureDoesNotMatch",
                        denied);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            int slash = path.indexOf('/', 1);
            String bucket = slash < 0 ? path.substring(1) : path.substring(1, slash);
            String key = slash < 0 || slash == path.length() - 1 ? null : path.substring(slash + 1);
            String method = exchange.getRequestMethod();
            if (key == null) {
                bucket(exchange, method, bucket);
                return;
            }
            Map<String, StoredObject> objects = buckets.get(bucket);
            if (objects == null) {
                error(exchange, 404, "NoSuchBucket", "The specified bucket does not exist");
                return;
            }
            switch (method) {
                case "PUT" -> {
                    Map<String, String> checksums = new TreeMap<>();
                    byte[] body = decode(exchange, raw, checksums);
                    exchange.getRequestHeaders().forEach((name, values) -> {
                        if (name.toLowerCase().startsWith("x-amz-checksum-")
                                && !name.equalsIgnoreCase("x-amz-checksum-algorithm")) {
                            checksums.put(name.toLowerCase(), values.get(0));
                        }
                    });
                    objects.put(
                            key,
                            new StoredObject(body, exchange.getRequestHeaders().getFirst("Content-Type"), checksums));
                    exchange.getResponseHeaders().set("ETag", etag(body));
                    checksums.forEach(
                            (name, value) -> exchange.getResponseHeaders().set(name, value));
                    exchange.sendResponseHeaders(200, -1);
                }
                case "GET", "HEAD" -> {
                    StoredObject object = objects.get(key);
                    if (object == null) {
                        error(exchange, 404, "NoSuchKey", "The specified key does not exist.");
                        return;
                    }
                    var headers = exchange.getResponseHeaders();
                    headers.set("ETag", etag(object.bytes()));
                    headers.set(
                            "Content-Type",
                            object.contentType() == null ? "binary/octet-stream" : object.contentType());
                    if ("ENABLED".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("x-amz-checksum-mode"))) {
                        object.checksums().forEach(headers::set);
                    }
                    if (method.equals("HEAD")) {
                        headers.set("Content-Length", Integer.toString(object.bytes().length));
                        exchange.sendResponseHeaders(200, -1);
                    } else {
                        exchange.sendResponseHeaders(200, object.bytes().length);
                        exchange.getResponseBody().write(object.bytes());
                    }
                }
                case "DELETE" -> {
                    objects.remove(key);
                    exchange.sendResponseHeaders(204, -1);
                }
                default ->
                    error(
                            exchange,
                            405,
                            "MethodNotAllowed",
                            "The specified method is not allowed against this resource.");
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "InternalError", e.toString());
        }
    }

    private void bucket(HttpExchange exchange, String method, String bucket) throws IOException {
        switch (method) {
            case "PUT" -> {
                createBucket(bucket);
                exchange.getResponseHeaders().set("Location", "/" + bucket);
                exchange.sendResponseHeaders(200, -1);
            }
            case "HEAD" -> exchange.sendResponseHeaders(buckets.containsKey(bucket) ? 200 : 404, -1);
            default ->
                error(exchange, 405, "MethodNotAllowed", "Only creating and checking a bucket are supported here.");
        }
    }

    /**
     * Checks the request's SigV4 {@code Authorization} header against our key pair; null when it holds.
     * The canonical request is built from what arrived, as the store does, so a client that signs
     * anything differently from how it sends it is caught here.
     */
    private @Nullable String checkSignature(HttpExchange exchange, byte[] body) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 ")) {
            return "AccessDenied: no Signature Version 4 authorization";
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : authorization.substring("AWS4-HMAC-SHA256 ".length()).split(",")) {
            int eq = part.indexOf('=');
            parts.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
        String[] credential = parts.getOrDefault("Credential", "").split("/");
        if (credential.length != 5 || !credential[0].equals(accessKey)) {
            return "InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records.";
        }
        String payloadHash = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        if (payloadHash == null) {
            return "SignatureDoesNotMatch: x-amz-content-sha256 is missing";
        }
        if (payloadHash.length() == 64 && !payloadHash.equals(HEX.formatHex(Digests.sha256(body)))) {
            return "SignatureDoesNotMatch: the body does not match x-amz-content-sha256";
        }
        List<String> signed = List.of(parts.getOrDefault("SignedHeaders", "").split(";"));
        StringBuilder canonical = new StringBuilder()
                .append(exchange.getRequestMethod())
                .append('\n')
                .append(exchange.getRequestURI().getRawPath())
                .append('\n')
                .append(canonicalQuery(exchange.getRequestURI().getRawQuery()))
                .append('\n');
        for (String name : signed) {
            List<String> values = exchange.getRequestHeaders().get(name);
            String value =
                    values == null ? "" : String.join(",", values).strip().replaceAll(" +", " ");
            canonical.append(name).append(':').append(value).append('\n');
        }
        canonical.append('\n').append(String.join(";", signed)).append('\n').append(payloadHash);
        String date = exchange.getRequestHeaders().getFirst("x-amz-date");
        String scope = String.join("/", credential[1], credential[2], credential[3], credential[4]);
        String toSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n"
                + HEX.formatHex(Digests.sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = Digests.hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), credential[1]);
        key = Digests.hmac(key, credential[2]);
        key = Digests.hmac(key, credential[3]);
        key = Digests.hmac(key, credential[4]);
        String expected = HEX.formatHex(Digests.hmac(key, toSign));
        if (!MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII),
                parts.getOrDefault("Signature", "").getBytes(StandardCharsets.US_ASCII))) {
            return "SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.";
        }
        return null;
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            pairs.add(pair.contains("=") ? pair : pair + "=");
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    /** The object's bytes: the body itself, or the payload of an aws-chunked body (its trailing checksums kept). */
    private static byte[] decode(HttpExchange exchange, byte[] raw, Map<String, String> trailers) {
        String sha = exchange.getRequestHeaders().getFirst("x-amz-content-sha256");
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        boolean chunked =
                (sha != null && sha.startsWith("STREAMING-")) || (encoding != null && encoding.contains("aws-chunked"));
        if (!chunked) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(raw, at);
            String header = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";")[0].strip(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                break;
            }
            out.write(raw, at, size);
            at += size + 2;
        }
        while (at < raw.length) {
            int lineEnd = indexOfCrlf(raw, at);
            String line = new String(raw, at, lineEnd - at, StandardCharsets.US_ASCII);
            at = lineEnd + 2;
            int colon = line.indexOf(':');
            if (colon > 0 && line.toLowerCase().startsWith("x-amz-checksum-")) {
                trailers.put(
                        line.substring(0, colon).strip().toLowerCase(),
                        line.substring(colon + 1).strip());
            }
            if (line.isEmpty()) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static int indexOfCrlf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length - 1; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i;
            }
        }
        return bytes.length;
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                        + escape(message)
                        + "</Message><Resource>"
                        + escape(exchange.getRequestURI().getPath()) + "</Resource><RequestId>"
                        + UUID.randomUUID() + "</RequestId></Error>")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, xml.length);
        exchange.getResponseBody().write(xml);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String etag(byte[] body) {
        try {
            return "\"" + HEX.formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
