package org.cityservice.support;

import java.util.Map;
import org.cityservice.CityServiceApplication;
import org.cityservice.redis.EmbeddedRedisServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A second backend in this JVM on the test's embedded redis-server, for what two instances must agree on: its own
 * in-process state (nearby index, session cache), the same store. Started on first use; close it after the class.
 */
public final class OtherBackend implements AutoCloseable {

    private final EmbeddedRedisServer redis;
    private ConfigurableApplicationContext context;

    public OtherBackend(EmbeddedRedisServer redis) {
        this.redis = redis;
    }

    public WebTestClient client() {
        if (context == null) {
            context = new SpringApplicationBuilder(CityServiceApplication.class)
                    .run(
                            "--server.port=0",
                            "--spring.data.redis.host=127.0.0.1",
                            "--spring.data.redis.port=" + redis.port(),
                            "--spring.data.redis.password=" + redis.password(),
                            "--app.demo-data.mode=off",
                            "--app.local-mode=true",
                            "--app.wechat.local-platform-port=0",
                            "--app.sms.local-platform-port=0",
                            "--app.hotline.local-platform-port=0",
                            "--app.identity.bootstrap-admin.password=" + IntegrationTest.ADMIN_PASSWORD,
                            "--app.uploads.dir=target/test-photos",
                            "--spring.quartz.auto-startup=false",
                            "--logging.level.root=WARN");
        }
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
                .build();
    }

    /** The other backend, as its bootstrap admin. */
    public WebTestClient asAdmin() {
        WebTestClient client = client();
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
    public void close() {
        if (context != null) {
            context.close();
        }
    }
}
