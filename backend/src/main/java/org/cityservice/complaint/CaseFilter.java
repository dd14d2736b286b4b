package org.cityservice.complaint;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

import org.cityservice.shared.TimeConfiguration;

/**
 * The staff list's filters beyond scope and status: category, station, subdistrict, 督办 level,
 * received-date range (Asia/Shanghai, both days included) and a text found in the tracking number,
 * description or address. {@link #none()} when the list needs no filtering in memory.
 */
record CaseFilter(String category, String stationId, String subdistrict, Deadline.Alert alert, LocalDate from, LocalDate to,
                  String text) {

    boolean none() {
        return category == null && stationId == null && subdistrict == null && alert == null && from == null && to == null
                && text == null;
    }

    boolean matches(Complaint c) {
        return (category == null || category.equals(c.category()))
                && (stationId == null || stationId.equals(c.routing().stationId()))
                && (subdistrict == null || subdistrict.equals(c.routing().subdistrict()))
                && (alert == null || c.deadline() != null && c.deadline().alert() == alert)
                && (from == null || !day(c.createdAt()).isBefore(from))
                && (to == null || !day(c.createdAt()).isAfter(to))
                && (text == null || contains(c.trackingNo()) || contains(c.description()) || contains(c.address()));
    }

    /** Soonest deadline first; cases without a running clock last, newest first among them. */
    static Comparator<Complaint> byDeadline() {
        return Comparator.<Complaint, Instant>comparing(c -> c.deadline() == null ? Instant.MAX : c.deadline().dueAt())
                .thenComparing(Complaint::createdAt, Comparator.reverseOrder());
    }

    private boolean contains(String field) {
        return field != null && field.contains(text);
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, TimeConfiguration.SHANGHAI);
    }
}
