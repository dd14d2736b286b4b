package org.cityservice.complaint;

/** Where a case stands in the closed loop, with the Chinese label residents and staff read. */
public enum ComplaintStatus {
    RECEIVED("已受理"),
    REGISTERED("已立案"),
    REJECTED("已退回"),
    DISPATCHED("已派遣"),
    HANDLED("已处置"),
    VERIFIED("已核查"),
    CLOSED("已结案"),
    REOPENED("重办");

    private final String label;

    ComplaintStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Still being worked on: in the nearby search, open to followers. Closed and rejected cases are done. */
    public boolean open() {
        return this != CLOSED && this != REJECTED;
    }
}
