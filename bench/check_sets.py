"""Check the ground truth of the extraction evaluation sets (bench/heldout/, bench/fresh*/, bench/blind*/).

Run: .venv/bin/python bench/check_sets.py [DIR ...]   (default: every set)

For each page's JSON: it parses; one company entry at most, without a title; no person twice; every expected
name and title can be found in the page text (entities decoded; names also with the tags stripped, for names
split across spans); every email is on the page, plainly or in a common obfuscation; every phone and fax is
E.164, written on the page (national or international digits) and valid for the page's country
(libphonenumber, the country from the URL's ccTLD or the file name's country prefix). Exits 1 on any error.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from pathlib import Path

import phonenumbers
from phonenumbers import PhoneNumberFormat

BENCH = Path(__file__).resolve().parent
KEYS = {"name", "title", "title_alt", "emails", "phones", "fax", "socials"}
_PREFIX_REGION = {"uk": "GB"}
"""File-name country prefixes that are not ISO codes."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dirs", nargs="*", type=Path, help="sets to check (default: all)")
    args = parser.parse_args(argv)
    dirs = args.dirs or [BENCH / "heldout", *sorted(BENCH.glob("fresh*")), *sorted(BENCH.glob("blind*"))]
    errors = 0
    for directory in dirs:
        files = sorted(directory.glob("*.json"))
        problems = [f"{path.name}: {problem}" for path in files for problem in check_page(path)]
        people = sum(1 for path in files for c in json.loads(path.read_text("utf-8"))["contacts"] if c.get("name"))
        print(f"{directory.name}: {len(files)} pages, {people} people, {len(problems)} errors")
        for problem in problems:
            print("  " + problem)
        errors += len(problems)
    return 1 if errors else 0


def check_page(path: Path) -> list[str]:
    data = json.loads(path.read_text("utf-8"))
    text = html.unescape(path.with_suffix(".html").read_text("utf-8")).replace("\xa0", " ")
    flat = " ".join(text.split())
    bare = " ".join(re.sub(r"<[^>]*>", " ", text).split())
    digits = re.sub(r"\D", "", text)
    region = _region(data["url"], path.name)
    problems = []
    names = [c.get("name") for c in data["contacts"]]
    if names.count(None) > 1:
        problems.append("more than one company entry")
    if len({n for n in names if n}) != len([n for n in names if n]):
        problems.append("a person listed twice")
    for contact in data["contacts"]:
        if unknown := set(contact) - KEYS:
            problems.append(f"unknown keys {sorted(unknown)}")
        name, title = contact.get("name"), contact.get("title")
        if name is None and title is not None:
            problems.append(f"company entry with a title: {title}")
        if name is not None and not any(form in flat or form in bare for form in _name_forms(name)):
            problems.append(f"name not on the page: {name}")
        if title is not None and title not in flat and title not in bare:
            problems.append(f"title not on the page: {title}")
        for email in contact.get("emails", []):
            if not any(form in flat for form in _spellings(email)):
                problems.append(f"email not on the page: {email}")
        for key in ("phones", "fax"):
            for value in contact.get(key, []):
                problems += [f"{key} {value}: {p}" for p in _phone_problems(value, region, digits)]
    return problems


def _region(url: str, file_name: str) -> str:
    tld = url.split("/")[2].rsplit(".", 1)[-1].upper()
    if len(tld) == 2 and tld != "UK":
        return tld
    prefix = file_name.split("-")[0]
    return _PREFIX_REGION.get(prefix, prefix.upper())


def _name_forms(name: str) -> list[str]:
    """The name in running order, and family name first ("García López, Lucía")."""
    words = name.split()
    return [name, *(f"{' '.join(words[cut:])}, {' '.join(words[:cut])}" for cut in range(1, len(words)))]


def _spellings(email: str) -> list[str]:
    local, domain = email.split("@")
    stem, tld = domain.rsplit(".", 1)
    forms = [email, f"{local} [at] {stem} [dot] {tld}", f"{local} [at] {domain.replace('.', ' [dot] ')}"]
    for at in ("(at)", "[at]", "(arroba)", "[arroba]"):
        forms += [f"{local} {at} {domain}", f"{local}{at}{domain}"]
    return forms


def _phone_problems(value: str, region: str, digits: str) -> list[str]:
    if not re.fullmatch(r"\+[1-9]\d{7,14}", value):
        return ["not E.164"]
    number = phonenumbers.parse(value)
    problems = []
    if not phonenumbers.is_valid_number(number):
        problems.append("not a valid number")
    elif phonenumbers.region_code_for_number(number) != region and not phonenumbers.is_valid_number_for_region(
            number, region):
        problems.append(f"not a number of {region}")
    national = re.sub(r"\D", "", phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
    significant = phonenumbers.national_significant_number(number)
    if not any(form in digits for form in (national, value[1:], significant)):
        problems.append("not on the page")
    return problems


if __name__ == "__main__":
    sys.exit(main())
