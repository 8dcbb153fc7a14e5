"""Job-title mentions: card subtitles, title columns and marked elements (standalone), and titles in prose."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from leadscout.records import Mention, MentionKind
from ner.dom import Block, PageDom
from ner.hits import NameHit, Scope, TitleHit, extractor
from ner.layout import following_text_block, previous_text_block
from ner.lexicon import column_kind, words
from ner.lines import function_phrase
from ner.names import is_name_suffix, strip_post_nominals
from ner.titlemap import TitleClass, classify_title, normalize_title
from ner.outsiders import held_elsewhere, names_company

Span = tuple[int, int]

_MAX_LINE = 90
_MAX_WORDS = 10
_MAX_MARKED_WORDS = 14
_TERM_MAX = 60
"""Characters of a definition term that may be a job."""
_SHORT_TITLE_WORDS = 5
_WHOLE_CELL = 0.8
_QUALIFICATION = re.compile(r"(?:eidg\.\s*)?(?:dipl\.|lic\.\s*(?:oec|iur|phil|rer)|Dr\.\s*(?:oec|iur|phil|rer)\.|"
                            r"(?:B|M)\.?Sc\.?\s|MBA\b)", re.IGNORECASE)
_CONTACT_LIKE = re.compile(r"@|\w\s?[(\[{]at[)\]}]\s?\w|(?<!ISO )\d{5,}|\d[\d ()./-]{6,}\d|https?://")
"""A number, address (also one hidden from scrapers: "s.huber(at)autohaus-lechfeld.de") or link; not a standard's
number ("Qualitätsmanagementbeauftragte (ISO 13485)")."""
_LABEL = re.compile(r"[^\W\d_]+(?:\s[^\W\d_]+)?\s*:\s*")
_REFERRED = re.compile(r"(?:via|c/o|care of|through)\s", re.IGNORECASE)
"""Words sending the reader to someone else's office: "via the Clerk"."""
_FIELD_BREAK = re.compile(r"\s+[·|–—•]\s+")
_DOT_FIELDS = re.compile(r"\s+[·|•]\s+")
"""What splits a card line into fields ("Associate Chiropractor · MChiro · GCC reg. no. 03388"): unlike a dash, it
does not join a job to its area ("Partner – Tax")."""
_SET_OFF = re.compile(r"\s*(?:[.,]\s|\s[–—-]\s)")


def find_titles(dom: PageDom, titles: Mapping[int, Sequence[Span]], names: Sequence[NameHit], *,
                company: str | None = None) -> list[TitleHit]:
    """Title mentions outside the "Name, Title" lines that ``people.find_names`` already read.

    A line that is nothing but a title (a card subtitle, a "Position" cell, an element with a
    ``role``/``position`` class) is standalone and kept whole ("Sourcing Manager (Shenzhen office)");
    a title inside a sentence ("Rachel is our CFO.") is a prose mention of just the title words.
    ``company`` is the site's own name: "CEO, <company>" is staff, "CEO, Globex Ltd" is not.
    """
    taken = {(hit.mention.block_id, hit.line) for hit in names if hit.scope is not Scope.BLOCK}
    hits: list[TitleHit] = []
    named_regions = {dom.blocks[hit.mention.block_id].region for hit in names}
    named_at: dict[int, list[int]] = {}  # block id -> where names start in its text
    for hit in names:
        named_at.setdefault(hit.mention.block_id, []).append(hit.mention.start - dom.blocks[hit.mention.block_id].start)
    job_columns = _job_columns(dom, titles)
    for block in dom.blocks:
        if not block.text or block.boilerplate or {"testimonial", "byline", "credential"} & block.contexts:
            continue
        kind = column_kind(block.column) if block.column else _term_kind(dom, block)
        if kind is None and job_columns and block.region in named_regions and _cell_key(block) in job_columns:
            kind = "title"  # a headerless table whose column holds known jobs in other rows
        if kind == "title":
            if (block.id, 0) not in taken and _title_like(block.text, whole=True):
                hits.append(_hit(block, 0, len(block.text), standalone=True, line=0, how="title_column"))
            continue
        if kind not in (None, "name") or block.column and block.region not in named_regions:
            continue  # an email or phone cell; a cell of a table of prices or products
        # A name cell's lines under the name are read too ("Jasmine Lim<br>Senior Manager, Ocean Freight").
        # A cell under a header we cannot read, in a row that names someone, is read as any other block.
        offset = 0
        for number, line in enumerate(block.text.split("\n")):
            line_start, offset = offset, offset + len(line) + 1
            if (block.id, number) not in taken:
                found = _line_titles(block, number, line_start, line, titles.get(block.id, ()), company,
                                     named=named_at.get(block.id, ()))
                job = _job_field(line)
                start = line_start + len(job) - len(job.lstrip())
                if not found and (_department_line(dom, block, job, names)
                                  or _card_heading(dom, block, job, titles, names)):
                    found = [_hit(block, start, start + len(job.strip()), standalone=True, line=number,
                                  how="title_function")]
                elif not found and _term_over_name(dom, block, job, names):
                    found = [_hit(block, start, start + len(job.strip()), standalone=True, line=number,
                                  how="title_term", weak=True)]
                hits.extend(found)
    return hits + _slot_titles(dom, hits, names)


def _cell_key(block: Block) -> tuple[str, str] | None:
    """(table path, cell index) of a headerless table's cell, from its element path (".../tr[2]/td[3]")."""
    if block.tag != "td" or block.column:
        return None
    row, _, cell = block.path.rpartition("/")
    table, _, _row = row.rpartition("/")
    return (table, cell) if _row.startswith("tr") else None


def _job_columns(dom: PageDom, titles: Mapping[int, Sequence[Span]]) -> set[tuple[str, str]]:
    """Columns of headerless tables where a cell after the row's first is wholly a known title ("<td>Kierownik
    projektów</td>"): the same column holds the job in the other rows too, in any words ("tłumacz techniczny")."""
    columns = set()
    for block in dom.blocks:
        if block.tag == "td" and not block.column and "first_cell" not in block.contexts and block.text \
                and any(e - s >= _WHOLE_CELL * len(block.text.strip()) for s, e in titles.get(block.id, ())):
            key = _cell_key(block)
            if key is not None:
                columns.add(key)
    return columns


def _slot_titles(dom: PageDom, hits: Sequence[TitleHit], names: Sequence[NameHit]) -> list[TitleHit]:
    """The line right under a card's name where sibling cards have their title there ("<h4>Kirsty Rennie</h4>
    <p><i>rigging & mast work</i></p>" beside "<h4>Iain Campbell</h4><p><i>Marine Engineer</i></p>"): a job
    in words the lexicon does not know. Needs two cards with a known title in that place, and a short line."""
    under: dict[int, tuple[tuple[int | None, str, str], Block]] = {}  # name block -> (slot, block under it)
    for hit in names:
        block = dom.blocks[hit.mention.block_id]
        region = dom.regions[block.region]
        if hit.scope is not Scope.REGION or not region.tight or hit.mention.block_id in under:
            continue
        following = following_text_block(dom, block)
        if following is not None and following.region == block.region:
            # The grid holding the cards: the nearest region around them that is no card itself (a card may
            # nest its name and title in an inner box of its own).
            grid = next((r.id for r in dom.region_chain(block.region) if not r.tight), None)
            under[block.id] = ((grid, block.tag, following.tag), following)
    # The slot is the first line of the block under the name: the whole block, or the line before a bio
    # ("<p>planning en klantcontact<br>Femke plant de afspraken …</p>").
    titled = {hit.mention.block_id for hit in hits if hit.standalone and hit.line == 0}
    named = {hit.mention.block_id for hit in names}  # a row's name cell after its class cell is no job
    known: dict[tuple[int | None, str, str], int] = {}
    for slot, following in under.values():
        known[slot] = known.get(slot, 0) + (following.id in titled)
    found = []
    for slot, following in under.values():
        text = following.text.partition("\n")[0]
        if known[slot] >= 2 and following.id not in titled | named and _SLOT_JOB.fullmatch(text) \
                and not _letters(text):
            found.append(_hit(following, 0, len(text), standalone=True, line=0, how="title_slot"))
    return found


def _line_titles(block: Block, number: int, line_start: int, line: str, spans: Sequence[Span],
                 company: str | None, *, named: Sequence[int] = ()) -> list[TitleHit]:
    line = _title_field(line, line_start, spans)
    line_end = line_start + len(line)
    in_line = [s for s in spans if line_start <= s[0] and s[1] <= line_end]
    marked = "title_class" in block.contexts or any(
        "title_class" in i.contexts and i.start <= line_start + 1 and i.end >= line_end - 1 for i in block.inlines)
    # Not a line that opens with a name ("Helen Parata CA Director"): the title is only its own words there.
    name_first = any(line_start <= start < min(in_line)[0] for start in named) if in_line else False
    if (marked or in_line and _standalone(line, line_start, in_line)) and not name_first \
            and _title_like(line, whole=marked):
        start = line_start + len(line) - len(line.lstrip())
        end = start + len(line.strip())
        if in_line and _LABEL.fullmatch(block.text, start, min(in_line)[0]):
            start = min(in_line)[0]  # "Cargo: Técnica contable", "Position: Site Manager": the label is not the title
        start = _after_name_element(block, start, end, in_line)
        title_end = max(span_end for _, span_end in in_line) if in_line else end
        remainder = block.text[title_end:end]
        if remainder and names_company(remainder, company, written_out=True) and not _LOWER_WORD.search(remainder):
            # "Founder & CEO, Pinecrest Analytics": the company is not part of the title; "Shore Manager – Tarbert
            # & Carradale landings" at Tarbert Fishermen's Co-op is the area, in the town the firm is named after.
            end = title_end
        # A line of qualifications ("dipl. Treuhandexperte, eidg. dipl. Steuerexperte", "lic. oec. HSG") is the
        # person's training: their job line, if the card has one, wins.
        return [_hit(block, start, end, standalone=True, line=number, how="title_line",
                     elsewhere=bool(remainder) and held_elsewhere(remainder, company),
                     weak=_QUALIFICATION.match(block.text, start) is not None)]
    lead = _leading_title(block, line_start, line, in_line)
    if lead is not None:
        # "Customs & Compliance Lead. Ashwin handles ...", "Accounts Administrator — invoices and statements":
        # a title opening the line and set off from the prose after it is the line's title.
        return [_hit(block, *lead, standalone=True, line=number, how="title_line")]
    return [_hit(block, _bracket_start(block.text, span_start, span_end), span_end, standalone=False, line=number,
                 how="title_prose") for span_start, span_end in in_line]


_BRACKET_QUALIFIERS = re.compile(r"\(((?:[A-ZÀ-Þ][\w’'-]*|&|and|of)\s+){1,4}")
"""Capitalised words opening a bracket before the job in it: "(Behavioural & Children’s Optometrist)"."""


def _bracket_start(text: str, start: int, end: int) -> int:
    """Where a job in brackets after a name starts: the bracket's capitalised words before the words the lexicon
    knows are the job's too ("Rajesh Pillai (Behavioural & Children’s Optometrist) sees …")."""
    opening = text.rfind("(", max(0, start - 50), start)
    if opening < 0 or text[end:end + 1] != ")" or ")" in text[opening:start]:
        return start
    match = _BRACKET_QUALIFIERS.fullmatch(text, opening, start)
    return opening + 1 if match else start


def _after_name_element(block: Block, start: int, end: int, spans: Sequence[Span]) -> int:
    """Where a title line starts after a bold or name element opening it ("<strong>Mele Tupou</strong><span
    class=role>Payroll Administrator</span>"): a job does not start inside the name's element and run on. Not
    after a bold job ("<strong>Director of Programs</strong> (he/him)")."""
    for inline in block.inlines:
        if inline.start <= start < inline.end < end and {"emphasis", "name_class"} & inline.contexts \
                and "title_class" not in inline.contexts and block.text[inline.end:end].strip() \
                and not any(inline.start <= span[0] and span[1] <= inline.end for span in spans):
            rest = block.text[inline.end:end]
            return inline.end + len(rest) - len(rest.lstrip(" ,–—-|·"))
    return start


def _title_field(line: str, line_start: int, spans: Sequence[Span]) -> str:
    """The line's first field when a job fills it and the fields after it are letters, numbers or contact
    details ("Clinic Director & Chiropractor · MChiro, DC · GCC reg. no. 02714"); else the whole line."""
    fields = _DOT_FIELDS.search(line)
    opening = line_start + len(line) - len(line.lstrip())
    if fields is None or (opening, line_start + fields.start()) not in spans:
        return line
    rest = line[fields.end():]
    if any(start >= line_start + fields.end() for start, _end in spans):
        return line  # another job in a later field: a list, read as it is
    parts = [part for part in _DOT_FIELDS.split(rest) if part.strip()]
    return line[:fields.start()] if parts and all(
        _letters(part) or any(char.isdigit() for char in part) or "@" in part for part in parts) else line


def _leading_title(block: Block, line_start: int, line: str, spans: Sequence[Span]) -> Span | None:
    """The title span that starts ``line`` and is followed by a sentence end, a dash or a comma (not a colon:
    "Head of Sales: sales@..." labels a contact line)."""
    start = line_start + len(line) - len(line.lstrip())
    first = min(spans, default=None)
    if first is None or first[0] != start or not _title_like(block.text[first[0]:first[1]], whole=True):
        return None
    return first if _SET_OFF.match(block.text, first[1]) else None


def _job_field(line: str) -> str:
    """The line, or its first field when the rest is contact details ("Accueil et secrétariat · 02 512 …")."""
    field, separator, rest = _split_field(line)
    return field if separator and _CONTACT_LIKE.search(rest) else line


def _split_field(line: str) -> tuple[str, str, str]:
    match = _FIELD_BREAK.search(line)
    return (line[:match.start()], match[0], line[match.end():]) if match else (line, "", "")


_PRONOUNS = re.compile(r"\s*\((?:she|he|they|ze|xe)/(?:her|hers|him|his|them|theirs|they|she|he|zir|xem)\)\s*$",
                       re.IGNORECASE)
"""Pronouns after a job ("Executive Director (she/her)"): the person's, not the job's."""
_LOWER_WORD = re.compile(r"(?<![\w'’-])(?!(?:and|of|the|for|de|du|des|la|le|di|del|von|van|und|et|y|e)\b)[a-zà-ÿ]{3,}")
"""A lowercase word other than a particle or "and": a company's name has none ("Tarbert & Carradale landings")."""
_SLOT_JOB = re.compile(r"[^\W\d_](?:[^\n\d@.:;!?]|\d(?:st|nd|rd|th)\b){1,70}")
"""A short job line: no digits but an ordinal ("Carpenter (3rd-year apprentice)"), address, sentence end or
second line."""


def _letters(text: str) -> bool:
    """A line of degrees and post-nominals ("MBBS (Ibadan), FWACP, FMCPaed", "RN", "MSc Architektur ZHAW"),
    not a job."""
    words = [w for w in re.split(r"[\s,]+", re.sub(r"\([^()]*\)", " ", text)) if w]
    return bool(words) and (is_name_suffix(words[0]) or all(
        is_name_suffix(w) or sum(c.isupper() for c in w) >= 2 for w in words))


def _department_line(dom: PageDom, block: Block, line: str, names: Sequence[NameHit]) -> bool:
    """A line of function words alone ("Comunicación y captación de fondos") in a card, list item or
    definition, or right under a name heading ("<h3>Océane Le Goff</h3><p><b>Comptabilité & facturation</b>"):
    the person's job there (a heading of such words is a section, not a job)."""
    tight = dom.regions[block.region].tight
    if not block.heading and (block.tag in ("dd", "td", "li") or tight) and function_phrase(line):
        return True
    above = previous_text_block(dom, block)
    # Right under the card's name heading, as its subtitle ("<h5>Inma Sanchis</h5><h6>Recepción y citas</h6>"), a
    # function word leading the line will do.
    under_name = above is not None and bool(above.heading) and above.region == block.region \
        and (not block.heading or block.heading > above.heading) and any(
            hit.mention.block_id == above.id and hit.scope is Scope.REGION for hit in names)
    return under_name and function_phrase(line, led=bool(block.heading) or tight)


def _card_heading(dom: PageDom, block: Block, line: str, titles: Mapping[int, Sequence[Span]],
                  names: Sequence[NameHit]) -> bool:
    """A card's own heading of function words above its one person, whose lines hold no title
    ("<h4>Client Services</h4><p><b>Liam O'Rourke</b>…", "<p>Reservations</p><h3>Sophie Lindqvist</h3>"): that
    person's job. Over several people, or over
    a person with a title of their own, it is a department."""
    if not (dom.regions[block.region].tight and function_phrase(line)):
        return False
    following = dom.blocks[block.id + 1] if block.id + 1 < len(dom.blocks) else None
    # Or a line over the card's name heading ("<p class=eyebrow>Reservations</p><h3>Sophie Lindqvist</h3>").
    eyebrow = following is not None and following.region == block.region and bool(following.heading) and any(
        hit.mention.block_id == following.id for hit in names)
    if not (block.heading or eyebrow):
        return False
    if block.id and dom.blocks[block.id - 1].region == block.region:
        return False  # not the card's first block
    inside = {b.id for b in dom.blocks[block.id + 1:] if b.region == block.region}
    held = {hit.key for hit in names if hit.mention.block_id in inside}
    return len(held) == 1 and not any(titles.get(b) for b in inside)


def _term_kind(dom: PageDom, block: Block) -> str | None:
    """For a definition under a term that names a field ("<dt>Stilling</dt><dd>bogholder – løn …</dd>"), what the
    field holds, as a table column's header says it."""
    if block.tag != "dd":
        return None
    term = previous_text_block(dom, block)
    return column_kind(term.text.strip(" :")) if term is not None and term.tag == "dt" else None


def _term_over_name(dom: PageDom, block: Block, line: str, names: Sequence[NameHit]) -> bool:
    """A definition term over a definition that opens with a name ("<dt>Régisseur des œuvres</dt><dd>Yannick Le
    Goff<br>06 …</dd>"): the holder's job, in words the lexicon may not know, unless they have another; not a
    field label ("Navn", "Contact")."""
    following = following_text_block(dom, block)
    if block.tag != "dt" or following is None or following.tag != "dd" or not _title_like(line, whole=True) \
            or len(line) > _TERM_MAX or re.search(r"[\d@]", line) or column_kind(line.strip(" :")) is not None \
            or line.strip(" :").casefold() in words("person_labels", "label"):
        return False  # "<dt>Navn</dt>", "<dt>Ansprechpartner</dt>": a field's label
    return any(hit.mention.block_id == following.id and hit.mention.start == following.start for hit in names)


def _standalone(line: str, line_start: int, spans: Sequence[Span]) -> bool:
    """A title line starts with the title ("Sourcing Manager (Shenzhen office)"), ends with it in a few
    words ("Installations Manager"), or the title covers most of it."""
    if _REFERRED.match(line.lstrip()):
        return False  # "via the Clerk" in a councillor's contact cell: someone else's office
    lead = len(line) - len(line.lstrip(" •·*-–—"))
    first, last = min(spans), max(spans, key=lambda span: span[1])
    covered = sum(end - start for start, end in spans)
    letters = sum(char.isalnum() for char in line) or 1
    ends_line = line_start + len(line.rstrip(" .,;:")) <= last[1] and len(line.split()) <= _SHORT_TITLE_WORDS
    # A bilingual line, one language's job after a slash ("Rheolwr y Siop / Shop Manager"): the whole line.
    other, slash, translated = line.rpartition(" / ")
    bilingual = bool(slash) and other.strip() and line_start + len(line.rstrip()) <= last[1] \
        and first[0] <= line_start + len(other) + len(slash) and len(translated.split()) <= _SHORT_TITLE_WORDS
    return first[0] - line_start <= lead or ends_line or covered >= 0.5 * letters or bilingual


def _title_like(line: str, *, whole: bool) -> bool:
    text = line.strip()
    if not text or len(text) > _MAX_LINE or _CONTACT_LIKE.search(text):
        return False
    # The job's own element may hold an office's whole remit ("1er adjoint, chargé des travaux, de la voirie et de
    # l'urbanisme").
    if max(len(half.split()) for half in text.split(" / ")) > (_MAX_MARKED_WORDS if whole else _MAX_WORDS):
        return False  # a bilingual line counts per language ("Athrawes Blynyddoedd 3 a 4 / Years 3 & 4 Teacher")
    # A sentence is prose even when it starts with a title ("Director of sales since 2010, she ...").
    return whole or not (text.endswith(".") and len(text.split()) > 3)


def _hit(block: Block, start: int, end: int, *, standalone: bool, line: int, how: str,
         elsewhere: bool = False, weak: bool = False) -> TitleHit:
    text = _PRONOUNS.sub("", strip_post_nominals(block.text[start:end].strip(" ,;:")))  # "… (she/her)"
    mention = Mention(kind=MentionKind.TITLE, text=text, value=" ".join(text.split()),
                      start=block.start + start, end=block.start + end, block_id=block.id, extractor=extractor(how))
    # An image's alt text ("Ortodoncista en Medellín" on a card's photo) yields to any other title near the person.
    return TitleHit(mention=mention, standalone=standalone, line=line, elsewhere=elsewhere,
                    weak=weak or "alt" in block.contexts)


__all__ = ["find_titles", "normalize_title", "classify_title", "TitleClass"]
