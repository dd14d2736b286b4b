package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.RedisClusterClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.cityservice.redis.ReadRetry;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.OnRedisCluster;
import org.cityservice.support.RedisCluster;
import org.cityservice.support.Report;
import org.cityservice.support.SharedRedisCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The master holding the cases is killed with SIGKILL while eight residents' phones keep reporting: once its replica
 * has taken over, every report that was answered 201 is there, none twice, and reports are taken again within the
 * node timeout plus a few seconds. Each report a 201 answered waited for the replica ({@code WAIT}); without that, a
 * master killed a moment after its replica's link dropped took acknowledged reports with it, and their tracking
 * numbers were handed out again.
 */
@OnRedisCluster
class FailoverOnClusterTest extends IntegrationTest {

    /** The home of the reports (no station is near them: no district took them). */
    private static final String CASES = "cs:{complaint:0000}:cases";

    private static final int CLIENTS = 8;
    private static final int RESIDENTS_PER_CLIENT = 15;
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private final RedisCluster cluster = SharedRedisCluster.get();

    @Autowired
    private LettuceConnectionFactory connections;

    @Autowired
    private ReadRetry.Settings readRetry;

    private final List<Integer> killed = new ArrayList<>();
    private final List<Integer> paused = new ArrayList<>();

    @AfterEach
    void makeTheClusterWholeAgain() {
        // the other cluster tests share this cluster: a paused node goes on, the killed master comes back, as a
        // replica of its successor
        paused.forEach(cluster::resume);
        killed.forEach(cluster::restart);
        // a node back as a replica sends no redirect a client would learn it from; FLUSHDB before each test goes to
        // every master the backend knows of
        ((RedisClusterClient) connections.getRequiredNativeClient()).refreshPartitions();
    }

    @Test
    void aMasterKilledWhileResidentsReportLosesNoAcknowledgedReport() throws Exception {
        Reporters reporters = new Reporters();
        Reader reader = new Reader();
        reporters.start();
        try {
            reporters.awaitAcknowledged(80, Duration.ofSeconds(60));
            reader.start(reporters.anyAcknowledged());
            Thread.sleep(300);
            int master = cluster.masterOf(CASES);
            long killedAt = System.nanoTime();
            cluster.kill(master);
            killed.add(master);

            double failoverSeconds = reporters.awaitAcknowledgedSentAfter(killedAt, Duration.ofSeconds(40));
            reporters.awaitAcknowledged(reporters.acknowledged() + 40, Duration.ofSeconds(30));
            reporters.stop();
            reader.stop();

            reporters.print("killed master", failoverSeconds);
            reader.print();
            reporters.assertNothingLostNothingTwice();
            reporters.assertRefusedClearly();
            assertThat(failoverSeconds)
                    .as("reports taken again within the node timeout plus a few seconds")
                    .isLessThan(RedisCluster.NODE_TIMEOUT.toSeconds() + 10.0);
            // a read is tried again for app.redis.read-retry.within after its first error (ReadRetry): through a
            // failover over within that time, late but answered; through a longer one, refused clearly
            if (failoverSeconds < readRetry.within().toSeconds()) {
                assertThat(reader.statuses())
                        .as("answers to a staff member reading a case and the queue through the failover")
                        .containsOnlyKeys(200);
            } else {
                assertThat(reader.statuses())
                        .as("answers to a staff member reading through a failover longer than a read is tried")
                        .containsKey(200)
                        .containsOnlyKeys(200, 503);
            }
        } finally {
            reporters.stop();
            reader.stop();
        }
    }

    /** Consoles reading, over and over as the failover happens: one case's page, and the queue of cases. */
    private final class Reader {

        private final ExecutorService threads = Executors.newFixedThreadPool(2);
        private final AtomicBoolean stopping = new AtomicBoolean();
        private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        private final AtomicLong slowest = new AtomicLong();

        void start(String trackingNo) {
            WebTestClient admin =
                    asAdmin().mutate().responseTimeout(Duration.ofSeconds(30)).build();
            for (String uri : List.of("/api/v1/admin/complaints/" + trackingNo, "/api/v1/admin/complaints?size=20")) {
                threads.submit(() -> {
                    while (!stopping.get()) {
                        long sentAt = System.nanoTime();
                        int status;
                        try {
                            status = admin.get()
                                    .uri(uri)
                                    .exchange()
                                    .expectBody(String.class)
                                    .returnResult()
                                    .getStatus()
                                    .value();
                        } catch (RuntimeException noAnswer) {
                            status = -1;
                        }
                        statuses.merge(status, 1, Integer::sum);
                        slowest.accumulateAndGet(System.nanoTime() - sentAt, Math::max);
                        sleepQuietly(100);
                    }
                });
            }
        }

        Map<Integer, Integer> statuses() {
            return Map.copyOf(statuses);
        }

        void stop() throws InterruptedException {
            stopping.set(true);
            threads.shutdown();
            threads.awaitTermination(40, TimeUnit.SECONDS);
        }

        void print() {
            System.out.printf(
                    "Failover (killed master): a case and the queue read %s (status → reads), the slowest answer"
                            + " after %.1f s%n",
                    statuses, slowest.get() / 1e9);
        }
    }

    @Test
    void aMasterKilledAfterItsReplicaFellBehindLosesNoAcknowledgedReport() throws Exception {
        Reporters reporters = new Reporters();
        reporters.start();
        try {
            reporters.awaitAcknowledged(80, Duration.ofSeconds(60));
            int master = cluster.masterOf(CASES);
            int replica = cluster.replicaOf(master);
            // the replica stops, and the master drops its link: what the master takes from now on reaches no replica
            // (what it sent before still waits in the paused replica's socket and is read when it goes on)
            cluster.pause(replica);
            paused.add(replica);
            cluster.cli(master, "client", "kill", "type", "replica");
            int beforePause = reporters.acknowledged();
            int retriesBeforePause = reporters.answeredOnRetry();
            Thread.sleep(1500);
            int whilePaused = reporters.acknowledged() - beforePause;
            int retriesWhilePaused = reporters.answeredOnRetry() - retriesBeforePause;
            long killedAt = System.nanoTime();
            cluster.kill(master);
            killed.add(master);
            cluster.resume(replica);
            paused.remove(Integer.valueOf(replica));

            double failoverSeconds = reporters.awaitAcknowledgedSentAfter(killedAt, Duration.ofSeconds(40));
            reporters.awaitAcknowledged(reporters.acknowledged() + 40, Duration.ofSeconds(30));
            reporters.stop();

            reporters.print(
                    "paused replica, killed master (" + whilePaused + " acknowledged while paused)", failoverSeconds);
            reporters.assertNothingLostNothingTwice();
            reporters.assertRefusedClearly();
            // a 201 while the replica was paused could only have been answered without it (but for one a client had
            // under way as the pause began); a retry answered with its earlier, refused attempt's case must wait too
            assertThat(whilePaused)
                    .as("reports acknowledged while the replica took nothing")
                    .isLessThanOrEqualTo(CLIENTS);
            assertThat(retriesWhilePaused)
                    .as("retries answered with an unconfirmed case while the replica took nothing")
                    .isZero();
        } finally {
            reporters.stop();
        }
    }

    /** Eight phones reporting as fast as the backend answers, each on behalf of its own residents in turn. */
    private final class Reporters {

        private final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        private final List<Future<?>> running = new ArrayList<>();
        private final AtomicBoolean stopping = new AtomicBoolean();
        /** tracking number → the description of the report a 201 answered with it. */
        private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

        private final Map<String, Integer> numberHandedOut = new ConcurrentHashMap<>();
        /** "503 service-unavailable (Retry-After 2)" and the like → how many answers were so. */
        private final Map<String, Integer> refused = new ConcurrentHashMap<>();

        /** Reports answered 200 with the case their earlier, refused attempt had made. */
        private final AtomicInteger answeredOnRetry = new AtomicInteger();

        private final AtomicLong firstAckedSentAfterKill = new AtomicLong(Long.MAX_VALUE);
        private volatile long killedAt = Long.MAX_VALUE;
        private final List<List<WebTestClient>> residents = new ArrayList<>();

        Reporters() {
            WebTestClient patient =
                    web.mutate().responseTimeout(Duration.ofSeconds(15)).build();
            for (int client = 0; client < CLIENTS; client++) {
                List<WebTestClient> own = new ArrayList<>();
                for (int r = 0; r < RESIDENTS_PER_CLIENT; r++) {
                    String token = residentToken("failover-" + client + "-" + r);
                    own.add(patient.mutate()
                            .defaultHeader("Authorization", "Bearer " + token)
                            .build());
                }
                residents.add(own);
            }
        }

        void start() {
            for (int client = 0; client < CLIENTS; client++) {
                int id = client;
                running.add(threads.submit(() -> report(id)));
            }
        }

        private void report(int client) {
            int number = 0;
            while (!stopping.get()) {
                // a report refused with 503 is sent again, by the same resident with the same Idempotency-Key, as the
                // mini-program does: the first attempt may be on the master already, and the retry must not be
                // answered from it before a replica has it. Ten reports an hour per resident: the phone's residents
                // take turns.
                WebTestClient resident = residents.get(client).get(number % RESIDENTS_PER_CLIENT);
                String description = "失败转移测试 " + client + "-" + number;
                long sentAt = System.nanoTime();
                EntityExchangeResult<Map<String, Object>> result;
                try {
                    result = Report.by(resident)
                            .withDescription(description)
                            .withIdempotencyKey("failover-" + client + "-" + number)
                            .submit()
                            .expectBody(JSON)
                            .returnResult();
                } catch (RuntimeException noAnswer) {
                    refused.merge("no answer within 15 s", 1, Integer::sum);
                    continue;
                }
                int status = result.getStatus().value();
                if ((status == 201 || status == 200) && result.getResponseBody() != null) {
                    String trackingNo =
                            result.getResponseBody().get("trackingNo").toString();
                    numberHandedOut.merge(trackingNo, 1, Integer::sum);
                    acknowledged.put(trackingNo, description);
                    if (status == 200) {
                        answeredOnRetry.incrementAndGet();
                    }
                    if (sentAt > killedAt) {
                        firstAckedSentAfterKill.accumulateAndGet(System.nanoTime(), Math::min);
                    }
                    number++;
                } else {
                    Object code = result.getResponseBody() == null
                            ? null
                            : result.getResponseBody().get("code");
                    refused.merge(
                            status + " " + code + " (Retry-After "
                                    + result.getResponseHeaders().getFirst("Retry-After") + ")",
                            1,
                            Integer::sum);
                    if (status != 503) {
                        number++;
                    }
                    sleepQuietly(50);
                }
            }
        }

        int acknowledged() {
            return acknowledged.size();
        }

        String anyAcknowledged() {
            return acknowledged.keySet().iterator().next();
        }

        int answeredOnRetry() {
            return answeredOnRetry.get();
        }

        void awaitAcknowledged(int count, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (acknowledged.size() < count) {
                assertThat(System.nanoTime())
                        .as("%d reports acknowledged in %s", count, limit)
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
        }

        /** Seconds from {@code killedAt} to the first 201 for a report sent after it. */
        double awaitAcknowledgedSentAfter(long killedAt, Duration limit) throws InterruptedException {
            this.killedAt = killedAt;
            long deadline = killedAt + limit.toNanos();
            while (firstAckedSentAfterKill.get() == Long.MAX_VALUE) {
                assertThat(System.nanoTime())
                        .as("a report taken again within %s of the kill", limit)
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
            return (firstAckedSentAfterKill.get() - killedAt) / 1e9;
        }

        void stop() throws InterruptedException {
            stopping.set(true);
            threads.shutdown();
            threads.awaitTermination(30, TimeUnit.SECONDS);
        }

        void print(String scenario, double failoverSeconds) {
            System.out.printf(
                    "Failover (%s): %d acknowledged (%d of them on a retry), refused %s, %d found, %d lost, reports taken again %.1f s after the kill%n",
                    scenario,
                    acknowledged.size(),
                    answeredOnRetry.get(),
                    refused,
                    found().size(),
                    lost().size(),
                    failoverSeconds);
        }

        private Map<String, String> found() {
            Map<String, String> found = new HashMap<>();
            acknowledged.keySet().forEach(trackingNo -> {
                Object stored = redis.opsForHash().get(CASES, trackingNo).block();
                // a number handed out again after a loss holds another report: the one it was first given for is lost
                if (stored != null
                        && stored.toString().contains("\"description\":\"" + acknowledged.get(trackingNo) + "\"")) {
                    found.put(trackingNo, stored.toString());
                }
            });
            return found;
        }

        private List<String> lost() {
            Map<String, String> found = found();
            return acknowledged.keySet().stream()
                    .filter(trackingNo -> !found.containsKey(trackingNo))
                    .toList();
        }

        /** While no master served the cases, each report was answered at once with a problem saying to come back. */
        void assertRefusedClearly() {
            assertThat(refused.keySet())
                    .as("answers other than 201 while no master served the cases")
                    .isNotEmpty()
                    .allMatch(answer -> answer.equals("503 service-unavailable (Retry-After 2)"));
        }

        void assertNothingLostNothingTwice() {
            assertThat(lost())
                    .as("reports answered 201 and gone, or their number holding another report, after the failover")
                    .isEmpty();
            assertThat(numberHandedOut)
                    .allSatisfy((trackingNo, times) -> assertThat(times)
                            .as("tracking number %s handed out once", trackingNo)
                            .isEqualTo(1));
            Map<String, Long> casesPerReport = redis.<String, String>opsForHash()
                    .values(CASES)
                    .map(stored -> stored.replaceAll("(?s).*\"description\":\"([^\"]*)\".*", "$1"))
                    .filter(description -> description.startsWith("失败转移测试"))
                    .collectMultimap(description -> description)
                    .map(groups -> {
                        Map<String, Long> counts = new HashMap<>();
                        groups.forEach((description, copies) -> counts.put(description, (long) copies.size()));
                        return counts;
                    })
                    .block();
            assertThat(casesPerReport)
                    .allSatisfy((description, cases) -> assertThat(cases)
                            .as("cases made of the report %s", description)
                            .isEqualTo(1L));
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
