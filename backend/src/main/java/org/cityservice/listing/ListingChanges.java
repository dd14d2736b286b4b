package org.cityservice.listing;

import java.util.Arrays;
import java.util.List;
import org.cityservice.redis.ScriptReply;

/**
 * What listing/changes.lua answered: nothing new, the ids changed up to {@code revision} (in order, maybe repeated),
 * or that the log cannot bring a reader up to date and it must load the kind again.
 */
record ListingChanges(State state, long revision, List<String> ids) {

    enum State {
        SAME,
        CHANGES,
        RELOAD
    }

    static ListingChanges parse(String reply) {
        String[] words = reply.split(" ");
        return new ListingChanges(
                ScriptReply.word(State.class, words[0]),
                Long.parseLong(words[1]),
                List.of(Arrays.copyOfRange(words, 2, words.length)));
    }
}
