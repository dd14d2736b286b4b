package org.cityservice.complaint;

import static org.cityservice.support.Problems.problem;

import org.cityservice.support.IntegrationTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The audit log's {@code before} must be an audit entry id; anything else is a 400 problem, not Redis's error as a 500. */
class AuditPagingTest extends IntegrationTest {

    @ParameterizedTest(name = "before={0}")
    @ValueSource(strings = {"abc", "0-0", "0", "-1", "1-abc", "99999999999999999999999-0", "1-2-3", "1.5-0"})
    void aBeforeThatIsNoEntryIdIs400NamingIt(String before) {
        problem(
                        asAdmin()
                                .get()
                                .uri(uri -> uri.path("/api/v1/admin/audit")
                                        .queryParam("before", before)
                                        .build())
                                .exchange(),
                        400,
                        "validation-failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("before");
    }

    @ParameterizedTest(name = "before={0}")
    @ValueSource(strings = {"1732000000000-0", "1732000000000", "1-1", "18446744073709551615-18446744073709551615"})
    void anEntryIdIsAccepted(String before) {
        asAdmin()
                .get()
                .uri(uri -> uri.path("/api/v1/admin/audit")
                        .queryParam("before", before)
                        .build())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .json("[]");
    }
}
