"""The re-validation verdict for one person: still on a source page?, contact checks, status and confidence.

Statuses:

- ``active``: a source page still shows the person (a 304, an unchanged body, or the
  extractor finds their name on the new body) and at least one contact point passes
  its check (or they have none: a name and title on the company's site is a lead);
- ``invalid``: still shown, but every email and phone they have fails its check;
- ``departed``: every source page was read (or is gone: 404/410) and none shows them;
- ``stale``: not shown on any page that could be read, and at least one source page
  could not be read (timeout, 5xx, robots.txt refusal or unreachable, blocked address):
  the person was last confirmed longer ago than the window and cannot be confirmed now.

Confidence = evidence confidence x the status factor (``RevalidatePolicy.status_factor``).
For a person still shown, the evidence confidence is validation.store's fresh one
(every check weighed, fake names flagged: then ``invalid``); otherwise — or
without the validation stage — it is the extraction's score (refreshed when the
page is re-extracted) plus validation.score's penalties for an invalid email or
phone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from leadscout.revalidate.checks import CheckResult, StoredVerdict, check_all
from leadscout.revalidate.plan import DuePerson
from leadscout.store.history import Change
from validation.score import WEIGHTS


@dataclass(frozen=True, kw_only=True, slots=True)
class PageState:
    """One source page after re-fetching (and re-extracting, if its body changed)."""

    kind: str
    """``not_modified``, ``unchanged`` (200, same body as last extracted), ``changed`` (re-extracted now),
    ``gone`` (404/410) or ``failed`` (could not be read)."""
    reason: str | None = None
    """Why it failed (``robots``, ``http_503``, ``timeout``...), for ``failed``."""
    sha256: str | None = None
    """Hash of the stored body the page now has (None when no copy is stored)."""
    keys: frozenset[str] = frozenset()
    """For ``changed``: the person keys the extractor found on the new body."""
    confidence: Mapping[str, float] = field(default_factory=dict)
    """For ``changed``: the extractor's confidence per person key found."""


@dataclass(frozen=True, kw_only=True)
class RevalidatePolicy:
    """How statuses turn into confidence."""

    status_factor: Mapping[str, float] = field(default_factory=lambda: {
        "active": 1.0, "stale": 0.6, "invalid": 0.2, "departed": 0.0})
    email_penalty: float = WEIGHTS["email_invalid"]
    phone_penalty: float = WEIGHTS["phone_invalid"]


@dataclass(frozen=True, kw_only=True, slots=True)
class Verdict:
    """What re-validation decided for one person."""

    person_id: int
    status: str
    on_page: bool | None
    base_confidence: float
    confidence: float
    reasons: tuple[str, ...]
    checks: tuple[CheckResult, ...]

    def changes(self, person: DuePerson) -> list[Change]:
        """The history rows this verdict adds (only what changed)."""
        out = []
        if self.status != person.status:
            out.append(Change(person_id=self.person_id, field="status", old_value=person.status,
                              new_value=self.status, reason=",".join(self.reasons)))
        if abs(self.confidence - person.confidence) >= 0.0005:
            out.append(Change(person_id=self.person_id, field="confidence", old_value=f"{person.confidence:.3f}",
                              new_value=f"{self.confidence:.3f}", reason=self.status))
        return out


Checker = Callable[[set[str], set[str]], list[CheckResult]]


@dataclass(frozen=True, kw_only=True, slots=True)
class Presence:
    """Whether the source pages still show a person."""

    shown: bool
    unknown: bool
    """At least one source page could not be read."""
    reasons: tuple[str, ...]
    fresh_confidence: float | None
    """The extractor's confidence from a re-extracted page that shows them, if any."""


def presence(person: DuePerson, pages: Mapping[str, PageState]) -> Presence:
    """Still on a source page? (``pages``: source URL -> state)."""
    shown, unknown, reasons = False, False, []
    fresh: list[float] = []
    for url in sorted(person.sources):
        state = pages.get(url)
        if state is None or state.kind == "failed":
            unknown = True
            reasons.append(f"page_{state.reason if state else 'not_fetched'}")
        elif state.kind == "gone":
            reasons.append("page_gone")
        elif state.kind == "changed":
            found = person.keys & state.keys
            shown |= bool(found)
            fresh += [state.confidence[k] for k in found if k in state.confidence]
            reasons.append("on_changed_page" if found else "not_on_page")
        else:  # not_modified, unchanged: was the person read from this very body?
            here = state.sha256 is None or state.sha256 in person.sources[url]
            shown |= here
            reasons.append(f"on_page_{state.kind}" if here else "not_on_page")
    if not person.sources:
        unknown = True
        reasons.append("no_source_page")
    return Presence(shown=shown, unknown=unknown, reasons=tuple(reasons), fresh_confidence=max(fresh, default=None))


def decide(person: DuePerson, pages: Mapping[str, PageState], *, policy: RevalidatePolicy | None = None,
           checker: Checker = check_all, validated: StoredVerdict | None = None) -> Verdict:
    """The verdict for ``person`` given the state of each source URL; ``validated`` is validation.store's
    fresh verdict on them (its confidence is then the evidence confidence, and a fake name is ``invalid``)."""
    policy = policy or RevalidatePolicy()
    seen = presence(person, pages)
    reasons = list(seen.reasons)
    checks = tuple(checker(person.emails, person.phones))
    failing = [c for c in checks if not c.ok]
    if seen.shown:
        fake = validated is not None and validated.fake_name
        status = "invalid" if fake or (checks and len(failing) == len(checks)) else "active"
        if fake:
            reasons.append("name_fake")
    else:
        status = "stale" if seen.unknown else "departed"
    reasons += [reason for reason in dict.fromkeys(c.reason for c in failing)]
    if validated is not None and seen.shown:
        base, penalty = validated.confidence, 0.0  # validation's confidence already weighs every check
    else:
        base = seen.fresh_confidence if seen.fresh_confidence is not None else (
            person.base_confidence if person.base_confidence is not None else person.confidence)
        penalty = (policy.email_penalty if any(c.kind == "email" for c in failing) else 0.0) + (
            policy.phone_penalty if any(c.kind == "phone" for c in failing) else 0.0)
    confidence = round(min(1.0, max(0.0, base + penalty)) * policy.status_factor[status], 3)
    on_page = True if seen.shown else (None if seen.unknown else False)
    return Verdict(person_id=person.person_id, status=status, on_page=on_page, base_confidence=round(base, 3),
                   confidence=confidence, reasons=tuple(dict.fromkeys(reasons)), checks=checks)
