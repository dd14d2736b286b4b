package org.cityservice.complaint;

import java.time.Duration;
import java.util.List;
import org.cityservice.identity.ContentCheck;
import org.cityservice.identity.Resident;
import org.cityservice.identity.ResidentDirectory;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.wechat.WechatGateway.TextScene;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * 受理: a resident's report becomes a case. A retry with the same {@code Idempotency-Key} gets the
 * first case back and creates nothing (it is routed as its first try was, {@link FirstRoutings}); otherwise the case is routed to the nearest station, the tracking number of
 * its district is taken with the rate limit, the description passes the content check, and case, indexes, first
 * timeline entry and RECEIVED event are written in one step.
 */
@Component
class ComplaintIntake {

    /**
     * The case, and whether this request made it (then {@code first} is its only timeline entry, so
     * the answer needs no second read) or an earlier one with the same key did ({@code first} null).
     */
    record Outcome(
            Complaint complaint, boolean created, @Nullable TimelineEntry first) {}

    private final ComplaintStore store;
    private final ComplaintKeys keys;
    private final TrackingNumbers trackingNumbers;
    private final ContentCheck contentCheck;
    private final RoutingPolicy routing;
    private final FirstRoutings firstRoutings;
    private final ResidentDirectory residents;
    private final TimeLimitPolicy timeLimits;
    private final PhotoRecords photos;

    ComplaintIntake(
            ComplaintStore store,
            ComplaintKeys keys,
            TrackingNumbers trackingNumbers,
            ContentCheck contentCheck,
            RoutingPolicy routing,
            FirstRoutings firstRoutings,
            ResidentDirectory residents,
            TimeLimitPolicy timeLimits,
            PhotoRecords photos) {
        this.store = store;
        this.keys = keys;
        this.photos = photos;
        this.trackingNumbers = trackingNumbers;
        this.contentCheck = contentCheck;
        this.routing = routing;
        this.firstRoutings = firstRoutings;
        this.residents = residents;
        this.timeLimits = timeLimits;
    }

    Mono<Outcome> submit(
            String residentId,
            SubmitComplaintRequest request,
            ComplaintProperties.Category category,
            @Nullable String idempotencyKey) {
        // routing is in memory and names the home of the case and the district whose number it takes; a retry takes
        // the routing of its first try, so it finds that try's case where it was filed (or in the legacy home, for a
        // try before districts had homes), or files its own there
        return routing.route(request.location().toPoint()).flatMap(routed -> {
            if (idempotencyKey == null) {
                return create(residentId, request, category, null, routed, null);
            }
            String pin = keys.firstRouting(residentId, idempotencyKey);
            return firstRoutings
                    .kept(pin)
                    .defaultIfEmpty(routed)
                    .flatMap(first -> Flux.just(keys.district(first.district()), keys.legacy())
                            .concatMap(where -> store.firstWith(where, residentId, idempotencyKey))
                            .next()
                            .flatMap(store::find)
                            // the first attempt may have been answered 503 for want of a replica: not this one
                            .flatMap(filed -> store.confirm(keys.of(filed)).thenReturn(new Outcome(filed, false, null)))
                            .switchIfEmpty(Mono.defer(
                                    () -> create(residentId, request, category, idempotencyKey, first, pin))));
        });
    }

    private Mono<Outcome> create(
            String residentId,
            SubmitComplaintRequest request,
            ComplaintProperties.Category category,
            @Nullable String idempotencyKey,
            Complaint.Routing routed,
            @Nullable String pin) {
        // the hourly limit is counted with the number, before the content check spends a call to WeChat; the routing
        // is kept for retries once the limit and the check let the report through (a refused one, edited, may be
        // sent again from elsewhere), before the case is written (so a retry of a write answered 503 finds it)
        Mono<Void> keep =
                pin == null ? Mono.empty() : firstRoutings.keep(pin, routed, ComplaintStore.IDEMPOTENCY_WINDOW);
        return requireOwnPhotos(residentId, request.photoIds())
                .then(Mono.defer(() -> trackingNumbers.nextFor(residentId, routed)))
                .flatMap(issued -> residents
                        .resident(residentId)
                        .switchIfEmpty(Mono.error(() -> ApiException.notFound("账号不存在或已注销")))
                        .flatMap(resident -> contentCheck
                                .check(resident, "问题描述", request.description(), TextScene.FORUM)
                                .flatMap(verdict -> keep.then(Mono.defer(() ->
                                        file(resident, request, category, verdict, routed, issued, idempotencyKey))))));
    }

    /**
     * A case filed on behalf of an integration ({@code channel}, e.g. Open311) rather than a WeChat resident:
     * {@code reporter} is the integration's stand-in (no WeChat account behind it, so no notices or surveys reach
     * it, and its contact phone is never proven). The caller has taken its own rate limit; no photos, no
     * idempotency key. The content check and routing are the residents' own.
     */
    Mono<Complaint> fileFor(
            Resident reporter,
            SubmitComplaintRequest request,
            ComplaintProperties.Category category,
            @Nullable String channel) {
        return contentCheck
                .check(reporter, "问题描述", request.description(), TextScene.FORUM)
                .flatMap(verdict -> routing.route(request.location().toPoint())
                        .flatMap(routed -> trackingNumbers
                                .next(routed)
                                .flatMap(issued ->
                                        file(reporter, request, category, verdict, routed, issued, null, channel))))
                .map(Outcome::complaint);
    }

    private Mono<Outcome> file(
            Resident resident,
            SubmitComplaintRequest request,
            ComplaintProperties.Category category,
            ContentCheck.Verdict verdict,
            Complaint.Routing routing,
            TrackingNumbers.Issued issued,
            @Nullable String idempotencyKey) {
        return file(resident, request, category, verdict, routing, issued, idempotencyKey, Complaint.MINIPROGRAM);
    }

    /**
     * A 工单 a hotline platform dispatched, filed once per platform and order id: a second delivery finds the first
     * case. Routed by its point, or by the names in its address when it has none; a case that could be neither routed
     * nor given a category of ours is flagged for a dispatcher. The caller's number came from the platform, which took
     * the call, so it counts as proven: the follow-up survey goes there by SMS (status notices do not: the platform
     * tells its caller itself).
     */
    Mono<Outcome> fileFromPlatform(
            Resident reporter, IntegrationCases.PlatformOrder order, ComplaintProperties.Category category) {
        String pin = keys.firstRoutingOfOrder(
                order.external().platform(), order.external().orderId());
        return (order.location() != null ? routing.route(order.location()) : routing.routeByAddress(order.address()))
                // a re-delivery takes the routing of the first delivery, which names the home the order was filed in
                .flatMap(routed -> firstRoutings.kept(pin).defaultIfEmpty(routed))
                .flatMap(routed -> {
                    // an order filed before districts had homes is known in the legacy home
                    ComplaintKeys.Home home = keys.district(routed.district());
                    return Flux.just(home, keys.legacy())
                            .concatMap(where -> store.caseOfOrder(
                                    where,
                                    order.external().platform(),
                                    order.external().orderId()))
                            .next()
                            .flatMap(store::find)
                            .flatMap(first -> store.confirm(keys.of(first)).thenReturn(new Outcome(first, false, null)))
                            .switchIfEmpty(Mono.defer(() -> contentCheck
                                    .check(reporter, "问题描述", order.description(), TextScene.FORUM)
                                    .flatMap(verdict -> trackingNumbers
                                            .next(routed)
                                            // kept before the case is written, so a re-delivery of a write answered
                                            // 503 finds it
                                            .flatMap(issued -> firstRoutings
                                                    .keep(pin, routed, Duration.ZERO)
                                                    .thenReturn(issued))
                                            .flatMap(issued ->
                                                    fileOrder(reporter, order, category, verdict, routed, issued)))));
                });
    }

    private Mono<Outcome> fileOrder(
            Resident reporter,
            IntegrationCases.PlatformOrder order,
            ComplaintProperties.Category category,
            ContentCheck.Verdict verdict,
            Complaint.Routing routed,
            TrackingNumbers.Issued issued) {
        boolean flagged =
                verdict.flagged() || order.categoryGuessed() || order.location() == null && routed.district() == null;
        Complaint complaint = new Complaint(
                issued.trackingNo(),
                reporter.id(),
                category.code(),
                order.description().strip(),
                order.location(),
                blankToNull(order.address()),
                order.phone(),
                order.phone() != null,
                List.of(),
                ComplaintStatus.RECEIVED,
                routed,
                flagged,
                0,
                timeLimits.enter(ComplaintStatus.RECEIVED, category.limits(), issued.at(), order.external()),
                issued.at(),
                issued.at(),
                1,
                Complaint.HOTLINE,
                order.external());
        TimelineEntry first = new TimelineEntry(
                issued.at(),
                ComplaintStatus.RECEIVED,
                null,
                "INTEGRATION",
                reporter.id(),
                null,
                "12345 热线转办(" + order.via() + ",工单号 " + order.external().orderId() + ")");
        return store.submitOrder(complaint, first, ComplaintEvent.received(complaint))
                .flatMap(submitted -> submitted.created()
                        ? Mono.just(new Outcome(complaint, true, first))
                        : store.find(submitted.trackingNo()).map(existing -> new Outcome(existing, false, null)));
    }

    /** Writes the case with its first timeline entry, or finds the one a racing retry with the same key wrote. */
    private Mono<Outcome> file(
            Resident resident,
            SubmitComplaintRequest request,
            ComplaintProperties.Category category,
            ContentCheck.Verdict verdict,
            Complaint.Routing routing,
            TrackingNumbers.Issued issued,
            @Nullable String idempotencyKey,
            @Nullable String channel) {
        String phone = request.contactPhone() != null ? request.contactPhone() : resident.phone();
        boolean proven = phone != null && phone.equals(resident.phone());
        Complaint complaint = new Complaint(
                issued.trackingNo(),
                resident.id(),
                category.code(),
                request.description().strip(),
                request.location().toPoint(),
                blankToNull(request.address()),
                phone,
                proven,
                request.photoIds(),
                ComplaintStatus.RECEIVED,
                routing,
                verdict.flagged(),
                0,
                timeLimits.enter(ComplaintStatus.RECEIVED, category.limits(), issued.at(), null),
                issued.at(),
                issued.at(),
                1,
                channel,
                null);
        TimelineEntry first = channel == null
                ? new TimelineEntry(issued.at(), ComplaintStatus.RECEIVED, null, "RESIDENT", null, null, "诉求已受理")
                : new TimelineEntry(
                        issued.at(),
                        ComplaintStatus.RECEIVED,
                        null,
                        "INTEGRATION",
                        resident.id(),
                        null,
                        "诉求已受理(" + channel + ")");
        return store.submit(complaint, first, idempotencyKey, ComplaintEvent.received(complaint))
                .flatMap(submitted -> submitted.created()
                        ? Mono.just(new Outcome(complaint, true, first))
                        : store.find(submitted.trackingNo()).map(existing -> new Outcome(existing, false, null)));
    }

    /** Every photo named must be one this resident uploaded. */
    private Mono<Void> requireOwnPhotos(String residentId, List<String> ids) {
        return Flux.fromIterable(ids)
                .concatMap(id -> photos.find(id)
                        .filter(meta -> residentId.equals(meta.get("owner")))
                        .switchIfEmpty(Mono.error(() -> ApiException.invalid(
                                List.of(new FieldViolation("photos", "照片 " + id + " 不存在或不是您上传的"))))))
                .then();
    }

    /** What reporting, and the nearby search, answer for a category nobody offers. */
    static final FieldViolation UNKNOWN_CATEGORY =
            new FieldViolation("category", "未知的诉求类别,请从 /api/v1/complaint-categories 中选择");

    static ComplaintProperties.Category requireCategory(ComplaintProperties properties, String code) {
        ComplaintProperties.Category category = properties.category(code);
        if (category == null) {
            throw ApiException.invalid(List.of(UNKNOWN_CATEGORY));
        }
        return category;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
