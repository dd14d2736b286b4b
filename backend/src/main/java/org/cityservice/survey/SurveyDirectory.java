package org.cityservice.survey;

import java.util.List;
import org.cityservice.shared.StreamEvent;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** What later features (statistics) may read of surveys: their events, a stream per shard (docs/surveys.md). */
@Component
public class SurveyDirectory {

    private final ReactiveStringRedisTemplate redis;
    private final SurveyStore store;
    private final SurveyShards shards;

    SurveyDirectory(ReactiveStringRedisTemplate redis, SurveyStore store, SurveyShards shards) {
        this.redis = redis;
        this.store = store;
        this.shards = shards;
    }

    /** The names of the survey event streams, one per shard: the names of the complaint event streams. */
    public List<String> eventStreams() {
        return shards.all().stream().map(SurveyShards.Shard::name).toList();
    }

    /**
     * Up to {@code count} events of the survey events stream of one shard after the one with id {@code after} ("0-0"
     * for the first), oldest first.
     *
     * @param shard the name of the complaint event stream whose cases' surveys the shard holds ("" for the legacy one)
     */
    public Flux<StreamEvent> eventsAfter(String shard, String after, int count) {
        return redis.<String, String>opsForStream()
                .range(
                        store.eventsKey(shards.named(shard)),
                        Range.rightUnbounded(Range.Bound.exclusive(after)),
                        Limit.limit().count(count))
                .map(record -> new StreamEvent(record.getId().getValue(), record.getValue()));
    }
}
