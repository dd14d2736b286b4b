package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.cityservice.shared.GeoPoint;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/**
 * The staff case list filters every case in scope through the Redis indexes: cases are written straight
 * through the store's submit script (as intake does) to keep the test fast, and worked through the API.
 */
class StaffCaseListTest extends IntegrationTest {

    private static final String LIST = "/api/v1/admin/complaints";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    @Autowired
    private ComplaintStore store;

    @Autowired
    private ComplaintKeys keys;

    @Autowired
    private DeadlineWatch watch;

    @Autowired
    private CaseIndexBackfill backfill;

    @Autowired
    private JsonMapper json;

    private String xuheng;
    private String jiefang;
    private Complaint.Routing atXuheng;
    private Complaint.Routing atJiefang;

    @BeforeEach
    void twoStations() {
        clock.set(LocalDateTime.of(2026, 11, 22, 10, 0));
        xuheng = station("许衡街道社区城管服务站", "中站区", 35.2400, 113.1680);
        jiefang = station("焦南街道社区城管服务站", "解放区", 35.2150, 113.2420);
        atXuheng = new Complaint.Routing(xuheng, "许衡街道社区城管服务站", "中站区", "许衡街道", 100L);
        atJiefang = new Complaint.Routing(jiefang, "焦南街道社区城管服务站", "解放区", "焦南街道", 100L);
    }

    @Test
    void aCaseOlderThanTwoThousandNewerOnesIsFoundByCategoryAndDates() {
        write(kase("JZ20260310-000001", "broken-road", atXuheng, at(2026, 3, 10, 9), null, "路面塌陷"));
        int newer = 2_100;
        Flux.range(1, newer)
                .flatMap(
                        i -> submitted(kase(
                                String.format("JZ20261101-%06d", i),
                                "street-vending",
                                atXuheng,
                                at(2026, 11, 1, 8).plusSeconds(i),
                                null,
                                "占道经营")),
                        16)
                .blockLast();

        Map<String, Object> march = page(asAdmin(), "category=broken-road&from=2026-03-01&to=2026-03-31");
        assertThat(march.get("total")).isEqualTo(1);
        assertThat(trackingNos(march)).containsExactly("JZ20260310-000001");
        assertThat(page(asAdmin(), "from=2026-03-10&to=2026-03-10").get("total"))
                .isEqualTo(1); // both days included
        assertThat(page(asAdmin(), "from=2026-03-11&to=2026-10-31").get("total"))
                .isEqualTo(0);

        Map<String, Object> all = page(asAdmin(), "size=20&page=" + (newer / 20 + 1));
        assertThat(all.get("total")).isEqualTo(newer + 1);
        assertThat(all).doesNotContainKey("truncated");
        assertThat(trackingNos(all)).last().isEqualTo("JZ20260310-000001");
        assertThat(counts(all)).containsEntry("RECEIVED", newer + 1).containsEntry("CLOSED", 0);
    }

    @Test
    void eachFacetAndCombinationsOfThem() {
        List<Complaint> cases = new ArrayList<>();
        String[] categories = {"street-vending", "broken-road", "manhole-covers"};
        for (int i = 0; i < 30; i++) {
            Complaint c = kase(
                    String.format("JZ20261110-%06d", i + 1),
                    categories[i % 3],
                    i % 2 == 0 ? atXuheng : atJiefang,
                    at(2026, 11, 10 + i % 5, 9),
                    null,
                    "问题" + i);
            write(c);
            cases.add(c);
        }
        moveAsAdmin("JZ20261110-000001", "REGISTER", null);
        moveAsAdmin("JZ20261110-000004", "REGISTER", null);

        for (String category : categories) {
            assertThat(page(asAdmin(), "category=" + category).get("total")).isEqualTo((int)
                    cases.stream().filter(c -> c.category().equals(category)).count());
            assertThat(page(asAdmin(), "category=" + category + "&stationId=" + xuheng)
                            .get("total"))
                    .isEqualTo((int) cases.stream()
                            .filter(c -> c.category().equals(category) && c.routing() == atXuheng)
                            .count());
            assertThat(page(asAdmin(), "category=" + category + "&subdistrict=焦南街道&from=2026-11-11&to=2026-11-12")
                            .get("total"))
                    .isEqualTo((int) cases.stream()
                            .filter(c -> c.category().equals(category)
                                    && c.routing() == atJiefang
                                    && !day(c).isBefore(LocalDate.of(2026, 11, 11))
                                    && !day(c).isAfter(LocalDate.of(2026, 11, 12)))
                            .count());
        }
        assertThat(page(asAdmin(), "stationId=" + jiefang).get("total")).isEqualTo(15);
        assertThat(page(asAdmin(), "subdistrict=许衡街道").get("total")).isEqualTo(15);

        // 000001 (street-vending, 许衡) and 000004 (street-vending, 焦南) are registered
        Map<String, Object> registered = page(asAdmin(), "status=REGISTERED&category=street-vending");
        assertThat(trackingNos(registered)).containsExactly("JZ20261110-000004", "JZ20261110-000001");
        assertThat(counts(registered)).containsEntry("REGISTERED", 2).containsEntry("RECEIVED", 8);
        assertThat(page(asAdmin(), "status=REGISTERED&stationId=" + xuheng).get("total"))
                .isEqualTo(1);
        assertThat(page(asAdmin(), "status=RECEIVED&category=street-vending&page=2&size=5")
                        .get("total"))
                .isEqualTo(8);
        assertThat(trackingNos(page(asAdmin(), "status=RECEIVED&category=street-vending&page=2&size=5")))
                .hasSize(3);
        asAdmin().get().uri(LIST + "?alert=NONE").exchange().expectStatus().isBadRequest();
        asAdmin()
                .get()
                .uri(LIST + "?from=2026-11-12&to=2026-11-11")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void aStationsStaffSeesOnlyTheirStationsCasesAndADispatcherTheirDistricts() {
        write(kase("JZ20261122-000001", "broken-road", atXuheng, at(2026, 11, 22, 9), null, "许衡的坑"));
        write(kase("JZ20261122-000002", "broken-road", atJiefang, at(2026, 11, 22, 9), null, "焦南的坑"));
        write(kase("JZ20261122-000003", "broken-road", Complaint.Routing.none(), at(2026, 11, 22, 9), null, "没人管的坑"));

        WebTestClient stationStaff = staff.stationStaff(xuheng);
        assertThat(trackingNos(page(stationStaff, "category=broken-road"))).containsExactly("JZ20261122-000001");
        assertThat(page(stationStaff, "stationId=" + jiefang).get("total")).isEqualTo(0);
        assertThat(page(stationStaff, "q=坑").get("total")).isEqualTo(1);
        assertThat(page(stationStaff, "q=JZ20261122-000002").get("total")).isEqualTo(0);
        WebTestClient dispatcher = staff.dispatcher("解放区");
        assertThat(trackingNos(page(dispatcher, ""))).containsExactly("JZ20261122-000002");
        assertThat(page(asAdmin(), "category=broken-road").get("total")).isEqualTo(3);
    }

    @Test
    void theAlertIndexFollowsEscalationAndAMoveClearsIt() {
        Instant start = at(2026, 11, 23, 10);
        write(kase(
                "JZ20261123-000001",
                "street-vending",
                atXuheng,
                start,
                new Deadline("register", start, start.plus(Duration.ofHours(2)), Deadline.Alert.NONE),
                "占道经营"));
        write(kase("JZ20261123-000002", "street-vending", atXuheng, start, null, "占道经营"));

        watch.sweep(start.plus(Duration.ofMinutes(100))).block();
        assertThat(trackingNos(page(asAdmin(), "alert=YELLOW"))).containsExactly("JZ20261123-000001");
        assertThat(page(asAdmin(), "alert=RED").get("total")).isEqualTo(0);

        watch.sweep(start.plus(Duration.ofMinutes(121))).block();
        assertThat(page(asAdmin(), "alert=YELLOW").get("total")).isEqualTo(0);
        assertThat(trackingNos(page(asAdmin(), "alert=RED&category=street-vending")))
                .containsExactly("JZ20261123-000001");

        clock.set(LocalDateTime.of(2026, 11, 23, 12, 30));
        moveAsAdmin("JZ20261123-000001", "REGISTER", null); // a new stage, a new clock: no mark
        assertThat(page(asAdmin(), "alert=RED").get("total")).isEqualTo(0);
        assertThat(page(asAdmin(), "alert=YELLOW").get("total")).isEqualTo(0);
    }

    @Test
    void reroutingMovesTheStationSubdistrictAndDistrictEntries() {
        write(kase("JZ20261122-000001", "broken-road", atXuheng, at(2026, 11, 22, 9), null, "路面塌陷"));
        WebTestClient zhongzhan = staff.dispatcher("中站区");
        WebTestClient jiefangDispatcher = staff.dispatcher("解放区");
        assertThat(page(zhongzhan, "").get("total")).isEqualTo(1);

        asAdmin()
                .post()
                .uri(LIST + "/JZ20261122-000001/routing")
                .bodyValue(Map.of("stationId", jiefang, "reason", "实际位于解放区"))
                .exchange()
                .expectStatus()
                .isOk();

        assertThat(page(asAdmin(), "stationId=" + xuheng).get("total")).isEqualTo(0);
        assertThat(page(asAdmin(), "subdistrict=许衡街道").get("total")).isEqualTo(0);
        assertThat(page(asAdmin(), "stationId=" + jiefang + "&subdistrict=焦南街道&category=broken-road")
                        .get("total"))
                .isEqualTo(1);
        assertThat(page(zhongzhan, "").get("total")).isEqualTo(0);
        assertThat(trackingNos(page(jiefangDispatcher, "category=broken-road"))).containsExactly("JZ20261122-000001");
    }

    @Test
    void aScopesCountsAndStatusFilterComeFromItsOwnStatusIndexesAndFollowStepsAndRerouting() {
        write(kase("JZ20261121-000001", "broken-road", atXuheng, at(2026, 11, 21, 9), null, "许衡的坑一"));
        write(kase("JZ20261122-000002", "broken-road", atXuheng, at(2026, 11, 22, 9), null, "许衡的坑二"));
        write(kase("JZ20261122-000003", "broken-road", atXuheng, at(2026, 11, 22, 9), null, "许衡的坑三"));
        write(kase("JZ20261122-000004", "broken-road", atJiefang, at(2026, 11, 22, 9), null, "焦南的坑"));
        moveAsAdmin("JZ20261122-000002", "REGISTER", null);
        WebTestClient zhongzhan = staff.dispatcher("中站区");
        WebTestClient jiefangDispatcher = staff.dispatcher("解放区");
        WebTestClient xuhengStaff = staff.stationStaff(xuheng);

        for (WebTestClient client : List.of(zhongzhan, xuhengStaff)) {
            assertThat(counts(page(client, "")))
                    .containsEntry("RECEIVED", 2)
                    .containsEntry("REGISTERED", 1)
                    .containsEntry("CLOSED", 0);
            assertThat(trackingNos(page(client, "status=REGISTERED"))).containsExactly("JZ20261122-000002");
            assertThat(counts(page(client, "from=2026-11-22&to=2026-11-22")))
                    .containsEntry("RECEIVED", 1)
                    .containsEntry("REGISTERED", 1);
            assertThat(trackingNos(page(client, "status=RECEIVED&from=2026-11-21&to=2026-11-21")))
                    .containsExactly("JZ20261121-000001");
        }
        assertThat(counts(page(asAdmin(), ""))).containsEntry("RECEIVED", 3).containsEntry("REGISTERED", 1);

        asAdmin()
                .post()
                .uri(LIST + "/JZ20261122-000002/routing")
                .bodyValue(Map.of("stationId", jiefang, "reason", "实际位于解放区"))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(counts(page(zhongzhan, ""))).containsEntry("RECEIVED", 2).containsEntry("REGISTERED", 0);
        assertThat(page(zhongzhan, "status=REGISTERED").get("total")).isEqualTo(0);
        assertThat(counts(page(jiefangDispatcher, "")))
                .containsEntry("RECEIVED", 1)
                .containsEntry("REGISTERED", 1);
        assertThat(trackingNos(page(jiefangDispatcher, "status=REGISTERED&sort=deadline")))
                .containsExactly("JZ20261122-000002");
    }

    @Test
    void sortByDeadlineSoonestFirstThenCasesWithoutAClockNewestFirst() {
        Instant start = at(2026, 11, 23, 10);
        List<Complaint> cases = List.of(
                kase("JZ20261123-000001", "clutter", atXuheng, start, due(start, 3), "a"),
                kase("JZ20261123-000002", "clutter", atXuheng, start.plusSeconds(1), due(start, 1), "b"),
                kase("JZ20261123-000003", "clutter", atXuheng, start.plusSeconds(2), due(start, 1), "c"),
                kase("JZ20261123-000004", "clutter", atXuheng, start.plusSeconds(3), null, "d"),
                kase("JZ20261123-000005", "clutter", atXuheng, start.plusSeconds(4), null, "e"),
                kase("JZ20261123-000006", "clutter", atXuheng, start.plusSeconds(5), due(start, 2), "f"));
        cases.forEach(this::write);
        List<String> expected = cases.stream()
                .sorted(Comparator.<Complaint, Instant>comparing(c -> c.deadline() == null
                                ? Instant.MAX
                                : c.deadline().dueAt())
                        .thenComparing(Complaint::createdAt, Comparator.reverseOrder()))
                .map(Complaint::trackingNo)
                .toList();

        assertThat(trackingNos(page(asAdmin(), "sort=deadline&category=clutter")))
                .containsExactlyElementsOf(expected);
        List<String> paged = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            paged.addAll(trackingNos(page(asAdmin(), "sort=deadline&size=2&page=" + p)));
        }
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(trackingNos(page(asAdmin(), "sort=deadline&size=4&page=2")))
                .containsExactlyElementsOf(expected.subList(4, 6));
    }

    @Test
    void textIsFoundInTrackingNumberDescriptionOrAddressAndAWholeTrackingNumberDirectly() {
        write(kase("JZ20261122-000001", "broken-road", atXuheng, at(2026, 11, 22, 9), null, "人民路口路面塌陷"));
        write(kase("JZ20261122-000002", "street-vending", atXuheng, at(2026, 11, 22, 10), null, "有人占道卖水果"));
        write(kase("JZ20261122-000003", "street-vending", atJiefang, at(2026, 11, 22, 11), null, "夜市\"摊位\"占道"));

        assertThat(trackingNos(page(asAdmin(), "q=塌陷"))).containsExactly("JZ20261122-000001");
        Map<String, Object> road = page(asAdmin(), "q=人民路"); // address of every case, description of one
        assertThat(road.get("total")).isEqualTo(3);
        assertThat(road.get("partial")).isEqualTo(false);
        assertThat(counts(road)).containsEntry("RECEIVED", 3);
        assertThat(trackingNos(page(asAdmin(), "q=占道&stationId=" + jiefang))).containsExactly("JZ20261122-000003");
        assertThat(trackingNos(page(asAdmin(), "q=\"摊位\""))).containsExactly("JZ20261122-000003");
        assertThat(trackingNos(page(asAdmin(), "q=JZ20261122-000002"))).containsExactly("JZ20261122-000002");
        assertThat(page(asAdmin(), "q=JZ20261122-000002&category=broken-road").get("total"))
                .isEqualTo(0);
        assertThat(trackingNos(page(asAdmin(), "q=000003"))).containsExactly("JZ20261122-000003");
        assertThat(page(asAdmin(), "q=水果&status=REGISTERED").get("total")).isEqualTo(0);
        assertThat(counts(page(asAdmin(), "q=水果&status=REGISTERED"))).containsEntry("RECEIVED", 1);
    }

    @Test
    void casesFiledBeforeTheIndexesExistedAreIndexedOnceAtStartup() {
        Instant start = at(2026, 3, 10, 9);
        Complaint old = kase(
                "JZ20260310-000001",
                "broken-road",
                atXuheng,
                start,
                new Deadline("register", start, start.plus(Duration.ofHours(2)), Deadline.Alert.YELLOW),
                "路面塌陷");
        // as the store held it before: the case, all, by-status, by-station and by-district only
        long created = start.toEpochMilli();
        ComplaintKeys.Home home = keys.legacy();
        redis.opsForHash()
                .put(home.cases(), old.trackingNo(), json.writeValueAsString(old))
                .block();
        for (String index :
                List.of(home.all(), home.status(old.status()), home.station(xuheng), home.district("中站区"))) {
            redis.opsForZSet().add(index, old.trackingNo(), created).block();
        }
        assertThat(page(asAdmin(), "category=broken-road").get("total")).isEqualTo(0);

        assertThat(backfill.backfill().block()).isEqualTo(1);
        assertThat(backfill.backfill().block()).isEqualTo(-1);
        assertThat(trackingNos(page(
                        asAdmin(), "category=broken-road&subdistrict=许衡街道&alert=YELLOW&from=2026-03-10&to=2026-03-10")))
                .containsExactly(old.trackingNo());
        assertThat(trackingNos(page(asAdmin(), "sort=deadline"))).containsExactly(old.trackingNo());
    }

    private static Deadline due(Instant start, int hours) {
        return new Deadline("register", start, start.plus(Duration.ofHours(hours)), Deadline.Alert.NONE);
    }

    private static Instant at(int year, int month, int day, int hour) {
        return LocalDateTime.of(year, month, day, hour, 0)
                .atZone(TimeConfiguration.SHANGHAI)
                .toInstant();
    }

    private static LocalDate day(Complaint c) {
        return LocalDate.ofInstant(c.createdAt(), TimeConfiguration.SHANGHAI);
    }

    private static Complaint kase(
            String trackingNo,
            String category,
            Complaint.Routing routing,
            Instant createdAt,
            Deadline deadline,
            String description) {
        return new Complaint(
                trackingNo,
                "resident-1",
                category,
                description,
                new GeoPoint(35.24, 113.17),
                "焦作市人民路 1 号",
                null,
                false,
                List.of(),
                ComplaintStatus.RECEIVED,
                routing,
                false,
                0,
                deadline,
                createdAt,
                createdAt,
                1);
    }

    private static TimelineEntry first() {
        return new TimelineEntry(Instant.EPOCH, ComplaintStatus.RECEIVED, null, "RESIDENT", null, null, "诉求已受理");
    }

    private void write(Complaint c) {
        assertThat(submitted(c).block().created()).isTrue();
    }

    private reactor.core.publisher.Mono<ComplaintStore.Submitted> submitted(Complaint c) {
        return store.submit(c, first(), null, ComplaintEvent.received(c));
    }

    private Map<String, Object> page(WebTestClient client, String query) {
        return client.get()
                .uri(LIST + "?" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> trackingNos(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items"))
                .stream().map(item -> item.get("trackingNo").toString()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> counts(Map<String, Object> page) {
        return (Map<String, Object>) page.get("counts");
    }
}
