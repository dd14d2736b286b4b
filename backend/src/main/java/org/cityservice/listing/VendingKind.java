package org.cityservice.listing;

/** The kinds of place where the bureau lets vendors sell (疏堵结合: channel, don't chase). */
public enum VendingKind {
    FRUIT("瓜果疏导区"),
    CONVENIENCE("便民销售点"),
    BREAKFAST("早餐车"),
    NIGHT_MARKET("夜市");

    private final String label;

    VendingKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
