package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.cityservice.identity.ContentCheck.Verdict;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.support.IntegrationTest;
import org.cityservice.wechat.WechatGateway.TextScene;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import reactor.test.StepVerifier;

class ContentCheckTest extends IntegrationTest {

    @Autowired
    private ContentCheck check;

    @Autowired
    private ResidentDirectory residents;

    private Resident alice;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void aResident() {
        Map<String, Object> login = web.post()
                .uri("/api/v1/auth/wechat-login")
                .bodyValue(Map.of("code", wechat.loginCode("alice")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        alice = residents
                .resident((String) ((Map<String, Object>) login.get("resident")).get("id"))
                .block();
        wechat.riskyWords("赌博");
        wechat.reviewWords("打人");
    }

    @Test
    void ordinaryTextPasses() {
        StepVerifier.create(check.check(alice, "问题描述", "人民路路灯不亮了", TextScene.FORUM))
                .expectNext(Verdict.PASSED)
                .verifyComplete();
    }

    @Test
    void riskyTextIsRefusedWithAProblemTheResidentCanAct() {
        StepVerifier.create(check.check(alice, "问题描述", "桥下有人聚众赌博", TextScene.FORUM))
                .expectErrorSatisfies(error -> {
                    assertThat(error).isInstanceOf(ApiException.class);
                    ApiException problem = (ApiException) error;
                    assertThat(problem.type()).isEqualTo(ProblemType.CONTENT_REJECTED);
                    assertThat(problem.type().status().value()).isEqualTo(422);
                    assertThat(problem.getMessage()).contains("问题描述").contains("请修改后再提交");
                })
                .verify();
    }

    @Test
    void textWechatWantsReviewedIsKeptAndFlagged() {
        StepVerifier.create(check.check(alice, "问题描述", "摊贩和城管打人了", TextScene.FORUM))
                .expectNextMatches(verdict -> verdict == Verdict.NEEDS_REVIEW && verdict.flagged())
                .verifyComplete();
    }

    @Test
    void whenWechatCannotBeAskedTheTextIsKeptAndFlagged() {
        wechat.answerBusy(10);
        StepVerifier.create(check.check(alice, "问题描述", "桥下有人聚众赌博", TextScene.FORUM))
                .expectNextMatches(verdict -> verdict == Verdict.UNCHECKED && verdict.flagged())
                .verifyComplete();
    }
}
