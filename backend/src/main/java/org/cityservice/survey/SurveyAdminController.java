package org.cityservice.survey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.cityservice.identity.Caller;
import org.cityservice.identity.PhoneNumbers;
import org.cityservice.identity.StaffDirectory;
import org.cityservice.identity.StaffScope;
import org.cityservice.redis.StoredFields;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.Paging;
import org.cityservice.survey.SurveyShards.Shard;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Surveys for staff, within their scope (an admin all, a dispatcher their district, station staff
 * their station; anything else is 404): a filtered list, one survey with its history, and the SMS
 * replies nobody could read or match. Phones are masked.
 */
@RestController
@RequestMapping("/api/v1/admin/surveys")
@Tag(name = "回访管理", description = "Follow-up surveys for staff: list, history, unreadable replies")
class SurveyAdminController {

    private final SurveyStore store;
    private final StaffDirectory staff;

    SurveyAdminController(SurveyStore store, StaffDirectory staff) {
        this.store = store;
        this.staff = staff;
    }

    /** A survey as staff see it. */
    record StaffSurveyView(
            String id,
            String trackingNo,
            SurveyStatus status,
            String statusLabel,
            Survey.@Nullable Channel channel,
            @Nullable String phone,
            @Nullable String district,
            @Nullable String subdistrict,
            @Nullable String stationId,
            OffsetDateTime closedAt,
            @Nullable OffsetDateTime dueAt,
            @Nullable OffsetDateTime sentAt,
            @Nullable OffsetDateTime remindedAt,
            @Nullable OffsetDateTime finishedAt,
            @Nullable SurveyAnswer answer,
            @Nullable List<HistoryEntry> history) {

        /** @param history null in the list, which shows none */
        static StaffSurveyView of(Survey s, @Nullable List<HistoryEntry> history) {
            return new StaffSurveyView(
                    s.id(),
                    s.trackingNo(),
                    s.status(),
                    s.status().label(),
                    s.channel(),
                    PhoneNumbers.mask(s.phone()),
                    s.district(),
                    s.subdistrict(),
                    s.stationId(),
                    ResidentSurveys.time(s.closedAt()),
                    timeOrNull(s.dueAt()),
                    timeOrNull(s.sentAt()),
                    timeOrNull(s.remindedAt()),
                    timeOrNull(s.finishedAt()),
                    s.answer(),
                    history);
        }
    }

    /** One page, filtered over every survey of the scope. */
    record Page(List<StaffSurveyView> items, int page, int size, long total) {}

    static final int MAX_PAGE_SIZE = 100;

    /** What the list can be filtered by: the answer given (an index each, {@link SurveyStore#answerFacets}). */
    enum AnswerFilter {
        SOLVED,
        NOT_SOLVED,
        SATISFIED,
        BASICALLY_SATISFIED,
        DISSATISFIED,
        NONE
    }

    @GetMapping
    @Operation(summary = "Surveys, newest closing first, by status, channel, station and answer")
    Mono<Page> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) SurveyStatus status,
            @RequestParam(required = false) Survey.Channel channel,
            @RequestParam(required = false) String stationId,
            @RequestParam(required = false) AnswerFilter answer,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "20") int size) {
        Paging.checkWithinDepth(page, size, MAX_PAGE_SIZE);
        return staff.scopeOf(caller)
                .flatMap(scope -> {
                    List<Function<Shard, String>> indexes = new ArrayList<>(List.of(scopeIndex(scope)));
                    if (status != null) {
                        indexes.add(shard -> store.statusKey(shard, status));
                    }
                    if (channel != null) {
                        indexes.add(shard -> store.channelKey(shard, channel));
                    }
                    if (stationId != null && !stationId.isBlank()) {
                        indexes.add(shard -> store.stationKey(shard, stationId.strip()));
                    }
                    if (answer != null) {
                        indexes.add(shard -> store.answerKey(shard, answer.name()));
                    }
                    return store.list(indexes, (long) (page - 1) * size, size);
                })
                .map(found -> new Page(
                        found.items().stream()
                                .map(survey -> StaffSurveyView.of(survey, null))
                                .toList(),
                        page,
                        size,
                        found.total()));
    }

    /** The index of the surveys a scope sees in a shard, as {@link #sees} decides for one. */
    private Function<Shard, String> scopeIndex(StaffScope scope) {
        return switch (scope.role()) {
            case DISPATCHER -> {
                String district = Objects.requireNonNull(scope.district(), "a dispatcher's scope is their district");
                yield shard -> store.districtKey(shard, district);
            }
            case STATION_STAFF -> {
                String stationId = Objects.requireNonNull(scope.stationId(), "station staff's scope is their station");
                yield shard -> store.stationKey(shard, stationId);
            }
            default -> store::allKey;
        };
    }

    @GetMapping("/{id}")
    @Operation(
            summary =
                    "One survey with its history: scheduled, sent via, reminded, delivered, answered, expired, unreachable")
    Mono<StaffSurveyView> survey(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return staff.scopeOf(caller)
                .flatMap(scope -> store.locate(id).filter(located -> sees(scope, located.survey())))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("没有找到这份回访")))
                .flatMap(located -> store.history(located.shard(), id)
                        .map(history -> StaffSurveyView.of(located.survey(), history)));
    }

    /**
     * An SMS reply kept for staff.
     *
     * @param survey the survey it is about, null when it is about none or several
     */
    record UnmatchedReply(
            String phone, String text, String at, @Nullable String survey, String why) {}

    @GetMapping("/unmatched-replies")
    @Operation(
            summary = "SMS replies that were no answer or matched no open survey, newest first: for admins all, for a "
                    + "dispatcher those about surveys of their district")
    Mono<List<UnmatchedReply>> unmatched(
            @AuthenticationPrincipal Caller caller, @RequestParam(defaultValue = "50") int count) {
        if (count < 1 || count > 500) {
            throw ApiException.invalid(List.of(new FieldViolation("count", "应在 1 到 500 之间")));
        }
        if (caller.kind() == Caller.Kind.STATION_STAFF) {
            return Mono.error(ApiException.notFound("没有找到"));
        }
        // a dispatcher's count is of their own: they read the newest replies of the whole city, within reason
        int read = caller.kind() == Caller.Kind.ADMIN ? count : Math.min(5_000, count * 20);
        return staff.scopeOf(caller)
                .flatMap(scope -> store.unmatchedReplies(read)
                        .map(record -> record.getValue())
                        .filter(reply -> scope.wholeCity()
                                || List.of(reply.getOrDefault("districts", "").split(",")).stream()
                                        .anyMatch(scope::district))
                        .take(count)
                        .map(SurveyAdminController::unmatchedReply)
                        .collectList());
    }

    /** A reply as {@code SmsReplies.keep} wrote it: every field, {@code survey} empty when it names none. */
    private static UnmatchedReply unmatchedReply(Map<String, String> reply) {
        String phone = StoredFields.required(reply, "phone");
        String survey = StoredFields.required(reply, "survey");
        return new UnmatchedReply(
                Objects.requireNonNull(PhoneNumbers.mask(phone), "a phone masks to a phone"),
                StoredFields.required(reply, "text"),
                StoredFields.required(reply, "at"),
                survey.isEmpty() ? null : survey,
                StoredFields.required(reply, "why"));
    }

    private static boolean sees(StaffScope scope, Survey survey) {
        String district = survey.district();
        String stationId = survey.stationId();
        return scope.wholeCity()
                || (district != null && scope.district(district))
                || (stationId != null && scope.station(stationId));
    }

    private static @Nullable OffsetDateTime timeOrNull(@Nullable Instant instant) {
        return ResidentSurveys.timeOrNull(instant);
    }
}
