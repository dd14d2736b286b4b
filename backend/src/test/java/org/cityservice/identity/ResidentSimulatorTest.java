package org.cityservice.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.cityservice.stub.simulator.ResidentSimulator;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** End to end: the simulated mini-program against the backend and the local WeChat platform, over HTTP. */
class ResidentSimulatorTest extends IntegrationTest {

    @LocalServerPort
    private int port;

    @Test
    void aSimulatedResidentLogsInBindsAPhoneAllowsAMessageAndFindsAStation() {
        asAdmin().post().uri("/api/v1/admin/stations").bodyValue(Map.of("name", "许衡街道社区城管服务站",
                        "address", "焦作市中站区北环路17号", "district", "中站区", "subdistrict", "许衡街道",
                        "location", Map.of("lat", 35.2160, "lng", 113.2430), "phone", "0391-4365773",
                        "hours", Map.of("MONDAY", List.of("08:30-12:00")), "services", List.of("投诉受理")))
                .exchange().expectStatus().isCreated();
        List<String> said = new ArrayList<>();

        ResidentSimulator.Report report = new ResidentSimulator("http://127.0.0.1:" + port, wechat.url(), said::add)
                .walkThrough("alice", "13800001234", 35.2150, 113.2420);

        assertThat(report.residentId()).startsWith("r-");
        assertThat(report.phoneShown()).isEqualTo("138****1234");
        assertThat(report.grants().values()).contains(1L);
        assertThat(report.nearbyStations()).containsExactly("许衡街道社区城管服务站");
        assertThat(said).hasSizeGreaterThanOrEqualTo(5).noneMatch(line -> line.contains(wechat.openid("alice")));
    }
}
