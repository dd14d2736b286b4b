package org.cityservice.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import org.cityservice.complaint.ComplaintStatus;
import org.cityservice.stub.sms.SmsPlatform;
import org.junit.jupiter.api.Test;

/** What the resident receives about a survey and how her SMS replies are matched: every message names its case. */
class SurveyMessagesTest extends SurveyIntegrationTest {

    @Test
    void theSurveySmsAndItsReminderNameTheCaseAndItsReplyCode() {
        String trackingNo = closeCase(PHONE);
        sendAll();
        Instant sentAt = clock.instant().plus(Duration.ofHours(3));
        sender.sweep(sentAt.plus(Duration.ofHours(25))).block();

        assertThat(sms.sent())
                .extracting(SmsPlatform.SentSms::templateId)
                .containsExactly("local-survey", "local-survey-reminder");
        assertThat(sms.sent()).allSatisfy(message -> {
            assertThat(message.params()).hasSize(4);
            assertThat(message.params().get(0)).isEqualTo("乱堆乱放");
            assertThat(message.params().get(1)).isEqualTo(trackingNo);
            assertThat(message.params().get(2)).contains("4 未解决");
            assertThat(message.params().get(3)).isEqualTo(trackingNo.substring(trackingNo.length() - 4));
            assertThat(message.sessionContext()).isEqualTo(surveyOf(trackingNo));
        });
    }

    @Test
    void withTwoSurveysOpenABareReplyIsAnsweredWithAQuestionNotGuessedAndACodedReplyPicksItsCase() {
        String first = closeCase(PHONE);
        String second = closeCase(PHONE);
        sendAll();
        sms.reset();

        sms.pushReply(replies(), PHONE, "4");
        assertThat(find(surveyOf(first)).block().status()).isEqualTo(SurveyStatus.SENT);
        assertThat(find(surveyOf(second)).block().status()).isEqualTo(SurveyStatus.SENT);
        assertThat(unmatched()).extracting(entry -> entry.get("why")).containsExactly("多件回访待回复,未注明编号;已短信询问");
        sms.pushReply(replies(), PHONE, "3"); // asked once an hour at most: replies cannot make us send SMS without end
        assertThat(unmatched())
                .extracting(entry -> entry.get("why"))
                .containsExactly("多件回访待回复,未注明编号;已短信询问", "多件回访待回复,未注明编号;一小时内已询问过");
        replyMessages.sweep(clock.instant()).block();
        assertThat(sms.sent()).singleElement().satisfies(question -> {
            assertThat(question.templateId()).isEqualTo("local-survey-which");
            assertThat(question.phone()).isEqualTo(PHONE);
            assertThat(question.params())
                    .containsExactly("2", code(first) + " 乱堆乱放、" + code(second) + " 乱堆乱放", code(first));
        });

        sms.pushReply(replies(), PHONE, "2 " + code(second));
        assertThat(find(surveyOf(second)).block().answer().satisfaction())
                .isEqualTo(SurveyAnswer.Satisfaction.BASICALLY_SATISFIED);
        assertThat(find(surveyOf(first)).block().status()).isEqualTo(SurveyStatus.SENT);

        sms.pushReply(replies(), PHONE, "1 " + first);
        assertThat(find(surveyOf(first)).block().answer().satisfaction())
                .isEqualTo(SurveyAnswer.Satisfaction.SATISFIED);
        assertThat(answeredEvents()).isEqualTo(2);
    }

    @Test
    void bareRepliesThroughTheNightLeaveOneQuestionForTheMorning() {
        closeCase(PHONE);
        closeCase(PHONE);
        sendAll();
        sms.reset();
        clock.set(LocalDateTime.of(2026, 11, 23, 21, 5));
        sms.pushReply(replies(), PHONE, "1");
        clock.set(LocalDateTime.of(
                2026, 11, 23, 23, 10)); // a new hour: the question may be asked again, but one is waiting
        sms.pushReply(replies(), PHONE, "2");
        replyMessages.sweep(at(24, 8, 0)).block();
        assertThat(sms.sent()).extracting(SmsPlatform.SentSms::templateId).containsExactly("local-survey-which");
    }

    @Test
    void aReplyNamingNoOpenCaseIsAskedAboutAndAnswersNothing() {
        String trackingNo = closeCase(PHONE);
        sendAll();
        sms.reset();
        sms.pushReply(replies(), PHONE, "1 9999");
        replyMessages.sweep(clock.instant()).block();

        assertThat(find(surveyOf(trackingNo)).block().status()).isEqualTo(SurveyStatus.SENT);
        assertThat(sms.sent())
                .singleElement()
                .satisfies(question -> assertThat(question.params())
                        .containsExactly("1", code(trackingNo) + " 乱堆乱放", code(trackingNo)));
        assertThat(unmatched()).extracting(entry -> entry.get("why")).containsExactly("编号与待回复的回访不符;已短信询问");
    }

    @Test
    void anAnswerBySmsIsAcknowledgedOnceBySmsAndNotAtNight() {
        String trackingNo = closeCase(PHONE);
        sendAll();
        sms.reset();
        clock.set(LocalDateTime.of(2026, 11, 23, 22, 30));
        SmsPlatform.Delivery delivery = sms.pushReply(replies(), PHONE, "1");
        sms.redeliver(replies(), delivery);
        assertThat(find(surveyOf(trackingNo)).block().status()).isEqualTo(SurveyStatus.ANSWERED);

        replyMessages.sweep(at(23, 22, 31)).block();
        assertThat(sms.sent()).isEmpty();
        replyMessages.sweep(at(24, 8, 0)).block();
        replyMessages.sweep(at(24, 8, 1)).block();
        assertThat(sms.sent()).singleElement().satisfies(thanks -> {
            assertThat(thanks.templateId()).isEqualTo("local-survey-thanks");
            assertThat(thanks.phone()).isEqualTo(PHONE);
            assertThat(thanks.params()).containsExactly(trackingNo, "感谢您的监督");
        });
    }

    @Test
    void anAcknowledgementThatKeepsFailingIsGivenUpAfterTenTries() {
        closeCase(PHONE);
        sendAll();
        sms.reset();
        sms.pushReply(replies(), PHONE, "1");
        sms.failNext(1000);
        Instant at = clock.instant();
        for (int i = 0; i < ReplyMessages.MAX_ATTEMPTS + 1; i++) {
            replyMessages.sweep(at).block();
            at = at.plus(Duration.ofMinutes(3));
        }
        assertThat(inEveryShard("replies")).isZero();
        assertThat(inEveryShard("replies:attempts")).isZero();
        sms.failNext(0);
        replyMessages.sweep(at).block();
        assertThat(sms.sent()).isEmpty();
    }

    @Test
    void notSolvedBySmsIsAcknowledgedWithTheReopening() {
        String trackingNo = closeCase(PHONE);
        sendAll();
        sms.reset();
        sms.pushReply(replies(), PHONE, "未解决");
        replyMessages.sweep(clock.instant()).block();
        assertThat(sms.sent())
                .singleElement()
                .satisfies(thanks -> assertThat(thanks.params()).containsExactly(trackingNo, "我们将重新处理您反映的问题"));
        assertThat(caseStatus(trackingNo)).isEqualTo("REOPENED");
    }

    @Test
    void theResidentFindsHerSurveyOnTheCaseAndInHerListUntilSheAnswersIt() {
        String trackingNo = closeCase(PHONE);
        intake.pull().block();
        alice.get()
                .uri("/api/v1/complaints/" + trackingNo)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.survey.id")
                .isEqualTo(surveyOf(trackingNo))
                .jsonPath("$.survey.status")
                .isEqualTo("SCHEDULED")
                .jsonPath("$.survey.answerable")
                .isEqualTo(false)
                .jsonPath("$.survey.scheduledFor")
                .isEqualTo("2026-11-23T12:00:00+08:00");

        sendAll();
        alice.get()
                .uri("/api/v1/complaints/" + trackingNo)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.survey.status")
                .isEqualTo("SENT")
                .jsonPath("$.survey.answerable")
                .isEqualTo(true)
                .jsonPath("$.survey.expiresAt")
                .isEqualTo("2026-11-26T13:00:00+08:00");
        alice.get()
                .uri("/api/v1/surveys/mine")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].id")
                .isEqualTo(surveyOf(trackingNo))
                .jsonPath("$[0].trackingNo")
                .isEqualTo(trackingNo)
                .jsonPath("$[0].categoryName")
                .isEqualTo("乱堆乱放")
                .jsonPath("$[0].answerable")
                .isEqualTo(true)
                .jsonPath("$[0].sentAt")
                .isEqualTo("2026-11-23T13:00:00+08:00")
                .jsonPath("$[0].expiresAt")
                .isEqualTo("2026-11-26T13:00:00+08:00");
        as(residentToken("bob"))
                .get()
                .uri("/api/v1/surveys/mine")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);

        alice.post()
                .uri("/api/v1/surveys/" + surveyOf(trackingNo) + "/answers")
                .bodyValue(java.util.Map.of("solved", "YES", "satisfaction", "SATISFIED"))
                .exchange()
                .expectStatus()
                .isOk();
        alice.get()
                .uri("/api/v1/complaints/" + trackingNo)
                .exchange()
                .expectBody()
                .jsonPath("$.survey")
                .value(survey -> assertThat(survey).isNull());
        alice.get()
                .uri("/api/v1/surveys/mine")
                .exchange()
                .expectBody()
                .jsonPath("$[0].status")
                .isEqualTo("ANSWERED")
                .jsonPath("$[0].answerable")
                .isEqualTo(false)
                .jsonPath("$[0].answer.satisfaction")
                .isEqualTo("SATISFIED");
        replyMessages.sweep(clock.instant()).block();
        assertThat(sms.sentTo(PHONE))
                .extracting(SmsPlatform.SentSms::templateId)
                .containsExactly("local-survey"); // seen in the app: no SMS
    }

    @Test
    void aSurveyIsNeverSentToANumberTheResidentTypedButDidNotProve() {
        String trackingNo = cases.at(ComplaintStatus.CLOSED, reportBy(alice).withContactPhone("13999999999"));
        sendAll();
        assertThat(sms.sentTo("13999999999")).isEmpty();
        assertThat(find(surveyOf(trackingNo)).block().status()).isEqualTo(SurveyStatus.UNREACHABLE);
    }

    @Test
    void repliesKeptForStaffAreShownToTheDispatchersOfTheirSurveysDistrictsOnly() {
        station("中站许衡街道服务站", "中站区", 35.2405, 113.1680);
        closeCase(PHONE);
        sendAll();
        sms.pushReply(replies(), PHONE, "谢谢你们,师傅很负责");
        sms.pushReply(replies(), "13700000000", "1");

        staff.dispatcher("中站区")
                .get()
                .uri("/api/v1/admin/surveys/unmatched-replies")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(1)
                .jsonPath("$[0].text")
                .isEqualTo("谢谢你们,师傅很负责");
        staff.dispatcher("解放区")
                .get()
                .uri("/api/v1/admin/surveys/unmatched-replies")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);
        asAdmin()
                .get()
                .uri("/api/v1/admin/surveys/unmatched-replies")
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2);
    }

    @Test
    void aRetriedReplyWithOneMoreFieldIsStillTheSameReply() {
        closeCase(PHONE);
        sendAll();
        SmsPlatform.Delivery first = sms.pushReply(replies(), PHONE, "谢谢你们");
        String retried = first.body().replaceFirst("\\{", "{\"retry\":1,");
        web.post()
                .uri(replies().substring(replies().indexOf("/api/")))
                .header("Content-Type", "application/json")
                .bodyValue(retried)
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(unmatched()).hasSize(1);
    }

    private static String code(String trackingNo) {
        return trackingNo.substring(trackingNo.length() - 4);
    }
}
