package org.cityservice.complaint;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.identity.ResidentDirectory;
import org.cityservice.identity.SubscribeMessages;
import org.cityservice.shared.QuietHours;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.sms.SmsException;
import org.cityservice.sms.SmsGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends the residents' status notices that are due, to the reporter and to each resident following
 * the case (附议): by WeChat subscribe message when they hold a grant for the {@code status-change}
 * template, otherwise by SMS (the reporter: the case's proven contact phone or the bound one; a
 * follower: her own bound phone), otherwise not at all (logged as unreachable). Each recipient is
 * told once per notice even when the notice is retried for another. A notice is claimed with a lease before
 * sending, so two instances never send the same one; if a sender dies before it is done, the lease
 * runs out and the notice is sent again (at least once, never by two at a time).
 *
 * <p>A case has at most one notice waiting: a move replaces the one not sent yet, and a case whose
 * notice is being sent waits for that send to end before its next one is claimed. So the resident
 * hears of the steps in their order, steps close together merged into the latest, never backwards.
 */
@Component
class StatusNotifier {

    private static final Logger log = LoggerFactory.getLogger(StatusNotifier.class);
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int MAX_ATTEMPTS = 10;
    private static final int BATCH = 100;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TimeConfiguration.SHANGHAI);

    private final ComplaintStore store;
    private final ComplaintKeys keys;
    private final SubscribeMessages messages;
    private final ResidentDirectory residents;
    private final SmsGateway sms;
    private final QuietHours quietHours;

    StatusNotifier(
            ComplaintStore store,
            ComplaintKeys keys,
            SubscribeMessages messages,
            ResidentDirectory residents,
            SmsGateway sms,
            QuietHours quietHours) {
        this.store = store;
        this.keys = keys;
        this.messages = messages;
        this.residents = residents;
        this.sms = sms;
        this.quietHours = quietHours;
    }

    /**
     * @return how many notices were dealt with; none in quiet hours, even one whose lease ran out and
     *         was put back due at once (a send that failed at 20:59 waits for the morning)
     */
    Mono<Long> sweep(Instant now) {
        return Flux.fromIterable(keys.homes())
                .concatMap(home -> sweep(home, now))
                .reduce(0L, Long::sum);
    }

    private Mono<Long> sweep(ComplaintKeys.Home home, Instant now) {
        if (quietHours.quiet(now)) {
            return store.reapNotices(home, now).thenReturn(0L);
        }
        return store.reapNotices(home, now)
                .thenMany(store.claimNotices(home, now, now.plus(LEASE), BATCH))
                .concatMap(notice -> deliver(home, notice, now))
                .count();
    }

    private Mono<String> deliver(ComplaintKeys.Home home, StatusNotice notice, Instant now) {
        return store.noticeAttempt(home, notice.id())
                .flatMap(attempt -> attempt > MAX_ATTEMPTS ? giveUp(home, notice, now) : send(home, notice, now));
    }

    /** A notice that failed {@value #MAX_ATTEMPTS} times (each a lease apart) is logged and dropped, not tried for ever. */
    private Mono<String> giveUp(ComplaintKeys.Home home, StatusNotice notice, Instant now) {
        log.warn(
                "Status notice for {} ({}) given up after {} failed tries",
                notice.trackingNo(),
                notice.status(),
                MAX_ATTEMPTS);
        return store.noticeDone(
                        home,
                        notice,
                        now.plus(LEASE),
                        Map.of(
                                "notice",
                                notice.id(),
                                "trackingNo",
                                notice.trackingNo(),
                                "status",
                                notice.status().name(),
                                "channel",
                                "GAVE_UP",
                                "at",
                                now.toString()))
                .thenReturn("GAVE_UP");
    }

    /**
     * Tells the reporter and every follower (附议) who was not told of this notice yet, each on their own:
     * one failing leaves the others told and remembered ({@code markServed}), and the notice stays leased
     * to be tried again for the ones left; once all are told it is done.
     */
    private Mono<String> send(ComplaintKeys.Home home, StatusNotice notice, Instant now) {
        return store.served(home, notice.id())
                .flatMap(served -> store.followersOf(home, notice.trackingNo())
                        .collectList()
                        .flatMap(following -> {
                            List<String> recipients = new ArrayList<>();
                            recipients.add(notice.residentId());
                            following.stream()
                                    .filter(id -> !id.equals(notice.residentId()))
                                    .forEach(recipients::add);
                            Map<String, String> channels = new LinkedHashMap<>(served);
                            return Flux.fromIterable(recipients)
                                    .filter(id -> !served.containsKey(id))
                                    .concatMap(id -> tell(notice, id)
                                            .flatMap(channel -> store.markServed(home, notice.id(), id, channel)
                                                    .doOnSuccess(ignored -> channels.put(id, channel))
                                                    .thenReturn(true))
                                            .onErrorResume(error -> {
                                                log.warn(
                                                        "Status notice for {} not sent to one recipient now, its lease brings it back: {}",
                                                        notice.trackingNo(),
                                                        error.toString());
                                                return Mono.just(false);
                                            }))
                                    // every recipient is tried (all() would stop at the first failure)
                                    .collectList()
                                    .flatMap(told -> {
                                        if (told.contains(false)) {
                                            return Mono.<String>empty();
                                        }
                                        String channel = channels.getOrDefault(notice.residentId(), "UNREACHABLE");
                                        Map<String, String> entry = new LinkedHashMap<>(Map.of(
                                                "notice",
                                                notice.id(),
                                                "trackingNo",
                                                notice.trackingNo(),
                                                "status",
                                                notice.status().name(),
                                                "channel",
                                                channel,
                                                "at",
                                                now.toString()));
                                        if (recipients.size() > 1) {
                                            entry.put("followers", Integer.toString(recipients.size() - 1));
                                        }
                                        log.info(
                                                "Status notice for {} ({}): {}, {} followers",
                                                notice.trackingNo(),
                                                notice.status(),
                                                channel,
                                                recipients.size() - 1);
                                        return store.noticeDone(home, notice, now.plus(LEASE), entry)
                                                .thenReturn(channel);
                                    });
                        }))
                .onErrorResume(error -> {
                    log.warn(
                            "Status notice for {} not sent now, its lease will bring it back: {}",
                            notice.trackingNo(),
                            error.toString());
                    return Mono.empty();
                });
    }

    /** One recipient: the reporter with the staff note, a follower with the general words only (a note may speak of the reporter). */
    private Mono<String> tell(StatusNotice notice, String residentId) {
        boolean reporter = residentId.equals(notice.residentId());
        String note = reporter && notice.note() != null ? notice.note() : defaultNote(notice.status(), reporter);
        Map<String, String> values = Map.of(
                "trackingNo",
                notice.trackingNo(),
                "status",
                notice.status().label(),
                "note",
                note,
                "at",
                TIME.format(notice.at()));
        return messages.send(residentId, "status-change", values, "no=" + notice.trackingNo())
                .flatMap(outcome -> outcome == SubscribeMessages.Outcome.SENT
                        ? Mono.just("WECHAT")
                        // the case's contact phone is the reporter's; a follower is sent SMS at her own bound phone
                        // only
                        : bySms(
                                notice,
                                reporter && notice.contactPhone() != null
                                        ? Mono.just(notice.contactPhone())
                                        : residents.boundPhone(residentId),
                                note));
    }

    private Mono<String> bySms(StatusNotice notice, Mono<String> phone, String note) {
        return phone.flatMap(number -> sms.send(
                                number,
                                "status-change",
                                List.of(notice.trackingNo(), notice.status().label(), note),
                                notice.id())
                        .thenReturn("SMS")
                        // a number the provider will never reach: trying again would not help
                        .onErrorResume(
                                SmsException.class, e -> e.permanent() ? Mono.just("SMS_REFUSED") : Mono.error(e)))
                .defaultIfEmpty("UNREACHABLE");
    }

    private static String defaultNote(ComplaintStatus status, boolean reporter) {
        if (!reporter) {
            return switch (status) {
                case REGISTERED -> "您附议的诉求已立案";
                case REJECTED -> "您附议的诉求已退回";
                case DISPATCHED -> "您附议的诉求已派遣至服务站处理";
                case CLOSED -> "您附议的诉求已办结,感谢您的监督";
                default -> "您附议的诉求状态有更新";
            };
        }
        return switch (status) {
            case REGISTERED -> "您的诉求已立案,我们将尽快处理";
            case DISPATCHED -> "您的诉求已派遣至服务站处理";
            case CLOSED -> "您的诉求已办结,感谢您的监督";
            default -> "您的诉求状态有更新";
        };
    }
}
