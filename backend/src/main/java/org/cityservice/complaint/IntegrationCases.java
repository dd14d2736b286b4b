package org.cityservice.complaint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cityservice.identity.Resident;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.GeoPoint;
import org.cityservice.shared.LocationRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What an integration (Open311 GeoReport) may do with cases without reaching into complaint storage:
 * file one through the residents' own intake (content check, routing, time limits, events) on behalf of
 * a stand-in reporter, read one with its timeline, and search every case by category, status and
 * received time. Views and privacy are the integration's business; this hands out whole cases.
 */
@Component
public class IntegrationCases {

    /**
     * A 工单 as a hotline platform dispatched it, in our terms.
     *
     * @param location        GCJ-02; null when the caller gave only an address (then routed by the names in it)
     * @param categoryGuessed the platform's category matched none of ours: filed as {@code category}, flagged
     * @param via             how the caller reached the platform (电话, 网络), for the timeline
     */
    public record PlatformOrder(
            Complaint.External external,
            String category,
            String description,
            @Nullable GeoPoint location,
            @Nullable String address,
            @Nullable String phone,
            boolean categoryGuessed,
            String via) {}

    /** What filing a platform's order came to: the case, and whether this delivery made it (false: an earlier one did). */
    public record Filed(Complaint complaint, boolean created) {}

    /** A case and its timeline, oldest step first. */
    public record Found(Complaint complaint, List<TimelineEntry> timeline) {}

    private final ComplaintIntake intake;
    private final ComplaintStore store;
    private final ComplaintKeys keys;
    private final ComplaintProperties properties;

    IntegrationCases(ComplaintIntake intake, ComplaintStore store, ComplaintKeys keys, ComplaintProperties properties) {
        this.intake = intake;
        this.store = store;
        this.keys = keys;
        this.properties = properties;
    }

    /**
     * Files a case for {@code reporter}, marked with {@code channel}. {@code lat}/{@code lng} are GCJ-02 and
     * valid, {@code description} at most 500 characters, {@code contactPhone} null or an 11-digit mobile number
     * (never proven, so never sent SMS). Fails with {@code content-rejected} as a resident's report would.
     */
    public Mono<Complaint> file(
            Resident reporter,
            String channel,
            String category,
            String description,
            double lat,
            double lng,
            @Nullable String address,
            @Nullable String contactPhone) {
        ComplaintProperties.Category known = properties.category(category);
        if (known == null) {
            return Mono.error(ApiException.invalid(List.of(ComplaintIntake.UNKNOWN_CATEGORY)));
        }
        SubmitComplaintRequest request = new SubmitComplaintRequest(
                category, description, new LocationRequest(lat, lng), address, contactPhone, List.of());
        return intake.fileFor(reporter, request, known, channel);
    }

    /**
     * Files a hotline platform's 工单 for {@code reporter} (the platform's stand-in), once per platform and order id.
     * Fails with {@code content-rejected} as a resident's report would.
     */
    public Mono<Filed> fileFromPlatform(Resident reporter, PlatformOrder order) {
        ComplaintProperties.Category known = properties.category(order.category());
        if (known == null) {
            return Mono.error(ApiException.invalid(List.of(ComplaintIntake.UNKNOWN_CATEGORY)));
        }
        return intake.fileFromPlatform(reporter, order, known)
                .map(outcome -> new Filed(outcome.complaint(), outcome.created()));
    }

    /** Empty when there is no such case. */
    public Mono<Found> find(String trackingNo) {
        return store.find(trackingNo).zipWhen(c -> store.timeline(trackingNo), Found::new);
    }

    /**
     * Up to {@code limit} cases received in [{@code from}, {@code to}) of the given categories (empty: all) and
     * statuses (empty: all), newest first, each with its timeline. One indexed listing per category and status
     * (the staff list's script), merged here.
     */
    public Flux<Found> search(
            Set<String> categories, Set<ComplaintStatus> statuses, Instant from, Instant to, int limit) {
        List<String> categoryFilters = categories.isEmpty() ? Collections.singletonList(null) : List.copyOf(categories);
        List<ComplaintStatus> statusFilters = statuses.isEmpty() || statuses.size() == ComplaintStatus.values().length
                ? Collections.singletonList(null)
                : List.copyOf(statuses);
        List<Mono<ComplaintStore.Listing>> listings = new ArrayList<>();
        for (String category : categoryFilters) {
            for (ComplaintStatus status : statusFilters) {
                CaseFilter filter = new CaseFilter(category, null, null, null, null, null, null);
                listings.add(store.list(
                        keys.homes(),
                        ComplaintKeys.Home::all,
                        ComplaintKeys.Home::status,
                        status,
                        filter,
                        Long.toString(from.toEpochMilli()),
                        "(" + to.toEpochMilli(),
                        false,
                        0,
                        limit));
            }
        }
        return Flux.concat(listings)
                .flatMapIterable(ComplaintStore.Listing::items)
                .collectList()
                .flatMapMany(found -> {
                    Map<String, Complaint> unique = new LinkedHashMap<>();
                    found.forEach(c -> unique.putIfAbsent(c.trackingNo(), c));
                    List<Complaint> newest = unique.values().stream()
                            .sorted(Comparator.comparing(Complaint::createdAt)
                                    .reversed()
                                    .thenComparing(Complaint::trackingNo))
                            .limit(limit)
                            .toList();
                    return Flux.fromIterable(newest);
                })
                .flatMapSequential(c -> store.timeline(c.trackingNo()).map(timeline -> new Found(c, timeline)), 16);
    }
}
