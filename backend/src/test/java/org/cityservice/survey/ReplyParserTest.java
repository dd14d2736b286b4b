package org.cityservice.survey;

import static org.assertj.core.api.Assertions.assertThat;

import org.cityservice.survey.SurveyAnswer.Satisfaction;
import org.cityservice.survey.SurveyAnswer.Solved;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|YES|SATISFIED",
            "' 4 '|NO|",
            "１|YES|SATISFIED",
            "２ |YES|BASICALLY_SATISFIED",
            "3|YES|DISSATISFIED",
            "满意|YES|SATISFIED",
            "基本满意。|YES|BASICALLY_SATISFIED",
            "不满意|YES|DISSATISFIED",
            "未解决|NO|"})
    void aDigitOrTheWordsAreAnAnswer(String reply, Solved solved, Satisfaction satisfaction) {
        SurveyAnswer answer = ReplyParser.parse(reply);
        assertThat(answer.solved()).isEqualTo(solved);
        assertThat(answer.satisfaction()).isEqualTo(satisfaction);
        assertThat(answer.via()).isEqualTo("SMS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "12", "好的", "1 谢谢", "TD", "回复1"})
    void anythingElseIsNoAnswer(String reply) {
        assertThat(ReplyParser.parse(reply)).isNull();
    }
}
