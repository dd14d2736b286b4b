package org.cityservice.listing;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One reader per kind of listing, shared by the residents' and the staff's endpoints. */
@Configuration(proxyBeanMethods = false)
class ListingReaders {

    @Bean
    ListingReader<CommunityStation, StationView> stationReader(
            ListingStore store, NearbySearch search, AvailabilityPolicy policy) {
        return new ListingReader<>(ListingType.STATION, store, search, policy, StationView::from);
    }

    @Bean
    ListingReader<VendingZone, VendingZoneView> vendingZoneReader(
            ListingStore store, NearbySearch search, AvailabilityPolicy policy) {
        return new ListingReader<>(ListingType.VENDING_ZONE, store, search, policy, VendingZoneView::from);
    }

    @Bean
    ListingReader<SchoolSafetyPost, SchoolPostView> schoolPostReader(
            ListingStore store, NearbySearch search, AvailabilityPolicy policy) {
        return new ListingReader<>(ListingType.SCHOOL_POST, store, search, policy, SchoolPostView::from);
    }
}
