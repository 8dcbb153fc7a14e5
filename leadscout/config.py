"""Configuration: flags, then environment, then ``leadscout.toml``, then defaults."""

from __future__ import annotations

import ipaddress
import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_DB = "sqlite:///leadscout.db"
CONFIG_FILE = "leadscout.toml"
SCHEDULES_TABLE = "schedules"


class ConfigError(ValueError):
    """A configuration value is missing or malformed; the message says what to fix."""


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Everything leadscout reads from its environment, resolved once per command."""

    db: str = DEFAULT_DB
    """SQLAlchemy URL of the store (``LEADSCOUT_DB``)."""
    broker_url: str = "redis://127.0.0.1:6379/0"
    """Celery broker (``LEADSCOUT_BROKER_URL``)."""
    broker_queue: str = "leadscout"
    """Queue of a distributed deployment, also the prefix of its Redis keys (``LEADSCOUT_BROKER_QUEUE``)."""
    broker_visibility_timeout: float = 600.0
    """Seconds before Redis hands an unacknowledged task (its worker died) to another worker
    (``LEADSCOUT_BROKER_VISIBILITY_TIMEOUT``)."""
    worker_lease: float = 60.0
    """Seconds a worker's claim on a site lasts without renewal (``LEADSCOUT_WORKER_LEASE``)."""
    spacy_model: str | None = None
    """spaCy pipeline to load (``LEADSCOUT_SPACY_MODEL``); None = best installed English model."""
    user_agent: str = "leadscout/0.1 (+https://github.com/leadscout/leadscout; lead research crawler)"
    """Honest User-Agent sent with every request (``LEADSCOUT_USER_AGENT``)."""
    default_region: str = "US"
    """Phone region used when a page gives no hint (``LEADSCOUT_DEFAULT_REGION``)."""
    dns_server: str | None = None
    """``host:port`` of the DNS server the crawler uses (``LEADSCOUT_DNS_SERVER``); None = the system's."""
    allow_networks: str = ""
    """Comma-separated CIDRs of non-public networks that may be crawled (``LEADSCOUT_ALLOW_NETWORKS``)."""
    focused: bool = True
    """Rank links and read sitemaps (``LEADSCOUT_FOCUSED``); false = breadth-first, for comparisons."""
    download_maxsize: int = 16 * 1024 * 1024
    """Largest body accepted, in bytes, after decompression (``LEADSCOUT_DOWNLOAD_MAXSIZE``)."""
    download_timeout: float = 30.0
    """Seconds before a download is abandoned (``LEADSCOUT_DOWNLOAD_TIMEOUT``)."""
    revalidate_after: str = "30d"
    """People not confirmed for this long are re-validated (``LEADSCOUT_REVALIDATE_AFTER``; 30d, 2w, 12h)."""
    retention_days: int = 365
    """People not seen and pages not fetched for this many days are purged by ``leadscout purge`` and after
    each ``revalidate`` (``LEADSCOUT_RETENTION_DAYS``); 0 keeps everything."""
    hubspot_url: str = "https://api.hubapi.com"
    """HubSpot API base (``LEADSCOUT_HUBSPOT_URL``)."""
    hubspot_token: str | None = None
    """HubSpot private-app token (``LEADSCOUT_HUBSPOT_TOKEN``)."""
    salesforce_url: str | None = None
    """Salesforce instance URL (``LEADSCOUT_SALESFORCE_URL``)."""
    hubspot_company_id_property: str = "domain"
    """Unique company property HubSpot upserts companies by (``LEADSCOUT_HUBSPOT_COMPANY_ID_PROPERTY``)."""
    salesforce_client_id: str | None = None
    """Connected-app consumer key for the OAuth token endpoint (``LEADSCOUT_SALESFORCE_CLIENT_ID``)."""
    salesforce_client_secret: str | None = None
    """Connected-app consumer secret (``LEADSCOUT_SALESFORCE_CLIENT_SECRET``)."""
    salesforce_username: str | None = None
    """Username for the OAuth password flow; unset = client-credentials flow (``LEADSCOUT_SALESFORCE_USERNAME``)."""
    salesforce_password: str | None = None
    """Password (+ security token) for the password flow (``LEADSCOUT_SALESFORCE_PASSWORD``)."""
    salesforce_api_version: str = "62.0"
    """REST API version used for Bulk API 2.0 (``LEADSCOUT_SALESFORCE_API_VERSION``)."""
    salesforce_external_id: str = "Leadscout_Id__c"
    """External-id field on Lead that upserts are keyed by (``LEADSCOUT_SALESFORCE_EXTERNAL_ID``)."""


_ENV = {f.name: f"LEADSCOUT_{f.name.upper()}" for f in fields(Settings)}


def load_settings(
    *, config_file: Path | None = None, environ: dict[str, str] | None = None, **overrides: Any
) -> Settings:
    """Resolve settings: explicit ``overrides`` (flags) win over env, env over the TOML file.

    A ``None`` override means "not given on the command line".
    """
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    path = config_file or Path(CONFIG_FILE)
    if path.is_file():
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc}); fix or remove the file") from exc
        section = dict(table.get("leadscout", table))
        section.pop(SCHEDULES_TABLE, None)  # read by leadscout.jobs.schedule, not a setting
        unknown = set(section) - set(_ENV)
        if unknown:
            raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}")
        values.update(section)
    for name, var in _ENV.items():
        if environ.get(var):
            values[name] = environ[var]
    values.update({k: v for k, v in overrides.items() if v is not None})
    settings = replace(Settings(), **{name: _coerce(name, value) for name, value in values.items()})
    _check(settings)
    return settings


def _check(settings: Settings) -> None:
    for network in filter(None, (n.strip() for n in settings.allow_networks.split(","))):
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError:
            raise ConfigError(f"LEADSCOUT_ALLOW_NETWORKS: {network!r} is not a CIDR network like 10.1.0.0/16") from None
    if settings.dns_server is not None:
        host, _, port = settings.dns_server.rpartition(":")
        if not host or not port.isdigit():
            raise ConfigError(f"LEADSCOUT_DNS_SERVER={settings.dns_server!r}: write it as HOST:PORT, e.g. 127.0.0.1:53")


def _coerce(name: str, value: Any) -> Any:
    """Environment values are strings: turn them into the type of the setting's default."""
    default = getattr(Settings(), name)
    if isinstance(default, bool):
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    if isinstance(default, (int, float)) and not isinstance(value, (int, float)):
        try:
            return type(default)(value)
        except ValueError:
            raise ConfigError(f"{_ENV[name]}={value!r} is not a number") from None
    return value
