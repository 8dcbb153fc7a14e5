"""Public-profile sources: a small interface (``ProfileSource``) and the ``Profile`` record every connector yields.

Connectors: ``files`` (JSONL/CSV dumps of public profiles) and ``http`` (a
generic JSON API: auth header, rate limit, retries with Retry-After,
pagination). ``open_source("github", "dump.jsonl")`` picks one by the spec.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

PROFILE_FIELDS = ("name", "handle", "employer", "title", "location", "schools", "interests", "bio", "posts", "url",
                  "email")
"""The profile schema (README "Profile files"): ``schools``, ``interests`` and ``posts`` are lists."""
LIST_FIELDS = ("schools", "interests", "posts")


class SourceError(ValueError):
    """A profile source cannot be read; the message names the source, the record and the field."""


@dataclass(frozen=True, kw_only=True, slots=True)
class Profile:
    """One public profile as a source states it."""

    source: str
    """The source's name as given on the command line, e.g. ``"github"``."""
    key: str
    """Stable id within the source: the profile URL, else the handle, else file:line."""
    source_url: str
    """Where it was read: the profile URL, else the API page URL or the file URI with ``#line=N``."""
    fetched_at: datetime
    """When it was read (API response time, or the file's modification time), UTC."""
    sha256: str
    """Hex SHA-256 of the record as read (canonical JSON): which version of the profile a fact came from."""
    name: str
    handle: str = ""
    employer: str = ""
    title: str = ""
    location: str = ""
    email: str = ""
    schools: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    bio: str = ""
    posts: tuple[str, ...] = ()
    url: str = ""


class ProfileSource(Protocol):
    """Anything that yields profiles."""

    name: str
    """The source's name (used in provenance: extractor ``enrichment.<name>/<version>``)."""
    version: str
    """Connector version."""

    def profiles(self) -> Iterator[Profile]: ...


def _as_list(value: object, where: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        # CSV cells hold lists separated by ";" or "|".
        parts = value.replace("|", ";").split(";")
        return tuple(p.strip() for p in parts if p.strip())
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return tuple(str(v).strip() for v in value if str(v).strip())
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        # posts as objects: [{"text": ...}] (a common API shape)
        return tuple(str(v.get("text") or v.get("body") or "").strip() for v in value if v.get("text") or v.get("body"))
    raise SourceError(f"{where}: expected a list of strings, got {type(value).__name__}")


def _as_text(value: object, where: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int, float)):
        return str(value).strip()
    raise SourceError(f"{where}: expected text, got {type(value).__name__}")


def profile_from_mapping(record: Mapping[str, object], *, source: str, where: str, fallback_url: str,
                         fetched_at: datetime) -> Profile | None:
    """A Profile from one dump/API record (None when it has no name: nothing to link it by)."""
    if not isinstance(record, Mapping):
        raise SourceError(f"{where}: expected an object, got {type(record).__name__}")
    text = {f: _as_text(record.get(f), f"{where}.{f}") for f in PROFILE_FIELDS if f not in LIST_FIELDS}
    lists = {f: _as_list(record.get(f), f"{where}.{f}") for f in LIST_FIELDS}
    if not text["name"]:
        return None
    canonical = json.dumps(record, sort_keys=True, ensure_ascii=False, default=str)
    key = text["url"] or (f"@{text['handle']}" if text["handle"] else fallback_url)
    return Profile(source=source, key=key, source_url=text["url"] or fallback_url, fetched_at=fetched_at,
                   sha256=hashlib.sha256(canonical.encode()).hexdigest(), **text, **lists)


def open_source(name: str, spec: str, *, environ: Mapping[str, str] | None = None) -> ProfileSource:
    """``spec`` is an http(s) URL (JSON API) or a path to a JSONL/CSV dump.

    The API token comes from ``LEADSCOUT_SOURCE_<NAME>_TOKEN`` (never a flag: it
    would land in shell history and process lists).
    """
    if not name or not name.replace("_", "").replace("-", "").isalnum():
        raise SourceError(f"source name {name!r} must be letters, digits, - or _ (e.g. github=profiles.jsonl)")
    if spec.startswith(("http://", "https://")):
        from enrichment.sources.http import HttpJsonSource, HttpOptions

        environ = os.environ if environ is None else environ
        token = environ.get(f"LEADSCOUT_SOURCE_{name.upper().replace('-', '_')}_TOKEN")
        return HttpJsonSource(name=name, url=spec, options=HttpOptions(token=token))
    if "://" in spec:
        raise SourceError(f"source {name}: {spec!r} is neither an http(s) URL nor a file path")
    from enrichment.sources.files import FileSource

    return FileSource(name=name, path=spec)
