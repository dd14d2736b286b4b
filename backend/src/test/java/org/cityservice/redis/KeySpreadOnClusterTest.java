package org.cityservice.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.OnRedisCluster;
import org.cityservice.support.SharedRedisCluster;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * On a real Redis Cluster (3 masters, a replica each): the keys of many residents spread over the masters, so that
 * the cluster adds capacity. Each master's share of the keys and of their memory is printed and must stay at most
 * half.
 */
@OnRedisCluster
class KeySpreadOnClusterTest extends IntegrationTest {

    private static final int LOGINS = 10_000;
    private static final int CASES = 10_000;

    @LocalServerPort
    private int port;

    /** One master's share: keys matching a pattern and the bytes MEMORY USAGE counts for them. */
    record Share(long keys, long bytes) {}

    @Test
    void theSessionsAndProfilesOfTenThousandResidentLoginsSpreadOverTheMasters() {
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        Long loggedIn = Flux.range(0, LOGINS)
                .flatMap(
                        i -> patiently(Mono.defer(() -> client.post()
                                .uri("/api/v1/auth/wechat-login")
                                .bodyValue(Map.of("code", wechat.loginCode("spread-" + i)))
                                .retrieve()
                                .toBodilessEntity())),
                        32)
                .count()
                .block(Duration.ofMinutes(5));
        assertThat(loggedIn).isEqualTo(LOGINS);

        Map<Integer, Share> spread = spread("cs:{identity:*");
        long keys = spread.values().stream().mapToLong(Share::keys).sum();
        long bytes = spread.values().stream().mapToLong(Share::bytes).sum();
        System.out.printf("Identity keys of %,d resident logins over the masters:%n", LOGINS);
        spread.forEach((master, share) -> System.out.printf(
                "  master :%d  %,7d keys (%4.1f %%)  %,11d bytes (%4.1f %%)%n",
                master, share.keys(), 100.0 * share.keys() / keys, share.bytes(), 100.0 * share.bytes() / bytes));
        // a profile, an openid link, a session and its owner's set each
        assertThat(keys).isGreaterThanOrEqualTo(4L * LOGINS);
        assertThat(spread).hasSize(3);
        assertThat(spread.values()).allSatisfy(share -> {
            assertThat(share.keys()).isLessThanOrEqualTo(keys / 2);
            assertThat(share.bytes()).isLessThanOrEqualTo(bytes / 2);
        });
    }

    @Test
    void tenThousandCasesOverTheDemoCitysDistrictsSpreadOverTheMasters() {
        // a station in each district of the demo city that has stations, where the demo data puts its first one
        Map<String, double[]> districts = new LinkedHashMap<>();
        districts.put("中站区", new double[] {35.240464, 113.168027});
        districts.put("解放区", new double[] {35.249921, 113.22817});
        districts.put("马村区", new double[] {35.282905, 113.316716});
        districts.put("山阳区", new double[] {35.223999, 113.260784});
        districts.put("示范区", new double[] {35.20806, 113.273113});
        districts.forEach((district, point) -> station(district + "社区城管服务站", district, point[0], point[1]));
        List<double[]> points = List.copyOf(districts.values());

        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        // ten reports an hour each is a resident's limit: a thousand residents, ten reports each, a district in turn
        Long filed = Flux.range(0, CASES / 10)
                .flatMap(
                        i -> patiently(Mono.defer(() -> client.post()
                                        .uri("/api/v1/auth/wechat-login")
                                        .bodyValue(Map.of("code", wechat.loginCode("reporter-" + i)))
                                        .retrieve()
                                        .bodyToMono(Map.class)))
                                .map(login -> (String) login.get("token")),
                        16)
                .index()
                .flatMap(
                        resident -> Flux.range(0, 10).concatMap(n -> {
                            double[] point = points.get((int) ((resident.getT1() * 10 + n) % points.size()));
                            return patiently(client.post()
                                    .uri("/api/v1/complaints")
                                    .header("Authorization", "Bearer " + resident.getT2())
                                    .header("Idempotency-Key", "spread-" + resident.getT1() + "-" + n)
                                    .bodyValue(Map.of(
                                            "category",
                                            "street-vending",
                                            "description",
                                            "占道经营 " + n,
                                            "location",
                                            Map.of("lat", point[0], "lng", point[1])))
                                    .retrieve()
                                    .toBodilessEntity());
                        }),
                        16)
                .count()
                .block(Duration.ofMinutes(5));
        assertThat(filed).isEqualTo(CASES);

        Map<Integer, Share> spread = spread("cs:{complaint:*");
        long keys = spread.values().stream().mapToLong(Share::keys).sum();
        long bytes = spread.values().stream().mapToLong(Share::bytes).sum();
        System.out.printf("Complaint keys of %,d cases in %d districts over the masters:%n", CASES, points.size());
        spread.forEach((master, share) -> System.out.printf(
                "  master :%d  %,7d keys (%4.1f %%)  %,11d bytes (%4.1f %%)%n",
                master, share.keys(), 100.0 * share.keys() / keys, share.bytes(), 100.0 * share.bytes() / bytes));
        assertThat(spread).hasSize(3);
        assertThat(spread.values()).allSatisfy(share -> {
            assertThat(share.keys()).isLessThanOrEqualTo(keys / 2);
            assertThat(share.bytes()).isLessThanOrEqualTo(bytes / 2);
        });
    }

    /** Per master: its keys matching {@code pattern}, read with SCAN, and their MEMORY USAGE. */
    private static Map<Integer, Share> spread(String pattern) {
        var cluster = SharedRedisCluster.get();
        Map<Integer, Share> spread = new LinkedHashMap<>();
        for (int master : cluster.masters()) {
            RedisClient redis = RedisClient.create(RedisURI.builder()
                    .withHost("127.0.0.1")
                    .withPort(master)
                    .withPassword(cluster.password().toCharArray())
                    .build());
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                RedisAsyncCommands<String, String> commands = connection.async();
                List<CompletableFuture<Long>> sizes = new ArrayList<>();
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                    var page = connection
                            .sync()
                            .scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000));
                    page.getKeys()
                            .forEach(key -> sizes.add(commands.memoryUsage(key).toCompletableFuture()));
                    cursor = page;
                } while (!cursor.isFinished());
                long bytes = sizes.stream()
                        .mapToLong(size -> {
                            Long used = size.join();
                            return used == null ? 0 : used;
                        })
                        .sum();
                spread.put(master, new Share(sizes.size(), bytes));
            } finally {
                redis.shutdown();
            }
        }
        return spread;
    }

    /**
     * A 503 (on this busy 2-core machine, a replica slower than a second to confirm a write) is sent again, as a client
     * does after its {@code Retry-After}; a report with the same {@code Idempotency-Key}, a login with a new code.
     */
    private static <T> Mono<T> patiently(Mono<T> request) {
        return request.retryWhen(Retry.backoff(5, Duration.ofMillis(500))
                .filter(WebClientResponseException.ServiceUnavailable.class::isInstance));
    }
}
