package org.cityservice.survey;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.cityservice.complaint.ComplaintStatus;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.Report;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.domain.Range;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/** Surveys through the HTTP API and the stand-ins: a resident (alice) with cases closed by the admin, and the sweeps run by hand. */
abstract class SurveyIntegrationTest extends IntegrationTest {

    protected static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    protected static final String PHONE = "13812345678";

    @Autowired
    protected SurveyIntake intake;

    @Autowired
    protected SurveySender sender;

    @Autowired
    protected SurveyStore store;

    @Autowired
    protected SurveyShards shards;

    @Autowired
    protected ReplyMessages replyMessages;

    @LocalServerPort
    private int port;

    protected WebTestClient alice;

    @BeforeEach
    void aResident() {
        clock.set(LocalDateTime.of(2026, 11, 23, 10, 0));
        alice = resident("alice");
    }

    /** Alice accepts the survey subscribe message in the mini-program: her next survey goes by WeChat. */
    protected void aliceAcceptsTheSurveyMessage() {
        wechat.acceptSubscribe("alice", "local-survey");
        alice.post()
                .uri("/api/v1/me/subscriptions")
                .bodyValue(Map.of("local-survey", "accept"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    protected void sendAll() {
        intake.pull().block();
        sender.sweep(clock.instant().plus(Duration.ofHours(3))).block();
    }

    /**
     * Reports a problem as alice and takes it through the loop to CLOSED as the admin: its tracking number. A
     * {@code contactPhone} is first bound through WeChat, so it is proven and SMS may go to it.
     */
    protected String closeCase(String contactPhone) {
        Report report = reportBy(alice).withCategory("clutter"); // the survey's messages name it: 乱堆乱放
        if (contactPhone != null) {
            residents.bindPhone(alice, "alice", contactPhone);
            report = report.withContactPhone(contactPhone);
        }
        return cases.at(ComplaintStatus.CLOSED, report);
    }

    protected String surveyOf(String trackingNo) {
        return Survey.id(trackingNo, 6);
    }

    protected String caseStatus(String trackingNo) {
        return (String) asAdmin()
                .get()
                .uri("/api/v1/admin/complaints/" + trackingNo)
                .exchange()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("status");
    }

    protected String reports() {
        return "http://127.0.0.1:" + port + "/api/v1/sms/reports?secret=" + SMS_CALLBACK_SECRET;
    }

    protected String replies() {
        return "http://127.0.0.1:" + port + "/api/v1/sms/replies?secret=" + SMS_CALLBACK_SECRET;
    }

    protected long answeredEvents() {
        return redis.keys("cs:{survey*}:events")
                .flatMap(stream -> redis.opsForStream().range(stream, Range.unbounded()))
                .filter(record -> "ANSWERED".equals(record.getValue().get("type")))
                .count()
                .block();
    }

    /** A survey by its id, in whichever shard it lives. */
    protected Mono<Survey> find(String id) {
        return store.locate(id).map(SurveyStore.Located::survey);
    }

    protected List<HistoryEntry> history(String id) {
        return store.locate(id)
                .flatMap(located -> store.history(located.shard(), id))
                .block();
    }

    /** How many surveys there are, in every shard. */
    protected long surveyCount() {
        return inEveryShard("surveys");
    }

    /** The entries of a hash of every shard, e.g. {@code inEveryShard("replies")}. */
    protected long inEveryShard(String hash) {
        return redis.keys("cs:{survey*}:" + hash)
                .flatMap(key -> redis.opsForHash().size(key))
                .reduce(0L, Long::sum)
                .block();
    }

    protected List<Map<Object, Object>> unmatched() {
        return redis.opsForStream()
                .range("cs:{survey}:unmatched", Range.unbounded())
                .map(record -> record.getValue())
                .collectList()
                .block();
    }

    protected static Instant at(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, day, hour, minute)
                .atZone(TimeConfiguration.SHANGHAI)
                .toInstant();
    }
}
