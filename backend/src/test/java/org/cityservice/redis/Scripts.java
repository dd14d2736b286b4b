package org.cityservice.redis;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Runs the application's Lua scripts by name ({@code <feature>/<name>}, loaded through {@link LuaScripts} as the
 * application loads them) with EVAL, and gives the connection for setting up and reading the keys around them.
 */
public final class Scripts {

    private final RedisCommands<String, String> redis;

    Scripts(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    /** The reply as Redis sent it: a String, a Long, or a List of those (nested as sent); a script error is thrown. */
    public Object run(String name, List<String> keys, List<String> args) {
        String source = LuaScripts.load(name, Object.class).getScriptAsString();
        CommandArgs<String, String> eval =
                new CommandArgs<>(StringCodec.UTF8).add(source).add(keys.size());
        keys.forEach(eval::addKey);
        args.forEach(eval::addValue);
        return redis.dispatch(CommandType.EVAL, new Reply(), eval);
    }

    public RedisCommands<String, String> redis() {
        return redis;
    }

    /**
     * Lettuce's own outputs for EVAL need the reply's type beforehand, and its OBJECT output wraps a single value
     * in a list; this one keeps the shape: a value as itself, an array as a list.
     */
    private static final class Reply extends CommandOutput<String, String, Object> {

        private final Deque<List<Object>> open = new ArrayDeque<>();
        private final Deque<int[]> missing = new ArrayDeque<>();

        Reply() {
            super(StringCodec.UTF8, null);
        }

        @Override
        public void set(ByteBuffer bytes) {
            value(bytes == null ? null : decodeString(bytes));
        }

        @Override
        public void setSingle(ByteBuffer bytes) {
            set(bytes);
        }

        @Override
        public void set(long integer) {
            value(integer);
        }

        @Override
        public void multi(int count) {
            List<Object> list = new ArrayList<>(Math.max(count, 0));
            if (open.isEmpty()) {
                output = list;
            } else {
                open.peek().add(list);
            }
            open.push(list);
            missing.push(new int[] {count});
            if (count <= 0) {
                closeArray();
            }
        }

        private void value(Object value) {
            if (open.isEmpty()) {
                output = value;
                return;
            }
            open.peek().add(value);
            elementDone();
        }

        private void elementDone() {
            if (--missing.peek()[0] == 0) {
                closeArray();
            }
        }

        private void closeArray() {
            open.pop();
            missing.pop();
            if (!open.isEmpty()) {
                elementDone();
            }
        }
    }
}
