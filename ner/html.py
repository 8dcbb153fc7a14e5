"""DOM (lxml) -> ``PageDom``: text blocks with offsets, the regions they sit in, and the page's links."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from itertools import chain

from lxml import etree
from lxml import html as lxml_html

from ner.deobfuscate import decode_cf_href, decode_cfemail, find_emails
from ner.dom import BLOCK_SEPARATOR, TIGHT_KINDS, Block, Inline, Link, PageDom, Region
from ner.hidden import PageSecrets, Revealed, base_href, data_address, joomla_address
from ner.markup import (HEADING_TAGS, FactsReader, RegionClassifier, collapse, flattened,
                        own_contexts, read_head, tag_of, text_content, trimmed)
from ner.names import is_name_suffix
from ner.tables import TableColumns

log = logging.getLogger(__name__)

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr legend li main menu nav ol p pre section summary "
    "table tbody td tfoot th thead tr ul".split()
)
DROPPED_TAGS = frozenset(
    "script style noscript template svg math iframe object embed canvas select datalist head audio video "
    "picture source track map".split()
)
HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}
EMPHASIS_TAGS = frozenset({"strong", "b", "dt", "th", "button"})
"""Set apart as a label or a heading is: bold, a term, a header cell, an accordion toggle ("<button>Ida Lykke
Østergaard – Kundeservice</button>")."""
_INLINE_KEPT = frozenset({"a", "cite", "q", "time", "span", "em", "i"})
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.IGNORECASE)
_BOLD_CLASS = re.compile(r"(?:^|\s)(?:font-(?:bold|semibold|extrabold)|fw-(?:bold|semibold|bolder)|text-bold|"
                         r"has-bold-font-weight)(?:\s|$)")
"""Utility classes that set text in bold (Tailwind "font-bold", Bootstrap "fw-bold")."""


_ICON = re.compile(r"(?:^|\s)(?:fa|fas|far|fa-solid|fa-regular|icon|bi|dashicons|glyphicon)-(fax|phone|phone-alt|"
                   r"phone-square|phone-square-alt|phone-flip|mobile|mobile-alt|mobile-screen|mobile-screen-button|"
                   r"telephone|telephone-fill)(?:$|\s)", re.IGNORECASE)
"""An icon font's phone, mobile or fax glyph (Font Awesome, Bootstrap Icons, Dashicons, Glyphicons)."""
_ICON_LABELS = {"fax": "Fax:", "phone": "Tel.:", "phone-alt": "Tel.:", "phone-square": "Tel.:",
                "phone-square-alt": "Tel.:", "phone-flip": "Tel.:", "telephone": "Tel.:", "telephone-fill": "Tel.:",
                "mobile": "Mobile:", "mobile-alt": "Mobile:", "mobile-screen": "Mobile:",
                "mobile-screen-button": "Mobile:"}
_ICON_TAGS = frozenset({"i", "span", "em"})
_BADGE = re.compile(r"(?:^|[\s_-])(?:badge|pill|chip)(?:$|[\s_-])", re.IGNORECASE)
_DISPLAY_BLOCK = re.compile(r"(?:^|\s)(?:d-block|block|display-block|is-block)(?:$|\s)")
"""Utility classes that display an inline element as a block of its own (Bootstrap, Tailwind, Bulma)."""
_SUBTITLE = re.compile(
    r"(?:^|[\s_-])(?:muted|sub-?title|secondary|subheading|designation|position|role|job)(?:$|[\s_-])", re.IGNORECASE)
"""Classes of a heading's secondary text ("<h2>Rohit Bhandari <span class=text-muted>BIM Coordinator</span>")."""
"""Class of a small label set beside a name (a language, a status): a line of its own."""


def _bold(element: etree._Element) -> bool:
    """Is the element styled bold, inline or by a utility class?"""
    return bool(_BOLD_STYLE.search(element.get("style") or "") or _BOLD_CLASS.search(element.get("class") or ""))
_FIELD_CONTEXTS = frozenset({"name_class", "title_class"})
# A tight region this large is a layout, not one card; its contents are not one person's.
_TIGHT_MAX_BLOCKS = 24
_TIGHT_MAX_CHARS = 1500
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Full-width forms (U+FF01..FF5E) are look-alikes of ASCII ("ｊａｎｅ＠ａｃｍｅ．ｃｏｍ"): read as ASCII, as NFKC
# would, one character for one so offsets hold.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_HAS_FULLWIDTH = re.compile("[\uff01-\uff5e]")
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")
_RESOURCE_LIMIT = etree.ErrorTypes.ERR_RESOURCE_LIMIT
_NO_CONTEXTS: frozenset[str] = frozenset()
_ALT_CONTEXT = frozenset({"alt"})
"""Context of a block made from an image's alt text."""
_ALT_MAX = 80
"""Longer alt text is a description, not a caption."""
_NOSCRIPT_MAX = 160
"""Longer ``<noscript>`` text is a page's fallback content, not an address."""
_PHOTO_OF = re.compile(r"^(?:photo|portrait|headshot|picture|image|foto|porträt|portret|portrætt?|bild|retrato|"
                       r"ritratto|zdjęcie|fotografie|kuva)(?:\s+(?:of|von|de|di|van|av|af|do|da|du|der))?\s*[:\-–]?\s+",
                       re.IGNORECASE)
"""Words for a photo before the name in its alt text: "Portret Marloes Terpstra", "Photo of Jane Doe"."""
_FURNITURE = frozenset({"header", "footer"})
"""Tags whose contexts depend on their ancestors (see ``ner.markup.own_contexts``)."""


def parse_html(markup: str) -> PageDom:
    """Parse a page into blocks, regions and links; never raises on malformed markup.

    Scripts, styles and other non-text elements are dropped; navigation, page header and footer and
    cookie banners are kept but flagged (their contact points are the company's).
    """
    root = None
    for attempt in chain((markup,), flattened(markup)):
        try:
            # huge_tree lifts libxml2's nesting limit from 256 to 2048; past it the parser stops and drops
            # the rest of the page, so a deeper page is parsed again with its wrapper tags stripped. Plain
            # lxml elements, not lxml.html's: their class lookup costs a Python call per element.
            parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
            root = lxml_html.document_fromstring(attempt.encode("utf-8", "surrogatepass"), parser=parser)
        except (etree.ParserError, ValueError, UnicodeError) as error:
            log.debug("unparseable page: %s", error)
            root = None
            break
        if not any(e.type == _RESOURCE_LIMIT for e in parser.error_log):
            break
        log.debug("page nested past libxml2's depth limit; flattening it")
    if root is None:
        return PageDom(text="", blocks=(), regions=(Region(0, "root", None, "body", "/", False),), links=())
    walker = _Walker(root, PageSecrets.read(root))
    walker.run()
    return PageDom(text=BLOCK_SEPARATOR.join(block.text for block in walker.blocks), blocks=tuple(walker.blocks),
                   regions=tuple(walker.frozen_regions()), links=tuple(walker.links), base_url=base_href(root),
                   **read_head(root))


class _Segment:
    """The text being collected for one block-level element, whitespace collapsed as it grows.

    (A plain class rather than a dataclass: one is made per block element, and default factories cost more.)
    """

    __slots__ = ("element", "tag", "parts", "length", "inlines", "links", "boundary")

    def __init__(self, element: etree._Element, tag: str) -> None:
        self.element = element
        self.tag = tag
        self.parts: list[str] = []
        self.length = 0
        self.inlines: list[Inline] = []
        self.links: list[tuple[str, str, str]] = []
        self.boundary = False
        """Set at the edges of links, buttons and the like: words on either side are separate words."""

    def add(self, text: str) -> None:
        # Every character the two patterns match but the plain space is a separator, control or format
        # character, which str.isprintable() rejects: printable text without a double space is left as it is.
        if not text.isprintable() or "  " in text:
            text = _SPACES.sub(" ", text if text.isascii() else _INVISIBLE.sub("", text))
        if not text.isascii() and _HAS_FULLWIDTH.search(text):
            text = text.translate(_FULLWIDTH)
        parts = self.parts
        if text.startswith(" ") and (not parts or parts[-1].endswith((" ", "\n"))):
            text = text[1:]
        if not text:
            return
        if self.boundary and parts and parts[-1][-1:].isalnum() and text[0].isalnum():
            text = " " + text  # "<a>Home</a><a>Work</a>" renders as two words, not "HomeWork"
        self.boundary = False
        parts.append(text)
        self.length += len(text)

    def newline(self) -> None:
        if self.parts and self.parts[-1].endswith(" "):
            self.parts[-1] = self.parts[-1][:-1]
            self.length -= 1
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
            self.length += 1

    def text(self) -> str:
        return "".join(self.parts)

    def clear(self) -> None:
        self.parts.clear()
        self.inlines.clear()
        self.links.clear()
        self.length = 0


# What entering an element changed, to undo when leaving it (a plain tuple: one is made per element):
# (tag, boundary, read, region, segment, inline_start, href). ``boundary``: the element separates words (see
# ``ner.markup.is_word_boundary``); ``read``: it was entered, not dropped, so its contexts, and its region and
# segment when it opened them, are to be closed; ``inline_start``: where its text starts in the segment, None
# when it opened the segment; ``href``: its link target.
_Frame = tuple[str, bool, bool, bool, bool, int | None, str | None]
_DROPPED_FRAME_TAIL = (False, False, False, None, None)
_NO_ATTRIBUTES: dict[str, str] = {}


@dataclass(slots=True)
class _RegionBuilder:
    id: int
    kind: str
    parent: int | None
    tag: str
    path: str
    blocks: int = 0
    chars: int = 0
    headings: int = 0


class _Walker:
    """One iterative pass over the tree (deep pages cannot overflow the stack)."""

    def __init__(self, root: etree._Element, secrets: PageSecrets) -> None:
        self.secrets = secrets
        body = root.find("body")
        self.top = body if body is not None else root
        self.tree = root.getroottree()
        self.classifier = RegionClassifier()
        self.tables = TableColumns()
        self.reader = FactsReader()
        self.blocks: list[Block] = []
        self.links: list[Link] = []
        self.regions = [_RegionBuilder(0, "root", None, tag_of(self.top), self.tree.getpath(self.top))]
        self.segments = [_Segment(self.top, tag_of(self.top))]
        self.region_stack = [0]
        self.context_stack: list[frozenset[str]] = [frozenset()]
        self.frames: list[_Frame] = []
        self.offset = 0

    def run(self) -> None:
        walker = etree.iterwalk(self.top, events=("start", "end"))
        frames = self.frames
        segments = self.segments
        for event, element in walker:
            if event == "start":
                tag = tag_of(element)
                if not tag or tag in DROPPED_TAGS:
                    walker.skip_subtree()
                    items = element.items()
                    boundary = bool(tag) and self.reader.facts(tag, dict(items) if items else _NO_ATTRIBUTES).boundary
                    frames.append((tag, boundary, *_DROPPED_FRAME_TAIL))
                    if tag == "script":
                        self._reveal(self.secrets.script(element))
                    elif tag == "noscript":
                        self._noscript_address(element)
                elif self._enter(element, tag):
                    walker.skip_subtree()
            else:
                frame = frames.pop()
                if frame[2]:
                    self._leave(element, frame)
                # Sibling elements written without a space ("<span>Tel. 0821 4567 8123</span><span>Mobil
                # 0171 1234567</span>") are styled apart: their words are separate words.
                if frame[1] or not element.tail and element.getnext() is not None:
                    segments[-1].boundary = True
                tail = element.tail
                if tail and element is not self.top:
                    segments[-1].add(tail)
        self._flush(segments[-1], self.region_stack[-1], self.context_stack[-1])
        # A region's counts so far are of its own blocks; add each region's to its parent's. Children come
        # after their parents, so one pass from the end adds up every region's descendants.
        for builder in reversed(self.regions):
            if builder.parent is not None:
                parent = self.regions[builder.parent]
                parent.blocks += builder.blocks
                parent.chars += builder.chars
                parent.headings += builder.headings

    def frozen_regions(self) -> list[Region]:
        # A "row" or "card" holding several headings is a layout (a one-cell page table), not one thing.
        return [Region(r.id, r.kind, r.parent, r.tag, r.path,
                       r.kind in TIGHT_KINDS and r.blocks <= _TIGHT_MAX_BLOCKS and r.chars <= _TIGHT_MAX_CHARS
                       and r.headings < 2)
                for r in self.regions]

    def _in_name_element(self, element: etree._Element) -> bool:
        parent = element.getparent()
        if parent is None or not isinstance(parent.tag, str):
            return False
        items = parent.items()
        return "name" in self.reader.facts(parent.tag, dict(items) if items else _NO_ATTRIBUTES).tokens

    def _enter(self, element: etree._Element, tag: str) -> bool:
        """Open an element; True when its subtree is already read (a Cloudflare-protected address)."""
        is_top = element is self.top
        items = element.items()
        attributes = dict(items) if items else _NO_ATTRIBUTES  # read once: most questions below are about them
        facts = self.reader.facts(tag, attributes)
        kind = None if is_top else facts.kind if facts.card is None else self.classifier.kind(element, facts)
        # A part of a name in a block of its own inside a name element ("<div class=person-name-wrap><div
        # class=person-first>Harjit</div><div class=person-last>Sandhu</div>") is a word of one line.
        name_part = facts.name_part and tag in BLOCK_TAGS and not is_top and self._in_name_element(element)
        # A region is a block boundary too, so no block straddles two regions.
        segment_opened = (tag in BLOCK_TAGS and not name_part or kind is not None) and not is_top
        inline_start = None
        if segment_opened:
            if self.segments[-1].parts or self.segments[-1].links:
                self._flush(self.segments[-1], self.region_stack[-1], self.context_stack[-1])
            self.segments.append(_Segment(element, tag))
        elif not is_top:
            inline_start = self.segments[-1].length
        if kind is not None:
            self.regions.append(_RegionBuilder(len(self.regions), kind, self.region_stack[-1], tag,
                                               self.tree.getpath(element)))
            self.region_stack.append(len(self.regions) - 1)
        if is_top:
            own = _NO_CONTEXTS
        else:
            own = own_contexts(element, tag, facts) if tag in _FURNITURE else facts.contexts
        self.context_stack.append(self.context_stack[-1] | own if own else self.context_stack[-1])
        boundary = facts.boundary or name_part
        segment = self.segments[-1]
        if tag == "br" or segment.tag == "summary" and not segment_opened and segment.length \
                and element.getparent() is segment.element \
                or not segment_opened and segment.length and (_BADGE.search(attributes.get("class") or "")
                                                              or _DISPLAY_BLOCK.search(attributes.get("class") or "")) \
                or not segment_opened and segment.length and segment.tag in HEADING_TAGS \
                and (_SUBTITLE.search(attributes.get("class") or "") or tag == "small" and not _letters(element)):
            # A disclosure row's parts ("<summary><span>Jonah Reyes</span><span>principal consultant</span>"), a
            # badge after a name ("<h3>Rhodri ap Gwilym <span class=iaith-badge>Cymraeg</span>"), and a heading's
            # secondary text ("<h3>Jane Doe <small>Chief Executive</small>", "<span class=text-muted>"; not letters
            # after the name, "<small>BVSc</small>") are laid out apart, as lines are.
            segment.newline()
        if boundary:
            segment.boundary = True
        if not items:  # nothing hidden, no link: the common case
            self.frames.append((tag, boundary, True, kind is not None, segment_opened, inline_start, None))
            if element.text:
                segment.add(element.text)
            return False
        if tag == "img" and self.regions[self.region_stack[-1]].kind in TIGHT_KINDS:
            self._alt_block(element, attributes.get("alt", ""))
        elif tag in _ICON_TAGS and not element.text and len(element) == 0 \
                and (icon := _ICON.search(attributes.get("class") or "")) is not None:
            # "<i class="fa fa-fax"></i> +604-229 7719": the icon is the number's label.
            segment.add(_ICON_LABELS[icon[1].casefold()] + " ")
        href = attributes.get("href") if tag in ("a", "area") else None
        if href:
            href = decode_cf_href(href) or href.strip()
        else:
            href = None
        protected = attributes.get("data-cfemail")
        reversed_text = None
        if protected is None:
            reversed_text = self.secrets.reversed_text(element, tag, attributes)
            if reversed_text is None:
                href = self._hidden_address(element, tag, attributes, href)
        self.frames.append((tag, boundary, True, kind is not None, segment_opened, inline_start, href))
        if protected is not None:
            segment.add(decode_cfemail(protected) or "")
            return True
        if reversed_text is not None:
            segment.add(reversed_text)
            return True
        if element.text:
            segment.add(element.text)
        return False

    def _noscript_address(self, element: etree._Element) -> None:
        """The address a ``<noscript>`` spells out for readers without JavaScript ("kabelo (at) kgaledental.co.bw"
        beside the span a script fills in), as a link where it stands; its text stays out (a notice to turn
        JavaScript on, or the address the script writes out again)."""
        text = collapse(text_content(element))
        if text and len(text) <= _NOSCRIPT_MAX:
            for match in find_emails(text):
                self.segments[-1].links.append((f"mailto:{match.address}", match.address, ""))

    def _alt_block(self, element: etree._Element, alt: str) -> None:
        """A card's photo caption as a block of its own: on some sites the person's name is only there
        (``<img alt="Camille Roux">`` above the role)."""
        alt = _PHOTO_OF.sub("", collapse(alt))  # "Portret Marloes Terpstra", "Photo of Jane Doe"
        if not alt or len(alt) > _ALT_MAX or self.segments[-1].parts:
            return  # an image inside running text is an icon or an illustration, not the card's photo
        segment = _Segment(element, "img")
        segment.add(alt)
        self._flush(segment, self.region_stack[-1], self.context_stack[-1] | _ALT_CONTEXT)

    def _hidden_address(self, element: etree._Element, tag: str, attributes: dict[str, str],
                        href: str | None) -> str | None:
        """Addresses behind ``javascript:``/``onclick`` handlers and in data attributes (see ``ner.hidden``);
        returns the element's link target, which such an address may replace."""
        revealed = self.secrets.handler(tag, attributes) if tag in ("a", "area") or attributes.get("onclick") else None
        if revealed is not None and revealed.hrefs and href is not None:
            href = revealed.hrefs[0]
            revealed = Revealed(text=revealed.text, hrefs=revealed.hrefs[1:])
        self._reveal(revealed)
        joomla = tag == "joomla-hidden-mail"
        if not joomla and not any(key.startswith("data-") for key in attributes):
            return href
        address = joomla_address(attributes) if joomla else data_address(attributes)
        if address is None:
            return href
        if href is not None and not href.casefold().startswith("mailto:"):
            href = f"mailto:{address}"
        else:
            self.segments[-1].links.append((f"mailto:{address}", address, ""))
        if not collapse(text_content(element)):
            self.segments[-1].add(f" {address} ")
        return href

    def _reveal(self, revealed: Revealed | None) -> None:
        """Add what a script or handler would have written, where it would have appeared."""
        if revealed is None:
            return
        segment = self.segments[-1]
        segment.boundary = True
        if revealed.text:
            segment.add(f" {revealed.text} ")
        segment.links.extend((href, revealed.text, "") for href in revealed.hrefs)

    def _leave(self, element: etree._Element, frame: _Frame) -> None:
        tag, _, _, region_opened, segment_opened, inline_start, href = frame
        contexts = self.context_stack.pop()
        segment = self.segments[-1]
        if href is not None:
            segment.links.append((href, collapse(segment.text()[inline_start or 0:]), element.get("rel", "")))
        if inline_start is not None and segment.length > inline_start:
            own = _NO_CONTEXTS if contexts is self.context_stack[-1] else contexts - self.context_stack[-1]
            if tag in EMPHASIS_TAGS or tag == "span" and _bold(element):
                own |= {"emphasis"}  # <b>, <strong>, and page builders' <span style="font-weight:bold">
            if own or tag in _INLINE_KEPT:
                segment.inlines.append(Inline(inline_start, segment.length, tag, frozenset(own)))
            if own & _FIELD_CONTEXTS and not (element.tail or "").strip() and element.getnext() is not None \
                    or _DISPLAY_BLOCK.search(element.get("class") or ""):
                # <span class="name">Jonas Wendt</span><span class="role">Head of Sales</span>: styled as
                # separate lines, written without a space; keep them apart. So is an inline element a utility
                # class displays as a block ("<span class=d-block>praktijkondersteuner</span>Diabetes, …").
                segment.newline()
        if segment_opened:
            segment = self.segments.pop()
            if segment.parts or segment.links:
                self._flush(segment, self.region_stack[-1], contexts)
        if region_opened:
            self.region_stack.pop()

    def _flush(self, segment: _Segment, region_id: int, contexts: frozenset[str]) -> None:
        """Turn the collected text into a block (also an empty one when it holds links)."""
        if not segment.parts and not segment.links:  # nothing collected (so no inlines either)
            return  # callers check this first: most block elements hold only other blocks
        raw = segment.text()
        text = raw.strip()
        if not text and not segment.links:
            segment.clear()
            return
        shift = len(raw) - len(raw.lstrip())
        tag = segment.tag
        block_contexts = contexts
        if tag in ("td", "th") and self.tables.first_cell(segment.element):
            block_contexts = block_contexts | {"first_cell"}
        if tag in EMPHASIS_TAGS or _bold(segment.element):
            block_contexts = block_contexts | {"emphasis"}
        inlines = ()
        if segment.inlines:
            trimmed_inlines = (trimmed(i.start - shift, i.end - shift, i, text) for i in segment.inlines)
            inlines = tuple(i for i in trimmed_inlines if i.end > i.start)
        block = Block(len(self.blocks), text, self.offset, self.offset + len(text), tag,
                      self.tree.getpath(segment.element), region_id, block_contexts, HEADING_LEVELS.get(tag, 0),
                      inlines, self.tables.column(segment.element) if tag == "td" else "")
        previous = self.blocks[-1] if self.blocks else None
        # A heading straight after another ("<h5>Name</h5><h6>Financial Controller</h6>", "<h4>Arborist</h4>
        # <h3>Sione Taufa</h3>") heads nothing of its own: the card still has one heading group.
        subtitle = bool(block.heading and previous is not None and previous.region == region_id and previous.heading)
        self.blocks.append(block)
        self.offset = block.end + len(BLOCK_SEPARATOR)
        for href, link_text, rel in segment.links:
            self.links.append(Link(href, link_text, block.id, rel))
        builder = self.regions[region_id]  # its ancestors' counts are added up at the end of run()
        builder.blocks += 1
        builder.chars += len(text)
        builder.headings += bool(block.heading) and not subtitle
        segment.clear()


def _letters(element: etree._Element) -> bool:
    """Is the element's text post-nominal letters only ("BVSc", "MD, FAAP")?"""
    words = "".join(element.itertext()).replace(",", " ").split()
    return bool(words) and all(is_name_suffix(word) for word in words)
