-- Only this service's tables: joined_county and village (the county copy) and known_household (the household copy) are
-- the platform's. Every tenant table carries county_code, leads its primary key with it and gets row-level security.
-- Money is whole fen (bigint) everywhere.

-- A household's (or a cooperative's) harvest pre-sale. Goal, dates and tiers freeze once published.
create table project (
    county_code     char(6)     not null,
    id              uuid        not null,
    owner_kind      text        not null check (owner_kind in ('HOUSEHOLD', 'COOPERATIVE')),
    household_id    uuid,
    cooperative     text,
    village_code    char(12)    not null,
    title           text        not null,
    story           text        not null,
    photos          text[]      not null default '{}',
    goal_fen        bigint      not null check (goal_fen > 0),
    starts_at       timestamptz not null,
    deadline        timestamptz not null check (deadline > starts_at),
    delivery_from   date        not null,
    delivery_to     date        not null check (delivery_to >= delivery_from),
    status          text        not null check (status in ('DRAFT', 'SUBMITTED', 'REVIEWED', 'PUBLISHED', 'FUNDED', 'FAILED', 'CANCELLED', 'DELIVERED')),
    created_by      text        not null,
    created_at      timestamptz not null,
    submitted_by    text,
    reviewed_by     text,
    review_note     text,
    approved_by     text,
    published_at    timestamptz,
    settled_at      timestamptz,
    cancelled_by    text,
    cancel_reason   text,
    delivered_by    text,
    delivered_at    timestamptz,
    check ((owner_kind = 'HOUSEHOLD') = (household_id is not null)),
    check ((owner_kind = 'COOPERATIVE') = (cooperative is not null)),
    primary key (county_code, id),
    foreign key (county_code, village_code) references village (county_code, code)
);
select enable_county_isolation('project');
create index project_by_status on project (county_code, status, deadline);
-- The settlement sweep's question across counties: published projects past their deadline.
create index project_due on project (deadline) where status = 'PUBLISHED';

-- The households that share a project's proceeds, in basis points of the whole (they add up to 10,000).
create table project_share (
    county_code  char(6) not null,
    project_id   uuid    not null,
    household_id uuid    not null,
    basis_points integer not null check (basis_points between 1 and 10000),
    primary key (county_code, project_id, household_id),
    foreign key (county_code, project_id) references project (county_code, id)
);
select enable_county_isolation('project_share');

-- A reward tier: a quantity of a product at a price, at most limit_count rewards. taken counts the rewards of pending
-- and paid pledges; the check is the last guard against overselling.
create table tier (
    county_code   char(6)  not null,
    id            uuid     not null,
    project_id    uuid     not null,
    position      integer  not null,
    name          text     not null,
    product       text     not null,
    quantity      text     not null,
    weight_grams  integer  not null check (weight_grams > 0),
    price_fen     bigint   not null check (price_fen > 0),
    limit_count   integer  not null check (limit_count > 0),
    taken         integer  not null default 0,
    lot_code      text,
    lot_product   text,
    lot_linked_by text,
    check (taken between 0 and limit_count),
    primary key (county_code, id),
    unique (county_code, project_id, position),
    foreign key (county_code, project_id) references project (county_code, id)
);
select enable_county_isolation('tier');

-- A backer's pledge, posted by a partner platform under its own key; paid through a payment partner.
create table pledge (
    county_code     char(6)     not null,
    id              uuid        not null,
    project_id      uuid        not null,
    tier_id         uuid        not null,
    client          text        not null,
    pledge_key      text        not null,
    backer_ref      text        not null,
    quantity        integer     not null check (quantity > 0),
    amount_fen      bigint      not null check (amount_fen > 0),
    payment_partner text        not null,
    payment_ref     text        not null,
    status          text        not null check (status in ('PENDING', 'PAID', 'FAILED', 'DROPPED', 'REFUNDING', 'REFUNDED')),
    created_at      timestamptz not null,
    paid_at         timestamptz,
    closed_at       timestamptz,
    primary key (county_code, id),
    unique (county_code, client, pledge_key),
    unique (county_code, payment_partner, payment_ref),
    foreign key (county_code, tier_id) references tier (county_code, id),
    foreign key (county_code, project_id) references project (county_code, id)
);
select enable_county_isolation('pledge');
create index pledge_by_project on pledge (county_code, project_id, status);

-- Every callback a payment partner sent, matched or not (one may arrive before its pledge): idempotent by its id.
create table payment_callback (
    county_code     char(6)     not null,
    payment_partner text        not null,
    callback_id     text        not null,
    kind            text        not null check (kind in ('PAYMENT', 'REFUND')),
    payment_ref     text,
    refund_id       uuid,
    status          text        not null,
    amount_fen      bigint      not null,
    occurred_at     timestamptz not null,
    received_at     timestamptz not null,
    pledge_id       uuid,
    outcome         text        not null,
    primary key (county_code, payment_partner, callback_id)
);
select enable_county_isolation('payment_callback');
create index payment_callback_unmatched on payment_callback (county_code, payment_partner, payment_ref) where pledge_id is null;

-- A refund of a paid pledge, sent to its payment partner until it confirms (the partner is idempotent by the id).
create table refund (
    county_code     char(6)     not null,
    id              uuid        not null,
    pledge_id       uuid        not null,
    project_id      uuid        not null,
    amount_fen      bigint      not null check (amount_fen > 0),
    reason          text        not null check (reason in ('GOAL_MISSED', 'PROJECT_CANCELLED', 'UNDELIVERED', 'LATE_PAYMENT')),
    note            text,
    status          text        not null check (status in ('REQUESTED', 'SENT', 'CONFIRMED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    requested_at    timestamptz not null,
    confirmed_at    timestamptz,
    primary key (county_code, id),
    -- One refund per pledge: a pledge is paid once, so it is given back once.
    unique (county_code, pledge_id),
    foreign key (county_code, pledge_id) references pledge (county_code, id)
);
select enable_county_isolation('refund');
create index refund_due on refund (next_attempt_at) where status <> 'CONFIRMED';
create index refund_by_project on refund (county_code, project_id, status);

-- The project's money, in and out: a paid pledge in, a confirmed refund or a household's payout out. Its sum is what
-- the payment partner still holds for the project; it never goes below zero and ends at zero.
create table money_entry (
    county_code  char(6)     not null,
    id           uuid        not null,
    project_id   uuid        not null,
    kind         text        not null check (kind in ('PLEDGE_PAID', 'REFUND_CONFIRMED', 'PAYOUT')),
    amount_fen   bigint      not null check (amount_fen <> 0),
    pledge_id    uuid,
    refund_id    uuid,
    household_id uuid,
    booked_at    timestamptz not null,
    check ((kind = 'PLEDGE_PAID') = (amount_fen > 0)),
    primary key (county_code, id),
    -- A pledge's payment, a refund and a household's payout are each booked once.
    unique nulls not distinct (county_code, kind, pledge_id, refund_id, household_id),
    foreign key (county_code, project_id) references project (county_code, id)
);
select enable_county_isolation('money_entry');
create index money_entry_by_project on money_entry (county_code, project_id, booked_at);

-- The settlement, written in the transaction that settles: a second attempt (another replica, a restart) finds it.
create table settlement (
    county_code     char(6)     not null,
    project_id      uuid        not null,
    outcome         text        not null check (outcome in ('FUNDED', 'FAILED')),
    raised_fen      bigint      not null,
    goal_fen        bigint      not null,
    paid_pledges    integer     not null,
    dropped_pledges integer     not null,
    refunds         integer     not null,
    settled_at      timestamptz not null,
    settled_by      text        not null,
    primary key (county_code, project_id),
    foreign key (county_code, project_id) references project (county_code, id)
);
select enable_county_isolation('settlement');

-- A household's share of the proceeds, paid out when the project's delivery is confirmed.
create table payout (
    county_code  char(6)     not null,
    project_id   uuid        not null,
    household_id uuid        not null,
    basis_points integer     not null,
    amount_fen   bigint      not null check (amount_fen >= 0),
    paid_on      date        not null,
    primary key (county_code, project_id, household_id),
    foreign key (county_code, project_id) references project (county_code, id)
);
select enable_county_isolation('payout');
