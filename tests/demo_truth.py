"""Scoring what leadscout found on the sample sites against their ground truth (expected.json)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


def fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


@dataclass
class Scores:
    """Counts over all sites: people found vs expected, and contact points tied to the right person."""

    expected_people: int = 0
    found_people: int = 0
    true_people: int = 0
    expected_emails: int = 0
    found_emails: int = 0
    expected_phones: int = 0
    found_phones: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_people / self.found_people if self.found_people else 0.0

    @property
    def recall(self) -> float:
        return self.true_people / self.expected_people if self.expected_people else 0.0

    @property
    def email_recall(self) -> float:
        return self.found_emails / self.expected_emails

    @property
    def phone_recall(self) -> float:
        return self.found_phones / self.expected_phones

    def summary(self) -> str:
        return (f"people: {self.true_people}/{self.expected_people} found (recall {self.recall:.3f}), "
                f"{self.found_people - self.true_people} false (precision {self.precision:.3f}); "
                f"emails tied right {self.found_emails}/{self.expected_emails}; "
                f"phones tied right {self.found_phones}/{self.expected_phones}")


def score(rows_by_slug: dict[str, list[dict]], expected_sites: list[dict]) -> Scores:
    """``rows_by_slug``: per site, rows with ``name``, ``emails`` and ``phones`` (lists)."""
    scores = Scores()
    for site in expected_sites:
        found = {fold(r["name"]): r for r in rows_by_slug.get(site["slug"], [])}
        scores.found_people += len(found)
        for person in site["people"]:
            scores.expected_people += 1
            scores.expected_emails += len(person["emails"])
            scores.expected_phones += len(person["phones"])
            row = found.pop(fold(person["name"]), None)
            if row is None:
                scores.missed.append(f"{site['slug']}: {person['name']}")
                continue
            scores.true_people += 1
            scores.found_emails += len(set(person["emails"]) & set(row["emails"]))
            scores.found_phones += len(set(person["phones"]) & {p.split(";")[0] for p in row["phones"]})
        scores.wrong += [f"{site['slug']}: {row['name']}" for row in found.values()]
    return scores
