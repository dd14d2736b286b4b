package org.cityservice.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every script is loaded the one way, says what its KEYS and ARGV are, and is used by some code. */
class LuaScriptsTest {

    private static final Path SCRIPTS = Path.of("src/main/resources/scripts");
    private static final Path SOURCES = Path.of("src/main/java");

    @Test
    void everyScriptOpensWithItsKeysAndArgumentsAndSomeCodeLoadsIt() throws IOException {
        StringBuilder code = new StringBuilder();
        try (Stream<Path> sources = Files.walk(SOURCES)) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                code.append(Files.readString(source));
            }
        }
        List<String> wrong = new ArrayList<>();
        try (Stream<Path> scripts = Files.walk(SCRIPTS)) {
            for (Path script :
                    scripts.filter(p -> p.toString().endsWith(".lua")).sorted().toList()) {
                String name =
                        SCRIPTS.relativize(script).toString().replace('\\', '/').replaceFirst("\\.lua$", "");
                if (name.startsWith("lib/")) {
                    continue;
                }
                String header = Files.readString(script)
                        .lines()
                        .takeWhile(line -> line.startsWith("--"))
                        .reduce("", String::concat);
                if (!header.contains("KEYS[")) {
                    wrong.add(name + ": no KEYS in its header comment");
                }
                if (!code.toString().contains("LuaScripts.load(\"" + name + "\"")) {
                    wrong.add(name + ": loaded by no code");
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(code.toString())
                .as("scripts are loaded only through LuaScripts")
                .doesNotContain("RedisScript.of(new")
                .doesNotContain("RedisScript.of(\"");
    }

    @Test
    void everyFragmentIsUsedAndInlinedWhereItIsUsed() throws IOException {
        List<Path> fragments;
        List<Path> scripts;
        try (Stream<Path> all = Files.walk(SCRIPTS)) {
            List<Path> lua =
                    all.filter(p -> p.toString().endsWith(".lua")).sorted().toList();
            fragments = lua.stream().filter(p -> p.getParent().endsWith("lib")).toList();
            scripts = lua.stream().filter(p -> !p.getParent().endsWith("lib")).toList();
        }
        assertThat(fragments).isNotEmpty();
        for (Path fragment : fragments) {
            String use = "--! use lib/" + fragment.getFileName().toString().replaceFirst("\\.lua$", "");
            List<String> users = new ArrayList<>();
            for (Path script : scripts) {
                if (Files.readString(script).lines().anyMatch(use::equals)) {
                    String name = SCRIPTS.relativize(script)
                            .toString()
                            .replace('\\', '/')
                            .replaceFirst("\\.lua$", "");
                    users.add(name);
                    assertThat(LuaScripts.source(name))
                            .as(name + " as loaded")
                            .doesNotContain("--! use")
                            .contains(Files.readString(fragment).strip());
                }
            }
            assertThat(users).as(fragment + " is used by some script").isNotEmpty();
        }
    }

    @Test
    void aMissingFragmentFailsAtOnceWithItsName() {
        assertThatThrownBy(() -> LuaScripts.load("redis/uses-missing-fragment", String.class))
                .hasMessageContaining("scripts/lib/no-such.lua");
    }

    @Test
    void aMissingScriptFailsAtOnceWithItsName() {
        assertThatThrownBy(() -> LuaScripts.load("complaint/no-such", String.class))
                .hasMessageContaining("scripts/complaint/no-such.lua");
    }
}
