package org.cityservice.listing;

import static org.cityservice.listing.Fixtures.aStation;

import java.util.Map;

import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Station staff keep their own station current, dispatchers their district's listings, admins all. */
class ListingScopeTest extends IntegrationTest {

    private static final String STATIONS = "/api/v1/admin/stations";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    private String zhongzhanStation;
    private String otherStation;

    @BeforeEach
    void twoStationsInTwoDistricts() {
        zhongzhanStation = create(aStation("许衡站", 35.24, 113.17));
        otherStation = create(aStation("解放站", 35.22, 113.24, "解放区", Fixtures.weekdays("08:00-18:00")));
    }

    @Test
    void stationStaffChangeTheirOwnStationAndNoOther() {
        WebTestClient staff = staff("zhang.wei", "STATION_STAFF", null, zhongzhanStation);

        staff.get().uri(STATIONS + "/" + zhongzhanStation).exchange().expectStatus().isOk();
        staff.put().uri(STATIONS + "/" + zhongzhanStation).header("If-Match", "\"1\"")
                .bodyValue(aStation("许衡站(新时间)", 35.24, 113.17)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.name").isEqualTo("许衡站(新时间)");

        staff.get().uri(STATIONS + "/" + otherStation).exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").isEqualTo("该社区城管服务站不在您的管辖范围内");
        staff.put().uri(STATIONS + "/" + otherStation).header("If-Match", "\"1\"")
                .bodyValue(aStation("解放站", 35.22, 113.24, "解放区", Fixtures.weekdays("08:00-18:00"))).exchange()
                .expectStatus().isForbidden();
        staff.put().uri(STATIONS + "/" + zhongzhanStation).header("If-Match", "\"2\"")
                .bodyValue(aStation("许衡站", 35.24, 113.17, "解放区", Fixtures.weekdays("08:00-18:00"))).exchange()
                .expectStatus().isForbidden();
        staff.post().uri(STATIONS).bodyValue(aStation("新站", 35.24, 113.17)).exchange().expectStatus().isForbidden();
        staff.delete().uri(STATIONS + "/" + zhongzhanStation).header("If-Match", "\"2\"").exchange().expectStatus().isForbidden();
        staff.get().uri(STATIONS).exchange().expectStatus().isForbidden();
        staff.get().uri("/api/v1/admin/staff").exchange().expectStatus().isForbidden();
    }

    @Test
    void dispatchersWorkTheListingsOfTheirDistrict() {
        WebTestClient dispatcher = staff("li.na", "DISPATCHER", "中站区", null);

        dispatcher.get().uri(STATIONS).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.total").isEqualTo(1).jsonPath("$.items[0].name").isEqualTo("许衡站");
        dispatcher.get().uri(STATIONS + "?district={d}", "解放区").exchange().expectStatus().isForbidden();
        dispatcher.post().uri(STATIONS).bodyValue(aStation("新站", 35.24, 113.17)).exchange().expectStatus().isCreated();
        dispatcher.post().uri(STATIONS).bodyValue(aStation("外区站", 35.22, 113.24, "解放区", Fixtures.weekdays("08:00-18:00")))
                .exchange().expectStatus().isForbidden();
        dispatcher.delete().uri(STATIONS + "/" + otherStation).header("If-Match", "\"1\"").exchange().expectStatus().isForbidden();
        dispatcher.delete().uri(STATIONS + "/" + zhongzhanStation).header("If-Match", "\"1\"").exchange().expectStatus().isNoContent();
    }

    @Test
    void adminsWorkEveryListing() {
        asAdmin().get().uri(STATIONS).exchange().expectStatus().isOk().expectBody().jsonPath("$.total").isEqualTo(2);
        asAdmin().delete().uri(STATIONS + "/" + otherStation).header("If-Match", "\"1\"").exchange().expectStatus().isNoContent();
    }

    private String create(Object station) {
        return asAdmin().post().uri(STATIONS).bodyValue(station).exchange().expectStatus().isCreated()
                .expectBody(JSON).returnResult().getResponseBody().get("id").toString();
    }

    private WebTestClient staff(String username, String role, String district, String stationId) {
        return as(staffToken(username, role, district, stationId));
    }
}
