package org.cityservice.complaint;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.cityservice.shared.ApiException;
import org.cityservice.shared.FieldViolation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "管理:审计", description = "The append-only log of staff actions on cases (role ADMIN)")
class AuditController {

    private final ComplaintStore store;

    AuditController(ComplaintStore store) {
        this.store = store;
    }

    /** One staff action: its stream id, and what was done, by whom, when. */
    record AuditEntry(String id, Map<String, String> entry) {}

    /**
     * A Redis stream id, {@code <ms>-<seq>} or {@code <ms>}, each part an unsigned 64-bit number; never
     * 0-0, which no entry has and which Redis refuses as an exclusive bound. Checked here so a bad
     * cursor is the caller's 400, not Redis's error as a 500.
     */
    static String entryId(String before) {
        String[] parts = before.split("-", -1);
        boolean valid = parts.length <= 2;
        boolean zero = true;
        for (int i = 0; valid && i < parts.length; i++) {
            valid = parts[i].matches("\\d{1,20}");
            if (valid) {
                try {
                    zero &= Long.parseUnsignedLong(parts[i]) == 0;
                } catch (NumberFormatException tooBig) {
                    valid = false;
                }
            }
        }
        if (!valid || zero) {
            throw ApiException.invalid(List.of(new FieldViolation("before", "应为上一页最后一条记录的 id,例如 1732000000000-0")));
        }
        return before;
    }

    @GetMapping("/api/v1/admin/audit")
    @Operation(summary = "The newest staff actions first; pass the last id seen as `before` for the next page")
    Mono<List<AuditEntry>> audit(
            @RequestParam(defaultValue = "50") int count, @RequestParam(required = false) String before) {
        return store.auditPage(Math.max(1, Math.min(count, 200)), before == null ? null : entryId(before))
                .map(record -> new AuditEntry(record.getId().getValue(), record.getValue()))
                .collectList();
    }
}
