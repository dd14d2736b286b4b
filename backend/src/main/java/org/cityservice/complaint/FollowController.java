package org.cityservice.complaint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.cityservice.identity.Caller;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.GeoPoint;
import org.cityservice.shared.ProblemType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * 附议: before reporting, a resident sees the open cases of the same category nearby and may follow
 * one instead of reporting it again; she then hears of it as its reporter does.
 */
@RestController
@RequestMapping("/api/v1/complaints")
@Tag(name = "诉求", description = "Complaints: report a problem and follow it (resident session token)")
class FollowController {

    static final int DEFAULT_RADIUS = 100;
    static final int MIN_RADIUS = 10;
    static final int MAX_RADIUS = 300;
    static final int MAX_NEARBY = 20;

    private final OpenCases openCases;
    private final Followers followers;
    private final ComplaintProperties properties;
    private final Clock clock;

    FollowController(OpenCases openCases, Followers followers, ComplaintProperties properties, Clock clock) {
        this.openCases = openCases;
        this.followers = followers;
        this.properties = properties;
        this.clock = clock;
    }

    /** The open cases of one category near a point, nearest first. */
    record NearbyCases(int radius, List<NearbyCaseView> items) {}

    @GetMapping("/nearby")
    @Operation(
            summary =
                    "Open cases of one category near a GCJ-02 point, nearest first (at most 20): to follow one instead of reporting it again")
    Mono<NearbyCases> nearby(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String category,
            @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lng,
            @Parameter(description = "metres, 10..300, default 100") @RequestParam(required = false) Integer radius) {
        List<FieldViolation> violations = new ArrayList<>();
        if (category == null || category.isBlank()) {
            violations.add(new FieldViolation("category", "不能为空,请从 /api/v1/complaint-categories 中选择"));
        } else if (properties.category(category) == null) {
            violations.add(ComplaintIntake.UNKNOWN_CATEGORY);
        }
        if (lat == null || !GeoPoint.validLat(lat)) {
            violations.add(new FieldViolation("lat", "应为 -85.05112878 到 85.05112878 之间的纬度(GCJ-02)"));
        }
        if (lng == null || !GeoPoint.validLng(lng)) {
            violations.add(new FieldViolation("lng", "应为 -180 到 180 之间的经度(GCJ-02)"));
        }
        int r = radius == null ? DEFAULT_RADIUS : radius;
        if (r < MIN_RADIUS || r > MAX_RADIUS) {
            violations.add(new FieldViolation("radius", "应在 " + MIN_RADIUS + " 到 " + MAX_RADIUS + " 米之间"));
        }
        if (!violations.isEmpty()) {
            throw ApiException.invalid(violations);
        }
        return openCases
                .near(category, new GeoPoint(lat, lng), r, MAX_NEARBY)
                .flatMap(hits -> followers
                        .counts(
                                hits.stream()
                                        .map(hit -> hit.item().trackingNo())
                                        .toList(),
                                caller.subject())
                        .map(counts -> new NearbyCases(
                                r,
                                hits.stream()
                                        // the scripts keep only open cases in the index; this guards the answer all the
                                        // same
                                        .filter(hit -> hit.item().status().open())
                                        .map(hit -> NearbyCaseView.of(
                                                hit,
                                                properties,
                                                counts.getOrDefault(hit.item().trackingNo(), Followers.Count.NONE),
                                                caller.subject()))
                                        .toList())));
    }

    /** Whether the caller follows the case now, and how many do. */
    record Following(String trackingNo, long followers, boolean following) {}

    @PostMapping("/{trackingNo}/followers")
    @ApiResponse(responseCode = "201", description = "已附议")
    @ApiResponse(responseCode = "200", description = "此前已附议")
    @Operation(
            summary = "附议: follow an open case someone else reported, to hear of its steps and get its survey; "
                    + "409 not-followable for my own, a closed or a rejected case")
    Mono<ResponseEntity<Following>> follow(@AuthenticationPrincipal Caller caller, @PathVariable String trackingNo) {
        return followers.follow(trackingNo, caller.subject(), clock.instant()).flatMap(outcome -> switch (outcome) {
            case ADDED, ALREADY ->
                followers.count(trackingNo, caller.subject()).map(count -> {
                    Following body = new Following(trackingNo, count.followers(), true);
                    return outcome == Followers.Outcome.ADDED
                            ? ResponseEntity.created(URI.create("/api/v1/complaints/" + trackingNo))
                                    .body(body)
                            : ResponseEntity.ok(body);
                });
            case MISSING -> Mono.error(notFound(trackingNo));
            case OWN -> Mono.error(new ApiException(ProblemType.NOT_FOLLOWABLE, "这是您自己反映的诉求,无需附议"));
            case CLOSED -> Mono.error(new ApiException(ProblemType.NOT_FOLLOWABLE, "该诉求已结案或已退回,不能附议"));
            case FULL ->
                Mono.error(new ApiException(
                        ProblemType.NOT_FOLLOWABLE, "该诉求的附议人数已达 " + Followers.MAX_PER_CASE + " 人上限,我们会继续处理"));
        });
    }

    @DeleteMapping("/{trackingNo}/followers")
    @ApiResponse(responseCode = "204", description = "已取消附议")
    @Operation(summary = "Stop following a case")
    Mono<ResponseEntity<Void>> unfollow(@AuthenticationPrincipal Caller caller, @PathVariable String trackingNo) {
        return followers
                .unfollow(trackingNo, caller.subject())
                .thenReturn(ResponseEntity.noContent().build());
    }

    /** One page of the cases I follow, most recently followed first. */
    record FollowedPage(List<FollowedComplaintView> items, int page, int size, long total) {}

    @GetMapping("/following")
    @Operation(summary = "The cases I follow (附议), most recently followed first, in the reduced view")
    Mono<FollowedPage> following(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(defaultValue = "1") Integer page,
            @RequestParam(defaultValue = "20") Integer size) {
        ComplaintController.checkPage(page, size);
        return followers
                .pageFollowed(caller.subject(), (long) (page - 1) * size, size)
                .flatMap(found -> followers
                        .counts(
                                found.items().stream()
                                        .map(Complaint::trackingNo)
                                        .toList(),
                                caller.subject())
                        .map(counts -> new FollowedPage(
                                found.items().stream()
                                        .map(c -> FollowedComplaintView.of(
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

    private static ApiException notFound(String trackingNo) {
        return ApiException.notFound("没有找到受理编号为 " + trackingNo + " 的诉求");
    }
}
