package org.cityservice.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DemoCityTest extends IntegrationTest {

    private static final String ZHONGZHAN = "中站区";

    @Autowired
    DemoCity demoCity;

    @Autowired
    ListingStore store;

    @Autowired
    DemoDataProperties properties;

    @Autowired
    JsonMapper json;

    @Test
    void anEmptyStoreGetsTheWholeDemoCityMarkedAsDemo() throws Exception {
        JsonNode file = json.readTree(properties.location().getInputStream());
        long inFile = file.get("stations").size()
                + file.get("vendingZones").size()
                + file.get("schoolPosts").size();

        assertThat(demoCity.seed().block()).isEqualTo(inFile);

        assertThat(inFile).isBetween(200L, 2000L);
        assertThat(store.count(ListingType.STATION).block())
                .isEqualTo(file.get("stations").size());
        assertThat(store.page(ListingType.SCHOOL_POST, null, 0, 100).block().items())
                .allMatch(post -> post.listing().demo());
        assertThat(redis.opsForValue().get("cs:{demo}:state").block()).startsWith("loaded:");
    }

    @Test
    void zhongzhanDistrictHasWhatThe2024SeedReports() {
        demoCity.seed().block();

        assertThat(store.page(ListingType.STATION, ZHONGZHAN, 0, 100).block().total())
                .isEqualTo(1);
        assertThat(store.page(ListingType.SCHOOL_POST, ZHONGZHAN, 0, 100)
                        .block()
                        .total())
                .isEqualTo(16);
        List<VendingZone> zones = store.page(ListingType.VENDING_ZONE, ZHONGZHAN, 0, 100).block().items().stream()
                .map(Versioned::listing)
                .toList();
        assertThat(zones).filteredOn(z -> z.kind() == VendingKind.FRUIT).hasSize(10);
        assertThat(zones).filteredOn(z -> z.kind() == VendingKind.CONVENIENCE).hasSize(10);
        assertThat(zones).extracting(VendingZone::name).contains("许衡文化广场夜市");
    }

    @Test
    void theCityHasFiveDistricts() {
        demoCity.seed().block();
        List<String> districts = store.page(ListingType.STATION, null, 0, 100).block().items().stream()
                .map(p -> p.listing().district())
                .distinct()
                .toList();
        assertThat(districts).containsExactlyInAnyOrder("解放区", "中站区", "马村区", "山阳区", "示范区");
    }

    @Test
    void seedingTwiceLoadsOnce() {
        long first = demoCity.seed().block();
        assertThat(demoCity.seed().block()).isZero();
        long total = store.count(ListingType.STATION).block()
                + store.count(ListingType.VENDING_ZONE).block()
                + store.count(ListingType.SCHOOL_POST).block();
        assertThat(total).isEqualTo(first);
    }

    @Test
    void deletedDemoPlacesDoNotComeBack() {
        demoCity.seed().block();
        store.delete(ListingType.STATION, "demo-st-001", 1).block();
        demoCity.seed().block();
        assertThat(store.find(ListingType.STATION, "demo-st-001").block()).isNull();
    }

    @Test
    void aStoreWithListingsOfItsOwnIsNotSeeded() {
        store.create(
                        ListingType.STATION,
                        id -> Fixtures.aStation("自有站", 35.24, 113.18).toListing(id))
                .block();
        assertThat(demoCity.seed().block()).isZero();
        assertThat(store.count(ListingType.STATION).block()).isEqualTo(1);
    }

    @Test
    void aLoadCutShortIsResumed() {
        redis.opsForValue().set("cs:{demo}:state", "loading").block();
        store.insertIfAbsent(ListingType.STATION, anyDemoStation()).block();
        assertThat(demoCity.seed().block()).isPositive();
        assertThat(redis.opsForValue().get("cs:{demo}:state").block()).startsWith("loaded:");
    }

    private CommunityStation anyDemoStation() {
        return new CommunityStation(
                "demo-st-001",
                "x",
                "x",
                ZHONGZHAN,
                "许衡街道",
                new org.cityservice.shared.GeoPoint(35.24, 113.18),
                "12319",
                Fixtures.weekdays("08:00-12:00"),
                List.of(),
                List.of(),
                true);
    }
}
