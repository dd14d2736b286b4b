package org.cityservice.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComplaintTransitionsTest {

    /** The closed loop as the domain describes it, written out independently of the table. */
    private static final Map<ComplaintStatus, Map<ComplaintAction, ComplaintStatus>> LEGAL = Map.of(
            ComplaintStatus.RECEIVED,
                    Map.of(
                            ComplaintAction.REGISTER,
                            ComplaintStatus.REGISTERED,
                            ComplaintAction.REJECT,
                            ComplaintStatus.REJECTED),
            ComplaintStatus.REGISTERED, Map.of(ComplaintAction.DISPATCH, ComplaintStatus.DISPATCHED),
            ComplaintStatus.DISPATCHED, Map.of(ComplaintAction.HANDLE, ComplaintStatus.HANDLED),
            ComplaintStatus.HANDLED, Map.of(ComplaintAction.VERIFY, ComplaintStatus.VERIFIED),
            ComplaintStatus.VERIFIED,
                    Map.of(
                            ComplaintAction.CLOSE,
                            ComplaintStatus.CLOSED,
                            ComplaintAction.REWORK,
                            ComplaintStatus.DISPATCHED),
            ComplaintStatus.CLOSED, Map.of(ComplaintAction.REOPEN, ComplaintStatus.REOPENED),
            ComplaintStatus.REOPENED, Map.of(ComplaintAction.DISPATCH, ComplaintStatus.DISPATCHED));

    @Test
    void everyLegalMoveLeadsWhereTheLoopSays() {
        LEGAL.forEach((from, moves) -> moves.forEach((action, to) -> assertThat(ComplaintTransitions.next(from, action))
                .as("%s --%s-->", from, action)
                .contains(to)));
    }

    @Test
    void everyOtherMoveIsIllegal() {
        int illegal = 0;
        for (ComplaintStatus from : ComplaintStatus.values()) {
            for (ComplaintAction action : ComplaintAction.values()) {
                if (!LEGAL.getOrDefault(from, Map.of()).containsKey(action)) {
                    assertThat(ComplaintTransitions.next(from, action))
                            .as("%s --%s-->", from, action)
                            .isEmpty();
                    illegal++;
                }
            }
        }
        assertThat(illegal).isEqualTo(ComplaintStatus.values().length * ComplaintAction.values().length - 9);
    }

    @Test
    void aRejectedCaseIsFinal() {
        for (ComplaintAction action : ComplaintAction.values()) {
            assertThat(ComplaintTransitions.next(ComplaintStatus.REJECTED, action))
                    .isEmpty();
        }
        assertThat(Set.of(ComplaintStatus.values()))
                .allSatisfy(status -> assertThat(status.label()).isNotBlank());
    }
}
