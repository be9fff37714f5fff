package org.povertyalleviation.training.course;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.training.course.domain.Course;
import org.povertyalleviation.training.course.domain.CourseLevel;
import org.povertyalleviation.training.course.domain.Skill;
import org.povertyalleviation.training.course.domain.TargetGroup;
import org.povertyalleviation.training.course.persistence.CourseRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The county's courses. */
@Service
public class Courses {

    private final CourseRepository courses;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final Clock clock;

    public Courses(CourseRepository courses, TenantTransactions tenantTransactions, AuditTrail audit, Clock clock) {
        this.courses = courses;
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<Course> offer(CountyCode county, String title, CourseLevel level, BigDecimal hours, Set<TargetGroup> groups, Skill skill,
                              int attendancePercent, boolean assessment, Integer validMonths) {
        Course course = Course.offer(county, title, level, hours, groups, skill, attendancePercent, assessment, validMonths, clock.instant());
        return tenantTransactions.inCounty(county, () -> courses.insert(course)
                .then(audit.write("course.offered", "course", course.id().toString())).thenReturn(course));
    }

    public Mono<Course> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> courses.find(county, id).switchIfEmpty(Mono.error(new NotFoundException("Course", id))));
    }

    public Mono<List<Course>> all(CountyCode county) {
        return tenantTransactions.inCounty(county, () -> courses.all(county).collectList());
    }
}
