package org.povertyalleviation.portal.language;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.springframework.context.support.ResourceBundleMessageSource;

class ProblemMessagesTest {

    private final ProblemMessages problems = new ProblemMessages(messages());

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Test
    void a_rule_the_registry_named_is_shown_in_the_readers_language_and_never_the_services_text() {
        ServiceProblem refused = new ServiceProblem(409, "conflict", "income-below-poverty-line", "status", List.of(),
                "Per-capita income 3100 yuan is below the 2026 line of 4500 yuan", "c0ffee");

        ProblemMessages.Shown chinese = problems.show(refused, Locale.SIMPLIFIED_CHINESE);
        ProblemMessages.Shown english = problems.show(refused, Locale.ENGLISH);

        assertThat(chinese.message()).isEqualTo("人均纯收入未达到贫困线，不能标记脱贫。");
        assertThat(english.message()).startsWith("The net income per person is below the poverty line");
        assertThat(chinese.field("status")).isEqualTo(chinese.message());
        assertThat(chinese.reference()).isEqualTo("c0ffee");
        assertThat(chinese.message()).doesNotContain("3100");
    }

    @Test
    void each_invalid_field_gets_its_own_message_by_its_label() {
        ServiceProblem invalid = new ServiceProblem(400, "invalid-request", null, null,
                List.of(new ServiceProblem.InvalidParam("year", "must be a year"), new ServiceProblem.InvalidParam("village", "12 digits"),
                        new ServiceProblem.InvalidParam("cause", "no such cause")), "Invalid request", null);

        ProblemMessages.Shown shown = problems.show(invalid, Locale.SIMPLIFIED_CHINESE);

        assertThat(shown.message()).isEqualTo("提交的内容有误，请检查标出的项目。");
        assertThat(shown.field("year")).isEqualTo("年度不正确：请填写 2014 年至今年之间的年份。");
        assertThat(shown.field("village")).isEqualTo("请选择本县的行政村。");
        assertThat(shown.field("cause")).isEqualTo("“致贫原因”填写有误，请检查。");
    }

    @Test
    void an_unknown_rule_falls_back_to_its_kind_then_to_its_status() {
        ProblemMessages.Shown unknownRule = problems.show(new ServiceProblem(422, "rule-violated", "a-rule-added-later", null, List.of(), "x", null),
                Locale.ENGLISH);
        ProblemMessages.Shown bareStatus = problems.show(new ServiceProblem(429, "status-429", null, null, List.of(), "", null), Locale.ENGLISH);
        ProblemMessages.Shown nothingKnown = problems.show(new ServiceProblem(418, "status-418", null, null, List.of(), "", null), Locale.ENGLISH);

        assertThat(unknownRule.message()).isEqualTo("This breaks a rule of the programme.");
        assertThat(bareStatus.message()).isEqualTo("Too many requests; wait a moment and try again.");
        assertThat(nothingKnown.message()).isEqualTo("The action could not be completed; try again in a moment.");
    }
}
