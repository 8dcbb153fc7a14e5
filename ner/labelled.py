"""Lines that name a person after a label or a job: "Geschäftsführer: Dr. Klaus Weber", "Office Manager | Ruth
Baker", a name alone on the line under a label line ("Vertreten durch die Partner:" / "StB Dr. Florian Sommer"), and
names led by a job above them, in a block of its own ("<dt>Presidenta</dt><dd>Elena Castaño</dd>") or a line of
their block ("<td>President<br>Travis Kohl</td>")."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from ner.dom import Block, PageDom
from ner.hits import Scope
from ner.lexicon import load_rows, name_stopwords
from ner.lines import function_phrase, label_only, spans_within
from ner.nameforms import NAME_FIRST, Span, Unit, agrees, name_like, name_then_title, sources, title_then_name
from ner.names import split_honorifics, title_words
from ner.outsiders import marked_external, names_company, names_organisation

_LABEL_FIRST = re.compile(r"^(?P<label>[^:]{2,60}?)\s*:\s*(?P<rest>\S.*)$")
_LONG_LABEL_FIRST = re.compile(r"^(?P<label>[^:–—·,|;]{61,100}?)\s*:\s*(?P<rest>\S.*)$")
_TITLE_FIRST = re.compile(r"^(?P<label>[^–—|:]{2,60}?)\s+[–—|-]\s+(?P<rest>\S.*)$")
_BRACKETED = re.compile(r"\s*\([^()]*\)")
_BOLD_LABEL = re.compile(r"[^\W\d_][^\d@:]{2,58}")
_TITLE_LABEL_MAX = 60
"""Characters of a block that may be nothing but the job of the name under it."""
_NAME_PAIR = re.compile(r"(?P<first>[^,;&]+?)\s+(?:&|and|et|und|y|e|og|och|en|i|a)\s+(?P<second>[^,;&]+)")
_GIVEN_NAME = re.compile(r"[A-ZÀ-Þ][a-zß-ÿ'’-]{2,}")


def label_then_name(block: Block, number: int, start: int, stripped: str, ner: Sequence[Span],
                    block_titles: Sequence[Span], company: str | None, *, heads_block: bool, under_name: bool
                    ) -> Unit | None:
    """A line that is a label or title, then the name: "Geschäftsführer: Dr. Klaus Weber", "Ansprechpartner:
    Lukas Bauer", "Office Manager | Ruth Baker"; or a title glued to the name ("Zimmermeister Thomas Rainer").
    ``number`` is the line's number in its block, ``start`` where ``stripped`` starts in the block's text."""
    end = start + len(stripped)
    labelled = _LABEL_FIRST.match(stripped)
    if labelled is None and (long := _LONG_LABEL_FIRST.match(stripped)) is not None \
            and any(s[0] == start for s in block_titles):
        # A job with its place, one phrase ("Secondo collaboratore e responsabile di plesso Scuola Primaria
        # «G. Marconi»: Ins. Stefano Durante").
        labelled = long
    if labelled is None and (unit := title_then_name(block, start, stripped, ner, block_titles, company,
                                                     heads_block)) is not None:
        return unit
    if labelled is None:
        # "Geschäftsführer – Dr. Stefan Brenner", "Office Manager | Ruth Baker": a title, a dash, the name.
        labelled = _TITLE_FIRST.match(stripped)
        if labelled is None or under_name:
            return None  # under a card's name heading, "Farmacêutica – Dermocosmética e Nutrição" is one job
        if not _title_covered(block_titles, start, labelled["label"]):
            # "Fotball – Geir Lunde, gruppeleder fotball, 41 …": a team or department, then a name with its own job.
            if len(labelled["label"].split()) > 5:
                return None
            unit = name_then_title(block, start + labelled.start("rest"), labelled["rest"], ner, block_titles,
                                   Scope.LINE, company)
            if unit is not None and unit.title is not None:
                return unit
            # "<b>Kantinebeheer</b> – Tjitske Terpstra": a directory's job in bold; not a bold line whole
            # ("<b>ExplicaBraga – Centro de Explicações, Lda.</b>"), nor a group before a name with its own job
            # ("<b>Restaurants, retailers and trade accounts</b> — Greg Schmitt, Wholesale & Trade Accounts").
            rest_start = start + labelled.start("rest")
            named = NAME_FIRST.match(labelled["rest"])
            if not _bold_label(block, start, labelled["label"]) \
                    or block.covered(rest_start, rest_start + 1, {"emphasis"}) \
                    or named is not None and named["sep"].strip() == "," and named["rest"][:1].isupper():
                return None
        if ("title_class" in block.contexts or block.covered(start, end, {"title_class"})) \
                and not agrees(ner, start + labelled.start("rest"), end):
            return None  # the job's own element: "Technical Director – Subsea Integrity" is its area
    rest_start = start + labelled.start("rest")
    label = labelled["label"]
    label_titles = [s for s in block_titles if start <= s[0] and s[1] <= start + len(label)]
    rest = labelled["rest"]
    label_kind = person_labels().get(label.strip().casefold())
    # A department for a label ("Segreteria: Sig.ra Paola Rinaldi") is the person's job, as a title is; so is a
    # bold label before a colon in a directory ("<b>Diseño gráfico y preimpresión:</b> Marta Soriano · …").
    label_job = bool(label_titles) or function_phrase(label) or (
        labelled.re is not _LONG_LABEL_FIRST and label_kind is None and _bold_label(block, start, label))
    unit = name_then_title(block, rest_start, rest, ner, block_titles, Scope.FOLLOWING, company)
    if unit is None:
        rest = rest.strip(" .;,")
        rest_agree = agrees(ner, rest_start, rest_start + len(rest))
        if name_like(rest, rest_start, block_titles, company, lenient=rest_agree):
            unit = Unit(rest_start, rest_start + len(rest), Scope.FOLLOWING, sources(rest_agree))
        elif label_job and (named := NAME_FIRST.match(rest)) is not None:
            # "Director general: Arq. Ricardo Olvera (Cédula ...)", "Gerente: Lic. Héctor Ibarra — h.ibarra@...":
            # under a job label, the name is what comes before the separator.
            name = named["name"].strip()
            name_agree = agrees(ner, rest_start, rest_start + len(name))
            if not name_like(name, rest_start, block_titles, company, lenient=name_agree):
                return None
            # "Education Welfare Officer: Mrs Ann Roberts, Denbighshire County Council, 01824 …": the field after
            # the name is her employer, another organisation.
            field = re.split(r",|\s[–—|·]\s", named["rest"])[0]
            elsewhere = names_organisation(field, capitalised=True) and not names_company(field, company)
            unit = Unit(rest_start, rest_start + len(name), Scope.FOLLOWING, sources(name_agree), external=elsewhere)
        else:
            return None
    # A name followed by its own title ("...: Siobhán Doyle, Director & Chartered Engineer") needs no more.
    if not (label_job or label_kind or "spacy" in unit.sources or unit.title is not None):
        return None
    title = unit.title or ((start, start + len(label.rstrip())) if label_job else None)
    # An Impressum's "Geschäftsführer: X" owns only its line (the lines after it are the company's); a staff
    # entry that starts with "Werkstattleiter: <b>Florian Mair</b>" or "<b>Contralor:</b> C.P. Héctor Morales"
    # is that person's, contact lines and all.
    staff_entry = number == 0 and label_kind != "legal" and (
        "staff" in block.contexts or block.covered(unit.start, unit.end, {"emphasis", "name_class"})
        or block.covered(start, start + len(label.rstrip()), {"title_class"})
        or label_job and block.covered(start, start + len(label.rstrip()), {"emphasis"}))
    scope = Scope.FOLLOWING if label_kind == "contact" or staff_entry else Scope.LINE
    return Unit(unit.start, unit.end, scope, unit.sources | {"label"}, title,
                 unit.external or marked_external(label))


def _bold_label(block: Block, start: int, label: str) -> bool:
    """Is the label at ``start`` a short phrase in bold, as a directory sets a job before a colon or dash?"""
    return _BOLD_LABEL.fullmatch(_BRACKETED.sub("", label)) is not None \
        and block.covered(start, start + len(label.rstrip()), {"emphasis"})


def carried_name(block: Block, start: int, line: str, ner: Sequence[Span], block_titles: Sequence[Span],
                  company: str | None, carried: list[Span | None]) -> Unit | None:
    """A name alone on a line under a label line ("Vertreten durch die Partner:" / "StB Dr. Florian Sommer")."""
    if not carried:
        return None
    stripped = line.strip(" •·*:;,")
    start += len(line) - len(line.lstrip(" •·*:;,"))
    end = start + len(stripped)
    lenient = agrees(ner, start, end) or bool(split_honorifics(stripped)[0])
    if not stripped or not name_like(stripped, start, block_titles, company, lenient=lenient):
        carried.clear()
        return None
    return Unit(start, end, Scope.LINE, frozenset({"structure", "label"}), carried[0])


def label_title(line_start: int, line: str, block_titles: Sequence[Span]) -> list[Span | None]:
    """For a label-only line naming people to come: ``[title span or None]``; else ``[]``."""
    label = label_only(line)
    if label is None:
        return []
    spans = spans_within(block_titles, line_start, line_start + len(line))
    if spans:
        return [spans[-1]]
    return [None] if person_labels().get(label.strip().casefold()) else []


def _title_covered(block_titles: Sequence[Span], start: int, label: str) -> bool:
    """Is ``label`` (at ``start``) mostly a job title?"""
    end = start + len(label.rstrip())
    covered = sum(max(0, min(end, e) - max(start, s)) for s, e in block_titles)
    return covered >= 0.7 * max(len(label.strip()), 1)


@lru_cache(maxsize=1)
def person_labels() -> dict[str, str]:
    """Labels that introduce a person ("Ansprechpartner", "Vertreten durch") -> ``contact`` or ``legal``."""
    return {str(row["label"]).casefold(): str(row["kind"]) for row in load_rows("person_labels")}


def led_pair(block: Block, line_start: int, line: str, ner: Sequence[Span], block_titles: Sequence[Span],
              company: str | None) -> list[Unit]:
    """Two names joined by "and" on the first line under a job ("<dt>Accueil</dt><dd>Inès Ferreira et Thomas
    Girard</dd>") or heading a card ("<p><b>Leanne Dwyer & Tomasi Vea</b></p><p><i>Packing Shed
    Supervisors</i></p>"): both hold it."""
    match = _NAME_PAIR.fullmatch(line.strip())
    if match is None:
        return []
    offset = line_start + len(line) - len(line.lstrip())
    units = []
    for group in ("second", "first"):
        start, end = offset + match.start(group), offset + match.end(group)
        agree = agrees(ner, start, end)
        if name_like(match[group], start, block_titles, company, lenient=agree):
            units.insert(0, Unit(start, end, Scope.REGION, sources(agree)))
        elif group == "first" and units and _GIVEN_NAME.fullmatch(match[group]) \
                and match[group].casefold() not in title_words() | name_stopwords() \
                and len(match["second"].split()) >= 2:  # not "Styret i Skarvik IL" (the board of a club)
            # "Declan & Maura Foley": a couple sharing the family name written once.
            family = match["second"].split(maxsplit=1)[1]  # "Riaan & Marguerite du Toit": particles and all
            units.insert(0, Unit(start, end, Scope.REGION, sources(agree), family=family))
        else:
            return []
    return units


def under_title_line(block: Block, number: int, block_titles: Sequence[Span]) -> bool:
    """Is line ``number`` the second of its block, under a first line that is nothing but a job ("Registrar")?"""
    return number == 1 and _only_a_job(block.text.partition("\n")[0], block_titles)


def title_led(dom: PageDom, titles: Mapping[int, Sequence[Span]]) -> set[int]:
    """Blocks right after a block that is nothing but a job title (an ``<h3>Kassenwartin</h3>`` or
    ``<dt>Presidenta</dt>`` above the name), and a definition under its term: their first line is presented as
    the holder's name."""
    led: set[int] = set()
    previous = None
    for block in dom.blocks:
        if not block.text:
            continue
        # A <dd> under its <dt> is led however the term is worded ("<dt>Régisseur des œuvres</dt>").
        if previous is not None and not previous.boilerplate and len(previous.text) <= _TITLE_LABEL_MAX and (
                _only_a_job(previous.text, titles.get(previous.id, ())) or (previous.tag, block.tag) == ("dt", "dd")):
            led.add(block.id)
        previous = block
    return led


def _only_a_job(text: str, spans: Sequence[Span]) -> bool:
    """Is ``text`` (a block or its first line, ``spans`` its title spans) short and nothing but a job?"""
    covered = sum(min(end, len(text)) - start for start, end in spans if start < len(text))
    return len(text) <= _TITLE_LABEL_MAX and covered >= 0.7 * len(text.strip(" :"))
