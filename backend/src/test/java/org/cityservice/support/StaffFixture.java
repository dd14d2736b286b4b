package org.cityservice.support;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Staff accounts of each role, created by the bootstrap admin and logged in: a client sending their session, or
 * the token itself. Without a username one is made up ({@code dispatcher-1}, {@code station-staff-2}, …); give
 * one when the test reads it back (timelines and the audit log name the actor).
 */
public final class StaffFixture {

    /** The password every staff account of the tests has. */
    public static final String PASSWORD = "staff-password-1";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final Supplier<WebTestClient> web;
    private final Supplier<WebTestClient> admin;
    private int made;

    public StaffFixture(Supplier<WebTestClient> web, Supplier<WebTestClient> admin) {
        this.web = web;
        this.admin = admin;
    }

    /** A dispatcher of {@code district} (区): registers, dispatches, verifies and closes its cases. */
    public WebTestClient dispatcher(String district) {
        return dispatcher(district, madeUp("dispatcher"));
    }

    public WebTestClient dispatcher(String district, String username) {
        return client(dispatcherToken(district, username));
    }

    public String dispatcherToken(String district, String username) {
        return token(username, "DISPATCHER", district, null);
    }

    /** Staff of the station {@code stationId}: handle its cases. */
    public WebTestClient stationStaff(String stationId) {
        return stationStaff(stationId, madeUp("station-staff"));
    }

    public WebTestClient stationStaff(String stationId, String username) {
        return client(stationStaffToken(stationId, username));
    }

    public String stationStaffToken(String stationId, String username) {
        return token(username, "STATION_STAFF", null, stationId);
    }

    /** An admin other than the bootstrap one ({@code asAdmin()}). */
    public WebTestClient admin(String username) {
        return client(adminToken(username));
    }

    public String adminToken(String username) {
        return token(username, "ADMIN", null, null);
    }

    /** A new account of any role, logged in: its session token. {@code district} for dispatchers, {@code stationId} for station staff. */
    public String token(String username, String role, String district, String stationId) {
        Map<String, Object> account = new HashMap<>(
                Map.of("username", username, "displayName", username, "role", role, "password", PASSWORD));
        if (district != null) {
            account.put("district", district);
        }
        if (stationId != null) {
            account.put("stationId", stationId);
        }
        admin.get()
                .post()
                .uri("/api/v1/admin/staff")
                .bodyValue(account)
                .exchange()
                .expectStatus()
                .isCreated();
        return web.get()
                .post()
                .uri("/api/v1/admin/auth/login")
                .bodyValue(Map.of("username", username, "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("token")
                .toString();
    }

    private WebTestClient client(String token) {
        return web.get()
                .mutate()
                .defaultHeader("Authorization", "Bearer " + token)
                .build();
    }

    private String madeUp(String role) {
        return role + "-" + ++made;
    }
}
