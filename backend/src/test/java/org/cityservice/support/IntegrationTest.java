package org.cityservice.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cityservice.identity.BootstrapAdmin;
import org.cityservice.listing.ListingIndex;
import org.cityservice.stub.sms.SmsPlatform;
import org.cityservice.stub.wechat.WechatPlatform;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole application on a random port, with its own embedded redis-server on a free port and
 * a data directory under target/ — never a shared Redis — and the local WeChat platform on a free
 * port. One context for all subclasses: same properties, same imports. Each test starts from an
 * empty store, a fresh platform and the real time.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "app.demo-data.mode=off",
            "app.local-mode=true",
            // every test logs in from 127.0.0.1; LoginGateTest checks the per-address limits, and these tests
            // reach the backend as through a proxy on this host
            "app.identity.login.per-address-per-minute=100000",
            "app.identity.login.resident-per-address-per-minute=100000",
            "app.http.trusted-proxies=127.0.0.1",
            "app.identity.bootstrap-admin.password=" + IntegrationTest.ADMIN_PASSWORD,
            "app.wechat.timeout=2s",
            "app.wechat.local-platform-port=0",
            "app.sms.local-platform-port=0",
            "app.hotline.local-platform-port=0",
            "app.sms.callback-secret=" + IntegrationTest.SMS_CALLBACK_SECRET,
            // fsync on every write stalls the server for seconds when the disk is busy (a parallel build);
            // EmbeddedRedisServerTest covers "always", these tests cover behaviour
            "app.redis.embedded.appendfsync=everysec",
            "app.uploads.dir=target/test-photos",
            // tests run the sweeps themselves, at the moments they pin; the scheduler would race them
            "spring.quartz.auto-startup=false"
        })
@AutoConfigureWebTestClient
@Import(PinnableClock.class)
public abstract class IntegrationTest {

    public static final String ADMIN_PASSWORD = "test-admin-password-0123";
    protected static final String SMS_CALLBACK_SECRET = "test-sms-callback-secret";
    protected static final String STAFF_PASSWORD = StaffFixture.PASSWORD;
    private static final Path REDIS_DIR = tempDir();

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected ReactiveStringRedisTemplate redis;

    @Autowired
    protected MutableClock clock;
    /** The local WeChat platform the backend talks to (the zero-setup default). */
    @Autowired
    protected WechatPlatform wechat;
    /** The local Tencent Cloud SMS stand-in the backend sends through (the zero-setup default). */
    @Autowired
    protected SmsPlatform sms;

    @DynamicPropertySource
    static void redisDataDir(DynamicPropertyRegistry registry) {
        registry.add("app.redis.embedded.data-dir", REDIS_DIR::toString);
    }

    /** Residents logged in through the local WeChat platform, with or without a proven phone. */
    protected final ResidentFixture residents = new ResidentFixture(() -> web, () -> wechat);
    /** Dispatchers, station staff and further admins, logged in. */
    protected final StaffFixture staff = new StaffFixture(() -> web, this::asAdmin);
    /** Cases brought to a given status of the loop by the admin. */
    protected final CaseFixture cases = new CaseFixture(this::asAdmin);

    @Autowired
    private BootstrapAdmin bootstrapAdmin;

    @Autowired
    private ListingIndex listingIndex;

    private String adminToken;

    @BeforeEach
    void emptyStoreAndRealTime() {
        redis.execute(connection -> connection.serverCommands().flushDb()).blockLast();
        // the nearby index would notice the emptied store at its next poll; a test may search before that
        listingIndex.reload().block();
        bootstrapAdmin.ensure().block();
        adminToken = null;
        clock.reset();
        wechat.reset();
        sms.reset();
    }

    /** A new staff account, logged in: its session token. {@code district} for dispatchers, {@code stationId} for station staff. */
    protected String staffToken(String username, String role, String district, String stationId) {
        return staff.token(username, role, district, stationId);
    }

    /** A simulated resident logged in through the local WeChat platform: their session token. */
    protected String residentToken(String user) {
        return residents.token(user);
    }

    /** A simulated resident logged in through the local WeChat platform: a client sending their session. */
    protected WebTestClient resident(String user) {
        return residents.loggedIn(user);
    }

    /** A report by {@code resident}, valid as it stands: say only what the test is about ({@link Report}). */
    protected Report reportBy(WebTestClient resident) {
        return Report.by(resident);
    }

    /** The client with this bearer token. */
    protected WebTestClient as(String token) {
        return web.mutate().defaultHeader("Authorization", "Bearer " + token).build();
    }

    /**
     * A key of the home a case lives in (docs/complaints.md#redis-layout): the district its number names, e.g.
     * {@code caseKey("JZ0803-20261122-000001", "cases")} is {@code cs:{complaint:0803}:cases}.
     */
    protected static String caseKey(String trackingNo, String... parts) {
        return "cs:{complaint:" + trackingNo.substring(2, 6) + "}:" + String.join(":", parts);
    }

    /** The keys of one kind in every home of cases, e.g. {@code everyHome("cases")}: a pattern for KEYS. */
    protected static String everyHome(String... parts) {
        return "cs:{complaint*}:" + String.join(":", parts);
    }

    /** A community station created by the admin, open Monday mornings; its subdistrict is the name's first four characters: its id. */
    protected String station(String name, String district, double lat, double lng) {
        return asAdmin()
                .post()
                .uri("/api/v1/admin/stations")
                .bodyValue(java.util.Map.of(
                        "name",
                        name,
                        "address",
                        "焦作市" + district,
                        "district",
                        district,
                        "subdistrict",
                        name.substring(0, 4),
                        "location",
                        java.util.Map.of("lat", lat, "lng", lng),
                        "phone",
                        "12319",
                        "hours",
                        java.util.Map.of("MONDAY", java.util.List.of("08:30-12:00"))))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<java.util.Map<String, Object>>() {})
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    /** One step of a case's closed loop taken by the admin, which must succeed; {@code note} may be null. */
    protected void moveAsAdmin(String trackingNo, String action, String note) {
        java.util.Map<String, Object> body = new java.util.HashMap<>(java.util.Map.of("action", action));
        if (note != null) {
            body.put("note", note);
        }
        asAdmin()
                .post()
                .uri("/api/v1/admin/complaints/" + trackingNo + "/transitions")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk();
    }

    /** Logged in as the bootstrap admin (once per test: each test starts from an empty store). */
    protected WebTestClient asAdmin() {
        return web.mutate()
                .defaultHeader("Authorization", "Bearer " + adminToken())
                .build();
    }

    protected String adminToken() {
        if (adminToken == null) {
            adminToken = web.post()
                    .uri("/api/v1/admin/auth/login")
                    .bodyValue(java.util.Map.of("username", "admin", "password", ADMIN_PASSWORD))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(
                            new org.springframework.core.ParameterizedTypeReference<java.util.Map<String, Object>>() {})
                    .returnResult()
                    .getResponseBody()
                    .get("token")
                    .toString();
        }
        return adminToken;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "test-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
