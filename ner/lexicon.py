"""Load the rule data in ``ner/data/*.jsonl`` once per process."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from leadscout.datafiles import read_jsonl


DATA_DIR = Path(__file__).parent / "data"


@lru_cache(maxsize=None)
def load_rows(name: str) -> tuple[dict[str, Any], ...]:
    """Every JSON object in ``ner/data/<name>.jsonl``; blank lines and ``//`` comments are skipped."""
    return read_jsonl(DATA_DIR / f"{name}.jsonl")


@lru_cache(maxsize=None)
def words(name: str, field: str) -> frozenset[str]:
    """The casefolded values of one field over a data file (a word list)."""
    return frozenset(str(row[field]).casefold() for row in load_rows(name) if field in row)


@lru_cache(maxsize=None)
def org_words(kind: str = "word") -> frozenset[str]:
    """Organisation words ("ltd", "kanzlei", "universität"), casefolded and also without accents, so a word
    compares equal however the text around it was folded ("Büro" -> "buro"). ``kind="ending"``: endings of
    compound organisation nouns ("Kirchgemeinde", "Regionalpolizei", "Idrettsforening")."""
    cased = words("org_words", kind)
    return cased | {_unaccented(w) for w in cased}


@lru_cache(maxsize=None)
def body_words(kind: str = "word") -> frozenset[str]:
    """The organisation words and endings marked ``"body": true``: associations, federations, chambers, courts,
    councils and ministries, which a page names when it sends its reader elsewhere, never as its own desk."""
    cased = frozenset(str(row[kind]).casefold() for row in load_rows("org_words") if kind in row and row.get("body"))
    return cased | {_unaccented(w) for w in cased}


def _unaccented(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=16384)
def is_org_word(word: str) -> bool:
    """An organisation word (casefolded ``word``): listed, or a compound ending in a listed ending that is longer
    than the ending by a word of its own ("Kirchgemeinde"; "Gemeinde" itself is listed), also in the genitive
    ("des Landesgerichts", "des Sportverbandes")."""
    return _listed(word, org_words(), org_words("ending"))


@lru_cache(maxsize=4096)
def is_body_word(word: str) -> bool:
    """An organisation word (casefolded) that names a body of another kind than a firm (see ``body_words``)."""
    return _listed(word, body_words(), body_words("ending"))


def _listed(word: str, listed: frozenset[str], endings: frozenset[str]) -> bool:
    if word in listed:
        return True
    stem = word[:-2] if word.endswith("es") else word[:-1] if word.endswith("s") else word
    forms = (word, stem) if stem != word else (word,)
    return any(len(form) >= len(ending) + 4 and form.endswith(ending) for form in forms for ending in endings)


@lru_cache(maxsize=None)
def grouped(name: str, key: str, field: str) -> dict[str, frozenset[str]]:
    """The values of ``field`` grouped by the value of ``key`` (e.g. context markers by context)."""
    groups: dict[str, set[str]] = {}
    for row in load_rows(name):
        groups.setdefault(str(row[key]), set()).add(str(row[field]).casefold())
    return {group: frozenset(values) for group, values in groups.items()}


@lru_cache(maxsize=4096)
def column_kind(header: str) -> str | None:
    """What a table column holds by its header: ``name``, ``title``, ``detail`` (education, languages: neither)
    or None. A header that is not listed
    whole ("Socio / Colaborador", "Cognome e nome") takes the kind of its words, when they agree."""
    header = " ".join(header.casefold().split())
    if not header:
        return None
    kinds = grouped("columns", "kind", "header")
    for kind, headers in kinds.items():
        if header in headers:
            return kind
    words = set(re.findall(r"[^\W\d_]+", header))
    found = {kind for kind, headers in kinds.items() if words & headers}
    if len(found) > 1:
        found.discard("detail")  # "Sprachen / Aufgabe": the job, with its languages
    return found.pop() if len(found) == 1 else None


def role_email_locals() -> frozenset[str]:
    """Local parts of role addresses (info, sales, kontakt, ...): never a person's own."""
    return words("role_emails", "local")


def honorifics() -> frozenset[str]:
    """Honorifics and academic prefixes written before a name (casefolded, with their dots)."""
    return words("honorifics", "text")


@lru_cache(maxsize=1)
def name_stopwords() -> frozenset[str]:
    """Tokens that never occur in a personal name (page furniture, org and place words), casefolded; not the rows
    written in capitals, which count only as written (``capital_stopwords``)."""
    return frozenset(str(row["word"]).casefold() for row in load_rows("name_stopwords")
                     if not _capitals(row) and not row.get("first")) | group_words()


@lru_cache(maxsize=1)
def group_words() -> frozenset[str]:
    """Heading words for a group of an organisation's people ("Committee", "Vorstand", "Styret";
    ``group_headings.jsonl``), casefolded: never a word of a name."""
    return frozenset(str(row["word"]).casefold() for row in load_rows("group_headings"))


@lru_cache(maxsize=1)
def leading_stopwords() -> frozenset[str]:
    """Tokens that are no part of a personal name only as its first word: French "vos" opens "Vos interlocuteurs",
    and ends "Rick Vos", a Dutch family name."""
    return frozenset(str(row["word"]).casefold() for row in load_rows("name_stopwords") if row.get("first"))


@lru_cache(maxsize=1)
def capital_stopwords() -> frozenset[str]:
    """Tokens that are no part of a personal name only in capitals: the legal form "SIA", not the given name "Sia"."""
    return frozenset(str(row["word"]) for row in load_rows("name_stopwords") if _capitals(row))


def _capitals(row: dict[str, object]) -> bool:
    return str(row["word"]).isupper()
