package org.cityservice.survey;

import org.cityservice.shared.StreamEvent;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** What later features (statistics) may read of surveys: their events ({@code cs:{survey}:events}, docs/surveys.md). */
@Component
public class SurveyDirectory {

    private final ReactiveStringRedisTemplate redis;
    private final SurveyStore store;

    SurveyDirectory(ReactiveStringRedisTemplate redis, SurveyStore store) {
        this.redis = redis;
        this.store = store;
    }

    /** Up to {@code count} events after the one with id {@code after} ("0-0" for the first), oldest first. */
    public Flux<StreamEvent> eventsAfter(String after, int count) {
        return redis.<String, String>opsForStream()
                .range(
                        store.eventsKey(),
                        Range.rightUnbounded(Range.Bound.exclusive(after)),
                        Limit.limit().count(count))
                .map(record -> new StreamEvent(record.getId().getValue(), record.getValue()));
    }
}
