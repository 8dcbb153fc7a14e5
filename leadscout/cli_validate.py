"""CLI command `validate`: a lead list (CSV/JSONL) in, the same rows out with verdicts. Registered on
leadscout.cli's app when that module is imported."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from leadscout.cli import _say, app, err_console
from leadscout.config import load_settings
from validation.errors import VALIDATION_ERRORS, LeadFileError


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="Lead list: CSV with a header, or JSONL (one object per line).",
                                         show_default=False)],
    fmt: Annotated[Optional[str], typer.Option("--format", help="jsonl or csv [default: the input's].",
                                               show_default=False)] = None,
    no_dns: Annotated[bool, typer.Option("--no-dns", help="Offline: skip the DNS mail-server checks.")] = False,
    dns_server: Annotated[Optional[str], typer.Option("--dns-server", help="IP:PORT of the DNS server to ask "
                                                      "[env LEADSCOUT_DNS_SERVER; default: the system's].",
                                                      show_default=False)] = None,
    dns_timeout: Annotated[float, typer.Option("--dns-timeout", min=0.1, help="Seconds per domain lookup.")] = 3.0,
    mapping: Annotated[Optional[list[str]], typer.Option("--map", help="COL=FIELD, overriding column detection; "
                                                         "FIELD is name, first_name, last_name, email, phone, "
                                                         "company, website, country, title or ignore.",
                                                         show_default=False)] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="Write here instead of stdout.",
                                                show_default=False)] = None,
    region: Annotated[Optional[str], typer.Option("--region", help="Country national-format phones are read in "
                                                  "when a row gives none [env LEADSCOUT_DEFAULT_REGION].",
                                                  show_default=False)] = None,
    smtp_check: Annotated[bool, typer.Option("--smtp-check", help="Also ask each mail server whether the mailbox "
                                             "exists (RCPT TO, no mail sent). Off by default: see the README "
                                             "for the risks.")] = False,
    smtp_port: Annotated[int, typer.Option("--smtp-port", min=1, max=65535, help="SMTP port of mail servers.")] = 25,
    smtp_helo: Annotated[str, typer.Option("--smtp-helo", help="EHLO name: this host's real name.")] = "localhost",
    smtp_from: Annotated[str, typer.Option("--smtp-from", help="Envelope sender (empty: the null sender <>).")] = "",
    smtp_interval: Annotated[float, typer.Option("--smtp-interval", min=0.0, help="Seconds between probes of one "
                                                 "mail server.")] = 2.0,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Permit SMTP probes of mail servers on "
                                                "loopback/private addresses (off by default; tests use it).")]
    = False,
) -> None:
    """Check a lead list: is each contact real and reachable? Adds verdict, confidence, fake_name and reasons.

    Columns are found by name (name, first_name, last_name, email, phone, company, website, country, title);
    malformed rows are reported with their line number and kept, marked invalid.

    Example: leadscout validate leads.csv --no-dns --map "E-Mail Adresse=email" --out checked.csv
    """
    from leadscout.progress import rich_progress
    from validation.batch import ValidateOptions
    from validation.deliverability import DnsOptions
    from validation.run import validate_file
    from validation.smtp import SmtpOptions

    from validation.deliverability import parse_nameserver

    if dns_server is not None:
        parse_nameserver(dns_server)  # one line naming the flag, before the settings' own check
    settings = load_settings(dns_server=dns_server, default_region=region)
    import phonenumbers

    if settings.default_region.upper() not in phonenumbers.SUPPORTED_REGIONS:
        raise LeadFileError(f"--region {settings.default_region!r} is not a country code libphonenumber knows; "
                            "use ISO 3166-1 alpha-2, e.g. US, GB, DE")
    if smtp_check and no_dns:
        raise LeadFileError("--smtp-check needs DNS to find mail servers; drop --no-dns")
    server = dns_server or settings.dns_server
    if server and not no_dns:
        parse_nameserver(server)  # a malformed value is bad input before any work starts
    dns = None if no_dns else DnsOptions(nameserver=server, timeout=dns_timeout)
    smtp = SmtpOptions(enabled=smtp_check, port=smtp_port, helo_name=smtp_helo, mail_from=smtp_from,
                       min_interval=smtp_interval, allow_private=allow_private)
    options = ValidateOptions(dns=dns, smtp=smtp, default_region=settings.default_region.upper())
    target = out.with_name(out.name + ".part") if out else None
    try:
        stream = target.open("w", encoding="utf-8", newline="") if target else sys.stdout
    except OSError as exc:
        raise LeadFileError(f"cannot write {out}: {exc.strerror}") from None
    try:
        with rich_progress(err_console) as progress:
            summary = validate_file(file, stream, fmt=fmt, mapping=mapping or [], options=options,
                                    progress=progress, warn=lambda line: _say(f"leadscout: {file}: {line}"))
    except BaseException:
        if target:
            stream.close()
            target.unlink(missing_ok=True)
        raise
    if target and out:
        stream.close()
        target.replace(out)  # the output appears complete or not at all
    counts = ", ".join(f"{summary.verdicts.get(v, 0)} {v}" for v in ("valid", "suspect", "invalid"))
    malformed = f"; {summary.malformed} malformed rows kept" if summary.malformed else ""
    _say(f"leadscout: {summary.rows} rows: {counts}{malformed}; clustering: {summary.clustering}"
         + (f"; written to {out}" if out else ""))


VALIDATE_ERRORS = VALIDATION_ERRORS
"""Bad input `validate` reports in one line with exit code 2."""
