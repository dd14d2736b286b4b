package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.cityservice.shared.TimeConfiguration;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.MutableClock;
import org.cityservice.support.OnRedisCluster;
import org.cityservice.support.OtherBackend;
import org.cityservice.support.SharedRedisCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;

/** Two backends on one Redis Cluster sweep the same deadlines at the same moment: every case is marked (督办) once. */
@OnRedisCluster
class DeadlineInstancesOnClusterTest extends IntegrationTest {

    @RegisterExtension
    static final OtherBackend other = new OtherBackend();

    @Autowired
    private DeadlineWatch watch;

    @Test
    void twoInstancesSweepingAtOnceMarkEachCaseOnce() {
        ConfigurableApplicationContext theOther = other.context(SharedRedisCluster.get());
        clock.set(LocalDateTime.of(2026, 11, 23, 10, 0));
        WebTestClient alice = resident("alice");
        List<String> filed = IntStream.range(0, 8)
                .mapToObj(i -> reportBy(alice)
                        .withCategory("street-vending") // to register within 2 working hours: yellow at 11:36
                        .withDescription("人民路口有人占道经营 " + i)
                        .file())
                .toList();

        LocalDateTime later = LocalDateTime.of(2026, 11, 23, 11, 40);
        clock.set(later);
        theOther.getBean(MutableClock.class).set(later);
        Instant now = later.atZone(TimeConfiguration.SHANGHAI).toInstant();
        DeadlineWatch there = theOther.getBean(DeadlineWatch.class);
        long marked = Flux.merge(watch.sweep(now), there.sweep(now), watch.sweep(now), there.sweep(now))
                .reduce(0L, Long::sum)
                .block();

        assertThat(marked).isEqualTo(filed.size());
        for (String trackingNo : filed) {
            asAdmin()
                    .get()
                    .uri("/api/v1/admin/complaints/" + trackingNo)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.alert")
                    .isEqualTo("YELLOW")
                    .jsonPath("$.timeline.length()")
                    .isEqualTo(2); // received, and one 督办 entry
        }
    }
}
