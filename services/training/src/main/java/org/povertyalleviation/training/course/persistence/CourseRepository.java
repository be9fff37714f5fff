package org.povertyalleviation.training.course.persistence;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.training.course.domain.Course;
import org.povertyalleviation.training.course.domain.CourseLevel;
import org.povertyalleviation.training.course.domain.Skill;
import org.povertyalleviation.training.course.domain.TargetGroup;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Courses. */
@Repository
public class CourseRepository {

    private final DatabaseClient database;

    public CourseRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Void> insert(Course course) {
        DatabaseClient.GenericExecuteSpec spec = database.sql("""
                        insert into course (county_code, id, title, level, hours, target_groups, skill, attendance_percent, assessment, valid_months, created_at)
                        values (:county, :id, :title, :level, :hours, :groups, :skill, :percent, :assessment, :validMonths, :createdAt)""")
                .bind("county", course.county().value()).bind("id", course.id()).bind("title", course.title()).bind("level", course.level().name())
                .bind("hours", course.hours()).bind("groups", course.targetGroups().stream().map(Enum::name).sorted().toArray(String[]::new))
                .bind("percent", course.attendancePercent()).bind("assessment", course.assessment()).bind("createdAt", course.createdAt());
        spec = course.skill() == null ? spec.bindNull("skill", String.class) : spec.bind("skill", course.skill().name());
        spec = course.validMonths() == null ? spec.bindNull("validMonths", Integer.class) : spec.bind("validMonths", course.validMonths());
        return spec.fetch().rowsUpdated().then();
    }

    public Mono<Course> find(CountyCode county, UUID id) {
        return database.sql("select * from course where county_code = :county and id = :id")
                .bind("county", county.value()).bind("id", id).map(CourseRepository::course).one();
    }

    public Flux<Course> all(CountyCode county) {
        return database.sql("select * from course where county_code = :county order by level, title, id")
                .bind("county", county.value()).map(CourseRepository::course).all();
    }

    private static Course course(Readable row) {
        String skill = row.get("skill", String.class);
        return new Course(row.get("id", UUID.class), CountyCode.of(row.get("county_code", String.class)), row.get("title", String.class),
                CourseLevel.valueOf(row.get("level", String.class)), row.get("hours", BigDecimal.class),
                Arrays.stream(row.get("target_groups", String[].class)).map(TargetGroup::valueOf).collect(Collectors.toSet()),
                skill == null ? null : Skill.valueOf(skill), row.get("attendance_percent", Integer.class),
                Boolean.TRUE.equals(row.get("assessment", Boolean.class)), row.get("valid_months", Integer.class), row.get("created_at", Instant.class));
    }
}
