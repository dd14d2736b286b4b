package org.cityservice.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cityservice.complaint.ComplaintStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * A survey lives in the shard of its case's district; what matches across shards (SMS replies, a resident's
 * surveys) finds it there, and a survey the one-tag layout left in the legacy shard is found, answered and not
 * scheduled again.
 */
class SurveyShardsTest extends SurveyIntegrationTest {

    @Autowired
    private JsonMapper json;

    @Test
    void aSurveyLivesInTheShardOfTheDistrictItsCaseWasReceivedIn() {
        String trackingNo = closeCase(PHONE);
        intake.pull().block();

        String shard = "cs:{survey:" + trackingNo.substring(2, 6) + "}:";
        assertThat(redis.opsForHash()
                        .hasKey(shard + "surveys", surveyOf(trackingNo))
                        .block())
                .isTrue();
        assertThat(redis.opsForZSet().score(shard + "due", surveyOf(trackingNo)).block())
                .isNotNull();
        assertThat(redis.opsForStream().size(shard + "events").block()).isEqualTo(1);
        assertThat(redis.hasKey("cs:{survey}:surveys").block()).isFalse();
    }

    @Test
    void anSmsReplyFindsTheOpenSurveysOfItsNumberInEveryShardAndAnswersTheOneItNames() {
        String here = closeCase(PHONE);
        station("解放区民主街道社区城管服务站", "解放区", 35.2600, 113.2500);
        String jiefang = cases.at(
                ComplaintStatus.CLOSED,
                reportBy(alice)
                        .withCategory("clutter")
                        .withLocation(35.2605, 113.2505)
                        .withContactPhone(PHONE));
        assertThat(jiefang).startsWith("JZ0802-");
        assertThat(shards.of(here)).isNotEqualTo(shards.of(jiefang));
        sendAll();
        sms.reset();

        sms.pushReply(replies(), PHONE, "1");
        assertThat(unmatched()).extracting(entry -> entry.get("why")).containsExactly("多件回访待回复,未注明编号;已短信询问");
        replyMessages.sweep(clock.instant()).block();
        // each district numbers its own cases: both end in 0001, so the question names them whole
        assertThat(sms.sent())
                .singleElement()
                .satisfies(question ->
                        assertThat(question.params()).containsExactly("2", here + " 乱堆乱放、" + jiefang + " 乱堆乱放", here));
        sms.pushReply(replies(), PHONE, "2 " + jiefang);

        assertThat(find(surveyOf(jiefang)).block().status()).isEqualTo(SurveyStatus.ANSWERED);
        assertThat(find(surveyOf(here)).block().status()).isEqualTo(SurveyStatus.SENT);
        assertThat(redis.opsForStream().size("cs:{survey:0802}:events").block())
                .isEqualTo(3); // scheduled, sent, answered
        assertThat(alice.get()
                        .uri("/api/v1/surveys/mine")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBodyList(Map.class)
                        .returnResult()
                        .getResponseBody())
                .extracting(survey -> survey.get("trackingNo"))
                .containsExactlyInAnyOrder(here, jiefang);
    }

    @Test
    void aDeliveryReportGoesIntoTheHistoryOfItsSurveyInWhicheverShardItLives() {
        String trackingNo = closeCase(PHONE);
        sendAll();
        String serial = sms.sent().get(0).serialNo();

        assertThat(sms.pushReport(reports(), serial, true).status()).isEqualTo(200);

        assertThat(shards.of(trackingNo).legacy()).isFalse();
        assertThat(history(surveyOf(trackingNo)))
                .extracting(HistoryEntry::what)
                .containsExactly("SCHEDULED", "SENT", "DELIVERED");
    }

    @Test
    void aSurveyTheOneTagLayoutLeftIsFoundAnsweredAndNotScheduledAgain() {
        String trackingNo = closeCase(PHONE);
        intake.pull().block();
        Survey survey = find(surveyOf(trackingNo)).block();
        // as the version before shards left it: the survey in the legacy shard, the district's shard empty
        redis.keys("cs:{survey:*").flatMap(redis::delete).blockLast();
        assertThat(store.schedule(
                                shards.legacy(),
                                survey,
                                new HistoryEntry(survey.closedAt(), "SCHEDULED", "计划"),
                                SurveyEvent.of(survey, SurveyEvent.Type.SCHEDULED, survey.closedAt())
                                        .fields())
                        .block())
                .isTrue();
        redis.keys("cs:{survey}:cursor*").flatMap(redis::delete).blockLast(); // its event is read again

        assertThat(intake.pull().block()).isZero();
        assertThat(surveyCount()).isEqualTo(1);
        assertThat(store.locate(surveyOf(trackingNo)).block().shard()).isEqualTo(shards.legacy());

        aliceAcceptsTheSurveyMessage();
        sendAll();
        assertThat(wechat.sent()).hasSize(1);
        alice.post()
                .uri("/api/v1/surveys/" + surveyOf(trackingNo) + "/answers")
                .bodyValue(Map.of("solved", "YES", "satisfaction", "SATISFIED"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ANSWERED");
        assertThat(json.readValue(
                                (String) redis.opsForHash()
                                        .get("cs:{survey}:surveys", surveyOf(trackingNo))
                                        .block(),
                                Survey.class)
                        .status())
                .isEqualTo(SurveyStatus.ANSWERED);
        assertThat(history(surveyOf(trackingNo)))
                .extracting(HistoryEntry::what)
                .containsExactly("SCHEDULED", "SENT", "ANSWERED");
        assertThat(surveyCount()).isEqualTo(1);
    }
}
