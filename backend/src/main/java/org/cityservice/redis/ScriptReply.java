package org.cityservice.redis;

import java.util.Locale;

/**
 * A script's answer as a type: each store names the words a script can answer in an enum of its own (the word
 * upper-cased, '-' as '_': "into-done" is INTO_DONE), and a word outside it is a broken contract, not a case to
 * handle.
 */
public final class ScriptReply {

    private ScriptReply() {}

    public static <E extends Enum<E>> E word(Class<E> words, String reply) {
        try {
            return Enum.valueOf(words, reply.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "a script answered '" + reply + "', which is not one of " + words.getSimpleName() + "'s words", e);
        }
    }
}
