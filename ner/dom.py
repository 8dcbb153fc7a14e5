"""The page as later steps see it: text blocks with offsets, the regions they sit in, and links."""

from __future__ import annotations

from dataclasses import dataclass, field

BLOCK_SEPARATOR = "\n\n"
"""What joins two blocks in the page text (so no span crosses a block boundary)."""
TIGHT_KINDS = frozenset({"row", "item", "card", "staff"})
"""Region kinds that stand for one thing (a card, a table row, a list item): their contents belong together."""
BOILERPLATE = frozenset({"nav", "header", "footer", "cookie"})
"""Block contexts of page furniture: navigation, page header and footer, cookie banners."""


@dataclass(frozen=True, slots=True)
class Region:
    """A DOM element that groups blocks: a card, table row, list item, section, or the page body."""

    id: int
    kind: str
    """``root``, ``row`` (tr), ``item`` (li), ``card`` (repeated sibling), ``staff`` (team/person class),
    or ``section`` (section, article, table, header/footer, ...)."""
    parent: int | None
    """Enclosing region id; None for the root."""
    tag: str
    path: str
    """XPath of the element, e.g. ``/html/body/main/div[2]``."""
    tight: bool
    """True for one small thing (card, row, item) whose contents belong together."""


@dataclass(frozen=True, slots=True)
class Inline:
    """An inline element inside a block (strong, a, span.name, cite ...), as offsets into the block text."""

    start: int
    end: int
    tag: str
    contexts: frozenset[str]
    """Context flags of the element itself: ``emphasis``, ``name_class``, ``title_class``, ``testimonial``,
    ``byline``."""


@dataclass(frozen=True, slots=True)
class Block:
    """A run of text under one block-level element (heading, paragraph, cell, list item ...)."""

    id: int
    text: str
    """Whitespace-collapsed text; ``<br>`` becomes a newline."""
    start: int
    """Offset of the block in the page text."""
    end: int
    tag: str
    """Tag of the block-level element the text belongs to."""
    path: str
    region: int
    """Innermost region id."""
    contexts: frozenset[str]
    """Flags from the element and its ancestors: ``nav``, ``header``, ``footer``, ``cookie``, ``testimonial``,
    ``byline``, ``news``, ``staff``, ``credential``, ``name_class``, ``title_class``, ``emphasis``, ``first_cell``."""
    heading: int
    """Heading level 1..6, 0 when the block is not a heading."""
    inlines: tuple[Inline, ...] = ()
    column: str = ""
    """For a table cell: its column's header text, lowercased ("name", "funktion"); else empty."""

    @property
    def boilerplate(self) -> bool:
        """Navigation, page header/footer or cookie banner: not where staff are listed."""
        return not self.contexts.isdisjoint(BOILERPLATE)

    def covered(self, start: int, end: int, flags: set[str]) -> bool:
        """Is ``text[start:end]`` inside an inline element carrying one of ``flags``?"""
        return any(i.start <= start and end <= i.end and not flags.isdisjoint(i.contexts) for i in self.inlines)

    @property
    def all_bold(self) -> bool:
        """Is the whole text inside one bold or emphasised inline ("<p><b>Kirra Thompson</b></p>")?"""
        return self.covered(0, len(self.text), {"emphasis"})


@dataclass(frozen=True, slots=True)
class Link:
    """An ``<a href>``: mailto:, tel: and social links become mentions."""

    href: str
    text: str
    block_id: int
    """The block the link sits in (an empty block is made for a link without text)."""
    rel: str = ""


@dataclass(frozen=True, slots=True)
class PageDom:
    """Everything later steps read from a page's markup."""

    text: str
    """The page text: every block's text joined by ``BLOCK_SEPARATOR``."""
    blocks: tuple[Block, ...]
    regions: tuple[Region, ...]
    links: tuple[Link, ...]
    lang: str | None = None
    """``<html lang>``, e.g. ``"de-DE"``."""
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    """``<meta>`` values by lowercased property or name (``og:site_name``, ``description`` ...)."""
    json_ld: tuple[str, ...] = ()
    """Raw contents of the ``application/ld+json`` scripts."""
    base_url: str | None = None
    """The page's ``<base href>`` (absolute http(s) only), the URL relative links resolve against."""

    def region_chain(self, region_id: int) -> list[Region]:
        """The region and its ancestors, innermost first."""
        chain: list[Region] = []
        current: int | None = region_id
        while current is not None:
            region = self.regions[current]
            chain.append(region)
            current = region.parent
        return chain
