package org.cityservice.complaint;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cityservice.district.Districts;
import org.cityservice.redis.RedisKeys;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Where complaints' keys live. A case lives for good in the {@link Home} of the district its tracking number names,
 * the one it was received in (its code in {@code app.districts}; {@link Districts#UNROUTED} when no station took it):
 * its hash entry, timeline, followers, outbox, and its entries in every index, queue and stream, so that each script
 * that writes a case touches one hash tag, and a case is found from its number alone. Routed to another district
 * later, it stays where it is, indexed there under its new district, and that district's home notes the other home
 * among its {@link Home#foreignHomes() foreign homes}: a district's queue is read from its home and those. A case never
 * moves, so it can neither be lost nor doubled on the way.
 *
 * <p>A home is a hash tag, {@code {complaint:<code>}}, so on a Redis Cluster the districts' cases spread over the
 * masters while every script stays in one slot. The cases numbered before districts had codes
 * ({@code JZ20261122-000123}) stay where they were, in the {@link #legacy() legacy home} {@code {complaint}}, which
 * every city-wide reader and every district's queue also read.
 */
@Component
class ComplaintKeys {

    private static final String TAG = "complaint";
    /** {@code JZ0803-20261122-000001}: the district's code after the prefix. */
    private static final Pattern DISTRICT_IN_NUMBER = Pattern.compile("[A-Z]+(\\d{4})-\\d{8}-\\d{6}");

    private final RedisKeys keys;
    private final Districts districts;

    ComplaintKeys(RedisKeys keys, Districts districts) {
        this.keys = keys;
        this.districts = districts;
    }

    /** The home of a district's cases, by the district's code. */
    Home home(String districtCode) {
        return new Home(keys, TAG + ":" + districtCode);
    }

    /** The home of the cases numbered before districts had codes, and of what was kept before homes (backfill marks). */
    Home legacy() {
        return new Home(keys, TAG);
    }

    /** Where a case lives: the home of the district its number names. */
    Home of(Complaint complaint) {
        return numbered(complaint.trackingNo());
    }

    /** Where a case lives, by its number: the home of the district it was received in. */
    Home numbered(String trackingNo) {
        Matcher number = DISTRICT_IN_NUMBER.matcher(trackingNo);
        return number.matches() ? home(number.group(1)) : legacy();
    }

    /** The home of a district by its name (where the cases it receives will live), or of the cases no district took. */
    Home district(@Nullable String name) {
        return home(districts.codeOf(name));
    }

    /** The home of an event stream's name ({@link Home#name}). */
    Home named(String name) {
        return name.isEmpty() ? legacy() : home(name);
    }

    /** Every home, once each: what a sweep or a city-wide reader visits. */
    List<Home> homes() {
        List<Home> homes =
                new ArrayList<>(districts.codes().stream().map(this::home).toList());
        homes.add(legacy());
        return List.copyOf(homes);
    }

    /**
     * A resident's reports in one clock hour ({@code yyyyMMddHH}): counted apart from any district, since her limit
     * holds across them, in one of 256 tags taken from the SHA-256 of her id so that the counters spread.
     */
    String submissions(String residentId, String hour) {
        return keys.key(limitsTag(residentId), "submissions", residentId, hour);
    }

    /**
     * The routing of the first try of a resident's report with an idempotency key, which its retries take: kept beside
     * her hourly counter, apart from any district, so a retry finds it wherever routing would send it now.
     */
    String firstRouting(String residentId, String idempotencyKey) {
        return keys.key(limitsTag(residentId), "first-routing", residentId, idempotencyKey);
    }

    /** The routing of the first delivery of a platform's 工单, which its re-deliveries take; spread like the above. */
    String firstRoutingOfOrder(String platform, String orderId) {
        return keys.key(limitsTag(platform + ":" + orderId), "first-routing-of-order", platform, orderId);
    }

    /** One of 256 tags, by the first byte of the SHA-256 of {@code owner}, so that what is kept per owner spreads. */
    private static String limitsTag(String owner) {
        return TAG + "-limits:" + HexFormat.of().toHexDigits(sha256(owner)[0]);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    /** The keys of one home. */
    record Home(RedisKeys keys, String tag) {

        /** What the home is called where it must be named (an event stream's cursor): its district's code, "" for the legacy one. */
        String name() {
            return tag.equals(TAG) ? "" : tag.substring(TAG.length() + 1);
        }

        String key(String... parts) {
            return keys.key(tag, parts);
        }

        String cases() {
            return key("cases");
        }

        /** The names of the other homes ({@link #name}) holding cases routed to this home's district since. */
        String foreignHomes() {
            return key("foreign-homes");
        }

        String timeline(String trackingNo) {
            return key("timeline", trackingNo);
        }

        String events() {
            return key("events");
        }

        String audit() {
            return key("audit");
        }

        String all() {
            return key("all");
        }

        String byResident(String residentId) {
            return key("by-resident", residentId);
        }

        String idempotency(String residentId, String idempotencyKey) {
            return key("idempotency", residentId, idempotencyKey);
        }

        String noIdempotency() {
            return key("idempotency", "none");
        }

        String platformOrder(String platform, String orderId) {
            return key("platform-order", platform, orderId);
        }

        String sequence(String districtCode, String day) {
            return key("seq", districtCode, day);
        }

        String station(@Nullable String stationId) {
            return stationId == null ? key("unrouted") : key("by-station", stationId);
        }

        String district(@Nullable String district) {
            return district == null ? key("unrouted") : key("by-district", district);
        }

        String status(ComplaintStatus status) {
            return key("by-status", status.name());
        }

        /**
         * The cases of one station (or district) in one status: a subset of {@link #station} ({@link #district})
         * kept beside it, so the list's counts per status and a status filter read a scope without intersecting it.
         */
        String stationStatus(@Nullable String stationId, ComplaintStatus status) {
            return stationId == null
                    ? key("unrouted-status", status.name())
                    : key("by-station-status", stationId, status.name());
        }

        String districtStatus(@Nullable String district, ComplaintStatus status) {
            return district == null
                    ? key("unrouted-status", status.name())
                    : key("by-district-status", district, status.name());
        }

        String category(String category) {
            return key("by-category", category);
        }

        /** Cases of a subdistrict; those routed to none (or not routed) share one index the list never reads. */
        String subdistrict(@Nullable String subdistrict) {
            return subdistrict == null ? key("no-subdistrict") : key("by-subdistrict", subdistrict);
        }

        /** Cases marked yellow or red (督办), scored by created at like the other list indexes. */
        String alert(Deadline.Alert level) {
            return key("by-alert", level.name());
        }

        /** Cases whose clock runs, scored by when the current stage is due: the list's deadline order. */
        String deadlines() {
            return key("by-deadline");
        }

        String due(Deadline.Alert level) {
            return key("due", level.name().toLowerCase(Locale.ROOT));
        }

        /** The open cases of one category (GEO): those neither closed nor rejected, for the nearby search. */
        String openGeo(String category) {
            return key("open-geo", category);
        }

        String followers(String trackingNo) {
            return key("followers", trackingNo);
        }

        String following(String residentId) {
            return key("following", residentId);
        }

        /** The record of a duplicate of another home merged into a case of this home: its side here is written once. */
        String mergedIn(String duplicate) {
            return key("merged-in", duplicate);
        }

        String notices() {
            return key("notices");
        }

        String noticesDue() {
            return key("notices", "due");
        }

        String noticesInFlight() {
            return key("notices", "in-flight");
        }

        String noticeAttempts() {
            return key("notices", "attempts");
        }

        String noticeLog() {
            return key("notice-log");
        }

        String served(String noticeId) {
            return key("notices", "served", noticeId);
        }

        String outbox(String trackingNo) {
            return key("outbox", "case", trackingNo);
        }

        String outboxDue() {
            return key("outbox", "due");
        }

        String outboxTries() {
            return key("outbox", "tries");
        }

        String outboxFailures() {
            return key("outbox", "failures");
        }

        String outboxLeases() {
            return key("outbox", "leases");
        }

        String outboxAppended() {
            return key("outbox", "appended");
        }

        /** The list indexes a case is in besides all, its resident's and the deadline order. */
        Set<String> facets(Complaint c) {
            Set<String> facets = new LinkedHashSet<>(List.of(
                    status(c.status()),
                    station(c.routing().stationId()),
                    district(c.routing().district()),
                    subdistrict(c.routing().subdistrict()),
                    category(c.category()),
                    stationStatus(c.routing().stationId(), c.status()),
                    districtStatus(c.routing().district(), c.status())));
            if (c.deadline() != null && c.deadline().alert() != Deadline.Alert.NONE) {
                facets.add(alert(c.deadline().alert()));
            }
            return facets;
        }

        /** The list's scratch sets: fixed names suffice, a script runs alone and deletes them before it returns. */
        String listScratch(String name) {
            return key("list-scratch", name);
        }
    }
}
