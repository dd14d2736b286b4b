package org.cityservice.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ stay true to the tree: every relative link reaches a file (and a heading, when it
 * names one), and every kind of Redis key the code writes is in the documented layout.
 */
class DocumentationLinksTest {

    /** The repository root: tests run in backend/. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)|<img[^>]*\\ssrc=\"([^\"]+)\"");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$", Pattern.MULTILINE);
    private static final Pattern KEY_PART = Pattern.compile("\\bkey\\(\"([a-z][a-z-]*)\"");

    @Test
    void everyRelativeLinkInTheReadmeAndDocsReachesAFileAndItsHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path doc : documents()) {
            String text = Files.readString(doc);
            Matcher links = LINK.matcher(text);
            while (links.find()) {
                String target = links.group(1) != null ? links.group(1) : links.group(2);
                if (target.matches("^[a-z]+:.*") || target.startsWith("//")) {
                    continue; // http(s), mailto: outside the repository
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path resolved =
                        file.isEmpty() ? doc : doc.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(ROOT.relativize(doc) + ": " + target + " (no such file)");
                } else if (anchor != null
                        && resolved.toString().endsWith(".md")
                        && !anchors(resolved).contains(anchor)) {
                    broken.add(ROOT.relativize(doc) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void everyKindOfRedisKeyTheCodeWritesIsInTheDocumentedLayout() throws IOException {
        // redis-keys.md describes some tags itself and points at complaints.md and surveys.md for theirs
        String layout = Files.readString(ROOT.resolve("docs/redis-keys.md"))
                + Files.readString(ROOT.resolve("docs/complaints.md"))
                + Files.readString(ROOT.resolve("docs/surveys.md"));
        Set<String> undocumented = new LinkedHashSet<>();
        try (Stream<Path> sources = Files.walk(ROOT.resolve("backend/src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher parts = KEY_PART.matcher(Files.readString(source));
                while (parts.find()) {
                    String part = parts.group(1);
                    if (!Pattern.compile("[:{`]" + Pattern.quote(part) + "[:}`]")
                            .matcher(layout)
                            .find()) {
                        undocumented.add(part + " (" + source.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(undocumented).isEmpty();
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    /** GitHub's heading anchors: lower case, punctuation dropped (CJK kept), spaces to hyphens. */
    private static Set<String> anchors(Path markdown) throws IOException {
        Set<String> anchors = new LinkedHashSet<>();
        Matcher headings = HEADING.matcher(Files.readString(markdown));
        while (headings.find()) {
            String slug = headings.group(1)
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                    .replace(' ', '-');
            String unique = slug;
            for (int n = 1; !anchors.add(unique); n++) {
                unique = slug + "-" + n;
            }
        }
        return anchors;
    }
}
