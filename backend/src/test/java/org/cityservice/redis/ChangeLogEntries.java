package org.cityservice.redis;

import io.lettuce.core.Range;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;

/** What a change log (lib/change-log.lua) holds, for script tests. */
public final class ChangeLogEntries {

    private ChangeLogEntries() {}

    /**
     * The log as "n id", n counted from 1 at its first entry (a log starts at the clock's microseconds): consecutive
     * entries are numbered 1, 2, 3, and a gap shows.
     */
    public static List<String> numbered(RedisCommands<String, String> redis, String log) {
        var entries = redis.xrange(log, Range.create("-", "+"));
        if (entries.isEmpty()) {
            return List.of();
        }
        long before = revision(entries.get(0).getId()) - 1;
        return entries.stream()
                .map(entry -> (revision(entry.getId()) - before) + " "
                        + entry.getBody().get("id"))
                .toList();
    }

    private static long revision(String entryId) {
        return Long.parseLong(entryId.substring(0, entryId.indexOf('-')));
    }
}
