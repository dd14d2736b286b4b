package org.cityservice.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.cityservice.stub.sms.SmsPlatform;
import org.cityservice.support.MutableClock;
import org.cityservice.support.OnRedisCluster;
import org.cityservice.support.OtherBackend;
import org.cityservice.support.SharedRedisCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Two backends on one Redis Cluster, each with its own SMS stand-in, sweep the same due surveys at the same moment:
 * every survey goes out once, from one of them.
 */
@OnRedisCluster
class SurveyInstancesOnClusterTest extends SurveyIntegrationTest {

    @RegisterExtension
    static final OtherBackend other = new OtherBackend();

    @Autowired
    private ApplicationContext context;

    @Test
    void twoInstancesSweepingAtOnceSendEachSurveyOnce() {
        ConfigurableApplicationContext theOther = other.context(SharedRedisCluster.get());
        List<String> surveys =
                IntStream.range(0, 8).mapToObj(i -> surveyOf(closeCase(PHONE))).toList();

        LocalDateTime later = LocalDateTime.of(2026, 11, 23, 13, 0); // the closings' surveys are due by then
        clock.set(later);
        theOther.getBean(MutableClock.class).set(later); // the two agree on the time, as servers do
        Instant now = clock.instant();
        List<SurveyTestAccess> sweepers = List.of(new SurveyTestAccess(context), new SurveyTestAccess(theOther));
        Flux.range(0, 6)
                .parallel(6)
                .runOn(Schedulers.boundedElastic())
                .doOnNext(i -> sweepers.get(i % 2).sendDue(now))
                .sequential()
                .blockLast(Duration.ofSeconds(60));

        List<String> sent = Stream.concat(sms.sent().stream(), theOther.getBean(SmsPlatform.class).sent().stream())
                .map(SmsPlatform.SentSms::sessionContext)
                .toList();
        assertThat(sent).containsExactlyInAnyOrderElementsOf(surveys);
    }
}
