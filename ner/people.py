"""Who is named on a page: names from page structure (headings, cards, cells, labels) and from NER."""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field, replace

from leadscout.records import Mention, MentionKind
from ner.dom import Block, PageDom
from ner.hits import NameHit, Scope, TitleHit, extractor
from ner.labelled import carried_name, label_then_name, label_title, led_pair, title_led, under_title_line
from ner.layout import name_element, previous_text_block
from ner.lexicon import column_kind, is_org_word, name_stopwords
from ner.lines import function_phrase, segments, title_text
from ner.nameforms import (Span, Unit, agrees, bold_lead, bracket_titled, cued_shapes, dashed_places, fields_after,
                           heading_place, name_like, name_then_title, sources, staff_cued, welcomed)
from ner.names import (fold, inverted_name, is_name_suffix, looks_like_person_name, name_key, nicknames_match,
                       split_honorifics, strip_honorifics, title_words)
from ner.outsiders import (affiliated, firm_after, is_outsider, names_company, namesake_firm, not_current,
                           of_organisation)
from ner.partners import (bracketed_after_organisation, introduced_as_others, partner_sections, partnered,
                          partnered_before)
from ner.repeats import name_hit, repeated_names

log = logging.getLogger(__name__)

_PLACE_BEFORE = re.compile(r"(?<!\w)(?:at|in|of|from|to|near|bei|im|in der|aus|à|au|en|de|di|op|te|van)\s+$",
                           re.IGNORECASE)
_NAME_SHAPE = re.compile(r"(?<![\w.])[A-ZÀ-Þ][a-zß-ÿ'’-]+ [A-ZÀ-Þ][a-zß-ÿ'’-]+(?!\w)")
_LED_NAME = re.compile(r"^(.+?)(?:,\s+|\s+[–—-]\s+|\s*\()\S")
_POSTCODE = re.compile(r"(?<![\w-])\d{4,5}(?:-\d{3})?\s+")
"""A postcode before its town: "4990-062 Ponte de Lima"."""
_REMARK_AFTER_NAME = re.compile(r"^(.+?)\s*\(\S")
"""A name, then a remark in brackets: "Cllr Kevin O'Driscoll (co-opted September 2026)" in a Name cell."""
_HONORIFIC_END = re.compile(r"(?:\b[A-Z][a-z]{0,3}\.\s*)+$")
_SENIOR = re.compile(r"(?<!\w)(?:id\.|idősebb|Sen\.|Sr\.|senior)\s+$", re.IGNORECASE)
"""The elder of two people of one name, before it: Hungarian "id. Horváth Gábor"."""
_POSSESSED_JOB = re.compile(r"(?<![\w’'])(?P<owner>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})[’']s\s+"
                            r"(?:[A-Za-z][\w-]*\s+){0,3}[a-z][\w-]*,?\s+(?:[A-Z][a-z]{0,3}\.?\s+)?$")
"""A capitalised owner's possessive, then a lowercase job of up to four words, right before the name."""
_OUR_WORK = re.compile(r"\s*(?:,\s*who\s+)?(?:also\s+)?[a-z]{3,}s\s+our\s+[a-z]", re.IGNORECASE)
"""A name followed by what the person does for the firm: "Terry Burrows drives our recovery truck", "Tyler
Goss, who walks our boarders"."""
_FORMER_BEFORE = re.compile(r"(?:\b(?:our|unser(?:e[rn]?)?|notre|nos|nuestr[oa]|il nostro|la nostra|onze)\s+"
                            r"(?:former|late|ehemalige[rn]?|verstorbene[rn]?|ancien(?:ne)?|regrett[ée]e?|antigu[oa]|"
                            r"difunt[oa]|voormalige)|\bthe late|\bin (?:loving )?memory of|\bin memoriam|"
                            r"\bthe passing of|\bthe death of|\bthe retirement of|\bla jubilación|"
                            r"\bdépart à la retraite de|^vale(?! of)|"
                            r"\bformer (?:member|colleague|employee|staff member)s?)\b"
                            r"(?:[^.;:!?\n]|(?-i:(?<=\s[A-Z])|(?<=\s[A-Z][a-z])|(?<=\s[A-Z][a-z]{2}))\.){0,40}$",
                            re.IGNORECASE)
"""What says, before a name, that the person has left: "Our former partner Kamal Idris", "the late Mr. Tan", "In
memory of Evelyn Yoder", "the passing of Past President Ron Cutts", an Australian obituary's "Vale PP Ron Cutts",
"congratulates former member Helen Carmody SC", "Desde la jubilación en marzo de 2024 de D. José Luis Ortega"."""
_OF_THE_JOB = re.compile(r"\s+(?:of(?: the)?|for|do|da|dos|das|de(?: la)?|del|della|dello|des|du|der|für|för|"
                         r"van|voor|af)\s+")
"""What joins a job to what it is of ("Coordenadora do Laboratório …", "Head of …")."""
_AREA_SEPARATOR = re.compile(r"\s*(?:,|[–—|-])\s*")
"""What sets a job apart from where it is held ("Branch Manager, Herne Bay")."""
_LONGEST_LINE = 160
"""Characters of a line that may be a name with its job; longer ones are prose."""
_CJK_TAIL = re.compile(r"(?<=[^\W\d_])\s+[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]+$")
"""A name written again in Chinese, Japanese or Korean script after it on its line."""
_FIRST_SENTENCE = re.compile(r".*?(?<=[a-zß-ÿ]{3})\.(?=\s)")
"""Up to the first full stop after a lowercase word (not "Dr." or an initial)."""
_BRACKET_SENTENCE = re.compile(r".*?(?:(?<=[a-zß-ÿ]{3})|(?<=\)))\.(?=\s)")
"""The same, or after a bracket: "…: Eng.º Hélio Garcia (mandato 2025–2028). A Direção …"."""
_TITLE_COLON = re.compile(r"[^:.]{2,60}:\s+[^:]+$")
"""A job label, a colon and what follows it, no second label."""
_FULL_NAME_AFTER = re.compile(r"\s*\(([^\W\d_][^()\d,;:]{2,50}\s[^()\d,;:]{2,50})\)")
"""A name written in full in brackets after a short form of it."""
_CONTACT_LINES = re.compile(r"\n[^\n]*(?:@|\+?\d[\d ()./-]{6,}\d|\b(?:tel|phone|fon|mobil|mobile|e-?mail|fax)\b)",
                            re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PeopleOnPage:
    """What ``find_names`` read from a page."""

    names: list[NameHit]
    """Occurrences of staff names."""
    titles: list[TitleHit]
    """Titles written glued to a name ("Jane Smith, CEO"), owned by that name."""
    outsiders: list[str]
    """Names of testimonial authors, bylines, quoted and affiliated people: never staff, and their
    addresses are not the company's either."""
    outsider_spans: list[tuple[int, int]] = field(default_factory=list)
    """Where those names are: (block id, end offset in the block's text)."""
    former: set[str] = field(default_factory=set)
    """Keys of people the page says have left (retired, died, held the job until a past year): not staff
    wherever else they are named ("founded in 1987 by Helmut Kübler")."""


def find_names(dom: PageDom, persons: Mapping[int, Sequence[Span]], titles: Mapping[int, Sequence[Span]],
               *, company: str | None = None, cued: Set[int] = frozenset()) -> PeopleOnPage:
    """Name occurrences on the page, the titles written glued to them, and the outsiders named.

    ``persons`` and ``titles`` are the NER PERSON and title spans of each block (block-local offsets);
    ``company`` is the site's own name, so "Sales Manager at <company>" is not read as an outsider;
    ``cued``: blocks NER read only around a staff cue, where only the name the cue is about counts.
    Names in navigation, headers, footers, cookie banners, testimonials, bylines and quotes are left out.
    """
    found = PeopleOnPage(names=[], titles=[], outsiders=[])
    # Rows with a Name cell: their other cells hold no names ("Fritids Myrstacken" under "Klass/grupp").
    named_rows = {block.region for block in dom.blocks if block.column and column_kind(block.column) == "name"}
    # Rows with a job cell: what is glued to the name in its cell is no job ("Ursula Hediger-Frei (SVP)", a party).
    titled_rows = {block.region for block in dom.blocks if block.column and column_kind(block.column) == "title"}
    led = title_led(dom, titles)
    dashed = dashed_places(dom, titles)
    partners = partner_sections(dom)
    for block in dom.blocks:
        if not block.text or block.boilerplate or block.region in named_rows and column_kind(block.column) != "name" \
                or "credential" in block.contexts:
            continue  # a degrees line holds no name ("MSc Architektur ZFH" under "Simon Rüegg")
        ner = persons.get(block.id, ())
        named_at = sorted(start for start, end in ner if looks_like_person_name(block.text[start:end]))
        block_titles = titles.get(block.id, ())
        claimed: list[Span] = []
        carried: list[Span | None] = []  # after a "Vertreten durch die Partner:" line: the label's title
        units: list[tuple[int, int, Unit]] = []
        under_name = _under_name(dom, block, found.names)
        for number, (line_start, line) in enumerate(_lines(block.text)):
            if number == 0 and (block.id in led or name_element(block)) \
                    and (pair := led_pair(block, line_start, line, ner, block_titles, company)):
                units += [(number, line_start, unit) for unit in pair]
                continue
            parts = segments(line)
            if _name_and_job(parts, line_start, block_titles):
                parts = [(0, line)]  # "Lucía Aznar Pueyo · Técnica fiscal senior": a name and its job, not a list
            for offset, part in parts:
                unit = carried_name(block, line_start + offset, part, ner, block_titles, company, carried)
                under_title = len(parts) == 1 and under_title_line(block, number, block_titles)
                # A job line right under a name line is that person's: "Branch Manager - Cape Town" is one job.
                named_above = bool(units) and units[-1][0] == number - 1 and units[-1][2].scope is Scope.FOLLOWING
                unit = unit or _parse_line(dom, block, number, line_start + offset, part, ner, block_titles,
                                           company, led=block.id in led or under_title, segment=len(parts) > 1,
                                           dashed=heading_place(dom, block) in dashed,
                                           under_name=under_name or named_above)
                if unit is not None and under_title and unit.title is None:
                    first = block.text.partition("\n")[0]  # the job above the name is theirs
                    unit = replace(unit, title=(len(first) - len(first.lstrip()), len(first.rstrip(" :"))))
                unit = unit or bold_lead(block, line_start + offset, part, block_titles, company)
                if unit is not None:
                    units.append((number, line_start, unit))
                elif len(parts) == 1:
                    carried[:] = label_title(line_start, line, block_titles)
        for number, line_start, unit in units:
            if (full := _FULL_NAME_AFTER.match(block.text, unit.end)) is not None \
                    and block.text[unit.start:unit.end].split()[-1].casefold() == full[1].split()[0].casefold() \
                    and looks_like_person_name(full[1]):
                # "<b>juf Marieke</b> (Marieke van den Berg) – leerkracht": the name in full in brackets after it.
                unit = replace(unit, start=full.start(1), end=full.end(1))
            claimed.append((unit.start, unit.end))
            if _town_of_address(block.text, unit.start, unit.end):
                continue  # "<b>Ponte de Lima</b><br>Largo de Camões, 12<br>4990-062 Ponte de Lima": a branch's town
            after = _said_of(block.text, unit.end, named_at, block_titles)
            # A heading's badge line is part of it ("<h3>Dr. Harold Whitfield <span class=badge>Founder, retired").
            left = not_current(after.replace("\n", " ") if block.heading else after)
            if left:
                found.former.update(_former_keys(block.text[unit.start:unit.end]))
            if (unit.external or block.id in partners or left
                    or is_outsider(dom, block, unit.start, unit.end, line_start, company)
                    or partnered(block.text, unit.start) or partnered_before(block.text, unit.start)
                    or bracketed_after_organisation(block.text, unit.start, company)
                    or introduced_as_others(block.text, unit.start, company)
                    or firm_after(block.text[unit.end:unit.end + 80], company)):
                found.outsiders.append(block.text[unit.start:unit.end])
                found.outsider_spans.append((block.id, unit.end))
                continue
            cue = {"cue"} if staff_cued(block.text, unit.start, unit.end, bold=block.covered(
                unit.start, unit.end, {"emphasis"})) else set()  # "…, has been with us since"
            hit = name_hit(block, unit.start, unit.end, unit.scope, unit.sources | cue, number, family=unit.family)
            found.names.append(hit)
            if unit.title is not None and not (block.region in titled_rows and column_kind(block.column) == "name"
                                               and "label" not in unit.sources):  # not "Sekretariat: Gabi Rohde"
                found.titles.append(_title_hit(block, unit.title, owner=hit.key, line=number))
        for unit in welcomed(block, block_titles, company, claimed):
            claimed.append((unit.start, unit.end))
            found.names.append(name_hit(block, unit.start, unit.end, unit.scope, unit.sources,
                                        block.text.count("\n", 0, unit.start)))
        # Names NER missed, read by their shape: in a list of jobs in brackets, and in a block read around a staff
        # cue where NER found nobody, next to the cue ("a warm welcome to Ines Carvalho, who joins us"); the latter
        # are kept below only where the cue is about them.
        shaped = bracket_titled(block.text, ner, block_titles, company) if block_titles else []
        shaped += cued_shapes(block.text, block_titles, company) if block.id in cued and not ner else []
        for start, end in sorted([*ner, *shaped]):
            if any(start < c_end and c_start < end for c_start, c_end in claimed):
                continue
            text = block.text[start:end]
            lead = _LEADING_WORD.match(text)
            if lead is not None and not looks_like_person_name(text) and looks_like_person_name(text[lead.end():]):
                start, text = start + lead.end(), text[lead.end():]  # "a cargo de Vanessa Duarte": NER took the "de"
            elif (first := text.split(" ", 1))[0][:1].isupper() and first[0].casefold() in name_stopwords() \
                    and len(first) == 2 \
                    and looks_like_person_name(first[1]):
                start, text = start + len(first[0]) + 1, first[1]  # "seit zwanzig Jahren Jean-Paul Schroeder"
            if "\n" in text or any(_OF_THE_JOB.fullmatch(block.text, job_end, start) for _s, job_end in block_titles):
                continue  # "Coordenadora do Laboratório de Qualidade": what the job is of, not a person
            if _opens_job(block, start, block_titles):
                continue  # "<dd class=funktion>Lernender Schreiner EFZ</dd>": the job's own element opens with it
            if _STREET_BEFORE.search(block.text, max(0, start - 16), start):
                continue  # a street named after a person
            if "title_class" in block.contexts and any(_AREA_SEPARATOR.fullmatch(block.text, job_end, start)
                                                       for _s, job_end in block_titles):
                continue  # "<p class=jobTitle>Branch Manager, Herne Bay</p>": where the job is held
            if not name_like(text, start, block_titles, company, lenient=True):
                # "Seniorchef Helmut Kübler hat sich 2018 in den Ruhestand verabschiedet": a job word read into
                # the name, which has left all the same.
                if looks_like_person_name(" ".join(text.split()[-2:])) \
                        and not_current(_said_of(block.text, end, named_at, block_titles)):
                    found.former.update(_former_keys(text))
                continue
            line_start = block.text.rfind("\n", 0, start) + 1
            before = _HONORIFIC_END.sub("", block.text[max(0, start - 60, line_start):start])  # "the late Mr. "
            left = not_current(_said_of(block.text, end, named_at, block_titles)) \
                or _FORMER_BEFORE.search(before) is not None
            if left and not _SENIOR.search(block.text, max(0, start - 10), start):
                # Not "id. Horváth Gábor (1951–2022)", the founder: his son of the same name runs the firm.
                found.former.update(_former_keys(text))
            if (block.id in partners or left or is_outsider(dom, block, start, end, line_start, company)
                    or affiliated(block, end, block_titles, company) or partnered(block.text, start)
                    or partnered_before(block.text, start) or bracketed_after_organisation(block.text, start, company)
                    or introduced_as_others(block.text, start, company)
                    or _possessed_job(block.text[max(0, start - 80):start], company)
                    or of_organisation(block.text[end:end + 80], company)
                    or namesake_firm(text, block.text[end:end + 80], company)):
                found.outsiders.append(text)
                found.outsider_spans.append((block.id, end))
                continue
            # "… gives us a hand with the archive", "Terry Burrows drives our recovery truck"; not a colleague's
            # given names in their bio ("Wei Ling heads our search practice" under "Tan Wei Ling").
            words = set(name_key(text).split()) - title_words()  # "Matron Halima leads our nursing team"
            cue = {"cue"} if (staff_cued(block.text, start, end) or _OUR_WORK.match(block.text, end)) and not any(
                words < set(hit.key.split()) for hit in found.names) else set()
            if not cue and block.id in cued:
                continue  # read by NER only for a staff cue (``spans.people_chunks``), which is not about this name
            source = "structure" if (start, end) in shaped else "spacy"
            found.names.append(name_hit(block, start, end, Scope.BLOCK, frozenset({source} | cue),
                                         block.text.count("\n", 0, start)))
    found.names[:] = _by_family_name([hit for hit in found.names if hit.key not in found.former])
    found.names.extend(hit for hit in repeated_names(dom, found.names, partners) if hit.key not in found.former)
    return found


def _town_of_address(text: str, start: int, end: int) -> bool:
    """Does the name at ``start:end`` come again in its block after a postcode, as the town of an address?"""
    name = text[start:end]
    # One pattern for all names: a pattern per name would crowd the re module's cache of compiled patterns.
    return any(text.startswith(name, code.end()) and not text[code.end() + len(name):][:1].isalnum()
               for code in _POSTCODE.finditer(text, end))


def _possessed_job(before: str, company: str | None) -> bool:
    """Does another organisation's job, written with its possessive, lead to the name ("Datto’s Queensland channel
    manager, Sam Liddell")? Not the company's own ("Acme's founder, …")."""
    match = _POSSESSED_JOB.search(before)
    return match is not None and not names_company(match["owner"], company, written_out=True)


def _by_family_name(hits: list[NameHit]) -> list[NameHit]:
    """"Mrs McKenna" (an honorific and a family name alone) is the one person of that family name written in
    full elsewhere on the page ("Mrs Aoife McKenna"), so it takes that person's key."""
    full: dict[str, set[str]] = {}
    for hit in hits:
        if len(hit.key.split()) >= 2:
            full.setdefault(hit.key.split()[-1], set()).add(hit.key)
        if len(written := hit.mention.value.split()) >= 2 and "-" in written[-1]:
            full.setdefault(name_key(written[-1]), set()).add(hit.key)  # "Mrs Tan-Wong" of "Evelyn Tan-Wong"
    # Names one or two words longer than another written the same way before them, the extra words no job or body
    # words ("Carolina Andrade Vargas", "Nurul Huda binte Ahmad", "Marcus Lim Jun Jie"); by the page's structure
    # (a card's heading) when the short form is not NER's.
    longer: dict[str, set[str]] = {}
    structural: dict[str, set[str]] = {}
    for hit in hits:
        words = hit.mention.value.split()
        if len(words) in (3, 4) and not any(fold(word) in title_words() or is_org_word(fold(word))
                                            for word in words[2:]) \
                and looks_like_person_name(hit.mention.value):
            short = name_key(" ".join(words[:2]))
            if len(words) == 3:
                longer.setdefault(short, set()).add(hit.key)
            if "structure" in hit.sources:
                structural.setdefault(short, set()).add(hit.key)
    written_by_key = Counter(hit.key for hit in hits)
    merged = []
    for hit in hits:
        alone = len(hit.mention.value.split()) == 1  # one family name, hyphened or not
        keys = full.get(hit.key, set()) - {hit.key} if alone and split_honorifics(hit.mention.text)[0] else set()
        if len(hit.key.split()) == 2 and not keys:
            # "Carolina Andrade" (a photo's caption, read by NER) is the one "Carolina Andrade Vargas" of the page:
            # the second family name left out.
            keys = longer.get(hit.key, set()) if "spacy" in hit.sources else structural.get(hit.key, set())
        words = hit.mention.value.split()
        if len(words) == 2 and not keys and written_by_key[hit.key] == 1:
            # "Tom Calloway" in a photo's alt text is the one "Thomas J. Calloway" of the page: a nickname of the
            # given name, the same family name.
            given, family = fold(words[0]), name_key(words[1])
            # The short form takes the full one's key, not the other way ("Tom" is Thomas's, not Thomas Tom's).
            keys = {key for key in full.get(family, set()) if key != hit.key and any(
                nicknames_match(given, other_given := fold(other.mention.value.split()[0]))
                and (len(given) < len(other_given) or given == other_given) for other in hits if other.key == key)}
        merged.append(replace(hit, key=next(iter(keys))) if len(keys) == 1 else hit)
    return merged


def _next_name(named_at: Sequence[int], end: int, default: int) -> int:
    """Where the next person NER read starts after ``end`` (``named_at``: the sorted starts of the block's NER
    spans shaped like a name): what is said after it is about them ("by Srinivas Raghunathan and Arvind Hegde
    (…), who has since moved on")."""
    index = bisect.bisect_left(named_at, end)
    return named_at[index] if index < len(named_at) else default


def _said_of(text: str, end: int, named_at: Sequence[int], block_titles: Sequence[Span] = ()) -> str:
    """What the sentence goes on to say about the person named up to ``end``: up to the next person NER read, or
    the next capitalised pair shaped like a name NER missed ("Katrien Goossens volgt Luc Janssens op, die met
    pensioen ging"); not a title shaped like one ("Gordon Ashdown, Professor Emeritus (retired 2019)")."""
    stop = _next_name(named_at, end, len(text))
    for match in _NAME_SHAPE.finditer(text, end, stop):
        if any(s < match.end() and match.start() < e for s, e in block_titles):
            continue
        # Not a place after a preposition ("headteacher at St Bede's from 1998 …").
        if looks_like_person_name(match[0]) and not _PLACE_BEFORE.search(text, max(end, match.start() - 12),
                                                                          match.start()):
            return text[end:match.start()]
    return text[end:stop]


def _under_name(dom: PageDom, block: Block, names: Sequence[NameHit]) -> bool:
    """Does the block follow a name heading or name element ("<h3>Dra. Inês Ferreira</h3><p>Farmacêutica – …</p>",
    "<div class=name>Vet. Hek. Zeynep Çelik</div><div>Veteriner Hekim – Egzotik Hayvanlar</div>")?"""
    if not names:
        return False
    previous = previous_text_block(dom, block)
    return previous is not None and previous.region == block.region and name_element(previous) and any(
        hit.mention.block_id == previous.id and hit.scope is Scope.REGION for hit in names[-3:])


def _former_keys(text: str) -> set[str]:
    """Keys of a name the page says has left, also without a job word NER read into it ("Seniorchef Helmut
    Kübler" is Helmut Kübler)."""
    words = strip_honorifics(text).split()
    return {name_key(" ".join(words[-size:])) for size in range(2, len(words) + 1)}


def _name_and_job(parts: list[tuple[int, str]], line_start: int, block_titles: Sequence[Span]) -> bool:
    """Are two parts of a line a name and the job that opens the second part ("Sergio Lafuente Royo · Responsable
    de contabilidad"), not two people?"""
    if len(parts) != 2:
        return False
    (first, first_text), (second, second_text) = parts
    job_at = line_start + second + len(second_text) - len(second_text.lstrip())
    job = any(s == job_at for s, _e in block_titles) or function_phrase(second_text.strip())
    return job and not any(line_start + first <= s < line_start + first + len(first_text) for s, _e in block_titles)


_LEADING_WORD = re.compile(r"(?:de|da|do|di|du|dos|das|del|a|e|y)\s+(?=[A-ZÀ-Þ])")
"""A Romance preposition or conjunction NER read into a name in prose: "a cargo de Vanessa Duarte"."""
_STREET_BEFORE = re.compile(r"(?<!\w)(?:ul|al|pl|os|nám|tř|ulica|aleja|ulice|rue|via|viale|corso|piazza|calle|"
                            r"avenida|rua|carrer|praça|plaza|straße|strasse)\.?(?:\s+(?:de|del|della|di|da|do|des|du))?"
                            r"\s+$", re.IGNORECASE)
"""A street word right before a name: "przy ul. Armii Krajowej", "via Giuseppe Verdi", "rue Jean Jaurès"."""
_INVERTED_THEN_JOB = re.compile(r"(?P<name>[^,–—|·\d@]{3,40},\s*[^,–—|·\d@]{2,30}?)\s+[–—|]\s+(?P<rest>\S.*)")
_JOB_FIELD = re.compile(r".*?(?=\s+[–—|·]\s+|[.;](?:\s|$)|$)")


def _parse_line(dom: PageDom, block: Block, number: int, line_start: int, line: str, ner: Sequence[Span],
                block_titles: Sequence[Span], company: str | None, *, led: bool = False,
                segment: bool = False, dashed: bool = False, under_name: bool = False) -> Unit | None:
    leading = len(line) - len(line.lstrip(" •·*—–―-"))
    # Also a separator ending the line, its job on the next ("<h3>Jeroen ten Brink <span>—</span><span
    # class=role>Projectarchitect</span></h3>").
    stripped = line.strip(" •·*:;,").rstrip(" —–|·")
    start = line_start + leading
    if len(stripped) > _LONGEST_LINE:
        # A bio led by a bold name and its job ("<b>Jorge Navarro</b>, Responsable del Área Laboral. Graduado
        # social …"): its first sentence is the line. So is a board's "Presidente da Direção: Eng.º Hélio Garcia
        # (mandato 2025–2028). A Direção é composta …": a job opening the line, a colon, the name.
        first = _FIRST_SENTENCE.match(stripped)
        if not any(i.start == start and "emphasis" in i.contexts for i in block.inlines):
            first = _BRACKET_SENTENCE.match(stripped)
            if first is None or not _TITLE_COLON.match(first[0]) or not any(
                    s == start and e >= start + first[0].index(":") - 1 for s, e in block_titles):
                return None
        if first is None or len(first[0]) > _LONGEST_LINE:
            return None
        stripped = first[0]
    if stripped and "\u3040" <= stripped[-1] <= "\ufaff":
        # "Ms. Mandy Cheung Mei-kuen 張美娟": the name written again in Chinese, Japanese or Korean script after it.
        stripped = _CJK_TAIL.sub("", stripped)
    if not stripped:
        return None
    end = start + len(stripped)
    # "<td>President<br>Travis Kohl<br>tkohl@…</td>": the line under a line that is only a job heads the block.
    heads_block = number == 0 or led and number == 1
    if block.column and column_kind(block.column) not in (None, "name"):
        return None  # a "Position" or "Email" cell is never a name; a header we cannot read decides nothing
    if column_kind(block.column) == "name" or "name_class" in block.contexts \
            or (block.heading and dom.regions[block.region].tight or block.tag == "dt") and not any(
                start <= s < end for s, _e in block_titles):  # not "Kundeansvarlig, Midt-Norge"
        # "Walsh, Henry" in a Name column, a name element or a card's heading: a directory's family-first form.
        if inverted_name(stripped) is not None and heads_block:
            return Unit(start, end, Scope.REGION, frozenset({"structure"}))
    # "Jane Smith" alone on its line; not in an element the markup calls a job ("<p class=role>Kayak Coach").
    agree = agrees(ner, start, end)
    if "title_class" not in block.contexts and name_like(stripped, start, block_titles, company, lenient=agree):
        core = _core_name(stripped, start)
        # A name element under its role line in one block ("<summary><span class=role>Vennoot</span>
        # <span class=name>Mr. Pieter Verhaeghe</span></summary>") heads its card all the same.
        marked = not heads_block and block.covered(*(core or (start, end)), {"name_class"})
        if (heads_block or marked) and not segment and (agree or led or _structural(dom, block, start, end)
                                                         or core is not None and _structural(dom, block, *core)):
            return Unit(start, end, Scope.REGION, sources(agree))
        if segment and (agree or split_honorifics(stripped)[0]):
            return Unit(start, end, Scope.BLOCK, sources(agree))  # "Mag.arch. Tereza Nováková" in a list
        if not segment and block.covered(start, end, {"emphasis"}) and _job_line_next(block, end, block_titles):
            # "…Tel: 031 365 4420<br><br><b>Ashwin Naidoo</b><br>Branch Manager<br>031 …": a person's entry
            # further down an office's block; the lines under the name are theirs.
            return Unit(start, end, Scope.FOLLOWING, sources(agree))
        return None
    if heads_block and (unit := _inverted_then_job(start, stripped, ner, block_titles)) is not None:
        return unit
    # "Jane Smith, CEO", "Dr. Klaus Weber (Geschäftsführer)"; not a job's own element opening with the job
    # ("<dd class=funktion>Lernender Schreiner EFZ (3. Lehrjahr)</dd>").
    job_first = _opens_job(block, start, block_titles)
    unit = None if job_first else name_then_title(block, start, stripped, ner, block_titles,
                                                   Scope.REGION if heads_block else Scope.FOLLOWING, company,
                                                   dashed=dashed)
    if unit is not None and unit.title is None and (bold := next((i for i in block.inlines if i.start == unit.start
                                                                  and "emphasis" in i.contexts), None)) is not None:
        unit = replace(unit, title=fields_after(block, bold))  # "<b>Walter Blaisdell</b>, Technical Services & …"
    if unit is not None:
        return unit
    if (led or column_kind(block.column) == "name") and heads_block and not job_first \
            and (match := (_LED_NAME if led else _REMARK_AFTER_NAME).match(stripped)) is not None:
        # "Gregory Halvorsen, Halvorsen & Associates CPAs" under an office: the name, then their employer;
        # "<dd>Bertrand Lacombe (docteur en histoire de l'art)</dd>", "Florent Duval – centre de documentation …"
        # under a job, or in a Name cell ("Cllr Kevin O'Driscoll (co-opted September 2026)"): the name, then a remark.
        name_agree = agrees(ner, start, start + len(match[1]))
        if name_like(match[1], start, block_titles, company, lenient=name_agree):
            return Unit(start, start + len(match[1]), Scope.REGION, sources(name_agree))
    # "Geschäftsführer: Dr. Klaus Weber", "Ansprechpartner: Lukas Bauer", "Office Manager | Ruth Baker".
    return label_then_name(block, number, start, stripped, ner, block_titles, company, heads_block=heads_block,
                           under_name=under_name)


def _job_line_next(block: Block, end: int, block_titles: Sequence[Span]) -> bool:
    """Does the line after ``end`` open with a job title?"""
    line_end = block.text.find("\n", end)
    if line_end < 0 or block.text[end:line_end].strip():
        return False
    following = line_end + 1 + len(block.text[line_end + 1:]) - len(block.text[line_end + 1:].lstrip())
    return any(s == following for s, _e in block_titles)


def _inverted_then_job(start: int, line: str, ner: Sequence[Span], block_titles: Sequence[Span]) -> Unit | None:
    """A directory's family-first name, a dash, then the job ("García López, Lucía — Secretaría y matrículas · Tel.
    …"), where NER reads the family names as a person's: the name (read as "Lucía García López") and the job."""
    match = _INVERTED_THEN_JOB.match(line)
    given = match["name"].partition(",")[2].split() if match is not None else []
    # Not a name and its letters ("Elena Quadri, MLaw – Avvocata", "Thi Lan Pham, EN – practice nurse").
    if match is None or inverted_name(match["name"]) is None \
            or any(is_name_suffix(word) or sum(char.isupper() for char in word) > 1 or "." in word for word in given):
        return None
    job_start = start + match.start("rest")
    job = _JOB_FIELD.match(line, match.start("rest"))[0].rstrip()
    covered = any(job_start <= s < job_start + len(job) for s, _e in block_titles)
    title = (job_start, job_start + len(job)) if job and (covered or function_phrase(job)) else None
    # NER reads the family names as a person's, or a job follows ("Herrero Nieto, Carmen — administración y …").
    agree = agrees(ner, start, start + len(match["name"].partition(",")[0]))
    if not (agree or title):
        return None
    return Unit(start, start + len(match["name"]), Scope.REGION, sources(agree), title)


def _opens_job(block: Block, start: int, block_titles: Sequence[Span]) -> bool:
    """Does a job open at ``start`` in an element the markup calls the job ("<dd class=funktion>Lernender …")?"""
    return "title_class" in block.contexts and any(span[0] == start for span in block_titles)


def _core_name(text: str, start: int) -> Span | None:
    """Where the name itself sits in ``text`` (at ``start``), honorifics and post-nominals aside:
    "<b>Brendan McIlroy</b> FCA" is a bold name. None when the name is not written as one run."""
    _honorific, name, _suffix = split_honorifics(text)
    offset = text.find(name) if name else -1
    return (start + offset, start + offset + len(name)) if offset >= 0 else None


def _structural(dom: PageDom, block: Block, start: int, end: int) -> bool:
    """Does the page's structure present this text as a person's name?"""
    whole = start == 0 and end >= len(block.text.rstrip(" :,"))
    if block.column and column_kind(block.column) is not None:
        return column_kind(block.column) == "name"
    if block.covered(start, end, {"emphasis", "name_class"}):
        return True
    if start == 0 and _CONTACT_LINES.search(block.text, end):
        return True  # "Monika Huber\nTelefon: ...\nE-Mail: ...": a name heading its own contact lines
    if "first_cell" in block.contexts:
        return whole
    if block.heading or "name_class" in block.contexts or "emphasis" in block.contexts:
        return True
    region = dom.regions[block.region]
    if region.kind == "section" and region.parent is not None and dom.regions[region.parent].tight:
        # A card holding a <figure>: the caption's first line heads the card ("<figcaption><p>Hana Sato</p>").
        previous = previous_text_block(dom, block)
        return previous is None or region.parent not in {r.id for r in dom.region_chain(previous.region)}
    return region.tight


def _title_hit(block: Block, span: Span, *, owner: str, line: int) -> TitleHit:
    span, text = title_text(block.text, *span)
    mention = Mention(kind=MentionKind.TITLE, text=text, value=" ".join(text.split()),
                      start=block.start + span[0], end=block.start + span[1], block_id=block.id,
                      extractor=extractor("title_with_name"))
    # An image's alt text ("Ramón Villarreal, owner of Lone Star Comfort Air") yields to the card's own title line.
    return TitleHit(mention=mention, standalone=True, owner=owner, line=line, weak="alt" in block.contexts)


def _lines(text: str) -> list[tuple[int, str]]:
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    return lines
