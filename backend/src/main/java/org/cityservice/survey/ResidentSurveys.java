package org.cityservice.survey;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.cityservice.complaint.CaseSurveys;
import org.cityservice.shared.TimeConfiguration;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A resident's own surveys, so one dismissed message is never the only way back to a survey: all of
 * them for the mini-program's list, and the one still open on the case page ({@link CaseSurveys}).
 */
@Component
class ResidentSurveys implements CaseSurveys {

    private final SurveyStore store;
    private final SurveyProperties properties;

    ResidentSurveys(SurveyStore store, SurveyProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** Newest closing first. */
    Mono<List<Survey>> of(String residentId) {
        return store.ofResident(residentId)
                .collectSortedList(Comparator.comparing(Survey::closedAt).reversed());
    }

    @Override
    public Mono<OpenSurvey> openSurvey(String trackingNo, String residentId) {
        return of(residentId)
                .flatMap(surveys -> Mono.justOrEmpty(surveys.stream()
                        .filter(survey -> survey.trackingNo().equals(trackingNo) && open(survey))
                        .findFirst()
                        .map(survey -> new OpenSurvey(
                                survey.id(),
                                survey.status().name(),
                                survey.status().label(),
                                answerable(survey),
                                survey.status() == SurveyStatus.SCHEDULED ? timeOrNull(survey.dueAt()) : null,
                                timeOrNull(expiresAt(survey))))));
    }

    static boolean answerable(Survey survey) {
        return survey.status() == SurveyStatus.SENT || survey.status() == SurveyStatus.REMINDED;
    }

    /** The last moment an answer is taken: {@code app.surveys.expire-after} after sending; null until sent or once finished. */
    @Nullable
    Instant expiresAt(Survey survey) {
        if (!answerable(survey)) {
            return null;
        }
        return Objects.requireNonNull(survey.sentAt(), "a SENT or REMINDED survey was sent")
                .plus(properties.expireAfter());
    }

    private static boolean open(Survey survey) {
        return survey.status() == SurveyStatus.SCHEDULED || answerable(survey);
    }

    static OffsetDateTime time(Instant instant) {
        return instant.atZone(TimeConfiguration.SHANGHAI).toOffsetDateTime();
    }

    /** {@link #time}, or null for no time. */
    static @Nullable OffsetDateTime timeOrNull(@Nullable Instant instant) {
        return instant == null ? null : time(instant);
    }
}
