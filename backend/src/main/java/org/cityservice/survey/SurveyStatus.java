package org.cityservice.survey;

/** Where a survey is: waiting to be sent, sent, reminded once, and how it ended. */
public enum SurveyStatus {
    SCHEDULED("待发送"),
    SENT("已发送"),
    REMINDED("已提醒"),
    ANSWERED("已回复"),
    EXPIRED("已过期"),
    UNREACHABLE("无法联系");

    private final String label;

    SurveyStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    boolean open() {
        return this == SENT || this == REMINDED;
    }
}
