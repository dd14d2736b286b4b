package org.cityservice.complaint;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock of the stage a case is in (时限): when it started, when it is due, when it turns yellow
 * (80 % of the time used) and whether it has been marked so far.
 */
public record Deadline(String stage, Instant startedAt, Instant dueAt, Alert alert) {

    /** 督办 levels: yellow at 80 % of the limit, red once it is past. */
    public enum Alert {
        NONE,
        YELLOW,
        RED
    }

    public Instant yellowAt() {
        return startedAt.plus(Duration.between(startedAt, dueAt).multipliedBy(8).dividedBy(10));
    }

    Deadline marked(Alert level) {
        return new Deadline(stage, startedAt, dueAt, level);
    }
}
