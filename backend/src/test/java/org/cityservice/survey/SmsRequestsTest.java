package org.cityservice.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** How due SMS surveys are packed into provider requests: at most 200 numbers, each number once per request. */
class SmsRequestsTest {

    @Test
    void manyNumbersGoTwoHundredToARequest() {
        List<SurveySender.BySms> pending = IntStream.range(0, 450).mapToObj(i -> sms(i, "138" + String.format("%08d", i))).toList();
        assertThat(SurveySender.requests(pending, 200)).extracting(List::size).containsExactly(200, 200, 50);
        assertThat(SurveySender.requests(pending, 1)).hasSize(450);
    }

    @Test
    void twoSurveysForOneNumberGoInTwoRequests() {
        List<SurveySender.BySms> pending = new ArrayList<>(List.of(sms(1, "13800000001"), sms(2, "13800000001"), sms(3, "13800000002")));
        List<List<SurveySender.BySms>> requests = SurveySender.requests(pending, 200);
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0)).extracting(SurveySender.BySms::phone).containsExactly("13800000001", "13800000002");
        assertThat(requests.get(1)).extracting(request -> request.survey().id()).containsExactly("sv-2");
    }

    private static SurveySender.BySms sms(int n, String phone) {
        Survey survey = new Survey("sv-" + n, "JZ20261124-" + n, 6, "r-" + n, phone, "clutter", null, null, null, SurveyStatus.SCHEDULED,
                null, Instant.EPOCH, Instant.EPOCH, null, null, null, null, null);
        return new SurveySender.BySms(survey, phone);
    }
}
