package org.povertyalleviation.training.course.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.RequestIds;
import org.povertyalleviation.training.course.Courses;
import org.povertyalleviation.training.course.domain.Course;
import org.povertyalleviation.training.course.domain.CourseLevel;
import org.povertyalleviation.training.course.domain.Skill;
import org.povertyalleviation.training.course.domain.TargetGroup;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The county's courses. */
@RestController
class CourseController {

    record CourseRequest(
            @Schema(description = "Its title", example = "网店运营实操", requiredMode = REQUIRED) @NotBlank @Size(max = Course.MAX_TITLE) String title,
            @Schema(description = "What it teaches", example = "SHOP_OPERATION", requiredMode = REQUIRED) @NotNull CourseLevel level,
            @Schema(description = "Class hours, in tenths", example = "24", requiredMode = REQUIRED)
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000") @Digits(integer = 4, fraction = 1) BigDecimal hours,
            @ArraySchema(arraySchema = @Schema(description = "Whom it is for", requiredMode = REQUIRED), schema = @Schema(example = "POOR_HOUSEHOLD_MEMBER"),
                    maxItems = 6) @NotEmpty @Size(max = 6) Set<@NotNull TargetGroup> targetGroups,
            @Schema(description = "The e-commerce skill its certificate gives a registered member (none for a cadre course)", example = "SHOP_OPERATION")
            Skill skill,
            @Schema(description = "The share of the sittings a certificate takes, in percent", example = "80", requiredMode = REQUIRED)
            @NotNull @Min(1) @Max(100) Integer attendancePercent,
            @Schema(description = "Whether a certificate takes a passed assessment", example = "true", requiredMode = REQUIRED) @NotNull Boolean assessment,
            @Schema(description = "Months a certificate stays valid (a course that needs refreshing); absent: it does not expire", example = "24")
            @Min(1) @Max(120) Integer validMonths) {
    }

    record CourseResponse(UUID id, String county, String title, String level, BigDecimal hours, List<String> targetGroups, String skill,
                          int attendancePercent, boolean assessment, Integer validMonths, Instant createdAt) {
    }

    private final CountyGate gate;
    private final Courses courses;

    CourseController(CountyGate gate, Courses courses) {
        this.gate = gate;
        this.courses = courses;
    }

    @PostMapping("/counties/{county}/courses")
    Mono<ResponseEntity<CourseResponse>> offer(@PathVariable String county, @Valid @RequestBody CourseRequest request) {
        return gate.act(county).flatMap(code -> courses.offer(code, request.title(), request.level(), request.hours(), request.targetGroups(),
                        request.skill(), request.attendancePercent(), request.assessment(), request.validMonths()))
                .map(course -> ResponseEntity.created(URI.create("/counties/" + county + "/courses/" + course.id())).body(response(course)));
    }

    @GetMapping("/counties/{county}/courses")
    Mono<List<CourseResponse>> all(@PathVariable String county) {
        return gate.read(county).flatMap(code -> courses.all(code)).map(list -> list.stream().map(CourseController::response).toList());
    }

    @GetMapping("/counties/{county}/courses/{id}")
    Mono<CourseResponse> find(@PathVariable String county, @PathVariable String id) {
        UUID course = RequestIds.uuid("id", id);
        return gate.read(county).flatMap(code -> courses.find(code, course)).map(CourseController::response);
    }

    private static CourseResponse response(Course course) {
        return new CourseResponse(course.id(), course.county().value(), course.title(), course.level().name(), course.hours(),
                course.targetGroups().stream().map(Enum::name).sorted().toList(), course.skill() == null ? null : course.skill().name(),
                course.attendancePercent(), course.assessment(), course.validMonths(), course.createdAt());
    }
}
