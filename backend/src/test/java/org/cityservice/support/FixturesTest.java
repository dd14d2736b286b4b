package org.cityservice.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.cityservice.complaint.ComplaintStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The fixtures themselves: a case reaches each status through the API, staff have the role and scope asked for. */
class FixturesTest extends IntegrationTest {

    private String xuheng;
    private WebTestClient alice;

    @BeforeEach
    void aStationAndAResident() {
        clock.set(LocalDateTime.of(2026, 11, 24, 10, 0));
        xuheng = station("许衡街道社区城管服务站", "中站区", 35.2400, 113.1680);
        alice = resident("alice");
    }

    @ParameterizedTest
    @EnumSource(ComplaintStatus.class)
    void aCaseIsBroughtToEveryStatus(ComplaintStatus status) {
        String trackingNo = cases.at(status, reportBy(alice));
        alice.get()
                .uri("/api/v1/complaints/" + trackingNo)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(status.name())
                .jsonPath("$.stationName")
                .isEqualTo("许衡街道社区城管服务站");
    }

    @Test
    void aCaseGoesOnFromWhereItStandsAndNeverBack() {
        String trackingNo = cases.at(ComplaintStatus.REOPENED, reportBy(alice));
        cases.bringTo(trackingNo, ComplaintStatus.CLOSED);
        asAdmin()
                .get()
                .uri("/api/v1/admin/complaints/" + trackingNo)
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CLOSED")
                .jsonPath("$.version")
                .isEqualTo(11);
        assertThatThrownBy(() -> cases.bringTo(trackingNo, ComplaintStatus.HANDLED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cases.bringTo(trackingNo, ComplaintStatus.REJECTED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aReportSaysWhatItIsGiven() {
        String trackingNo = reportBy(alice)
                .withCategory("clutter")
                .withDescription("楼道口堆满杂物")
                .withAddress("解放路 1 号")
                .withContactPhone("13812345678")
                .withIdempotencyKey("fixture-0001")
                .file();
        asAdmin()
                .get()
                .uri("/api/v1/admin/complaints/" + trackingNo)
                .exchange()
                .expectBody()
                .jsonPath("$.category")
                .isEqualTo("clutter")
                .jsonPath("$.description")
                .isEqualTo("楼道口堆满杂物")
                .jsonPath("$.address")
                .isEqualTo("解放路 1 号")
                .jsonPath("$.contactPhone")
                .isEqualTo("138****5678");
        reportBy(alice)
                .withIdempotencyKey("fixture-0001")
                .submit()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.trackingNo")
                .isEqualTo(trackingNo);
    }

    @Test
    void staffHaveTheRoleAndScopeAsked() {
        staff.dispatcher("中站区")
                .get()
                .uri("/api/v1/admin/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("DISPATCHER")
                .jsonPath("$.district")
                .isEqualTo("中站区");
        staff.stationStaff(xuheng, "zhang.wei")
                .get()
                .uri("/api/v1/admin/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.username")
                .isEqualTo("zhang.wei")
                .jsonPath("$.role")
                .isEqualTo("STATION_STAFF")
                .jsonPath("$.stationId")
                .isEqualTo(xuheng);
        staff.admin("second.admin")
                .get()
                .uri("/api/v1/admin/me")
                .exchange()
                .expectBody()
                .jsonPath("$.role")
                .isEqualTo("ADMIN");
        assertThat(staff.dispatcherToken("解放区", "zhao.lei")).isNotBlank();
    }

    @Test
    void aResidentWithAPhoneHasItBound() {
        residents
                .withPhone("bob", "13900000002")
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.phoneBound")
                .isEqualTo(true);
    }
}
