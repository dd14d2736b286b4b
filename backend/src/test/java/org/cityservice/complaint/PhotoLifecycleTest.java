package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityservice.complaint.TestPhotos.uploadJpeg;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** "After" photos of handling, who sees a photo once it is part of a case, and the cleanup of photos never used. */
class PhotoLifecycleTest extends IntegrationTest {

    private static final String CASE = "JZ0803-20261123-000001";
    private static final String CASES = "/api/v1/admin/complaints/";

    @Autowired
    private PhotoCleanup cleanup;

    @Autowired
    private PhotoRecords records;

    @Autowired
    private UploadProperties uploads;

    private WebTestClient alice;
    private WebTestClient dispatcher;
    private WebTestClient stationStaff;
    private WebTestClient otherStationStaff;

    @BeforeEach
    void aStationItsStaffAndACase() {
        clock.set(LocalDateTime.of(2026, 11, 23, 10, 0));
        String xuheng = station("许衡街道社区城管服务站", "中站区", 35.2400, 113.1680);
        String jiefang = station("焦南街道社区城管服务站", "解放区", 35.2150, 113.2420);
        dispatcher = staff.dispatcher("中站区");
        stationStaff = staff.stationStaff(xuheng);
        otherStationStaff = staff.stationStaff(jiefang);
        alice = resident("alice");
        assertThat(reportBy(alice).file()).isEqualTo(CASE);
    }

    @Test
    void afterPhotosOfHandlingAreShownToTheReporterAndToStaffWhoSeeTheCase() {
        move(dispatcher, "REGISTER", null, List.of()).expectStatus().isOk();
        move(dispatcher, "DISPATCH", null, List.of()).expectStatus().isOk();
        String after = uploadJpeg(stationStaff);
        String url = PhotoController.url(after);

        move(stationStaff, "HANDLE", "杂物已清运", List.of(after))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.timeline[3].photos[0]")
                .isEqualTo(url);

        alice.get()
                .uri("/api/v1/complaints/" + CASE)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.timeline[3].note")
                .isEqualTo("杂物已清运")
                .jsonPath("$.timeline[3].photos[0]")
                .isEqualTo(url);
        alice.get().uri(url).exchange().expectStatus().isOk();
        dispatcher.get().uri(url).exchange().expectStatus().isOk();
        otherStationStaff.get().uri(url).exchange().expectStatus().isNotFound();
        as(residentToken("bob")).get().uri(url).exchange().expectStatus().isNotFound();
    }

    @Test
    void photosGoWithHandlingOnlyAndOnlyThoseTheActorTook() {
        String dispatchersPhoto = uploadJpeg(dispatcher);
        move(dispatcher, "REGISTER", null, List.of(dispatchersPhoto))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].message")
                .isEqualTo("只有处置时可以附上照片");
        move(dispatcher, "REGISTER", null, List.of()).expectStatus().isOk();
        move(dispatcher, "DISPATCH", null, List.of()).expectStatus().isOk();
        move(stationStaff, "HANDLE", "已处理", List.of(dispatchersPhoto))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("photos");
        dispatcher
                .get()
                .uri(CASES + CASE)
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("DISPATCHED");
    }

    @Test
    void aPhotoNobodyAttachedIsDeletedAfterADayAndOneInACaseIsKept() {
        String kept = uploadJpeg(alice);
        String abandoned = uploadJpeg(alice);
        reportBy(alice).withPhotos(kept).file();

        clock.set(LocalDateTime.of(2026, 11, 24, 9, 59));
        assertThat(cleanup.sweep(clock.instant()).block()).isZero();
        alice.get()
                .uri(PhotoController.url(abandoned))
                .exchange()
                .expectStatus()
                .isOk();

        clock.set(LocalDateTime.of(2026, 11, 24, 10, 1));
        assertThat(cleanup.sweep(clock.instant()).block()).isEqualTo(1);
        alice.get()
                .uri(PhotoController.url(abandoned))
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(Files.exists(file(abandoned))).isFalse();
        assertThat(redis.hasKey(records.key(abandoned)).block()).isFalse();
        alice.get().uri(PhotoController.url(kept)).exchange().expectStatus().isOk();
        assertThat(Files.exists(file(kept))).isTrue();

        reportBy(alice)
                .withPhotos(abandoned)
                .submit()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("photos");
    }

    @Test
    void aPhotoLivesInItsOwnersShardWhichItsIdNamesAndOneUploadedBeforeTheShardsStillGoesIntoAReport() {
        String photo = uploadJpeg(alice);
        String tag = records.tagOf(photo);
        assertThat(photo).matches("ph-[0-9a-f]{2}-[0-9a-f]{20}");
        assertThat(tag).isEqualTo("photos:" + photo.substring(3, 5));
        assertThat(redis.hasKey("cs:{" + tag + "}:photo:" + photo).block()).isTrue();
        assertThat(records.tagOf(uploadJpeg(alice)))
                .as("all of one owner's photos")
                .isEqualTo(tag);

        // as the version before the shards left one: its record and its place among the unattached under {complaint}
        String before = "ph-0123456789abcdef0123";
        redis.<String, String>opsForHash()
                .putAll(
                        "cs:{complaint}:photo:" + before,
                        redis.<String, String>opsForHash()
                                .entries("cs:{" + tag + "}:photo:" + photo)
                                .collectMap(e -> e.getKey(), e -> e.getValue())
                                .block())
                .block();
        redis.opsForZSet()
                .add("cs:{complaint}:photos:unattached", before, clock.instant().toEpochMilli())
                .block();
        assertThat(records.tagOf(before)).isEqualTo("complaint");

        String trackingNo = reportBy(alice).withPhotos(photo, before).file();
        assertThat(records.meta(before).block()).containsEntry("case", trackingNo);
        assertThat(records.meta(photo).block()).containsEntry("case", trackingNo);
        assertThat(redis.opsForZSet().size("cs:{complaint}:photos:claimed").block())
                .isZero();
    }

    @Test
    void aCleanupCutShortByACrashIsFinishedByTheNextAndNoReportCanTakeThePhotoMeanwhile() {
        String photo = uploadJpeg(alice);
        Instant later = clock.instant().plus(Duration.ofHours(25));
        assertThat(records.markForDeletion(
                                records.tagOf(photo), List.of(photo), later.minus(uploads.unattached()), later)
                        .collectList()
                        .block())
                .containsExactly(photo);
        // the sweeper died here: the bytes are still on disk

        reportBy(alice).withPhotos(photo).submit().expectStatus().isBadRequest();
        assertThat(Files.exists(file(photo))).isTrue();

        assertThat(cleanup.sweep(later).block()).isEqualTo(1);
        assertThat(Files.exists(file(photo))).isFalse();
        assertThat(redis.hasKey(records.key(photo)).block()).isFalse();
        assertThat(cleanup.sweep(later).block()).isZero();
    }

    @Test
    void aPhotoClaimedByAStepThatLostItsRaceWaitsAgainAndCanBeNamedOnceMore() {
        move(dispatcher, "REGISTER", null, List.of()).expectStatus().isOk();
        move(dispatcher, "DISPATCH", null, List.of()).expectStatus().isOk();
        String after = uploadJpeg(stationStaff);
        stationStaff
                .post()
                .uri(CASES + CASE + "/transitions")
                .header("If-Match", "\"1\"") // read before the two steps above
                .bodyValue(Map.of("action", "HANDLE", "note", "已处理", "photos", List.of(after)))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        assertThat(records.meta(after).block()).containsEntry("case", CASE); // claimed before the step was refused

        assertThat(cleanup.sweep(clock.instant().plus(Duration.ofMinutes(5))).block())
                .isZero();
        assertThat(records.meta(after).block()).containsEntry("case", CASE);
        assertThat(cleanup.sweep(clock.instant().plus(Duration.ofMinutes(11))).block())
                .isZero();
        assertThat(records.meta(after).block()).doesNotContainKey("case");
        assertThat(records.unattachedBefore(
                                records.tagOf(after), clock.instant().plus(Duration.ofDays(2)), 10)
                        .collectList()
                        .block())
                .contains(after);

        move(stationStaff, "HANDLE", "已处理", List.of(after)).expectStatus().isOk();
        assertThat(records.meta(after).block()).containsEntry("case", CASE);
        assertThat(records.claimedBefore(records.tagOf(after), clock.instant().plus(Duration.ofDays(2)), 10)
                        .collectList()
                        .block())
                .isEmpty();
        assertThat(cleanup.sweep(clock.instant().plus(Duration.ofMinutes(30))).block())
                .isZero();
        assertThat(records.meta(after).block()).containsEntry("case", CASE);
    }

    private Path file(String id) {
        return uploads.dir().resolve(id);
    }

    private WebTestClient.ResponseSpec move(WebTestClient client, String action, String note, List<String> photos) {
        Map<String, Object> body = new HashMap<>(Map.of("action", action, "photos", photos));
        if (note != null) {
            body.put("note", note);
        }
        return client.post().uri(CASES + CASE + "/transitions").bodyValue(body).exchange();
    }
}
