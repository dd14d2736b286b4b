package org.cityservice.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

/** The staff survey list filters every survey in scope through the Redis indexes, not a window of the newest. */
class SurveyListTest extends IntegrationTest {

    private static final String LIST = "/api/v1/admin/surveys";
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final Instant CLOSED = Instant.parse("2026-11-01T02:00:00Z");

    @Autowired
    private SurveyStore store;

    @Autowired
    private SurveyShards shards;

    @Autowired
    private SurveyIndexBackfill backfill;

    @Autowired
    private JsonMapper json;

    @Test
    void filtersReachSurveysOlderThanTheOldWindowAndFollowEachStep() {
        Survey oldest = survey("JZ20260301-000001", "解放区", "station-jiefang", CLOSED.minus(Duration.ofDays(200)));
        schedule(oldest);
        int newer = 2_100;
        Flux.range(1, newer)
                .flatMap(
                        i -> store.schedule(
                                shards.of(String.format("JZ0803-20261101-%06d", i)),
                                survey(
                                        String.format("JZ0803-20261101-%06d", i),
                                        "中站区",
                                        "station-xuheng",
                                        CLOSED.plusSeconds(i)),
                                new HistoryEntry(CLOSED, "SCHEDULED", "计划"),
                                Map.of("type", "SCHEDULED")),
                        16)
                .blockLast();

        assertThat(ids(page(asAdmin(), "stationId=station-jiefang"))).containsExactly(oldest.id());
        assertThat(page(asAdmin(), "status=SCHEDULED").get("total")).isEqualTo(newer + 1);
        assertThat(page(asAdmin(), "answer=NONE&stationId=station-xuheng").get("total"))
                .isEqualTo(newer);
        assertThat(page(asAdmin(), "")).doesNotContainKey("truncated");
        Map<String, Object> last = page(asAdmin(), "page=" + (newer / 20 + 1));
        assertThat(ids(last)).last().isEqualTo(oldest.id());
        assertThat(last.get("total")).isEqualTo(newer + 1);
        // the district's shard and the legacy shard merged in closing order across a page's edge
        assertThat(ids(page(asAdmin(), "page=22&size=100"))).containsExactly(oldest.id());
        assertThat(ids(page(asAdmin(), "page=21&size=100"))).hasSize(100).doesNotContain(oldest.id());
        asAdmin()
                .get()
                .uri(LIST + "?page=101&size=100")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("page");

        Survey sent =
                oldest.sent(Survey.Channel.SMS, "13812345678", "serial-1", CLOSED, CLOSED.plus(Duration.ofDays(1)));
        assertThat(store.advance(
                                shards.legacy(),
                                List.of(new SurveyStore.Advance(
                                        oldest,
                                        sent,
                                        new HistoryEntry(CLOSED, "SENT", "短信"),
                                        SurveyStore.PhoneIndex.ADD,
                                        Map.of("type", "SENT"))))
                        .block())
                .containsExactly(SurveyStore.Step.OK);
        assertThat(ids(page(asAdmin(), "status=SENT&channel=SMS"))).containsExactly(oldest.id());
        assertThat(page(asAdmin(), "status=SCHEDULED&stationId=station-jiefang").get("total"))
                .isEqualTo(0);

        Survey answered = sent.finished(
                SurveyStatus.ANSWERED,
                CLOSED,
                new SurveyAnswer(
                        SurveyAnswer.Solved.YES, SurveyAnswer.Satisfaction.BASICALLY_SATISFIED, null, "SMS", CLOSED));
        assertThat(store.answer(
                                shards.legacy(),
                                sent,
                                answered,
                                new HistoryEntry(CLOSED, "ANSWERED", "已解决,基本满意"),
                                Map.of("type", "ANSWERED"),
                                null,
                                null)
                        .block())
                .isEqualTo(SurveyStore.Answering.OK);
        assertThat(ids(page(asAdmin(), "answer=SOLVED&channel=SMS"))).containsExactly(oldest.id());
        assertThat(ids(page(asAdmin(), "answer=BASICALLY_SATISFIED&status=ANSWERED")))
                .containsExactly(oldest.id());
        assertThat(page(asAdmin(), "answer=NONE&stationId=station-jiefang").get("total"))
                .isEqualTo(0);
        assertThat(page(asAdmin(), "status=SENT").get("total")).isEqualTo(0);

        WebTestClient jiefang = staff.dispatcher("解放区");
        assertThat(ids(page(jiefang, ""))).containsExactly(oldest.id());
        WebTestClient xuheng = staff.stationStaff("station-xuheng");
        assertThat(page(xuheng, "").get("total")).isEqualTo(newer);
        assertThat(page(xuheng, "stationId=station-jiefang").get("total")).isEqualTo(0);
    }

    @Test
    void surveysScheduledBeforeTheIndexesExistedAreIndexedOnceAtStartup() {
        Survey old = survey("JZ20260301-000001", "解放区", "station-jiefang", CLOSED);
        redis.opsForHash()
                .put(store.surveysKey(shards.legacy()), old.id(), json.writeValueAsString(old))
                .block();
        redis.opsForZSet()
                .add(store.allKey(shards.legacy()), old.id(), CLOSED.toEpochMilli())
                .block();
        assertThat(page(asAdmin(), "status=SCHEDULED").get("total")).isEqualTo(0);

        assertThat(backfill.backfill().block()).isEqualTo(1);
        assertThat(backfill.backfill().block()).isEqualTo(-1);
        assertThat(ids(page(asAdmin(), "status=SCHEDULED&answer=NONE&stationId=station-jiefang")))
                .containsExactly(old.id());
        assertThat(ids(page(staff.dispatcher("解放区"), ""))).containsExactly(old.id());
    }

    private static Survey survey(String trackingNo, String district, String stationId, Instant closedAt) {
        return new Survey(
                Survey.id(trackingNo, 6),
                trackingNo,
                6,
                "resident-1",
                "13812345678",
                "street-vending",
                "占道经营",
                district,
                "街道",
                stationId,
                SurveyStatus.SCHEDULED,
                null,
                closedAt,
                closedAt.plus(Duration.ofHours(1)),
                null,
                null,
                null,
                null,
                null);
    }

    private void schedule(Survey survey) {
        assertThat(store.schedule(
                                shards.of(survey.trackingNo()),
                                survey,
                                new HistoryEntry(CLOSED, "SCHEDULED", "计划"),
                                Map.of("type", "SCHEDULED"))
                        .block())
                .isTrue();
    }

    private Map<String, Object> page(WebTestClient client, String query) {
        return client.get()
                .uri(LIST + "?" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items"))
                .stream().map(item -> item.get("id").toString()).toList();
    }
}
