package org.cityservice.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoordinatesTest {

    /** Cities from the far north-east to the far south-west: shifted by the GCJ-02 offset, back within a metre. */
    @ParameterizedTest
    @CsvSource({
        "39.9087, 116.3975",
        "31.2304, 121.4737",
        "35.2150, 113.2420",
        "43.8256, 87.6168",
        "45.8038, 126.5349",
        "18.2528, 109.5119",
        "29.6520, 91.1721",
        "23.1291, 113.2644",
        "22.3193, 114.1694",
        "53.4880, 122.3400"
    })
    void pointsInChinaRoundTripWithinOneMetre(double lat, double lng) {
        Coordinates.Point gcj = Coordinates.wgs84ToGcj02(lat, lng);
        double shift = new GeoPoint(lat, lng).distanceTo(new GeoPoint(gcj.lat(), gcj.lng()));
        assertThat(shift).isBetween(50.0, 1_000.0);
        Coordinates.Point back = Coordinates.gcj02ToWgs84(gcj.lat(), gcj.lng());
        assertThat(new GeoPoint(lat, lng).distanceTo(new GeoPoint(back.lat(), back.lng())))
                .isLessThan(1.0);
        // and the other way round, from a stored GCJ-02 point
        Coordinates.Point wgs = Coordinates.gcj02ToWgs84(lat, lng);
        Coordinates.Point again = Coordinates.wgs84ToGcj02(wgs.lat(), wgs.lng());
        assertThat(new GeoPoint(lat, lng).distanceTo(new GeoPoint(again.lat(), again.lng())))
                .isLessThan(1.0);
    }

    @ParameterizedTest
    @CsvSource({"35.6762, 139.6503", "51.5074, -0.1278", "-33.8688, 151.2093", "40.7128, -74.0060", "0.0, 0.0"})
    void pointsOutsideChinaAreUnchanged(double lat, double lng) {
        assertThat(Coordinates.wgs84ToGcj02(lat, lng)).isEqualTo(new Coordinates.Point(lat, lng));
        assertThat(Coordinates.gcj02ToWgs84(lat, lng)).isEqualTo(new Coordinates.Point(lat, lng));
    }
}
