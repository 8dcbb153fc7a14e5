"""From two tables' columns to a linkage plan: aligned fields, their comparisons and the blocking rules.

Columns pair up by name first, then by type when each side has exactly one
column of that type. Names are bridged: a side with first+last name gets a
derived full name when the other side only has a full name, and the other way
round. Everything here is derived from the column types, so linking needs no
configuration; ``--map COL=TYPE`` corrects a detection.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from enrichment.blocking import BlockingRule, KeyPart
from enrichment.columns import ColumnError, ColumnType
from enrichment.compare import (
    CityComparison, CompanyComparison, Comparison, DateComparison, EmailComparison, IdComparison,
    NumberComparison, PhoneComparison, PostcodeComparison, TextComparison,
)
from enrichment.compare_names import FullNameComparison, NameComparison

T = ColumnType
DERIVED_FULL = "full_name*"
DERIVED_FIRST = "first_name*"
DERIVED_LAST = "last_name*"


@dataclass(frozen=True, kw_only=True, slots=True)
class Field:
    """One field compared across the two tables."""

    name: str
    """The field's name in explanations (the column name when both sides share it)."""
    kind: ColumnType
    """Its type."""
    left: str
    """Left column (or a derived field such as ``full_name*``)."""
    right: str
    """Right column (or a derived field)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class LinkPlan:
    """What will be compared and how candidates are found."""

    fields: tuple[Field, ...]
    comparisons: tuple[Comparison, ...]
    rules: tuple[BlockingRule, ...]


def align(left_types: Mapping[str, ColumnType], right_types: Mapping[str, ColumnType]) -> list[Field]:
    """Pair left and right columns: same name and type first, then the single column of a type on each side."""
    usable = {k: v for k, v in left_types.items() if v is not T.IGNORE}
    right_usable = {k: v for k, v in right_types.items() if v is not T.IGNORE}
    fields: list[Field] = []
    used_left: set[str] = set()
    used_right: set[str] = set()
    for column, kind in usable.items():
        if right_usable.get(column) is kind:
            fields.append(Field(name=column, kind=kind, left=column, right=column))
            used_left.add(column)
            used_right.add(column)
    for kind in T:
        lefts = [c for c, k in usable.items() if k is kind and c not in used_left]
        rights = [c for c, k in right_usable.items() if k is kind and c not in used_right]
        if len(lefts) == 1 and len(rights) == 1:
            name = lefts[0] if lefts[0] == rights[0] else kind.value
            fields.append(Field(name=name, kind=kind, left=lefts[0], right=rights[0]))
            used_left.add(lefts[0])
            used_right.add(rights[0])
    return _bridge_names(fields, usable, right_usable, used_left, used_right)


def _bridge_names(fields: list[Field], left: Mapping[str, ColumnType], right: Mapping[str, ColumnType],
                  used_left: set[str], used_right: set[str]) -> list[Field]:
    kinds = {f.kind for f in fields}
    if T.FIRST_NAME in kinds or T.LAST_NAME in kinds or T.FULL_NAME in kinds:
        return fields

    def single(types: Mapping[str, ColumnType], used: set[str], kind: ColumnType) -> str | None:
        found = [c for c, k in types.items() if k is kind and c not in used]
        return found[0] if len(found) == 1 else None

    l_full, r_full = single(left, used_left, T.FULL_NAME), single(right, used_right, T.FULL_NAME)
    l_parts = (single(left, used_left, T.FIRST_NAME), single(left, used_left, T.LAST_NAME))
    r_parts = (single(right, used_right, T.FIRST_NAME), single(right, used_right, T.LAST_NAME))
    if l_full and all(r_parts):
        fields.append(Field(name="name", kind=T.FULL_NAME, left=l_full, right=DERIVED_FULL))
    elif r_full and all(l_parts):
        fields.append(Field(name="name", kind=T.FULL_NAME, left=DERIVED_FULL, right=r_full))
    return fields


def derive_full_names(first: Sequence[str], last: Sequence[str]) -> list[str]:
    """``first + " " + last`` per record, for a side that splits the name the other side keeps whole."""
    return [" ".join(p for p in (f, s) if p) for f, s in zip(first, last, strict=True)]


_SIMPLE: dict[ColumnType, type[Comparison]] = {
    T.EMAIL: EmailComparison, T.PHONE: PhoneComparison, T.COMPANY: CompanyComparison, T.TITLE: TextComparison,
    T.CITY: CityComparison, T.POSTCODE: PostcodeComparison, T.ADDRESS: TextComparison, T.DATE: DateComparison,
    T.ID: IdComparison, T.NUMBER: NumberComparison, T.TEXT: TextComparison, T.FULL_NAME: FullNameComparison,
}


def comparisons_for(fields: Sequence[Field]) -> list[Comparison]:
    """One comparison per field, by type; first and last names know each other (swapped-field level)."""
    first = next((f for f in fields if f.kind is T.FIRST_NAME), None)
    last = next((f for f in fields if f.kind is T.LAST_NAME), None)
    out: list[Comparison] = []
    for f in fields:
        if f.kind in (T.FIRST_NAME, T.LAST_NAME):
            partner = (last if f.kind is T.FIRST_NAME else first)
            out.append(NameComparison(f.name, f.name, f.name,
                                      swap_left=partner.name if partner else None,
                                      swap_right=partner.name if partner else None))
        else:
            out.append(_SIMPLE[f.kind](f.name, f.name, f.name))
    return out


def blocking_rules_for(fields: Sequence[Field]) -> list[BlockingRule]:
    """Blocking keys from the field types: exact identifiers alone; phonetic names with each context field.

    Names alone are too common to block on in large tables, so each name key is
    paired with a context field (date, postcode, company, city); both names
    together form an order-free key, which also catches swapped first/last names.
    """
    by_kind: dict[ColumnType, list[str]] = {}
    for f in fields:
        by_kind.setdefault(f.kind, []).append(f.name)
    rules: list[BlockingRule] = []
    for kind in (T.EMAIL, T.PHONE, T.ID):
        rules += [BlockingRule(name=f"{name}", parts=(KeyPart(fields=(name,)),)) for name in by_kind.get(kind, [])]
    first, last = by_kind.get(T.FIRST_NAME, [None])[0], by_kind.get(T.LAST_NAME, [None])[0]
    full = by_kind.get(T.FULL_NAME, [None])[0]
    anchors: list[KeyPart] = []
    if first and last:
        rules.append(BlockingRule(name=f"{first}+{last}(metaphone)",
                                  parts=(KeyPart(fields=(first, last), transform="sorted_metaphones"),)))
    if first:
        anchors.append(KeyPart(fields=(first,), transform="metaphone"))
    if last:
        anchors.append(KeyPart(fields=(last,), transform="metaphone"))
    if full and not (first and last):
        rules.append(BlockingRule(name=f"{full}(metaphone)",
                                  parts=(KeyPart(fields=(full,), transform="sorted_metaphones"),)))
        anchors.append(KeyPart(fields=(full,), transform="last_token_metaphone"))
        anchors.append(KeyPart(fields=(full,), transform="first_token"))
    contexts = [KeyPart(fields=(name,)) for kind in (T.DATE, T.POSTCODE, T.COMPANY, T.CITY)
                for name in by_kind.get(kind, [])]
    for anchor in anchors:
        for context in contexts:
            rules.append(BlockingRule(name=f"{_label(anchor)}+{_label(context)}", parts=(anchor, context)))
    # Without usable names, context fields pair up among themselves (date+postcode, company+city ...).
    for i, one in enumerate(contexts):
        for other in contexts[i + 1:]:
            rules.append(BlockingRule(name=f"{_label(one)}+{_label(other)}", parts=(one, other)))
    return rules


def _label(part: KeyPart) -> str:
    suffix = "" if part.transform == "exact" else f"({part.transform})"
    return "+".join(part.fields) + suffix


def make_plan(left_types: Mapping[str, ColumnType], right_types: Mapping[str, ColumnType]) -> LinkPlan:
    """The whole plan from detected (or mapped) column types."""
    fields = align(left_types, right_types)
    if not fields:
        raise ColumnError("the two tables share no comparable column; name the columns' types with --map COL=TYPE")
    return LinkPlan(fields=tuple(fields), comparisons=tuple(comparisons_for(fields)),
                    rules=tuple(blocking_rules_for(fields)))
