package org.cityservice.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The script page: one page of an index with its total, newest or oldest first, items gone left out. */
@ExtendWith(RedisScriptExtension.class)
class PageScriptTest {

    private static final RedisKeys KEYS = new RedisKeys("cs");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INDEX = KEYS.key("complaint", "by-resident", "r-1");
    private static final String ITEMS = KEYS.key("complaint", "cases");

    private final Scripts scripts;
    private final RedisCommands<String, String> redis;

    PageScriptTest(Scripts scripts) {
        this.scripts = scripts;
        this.redis = scripts.redis();
    }

    @Test
    void newestFirstPagesFromTheHighestScore() {
        items(5);

        assertThat(ids(page(0, 2, "newest"))).containsExactly("c-5", "c-4");
        assertThat(ids(page(2, 2, "newest"))).containsExactly("c-3", "c-2");
        assertThat(ids(page(4, 2, "newest"))).containsExactly("c-1");
        assertThat(page(4, 2, "newest").path("total").asLong()).isEqualTo(5);
    }

    @Test
    void oldestFirstPagesFromTheLowestScore() {
        items(5);

        assertThat(ids(page(0, 3, "oldest"))).containsExactly("c-1", "c-2", "c-3");
        assertThat(ids(page(3, 3, "oldest"))).containsExactly("c-4", "c-5");
    }

    @Test
    void anIndexedIdWhoseItemIsGoneIsLeftOutButStillCounted() {
        items(3);
        redis.hdel(ITEMS, "c-2");

        JsonNode page = page(0, 10, "oldest");
        assertThat(ids(page)).containsExactly("c-1", "c-3");
        assertThat(page.path("total").asLong()).isEqualTo(3);
    }

    @Test
    void anEmptyIndexOrAPagePastTheEndIsAnEmptyPage() {
        assertThat(scripts.run("redis/page", List.of(INDEX, ITEMS), List.of("0", "20", "newest")))
                .isEqualTo("{\"total\":0,\"items\":[]}");
        items(2);
        JsonNode past = page(20, 20, "newest");
        assertThat(ids(past)).isEmpty();
        assertThat(past.path("total").asLong()).isEqualTo(2);
    }

    private void items(int count) {
        for (int i = 1; i <= count; i++) {
            redis.zadd(INDEX, 1_000 * i, "c-" + i);
            redis.hset(ITEMS, "c-" + i, "{\"id\":\"c-" + i + "\"}");
        }
    }

    private JsonNode page(int offset, int size, String order) {
        return JSON.readTree((String) scripts.run(
                "redis/page", List.of(INDEX, ITEMS), List.of(Integer.toString(offset), Integer.toString(size), order)));
    }

    private static List<String> ids(JsonNode page) {
        return page.path("items")
                .valueStream()
                .map(item -> item.path("id").asString())
                .toList();
    }
}
