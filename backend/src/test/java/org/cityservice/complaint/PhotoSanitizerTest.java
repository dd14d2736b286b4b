package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.icc.IccDirectory;
import com.drew.metadata.webp.WebpDirectory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

class PhotoSanitizerTest {

    @Test
    void aMultiPictureJpegKeepsItsFirstPictureItsColoursAndNoLocation() throws Exception {
        byte[] phone = PhonePhotos.multiPictureJpeg();
        assertThat(locations(phone)).as("the phone's photo, before").hasSize(2); // APP1 of both pictures
        assertThat(count(phone, "Exif\0\0")).isEqualTo(3);

        byte[] clean = PhotoSanitizer.strip(PhotoSanitizer.detect(phone), phone);

        assertThat(locations(clean)).isEmpty();
        assertThat(count(clean, "Exif")).isZero();
        assertThat(count(clean, "MPF")).isZero();
        assertThat(new String(clean, StandardCharsets.ISO_8859_1))
                .doesNotContain("35.24N", "GPSLatitude", "Photoshop", "8BIM");
        assertThat(markers(clean).stream().distinct())
                .containsExactly("D8", "E0 JFIF", "E2 ICC_PROFILE", "DB", "C0", "C4", "DA", "D9");
        assertThat(clean[clean.length - 2] & 0xFF).isEqualTo(0xFF);
        assertThat(clean[clean.length - 1] & 0xFF).isEqualTo(0xD9); // cut at the first picture's EOI

        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(clean));
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(TestPhotos.jpeg()));
        assertThat(decoded.getWidth()).isEqualTo(40);
        assertThat(decoded.getHeight()).isEqualTo(30);
        assertThat(decoded.getRGB(20, 15)).isEqualTo(original.getRGB(20, 15));
        assertThat(ImageMetadataReader.readMetadata(new ByteArrayInputStream(clean))
                        .getFirstDirectoryOfType(IccDirectory.class))
                .as("the colour profile stays")
                .isNotNull();
    }

    @Test
    void aJpegThatIsOnlyExifAndPixelsKeepsThePixels() throws Exception {
        byte[] phone = PhonePhotos.jpegWithExifGps(TestPhotos.jpeg());
        assertThat(locations(phone)).hasSize(1);

        byte[] clean = PhotoSanitizer.strip(PhotoSanitizer.PhotoType.JPEG, phone);

        assertThat(locations(clean)).isEmpty();
        assertThat(clean).isEqualTo(TestPhotos.jpeg());
    }

    @Test
    void aProgressiveJpegKeepsEveryScan() throws Exception {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) {
            for (int y = 0; y < 48; y++) {
                image.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | (x + y));
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(encoded)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        byte[] progressive = PhonePhotos.jpegWithExifGps(encoded.toByteArray());

        byte[] clean = PhotoSanitizer.strip(PhotoSanitizer.PhotoType.JPEG, progressive);

        assertThat(markers(clean).stream().filter("DA"::equals).count()).isGreaterThan(1);
        assertThat(clean).isEqualTo(encoded.toByteArray());
        assertThat(locations(clean)).isEmpty();
    }

    @Test
    void aPngKeepsItsImageChunksOnly() throws Exception {
        byte[] phone = PhonePhotos.pngWithExifGps();
        assertThat(locations(phone)).as("the eXIf chunk, before").hasSize(1);

        byte[] clean = PhotoSanitizer.strip(PhotoSanitizer.detect(phone), phone);

        assertThat(locations(clean)).isEmpty();
        assertThat(pngChunks(clean)).containsExactly("IHDR", "IDAT", "pHYs", "IEND");
        assertThat(new String(clean, StandardCharsets.ISO_8859_1)).doesNotContain("35.24N", "GPSLatitude");
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(clean));
        assertThat(decoded.getWidth()).isEqualTo(40);
        assertThat(decoded.getRGB(20, 15))
                .isEqualTo(
                        ImageIO.read(new ByteArrayInputStream(TestPhotos.png())).getRGB(20, 15));
    }

    @Test
    void aWebpKeepsItsBitstreamAndColourProfileOnly() throws Exception {
        byte[] phone = PhonePhotos.webpWithExifGps();
        assertThat(locations(phone)).as("the EXIF chunk, before").hasSize(1);

        byte[] clean = PhotoSanitizer.strip(PhotoSanitizer.detect(phone), phone);

        assertThat(locations(clean)).isEmpty();
        assertThat(webpChunks(clean)).containsExactly("VP8X", "ICCP", "VP8L");
        assertThat(clean[20] & 0xFF).as("VP8X flags: the ICC profile only").isEqualTo(0x20);
        assertThat(ByteBuffer.wrap(clean, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
                .isEqualTo(clean.length - 8);
        assertThat(new String(clean, StandardCharsets.ISO_8859_1)).doesNotContain("35.24N", "GPSLatitude", "LOCA");
        byte[] bitstream = PhonePhotos.webpBitstream();
        assertThat(Arrays.copyOfRange(clean, clean.length - bitstream.length, clean.length))
                .isEqualTo(bitstream);
        WebpDirectory webp = ImageMetadataReader.readMetadata(new ByteArrayInputStream(clean))
                .getFirstDirectoryOfType(WebpDirectory.class);
        assertThat(webp.getInt(WebpDirectory.TAG_IMAGE_WIDTH)).isEqualTo(1);
        assertThat(webp.getInt(WebpDirectory.TAG_IMAGE_HEIGHT)).isEqualTo(1);
    }

    @Test
    void aWebpLosesItsExifChunkAndItsFlag() {
        byte[] vp8x =
                chunk("VP8X", new byte[] {0x08 | 0x04 | 0x10, 0, 0, 0, 39, 0, 0, 29, 0, 0}); // EXIF, XMP, alpha; 40×30
        byte[] exif = chunk("EXIF", "GPSLatitude 35.24N".getBytes(StandardCharsets.ISO_8859_1));
        byte[] xmp = chunk("XMP ", "<x:xmpmeta/>".getBytes(StandardCharsets.ISO_8859_1));
        byte[] image = chunk("VP8L", new byte[] {0x2F, 1, 2, 3, 4});
        byte[] webp = riff(vp8x, exif, xmp, image);

        assertThat(PhotoSanitizer.detect(webp)).isEqualTo(PhotoSanitizer.PhotoType.WEBP);
        byte[] clean = PhotoSanitizer.strip(PhotoSanitizer.PhotoType.WEBP, webp);

        String text = new String(clean, StandardCharsets.ISO_8859_1);
        assertThat(text)
                .doesNotContain("EXIF")
                .doesNotContain("XMP ")
                .doesNotContain("GPS")
                .contains("VP8X", "VP8L");
        assertThat(clean[20] & 0xFF).isEqualTo(0x10); // only the alpha flag is left
        assertThat(ByteBuffer.wrap(clean, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
                .isEqualTo(clean.length - 8);
    }

    @Test
    void bytesThatAreNoPhotoAreRefused() {
        assertThatThrownBy(() ->
                        PhotoSanitizer.detect("MZ\u0090\u0000 this is an .exe".getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(PhotoSanitizer.NotAPhoto.class);
        byte[] brokenJpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0x7F, 0x7F};
        assertThatThrownBy(() -> PhotoSanitizer.strip(PhotoSanitizer.PhotoType.JPEG, brokenJpeg))
                .isInstanceOf(PhotoSanitizer.NotAPhoto.class);
    }

    /**
     * Every GPS position metadata-extractor finds in the file, and in every JPEG found inside it
     * (a second picture after the first one's EOI is a JPEG of its own).
     */
    private static List<GeoLocation> locations(byte[] file) throws Exception {
        List<GeoLocation> found = new ArrayList<>();
        for (int at = 0; at + 3 < file.length; at++) {
            boolean start = at == 0
                    || (file[at] & 0xFF) == 0xFF && (file[at + 1] & 0xFF) == 0xD8 && (file[at + 2] & 0xFF) == 0xFF;
            if (!start) {
                continue;
            }
            try {
                Metadata metadata =
                        ImageMetadataReader.readMetadata(new ByteArrayInputStream(file, at, file.length - at));
                for (GpsDirectory gps : metadata.getDirectoriesOfType(GpsDirectory.class)) {
                    if (gps.getGeoLocation() != null) {
                        found.add(gps.getGeoLocation());
                    }
                }
            } catch (ImageProcessingException notAnImage) {
                // a chance FF D8 FF inside compressed data
            }
        }
        found.forEach(location -> assertThat(location.getLatitude()).isCloseTo(PhonePhotos.LAT, within(0.001)));
        return found;
    }

    /** The markers of a JPEG up to its EOI, with the signature of each APPn. */
    private static List<String> markers(byte[] jpeg) {
        List<String> markers = new ArrayList<>(List.of("D8"));
        int i = 2;
        while (i < jpeg.length) {
            int marker = jpeg[i + 1] & 0xFF;
            if (marker == 0xD9) {
                markers.add("D9");
                return markers;
            }
            int length = ((jpeg[i + 2] & 0xFF) << 8) | (jpeg[i + 3] & 0xFF);
            String name = String.format("%02X", marker);
            if (marker >= 0xE0 && marker <= 0xEF) {
                String data = new String(jpeg, i + 4, Math.min(length - 2, 12), StandardCharsets.ISO_8859_1);
                name += " " + data.substring(0, data.indexOf('\0') < 0 ? data.length() : data.indexOf('\0'));
            }
            markers.add(name);
            i += 2 + length;
            if (marker == 0xDA) { // entropy-coded data up to the next marker that is no RSTn or stuffed byte
                while (!((jpeg[i] & 0xFF) == 0xFF
                        && (jpeg[i + 1] & 0xFF) != 0
                        && ((jpeg[i + 1] & 0xFF) < 0xD0 || (jpeg[i + 1] & 0xFF) > 0xD7))) {
                    i++;
                }
            }
        }
        return markers;
    }

    private static List<String> pngChunks(byte[] png) {
        List<String> chunks = new ArrayList<>();
        for (int i = 8; i < png.length; ) {
            int length = ByteBuffer.wrap(png, i, 4).getInt();
            chunks.add(new String(png, i + 4, 4, StandardCharsets.ISO_8859_1));
            i += 12 + length;
        }
        return chunks;
    }

    private static List<String> webpChunks(byte[] webp) {
        List<String> chunks = new ArrayList<>();
        for (int i = 12; i + 8 <= webp.length; ) {
            int size = ByteBuffer.wrap(webp, i + 4, 4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .getInt();
            chunks.add(new String(webp, i, 4, StandardCharsets.ISO_8859_1));
            i += 8 + size + (size & 1);
        }
        return chunks;
    }

    private static int count(byte[] bytes, String text) {
        String all = new String(bytes, StandardCharsets.ISO_8859_1);
        int count = 0;
        for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + 1)) {
            count++;
        }
        return count;
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer out =
                ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(type.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return out.array();
    }

    private static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        ByteBuffer out = ByteBuffer.allocate(12 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(4 + body.size())
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(body.toByteArray());
        return out.array();
    }
}
