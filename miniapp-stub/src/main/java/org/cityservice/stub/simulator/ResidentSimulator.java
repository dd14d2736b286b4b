package org.cityservice.stub.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Does what the mini-program does for one resident, against a running backend and the local WeChat
 * platform: {@code wx.login()} and log in, press the phone-number button and bind the phone, allow
 * the first subscribe template and report it, then look for the nearest stations. Each step says
 * what it did; the returned {@link Report} is what an end-to-end test checks.
 */
public final class ResidentSimulator {

    /** What the walk-through ended with. */
    public record Report(String residentId, String phoneShown, Map<String, Long> grants, List<String> nearbyStations) {
    }

    private final URI backend;
    private final URI platform;
    private final Consumer<String> say;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public ResidentSimulator(String backend, String platform, Consumer<String> say) {
        this.backend = URI.create(backend);
        this.platform = URI.create(platform);
        this.say = say;
    }

    public Report walkThrough(String user, String phone, double lat, double lng) {
        String code = post(platform, "/_stub/login-code", Map.of("user", user), null).get("code").asString();
        say.accept("1. wx.login() gave a one-time code for '" + user + "'");

        JsonNode login = post(backend, "/api/v1/auth/wechat-login", Map.of("code", code), null);
        String token = login.get("token").asString();
        String residentId = login.at("/resident/id").asString();
        say.accept("2. logged in as resident " + residentId + "; the session lasts until " + login.get("expiresAt").asString());

        String phoneCode = post(platform, "/_stub/phone-code", Map.of("user", user, "phone", phone), null).get("code").asString();
        JsonNode me = post(backend, "/api/v1/me/phone", Map.of("code", phoneCode), token);
        say.accept("3. bound the phone; the backend shows it as " + me.get("phone").asString());

        JsonNode templates = get(backend, "/api/v1/me/subscriptions", token);
        String templateId = templates.get(0).get("templateId").asString();
        post(platform, "/_stub/subscribe", Map.of("user", user, "templateId", templateId), null);
        JsonNode held = post(backend, "/api/v1/me/subscriptions", Map.of(templateId, "accept"), token);
        Map<String, Long> grants = new LinkedHashMap<>();
        held.forEach(template -> grants.put(template.get("name").asString(), template.get("grants").asLong()));
        say.accept("4. allowed one '" + templates.get(0).get("name").asString() + "' message; grants held: " + grants);

        JsonNode nearby = get(backend, "/api/v1/stations/nearby?lat=" + lat + "&lng=" + lng + "&limit=3", token);
        List<String> stations = new ArrayList<>();
        nearby.get("items").forEach(item -> stations.add(item.at("/place/name").asString()));
        say.accept("5. nearest stations:");
        nearby.get("items").forEach(item -> say.accept("   " + item.get("distance").asLong() + " m  "
                + item.at("/place/name").asString() + "  (" + item.at("/place/availability/summary").asString() + ")"));
        return new Report(residentId, me.get("phone").asString(), grants, stations);
    }

    /** {@code --backend URL --platform URL --user NAME --phone DIGITS --lat N --lng N}, each optional. */
    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("backend", "http://127.0.0.1:8080", "platform",
                "http://127.0.0.1:9911", "user", "alice", "phone", "13800001234", "lat", "35.2150", "lng", "113.2420"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new ResidentSimulator(options.get("backend"), options.get("platform"), System.out::println)
                .walkThrough(options.get("user"), options.get("phone"), Double.parseDouble(options.get("lat")),
                        Double.parseDouble(options.get("lng")));
    }

    private JsonNode get(URI base, String path, String token) {
        return send(authorized(HttpRequest.newBuilder(base.resolve(path)), token).GET().build());
    }

    private JsonNode post(URI base, String path, Object body, String token) {
        return send(authorized(HttpRequest.newBuilder(base.resolve(path)), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8)).build());
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(request.method() + " " + request.uri().getPath() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reach " + request.uri() + " (is it running?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
