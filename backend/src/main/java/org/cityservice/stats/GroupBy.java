package org.cityservice.stats;

/** How the rates are grouped; each event counts in one group of each. */
enum GroupBy {
    CITY,
    DISTRICT,
    SUBDISTRICT,
    STATION,
    CATEGORY;

    static GroupBy fromField(String eventField) {
        return switch (eventField) {
            case "district" -> DISTRICT;
            case "subdistrict" -> SUBDISTRICT;
            case "stationId" -> STATION;
            case "category" -> CATEGORY;
            default -> CITY;
        };
    }
}
