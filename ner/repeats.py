"""A staff name written again elsewhere on the page with a contact point right after it, and name occurrences."""

from __future__ import annotations

import re
from collections.abc import Sequence

from leadscout.records import Mention, MentionKind
from ner.dom import Block, PageDom
from ner.hits import NameHit, Scope, extractor
from ner.names import canonical_name, name_key, strip_honorifics

_CONTACT_HINT = re.compile(r"\d|@|\[at\]|\(at\)", re.IGNORECASE)
_CONTACT_FOLLOWS = re.compile(r"[^\n\w]{0,6}(?:[^\W\d_.]{1,9}\.?:?\s*)?(?:\+?\(?\d[\d ()./-]{5,}|[\w.+-]+(?:@|\s?[\[(]at[\])]))")
"""Right after a name: a separator, an optional label ("tel.", "Mobil:"), then a number or an address."""


def repeated_names(dom: PageDom, names: Sequence[NameHit], partners: set[int]) -> list[NameHit]:
    """Other occurrences of the page's staff names written in full and followed by a contact point ("Yann
    Guérin · 06 71 24 88 30" in a "who to call" list): each owns the contact points on its own line."""
    written = {strip_honorifics(hit.mention.text) for hit in names}
    written = {name for name in written if len(name.split()) >= 2}
    if not written:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(written, key=len, reverse=True))
                         + r")(?!\w)")
    taken: dict[int, list[tuple[int, int]]] = {}
    for hit in names:
        block = dom.blocks[hit.mention.block_id]
        taken.setdefault(block.id, []).append((hit.mention.start - block.start, hit.mention.end - block.start))
    found = []
    for block in dom.blocks:
        if (not block.text or block.boilerplate or block.id in partners
                or {"testimonial", "byline"} & block.contexts or not _CONTACT_HINT.search(block.text)):
            continue
        for match in pattern.finditer(block.text):
            if any(match.start() < end and start < match.end() for start, end in taken.get(block.id, ())):
                continue
            if block.covered(match.start(), match.end(), {"testimonial", "byline"}) \
                    or not _CONTACT_FOLLOWS.match(block.text, match.end()):
                continue
            found.append(name_hit(block, match.start(), match.end(), Scope.LINE, frozenset({"repeat"}),
                                   block.text.count("\n", 0, match.start())))
    return found


def name_hit(block: Block, start: int, end: int, scope: Scope, sources: frozenset[str], line: int,
             *, family: str = "") -> NameHit:
    """The occurrence of a name at ``block.text[start:end]``; with ``family``, a given name there whose family
    name is written once for two ("Declan" in "Declan & Maura Foley")."""
    text = block.text[start:end]
    name = f"{text} {family}" if family else text
    mention = Mention(kind=MentionKind.PERSON, text=name, value=canonical_name(name),
                      start=block.start + start, end=block.start + end, block_id=block.id,
                      extractor=extractor("+".join(sorted(sources))))
    return NameHit(mention=mention, key=name_key(name), scope=scope, sources=sources, line=line,
                   heading=block.heading)
