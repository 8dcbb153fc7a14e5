"""CLI commands for data-subject requests: `provenance` (access, GDPR Art. 15) and `forget` (erasure, Art. 17;
objection, Art. 21). Registered on leadscout.cli's app when that module is imported."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Optional

import typer
from rich.table import Table

from leadscout.cli import DbOption, UsageProblem, _say, _settings, app, console

QueryArgument = Annotated[str, typer.Argument(help="An email address, a phone number (best in international "
                                              "form, +44 20 ...) or a person's name.", show_default=False)]
SiteOption = Annotated[Optional[str], typer.Option("--site", help="Only people of this site (registered domain "
                                                   "as stored, e.g. acme.com).")]


@app.command()
def provenance(
    query: QueryArgument,
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    site: SiteOption = None,
    db: DbOption = None,
) -> None:
    """Where and when every stored value about a person came from: source URL, fetch time, extractor, page hash.

    Example: leadscout provenance jane.doe@acme.com --format json --db sqlite:///leads.db
    """
    from leadscout.privacy.lookup import parse_query
    from leadscout.privacy.provenance import provenance as build
    from leadscout.store import create_store_engine

    if fmt not in ("table", "json"):
        raise UsageProblem(f"unknown --format {fmt!r}; choose table or json")
    settings = _settings(db)
    parsed = parse_query(query, default_region=settings.default_region)
    with create_store_engine(settings.db).connect() as conn:
        report = build(conn, parsed, site=site)
    if fmt == "json":
        sys.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    data = report.as_dict()
    for person in data["people"]:
        console.print(f"person {person['person_id']}: {person['name']} at {person['site']} — status "
                      f"{person['status']}, confidence {person['confidence']:.2f}, first seen "
                      f"{person['first_seen']}, last seen {person['last_seen']}, last re-validated "
                      f"{person['last_validated_at'] or 'never'}", markup=False, highlight=False)
        table = Table("field", "value", "source_url", "fetched_at", "extractor", "page_sha256")
        for fact in person["fields"]:
            table.add_row(fact["field"], fact["value"], fact["source_url"], fact["fetched_at"], fact["extractor"],
                          fact["page_sha256"][:16] + "…")
        console.print(table)
        for link in person["links"]:
            console.print(f"  {link['kind']} link: {link['other_name'] or link['other_key']} (score "
                          f"{link['score']:.2f}, {link['resolver']}, {link['created_at']})", markup=False,
                          highlight=False)
        for change in person["history"]:
            console.print(f"  {change['changed_at']}: {change['field']} {change['old_value']} -> "
                          f"{change['new_value']} ({change['reason']})", markup=False, highlight=False)
        for sent in person["exports"]:
            console.print(f"  exported to {sent['destination']}: {sent['status']} at {sent['sent_at']}",
                          markup=False, highlight=False)
    if data["company_contact_points"]:
        table = Table("site", "field", "value", "source_url", "fetched_at", "extractor",
                      title="Also stored as a company contact point")
        for fact in data["company_contact_points"]:
            table.add_row(fact["site"], fact["field"], fact["value"], fact["source_url"], fact["fetched_at"],
                          fact["extractor"])
        console.print(table)
    if not data["people"] and not data["company_contact_points"]:
        _say("leadscout: no stored data matches the query"
             + ("; it is on the suppression list (erased or objected)" if data["suppressed"] else ""))


@app.command()
def forget(
    query: QueryArgument,
    object_only: Annotated[bool, typer.Option("--object-only", help="Objection to marketing: keep the record, "
                                              "but leave the person out of every export and the scorer feed "
                                              "from now on.")] = False,
    site: SiteOption = None,
    every: Annotated[bool, typer.Option("--all", help="Act on every person a name or phone matches (several "
                                        "people, several sites).")] = False,
    db: DbOption = None,
) -> None:
    """Erase a person and suppress them, so no crawl or export brings them back (or record an objection).

    Erasure deletes the record, its field history, cached pages holding the person and pending exports.
    With --object-only the record stays but leaves every export and the scorer feed (objection to marketing).

    Example: leadscout forget jane.doe@acme.com --db sqlite:///leads.db
    """
    from leadscout.privacy.forget import forget as run
    from leadscout.privacy.lookup import parse_query
    from leadscout.store import create_store_engine

    settings = _settings(db)
    parsed = parse_query(query, default_region=settings.default_region)
    summary = run(create_store_engine(settings.db), parsed, site=site, object_only=object_only, all_matches=every)
    if object_only:
        _say(f"leadscout: objection recorded for {summary.people} people: left out of every export and the scorer "
             f"feed from now on; {summary.pending_exports} pending exports dropped; {summary.suppressed} "
             f"identifiers suppressed")
    else:
        _say(f"leadscout: erased {summary.people} people ({summary.facts} field values, {summary.history} history "
             f"entries, {summary.pages} cached pages, {summary.pending_exports} pending exports, "
             f"{summary.company_contact_points} company contact points); {summary.suppressed} identifiers "
             f"suppressed")
    if summary.shared_kept:
        _say(f"leadscout: {summary.shared_kept} email/phone values are shared with colleagues or the company "
             "(a switchboard) and were not suppressed; the person's name and own addresses were")
    if not summary.people:
        _say("leadscout: no stored person matched; the identifier is suppressed so it is never collected")
    for destination, record in summary.recipients:
        _say(f"leadscout: already sent to {destination}" + (f" (record {record})" if record else "")
             + f": {'flag it do-not-contact' if object_only else 'erase it'} there too")


def _errors() -> tuple[type[Exception], ...]:
    from leadscout.privacy.forget import ForgetError
    from leadscout.privacy.lookup import QueryError

    return (ForgetError, QueryError)


PRIVACY_ERRORS = _errors()
"""Bad input these commands report in one line with exit code 2."""
