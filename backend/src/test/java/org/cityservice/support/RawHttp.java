package org.cityservice.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one request a connection: sends the request line, headers and body
 * exactly as given, so a test can send what well-behaved clients refuse to (a bad percent-encoding,
 * {@code %00} in the path, an oversized header, TRACE).
 */
public record RawHttp(int port) {

    public record Response(int status, Map<String, String> headers, byte[] body) {

        /** A header by its lower-case name, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends {@code method target} with these headers (besides Host, Content-Length and Connection: close) and body. */
    public Response send(String method, String target, Map<String, String> headers, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\n")
                .append("Host: localhost:")
                .append(port)
                .append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        request.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            request.writeBytes(body);
        }
        return exchange(request.toByteArray());
    }

    /**
     * Like {@link #send(String, String, Map, byte[])}, but a successful answer's body is not waited for: an
     * endless one (server-sent events) gives its status and headers, and the connection is closed. A refusal
     * is read whole.
     */
    public Response sendForHead(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\n")
                .append("Host: localhost:")
                .append(port)
                .append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException refusedMidway) {
                // answered and closed before it read everything: read what it said
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int end = -1;
            while (end < 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                raw.write(buffer, 0, n);
                end = indexOf(raw.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            Response response = parse(raw.toByteArray());
            if (response.status() < 300) {
                return new Response(response.status(), response.headers(), new byte[0]);
            }
            raw.writeBytes(in.readAllBytes());
            return parse(raw.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Response send(String method, String target) {
        return send(method, target, Map.of(), null);
    }

    /**
     * Sends a raw body (already chunked, say; no Content-Length is added) from another thread while
     * this one reads the answer as soon as it comes: a server that answers before the body is done
     * and closes may reset the connection, which would lose an answer read only after writing.
     */
    public Response sendWhileReading(String method, String target, Map<String, String> headers, byte[] rawBody) {
        StringBuilder head = new StringBuilder(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\n")
                .append("Host: localhost:")
                .append(port)
                .append("\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                    for (int at = 0; at < rawBody.length; at += 16 * 1024) {
                        out.write(rawBody, at, Math.min(16 * 1024, rawBody.length - at));
                    }
                    out.flush();
                } catch (IOException refused) {
                    // the server answered and closed before taking it all: that is what is being tested
                }
            });
            writer.setDaemon(true);
            writer.start();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int end = -1;
            long length = -1;
            while (end < 0 || raw.size() < end + 4 + length) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                raw.write(buffer, 0, n);
                if (end < 0) {
                    end = indexOf(raw.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    if (end >= 0) {
                        String lower = new String(raw.toByteArray(), 0, end, StandardCharsets.ISO_8859_1)
                                .toLowerCase(Locale.ROOT);
                        int at = lower.indexOf("content-length:");
                        length = at < 0
                                ? 0
                                : Long.parseLong(lower.substring(
                                                at + 15,
                                                lower.indexOf("\r\n", at) < 0
                                                        ? lower.length()
                                                        : lower.indexOf("\r\n", at))
                                        .trim());
                    }
                }
            }
            return parse(raw.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response exchange(byte[] request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException refusedMidway) {
                // the server may answer and close before it read everything (a header over its limit): read what it
                // said
            }
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response parse(byte[] raw) throws IOException {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        if (end < 0) {
            throw new IOException("no complete response: " + new String(raw, StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(raw, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(
                    lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] rest = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        byte[] body = "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? unchunk(rest) : rest;
        return new Response(status, headers, body);
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        InputStream in = new java.io.ByteArrayInputStream(chunked);
        try {
            while (true) {
                String sizeLine = line(in);
                int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                if (size == 0) {
                    return body.toByteArray();
                }
                body.write(in.readNBytes(size));
                line(in);
            }
        } catch (IOException | NumberFormatException e) {
            return body.toByteArray();
        }
    }

    private static String line(InputStream in) throws IOException {
        List<Byte> bytes = new ArrayList<>();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                bytes.add((byte) b);
            }
        }
        if (b < 0 && bytes.isEmpty()) {
            throw new IOException("end of stream");
        }
        byte[] array = new byte[bytes.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = bytes.get(i);
        }
        return new String(array, StandardCharsets.ISO_8859_1);
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
