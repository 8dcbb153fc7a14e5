"""Seeded synthetic person tables with a true-identity answer key, for measuring the linker (bench and tests).

The left table is clean-ish; the right table holds corrupted copies of some
left people (typos, nicknames, swapped first/last names, day/month swapped,
missing values, other formats and column names) plus people who are not on the
left — some of them namesakes of left people (same first and last name,
everything else different), which a linker must keep apart. Names are drawn
from Faker's en_US frequency tables, nicknames from the `nicknames` package.
Same arguments, same tables, on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

LEFT_COLUMNS = ("id", "first_name", "last_name", "dob", "email", "phone", "company", "city", "postcode", "address")
# The right side names and formats things differently: linking must detect, not be told.
RIGHT_COLUMNS = ("id", "given_name", "surname", "date_of_birth", "e-mail", "mobile", "employer", "town", "zip",
                 "street")
PERSONAL_DOMAINS = ("gmail.com", "yahoo.com", "outlook.com", "hotmail.com", "icloud.com", "proton.me")


@dataclass(frozen=True, kw_only=True, slots=True)
class SynthTables:
    """Two tables and the answer key."""

    left: list[dict[str, str]]
    right: list[dict[str, str]]
    true_pairs: frozenset[tuple[str, str]]
    """(left id, right id) of every pair that is the same person."""


@lru_cache(maxsize=1)
def _pools(seed: int = 7) -> dict[str, tuple]:
    from faker import Faker
    from faker.providers.person.en_US import Provider as Person

    fake = Faker("en_US")
    fake.seed_instance(seed)
    firsts = {**Person.first_names_female, **Person.first_names_male}
    return {
        "first": tuple(firsts), "first_p": _normalized(firsts.values()),
        "last": tuple(Person.last_names), "last_p": _normalized(Person.last_names.values()),
        "company": tuple(dict.fromkeys(fake.company() for _ in range(4000))),
        "city": tuple(dict.fromkeys(fake.city() for _ in range(800))),
        "street": tuple(dict.fromkeys(f"{fake.last_name()} {fake.street_suffix()}" for _ in range(3000))),
    }


def _normalized(weights) -> np.ndarray:
    array = np.fromiter(weights, dtype=np.float64)
    return array / array.sum()


@lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


def _typo(rng: np.random.Generator, text: str) -> str:
    if len(text) < 3:
        return text
    i = int(rng.integers(1, len(text) - 1))
    kind = int(rng.integers(4))
    letter = "abcdefghijklmnopqrstuvwxyz"[int(rng.integers(26))]
    if kind == 0:
        return text[:i] + letter + text[i + 1:]  # substitution
    if kind == 1:
        return text[:i] + text[i + 1:]  # deletion
    if kind == 2:
        return text[:i] + letter + text[i:]  # insertion
    return text[:i - 1] + text[i] + text[i - 1] + text[i + 1:]  # transposition


def _person(rng: np.random.Generator, pools: dict, first: str | None = None, last: str | None = None) -> dict:
    first = first or pools["first"][rng.choice(len(pools["first"]), p=pools["first_p"])]
    last = last or pools["last"][rng.choice(len(pools["last"]), p=pools["last_p"])]
    company = pools["company"][int(rng.integers(len(pools["company"])))]
    city_index = int(rng.integers(len(pools["city"])))
    year, month, day = int(rng.integers(1945, 2004)), int(rng.integers(1, 13)), int(rng.integers(1, 29))
    pattern = int(rng.integers(4))
    local = (f"{first}.{last}", f"{first[0]}{last}", f"{first}{last[0]}", f"{first}_{last}")[pattern].lower()
    domain = (company.split()[0].strip(",").lower() + ".com") if rng.random() < 0.7 \
        else PERSONAL_DOMAINS[int(rng.integers(len(PERSONAL_DOMAINS)))]
    return {
        "first": first, "last": last, "dob": (year, month, day), "email": f"{local}@{domain}",
        "phone": f"{int(rng.integers(201, 990))}{int(rng.integers(200, 1000))}{int(rng.integers(0, 10000)):04d}",
        "company": company, "city": pools["city"][city_index],
        "postcode": f"{(city_index * 37 + int(rng.integers(3))) % 90000 + 10000:05d}",
        "address": f"{int(rng.integers(1, 9999))} {pools['street'][int(rng.integers(len(pools['street'])))]}",
    }


def _left_row(person: dict, record_id: str, rng: np.random.Generator, missing: float) -> dict[str, str]:
    year, month, day = person["dob"]
    phone = person["phone"]
    row = {"id": record_id, "first_name": person["first"], "last_name": person["last"],
           "dob": f"{year:04d}-{month:02d}-{day:02d}", "email": person["email"], "phone": f"+1{phone}",
           "company": person["company"], "city": person["city"], "postcode": person["postcode"],
           "address": person["address"]}
    for column in ("dob", "email", "phone", "company", "postcode", "address"):
        if rng.random() < missing:
            row[column] = ""
    return row


def _corrupt(person: dict, rng: np.random.Generator, pools: dict, missing: float, max_errors: int) -> dict:
    p = dict(person)
    errors = int(rng.integers(0, max_errors + 1))
    for kind in rng.choice(8, size=errors, replace=False):
        if kind == 0:
            p["first"] = _typo(rng, p["first"])
        elif kind == 1:
            nicks = sorted(_nicknamer().nicknames_of(p["first"].lower()))
            p["first"] = nicks[int(rng.integers(len(nicks)))].title() if nicks else _typo(rng, p["first"])
        elif kind == 2:
            p["last"] = _typo(rng, p["last"])
        elif kind == 3:
            p["first"], p["last"] = p["last"], p["first"]
        elif kind == 4:
            year, month, day = p["dob"]
            p["dob"] = (year, day, month) if day <= 12 else (year + int(rng.choice([-1, 1])), month, day)
        elif kind == 5:
            local, _, _ = p["email"].partition("@")
            p["email"] = f"{local}@{PERSONAL_DOMAINS[int(rng.integers(len(PERSONAL_DOMAINS)))]}"
        elif kind == 6:
            p["address"] = _typo(rng, p["address"])
        else:
            p["company"] = pools["company"][int(rng.integers(len(pools["company"])))]  # changed jobs
    return p


def _right_row(person: dict, record_id: str, rng: np.random.Generator, missing: float) -> dict[str, str]:
    year, month, day = person["dob"]
    phone = person["phone"]
    street = person["address"].replace(" Street", " St").replace(" Avenue", " Ave").replace(" Road", " Rd")
    suffix = ("", " Inc.", " Incorporated", " LLC")[int(rng.integers(4))]
    company = person["company"].replace(" Inc", "").replace(" LLC", "").replace(" Ltd", "")
    row = {"id": record_id, "given_name": person["first"].upper() if rng.random() < 0.3 else person["first"],
           "surname": person["last"], "date_of_birth": f"{day:02d}/{month:02d}/{year:04d}",
           "e-mail": person["email"].upper() if rng.random() < 0.2 else person["email"],
           "mobile": f"({phone[:3]}) {phone[3:6]}-{phone[6:]}", "employer": company + suffix,
           "town": person["city"], "zip": person["postcode"], "street": street}
    for column in ("date_of_birth", "e-mail", "mobile", "employer", "town", "zip", "street"):
        if rng.random() < missing:
            row[column] = ""
    return row


def person_tables(n_left: int, n_right: int, *, seed: int = 0, overlap: float = 0.8, namesakes: float = 0.2,
                  missing: float = 0.1, max_errors: int = 3) -> SynthTables:
    """``n_left`` x ``n_right`` person records; ``overlap`` of the right are corrupted copies of left people.

    Of the right records that are new people, ``namesakes`` share a left person's
    first and last name. Each copy gets up to ``max_errors`` corruptions, and
    every optional field is blank with probability ``missing`` on either side.
    """
    rng = np.random.default_rng(seed)
    pools = _pools()
    people = [_person(rng, pools) for _ in range(n_left)]
    left = [_left_row(p, f"L{i:06d}", rng, missing) for i, p in enumerate(people)]
    n_copies = min(int(round(overlap * n_right)), n_left)
    copied = rng.choice(n_left, size=n_copies, replace=False)
    right_people: list[tuple[dict, int | None]] = [
        (_corrupt(people[i], rng, pools, missing, max_errors), int(i)) for i in copied]
    for _ in range(n_right - n_copies):
        if rng.random() < namesakes:
            twin = people[int(rng.integers(n_left))]
            right_people.append((_person(rng, pools, first=twin["first"], last=twin["last"]), None))
        else:
            right_people.append((_person(rng, pools), None))
    order = rng.permutation(len(right_people))
    right, truth = [], set()
    for position, index in enumerate(order):
        person, source = right_people[int(index)]
        record_id = f"R{position:06d}"
        right.append(_right_row(person, record_id, rng, missing))
        if source is not None:
            truth.add((left[source]["id"], record_id))
    return SynthTables(left=left, right=right, true_pairs=frozenset(truth))


def precision_recall_f1(found: set[tuple[str, str]], truth: frozenset[tuple[str, str]]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of ``found`` against the answer key."""
    hits = len(found & truth)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(truth) if truth else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
