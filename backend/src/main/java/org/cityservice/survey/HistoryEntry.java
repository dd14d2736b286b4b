package org.cityservice.survey;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One line of a survey's history: scheduled, sent via, reminded, delivered, answered, expired, unreachable.
 *
 * @param at null for a delivery report that gives no time it reached the phone (an undelivered message has none)
 */
record HistoryEntry(@Nullable Instant at, String what, String detail) {}
