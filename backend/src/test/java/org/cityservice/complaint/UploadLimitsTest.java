package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityservice.complaint.TestPhotos.JSON;
import static org.cityservice.complaint.TestPhotos.jpeg;
import static org.cityservice.complaint.TestPhotos.upload;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Random;
import javax.imageio.ImageIO;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.ProblemType;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.unit.DataSize;
import reactor.test.StepVerifier;

/** One account cannot fill the disk with photos: an hourly rate, a quota of unused bytes, and a guard on free disk. */
class UploadLimitsTest extends IntegrationTest {

    private WebTestClient alice;

    @BeforeEach
    void aResident() {
        clock.set(LocalDateTime.of(2026, 11, 23, 10, 20));
        alice = as(residentToken("alice"));
    }

    @Test
    void moreThanThirtyUploadsAnHourAre429UntilTheNextHour() {
        for (int i = 0; i < 30; i++) {
            upload(alice, jpeg(), "p" + i + ".jpg").expectStatus().isCreated();
        }
        upload(alice, jpeg(), "p30.jpg")
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("Retry-After", "2400")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("too-many-requests")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("每小时最多上传 30 张照片"));
        upload(as(residentToken("bob")), jpeg(), "b.jpg").expectStatus().isCreated(); // per account

        clock.set(LocalDateTime.of(2026, 11, 23, 11, 0));
        upload(alice, jpeg(), "p31.jpg").expectStatus().isCreated();
    }

    @Test
    void photosNotYetInACaseAreCappedAt30MibPerAccountAndReportingFreesTheRoom() throws IOException {
        byte[] nearlyFiveMib = noise(1300);
        assertThat(nearlyFiveMib.length).isBetween(5_000_000, 5 * 1024 * 1024);
        String first = null;
        for (int i = 0; i < 6; i++) {
            String id = (String) upload(alice, nearlyFiveMib, "big" + i + ".png")
                    .expectStatus()
                    .isCreated()
                    .expectBody(JSON)
                    .returnResult()
                    .getResponseBody()
                    .get("id");
            first = first == null ? id : first;
        }
        upload(alice, nearlyFiveMib, "big6.png")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("upload-quota-exceeded")
                .jsonPath("$.detail")
                .value(detail -> assertThat((String) detail).contains("30 MB").contains("请先提交诉求"));
        upload(as(residentToken("bob")), nearlyFiveMib, "bob.png")
                .expectStatus()
                .isCreated();

        reportBy(alice).withPhotos(first).file();
        upload(alice, nearlyFiveMib, "big7.png").expectStatus().isCreated();
    }

    @Test
    void localStorageRefusesA503BeforeTheDiskIsFullAndWhenAWriteFails(@TempDir Path dir) throws IOException {
        StepVerifier.create(storage(dir, DataSize.ofTerabytes(1024)).put("ph-1", "image/jpeg", jpeg()))
                .expectErrorSatisfies(
                        error -> assertThat(((ApiException) error).type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE))
                .verify(Duration.ofSeconds(5));
        assertThat(Files.list(dir)).isEmpty();

        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        StepVerifier.create(storage(notADirectory, DataSize.ofBytes(0)).put("ph-2", "image/jpeg", jpeg()))
                .expectErrorSatisfies(
                        error -> assertThat(((ApiException) error).type()).isEqualTo(ProblemType.SERVICE_UNAVAILABLE))
                .verify(Duration.ofSeconds(5));

        StepVerifier.create(storage(dir, DataSize.ofBytes(0)).put("ph-3", "image/jpeg", jpeg()))
                .verifyComplete();
        assertThat(dir.resolve("ph-3")).exists();
    }

    private static LocalPhotoStorage storage(Path dir, DataSize minFree) {
        return new LocalPhotoStorage(new UploadProperties(
                UploadProperties.Storage.LOCAL,
                dir,
                Duration.ofHours(24),
                30,
                DataSize.ofMegabytes(30),
                minFree,
                null,
                Duration.ofMinutes(10)));
    }

    /** A PNG of random pixels: it does not compress, so its size is about side² × 3 bytes. */
    private static byte[] noise(int side) throws IOException {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(7);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
