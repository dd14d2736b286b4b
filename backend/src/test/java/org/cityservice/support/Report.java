package org.cityservice.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A resident's report ({@code POST /api/v1/complaints}), valid as it stands: an obstructed crossing near the
 * 许衡 station of the demo city (焦作市中站区), no address, no contact phone, no photos. A test changes only what
 * it is about; each {@code with…} gives a new report, so one may be the base of several.
 *
 * @param resident the client the report is sent with: a resident logged in (or {@code web}, to be refused)
 */
public record Report(
        WebTestClient resident,
        String category,
        String description,
        double lat,
        double lng,
        String address,
        String contactPhone,
        List<String> photos,
        String idempotencyKey) {

    /** Near the 许衡街道 station (35.2400, 113.1680) most tests set up. */
    public static final double LAT = 35.2410;

    public static final double LNG = 113.1690;

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    /** The default report, sent by {@code resident}. */
    public static Report by(WebTestClient resident) {
        return new Report(resident, "street-vending", "人民路口有人占道卖水果", LAT, LNG, null, null, null, null);
    }

    public Report withCategory(String category) {
        return new Report(resident, category, description, lat, lng, address, contactPhone, photos, idempotencyKey);
    }

    public Report withDescription(String description) {
        return new Report(resident, category, description, lat, lng, address, contactPhone, photos, idempotencyKey);
    }

    public Report withLocation(double lat, double lng) {
        return new Report(resident, category, description, lat, lng, address, contactPhone, photos, idempotencyKey);
    }

    public Report withAddress(String address) {
        return new Report(resident, category, description, lat, lng, address, contactPhone, photos, idempotencyKey);
    }

    /** A phone typed into the report; bind it first ({@code residents.bindPhone}) when it must count as proven. */
    public Report withContactPhone(String contactPhone) {
        return new Report(resident, category, description, lat, lng, address, contactPhone, photos, idempotencyKey);
    }

    /** Photo ids from {@code POST /api/v1/uploads}. */
    public Report withPhotos(String... photos) {
        return withPhotos(List.of(photos));
    }

    public Report withPhotos(List<String> photos) {
        return new Report(
                resident, category, description, lat, lng, address, contactPhone, List.copyOf(photos), idempotencyKey);
    }

    /** Sent as the {@code Idempotency-Key} header. */
    public Report withIdempotencyKey(String idempotencyKey) {
        return new Report(resident, category, description, lat, lng, address, contactPhone, photos, idempotencyKey);
    }

    /** The JSON body as the mini-program sends it. */
    public Map<String, Object> body() {
        Map<String, Object> body = new HashMap<>(
                Map.of("category", category, "description", description, "location", Map.of("lat", lat, "lng", lng)));
        if (address != null) {
            body.put("address", address);
        }
        if (contactPhone != null) {
            body.put("contactPhone", contactPhone);
        }
        if (photos != null) {
            body.put("photos", photos);
        }
        return body;
    }

    /** Sends the report and hands back the exchange, for tests that check what comes back (a refusal, the view). */
    public WebTestClient.ResponseSpec submit() {
        WebTestClient.RequestBodySpec request = resident.post().uri("/api/v1/complaints");
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.bodyValue(body()).exchange();
    }

    /** Sends the report, which must become a new case (201): its tracking number. */
    public String file() {
        return submit().expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("trackingNo")
                .toString();
    }
}
