package org.cityservice.complaint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "诉求", description = "Complaints: report a problem and follow it")
class CategoryController {

    private final ComplaintProperties properties;

    CategoryController(ComplaintProperties properties) {
        this.properties = properties;
    }

    /** One kind of problem a resident can report. */
    record CategoryView(String code, String name, String group) {}

    @GetMapping("/api/v1/complaint-categories")
    @Operation(summary = "What can be reported, grouped (市容环境, 环卫, 市政设施, …)")
    List<CategoryView> categories() {
        return properties.categories().stream()
                .map(c -> new CategoryView(c.code(), c.name(), c.group()))
                .toList();
    }
}
