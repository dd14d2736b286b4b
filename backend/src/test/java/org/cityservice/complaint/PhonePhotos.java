package org.cityservice.complaint;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Photos as phones write them, built byte by byte: EXIF with a GPS position in the places phones
 * and editors put it (APP1, another APPn, a second picture after the first one's EOI, PNG
 * {@code eXIf}, a WebP {@code EXIF} chunk), around real image data.
 */
final class PhonePhotos {

    /** Where the photos "were taken": 35°14'24"N 113°10'44"E, in 焦作. */
    static final double LAT = 35.24;

    static final double LNG = 113.178888;

    /** A 1×1 lossless WebP bitstream (a VP8L chunk) as libwebp writes it. */
    private static final byte[] WEBP_1X1 =
            Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private PhonePhotos() {}

    /**
     * A multi-picture JPEG (CIPA MPF) as a phone writes it: the primary image with JFIF, an ICC
     * profile, EXIF with GPS in APP1, an MPF index in APP2, EXIF again in APP4, IPTC, XMP and a
     * comment; after its EOI a second JPEG (the "depth" or preview picture) with its own EXIF GPS.
     */
    static byte[] multiPictureJpeg() {
        byte[] primary = TestPhotos.jpeg();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int afterApp0 = 2 + 2 + segmentLength(primary, 2); // ImageIO writes SOI, then JFIF APP0
        out.write(primary, 0, afterApp0);
        out.writeBytes(segment(
                0xE2,
                concat(
                        ascii("ICC_PROFILE\0"),
                        new byte[] {1, 1},
                        ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData())));
        out.writeBytes(segment(0xE1, concat(ascii("Exif\0\0"), tiffWithGps())));
        out.writeBytes(
                segment(0xE2, concat(ascii("MPF\0"), ascii("MM\0*\0\0\0\u0008 two images, the second at the end"))));
        out.writeBytes(segment(0xE4, concat(ascii("Exif\0\0"), tiffWithGps())));
        out.writeBytes(segment(0xED, ascii("Photoshop 3.0\0" + "8BIM location 35.24N 113.18E")));
        out.writeBytes(
                segment(
                        0xE1,
                        ascii(
                                "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><exif:GPSLatitude>35,14.4N</exif:GPSLatitude></x:xmpmeta>")));
        out.writeBytes(segment(0xFE, ascii("taken at 35.24N 113.18E")));
        out.write(primary, afterApp0, primary.length - afterApp0);
        out.writeBytes(jpegWithExifGps(TestPhotos.jpeg()));
        return out.toByteArray();
    }

    /** {@code jpeg} with an APP1 EXIF segment holding a GPS position, right after its JFIF segment. */
    static byte[] jpegWithExifGps(byte[] jpeg) {
        int afterApp0 = 2 + 2 + segmentLength(jpeg, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, afterApp0);
        out.writeBytes(segment(0xE1, concat(ascii("Exif\0\0"), tiffWithGps())));
        out.write(jpeg, afterApp0, jpeg.length - afterApp0);
        return out.toByteArray();
    }

    /** A PNG with a GPS position in an {@code eXIf} and an old-style {@code exIf} chunk, text, a time stamp and a physical size, before IEND. */
    static byte[] pngWithExifGps() {
        byte[] png = TestPhotos.png();
        int iend = png.length - 12;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, iend);
        out.writeBytes(pngChunk("pHYs", new byte[] {0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1}));
        out.writeBytes(pngChunk("eXIf", tiffWithGps()));
        out.writeBytes(pngChunk("exIf", tiffWithGps())); // the name before PNG 1.5, still written by older tools
        out.writeBytes(pngChunk("tEXt", ascii("Comment\0taken at 35.24N 113.18E")));
        out.writeBytes(
                pngChunk("iTXt", ascii("XML:com.adobe.xmp\0\0\0\0\0<exif:GPSLatitude>35,14.4N</exif:GPSLatitude>")));
        out.writeBytes(pngChunk("tIME", new byte[] {0x07, (byte) 0xEA, 11, 29, 12, 0, 0}));
        out.write(png, iend, 12);
        return out.toByteArray();
    }

    /** An extended WebP: VP8X (EXIF, XMP and ICC flags), ICCP, the 1×1 bitstream, EXIF with GPS, XMP and an unknown chunk. */
    static byte[] webpWithExifGps() {
        byte[] vp8x = webpChunk("VP8X", new byte[] {0x20 | 0x08 | 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // 1×1 canvas
        byte[] iccp =
                webpChunk("ICCP", ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData());
        byte[] exif = webpChunk("EXIF", tiffWithGps());
        byte[] xmp = webpChunk("XMP ", ascii("<x:xmpmeta><exif:GPSLatitude>35,14.4N</exif:GPSLatitude></x:xmpmeta>"));
        byte[] unknown = webpChunk("LOCA", ascii("35.24N 113.18E"));
        return riff(vp8x, iccp, webpBitstream(), exif, xmp, unknown);
    }

    /** The VP8L chunk of the 1×1 WebP, as it was. */
    static byte[] webpBitstream() {
        return java.util.Arrays.copyOfRange(WEBP_1X1, 12, WEBP_1X1.length);
    }

    /** A big-endian TIFF structure as EXIF carries it: IFD0 pointing to a GPS IFD with latitude and longitude. */
    static byte[] tiffWithGps() {
        ByteBuffer tiff = ByteBuffer.allocate(128).order(ByteOrder.BIG_ENDIAN);
        tiff.put(ascii("MM")).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1)
                .putShort((short) 0x8825)
                .putShort((short) 4)
                .putInt(1)
                .putInt(26)
                .putInt(0); // GPSInfo → 26
        tiff.putShort((short) 4);
        tiff.putShort((short) 1).putShort((short) 2).putInt(2).put(ascii("N\0\0\0"));
        tiff.putShort((short) 2).putShort((short) 5).putInt(3).putInt(80);
        tiff.putShort((short) 3).putShort((short) 2).putInt(2).put(ascii("E\0\0\0"));
        tiff.putShort((short) 4).putShort((short) 5).putInt(3).putInt(104);
        tiff.putInt(0);
        tiff.putInt(35).putInt(1).putInt(14).putInt(1).putInt(2400).putInt(100); // 35°14'24"
        tiff.putInt(113).putInt(1).putInt(10).putInt(1).putInt(4400).putInt(100); // 113°10'44"
        return tiff.array();
    }

    static byte[] segment(int marker, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(4 + data.length);
        out.put((byte) 0xFF)
                .put((byte) marker)
                .putShort((short) (2 + data.length))
                .put(data);
        return out.array();
    }

    static byte[] pngChunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        ByteBuffer out = ByteBuffer.allocate(12 + data.length);
        out.putInt(data.length).put(ascii(type)).put(data).putInt((int) crc.getValue());
        return out.array();
    }

    static byte[] webpChunk(String type, byte[] data) {
        ByteBuffer out =
                ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii(type)).putInt(data.length).put(data);
        return out.array();
    }

    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        ByteBuffer out = ByteBuffer.allocate(12 + body.size()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(ascii("RIFF")).putInt(4 + body.size()).put(ascii("WEBP")).put(body.toByteArray());
        return out.array();
    }

    private static int segmentLength(byte[] jpeg, int at) {
        return ((jpeg[at + 2] & 0xFF) << 8) | (jpeg[at + 3] & 0xFF);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
