"""Which names on a page are staff: confirmed by what is tied to them, or shaped like a confirmed colleague."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from leadscout.records import Mention, MentionKind
from ner.dom import Block, PageDom
from ner.hits import NameHit, Scope
from ner.layout import following_text_block, previous_text_block
from ner.lexicon import column_kind, group_words
from ner.localparts import email_matches_name
from ner.names import canonical_name, fold

_WORD = re.compile(r"[^\W\d_]+")
_LIST_JOINT = re.compile(r"\s*(?:\([^()]{1,60}\))?\s*(?:[,;&.]|\band\b|\bund\b|\bet\b|\by\b|\bog\b|\boch\b|\ben\b)?"
                         r"\s*", re.IGNORECASE)
"""What may stand between names listed in a line: a bracketed office, then a comma or "and"."""
_HEADING_LOOKBACK = 12
"""Blocks looked back over for the heading of a section."""

Shape = tuple[int | None, str, str, int]
"""Where a name heads a card: (parent region, region kind, name tag, the name block's place in the card)."""


class Colleagues:
    """Reads, for one page, whether a name is a staff member's."""

    def __init__(self, dom: PageDom, by_block: Mapping[int, Sequence[NameHit]], first_block: Mapping[int, int]
                 ) -> None:
        self.dom = dom
        self.by_block = by_block
        self.first_block = first_block
        """Each region's first block id."""
        self.confirmed_keys: set[str] = set()
        """The people confirmed so far (set by the caller once read): their bold paragraphs lead others'."""

    def confirmed(self, occurrences: Sequence[NameHit], mentions: Sequence[Mention], *, titled: bool) -> bool:
        """Layout alone ("Dublin Docklands" heading a card with a phone) is not enough: a person needs NER
        or a name label to agree, a title, an address built from the name, a personal profile link, or
        markup that says "name" (a name class, a Name column, a team-member card)."""
        if titled:
            return True
        if any(hit.sources & {"spacy", "label", "jsonld"} for hit in occurrences):
            return True
        if any(m.kind is MentionKind.EMAIL and email_matches_name(m.value.rsplit("@", 1)[0],
                                                                  occurrences[0].mention.value)
               for m in mentions):
            return True
        if any(m.kind is MentionKind.SOCIAL and "/in/" in m.value for m in mentions):
            return True
        blocks = [self.dom.blocks[hit.mention.block_id] for hit in occurrences]
        if any(self._bold_lead(block, hit) and self._under_group_heading(block)
               for block, hit in zip(blocks, occurrences)):
            return True  # "<h4>Also on the team</h4><p><b>Boitumelo Molefi</b>, Removables … Cell 74 220 817.</p>"
        return any({"name_class", "staff"} & block.contexts or block.column for block in blocks)

    def _under_group_heading(self, block: Block) -> bool:
        """Is the nearest heading above the block one that names a group of the organisation's people ("Also on
        the team", "Vorstand")?"""
        for index in range(block.id - 1, max(-1, block.id - _HEADING_LOOKBACK), -1):
            above = self.dom.blocks[index]
            if above.heading:
                return not group_words().isdisjoint(_WORD.findall(above.text.casefold()))
        return False

    def untitled(self, occurrences: Sequence[NameHit], shapes: set[Shape]) -> bool:
        """A name heading a card that the markup calls a staff member's, or shaped like a confirmed colleague's
        card, or a heading, name element or definition term followed by a bio by given name, or a name in a
        sentence that welcomes them or says they work here, or in bold opening a paragraph beside one a confirmed
        colleague opens so, is a person even with neither title nor contacts."""
        own = self.card_shapes(occurrences)
        blocks = [self.dom.blocks[hit.mention.block_id] for hit in occurrences]
        if any(self._name_element(block, hit) and (self._bio_follows(block, occurrences)
                                                    or block.tag == "dt" and self._under_group_heading(block))
               for block, hit in zip(blocks, occurrences)) \
                or any("cue" in hit.sources for hit in occurrences) \
                or any(self._bold_lead(block, hit) and self._led_sibling(block) for block, hit in
                       zip(blocks, occurrences)) \
                or any(self._listed_under_group(block) for block in blocks) \
                or any(self._listed_with_colleagues(block, hit) for block, hit in zip(blocks, occurrences)):
            return True
        if not own or not any(block.heading or "name_class" in block.contexts or column_kind(block.column) == "name"
                              or "first_cell" in block.contexts or block.all_bold
                              for block in blocks):
            return False  # a card's name element or a Name cell, not a line of it ("Contacter Thomas")
        return not own.isdisjoint(shapes) or any({"name_class", "staff"} & block.contexts for block in blocks)

    def _listed_under_group(self, block: Block) -> bool:
        """Is the block a line of names alone, joined by commas (a bracketed office allowed), right under a heading
        that names a group of the organisation's people ("<h3>Committee Members</h3><p>Graeme Buchanan (Gala
        Convener), Louise Mackay, Imran Siddiqui.</p>")?"""
        hits = self.by_block.get(block.id, ())
        if len(hits) < 2 or block.heading:
            return False
        previous = previous_text_block(self.dom, block)
        if previous is None or not previous.heading \
                or group_words().isdisjoint(_WORD.findall(previous.text.casefold())):
            return False
        rest, end = [], block.start
        for hit in sorted(hits, key=lambda h: h.mention.start):
            rest.append(self.dom.text[end:hit.mention.start])
            end = max(end, hit.mention.end)
        rest.append(self.dom.text[end:block.end])
        return all(_LIST_JOINT.fullmatch(part) for part in rest)

    def _listed_with_colleagues(self, block: Block, hit: NameHit) -> bool:
        """Is the name a list item (or a definition term) of its own in a list whose other items name confirmed
        colleagues ("<li>President: Walter Pelletier</li> … <li>Rev. Daniel Whitcomb</li>": the board's other
        members; "<dt>Leonie Haberl</dt><dd>Unsere Tochter …</dd>" after the staff's terms)?"""
        if block.tag not in ("li", "dt") \
                or block.text.strip(" .;,") != self.dom.text[hit.mention.start:hit.mention.end]:
            return False
        parent = block.path.rpartition("/")[0]
        for index in (*range(block.id - 1, max(-1, block.id - 12), -1),
                      *range(block.id + 1, min(len(self.dom.blocks), block.id + 12))):
            other = self.dom.blocks[index]
            if other.tag == block.tag and other.path.rpartition("/")[0] == parent and any(
                    h.key in self.confirmed_keys for h in self.by_block.get(index, ())):
                return True
        return False

    @staticmethod
    def _name_element(block: Block, hit: NameHit) -> bool:
        """Is the name set apart as a heading, a definition term, an element the markup calls a name, or a
        paragraph of its own in bold ("<p><b>Kirra Thompson</b></p><p>Kirra looks after …")?"""
        return bool(block.heading) or block.tag == "dt" or "name_class" in block.contexts or block.covered(
            hit.mention.start - block.start, hit.mention.end - block.start, {"name_class"}) \
            or block.all_bold

    @staticmethod
    def _bold_lead(block: Block, hit: NameHit) -> bool:
        """Does the name open its paragraph in bold ("<p><strong>Ruth Labonte</strong> keeps our books …")?"""
        return hit.mention.start == block.start and block.covered(0, hit.mention.end - block.start, {"emphasis"})

    def _led_sibling(self, block: Block) -> bool:
        """Is a paragraph beside this one (same element, same parent) led in bold by a confirmed colleague?"""
        parent = block.path.rsplit("/", 1)[0]
        for step in (-1, 1):
            index = block.id + step
            while 0 <= index < len(self.dom.blocks) and not self.dom.blocks[index].text:
                index += step
            other = self.dom.blocks[index] if 0 <= index < len(self.dom.blocks) else None
            if other is not None and other.tag == block.tag and other.path.rsplit("/", 1)[0] == parent and any(
                    hit.key in self.confirmed_keys and self._bold_lead(other, hit)
                    for hit in self.by_block.get(other.id, ())):
                return True
        return False

    def _bio_follows(self, heading: Block, occurrences: Sequence[NameHit]) -> bool:
        """Is the name heading followed by a paragraph about that person by their given name ("<h3>Mariana
        Olvera</h3><p>Mariana se unió al equipo en 2025 …</p>") or opening with a short form of it ("Rosie")?"""
        name = canonical_name(occurrences[0].mention.text)
        given = name.split()[0]
        following = following_text_block(self.dom, heading)
        if len(given) < 3 or following is None or following.heading:
            return False
        # Not a section's introduction naming it whole ("Raad van Bestuur" / "De Raad van Bestuur bestaat …").
        text = following.text[:200]
        if name in text:
            return False
        # By given name, or opening with a short form of it ("<h3>Rosalinda Dela Cruz</h3><p>Rosie is …").
        first = re.match(r"[^\W\d_]+", text)
        nickname = first is not None and first[0][:1].isupper() and len(first[0]) >= 3 \
            and fold(first[0][:3]) == fold(given[:3]) and first[0] != given
        return nickname or re.search(rf"(?<!\w){re.escape(given)}(?!\w)", text) is not None

    def card_shapes(self, occurrences: Sequence[NameHit]) -> set[Shape]:
        """Where the name heads a tight region (card, row, item): (parent region, region kind, name tag, the
        name block's place in the card). A card shaped like a confirmed colleague's card (the same grid,
        the same element in the same place) holds a person too, even with only a phone in it; a grid of
        office cards ("Dublin Docklands") confirms nobody."""
        shapes = set()
        for hit in occurrences:
            block = self.dom.blocks[hit.mention.block_id]
            region = self.dom.regions[block.region]
            if hit.scope is not Scope.REGION or not region.tight or hit.mention.start > block.start:
                continue
            # The name's place in the card: counted in headings-or-not, so a card without the role line above
            # the name ("<h3>Finn Anderson</h3><p>bio</p>") still has its colleagues' shape.
            place = sum(1 for b in self.dom.blocks[self.first_block[region.id]:block.id] if not b.heading)
            shapes.add((region.parent, region.kind, block.tag, place))
        return shapes
