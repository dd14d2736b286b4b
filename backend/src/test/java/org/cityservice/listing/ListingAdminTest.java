package org.cityservice.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityservice.listing.Fixtures.aStation;
import static org.cityservice.listing.Fixtures.offset;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

class ListingAdminTest extends IntegrationTest {

    private static final String STATIONS = "/api/v1/admin/stations";

    @LocalServerPort
    int port;

    @Autowired
    ListingStore store;

    @Test
    void createGivesAnIdALocationAndVersionOne() {
        double[] p = offset(0, 0);
        asAdmin()
                .post()
                .uri(STATIONS)
                .bodyValue(aStation("许衡站", p[0], p[1]))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Location", STATIONS + "/st-1")
                .expectHeader()
                .valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo("st-1")
                .jsonPath("$.version")
                .isEqualTo(1)
                .jsonPath("$.demo")
                .isEqualTo(false);
    }

    @Test
    void anUpdateNamingTheCurrentVersionWinsAndAStaleOneIs409() {
        String id = createStation("旧名");
        StationRequest renamed = aStation("新名", 35.24, 113.18);

        asAdmin()
                .put()
                .uri(STATIONS + "/" + id)
                .header("If-Match", "\"1\"")
                .bodyValue(renamed)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("ETag", "\"2\"")
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("新名");
        asAdmin()
                .put()
                .uri(STATIONS + "/" + id)
                .header("If-Match", "\"1\"")
                .bodyValue(aStation("又一名", 35.24, 113.18))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("version-conflict")
                .jsonPath("$.currentVersion")
                .isEqualTo(2);
        web.get()
                .uri("/api/v1/stations/" + id)
                .exchange()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("新名");
    }

    @Test
    void aChangeWithoutIfMatchIs428() {
        String id = createStation("站");
        asAdmin()
                .put()
                .uri(STATIONS + "/" + id)
                .bodyValue(aStation("站", 35.24, 113.18))
                .exchange()
                .expectStatus()
                .isEqualTo(428)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("precondition-required");
        asAdmin().delete().uri(STATIONS + "/" + id).exchange().expectStatus().isEqualTo(428);
    }

    @Test
    void ofManyConcurrentUpdatesOfOneVersionExactlyOneWins() {
        String id = createStation("站");
        WebClient client = WebClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeader("Authorization", "Bearer " + adminToken())
                .build();

        List<Integer> statuses = Flux.range(0, 16)
                .flatMap(
                        i -> client.put()
                                .uri(STATIONS + "/" + id)
                                .header("If-Match", "\"1\"")
                                .bodyValue(aStation("并发" + i, 35.24, 113.18))
                                .exchangeToMono(response -> response.releaseBody()
                                        .thenReturn(response.statusCode().value())),
                        16)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(15);
        assertThat(store.find(ListingType.STATION, id).block().version()).isEqualTo(2);
    }

    @Test
    void deleteRemovesTheListingFromEveryIndex() {
        String id = createStation("站");
        asAdmin()
                .delete()
                .uri(STATIONS + "/" + id)
                .header("If-Match", "\"2\"")
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        asAdmin()
                .delete()
                .uri(STATIONS + "/" + id)
                .header("If-Match", "\"1\"")
                .exchange()
                .expectStatus()
                .isNoContent();

        web.get().uri("/api/v1/stations/" + id).exchange().expectStatus().isNotFound();
        web.get()
                .uri("/api/v1/stations/nearby?lat=35.24&lng=113.18")
                .exchange()
                .expectBody()
                .jsonPath("$.items")
                .isEmpty();
        // what remains is the id counter and the change log the nearby indexes follow
        assertThat(redis.keys("cs:{listing:station}:*").collectList().block())
                .containsOnly(
                        "cs:{listing:station}:seq", "cs:{listing:station}:revision", "cs:{listing:station}:changes");
        asAdmin()
                .delete()
                .uri(STATIONS + "/" + id)
                .header("If-Match", "\"1\"")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void listPagesInCreationOrderAndFiltersByDistrict() {
        for (int i = 1; i <= 12; i++) {
            double[] p = offset(i * 10, 0);
            String district = i % 3 == 0 ? "解放区" : "中站区";
            asAdmin()
                    .post()
                    .uri(STATIONS)
                    .bodyValue(aStation("站" + i, p[0], p[1], district, Fixtures.weekdays("08:00-18:00")))
                    .exchange()
                    .expectStatus()
                    .isCreated();
        }
        PageResponse<Map<String, Object>> second = page("?page=2&size=5");
        assertThat(second.total()).isEqualTo(12);
        assertThat(second.items()).extracting(item -> item.get("name")).containsExactly("站6", "站7", "站8", "站9", "站10");
        PageResponse<Map<String, Object>> liberation = page("?district=解放区");
        assertThat(liberation.total()).isEqualTo(4);
        assertThat(liberation.items()).extracting(item -> item.get("name")).containsExactly("站3", "站6", "站9", "站12");
    }

    @Test
    void movingAListingToAnotherDistrictMovesItInTheDistrictIndex() {
        String id = createStation("站");
        asAdmin()
                .put()
                .uri(STATIONS + "/" + id)
                .header("If-Match", "1")
                .bodyValue(aStation("站", 35.24, 113.18, "山阳区", Fixtures.weekdays("08:00-18:00")))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(page("?district=中站区").total()).isZero();
        assertThat(page("?district=山阳区").total()).isEqualTo(1);
    }

    @Test
    void aBadPageIs400() {
        asAdmin()
                .get()
                .uri(STATIONS + "?page=0")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("page");
        asAdmin()
                .get()
                .uri(STATIONS + "?size=101")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("size");
    }

    @Test
    void theAdminApiWantsTheAdminToken() {
        web.get()
                .uri(STATIONS)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthorized");
        web.get()
                .uri(STATIONS)
                .header("Authorization", "Bearer not-the-token")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.post()
                .uri(STATIONS)
                .bodyValue(aStation("站", 35.24, 113.18))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        asAdmin().get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
        web.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        assertThat(store.count(ListingType.STATION).block()).isZero();
    }

    @Test
    void everyKeyIsNamespacedAndHashTaggedByKind() {
        createStation("站");
        asAdmin()
                .post()
                .uri("/api/v1/admin/school-posts")
                .bodyValue(Fixtures.aPost("实验小学", 35.24, 113.18))
                .exchange()
                .expectStatus()
                .isCreated();
        List<String> keys = redis.keys("*").collectList().block();
        // besides the listings: the admin's account and session, and the platform's access token
        assertThat(keys)
                .isNotEmpty()
                .allMatch(
                        key -> key.matches("cs:\\{(listing:(station|school-post)|identity(:[0-9a-f]{3})?|wechat)}:.+"));
        assertThat(keys)
                .contains(
                        "cs:{listing:station}:items",
                        "cs:{listing:station}:geo",
                        "cs:{listing:station}:order",
                        "cs:{listing:station}:district:中站区",
                        "cs:{listing:school-post}:geo");
    }

    @Test
    void allThreeKindsHaveTheSameAdminOperations() {
        for (String path : Set.of("/api/v1/admin/vending-zones", "/api/v1/admin/school-posts")) {
            Object request = path.endsWith("zones")
                    ? Fixtures.aZone("点", VendingKind.FRUIT, 35.24, 113.18, List.of("西瓜"))
                    : Fixtures.aPost("实验小学", 35.24, 113.18);
            String location = asAdmin()
                    .post()
                    .uri(path)
                    .bodyValue(request)
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .returnResult(Void.class)
                    .getResponseHeaders()
                    .getLocation()
                    .toString();
            asAdmin()
                    .get()
                    .uri(location)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals("ETag", "\"1\"");
            asAdmin()
                    .put()
                    .uri(location)
                    .header("If-Match", "\"1\"")
                    .bodyValue(request)
                    .exchange()
                    .expectStatus()
                    .isOk();
            asAdmin()
                    .delete()
                    .uri(location)
                    .header("If-Match", "\"2\"")
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            asAdmin().get().uri(location).exchange().expectStatus().isNotFound();
        }
    }

    private String createStation(String name) {
        double[] p = offset(0, 0);
        return asAdmin()
                .post()
                .uri(STATIONS)
                .bodyValue(aStation(name, p[0], p[1]))
                .exchange()
                .expectStatus()
                .isCreated()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getLocation()
                .getPath()
                .substring(STATIONS.length() + 1);
    }

    private PageResponse<Map<String, Object>> page(String query) {
        return asAdmin()
                .get()
                .uri(STATIONS + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<PageResponse<Map<String, Object>>>() {})
                .returnResult()
                .getResponseBody();
    }
}
