-- Accounts, teams, server-side sessions, API tokens, sign-in throttling and the audit log.
-- Secrets are never stored: sessions and tokens keep only the SHA-256 of the random value,
-- passwords only their scrypt hash ('scrypt$N$r$p$salt$hash', base64url).

create table teams (
  id          text primary key,                 -- slug, e.g. 'ryd'
  name        text not null,
  district_id text references districts(id) on delete set null,
  created_at  timestamptz not null default now()
);

create table users (
  id                  text primary key,         -- UUID as text (other tables refer to it as text)
  email               text not null,
  password_hash       text not null,
  role                text not null check (role in ('field', 'teamleader', 'chief', 'partner', 'admin')),
  team_id             text references teams(id) on delete set null,
  disabled_at         timestamptz,              -- a disabled account cannot sign in; its sessions end
  password_changed_at timestamptz not null default now(),
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now()
);
create unique index users_email_idx on users (lower(email));

create table sessions (
  id           text primary key,               -- hex SHA-256 of the cookie value
  user_id      text not null references users(id) on delete cascade,
  created_at   timestamptz not null,
  last_seen_at timestamptz not null,           -- idle expiry counts from here
  expires_at   timestamptz not null,           -- absolute expiry
  ip           text,
  user_agent   text
);
create index sessions_user_idx on sessions (user_id);

create table api_tokens (
  id           text primary key,               -- UUID, shown in lists and the audit log
  token_hash   text not null unique,           -- hex SHA-256 of the token
  name         text not null,
  user_id      text not null references users(id) on delete cascade, -- the account it acts for
  scopes       text[] not null,                -- permissions, a subset of the account's role
  created_by   text references users(id) on delete set null,
  created_at   timestamptz not null,
  expires_at   timestamptz,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
create index api_tokens_user_idx on api_tokens (user_id);

-- Failed sign-ins per key ('account:<email>' or 'ip:<address>'), cleared by a success.
create table login_failures (
  key         text primary key,
  failures    integer not null,
  last_at     timestamptz not null,
  locked_until timestamptz
);

-- Who read or changed what, when. Written for every read of personal data, exact resident
-- locations or staff tracks, and for account changes.
create table audit_log (
  id          bigint generated always as identity primary key,
  at          timestamptz not null,
  actor_id    text,                            -- user id; null for anonymous or system
  actor_label text not null,                   -- e-mail, token name or 'anonymous' at the time
  action      text not null,                   -- e.g. 'contacts.read', 'users.create', 'auth.login'
  target      text,                            -- e.g. 'report:<uuid>', 'user:<id>'
  detail      jsonb,
  ip          text,
  request_id  text
);
create index audit_log_at_idx on audit_log (at desc, id desc);
create index audit_log_actor_idx on audit_log (actor_id, at desc);

-- Who submitted a report (null for anonymous residents), so partners see their own.
alter table reports add column submitted_by text;
create index reports_submitted_by_idx on reports (submitted_by, observed_to desc) where submitted_by is not null;
