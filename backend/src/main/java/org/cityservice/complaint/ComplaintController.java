package org.cityservice.complaint;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.cityservice.identity.Caller;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/complaints")
@Tag(name = "诉求", description = "Complaints: report a problem and follow it (resident session token)")
class ComplaintController {

    static final int MAX_PAGE_SIZE = 50;

    private final ComplaintIntake intake;
    private final ComplaintStore store;
    private final ComplaintProperties properties;
    private final CaseSurveys surveys;
    private final Followers followers;

    ComplaintController(
            ComplaintIntake intake,
            ComplaintStore store,
            ComplaintProperties properties,
            CaseSurveys surveys,
            Followers followers) {
        this.intake = intake;
        this.store = store;
        this.properties = properties;
        this.surveys = surveys;
        this.followers = followers;
    }

    /** One page of my cases, newest first. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MyPage(List<ComplaintView> items, int page, int size, long total) {}

    @PostMapping
    @ApiResponse(responseCode = "201", description = "已受理:新的诉求及其受理编号")
    @ApiResponse(responseCode = "200", description = "同一 Idempotency-Key 的重试:第一次受理的诉求")
    @Operation(
            summary =
                    "Report a problem; answers 201 with the tracking number, or 200 with the first case for a retried Idempotency-Key")
    Mono<ResponseEntity<ComplaintView>> submit(
            @AuthenticationPrincipal Caller caller,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Valid @RequestBody SubmitComplaintRequest request) {
        ComplaintProperties.Category category = ComplaintIntake.requireCategory(properties, request.category());
        String key = idempotencyKey(idempotencyKey);
        return intake.submit(caller.subject(), request, category, key).flatMap(outcome -> {
            if (outcome.created()) {
                // made just now: its first entry is its timeline, and nobody has followed it yet
                ComplaintView view = ComplaintView.of(outcome.complaint(), properties, 0, List.of(outcome.first()));
                return Mono.just(ResponseEntity.created(URI.create("/api/v1/complaints/" + view.trackingNo()))
                        .body(view));
            }
            String trackingNo = outcome.complaint().trackingNo();
            return store.timeline(trackingNo)
                    .zipWith(followers.count(trackingNo, null))
                    .map(found -> ResponseEntity.ok(ComplaintView.of(
                            outcome.complaint(), properties, found.getT2().followers(), found.getT1())));
        });
    }

    @GetMapping("/mine")
    @Operation(summary = "My cases, newest first")
    Mono<MyPage> mine(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "1") Integer page,
            @RequestParam(defaultValue = "20") Integer size) {
        checkPage(page, size);
        return store.pageOfResident(caller.subject(), (long) (page - 1) * size, size)
                .flatMap(found -> followers
                        .counts(
                                found.items().stream()
                                        .map(Complaint::trackingNo)
                                        .toList(),
                                null)
                        .map(counts -> new MyPage(
                                found.items().stream()
                                        .map(c -> ComplaintView.of(
                                                c,
                                                properties,
                                                counts.getOrDefault(c.trackingNo(), Followers.Count.NONE)
                                                        .followers(),
                                                null))
                                        .toList(),
                                page,
                                size,
                                found.total())));
    }

    static void checkPage(int page, int size) {
        Paging.check(page, size, MAX_PAGE_SIZE);
    }

    @GetMapping("/{trackingNo}")
    @Operation(
            summary =
                    "One of my cases with its timeline and the survey still to be answered; a case I follow (附议) in a "
                            + "reduced view (no description, place, photos or notes); anyone else's is 404")
    Mono<ResidentCaseView> one(@AuthenticationPrincipal Caller caller, @PathVariable String trackingNo) {
        return store.find(trackingNo)
                .filterWhen(complaint -> complaint.residentId().equals(caller.subject())
                        ? Mono.just(true)
                        : followers.follows(trackingNo, caller.subject()))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("没有找到受理编号为 " + trackingNo + " 的诉求")))
                .flatMap(complaint -> Mono.zip(
                                store.timeline(trackingNo),
                                followers.count(trackingNo, caller.subject()),
                                surveys.openSurvey(trackingNo, caller.subject())
                                        .map(Optional::of)
                                        .defaultIfEmpty(Optional.empty()))
                        .map(found -> {
                            CaseSurveys.OpenSurvey survey = found.getT3().orElse(null);
                            long count = found.getT2().followers();
                            return complaint.residentId().equals(caller.subject())
                                    ? ComplaintView.of(complaint, properties, count, found.getT1())
                                            .withSurvey(survey)
                                    : FollowedComplaintView.of(complaint, properties, count, found.getT1())
                                            .withSurvey(survey);
                        }));
    }

    private static @Nullable String idempotencyKey(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        if (!header.matches("[A-Za-z0-9_.:-]{8,64}")) {
            throw ApiException.invalid(List.of(new FieldViolation("Idempotency-Key", "应为 8 到 64 位字母、数字或 _ . : -")));
        }
        return header;
    }
}
