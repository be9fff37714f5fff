-- Skills back to the household file (issue 20): the training service's certificates (training.certificate-issued.v1,
-- training.certificate-revoked.v1) of registered members, each with the skill it gives. A revocation that arrives
-- before its certificate is kept too (issued_on still null), so that the late certificate gives nothing.
create table member_skill_certificate (
    county_code    char(6)     not null,
    certificate_id uuid        not null,
    member_id      uuid        not null,
    -- The household's e-commerce skill (EcommerceSkill); null for a course that gives none.
    skill          text,
    issued_on      date,
    expires_on     date,
    revoked_at     timestamptz,
    recorded_at    timestamptz not null default now(),
    primary key (county_code, certificate_id),
    foreign key (county_code, member_id) references member (county_code, id) on delete cascade
);
create index member_skill_certificate_by_member on member_skill_certificate (county_code, member_id, skill);
select enable_county_isolation('member_skill_certificate');

-- The member's skills that are on the file only because of certificates: a revocation may take off these and no
-- other (a skill a clerk or an import recorded stays). Always part of ecommerce_skills; a clerk's edit or an import
-- that leaves a skill out takes it off both.
alter table member add column certificate_skills text[] not null default '{}';
alter table member add constraint member_certificate_skills_on_file check (certificate_skills <@ ecommerce_skills);
