"""Names that are not staff: testimonial authors, bylines, quoted speakers, people of other organisations."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache

from ner.dom import Block, PageDom
from ner.layout import previous_text_block
from ner.lexicon import honorifics, is_org_word, load_rows, org_words
from ner.lines import function_words
from ner.names import fold, is_name_suffix

Span = tuple[int, int]

_ATTRIBUTION = re.compile(r"^\s*[—–―-]+\s*")
_QUOTED_THEN_DASH = re.compile(r".{20}[\"”»“][\s.,!?…]*[—–―]\s*(?:[A-Z][a-z]{0,3}\.?\s+)*$", re.DOTALL)
"""A quotation, then an attribution dash before the name, in one block (a long dash: not "Smith-Jones")."""
_QUOTATION = re.compile(r"^\s*[\"“„«‘»]" r".{20,}" r"[\"”“»«’][\s.,!?…]*$", re.DOTALL)
# "… at Globex", "… bei Müller AG", "… chez Renault": the title is held at another organisation.
_AT_ELSEWHERE = re.compile(r"^\s*(?:@|(?:at|from|with|bei|chez|presso|junto a)\s+(?!(?:our|unserem|unserer|notre|"
                           r"nuestra|nuestro|nostro|nostra)\b)\S|en\s+(?:(?:la|el|los|las|le|les)\s+|l['’])?(?-i:[^\W\d_a-zß-ÿ]))",
                           re.IGNORECASE)
"""An organisation named after the title ("at Globex", "bei Müller AG", "en Grupo Arenal"), not "at our Leeds office";
"en" only before a capital: Dutch "eigenaar en beëdigd vertaler" is "and"."""
_IN_FIELD = re.compile(r"(?:\s+in\s+(?:[A-ZÀ-Þ][\w'’-]*\s*(?:(?:and|&)\s+)?){1,4}(?=\s*at\b))?")
"""A job's field before where it is held: " in Palliative Medicine" (then " at …")."""
# "... of", "de", "di", "von" also introduce a title's own function ("Directeur de la publication",
# "Coordinateur de l'atelier"): elsewhere only when an organisation is named.
_OF_ELSEWHERE = re.compile(r"^\s*(?:of|de|du|des|di|del|della|von|van|da|do)\s+\S", re.IGNORECASE)
# "Eleanor Whitcomb (1931–2019)", "Lisa Tromp (former COO, Picnic)": not someone working here now.
_OF_ORGANISATION = re.compile(r"^\s*(?:of|from|at|bei|von|vom|chez|de|du|di|del|van)\s+(?:the\s+)?"
                              r"(?P<org>[^,;.\n]{3,60})", re.IGNORECASE)
_LEGAL_AFTER = re.compile(r",\s*(?:LLC|L\.L\.C\.|Inc|LLP|PLLC|P\.C\.|PC|Ltd|Pty|GmbH)\b")
_FIRM_AFTER = re.compile(r"\s*[,(]\s*(?:[A-ZÀ-Þ][\w'’&-]*\s+){1,4}"
                         r"(?:S\.?r\.?l\.?|srl|S\.?p\.?A\.?|S\.L\.|S\.A\.|SARL|SAS|"
                         r"GmbH|AG|B\.?V\.?|Ltd|LLC|Inc|s\.r\.o\.|[Ss]p\. z o\.o\.|Oy|AB|A/S|d\.o\.o\.|Kft\.)(?!\w)")
"""The firm a person named in a line works for, after a comma or in brackets: ", Privacy Scuole srl", "(IOD24 sp. z
o.o.)"."""
# Not German "Ihre" or Spanish "su": also "your" ("Maria Huber, Ihre Ansprechpartnerin").
_THEIR = re.compile(r"^\s*[,(]\s*(?:their|leur|loro|hun|deres|dess|ich)\s+\w", re.IGNORECASE)
_EXTERNAL_WORDS = "extern|externe|externer|external|externo|externa|esterno|esterna"
"""Words saying an appointee comes from outside ("Datenschutzbeauftragter (extern)")."""
_NOT_CURRENT = re.compile(r"^\s*\(\s*(?:[*†]?\s*\d{4}\s*[–—-]\s*†?\s*\d{4}|[†✝]\s*\d{4}|d\.\s*\d{4}|died|gest\.|"
                          r"former|formerly|ex-|ehemals|ehemalige?r?|ancien|"
                          r"ancienne|antiguo|antigua|ex (?!officio)|previously|retired|im ruhestand|"
                          # an outside appointee: "(vanjski suradnik, GDPR Savjet d.o.o.)", "(external, …)"
                          rf"(?:{_EXTERNAL_WORDS}|vanjsk[ia]|zewnętrzn[ya]|externí|externý)\b)", re.IGNORECASE)
_LEFT = re.compile(r"^[^.;:!?\n]{0,60}?\b(?:(?<!\ba )(?<!\ban )(?<!\()retired|"
                   r"(?<=\()retired(?=\)| (?:in|since|from|as|\d))|"
                   r"passed away|stepped back|stepped down|stood down|until (?:his|her|their) retirement|"
                   r"in den (?:\w+ )?ruhestand|i\.\s?R(?=\.)|"  # "Steuerberater i. R.": im Ruhestand
                   r"im (?:\w+ )?ruhestand|in quiescenza|"
                   r"aus dem \w+ zurückgezogen|zurückgetreten|pris sa retraite|a démissionné|dimitió|"
                   r"resigned (?:in|from|as|at)|"
                   r"partie? à la retraite|en retraite|retirad[oa]|aposentad[oa]|in pensione|"
                   r"se jubiló|jubilad[oa]|andat[oa] in pensione|met pensioen|gick i pension|gikk av med pensjon|"
                   r"gik på pension|van (?:zijn|haar) pensioen|"
                   r"verstorben|décédée?|fallecid[oa]|scompars[oa]|odešl[ai]?|odešel|odišiel|odišla|"
                   r"przeszedł na emeryturę|przeszła na emeryturę|jäi eläkkeelle|nyugdíjba vonult|zemřel[a]?|"
                   r"aposentou-se|se aposentou|pensionierte?|retraitée?|gepensioneerd|emerytowan[ya]|"
                   r"pensjonert|pensionerad|pensioneret|no longer with (?:us|the \w+)|"
                   r"upokojil[a]?|umirovljen[a]?|u mirovinu|penzionisan[a]?|u penziju|s-a pensionat|pensionat[ăa]|"
                   r"jäi pensionile|aizgāja pensijā|išėjo į pensiją|lét af störfum|emekli oldu|emekliye ayrıldı|"
                   r"doli në pension|verliet (?:ons|het bedrijf|het kantoor)|hat uns (?:\w+ )?verlassen|"
                   r"nous a quitté[es]*|a quitté (?:le cabinet|l['’]entreprise|la société)|nos dejó|dejó la empresa|"
                   r"ci ha lasciat[oia]|lämnade oss|forlot oss|forlod os|"
                   r"left (?:the|our) (?:practice|firm|company|business|team|office|partnership|studio|agency)|"
                   r"left (?:us )?in (?:19|20)\d{2}|moved on in (?:19|20)\d{2}|"
                   r"(?:went back|returned) to (?:full-time )?[a-z]+ing in (?:19|20)\d{2})\b",
                   re.IGNORECASE)
"""A sentence going on to say the person has left: "Desmond Quinn FCA retired in 2022", "Josef Brandl hat sich
2022 in den Ruhestand verabschiedet"; not what they are ("our Treasurer is Raj Malhotra, a retired accountant",
"— Board Member (retired reading specialist)")."""
_HELD_UNTIL = re.compile(r"^[^.;:!?\n]{0,80}?\b(?:19|20)\d{2}\s*"
                         r"(?:à|to|until|bis|tot|al|a|till|and|y|e|und|et|en|og|och|–|—|-)\s*"
                         r"(?P<until>(?:19|20)\d{2})\b", re.IGNORECASE)
_UNTIL_YEAR = re.compile(r"^[^.;:!?\n]{0,80}?\b(?:until|till|hasta|bis|jusqu['’]en|fino al|até|tot|do roku|do leta)\s+"
                         r"(?:\d{1,2}[./]\d{1,2}[./])?(?P<until>(?:19|20)\d{2})\b", re.IGNORECASE)
"""A job held until a year or a date in it ("fue socio fundador hasta 2021", "Dirigente fino al 31/08/2025"): past
years only; Czech, Slovak and Polish "do roku", Slovenian "do leta"."""
_POST_NOMINALS = re.compile(r",?\s*(?:[A-Z][\w.]{0,8}[,\s]+){1,3}(?=\()")
"""Letters after a name and before a bracket: ", Q.C. (1931–2018)"."""
_EXTERNAL = re.compile(rf"\((?:{_EXTERNAL_WORDS})\)", re.IGNORECASE)
_EXTERNAL_LABEL = re.compile(rf"\s*[^\n:]{{0,40}}\b(?:{_EXTERNAL_WORDS})\b[^\n:]{{0,40}}:", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[;\n]|\.(?:\s|$)")
_PHRASE_END = re.compile(r"[,;\n]|\.(?:\s|$)")
_UNIT_WORDS = frozenset({"group", "team", "division", "department", "practice", "unit", "desk"})
_LEGAL_FORMS = frozenset({"gmbh", "ltd.", "ltd", "inc.", "inc", "llc", "plc", "pty", "sas", "sarl", "selarl", "eurl",
                          "sasu", "group"})


def is_outsider(dom: PageDom, block: Block, start: int, end: int, line_start: int, company: str | None = None
                ) -> bool:
    """Is the name at ``block.text[start:end]`` a testimonial author, a byline or a quoted speaker?

    Markup says so (blockquote, cite, testimonial/author classes, rel=author), or the text does: an
    attribution dash ("— Derek Lomax"), a cue before the name ("By", "Par", "said Dr."), or a
    quotation just before it.
    """
    if {"testimonial", "byline"} & block.contexts or block.covered(start, end, {"testimonial", "byline"}):
        return True
    before = block.text[line_start:start]
    if _ATTRIBUTION.match(before) and not before.strip(" —–―-"):
        return True
    if _cued(before):
        # "said Andrew Pike, Managing Director of Thornbury Aerospace": the site's own spokesperson.
        return not speaks_for(block.text[end:end + 120], company)
    if _QUOTED_THEN_DASH.search(before):
        return True  # "<p><i>“… Highly recommended.”</i> – Mr. Goh Kok Wah, Director, GKW Engineering</p>"
    if block.heading or "staff" in block.contexts:
        return False
    if before.strip(" —–―-\"“”«»"):
        return False  # the name is inside a sentence of its own, not the attribution of a quote above it
    previous = _previous_text(dom, block, line_start)
    return bool(previous and (_QUOTATION.match(previous) or _cued(previous + " ")))


def held_elsewhere(remainder: str, company: str | None) -> bool:
    """Does the text after a title place it at another organisation ("at Northgate Retail",
    ", Coastal Credit Union")? A place ("Sales Director, EMEA", ", Berlin office") does not, nor the company
    written out (its first distinctive word: ", Lane Community Credit Union" is elsewhere for McKenzie River
    Community Clinic)."""
    if names_company(remainder, company, written_out=True) or _only_company_words(remainder, company):
        return False
    if _EXTERNAL.match(remainder.lstrip()):
        return True  # "Datenschutzbeauftragter (extern)": an outside appointee
    # After the field the job is in ("Consultant in Palliative Medicine at the Mid-West … unit").
    if _AT_ELSEWHERE.match(remainder[_IN_FIELD.match(remainder).end():]):
        return True
    if _OF_ELSEWHERE.match(remainder):  # "of Workforce Programs, Ohio Manufacturing Alliance": to the sentence end
        return names_organisation(_SENTENCE_END.split(remainder, maxsplit=1)[0], capitalised=True)
    if not remainder.lstrip().startswith(","):
        return False
    # Only the phrase right after the comma, when it starts like a name: ", Coastal Credit Union" is an
    # employer; ", looks after tours ... Group organisers can call" is the sentence going on.
    # An organisation word in lower case is a branch of this one ("Physiotherapist, Bedford clinic").
    phrase = _first_phrase(remainder.lstrip()[1:])
    return phrase[:1].isupper() and names_organisation(phrase, capitalised=True) and not _business_lines(phrase)


def _only_company_words(remainder: str, company: str | None) -> bool:
    """Are the capitalised words after a title all words of the company's name ("Técnica Auxiliar de Farmácia" at
    Farmácia Nova da Sé): the kind of place the firm is, not another one?"""
    capitalised = [fold(word) for word in re.findall(r"[^\W\d_]+", remainder) if word[:1].isupper()]
    return bool(capitalised and company) and set(capitalised) <= set(fold(company).split())


def _business_lines(phrase: str) -> bool:
    """Sectors joined by "&" or "and" ("Fintech & Insurance", "Retail and Banking"): what the title covers,
    not an organisation's name, which has a word of its own ("Coastal Credit Union")."""
    parts = [w for w in re.findall(r"[^\W\d_]+", fold(phrase)) if w not in ("and", "und", "et", "y")]
    if not re.search(r"&|\band\b|\bund\b|\bet\b|\by\b", phrase):
        return False
    if parts and parts[-1] in _UNIT_WORDS and not (_LEGAL_FORMS - _UNIT_WORDS) & set(parts):
        return True  # "Forensic & Residential Group", "Tax & Advisory Team": a unit of the firm
    return all(word in org_words() or word in function_words() for word in parts)


def _first_phrase(text: str) -> str:
    """``text`` up to its first comma, semicolon, sentence end or line break, stripped."""
    return _PHRASE_END.split(text, maxsplit=1)[0].strip()


def of_organisation(after: str, company: str | None) -> bool:
    """Text right after a name that places the person at another organisation: "Carla Menke of Menke Insurance
    Group", "Gert Nel of Moonstone Compliance (Pty) Ltd", "Mike Lapp, their account executive", "Giulia Serra,
    Privacy Scuole srl"."""
    if _THEIR.match(after):
        return True  # "Mike Lapp, their account executive": a partner firm's
    if firm_after(after, company):
        return True
    match = _OF_ORGANISATION.match(after)
    # "Julia Menendez of Menendez Estate Law, LLC": a legal form after the comma names a firm too.
    return bool(match and match["org"][:1].isupper()
                and (names_organisation(match["org"]) or _LEGAL_AFTER.match(after, match.end()))
                and not names_company(match["org"], company))


def firm_after(after: str, company: str | None) -> bool:
    """Text right after a name that names the firm the person works for, with its legal form: "Avv. Giulia Serra,
    Privacy Scuole srl – dpo@…"; not the company."""
    firm = _FIRM_AFTER.match(after)
    return firm is not None and not names_company(firm[0], company)


def namesake_firm(name: str, after: str, company: str | None) -> bool:
    """Text right after a name that places the person at a firm named after them, not the company: "Paul Riley of
    Riley Heating & Plumbing", "Trent Walsh of Walsh Electrical"."""
    match = _OF_ORGANISATION.match(after)
    words = name.split()
    if match is None or len(words) < 2:
        return False
    org = match["org"].split()
    return len(org) >= 2 and org[0] == words[-1] and not names_company(match["org"], company)


def under_external_label(text: str, local: int) -> bool:
    """Does ``text`` open with a label saying what follows is an outside appointee's ("Externer
    Datenschutzbeauftragter:<br>Michael Roth, DSB-Consult GmbH<br>Tel. …"), before ``local``?"""
    label = _EXTERNAL_LABEL.match(text)
    return label is not None and label.end() <= local


def marked_external(label: str) -> bool:
    """Does a job label say its holder is an outside appointee ("Datenschutzbeauftragter (extern)")?"""
    return _EXTERNAL.search(label) is not None


def not_current(after: str) -> bool:
    """Text right after a name that says the person is not working here now: a lifespan, "(former ...)",
    "retired in 2022", a job held over a closed span of years ("directeur de 1988 à 2016"); also after the
    name's post-nominals ("Hugh A. Ferrie, Q.C. (1931–2018)")."""
    letters = _POST_NOMINALS.match(after)
    if letters is not None and all(is_name_suffix(word) for word in letters[0].replace(",", " ").split()):
        after = after[letters.end():]
    if _NOT_CURRENT.match(after) or _LEFT.match(after):
        return True
    held = _HELD_UNTIL.match(after) or _UNTIL_YEAR.match(after)
    return held is not None and int(held["until"]) < datetime.date.today().year


def names_organisation(text: str, *, capitalised: bool = False) -> bool:
    """Does ``text`` contain an organisation word (Ltd, GmbH, Union, Foods, University ...)? ``capitalised``:
    written with a capital, as in a name ("Coastal Credit Union", not "our Bedford clinic")."""
    # A compound written with a hyphen is one word as well as its parts ("Tourist-Information").
    words = re.findall(r"\w+", text) + [word.replace("-", "") for word in re.findall(r"\w+(?:-\w+)+", text)]
    if not capitalised:
        return any(is_org_word(fold(word)) for word in words)
    return any(word[:1].isupper() and is_org_word(fold(word)) for word in words)


def affiliated(block: Block, end: int, block_titles: Sequence[Span], company: str | None) -> bool:
    """ "Robert Kim, Chief Data Officer at Meridian Health": someone from another organisation."""
    after = block.text[end:]
    comma = re.match(r"\s*,\s*", after)
    if comma is None:
        return False
    title_start = end + comma.end()
    span = next((s for s in block_titles if s[0] == title_start), None)
    if span is None:
        return False
    remainder = block.text[span[1]:span[1] + 80]
    return held_elsewhere(remainder, company)


def speaks_for(after: str, company: str | None) -> bool:
    """ ", Managing Director of <company>": a quoted person who holds a title at the site's own company."""
    match = re.match(r"\s*,\s*([^,.;:]{2,80}?)\s+(?:of|at|bei|de|chez|di|da)\s+([^,.;:]{2,60})", after)
    return bool(match and names_company(match[2], company))


def names_company(text: str, company: str | None, *, written_out: bool = False, whole: bool = False) -> bool:
    """Does ``text`` name the site's own company (any distinctive word of its name)? ``written_out``: its first
    distinctive word, as a title's tail writes it ("CEO, Pinecrest Analytics"); "(Air Freight)" after a title at
    Meridian Freight is a department. ``whole``: a distinctive word as a word of its own, not inside a compound
    ("Notariatskammer" does not name "Notariat Haslinger", nor "Studio NutriBergamo" the "Farmacia di Bergamo")."""
    if not company:
        return False
    folded = fold(text)
    distinctive = [word for word in fold(company).replace(",", " ").split()
                   if len(word) > 3 and word not in _LEGAL_FORMS]
    if not written_out:
        # Not a word for the kind of body alone: "Somerset Council" is not "Ashcombe Bridge Town Council".
        distinctive = [word for word in distinctive if not is_org_word(word)]
    if written_out:  # the word itself: "prohlídky pivovaru" (brewery tours) does not name "Pivovar Lipová hora"
        # A generic first word needs the next one too: "Técnica Auxiliar de Farmácia" at Farmácia Nova da Sé.
        generic = len(distinctive) > 1 and distinctive[0] in org_words()
        needed = distinctive[:2] if generic else distinctive[:1]
        return bool(needed) and all(_has_word(folded, word) for word in needed)
    if whole:
        return any(_has_word(folded, word) for word in distinctive)
    return any(word in folded for word in distinctive)


def _has_word(text: str, word: str) -> bool:
    """Is ``word`` in ``text`` as a word of its own, not inside a longer one?"""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text) is not None


def _cued(before: str) -> bool:
    """True when the text before a name ends with a byline or quote cue ("By", "said Dr.", "Par")."""
    words = before.split(" ")
    while len(words) > 1 and words[-2].casefold() in honorifics():
        del words[-2]  # "said Dr. Robert Kim": the cue is before the honorific
    lowered = " ".join(words).casefold()
    for cue, kind in _ending_cues(lowered):
        if kind == "quote" or " " in cue:
            return True
        head = lowered[: len(lowered) - len(cue) - 1].rstrip(" :")
        # "By Jane", "Posted on 12 May 2024 by Jane", "News | by Jane" are bylines;
        # "founded in 1998 by Jane" is a sentence.
        segment = re.split(r"[|·•—–]", head)[-1]
        if all(word in _byline_heads() for word in re.findall(r"[^\W\d_]+", segment)):
            return True
    return False


def _ending_cues(lowered: str) -> Iterator[tuple[str, str]]:
    """The cues ``lowered`` ends with, followed by " " or ": " (a cue may follow punctuation: "(por").

    Looked up by the last word's suffixes instead of trying every cue: this runs for each name on a page.
    """
    index = _cue_index()
    for ending in (" ", ": "):
        if not lowered.endswith(ending):
            continue
        tail = lowered[:-len(ending)]
        last = tail.rsplit(" ", 1)[-1]
        for cut in range(len(last)):
            for cue, kind in index.get(last[cut:], ()):
                # Not inside a word: "ESO" does not end with the German quote cue "so".
                if tail.endswith(cue) and not tail[-len(cue) - 1:-len(cue)].isalnum():
                    yield cue, kind


@lru_cache(maxsize=1)
def _cue_index() -> dict[str, tuple[tuple[str, str], ...]]:
    """Byline and quote cues by their last word."""
    index: dict[str, list[tuple[str, str]]] = {}
    for cue, kind in _cues():
        if kind != "byline_head":
            index.setdefault(cue.rsplit(" ", 1)[-1], []).append((cue, kind))
    return {word: tuple(cues) for word, cues in index.items()}


def _previous_text(dom: PageDom, block: Block, line_start: int) -> str:
    if line_start > 0:
        return block.text[:line_start].rstrip("\n").rsplit("\n", 1)[-1]
    previous = previous_text_block(dom, block)
    return previous.text.rsplit("\n", 1)[-1] if previous is not None else ""


@lru_cache(maxsize=1)
def _byline_heads() -> frozenset[str]:
    """Words that may precede "by" on a byline: "posted", "on", month names."""
    return frozenset(cue for cue, kind in _cues() if kind == "byline_head")


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((str(r["text"]).casefold(), str(r["kind"])) for r in load_rows("byline_cues")),
                        key=lambda cue: -len(cue[0])))
