package org.cityservice.complaint;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Small real images, and uploading them as the mini-program does. */
final class TestPhotos {

    static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private TestPhotos() {}

    static WebTestClient.ResponseSpec upload(WebTestClient client, byte[] bytes, String filename) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", bytes).filename(filename).contentType(MediaType.APPLICATION_OCTET_STREAM);
        return client.post()
                .uri("/api/v1/uploads")
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange();
    }

    /** Uploads a JPEG: its id. */
    static String uploadJpeg(WebTestClient client) {
        return (String) upload(client, jpeg(), "photo.jpg")
                .expectStatus()
                .isCreated()
                .expectBody(JSON)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    static byte[] jpeg() {
        return encode("jpg");
    }

    static byte[] png() {
        return encode("png");
    }

    private static byte[] encode(String format) {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(Color.ORANGE);
        graphics.fillRect(0, 0, 40, 30);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
