package org.cityservice.complaint;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cityservice.identity.Caller;
import org.cityservice.identity.StaffDirectory;
import org.cityservice.identity.StaffScope;
import org.cityservice.listing.StationFinder;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.ProblemType;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Moves a case one step through the closed loop for a staff member: within their scope, with the
 * permission for the step, legal from the case's status ({@link ComplaintTransitions}), and only if
 * nobody moved it since the version they saw — checked and written in one Redis script, so of two
 * concurrent moves exactly one wins and the other is a 409.
 */
@Component
class ComplaintWorkflow {

    private final ComplaintStore store;
    private final StaffDirectory staff;
    private final TimeLimitPolicy timeLimits;
    private final StatusNoticePolicy notices;
    private final StationFinder stations;
    private final PhotoRecords photos;
    private final PlatformUpdates platformUpdates;
    private final Clock clock;

    ComplaintWorkflow(
            ComplaintStore store,
            StaffDirectory staff,
            TimeLimitPolicy timeLimits,
            StatusNoticePolicy notices,
            StationFinder stations,
            PhotoRecords photos,
            PlatformUpdates platformUpdates,
            Clock clock) {
        this.store = store;
        this.platformUpdates = platformUpdates;
        this.photos = photos;
        this.staff = staff;
        this.timeLimits = timeLimits;
        this.notices = notices;
        this.stations = stations;
        this.clock = clock;
    }

    /** A case the caller may see; 404 otherwise. */
    Mono<Visible> visible(Caller caller, String trackingNo) {
        return staff.scopeOf(caller)
                .flatMap(scope -> store.find(trackingNo)
                        .filter(complaint -> CaseScope.sees(scope, complaint))
                        .map(complaint -> new Visible(scope, complaint))
                        .switchIfEmpty(Mono.error(() -> notFound(trackingNo))));
    }

    record Visible(StaffScope scope, Complaint complaint) {}

    /**
     * @param expectedVersion the version the caller saw; null takes the one read now
     * @return the case as moved, with the caller's scope (what they may do next)
     */
    Mono<Visible> move(Caller caller, String trackingNo, TransitionRequest request, @Nullable Long expectedVersion) {
        return visible(caller, trackingNo)
                .delayUntil(visible -> ownPhotos(caller, request))
                .flatMap(visible -> {
                    Complaint before = visible.complaint();
                    TransitionPermissions.require(visible.scope().role(), request.action(), request.note());
                    ComplaintStatus next = ComplaintTransitions.next(before.status(), request.action())
                            .orElseThrow(() -> new ApiException(
                                    ProblemType.ILLEGAL_TRANSITION,
                                    "受理编号 " + trackingNo + " 当前为“"
                                            + before.status().label() + "”,不能"
                                            + request.action().label()));
                    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                    Deadline deadline = timeLimits.enter(next, before, now);
                    Complaint moved = before.movedTo(next, request.action() == ComplaintAction.REWORK, deadline, now);
                    String note = request.note() == null || request.note().isBlank()
                            ? null
                            : request.note().strip();
                    String station = visible.scope().stationId() != null
                            ? visible.scope().stationId()
                            : before.routing().stationId();
                    TimelineEntry entry = new TimelineEntry(
                            now,
                            next,
                            request.action(),
                            visible.scope().role().name(),
                            caller.subject(),
                            station,
                            note,
                            request.photoIds());
                    long expected = expectedVersion != null ? expectedVersion : before.version();
                    StatusNoticePolicy.Scheduled notice = notices.after(moved, note, now);
                    return platformUpdate(before, moved, request.action(), note, now)
                            .flatMap(update -> store.move(
                                    before,
                                    moved,
                                    expected,
                                    entry,
                                    ComplaintEvent.stepped(before, moved, request.action(), now),
                                    audit(caller, before, moved, request.action(), note, now),
                                    notice == null ? null : notice.notice(),
                                    notice == null ? null : notice.due(),
                                    update.orElse(null)))
                            .flatMap(result -> outcome(result, moved, trackingNo))
                            .map(written -> new Visible(visible.scope(), written));
                });
    }

    /** "After" photos belong to handling, and each must be one the acting staff member uploaded. */
    private Mono<Void> ownPhotos(Caller caller, TransitionRequest request) {
        if (request.photoIds().isEmpty()) {
            return Mono.empty();
        }
        if (request.action() != ComplaintAction.HANDLE) {
            return Mono.error(ApiException.invalid(List.of(new FieldViolation("photos", "只有处置时可以附上照片"))));
        }
        return Flux.fromIterable(request.photoIds())
                .concatMap(id -> photos.find(id)
                        .filter(meta -> caller.subject().equals(meta.get("owner")))
                        .switchIfEmpty(Mono.error(() -> ApiException.invalid(
                                List.of(new FieldViolation("photos", "照片 " + id + " 不存在或不是您上传的"))))))
                .then();
    }

    /**
     * 改派: sends a case to another station with a reason, keeping its status and clock. Admins route
     * anywhere; a dispatcher only to a station of their own district. Closed and rejected cases stay put.
     */
    Mono<Visible> reroute(Caller caller, String trackingNo, RerouteRequest request, @Nullable Long expectedVersion) {
        return visible(caller, trackingNo).flatMap(visible -> {
            Complaint before = visible.complaint();
            TransitionPermissions.require(visible.scope().role(), ComplaintAction.REROUTE, request.reason());
            if (ComplaintTransitions.aside(before.status(), ComplaintAction.REROUTE)
                    .isEmpty()) {
                return Mono.error(new ApiException(
                        ProblemType.ILLEGAL_TRANSITION,
                        "受理编号 " + trackingNo + " 当前为“" + before.status().label() + "”,不能改派"));
            }
            return stations.find(request.stationId(), before.location())
                    .switchIfEmpty(Mono.error(
                            () -> ApiException.invalid(List.of(new FieldViolation("stationId", "没有这个社区城管服务站")))))
                    .flatMap(station -> {
                        if (!visible.scope().district(station.district())) {
                            return Mono.error(new ApiException(ProblemType.FORBIDDEN, station.name() + "不在您的管辖范围内"));
                        }
                        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                        Complaint.Routing routing = new Complaint.Routing(
                                station.id(),
                                station.name(),
                                station.district(),
                                station.subdistrict(),
                                station.distance() < 0 ? null : station.distance());
                        Complaint rerouted = before.reroutedTo(routing, now);
                        String reason = request.reason().strip();
                        TimelineEntry entry = new TimelineEntry(
                                now,
                                before.status(),
                                ComplaintAction.REROUTE,
                                visible.scope().role().name(),
                                caller.subject(),
                                station.id(),
                                "改派至" + station.name() + ":" + reason);
                        return store.reroute(
                                        before,
                                        rerouted,
                                        expectedVersion != null ? expectedVersion : before.version(),
                                        entry,
                                        ComplaintEvent.stepped(before, rerouted, ComplaintAction.REROUTE, now),
                                        audit(caller, before, rerouted, ComplaintAction.REROUTE, reason, now))
                                .flatMap(result -> outcome(result, rerouted, trackingNo))
                                .map(written -> new Visible(visible.scope(), written));
                    });
        });
    }

    /**
     * 合并重复件: the case {@code trackingNo} reports the problem the earlier case {@code request.into()} does.
     * It leaves the loop as REJECTED by a MERGE step (only closings are surveyed, so its reporter gets no survey
     * of it, and is told it was merged), and its reporter follows the earlier case instead (附议: its notices and
     * its survey), with a note in both timelines and an audit entry — one script when both live in one home, so a
     * merge never loses the follow; two across homes, the earlier case's side first ({@link ComplaintStore#merge}).
     * Both cases must be open and in the caller's scope; the earlier case itself is not changed, so its version
     * stays. Followers of the duplicate stay where they are (they hear it was rejected).
     */
    Mono<Visible> merge(Caller caller, String trackingNo, MergeRequest request, @Nullable Long expectedVersion) {
        String intoNo = request.into().strip();
        return visible(caller, trackingNo).flatMap(visible -> {
            TransitionPermissions.require(visible.scope().role(), ComplaintAction.MERGE, request.note());
            if (intoNo.equals(trackingNo)) {
                return Mono.error(notMergeable("不能将受理编号 " + trackingNo + " 合并到它自己"));
            }
            return visible(caller, intoNo).flatMap(into -> {
                Complaint before = visible.complaint();
                Complaint earlier = into.complaint();
                ComplaintStatus next = ComplaintTransitions.aside(before.status(), ComplaintAction.MERGE)
                        .orElse(null);
                if (next == null) {
                    return Mono.error(new ApiException(
                            ProblemType.ILLEGAL_TRANSITION,
                            "受理编号 " + trackingNo + " 当前为“" + before.status().label() + "”,不能合并"));
                }
                if (!earlier.status().open()) {
                    return Mono.error(notMergeable(
                            "受理编号 " + intoNo + " 当前为“" + earlier.status().label() + "”,不能再并入其他诉求"));
                }
                if (!reportedBefore(earlier, before)) {
                    return Mono.error(notMergeable("只能合并到更早受理的诉求:受理编号 " + intoNo + " 晚于 " + trackingNo));
                }
                Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                Complaint merged = before.movedTo(next, false, timeLimits.enter(next, before, now), now);
                String note = request.note() == null || request.note().isBlank()
                        ? null
                        : request.note().strip();
                String role = visible.scope().role().name();
                TimelineEntry left = new TimelineEntry(
                        now,
                        next,
                        ComplaintAction.MERGE,
                        role,
                        caller.subject(),
                        before.routing().stationId(),
                        "已合并至 " + intoNo + (note == null ? "" : ":" + note));
                TimelineEntry joined = new TimelineEntry(
                        now,
                        earlier.status(),
                        ComplaintAction.MERGE,
                        role,
                        caller.subject(),
                        earlier.routing().stationId(),
                        "已并入重复件 " + trackingNo + (note == null ? "" : ":" + note));
                // the reporter of both needs no follow: she hears of the earlier case as its reporter
                String follower = before.residentId().equals(earlier.residentId()) ? null : before.residentId();
                ComplaintEvent event = ComplaintEvent.stepped(before, merged, ComplaintAction.MERGE, now)
                        .mergedInto(intoNo);
                Map<String, String> audit = audit(caller, before, merged, ComplaintAction.MERGE, note, now);
                audit.put("into", intoNo);
                StatusNoticePolicy.Scheduled notice = notices.after(merged, left.note(), now);
                // the platform knows the earlier case by its own order number, if it dispatched that one too
                String toPlatform = before.external() != null
                                && earlier.external() != null
                                && before.external()
                                        .platform()
                                        .equals(earlier.external().platform())
                        ? left.note() + "(平台工单号 " + earlier.external().orderId() + ")"
                        : left.note();
                return platformUpdate(before, merged, ComplaintAction.MERGE, toPlatform, now)
                        .flatMap(update -> store.merge(
                                before,
                                merged,
                                expectedVersion != null ? expectedVersion : before.version(),
                                left,
                                earlier,
                                joined,
                                follower,
                                now,
                                event,
                                audit,
                                notice == null ? null : notice.notice(),
                                notice == null ? null : notice.due(),
                                update.orElse(null)))
                        .flatMap(result -> result.result() == ComplaintStore.Moved.Result.INTO_DONE
                                ? Mono.error(notMergeable("受理编号 " + intoNo + " 已结案或已退回,不能再并入其他诉求"))
                                : outcome(result, merged, trackingNo))
                        .map(written -> new Visible(visible.scope(), written));
            });
        });
    }

    /** What the case's platform hears of this move, if it came from one and follows such steps. */
    private Mono<Optional<PlatformUpdate>> platformUpdate(
            Complaint before, Complaint moved, ComplaintAction action, @Nullable String note, Instant at) {
        return platformUpdates
                .after(before, moved, action, note, at)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty());
    }

    /** Earlier by its receipt; within one second by its number, which counts up through the day. */
    private static boolean reportedBefore(Complaint earlier, Complaint later) {
        int byTime = earlier.createdAt().compareTo(later.createdAt());
        return byTime < 0 || byTime == 0 && earlier.trackingNo().compareTo(later.trackingNo()) < 0;
    }

    private static ApiException notMergeable(String detail) {
        return new ApiException(ProblemType.NOT_MERGEABLE, detail);
    }

    private Mono<Complaint> outcome(ComplaintStore.Moved result, Complaint written, String trackingNo) {
        if (result.ok()) {
            return Mono.just(written);
        }
        if (result.result() == ComplaintStore.Moved.Result.MISSING) {
            return Mono.error(notFound(trackingNo));
        }
        return Mono.error(new ApiException(
                ProblemType.VERSION_CONFLICT,
                "该诉求已被他人处理(当前版本 " + result.version() + "),请刷新后再操作",
                List.of(),
                Map.of("currentVersion", result.version())));
    }

    /**
     * 重办 on a resident's word, the reporter's or a follower's (附议): the follow-up survey said "not
     * solved" or 不满意, so a closed case becomes REOPENED, recorded as the resident's step (role
     * RESIDENT for the reporter, FOLLOWER for a follower) with their answer as its note. False when the
     * case is not closed (any more); a concurrent move is retried on the fresh case.
     */
    Mono<Boolean> reopenForResident(String trackingNo, String residentId, String note) {
        return store.find(trackingNo)
                .switchIfEmpty(Mono.error(() -> notFound(trackingNo)))
                .flatMap(before -> {
                    if (before.status() != ComplaintStatus.CLOSED) {
                        return Mono.just(false);
                    }
                    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
                    Complaint moved = before.movedTo(
                            ComplaintStatus.REOPENED,
                            false,
                            timeLimits.enter(ComplaintStatus.REOPENED, before, now),
                            now);
                    String role = before.residentId().equals(residentId) ? "RESIDENT" : "FOLLOWER";
                    TimelineEntry entry = new TimelineEntry(
                            now,
                            ComplaintStatus.REOPENED,
                            ComplaintAction.REOPEN,
                            role,
                            null,
                            before.routing().stationId(),
                            note);
                    StatusNoticePolicy.Scheduled notice = notices.after(moved, note, now);
                    return platformUpdate(before, moved, ComplaintAction.REOPEN, note, now)
                            .flatMap(update -> store.move(
                                    before,
                                    moved,
                                    before.version(),
                                    entry,
                                    ComplaintEvent.stepped(before, moved, ComplaintAction.REOPEN, now),
                                    audit("survey", role, before, moved, ComplaintAction.REOPEN, note, now),
                                    notice == null ? null : notice.notice(),
                                    notice == null ? null : notice.due(),
                                    update.orElse(null)))
                            .flatMap(result -> result.ok()
                                    ? Mono.just(true)
                                    : result.result() == ComplaintStore.Moved.Result.CONFLICT
                                            ? reopenForResident(trackingNo, residentId, note)
                                            : Mono.just(false));
                });
    }

    private static Map<String, String> audit(
            Caller caller,
            Complaint before,
            Complaint moved,
            ComplaintAction action,
            @Nullable String note,
            Instant at) {
        return audit(caller.subject(), caller.kind().name(), before, moved, action, note, at);
    }

    private static Map<String, String> audit(
            String actor,
            String role,
            Complaint before,
            Complaint moved,
            ComplaintAction action,
            @Nullable String note,
            Instant at) {
        Map<String, String> audit = new LinkedHashMap<>();
        audit.put("at", at.toString());
        audit.put("actor", actor);
        audit.put("role", role);
        audit.put("action", action.name());
        audit.put("trackingNo", moved.trackingNo());
        audit.put("from", before.status().name());
        audit.put("to", moved.status().name());
        audit.put("note", note);
        return audit;
    }

    private static ApiException notFound(String trackingNo) {
        return ApiException.notFound("没有找到受理编号为 " + trackingNo + " 的诉求");
    }
}
