package org.cityservice.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityservice.listing.Fixtures.aStation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cityservice.shared.LocationRequest;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Station staff keep their own station current, dispatchers their district's listings, admins all. */
class ListingScopeTest extends IntegrationTest {

    private static final String STATIONS = "/api/v1/admin/stations";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private String zhongzhanStation;
    private String otherStation;

    @BeforeEach
    void twoStationsInTwoDistricts() {
        zhongzhanStation = create(aStation("许衡站", 35.24, 113.17));
        otherStation = create(aStation("解放站", 35.22, 113.24, "解放区", Fixtures.weekdays("08:00-18:00")));
    }

    @Test
    void stationStaffChangeTheirOwnStationAndNoOther() {
        WebTestClient stationStaff = staff.stationStaff(zhongzhanStation);

        stationStaff
                .get()
                .uri(STATIONS + "/" + zhongzhanStation)
                .exchange()
                .expectStatus()
                .isOk();
        stationStaff
                .put()
                .uri(STATIONS + "/" + zhongzhanStation)
                .header("If-Match", "\"1\"")
                .bodyValue(aStation("许衡站", 35.24, 113.17, "中站区", Fixtures.saturdaysOnly()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.hours.SATURDAY[0]")
                .isEqualTo("09:00-12:00");

        stationStaff
                .get()
                .uri(STATIONS + "/" + otherStation)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("该社区城管服务站不在您的管辖范围内");
        stationStaff
                .put()
                .uri(STATIONS + "/" + otherStation)
                .header("If-Match", "\"1\"")
                .bodyValue(aStation("解放站", 35.22, 113.24, "解放区", Fixtures.weekdays("08:00-18:00")))
                .exchange()
                .expectStatus()
                .isForbidden();
        stationStaff
                .put()
                .uri(STATIONS + "/" + zhongzhanStation)
                .header("If-Match", "\"2\"")
                .bodyValue(aStation("许衡站", 35.24, 113.17, "解放区", Fixtures.weekdays("08:00-18:00")))
                .exchange()
                .expectStatus()
                .isForbidden();
        stationStaff
                .post()
                .uri(STATIONS)
                .bodyValue(aStation("新站", 35.24, 113.17))
                .exchange()
                .expectStatus()
                .isForbidden();
        stationStaff
                .delete()
                .uri(STATIONS + "/" + zhongzhanStation)
                .header("If-Match", "\"2\"")
                .exchange()
                .expectStatus()
                .isForbidden();
        stationStaff.get().uri(STATIONS).exchange().expectStatus().isForbidden();
        stationStaff.get().uri("/api/v1/admin/staff").exchange().expectStatus().isForbidden();
    }

    @Test
    void stationStaffChangeHoursClosuresServicesAndPhoneOfTheirStationOneByOne() {
        WebTestClient stationStaff = staff.stationStaff(zhongzhanStation);
        StationRequest current = aStation("许衡站", 35.24, 113.17);
        List<StationRequest> allowed = List.of(
                with(current, "hours", Fixtures.saturdaysOnly()),
                with(
                        current,
                        "closures",
                        List.of(new HolidayClosure(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 7), "国庆"))),
                with(current, "services", List.of("投诉受理", "便民维修")),
                with(current, "phone", "0391-3568999"));
        long version = 1;
        for (StationRequest change : allowed) {
            stationStaff
                    .put()
                    .uri(STATIONS + "/" + zhongzhanStation)
                    .header("If-Match", "\"" + version + "\"")
                    .bodyValue(change)
                    .exchange()
                    .expectStatus()
                    .isOk();
            version++;
        }
        stationStaff
                .get()
                .uri(STATIONS + "/" + zhongzhanStation)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.phone")
                .isEqualTo("0391-3568999")
                .jsonPath("$.name")
                .isEqualTo("许衡站");
    }

    @Test
    void stationStaffCannotChangeWhatMakesTheStationWhereAndWhatItIs() {
        WebTestClient stationStaff = staff.stationStaff(zhongzhanStation);
        StationRequest current = aStation("许衡站", 35.24, 113.17);
        Map<String, StationRequest> refused = new java.util.LinkedHashMap<>();
        refused.put("name", with(current, "name", "许衡站(新)"));
        refused.put("address", with(current, "address", "焦作市中站区人民路99号"));
        refused.put("subdistrict", with(current, "subdistrict", "府城街道"));
        refused.put("location", with(current, "location", new LocationRequest(35.21, 113.24)));
        refused.put("location ", with(current, "location", new LocationRequest(35.24, 113.18)));
        for (Map.Entry<String, StationRequest> change : refused.entrySet()) {
            stationStaff
                    .put()
                    .uri(STATIONS + "/" + zhongzhanStation)
                    .header("If-Match", "\"1\"")
                    .bodyValue(change.getValue())
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentType("application/problem+json")
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("field-not-editable")
                    .jsonPath("$.type")
                    .isEqualTo("urn:cityservice:problem:field-not-editable")
                    .jsonPath("$.detail")
                    .value(detail -> assertThat((String) detail)
                            .contains("营业时间")
                            .contains(change.getKey().trim()))
                    .jsonPath("$.errors.length()")
                    .isEqualTo(1)
                    .jsonPath("$.errors[0].field")
                    .isEqualTo(change.getKey().trim());
        }
        StationRequest several = with(with(current, "name", "别的站"), "phone", "0391-3568999");
        stationStaff
                .put()
                .uri(STATIONS + "/" + zhongzhanStation)
                .header("If-Match", "\"1\"")
                .bodyValue(several)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(1)
                .jsonPath("$.errors[0].field")
                .isEqualTo("name");
        asAdmin()
                .get()
                .uri(STATIONS + "/" + zhongzhanStation)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("许衡站")
                .jsonPath("$.location.lat")
                .isEqualTo(35.24);
    }

    @Test
    void dispatchersWorkTheListingsOfTheirDistrict() {
        WebTestClient dispatcher = staff.dispatcher("中站区");

        dispatcher
                .get()
                .uri(STATIONS)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].name")
                .isEqualTo("许衡站");
        dispatcher
                .get()
                .uri(STATIONS + "?district={d}", "解放区")
                .exchange()
                .expectStatus()
                .isForbidden();
        dispatcher
                .post()
                .uri(STATIONS)
                .bodyValue(aStation("新站", 35.24, 113.17))
                .exchange()
                .expectStatus()
                .isCreated();
        dispatcher
                .post()
                .uri(STATIONS)
                .bodyValue(aStation("外区站", 35.22, 113.24, "解放区", Fixtures.weekdays("08:00-18:00")))
                .exchange()
                .expectStatus()
                .isForbidden();
        dispatcher
                .delete()
                .uri(STATIONS + "/" + otherStation)
                .header("If-Match", "\"1\"")
                .exchange()
                .expectStatus()
                .isForbidden();
        dispatcher
                .delete()
                .uri(STATIONS + "/" + zhongzhanStation)
                .header("If-Match", "\"1\"")
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    @Test
    void adminsWorkEveryListing() {
        asAdmin()
                .get()
                .uri(STATIONS)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(2);
        asAdmin()
                .delete()
                .uri(STATIONS + "/" + otherStation)
                .header("If-Match", "\"1\"")
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    private String create(Object station) {
        return asAdmin()
                .post()
                .uri(STATIONS)
                .bodyValue(station)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    /** {@code request} with one component replaced. */
    private static StationRequest with(StationRequest request, String component, Object value) {
        try {
            java.lang.reflect.RecordComponent[] components = StationRequest.class.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = components[i].getName().equals(component)
                        ? value
                        : components[i].getAccessor().invoke(request);
            }
            return StationRequest.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
