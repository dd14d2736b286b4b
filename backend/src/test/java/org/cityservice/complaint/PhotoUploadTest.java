package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityservice.complaint.TestPhotos.JSON;
import static org.cityservice.complaint.TestPhotos.jpeg;
import static org.cityservice.complaint.TestPhotos.png;
import static org.cityservice.complaint.TestPhotos.upload;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class PhotoUploadTest extends IntegrationTest {

    private static final String GPS = "GPSLatitude 35.2410 N GPSLongitude 113.1690 E";

    private WebTestClient alice;

    @BeforeEach
    void aResident() {
        clock.set(LocalDateTime.of(2026, 11, 23, 10, 0));
        alice = resident("alice");
    }

    @Test
    void aJpegLosesItsExifAndKeepsItsPixels() throws IOException {
        byte[] withGps = withExif(jpeg());
        assertThat(new String(withGps, StandardCharsets.ISO_8859_1)).contains("Exif", GPS);

        Map<String, Object> uploaded = upload(alice, withGps, "IMG_0001.jpg")
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody();
        assertThat(uploaded).containsEntry("mediaType", "image/jpeg");

        byte[] served = alice.get()
                .uri((String) uploaded.get("url"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.IMAGE_JPEG)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(new String(served, StandardCharsets.ISO_8859_1))
                .doesNotContain("Exif")
                .doesNotContain(GPS);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(served));
        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(image.getHeight()).isEqualTo(30);
    }

    @Test
    void aPngLosesItsTextChunks() throws IOException {
        byte[] withText = withTextChunk(png());
        byte[] served = alice.get()
                .uri((String) upload(alice, withText, "map.png")
                        .expectStatus()
                        .isCreated()
                        .expectBody(JSON)
                        .returnResult()
                        .getResponseBody()
                        .get("url"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(new String(served, StandardCharsets.ISO_8859_1))
                .doesNotContain("tEXt")
                .doesNotContain(GPS);
        assertThat(ImageIO.read(new ByteArrayInputStream(served)).getWidth()).isEqualTo(40);
    }

    @Test
    void aRenamedExecutableIsRefused() {
        byte[] elf = new byte[2048];
        System.arraycopy(new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1}, 0, elf, 0, 7);
        upload(alice, elf, "photo.jpg")
                .expectStatus()
                .isEqualTo(415)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unsupported-media-type")
                .jsonPath("$.detail")
                .isEqualTo("只能上传 JPEG、PNG 或 WebP 格式的照片");
    }

    @Test
    void aSixMibPhotoIsRefused() throws IOException {
        byte[] big = new byte[6 * 1024 * 1024];
        byte[] small = jpeg();
        System.arraycopy(small, 0, big, 0, small.length);
        upload(alice, big, "big.jpg")
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("payload-too-large");
    }

    @Test
    void aPhotoNotYetInAReportIsSeenByItsUploaderOnly() {
        String url = (String) upload(alice, jpeg(), "a.jpg")
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("url");
        as(residentToken("bob")).get().uri(url).exchange().expectStatus().isNotFound();
        web.get().uri(url).exchange().expectStatus().isUnauthorized();
        asAdmin().get().uri(url).exchange().expectStatus().isNotFound();
    }

    @Test
    void onceInAReportTheReporterAndStaffSeeItAndNobodyElse() {
        String id = TestPhotos.uploadJpeg(alice);
        reportBy(alice).withPhotos(id).file();
        asAdmin().get().uri(PhotoController.url(id)).exchange().expectStatus().isOk();
        alice.get().uri(PhotoController.url(id)).exchange().expectStatus().isOk();
        as(residentToken("bob"))
                .get()
                .uri(PhotoController.url(id))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void aPhotoGoesIntoOneReportOnly() {
        String id = TestPhotos.uploadJpeg(alice);
        reportBy(alice).withPhotos(id).file();
        reportBy(alice)
                .withPhotos(id)
                .submit()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("photos")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message).contains("已用于其他诉求"));
    }

    @Test
    void aReportNamesItsOwnPhotosOnly() throws IOException {
        String mine = (String) upload(alice, jpeg(), "a.jpg")
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("id");
        String bobs = (String) upload(as(residentToken("bob")), jpeg(), "b.jpg")
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("id");

        reportBy(alice)
                .withPhotos(mine)
                .submit()
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.photos[0]")
                .isEqualTo("/api/v1/uploads/" + mine);
        reportBy(alice)
                .withPhotos(bobs)
                .submit()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("photos");
        List<String> seven =
                IntStream.range(0, 7).mapToObj(i -> "ph-" + "0".repeat(19) + i).toList();
        reportBy(alice).withPhotos(seven).submit().expectStatus().isBadRequest();
    }

    /** An APP1 segment right after SOI, as a phone writes EXIF with GPS. */
    private static byte[] withExif(byte[] jpeg) {
        byte[] payload = ("Exif\0\0" + GPS).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + payload.length);
        out.put(jpeg, 0, 2)
                .put((byte) 0xFF)
                .put((byte) 0xE1)
                .putShort((short) (payload.length + 2))
                .put(payload)
                .put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** A tEXt chunk right after IHDR (8-byte signature + 25-byte IHDR chunk). */
    private static byte[] withTextChunk(byte[] png) {
        byte[] type = "tEXt".getBytes(StandardCharsets.ISO_8859_1);
        byte[] data = ("Comment\0" + GPS).getBytes(StandardCharsets.ISO_8859_1);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        ByteBuffer out = ByteBuffer.allocate(png.length + 12 + data.length);
        out.put(png, 0, 33)
                .putInt(data.length)
                .put(type)
                .put(data)
                .putInt((int) crc.getValue())
                .put(png, 33, png.length - 33);
        return out.array();
    }
}
