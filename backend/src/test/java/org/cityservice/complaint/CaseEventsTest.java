package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;

/** Live case events: each staff member's stream carries the cases of their scope only, and resumes after Last-Event-ID. */
class CaseEventsTest extends IntegrationTest {

    private static final ParameterizedTypeReference<ServerSentEvent<Map<String, Object>>> EVENTS =
            new ParameterizedTypeReference<>() {};
    /** A poll every 500 ms: an event arrives well within this. */
    private static final long WAIT_SECONDS = 10;

    private final List<Disposable> streams = new ArrayList<>();
    private String dispatcherToken;
    private String stationStaffToken;
    private WebTestClient alice;

    @BeforeEach
    void stationsInTwoDistrictsAndTheirStaff() {
        clock.set(LocalDateTime.of(2026, 11, 24, 10, 0));
        String xuheng = station("许衡街道社区城管服务站", "中站区", 35.2400, 113.1680);
        station("朱村街道社区城管服务站", "中站区", 35.2300, 113.1500);
        station("焦南街道社区城管服务站", "解放区", 35.2150, 113.2420);
        dispatcherToken = staff.dispatcherToken("中站区", "li.na");
        stationStaffToken = staff.stationStaffToken(xuheng, "zhang.wei");
        alice = resident("alice");
    }

    @AfterEach
    void cancelStreams() {
        streams.forEach(Disposable::dispose);
    }

    @Test
    void aDispatcherHearsOfTheCasesOfTheirDistrictOnly() throws InterruptedException {
        BlockingQueue<ServerSentEvent<Map<String, Object>>> stream = open(dispatcherToken, null);
        assertThat(next(stream).comment()).isEqualTo("keep-alive");

        String jiefang = report(35.2150, 113.2420);
        String xuheng = report(35.2410, 113.1690);
        moveAsAdmin(jiefang, "REGISTER", null);
        moveAsAdmin(xuheng, "REGISTER", null);

        ServerSentEvent<Map<String, Object>> received = next(stream);
        assertThat(received.event()).isEqualTo("RECEIVED");
        // where the console stands in each district's stream and in the legacy one
        assertThat(received.id()).matches("(\\d{4}=\\d+-\\d+,)+=\\d+-\\d+").contains("0803=");
        assertThat(received.data())
                .containsEntry("trackingNo", xuheng)
                .containsEntry("type", "RECEIVED")
                .containsEntry("status", "RECEIVED")
                .containsEntry("district", "中站区")
                .containsEntry("subdistrict", "许衡街道")
                .containsEntry("at", "2026-11-24T10:00:00+08:00")
                .containsKey("stationId")
                .doesNotContainKeys("residentId", "contactPhone", "phone", "description", "followers");
        ServerSentEvent<Map<String, Object>> registered = next(stream);
        assertThat(registered.event()).isEqualTo("REGISTERED");
        assertThat(registered.data()).containsEntry("trackingNo", xuheng).containsEntry("action", "REGISTER");
        assertThat(stream.poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void stationStaffHearOfTheirStationsCasesOnly() throws InterruptedException {
        BlockingQueue<ServerSentEvent<Map<String, Object>>> stream = open(stationStaffToken, null);
        assertThat(next(stream).comment()).isNotNull();

        report(35.2300, 113.1500); // 朱村: same district, another station
        String mine = report(35.2410, 113.1690);

        ServerSentEvent<Map<String, Object>> received = next(stream);
        assertThat(received.data()).containsEntry("trackingNo", mine);
        assertThat(stream.poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aStreamResumesAfterTheLastEventItGot() throws InterruptedException {
        BlockingQueue<ServerSentEvent<Map<String, Object>>> first = open(dispatcherToken, null);
        next(first);
        String one = report(35.2410, 113.1690);
        String two = report(35.2411, 113.1690);
        ServerSentEvent<Map<String, Object>> seen = next(first);
        assertThat(seen.data()).containsEntry("trackingNo", one);
        assertThat(next(first).data()).containsEntry("trackingNo", two);
        streams.forEach(Disposable::dispose);

        String three = report(35.2412, 113.1690); // while the console was away
        BlockingQueue<ServerSentEvent<Map<String, Object>>> resumed = open(dispatcherToken, seen.id());
        next(resumed); // the comment
        assertThat(next(resumed).data()).containsEntry("trackingNo", two);
        assertThat(next(resumed).data()).containsEntry("trackingNo", three);
    }

    @Test
    void aStreamResumedFarBackGetsEveryEventSinceInOrderBatchAfterBatch() throws InterruptedException {
        int events = CaseEventsController.BATCH * 2 + 50;
        for (int i = 1; i <= events; i++) {
            redis.opsForStream()
                    .add(
                            "cs:{complaint}:events",
                            Map.of(
                                    "type", "RECEIVED",
                                    "trackingNo", String.format("JZ20261124-%06d", i),
                                    "category", "clutter",
                                    "district", "中站区",
                                    "subdistrict", "许衡街道",
                                    "stationId", "st-1",
                                    "at", "2026-11-24T02:00:00Z"))
                    .block();
        }

        BlockingQueue<ServerSentEvent<Map<String, Object>>> resumed = open(dispatcherToken, "0-1");
        next(resumed); // the comment
        for (int i = 1; i <= events; i++) {
            assertThat(next(resumed).data()).containsEntry("trackingNo", String.format("JZ20261124-%06d", i));
        }
        assertThat(resumed.poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aStreamTheConsoleLeavesStopsPolling() throws InterruptedException {
        BlockingQueue<ServerSentEvent<Map<String, Object>>> stream = open(dispatcherToken, null);
        next(stream);
        Thread.sleep(1_200);
        assertThat(xranges()).as("polling while open").isGreaterThan(0);
        streams.forEach(Disposable::dispose);
        // a poll under way finishes, however slowly the server learns the client left: quiet for 600 ms, within 10 s
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long after = xranges();
        for (long before = -1; before != after; after = xranges()) {
            assertThat(System.nanoTime()).as("polling stops within 10 s").isLessThan(giveUp);
            before = after;
            Thread.sleep(600);
        }
        Thread.sleep(1_500);
        assertThat(xranges()).as("no poll after the stream was left").isEqualTo(after);
    }

    /** How many XRANGE commands Redis has answered so far (nothing else in these tests polls). */
    private long xranges() {
        return redis.execute(connection -> connection.serverCommands().info("commandstats"))
                .next()
                .map(info -> info.getProperty("cmdstat_xrange", "calls=0,"))
                .map(stat -> Long.parseLong(stat.replaceAll("^calls=(\\d+),.*", "$1")))
                .block();
    }

    @Test
    void badResumeIdsAndResidentsAreRefusedWithProblems() {
        as(dispatcherToken)
                .get()
                .uri("/api/v1/admin/complaints/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .header("Last-Event-ID", "yesterday")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("Last-Event-ID");
        alice.get()
                .uri("/api/v1/admin/complaints/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isForbidden();
        web.get()
                .uri("/api/v1/admin/complaints/events")
                .accept(MediaType.TEXT_EVENT_STREAM)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    /** The stream as the console reads it: the bearer in the header, never in the URL. */
    private BlockingQueue<ServerSentEvent<Map<String, Object>>> open(String token, String lastEventId) {
        BlockingQueue<ServerSentEvent<Map<String, Object>>> received = new LinkedBlockingQueue<>();
        WebTestClient.RequestHeadersSpec<?> request =
                as(token).get().uri("/api/v1/admin/complaints/events").accept(MediaType.TEXT_EVENT_STREAM);
        if (lastEventId != null) {
            request = request.header("Last-Event-ID", lastEventId);
        }
        streams.add(request.exchange()
                .expectStatus()
                .isOk()
                .returnResult(EVENTS)
                .getResponseBody()
                .subscribe(received::add));
        return received;
    }

    private static ServerSentEvent<Map<String, Object>> next(BlockingQueue<ServerSentEvent<Map<String, Object>>> stream)
            throws InterruptedException {
        ServerSentEvent<Map<String, Object>> event = stream.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(event).as("an event within %d s", WAIT_SECONDS).isNotNull();
        return event;
    }

    /** A report with a contact phone (the events must not carry it), at this place: routed to the nearest station. */
    private String report(double lat, double lng) {
        return reportBy(alice)
                .withContactPhone("13812345678")
                .withLocation(lat, lng)
                .file();
    }
}
