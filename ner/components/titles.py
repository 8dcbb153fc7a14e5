"""The ``leadscout_titles`` spaCy component: job titles into ``doc.spans``, from a multilingual lexicon."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ner.components.hints import lexicon_rows
from ner.components.open_words import (COMPOUNDING, COORDINATORS, DASH_OR_COMMA, GENITIVE, ROMANCE, OpenWords, Words,
                                       area_tail, days_after, ends_line, genitive_noun, led_unit, ordinals_before,
                                       paired_fields_before, principal, remark_after, spells_out, suspended,
                                       training_year_after,
                                       year_before)
from ner.lexicon import DATA_DIR
from ner.names import GERMAN_ADJECTIVE_ENDINGS, is_honorific, looks_like_person_name, title_words

log = logging.getLogger(__name__)

SPANS_KEY = "leadscout_titles"
LABEL = "TITLE"
_MAX_WORDS = 4
"""Longest modifier or function phrase in the lexicon, in tokens."""
_REGION_CODE = re.compile(r"[A-Z]{2}")
"""A region after a professional council's letters ("CRO-PR", "CRM/SP")."""
# A lowercase role word is a title only where apposition or a copula puts it: "Joost van Leeuwen,
# woordvoerder", "M. Aubert, gérant", "Denise Lowe is a partner"; not "our partners", "the director said".
_APPOSITION = frozenset({",", "(", "–", "—", "-", ":", "|", "·"})
_TITLE_LINE_TOKENS = 6
"""A lowercase role starting a line of at most this many tokens is that line's title ("socio fondatore")."""
_COPULAS = frozenset({"is", "was", "as", "als", "como", "come", "comme", "est", "ist", "es", "è", "é", "serves",
                      "works", "joined", "är", "er", "som"})
_ARTICLES = frozenset({"a", "an", "the", "our", "un", "une", "uno", "una", "um", "uma", "een", "de", "la", "le",
                       "el", "der", "die", "unser", "unsere", "notre", "nuestro", "nuestra", "il", "lo", "o"})
_DASHES = frozenset({"–", "—", "-"})
_REMIT_OPENERS = frozenset({"–", "—", "("})
_STREETS = frozenset({"calle", "plaza", "avenida", "carrer", "praza", "rúa", "paseo", "camino", "plaça", "rua",
                      "street", "st", "road", "rd", "avenue", "ave"})


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 5 and text.isalpha() and text.isupper() and text not in _LEGAL_FORMS


_LEGAL_FORMS = frozenset({"AG", "SA", "SRL", "LLC", "LTD", "PLC", "INC", "BV", "NV", "AB", "AS", "ASA", "OY", "OYJ",
                          "SPA", "KG", "OHG", "SL", "SAS", "SARL", "SNC", "SRO", "DOO", "KFT", "ZRT", "NYRT", "BT",
                          "LLP", "LP", "APS", "GMBH", "SE", "SCA", "SCS", "SPRL", "BVBA", "CV"})
"""Legal forms: "Hugentobler Technik AG" names a firm; an acronym after a title is a body or a region."""


@dataclass(frozen=True, slots=True)
class _Seed:
    start: int
    end: int
    needs: str
    """``""``, ``"complement"`` ("Head" needs "of Sales"), ``"qualifier"`` ("Lead" needs "Sales" or "of") or
    ``"listed"`` (a surname-like "Baker" needs a listed word before it: "Head Baker")."""
    langs: frozenset[str] = frozenset()
    """Languages of the seed's lexicon entry: they decide which open-class words the title may take."""


def _sizes_by(phrases: set[tuple[str, ...]], position: int) -> dict[str, tuple[int, ...]]:
    """The lengths (longest first, at most ``_MAX_WORDS``) of ``phrases`` by their word at ``position``."""
    sizes: dict[str, set[int]] = {}
    for phrase in phrases:
        if 0 < len(phrase) <= _MAX_WORDS:
            sizes.setdefault(phrase[position], set()).add(len(phrase))
    return {word: tuple(sorted(found, reverse=True)) for word, found in sizes.items()}


@Language.factory(
    "leadscout_titles",
    default_config={"spans_key": SPANS_KEY, "lexicon": None},
)
def make_title_ruler(nlp: Language, name: str, spans_key: str, lexicon: str | None) -> TitleRuler:
    """A title ruler reading ``lexicon`` (JSONL; None = the bundled ``ner/data/titles.jsonl``)."""
    return TitleRuler(nlp, name, spans_key=spans_key, lexicon=Path(lexicon) if lexicon else DATA_DIR / "titles.jsonl")


class TitleRuler:
    """Marks job titles ("Head of Sales", "Founder & CEO", "Directrice commerciale", "Vertriebsleiter").

    Seeds are role words, whole phrases and case-sensitive abbreviations; each seed grows left over
    modifiers and functions ("Senior Data Scientist") and right over a connector plus function
    ("Head of Sales", "VP, Engineering"), and two titles joined by "&"/"and"/"," become one. Words outside
    the lexicon join by the rules of the seed's language (``OpenWords``): a complement of any common noun
    ("Directrice d'agence", "Leiterin des Einkaufs"), a Romance adjective ("Négociateur immobilier"),
    an English or Dutch qualifier noun ("Taproom Manager"); a listed function in parentheses joins too.
    """

    def __init__(self, nlp: Language, name: str, *, spans_key: str = SPANS_KEY, lexicon: Path) -> None:
        self.name = name
        self.spans_key = spans_key
        rows = lexicon_rows(lexicon)
        self._needs: dict[tuple[str, ...], str] = {}
        self._langs: dict[tuple[str, ...], frozenset[str]] = {}
        self._words: dict[str, set[tuple[str, ...]]] = {"modifier": set(), "function": set(), "connector": set(),
                                                        "post": set()}
        self._suffixes: list[str] = []
        self._capitalised: set[tuple[str, ...]] = set()
        self._suffix_langs: dict[str, set[str]] = {}
        self._seeds = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._abbreviations = PhraseMatcher(nlp.vocab, attr="ORTH")
        phrases, abbreviations = [], []
        for row in rows:
            kind, text = row["kind"], str(row["text"])
            tokens = tuple(token.lower_ for token in nlp.make_doc(text))
            if kind in ("role", "phrase"):
                phrases.append(nlp.make_doc(text))
                # A surname-like role ("Baker") takes only a listed qualifier: "Head Baker", not "Lisa Baker".
                self._needs[tokens] = "listed" if row.get("name_word") else row.get("needs", "")
                if row.get("capitalised"):
                    self._capitalised.add(tokens)  # "Inside Sales – Hose & Fittings", not "ask for inside sales"
                self._langs[tokens] = self._langs.get(tokens, frozenset()) | {row.get("lang", "")}
            elif kind == "abbr":
                abbreviations.append(nlp.make_doc(text))
            elif kind == "suffix":
                self._suffixes.append(text.casefold())
                self._suffix_langs.setdefault(text.casefold(), set()).add(row.get("lang", ""))
            elif kind in self._words:
                self._words[kind].add(tokens)
        # Phrase lengths (longest first) by first and by last word: most tokens start and end no phrase.
        self._sizes_from: dict[str, dict[str, tuple[int, ...]]] = {}
        self._sizes_to: dict[str, dict[str, tuple[int, ...]]] = {}
        for kind, entries in self._words.items():
            self._sizes_from[kind] = _sizes_by(entries, 0)
            self._sizes_to[kind] = _sizes_by(entries, -1)
        self._seeds.add(LABEL, phrases)
        self._abbreviations.add(LABEL, abbreviations)
        self._suffix_tuple = tuple(self._suffixes)
        self._open = OpenWords(rows, modifiers=frozenset(self._words["modifier"]))
        log.debug("title ruler: %d phrases, %d abbreviations", len(phrases), len(abbreviations))

    def __call__(self, doc: Doc) -> Doc:
        words = Words.of(doc)
        seeds = self._find_seeds(doc, words)
        spans = []
        for seed in self._merge(words, [self._grow(doc, words, seed) for seed in seeds]):
            # A surname-like role alone on its line is the job all the same ("<h3>Rev. Tom Okonkwo</h3><p>Pastor</p>").
            alone = seed.needs == "listed" and _alone_on_line(words, seed.start, seed.end)
            if seed.needs and not alone or spells_out(words, seed.start, seed.end):
                continue
            start = seed.start
            while start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ \
                    and not doc[start - 2].whitespace_ and doc[start - 2].is_alpha:
                start -= 2  # the whole hyphened compound: "In-Class Instructor", "Learn-to-Curl & Juniors Coordinator"
            spans.append(Span(doc, start, seed.end, label=LABEL))
        doc.spans[self.spans_key] = filter_spans(spans)
        return doc

    def _find_seeds(self, doc: Doc, words: Words) -> list[_Seed]:
        seeds: list[_Seed] = []
        pending: list[_Seed] = []  # lowercase roles not cued on their own: "VD och grundare" may take them
        for _, start, end in self._seeds(doc):
            if start and words.lower[start - 1] in _STREETS:
                continue  # "Calle Mayor", "Plaza Mayor": a street's name
            # A lone role word counts only when capitalized ("Partner" is a title, "our partners" is not),
            # or lowercase in apposition or after a copula, or as a Dutch role ending a line after its
            # qualifier ("Servicedesk medewerker").
            phrase = tuple(words.lower[start:end])
            if phrase in self._capitalised and not words.capitalized(start):
                continue
            langs = self._langs.get(phrase, frozenset())
            if (end - start == 1 and not words.capitalized(start) and not self._cued(words, start)
                    and not ("nl" in langs and ends_line(words, end) and self._open.qualifier(doc, words, start))):
                pending.append(_Seed(start, end, self._needs.get(phrase, ""), langs))
                continue
            seeds.append(_Seed(start, end, self._needs.get(phrase, ""), langs))
        for _, start, end in self._abbreviations(doc):
            if end + 1 < len(words.text) and words.text[end] in ("-", "/") \
                    and _REGION_CODE.fullmatch(words.text[end + 1]):
                continue  # "CRO-PR 24.310", "CRM/SP": a professional council's registration, not a job
            seeds.append(_Seed(start, end, ""))
        if self._suffix_tuple:
            for index, lower in enumerate(words.lower):
                # Lowercase only where apposition or a copula puts it: "Pia Holm er salgschef", "X, projektledare".
                if len(lower) > 7 and lower.endswith(self._suffix_tuple) and lower not in self._suffix_tuple:
                    langs = frozenset(lang for suffix, suffix_langs in self._suffix_langs.items()
                                      if lower.endswith(suffix) for lang in suffix_langs)
                    cued = words.capitalized(index) or self._cued(words, index)
                    if words.capitalized(index) and self._after_given_name(words, index):
                        continue  # "Sabine Hofmeister", "Karl Baumeister": a family name
                    (seeds if cued else pending).append(_Seed(index, index + 1, "", langs))
        for index in range(len(words.lower) - 1):
            if self._open.ranked_agent(words, index):  # "Head Brewer"
                seeds.append(_Seed(index, index + 2, "", frozenset({"en"})))
        # A lowercase role joined to a title by "and"/"och"/"a" is that title's second half: "VD och
        # grundare", "jednatel a ředitel", "bogholder og lønansvarlig".
        ends = {seed.end for seed in seeds}
        seeds += [seed for seed in pending
                  if seed.start >= 2 and words.lower[seed.start - 1] in COORDINATORS and seed.start - 1 in ends]
        return sorted(seeds, key=lambda seed: (seed.start, -seed.end))

    def _is_role(self, text: str) -> bool:
        """Do ``text``'s first one or two words make a listed role ("Partner", "dottore agronomo")?"""
        tokens = tuple(text.casefold().split())
        return tokens[:1] in self._needs or tokens[:2] in self._needs

    def _after_given_name(self, words: Words, index: int) -> bool:
        """Is the word right after a capitalised word that is no title word ("Sabine" before "Hofmeister")?"""
        if index == 0 or not words.capitalized(index - 1) or not words.text[index - 1].isalpha():
            return False
        previous = words.lower[index - 1]
        # Not a German adjective ("Tierärztliche Ordinationsassistentin", "Leitende Zahnarzthelferin").
        return previous not in title_words() and (previous,) not in self._words["modifier"] \
            and not previous.endswith(GERMAN_ADJECTIVE_ENDINGS)

    def _grow(self, doc: Doc, words: Words, seed: _Seed) -> _Seed:
        start, end, needs = seed.start, seed.end, seed.needs
        romance = bool(seed.langs & ROMANCE)
        qualifier = bool(seed.langs & COMPOUNDING)
        # Left: "Senior", "Regional Sales", "Sales & Marketing", and one unlisted noun: "Taproom Manager".
        lowercase = not words.capitalized(seed.start)
        if lowercase and (opening := self._opening(words, start)) < start:
            start = opening  # "client care coordinator" opening its line
        elif lowercase and start >= 2 and self._open.lowercase_noun(words.text[start - 1]) \
                and words.lower[start - 1] not in _COPULAS | _ARTICLES and words.lower[start - 2] in _ARTICLES \
                and not self._match_before(words, start, ("modifier",), lowercase=True):
            start -= 1  # "is our docketing manager"
        joined = False
        while True:
            size = self._match_before(words, start, ("modifier", "function"), lowercase=lowercase)
            # Fields joined before the title: "Sales & Marketing Manager", and a list of them once "&" joined
            # two: "Health, Safety & Environment Coordinator".
            if not size and start >= 2 and (words.lower[start - 1] in COORDINATORS
                                            or joined and words.text[start - 1] == ","):
                size = self._match_before(words, start - 1, ("function",))
                size, joined = (size + 1, True) if size else (0, joined)
            if not size and qualifier and needs != "listed" and (nouns := self._open.qualifier(doc, words, start)):
                size, qualifier = nouns, False
            if not size:
                break
            start -= size
            if needs in ("qualifier", "listed"):
                needs = ""
        # A compound's first half whose head is shared: "Vertriebs- und Marketingleiter", "konferens- och
        # bokningsansvarig".
        start -= 2 if suspended(words, start) else 0
        # Ordinals: "1st Year Head", "5th & 6th Year Head", "2. Vorsitzender"; a year of training: "3rd-year
        # apprentice"; fields joined before a title opening its line: "Cellar Door & Events Manager".
        start -= year_before(words, start)
        start -= ordinals_before(words, start)
        start -= paired_fields_before(words, start)
        # Right: "of Sales", "for EMEA", ", Engineering", and post-positive "commerciale", "Vertrieb".
        while end < len(words.lower):
            connector = self._match_at(words, end, ("connector",))
            modifiers = self._match_at(words, end + connector, ("modifier",)) if connector else 0
            size = self._match_at(words, end + connector + modifiers, ("function",))
            if modifiers and not size:
                modifiers, size = 0, self._match_at(words, end + connector, ("function",))
            size = size + modifiers if size else 0
            if size and words.text[end] in DASH_OR_COMMA and not words.capitalized(end + connector):
                size = 0  # "Taproom Manager — events and parties": a lowercase word after a dash is prose
            if not size:
                # Only straight after the role: "coordenador fiscal do escritório" is the tax coordinator
                # of the office, not a title ending in "escritório".
                complement = self._open.complement(words, end, seed.langs) if end == seed.end else 0
                if not complement and "en" in seed.langs and needs == "complement":
                    # "Head of Executive Search", "Head – Bridges & Infrastructure"
                    complement = self._open.named_complement(doc, words, end, dash=True)
                    named = doc[end + 1:end + complement].text
                    if complement and words.text[end] in _DASHES and (
                            is_honorific(words.text[end + 1]) or looks_like_person_name(named)):
                        complement = 0  # "Year Head – Mr Colm Fitzpatrick": the holder, not the field
                elif not complement and seed.langs & GENITIVE and genitive_noun(words, seed.end) >= end - seed.end \
                        and (start == 0 or "\n" in words.text[start - 1] or words.text[start - 1] in _REMIT_OPENERS):
                    # "Šefica domaćinstva", "Kierownik obiektu" on a card line; after a unit ("vedoucí úseku
                    # ubytování").
                    complement = genitive_noun(words, end)
                elif not complement and "de" in seed.langs and end == seed.end \
                        and (start == 0 or "\n" in words.text[start - 1]):
                    complement = led_unit(words, end)  # "Leitung Getränkemarkt" on a card line
                elif not complement and "en" in seed.langs and end == seed.end:
                    # "Director of Studies": one word only, "Managing Director of Thornbury Aerospace" names a firm
                    complement = self._open.named_complement(doc, words, end)
                    complement = complement if complement == 2 else 0
                if not complement:
                    break
                end += complement  # "Directrice d'agence", "Responsable de la comptabilité", "Jefe de obra"
                needs = ""
                continue
            if connector and words.text[end] == "," and needs == "complement":
                break  # "VP, Sales" is a title, "Head, Sales" is not
            if not connector and needs == "complement":
                break  # "Head" needs "of"
            end += connector + size
            needs = ""
        # Whose assistant: "legal secretary to Mr McIlroy", "assistante de Me Rochat".
        end += principal(words, end)
        # Post-positive words: "socio fondatore", "Professor Emeritus", "Advocaat-stagiair".
        while end < len(words.lower):
            post = self._match_at(words, end, ("post",))
            if post:
                end += post
                continue
            if words.text[end] == "(" and (inner := self._match_at(words, end + 1, ("function",))):
                if end + 1 + inner < len(words.text) and words.text[end + 1 + inner] == ")":
                    end += inner + 2  # "Partner (Tax)", "Sales Manager (EMEA)"
                    continue
            if romance and not seed.langs - ROMANCE and self._open.adjective(words.text[end]):
                end += 1  # "Négociateur immobilier", "gestion locative", "Asesora fiscal"
                continue
            # An acronym ending the line: a body or region the title is held in ("stagiaire IPI", "Sales Manager
            # EMEA"); not one of several letters ("Architekt ETH SIA" is a qualification).
            if _is_acronym(words.text[end]) and doc[end - 1].whitespace_ \
                    and ends_line(words, end + 1) and not (end + 1 < len(doc) and _is_acronym(words.text[end + 1])):
                end += 1
                break
            # A hyphen is rare: its whitespace checks read the doc itself.
            if (words.text[end] in ("-", "‐") and end + 1 < len(doc) and not doc[end - 1].whitespace_
                    and not doc[end].whitespace_ and doc[end + 1].is_alpha):
                end += 2
                needs = ""
                continue
            break
        end += training_year_after(doc, words, end)  # "Lehrling im 3. Lehrjahr", "ASV en alternance (2e année)"
        end += days_after(doc, words, end)  # "izglītības psiholoģe (pirmdienās un ceturtdienās)"
        end += remark_after(doc, words, end, self._is_role)  # "Export Sales Manager (Europe & Asia)" ending its line
        if not needs and (start == 0 or "\n" in words.text[start - 1]):
            end = area_tail(doc, words, end)
        return _Seed(start, end, needs)

    def _merge(self, words: Words, seeds: list[_Seed]) -> list[_Seed]:
        """Join "Founder & CEO", "Prokurist, Kaufmännischer Leiter" into one title."""
        merged: list[_Seed] = []
        for seed in sorted(seeds, key=lambda s: (s.start, -s.end)):
            if merged:
                last = merged[-1]
                if seed.start <= last.end:
                    if seed.end > last.end:
                        merged[-1] = _Seed(last.start, seed.end, last.needs and seed.needs)
                    continue
                if (seed.start - last.end == 1
                        and (words.lower[last.end] in COORDINATORS or words.text[last.end] == ",")
                        and not last.needs and not seed.needs):
                    merged[-1] = _Seed(last.start, seed.end, "")
                    continue
                if words.lower[last.end:seed.start] == ["to", "the"] and not last.needs and not seed.needs:
                    merged[-1] = _Seed(last.start, seed.end, "")  # "Executive Assistant to the CEO"
                    continue
            merged.append(seed)
        return merged

    def _cued(self, words: Words, start: int) -> bool:
        """Apposition, copula or a capitalised modifier before a lowercase role: "X, gérant", "is a
        (founding) partner", "Senior advocaat"; or the role starts a short line of its own, or ends its first
        lowercase words (a card's "socio fondatore", "security engineer" under the name)."""
        if start == 0 or "\n" in words.text[start - 1]:
            return self._short_line(words, start)
        if suspended(words, start):
            return self._cued(words, start - 2)  # "Maja Ek – konferens- och bokningsansvarig"
        if (year := year_before(words, start)) and (start == year or "\n" in words.text[start - year - 1]):
            return self._short_line(words, start - year)  # "3rd year apprentice" opening its line
        ordinals = ordinals_before(words, start)
        if ordinals and (start == ordinals or "\n" in words.text[start - ordinals - 1]
                         or words.lower[start - ordinals - 1] in _APPOSITION):
            return True  # "1er adjoint, chargé des travaux", "Sylvie Chabert, 2e adjointe": an office's rank
        opening = self._opening(words, start)
        if opening < start and self._short_line(words, opening):
            return True
        if self._match_before(words, start, ("modifier",)):
            return True
        index = start - 1
        if index > 0 and (any((words.lower[index],) in self._words[kind] for kind in ("modifier", "function"))
                          or self._open.lowercase_noun(words.text[index])
                          and words.lower[index] not in _COPULAS | _APPOSITION | _ARTICLES):
            index -= 1  # "a founding partner", "is our docketing manager"
        index -= year_before(words, index + 1)  # "Sam Oyelaran, 2nd-year plumbing apprentice"
        previous = words.lower[max(index, 0)]
        if previous in _APPOSITION or previous in _COPULAS:
            return True
        return previous in _ARTICLES and index > 0 and words.lower[index - 1] in _COPULAS | _APPOSITION

    def _opening(self, words: Words, start: int) -> int:
        """Where the lowercase nouns that open a line and end at ``start`` begin ("security engineer", "client
        care coordinator", "reception & patient coordinator"); ``start`` when the line does not open so."""
        opening = start
        while opening > 0 and start - opening < 3 and (self._open.lowercase_noun(words.text[opening - 1])
                                                       or opening < start and words.lower[opening - 1] in ("&", "and")):
            opening -= 1
        while opening < start and not self._open.lowercase_noun(words.text[opening]):
            opening += 1  # not from a joining word
        return opening if opening < start and (opening == 0 or "\n" in words.text[opening - 1]) else start

    @staticmethod
    def _short_line(words: Words, start: int) -> bool:
        """Does the line from ``start`` end within ``_TITLE_LINE_TOKENS`` tokens, or its job at a dash or bracket
        before its remit ("obchodní manažerka – skupiny, svatby a konference", "waarnemend huisarts (t/m …)"), or
        at a colon before its holder ("předsedkyně kontrolního výboru: Ing. Ivana Pokorná"), or a one-word job at a
        comma before its subjects ("lærer, matematik og fysik/kemi")?"""
        end = min(len(words.text), start + _TITLE_LINE_TOKENS + 1)
        return any("\n" in text or text in _REMIT_OPENERS or text == ":" for text in words.text[start:end]) \
            or len(words.text) - start <= _TITLE_LINE_TOKENS \
            or start + 1 < len(words.text) and words.text[start + 1] == ","

    def _match_before(self, words: Words, index: int, kinds: tuple[str, ...], *, lowercase: bool = False) -> int:
        """Length of the longest capitalised lexicon phrase of ``kinds`` ending just before ``index`` (also a
        lowercase one with ``lowercase``: before a lowercase role, "senior copywriter")."""
        if index <= 0:
            return 0
        last = words.lower[index - 1]
        sizes = sorted({size for kind in kinds for size in self._sizes_to[kind].get(last, ())}, reverse=True)
        for size in sizes:
            if size > index:
                continue
            phrase = tuple(words.lower[index - size:index])
            if any(phrase in self._words[kind] for kind in kinds) and (lowercase or words.capitalized(index - size)):
                return size
        return 0

    def _match_at(self, words: Words, index: int, kinds: tuple[str, ...]) -> int:
        """Length of the longest lexicon phrase of ``kinds`` starting at ``index``."""
        if index >= len(words.lower):
            return 0
        first, room, longest = words.lower[index], len(words.lower) - index, 0
        for kind in kinds:
            for size in self._sizes_from[kind].get(first, ()):
                if longest < size <= room and tuple(words.lower[index:index + size]) in self._words[kind]:
                    longest = size
                    break
        return longest


def _alone_on_line(words: Words, start: int, end: int) -> bool:
    """Is the capitalised seed the whole of its line?"""
    return words.capitalized(start) and (start == 0 or "\n" in words.text[start - 1]) \
        and (end >= len(words.text) or "\n" in words.text[end])
