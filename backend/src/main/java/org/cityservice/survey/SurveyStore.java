package org.cityservice.survey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cityservice.redis.AcknowledgedWrites;
import org.cityservice.redis.LeasedQueue;
import org.cityservice.redis.LuaScripts;
import org.cityservice.redis.RedisKeys;
import org.cityservice.redis.ScriptReply;
import org.cityservice.redis.StreamEntry;
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
 * Surveys in Redis, all under the {@code survey} hash tag (docs/surveys.md): a hash of survey JSON
 * by id worked off as a {@link LeasedQueue} (due set, in-flight set), a history list per survey,
 * an index of open surveys per phone for matching SMS replies, the cursor into the complaint
 * events, and the survey events stream the statistics read. Every step is one script.
 */
@Component
class SurveyStore {

    private static final RedisScript<Long> SCHEDULE = LuaScripts.load("survey/schedule", Long.class);
    private static final RedisScript<Long> CURSOR = LuaScripts.load("survey/cursor", Long.class);
    private static final RedisScript<String> ADVANCE = LuaScripts.load("survey/advance", String.class);
    private static final RedisScript<String> ANSWER = LuaScripts.load("survey/answer", String.class);
    private static final RedisScript<String> LIST = LuaScripts.load("survey/list", String.class);

    static final int UNMATCHED_KEPT = 10_000;

    private final ReactiveStringRedisTemplate redis;
    private final AcknowledgedWrites writes;
    private final RedisKeys keys;
    private final JsonMapper json;
    private final LeasedQueue queue;
    private final LeasedQueue replies;

    SurveyStore(ReactiveStringRedisTemplate redis, AcknowledgedWrites writes, RedisKeys keys, JsonMapper json) {
        this.redis = redis;
        this.writes = writes;
        this.keys = keys;
        this.json = json;
        this.queue = new LeasedQueue(redis, json, key("surveys"), key("due"), key("in-flight"));
        this.replies = new LeasedQueue(redis, json, key("replies"), key("replies", "due"), key("replies", "in-flight"));
    }

    /** The last event of a complaint event stream already looked at; "0-0" before the first. */
    Mono<String> cursor(String stream) {
        return redis.opsForValue().get(cursorKey(stream)).defaultIfEmpty("0-0");
    }

    Mono<Void> moveCursor(String stream, String eventId) {
        return redis.execute(CURSOR, List.of(cursorKey(stream)), List.of(eventId))
                .then();
    }

    /** The cursor in a complaint event stream ({@code ComplaintDirectory.eventStreams}: "" for the shared one). */
    private String cursorKey(String stream) {
        return stream.isEmpty() ? key("cursor") : key("cursor", stream);
    }

    /** @return true when this call scheduled it, false when it was already */
    Mono<Boolean> schedule(Survey survey, HistoryEntry first, Map<String, String> event) {
        List<String> args = new ArrayList<>(List.of(
                survey.id(),
                json.writeValueAsString(survey),
                Long.toString(Objects.requireNonNull(survey.dueAt(), "a scheduled survey is due")
                        .toEpochMilli()),
                Long.toString(survey.closedAt().toEpochMilli()),
                json.writeValueAsString(first)));
        args.add(StreamEntry.argument(json, event));
        List<String> scriptKeys = new ArrayList<>(List.of(
                queue.items(),
                queue.due(),
                allKey(),
                historyKey(survey.id()),
                eventsKey(),
                residentKey(survey.residentId())));
        scriptKeys.addAll(facetKeys(survey));
        return writes.execute(SCHEDULE, scriptKeys, args).single().map(n -> n == 1);
    }

    Flux<Survey> claim(Instant now, Instant leaseEnd, int count) {
        return queue.claim(now, leaseEnd, count).map(node -> json.treeToValue(node, Survey.class));
    }

    Mono<Long> reap(Instant now) {
        return queue.reap(now);
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

    /** Records steps taken with claimed surveys, in one script call; what became of each, in order. */
    Mono<List<Step>> advance(List<Advance> steps) {
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
            addAdvance(step, scriptKeys, args);
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

    private void addAdvance(Advance step, List<String> scriptKeys, List<String> args) {
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
        scriptKeys.addAll(List.of(
                queue.items(),
                queue.inFlight(),
                queue.due(),
                historyKey(next.id()),
                eventsKey(),
                phoneKey(next.phone()),
                serialKey(next.serialNo())));
        indexMoves(claimed, next, scriptKeys, args);
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
        List<String> scriptKeys = new ArrayList<>(List.of(
                queue.items(),
                queue.due(),
                queue.inFlight(),
                historyKey(read.id()),
                eventsKey(),
                phoneKey(read.phone()),
                reopenKey(),
                replies.items(),
                replies.due()));
        indexMoves(read, answered, scriptKeys, args);
        args.add(StreamEntry.argument(json, event));
        return writes.execute(ANSWER, scriptKeys, args).single().map(reply -> ScriptReply.word(Answering.class, reply));
    }

    /**
     * The staff list's indexes a step changes: those of {@code before} the survey leaves, then all of {@code after}
     * (joining again is harmless, and heals a survey indexed before an index existed); their count and the score.
     */
    private void indexMoves(Survey before, Survey after, List<String> scriptKeys, List<String> args) {
        Set<String> joined = facetKeys(after);
        List<String> left = facetKeys(before).stream()
                .filter(index -> !joined.contains(index))
                .toList();
        scriptKeys.addAll(left);
        scriptKeys.addAll(joined);
        args.add(Integer.toString(left.size()));
        args.add(Long.toString(after.closedAt().toEpochMilli()));
    }

    /** The staff list's indexes a survey is in besides all: status, channel, station, district, answer. */
    Set<String> facetKeys(Survey survey) {
        Set<String> facets = new LinkedHashSet<>();
        facets.add(statusKey(survey.status()));
        Survey.Channel channel = survey.channel();
        if (channel != null) {
            facets.add(channelKey(channel));
        }
        String stationId = survey.stationId();
        if (stationId != null) {
            facets.add(stationKey(stationId));
        }
        String district = survey.district();
        if (district != null) {
            facets.add(districtKey(district));
        }
        answerFacets(survey.answer()).forEach(name -> facets.add(answerKey(name)));
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

    /** One page of the surveys in every one of {@code indexes} (the scope's first), newest closing first, over all of them. */
    Mono<Page> list(List<String> indexes, long offset, int size) {
        List<String> scriptKeys = new ArrayList<>(List.of(queue.items(), key("list-scratch")));
        scriptKeys.addAll(indexes);
        return redis.execute(LIST, scriptKeys, List.of(Long.toString(offset), Integer.toString(size)))
                .single()
                .map(reply -> json.readValue(reply, Page.class));
    }

    /** One page of surveys and how many there are in all. */
    record Page(long total, List<Survey> items) {}

    String allKey() {
        return key("all");
    }

    String surveysKey() {
        return queue.items();
    }

    String statusKey(SurveyStatus status) {
        return key("by-status", status.name());
    }

    String channelKey(Survey.Channel channel) {
        return key("by-channel", channel.name());
    }

    String stationKey(String stationId) {
        return key("by-station", stationId);
    }

    String districtKey(String district) {
        return key("by-district", district);
    }

    String answerKey(String answer) {
        return key("by-answer", answer);
    }

    /**
     * Whether a number may be asked "which case?" now: once an hour at most, so replies cannot make the
     * bureau send SMS without end. Keyed by a hash of the number (no phone in a key name).
     */
    Mono<Boolean> mayAskWhich(String phoneHash) {
        return redis.opsForValue().setIfAbsent(key("asked-which", phoneHash), "1", Duration.ofHours(1));
    }

    Mono<Void> forgetAskedWhich(String phoneHash) {
        return redis.delete(key("asked-which", phoneHash)).then();
    }

    /** Queues an SMS in answer to a resident's reply, once per id. */
    Mono<Boolean> offerReply(ReplyMessage message, Instant due) {
        return replies.offer(message.id(), json.writeValueAsString(message), due);
    }

    Flux<ReplyMessage> claimReplies(Instant now, Instant leaseEnd, int count) {
        return replies.reap(now)
                .thenMany(replies.claim(now, leaseEnd, count))
                .map(node -> json.treeToValue(node, ReplyMessage.class));
    }

    Mono<Void> replyDone(String id, Instant leaseEnd) {
        return replies.done(id, leaseEnd);
    }

    Mono<Long> replyAttempt(String id) {
        return replies.attempt(id);
    }

    /** Surveys whose answer reopens their case, until the case is reopened: a failed try is retried by the sweep. */
    Flux<String> reopensPending(int count) {
        return redis.opsForZSet().range(reopenKey(), Range.closed(0L, (long) count - 1));
    }

    Mono<Void> reopenDone(String id) {
        return redis.opsForZSet().remove(reopenKey(), id).then();
    }

    private String reopenKey() {
        return key("reopen");
    }

    Mono<Survey> find(String id) {
        return redis.<String, String>opsForHash()
                .get(queue.items(), id)
                .map(stored -> json.readValue(stored, Survey.class));
    }

    Mono<List<HistoryEntry>> history(String id) {
        return redis.opsForList()
                .range(historyKey(id), 0, -1)
                .map(entry -> json.readValue(entry, HistoryEntry.class))
                .collectList();
    }

    /** The surveys sent to this phone by SMS and still open, oldest sent first. */
    Flux<Survey> openFor(String phone) {
        return redis.opsForZSet()
                .range(phoneKey(phone), Range.closed(0L, -1L))
                .collectList()
                .flatMapMany(this::findAll)
                .filter(survey -> survey.status() == SurveyStatus.SENT || survey.status() == SurveyStatus.REMINDED);
    }

    /** The survey an SMS serial number was sent for. */
    Mono<String> bySerial(String serialNo) {
        return redis.opsForValue().get(serialKey(serialNo));
    }

    /** Appends to a survey's history without changing it (a delivery report). */
    Mono<Void> note(String id, HistoryEntry entry) {
        return redis.opsForList()
                .rightPush(historyKey(id), json.writeValueAsString(entry))
                .then();
    }

    /** A reply nobody could read or match, kept for staff. */
    Mono<Void> unmatched(Map<String, String> reply) {
        // the newest ~10,000 are what staff can read; older ones (and their numbers) are not kept for ever
        return redis.opsForStream()
                .add(
                        StreamRecords.newRecord().in(key("unmatched")).ofMap(reply),
                        RedisStreamCommands.XAddOptions.maxlen(UNMATCHED_KEPT).approximateTrimming(true))
                .then();
    }

    /** Newest first. */
    Flux<MapRecord<String, String, String>> unmatchedReplies(int count) {
        return redis.<String, String>opsForStream()
                .reverseRange(key("unmatched"), Range.unbounded(), Limit.limit().count(count));
    }

    Flux<Survey> findAll(List<String> ids) {
        return ids.isEmpty()
                ? Flux.empty()
                : redis.<String, String>opsForHash()
                        .multiGet(queue.items(), ids)
                        .flatMapIterable(list -> list)
                        .filter(stored -> stored != null)
                        .map(stored -> json.readValue(stored, Survey.class));
    }

    /** Every survey of one resident. */
    Flux<Survey> ofResident(String residentId) {
        return redis.opsForSet().members(residentKey(residentId)).collectList().flatMapMany(this::findAll);
    }

    /** Forgets the phone of each of the resident's surveys (their account was deleted); how many had one. */
    Mono<Long> forgetPhones(String residentId) {
        return redis.opsForSet()
                .members(residentKey(residentId))
                .collectList()
                .flatMapMany(this::findAll)
                .concatMap(survey -> {
                    String phone = survey.phone();
                    return phone == null
                            ? Mono.<String>empty()
                            : redis.<String, String>opsForHash()
                                    .put(queue.items(), survey.id(), json.writeValueAsString(survey.withoutPhone()))
                                    .then(redis.opsForZSet().remove(phoneKey(phone), survey.id()))
                                    .thenReturn(phone);
                })
                .collectList()
                // one pass over the kept replies for each number, however many surveys went to it
                .flatMap(phones -> Flux.fromIterable(new LinkedHashSet<>(phones))
                        .concatMap(this::forgetRepliesOf)
                        .then(Mono.just((long) phones.size())));
    }

    /** The replies kept for staff from this number, and the SMS waiting to answer it, are dropped. */
    private Mono<Void> forgetRepliesOf(String phone) {
        Mono<Void> kept = redis.<String, String>opsForStream()
                .range(key("unmatched"), Range.unbounded())
                .filter(record -> phone.equals(record.getValue().get("phone")))
                .map(record -> record.getId())
                .collectList()
                .flatMap(ids -> ids.isEmpty()
                        ? Mono.empty()
                        : redis.opsForStream()
                                .delete(key("unmatched"), ids.toArray(RecordId[]::new))
                                .then());
        Mono<Void> waiting = redis.<String, String>opsForHash()
                .entries(replies.items())
                .filter(entry -> phone.equals(
                        json.readValue(entry.getValue(), ReplyMessage.class).phone()))
                .concatMap(entry -> redis.opsForZSet()
                        .remove(replies.due(), entry.getKey())
                        .then(redis.opsForZSet().remove(replies.inFlight(), entry.getKey()))
                        .then(redis.opsForHash().remove(replies.items(), entry.getKey())))
                .then();
        return kept.then(waiting);
    }

    String eventsKey() {
        return key("events");
    }

    private String residentKey(String residentId) {
        return key("by-resident", residentId);
    }

    private String historyKey(String id) {
        return key("history", id);
    }

    /** @param phone null for a survey that has none (the key then names no phone's surveys) */
    private String phoneKey(@Nullable String phone) {
        return key("open-by-phone", phone == null ? "none" : phone);
    }

    /** @param serialNo null for a survey no SMS went for (the key then names no message) */
    private String serialKey(@Nullable String serialNo) {
        return key("by-serial", serialNo == null ? "none" : serialNo);
    }

    /** Waits until a replica holds what was written to the surveys so far ({@link AcknowledgedWrites#confirm}). */
    Mono<Void> confirm() {
        return writes.confirm(key("surveys"));
    }

    String key(String... parts) {
        return keys.key("survey", parts);
    }
}
