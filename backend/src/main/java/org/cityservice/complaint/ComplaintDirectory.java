package org.cityservice.complaint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cityservice.shared.StreamEvent;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What later features (the follow-up survey) may read of a case and ask of it, without reaching into
 * complaint storage: who reported it and how to reach them, and 重办 when the reporter or a follower
 * says it was not solved. A CLOSED event names the case's followers of that moment ({@code followers},
 * resident ids separated by commas).
 */
@Component
public class ComplaintDirectory {

    /**
     * @param smsPhone the number SMS about the case may go to: the contact phone when it was the resident's bound
     *                 (proven) one at reporting; null otherwise (then only the bound phone at sending time)
     */
    public record Summary(
            String trackingNo,
            @Nullable String residentId,
            @Nullable String smsPhone,
            String category,
            String categoryName,
            @Nullable String district,
            @Nullable String subdistrict,
            @Nullable String stationId,
            @Nullable String stationName,
            ComplaintStatus status) {}

    private final ComplaintStore store;
    private final ComplaintKeys keys;
    private final ComplaintWorkflow workflow;
    private final ComplaintProperties properties;

    ComplaintDirectory(
            ComplaintStore store, ComplaintKeys keys, ComplaintWorkflow workflow, ComplaintProperties properties) {
        this.store = store;
        this.keys = keys;
        this.workflow = workflow;
        this.properties = properties;
    }

    /** Empty when there is no such case. */
    public Mono<Summary> find(String trackingNo) {
        return store.find(trackingNo).map(c -> {
            ComplaintProperties.Category category = properties.category(c.category());
            return new Summary(
                    c.trackingNo(),
                    c.residentId(),
                    c.phoneProven() ? c.contactPhone() : null,
                    c.category(),
                    category == null ? c.category() : category.name(),
                    c.routing().district(),
                    c.routing().subdistrict(),
                    c.routing().stationId(),
                    c.routing().stationName(),
                    c.status());
        });
    }

    /**
     * The names of the complaint event streams, one per home (a district's code; "" for the one stream every district
     * shares now): a reader keeps a cursor in each.
     */
    public List<String> eventStreams() {
        return keys.homes().stream().map(ComplaintKeys.Home::name).toList();
    }

    /** The name of the event stream of a case's home, by its tracking number ("" for a number of before the districts). */
    public String eventStreamOf(String trackingNo) {
        return keys.numbered(trackingNo).name();
    }

    /** Up to {@code count} events of one stream after the one with id {@code after} ("0-0" for the first), oldest first. */
    public Flux<StreamEvent> eventsAfter(String stream, String after, int count) {
        return store.eventsAfter(keys.named(stream), after, count)
                .map(record -> new StreamEvent(record.getId().getValue(), record.getValue()));
    }

    /**
     * 重办: a closed case becomes REOPENED, the {@code answer} of its reporter or of a follower ({@code residentId})
     * in its timeline; false when it is not closed.
     */
    public Mono<Boolean> reopenForResident(String trackingNo, String residentId, String answer) {
        return workflow.reopenForResident(trackingNo, residentId, answer);
    }

    /** The name residents see of a category code; null when no such category is offered. */
    public @Nullable String categoryName(String code) {
        ComplaintProperties.Category category = properties.category(code);
        return category == null ? null : category.name();
    }

    /** Every category offered, code → name, in the order configured. */
    public Map<String, String> categoryNames() {
        Map<String, String> names = new LinkedHashMap<>();
        properties.categories().forEach(category -> names.put(category.code(), category.name()));
        return names;
    }
}
