package org.cityservice.complaint;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "管理:审计", description = "The append-only log of staff actions on cases (role ADMIN)")
class AuditController {

    private final ComplaintStore store;

    AuditController(ComplaintStore store) {
        this.store = store;
    }

    /** One staff action: its stream id, and what was done, by whom, when. */
    record AuditEntry(String id, Map<String, String> entry) {
    }

    @GetMapping("/api/v1/admin/audit")
    @Operation(summary = "The newest staff actions first; pass the last id seen as `before` for the next page")
    Mono<List<AuditEntry>> audit(@RequestParam(defaultValue = "50") int count, @RequestParam(required = false) String before) {
        return store.auditPage(Math.max(1, Math.min(count, 200)), before)
                .map(record -> new AuditEntry(record.getId().getValue(), record.getValue()))
                .collectList();
    }
}
