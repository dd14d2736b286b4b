package org.cityservice.survey;

import java.time.Instant;

/** One line of a survey's history: scheduled, sent via, reminded, delivered, answered, expired, unreachable. */
record HistoryEntry(Instant at, String what, String detail) {}
