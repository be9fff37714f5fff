package org.povertyalleviation.bench.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The check that decides "COUNTED TWICE": it must catch every way a sitting's count can disagree with what was accepted. */
class VerdictTest {

    private static final List<String> ENROLMENTS = List.of("e0", "e1", "e2");

    private static CheckInLoad.Outcome accepted(int person, boolean counted) {
        return new CheckInLoad.Outcome(new CheckInPlan.Attempt(person, CheckInPlan.Kind.QR, 0), 201, null, counted, counted ? null : "DUPLICATE",
                1_000, 0, null);
    }

    private static CheckInLoad.Outcome refused(int person) {
        return new CheckInLoad.Outcome(new CheckInPlan.Attempt(person, CheckInPlan.Kind.EXPIRED, 0), 422, "token-expired", false, null, 1_000, 0, null);
    }

    @Test
    void oneCountedPerPersonAndTheDuplicatesKeptIsCountedOnce() {
        List<CheckInLoad.Outcome> outcomes = List.of(accepted(0, true), accepted(0, false), refused(1), accepted(1, true), accepted(2, true));
        TrainingBenchmark.Attendance attendance = new TrainingBenchmark.Attendance(3, 1, 0, 4, Map.of("e0", 1, "e1", 1, "e2", 1));

        TrainingBenchmark.Verdict verdict = TrainingBenchmark.verdict(outcomes, attendance, ENROLMENTS);

        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.distinctAccepted()).isEqualTo(3);
    }

    @Test
    void aPersonCountedTwiceIsCaughtEvenWhenTheAnswersSaidOtherwise() {
        List<CheckInLoad.Outcome> outcomes = List.of(accepted(0, true), accepted(0, false), accepted(1, true));
        TrainingBenchmark.Attendance attendance = new TrainingBenchmark.Attendance(3, 0, 0, 3, Map.of("e0", 2, "e1", 1));

        assertThat(TrainingBenchmark.verdict(outcomes, attendance, ENROLMENTS).problems())
                .anySatisfy(problem -> assertThat(problem).contains("counts 3 checked in, but 2 distinct"))
                .anySatisfy(problem -> assertThat(problem).contains("more than one counted"));
    }

    @Test
    void twoAnswersSayingCountedForOnePersonAreCaught() {
        List<CheckInLoad.Outcome> outcomes = List.of(accepted(0, true), accepted(0, true));
        TrainingBenchmark.Attendance attendance = new TrainingBenchmark.Attendance(1, 1, 0, 2, Map.of("e0", 1));

        assertThat(TrainingBenchmark.verdict(outcomes, attendance, ENROLMENTS).problems()).singleElement().asString()
                .contains("2 answers said \"counted\" for 1 distinct people");
    }

    @Test
    void anAcceptedCheckInMissingFromTheListOrARefusedPersonCountedIsCaught() {
        List<CheckInLoad.Outcome> outcomes = List.of(accepted(0, true), refused(1));
        TrainingBenchmark.Attendance attendance = new TrainingBenchmark.Attendance(1, 0, 0, 1, Map.of("e1", 1));

        assertThat(TrainingBenchmark.verdict(outcomes, attendance, ENROLMENTS).problems())
                .anySatisfy(problem -> assertThat(problem).contains("accepted people have no counted check-in"))
                .anySatisfy(problem -> assertThat(problem).contains("counted whose check-in was not accepted"));
    }
}
