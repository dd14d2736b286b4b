package org.cityservice.complaint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Knows a photo by its first bytes, not by its name, and keeps of it only what the image needs to be
 * shown: allow-lists, so whatever a phone or an editor writes about where and when a photo was taken
 * (EXIF with GPS in any segment, XMP, IPTC, comments, text chunks, a second picture appended after
 * the first) is left out, including kinds nobody listed. The pixels are left as they are.
 * <ul>
 *   <li>JPEG: the JFIF header, ICC colour profile and Adobe colour-transform segments, the tables,
 *   frame and scans; cut at the first EOI after a scan, which drops the second picture of a
 *   multi-picture (MPF) photo, with its own EXIF.</li>
 *   <li>PNG: the critical chunks and those that say how to draw the pixels; not eXIf, text or time.</li>
 *   <li>WebP: the bitstream, alpha, animation and ICC chunks, with the EXIF and XMP flags cleared.</li>
 * </ul>
 */
final class PhotoSanitizer {

    enum PhotoType {
        JPEG("image/jpeg"),
        PNG("image/png"),
        WEBP("image/webp");

        private final String mediaType;

        PhotoType(String mediaType) {
            this.mediaType = mediaType;
        }

        String mediaType() {
            return mediaType;
        }
    }

    /** Thrown for bytes that are no JPEG, PNG or WebP, or one broken inside. */
    static final class NotAPhoto extends RuntimeException {
        NotAPhoto() {
            super("not a JPEG, PNG or WebP image", null, false, false);
        }
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    /** Critical chunks, APNG's frames, and ancillary chunks about colour, transparency and pixel size. */
    private static final Set<String> PNG_KEPT = Set.of(
            "IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "cICP", "sBIT", "pHYs", "bKGD",
            "acTL", "fcTL", "fdAT");

    private static final Set<String> WEBP_KEPT = Set.of("VP8 ", "VP8L", "VP8X", "ALPH", "ANIM", "ANMF", "ICCP");
    /** What an animation frame (ANMF) holds after its 16-byte header: its alpha and bitstream, nothing else. */
    private static final Set<String> WEBP_FRAME_KEPT = Set.of("VP8 ", "VP8L", "ALPH");

    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    private PhotoSanitizer() {}

    static PhotoType detect(byte[] bytes) {
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return PhotoType.JPEG;
        }
        if (bytes.length > 8 && startsWith(bytes, 0, PNG_SIGNATURE)) {
            return PhotoType.PNG;
        }
        if (bytes.length > 12
                && ascii(bytes, 0, 4).equals("RIFF")
                && ascii(bytes, 8, 4).equals("WEBP")) {
            return PhotoType.WEBP;
        }
        throw new NotAPhoto();
    }

    static byte[] strip(PhotoType type, byte[] bytes) {
        try {
            return switch (type) {
                case JPEG -> jpeg(bytes);
                case PNG -> png(bytes);
                case WEBP -> webp(bytes);
            };
        } catch (IndexOutOfBoundsException e) {
            throw new NotAPhoto();
        }
    }

    /**
     * SOI, then the segments a decoder needs, each scan with its entropy-coded data, up to the first
     * EOI after a scan. A file that ends without EOI gets one.
     */
    private static byte[] jpeg(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 2);
        int i = 2;
        boolean scanned = false;
        while (i < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                throw new NotAPhoto();
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                i++;
                continue;
            }
            if (marker == EOI) {
                if (!scanned) {
                    throw new NotAPhoto();
                }
                break;
            }
            if (marker == 0x01 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7)) {
                throw new NotAPhoto(); // no segment of its own outside a scan
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (length < 2 || i + 2 + length > b.length) {
                throw new NotAPhoto();
            }
            if (keepJpegSegment(marker, b, i + 4, length - 2)) {
                out.write(b, i, 2 + length);
            }
            i += 2 + length;
            if (marker == SOS) {
                scanned = true;
                int end = endOfScan(b, i);
                out.write(b, i, end - i);
                i = end;
            }
        }
        if (!scanned) {
            throw new NotAPhoto();
        }
        out.write(0xFF);
        out.write(EOI);
        return out.toByteArray();
    }

    /** Tables, frames and scans; of the APPn only JFIF, ICC profiles and Adobe's colour transform; no COM. */
    private static boolean keepJpegSegment(int marker, byte[] b, int data, int length) {
        return switch (marker) {
            case 0xE0 -> startsWith(b, data, length, "JFIF\0");
            case 0xE2 -> startsWith(b, data, length, "ICC_PROFILE\0");
            // 12 bytes telling a decoder whether the components are RGB, YCbCr or YCCK: without it
            // Adobe's CMYK and RGB JPEGs decode in the wrong colours. Its fixed size leaves no room for more.
            case 0xEE -> length == 12 && startsWith(b, data, length, "Adobe");
            // SOF0-15 (C4 is DHT, CC is DAC, both kept), DHT, DAC, DNL, DQT, DRI, DHP, EXP, SOS
            default -> marker >= 0xC0 && marker <= 0xCF || marker >= 0xDA && marker <= 0xDF;
        };
    }

    /** Where the entropy-coded data after an SOS header ends: the next marker that is no RSTn and no stuffed 0xFF00. */
    private static int endOfScan(byte[] b, int i) {
        while (i + 1 < b.length) {
            if ((b[i] & 0xFF) == 0xFF) {
                int next = b[i + 1] & 0xFF;
                if (next != 0x00 && next != 0xFF && (next < 0xD0 || next > 0xD7)) {
                    return i;
                }
            }
            i++;
        }
        return b.length; // cut off inside the scan: keep what there is, the caller ends it with EOI
    }

    private static byte[] png(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 8);
        int i = 8;
        while (i < b.length) {
            int length = ByteBuffer.wrap(b, i, 4).getInt();
            String type = ascii(b, i + 4, 4);
            if (length < 0 || length > b.length - i - 12) {
                throw new NotAPhoto();
            }
            int total = 12 + length;
            if (PNG_KEPT.contains(type)) {
                out.write(b, i, total);
            }
            i += total;
            if (type.equals("IEND")) {
                return out.toByteArray();
            }
        }
        throw new NotAPhoto();
    }

    /** RIFF chunks an image needs, within the declared RIFF size; the VP8X flags and the RIFF size corrected to match. */
    private static byte[] webp(byte[] b) {
        int riffEnd = (int) Math.min(
                b.length,
                8L
                        + Integer.toUnsignedLong(ByteBuffer.wrap(b, 4, 4)
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .getInt()));
        byte[] body = webpChunks(b, 12, riffEnd, WEBP_KEPT);
        ByteBuffer out = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII))
                .putInt(4 + body.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII))
                .put(body);
        return out.array();
    }

    private static byte[] webpChunks(byte[] b, int from, int to, Set<String> kept) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i + 8 <= to) {
            String type = ascii(b, i, 4);
            int size =
                    ByteBuffer.wrap(b, i + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (size < 0 || size > to - i - 8) {
                throw new NotAPhoto();
            }
            if (kept.contains(type)) {
                byte[] data = new byte[size];
                System.arraycopy(b, i + 8, data, 0, size);
                if (type.equals("VP8X") && size > 0) {
                    data[0] &= (byte) ~0x0C; // no EXIF (0x08), no XMP (0x04)
                }
                if (type.equals("ANMF") && size >= 16) {
                    byte[] frame = webpChunks(b, i + 8 + 16, i + 8 + size, WEBP_FRAME_KEPT);
                    data = new byte[16 + frame.length];
                    System.arraycopy(b, i + 8, data, 0, 16);
                    System.arraycopy(frame, 0, data, 16, frame.length);
                }
                ByteBuffer chunk =
                        ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
                chunk.put(b, i, 4).putInt(data.length).put(data);
                chunks.write(chunk.array(), 0, chunk.capacity());
            }
            i += 8 + size + (size & 1);
        }
        return chunks.toByteArray();
    }

    private static boolean startsWith(byte[] bytes, int at, int length, String prefix) {
        return length >= prefix.length() && ascii(bytes, at, prefix.length()).equals(prefix);
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] bytes, int at, int length) {
        return new String(bytes, at, length, StandardCharsets.ISO_8859_1);
    }
}
