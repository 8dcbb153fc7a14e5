"""Extensions written without their number ("DW 12", "ext. 214", "poste 25"): put on the company's main line."""

from __future__ import annotations

import re
from dataclasses import replace

from leadscout.records import ContactCandidate, Mention, MentionKind
from ner.dom import PageDom
from ner.hits import unique_mentions
from ner.phones import BARE_EXTENSION, is_mobile

_MOBILE_LABEL = re.compile(r"\b(?:whatsapp|mobile|mobil|mob|cell|cel|celular|móvil|movil|handy|gsm|portable|"
                           r"cellulare|telemóvel|sms)\b", re.IGNORECASE)


def main_line_extensions(dom: PageDom, candidates: list[ContactCandidate], company: list[Mention]
                          ) -> tuple[list[ContactCandidate], list[Mention]]:
    """A person's extension written alone ("DW 12", "poste 25") is on the company's line: the page's one main
    number, or with several, the nearest one written before it in the same section ("Call our main line,
    403-262-4410, and dial the extension below"). Mobiles take no extension. Without one it is dropped."""
    def bare(mention: Mention) -> bool:
        return mention.kind is MentionKind.PHONE and mention.value.startswith(BARE_EXTENSION)

    def mobile(mention: Mention) -> bool:
        block = dom.blocks[mention.block_id]
        local = mention.start - block.start
        label = block.text[block.text.rfind("\n", 0, local) + 1:local] if local >= 0 else ""
        return is_mobile(mention.value) or bool(_MOBILE_LABEL.search(label))

    lines = [m for m in company if m.kind is MentionKind.PHONE and not bare(m) and not mobile(m)]
    mains = {m.value.partition(BARE_EXTENSION)[0] for m in lines}

    def main_for(mention: Mention) -> str | None:
        if len(mains) == 1:
            return next(iter(mains))
        chain = {region.id for region in dom.region_chain(dom.blocks[mention.block_id].region)
                 if region.kind != "root"}
        before = [m for m in lines if m.block_id <= mention.block_id and m.start < mention.start
                  and dom.blocks[m.block_id].region in chain]
        return max(before, key=lambda m: m.start).value.partition(BARE_EXTENSION)[0] if before else None

    def resolved(mention: Mention) -> Mention | None:
        if not bare(mention):
            return mention
        main = main_for(mention)
        return replace(mention, value=main + mention.value) if main else None

    def with_lines(candidate: ContactCandidate) -> ContactCandidate:
        if not any(bare(m) for m in candidate.mentions):
            return candidate
        mentions = [m for m in map(resolved, candidate.mentions) if m is not None]
        return replace(candidate, mentions=tuple(unique_mentions(mentions)))

    return [with_lines(candidate) for candidate in candidates], [m for m in company if not bare(m)]
