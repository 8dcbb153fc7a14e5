"""Which person an email address is built from: its local part against the forms a name takes in addresses."""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from ner.lexicon import load_rows
from ner.names import name_key, strip_honorifics

_GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ø": "oe", "æ": "ae", "å": "aa"})


def email_matches_name(local_part: str, name: str) -> bool:
    """True when an address's local part is built from the name: ``sarah.oconnor``, ``soconnor``,
    ``s.oconnor``, ``sarah``, ``oconnor.sarah``, ``z.mueller-luedenscheidt`` for the matching names."""
    return local_part_key(local_part) in local_part_variants(name)


def local_part_key(local_part: str) -> str:
    """An address's local part as compared with names: lowercase, separators dropped."""
    return re.sub(r"[._\-+']", "", local_part.casefold())


_GREEK_DIGRAPHS = (("ου", "ou"), ("ού", "ou"), ("αυ", "av"), ("αύ", "av"), ("ευ", "ev"), ("εύ", "ev"), ("γγ", "ng"))
"""Greek letter pairs as addresses romanise them (ELOT 743: "Σιδηροπούλου" -> "sidiropoulou", "Ευαγγελία" ->
"evangelia"), before the letter-by-letter romanisation."""
_BULGARIAN = str.maketrans({"ъ": "a", "щ": "sht", "ю": "yu", "я": "ya", "й": "y", "ц": "ts", "ж": "zh", "х": "h"})
"""Bulgarian letters as its official romanisation writes them, where ``anyascii`` writes them otherwise."""
_CLERGY = ("fr", "father", "rev", "pastor", "deacon", "sister")
"""Prefixes of a parish's addresses for its clergy ("frthomas@", "deaconpaul@")."""


def _romanised_keys(name: str) -> set[str]:
    """A name in another script (Greek, Cyrillic …) in Latin letters, as its owner's address spells it; Cyrillic
    also as Bulgaria romanises it ("Димитър Стоянов" -> "dimitar stoyanov")."""
    if name.isascii() or all(not char.isalpha() or "LATIN" in unicodedata.name(char, "LATIN") for char in name):
        return set()
    lowered = name.casefold()
    for pair, latin in _GREEK_DIGRAPHS:
        lowered = lowered.replace(pair, latin)
    return {name_key(anyascii(lowered)), name_key(anyascii(lowered.translate(_BULGARIAN)))}


def _equivalent_keys(name: str) -> set[str]:
    """The name with a given name in another language's form, as its owner may spell their address ("Caoimhín Ó
    Briain" -> "kevin o briain"; ``ner/data/given_name_equivalents.jsonl``)."""
    tokens = name_key(name).split()
    equivalents = _given_name_equivalents()
    return {" ".join([*tokens[:index], other, *tokens[index + 1:]])
            for index, token in enumerate(tokens) for other in equivalents.get(token, ())}


@lru_cache(maxsize=1)
def _given_name_equivalents() -> dict[str, tuple[str, ...]]:
    return {str(row["name"]): tuple(row["also"]) for row in load_rows("given_name_equivalents")}


@lru_cache(maxsize=4096)
def local_part_variants(name: str) -> frozenset[str]:
    """Every local part (``local_part_key`` form, 3+ characters) a person's address may be built from:
    each word of the name in full, as its initial or left out, at least one in full, in either order;
    German umlauts and Nordic letters both folded and transliterated ("müller" -> "muller", "mueller",
    "søren" -> "soeren"); and the initials of a
    name of three or more words ("mkn" for Mette Kjær Nielsen), as Nordic and German firms write them, and
    its given names before a family name written first ("wklim" for Lim Wei Keat)."""
    variants: set[str] = set()
    # A hyphenated family name also as one word: "williams-joness@" for Sioned Williams-Jones.
    for spelled in {name_key(name), _german_key(name), name_key(name.replace("-", "")), *_romanised_keys(name),
                    *_equivalent_keys(name)}:
        tokens = [t.replace("'", "") for t in spelled.split()][:6]
        if len(tokens) >= 2:
            # "drthornquist@", "drvanderwal@" (Natalie Vander Wal): a practice's address for its doctor; a parish's
            # for its clergy by given name too ("frthomas@", "deaconpaul@")
            variants.update(("dr" + tokens[-1], "dr" + "".join(tokens[1:])))
            variants.update(prefix + name for prefix in _CLERGY for name in (tokens[0], tokens[-1]))
            variants.add(tokens[0][:1] + tokens[-1][:2])  # "mda@" for Mikkel Dahl: Danish firms' three letters
            # Danish municipalities' forms too: "bia@" Birgitte Aagaard, "jobr@" Jonas Brøndum, "sarv@" Sara
            # Vestergaard.
            variants.update((tokens[0][:2] + tokens[-1][:1], tokens[0][:2] + tokens[-1][:2],
                             tokens[0][:3] + tokens[-1][:1]))
        if len(tokens) >= 3:
            variants.add("".join(token[:1] for token in tokens))
            # "Lim Wei Keat" written family name first: "wklim", "weikeat.lim".
            variants.add("".join(token[:1] for token in tokens[1:]) + tokens[0])
            variants.add("".join(tokens[1:]) + tokens[0])
        for order in (tokens, tokens[::-1]):
            for choice in itertools.product((0, 1, 2), repeat=len(order)):
                if 2 not in choice:
                    continue
                joined = "".join(word if pick == 2 else word[:1] for word, pick in zip(order, choice) if pick)
                if len(joined) >= 3:
                    variants.add(joined)
    return frozenset(variants)


def _german_key(name: str) -> str:
    """The key with German umlauts and Nordic letters transliterated (ü -> ue, ø -> oe), as addresses spell
    them."""
    return name_key(strip_honorifics(name).casefold().translate(_GERMAN))
