package org.cityservice.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The one way to load a Lua script: {@code scripts/<feature>/<name>.lua} on the classpath, each with its
 * KEYS and ARGV in a header comment (docs/redis-keys.md lists them). Spring sends it by EVALSHA and
 * falls back to EVAL once when Redis does not know it yet.
 *
 * <p>Redis 6.2 has no FUNCTION libraries, so Lua shared between scripts lives in fragments,
 * {@code scripts/lib/<name>.lua}, each defining local functions; a line {@code --! use lib/<name>} in a script
 * is replaced by that fragment when the script is loaded (the script's SHA is that of the whole).
 */
public final class LuaScripts {

    private static final Pattern USE = Pattern.compile("(?m)^--! use (lib/[a-z-]+)$");

    private LuaScripts() {}

    /** {@code path} is {@code <feature>/<name>}, e.g. {@code complaint/submit}; {@code reply} what the script returns. */
    public static <T> RedisScript<T> load(String path, Class<T> reply) {
        return RedisScript.of(source(path), reply);
    }

    /** The script's text as Redis runs it, its fragments in place. */
    static String source(String path) {
        Matcher uses = USE.matcher(read(path));
        StringBuilder whole = new StringBuilder();
        while (uses.find()) {
            String fragment = read(uses.group(1));
            if (USE.matcher(fragment).find()) {
                throw new IllegalArgumentException(
                        "fragment " + uses.group(1) + " uses another; fragments stand alone");
            }
            uses.appendReplacement(whole, Matcher.quoteReplacement(fragment.stripTrailing()));
        }
        return uses.appendTail(whole).toString();
    }

    private static String read(String path) {
        ClassPathResource source = new ClassPathResource("scripts/" + path + ".lua");
        if (!source.exists()) {
            throw new IllegalArgumentException("no Lua script at classpath:scripts/" + path + ".lua");
        }
        try {
            return source.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath:scripts/" + path + ".lua", e);
        }
    }
}
