"""What the finders hand to ``associate``: mentions plus how far each one reaches on the page."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from leadscout.records import Mention, MentionKind

EXTRACTOR_VERSION = 1


def extractor(name: str) -> str:
    """The versioned extractor name stored on mentions, e.g. ``"ner.mailto/1"``, ``"ner.spacy+structure/1"``."""
    return f"ner.{name}/{EXTRACTOR_VERSION}"


def extractor_parts(name: str) -> frozenset[str]:
    """The evidence names inside an extractor name: ``"ner.spacy+structure/1"`` -> {"spacy", "structure"}."""
    return frozenset(name.removeprefix("ner.").split("/", 1)[0].split("+"))


class Scope(str, Enum):
    """How much of the page a name occurrence owns."""

    REGION = "region"
    """A card heading, table name cell or first line: the name owns its card, row or section."""
    FOLLOWING = "following"
    """A contact-person label ("Ansprechpartner: Lukas Bauer"): owns the rest of its own block only."""
    LINE = "line"
    """A legal or title label ("Geschäftsführer: Dr. Klaus Weber", "Vertreten durch: ..."): the lines after
    it are the company's (Impressum style), so the name owns only its own line."""
    BLOCK = "block"
    """A name in running text: owns mentions in its own block only."""


@dataclass(frozen=True, slots=True)
class NameHit:
    """One occurrence of a person's name."""

    mention: Mention
    key: str
    """``names.name_key`` of the name: occurrences with one key are one person."""
    scope: Scope
    sources: frozenset[str]
    """Evidence: ``structure`` (page layout), ``spacy`` (NER), ``label`` ("Contact: X"), ``jsonld``."""
    line: int = 0
    """Line number inside the block (``<br>`` lines)."""
    heading: int = 0
    """Heading level of the block the name sits in, 0 for none."""


@dataclass(frozen=True, slots=True)
class TitleHit:
    """One job-title mention."""

    mention: Mention
    standalone: bool
    """The title is a whole line, cell or marked element (a card subtitle), not words inside prose."""
    owner: str | None = None
    """Name key of the person the title was written with ("Jane Smith, CEO"), if any."""
    line: int = 0
    elsewhere: bool = False
    """Held at another organisation ("Marketing Director, Coastal Credit Union"): its holder is a
    customer, partner or speaker, not staff."""
    weak: bool = False
    """Read from the layout alone (a definition term over a name) or an image's alt text: any other title of its
    holder wins."""


@dataclass(frozen=True, slots=True)
class ChannelHit:
    """An email, phone, fax or social-profile mention."""

    mention: Mention
    display_name: str = ""
    """The display name of a ``mailto:`` ("Jane Doe <jane@x.com>"), a strong hint of the owner."""
    line: int = 0
    social: str = ""
    """For social links: ``person`` (linkedin.com/in/...), ``company`` (linkedin.com/company/...) or ``any``."""


_CHANNELS = (MentionKind.EMAIL, MentionKind.PHONE, MentionKind.FAX, MentionKind.SOCIAL)


def unique_mentions(mentions: Sequence[Mention]) -> list[Mention]:
    """First mention of each (kind, value), channels in page order."""
    seen: set[tuple[MentionKind, str]] = set()
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (_CHANNELS.index(m.kind) if m.kind in _CHANNELS else -1,
                                                   m.block_id, m.start)):
        if (mention.kind, mention.value) not in seen:
            seen.add((mention.kind, mention.value))
            kept.append(mention)
    return kept
