package org.cityservice.complaint;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Knows a photo by its first bytes, not by its name, and strips what a phone writes into it about
 * where and when it was taken: EXIF (with GPS), XMP, IPTC and comments in JPEG; eXIf and text
 * chunks in PNG; EXIF and XMP chunks in WebP. The pixels are left as they are.
 */
final class PhotoSanitizer {

    enum PhotoType {
        JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp");

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
    private static final Set<String> PNG_METADATA = Set.of("eXIf", "tEXt", "iTXt", "zTXt", "tIME");
    private static final Set<String> WEBP_METADATA = Set.of("EXIF", "XMP ");

    private PhotoSanitizer() {
    }

    static PhotoType detect(byte[] bytes) {
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return PhotoType.JPEG;
        }
        if (bytes.length > 8 && startsWith(bytes, 0, PNG_SIGNATURE)) {
            return PhotoType.PNG;
        }
        if (bytes.length > 12 && ascii(bytes, 0, 4).equals("RIFF") && ascii(bytes, 8, 4).equals("WEBP")) {
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

    /** Segments up to the start of scan; APP1 (EXIF, XMP), APP13 (IPTC) and COM are left out. */
    private static byte[] jpeg(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 2);
        int i = 2;
        while (i < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                throw new NotAPhoto();
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                out.write(b, i, b.length - i);
                return out.toByteArray();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0xFF) {
                out.write(b, i, marker == 0xFF ? 1 : 2);
                i += marker == 0xFF ? 1 : 2;
                continue;
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (length < 2 || i + 2 + length > b.length) {
                throw new NotAPhoto();
            }
            if (marker != 0xE1 && marker != 0xED && marker != 0xFE) {
                out.write(b, i, 2 + length);
            }
            i += 2 + length;
        }
        throw new NotAPhoto();
    }

    private static byte[] png(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        out.write(b, 0, 8);
        int i = 8;
        while (i < b.length) {
            int length = ByteBuffer.wrap(b, i, 4).getInt();
            String type = ascii(b, i + 4, 4);
            int total = 12 + length;
            if (length < 0 || i + total > b.length) {
                throw new NotAPhoto();
            }
            if (!PNG_METADATA.contains(type)) {
                out.write(b, i, total);
            }
            i += total;
            if (type.equals("IEND")) {
                return out.toByteArray();
            }
        }
        throw new NotAPhoto();
    }

    /** RIFF chunks without EXIF and XMP; the VP8X flags and the RIFF size are corrected to match. */
    private static byte[] webp(byte[] b) {
        ByteArrayOutputStream chunks = new ByteArrayOutputStream(b.length);
        int i = 12;
        while (i + 8 <= b.length) {
            String type = ascii(b, i, 4);
            int size = ByteBuffer.wrap(b, i + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            int total = 8 + size + (size & 1);
            if (size < 0 || i + 8 + size > b.length) {
                throw new NotAPhoto();
            }
            if (!WEBP_METADATA.contains(type)) {
                byte[] chunk = new byte[Math.min(total, b.length - i)];
                System.arraycopy(b, i, chunk, 0, chunk.length);
                if (type.equals("VP8X") && chunk.length > 8) {
                    chunk[8] &= (byte) ~0x0C; // no EXIF (0x08), no XMP (0x04)
                }
                chunks.write(chunk, 0, chunk.length);
            }
            i += total;
        }
        byte[] body = chunks.toByteArray();
        ByteBuffer out = ByteBuffer.allocate(12 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.length).put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(body);
        return out.array();
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
