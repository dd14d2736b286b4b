package org.cityservice.survey;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.cityservice.identity.ResidentDirectory;
import org.cityservice.identity.SubscribeMessages;
import org.cityservice.shared.QuietHours;
import org.cityservice.sms.SmsGateway;
import org.cityservice.stub.sms.SmsPlatform;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** A closed case gets one survey, at the right time, on the right channel; answers come back from both. */
class SurveyTest extends SurveyIntegrationTest {

    @Autowired
    private SubscribeMessages messages;

    @Autowired
    private ResidentDirectory residentDirectory;

    @Autowired
    private SmsGateway smsGateway;

    @Autowired
    private SurveyProperties surveyProperties;

    @Autowired
    private QuietHours quietHours;

    @Autowired
    private MeterRegistry meters;

    @Test
    void aClosingIsAskedAboutTwoHoursLaterOutsideQuietHours() {
        assertThat(dueAfterClosingAt(18, 59)).isEqualTo(at(23, 20, 59));
        assertThat(dueAfterClosingAt(19, 0)).isEqualTo(at(24, 8, 0));
        assertThat(dueAfterClosingAt(23, 30)).isEqualTo(at(24, 8, 0)); // across midnight
        clock.set(LocalDateTime.of(2026, 11, 24, 5, 59));
        String early = closeCase(PHONE);
        intake.pull().block();
        assertThat(find(surveyOf(early)).block().dueAt()).isEqualTo(at(24, 8, 0)); // 07:59 is still quiet
    }

    @Test
    void aSurveyDueJustBeforeNightButSweptAtNightWaitsForTheMorning() {
        clock.set(LocalDateTime.of(2026, 11, 23, 18, 59));
        String trackingNo = closeCase(PHONE);
        intake.pull().block();
        sender.sweep(at(23, 21, 0)).block();
        assertThat(sms.sent()).isEmpty();
        assertThat(find(surveyOf(trackingNo)).block().dueAt()).isEqualTo(at(24, 8, 0));
        sender.sweep(at(24, 8, 0)).block();
        assertThat(sms.sent()).hasSize(1);
        assertThat(history(surveyOf(trackingNo)))
                .extracting(HistoryEntry::what)
                .containsExactly("SCHEDULED", "DEFERRED", "SENT");
    }

    @Test
    void oneSurveyPerClosingHoweverOftenTheEventsAreRead() {
        String trackingNo = closeCase(PHONE);
        assertThat(intake.pull().block()).isEqualTo(1);
        redis.keys("cs:{survey}:cursor*")
                .flatMap(redis::delete)
                .blockLast(); // as if the sweep died before moving its cursor
        assertThat(intake.pull().block()).isZero();
        assertThat(Flux.range(0, 3)
                        .flatMap(i -> intake.pull())
                        .reduce(0L, Long::sum)
                        .block())
                .isZero();
        assertThat(surveyCount()).isEqualTo(1);
        assertThat(find(surveyOf(trackingNo)).block().status()).isEqualTo(SurveyStatus.SCHEDULED);
    }

    @Test
    void aGrantForTheSurveyTemplateSendsItByWechatOnceAndWithoutOneItGoesBySms() {
        aliceAcceptsTheSurveyMessage();
        String first = closeCase(PHONE);
        String second = closeCase(PHONE);
        intake.pull().block();
        sender.sweep(clock.instant().plus(Duration.ofHours(3))).block();

        assertThat(wechat.sent()).singleElement().satisfies(sent -> {
            assertThat(sent.templateId()).isEqualTo("local-survey");
            assertThat(sent.page()).startsWith("pages/survey/index?id=sv-");
        });
        assertThat(sms.sent()).singleElement().satisfies(message -> {
            assertThat(message.templateId()).isEqualTo("local-survey");
            assertThat(message.phone()).isEqualTo(PHONE);
            assertThat(message.sessionContext()).isIn(surveyOf(first), surveyOf(second)); // its own id
            assertThat(message.params()).hasSize(4);
            assertThat(message.params().get(0)).isEqualTo("乱堆乱放");
            assertThat(message.params().get(1))
                    .isIn(first, second)
                    .isEqualTo(message.sessionContext()
                            .substring(3, message.sessionContext().lastIndexOf('-')));
            assertThat(message.params().get(2)).contains("1 已解决且满意").contains("4 未解决");
            assertThat(message.params().get(3))
                    .isEqualTo(message.params()
                            .get(1)
                            .substring(message.params().get(1).length() - 4));
        });
        List<Survey.Channel> channels = List.of(
                find(surveyOf(first)).block().channel(),
                find(surveyOf(second)).block().channel());
        assertThat(channels).containsExactlyInAnyOrder(Survey.Channel.WECHAT, Survey.Channel.SMS);
    }

    @Test
    void withNeitherGrantNorPhoneTheSurveyIsRecordedUnreachable() {
        String trackingNo = closeCase(null);
        intake.pull().block();
        sender.sweep(clock.instant().plus(Duration.ofHours(3))).block();
        Survey survey = find(surveyOf(trackingNo)).block();
        assertThat(survey.status()).isEqualTo(SurveyStatus.UNREACHABLE);
        assertThat(history(survey.id())).extracting(HistoryEntry::what).containsExactly("SCHEDULED", "UNREACHABLE");
    }

    @Test
    void twoSendersRacingOnTheSameDueSetSendEachSurveyOnce() {
        for (int i = 0; i < 10; i++) { // the hourly limit of one resident
            closeCase("1381234" + String.format("%04d", i));
        }
        intake.pull().block();
        Instant due = clock.instant().plus(Duration.ofHours(3));
        Flux.range(0, 4).flatMap(i -> sender.sweep(due)).collectList().block();

        assertThat(sms.sent()).hasSize(10);
        assertThat(sms.sent()).extracting(SmsPlatform.SentSms::phone).doesNotHaveDuplicates();
        asAdmin()
                .get()
                .uri("/actuator/metrics/cityservice.surveys.steps?tag=step:SENT&tag=channel:SMS")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.measurements[0].value")
                .value(n -> assertThat(((Number) n).doubleValue()).isGreaterThanOrEqualTo(10));
    }

    @Test
    void aSenderThatDiedAfterClaimingLeavesItsSurveyToBeSentOnceWhenTheLeaseRunsOut() {
        String sent = closeCase(PHONE);
        intake.pull().block();
        Instant due = clock.instant().plus(Duration.ofHours(3));
        sender.sweep(due).block();
        String orphan = closeCase("13900001111");
        intake.pull().block();
        Instant later = due.plus(Duration.ofMinutes(1));
        assertThat(store.claim(
                                shards.of(orphan),
                                later.plus(Duration.ofHours(3)),
                                later.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(2)),
                                10)
                        .collectList()
                        .block())
                .hasSize(1); // ...and then the sender died

        Instant afterLease = later.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(3));
        sender.sweep(later.plus(Duration.ofHours(3)).plusSeconds(30)).block();
        assertThat(sms.sent()).hasSize(1);
        sender.sweep(afterLease).block();
        assertThat(sms.sent()).extracting(SmsPlatform.SentSms::phone).containsExactly(PHONE, "13900001111");
        assertThat(find(surveyOf(sent)).block().status()).isEqualTo(SurveyStatus.SENT);
        assertThat(find(surveyOf(orphan)).block().status()).isEqualTo(SurveyStatus.SENT);
    }

    @Test
    void aSweepTakesSurveysUpOnlyInsideThreeQuartersOfTheLeaseAndALaterOneSendsWhatItLeftOnce() {
        closeCase(PHONE);
        closeCase("13900001111");
        intake.pull().block();
        Instant due = clock.instant().plus(Duration.ofHours(3));
        // 40 s pass at each reading of the clock: the sweep begins, claims at +40 s (inside half the 2 min lease),
        // takes one survey up at +80 s (inside three quarters) and must leave the other at +120 s
        Clock slow = new Clock() {
            private final AtomicLong readings = new AtomicLong();

            @Override
            public Instant instant() {
                return due.plusSeconds(40 * readings.getAndIncrement());
            }

            @Override
            public ZoneId getZone() {
                return clock.getZone();
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }
        };
        new SurveySender(
                        store,
                        shards,
                        messages,
                        residentDirectory,
                        smsGateway,
                        surveyProperties,
                        quietHours,
                        meters,
                        slow)
                .sweep(due)
                .block();
        assertThat(sms.sent()).hasSize(1);

        sender.sweep(due.plusSeconds(30)).block();
        assertThat(sms.sent()).as("still claimed by the slow sweep").hasSize(1);
        sender.sweep(due.plus(Duration.ofMinutes(3))).block();
        assertThat(sms.sent()).extracting(SmsPlatform.SentSms::phone).containsExactlyInAnyOrder(PHONE, "13900001111");
    }

    @Test
    void anSmsSurveyIsRemindedOnceAfterADayAndExpiresAfterThreeUnanswered() {
        String trackingNo = closeCase(PHONE);
        intake.pull().block();
        Instant sentAt = clock.instant().plus(Duration.ofHours(3));
        sender.sweep(sentAt).block();
        sender.sweep(sentAt.plus(Duration.ofHours(23))).block();
        assertThat(sms.sent()).hasSize(1);
        sender.sweep(sentAt.plus(Duration.ofHours(25))).block();
        assertThat(sms.sent())
                .extracting(SmsPlatform.SentSms::templateId)
                .containsExactly("local-survey", "local-survey-reminder");
        sender.sweep(sentAt.plus(Duration.ofHours(73))).block();
        Survey survey = find(surveyOf(trackingNo)).block();
        assertThat(survey.status()).isEqualTo(SurveyStatus.EXPIRED);
        assertThat(sms.sent()).hasSize(2);
        assertThat(history(survey.id()))
                .extracting(HistoryEntry::what)
                .containsExactly("SCHEDULED", "SENT", "REMINDED", "EXPIRED");
    }

    @Test
    void anSmsReplyAnswersTheOpenSurveyOfThatNumberOnceEvenIfTheCallbackIsRetried() {
        String trackingNo = closeCase(PHONE);
        sendAll();
        SmsPlatform.Delivery delivery = sms.pushReply(replies(), PHONE, " １ ");
        assertThat(delivery.status()).isEqualTo(200);
        assertThat(delivery.answer()).contains("\"result\":0");
        assertThat(sms.redeliver(replies(), delivery).status()).isEqualTo(200);

        Survey survey = find(surveyOf(trackingNo)).block();
        assertThat(survey.status()).isEqualTo(SurveyStatus.ANSWERED);
        assertThat(survey.answer().satisfaction()).isEqualTo(SurveyAnswer.Satisfaction.SATISFIED);
        assertThat(survey.answer().via()).isEqualTo("SMS");
        assertThat(answeredEvents()).isEqualTo(1);
        assertThat(unmatched()).isEmpty();
        assertThat(caseStatus(trackingNo)).isEqualTo("CLOSED");
    }

    @Test
    void aReplyThatIsNoAnswerOrHasNoSurveyIsKeptForStaff() {
        closeCase(PHONE);
        sendAll();
        sms.pushReply(replies(), PHONE, "谢谢你们,师傅很负责");
        sms.pushReply(replies(), "13700000000", "1");
        assertThat(unmatched())
                .extracting(entry -> entry.get("why"))
                .containsExactlyInAnyOrder("无法识别的回复", "该号码没有待回复的回访");
    }

    @Test
    void notSolvedByReplyReopensTheCaseWithTheAnswerInItsTimeline() {
        String trackingNo = closeCase(PHONE);
        sendAll();
        sms.pushReply(replies(), PHONE, "4");
        assertThat(caseStatus(trackingNo)).isEqualTo("REOPENED");
        alice.get()
                .uri("/api/v1/complaints/" + trackingNo)
                .exchange()
                .expectBody()
                .jsonPath("$.timeline[6].note")
                .isEqualTo("回访:未解决")
                .jsonPath("$.timeline[6].by")
                .isEqualTo("您");
    }

    @Test
    void theResidentAnswersInTheMiniProgramOnceAndDissatisfiedReopens() {
        aliceAcceptsTheSurveyMessage();
        String trackingNo = closeCase(PHONE);
        sendAll();
        String url = "/api/v1/surveys/" + surveyOf(trackingNo);
        alice.get()
                .uri(url)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("SENT")
                .jsonPath("$.answerable")
                .isEqualTo(true);
        as(residentToken("bob")).get().uri(url).exchange().expectStatus().isNotFound();

        Map<String, Object> answer = Map.of("solved", "YES", "satisfaction", "DISSATISFIED", "comment", "处理太慢");
        alice.post()
                .uri(url + "/answers")
                .bodyValue(answer)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ANSWERED")
                .jsonPath("$.answer.satisfaction")
                .isEqualTo("DISSATISFIED");
        alice.post()
                .uri(url + "/answers")
                .bodyValue(answer)
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        alice.post()
                .uri(url + "/answers")
                .bodyValue(Map.of("solved", "YES"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(caseStatus(trackingNo)).isEqualTo("REOPENED");
    }

    @Test
    void aReopenedAndReclosedCaseGetsASecondSurvey() {
        String trackingNo = closeCase(PHONE);
        sendAll();
        sms.pushReply(replies(), PHONE, "4");
        moveAsAdmin(trackingNo, "DISPATCH", null);
        moveAsAdmin(trackingNo, "HANDLE", "已返工处理");
        moveAsAdmin(trackingNo, "VERIFY", null);
        moveAsAdmin(trackingNo, "CLOSE", null);
        assertThat(intake.pull().block()).isEqualTo(1);
        assertThat(surveyCount()).isEqualTo(2);
    }

    @Test
    void staffListSurveysOfTheirScopeWithFiltersAndSeeEachOnesHistory() {
        String answered = closeCase(PHONE);
        String open = closeCase("13900002222");
        sendAll();
        sms.pushReply(replies(), PHONE, "2");
        sms.pushReply(replies(), "13700000000", "你好");

        asAdmin()
                .get()
                .uri("/api/v1/admin/surveys?status=SENT&channel=SMS")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.items[0].trackingNo")
                .isEqualTo(open)
                .jsonPath("$.items[0].phone")
                .isEqualTo("139****2222");
        asAdmin()
                .get()
                .uri("/api/v1/admin/surveys?answer=BASICALLY_SATISFIED")
                .exchange()
                .expectBody()
                .jsonPath("$.items[0].trackingNo")
                .isEqualTo(answered);
        asAdmin()
                .get()
                .uri("/api/v1/admin/surveys/" + surveyOf(answered))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.history[*].what")
                .isEqualTo(List.of("SCHEDULED", "SENT", "ANSWERED"))
                .jsonPath("$.history[2].detail")
                .isEqualTo("回访:已解决,基本满意");
        asAdmin()
                .get()
                .uri("/api/v1/admin/surveys/unmatched-replies")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].phone")
                .isEqualTo("137****0000")
                .jsonPath("$[0].text")
                .isEqualTo("你好");

        WebTestClient dispatcher = staff.dispatcher("中站区");
        dispatcher
                .get()
                .uri("/api/v1/admin/surveys")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        dispatcher
                .get()
                .uri("/api/v1/admin/surveys/" + surveyOf(open))
                .exchange()
                .expectStatus()
                .isNotFound();
        alice.get().uri("/api/v1/admin/surveys").exchange().expectStatus().isForbidden();
    }

    @Test
    void aResidentWhoDeletedTheAccountIsNotAskedAndTheirNumberIsForgotten() {
        String trackingNo = closeCase(PHONE);
        intake.pull().block();
        sms.pushReply(replies(), PHONE, "请问什么时候回访"); // kept for staff, with the number
        assertThat(unmatched()).extracting(reply -> reply.get("phone")).containsExactly(PHONE);
        alice.delete().uri("/api/v1/me").exchange().expectStatus().isNoContent();
        assertThat(unmatched()).isEmpty();
        assertThat(find(surveyOf(trackingNo)).block().phone()).isNull();
        sender.sweep(clock.instant().plus(Duration.ofHours(3))).block();
        assertThat(sms.sent()).isEmpty();
        assertThat(find(surveyOf(trackingNo)).block().status()).isEqualTo(SurveyStatus.UNREACHABLE);
    }

    @Test
    void aResidentWhoDeletedTheAccountAfterTheSurveySmsIsNotRemindedAndTheSurveyStillExpires() {
        String trackingNo = closeCase(PHONE);
        intake.pull().block();
        Instant sentAt = clock.instant().plus(Duration.ofHours(3));
        sender.sweep(sentAt).block();
        assertThat(sms.sent()).hasSize(1);
        alice.delete().uri("/api/v1/me").exchange().expectStatus().isNoContent();
        // the survey is SENT by SMS and has no phone any more: no reminder, and the sweep does not fail on it
        sender.sweep(sentAt.plus(Duration.ofHours(25))).block();
        assertThat(sms.sent()).hasSize(1);
        Survey reminded = find(surveyOf(trackingNo)).block();
        assertThat(reminded.status()).isEqualTo(SurveyStatus.REMINDED);
        assertThat(history(reminded.id()))
                .extracting(HistoryEntry::detail)
                .last()
                .isEqualTo("账号已注销,未提醒");
        sender.sweep(sentAt.plus(Duration.ofHours(73))).block();
        assertThat(find(surveyOf(trackingNo)).block().status()).isEqualTo(SurveyStatus.EXPIRED);
    }

    // helpers

    private Instant dueAfterClosingAt(int hour, int minute) {
        clock.set(LocalDateTime.of(2026, 11, 23, hour, minute));
        String trackingNo = closeCase(PHONE);
        intake.pull().block();
        return find(surveyOf(trackingNo)).block().dueAt();
    }
}
