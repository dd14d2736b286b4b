package org.cityservice.survey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LeasedQueue;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.ScriptReply;
import org.cityservice.redis.StreamEntry;
import org.cityservice.survey.SurveyShards.Shard;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Surveys in Redis, in the shards {@link SurveyShards} names (docs/surveys.md): in each, a hash of
 * survey JSON by id worked off as a {@link LeasedQueue} (due set, in-flight set), a history list per
 * survey, an index of open surveys per phone for matching SMS replies, the staff list's indexes and
 * the survey events stream the statistics read; the cursors into the complaint events and the
 * replies kept for staff in the legacy shard. Every step is one script, in one shard.
 */
@Component
class SurveyStore {

    private static final RedisScript<Long> SCHEDULE = LuaScripts.load("survey/schedule", Long.class);
    private static final RedisScript<Long> CURSOR = LuaScripts.load("survey/cursor", Long.class);
    private static final RedisScript<String> ADVANCE = LuaScripts.load("survey/advance", String.class);
    private static final RedisScript<String> ANSWER = LuaScripts.load("survey/answer", String.class);

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> LIST = LuaScripts.load("survey/list", List.class);

    static final int UNMATCHED_KEPT = 10_000;

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final JsonMapper json;
    private final SurveyShards shards;

    SurveyStore(ReactiveStringRedisTemplate redis, AcknowledgedWrites writes, JsonMapper json, SurveyShards shards) {
        this.redis = redis;
        this.writes = writes;
        this.json = json;
        this.shards = shards;
    }

    private LeasedQueue queue(Shard shard) {
        return new LeasedQueue(redis, json, shard.key("surveys"), shard.key("due"), shard.key("in-flight"));
    }

    private LeasedQueue replies(Shard shard) {
        return new LeasedQueue(
                redis, json, shard.key("replies"), shard.key("replies", "due"), shard.key("replies", "in-flight"));
    }

    /** A survey and the shard it lives in, which every step of it is written to. */
    record Located(Shard shard, Survey survey) {}

    /** The last event of a complaint event stream already looked at; "0-0" before the first. */
    Mono<String> cursor(String stream) {
        return redis.opsForValue().get(cursorKey(stream)).defaultIfEmpty("0-0");
    }

    Mono<Void> moveCursor(String stream, String eventId) {
        return redis.execute(CURSOR, List.of(cursorKey(stream)), List.of(eventId))
                .then();
    }

    /**
     * The cursor in a complaint event stream ({@code ComplaintDirectory.eventStreams}: "" for the legacy one), in the
     * legacy shard: moved once a batch, it weighs nothing there, and stays where earlier versions kept it.
     */
    private String cursorKey(String stream) {
        Shard legacy = shards.legacy();
        return stream.isEmpty() ? legacy.key("cursor") : legacy.key("cursor", stream);
    }

    /** @return true when this call scheduled it, false when it was already */
    Mono<Boolean> schedule(Shard shard, Survey survey, HistoryEntry first, Map<String, String> event) {
        List<String> args = new ArrayList<>(List.of(
                survey.id(),
                json.writeValueAsString(survey),
                Long.toString(Objects.requireNonNull(survey.dueAt(), "a scheduled survey is due")
                        .toEpochMilli()),
                Long.toString(survey.closedAt().toEpochMilli()),
                json.writeValueAsString(first)));
        args.add(StreamEntry.argument(json, event));
        LeasedQueue queue = queue(shard);
        List<String> scriptKeys = new ArrayList<>(List.of(
                queue.items(),
                queue.due(),
                allKey(shard),
                historyKey(shard, survey.id()),
                eventsKey(shard),
                residentKey(shard, survey.residentId())));
        scriptKeys.addAll(facetKeys(shard, survey));
        return writes.execute(SCHEDULE, scriptKeys, args).single().map(n -> n == 1);
    }

    Flux<Survey> claim(Shard shard, Instant now, Instant leaseEnd, int count) {
        return queue(shard).claim(now, leaseEnd, count).map(node -> json.treeToValue(node, Survey.class));
    }

    Mono<Long> reap(Shard shard, Instant now) {
        return queue(shard).reap(now);
    }

    /**
     * What {@code answer.lua} did: took the answer, found no such survey, found it moved on while still open (read it
     * again), or refused it in the status it is in.
     */
    enum Answering {
        OK,
        MISSING,
        REREAD,
        SCHEDULED,
        ANSWERED,
        EXPIRED,
        UNREACHABLE
    }

    /** How a step changes the index of open surveys by phone. */
    enum PhoneIndex {
        ADD,
        REMOVE,
        KEEP
    }

    /** What {@code advance.lua} did with a step: recorded it, or nothing because the survey changed meanwhile. */
    enum Step {
        OK,
        MOVED
    }

    /**
     * A step a sender took with a claimed survey, to be recorded: the survey as claimed and as it is now, its history
     * entry, how the phone index changes and its event.
     */
    record Advance(Survey claimed, Survey next, HistoryEntry entry, PhoneIndex index, Map<String, String> event) {}

    /** Records steps taken with surveys claimed in one shard, in one script call; what became of each, in order. */
    Mono<List<Step>> advance(Shard shard, List<Advance> steps) {
        if (steps.isEmpty()) {
            return Mono.just(List.of());
        }
        List<String> scriptKeys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(Integer.toString(steps.size()));
        for (Advance step : steps) {
            int keysBefore = scriptKeys.size();
            int count = args.size();
            args.add(""); // the step's key count, known once its keys are
            addAdvance(shard, step, scriptKeys, args);
            args.set(count, Integer.toString(scriptKeys.size() - keysBefore));
        }
        return writes.execute(ADVANCE, scriptKeys, args).single().map(reply -> {
            List<Step> outcomes = Arrays.stream(reply.split(" "))
                    .map(word -> ScriptReply.word(Step.class, word))
                    .toList();
            if (outcomes.size() != steps.size()) {
                throw new IllegalStateException(
                        "advance.lua answered " + outcomes.size() + " outcomes for " + steps.size() + " steps");
            }
            return outcomes;
        });
    }

    private void addAdvance(Shard shard, Advance step, List<String> scriptKeys, List<String> args) {
        Survey claimed = step.claimed();
        Survey next = step.next();
        Instant due = next.dueAt();
        Instant sent = next.sentAt();
        String serial = next.serialNo();
        args.add(next.id());
        args.add(claimed.status().name());
        args.add(json.writeValueAsString(next));
        args.add(due == null ? "" : Long.toString(due.toEpochMilli()));
        args.add(json.writeValueAsString(step.entry()));
        args.add(
                switch (step.index()) {
                    case ADD -> "add";
                    case REMOVE -> "remove";
                    case KEEP -> "";
                });
        args.add(sent == null ? "0" : Long.toString(sent.toEpochMilli()));
        args.add(serial == null || serial.equals(claimed.serialNo()) ? "" : serial);
        LeasedQueue queue = queue(shard);
        scriptKeys.addAll(List.of(
                queue.items(),
                queue.inFlight(),
                queue.due(),
                historyKey(shard, next.id()),
                eventsKey(shard),
                phoneKey(shard, next.phone()),
                serialKey(shard, next.serialNo())));
        indexMoves(shard, claimed, next, scriptKeys, args);
        args.add(StreamEntry.argument(json, step.event()));
    }

    /**
     * Records an answer and, when it came by SMS, queues the SMS that tells the resident it counted
     * ({@code acknowledgement}, due at {@code ackDue}; null for none), in one script.
     *
     * @param answered {@code read} with its answer
     * @return {@link Answering}
     */
    Mono<Answering> answer(
            Shard shard,
            Survey read,
            Survey answered,
            HistoryEntry entry,
            Map<String, String> event,
            @Nullable ReplyMessage acknowledgement,
            Instant ackDue) {
        SurveyAnswer answer = Objects.requireNonNull(answered.answer(), "an answered survey has its answer");
        List<String> args = new ArrayList<>(List.of(
                read.id(),
                read.status().name(),
                json.writeValueAsString(answered),
                json.writeValueAsString(entry),
                answer.reopens() ? "1" : "0"));
        args.addAll(
                acknowledgement == null
                        ? List.of("", "", "")
                        : List.of(
                                acknowledgement.id(),
                                json.writeValueAsString(acknowledgement),
                                Long.toString(ackDue.toEpochMilli())));
        LeasedQueue queue = queue(shard);
        LeasedQueue replies = replies(shard);
        List<String> scriptKeys = new ArrayList<>(List.of(
                queue.items(),
                queue.due(),
                queue.inFlight(),
                historyKey(shard, read.id()),
                eventsKey(shard),
                phoneKey(shard, read.phone()),
                reopenKey(shard),
                replies.items(),
                replies.due()));
        indexMoves(shard, read, answered, scriptKeys, args);
        args.add(StreamEntry.argument(json, event));
        return writes.execute(ANSWER, scriptKeys, args).single().map(reply -> ScriptReply.word(Answering.class, reply));
    }

    /**
     * The staff list's indexes a step changes: those of {@code before} the survey leaves, then all of {@code after}
     * (joining again is harmless, and heals a survey indexed before an index existed); their count and the score.
     */
    private void indexMoves(Shard shard, Survey before, Survey after, List<String> scriptKeys, List<String> args) {
        Set<String> joined = facetKeys(shard, after);
        List<String> left = facetKeys(shard, before).stream()
                .filter(index -> !joined.contains(index))
                .toList();
        scriptKeys.addAll(left);
        scriptKeys.addAll(joined);
        args.add(Integer.toString(left.size()));
        args.add(Long.toString(after.closedAt().toEpochMilli()));
    }

    /** The staff list's indexes a survey is in besides all: status, channel, station, district, answer. */
    Set<String> facetKeys(Shard shard, Survey survey) {
        Set<String> facets = new LinkedHashSet<>();
        facets.add(statusKey(shard, survey.status()));
        Survey.Channel channel = survey.channel();
        if (channel != null) {
            facets.add(channelKey(shard, channel));
        }
        String stationId = survey.stationId();
        if (stationId != null) {
            facets.add(stationKey(shard, stationId));
        }
        String district = survey.district();
        if (district != null) {
            facets.add(districtKey(shard, district));
        }
        answerFacets(survey.answer()).forEach(name -> facets.add(answerKey(shard, name)));
        return facets;
    }

    /** What the list's answer filter calls an answer: NONE, or what was solved and how satisfied (SOLVED, SATISFIED, …). */
    static List<String> answerFacets(@Nullable SurveyAnswer answer) {
        if (answer == null) {
            return List.of("NONE");
        }
        List<String> names = new ArrayList<>();
        if (answer.solved() == SurveyAnswer.Solved.YES) {
            names.add("SOLVED");
        } else if (answer.solved() == SurveyAnswer.Solved.NO) {
            names.add("NOT_SOLVED");
        }
        SurveyAnswer.Satisfaction satisfaction = answer.satisfaction();
        if (satisfaction != null) {
            names.add(satisfaction.name());
        }
        return names;
    }

    /**
     * One page of the surveys in every one of {@code indexes} (the scope's first, each named in a shard), newest
     * closing first, over every shard: each shard's first {@code offset + size} ids and closing times, merged in the
     * order one shard's index has (closing time, then id, both descending), the totals summed; then the page's surveys,
     * one {@code HMGET} a shard. The caller bounds {@code offset + size}.
     */
    Mono<Page> list(List<Function<Shard, String>> indexes, long offset, int size) {
        long wanted = offset + size;
        return Flux.fromIterable(shards.all())
                .flatMap(shard -> head(shard, indexes, wanted), 4)
                .collectList()
                .flatMap(heads -> {
                    List<Listed> page = heads.stream()
                            .flatMap(head -> head.listed().stream())
                            .sorted(NEWEST_CLOSING_FIRST)
                            .skip(offset)
                            .limit(size)
                            .toList();
                    long total = heads.stream().mapToLong(Head::total).sum();
                    return Flux.fromIterable(page.stream()
                                    .collect(Collectors.groupingBy(
                                            Listed::shard, LinkedHashMap::new, Collectors.toList()))
                                    .entrySet())
                            .flatMap(inShard -> findAll(
                                    inShard.getKey(),
                                    inShard.getValue().stream().map(Listed::id).toList()))
                            .collectMap(Survey::id)
                            .map(found -> new Page(
                                    total,
                                    page.stream()
                                            .map(listed -> found.get(listed.id()))
                                            .filter(Objects::nonNull)
                                            .toList()));
                });
    }

    /** A survey in a shard's list: its id and closing time. */
    private record Listed(Shard shard, String id, long closedAt) {}

    /** The newest of a shard's list, and how many it holds in all. */
    private record Head(long total, List<Listed> listed) {}

    /** The order of one shard's index read backwards: closing time, ties by id, both descending. */
    private static final Comparator<Listed> NEWEST_CLOSING_FIRST =
            Comparator.comparingLong(Listed::closedAt).thenComparing(Listed::id).reversed();

    private Mono<Head> head(Shard shard, List<Function<Shard, String>> indexes, long count) {
        List<String> scriptKeys = new ArrayList<>(List.of(shard.key("list-scratch")));
        indexes.forEach(index -> scriptKeys.add(index.apply(shard)));
        return redis.execute(LIST, scriptKeys, List.of(Long.toString(count)))
                .single()
                .map(reply -> {
                    List<Listed> listed = new ArrayList<>();
                    for (int i = 1; i + 1 < reply.size(); i += 2) {
                        listed.add(new Listed(shard, reply.get(i).toString(), (long)
                                Double.parseDouble(reply.get(i + 1).toString())));
                    }
                    return new Head(Long.parseLong(reply.get(0).toString()), listed);
                });
    }

    /** One page of surveys and how many there are in all. */
    record Page(long total, List<Survey> items) {}

    String allKey(Shard shard) {
        return shard.key("all");
    }

    String surveysKey(Shard shard) {
        return queue(shard).items();
    }

    String statusKey(Shard shard, SurveyStatus status) {
        return shard.key("by-status", status.name());
    }

    String channelKey(Shard shard, Survey.Channel channel) {
        return shard.key("by-channel", channel.name());
    }

    String stationKey(Shard shard, String stationId) {
        return shard.key("by-station", stationId);
    }

    String districtKey(Shard shard, String district) {
        return shard.key("by-district", district);
    }

    String answerKey(Shard shard, String answer) {
        return shard.key("by-answer", answer);
    }

    /**
     * Whether a number may be asked "which case?" now: once an hour at most, so replies cannot make the
     * bureau send SMS without end. Keyed by a hash of the number (no phone in a key name).
     */
    Mono<Boolean> mayAskWhich(String phoneHash) {
        return redis.opsForValue().setIfAbsent(shards.legacy().key("asked-which", phoneHash), "1", Duration.ofHours(1));
    }

    Mono<Void> forgetAskedWhich(String phoneHash) {
        return redis.delete(shards.legacy().key("asked-which", phoneHash)).then();
    }

    /** Queues an SMS in answer to a resident's reply that answered no survey (in the legacy shard), once per id. */
    Mono<Boolean> offerReply(ReplyMessage message, Instant due) {
        return replies(shards.legacy()).offer(message.id(), json.writeValueAsString(message), due);
    }

    Flux<ReplyMessage> claimReplies(Shard shard, Instant now, Instant leaseEnd, int count) {
        LeasedQueue replies = replies(shard);
        return replies.reap(now)
                .thenMany(replies.claim(now, leaseEnd, count))
                .map(node -> json.treeToValue(node, ReplyMessage.class));
    }

    Mono<Void> replyDone(Shard shard, String id, Instant leaseEnd) {
        return replies(shard).done(id, leaseEnd);
    }

    Mono<Long> replyAttempt(Shard shard, String id) {
        return replies(shard).attempt(id);
    }

    /** Surveys whose answer reopens their case, until the case is reopened: a failed try is retried by the sweep. */
    Flux<String> reopensPending(Shard shard, int count) {
        return redis.opsForZSet().range(reopenKey(shard), Range.closed(0L, (long) count - 1));
    }

    Mono<Void> reopenDone(Shard shard, String id) {
        return redis.opsForZSet().remove(reopenKey(shard), id).then();
    }

    private String reopenKey(Shard shard) {
        return shard.key("reopen");
    }

    /** Whether a shard holds a survey, without reading it. */
    Mono<Boolean> holds(Shard shard, String id) {
        return redis.opsForHash().hasKey(queue(shard).items(), id);
    }

    Mono<Survey> find(Shard shard, String id) {
        return redis.<String, String>opsForHash()
                .get(queue(shard).items(), id)
                .map(stored -> json.readValue(stored, Survey.class));
    }

    /**
     * A survey by its id: in the shard its case's number names, else in the legacy shard, where the surveys
     * scheduled before shards existed stay.
     */
    Mono<Located> locate(String id) {
        Shard named = shards.ofId(id);
        Mono<Located> inNamed = find(named, id).map(survey -> new Located(named, survey));
        if (named.legacy()) {
            return inNamed;
        }
        Shard legacy = shards.legacy();
        return inNamed.switchIfEmpty(Mono.defer(() -> find(legacy, id).map(survey -> new Located(legacy, survey))));
    }

    Mono<List<HistoryEntry>> history(Shard shard, String id) {
        return redis.opsForList()
                .range(historyKey(shard, id), 0, -1)
                .map(entry -> json.readValue(entry, HistoryEntry.class))
                .collectList();
    }

    /** The surveys sent to this phone by SMS and still open, in every shard, oldest sent first. */
    Flux<Located> openFor(String phone) {
        return Flux.fromIterable(shards.all())
                .flatMap(
                        shard -> redis.opsForZSet()
                                .range(phoneKey(shard, phone), Range.closed(0L, -1L))
                                .collectList()
                                .flatMapMany(ids -> findAll(shard, ids))
                                .map(survey -> new Located(shard, survey)),
                        4)
                .filter(located -> ResidentSurveys.answerable(located.survey()))
                // as one shard's index orders them: by sending time, then by id
                .sort(Comparator.comparing((Located located) ->
                                Objects.requireNonNull(located.survey().sentAt(), "an open SMS survey was sent"))
                        .thenComparing(located -> located.survey().id()));
    }

    /** A survey's id and the shard it lives in. */
    record Sent(Shard shard, String id) {}

    /**
     * The survey an SMS serial number was sent for, in whichever shard it went from: asked of every shard at once (a
     * delivery report comes for every SMS sent), the first that knows it answers.
     */
    Mono<Sent> bySerial(String serialNo) {
        return Flux.fromIterable(shards.all())
                .flatMap(shard ->
                        redis.opsForValue().get(serialKey(shard, serialNo)).map(id -> new Sent(shard, id)))
                .next();
    }

    /** Appends to a survey's history without changing it (a delivery report). */
    Mono<Void> note(Shard shard, String id, HistoryEntry entry) {
        return redis.opsForList()
                .rightPush(historyKey(shard, id), json.writeValueAsString(entry))
                .then();
    }

    /** A reply nobody could read or match, kept for staff. */
    Mono<Void> unmatched(Map<String, String> reply) {
        // the newest ~10,000 are what staff can read; older ones (and their numbers) are not kept for ever
        return redis.opsForStream()
                .add(
                        StreamRecords.newRecord().in(unmatchedKey()).ofMap(reply),
                        RedisStreamCommands.XAddOptions.maxlen(UNMATCHED_KEPT).approximateTrimming(true))
                .then();
    }

    /** Newest first. */
    Flux<MapRecord<String, String, String>> unmatchedReplies(int count) {
        return redis.<String, String>opsForStream()
                .reverseRange(unmatchedKey(), Range.unbounded(), Limit.limit().count(count));
    }

    private String unmatchedKey() {
        return shards.legacy().key("unmatched");
    }

    private Flux<Survey> findAll(Shard shard, List<String> ids) {
        return ids.isEmpty()
                ? Flux.empty()
                : redis.<String, String>opsForHash()
                        .multiGet(queue(shard).items(), ids)
                        .flatMapIterable(list -> list)
                        .filter(stored -> stored != null)
                        .map(stored -> json.readValue(stored, Survey.class));
    }

    /** Every survey of one resident, in every shard. */
    Flux<Survey> ofResident(String residentId) {
        return Flux.fromIterable(shards.all()).flatMap(shard -> ofResident(shard, residentId), 4);
    }

    private Flux<Survey> ofResident(Shard shard, String residentId) {
        return redis.opsForSet()
                .members(residentKey(shard, residentId))
                .collectList()
                .flatMapMany(ids -> findAll(shard, ids));
    }

    /** Forgets the phone of each of the resident's surveys (their account was deleted); how many had one. */
    Mono<Long> forgetPhones(String residentId) {
        return Flux.fromIterable(shards.all())
                .concatMap(shard -> ofResident(shard, residentId).concatMap(survey -> {
                    String phone = survey.phone();
                    return phone == null
                            ? Mono.<String>empty()
                            : redis.<String, String>opsForHash()
                                    .put(
                                            queue(shard).items(),
                                            survey.id(),
                                            json.writeValueAsString(survey.withoutPhone()))
                                    .then(redis.opsForZSet().remove(phoneKey(shard, phone), survey.id()))
                                    .thenReturn(phone);
                }))
                .collectList()
                // one pass over the kept replies for each number, however many surveys went to it
                .flatMap(phones -> Flux.fromIterable(new LinkedHashSet<>(phones))
                        .concatMap(this::forgetRepliesOf)
                        .then(Mono.just((long) phones.size())));
    }

    /** The replies kept for staff from this number, and the SMS waiting to answer it in every shard, are dropped. */
    private Mono<Void> forgetRepliesOf(String phone) {
        Mono<Void> kept = redis.<String, String>opsForStream()
                .range(unmatchedKey(), Range.unbounded())
                .filter(record -> phone.equals(record.getValue().get("phone")))
                .map(record -> record.getId())
                .collectList()
                .flatMap(ids -> ids.isEmpty()
                        ? Mono.empty()
                        : redis.opsForStream()
                                .delete(unmatchedKey(), ids.toArray(RecordId[]::new))
                                .then());
        Mono<Void> waiting = Flux.fromIterable(shards.all())
                .map(this::replies)
                .concatMap(replies -> redis.<String, String>opsForHash()
                        .entries(replies.items())
                        .filter(entry -> phone.equals(json.readValue(entry.getValue(), ReplyMessage.class)
                                .phone()))
                        .concatMap(entry -> redis.opsForZSet()
                                .remove(replies.due(), entry.getKey())
                                .then(redis.opsForZSet().remove(replies.inFlight(), entry.getKey()))
                                .then(redis.opsForHash().remove(replies.items(), entry.getKey()))))
                .then();
        return kept.then(waiting);
    }

    String eventsKey(Shard shard) {
        return shard.key("events");
    }

    private String residentKey(Shard shard, String residentId) {
        return shard.key("by-resident", residentId);
    }

    private String historyKey(Shard shard, String id) {
        return shard.key("history", id);
    }

    /** @param phone null for a survey that has none (the key then names no phone's surveys) */
    private String phoneKey(Shard shard, @Nullable String phone) {
        return shard.key("open-by-phone", phone == null ? "none" : phone);
    }

    /** @param serialNo null for a survey no SMS went for (the key then names no message) */
    private String serialKey(Shard shard, @Nullable String serialNo) {
        return shard.key("by-serial", serialNo == null ? "none" : serialNo);
    }

    /**
     * Waits until a replica holds what was written to the surveys so far, in every shard
     * ({@link AcknowledgedWrites#confirm}).
     */
    Mono<Void> confirm() {
        return Flux.fromIterable(shards.all())
                .concatMap(shard -> writes.confirm(shard.key("surveys")))
                .then();
    }
}
