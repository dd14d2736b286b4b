package org.cityservice.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.cityservice.complaint.ComplaintStatus;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A resident who followed a case (附议) is asked about it when it closes, and her answer counts like the reporter's. */
class FollowerSurveyTest extends SurveyIntegrationTest {

    private static final String BOB_PHONE = "13900000002";

    @Test
    void closingSchedulesASurveyForEachFollowerWhichSheAnswersLikeTheReporter() {
        WebTestClient bob = residents.withPhone("bob", BOB_PHONE);
        String trackingNo = followedCaseClosed(bob);

        intake.pull().block();
        intake.pull().block(); // the same events again schedule nothing twice
        assertThat(surveyCount()).isEqualTo(2);
        bob.get()
                .uri("/api/v1/complaints/" + trackingNo)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.survey.status")
                .isEqualTo("SCHEDULED");

        sendAll();
        assertThat(sms.sentTo(PHONE)).hasSize(1); // the reporter's survey, as before
        assertThat(sms.sentTo(BOB_PHONE)).hasSize(1);
        List<Map<String, Object>> mine = bob.get()
                .uri("/api/v1/surveys/mine")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBodyList(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(mine).singleElement().satisfies(survey -> {
            assertThat(survey).containsEntry("trackingNo", trackingNo).containsEntry("answerable", true);
            assertThat((String) survey.get("id")).startsWith(surveyOf(trackingNo) + "-");
        });
        alice.get()
                .uri("/api/v1/surveys/mine")
                .exchange()
                .expectBody()
                .jsonPath("$[0].id")
                .isEqualTo(surveyOf(trackingNo));

        String id = (String) mine.get(0).get("id");
        assertThat(find(id).block().ofFollower()).isTrue();
        assertThat(find(surveyOf(trackingNo)).block().ofFollower()).isFalse();
        bob.post()
                .uri("/api/v1/surveys/" + id + "/answers")
                .bodyValue(Map.of("solved", "NO", "satisfaction", "DISSATISFIED"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("ANSWERED");
        assertThat(caseStatus(trackingNo)).isEqualTo("REOPENED");
        assertThat(answeredEvents()).isEqualTo(1);
        alice.get()
                .uri("/api/v1/complaints/" + trackingNo)
                .exchange()
                .expectBody()
                .jsonPath("$.timeline[-1:].by")
                .isEqualTo("附议居民");
    }

    @Test
    void aFollowerWhoLeftBeforeTheClosingIsNotAsked() {
        WebTestClient bob = resident("bob");
        String trackingNo = report();
        bob.post()
                .uri("/api/v1/complaints/" + trackingNo + "/followers")
                .exchange()
                .expectStatus()
                .isCreated();
        bob.delete()
                .uri("/api/v1/complaints/" + trackingNo + "/followers")
                .exchange()
                .expectStatus()
                .isNoContent();
        cases.bringTo(trackingNo, ComplaintStatus.CLOSED);
        intake.pull().block();
        assertThat(surveyCount()).isEqualTo(1);
    }

    private String followedCaseClosed(WebTestClient follower) {
        String trackingNo = report();
        follower.post()
                .uri("/api/v1/complaints/" + trackingNo + "/followers")
                .exchange()
                .expectStatus()
                .isCreated();
        cases.bringTo(trackingNo, ComplaintStatus.CLOSED);
        return trackingNo;
    }

    /** Alice's report with her phone, proven: the reporter is asked by SMS too. */
    private String report() {
        residents.bindPhone(alice, "alice", PHONE);
        return reportBy(alice).withContactPhone(PHONE).file();
    }
}
