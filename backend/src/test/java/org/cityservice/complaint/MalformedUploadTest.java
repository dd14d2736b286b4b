package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cityservice.support.Problems.problem;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.cityservice.support.IntegrationTest;
import org.cityservice.support.RawHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Uploads that are not a well-formed multipart body with a file: 400 or 415 problems, never a 500. */
class MalformedUploadTest extends IntegrationTest {

    private static final String UPLOADS = "/api/v1/uploads";

    @LocalServerPort
    int port;

    private String token;
    private WebTestClient alice;

    @BeforeEach
    void aResident() {
        token = residentToken("alice");
        alice = as(token);
    }

    @Test
    void aMultipartTypeWithoutBoundaryIs400() {
        problem(
                alice.post()
                        .uri(UPLOADS)
                        .contentType(MediaType.MULTIPART_FORM_DATA)
                        .bodyValue("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--x--\r\n"
                                .getBytes(StandardCharsets.UTF_8))
                        .exchange(),
                400,
                "bad-request");
    }

    @Test
    void aBodyWhereTheBoundaryNeverAppearsIs400() {
        problem(
                alice.post()
                        .uri(UPLOADS)
                        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=abc123"))
                        .bodyValue("no boundary anywhere in here".getBytes(StandardCharsets.UTF_8))
                        .exchange(),
                400,
                "bad-request");
    }

    @Test
    void anEmptyMultipartBodyIs400() {
        problem(
                alice.post()
                        .uri(UPLOADS)
                        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=abc123"))
                        .bodyValue(new byte[0])
                        .exchange(),
                400,
                "bad-request");
    }

    @Test
    void aFileSentAsATextFieldIs400NamingTheField() {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", "just some text");
        problem(
                        alice.post()
                                .uri(UPLOADS)
                                .body(BodyInserters.fromMultipartData(body.build()))
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("file");
    }

    @Test
    void aMultipartBodyWithoutFileIs400NamingTheField() {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("photo", new byte[] {1, 2, 3}).filename("a.jpg");
        problem(
                        alice.post()
                                .uri(UPLOADS)
                                .body(BodyInserters.fromMultipartData(body.build()))
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("file");
    }

    @Test
    void aBodyOfManyPartsIsRefusedNotParsed() {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        for (int i = 0; i < 9; i++) {
            body.part("extra" + i, "x");
        }
        body.part("file", TestPhotos.jpeg()).filename("a.jpg");
        problem(
                alice.post()
                        .uri(UPLOADS)
                        .body(BodyInserters.fromMultipartData(body.build()))
                        .exchange(),
                400,
                "bad-request");
    }

    @Test
    void aPartWithoutANameIs400() {
        problem(
                alice.post()
                        .uri(UPLOADS)
                        .contentType(MediaType.parseMediaType("multipart/form-data; boundary=abc123"))
                        .bodyValue("--abc123\r\nContent-Disposition: form-data\r\n\r\nx\r\n--abc123--\r\n"
                                .getBytes(StandardCharsets.UTF_8))
                        .exchange(),
                400,
                "bad-request");
    }

    /**
     * A chunked upload has no Content-Length to refuse up front: it must be cut off once past the
     * limit, not read (and spilled to disk) to its end. This one never ends; the answer must come anyway.
     */
    @Test
    void aChunkedUploadIsCutOffAtTheLimitWhileItIsStillComing() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(chunk("--abc123\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n"
                .getBytes(StandardCharsets.UTF_8)));
        for (int i = 0; i < 96; i++) {
            body.writeBytes(chunk(new byte[64 * 1024]));
        }
        RawHttp.Response response = new RawHttp(port)
                .sendWhileReading(
                        "POST",
                        UPLOADS,
                        Map.of(
                                "Authorization",
                                "Bearer " + token,
                                "Content-Type",
                                "multipart/form-data; boundary=abc123",
                                "Transfer-Encoding",
                                "chunked"),
                        body.toByteArray());
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text()).contains("payload-too-large", "5 MB");
    }

    private static byte[] chunk(byte[] data) {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        chunk.writeBytes(data);
        chunk.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return chunk.toByteArray();
    }
}
