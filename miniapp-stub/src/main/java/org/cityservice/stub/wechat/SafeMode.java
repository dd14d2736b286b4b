package org.cityservice.stub.wechat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's "safe mode" message encryption: AES-256-CBC with the EncodingAESKey (base64 of the
 * 43-character key plus "="), the IV its first 16 bytes, over 16 random bytes, the message length
 * (4 bytes, big-endian), the message and the appid, padded PKCS#7-style to a multiple of 32.
 */
final class SafeMode {

    private static final int BLOCK = 32;

    private final byte[] key;
    private final byte[] appid;
    private final SecureRandom random = new SecureRandom();

    SafeMode(String encodingAesKey, String appid) {
        this.key = Base64.getDecoder().decode(encodingAesKey + "=");
        this.appid = appid.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh EncodingAESKey: 32 random bytes, base64 without the trailing "=". */
    static String newKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).substring(0, 43);
    }

    String encrypt(String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int length = 16 + 4 + text.length + appid.length;
        int pad = BLOCK - length % BLOCK;
        ByteBuffer plain = ByteBuffer.allocate(length + pad);
        byte[] prefix = new byte[16];
        random.nextBytes(prefix);
        plain.put(prefix).putInt(text.length).put(text).put(appid);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
