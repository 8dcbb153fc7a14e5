"""Words outside the title lexicon that a title may still take: "Directrice d'agence", "Négociateur immobilier",
"Taproom Manager", "Head Brewer". Read from the ``complement``, ``article``, ``adjective``, ``noun_ending``,
``rank``, ``agent`` and ``stop`` rows of the title lexicon; and the word-shape rules around a title (a year of
training, ordinals, the area after a comma or dash, a compound's first half sharing its head)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from ner.lexicon import org_words
from ner.names import is_honorific, looks_like_person_name

ROMANCE = frozenset({"fr", "es", "it", "pt", "ca"})
"""Languages whose titles take adjectives after the noun ("Négociateur immobilier")."""
GENITIVE = frozenset({"hr", "sr", "bs", "sl", "cs", "sk", "pl", "lt", "lv"})
"""Languages whose roles take the noun they head in the genitive after them ("Šefica domaćinstva", "Kierownik
budowy", "Vedoucí provozu")."""
COMPOUNDING = frozenset({"en", "nl"})
"""Languages whose roles take any noun before them as a qualifier ("Taproom Manager")."""
_BOUNDARIES = frozenset({",", "(", "–", "—", "-", ":", "|", "·", "•", ";", "&", "and", "und", "et", "y", "e", "en",
                         "/", "+"})
"""Tokens after which a qualifier may start a title."""
_DETERMINERS = frozenset({"a", "an", "the", "our", "un", "une", "uno", "una", "um", "uma", "een", "de", "la", "le",
                          "el", "der", "die", "unser", "unsere", "notre", "nuestro", "nuestra", "il", "lo", "o"})
_ELIDED_CONNECTOR = re.compile(r"(?:d|dell)['’](?P<noun>[^\W\d_]+)", re.IGNORECASE)
_TO_WHOM = frozenset({"to", "de", "di", "von", "van", "del", "da", "do", "för", "til"})
_GOVERNING_BODIES = frozenset({"board", "governors", "trustees", "council", "directors", "committee", "partners",
                               "trust"})
"""Whom an office serves after "to the": "Secretary to the Board", "Clerk to the Governors"."""
_ORDINAL = re.compile(r"\d{1,2}(?:st|nd|rd|th|er|re|ère|e|ème|eme|°|º|ª)")
_AREA_TOKENS = 5
"""Most tokens of the area a title line ends in ("Fire Safety & DAC")."""
DASH_OR_COMMA = frozenset({",", "–", "—"})
"""What sets a title's area apart ("Director, Structures", "Taproom Manager — events")."""
COORDINATORS = frozenset({"&", "and", "und", "et", "y", "e", "en", "/", "+", "och", "og", "ja", "i", "oraz", "a", "és",
                          "și", "şi", "in", "eta"})
"""Words joining two titles or functions ("Founder & CEO", "Grundare och VD", "Prezes i Założyciel", Basque "eta")."""
_SPELLED_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "final", "last"})
_RANKS = frozenset({"premier", "première", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième",
                    "huitième", "primer", "primera", "segundo", "segunda", "tercer", "tercera", "cuarto", "cuarta",
                    "primo", "prima", "secondo", "seconda", "terzo", "terza", "quarto", "quarta"})
"""Spelled ordinals that rank an office ("Troisième adjointe", "Primer teniente de alcalde", "Terzo assessore")."""
_ELIDED_ARTICLE = re.compile(r"l['’](?P<noun>[^\W\d_]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Words:
    """One doc's tokens as plain strings, read once: the rules index these lists many times per seed, and
    each ``doc[i]`` builds a new Token."""

    lower: list[str]
    text: list[str]
    whole: str = ""
    """The doc's text: ``doc.text`` joins every token anew each time it is read."""

    @classmethod
    def of(cls, doc: Doc) -> Words:
        words = cls(lower=[], text=[], whole=doc.text)
        for token in doc:
            words.lower.append(token.lower_)
            words.text.append(token.text)
        return words

    def capitalized(self, index: int) -> bool:
        return self.text[index][:1].isupper()


def genitive_noun(words: Words, index: int) -> int:
    """1 (or 2) when one (or two) lowercase words end the line at ``index``: the nouns a Slavic or Baltic role
    heads ("Šefica domaćinstva", "vedoucí úseku ubytování" on a card line); not in running text."""
    for size in (3, 2, 1):
        nouns = words.text[index:index + size]
        # Or two joined by "i"/"a"/"and" ("voditelj kušaonice i degustacija").
        joined = size == 3 and len(nouns) == 3 and words.lower[index + 1] in COORDINATORS
        if len(nouns) == size and (size < 3 or joined) \
                and all(len(word) >= 4 and word.isalpha() and word.islower() for word in nouns[::2 if joined else 1]) \
                and ends_line(words, index + size):
            return size
    return 0


def led_unit(words: Words, index: int) -> int:
    """1 when one long capitalised noun ends the line at ``index``: the unit a German role leads ("Leitung
    Getränkemarkt", "Leiter Zuschnitt") on a card line; not a family name, which is rarely that long alone."""
    word = words.text[index] if index < len(words.text) else ""
    return int(len(word) >= 9 and word.isalpha() and word[0].isupper() and not word.isupper()
               and ends_line(words, index + 1))


def ends_line(words: Words, index: int) -> bool:
    """Is ``index`` past the last token, or at a line break or punctuation?"""
    return index >= len(words.text) or "\n" in words.text[index] or not words.text[index][:1].isalnum()


class OpenWords:
    """The open-class rules of the title ruler, each bounded by case, language and stop words."""

    def __init__(self, rows: Iterable[Mapping[str, Any]], *, modifiers: frozenset[tuple[str, ...]]) -> None:
        self._modifiers = modifiers
        self._connectors: dict[str, set[str]] = {}
        self._articles: dict[str, set[str]] = {}
        self._bare: set[str] = set()
        endings: dict[str, list[str]] = {"adjective": [], "agent": [], "noun_ending": []}
        self._rank: set[str] = set()
        self._stop: set[str] = set()
        for row in rows:
            kind, text, lang = row["kind"], str(row["text"]).casefold(), str(row.get("lang", ""))
            if kind == "complement":
                self._connectors.setdefault(lang, set()).add(text)
                if row.get("article") is False:
                    self._bare.add(text)  # "Conseillère en patrimoine", not "jefa en la planta"
            elif kind == "article":
                self._articles.setdefault(lang, set()).add(text)
            elif kind in endings:
                endings[kind].append(text)
            elif kind == "rank":
                self._rank.add(text)
            elif kind == "stop":
                self._stop.add(text)
        self._adjective_endings = tuple(endings["adjective"])
        self._agent_endings = tuple(endings["agent"])
        self._noun_endings = tuple(endings["noun_ending"])

    def ranked_agent(self, words: Words, index: int) -> bool:
        """Do ``index`` and the next token read "Head Brewer", "Lead Carpenter": a rank word, then a
        capitalised agent noun (-er, -or, -ist, ...)?"""
        following = words.lower[index + 1]
        return (words.lower[index] in self._rank and words.capitalized(index) and words.capitalized(index + 1)
                and len(following) > 4 and following.isalpha() and following.endswith(self._agent_endings))

    def qualifier(self, doc: Doc, words: Words, start: int) -> int:
        """How many tokens before ``start`` (0 to 4) are capitalised nouns qualifying an English or Dutch
        role ("Taproom Manager", "Visitor Centre Manager", "Servicedesk medewerker")? Only from the start
        of a line or after punctuation, a listed modifier or a determiner, and never a stop word ("Our
        Manager") or part of a PERSON ("Jane Manager"). Two nouns joined by "&" count as one ("Permitting &
        Interconnection Manager")."""
        for size in (1, 2):
            index = start - size
            if index < 0 or not self._noun(doc, words, index):
                return 0
            if index == 0:
                return size
            if words.lower[index - 1] in ("&", "and") and index >= 2 and self._noun(doc, words, index - 2) \
                    and self._opens(words, index - 2):
                return size + 2  # "our Permitting & Interconnection Manager"
            if self._opens(words, index):
                return size
        return 0

    def _opens(self, words: Words, index: int) -> bool:
        """May a title's qualifier start at ``index``: at a line start, after punctuation, a joining word, a
        listed modifier or a determiner ("is a Solar Energy Consultant", "our Taproom Manager")?"""
        if index == 0:
            return True
        before, lower = words.text[index - 1], words.lower[index - 1]
        return ("\n" in before and before.isspace() or lower in _BOUNDARIES or lower in _DETERMINERS
                or (lower,) in self._modifiers)

    def lowercase_noun(self, text: str) -> bool:
        """A lowercase word that may qualify a role ("security", "incident"): no determiner or stop word."""
        return text.isalpha() and text.islower() and len(text) >= 3 and text not in _DETERMINERS \
            and text not in self._stop

    def _noun(self, doc: Doc, words: Words, index: int) -> bool:
        text, lower = words.text[index], words.lower[index]
        return (text.isalpha() and text[:1].isupper() and len(text) >= 3 and lower not in _DETERMINERS
                and lower not in self._stop and doc[index].ent_type_ != "PERSON")

    def complement(self, words: Words, index: int, langs: frozenset[str]) -> int:
        """Tokens of a complement of any common noun at ``index``: a connector of the title's language, an
        optional article and the noun ("d'agence", "de la comptabilité", "Jefe de obra", "Leiterin des
        Einkaufs"), else 0 ("Directeur de Renault", "de nos clients", "Geschäftsführer der Müller GmbH")."""
        size = len(words.lower)
        if index >= size:
            return 0
        if langs & ROMANCE and (elided := _ELIDED_CONNECTOR.fullmatch(words.text[index])):
            return 1 if self.common_noun(elided["noun"], "fr") else 0  # the tokenizer keeps "d'agence" whole
        connector = words.lower[index]
        for lang in sorted(langs):
            if connector not in self._connectors.get(lang, ()):
                continue
            at = index + 1
            if at < size and words.text[at] == ".":
                at += 1  # an abbreviated connector the tokenizer splits: Polish "ds." (do spraw)
            if at < size and connector not in self._bare:
                if words.lower[at] in self._articles.get(lang, ()):
                    at += 1
                elif lang in ROMANCE and (elided := _ELIDED_ARTICLE.fullmatch(words.text[at])):
                    return 2 if self.common_noun(elided["noun"], lang) else 0  # "de l'accueil"
            if at < size and self.common_noun(words.text[at], lang):
                return at + 1 - index
        return 0

    def named_complement(self, doc: Doc, words: Words, index: int, *, dash: bool = False) -> int:
        """Tokens of an English "of"/"for" (or, with ``dash``, a dash) and up to four capitalised words (or "&")
        that are no PERSON, stop word or determiner, for a role that needs a complement: "Head of Executive
        Search", "Head of People & Culture", "Head – Bridges & Infrastructure"."""
        if index >= len(words.lower) or words.lower[index] not in ("of", "for") and not (
                dash and words.text[index] in ("–", "—", "-")):
            return 0
        at = index + 1
        while at < len(words.text) and at - index <= 4:
            if words.text[at] == "&" and at > index + 1 and at + 1 < len(words.text) and words.capitalized(at + 1):
                at += 1  # "Head of People & Culture"
                continue
            if not (words.text[at].isalpha() and words.capitalized(at) and words.lower[at] not in self._stop
                    and words.lower[at] not in _DETERMINERS and doc[at].ent_type_ != "PERSON"):
                break
            at += 1
        return at - index if at > index + 1 and words.text[at - 1] != "&" else 0

    def common_noun(self, text: str, lang: str) -> bool:
        """A word that may be a common noun, not a name: lowercase in Romance languages; in German capitalised
        with a noun ending ("Buchhaltung", "Einkaufs"). Never a determiner, a month or another stop word."""
        if len(text) < 3 or not text.isalpha() or text.casefold() in self._stop:
            return False
        if lang == "de":
            return text[:1].isupper() and text.casefold().endswith(self._noun_endings)
        return text.islower()

    def adjective(self, text: str) -> bool:
        """A lowercase word with a Romance adjective ending ("immobilier", "locative", "fiscal")."""
        return len(text) > 4 and self.common_noun(text, "fr") and text.endswith(self._adjective_endings)


def spells_out(words: Words, start: int, end: int) -> bool:
    """Is the title the spelled-out form of a qualification before it ("ATP (Accredited Tax Advisor)", "CFP
    (Certified Financial Planner)")? A letters line, not a job."""
    if start < 2 or words.text[start - 1] != "(" or end >= len(words.text) or words.text[end] != ")":
        return False
    letters = words.text[start - 2]
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper() \
        and letters[0] == words.text[start][:1]


def principal(words: Words, end: int) -> int:
    """Tokens of "to Mr McIlroy", "de Me Rochat", "von Dr. Huber" after a title: the person it assists; also a
    full name without an honorific when it ends the line ("Legal Assistant to Colin MacIsaac")."""
    if end + 2 >= len(words.text) or words.lower[end] not in _TO_WHOM:
        return 0
    if words.lower[end:end + 2] == ["to", "the"] and words.lower[end + 2] in _GOVERNING_BODIES \
            and words.capitalized(end + 2):
        return 3  # "Secretary to the Board", "Clerk to the Governors"
    if not is_honorific(words.text[end + 1]):
        named = end + 3 <= len(words.text) and all(
            words.capitalized(at) and words.text[at].replace("-", "").isalpha() for at in (end + 1, end + 2))
        return 3 if named and words.lower[end] == "to" and ends_line(words, end + 3) else 0
    at = end + 2 + (words.text[end + 2] == ".")
    size = 0
    while at + size < len(words.text) and size < 2 and words.capitalized(at + size) \
            and words.text[at + size].replace("-", "").isalpha():
        size += 1
    return at + size - end if size else 0


_PAIR_JOINERS = frozenset({"&", "/", "+", "and"})
_LINE_OPENERS = frozenset({"–", "—", "|", ":", "(", "-"})
_PAIRED_WORDS = 6
"""Most tokens of the capitalised fields joined before a title's head ("Health, Safety & Environment")."""


def paired_fields_before(words: Words, start: int) -> int:
    """Tokens of the capitalised fields joined by "&", "/" or "and" to a title that opens its line ("Cellar Door &
    Events Manager", "Health, Safety & Environment Coordinator"); a comma only after a single word, so a name
    before the title ("Jane Smith, Events Manager") stays out."""
    if start < 2 or words.lower[start - 1] not in _PAIR_JOINERS:
        return 0
    at, segment, comma = start - 2, 0, False
    while at >= 0 and start - at <= _PAIRED_WORDS:
        token = words.text[at]
        if words.lower[at] in _PAIR_JOINERS or token == ",":
            if comma and segment != 1:
                return 0  # "Jane Smith, Events & Marketing Manager": more than one word before a comma
            segment, comma = 0, token == ","
        elif token[:1].isupper() and token.replace("-", "").replace("/", "").isalpha():
            segment += 1
        else:
            break
        at -= 1
    opened = at < 0 or "\n" in words.text[at] or words.text[at] in _LINE_OPENERS
    if not opened or comma and segment != 1 or words.text[at + 1] == "," or words.lower[at + 1] in _PAIR_JOINERS \
            or segment > 2:
        return 0
    return start - at - 1


_DAY = r"(?:ma|di|wo|do|vr|za|zo)"
"""Dutch weekdays as a school writes a teacher's days: "leerkracht groep 1/2a (ma, di, wo)"."""
_TRAINING_YEAR_AFTER = re.compile(r"\s+im\s+\d{1,2}\.\s*(?:Lehrjahr|Ausbildungsjahr)\b|"
                                  r"(?:\s+en\s+alternance)?\s*\(\d{1,2}(?:e|ème|re|er)\s+année\)|\s+en\s+alternance\b|"
                                  r"\s+groep(?:en)?\s+\d{1,2}[a-z]?(?:\s*(?:/|-|–|t/m|en)\s*\d{1,2}[a-z]?)*(?![\w/])"
                                  rf"(?:\s*\((?:{_DAY}\.?(?:\s*[,–-]\s*|\s+(?:en|t/m)\s+)?)+\))?")
"""The year of training after a trainee's job: "Lehrling im 3. Lehrjahr", "ASV en alternance (2e année)"; or the
class a Dutch teacher has: "leerkracht groep 1/2a", "onderwijsassistent groep 3 t/m 6"."""


_WEEKDAY = (r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|days|\.)?|"
            r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|"
            r"lunedì|martedì|mercoledì|giovedì|venerdì|(?:segunda|terça|quarta|quinta|sexta)s?(?:-feiras?)?|"
            r"sábados?|domingos?|(?:mon|diens|donners|frei|sams|sonn)tags?|mittwochs?|maandag|dinsdag|woensdag|"
            r"donderdag|vrijdag|zaterdag|(?:pirm|otr|treš|ceturt|piekt|sest|svēt)dien(?:ās|a)?|"
            r"(?:mån|tis|ons|tors|fre|lör|sön)dag(?:ar)?|(?:man|tirs|ons|tors|fre|lør|søn)dag(?:e)?")
_DAYS_REMARK = re.compile(rf"\s*\((?=[^()]{{0,60}}?(?<![^\W\d_])(?:{_WEEKDAY})(?![^\W\d_]))[^()\d@]{{2,60}}\)",
                          re.IGNORECASE)
"""The days a person works, in brackets after the job: "izglītības psiholoģe (pirmdienās un ceturtdienās)",
"Cardiologista pediátrica (atende às terças e sextas)", "Office Manager (part-time, Tue–Thu)"."""


_LINE_REMARK = re.compile(r"[ \t]*\((?![^()]*(?:@|\d[\d ./-]{4,}\d))(?![A-ZÀ-Þ]{3,}\b)(?P<inner>[^()\n]{2,60})\)"
                          r"(?=[ \t]*(?:\n|$))")
"""A remark in brackets ending the job's line: "Export Sales Manager (Europe & Asia)", "GP Registrar (ST3)",
"barnskötare (föräldraledig till februari 2027)"; no address or number in it, no body's initials opening it
("Assistante sociale (CDAS de Châteaulin)")."""
_NOT_A_REMARK = re.compile(r"^\s*(?:(?:she|he|they|ze|xe)/|retired|former|formerly|deceased|ehemal|ancien|ret\.|"
                           r"in memoriam|†|\d{4}\s*[–—-]\s*\d{4}|term\b|mandat|since\b|seit\b|depuis\b|desde\b|sinds\b|"
                           r"t/m\b|tot\b|until\b|till\b|bis\b|jusqu|fino\b|hasta\b)", re.IGNORECASE)
"""Pronouns, a term of office, a start or end date ("waarnemend huisarts (t/m februari 2027)") and a note that
the holder has left are no part of the job (read apart: ``ner.outsiders``)."""


def remark_after(doc: Doc, words: Words, end: int, is_role: Callable[[str], bool]) -> int:
    """Tokens of a remark in brackets that ends the line of the title ending at token ``end``; not another job and
    where it is held ("Treasurer (Partner, Brennan & Voss CPAs)"), ``is_role`` telling a job's words."""
    if end == 0 or end >= len(doc):
        return 0
    match = _LINE_REMARK.match(words.whole, doc[end - 1].idx + len(doc[end - 1]))
    if match is None or _NOT_A_REMARK.match(match["inner"]):
        return 0
    head, comma, _rest = match["inner"].partition(",")
    if comma and is_role(head.strip()):
        return 0
    return _tokens_to(doc, end, match)


def days_after(doc: Doc, words: Words, end: int) -> int:
    """Tokens of the days in brackets written after the title ending at token ``end``."""
    if end == 0 or end >= len(doc):
        return 0
    return _tokens_to(doc, end, _DAYS_REMARK.match(words.whole, doc[end - 1].idx + len(doc[end - 1])))


def _tokens_to(doc: Doc, end: int, match: re.Match[str] | None) -> int:
    """Tokens from token ``end`` to the end of ``match`` (found in the doc's text right after it), 0 without one."""
    span = doc.char_span(match.start(), match.end(), alignment_mode="expand") if match is not None else None
    return span.end - end if span is not None and span.end > end else 0


_TRAINEES = frozenset({"auszubildende", "auszubildender", "azubi", "lehrling", "lernende", "lernender", "apprendista",
                       "apprenti", "apprentie"})
_TRADE_AFTER = re.compile(r"(?:\s+(?:zum|zur)\s+[A-ZÄÖÜ][\wäöüß-]+|\s+[A-ZÄÖÜ][\wäöüß-]+(?:\s+EFZ|\s+EBA)?|"
                          r"(?:\s+[a-zà-ÿ]+){1,3}(?=\s*\(\d))?"
                          r"\s*\(\d{1,2}(?:\.|°|º|e|ème|re)?\s*(?:Lehrjahr|Ausbildungsjahr|anno|année|an)\)")
"""The trade a trainee learns and the year of training: "Auszubildender zum Schreiner (3. Lehrjahr)", "Lernende
Hotelfachfrau EFZ (2. Lehrjahr)", "Apprendista assistente di farmacia (2° anno)"."""


def training_year_after(doc: Doc, words: Words, end: int) -> int:
    """Tokens of the year of training (or work-study) written after the title ending at token ``end``."""
    if end == 0 or end >= len(doc):
        return 0
    start_char = doc[end - 1].idx + len(doc[end - 1])
    match = _TRAINING_YEAR_AFTER.match(words.whole, start_char)
    if match is None and doc[end - 1].lower_ in _TRAINEES:
        match = _TRADE_AFTER.match(words.whole, start_char)  # "Auszubildender zum Schreiner (3. Lehrjahr)"
    return _tokens_to(doc, end, match)


def year_before(words: Words, start: int) -> int:
    """Tokens of the year of training before a title: "3rd-year apprentice", "Second Year Trainee" (also when the
    title already took "Year" as a modifier)."""
    at = start if words.lower[start:start + 1] == ["year"] else start - 1
    if at < 1 or words.lower[at] != "year":
        return 0
    hyphen = words.text[at - 1] in ("-", "‐")
    if at == start and not hyphen:
        return 0  # "5th & 6th Year Head": ordinals, read by ``ordinals_before``
    at -= hyphen
    if at >= 1 and (_ORDINAL.fullmatch(words.lower[at - 1]) or words.lower[at - 1] in _SPELLED_ORDINALS):
        return start - at + 1
    return 0


def ordinals_before(words: Words, start: int) -> int:
    """Tokens of the ordinals opening a title before ``start``: "1st Year Head", "5th & 6th Year Head", "Troisième
    adjointe"."""
    at = start
    while at >= 1 and (_ORDINAL.fullmatch(words.lower[at - 1]) or words.lower[at - 1] in _RANKS):
        at -= 1
        if at >= 2 and words.lower[at - 1] in ("&", "and", "/") and _ORDINAL.fullmatch(words.lower[at - 2]):
            at -= 2
    return start - at


def suspended(words: Words, start: int) -> bool:
    """Is the word at ``start`` the second half of a pair sharing its head ("Vertriebs- und Marketingleiter")?"""
    return start >= 2 and words.lower[start - 1] in COORDINATORS and len(words.text[start - 2]) > 2 \
        and words.text[start - 2].endswith("-") and words.text[start - 2][:-1].isalpha()


def area_tail(doc: Doc, words: Words, end: int) -> int:
    """Where a title line ends that goes on after a comma or dash with capitalised words only: the area,
    office or kitchen it is held in ("Director, Structures", "Senior Engineer, Fire Safety & DAC",
    "Academic Coordinator – Casa & Preschool"), or in brackets that end the line ("Regional Head (West)"): one
    word, or words joined by "&". Not a person's name ("Office Manager, Sarah Jones") or an organisation
    ("CEO, Acme Ltd", "CEO, Prairie Automation")."""
    bracket = end < len(words.text) and words.text[end] == "("
    if end >= len(words.text) or words.text[end] not in DASH_OR_COMMA and not bracket:
        return end
    index = end + 1
    while index < len(words.text) and "\n" not in words.text[index] and index - end <= _AREA_TOKENS:
        text = words.text[index]
        if bracket and text == ")":
            break
        if not (text in ("&", "/") or words.lower[index] == "and"
                or text[:1].isupper() and text.replace("-", "").isalpha()):
            return end
        index += 1
    if index - end > _AREA_TOKENS or index == end + 1 or not words.text[index - 1][:1].isupper():
        return end
    if bracket and not (index < len(words.text) and words.text[index] == ")" and ends_line(words, index + 1)):
        return end
    if index - end > 2 and not any(text in ("&", "/", "and") for text in words.lower[end + 1:index]):
        return end  # "CEO, Prairie Automation": two capitalised words may name a firm
    person = index - end > 2 and any(token.ent_type_ == "PERSON" for token in doc[end + 1:index])
    organisation = any(word in org_words() for word in words.lower[end + 1:index])
    if person or organisation or looks_like_person_name(doc[end + 1:index].text):
        return end
    return index + 1 if bracket else index
