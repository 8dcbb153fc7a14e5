"""Which person a mention belongs to by the page's layout alone: a name before it on its line, earlier in its
block, or heading its card, section or page-builder column."""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping, Sequence

from leadscout.records import Mention
from ner.dom import PageDom
from ner.hits import NameHit, Scope

_WIDGET_BLOCKS = 4
"""Blocks after a name alone in its page-builder widget that may still be the person's card (title, bio, contacts)."""


class LayoutOwners:
    """The name occurrences of one page indexed by block and region, to find a mention's owner by layout."""

    def __init__(self, dom: PageDom, by_block: Mapping[int, Sequence[NameHit]], names: Sequence[NameHit]) -> None:
        self.dom = dom
        self.by_block = by_block
        """Name occurrences per block, in page order."""
        self.in_region: dict[int, list[NameHit]] = defaultdict(list)
        for hit in names:
            if hit.scope is Scope.REGION:
                for region in dom.region_chain(dom.blocks[hit.mention.block_id].region):
                    self.in_region[region.id].append(hit)
        for hits in self.in_region.values():
            hits.sort(key=lambda h: (h.mention.block_id, h.mention.start))
        self.in_region_positions = {region: [(h.mention.block_id, h.mention.start) for h in hits]
                                    for region, hits in self.in_region.items()}
        self.in_region_people = {region: len({h.key for h in hits}) for region, hits in self.in_region.items()}
        self.name_blocks = {hit.mention.block_id for hit in names if hit.scope is Scope.REGION}
        self.headings = [block.id for block in dom.blocks if block.heading and block.text]
        self.role_blocks: set[int] = set()
        """Blocks holding a role address (sales@, support@): a department's contact lines."""
        self.first_block: dict[int, int] = {}
        """Each region's first block id."""
        for block in dom.blocks:
            self.first_block.setdefault(block.region, block.id)

    def structural_owner(self, mention: Mention, line: int) -> str | None:
        block = self.dom.blocks[mention.block_id]
        if block.boilerplate:
            return None
        here = self.by_block.get(block.id, [])
        same_line = [h for h in here if h.line == line]
        before = [h for h in same_line if mention.start < 0 or h.mention.start < mention.start]
        if before:
            return before[-1].key
        if same_line and all(h.scope is not Scope.BLOCK for h in same_line):
            return same_line[0].key
        earlier = [h for h in here if h.line < line and h.scope is not Scope.LINE]
        if earlier:
            return earlier[-1].key
        return self.region_owner(block.id, mention.start)

    def region_owner(self, block_id: int, start: int) -> str | None:
        for region in self.dom.region_chain(self.dom.blocks[block_id].region):
            hits = self.in_region.get(region.id)
            if not hits:
                continue
            position = bisect.bisect_left(self.in_region_positions[region.id], (block_id, max(start, 0)))
            nearest = hits[position - 1] if position else None
            if region.tight:
                if nearest is None and block_id in self.role_blocks:
                    return None  # "commercial@… · Tél. …" above the card's one named person: the department's
                if self.in_region_people[region.id] == 1:
                    return hits[0].key
                return nearest.key if nearest else None
            if nearest is None:
                return None
            name_region = self.dom.blocks[nearest.mention.block_id].region
            # The name sits directly in the region, or in a group of blocks right before the mention that is
            # not a card of its own ("<header><h3>Sabine Köhler</h3><h4>Prokuristin</h4></header><p>Telefon …").
            # So does a page builder's widget holding the name alone ("<div class=elementor-widget><h3>Marcus
            # Whitfield</h3></div><div class=elementor-widget><h5>Head Brewer</h5></div>").
            header = self.dom.regions[name_region]
            name_block = nearest.mention.block_id
            alone = header.kind == "card" and self.first_block.get(name_region) == name_block and (
                name_block + 1 >= len(self.dom.blocks) or self.dom.blocks[name_block + 1].region != name_region)
            # Or the widget right after the name's holds the rest of the card ("<div class=rich-text><h2>Cillian
            # Keane</h2></div><div class=rich-text><p>Sports Physiotherapist</p><p>…</p><p>Mob 085 …</p></div>").
            # The mention's widget: its region (or the one around it) beside the name's.
            own = next((r for r in self.dom.region_chain(self.dom.blocks[block_id].region)
                        if r.parent == header.parent), None)
            card_end = name_block + 1  # the block after the name's card ("<h3>name</h3><p>job</p>" in one widget)
            while card_end < len(self.dom.blocks) and self.dom.blocks[card_end].region == name_region:
                card_end += 1
            next_widget = own is not None and own.tight and own.id != name_region and not self.in_region.get(own.id) \
                and card_end <= block_id and all(own in self.dom.region_chain(self.dom.blocks[b].region)
                                                 for b in range(card_end, block_id + 1))
            # Or the name's widget holds the name alone and the card's other widgets follow it in the same column
            # ("<h3>Arch. DI Eva Pichler</h3>" in a heading widget, then a text widget with her bio and mobile).
            # So does a name and its subtitle in a header of their own ("<header><h2>Urs Bachmann</h2><h3>Inhaber
            # </h3></header><p>dipl. Treuhandexperte</p><p>Direkt 041 …</p>").
            widgets = (alone or header.kind == "section") and header.parent == region.id \
                and self.dom.blocks[block_id].region == region.id and block_id - name_block <= _WIDGET_BLOCKS
            if name_region != region.id and not next_widget and not widgets and not (
                    block_id - name_block <= 2 and self.dom.blocks[block_id - 1].region == name_region
                    and header.parent == region.id and (not header.tight or alone)):
                return None
            return None if self.barrier(nearest, block_id) else nearest.key
        return None

    def barrier(self, hit: NameHit, block_id: int) -> bool:
        """A heading between the name and the mention starts another section."""
        first = bisect.bisect_right(self.headings, hit.mention.block_id)
        for heading_id in self.headings[first:]:
            if heading_id >= block_id:
                return False
            if heading_id in self.name_blocks:
                continue
            if not hit.heading or self.dom.blocks[heading_id].heading <= hit.heading:
                return True
        return False
