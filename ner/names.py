"""Personal names: does a string look like one, honorifics, a match key, and email local-part matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nameparser import HumanName
from nameparser.config import Constants

from leadscout.records import NameParts
from ner.lexicon import (capital_stopwords, is_body_word, is_org_word, leading_stopwords, load_rows, name_stopwords,
                         org_words)

PARTICLES = frozenset({"de", "da", "di", "del", "della", "der", "den", "des", "van", "von", "du", "la", "le", "ter",
                       "ten", "bin", "bint", "al", "el", "ó", "o", "ní", "nic", "ui", "uí", "mac", "zu", "dos", "das",
                       "do", "y", "e", "af", "av", "st.", "ibn", "abu", "binti", "binte", "bte", "bt", "s/o", "d/o",
                       "a/l", "a/p", "ap", "ab", "ferch", "verch", "i", "los", "las", "'t", "’t", "dela", "delos",
                       "dal", "dalla", "dalle", "degli", "dei"})  # Italian "Dal Col", "Dalla Costa", "Degli Esposti"
"""Lowercase name particles: allowed in a name, never counted as one of its words."""
_ANY_CASE_SUFFIXES = frozenset({"jr", "sr", "esq", "ing", "ret", "rtd", "pht", "erg", "a.-g"})  # "(Ret.)", "pht", "a.-g."
# German abstract-noun and organisation endings ("Berufsordnung", "Gesellschaft", "Bergschule"): no given or
# family name is that long and ends so.
# Month names that are also given names: allowed first ("June Takahashi"), never later ("Opens August").
_GIVEN_MONTHS = frozenset({"april", "may", "june", "august"})
_GIVEN_AFTER_HONORIFIC = frozenset({"an"})
"""Given names that are common words, allowed first after an honorific: Flemish "Dr. An Vandamme"."""
_NOUN_ENDINGS = ("ung", "keit", "heit", "schaft", "gesetz", "ordnung", "tion", "schule", "zentrum", "verband", "verein",
                 "gruppe", "technik")
_LOWER_PART = re.compile(r"-[a-zß-ÿ]")
_CAPS_WORD = re.compile(r"^[^\W\d_]{2,}(?:-[^\W\d_]{2,})?$")
_TOKEN = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’\-.])*$")
_PATRONYMIC = re.compile(r"(?<=\s)(?:s/o|d/o|a/l|a/p)(?=\s)")
"""Singaporean and Malaysian "son of" / "daughter of": "Rajesh Kumar s/o Subramaniam"."""
_DOTTED_LETTERS = re.compile(r"(?:[A-Z]\.){2,5}")
_ARTICLES = frozenset({"O", "A", "El", "La", "Il", "Lo", "Le", "Der", "Die", "The", "By", "Por", "Par", "Door", "Av"})
"""Words of running text before an honorific and a name: an article ("La Dra. Marta Gil"), a byline's "Por"."""
_QUALIFICATION = re.compile(r"\s+(?:Cert(?:ificate)?\.?|Dip(?:loma)?\.?)\s+(?:I{1,3}|IV|V|in|of)\s+[^,;()]*$")
"""An Australian or New Zealand vocational qualification after a name: "Cert IV Vet Nursing", "Diploma of
Veterinary Nursing"."""
_PROFESSOR_OF = re.compile(r",\s*prof\.\s+(?:[a-zß-ÿčćđšžőű]+\s*){1,3}$")
"""A teaching degree in a subject after the name (Croatian, Serbian): "Ivana Kovačić, prof. pedagogije"."""
_FULL_NAME_HONORIFICS = frozenset({"chef"})
"""Honorifics that are jobs too: a form of address only before a full name ("Chef Rodrigo Santiago Matus")."""
_COURTESY = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "shri", "smt", "sri", "herr", "frau", "mme", "m",
                       "sig", "sig.ra", "sr", "sra", "dhr", "mevr"})
"""Forms of address (not degrees) after which a family name may be a common word ("Mr. Nitin More")."""
_DIPLOMA_AFTER = re.compile(r",\s*Dipl\.-?\s?[A-ZÄÖÜ][\w.äöüß-]*(?:\s*\([A-Za-z.]{2,5}\))?\s*$")
"""A German diploma after the name: "Jan Tenbrink, Dipl.-Finanzwirt (FH)", "Dipl.-Kfm."."""
_SPECIALISM = re.compile(r"\([^\W\d_]+\.?\)")
_DEGREE_SCHOOLS = frozenset({"HSG", "ETH", "EPFL", "FH", "HF", "UZH", "HWV", "TU", "WU"})
"""Where a degree before a name was taken, written after it: "lic. oec. HSG Daniela Bucher-Wyss"."""
_INITIAL = re.compile(r"^[^\W\d_]\.$")
_NICKNAME = re.compile(r"(?<=\w)\s+(?:[“”\"‘'«„]\s?([^\W\d_][^\s“”\"‘’'«»„]{1,19})\s?[”\"’'»“]|"
                       r"\([“”\"‘'«„]?([^\W\d_][^\W\d_]{1,15})[”\"’'»“]?\))"
                       r"\s+(?=\w)")
"""A nickname between a person's names: in quotes ("Ramón “Ray” Villarreal") or in brackets ("Philippa (Pip)
Lyle", "Wiebren („Wieb”) Postma"); a bracketed one is a capitalised word that is no post-nominal ("BSc (Hons)
MRICS")."""
_NICKNAME_AFTER = re.compile(r"\s*\(\s*[«“\"‘']\s*(?:(?:en|na|la|el|il|lo)\s+)?"
                             r"(?P<nickname>[^\W\d_][^\s()«»“”\"‘’']{1,19})\s*[»”\"’']\s*\)\s*$")
"""A nickname in quotes in brackets after the name, with a Catalan, Spanish or Italian article: "(«en Quim»)"."""
_INITIALS_AFTER = re.compile(r"\s*\(([A-ZÀ-Þ]{2,4})\)\s*$")
"""The person's own initials in brackets after the name, as schools write them: "Henrik Møller Jensen (HMJ)"."""
GERMAN_ADJECTIVE_ENDINGS = ("ende", "ender", "enden", "liche", "licher", "lichen", "ische", "ischer", "ischen", "ierte",
                            "ierter")
"""Endings of German adjectives before a job ("Beratender Ingenieur", "Tierärztliche Ordinationsassistentin")."""
_TURKISH_CASE = re.compile(r"(?<=\w)['’](?:n[ıiuü]n|[ıiuü]n|[dt][ae]n?|y?l[ae]|y[ae]|y[ıiuü])\s*$")
"""A Turkish case ending set off by an apostrophe after a name ("Kara'nın", "Kara'dan"); not one letter, as the
apostrophe in "Ng'ang'a" is followed."""
_GENDER_AFTER = re.compile(r"\s*\((?:f|m|w|d|m/w/d|m/f|f/m)\)\s*$", re.IGNORECASE)
"""A gender marker after a name, as a practice lists its doctors: "Dr Hannah Mortimer (f)"."""
_DOCTOR_AFTER = re.compile(r",\s*dr\.\s*(?:med|stom|dent)\.(?:\s*(?:dent|med)\.)?\s*$")
"""A Croatian or Slovene doctor's degree after the name: "Luka Perić, dr. med. dent."."""
_CALLED_AFTER = re.compile(r"\s*\(\s*(?P<honorific>[^\W\d_]+\.?)\s+(?P<given>[^\W\d_]+)\s*\)\s*$")
"""An honorific and the given name in brackets after the name: "(juf Ilse)", "(meester Ruud)", "(κα Δέσποινα)"."""
_SPACED_DEGREE = re.compile(r"(?<=[\s,])([MB])\. (Sc|A|Ed|Eng)\.(?=\s|,|$)")
_FORBIDDEN = re.compile(r"[\d@/|:;!?()\[\]{}<>=+*#%&\"“”«»]")
# Transliterations NFKD does not do: dotless i, slashed o, ligatures.
_FOLD = str.maketrans({"ı": "i", "ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "đ": "d", "ł": "l", "þ": "th",
                       "ð": "d", "’": "'"})
_NAME_CONSTANTS = Constants()
_NAME_CONSTANTS.prefixes.add("ó", "ní", "nic", "uí", "ui", "mac", "ap", "ab", "ferch")


@lru_cache(maxsize=1)
def nicknamer():
    """carltonnorthern/nicknames: a hand-curated table of English given names and their nicknames."""
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=100_000)
def name_group(name: str) -> frozenset[str]:
    """The (lowercase) given name and the canonical names it is a nickname of: two names are nicknames of each other
    when their groups meet."""
    if not name:
        return frozenset({"\x00"})  # never meets another group
    return frozenset({name}) | frozenset(nicknamer().canonicals_of(name))


def nicknames_match(a: str, b: str) -> bool:
    """True for "jon"/"jonathan", "bob"/"robert", "jon"/"johnny" (both nicknames of john)."""
    return bool(a) and bool(b) and not name_group(a).isdisjoint(name_group(b))


def nicknames(text: str) -> list[str]:
    """The nicknames written between a person's names ("Ramón “Ray” Villarreal" -> ["Ray"]) or in quotes in
    brackets after them ("Joaquim Rovira («en Quim»)" -> ["Quim"])."""
    found = [nickname for match in _NICKNAME.finditer(text) if (nickname := _nickname(match))]
    return found + [match["nickname"] for match in _NICKNAME_AFTER.finditer(text)]


def _nickname(match: re.Match[str]) -> str | None:
    quoted, bracketed = match.groups()
    if bracketed is None:
        return quoted
    return bracketed if bracketed[1:].islower() and bracketed[0].isupper() and not is_name_suffix(bracketed) else None


def _own_initials(name: str, letters: str) -> bool:
    """Are ``letters`` the initials of the name's first and last words and, between them, of some of the others?"""
    initials = [word[0].upper() for word in re.split(r"[\s-]+", name) if word[:1].isalpha()]
    if len(initials) < 2 or letters[0] != initials[0] or letters[-1] != initials[-1]:
        return False
    rest = iter(initials[1:-1])
    return all(letter in rest for letter in letters[1:-1])


@lru_cache(maxsize=16384)
def split_honorifics(text: str) -> tuple[str, str, str]:
    """``(honorific, name, suffix)``: "Prof. Dr. Martin Albrecht, PhD" -> ("Prof. Dr.", "Martin Albrecht", "PhD")."""
    # "Ramón “Ray” Villarreal": the nickname is not part of the name
    text = _NICKNAME.sub(lambda match: " " if _nickname(match) else match[0], text)
    text = _NICKNAME_AFTER.sub("", text)  # "Joaquim Rovira («en Quim»)"
    if (initials := _INITIALS_AFTER.search(text)) is not None and _own_initials(text[:initials.start()], initials[1]):
        text = text[:initials.start()]  # "Søren Aagaard Østergaard (SØ)"
    text = _TURKISH_CASE.sub("", text)  # "Emre Kara'nın": Emre Kara's
    text = _GENDER_AFTER.sub("", text)  # "Dr Hannah Mortimer (f)"
    called = _CALLED_AFTER.search(text)
    if called is not None and is_honorific(called["honorific"]) \
            and called["given"].casefold() in text[:called.start()].casefold().split():
        text = text[:called.start()]  # "Ilse van Dalen (juf Ilse)": what the children call her
    text = _SPACED_DEGREE.sub(r"\1.\2.", text)  # "Olivier Thibault, a.-g., M. Sc.": one degree
    qualification = _QUALIFICATION.search(text) or _DOCTOR_AFTER.search(text) or _PROFESSOR_OF.search(text) \
        or _DIPLOMA_AFTER.search(text)
    tail = ""
    if qualification is not None and qualification.start() > 0:
        text, tail = text[:qualification.start()], qualification[0].strip(" ,")  # "Jessie Collins Cert IV Vet Nursing"
    while (phrase := _phrase_suffix().search(text)) is not None and phrase.start() > 0:
        text, tail = text[:phrase.start()], f"{phrase[0].strip(' ,')} {tail}".strip()  # "Thulani Mthembu Pr Eng"
    words = text.replace(",", " , ").split()
    if len(words) > 2 and words[0] in _ARTICLES and is_honorific(words[1]):
        del words[0]  # "O Dr. Alberto Sousa", "The Revd Tobias Ekwueme", "Por Prof. Martín Bentancor"
    prefix: list[str] = []
    while len(words) > 1 and is_honorific(words[0]):
        prefix.append(words.pop(0))
        while len(words) > 1 and (_SPECIALISM.fullmatch(words[0]) or words[0] in _DEGREE_SCHOOLS and len(words) > 2
                                  or words[0][:1] == "(" and words[0][-1:] == ")" and is_honorific(words[0][1:-1])):
            words.pop(0)  # "DI (FH) Stefan Wallner", "lic. oec. HSG …": where the degree was taken; "Dr. (Mrs.) …"
    suffix: list[str] = []
    # Unlisted capitals after listed letters ("Mrs Rebecca Oduya BSc NPQSL"): letters too.
    letters = len(words)
    while letters > 2 and (is_name_suffix(words[letters - 1]) or CAPITALS.fullmatch(words[letters - 1])):
        letters -= 1
    if letters < len(words) - 1 and is_name_suffix(words[letters]):
        suffix, words = words[letters:], words[:letters]
    while len(words) > 1:
        if is_name_suffix(words[-1]) or words[-1] == "," or _unlisted_letters(words):
            token = words.pop()
            if token != ",":
                suffix.insert(0, token)
        elif len(words) > 2 and _SPECIALISM.fullmatch(words[-1]) and is_name_suffix(words[-2]):
            suffix[:0] = words[-2:]  # "B.E. (Civil)", "M.Tech (Structures)"
            del words[-2:]
        else:
            break
    while words and words[-1] == ",":
        words.pop()
    return " ".join(prefix), " ".join(words), " ".join([*suffix, tail] if tail else suffix)


CAPITALS = re.compile(r"[A-Z]{2,6}")
"""Post-nominal-shaped capitals ("NPQSL", "FAGD")."""


def _unlisted_letters(words: list[str]) -> bool:
    """Capital letters set off by a comma after a name, the way post-nominals are written ("Alicia Ramos, DMD,
    FAGD", "Jean-Luc Arsenault, ACCI", "Cole Jacobsen, E.I.T."), though not in the list; a job abbreviation
    ("Jane Smith, CEO") or a legal form ("Smith, LLC") is not."""
    word = words[-1].rstrip("®")
    letters = word.replace(".", "") if _DOTTED_LETTERS.fullmatch(word) else word
    if not (2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()) \
            or letters.casefold() in title_words() or letters.casefold() in org_words():
        return False
    return len(words) > 3 and words[-2] == ","  # not "Wei Ming TAN": a family name in capitals


@lru_cache(maxsize=16384)
def is_honorific(word: str) -> bool:
    """"Dr.", "Dott.ssa", "Mag.arch.", "Eng.ª", "Maître", "DI" ...: short undotted ones ("DI", "RA", "Pr") only
    as written (so "Di Stefano" keeps its particle)."""
    exact, folded = _honorific_sets()
    if word in exact:
        return True
    lowered = word.casefold()
    return lowered in folded or lowered.rstrip(".") + "." in folded or _compound_honorific(word)


def is_name_suffix(word: str) -> bool:
    """Post-nominals ("PhD", "P.Eng.", "FNP-C", "RA"): up to three letters only with two capitals ("MA", "PhD"
    yes; the surname "Ma" no)."""
    core = word.strip(".,()")  # "LLB (Hons)"
    base, bracket, field = core.partition("(")
    if bracket and base and field.isalpha():
        core = base  # "CertAVP(SAM)": the certificate and its field in one word
    lowered = core.casefold()
    if lowered not in _suffixes():
        return False
    letters = re.sub(r"[^\w]", "", core)
    return len(letters) > 3 or lowered in _ANY_CASE_SUFFIXES or sum(c.isupper() for c in letters) >= 2


def strip_post_nominals(title: str) -> str:
    """A title without the certifications written after it: "Senior Network Engineer, CCNP" -> "Senior Network
    Engineer" (a title's own words, "Partner, Tax", stay)."""
    head, sep, tail = title.rpartition(",")
    while sep and tail.strip() and all(is_name_suffix(word) for word in tail.split()):
        title = head.rstrip()
        head, sep, tail = title.rpartition(",")
    return title


@lru_cache(maxsize=16384)
def canonical_name(text: str) -> str:
    """The name as written in running order, without honorifics or suffixes: "Walsh, Henry" -> "Henry Walsh",
    "BARTOLINI Cristina" -> "Cristina Bartolini", "Marc WEBER" -> "Marc Weber", "Dott.ssa Giulia Ferri" ->
    "Giulia Ferri"."""
    name = strip_honorifics(text)
    if name.count(",") == 1:
        family, given = (part.strip() for part in name.split(","))
        if _inverted_ok(family, given):
            name = f"{given} {family}"
    words = name.split()
    caps = 0
    while caps < len(words) - 1 and _CAPS_WORD.match(words[caps]) and words[caps].isupper():
        caps += 1
    if 0 < caps < len(words) and not any(w.isupper() and len(w) > 1 for w in words[caps:]):
        name = " ".join(words[caps:] + [w.title() if len(w) > 1 else w for w in words[:caps]])
    elif caps == 0 and len(words) > 1 and not words[0].isupper():
        # "Marc WEBER", "Julie DA SILVA": the family name in capitals after the given names.
        tail = len(words)
        while tail > 1 and words[tail - 1].isupper() and _CAPS_WORD.match(words[tail - 1]):
            tail -= 1
        if tail == 1 and any(len(w) >= 3 for w in words[tail:]):
            name = " ".join(words[:tail] + [w.title() for w in words[tail:]])
    return " ".join(name.split())


def _inverted_ok(family: str, given: str) -> bool:
    return 1 <= len(family.split()) <= 3 and 1 <= len(given.split()) <= 3


def inverted_name(text: str) -> str | None:
    """ "Walsh, Henry" (a directory's family-first form) as "Henry Walsh" when both parts look like name words."""
    if text.count(",") != 1:
        return None
    family, given = (part.strip() for part in text.split(","))
    if not _inverted_ok(family, given):
        return None
    turned = f"{given} {family}"
    return turned if looks_like_person_name(turned) else None


@lru_cache(maxsize=1)
def _honorific_sets() -> tuple[frozenset[str], frozenset[str]]:
    """(written exactly, casefolded): undotted honorifics of up to three characters must match exactly, and so
    must rows marked ``exact`` (Turkish "Hek." is no honorific as "Hek", a Dutch family name) and the parts of a
    doctor's degree that follow "Dr." (``after``: "Dr. phil.", not the given name "Phil")."""
    exact, folded = set(), set()
    for row in load_rows("honorifics"):
        text = str(row["text"])
        as_written = len(text) <= 3 and "." not in text or bool(row.get("exact")) or "after" in row
        (exact if as_written else folded).add(text if as_written else text.casefold())
    return frozenset(exact), frozenset(folded)


@lru_cache(maxsize=1)
def _phrase_suffix() -> re.Pattern[str]:
    """Listed post-nominals of several words ending a name ("Pr Eng", "Pr Tech Eng", "LEED AP"), as written."""
    phrases = sorted((str(row["text"]) for row in load_rows("name_suffixes") if " " in str(row["text"])),
                     key=len, reverse=True)
    return re.compile(rf"[\s,]+(?:{'|'.join(map(re.escape, phrases))})\s*$")


@lru_cache(maxsize=1)
def _suffixes() -> frozenset[str]:
    return frozenset(str(row["text"]).strip(".,").casefold() for row in load_rows("name_suffixes"))


_HYPHENED_FORM = re.compile(r"-([A-Z][a-z]*[A-Z][A-Za-z]*|[A-Z]{2,})$")
"""A legal form hyphened onto a name's last word ("Verwaltungs-GmbH", "Holding-AG")."""


@lru_cache(maxsize=16384)
def looks_like_person_name(text: str, *, lenient: bool = False) -> bool:
    """True for 2-4 capitalized name words (particles such as "de La" and honorifics aside), none of them a
    page, org or job-title word. ``lenient`` (NER agrees) lets title words through ("Dean Smith")."""
    if not text or len(text) > 70:
        return False
    honorific, name, _suffix = split_honorifics(text)
    if honorific.casefold() in _FULL_NAME_HONORIFICS and len(name.split()) < 2:
        # "Chef" addresses a chef by full name ("Chef Rodrigo Santiago Matus"); in "Chef Ramsay" it is a job word.
        honorific, name = "", f"{honorific} {name}"
    if _FORBIDDEN.search(_PATRONYMIC.sub(" ", name)) or _FORBIDDEN.search(honorific):  # "Priya Raman LLB (Hons)" keeps its suffix apart
        return False
    tokens = name.split()
    words = [token for index, token in enumerate(tokens) if not _is_particle(index, tokens)]
    minimum = 1 if honorific else 2
    if not minimum <= len(words) <= 4 or len(tokens) > 6:
        return False
    if tokens[0].casefold() in PARTICLES and not tokens[0][:1].isupper():
        return False
    if len(words) >= 3 and len(words[0]) > 7 and not words[0].isupper() \
            and words[0].casefold().endswith(_title_endings()):
        return False  # "Zimmermeister Thomas Rainer", "Vertriebsleiter Jan Kos": a job, then the name
    if len(words) == 2 and words[0].casefold().endswith(GERMAN_ADJECTIVE_ENDINGS) \
            and words[1].casefold() in title_words():
        return False  # "Beratender Ingenieur", "Leitende Ärztin": a job with its adjective
    if is_org_word(fold(words[0])) or (len(words[-1]) >= 4 or words[-1].isupper()) and is_org_word(fold(words[-1])) \
            or tokens[-1].casefold().rstrip(".") + "." in _honorific_sets()[1] \
            and not (len(tokens) > 2 and _is_particle(len(tokens) - 2, tokens)):  # "Luisa Dal Col"
        # "Gemeente Houten", "Stichting Noord", "Breadalbane Coaches": an organisation; "SC Lic": a licence's letters
        return False
    if len(words) >= 3 and is_body_word(fold(words[1])):
        return False  # "Gminny Ośrodek Pomocy Społecznej": an adjective, then the kind of public body
    if len(words) >= 3 and len(tokens) > len(words) and any(len(word) >= 5 and is_org_word(fold(word))
                                                              for word in words[1:-1]):
        return False  # "Cultura del Comune di Seriate": a body inside, joined by particles
    legal = _HYPHENED_FORM.search(words[-1])
    if legal is not None and is_org_word(fold(legal[1])):
        return False  # "Brandt Verwaltungs-GmbH": a firm whose legal form is hyphened on
    initials = 0
    stop = name_stopwords()
    banned = set() if lenient else title_words()
    # "BARTOLINI Cristina", "DE LUCA Francesca": a directory's capitalised family name first.
    caps_lead = 0
    while caps_lead < len(tokens) - 1 and tokens[caps_lead].isupper() and _CAPS_WORD.match(tokens[caps_lead]):
        caps_lead += 1
    if any(t.isupper() and len(t) > 2 for t in tokens[caps_lead:]) or not any(
            len(t) >= 4 for t in tokens[:caps_lead]):
        caps_lead = 0  # "ETH Zürich", "IBM Research": an acronym, not a capitalised family name
    # "Marc WEBER", "Julie DA SILVA": given names, then the family name in capitals (French, Luxembourg).
    caps_tail = len(tokens)
    while caps_tail > 1 and tokens[caps_tail - 1].isupper() and _CAPS_WORD.match(tokens[caps_tail - 1].strip(".")):
        caps_tail -= 1
    if caps_lead or caps_tail != 1 or not tokens[0][:1].isupper() or tokens[0].isupper() or not any(
            len(t) >= 3 and t.casefold() not in PARTICLES for t in tokens[caps_tail:]):
        caps_tail = len(tokens)  # one given name only: "Erik van den Berg RMT" ends with letters, not a name
    for index, word in enumerate(words):
        if _INITIAL.match(word):
            initials += 1
            continue
        if not _TOKEN.match(word) or not word[0].isupper():
            return False
        if len(word) > 2 and word.isupper() and caps_lead <= tokens.index(word) < caps_tail:
            return False
        folded = word.casefold().strip(".'’-")
        # After an honorific, a family name may be a common word ("Mr. Nitin More", "Mrs. Joy Long").
        family_word = index == len(words) - 1 > 0 and bool(honorific) \
            and honorific.split()[-1].casefold().rstrip(".") in _COURTESY
        given_word = index == 0 < len(words) - 1 and bool(honorific) and folded in _GIVEN_AFTER_HONORIFIC
        if folded in stop and not (index == 0 and folded in _GIVEN_MONTHS or family_word or given_word) \
                or word in capital_stopwords() \
                or index == 0 and folded in leading_stopwords():
            return False
        # A noun's ending ("Verwaltung", "Tischler-Innung"); a lowercase part after a hyphen is a Cantonese given
        # name's second syllable ("Chi-keung"), read alone.
        noun = folded.rsplit("-", 1)[-1] if _LOWER_PART.search(word) else folded
        if folded in banned or len(noun) >= 9 and noun.endswith(_NOUN_ENDINGS):
            return False
        if index == len(words) - 1 and len(folded) > 5 and folded.endswith("s") and folded[:-1] in banned:
            return False  # "Packing Shed Supervisors": a role in the plural ends no name
    # Not letters only ("J. R."); a closing initial only after two names ("Naveen Kumar B.", as Indian names
    # write the father's or village initial).
    if initials and (initials >= len(words) - 1 or _INITIAL.match(words[-1]) and (initials > 1 or len(words) < 3)) \
            and not (len(words) == 2 and initials == 1 and _INITIAL.match(words[0]) and len(words[1]) >= 5) \
            and not (honorific and not _INITIAL.match(words[-1]) and len(words[-1]) >= 4):
        # "S. Lakshmi"; after an honorific, initials and a family name: "Mrs J. Kerr", "Dr. K. R. Venkataraman"
        return False
    if all(word.endswith(".") or word.isupper() and len(word) <= 3 for word in words):
        return False  # "dipl. Bauing. FH": abbreviations and letters, a qualification
    return True


def strip_honorifics(text: str) -> str:
    """The name without honorifics or suffixes, whitespace collapsed."""
    return split_honorifics(" ".join(text.split()))[1]


@lru_cache(maxsize=16384)
def name_key(text: str) -> str:
    """Match key of a name: honorifics dropped, accents folded, lowercase, hyphens as spaces."""
    name = canonical_name(text)
    return " ".join(re.sub(r"[^\w\s]", "", fold(name).replace("-", " ")).split())


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lowercase ASCII-ish form: accents stripped ("Zoë" -> "zoe", "Yılmaz" -> "yilmaz")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_FOLD))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=8192)
def name_parts(text: str) -> NameParts:
    """Split a name with nameparser; honorifics and suffixes kept apart from ``full``."""
    honorific, name, suffix = split_honorifics(" ".join(text.split()))
    name = canonical_name(name)
    if (plain := _plain_pair(name)) is not None:
        return NameParts(full=name, given=plain[0], family=plain[1], middle="", honorific=honorific, suffix=suffix)
    parsed = HumanName(name, constants=_NAME_CONSTANTS)
    given, family = parsed.first, parsed.last
    if not family and given:
        given, family = "", given
    return NameParts(full=name, given=given, family=family, middle=parsed.middle,
                     honorific=honorific or parsed.title, suffix=suffix or parsed.suffix)


def _plain_pair(name: str) -> tuple[str, str] | None:
    """``(given, family)`` of a name of two plain capitalised words (so not CJK, which nameparser reads
    family name first) that none of nameparser's word lists (titles, prefixes, conjunctions, suffixes)
    holds, as nameparser itself parses it; else None, and nameparser reads the name. Most staff names are
    such pairs, and nameparser costs ~0.3 ms a name; tests/test_ner_names.py checks that the two agree on
    thousands of names in many locales."""
    words = name.split(" ")
    if len(words) != 2 or not all(_PLAIN_WORD.match(word) and word[0].isupper() and not word.isupper()
                                  for word in words):
        return None
    if any(word.casefold() in _nameparser_words() for word in words):
        return None
    return words[0], words[1]


_PLAIN_WORD = re.compile(r"^[^\W\d_]{2,}(?:[-'’][^\W\d_]{2,})?$")


@lru_cache(maxsize=1)
def _nameparser_words() -> frozenset[str]:
    """Every word nameparser treats specially, casefolded with and without its dots."""
    words: set[str] = set()
    for group in (_NAME_CONSTANTS.titles, _NAME_CONSTANTS.prefixes, _NAME_CONSTANTS.conjunctions,
                  _NAME_CONSTANTS.suffix_acronyms, _NAME_CONSTANTS.suffix_not_acronyms):
        for word in group:
            words.update({str(word).casefold(), str(word).casefold().replace(".", "")})
    return frozenset(words)


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Single words of the title lexicon (roles, abbreviations, functions): never a name word."""
    words: set[str] = set()
    for row in load_rows("titles"):
        if row.get("name_word"):
            continue  # "Baker", "Mason": a title only after a qualifier ("Head Baker"), and a surname
        if row["kind"] in ("role", "abbr", "suffix") or row["kind"] == "function" and " " not in row["text"]:
            words.add(str(row["text"]).casefold())
    return frozenset(words)


@lru_cache(maxsize=1)
def _title_endings() -> tuple[str, ...]:
    """Endings of compound job words in the title lexicon ("-meister", "-leiter", "-medewerker")."""
    return tuple(str(row["text"]).casefold() for row in load_rows("titles") if row["kind"] == "suffix")


def _is_particle(index: int, tokens: list[str]) -> bool:
    """Lowercase particles, and capitalized ones inside a name ("de La Roche", "Ó Súilleabháin")."""
    token = tokens[index]
    if token.casefold() not in PARTICLES:
        return False
    return not token[:1].isupper() or 0 < index < len(tokens) - 1


def _compound_honorific(word: str) -> bool:
    """Academic compounds such as "Dr.-Ing." or "Dipl.-Kfm.", and two titles joined by a hyphen ("ir.-arch.")."""
    parts = word.split("-")
    if len(parts) == 2 and all(part.endswith(".") and len(part) > 2 and is_honorific(part) for part in parts):
        return True
    return bool(re.fullmatch(r"(?:Dr|Dipl|Prof|Mag|Eng|Dott|Arch|Ing|Lic|Dra|Sra|Sig|Drs|Univ)\."
                              r"(?:-[A-ZÄÖÜ][a-zA-Zäöü]*\.|[a-zªº]{1,5}\.?)+", word))
