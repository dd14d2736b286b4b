package org.cityservice.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cityservice.CityServiceApplication;
import org.cityservice.redis.EmbeddedRedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A second backend in this JVM on the test's store (its embedded redis-server, or the Redis Cluster), for what two
 * instances must agree on: its own in-process state (nearby index, session cache), the same store. Register it as a static extension: it starts on
 * first use and stops after the class.
 */
public final class OtherBackend implements AfterAllCallback {

    private @Nullable ConfigurableApplicationContext context;

    /**
     * The other backend on the store of the test's own application ({@code beside}): its embedded redis-server, or
     * the {@link SharedRedisCluster} an {@link OnRedisCluster} test runs on; started if it is not running yet.
     */
    public WebTestClient client(ApplicationContext beside) {
        ConfigurableApplicationContext started = beside.getBeanProvider(EmbeddedRedisServer.class).stream()
                .findFirst()
                .map(redis -> start(
                        "--spring.data.redis.host=127.0.0.1",
                        "--spring.data.redis.port=" + redis.port(),
                        "--spring.data.redis.password=" + redis.password()))
                .orElseGet(() -> context(SharedRedisCluster.get()));
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + started.getEnvironment().getProperty("local.server.port"))
                .build();
    }

    /**
     * The other backend on {@code cluster}, started if it is not running yet: its beans, to run its sweeps, read its
     * stand-ins, or pin its clock ({@link MutableClock}, real time until pinned).
     */
    public ConfigurableApplicationContext context(RedisCluster cluster) {
        return start(
                "--spring.data.redis.cluster.nodes=" + cluster.nodes(),
                "--spring.data.redis.password=" + cluster.password());
    }

    private ConfigurableApplicationContext start(String... redis) {
        if (context == null) {
            List<String> args = new ArrayList<>(List.of(redis));
            args.addAll(List.of(
                    "--server.port=0",
                    "--app.demo-data.mode=off",
                    "--app.local-mode=true",
                    "--app.wechat.local-platform-port=0",
                    "--app.sms.local-platform-port=0",
                    "--app.hotline.local-platform-port=0",
                    "--app.identity.bootstrap-admin.password=" + IntegrationTest.ADMIN_PASSWORD,
                    "--app.uploads.dir=target/test-photos",
                    "--spring.quartz.auto-startup=false",
                    "--logging.level.root=WARN"));
            context = new SpringApplicationBuilder(CityServiceApplication.class, PinnableClock.class)
                    .run(args.toArray(String[]::new));
        }
        return context;
    }

    /** The other backend, as its bootstrap admin. */
    public WebTestClient asAdmin(ApplicationContext beside) {
        WebTestClient client = client(beside);
        String token = client.post()
                .uri("/api/v1/admin/auth/login")
                .bodyValue(Map.of("username", "admin", "password", IntegrationTest.ADMIN_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody()
                .get("token")
                .toString();
        return client.mutate().defaultHeader("Authorization", "Bearer " + token).build();
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        if (context != null) {
            context.close();
            context = null;
        }
    }
}
