"""Structured data a page declares about people: JSON-LD, microdata, RDFa (schema.org) and hCard/h-card.

Every syntax is turned into JSON-LD-shaped schema.org nodes and read by ``ner.schemaorg``: Persons (alone,
in ``@graph``, as an Organization's employees or founders), the Organization with its ContactPoints, and
the Persons the markup places elsewhere (authors, performers, people who work for another organisation).

JSON-LD is parsed here (tolerant of the broken JSON found in the wild); microdata and RDFa are read with
extruct (its ``uniform`` microdata output is already JSON-LD-shaped; RDFa comes as expanded JSON-LD and is
compacted below), microformats (classic hCard and microformats2 h-card) with mf2py, as extruct would call it
but on a tree whose tags are their own ``original`` (see ``_mf_tag_class``).
Each parser runs only on pages whose markup uses its syntax.
"""

from __future__ import annotations

import json
import logging
import re
from functools import lru_cache
from typing import Any

from ner.schemaorg import StructuredData, StructuredOrganization, StructuredPerson, read_nodes

log = logging.getLogger(__name__)

__all__ = ["StructuredData", "StructuredOrganization", "StructuredPerson", "parse_embedded", "parse_json_ld",
           "parse_structured"]

_TRAILING_COMMA = re.compile(r",\s*([\]}])")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SCHEMA = re.compile(r"^https?://schema\.org/")
# Cheap tests on the raw markup before handing a page to a parser: the words must occur in the lowercased
# markup (the parsers only read these ASCII names), then the pattern must match.
_MICRODATA = re.compile(r"\bitemscope\b", re.IGNORECASE)
_RDFA = re.compile(r"\b(?:typeof|vocab)\s*=", re.IGNORECASE)
_MICROFORMATS = re.compile(r"class\s*=\s*[\"'][^\"']*\b(?:vcard|h-card)\b", re.IGNORECASE)
_MARKERS = (("microdata", ("itemscope",), _MICRODATA), ("rdfa", ("typeof", "vocab"), _RDFA),
            ("microformat", ("vcard", "h-card"), _MICROFORMATS))
_MF_CONTEXT = "http://microformats.org/wiki/"
"""The ``@context`` extruct's ``uniform`` output gives microformats items."""
# mf2 h-card property -> schema.org property.
_HCARD = {"name": "name", "job-title": "jobTitle", "role": "jobTitle", "title": "jobTitle", "email": "email",
          "tel": "telephone", "url": "sameAs", "org": "worksFor"}


def parse_structured(json_ld: tuple[str, ...] | list[str], html: str, *, base_url: str | None = None
                     ) -> StructuredData:
    """Everything a page declares: its JSON-LD scripts plus microdata, RDFa and microformats in ``html``."""
    result = parse_json_ld(json_ld)
    result.extend(parse_embedded(html, base_url=base_url))
    return result


def parse_json_ld(scripts: tuple[str, ...] | list[str]) -> StructuredData:
    """Read every ``application/ld+json`` script; broken JSON is repaired where cheap, else skipped."""
    return read_nodes([data for data in (_load(script) for script in scripts) if data is not None])


def parse_embedded(html: str, *, base_url: str | None = None) -> StructuredData:
    """schema.org microdata and RDFa, and hCard / h-card microformats, via extruct and mf2py; never raises."""
    lowered = html.lower()
    syntaxes = [name for name, words, marker in _MARKERS
                if any(word in lowered for word in words) and marker.search(html)]
    if not syntaxes:
        return StructuredData()
    found: dict[str, list[Any]] = {}
    if "microformat" in syntaxes:
        found["microformat"] = _microformats(html, base_url or "")
        syntaxes.remove("microformat")
    if syntaxes:
        import extruct  # imported on first use: most pages carry none of these syntaxes

        try:
            found.update(extruct.extract(html, base_url=base_url or "", syntaxes=syntaxes, uniform=True,
                                         errors="ignore"))
        except Exception as error:  # noqa: BLE001 - extruct's parsers raise many types on hostile markup
            log.debug("structured data unreadable: %s", error)
            return StructuredData()
    nodes: list[Any] = list(found.get("microdata", []))
    nodes += _compact_rdfa(found.get("rdfa", []))
    nodes += [node for item in found.get("microformat", []) if (node := _hcard_node(item))]
    return read_nodes(nodes)


def _microformats(html: str, base_url: str) -> list[dict[str, Any]]:
    """mf2py's items in extruct's ``uniform`` shape (what ``extruct.extract(syntaxes=["microformat"])`` gives)."""
    import mf2py
    from bs4 import BeautifulSoup, Tag
    from extruct.uniform import flatten_dict

    try:
        soup = BeautifulSoup(html, "lxml", element_classes={Tag: _mf_tag_class()})
        items = mf2py.parse(soup, url=base_url)["items"]
        return [flatten_dict(item, _MF_CONTEXT, True) for item in items]
    except Exception as error:  # noqa: BLE001 - as extruct's errors="ignore": no microformats, the rest stays
        log.debug("microformats unreadable: %s", error)
        return []


@lru_cache(maxsize=1)
def _mf_tag_class() -> type:
    """A bs4 ``Tag`` whose ``original`` is itself.

    mf2py's classic-microformats rules (mf2py 2.0 ``backcompat.py``) keep, for every element they visit,
    ``tag.original or copy.copy(tag)``: a deep copy of the subtree per element and rule, used only to render
    the HTML of an ``e-*`` property as authored (hEntry ``entry-content``, hRecipe ``instructions``). On a
    plain ``Tag`` the lookup is also a ``find("original")`` over the subtree. Those copies were most of
    mf2py's time on a classic hCard page. Nothing here reads ``e-*`` HTML (``_hcard_node`` takes h-card
    names, titles, emails, numbers, URLs and organisations, whose text the class rewriting does not
    change), so the element itself stands in for its copy: the only difference in mf2py's output is that
    such ``e-*`` HTML shows the rewritten class names.
    """
    from bs4 import Tag

    return type("_MfTag", (Tag,), {"original": property(lambda tag: tag)})


def _load(script: str) -> Any:
    text = _CONTROL.sub(" ", script.strip().removeprefix("<!--").removesuffix("-->").strip())
    text = text.removeprefix("//<![CDATA[").removesuffix("//]]>").strip()
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except (json.JSONDecodeError, RecursionError, ValueError):
            continue
    log.debug("skipped unparseable JSON-LD (%d chars)", len(script))
    return None


def _compact_rdfa(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Expanded JSON-LD from the RDFa distiller as compact schema.org nodes, references resolved by @id."""
    compact = {}
    for item in items:
        node: dict[str, Any] = {"@id": item.get("@id")}
        types = [_SCHEMA.sub("", t) for t in item.get("@type", []) if _SCHEMA.match(str(t))]
        if types:
            node["@type"] = types
        for key, values in item.items():
            if _SCHEMA.match(key):
                node[_SCHEMA.sub("", key)] = [_rdfa_value(v) for v in values]
        compact[node["@id"]] = node
    for node in compact.values():  # blank-node references become the nodes themselves
        for key, values in list(node.items()):
            if isinstance(values, list):
                node[key] = [compact.get(v["@id"], v) if isinstance(v, dict) and "@id" in v and len(v) == 1
                             else v for v in values]
    return [node for node in compact.values() if "@type" in node]


def _rdfa_value(value: Any) -> Any:
    if isinstance(value, dict):
        if "@value" in value:
            return value["@value"]
        if "@id" in value and not str(value["@id"]).startswith("_:") and ":" in str(value["@id"])[:7]:
            return value["@id"]  # mailto:, tel:, http(s): resources are values
        return {"@id": value["@id"]} if "@id" in value else value
    return value


def _hcard_node(item: dict[str, Any]) -> dict[str, Any] | None:
    """An h-card (or classic hCard) as a schema.org Person, or the Organization when it names the org."""
    if "h-card" not in item.get("@type", []):
        return None
    node: dict[str, Any] = {}
    for key, schema_key in _HCARD.items():
        values = [v.get("value", v.get("name")) if isinstance(v, dict) else v for v in item.get(key, [])]
        values = [v for v in values if isinstance(v, str) and v.strip()]
        if key == "email":
            # A classic hCard's "<span class=email>jo@acme.nl</span>" comes back from mf2py resolved as a URL
            # against the page ("https://acme.nl/jo@acme.nl"): the address is its last segment.
            values = [v.rsplit("/", 1)[-1] if "://" in v and "@" in v.rsplit("/", 1)[-1] else v for v in values]
        if values and schema_key not in node:
            node[schema_key] = values if schema_key in ("email", "telephone", "sameAs") else values[0]
    name, org = node.get("name", ""), node.get("worksFor", "")
    if not name:
        return None
    is_org = bool(org) and org.strip().casefold() == name.strip().casefold()
    node["@type"] = "Organization" if is_org else "Person"
    if is_org:
        node.pop("worksFor", None)
    elif org:
        node["worksFor"] = {"@type": "Organization", "name": org}
    return node
