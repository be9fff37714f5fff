package org.povertyalleviation.crowdfunding.project.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.povertyalleviation.platform.domain.ChinaTime;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.domain.VillageCode;

/**
 * A harvest pre-sale: a household (or a cooperative and the households that share its proceeds) tells its story, sets
 * a goal and reward tiers, and delivers after the harvest. All or nothing: it is funded only if paid pledges reach the
 * goal by the deadline; otherwise every backer is refunded. A clerk reviews and a different person, a county admin,
 * approves it (four eyes) before it is published; from then on its goal, dates and tiers are frozen.
 */
public record Project(UUID id, CountyCode county, OwnerKind ownerKind, UUID household, String cooperative, VillageCode village, String title,
                      String story, List<String> photos, long goalFen, Instant startsAt, Instant deadline, LocalDate deliveryFrom,
                      LocalDate deliveryTo, ProjectStatus status, String createdBy, Instant createdAt, String submittedBy, String reviewedBy,
                      String reviewNote, String approvedBy, Instant publishedAt, Instant settledAt, String cancelledBy, String cancelReason,
                      String deliveredBy, Instant deliveredAt) {

    public static final int MAX_TITLE = 100;
    public static final int MAX_STORY = 5_000;
    public static final int MAX_PHOTOS = 9;
    public static final int MAX_PHOTO_REF = 300;
    public static final int MAX_COOPERATIVE = 100;
    public static final int MAX_NOTE = 500;
    public static final int MAX_TIERS = 10;
    public static final int MAX_SHARES = 50;
    public static final long MAX_GOAL_FEN = 10_000_000_000L;
    /** A campaign runs at most this long: Longnan's contests ran for weeks, not seasons. */
    public static final Duration MAX_CAMPAIGN = Duration.ofDays(90);

    /** What a draft says, checked field by field (400 naming the field). */
    public record Draft(OwnerKind ownerKind, UUID household, String cooperative, String village, String title, String story, List<String> photos,
                        Long goalFen, Instant startsAt, Instant deadline, LocalDate deliveryFrom, LocalDate deliveryTo) {
    }

    public static Project draft(CountyCode county, Draft draft, String createdBy, Instant now) {
        return fromDraft(UUID.randomUUID(), county, draft, createdBy, now);
    }

    /** The draft rewritten (only while it is a draft: a submitted project goes back to draft when it is returned). */
    public Project rewritten(Draft draft, Instant now) {
        if (status != ProjectStatus.DRAFT) {
            throw RuleRefusedException.stateConflict("frozen", "Project " + id + " is " + status + ": only a draft can change", "status");
        }
        Project rewritten = fromDraft(id, county, draft, createdBy, now);
        return new Project(id, county, rewritten.ownerKind, rewritten.household, rewritten.cooperative, rewritten.village, rewritten.title,
                rewritten.story, rewritten.photos, rewritten.goalFen, rewritten.startsAt, rewritten.deadline, rewritten.deliveryFrom,
                rewritten.deliveryTo, status, createdBy, createdAt, null, null, reviewNote, null, null, null, null, null, null, null);
    }

    private static Project fromDraft(UUID id, CountyCode county, Draft draft, String createdBy, Instant now) {
        if (draft.ownerKind() == null) {
            throw new InvalidValueException("ownerKind", "is required: HOUSEHOLD or COOPERATIVE");
        }
        UUID household = null;
        String cooperative = null;
        if (draft.ownerKind() == OwnerKind.HOUSEHOLD) {
            if (draft.household() == null) {
                throw new InvalidValueException("household", "is required for a household's project");
            }
            household = draft.household();
        } else {
            cooperative = text("cooperative", draft.cooperative(), MAX_COOPERATIVE);
        }
        if (draft.village() == null || !draft.village().matches("\\d{12}")) {
            throw new InvalidValueException("village", "must be the village's 12 digits");
        }
        VillageCode village = VillageCode.of(draft.village());
        if (!village.isIn(county)) {
            throw new InvalidValueException("village", "must be a village of county " + county);
        }
        List<String> photos = draft.photos() == null ? List.of() : List.copyOf(draft.photos());
        if (photos.size() > MAX_PHOTOS) {
            throw new InvalidValueException("photos", "at most " + MAX_PHOTOS + " photos");
        }
        for (int i = 0; i < photos.size(); i++) {
            text("photos[" + i + "]", photos.get(i), MAX_PHOTO_REF);
        }
        long goal = between("goalFen", draft.goalFen(), 1, MAX_GOAL_FEN);
        if (draft.startsAt() == null) {
            throw new InvalidValueException("startsAt", "is required");
        }
        if (draft.deadline() == null || !draft.deadline().isAfter(draft.startsAt())) {
            throw new InvalidValueException("deadline", "is required and after startsAt");
        }
        if (!draft.deadline().isAfter(now)) {
            throw new InvalidValueException("deadline", "must be in the future");
        }
        if (Duration.between(draft.startsAt(), draft.deadline()).compareTo(MAX_CAMPAIGN) > 0) {
            throw new InvalidValueException("deadline", "at most " + MAX_CAMPAIGN.toDays() + " days after startsAt");
        }
        LocalDate deadlineDay = draft.deadline().atZone(ChinaTime.ZONE).toLocalDate();
        if (draft.deliveryFrom() == null || draft.deliveryFrom().isBefore(deadlineDay)) {
            throw new InvalidValueException("deliveryFrom", "is required and not before the deadline's day");
        }
        if (draft.deliveryTo() == null || draft.deliveryTo().isBefore(draft.deliveryFrom())) {
            throw new InvalidValueException("deliveryTo", "is required and not before deliveryFrom");
        }
        return new Project(id, county, draft.ownerKind(), household, cooperative, village, text("title", draft.title(), MAX_TITLE),
                text("story", draft.story(), MAX_STORY), photos, goal, draft.startsAt(), draft.deadline(), draft.deliveryFrom(), draft.deliveryTo(),
                ProjectStatus.DRAFT, createdBy, now, null, null, null, null, null, null, null, null, null, null);
    }

    /** The proceeds' shares: the household alone, or the cooperative's households adding up to the whole. */
    public List<Share> sharesFrom(List<Share> asked) {
        if (ownerKind == OwnerKind.HOUSEHOLD) {
            if (asked != null && !asked.isEmpty() && !(asked.size() == 1 && household.equals(asked.get(0).household())
                    && asked.get(0).basisPoints() == Share.WHOLE)) {
                throw new InvalidValueException("shares", "a household's project gives all of its proceeds to the household; leave shares out");
            }
            return List.of(new Share(household, Share.WHOLE));
        }
        if (asked == null || asked.isEmpty() || asked.size() > MAX_SHARES) {
            throw new InvalidValueException("shares", "a cooperative's project names 1 to " + MAX_SHARES + " households sharing its proceeds");
        }
        Set<UUID> seen = new HashSet<>();
        long sum = 0;
        for (int i = 0; i < asked.size(); i++) {
            Share share = asked.get(i);
            if (share == null || share.household() == null) {
                throw new InvalidValueException("shares[" + i + "].household", "is required");
            }
            if (share.basisPoints() < 1 || share.basisPoints() > Share.WHOLE) {
                throw new InvalidValueException("shares[" + i + "].basisPoints", "must be 1 to " + Share.WHOLE);
            }
            if (!seen.add(share.household())) {
                throw new InvalidValueException("shares[" + i + "].household", "names a household twice");
            }
            sum += share.basisPoints();
        }
        if (sum != Share.WHOLE) {
            throw RuleRefusedException.violated("shares-sum", "The shares add up to " + sum + " basis points, not " + Share.WHOLE, "shares");
        }
        return List.copyOf(asked);
    }

    public Project submitted(String by) {
        requireStatus(ProjectStatus.DRAFT, "submit");
        return with(ProjectStatus.SUBMITTED, by, null, reviewNote, null);
    }

    /** A clerk's review: passed on to an admin, or returned to the draft with the reason. */
    public Project reviewed(boolean passed, String note, String by) {
        requireStatus(ProjectStatus.SUBMITTED, "review");
        if (!passed && (note == null || note.isBlank())) {
            throw new InvalidValueException("note", "is required when a project is returned");
        }
        String cleanNote = note == null || note.isBlank() ? null : text("note", note, MAX_NOTE);
        return passed ? with(ProjectStatus.REVIEWED, submittedBy, by, cleanNote, null) : with(ProjectStatus.DRAFT, null, null, cleanNote, null);
    }

    /** An admin's approval publishes it; the approver is not its reviewer (four eyes). */
    public Project approved(boolean approve, String note, String by, Instant now) {
        requireStatus(ProjectStatus.REVIEWED, "approve");
        if (by.equals(reviewedBy)) {
            throw RuleRefusedException.violated("four-eyes", by + " reviewed this project; another county admin approves it", "approve");
        }
        if (!approve) {
            if (note == null || note.isBlank()) {
                throw new InvalidValueException("note", "is required when a project is returned");
            }
            return with(ProjectStatus.DRAFT, null, null, text("note", note, MAX_NOTE), null);
        }
        if (!deadline.isAfter(now)) {
            throw RuleRefusedException.violated("deadline-passed", "The deadline " + deadline + " has passed; return it to be redated", "deadline");
        }
        Project published = with(ProjectStatus.PUBLISHED, submittedBy, reviewedBy, note == null || note.isBlank() ? reviewNote : text("note", note, MAX_NOTE), by);
        return new Project(id, county, ownerKind, household, cooperative, village, title, story, photos, goalFen, startsAt, deadline, deliveryFrom,
                deliveryTo, published.status, createdBy, createdAt, submittedBy, reviewedBy, published.reviewNote, by, now, null, null, null, null, null);
    }

    /** Whether a pledge may be made now: published, started and before the deadline. */
    public void requireOpen(Instant now) {
        if (status != ProjectStatus.PUBLISHED || now.isBefore(startsAt) || !now.isBefore(deadline)) {
            throw RuleRefusedException.violated("not-open", "Project " + id + " takes pledges from " + startsAt + " until " + deadline
                    + " once published; it is " + status, "project");
        }
    }

    public Project settled(boolean funded, Instant now) {
        requireStatus(ProjectStatus.PUBLISHED, "settle");
        return copy(funded ? ProjectStatus.FUNDED : ProjectStatus.FAILED, now, cancelledBy, cancelReason, deliveredBy, deliveredAt);
    }

    /** Cancelled by the county (the harvest failed): every paid pledge is refunded. */
    public Project cancelled(String reason, String by) {
        if (status != ProjectStatus.PUBLISHED && status != ProjectStatus.FUNDED) {
            throw RuleRefusedException.stateConflict("not-cancellable", "Project " + id + " is " + status
                    + ": only a published or funded project not yet delivered can be cancelled", "status");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidValueException("reason", "is required: backers are told why they are refunded");
        }
        return copy(ProjectStatus.CANCELLED, settledAt, by, text("reason", reason, MAX_NOTE), deliveredBy, deliveredAt);
    }

    public Project delivered(String by, Instant now) {
        requireStatus(ProjectStatus.FUNDED, "confirm the delivery of");
        return copy(ProjectStatus.DELIVERED, settledAt, cancelledBy, cancelReason, by, now);
    }

    private void requireStatus(ProjectStatus expected, String action) {
        if (status != expected) {
            throw RuleRefusedException.stateConflict("wrong-status", "Cannot " + action + " project " + id + ": it is " + status + ", not " + expected,
                    "status");
        }
    }

    private Project with(ProjectStatus next, String submittedBy, String reviewedBy, String note, String approvedBy) {
        return new Project(id, county, ownerKind, household, cooperative, village, title, story, photos, goalFen, startsAt, deadline, deliveryFrom,
                deliveryTo, next, createdBy, createdAt, submittedBy, reviewedBy, note, approvedBy, publishedAt, settledAt, cancelledBy, cancelReason,
                deliveredBy, deliveredAt);
    }

    private Project copy(ProjectStatus next, Instant settledAt, String cancelledBy, String cancelReason, String deliveredBy, Instant deliveredAt) {
        return new Project(id, county, ownerKind, household, cooperative, village, title, story, photos, goalFen, startsAt, deadline, deliveryFrom,
                deliveryTo, next, createdBy, createdAt, submittedBy, reviewedBy, reviewNote, approvedBy, publishedAt, settledAt, cancelledBy,
                cancelReason, deliveredBy, deliveredAt);
    }

    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field, "is required");
        }
        String trimmed = value.strip();
        if (trimmed.length() > max) {
            throw new InvalidValueException(field, "at most " + max + " characters");
        }
        return trimmed;
    }

    static long between(String field, Long value, long min, long max) {
        if (value == null) {
            throw new InvalidValueException(field, "is required");
        }
        if (value < min || value > max) {
            throw new InvalidValueException(field, "must be " + min + " to " + max);
        }
        return value;
    }
}
