package org.cityservice.complaint;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LeasedQueue;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.ScriptReply;
import org.cityservice.redis.StreamEntry;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.cityservice.shared.GeoPoint;
import org.cityservice.shared.ProblemType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;
import tools.jackson.databind.json.JsonMapper;

/**
 * Cases in Redis, each in the home of its district ({@link ComplaintKeys}, docs/redis-keys.md): a hash of case JSON
 * by tracking number, index sorted sets (per resident, per station, all), a timeline list per case,
 * and the event stream later features read. A case, its index entries, its timeline entry and its
 * event are written by one script: all of them or none; the photos it names are claimed before, apart.
 */
@Component
class ComplaintStore {

    private static final Logger log = LoggerFactory.getLogger(ComplaintStore.class);

    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private static final RedisScript<Long> TAKE_NUMBER = LuaScripts.load("complaint/take-number", Long.class);
    private static final RedisScript<Long> COUNT = LuaScripts.load("redis/count-with-expiry", Long.class);

    private static final RedisScript<String> SUBMIT = LuaScripts.load("complaint/submit", String.class);
    private static final RedisScript<String> LIST = LuaScripts.load("complaint/list", String.class);
    private static final RedisScript<String> MOVE = LuaScripts.load("complaint/move", String.class);
    private static final RedisScript<String> ESCALATE = LuaScripts.load("complaint/escalate", String.class);
    private static final RedisScript<String> ERASE_CONTACT = LuaScripts.load("complaint/erase-contact", String.class);
    private static final RedisScript<Long> NOTICE_DONE = LuaScripts.load("complaint/notice-done", Long.class);
    private static final RedisScript<String> MERGE = LuaScripts.load("complaint/merge", String.class);
    private static final RedisScript<String> MERGE_IN = LuaScripts.load("complaint/merge-in", String.class);
    private static final RedisScript<Long> MERGE_IN_END = LuaScripts.load("complaint/merge-in-end", Long.class);

    /** Stream ids newest first: by time, then by sequence. */
    private static final Comparator<RecordId> NEWEST_ID = Comparator.comparingLong(RecordId::getTimestamp)
            .thenComparingLong(RecordId::getSequence)
            .reversed();

    /** What a submission came to: a new case, or the one an earlier try with the same key made. */
    record Submitted(String trackingNo, boolean created) {}

    /** One page of cases, newest first. */
    record Page(long total, List<Complaint> items) {}

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final ComplaintKeys keys;
    private final JsonMapper json;
    private final PhotoRecords photos;
    private final DistrictHomes districtHomes;

    ComplaintStore(
            ReactiveStringRedisTemplate redis,
            AcknowledgedWrites writes,
            ComplaintKeys keys,
            JsonMapper json,
            PhotoRecords photos,
            DistrictHomes districtHomes) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
        this.json = json;
        this.photos = photos;
        this.districtHomes = districtHomes;
    }

    /** The status notices of one home, a queue its senders lease from. */
    private LeasedQueue notices(ComplaintKeys.Home home) {
        return new LeasedQueue(redis, json, home.notices(), home.noticesDue(), home.noticesInFlight());
    }

    /** A number taken for a day, and the resident's submissions this hour it was counted with (0: none counted). */
    record Taken(long submissions, long number) {}

    /** The district's next number of the day: 1, 2, 3, … */
    Mono<Long> nextOfDay(String district, LocalDate day) {
        return redis.execute(
                        TAKE_NUMBER,
                        List.of(keys.home(district).sequence(district, DAY.format(day))),
                        List.of(String.valueOf(Duration.ofDays(2).toSeconds())))
                .single();
    }

    /**
     * Counts a resident's submission in this hour (the count lapses with the hour) and, while the count is within
     * {@code maxPerHour}, takes the district's next number of the day; over the limit, the number is 0 and none is
     * taken.
     */
    Mono<Taken> nextOfDayWithin(String district, LocalDate day, String residentId, String hour, int maxPerHour) {
        return redis.execute(
                        COUNT,
                        List.of(keys.submissions(residentId, hour)),
                        List.of(String.valueOf(Duration.ofHours(1).toSeconds())))
                .single()
                .flatMap(count -> count > maxPerHour
                        ? Mono.just(new Taken(count, 0))
                        : nextOfDay(district, day).map(number -> new Taken(count, number)));
    }

    /** The tracking number an earlier submission with this key got, if any: it is kept in its case's home. */
    Mono<String> firstWith(ComplaintKeys.Home home, String residentId, String idempotencyKey) {
        return redis.opsForValue().get(home.idempotency(residentId, idempotencyKey));
    }

    Mono<Submitted> submit(
            Complaint complaint, TimelineEntry first, @Nullable String idempotencyKey, ComplaintEvent event) {
        ComplaintKeys.Home home = keys.of(complaint);
        return submit(
                home,
                complaint,
                first,
                idempotencyKey == null
                        ? home.noIdempotency()
                        : home.idempotency(complaint.residentId(), idempotencyKey),
                idempotencyKey == null ? "0" : Long.toString(IDEMPOTENCY_WINDOW.toSeconds()),
                event);
    }

    /** Files a platform's 工单 once: its order names the case for good, in the case's home. */
    Mono<Submitted> submitOrder(Complaint complaint, TimelineEntry first, ComplaintEvent event) {
        ComplaintKeys.Home home = keys.of(complaint);
        Complaint.External order = Objects.requireNonNull(complaint.external(), "a platform's case names its order");
        return submit(home, complaint, first, home.platformOrder(order.platform(), order.orderId()), "ever", event);
    }

    /** The case a platform's order became, if it was filed: it is kept in the home of the district it was routed to. */
    Mono<String> caseOfOrder(ComplaintKeys.Home home, String platform, String orderId) {
        return redis.opsForValue().get(home.platformOrder(platform, orderId));
    }

    private Mono<Submitted> submit(
            ComplaintKeys.Home home,
            Complaint complaint,
            TimelineEntry first,
            String onceKey,
            String onceFor,
            ComplaintEvent event) {
        List<String> scriptKeys = new ArrayList<>(List.of(
                onceKey,
                home.cases(),
                home.byResident(complaint.residentId()),
                home.station(complaint.routing().stationId()),
                home.district(complaint.routing().district()),
                home.all(),
                home.status(complaint.status()),
                home.timeline(complaint.trackingNo()),
                home.events(),
                home.due(Deadline.Alert.YELLOW),
                home.due(Deadline.Alert.RED),
                home.openGeo(complaint.category()),
                home.category(complaint.category()),
                home.subdistrict(complaint.routing().subdistrict()),
                home.deadlines(),
                home.stationStatus(complaint.routing().stationId(), complaint.status()),
                home.districtStatus(complaint.routing().district(), complaint.status())));
        List<String> args = new ArrayList<>(List.of(
                complaint.trackingNo(),
                json.writeValueAsString(complaint),
                Long.toString(complaint.createdAt().toEpochMilli()),
                json.writeValueAsString(first),
                onceFor));
        args.addAll(dueTimes(complaint.deadline()));
        args.addAll(lngLat(complaint.location()));
        args.add(StreamEntry.argument(json, event.fields()));
        Mono<Submitted> written = districtHomes
                .note(home)
                .then(writes.execute(SUBMIT, scriptKeys, args).single())
                .map(reply -> {
                    int space = reply.indexOf(' ');
                    if (reply.startsWith("number-taken")) {
                        // the day's sequence went back (deleted, evicted): each retry takes the next number and passes
                        // it
                        log.error(
                                "Tracking number {} is taken: the day's sequence went back",
                                reply.substring(space + 1));
                        throw new ApiException(ProblemType.SERVICE_UNAVAILABLE, "暂时无法受理,请稍后再试");
                    }
                    return new Submitted(reply.substring(space + 1), reply.startsWith("created"));
                });
        // the photos are claimed for the number first, in their own slot; one already claimed may be a racing try's
        // with the same key, which then names its case
        return photos.claim(complaint.photos(), complaint.trackingNo(), complaint.createdAt())
                .flatMap(gone -> redis.opsForValue()
                        .get(onceKey)
                        .map(earlier -> new Submitted(earlier, false))
                        .switchIfEmpty(Mono.error(() -> photoGone(gone))))
                .switchIfEmpty(Mono.defer(() -> written))
                .flatMap(submitted -> submitted.created()
                        ? photos.settle(complaint.photos()).thenReturn(submitted)
                        : Mono.just(submitted));
    }

    /**
     * What a move came to ({@code move.lua}, {@code merge.lua}): the new version, or the version that was current
     * instead, or no such case, or (a merge) an earlier case closed or rejected by now.
     */
    record Moved(Result result, long version) {

        enum Result {
            OK,
            CONFLICT,
            MISSING,
            INTO_DONE
        }

        boolean ok() {
            return result == Result.OK;
        }
    }

    /**
     * Writes {@code moved} if the case is still at {@code expectedVersion}, with its timeline entry, event
     * and audit entry, attaching the photos the entry names.
     */
    Mono<Moved> move(
            Complaint before,
            Complaint moved,
            long expectedVersion,
            TimelineEntry entry,
            ComplaintEvent event,
            Map<String, String> audit,
            @Nullable StatusNotice notice,
            @Nullable Instant noticeDue,
            @Nullable PlatformUpdate update) {
        return change(before, moved, expectedVersion, entry, event, audit, notice, noticeDue, update);
    }

    /**
     * Writes {@code rerouted} if the case is still at {@code expectedVersion}, moving it between station, district and
     * subdistrict indexes. Routed to a district other than the one it was received in, it stays in its home, which
     * the new district's home notes first among its foreign homes (confirmed like the case), so that district's queue
     * finds it: two steps of one slot each, and a case that never moves.
     */
    Mono<Moved> reroute(
            Complaint before,
            Complaint rerouted,
            long expectedVersion,
            TimelineEntry entry,
            ComplaintEvent event,
            Map<String, String> audit) {
        ComplaintKeys.Home home = keys.of(rerouted);
        ComplaintKeys.Home district = keys.district(rerouted.routing().district());
        Mono<Void> noted = district.equals(home)
                ? Mono.empty()
                : redis.opsForSet()
                        .add(district.foreignHomes(), home.name())
                        .then(writes.confirm(district.foreignHomes()));
        return noted.then(
                Mono.defer(() -> change(before, rerouted, expectedVersion, entry, event, audit, null, null, null)));
    }

    /**
     * The homes a district's cases are in: its own, the legacy one (cases numbered before districts had codes), and
     * those of the cases received elsewhere and routed to it since.
     */
    Mono<List<ComplaintKeys.Home>> homesOf(@Nullable String district) {
        ComplaintKeys.Home home = keys.district(district);
        return redis.opsForSet()
                .members(home.foreignHomes())
                .map(keys::named)
                .startWith(home, keys.legacy())
                .distinct()
                .collectList();
    }

    /**
     * One conditional change of a case ({@code move.lua}): it leaves the indexes of {@code before} it is no longer
     * in and joins all of those of {@code changed} (joining again is harmless, and heals a case indexed before
     * an index existed).
     */
    private Mono<Moved> change(
            Complaint before,
            Complaint changed,
            long expectedVersion,
            TimelineEntry entry,
            ComplaintEvent event,
            Map<String, String> audit,
            @Nullable StatusNotice notice,
            @Nullable Instant noticeDue,
            @Nullable PlatformUpdate update) {
        ComplaintKeys.Home home = keys.of(before);
        List<String> scriptKeys = new ArrayList<>(List.of(
                home.cases(),
                home.timeline(changed.trackingNo()),
                home.events(),
                home.audit(),
                home.due(Deadline.Alert.YELLOW),
                home.due(Deadline.Alert.RED),
                home.notices(),
                home.noticesDue(),
                home.openGeo(changed.category()),
                home.followers(changed.trackingNo()),
                home.alert(Deadline.Alert.YELLOW),
                home.alert(Deadline.Alert.RED),
                home.deadlines(),
                home.outbox(changed.trackingNo()),
                home.outboxDue()));
        Set<String> after = home.facets(changed);
        List<String> left = left(home, before, after);
        scriptKeys.addAll(left);
        scriptKeys.addAll(after);
        List<String> args = new ArrayList<>(List.of(
                changed.trackingNo(),
                Long.toString(expectedVersion),
                json.writeValueAsString(changed),
                Long.toString(changed.createdAt().toEpochMilli()),
                json.writeValueAsString(entry)));
        args.addAll(dueTimes(changed.deadline()));
        args.addAll(
                notice == null
                        ? List.of("", "", "")
                        : List.of(
                                notice.trackingNo(),
                                json.writeValueAsString(notice),
                                Long.toString(Objects.requireNonNull(noticeDue, "a notice comes with its due time")
                                        .toEpochMilli())));
        args.addAll(lngLat(changed.location()));
        args.add(changed.status().open() ? "1" : "0");
        // a closing names the followers of that moment in its event: the survey feature asks each of them
        args.add(changed.status() == ComplaintStatus.CLOSED ? "1" : "0");
        args.add(StreamEntry.argument(json, event.fields()));
        args.add(Integer.toString(left.size()));
        args.add(
                changed.deadline() == null
                        ? ""
                        : Long.toString(changed.deadline().dueAt().toEpochMilli()));
        args.add(update == null ? "" : json.writeValueAsString(update));
        args.add(Long.toString(changed.updatedAt().toEpochMilli()));
        args.add(StreamEntry.argument(json, audit));
        return photos.claim(entry.photos(), changed.trackingNo(), changed.updatedAt())
                .flatMap(gone -> Mono.<Moved>error(photoGone(gone)))
                .switchIfEmpty(Mono.defer(
                        () -> writes.execute(MOVE, scriptKeys, args).single().map(ComplaintStore::moved)))
                .flatMap(moved -> moved.ok() ? photos.settle(entry.photos()).thenReturn(moved) : Mono.just(moved));
    }

    /** The list indexes {@code before} was in that the case leaves for {@code after}'s. */
    private static List<String> left(ComplaintKeys.Home home, Complaint before, Set<String> after) {
        return home.facets(before).stream()
                .filter(index -> !after.contains(index))
                .toList();
    }

    private static Moved moved(String reply) {
        int space = reply.indexOf(' ');
        return new Moved(
                ScriptReply.word(Moved.Result.class, reply.substring(0, space)),
                Long.parseLong(reply.substring(space + 1)));
    }

    /** A photo checked before it was claimed was deleted or attached elsewhere by then. */
    private static ApiException photoGone(String id) {
        return ApiException.invalid(List.of(new FieldViolation("photos", "照片 " + id + " 已失效或已用于其他诉求,请重新上传")));
    }

    /** Takes up to {@code count} notices of a home due by {@code now} for this sender, leased until {@code leaseEnd}. */
    Flux<StatusNotice> claimNotices(ComplaintKeys.Home home, Instant now, Instant leaseEnd, int count) {
        return notices(home).claim(now, leaseEnd, count).map(notice -> json.treeToValue(notice, StatusNotice.class));
    }

    /** Puts back a home's notices whose lease ran out; how many. */
    Mono<Long> reapNotices(ComplaintKeys.Home home, Instant now) {
        return notices(home).reap(now);
    }

    /**
     * Ends the claim of a notice leased until {@code leaseEnd}, forgets it unless a newer one of its case replaced it,
     * and logs how it went; a claim that ran out and was taken over is left to its new holder.
     */
    Mono<Void> noticeDone(ComplaintKeys.Home home, StatusNotice notice, Instant leaseEnd, Map<String, String> log) {
        List<String> args = List.of(
                notice.trackingNo(),
                notice.id(),
                StreamEntry.argument(json, log),
                Long.toString(leaseEnd.toEpochMilli()));
        return writes.execute(
                        NOTICE_DONE,
                        List.of(
                                home.noticesInFlight(),
                                home.notices(),
                                home.noticeLog(),
                                home.noticeAttempts(),
                                home.served(notice.id())),
                        args)
                .then();
    }

    /** The recipients a notice reached already (resident id → channel), so a retry after one failure tells nobody twice. */
    Mono<Map<String, String>> served(ComplaintKeys.Home home, String noticeId) {
        return redis.<String, String>opsForHash()
                .entries(home.served(noticeId))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** Notes that a notice reached one recipient; forgotten with the notice, or after two days if it is never done. */
    Mono<Void> markServed(ComplaintKeys.Home home, String noticeId, String residentId, String channel) {
        return redis.<String, String>opsForHash()
                .put(home.served(noticeId), residentId, channel)
                .then(redis.expire(home.served(noticeId), Duration.ofDays(2)))
                .then();
    }

    /** The residents who follow a case (附议), besides its reporter. */
    Flux<String> followersOf(ComplaintKeys.Home home, String trackingNo) {
        return redis.opsForSet().members(home.followers(trackingNo));
    }

    /** Counts one more try at sending a notice: how many this makes. */
    Mono<Long> noticeAttempt(ComplaintKeys.Home home, String noticeId) {
        return redis.<String, String>opsForHash().increment(home.noticeAttempts(), noticeId, 1);
    }

    /** Drops the pending notices of one resident in a home (they carry the contact phone); how many. */
    Mono<Long> dropNotices(ComplaintKeys.Home home, String residentId) {
        return redis.<String, String>opsForHash()
                .entries(home.notices())
                .filter(entry -> residentId.equals(
                        json.readValue(entry.getValue(), StatusNotice.class).residentId()))
                .concatMap(entry -> redis.opsForHash()
                        .remove(home.notices(), entry.getKey())
                        .then(redis.opsForZSet().remove(home.noticesDue(), entry.getKey()))
                        .then(redis.opsForZSet().remove(home.noticesInFlight(), entry.getKey()))
                        .then(redis.opsForHash()
                                .remove(
                                        home.noticeAttempts(),
                                        json.readValue(entry.getValue(), StatusNotice.class)
                                                .id())))
                .count();
    }

    /** Every case a resident reported, of every home. */
    Flux<String> casesOf(String residentId) {
        return Flux.fromIterable(keys.homes())
                .concatMap(home -> redis.opsForZSet().range(home.byResident(residentId), Range.closed(0L, -1L)));
    }

    /** What {@code erase-contact.lua} did: erased, or the case moved since read (read it again), or it is gone. */
    enum Erasure {
        OK,
        MOVED,
        MISSING
    }

    /** The case without its contact phone, if unchanged since read. */
    Mono<Erasure> eraseContact(Complaint complaint) {
        Complaint erased = complaint.withoutContactPhone();
        return writes.execute(
                        ERASE_CONTACT,
                        List.of(keys.of(complaint).cases()),
                        List.of(
                                complaint.trackingNo(),
                                Long.toString(complaint.version()),
                                json.writeValueAsString(erased)))
                .single()
                .map(reply -> ScriptReply.word(Erasure.class, reply));
    }

    /** Drops the resident's lists of cases in every home (the cases stay; idempotency keys lapse within 24 hours). */
    Mono<Void> forgetResident(String residentId) {
        return Flux.fromIterable(keys.homes())
                .concatMap(home -> redis.delete(home.byResident(residentId)))
                .then();
    }

    /** Up to {@code count} cases of a home whose {@code level} time has come by {@code now}. */
    Flux<String> due(ComplaintKeys.Home home, Deadline.Alert level, Instant now, int count) {
        return redis.opsForZSet()
                .rangeByScore(
                        home.due(level),
                        Range.closed(0.0, (double) now.toEpochMilli()),
                        Limit.limit().count(count));
    }

    /** What {@code escalate.lua} did: marked, or left a case that changed stage, or found another sweeper did it. */
    enum Escalation {
        OK,
        MOVED,
        GONE
    }

    /** Marks {@code marked} (read at {@code version}) if it is still due and unmoved. */
    Mono<Escalation> escalate(Complaint marked, Deadline.Alert level, TimelineEntry entry, ComplaintEvent event) {
        List<String> args = new ArrayList<>(List.of(
                marked.trackingNo(),
                Long.toString(marked.version()),
                json.writeValueAsString(marked),
                json.writeValueAsString(entry),
                Long.toString(marked.createdAt().toEpochMilli()),
                StreamEntry.argument(json, event.fields())));
        Deadline.Alert other = level == Deadline.Alert.RED ? Deadline.Alert.YELLOW : Deadline.Alert.RED;
        ComplaintKeys.Home home = keys.of(marked);
        return writes.execute(
                        ESCALATE,
                        List.of(
                                home.cases(),
                                home.due(level),
                                home.timeline(marked.trackingNo()),
                                home.events(),
                                home.alert(level),
                                home.alert(other)),
                        args)
                .single()
                .map(reply -> ScriptReply.word(Escalation.class, reply));
    }

    /** A case by its number, where the number says it was received. */
    Mono<Complaint> find(String trackingNo) {
        return find(keys.numbered(trackingNo), trackingNo);
    }

    Mono<Complaint> find(ComplaintKeys.Home home, String trackingNo) {
        return redis.<String, String>opsForHash()
                .get(home.cases(), trackingNo)
                .map(stored -> json.readValue(stored, Complaint.class));
    }

    Mono<List<TimelineEntry>> timeline(String trackingNo) {
        return redis.opsForList()
                .range(keys.numbered(trackingNo).timeline(trackingNo), 0, -1)
                .map(entry -> json.readValue(entry, TimelineEntry.class))
                .collectList();
    }

    Mono<Page> pageOfResident(String residentId, long offset, int size) {
        return page(ComplaintKeys.Home::byResident, residentId, offset, size);
    }

    /**
     * A page of one resident's index (her cases, the cases she follows) over every home, newest first: each home's
     * first {@code offset + size} entries are read with their scores and merged, and the page's cases read from their
     * homes.
     */
    Mono<Page> page(BiFunction<ComplaintKeys.Home, String, String> index, String residentId, long offset, int size) {
        return Flux.fromIterable(keys.homes())
                .flatMap(home -> {
                    String key = index.apply(home, residentId);
                    return Mono.zip(
                            redis.opsForZSet().size(key),
                            redis.opsForZSet()
                                    .reverseRangeWithScores(key, Range.closed(0L, offset + size - 1))
                                    .map(entry -> new Entry(
                                            home,
                                            Objects.requireNonNull(entry.getValue(), "a range holds members"),
                                            Objects.requireNonNull(entry.getScore(), "asked with scores")))
                                    .collectList());
                })
                .collectList()
                .flatMap(parts -> {
                    long total = parts.stream().mapToLong(Tuple2::getT1).sum();
                    List<Entry> chosen = newestFirst(
                            parts.stream()
                                    .flatMap(part -> part.getT2().stream())
                                    .toList(),
                            offset,
                            size);
                    return read(chosen).map(items -> new Page(total, items));
                });
    }

    /** The cases of {@code entries}, in their order: one {@code HMGET} per home they live in, all at once. */
    private Mono<List<Complaint>> read(List<Entry> entries) {
        Map<ComplaintKeys.Home, List<String>> byHome = entries.stream()
                .collect(Collectors.groupingBy(
                        Entry::home, LinkedHashMap::new, Collectors.mapping(Entry::trackingNo, Collectors.toList())));
        return Flux.fromIterable(byHome.entrySet())
                .flatMap(home -> redis.<String, String>opsForHash()
                        .multiGet(home.getKey().cases(), home.getValue())
                        .map(stored -> {
                            Map<String, String> found = new HashMap<>();
                            for (int i = 0; i < stored.size(); i++) {
                                if (stored.get(i) != null) {
                                    found.put(home.getValue().get(i), stored.get(i));
                                }
                            }
                            return found;
                        }))
                .collect(HashMap<String, String>::new, Map::putAll)
                .map(found -> entries.stream()
                        .map(entry -> found.get(entry.trackingNo()))
                        .filter(Objects::nonNull)
                        .map(stored -> json.readValue(stored, Complaint.class))
                        .toList());
    }

    /** An entry of an index in one home: a case and its score there (created at, followed at). */
    record Entry(ComplaintKeys.Home home, String trackingNo, double score) {}

    /** The page of entries merged from several homes, highest score first (ties: the higher number first, as Redis). */
    static List<Entry> newestFirst(List<Entry> entries, long offset, int size) {
        return entries.stream()
                .sorted(Comparator.comparingDouble(Entry::score)
                        .thenComparing(Entry::trackingNo)
                        .reversed())
                .skip(offset)
                .limit(size)
                .toList();
    }

    /**
     * One page of the staff list over the homes of a scope.
     *
     * @param counts  cases per status under the same filters but the status
     * @param partial a text search stopped at {@link CaseFilter#TEXT_SCAN_LIMIT} cases before it saw them all
     */
    record Listing(long total, Map<ComplaintStatus, Long> counts, boolean partial, List<Complaint> items) {}

    /**
     * One home's part of a list ({@code list.lua}): its total and counts, and its first cases in the list's order by
     * what orders them, not the cases themselves.
     */
    record Ranked(long total, Map<ComplaintStatus, Long> counts, boolean partial, List<Rank> items) {}

    /** A listed case: its number, created at and, sorting by deadline where its clock runs, due at (epoch ms). */
    record Rank(String id, long created, @Nullable Long due) {}

    /**
     * The cases of one home's index {@code scope} that pass {@code status} (null: any) and {@code filter}, newest first
     * or by deadline, one page of them, over every case in scope: the filters are indexes intersected in Redis.
     * {@code scopeStatus} names the scope's index of each status (a subset of {@code scope}).
     */
    private Mono<Ranked> list(
            ComplaintKeys.Home home,
            String scope,
            Function<ComplaintStatus, String> scopeStatus,
            @Nullable ComplaintStatus status,
            CaseFilter filter,
            String from,
            String to,
            boolean byDeadline,
            long offset,
            int size) {
        List<String> facets = new ArrayList<>(List.of(scope));
        if (filter.category() != null) {
            facets.add(home.category(filter.category()));
        }
        if (filter.stationId() != null) {
            facets.add(home.station(filter.stationId()));
        }
        if (filter.subdistrict() != null) {
            facets.add(home.subdistrict(filter.subdistrict()));
        }
        if (filter.alert() != null) {
            facets.add(home.alert(filter.alert()));
        }
        List<String> scriptKeys = new ArrayList<>(List.of(
                home.cases(),
                home.deadlines(),
                home.listScratch("base"),
                home.listScratch("selected"),
                home.listScratch("rest")));
        scriptKeys.addAll(facets);
        List<String> args = new ArrayList<>(List.of(
                from,
                to,
                Long.toString(offset),
                Integer.toString(size),
                byDeadline ? "deadline" : "newest",
                status == null ? "0" : Integer.toString(status.ordinal() + 1),
                filter.text() == null ? "" : filter.text(),
                Integer.toString(CaseFilter.TEXT_SCAN_LIMIT),
                Integer.toString(facets.size())));
        for (ComplaintStatus each : ComplaintStatus.values()) {
            scriptKeys.add(scopeStatus.apply(each));
            args.add(each.name());
        }
        return redis.execute(LIST, scriptKeys, args).single().map(found -> json.readValue(found, Ranked.class));
    }

    /**
     * The staff list over the homes of a scope (every scope spans several: a district's own, the legacy one and its
     * foreign homes; the city's every home): the ranks of each home's first {@code offset + size} cases of the list
     * merged in the list's order, totals and counts per status summed, then only the page's cases read (one
     * {@code HMGET} a home). Two reads, not one: a case that changed meanwhile is shown as it is now, one erased
     * meanwhile leaves the page a case short.
     */
    Mono<Listing> list(
            List<ComplaintKeys.Home> homes,
            Function<ComplaintKeys.Home, String> scope,
            BiFunction<ComplaintKeys.Home, ComplaintStatus, String> scopeStatus,
            @Nullable ComplaintStatus status,
            CaseFilter filter,
            String from,
            String to,
            boolean byDeadline,
            long offset,
            int size) {
        int first = (int) Math.min(offset + size, Integer.MAX_VALUE);
        return Flux.fromIterable(homes)
                .flatMap(home -> list(
                                home,
                                scope.apply(home),
                                each -> scopeStatus.apply(home, each),
                                status,
                                filter,
                                from,
                                to,
                                byDeadline,
                                0,
                                first)
                        .map(ranked -> Map.entry(home, ranked)))
                .collectList()
                .flatMap(parts -> read(pageOf(parts, byDeadline, offset, size))
                        .map(items -> new Listing(
                                parts.stream()
                                        .mapToLong(part -> part.getValue().total())
                                        .sum(),
                                summedCounts(parts),
                                parts.stream().anyMatch(part -> part.getValue().partial()),
                                items)));
    }

    private static Map<ComplaintStatus, Long> summedCounts(List<Map.Entry<ComplaintKeys.Home, Ranked>> parts) {
        Map<ComplaintStatus, Long> counts = new EnumMap<>(ComplaintStatus.class);
        parts.forEach(part -> part.getValue().counts().forEach((status, n) -> counts.merge(status, n, Long::sum)));
        return counts;
    }

    /**
     * The page of a list over several homes, in the list's order, {@code list.lua}'s: newest first (ties: the higher
     * number first, as Redis); by deadline, the soonest due first, the cases without a running clock after them,
     * newest first among equals.
     */
    static List<Entry> pageOf(
            List<Map.Entry<ComplaintKeys.Home, Ranked>> parts, boolean byDeadline, long offset, int size) {
        Comparator<Map.Entry<ComplaintKeys.Home, Rank>> newest = Comparator.comparingLong(
                        (Map.Entry<ComplaintKeys.Home, Rank> listed) ->
                                listed.getValue().created())
                .thenComparing(listed -> listed.getValue().id())
                .reversed();
        Comparator<Map.Entry<ComplaintKeys.Home, Rank>> order = byDeadline
                ? Comparator.comparingLong((Map.Entry<ComplaintKeys.Home, Rank> listed) -> {
                            Long due = listed.getValue().due();
                            return due == null ? Long.MAX_VALUE : due;
                        })
                        .thenComparing(newest)
                : newest;
        return parts.stream()
                .flatMap(part -> part.getValue().items().stream().map(rank -> Map.entry(part.getKey(), rank)))
                .sorted(order)
                .skip(offset)
                .limit(size)
                .map(listed -> new Entry(
                        listed.getKey(),
                        listed.getValue().id(),
                        listed.getValue().created()))
                .toList();
    }

    /**
     * Appends one entry to the audit log of the home of the case it is about (an action that changes nothing, like
     * reading a full phone number).
     */
    Mono<Void> audit(Complaint about, Map<String, String> entry) {
        ComplaintKeys.Home home = keys.of(about);
        return redis.opsForStream().add(home.audit(), entry).then(writes.confirm(home.audit()));
    }

    /**
     * Waits until a replica holds what was written to the cases so far ({@link AcknowledgedWrites#confirm}): before a
     * repeated report is answered with the case its first attempt made, after an erasure made of plain commands.
     */
    Mono<Void> confirm(ComplaintKeys.Home home) {
        return writes.confirm(home.cases());
    }

    /** Oldest first, up to {@code count} events of a home after the one with id {@code after}. */
    Flux<MapRecord<String, String, String>> eventsAfter(ComplaintKeys.Home home, String after, int count) {
        return redis.<String, String>opsForStream()
                .range(
                        home.events(),
                        Range.rightUnbounded(Range.Bound.exclusive(after)),
                        Limit.limit().count(count));
    }

    /** The id of the newest event, or "0-0" when there is none yet: where a live reader starts. */
    Mono<String> lastEventId(ComplaintKeys.Home home) {
        return redis.<String, String>opsForStream()
                .reverseRange(home.events(), Range.unbounded(), Limit.limit().count(1))
                .next()
                .map(record -> record.getId().getValue())
                .defaultIfEmpty("0-0");
    }

    /**
     * Writes {@code merged} (the duplicate, REJECTED) if it is still at {@code expectedVersion} and {@code earlier}
     * is still open, {@code follower} joining the earlier case's followers ({@code merge.lua}); outcome "into-done"
     * when the earlier case was closed or rejected meanwhile. When the earlier case lives in another home, its side is
     * written first, in its home, if it is open ({@code merge-in.lua}, with a record one run at a time carries), then
     * the duplicate's in its own, then the record is marked done or, the duplicate's side refused, the earlier case's
     * taken back ({@code merge-in-end.lua}). A run that dies between the steps leaves the record, which the next run
     * of the same merge takes over after a minute.
     */
    Mono<Moved> merge(
            Complaint before,
            Complaint merged,
            long expectedVersion,
            TimelineEntry entry,
            Complaint earlier,
            TimelineEntry earlierEntry,
            @Nullable String follower,
            Instant at,
            ComplaintEvent event,
            Map<String, String> audit,
            @Nullable StatusNotice notice,
            @Nullable Instant noticeDue,
            @Nullable PlatformUpdate update) {
        ComplaintKeys.Home home = keys.of(before);
        ComplaintKeys.Home into = keys.of(earlier);
        boolean here = home.equals(into);
        List<String> scriptKeys = new ArrayList<>(List.of(
                home.cases(),
                home.timeline(merged.trackingNo()),
                // across homes, the earlier case's keys are another slot's: this home's own key stands in, unused
                here ? home.timeline(earlier.trackingNo()) : home.timeline(merged.trackingNo()),
                home.events(),
                home.audit(),
                home.due(Deadline.Alert.YELLOW),
                home.due(Deadline.Alert.RED),
                home.notices(),
                home.noticesDue(),
                home.openGeo(merged.category()),
                here ? home.followers(earlier.trackingNo()) : home.timeline(merged.trackingNo()),
                here ? home.following(before.residentId()) : home.timeline(merged.trackingNo()),
                home.alert(Deadline.Alert.YELLOW),
                home.alert(Deadline.Alert.RED),
                home.deadlines(),
                home.outbox(merged.trackingNo()),
                home.outboxDue()));
        Set<String> after = home.facets(merged);
        List<String> left = left(home, before, after);
        scriptKeys.addAll(left);
        scriptKeys.addAll(after);
        List<String> args = new ArrayList<>(List.of(
                merged.trackingNo(),
                Long.toString(expectedVersion),
                json.writeValueAsString(merged),
                Long.toString(merged.createdAt().toEpochMilli()),
                json.writeValueAsString(entry),
                earlier.trackingNo(),
                json.writeValueAsString(earlierEntry),
                follower == null ? "" : follower,
                Long.toString(at.toEpochMilli())));
        args.addAll(
                notice == null
                        ? List.of("", "", "")
                        : List.of(
                                notice.trackingNo(),
                                json.writeValueAsString(notice),
                                Long.toString(Objects.requireNonNull(noticeDue, "a notice comes with its due time")
                                        .toEpochMilli())));
        args.add(Integer.toString(left.size()));
        args.add(StreamEntry.argument(json, event.fields()));
        args.add(update == null ? "" : json.writeValueAsString(update));
        args.add(StreamEntry.argument(json, audit));
        args.add(here ? "" : "elsewhere");
        Mono<Moved> duplicateSide =
                writes.execute(MERGE, scriptKeys, args).single().map(ComplaintStore::moved);
        if (here) {
            return duplicateSide;
        }
        List<String> earlierSide = List.of(
                into.timeline(earlier.trackingNo()),
                into.followers(earlier.trackingNo()),
                into.following(follower == null ? before.residentId() : follower),
                into.mergedIn(merged.trackingNo()));
        String token = UUID.randomUUID().toString();
        List<String> inKeys = new ArrayList<>(List.of(into.cases()));
        inKeys.addAll(earlierSide);
        List<String> inArgs = List.of(
                merged.trackingNo(),
                earlier.trackingNo(),
                json.writeValueAsString(earlierEntry),
                follower == null ? "" : follower,
                Long.toString(at.toEpochMilli()),
                token,
                Long.toString(MERGE_RECORD_KEPT.toSeconds()),
                Long.toString(MERGE_RUN_HELD.toMillis()));
        return writes.execute(MERGE_IN, inKeys, inArgs).single().flatMap(reply -> {
            if (reply.equals("into-done")) {
                return Mono.just(new Moved(Moved.Result.INTO_DONE, 0));
            }
            if (reply.startsWith("busy")) {
                return Mono.error(new ApiException(
                        ProblemType.NOT_MERGEABLE,
                        "重复件 " + merged.trackingNo() + " 正在并入 " + reply.substring("busy ".length()) + ",请稍后再试"));
            }
            if (reply.equals("done")) {
                return duplicateSide; // merged before: the duplicate's side answers as it stands
            }
            // "ok" or "taken-over": this run carries the merge to its end
            return duplicateSide.flatMap(moved -> moved.ok()
                    ? endMerge(earlierSide, token, "done", earlier.trackingNo()).thenReturn(moved)
                    // refused: taken back, unless the duplicate is merged into the earlier case already (a run
                    // that died after writing it, taken over)
                    : mergedInto(merged.trackingNo(), earlier.trackingNo())
                            .flatMap(already ->
                                    endMerge(earlierSide, token, already ? "done" : "undo", earlier.trackingNo()))
                            .thenReturn(moved));
        });
    }

    /** How long the record of a merge across homes is kept, so the merge is never written twice. */
    static final Duration MERGE_RECORD_KEPT = Duration.ofDays(7);

    /** How long a run of a merge across homes holds it before another may take it over (the run died). */
    static final Duration MERGE_RUN_HELD = Duration.ofMinutes(1);

    private Mono<Void> endMerge(List<String> earlierSide, String token, String how, String earlierNo) {
        return writes.execute(
                        MERGE_IN_END,
                        earlierSide,
                        List.of(token, how, earlierNo, Long.toString(MERGE_RECORD_KEPT.toSeconds())))
                .then();
    }

    /** Whether a case's last step merged it into {@code earlierNo}. */
    private Mono<Boolean> mergedInto(String duplicateNo, String earlierNo) {
        return find(duplicateNo)
                .filter(found -> found.status() == ComplaintStatus.REJECTED)
                .flatMap(found -> timeline(duplicateNo))
                .map(timeline -> !timeline.isEmpty()
                        && timeline.get(timeline.size() - 1).action() == ComplaintAction.MERGE
                        && Objects.requireNonNullElse(
                                        timeline.get(timeline.size() - 1).note(), "")
                                .startsWith("已合并至 " + earlierNo))
                .defaultIfEmpty(false);
    }

    /**
     * Newest first, {@code count} audit entries older than {@code before} (a stream id), or the newest: each home's
     * newest that many, merged by id (the time they were written). Two homes' entries may share an id (the same
     * millisecond): the entries with the id of the page's last one all come on that page, even beyond {@code count},
     * so the next page, older than that id, skips none.
     */
    Flux<MapRecord<String, String, String>> auditPage(int count, @Nullable String before) {
        Range<String> range = before == null ? Range.unbounded() : Range.leftUnbounded(Range.Bound.exclusive(before));
        return Flux.fromIterable(keys.homes())
                .flatMap(home -> redis.<String, String>opsForStream()
                        .reverseRange(home.audit(), range, Limit.limit().count(count)))
                .sort(Comparator.comparing((MapRecord<String, String, String> record) -> record.getId(), NEWEST_ID))
                .collectList()
                .flatMapIterable(newest -> samePageTies(newest, count));
    }

    /**
     * The first {@code count} of entries sorted newest first, and those after them with the last one's id: each home
     * read its newest {@code count}, so every home's entry with that id is among them (only newer ones came before).
     */
    static <T> List<MapRecord<String, String, T>> samePageTies(List<MapRecord<String, String, T>> newest, int count) {
        if (newest.size() <= count) {
            return newest;
        }
        RecordId last = newest.get(count - 1).getId();
        int end = count;
        while (end < newest.size() && newest.get(end).getId().equals(last)) {
            end++;
        }
        return newest.subList(0, end);
    }

    /** When the stage turns yellow and red, each '' when it has no clock or was marked so already (a re-routed case keeps its marks). */
    private static List<String> dueTimes(@Nullable Deadline deadline) {
        if (deadline == null) {
            return List.of("", "");
        }
        return List.of(
                deadline.alert() == Deadline.Alert.NONE
                        ? Long.toString(deadline.yellowAt().toEpochMilli())
                        : "",
                deadline.alert() == Deadline.Alert.RED
                        ? ""
                        : Long.toString(deadline.dueAt().toEpochMilli()));
    }

    /** Empty strings for a case reported by address only. */
    private static List<String> lngLat(@Nullable GeoPoint location) {
        if (location == null) {
            return List.of("", "");
        }
        return List.of(Double.toString(location.lng()), Double.toString(location.lat()));
    }
}
