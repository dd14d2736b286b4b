package org.cityservice.listing;

import com.fasterxml.jackson.annotation.JsonView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/school-posts")
@Tag(name = "护学岗", description = "School-safety posts: officers at school gates on school days")
class SchoolPostController {

    private final ListingReader<SchoolSafetyPost, SchoolPostView> posts;

    SchoolPostController(ListingReader<SchoolSafetyPost, SchoolPostView> posts) {
        this.posts = posts;
    }

    @GetMapping("/nearby")
    @JsonView(Views.Summary.class)
    @Operation(summary = "School-safety posts nearest a GCJ-02 point, nearest first")
    Mono<NearbyResponse<SchoolPostView>> nearby(
            @RequestParam(required = false) Double lat,
            @RequestParam(required = false) Double lng,
            @Parameter(description = "metres, 1..20000, default 3000") @RequestParam(required = false) Integer radius,
            @Parameter(description = "1..100, default 20") @RequestParam(required = false) Integer limit,
            @Parameter(description = "true: only posts on duty now (a duty window on a school day)")
                    @RequestParam(required = false)
                    Boolean activeNow,
            @Parameter(description = "district name, e.g. 中站区") @RequestParam(required = false) String district) {
        NearbyQuery query = NearbyQuery.of(lat, lng, radius, limit, district);
        return posts.nearby(query, Boolean.TRUE.equals(activeNow) ? (post, availability) -> availability.open() : null);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One school-safety post, with whether it is on duty now")
    Mono<SchoolPostView> get(@PathVariable String id) {
        return posts.get(id);
    }
}
