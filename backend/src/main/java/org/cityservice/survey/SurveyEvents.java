package org.cityservice.survey;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The fields of an event on {@code cs:{survey}:events}: what the statistics need without reading surveys. */
final class SurveyEvents {

    private SurveyEvents() {
    }

    static Map<String, String> of(Survey survey, String type, Instant at) {
        Map<String, String> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("survey", survey.id());
        event.put("trackingNo", survey.trackingNo());
        event.put("category", survey.category());
        event.put("district", survey.district());
        event.put("subdistrict", survey.subdistrict());
        event.put("stationId", survey.stationId());
        event.put("closedAt", survey.closedAt().toString());
        event.put("channel", survey.channel() == null ? null : survey.channel().name());
        if (survey.answer() != null) {
            event.put("solved", survey.answer().solved().name());
            event.put("satisfaction", survey.answer().satisfaction() == null ? null : survey.answer().satisfaction().name());
            event.put("via", survey.answer().via());
        }
        event.put("at", at.toString());
        return event;
    }
}
