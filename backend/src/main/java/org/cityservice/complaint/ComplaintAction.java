package org.cityservice.complaint;

/** What staff (or the follow-up survey) do to a case; {@link ComplaintTransitions} says from where to where. */
public enum ComplaintAction {
    REGISTER("立案"),
    REJECT("退回"),
    DISPATCH("派遣"),
    HANDLE("处置"),
    VERIFY("核查"),
    /** 返工: the check found the work not done; counted as rework */
    REWORK("返工"),
    CLOSE("结案"),
    /** 重办: the resident said "not solved" in the follow-up survey */
    REOPEN("重办"),
    /** 改派: sent to another station; not a move of the closed loop (its own endpoint), so the status stays */
    REROUTE("改派"),
    /**
     * 合并重复件: a later report of the same problem leaves the loop as REJECTED, its reporter following
     * the earlier case instead (its own endpoint, as it names that case)
     */
    MERGE("合并");

    private final String label;

    ComplaintAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
