-- Only this service's tables: joined_county and village (the county copy), and known_household (the household copy) are
-- the platform's. Every tenant table carries county_code, leads its primary key with it and gets row-level security.

create table course (
    county_code        char(6)      not null,
    id                 uuid         not null,
    title              text         not null check (length(title) between 1 and 100),
    level              text         not null check (level in ('BASICS', 'SHOP_OPERATION', 'LIVE_STREAMING', 'PRODUCT_PHOTOGRAPHY',
                                                              'PACKAGING_AND_LOGISTICS', 'CUSTOMER_SERVICE', 'CADRE')),
    hours              numeric(5, 1) not null check (hours > 0),
    target_groups      text[]       not null,
    -- The e-commerce skill a certificate of it gives a registered member (the household registry's EcommerceSkill).
    skill              text         check (skill in ('SHOP_OPERATION', 'LIVE_STREAMING', 'PRODUCT_PHOTOGRAPHY', 'CUSTOMER_SERVICE',
                                                     'PACKING_AND_SHIPPING')),
    attendance_percent integer      not null check (attendance_percent between 1 and 100),
    assessment         boolean      not null,
    -- Months a certificate stays valid (a course that needs refreshing); null: it does not expire.
    valid_months       integer      check (valid_months between 1 and 120),
    created_at         timestamptz  not null,
    primary key (county_code, id)
);
select enable_county_isolation('course');

create table session (
    county_code    char(6)     not null,
    id             uuid        not null,
    course_id      uuid        not null,
    place_kind     text        not null check (place_kind in ('COUNTY_COLLEGE', 'TOWNSHIP', 'VILLAGE', 'ONLINE')),
    township_code  char(9),
    village_code   char(12),
    address        text        not null,
    lecturer       text        not null,
    capacity       integer     not null check (capacity between 1 and 1000),
    -- Enrolled (not waitlisted, not cancelled) people; never above capacity.
    enrolled       integer     not null default 0,
    starts_on      date        not null,
    ends_on        date        not null,
    -- The partner learning app the session runs on: it enrols and checks in only its sessions' people.
    partner_client text,
    created_at     timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, course_id) references course (county_code, id),
    foreign key (county_code, village_code) references village (county_code, code),
    check (starts_on <= ends_on),
    check (enrolled between 0 and capacity)
);
select enable_county_isolation('session');
create index session_by_start on session (county_code, starts_on);

-- One class meeting of a session. Its secret makes the rotating check-in codes; it never leaves the service.
create table sitting (
    county_code char(6)     not null,
    id          uuid        not null,
    session_id  uuid        not null,
    starts_at   timestamptz not null,
    ends_at     timestamptz not null,
    secret      bytea       not null,
    primary key (county_code, id),
    foreign key (county_code, session_id) references session (county_code, id),
    check (starts_at < ends_at)
);
select enable_county_isolation('sitting');
create index sitting_by_session on sitting (county_code, session_id, starts_at);

create table enrolment (
    county_code       char(6)     not null,
    id                uuid        not null,
    session_id        uuid        not null,
    person_kind       text        not null check (person_kind in ('MEMBER', 'OTHER')),
    -- A registered household's member, by the registry's pseudonymous ids.
    household_id      uuid,
    member_id         uuid,
    village_code      char(12),
    -- Anyone else: name and phone (personal data, masked unless the role allows it).
    name              text        not null,
    phone             text,
    target_group      text        not null check (target_group in ('POOR_HOUSEHOLD_MEMBER', 'VILLAGE_CADRE', 'RETURNING_YOUTH', 'GRADUATE',
                                                                   'PERSON_WITH_DISABILITY', 'OTHER')),
    status            text        not null check (status in ('ENROLLED', 'WAITLISTED', 'CANCELLED')),
    -- Order on the waitlist (and of enrolment): the earliest waiting is promoted first.
    queued            bigserial   not null,
    -- The person's own account in the session's learning app: its check-ins must come from that sign-in.
    app_person        text,
    assessment_passed boolean,
    assessed_at       timestamptz,
    enrolled_by       text        not null,
    enrolled_at       timestamptz not null,
    primary key (county_code, id),
    foreign key (county_code, session_id) references session (county_code, id),
    foreign key (county_code, village_code) references village (county_code, code),
    check ((person_kind = 'MEMBER') = (household_id is not null and member_id is not null))
);
select enable_county_isolation('enrolment');
create index enrolment_by_session on enrolment (county_code, session_id, status, queued);
create unique index enrolment_member_once on enrolment (county_code, session_id, member_id) where member_id is not null and status <> 'CANCELLED';

-- Every check-in is kept; only one per person and sitting counts.
create table check_in (
    county_code  char(6)     not null,
    id           uuid        not null,
    sitting_id   uuid        not null,
    enrolment_id uuid        not null,
    method       text        not null check (method in ('QR', 'CODE', 'MANUAL')),
    at           timestamptz not null,
    counted      boolean     not null,
    flag         text        check (flag in ('DUPLICATE', 'LATE')),
    reason       text,
    recorded_by  text        not null,
    primary key (county_code, id),
    foreign key (county_code, sitting_id) references sitting (county_code, id),
    foreign key (county_code, enrolment_id) references enrolment (county_code, id)
);
select enable_county_isolation('check_in');
create unique index check_in_counted_once on check_in (county_code, sitting_id, enrolment_id) where counted;
create index check_in_by_enrolment on check_in (county_code, enrolment_id);

-- A certificate's public code, in one place across counties: the verification page names a code, not a county.
create table certificate_code (
    code           text    not null primary key check (code ~ '^[0-9A-Z]{12}$'),
    county_code    char(6) not null,
    certificate_id uuid    not null
);
comment on table certificate_code is 'across counties: a verification names a code, not a county, before row-level security can apply; it holds only the link';

create table certificate (
    county_code    char(6)     not null,
    id             uuid        not null,
    enrolment_id   uuid        not null,
    course_id      uuid        not null,
    session_id     uuid        not null,
    code           text        not null unique references certificate_code (code),
    holder_name    text        not null,
    household_id   uuid,
    member_id      uuid,
    village_code   char(12),
    issued_on      date        not null,
    expires_on     date,
    status         text        not null check (status in ('VALID', 'REVOKED')),
    revoked_reason text,
    revoked_at     timestamptz,
    reminded_at    timestamptz,
    issued_by      text        not null,
    primary key (county_code, id),
    foreign key (county_code, enrolment_id) references enrolment (county_code, id),
    foreign key (county_code, course_id) references course (county_code, id)
);
select enable_county_isolation('certificate');
create unique index certificate_once on certificate (county_code, enrolment_id);
create index certificate_expiring on certificate (county_code, expires_on) where status = 'VALID';
