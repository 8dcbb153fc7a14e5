"""The one schema of the store (SQLAlchemy 2 Core), shared by SQLite and PostgreSQL.

Uniqueness constraints carry idempotency: every write is an upsert on one of
them, so storing the same page or contact twice never creates a second row.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

# A crawl (or other) job and its outcome.
jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(32), nullable=False),  # crawl, export, revalidate, ...
    Column("status", String(16), nullable=False),  # running, done, failed
    Column("params", JSON, nullable=False),
    Column("error", Text),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
)

# A prospect company's website; `site` is the registered domain (host:port for IP literals).
sites = Table(
    "sites",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("site", String(255), nullable=False, unique=True),
    Column("seed_url", Text, nullable=False),
    Column("company", Text),
    Column("country", String(2)),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Crawl state of one site within one job: what a killed job resumes from.
job_sites = Table(
    "job_sites",
    metadata,
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE"), primary_key=True),
    Column("status", String(16), nullable=False),  # pending, running, done, failed
    Column("reason", Text),
    Column("pages_fetched", Integer, nullable=False, default=0),
    Column("skipped", JSON),  # links not followed, per reason: {"page_budget": 12, "binary": 3}
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

# Crawl state of one URL within one job (the frontier and its outcomes).
crawl_urls = Table(
    "crawl_urls",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="CASCADE"), nullable=False),
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("url", Text, nullable=False),
    Column("url_sha256", String(64), nullable=False),
    Column("depth", Integer, nullable=False, default=0),
    Column("status", String(16), nullable=False),  # pending, done, failed, skipped
    Column("reason", Text),
    Column("attempts", Integer, nullable=False, default=0),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("job_id", "url_sha256", name="uq_crawl_urls_job_url"),
    Index("ix_crawl_urls_job_status", "job_id", "status"),
)

# The latest fetch of each URL. HTML is kept so extraction can be re-run offline.
pages = Table(
    "pages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False),
    Column("url_sha256", String(64), nullable=False, unique=True),
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="SET NULL")),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("status", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("language", String(35)),
    Column("title", Text),
    Column("html", Text),
    Column("headers", JSON),  # response headers (lowercase names), see records.Page.headers
    Column("extracted_sha256", String(64)),  # body hash the stored contacts were extracted from
)

# A person, resolved within a site by normalized name (identity resolution deepens this).
people = Table(
    "people",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("person_key", String(255), nullable=False),
    Column("full_name", Text, nullable=False),
    Column("given", Text, nullable=False, default=""),
    Column("family", Text, nullable=False, default=""),
    Column("title", Text),
    Column("function", String(32)),  # business function of the title (ner.titlemap), e.g. "sales"
    Column("seniority", String(16)),  # c_level, vp, director, manager, individual
    Column("company", Text),
    Column("confidence", Float, nullable=False, default=0.0),
    Column("status", String(16), nullable=False, default="active"),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    UniqueConstraint("site_id", "person_key", name="uq_people_site_key"),
)

# Every value of every field of a person, with where and when it came from.
person_facts = Table(
    "person_facts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("field", String(16), nullable=False),  # name, title, email, phone, fax, social
    Column("value", Text, nullable=False),
    Column("raw", Text),
    Column("source_url", Text, nullable=False),
    Column("source_sha256", String(64), nullable=False),  # sha256 of source_url, for the unique key
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("extractor", String(64), nullable=False),
    Column("page_sha256", String(64), nullable=False),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    UniqueConstraint("person_id", "field", "value", "source_sha256", name="uq_person_facts"),
    Index("ix_person_facts_field_value", "field", "value"),
)

# Identity evidence of a person: people rows merged into it (kind "merged", other_key = the merged row's
# person_key, so a re-crawl that brings the variant back is merged again) and public profiles linked to it
# (kind "profile", other_key = source:profile url). Score and field-by-field evidence say why.
person_links = Table(
    "person_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), nullable=False),  # merged, profile
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE")),
    Column("other_key", Text, nullable=False),
    Column("other_name", Text),
    Column("other_id", Integer),  # the merged people row's former id
    Column("score", Float, nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("resolver", String(64), nullable=False),  # e.g. enrichment.resolve/1
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("person_id", "kind", "other_key", name="uq_person_links"),
    Index("ix_person_links_kind_key", "kind", "other_key"),
)

# What a site says about the company as a whole (switchboard, info@, fax, socials).
site_facts = Table(
    "site_facts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("site_id", Integer, ForeignKey("sites.id", ondelete="CASCADE"), nullable=False),
    Column("field", String(16), nullable=False),  # company, email, phone, fax, social
    Column("value", Text, nullable=False),
    Column("source_url", Text, nullable=False),
    Column("source_sha256", String(64), nullable=False),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("extractor", String(64), nullable=False),
    Column("page_sha256", String(64), nullable=False),
    UniqueConstraint("site_id", "field", "value", "source_sha256", name="uq_site_facts"),
)

# Salted hashes of erased or objecting people's identifiers (email, phone, name@site).
suppression = Table(
    "suppression",
    metadata,
    Column("key_hash", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),  # email, phone, name
    Column("reason", String(32), nullable=False),  # erasure, objection
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# The latest re-validation of each person (leadscout.revalidate): when, what it found, the evidence-based
# confidence the status factor is applied to.
person_validation = Table(
    "person_validation",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("validated_at", DateTime(timezone=True), nullable=False),
    Column("status", String(16), nullable=False),  # active, stale, departed, invalid
    Column("on_page", Integer),  # 1 still on a source page, 0 not, NULL unknown (page unreachable)
    Column("base_confidence", Float, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="SET NULL")),
)

# The validation stage's verdict on each person (validation.store): valid/suspect/invalid, the 0..1
# confidence it was computed with and its reasons ([{code, message}]); recomputed on every validation run.
person_verdicts = Table(
    "person_verdicts",
    metadata,
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
    Column("verdict", String(16), nullable=False),  # valid, suspect, invalid
    Column("confidence", Float, nullable=False),
    Column("fake_name", Boolean, nullable=False),
    Column("reasons", JSON, nullable=False),
    Column("checks", JSON, nullable=False),  # the check profile clustering used: {feature: 0..1}
    Column("validated_at", DateTime(timezone=True), nullable=False),
    Column("validator", String(32), nullable=False),  # e.g. validation/1
)

# Every change re-validation (or an objection) made to a person, with when and why; erased with the person.
person_history = Table(
    "person_history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
    Column("field", String(16), nullable=False),  # status, confidence, email, phone
    Column("old_value", Text),
    Column("new_value", Text),
    Column("reason", Text),
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="SET NULL")),
    Index("ix_person_history_person", "person_id", "changed_at"),
)

# A named lock (one run of a job at a time, across processes and machines): a lease its holder renews.
run_locks = Table(
    "run_locks",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("owner", String(128), nullable=False),  # host:pid:token
    Column("acquired_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

# When each schedule of `leadscout schedule` last ran: what a restarted scheduler catches up from.
schedule_state = Table(
    "schedule_state",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("last_run_at", DateTime(timezone=True), nullable=False),
    Column("last_finished_at", DateTime(timezone=True)),
    Column("last_status", String(16), nullable=False),  # registered, running, done, failed
    Column("last_error", Text),
)

# What was sent where, when, with which result: a re-run sends only what is unconfirmed.
export_ledger = Table(
    "export_ledger",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("destination", String(32), nullable=False),  # csv, hubspot, salesforce, scorer, ...
    Column("person_id", Integer, ForeignKey("people.id", ondelete="CASCADE"), nullable=False),
    Column("record_key", Text, nullable=False),  # the upsert key at the destination
    Column("payload_sha256", String(64), nullable=False),
    Column("status", String(16), nullable=False),  # pending, confirmed, failed, conflict
    Column("result", Text),
    Column("sent_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("destination", "person_id", name="uq_export_ledger_dest_person"),
)

# One unit of a distributed job's work (a site's task "site:<site>", a batch stage "stage:<name>") and
# who holds it: a worker's claim is a lease it renews while working, so a task redelivered after a
# worker died is taken over once the lease runs out, and a duplicate delivery never runs twice at once.
job_tasks = Table(
    "job_tasks",
    metadata,
    Column("job_id", Integer, ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
    Column("unit", String(320), primary_key=True),
    Column("state", String(16), nullable=False),  # queued, running, done, failed
    Column("owner", String(128)),  # host:pid:token of the worker holding the lease
    Column("lease_until", DateTime(timezone=True)),
    Column("deliveries", Integer, nullable=False, default=0),  # claims so far (1 = never redelivered)
    Column("error", Text),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_job_tasks_job_state", "job_id", "state"),
)

# Key/value settings of the store itself (salt for suppression hashes, schema version).
store_meta = Table(
    "store_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

SCHEMA_VERSION = "1"
