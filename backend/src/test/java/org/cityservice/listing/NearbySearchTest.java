package org.cityservice.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityservice.listing.Fixtures.CENTRE_LAT;
import static org.cityservice.listing.Fixtures.CENTRE_LNG;
import static org.cityservice.listing.Fixtures.aPost;
import static org.cityservice.listing.Fixtures.aStation;
import static org.cityservice.listing.Fixtures.aZone;
import static org.cityservice.listing.Fixtures.offset;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.cityservice.shared.GeoPoint;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

class NearbySearchTest extends IntegrationTest {

    private static final ParameterizedTypeReference<NearbyResponse<StationView>> STATIONS =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<NearbyResponse<VendingZoneView>> ZONES =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<NearbyResponse<SchoolPostView>> POSTS =
            new ParameterizedTypeReference<>() {};
    private static final LocalDateTime FRIDAY_MORNING = LocalDateTime.of(2026, 11, 20, 10, 0);

    @Autowired
    private JsonMapper json;

    @Test
    void resultsComeNearestFirstWithHaversineDistances() {
        Random random = new Random(42);
        List<GeoPoint> points = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            double[] p = offset(random.nextGaussian() * 3000, random.nextGaussian() * 3000);
            points.add(new GeoPoint(p[0], p[1]));
            create("/api/v1/admin/stations", aStation("站" + i, p[0], p[1]));
        }
        GeoPoint centre = new GeoPoint(CENTRE_LAT, CENTRE_LNG);
        List<Double> expected = points.stream()
                .map(centre::distanceTo)
                .filter(d -> d <= 20_000)
                .sorted(Comparator.naturalOrder())
                .limit(10)
                .toList();

        NearbyResponse<StationView> found = nearby(
                "/api/v1/stations/nearby?lat=" + CENTRE_LAT + "&lng=" + CENTRE_LNG + "&radius=20000&limit=10",
                STATIONS);

        assertThat(found.items()).hasSize(10);
        for (int i = 0; i < 10; i++) {
            NearbyResponse.Item<StationView> item = found.items().get(i);
            double haversine = centre.distanceTo(item.place().location());
            assertThat((double) item.distance())
                    .as("answered distance of %s", item.place().name())
                    .isCloseTo(haversine, org.assertj.core.data.Offset.offset(1.5));
            assertThat(haversine).as("rank %d", i).isCloseTo(expected.get(i), org.assertj.core.data.Offset.offset(1.5));
        }
    }

    @Test
    void theRadiusAndTheLimitBound() {
        for (int metres : new int[] {100, 900, 1900, 2900, 3900}) {
            double[] p = offset(metres, 0);
            create("/api/v1/admin/stations", aStation("站" + metres, p[0], p[1]));
        }
        assertThat(names(nearby(query(2000, 20, ""), STATIONS), StationView::name))
                .containsExactly("站100", "站900", "站1900");
        assertThat(names(nearby(query(20000, 2, ""), STATIONS), StationView::name))
                .containsExactly("站100", "站900");
        assertThat(nearby(query(3000, 20, ""), STATIONS).radius()).isEqualTo(3000);
    }

    @Test
    void openNowSkipsClosedPlacesEvenWhenManyNearerOnesAreClosed() {
        clock.set(FRIDAY_MORNING);
        for (int i = 0; i < 30; i++) {
            double[] p = offset(100 + i * 10, 0);
            create("/api/v1/admin/stations", aStation("周六站" + i, p[0], p[1], "中站区", Fixtures.saturdaysOnly()));
        }
        double[] far = offset(2500, 0);
        create("/api/v1/admin/stations", aStation("工作日站", far[0], far[1]));

        NearbyResponse<StationView> open = nearby(query(3000, 2, "&openNow=true"), STATIONS);

        assertThat(names(open, StationView::name)).containsExactly("工作日站");
        AvailabilityView availability = open.items().get(0).place().availability();
        assertThat(availability.openNow()).isTrue();
        assertThat(availability.closesAt()).isAtSameInstantAs(OffsetDateTime.parse("2026-11-20T12:00+08:00"));
        assertThat(availability.summary()).isEqualTo("开放中,12:00 结束");
        StationView closed = nearby(query(3000, 1, ""), STATIONS).items().get(0).place();
        assertThat(closed.availability().nextOpensAt())
                .isAtSameInstantAs(OffsetDateTime.parse("2026-11-21T09:00+08:00"));
        assertThat(closed.availability().summary()).isEqualTo("已关闭,明天 09:00 开放");
    }

    @Test
    void theDistrictFilterKeepsOneDistrict() {
        double[] near = offset(100, 0);
        double[] far = offset(500, 0);
        create("/api/v1/admin/stations", aStation("解放站", near[0], near[1], "解放区", Fixtures.weekdays("08:00-18:00")));
        create("/api/v1/admin/stations", aStation("中站站", far[0], far[1]));

        assertThat(names(nearby(query(3000, 20, "&district=中站区"), STATIONS), StationView::name))
                .containsExactly("中站站");
    }

    @Test
    void vendingZonesFilterByKindAndGoods() {
        double[] a = offset(100, 0);
        double[] b = offset(200, 0);
        double[] c = offset(300, 0);
        create("/api/v1/admin/vending-zones", aZone("瓜果点", VendingKind.FRUIT, a[0], a[1], List.of("西瓜、甜瓜", "桃")));
        create("/api/v1/admin/vending-zones", aZone("早餐点", VendingKind.BREAKFAST, b[0], b[1], List.of("包子")));
        create("/api/v1/admin/vending-zones", aZone("夜市", VendingKind.NIGHT_MARKET, c[0], c[1], List.of("小吃", "西瓜汁")));

        assertThat(names(nearby(zoneQuery("&kind=BREAKFAST"), ZONES), VendingZoneView::name))
                .containsExactly("早餐点");
        assertThat(names(nearby(zoneQuery("&goods=西瓜"), ZONES), VendingZoneView::name))
                .containsExactly("瓜果点", "夜市");
        assertThat(names(nearby(zoneQuery("&goods=西瓜&kind=FRUIT"), ZONES), VendingZoneView::name))
                .containsExactly("瓜果点");
        VendingZoneView zone =
                nearby(zoneQuery("&kind=FRUIT"), ZONES).items().get(0).place();
        assertThat(zone.kindLabel()).isEqualTo("瓜果疏导区");
    }

    @Test
    void schoolPostsAreActiveOnlyInADutyWindow() {
        double[] p = offset(100, 0);
        create("/api/v1/admin/school-posts", aPost("实验小学", p[0], p[1]));

        clock.set(LocalDateTime.of(2026, 11, 20, 7, 30));
        assertThat(names(nearby(postQuery("&activeNow=true"), POSTS), SchoolPostView::name))
                .containsExactly("实验小学护学岗");
        clock.set(LocalDateTime.of(2026, 11, 21, 7, 30)); // Saturday
        assertThat(nearby(postQuery("&activeNow=true"), POSTS).items()).isEmpty();
        SchoolPostView post = nearby(postQuery(""), POSTS).items().get(0).place();
        assertThat(post.availability().summary()).isEqualTo("未在执勤,后天 07:10 上岗");
    }

    @Test
    void oneListingByIdAndAnUnknownIdIs404() {
        double[] p = offset(100, 0);
        String id = create("/api/v1/admin/stations", aStation("站", p[0], p[1]));

        web.get()
                .uri("/api/v1/stations/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("站")
                .jsonPath("$.version")
                .isEqualTo(1);
        web.get()
                .uri("/api/v1/stations/st-999")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not-found");
        web.get().uri("/api/v1/vending-zones/" + id).exchange().expectStatus().isNotFound();
    }

    @Test
    void nearbyListsSummariesAndTheIdGivesTheDetails() {
        double[] p = offset(100, 0);
        String id = create("/api/v1/admin/stations", aStation("站", p[0], p[1]));

        web.get()
                .uri(query(3000, 20, ""))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].place.name")
                .isEqualTo("站")
                .jsonPath("$.items[0].place.availability.summary")
                .exists()
                .jsonPath("$.items[0].place.hours")
                .doesNotExist()
                .jsonPath("$.items[0].place.closures")
                .doesNotExist()
                .jsonPath("$.items[0].place.version")
                .doesNotExist();
        web.get()
                .uri("/api/v1/stations/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.hours.MONDAY[0]")
                .isEqualTo("08:30-12:00")
                .jsonPath("$.closures")
                .isArray()
                .jsonPath("$.version")
                .isEqualTo(1);
    }

    @Test
    void nothingNearbyIsAnEmptyList() {
        assertThat(nearby(query(3000, 20, ""), STATIONS).items()).isEmpty();
    }

    private String create(String path, Object request) {
        return asAdmin()
                .post()
                .uri(path)
                .bodyValue(request)
                .exchange()
                .expectStatus()
                .isCreated()
                .returnResult(new ParameterizedTypeReference<java.util.Map<String, Object>>() {})
                .getResponseBody()
                .blockFirst()
                .get("id")
                .toString();
    }

    /** Nearby answers summaries, without the version and the full hours: read them into the views all the same. */
    private <V> NearbyResponse<V> nearby(String uri, ParameterizedTypeReference<NearbyResponse<V>> type) {
        JsonMapper lenient = json.rebuild()
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .build();
        return web.mutate()
                .codecs(codecs -> codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(lenient)))
                .build()
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(type)
                .returnResult()
                .getResponseBody();
    }

    private static String query(int radius, int limit, String more) {
        return "/api/v1/stations/nearby?lat=" + CENTRE_LAT + "&lng=" + CENTRE_LNG + "&radius=" + radius + "&limit="
                + limit + more;
    }

    private static String zoneQuery(String more) {
        return "/api/v1/vending-zones/nearby?lat=" + CENTRE_LAT + "&lng=" + CENTRE_LNG + more;
    }

    private static String postQuery(String more) {
        return "/api/v1/school-posts/nearby?lat=" + CENTRE_LAT + "&lng=" + CENTRE_LNG + more;
    }

    private static <V> List<String> names(NearbyResponse<V> response, java.util.function.Function<V, String> name) {
        return response.items().stream().map(item -> name.apply(item.place())).toList();
    }
}
