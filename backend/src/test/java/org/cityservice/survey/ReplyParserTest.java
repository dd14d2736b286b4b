package org.cityservice.survey;

import static org.assertj.core.api.Assertions.assertThat;

import org.cityservice.survey.SurveyAnswer.Satisfaction;
import org.cityservice.survey.SurveyAnswer.Solved;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1|YES|SATISFIED",
                "' 4 '|NO|",
                "１|YES|SATISFIED",
                "２ |YES|BASICALLY_SATISFIED",
                "3|YES|DISSATISFIED",
                "满意|YES|SATISFIED",
                "基本满意。|YES|BASICALLY_SATISFIED",
                "不满意|YES|DISSATISFIED",
                "未解决|NO|"
            })
    void aDigitOrTheWordsAreAnAnswer(String reply, Solved solved, Satisfaction satisfaction) {
        ReplyParser.Reply parsed = ReplyParser.parse(reply);
        assertThat(parsed.reference()).isNull();
        SurveyAnswer answer = parsed.answer();
        assertThat(answer.solved()).isEqualTo(solved);
        assertThat(answer.satisfaction()).isEqualTo(satisfaction);
        assertThat(answer.via()).isEqualTo("SMS");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2 0012|2|0012",
                "２　００１２。|2|0012",
                "4,000012|4|000012",
                "1#0012|1|0012",
                "不满意 0012|不满意|0012",
                "0012 3|3|0012",
                "1 JZ20261124-000012|1|JZ20261124-000012",
                "1jz20261124000012|1|JZ20261124000012",
                "JZ20261124-000012 4|4|JZ20261124-000012",
                "1 JZ0802-20261124-000012|1|JZ0802-20261124-000012",
                "2jz0802-20261124000012|2|JZ0802-20261124000012",
                "JZ080220261124000012 满意|满意|JZ080220261124000012"
            })
    void anAnswerMayNameItsCase(String reply, String answer, String reference) {
        ReplyParser.Reply parsed = ReplyParser.parse(reply);
        assertThat(parsed.answer()).isEqualTo(ReplyParser.parse(answer).answer());
        assertThat(parsed.reference()).isEqualTo(reference);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0012|JZ20261124-000012|true",
                "000012|JZ20261124-000012|true",
                "0013|JZ20261124-000012|false",
                "JZ20261124000012|JZ20261124-000012|true",
                "JZ20261125-000012|JZ20261124-000012|false",
                "0012|JZ0802-20261124-000012|true",
                "JZ080220261124000012|JZ0802-20261124-000012|true",
                "JZ0803-20261124-000012|JZ0802-20261124-000012|false"
            })
    void aReferenceNamesTheCaseWhoseNumberEndsInItOrIsIt(String reference, String trackingNo, boolean names) {
        assertThat(ReplyParser.parse("1 " + reference).names(trackingNo)).isEqualTo(names);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "12", "好的", "1 谢谢", "TD", "回复1", "1 2", "10012", "5 0012", "1 001", "1 0012 3"})
    void anythingElseIsNoAnswer(String reply) {
        assertThat(ReplyParser.parse(reply)).isNull();
    }
}
