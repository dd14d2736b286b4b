package org.cityservice.redis;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The one way to load a Lua script: {@code scripts/<feature>/<name>.lua} on the classpath, each with its
 * KEYS and ARGV in a header comment (docs/redis-keys.md lists them). Spring sends it by EVALSHA and
 * falls back to EVAL once when Redis does not know it yet.
 */
public final class LuaScripts {

    private LuaScripts() {}

    /** {@code path} is {@code <feature>/<name>}, e.g. {@code complaint/submit}; {@code reply} what the script returns. */
    public static <T> RedisScript<T> load(String path, Class<T> reply) {
        ClassPathResource source = new ClassPathResource("scripts/" + path + ".lua");
        if (!source.exists()) {
            throw new IllegalArgumentException("no Lua script at classpath:scripts/" + path + ".lua");
        }
        return RedisScript.of(source, reply);
    }
}
