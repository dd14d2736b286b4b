package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityservice.complaint.ComplaintStatus.CLOSED;
import static org.cityservice.complaint.ComplaintStatus.DISPATCHED;
import static org.cityservice.complaint.ComplaintStatus.HANDLED;
import static org.cityservice.complaint.ComplaintStatus.REGISTERED;
import static org.cityservice.complaint.ComplaintStatus.VERIFIED;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.Report;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

class StatusNoticeTest extends IntegrationTest {

    private static final String CASE = "JZ0000-20261123-000001";
    /** The same resident's case when reported in the daytime of the next day. */
    private static final String DAYTIME_CASE = "JZ0000-20261124-000001";

    private static final Instant NEXT_MORNING = at(2026, 11, 24, 8, 0);

    @Autowired
    private StatusNotifier notifier;

    @Autowired
    private ComplaintStore store;

    @Autowired
    private ComplaintKeys keys;

    private WebTestClient alice;

    @BeforeEach
    void aCaseRegisteredAtNight() {
        clock.set(LocalDateTime.of(2026, 11, 23, 22, 0));
        alice = resident("alice");
    }

    @Test
    void aMoveAtNightIsToldByWechatAtEightWhenTheResidentAllowedIt() {
        wechat.acceptSubscribe("alice", "local-status-change");
        alice.post()
                .uri("/api/v1/me/subscriptions")
                .bodyValue(Map.of("local-status-change", "accept"))
                .exchange()
                .expectStatus()
                .isOk();
        reportAndRegister(null);

        assertThat(notifier.sweep(at(2026, 11, 23, 22, 5)).block()).isZero();
        assertThat(wechat.sent()).isEmpty();

        assertThat(notifier.sweep(NEXT_MORNING).block()).isEqualTo(1);
        assertThat(wechat.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.templateId()).isEqualTo("local-status-change");
            assertThat(sent.page()).isEqualTo("pages/complaint/detail?no=" + CASE);
            assertThat(sent.data()).containsEntry("character_string1", CASE).containsEntry("phrase2", "已立案");
        });
        assertThat(sms.sent()).isEmpty();
        assertThat(notifier.sweep(NEXT_MORNING.plusSeconds(60)).block()).isZero();
    }

    @Test
    void withoutAGrantTheNoticeGoesBySmsToTheContactPhone() {
        reportAndRegister("13812345678");
        notifier.sweep(NEXT_MORNING).block();
        assertThat(wechat.sent()).isEmpty();
        assertThat(sms.sent()).singleElement().satisfies(message -> {
            assertThat(message.phone()).isEqualTo("13812345678");
            assertThat(message.templateId()).isEqualTo("local-status-change");
            assertThat(message.params()).containsExactly(CASE, "已立案", "您的诉求已立案,我们将尽快处理");
        });
    }

    @Test
    void aContactPhoneTheResidentDidNotProveIsNeverSentAnSms() {
        residents.bindPhone(alice, "alice", "13800000001");
        String trackingNo = cases.at(REGISTERED, reportBy(alice).withContactPhone("13999999999"));
        notifier.sweep(NEXT_MORNING).block();
        assertThat(sms.sent())
                .singleElement()
                .satisfies(message -> assertThat(message.phone()).isEqualTo("13800000001"));
        asAdmin()
                .get()
                .uri("/api/v1/admin/complaints/" + trackingNo + "/contact-phone")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.phone")
                .isEqualTo("13999999999"); // staff may still call the number given
    }

    @Test
    void withNeitherGrantNorPhoneTheNoticeIsLoggedAsUnreachable() {
        reportAndRegister(null);
        notifier.sweep(NEXT_MORNING).block();
        List<Object> channels = redis.opsForStream()
                .range("cs:{complaint:0000}:notice-log", Range.unbounded())
                .map(entry -> entry.getValue().get("channel"))
                .collectList()
                .block();
        assertThat(channels).containsExactly("UNREACHABLE");
    }

    @Test
    void onlyRegisteredRejectedDispatchedAndClosedAreToldInTheOrderOfTheSteps() {
        clock.set(LocalDateTime.of(2026, 11, 24, 10, 0));
        reportAndRegister("13812345678");
        notifier.sweep(clock.instant()).block();
        for (ComplaintStatus next : List.of(DISPATCHED, HANDLED, VERIFIED, CLOSED)) {
            cases.bringTo(DAYTIME_CASE, next);
            notifier.sweep(clock.instant()).block();
        }
        assertThat(sentStatuses()).containsExactly("已立案", "已派遣", "已结案");
    }

    @Test
    void stepsWithinOneSweepAreToldAsOneNoticeOfTheLatest() {
        reportAndRegister("13812345678");
        cases.bringTo(CASE, CLOSED);
        assertThat(notifier.sweep(NEXT_MORNING).block()).isEqualTo(1);
        assertThat(sentStatuses()).containsExactly("已结案");
        assertThat(notifier.sweep(NEXT_MORNING.plusSeconds(60)).block()).isZero();
        assertThat(redis.opsForHash().size("cs:{complaint:0000}:notices").block())
                .isZero();
    }

    @Test
    void aCaseWhoseNoticeIsBeingSentWaitsForThatSendBeforeItsNext() {
        reportAndRegister("13812345678");
        StatusNotice registered = store.claimNotices(
                        keys.numbered(CASE), NEXT_MORNING, NEXT_MORNING.plus(StatusNotifier.LEASE), 10)
                .blockFirst();
        assertThat(registered.status()).isEqualTo(ComplaintStatus.REGISTERED);
        clock.set(LocalDateTime.of(2026, 11, 24, 8, 0, 10));
        moveAsAdmin(CASE, "DISPATCH", null);

        // another sender: the dispatch must not overtake the registration still being sent
        assertThat(notifier.sweep(NEXT_MORNING.plusSeconds(20)).block()).isZero();
        assertThat(sms.sent()).isEmpty();

        store.noticeDone(
                        keys.numbered(CASE),
                        registered,
                        NEXT_MORNING.plus(StatusNotifier.LEASE),
                        Map.of("notice", registered.id(), "channel", "SMS"))
                .block();
        assertThat(notifier.sweep(NEXT_MORNING.plusSeconds(30)).block()).isEqualTo(1);
        assertThat(sentStatuses()).containsExactly("已派遣");
        assertThat(redis.opsForHash().size("cs:{complaint:0000}:notices").block())
                .isZero();
    }

    @Test
    void sendersRacingWithMovesNeverTellAnOlderStepAfterANewerOne() {
        clock.set(LocalDateTime.of(2026, 11, 24, 10, 0));
        reportAndRegister("13812345678");
        List<String> steps = List.of("DISPATCH", "HANDLE", "VERIFY", "CLOSE");
        for (String action : steps) {
            // two senders sweep while the case moves on
            Flux.merge(
                            Flux.range(0, 2).flatMap(i -> notifier.sweep(clock.instant())),
                            reactor.core.publisher.Mono.fromRunnable(() ->
                                            moveAsAdmin(DAYTIME_CASE, action, "HANDLE".equals(action) ? "已处理" : null))
                                    .subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                                    .then(reactor.core.publisher.Mono.empty()))
                    .collectList()
                    .block();
        }
        Flux.range(0, 2)
                .flatMap(i -> notifier.sweep(clock.instant()))
                .collectList()
                .block();

        List<String> told = sentStatuses();
        assertThat(told).doesNotHaveDuplicates().last().isEqualTo("已结案");
        List<String> order = List.of("已立案", "已派遣", "已结案");
        assertThat(told).isSortedAccordingTo(java.util.Comparator.comparingInt(order::indexOf));
    }

    @Test
    void aNoticeQueuedUnderItsOwnIdBeforeTheCaseKeyedLayoutIsSentOnceAndForgotten() {
        String legacy = "{\"id\":\"n-0123456789abcdef\",\"trackingNo\":\"" + CASE + "\",\"residentId\":\"r-1\","
                + "\"status\":\"REGISTERED\",\"note\":null,\"contactPhone\":\"13812345678\",\"at\":\"2026-11-23T14:00:00Z\"}";
        redis.opsForHash()
                .put("cs:{complaint:0000}:notices", "n-0123456789abcdef", legacy)
                .block();
        redis.opsForZSet()
                .add("cs:{complaint:0000}:notices:due", "n-0123456789abcdef", NEXT_MORNING.toEpochMilli())
                .block();

        assertThat(notifier.sweep(NEXT_MORNING).block()).isEqualTo(1);
        assertThat(sentStatuses()).containsExactly("已立案");
        assertThat(redis.opsForHash().size("cs:{complaint:0000}:notices").block())
                .isZero();
        assertThat(redis.opsForZSet()
                        .size("cs:{complaint:0000}:notices:in-flight")
                        .block())
                .isZero();
    }

    @Test
    void aNoticeWhoseSenderDiedIsSentOnceItsLeaseRunsOut() {
        reportAndRegister("13812345678");
        assertThat(store.claimNotices(keys.numbered(CASE), NEXT_MORNING, NEXT_MORNING.plus(StatusNotifier.LEASE), 10)
                        .collectList()
                        .block())
                .hasSize(1);

        assertThat(notifier.sweep(NEXT_MORNING.plusSeconds(60)).block()).isZero(); // still leased
        assertThat(notifier.sweep(NEXT_MORNING.plus(StatusNotifier.LEASE).plusSeconds(1))
                        .block())
                .isEqualTo(1);
        assertThat(sms.sent()).hasSize(1);
    }

    @Test
    void aNoticeWhoseLeaseRunsOutAtNightWaitsForTheMorning() {
        clock.set(LocalDateTime.of(2026, 11, 24, 20, 58));
        reportAndRegister("13812345678");
        Instant late = at(2026, 11, 24, 20, 59);
        assertThat(store.claimNotices(keys.numbered(CASE), late, late.plus(StatusNotifier.LEASE), 10)
                        .collectList()
                        .block())
                .hasSize(1); // then the sender died
        assertThat(notifier.sweep(at(2026, 11, 24, 21, 5)).block()).isZero();
        assertThat(sms.sent()).isEmpty();
        assertThat(notifier.sweep(at(2026, 11, 25, 8, 0)).block()).isEqualTo(1);
        assertThat(sms.sent()).hasSize(1);
    }

    @Test
    void aNoticeThatKeepsFailingIsGivenUpAfterTenTriesNotTriedForEver() {
        reportAndRegister("13812345678");
        sms.failNext(1000);
        Instant at = NEXT_MORNING;
        for (int i = 0; i < StatusNotifier.MAX_ATTEMPTS + 1; i++) {
            notifier.sweep(at).block();
            at = at.plus(StatusNotifier.LEASE).plusSeconds(1);
        }
        List<Object> channels = redis.opsForStream()
                .range("cs:{complaint:0000}:notice-log", Range.unbounded())
                .map(entry -> entry.getValue().get("channel"))
                .collectList()
                .block();
        assertThat(channels).containsExactly("GAVE_UP");
        assertThat(redis.opsForHash().size("cs:{complaint:0000}:notices").block())
                .isZero();
        assertThat(redis.opsForHash()
                        .size("cs:{complaint:0000}:notices:attempts")
                        .block())
                .isZero();
        assertThat(notifier.sweep(at.plus(StatusNotifier.LEASE).plusSeconds(1)).block())
                .isZero();
    }

    @Test
    void sendersRacingSendEachNoticeOnce() {
        reportAndRegister("13812345678");
        Flux.range(0, 4)
                .flatMap(i -> notifier.sweep(NEXT_MORNING))
                .collectList()
                .block();
        assertThat(sms.sent()).hasSize(1);
    }

    @Test
    void aResidentWhoDeletedTheAccountIsNotToldAnymore() {
        reportAndRegister("13812345678");
        alice.delete().uri("/api/v1/me").exchange().expectStatus().isNoContent();
        notifier.sweep(NEXT_MORNING).block();
        assertThat(sms.sent()).isEmpty();
        assertThat(redis.opsForHash().size("cs:{complaint:0000}:notices").block())
                .isZero();
    }

    /** Alice's report, registered by the admin; a {@code contactPhone} is bound through WeChat first: a proven number. */
    private void reportAndRegister(String contactPhone) {
        Report report = reportBy(alice);
        if (contactPhone != null) {
            residents.bindPhone(alice, "alice", contactPhone);
            report = report.withContactPhone(contactPhone);
        }
        cases.at(REGISTERED, report);
    }

    private List<String> sentStatuses() {
        return sms.sent().stream().map(message -> message.params().get(1)).toList();
    }

    private static Instant at(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute)
                .atZone(TimeConfiguration.SHANGHAI)
                .toInstant();
    }
}
