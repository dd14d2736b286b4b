package org.cityservice.complaint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.cityservice.identity.Caller;
import org.cityservice.identity.StaffDirectory;
import org.cityservice.identity.StaffScope;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.Paging;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
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
@RequestMapping("/api/v1/admin/complaints")
@Tag(name = "管理:诉求", description = "Staff work the cases of their scope through the closed loop")
class ComplaintAdminController {

    static final int MAX_PAGE_SIZE = 100;

    private final ComplaintWorkflow workflow;
    private final ComplaintStore store;
    private final ComplaintKeys keys;
    private final StaffDirectory staff;
    private final ComplaintProperties properties;
    private final Clock clock;
    private final Followers followers;

    ComplaintAdminController(
            ComplaintWorkflow workflow,
            ComplaintStore store,
            ComplaintKeys keys,
            StaffDirectory staff,
            ComplaintProperties properties,
            Clock clock,
            Followers followers) {
        this.followers = followers;
        this.workflow = workflow;
        this.store = store;
        this.keys = keys;
        this.staff = staff;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One page of cases, filtered over every case of the scope.
     *
     * @param counts  cases per status under the same filters except the status: the queue's tabs
     * @param partial only with {@code q}: the text was looked for in the newest {@value CaseFilter#TEXT_SCAN_LIMIT}
     *                cases the other filters leave, not in all of them; narrow by date or category to search older ones
     */
    record CasePage(
            List<StaffComplaintView> items,
            int page,
            int size,
            long total,
            Map<ComplaintStatus, Long> counts,
            boolean partial) {}

    @GetMapping
    @Operation(
            summary =
                    "The cases of my scope, newest first or soonest deadline first, filtered by status, category, "
                            + "station, subdistrict, 督办 level (YELLOW, RED), received dates (yyyy-MM-dd) and text; with counts per status")
    Mono<CasePage> list(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) ComplaintStatus status,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) String stationId,
            @RequestParam(required = false) String subdistrict,
            @RequestParam(required = false) Deadline.Alert alert,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "newest") String sort,
            @RequestParam(defaultValue = "1") Integer page,
            @RequestParam(defaultValue = "20") Integer size) {
        Paging.checkWithinDepth(page, size, MAX_PAGE_SIZE);
        if (!"newest".equals(sort) && !"deadline".equals(sort)) {
            throw ApiException.invalid(List.of(new FieldViolation("sort", "应为 newest 或 deadline")));
        }
        if (alert == Deadline.Alert.NONE) {
            throw ApiException.invalid(List.of(new FieldViolation("alert", "应为 YELLOW 或 RED")));
        }
        // received days become scores in epoch ms: a day beyond any case (year -999999999) must not overflow them
        if (from != null && (from.getYear() < 2000 || from.getYear() > 2099)) {
            throw ApiException.invalid(List.of(new FieldViolation("from", "应在 2000-01-01 到 2099-12-31 之间")));
        }
        if (to != null && (to.getYear() < 2000 || to.getYear() > 2099)) {
            throw ApiException.invalid(List.of(new FieldViolation("to", "应在 2000-01-01 到 2099-12-31 之间")));
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw ApiException.invalid(List.of(new FieldViolation("from", "不能晚于 to")));
        }
        CaseFilter filter = new CaseFilter(
                blankToNull(category),
                blankToNull(stationId),
                blankToNull(subdistrict),
                alert,
                from,
                to,
                blankToNull(q));
        long offset = (long) (page - 1) * size;
        return staff.scopeOf(caller)
                .flatMap(scope -> homes(scope)
                        .flatMap(homes -> store.list(
                                homes,
                                home -> CaseScope.index(scope, home),
                                (home, each) -> CaseScope.statusIndex(scope, home, each),
                                status,
                                filter,
                                filter.fromScore(),
                                filter.toScore(),
                                "deadline".equals(sort),
                                offset,
                                size)))
                .flatMap(found -> followers
                        .counts(
                                found.items().stream()
                                        .map(Complaint::trackingNo)
                                        .toList(),
                                null)
                        .map(followed -> new CasePage(
                                found.items().stream()
                                        .map(c -> StaffComplaintView.of(
                                                c,
                                                properties,
                                                followed.getOrDefault(c.trackingNo(), Followers.Count.NONE)
                                                        .followers(),
                                                null))
                                        .toList(),
                                page,
                                size,
                                found.total(),
                                found.counts(),
                                found.partial())));
    }

    /**
     * The homes a scope's list reads: a dispatcher's district's ({@link ComplaintStore#homesOf}); every home for a
     * station (one moved to another district keeps its earlier cases where they were) and for the whole city.
     */
    private Mono<List<ComplaintKeys.Home>> homes(StaffScope scope) {
        return scope.role() == Caller.Kind.DISPATCHER ? store.homesOf(scope.district()) : Mono.just(keys.homes());
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @GetMapping("/{trackingNo}")
    @Operation(
            summary =
                    "One case with its whole timeline and the actions I may take on it now; its ETag is the version to "
                            + "name in If-Match")
    Mono<ResponseEntity<StaffComplaintView>> one(
            @AuthenticationPrincipal Caller caller, @PathVariable String trackingNo) {
        return workflow.visible(caller, trackingNo).flatMap(this::view).map(ComplaintAdminController::withVersion);
    }

    @PostMapping("/{trackingNo}/transitions")
    @Operation(
            summary =
                    "Take the next step (REGISTER, REJECT, DISPATCH, HANDLE, VERIFY, REWORK, CLOSE, REOPEN); 409 if illegal or if the case moved since If-Match")
    Mono<ResponseEntity<StaffComplaintView>> move(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String trackingNo,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody TransitionRequest request) {
        return workflow.move(caller, trackingNo, request, version(ifMatch))
                .flatMap(this::view)
                .map(ComplaintAdminController::withVersion);
    }

    @PostMapping("/{trackingNo}/routing")
    @Operation(summary = "改派: send the case to another station with a reason; status and deadline stay")
    Mono<ResponseEntity<StaffComplaintView>> reroute(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String trackingNo,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody RerouteRequest request) {
        return workflow.reroute(caller, trackingNo, request, version(ifMatch))
                .flatMap(this::view)
                .map(ComplaintAdminController::withVersion);
    }

    @PostMapping("/{trackingNo}/merge")
    @Operation(
            summary =
                    "合并重复件: close this case as a duplicate of an earlier open one (REJECTED by a MERGE step); its "
                            + "reporter follows the earlier case instead. 409 not-mergeable, or version-conflict if it moved since If-Match")
    Mono<ResponseEntity<StaffComplaintView>> merge(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String trackingNo,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody MergeRequest request) {
        return workflow.merge(caller, trackingNo, request, version(ifMatch))
                .flatMap(this::view)
                .map(ComplaintAdminController::withVersion);
    }

    /** The full number, for calling the resident back; every look is in the audit log. */
    record ContactPhone(@Nullable String phone) {}

    @GetMapping("/{trackingNo}/contact-phone")
    @Operation(summary = "The resident's full contact phone, to call back; recorded in the audit log")
    Mono<ContactPhone> contactPhone(@AuthenticationPrincipal Caller caller, @PathVariable String trackingNo) {
        return workflow.visible(caller, trackingNo)
                .doOnNext(visible -> TransitionPermissions.requireContactPhone(
                        visible.scope().role()))
                .flatMap(visible -> store.audit(
                                visible.complaint(),
                                Map.of(
                                        "at",
                                        clock.instant().toString(),
                                        "actor",
                                        caller.subject(),
                                        "role",
                                        caller.kind().name(),
                                        "action",
                                        "VIEW_CONTACT_PHONE",
                                        "trackingNo",
                                        trackingNo))
                        .thenReturn(new ContactPhone(visible.complaint().contactPhone())));
    }

    /** The version in the ETag, for the next move's If-Match. */
    private static ResponseEntity<StaffComplaintView> withVersion(StaffComplaintView view) {
        return ResponseEntity.ok().eTag("\"" + view.version() + "\"").body(view);
    }

    /** The case with its timeline and what the caller may do to it now. */
    private Mono<StaffComplaintView> view(ComplaintWorkflow.Visible visible) {
        Complaint complaint = visible.complaint();
        return Mono.zip(store.timeline(complaint.trackingNo()), followers.count(complaint.trackingNo(), null))
                .map(found -> StaffComplaintView.of(
                                complaint, properties, found.getT2().followers(), found.getT1())
                        .withActions(
                                TransitionPermissions.available(visible.scope().role(), complaint.status())));
    }

    private static @Nullable Long version(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String digits = ifMatch.replace("W/", "").replace("\"", "").trim();
        if (!digits.matches("\\d{1,18}")) {
            throw ApiException.invalid(List.of(new FieldViolation("If-Match", "应为版本号,例如 \"3\"")));
        }
        return Long.parseLong(digits);
    }
}
