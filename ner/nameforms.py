"""How a name and the job beside it are written on one line: "Jane Smith, CEO", "Zimmermeister Thomas Rainer",
"<b>Declan Furey</b> is our …", "<h3>Euan Rennie — Stillman</h3>"."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ner.dom import Block, Inline, PageDom
from ner.hits import Scope
from ner.lexicon import column_kind, is_org_word, load_rows
from ner.lines import function_phrase
from ner.names import (CAPITALS, fold, is_honorific, is_name_suffix, looks_like_person_name, split_honorifics,
                       strip_honorifics, title_words)
from ner.outsiders import held_elsewhere, names_company, names_organisation
from ner.phones import label_kind

Span = tuple[int, int]
"""Start and end offsets inside a block's text."""

NAME_FIRST = re.compile(r"^(?P<name>.+?)(?P<sep>\s*,\s+|\s+[–—|·-]\s+|"
                         r"(?<!\.)(?<!\.\s)(?:\s+|(?<![A-Z]))\((?![^()]{1,12}\)\s+[A-Z]{2,}\b)\s*|"
                         r"(?:(?<=\.)|(?<=\.\s))\s*\((?![^()]{1,12}\)\s+[A-Z]{2,}\b)(?![A-Za-z]{1,4}\)\s+[A-ZÀ-Þ])\s*)"
                         r"(?P<rest>.+)$")
"""A name, then a comma, dash or bracket and the rest; not the bracket of letters after a name ("Alasdair McIntyre
BSc (Hons) MRICS — Managing Director", "Naveshni Pillay CA(SA) – Director") or after a degree ("Dipl.-Ing. (FH) Jens
Ackermann – Bauleiter")."""
_AREA_TAIL = re.compile(r"((?:\s+(?:&|and|und|et|y|e|och|og)?\s*[A-ZÀ-Þ][^\W\d_]*\.?){1,3})\s*(?:$|[|·–—•]\s)"
                        r"|(\s+[–—]\s+[A-ZÀ-Þ][^\W\d_]*(?:\s+(?:&|and|und|et|y|e|och|og)?\s*[A-ZÀ-Þ][^\W\d_]*){0,2})"
                        r"\s*(?:$|[|·–—•,])"
                        r"|(,\s+(?:[A-ZÀ-Þ][^\W\d_]*(?:\s+[A-ZÀ-Þ][^\W\d_]*)?\s+(?:&|and|und|et|y|e|och|og)\s+"
                        r"[A-ZÀ-Þ][^\W\d_]*(?:\s+[A-ZÀ-Þ][^\W\d_]*)?|[A-ZÀ-Þ][^\W\d_]*))\s*(?:$|[|·–—•]\s)"
                        r"|(\s*\([A-ZÀ-Þ][^()\d]{1,40}\))\s*(?:$|[|·–—•,]\s)")
"""One to three capitalised words (joined by "&"/"and") straight after a title or after a dash, ending the line or
field: the region or area of the job ("DACH & Osteuropa", "Cloud & Infrastruktur", "– Dartmouth & Bedford"); after
a comma, one word or words joined by "&" (", Structures", ", Fire Safety & DAC"; ", Prairie Automation" may be a
firm); or a bracket starting with a capital ("(EV & Hybrid)"; "(structural engineering)" is a remark)."""
_SITE_WORDS = frozenset({"branch", "office", "clinic", "campus", "site", "depot", "store", "shop", "studio", "plant",
                         "warehouse", "yard", "hub", "centre", "center"})
"""Words that make an area a place of the firm's own ("Mombasa Branch"), however like a name it reads."""
_LOWERCASE_TAIL = re.compile(r"(?:\s*,)?((?:\s+[^\W\d_]+){1,3})\s*(?:\.?$|[|·–—•]\s|,\s*(?=[+(\d]|[^\s@,]+@))")
"""One to three lowercase words ending a "Name, title" line or field, or before its number or email ("gruppeleder
fotball, 41 56 70 23"): the rest of the job."""
_FIRST_FIELD = re.compile(r".*?(?=\s+[–—|·]\s+|$)")
_DASHED_FIELD_END = re.compile(r"\s+[–—|·•]\s|[.;:](?=\s|$)|,(?=[^,·|–—]*(?:\d{3}|@))|\s*$")
_COMMA_FIELD_END = re.compile(r"\s+[|·•]\s|[.,;:](?=\s|$)|\s*$")
_WORDS = re.compile(r"[^\W\d_]+")
_NOT_A_JOB = re.compile(r"[\d@]")
_JOINED_AREA = re.compile(r"[^\W\d_]\s+(?:&|and|und|et|y|e|i|og|och|en)\s+[A-ZÀ-Þ]")
"""Capitalised words joined by "and": an area ("Derecho Mercantil y Societario"), however NER reads it."""
_DASHED_PIECES = re.compile(r"\s[–—]\s")
_REST_WORDS = 5
"""Words after a title that may still be its own ("– autónomos y estimación directa")."""
_DASH_AREA_WORDS = 4
"""Words of a desk or area after a second dash ("Secrétaire juridique – accueil")."""
_LEAD_JOINER = re.compile(r"\s*(?:&|and|/|\+)$")
"""What joins an unlisted job to a listed one after it: "Co-host & Head Cook"."""
_BRACKETED_REMARK = re.compile(r"\([^()]*\)")
_CONTACT_IN = re.compile(r"[\[(]\s*(?:at|arroba|ät|chez|a|dot|punt|punto)\s*[\])]", re.IGNORECASE)
"""An address written out of scrapers' sight ("laia.maso [arroba] cevallfluvia.es"): no part of a job."""
_HEADING_JOB_MAX = 70
_CONTACT = r"(?:@|[\[(]\s*(?:at|arroba|ät|chez|a)\s*[\])]|\d[\d ./-]{5,}\d)"
_CONTACT_BRACKET = re.compile(rf"\s*\([^()]*{_CONTACT}[^()]*\)\s*$")
_CONTACT_PIECE = re.compile(rf"\s[–—|]\s[^–—|]*(?:{_CONTACT}|\d)")
"""An address or number in brackets, or a piece after a dash holding an address or a digit ("– DW 12"), at the
end of a "Name — job" line."""
"""Characters of the rest of a "Name — job" heading that may be the job."""
_PHONE_LIKE = re.compile(r"\+?\d[\d\s().-]{6,}\d")
_UNLISTED_JOB = re.compile(r"[A-ZÀ-Þa-zß-ÿ][^\W\d_]*(?:[-’'][^\W\d_]+)*"
                           r"(?:(?:\s+|,\s+(?=[a-zß-ÿ]))(?:&\s+)?[^\W\d_]+(?:[-’'][^\W\d_]+)*){0,5}"
                           r"(?:\s+\([^\W\d_][^()\d]{0,30}\))?")
"""One to six words, no digits or sentence marks: "Sous-Chef", "Hauswartung & Technik", "Stillman", "podsládek,
kvalita a laboratoř"; with a remark in brackets ("Endodoncia (martes y jueves)")."""
_PROSE_JOB = re.compile(r"(?<!\w)(?:our|we|us|unser[emn]?|wir|notre|nos|nous|nuestr[oa]s?|nostr[oia]|onze|wij|vores|"
                       r"vi|vår[ta]?)(?!\w)", re.IGNORECASE)
"""Words of a sentence about the firm, not of a job: "– runs our courthouse filings and covers the front desk"."""
_SENTENCE_STOP = re.compile(r"(?<=[^\W\d_]{4})[.;](?=\s+[A-ZÀ-Þ]|\s*$)")
"""A sentence's end after a job written after a dash: "Corrección y edición de mesa.", "Prensa y comunicación.
Pedidos …"."""
_CONTACT_AFTER = re.compile(r",[^,]*(?:\d{3}|@)")
"""A number or an address in a later field of a job line: ", direkte 76 09 14 35"."""
_TRAINING_YEAR = re.compile(r"(?:\s*\(|,\s*)(?:\d\.\s*(?:år|Lehrjahr|Ausbildungsjahr|jaar|vuosi|rok)|"
                            r"\d(?:st|nd|rd|th)[ -]year|year \d)\)?", re.IGNORECASE)
"""The year of an apprenticeship after the job: "(2. år)", ", 3. år", "(3. Lehrjahr)", "(2nd year)"."""
_BRACKETED_DEGREE = re.compile(r"(?P<word>[^\s,()]+)[^()]{0,40}\)\s*(?P<sep>[–—|-])\s+")
_DOTTED_LETTERS = re.compile(r"(?:[^\W\d_]{1,5}\.[\s-]?){2,6}")
_POST_NOMINAL = re.compile(r"(?P<word>[^\s,]+)(?:,\s+|\s+[–—|·-]\s+)")
_OF = frozenset({"of", "de", "del", "di", "da", "du", "des", "della", "do", "dos", "das"})
DASHES = ("–", "—", "-", "|")
"""Separators that set a job apart from a name the way card and list lines write it."""
_AGREEMENT = 0.8
"""Share of a structural name's characters an NER span must cover to count as agreement."""


@dataclass(frozen=True, slots=True)
class Unit:
    """A name found in one line by its shape, with the title written next to it."""

    start: int
    end: int
    scope: Scope
    sources: frozenset[str]
    title: Span | None = None
    external: bool = False
    """Written with another organisation ("CEO at Globex"): a customer or partner, not staff."""
    family: str = ""
    """The family name written once for two given names ("Declan & Maura Foley"): this one's too."""


def name_like(text: str, start: int, block_titles: Sequence[Span], company: str | None, *, lenient: bool) -> bool:
    """A person's name, not a job title ("Leiterin Einkauf") or the company ("Tidewater Marine Supply")."""
    if not looks_like_person_name(text, lenient=lenient):
        return False
    words = text.split()
    if len(words) > 2 and words[1] in _OF and fold(words[0]) in title_words():
        return False  # "Directora de Cuentas", "Head of Sales": a job and its field, however NER reads it
    end = start + len(text)
    titled = sum(max(0, min(end, e) - max(start, s)) for s, e in block_titles)
    if titled * 2 >= len(text):
        return False
    if not split_honorifics(text)[0] and any(s == start and e < end and len(rest := text[e - start:].split()) >= 2
           and looks_like_person_name(" ".join(rest)) for s, e in block_titles):
        return False  # "Notaio Alberto Zanon" in a photo's alt text: the job, then the name
    return not (company and fold(strip_honorifics(text)) in fold(company)) or _partner_in_firm_name(text, company)


_FIRM_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*|[,&+]")
_JOINERS = frozenset({",", "&", "+", "and", "und", "et", "y", "e", "i", "og", "och", "en"})


def _partner_in_firm_name(text: str, company: str) -> bool:
    """Is ``text`` one of the people a firm is named after, joined to a partner also named in full ("Kancelaria
    Notarialna Anna Zielińska-Wróbel, Marek Wróbel s.c.") or the holder of a practice named with their honorific
    ("Studio dentario Dr. med. dent. Marco Bernasconi")? Then it is a person of the firm, not the firm's name;
    not a firm's name followed by a place ("Minho Casa Imobiliária, Braga") or a family name alone ("Kerbrat &
    Le Gall")."""
    words = [fold(word) for word in strip_honorifics(text).split()]
    if len(words) < 2 or any(is_org_word(word) for word in words):
        return False
    tokens = _FIRM_TOKEN.findall(company)
    folded = [fold(token) for token in tokens]
    for at in range(len(tokens) - len(words) + 1):
        if folded[at:at + len(words)] != words:
            continue
        after, before = tokens[at + len(words):at + len(words) + 3], tokens[max(0, at - 3):at]
        if after[:1] and fold(after[0]) in _JOINERS and _full_name(after[1:3]) \
                or before[-1:] and fold(before[-1]) in _JOINERS and _full_name(before[:-1]):
            return True
        if at and is_honorific(tokens[at - 1]) and any(is_org_word(word) for word in folded[:at]):
            return True  # "Studio dentario Dr. med. dent. Marco Bernasconi": the practice of its holder
    return False


def _full_name(tokens: list[str]) -> bool:
    # Capitalised words, not a legal form in capitals ("SELARL Kerbrat & Le Gall") nor an organisation word.
    return len(tokens) == 2 and all(t[:1].isupper() and not t.isupper() and not is_org_word(fold(t))
                                    for t in tokens) and looks_like_person_name(" ".join(tokens))


def name_then_title(block: Block, start: int, text: str, ner: Sequence[Span], block_titles: Sequence[Span],
                     scope: Scope, company: str | None, *, dashed: bool = False) -> Unit | None:
    """ "Jane Smith, CEO", "Dr. Klaus Weber (Geschäftsführer)": the name and the title after it. ``dashed``: the
    block is a heading of a level where other headings read "Name — known title"."""
    match = NAME_FIRST.match(text)
    if match is None:
        return None
    name = match["name"].strip()
    name_end = start + len(name)
    agree = agrees(ner, start, name_end)
    if not name_like(name, start, block_titles, company, lenient=agree):
        return None
    if match["sep"].strip() == "," and _DOTTED_LETTERS.fullmatch(match["rest"].strip()) \
            and text.strip() == block.text.strip():
        # "<h3>Ana Kobal, u.d.i.a.</h3>": a name and letters of a degree the lexicon does not list.
        return Unit(start, name_end, scope, sources(agree))
    rest_start, sep, letters = start + match.start("rest"), match["sep"].strip(), 0
    while (post := _POST_NOMINAL.match(text, rest_start - start)) is not None and (
            is_name_suffix(post["word"]) or letters and CAPITALS.fullmatch(post["word"])):
        # "Linda Tsai, CPA, Treasurer", "Karen Fisk, MD, FAAP — Medical Director": the title after the letters
        # (unlisted ones too, after a listed one), set apart by the last separator.
        rest_start, sep, letters = start + post.end(), text[post.end("word"):post.end()].strip(), letters + 1
    if sep == "(" and (degree := _BRACKETED_DEGREE.match(text, rest_start - start)) is not None \
            and is_name_suffix(degree["word"]):
        # "<b>Elodie Marchetti</b> (PhD, Lincoln) — Winemaker": the degree and where it was taken, then the job.
        rest_start, sep = start + degree.end(), degree["sep"]
    spans = sorted(s for s in block_titles if s[0] >= rest_start and s[1] <= start + len(text))
    if dashed and sep in DASHES and (block.heading or block.tag == "li") and not block.text[:start].strip() \
            and not (spans and held_elsewhere(block.text[spans[-1][1]:start + len(text)], company)) \
            and (whole := _heading_job(block.text, rest_start, start + len(text), ner, company)) is not None:
        # "<h4>Igor Petrenko | CNC programmer, 5-axis</h4>" where sibling headings read "Name | known title": the
        # rest of the heading is the job, whatever its words (not one held elsewhere: "… at Globex").
        return Unit(start, name_end, scope, sources(agree), whole)
    job = _FIRST_FIELD.match(text, rest_start - start)[0].rstrip() if not spans else ""
    if job.count(")") > job.count("("):
        job = job.rstrip(" )")  # "Dr. Klaus Weber (Geschäftsführer)"; not "boekhouding (op afstand)"
    job = _CONTACT_BRACKET.sub("", job)  # "Administration & export (sandrine [at] domaine-… [dot] fr)"
    if sep in DASHES and (stop := _SENTENCE_STOP.search(job)) is not None \
            and (function_phrase(job[:stop.start()]) or len(job[:stop.start()].split()) > 1):
        job = job[:stop.start()]  # "<b>Soledad Bustos</b> – Prensa y comunicación. Pedidos de …": the job's sentence
    if sep in DASHES and _CONTACT_AFTER.search(job) and function_phrase(head := job.partition(",")[0].rstrip()):
        job = head  # "Ingvild Pedersen – booking og grupper, direkte 76 09 14 35": the department, then the line
    if job and function_phrase(job):
        # "Christine Wagner, Büro und Buchhaltung", "<b>Andrea Kofler</b> – Büro und Buchhaltung – DW 12":
        # a department for a job.
        return Unit(start, name_end, scope, sources(agree), (rest_start, rest_start + len(job)))
    if not spans and (block.covered(start, name_end, {"emphasis", "name_class"}) or "staff" in block.contexts
                      or dashed and not block.text[:start].strip()):
        # "<b>Tomasz Kowalczyk</b> – Prezes Zarządu – t.kowalczyk@...", "<h3>Euan Rennie — Stillman</h3>", a line
        # in a person element: the markup presents the name even when the title is in words the lexicon does
        # not know. Written after a dash as a job is written, the words are the title; otherwise the person is
        # kept without one.
        dashed_job = sep in DASHES and _UNLISTED_JOB.fullmatch(job) is not None
        unknown = (rest_start, rest_start + len(job)) if dashed_job and not names_organisation(job) \
            and not names_company(job, company, written_out=True) else None
        if unknown is None and block.heading:
            return None
        return Unit(start, name_end, scope, sources(agree), unknown)
    lead = block.text[rest_start:spans[0][0]].strip() if spans else ""
    # A name set apart in markup, or a line that is all of its block ("<a class=accordion-title>Marcus Bell, PA-C —
    # Physician Assistant, Adolescent Medicine</a>").
    presented = dashed or block.covered(start, name_end, {"emphasis", "name_class"}) or "staff" in block.contexts \
        or block.text.strip() == text
    if lead and presented and sep in DASHES and _UNLISTED_JOB.fullmatch(_LEAD_JOINER.sub("", lead)):
        # "Martha Evans-Whyte — Part II Architectural Assistant", "Annamma Thomas – Co-host & Head Cook"
        spans[0] = (rest_start, spans[0][1])
    if not spans or spans[0][0] - rest_start > 4:
        return None
    title_end = spans[0][1]
    for span_start, span_end in spans[1:]:
        if re.fullmatch(r"\s*(?:,|&|and|und|et|/)\s*", block.text[title_end:span_start]):
            title_end = span_end
    year = _TRAINING_YEAR.match(block.text, title_end)
    if year is not None and year.end() <= start + len(text):
        title_end = year.end()  # "tømrerlærling (2. år)", "snedkerlærling, 3. år": the year of training
    remainder = block.text[title_end:start + len(text)].strip(" )")
    # Or the line ends by naming another organisation ("Diane Holloway (Chair) – Chief Financial Officer, Lane
    # Community Credit Union": a board member who works elsewhere).
    last = remainder.rfind(", ")
    bracketed = remainder.count("(", 0, max(last, 0)) > remainder.count(")", 0, max(last, 0))  # "(…, University of X)"
    external = bool(remainder) and (held_elsewhere(remainder, company)
                                    or last > 0 and not bracketed and held_elsewhere(remainder[last:], company))
    tail = _LOWERCASE_TAIL.match(block.text, title_end, start + len(text))
    rest_end = _rest_of_job(block.text, title_end, start + len(text), ner, company,
                            dashed=sep in DASHES) if presented and not external else None
    if rest_end is not None:
        # "<b>Davide Lo Russo</b> – responsabile punto vendita Parma", "<b>Nerea Olano</b>, asesora fiscal –
        # autónomos y estimación directa. Móvil …": the rest of the field or sentence is the job's.
        title_end = rest_end
    elif tail and not external and tail[1].islower():
        title_end = tail.end(1)  # "vedoucí architektonického ateliéru", "asistentka, fakturace": the rest of its job
    elif not external and (area := _AREA_TAIL.match(block.text, title_end, start + len(text))) \
            and not names_company(words := area[area.lastindex or 1], company, written_out=True) \
            and not names_organisation(words) \
            and (not looks_like_person_name(words.strip(" –—,")) or words.split()[-1].casefold() in _SITE_WORDS):
        # "Export Manager DACH & Osteuropa", "Affärsområdeschef Cloud & Infrastruktur", "Leasing Consultant –
        # Dartmouth & Bedford"; not "Office Manager – Tom Reid".
        title_end = area.end(area.lastindex or 1)
    return Unit(start, name_end, scope, sources(agree), (spans[0][0], title_end), external)


def _heading_job(text: str, start: int, end: int, ner: Sequence[Span], company: str | None) -> Span | None:
    """The rest of a "Name — job" heading, when short and not a number, an address, a person, another
    organisation's or the company's name."""
    job = text[start:end]
    if (piece := _CONTACT_PIECE.search(job)) is not None:
        job = job[:piece.start()]  # "Assistente Jurídica — catarina.fontes (arroba) …"
    job = _CONTACT_BRACKET.sub("", job).rstrip()  # "… degustazioni (visite@cascina.it)"
    if not job or len(job) > _HEADING_JOB_MAX or "@" in job or _PHONE_LIKE.search(job) or _PROSE_JOB.search(job) \
            or names_organisation(job) or names_company(job, company, written_out=True) \
            or any(s < start + len(job) and e > start and looks_like_person_name(text[s:e]) for s, e in ner):
        return None
    return start, start + len(job)


def _rest_of_job(text: str, title_end: int, line_end: int, ner: Sequence[Span], company: str | None, *,
                 dashed: bool) -> int | None:
    """Where the field holding a title ends, when words follow the title in it: at the line's end, a sentence's
    end, a "|"/"·" separator, a dash when the name and title are set apart by a dash, a comma when by a comma. Not
    when the words are many, hold digits, a phone label or an address, label what follows (a colon), name a
    person (NER, or a name's shape after a dash: "– Tom Reid", not "– Mombasa Branch"; not areas joined by "and"),
    an organisation or the company."""
    end = (_DASHED_FIELD_END if dashed else _COMMA_FIELD_END).search(text, title_end, line_end)
    extra = text[title_end:end.start()]
    words = sum(len(word) > 1 for word in _WORDS.findall(extra))  # not an elided article: "d’environnement"
    if dashed and not extra.strip() and end[0].strip() in ("–", "—"):
        # "Sophie Lambotte – Secrétaire juridique – accueil", "Σοφία Μαυρίδου – Γραμματεία – Υποδοχή": the job's
        # desk or area after a second dash, as short as an area is.
        end = _DASHED_FIELD_END.search(text, end.end(), line_end)
        extra = text[title_end:end.start()]
        # Short words and a remark in brackets aside: "Juriste – successions, donations et contrats de mariage",
        # "Clerc – droit des sociétés (constitutions, assemblées, cessions de parts)".
        words = sum(len(word) > 3 for word in _WORDS.findall(_BRACKETED_REMARK.sub(" ", extra)))
        if words > _DASH_AREA_WORDS:
            return None
    if not extra.strip() or extra[0].isalnum() or words > _REST_WORDS \
            or _NOT_A_JOB.search(extra) or _CONTACT_IN.search(extra) or extra.count("(") != extra.count(")") \
            or any(is_name_suffix(word) for word in re.split(r"[\s,()]+", extra) if word) \
            or end[0].startswith(":") \
            or label_kind(text[title_end:end.end()]) is not None:
        # "– events and private parties: events@…" labels an address; "– mob. 0412 …", ", kom. 692 …" a number
        return None
    person = any(s < end.start() and e > title_end and looks_like_person_name(text[s:e]) for s, e in ner) \
        or any(looks_like_person_name(piece.strip()) and piece.split()[-1].casefold() not in _SITE_WORDS
               for piece in _DASHED_PIECES.split(extra)[1:])
    if person and not _JOINED_AREA.search(extra) or names_organisation(extra) \
            or names_company(extra, company, written_out=True):
        return None
    return end.start()


def title_then_name(block: Block, start: int, text: str, ner: Sequence[Span], block_titles: Sequence[Span],
                     company: str | None, heads_block: bool) -> Unit | None:
    """A line that is a title, then a name (that NER agrees on, or in a name cell), with nothing between
    ("Zimmermeister Thomas Rainer", "CEO Jane Smith")."""
    span = next((s for s in block_titles if s[0] == start and s[1] < start + len(text)), None)
    if span is None:
        return None
    after = block.text[span[1]:start + len(text)]
    rest_start = span[1] + len(after) - len(after.lstrip())
    name = block.text[rest_start:start + len(text)]
    if rest_start == span[1] or not name:
        return None
    # NER must agree, or a name cell hold it: a title's own capitalised complement is no name ("Kierownik
    # Pracowni Konstrukcji Mostowych").
    agree = agrees(ner, rest_start, rest_start + len(name))
    name_cell = column_kind(block.column) == "name" or "first_cell" in block.contexts
    if not (agree or name_cell) or not name_like(name, rest_start, block_titles, company, lenient=agree):
        return None
    return Unit(rest_start, rest_start + len(name), Scope.REGION if heads_block else Scope.FOLLOWING,
                 sources(agree), span)


_FIELDS_AFTER = re.compile(r",\s*(?P<job>[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+(?:&|and)\s+[A-Z][\w'’-]*"
                           r"(?:\s+[A-Z][\w'’-]*)*)\s*(?=[–—.,(]|$)", re.MULTILINE)
"""Capitalised fields joined by "&" after a name and a comma, up to a dash, a stop or the line's end."""


def bold_lead(block: Block, start: int, text: str, block_titles: Sequence[Span], company: str | None
               ) -> Unit | None:
    """A bio paragraph led by the person's name in bold ("<strong>Declan Furey</strong> is our Family Support
    Worker. He ..."): the name, which owns the paragraph."""
    lead = len(text) - len(text.lstrip())
    bold = next((i for i in block.inlines if i.start == start + lead and "emphasis" in i.contexts
                 and i.end < start + len(text.rstrip())), None)
    if bold is None:
        return None
    name = block.text[bold.start:bold.end].strip(" ,:")
    if not name_like(name, bold.start, block_titles, company, lenient=False):
        return None
    return Unit(bold.start, bold.start + len(name), Scope.BLOCK, frozenset({"structure"}), fields_after(block, bold))


def fields_after(block: Block, bold: Inline) -> Span | None:
    """The fields a person covers, after the bold name and a comma: "<b>Boitumelo Molefi</b>, Removables &
    Dentures – acrylic …", "<dt><b>Walter Blaisdell</b>, Technical Services & Interlibrary Loan</dt>"; not a firm
    ("<b>Ann Lee</b>, Lee & Partners")."""
    name_end = bold.start + len(block.text[bold.start:bold.end].rstrip(" ,:"))
    fields = _FIELDS_AFTER.match(block.text, name_end)
    if fields is None or is_org_word(fold(fields["job"].split()[-1])):
        return None
    return fields.span("job")


def dashed_places(dom: PageDom, titles: Mapping[int, Sequence[Span]]) -> set[tuple[int, int | None]]:
    """Where some heading or list item reads "Name — known title" ("<h3>Lindsay Forbes — Brand Ambassador</h3>",
    "<li>Matteo Cerrato – Capo cantina</li>"): its heading level (-1 for a list item) and the container of its
    section, card or list. The others written so there carry a job too, in words the lexicon may not know
    ("<h3>Euan Rennie — Stillman</h3>"); a product grid's "Huila Washed – Colombia" is elsewhere."""
    places = set()
    for block in dom.blocks:
        if (block.heading or block.tag == "li") and (match := NAME_FIRST.match(block.text)) is not None \
                and match["sep"].strip() in DASHES \
                and any(span[0] == match.start("rest") for span in titles.get(block.id, ())):
            places.add(heading_place(dom, block))
    return places


def heading_place(dom: PageDom, block: Block) -> tuple[int, int | None]:
    """A heading's level, or -1 for a list item, and the region holding its card, section or list."""
    return block.heading or (-1 if block.tag == "li" else 0), dom.regions[block.region].parent


def agrees(ner: Sequence[Span], start: int, end: int) -> bool:
    length = max(end - start, 1)
    return any(min(end, e) - max(start, s) >= _AGREEMENT * length for s, e in ner)


def sources(agree: bool) -> frozenset[str]:
    return frozenset({"structure", "spacy"}) if agree else frozenset({"structure"})


def welcomed(block: Block, block_titles: Sequence[Span], company: str | None,
             claimed: Sequence[Span]) -> list[Unit]:
    """Names in bold in a sentence that says they work here ("And a big up to <b>Andre Walters</b>, who joined
    us this season", "<b>Sergio Albiol</b> se incorporó al equipo"): colleagues, with neither title nor contacts."""
    units = []
    for inline in block.inlines:
        if "emphasis" not in inline.contexts or any(s < inline.end and inline.start < e for s, e in claimed):
            continue
        name = block.text[inline.start:inline.end].strip(" ,:")
        if not name or not name_like(name, inline.start, block_titles, company, lenient=False):
            continue
        if staff_cued(block.text, inline.start, inline.end, bold=True):
            units.append(Unit(inline.start, inline.start + len(name), Scope.BLOCK, frozenset({"structure", "cue"})))
    return units


_BRACKETED_JOB = re.compile(r"(?<![\w.])(?:[A-ZÀ-Þ][a-zß-ÿ'’-]+ ){1,2}[A-ZÀ-Þ][a-zß-ÿ'’-]+(?= \()")


def bracket_titled(text: str, ner: Sequence[Span], block_titles: Sequence[Span], company: str | None) -> list[Span]:
    """Names NER missed that a job in brackets follows, in a list of such names ("the board: Thomas Pell (Chair),
    Renata Gould (Treasurer) and Dr. Alan Whitsett (Secretary)"): another name in the sentence is written so."""
    jobs = {start - 2 for start, end in block_titles if text[start - 2:start] == " (" and text[end:end + 1] == ")"}
    found = [(m.start(), m.end()) for m in _BRACKETED_JOB.finditer(text) if m.end() in jobs]
    if len(found) + sum(end in jobs for _s, end in ner) < 2:
        return []  # one name and job in brackets alone is prose; two or more are a list
    return [(start, end) for start, end in found
            if not any(start < e and s < end for s, e in ner) and name_like(text[start:end], start, block_titles,
                                                                             company, lenient=False)]


_NAME_WORDS = re.compile(r"(?<![\w.])[A-ZÀ-Þ][a-zß-ÿ'’-]+(?:\s+(?:[a-z]{1,3}\s+)?[A-ZÀ-Þ][a-zß-ÿ'’-]+){1,2}(?![\w-])")


def cued_shapes(text: str, block_titles: Sequence[Span], company: str | None) -> list[Span]:
    """Words shaped like a name in a sentence with a staff cue ("And a warm welcome to Ines Carvalho, who joins us"),
    for a block where NER, reading around the cue, found no one."""
    cues = list(_staff_cues(False).finditer(text))
    return [(m.start(), m.end()) for m in _NAME_WORDS.finditer(text)
            if any(_NEXT_TO_CUE.fullmatch(text, m.end(), cue.start())
                   or _NEXT_TO_CUE.fullmatch(text, cue.end(), m.start()) for cue in cues)
            and name_like(m[0], m.start(), block_titles, company, lenient=False)]


_NEXT_TO_CUE = re.compile(r"\s*(?:,\s*(?:who\s+|qui\s+|que\s+|der\s+|die\s+)?)?")
"""What may stand between a name and its cue: "welcome to Ines Carvalho", "Ines Carvalho, who joins us"."""


def staff_cued(text: str, start: int, end: int, *, bold: bool = False) -> bool:
    """Does the sentence around ``text[start:end]`` say the person works here ("joined us", "with us since")?
    ``bold``: the name is in bold, so the looser cues count too ("… kümmert sich bei uns um …")."""
    sentence_start = max(text.rfind(". ", 0, start) + 1, text.rfind("\n", 0, start) + 1)
    sentence_end = min(i for i in (text.find(". ", end), text.find("\n", end), len(text)) if i >= 0)
    return _staff_cues(bold).search(text, sentence_start, sentence_end) is not None


@lru_cache(maxsize=2)
def _staff_cues(bold: bool) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{staff_cue_alternation(bold)})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=2)
def staff_cue_alternation(bold: bool) -> str:
    """The staff cues of ``staff_cues.jsonl`` as one regex alternation, longest first; ``bold``: the loose ones
    said only of a name in bold too."""
    cues = sorted((re.escape(str(row["text"])) for row in load_rows("staff_cues") if bold or not row.get("bold")),
                  key=len, reverse=True)
    return "|".join(cues)
