package org.cityservice.survey;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cityservice.complaint.ComplaintDirectory;
import org.cityservice.redis.RedisKeys;
import org.springframework.stereotype.Component;

/**
 * Where surveys live: a survey's shard is the home of its case, the district its tracking number names
 * ({@code survey:0803}), so the surveys spread over a cluster's masters as the cases do and the survey
 * intake reads each home's complaint events into that home's shard. Each shard has its own leased queue,
 * indexes and event stream (docs/surveys.md, "Redis layout"). The legacy shard {@code survey} holds the
 * surveys of cases numbered before districts had codes, every survey scheduled before shards existed,
 * and what belongs to no survey (the cursors, unmatched replies).
 */
@Component
class SurveyShards {

    private static final String TAG = "survey";
    /** {@code sv-JZ0803-20261122-000001-3}: the case's number after the prefix, before the closing. */
    private static final Pattern NUMBER_IN_ID = Pattern.compile("sv-([A-Z]+\\d{4}-\\d{8}-\\d{6})-.*");

    private final RedisKeys keys;
    private final ComplaintDirectory complaints;
    private final List<Shard> all;

    SurveyShards(RedisKeys keys, ComplaintDirectory complaints) {
        this.keys = keys;
        this.complaints = complaints;
        this.all = complaints.eventStreams().stream().map(this::named).toList();
    }

    /** Every shard, the legacy one among them: what a sweep or a reader of all surveys visits. */
    List<Shard> all() {
        return all;
    }

    Shard legacy() {
        return named("");
    }

    /** The shard of a case's surveys, by its tracking number. */
    Shard of(String trackingNo) {
        return named(complaints.eventStreamOf(trackingNo));
    }

    /**
     * The shard a survey id names, by its case's number: where it lives unless it was scheduled before shards existed
     * (then in the legacy shard, {@link SurveyStore#locate}).
     */
    Shard ofId(String id) {
        Matcher number = NUMBER_IN_ID.matcher(id);
        return number.matches() ? of(number.group(1)) : legacy();
    }

    /** The shard of a complaint event stream's name (a district's code; "" for the legacy one). */
    Shard named(String name) {
        return new Shard(keys, name.isEmpty() ? TAG : TAG + ":" + name, name);
    }

    /**
     * One shard: its keys share one hash tag, so every survey script touches one slot.
     *
     * @param name the name of its case home's event stream, "" for the legacy shard
     */
    record Shard(RedisKeys keys, String tag, String name) {

        String key(String... parts) {
            return keys.key(tag, parts);
        }

        boolean legacy() {
            return name.isEmpty();
        }
    }
}
