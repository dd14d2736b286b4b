package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.Report;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The actions a single case lists for its caller are exactly those the API then accepts: each listed one
 * gets past every check (a stale If-Match makes it stop at the version, so nothing changes), each unlisted
 * one is refused (403, or 409 illegal-transition), for every role at every status of the loop.
 */
class AllowedActionsTest extends IntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};
    private static final String CASES = "/api/v1/admin/complaints/";
    private static final String STALE = "\"999\"";

    private final Map<String, WebTestClient> byRole = new LinkedHashMap<>();
    private WebTestClient alice;
    private String zhuCun;
    private String earlier;

    @BeforeEach
    void staffOfEachRoleAndAnEarlierCase() {
        clock.set(LocalDateTime.of(2026, 11, 24, 10, 0));
        String xuheng = station("许衡街道社区城管服务站", "中站区", 35.2400, 113.1680);
        zhuCun = station("朱村街道社区城管服务站", "中站区", 35.2300, 113.1500);
        byRole.put("ADMIN", asAdmin());
        byRole.put("DISPATCHER", staff.dispatcher("中站区"));
        byRole.put("STATION_STAFF", staff.stationStaff(xuheng));
        alice = resident("alice");
        earlier = report().file();
        clock.set(LocalDateTime.of(2026, 11, 24, 10, 5));
    }

    @Test
    void everyRoleAtEveryStatusMayDoExactlyWhatItsListSays() {
        String trackingNo = report().file();
        List<String> walk = List.of("REGISTER", "DISPATCH", "HANDLE", "VERIFY", "CLOSE", "REOPEN");
        checkAll(trackingNo, "RECEIVED");
        for (String step : walk) {
            assertThat(listed(byRole.get("ADMIN"), trackingNo)).contains(step);
            moveAsAdmin(trackingNo, step, "测试说明");
            checkAll(trackingNo, step);
        }
        String rejected = cases.at(ComplaintStatus.REJECTED, report());
        checkAll(rejected, "REJECT");
    }

    @Test
    void theListNamesLabelsAndWhichNeedANote() {
        String trackingNo = report().file();
        assertThat(listed(byRole.get("DISPATCHER"), trackingNo))
                .containsExactly("REGISTER", "REJECT", "REROUTE", "MERGE", "CONTACT_PHONE");
        assertThat(listed(byRole.get("STATION_STAFF"), trackingNo)).containsExactly("CONTACT_PHONE");
        byRole.get("DISPATCHER")
                .get()
                .uri(CASES + trackingNo)
                .exchange()
                .expectBody()
                .jsonPath("$.actions[0].label")
                .isEqualTo("立案")
                .jsonPath("$.actions[0].noteRequired")
                .isEqualTo(false)
                .jsonPath("$.actions[1].label")
                .isEqualTo("退回")
                .jsonPath("$.actions[1].noteRequired")
                .isEqualTo(true)
                .jsonPath("$.actions[3].label")
                .isEqualTo("合并")
                .jsonPath("$.actions[4].label")
                .isEqualTo("查看联系电话");

        moveAsAdmin(trackingNo, "REGISTER", null);
        // a step's answer says what comes next, as the case itself does
        byRole.get("DISPATCHER")
                .post()
                .uri(CASES + trackingNo + "/transitions")
                .bodyValue(Map.of("action", "DISPATCH"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.actions[*].action")
                .isEqualTo(List.of("HANDLE", "REROUTE", "MERGE", "CONTACT_PHONE"));
        assertThat(listed(byRole.get("STATION_STAFF"), trackingNo)).containsExactly("HANDLE", "CONTACT_PHONE");
        byRole.get("DISPATCHER")
                .get()
                .uri("/api/v1/admin/complaints")
                .exchange()
                .expectBody()
                .jsonPath("$.items[0].trackingNo")
                .isEqualTo(trackingNo)
                .jsonPath("$.items[0].actions")
                .isEmpty();
    }

    /** What each role lists at this point of the loop is what each attempt comes to. */
    private void checkAll(String trackingNo, String reached) {
        List<String> candidates = new ArrayList<>();
        for (ComplaintAction action : ComplaintAction.values()) {
            candidates.add(action.name());
        }
        candidates.add(TransitionPermissions.CONTACT_PHONE);
        byRole.forEach((role, client) -> {
            List<String> listed = listed(client, trackingNo);
            for (String action : candidates) {
                Attempt attempt = attempt(client, trackingNo, action);
                String where = role + " after " + reached + ": " + action + " → " + attempt;
                if (listed.contains(action)) {
                    assertThat(attempt.status() == 200
                                    || attempt.status() == 409 && "version-conflict".equals(attempt.code()))
                            .as(where)
                            .isTrue();
                } else {
                    assertThat(attempt.status() == 403
                                    || attempt.status() == 409 && "illegal-transition".equals(attempt.code()))
                            .as(where)
                            .isTrue();
                }
            }
        });
    }

    private record Attempt(int status, String code) {}

    /** Tries an action with a stale version: every check before the write runs, the write itself never happens. */
    private Attempt attempt(WebTestClient client, String trackingNo, String action) {
        WebTestClient.RequestHeadersSpec<?> request = switch (action) {
            case "CONTACT_PHONE" -> client.get().uri(CASES + trackingNo + "/contact-phone");
            case "REROUTE" ->
                client.post()
                        .uri(CASES + trackingNo + "/routing")
                        .header("If-Match", STALE)
                        .bodyValue(Map.of("stationId", zhuCun, "reason", "测试改派"));
            case "MERGE" ->
                client.post()
                        .uri(CASES + trackingNo + "/merge")
                        .header("If-Match", STALE)
                        .bodyValue(Map.of("into", earlier));
            default ->
                client.post()
                        .uri(CASES + trackingNo + "/transitions")
                        .header("If-Match", STALE)
                        .bodyValue(Map.of("action", action, "note", "测试说明"));
        };
        EntityExchangeResult<Map<String, Object>> result =
                request.exchange().expectBody(JSON).returnResult();
        Map<String, Object> body = result.getResponseBody();
        return new Attempt(result.getStatus().value(), body == null ? null : (String) body.get("code"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> listed(WebTestClient client, String trackingNo) {
        Map<String, Object> view = client.get()
                .uri(CASES + trackingNo)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        return ((List<Map<String, Object>>) view.get("actions"))
                .stream().map(action -> (String) action.get("action")).toList();
    }

    /** A report with a contact phone, so that staff may look it up. */
    private Report report() {
        return reportBy(alice).withContactPhone("13812345678");
    }
}
