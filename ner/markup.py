"""What an HTML element says about its text: contexts (nav, testimonial, name class ...) and region kind."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import NamedTuple

from lxml import etree

from ner.dom import Inline
from ner.lexicon import grouped

_SECTION_TAGS = frozenset({"section", "article", "aside", "address", "blockquote", "figure", "form", "fieldset",
                           "main", "table", "dl", "header", "footer", "nav"})
_CARD_TAGS = frozenset({"div", "article", "section", "li", "figure", "aside", "a", "dl", "address", "details"})
# Grid-framework classes (Bootstrap rows and columns): repeated, but layout rather than cards.
_LAYOUT_TOKENS = frozenset({"row", "col", "cols", "column", "columns", "container", "wrapper", "wrap", "layout",
                            "clearfix"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_NAME_PART_TOKENS = frozenset({"first", "last", "firstname", "lastname", "first-name", "last-name", "given",
                               "family", "surname", "givenname", "familyname", "vorname", "nachname", "prenom",
                               "fname", "lname"})
_COLUMN_TOKENS = frozenset({"col", "column"})
_GRID_TOKENS = frozenset({"row", "columns", "container", "wrapper", "wrap"})
_COLUMN_CONTENT = HEADING_TAGS | {"p", "figure", "img", "ul", "a", "span", "strong", "b"}
_COLUMN_MAX = 8
_WIDGET_DEPTH = 4
"""How deep a column's wrappers and widgets are read for its content."""
_WRAP_TOKENS = frozenset({"wrap", "wrapper"})
"""A widget's own wrapper ("elementor-widget-wrap", "image-box-wrapper"), not a grid's."""
_CONTENT_ANCESTORS = frozenset({"article", "section", "aside", "li", "td", "blockquote", "figure", "main"})
# Page-furniture markers must name the whole class: "card-footer" is not the page footer.
_WHOLE_CLASS_CONTEXTS = frozenset({"nav", "header", "footer", "news"})
_NAME_CLASS_EXCLUDED = frozenset({"company", "org", "organization", "organisation", "site", "brand", "product",
                                  "file", "user", "username", "firm", "business", "shop", "store", "domain",
                                  "event", "place", "venue", "street", "page", "post", "blog", "author", "client"})
_STAFF_ELEMENT_TOKENS = frozenset({"member", "person", "staff", "employee", "profile"})
"""A staff card's own element: its "title" is the job ("team-member__title", "staff-card__title")."""
_TITLE_CLASS_TOKENS = frozenset({"position", "role", "job", "jobtitle", "designation", "funktion", "poste",
                                 "occupation", "job-title", "member-title", "person-title", "staff-title",
                                 # the same in the site's language: NL, FR, IT, ES/PT, Nordic, PL, CZ, DE
                                 "functie", "fonction", "funzione", "ruolo", "cargo", "puesto", "funcion",
                                 "funcao", "befattning", "stilling", "stanowisko", "pozice", "jobtitel",
                                 "berufsbezeichnung",
                                 # SK/CZ, HU, HR/SL, RO, FI
                                 "funkcia", "funkce", "pozicia", "beosztas", "munkakor", "funkcija", "pozicija",
                                 "functia", "tehtava", "nimike", "rooli", "titteli",
                                 "rolle", "roll", "carrec"})  # DE/Nordic "Rolle", SV "roll", CA "càrrec"
_WORD_BOUNDARY_TAGS = frozenset({"a", "button", "label", "img", "input", "textarea", "option", "sup", "sub"})
_SCREEN_READER_CLASSES = frozenset({"sr-only", "visually-hidden", "screen-reader-text", "visuallyhidden"})
_CLASS_SPLIT = re.compile(r"[-_\s]+")
_ELEMENT_ID = re.compile(r"[-_](?=[0-9a-f]*\d)[0-9a-f]{1,8}$")
"""A class token's per-element id ending: "elementor-element-81a", "et_pb_column_5"."""
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_WRAPPER_TAGS = re.compile(r"</?(?:div|span|section|article|font|center|main|aside|b|i|u|em|strong|small|big|"
                           r"blockquote|ul|ol|li|table|tbody|tr|td)\b[^>]*>", re.IGNORECASE)
_ALL_BUT_TEXT_TAGS = re.compile(r"<(?!/?(?:a|br|p|html|head|body|title|meta|script|style)\b)[^>]*>",
                                re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_TAG_CONTEXTS = {"blockquote": frozenset({"testimonial"}), "q": frozenset({"testimonial"}),
                 "cite": frozenset({"testimonial"}), "nav": frozenset({"nav"})}
_NO_CONTEXTS: frozenset[str] = frozenset()
_CONTEXT_ATTRIBUTES = frozenset({"role", "itemprop", "rel"})
"""Attributes that set contexts besides class and id."""
text_content = etree.XPath("string()", smart_strings=False)
"""An element's text with its descendants' (what ``lxml.html``'s ``text_content()`` returns), for any element."""


def collapse(text: str) -> str:
    """Whitespace runs to one space, invisible characters (soft hyphen, zero-width) removed, stripped."""
    return _SPACES.sub(" ", _INVISIBLE.sub("", text)).strip()


def tag_of(element: etree._Element) -> str:
    """Lowercase tag name; empty for comments and processing instructions."""
    tag = element.tag
    return tag.lower() if isinstance(tag, str) else ""


_BEM_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*--(name|type|label|view-mode|bundle)-(.+)$")


def class_tokens(attributes: Mapping[str, str]) -> set[str]:
    """An element's class and id split into lowercase words ("team-member" -> team, member, team-member).

    ``attributes`` are the element's (``element.attrib``, or a dict of it read once for several questions).
    """
    tokens: set[str] = set()
    for attribute in ("class", "id"):
        for value in (attributes.get(attribute) or "").lower().split():
            tokens.add(value)
            if "-" in value or "_" in value:  # else the value is its only part (it holds no whitespace)
                # Drupal's "field--name-field-nom", "field--type-entity-reference-revisions": "name" is the
                # modifier's key, and a field's data type ("entity-reference") says nothing about its content.
                modifier = _BEM_KEY.match(value)
                if modifier is not None:
                    value = modifier[2] if modifier[1] == "name" else ""
                tokens.update(part for part in _CLASS_SPLIT.split(value) if part)
    return tokens


class ElementFacts(NamedTuple):
    """What an element's tag and attributes say, whatever its place in the page."""

    tokens: frozenset[str]
    """``class_tokens``."""
    contexts: frozenset[str]
    """The element's own contexts but page header and footer (those depend on its ancestors)."""
    boundary: bool
    """Links, buttons and screen-reader-only labels are separate words even without spaces around them."""
    kind: str | None
    """Region kind by the tag alone: ``row``, ``item``, ``section`` or None (see ``RegionClassifier.kind``)."""
    card: str | None
    """For a tag that may be a card: ``staff`` (a team/person class), ``card`` (when one of several alike
    siblings) or None; either only when the element has children."""
    name_part: bool = False
    """The class says the element holds a part of a name ("person-first", "last-name", "surname")."""


class FactsReader:
    """``ElementFacts`` by tag and attributes, read once per distinct element on a page (cards repeat theirs)."""

    def __init__(self) -> None:
        self._facts: dict[str | tuple[str | None, ...], ElementFacts] = {}

    def facts(self, tag: str, attributes: Mapping[str, str]) -> ElementFacts:
        if attributes:
            get = attributes.get
            key: str | tuple[str | None, ...] = (tag, get("class"), get("id"), get("role"), get("itemprop"),
                                                 get("rel"))
        else:
            key = tag
        facts = self._facts.get(key)
        if facts is None:
            facts = self._facts[key] = _element_facts(tag, attributes)
        return facts


def _element_facts(tag: str, attributes: Mapping[str, str]) -> ElementFacts:
    tokens = frozenset(class_tokens(attributes))
    contexts = _TAG_CONTEXTS.get(tag, _NO_CONTEXTS)
    if tokens or not _CONTEXT_ATTRIBUTES.isdisjoint(attributes):
        contexts = contexts | _attribute_contexts(attributes, tokens, tag)
    kind = "row" if tag == "tr" else "item" if tag == "li" else "section" if tag in _SECTION_TAGS else None
    card = None
    if tag in _CARD_TAGS and tag != "li":
        if not tokens.isdisjoint(_staff_tokens()):
            card = "staff"
        elif tokens.isdisjoint(_LAYOUT_TOKENS) or "views-row" in tokens:
            card = "card"  # a Drupal view's row is one item of the list, not a grid row
        elif tag == "div" and not tokens.isdisjoint(_COLUMN_TOKENS) and tokens.isdisjoint(_GRID_TOKENS):
            card = "column"  # a grid column: a card when it holds one person's heading and lines itself
    return ElementFacts(tokens, contexts, is_word_boundary(tag, attributes), kind, card,
                        not tokens.isdisjoint(_NAME_PART_TOKENS))


def own_contexts(element: etree._Element, tag: str, facts: ElementFacts) -> frozenset[str]:
    """Context flags an element sets for the text inside it (see ``ner.dom.Block.contexts``)."""
    # An <article>'s own <header>/<footer> is content, the page's is furniture; not one that holds the page's
    # <main> (an unclosed <div> in the header makes the parser nest the page in it, where a browser would not).
    if (tag == "header" or tag == "footer") and not _inside_content(element) \
            and next(element.iterdescendants("main"), None) is None \
            and not (tag == "header" and _heading_group(element)):
        return facts.contexts | {tag}
    return facts.contexts


def _heading_group(header: etree._Element) -> bool:
    """Is a <header> a content block's heading and subheading ("<header class=frame-header><h3>Marc Weber</h3>
    <p>Associé gérant</p>") rather than the page's (a logo, links, a menu)?"""
    children = [tag_of(child) for child in header if tag_of(child)]
    return bool(children) and children[0] in HEADING_TAGS and set(children) <= HEADING_TAGS | {"p"} \
        and next(header.iterdescendants("a", "nav", "img", "form"), None) is None


_PERSON_AUTHOR = re.compile(r"(?:^|\s)person[-_]author(?:$|[-_\s])", re.IGNORECASE)
_LAYOUT_POSITION = re.compile(r"(?:^|[-_])(?:position|role)[-_](?:top|bottom|left|right|center|centre|absolute|"
                              r"relative|fixed|sticky|static|inline|button|img|image|above|below|inside|outside|"
                              r"start|end)\b")


def _layout_only(attributes: Mapping[str, str]) -> bool:
    """Is "position"/"role" in the classes only a layout word ("elementor-position-top")?"""
    values = (attributes.get("class") or "").lower().split()
    title_values = [v for v in values if not _TITLE_CLASS_TOKENS.isdisjoint({v, *_CLASS_SPLIT.split(v)})]
    return bool(title_values) and all(_LAYOUT_POSITION.search(v) for v in title_values)


def _attribute_contexts(attributes: Mapping[str, str], tokens: frozenset[str], tag: str) -> frozenset[str]:
    """The contexts an element's class, id, role, rel and itemprop set."""
    own: set[str] = set()
    token_markers, whole_markers = _marker_index()
    for token in tokens:
        own.update(token_markers.get(token, ()))
    if _PERSON_AUTHOR.search(attributes.get("class") or ""):
        own.discard("byline")  # Avada's person element: "person-author" holds the name and title of a card
    for attribute in ("class", "id"):
        for value in (attributes.get(attribute) or "").lower().split():
            own.update(whole_markers.get(value, ()))
    role = (attributes.get("role") or "").lower()
    itemprop = attributes.get("itemprop") or ""
    if role == "navigation":
        own.add("nav")
    if role == "banner":
        own.add("header")
    if role == "contentinfo":
        own.add("footer")
    if "author" in (attributes.get("rel") or "").lower().split() or itemprop == "author":
        own.add("byline")
    named = "name" in tokens and tokens.isdisjoint(_NAME_CLASS_EXCLUDED)
    if named or tokens & {"fn", "p-name"} or itemprop == "name":
        own.add("name_class")
    # Or a staff card's title element ("team-member__title"; not a heading: "team__title" heads the section).
    if not tokens.isdisjoint(_TITLE_CLASS_TOKENS) and not _layout_only(attributes) or itemprop == "jobTitle" \
            or "title" in tokens and tag not in HEADING_TAGS and not tokens.isdisjoint(_STAFF_ELEMENT_TOKENS):
        own.add("title_class")
    return frozenset(own)


@lru_cache(maxsize=1)
def _marker_index() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The context markers by token: those any class token may carry, and those that must name the whole class
    (page-furniture markers: "card-footer" is not the page footer)."""
    parts: dict[str, set[str]] = {}
    whole: dict[str, set[str]] = {}
    for context, words in grouped("context_markers", "context", "token").items():
        for word in words:
            (whole if context in _WHOLE_CLASS_CONTEXTS else parts).setdefault(word, set()).add(context)
    return ({word: frozenset(contexts) for word, contexts in parts.items()},
            {word: frozenset(contexts) for word, contexts in whole.items()})


def is_word_boundary(tag: str, attributes: Mapping[str, str]) -> bool:
    """Links, buttons and screen-reader-only labels are separate words even without spaces around them."""
    return tag in _WORD_BOUNDARY_TAGS or bool(attributes) and not _SCREEN_READER_CLASSES.isdisjoint(
        (attributes.get("class") or "").split())


class RegionClassifier:
    """Decides which elements are regions, caching sibling signatures per parent."""

    def __init__(self) -> None:
        self._signatures: dict[etree._Element, Counter] = {}
        self._in_columns: dict[etree._Element, Counter] = {}

    def kind(self, element: etree._Element, facts: ElementFacts) -> str | None:
        """``row``, ``item``, ``staff``, ``card`` (one of several alike siblings), ``section`` or None."""
        if facts.card == "column":
            return "card" if _content_column(element) and self._repeated(element) else facts.kind
        if facts.card is not None and len(element) and (facts.card == "staff" or self._repeated(element)):
            return facts.card
        return facts.kind

    def _repeated(self, element: etree._Element) -> bool:
        parent = element.getparent()
        if parent is None:
            return False
        counts = self._signatures.get(parent)
        if counts is None:
            counts = self._signatures[parent] = Counter(_signature(child) for child in parent if tag_of(child))
        signature = _signature(element)
        if counts[signature] >= 2:
            return True
        # A card alone in each column of a grid ("<div class=col><div class=card>…</div></div>" × n): repeated
        # across the columns.
        grid = parent.getparent()
        if grid is None or sum(counts.values()) != 1 or _LAYOUT_TOKENS.isdisjoint(class_tokens(parent.attrib)):
            return False  # not alone in its column: a views row's fields are not cards
        in_columns = self._in_columns.get(grid)
        if in_columns is None:
            in_columns = self._in_columns[grid] = Counter(
                sig for column in grid if tag_of(column)
                for sig in {_signature(child) for child in column if tag_of(child)})
        return in_columns[signature] >= 2


def _content_column(element: etree._Element) -> bool:
    """Does a grid column hold a person's card itself ("<div class=wp-block-column><h4>Name</h4><p>Job</p>")
    rather than a card or a layout: a few content elements, one of them a heading? Inside a page builder's
    wrappers and widgets too ("<div class=elementor-column><div class=elementor-widget-wrap><div
    class=elementor-widget-image-box>…<h3>Name</h3><p>Job</p>…</div><div class=elementor-widget-text-editor><p>…")."""
    tags = _content_tags(element, _WIDGET_DEPTH)
    return tags is not None and 0 < len(tags) <= _COLUMN_MAX and not HEADING_TAGS.isdisjoint(tags)


def _content_tags(element: etree._Element, depth: int) -> list[str] | None:
    """The content elements of a column through its class-named wrapper divs, or None when it holds anything else
    (a nested grid, a form, a table)."""
    tags: list[str] = []
    for child in element:
        tag = tag_of(child)
        if not tag:
            continue
        if tag in _COLUMN_CONTENT:
            tags.append(tag)
            continue
        tokens = class_tokens(child.attrib) if tag == "div" and depth else None
        # Not a card of its own in the column ("<div class=col><div class=card>"): that card is the region.
        if not tokens or not _COLUMN_TOKENS.isdisjoint(tokens) or not _GRID_TOKENS.isdisjoint(tokens - _WRAP_TOKENS) \
                or "card" in tokens or not _staff_tokens().isdisjoint(tokens):
            return None
        inner = _content_tags(child, depth - 1)
        if inner is None or len(tags) + len(inner) > _COLUMN_MAX:
            return None
        tags += inner
    return tags


@lru_cache(maxsize=1)
def _staff_tokens() -> frozenset[str]:
    return grouped("context_markers", "context", "token")["staff"]


def _inside_content(element: etree._Element) -> bool:
    return next(element.iterancestors(*_CONTENT_ANCESTORS), None) is not None


def _signature(element: etree._Element) -> tuple[str, str, tuple[str, ...]]:
    """Tag and classes; for class-less elements also the first child tags, so that layout siblings
    (``<div id="header">``, ``<div id="content">``, ``<div id="footer">``) are not taken for cards."""
    # Without the per-element ids page builders add ("elementor-element-81a", "et_pb_team_member_4"): cards
    # alike but for those are alike.
    classes = " ".join(sorted(_ELEMENT_ID.sub("", token) for token in (element.get("class") or "").split()))
    shape = () if classes else tuple(tag_of(child) for child in element[:3] if tag_of(child))
    return tag_of(element), classes, shape


def flattened(markup: str) -> Iterator[str]:
    """The page with wrapper tags removed, then with every tag but links, paragraphs and breaks removed:
    what is left of a pathologically deep page when its nesting cannot be parsed (each made when asked for)."""
    wrappers = _WRAPPER_TAGS.sub(" ", markup)
    yield wrappers
    yield _ALL_BUT_TEXT_TAGS.sub(" ", wrappers)


def read_head(root: etree._Element) -> dict:
    """``lang``, ``title``, ``meta`` and ``json_ld`` of a page (see ``ner.dom.PageDom``)."""
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    title_element = root.find(".//title")
    title = collapse(text_content(title_element)) if title_element is not None else ""
    meta: dict[str, str] = {}
    for element in root.iter("meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        if key and key not in meta and element.get("content"):
            meta[key] = collapse(element.get("content", ""))
    json_ld = tuple(script.text for script in root.iter("script")
                    if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text)
    return {"lang": (lang or "").strip() or None, "title": title or None, "meta": meta, "json_ld": json_ld}


def trimmed(start: int, end: int, inline: Inline, text: str) -> Inline:
    """The inline's offsets clipped to the block text and without surrounding whitespace."""
    start, end = max(start, 0), min(end, len(text))
    while start < end and text[start] in " \n":
        start += 1
    while end > start and text[end - 1] in " \n":
        end -= 1
    if start == inline.start and end == inline.end:
        return inline
    return Inline(start, end, inline.tag, inline.contexts)
