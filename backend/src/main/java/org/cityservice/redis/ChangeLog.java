package org.cityservice.redis;

import java.util.Arrays;
import java.util.List;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * A numbered log of changes that in-process copies follow (the listings' nearby index, the session cache): a
 * revision counter and a stream whose entry ids are the revisions, written by the owner's scripts through the
 * {@code lib/change-log} fragment. A reader keeps the revision it has applied and asks what followed; when the log
 * cannot tell it (trimmed past it, or the store went back) it must start over from the store. Both keys share one
 * hash tag.
 */
public final class ChangeLog {

    private static final RedisScript<String> CHANGES = LuaScripts.load("redis/changes", String.class);

    private final ReactiveStringRedisTemplate redis;
    private final String revision;
    private final String log;

    public ChangeLog(ReactiveStringRedisTemplate redis, String revision, String log) {
        this.redis = redis;
        this.revision = revision;
        this.log = log;
    }

    /** What the log answered: nothing new, the ids changed up to {@code revision} (in order, maybe repeated), or start over. */
    public record Changes(State state, long revision, List<String> ids) {

        public enum State {
            SAME,
            CHANGES,
            RELOAD
        }

        static Changes parse(String reply) {
            String[] words = reply.split(" ");
            return new Changes(
                    ScriptReply.word(State.class, words[0]),
                    Long.parseLong(words[1]),
                    List.of(Arrays.copyOfRange(words, 2, words.length)));
        }
    }

    /** The keys an owner's script passes to {@code record_change}, in that order. */
    public List<String> keys() {
        return List.of(revision, log);
    }

    /** How many changes there have been (0 for a store that never had one). */
    public Mono<Long> revision() {
        return redis.opsForValue().get(revision).map(Long::parseLong).defaultIfEmpty(0L);
    }

    /** Up to {@code max} changes after revision {@code known}. */
    public Mono<Changes> since(long known, int max) {
        return redis.execute(CHANGES, keys(), List.of(Long.toString(known), Integer.toString(max)))
                .single()
                .map(Changes::parse);
    }
}
