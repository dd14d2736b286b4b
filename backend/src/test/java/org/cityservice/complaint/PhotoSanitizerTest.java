package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class PhotoSanitizerTest {

    @Test
    void aWebpLosesItsExifChunkAndItsFlag() {
        byte[] vp8x = chunk("VP8X", new byte[] {0x08 | 0x04 | 0x10, 0, 0, 0, 39, 0, 0, 29, 0, 0}); // EXIF, XMP, alpha; 40×30
        byte[] exif = chunk("EXIF", "GPSLatitude 35.24N".getBytes(StandardCharsets.ISO_8859_1));
        byte[] xmp = chunk("XMP ", "<x:xmpmeta/>".getBytes(StandardCharsets.ISO_8859_1));
        byte[] image = chunk("VP8L", new byte[] {0x2F, 1, 2, 3, 4});
        byte[] webp = riff(vp8x, exif, xmp, image);

        assertThat(PhotoSanitizer.detect(webp)).isEqualTo(PhotoSanitizer.PhotoType.WEBP);
        byte[] clean = PhotoSanitizer.strip(PhotoSanitizer.PhotoType.WEBP, webp);

        String text = new String(clean, StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("EXIF").doesNotContain("XMP ").doesNotContain("GPS").contains("VP8X", "VP8L");
        assertThat(clean[20] & 0xFF).isEqualTo(0x10); // only the alpha flag is left
        assertThat(ByteBuffer.wrap(clean, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()).isEqualTo(clean.length - 8);
    }

    @Test
    void bytesThatAreNoPhotoAreRefused() {
        assertThatThrownBy(() -> PhotoSanitizer.detect("MZ\u0090\u0000 this is an .exe".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(PhotoSanitizer.NotAPhoto.class);
        byte[] brokenJpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x7F, 0x7F};
        assertThatThrownBy(() -> PhotoSanitizer.strip(PhotoSanitizer.PhotoType.JPEG, brokenJpeg))
                .isInstanceOf(PhotoSanitizer.NotAPhoto.class);
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(type.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return out.array();
    }

    private static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        ByteBuffer out = ByteBuffer.allocate(12 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.size()).put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(body.toByteArray());
        return out.array();
    }
}
