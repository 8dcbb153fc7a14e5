"""Which way a page's labels point: a title written as a heading over the names it applies to.

Board and club pages write the office first and the holder under it (``<h3>Kassenwartin</h3><p>Andrea
Bauer</p>``, ``<dt>Presidenta</dt><dd>Elena Castaño</dd>``, ``<dt>Vocales</dt><dd>..</dd><dd>..</dd>``);
team pages write the name first and the title under it (``<h3>Jane Smith</h3><p>CEO</p>``). A title that
is a whole heading-like block (heading, ``<dt>``, ``<th>``, a bold line) governs the name lines that
follow it when those are plain blocks; a plain title block under a heading-like name belongs to that name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ner.dom import Block, PageDom
from ner.hits import NameHit, Scope, TitleHit

_COVERED = 0.7
"""Share of a block the title must cover to be the block's whole content."""
_MAX_LED = 12


def heading_like(block: Block) -> bool:
    """A heading, term, header cell or a line that is all bold: text that labels what follows."""
    return bool(block.heading) or block.tag in ("dt", "th") or "emphasis" in block.contexts


def name_element(block: Block) -> bool:
    """Is the whole block set apart as a name: a heading, a name element, or a paragraph all in bold?"""
    return bool(block.heading) or "name_class" in block.contexts or block.all_bold


def led_names(dom: PageDom, by_block: Mapping[int, Sequence[NameHit]], hit: TitleHit) -> list[str]:
    """Keys of the people a heading-like title labels: the name lines of the plain blocks right after it."""
    mention = hit.mention
    if not hit.standalone or mention.block_id < 0:
        return []
    block = dom.blocks[mention.block_id]
    text = block.text.strip(" :")
    if not text or (mention.end - mention.start) < _COVERED * len(text) or by_block.get(block.id):
        return []
    if not heading_like(block):
        return []
    keys: list[str] = []
    for following in dom.blocks[block.id + 1:block.id + 1 + _MAX_LED]:
        if not following.text or following.tag == "img":
            continue  # an image's alt text is no line under the heading: the card's own heading comes next
        # Not a line with its own office ("<h2>Gemeindevorstand</h2><ul><li>Bürgermeister: Johann Pammer").
        first = [h for h in by_block.get(following.id, ())
                 if h.line == 0 and h.scope is not Scope.BLOCK and "label" not in h.sources]
        if not first or heading_like(following) or following.region != block.region and not near(dom, block,
                                                                                                  following):
            break
        keys += dict.fromkeys(h.key for h in first)  # "<dd>Inès Ferreira et Thomas Girard</dd>": both hold it
    return keys


def near(dom: PageDom, label: Block, following: Block) -> bool:
    """The following block sits in the label's region or in a region directly inside it (a <dd> list, a <p>)."""
    chain = [region.id for region in dom.region_chain(following.region)]
    return label.region in chain[:3]


def titles_above(dom: PageDom, by_block: Mapping[int, Sequence[NameHit]], titles: Sequence[TitleHit]
                 ) -> dict[int, str]:
    """Pages that write each card's title on the line above its name heading ("General Manager" /
    "<h3>Charlotte Beaumont</h3>" / bio / contacts, then the next card): when most name headings of a level
    follow such a title line, each of those titles is the following name's (id of the title hit -> name key).
    Each heading level is read on its own: a page may write its partners one way and its staff the other."""
    standalone = {hit.mention.block_id: hit for hit in titles
                  if hit.standalone and hit.owner is None and hit.mention.block_id >= 0}
    levels: dict[int, list[NameHit]] = {}
    for hits in by_block.values():
        for hit in hits:
            if hit.heading and hit.scope is Scope.REGION and hit.line == 0:
                levels.setdefault(hit.heading, []).append(hit)
    pairs = {}
    for heads in levels.values():
        pairs.update(_titles_above_heads(dom, by_block, standalone, sorted(heads, key=lambda h: h.mention.block_id)))
    return pairs


def _titles_above_heads(dom: PageDom, by_block: Mapping[int, Sequence[NameHit]], standalone: Mapping[int, TitleHit],
                        heads: Sequence[NameHit]) -> dict[int, str]:
    pairs = {}
    for hit in heads:
        above = previous_text_block(dom, dom.blocks[hit.mention.block_id])
        title = standalone.get(above.id) if above is not None else None
        # A section heading ("<h2>Partners</h2>") is not a card's title; a smaller heading over the name
        # ("<h4 class=team-role>Managing Partner</h4><h2>Dale Brubaker</h2>") is.
        if title is not None and above is not None and not by_block.get(above.id) and (
                not above.heading or above.heading > hit.heading or "title_class" in above.contexts):
            pairs[id(title)] = hit.key
    if len(pairs) < 2 or 2 * len(pairs) < len(heads):
        return {}
    # Name, title, name, title ... reads both ways; above-the-name pages start with a title and do not
    # end with one: the first name follows a title, the last name's next line is not a title.
    first, last = heads[0].mention.block_id, heads[-1].mention.block_id
    following = next((block.id for block in dom.blocks[last + 1:] if block.text), None)
    if not any(title.mention.block_id < first for title in standalone.values() if id(title) in pairs) \
            or following in standalone:
        return {}
    return pairs


def following_text_block(dom: PageDom, block: Block) -> Block | None:
    """The first of the two blocks after ``block`` that holds text (an empty wrapper may sit between)."""
    return next((b for b in dom.blocks[block.id + 1:block.id + 3] if b.text), None)


def previous_text_block(dom: PageDom, block: Block) -> Block | None:
    """The nearest block before ``block`` that holds text."""
    index = block.id - 1
    while index >= 0 and not dom.blocks[index].text:
        index -= 1
    return dom.blocks[index] if index >= 0 else None
