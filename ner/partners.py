"""Partner firms, suppliers and referrals: the people and numbers a page gives for another organisation."""

from __future__ import annotations

import re
from functools import lru_cache

from ner.dom import Block, PageDom
from ner.lexicon import is_body_word, is_org_word, load_rows
from ner.names import fold, is_honorific, looks_like_person_name, strip_honorifics, title_words
from ner.outsiders import names_company, names_organisation
from ner.phones import phone_label_pattern

_CONTACT_WORDS = (r"call|contact|ring|phone|text|ask for|speak (?:to|with)|talk to|get in touch with|"
                  r"book(?: directly)? with|check with|reach|e-?mail|write to|appelez|contactez|contacter|appeler|"
                  r"joindre|rufen sie|kontaktieren(?: sie)?|anrufen|erreichen|erreichbar|wenden sie sich an|"
                  r"ansprechpartner|llame a|llamar(?: a)?|contacte(?: a)?|contactar(?: con)?|chiamate|chiamare|"
                  r"contattare|referente|bel|bellen|contact opnemen|bereikbaar|contactpersoon|ring til|ringe|"
                  r"kontakta|soita|zadzwoń do|ligue para|ligar|kontaktní osoba|osoba kontaktowa|spør(?:re)? etter|"
                  r"fråga efter|spørg efter|vraag naar|fragen sie nach|chiedete di|pregunte por|demandez")
"""Words inviting the reader to contact someone, or naming the contact person ("Referente: Silke …")."""
_FIRM_THEN_NAME = re.compile(r"(?:^|[:;.–—]\s+)(?:[A-ZÀ-Þ][\w&'’.-]*(?:\s+(?:[A-ZÀ-Þ][\w&'’.-]*|&|de|des|du|di|del|"
                             r"van|von|of|the|and|y|e)){1,5})\s*,\s*$")
"""A firm's name of two to six capitalised words opening a sentence or following a label, then a comma, then the name
("Republic of Ireland: Keogh Industrial Supplies, Brendan Keogh, tel. …")."""
_GIVEN_FOR = re.compile(rf"(?:[(–—]|\s-|\b(?:{_CONTACT_WORDS}|go(?:es)? to|(?:their|hun|deres|leur|leurs)"
                        rf"(?:\s+[a-zß-ÿ]+){{0,3}})\s*:?)\s*$", re.IGNORECASE)
"""What introduces a name that a number right after it is given for: "(Beat Schnetzler, +41 …)", "call Donald
Grant on 07712 …", "– Linda Torres, (503) …", "Contact: Geert Vanneste, 0475 …", "bij hun accountmanager Pieter
Goossens, 03 …"."""
_NUMBER_LEAD = re.compile(r"(?:\s*[,:(]|\s+(?:on|at|unter|au|al|op|på|na|pod|am|ao|no)\b)\s*$", re.IGNORECASE)
_WORD = re.compile(r"[^\s(–—]+")
_LETTERS = re.compile(r"(?<![\w.])[^\W\d_]+")
_OF_ORGANISATION = re.compile(r"\s+(?:of|at|from|von|van|bei|chez|hos|fra)\s+(?:the\s+)?[A-ZÀ-Þ][\w'’&.-]*"
                              r"(?:\s+(?:&\s+)?[A-ZÀ-Þ][\w'’&.-]*){0,5}(?:\s+directly)?\s*,?\s*\(?\s*$")
"""A person's organisation between their name and their number: " of Southside Building Certification, ",
" at Skyway directly ("."""
_FIRM_AFTER_NAME = re.compile(r",\s*(?P<firm>[A-ZÀ-Þ][\w'’&.-]*(?:\s+[A-ZÀ-Þ][\w'’&.-]*){1,4})\s*,?\s*$")
"""A person's organisation, two to five capitalised words, between their name and their number."""
_ACRONYM_WORD = re.compile(r"\b[A-ZÀ-Þ]{2,5}\b")
_JOB_BETWEEN = re.compile(r",\s*(?P<job>[^\W\d_][^,()\d]{2,50}?)\s*,?\s*$")
"""A job between a person's name and their number: ", Care Coordinator, "."""


def named_before(text: str, *, bracketed: bool = False) -> str | None:
    """The person a phone number ending ``text`` is given for, in running text: "... in Zusammenarbeit mit
    Schnetzler Ingenieure GmbH (Beat Schnetzler, " gives "Beat Schnetzler". None when the number follows no
    name, or follows one that nothing introduces as a contact (a bracket before the name or the number, a
    dash, "call"), or when the text before is a label line rather than a sentence ("Empfang – Maria Huber, ").
    ``bracketed``: the number is written in brackets ("Dumont (02 640 11 22)")."""
    full = text[text.rfind("\n") + 1:]
    line = _before_number(full)
    bracketed = bracketed or "(" in full[len(line):]  # "notamment Maître Pierre Dumont (tél. 02 640 …"
    of = _OF_ORGANISATION.search(line)
    if of is not None and (named := _prose_name_before(line[:of.start()], prose=len(of[0].split()) < 3)):
        # "usually Kylie Hebden of Southside Building Certification, 07 …", "Hypotheekadvies: Dirk Smeets van
        # Domstad Hypotheken, 06 …": given for them
        return named
    job = _JOB_BETWEEN.search(line)
    if job is not None and any(word in _roles() for word in fold(job["job"]).split()) \
            and (named := _prose_name_before(line[:job.start()])):
        return named  # "Our liaison there is Paula Wentzell, Care Coordinator, 902-…"
    words = list(_WORD.finditer(line))[-5:]
    for first in range(len(words)):
        candidate = line[words[first].start():words[-1].end()]
        if not looks_like_person_name(candidate):
            continue
        head = line[:words[first].start()]
        cue = re.search(r"(?:[(–—]|\s-)[^()–—]{0,25}$", head)
        if _FIRM_THEN_NAME.search(head):
            return strip_honorifics(candidate)  # "Kayak des Dunes, Tristan Léon, 06 …": given for the firm's person
        if not (bracketed or _GIVEN_FOR.search(head) or cue and len(cue[0].split()) <= 3):
            return None
        return strip_honorifics(candidate) if _reads_as_prose(head[:cue.start()] if cue else head) else None
    return None


def firm_after_name(text: str, company: str | None) -> bool:
    """Does a person's organisation, not the company, stand between their name and the number ending ``text``
    ("Externe vertrouwenspersoon: mevr. Ria Hendriks, GGD Gelderland-Midden, tel. ", "aut. kloakmester Jesper Lund,
    Lund Entreprise ApS, tlf. ")? Then the number is theirs."""
    line = _before_number(text[text.rfind("\n") + 1:])
    firm = _FIRM_AFTER_NAME.search(line)
    # Not the person's job ("Jane Doe, HR Manager, 0161 …").
    return firm is not None and (names_organisation(firm["firm"]) or _ACRONYM_WORD.search(firm["firm"]) is not None) \
        and title_words().isdisjoint(fold(firm["firm"]).split()) \
        and not names_company(firm["firm"], company, written_out=True) \
        and _prose_name_before(line[:firm.start()], prose=False) is not None


def _reads_as_prose(text: str) -> bool:
    """Is ``text`` running prose (three words or more, two of them lowercase), not a label ("Empfang – ")?"""
    words = _LETTERS.findall(text)
    return len(words) >= 3 and sum(word[0].islower() for word in words) >= 2


def _before_number(line: str) -> str:
    """``line`` without what stands between a name and the number after it: ", tel. ", " on ", ": "."""
    while True:
        shorter = _NUMBER_LEAD.sub("", line)
        label = _number_label_at_end(shorter)
        shorter = shorter[:label] if label is not None else shorter
        if shorter == line:
            return line
        line = shorter


def _number_label_at_end(text: str) -> int | None:
    """Where a phone label ending ``text`` starts ("..., tel. "), if one does."""
    stripped = text.rstrip(" .:")
    match = None
    for match in phone_label_pattern().finditer(stripped):
        pass
    return match.start() if match is not None and match.end() == len(stripped) else None


def _prose_name_before(text: str, *, prose: bool = True) -> str | None:
    """The person's name ending ``text``, when a sentence of prose leads to it (``prose``) or anything does."""
    words = list(_WORD.finditer(text))[-4:]
    for first in range(len(words)):
        candidate = text[words[first].start():].strip()
        if looks_like_person_name(candidate):
            return strip_honorifics(candidate) if not prose or _reads_as_prose(text[:words[first].start()]) else None
    return None


def partnered(text: str, start: int) -> bool:
    """Does the sentence before the name at ``start`` place it at a partner firm, a supplier or a referral
    ("Les actes sont passés chez nos partenaires notaires, notamment Maître …", "em parceria com a …"), or a
    label opening the paragraph ("Samarbetspartners: Hovslagare … Veterinärvård: Hästkliniken Uppsala, 018-…")?"""
    if _partner_cues().search(text, sentence_start(text, start), start) is not None:
        return True
    label = _OPENING_LABEL.match(text)
    return label is not None and label.end() <= start and _partner_cues().search(label["label"]) is not None



def partnered_before(text: str, start: int) -> bool:
    """Is the name at ``start`` one to contact in the sentence right after one about a partner firm ("… operated by
    our partner Bohol Countryside Tours. Book directly with Ms. Jenny Lagura, …", "Wij werken samen met Fietsplan
    Direct. Uw werkgever kan contact opnemen met accountmanager Jeroen Smit")?"""
    sentence = sentence_start(text, start)
    if sentence <= 1 or _CONTACT_INVITE.search(text, sentence, start) is None \
            or _OUR_DESK.search(text, sentence, start) is not None:
        return False  # not "Kunden erreichen unsere Störungsstelle unter 0561 …": the company's own desk
    previous = sentence_start(text, max(0, sentence - 2))  # before the full stop ending that sentence
    return _partner_cues().search(text, previous, sentence) is not None


def introduced_as_others(text: str, start: int, company: str | None) -> bool:
    """Is the name at ``start`` introduced as another organisation's in its own sentence: "their dispatcher, Earl
    Whitney", "Harbour Fresh Wholesale, whose depot manager Gary Pickering", after a label naming another body
    ("Federation of Rowing Clubs: chair Ann Roe")? Then the person and their number are that organisation's."""
    before = text[sentence_start(text, start):start]
    if _THEIR_ROLE.search(before):
        return True
    held = _ORGANISATIONS_ROLE.search(before)
    if held is not None and is_org_word(fold(held["org"])) and not names_company(held["org"], company, whole=True):
        return True  # "Evaluation requests can go to the cooperative's director, Kyle Unruh"
    # "Asociación de Remo de Valdivia: presidente Sr. Jorge Vera": that body's officer; not a job for a label
    # ("Council Chairman: Deacon Yaw Boateng").
    label = _BODY_LABEL.match(before)
    if label is not None and _other_body(label["body"], company) and not _names_a_job(label["body"]):
        return True
    # "NGU county coach Sarah Brannigan": a body's initials, then a job held there.
    acronym = _ACRONYM_ROLE.search(before)
    if acronym is not None and fold(acronym["job"]).split()[-1] in _roles() \
            and not _initials_of(acronym["body"], company):
        return True
    whose = _WHOSE_ROLE.search(before)
    if whose is None:
        return False
    owner = _CAPITALISED_RUN.search(before, max(0, whose.start() - 80), whose.start())
    while owner is not None and owner.end() < whose.start() - 2:  # the run right before ", whose"
        owner = _CAPITALISED_RUN.search(before, owner.end(), whose.start())
    # A job after "whose" ("whose depot manager"), not a relative ("Jane Doe, whose son Tom Doe runs the shop").
    job = any(word in title_words() for word in fold(whose[0]).split())
    return job and owner is not None and not names_company(owner[0], company)


def names_other_organisation(text: str, start: int, company: str | None, given: frozenset[str] = frozenset()
                             ) -> bool:
    """Does the sentence before a number at ``start`` name an organisation other than the company ("Eastern
    states: Bibendum Wine Co., Sydney, phone (02) …", "performed at Samaritan Imaging Services (scheduling …)")?
    Then the number is that organisation's. Not a job title, nor when one of the ``given`` names of the people
    here follows the organisation."""
    begin = sentence_start(text, start)
    sentence = text[begin:start]
    if begin > 1 and _number_label_at_end(sentence) == 0 and _firm_in_prose(
            text[sentence_start(text, begin - 2):begin], company):
        # "… håndteres af Midtjysk Vandadministration ApS, Søndergade 18, 8660 Skanderborg. Telefon 87 93 50 20": a
        # label alone goes on the sentence before it, which names another firm.
        return True
    if _reached_at_organisation(sentence, company) or _place_and_kind_before(sentence, company):
        return True
    # In a label without prose ("Dolomia Spa: 0462 …") an organisation word may be the firm's own desk; a legal
    # form ("Singapore: Harbourfront Shipping Pte Ltd – Mr. Kenneth Goh, +65 …") or another kind of body
    # ("Federación Chilena de Remo: +56 …") is another's all the same.
    # Or the sentence goes on after the number ("… Medical Centre (03 6225 1190) runs a clinic with Raj").
    prose = _PROSE_WORD.search(sentence) is not None or _GOES_ON.match(text, start) is not None
    for run in _CAPITALISED_RUN.finditer(sentence):
        if _HOUSE_NUMBER.search(sentence, max(0, run.start() - 8), run.start()):
            continue  # a street after its house number ("21 Richefond Circle"), not a body
        # "zastupuje firma Nápoje Dvořák s.r.o., kontaktní osoba …": a legal form after the name makes it a firm's.
        legal = _legal_form(sentence, run)
        body = _other_body(run[0], company)
        if (prose or legal or body) \
                and (legal or names_organisation(run[0], capitalised=True) or _firm_noun_before(sentence, run)) \
                and (body or not _firm_names_company(run[0], company, legal=bool(legal))) \
                and not _names_a_job(run[0]):  # "Operations & Retail Director: …"
            # Not when a colleague's given name follows ("im Restaurant Seeblick erreichen Sie Matteo unter …").
            return given.isdisjoint(fold(sentence[run.end():]).split())
    # A body named as Slavic languages write it, its kind in lower case after a capitalised adjective ("Turistička
    # zajednica Grada Novigrada, tel. …"), that the company's name lacks.
    own = set(fold(company).split()) if company else set()
    return any(is_body_word(kind) and kind not in own
               for kind in (fold(match[1]) for match in _ADJECTIVE_AND_KIND.finditer(sentence)))


def _place_and_kind_before(sentence: str, company: str | None) -> bool:
    """Is the number given right after a place and a lowercase kind of organisation ("Vindelns hälsocentral, tel.",
    "Moskenes legekontor, 76 …", "Radiološki centar Split (tel.")? Then it is that organisation's."""
    tail = sentence[-80:]
    match = _PLACE_AND_KIND.search(tail)
    # Not a label opening its sentence, the firm's own desk or branch ("Visitor centre: 01343 …", "Réservations
    # restaurant : …", "Te Aroha clinic: 07 …").
    opened = match is not None and ":" in match[0] and not _LOWER_WORD.search(tail[:match.start()])
    # The company's own only when its name has that kind too ("Birštono turizmo informacijos centras" at the
    # Birštono library shares the place alone).
    return match is not None and not opened and is_org_word(fold(match["kind"])) \
        and not (names_company(match[0], company) and fold(match["kind"])[:5] in fold(company or ""))


def _initials_of(acronym: str, company: str | None) -> bool:
    """Are the capitals the company's initials or a word of its name ("TMGC" for Tynedale Moor Golf Club)?"""
    if not company:
        return False
    words = [word for word in re.findall(r"[^\W\d_]+", company) if word[:1].isupper()]
    return acronym in ("".join(word[0] for word in words), *words) or names_company(acronym, company, whole=True)


def _firm_names_company(run: str, company: str | None, *, legal: bool) -> bool:
    """Does a capitalised run name the company? A firm with its legal form must name it as its own name is written
    ("Bergbahnen Malbun AG" is not the "Skischule Malbun", though both bear the village's name)."""
    return names_company(run, company, written_out=True) if legal else names_company(run, company, whole=True)


def _names_a_job(text: str) -> bool:
    """Does ``text`` end in a job noun ("Operations & Retail Director", "Council Chairman"), or name a job of a body
    ("Chair of Council", "Secretary to the Board")? Then it is a title."""
    words = fold(text).split()
    return words[-1] in _roles() or len(words) > 2 and words[0] in _roles() and words[1] in ("of", "to")


def _other_body(run: str, company: str | None) -> bool:
    """Does a capitalised run start or end with a word for a body (association, federation, chamber, court) that
    the company's name lacks ("Federación Chilena de Remo" at the Club de Remo Calle-Calle, "Notariatskammer für
    Oberösterreich" at the Notariat Haslinger, "Greenbank PTA")? Then it names another body, whatever words it
    shares with the company. Not a firm's word, which may be the firm's own desk ("Kanzlei Hahn, Bamberg, Tel. …",
    "Studio Manchester:"), nor a body word inside ("Church Council Chairman: …" at a church)."""
    words = fold(run).replace("-", "").split()  # "Tourist-Information Rudolstadt"
    own = set(fold(company).replace("-", "").split()) if company else set()
    # Or second, after an adjective ("Gminny Ośrodek Pomocy Społecznej", "Powiatowy Urząd Pracy").
    return any(is_body_word(word) and word not in own for word in {*words[:2], words[-1]})


def joined_number_start(text: str, start: int) -> int:
    """Where the first of the numbers joined to the one at ``start`` begins ("041 365 2270 or 082 559 0147",
    "0175 21 33 / 0175 21 34"): the text before it says whose both are."""
    while (joined := _JOINED_NUMBER.search(text, max(0, start - 60), start)) is not None:
        start = joined.start()
    return start


def theirs_after(text: str, end: int) -> bool:
    """Does the sentence go on to say the number is someone else's ("(902-497-2281 is their main line)")?"""
    return _THEIRS_AFTER.match(text, end) is not None


def _firm_in_prose(sentence: str, company: str | None) -> bool:
    """Does a sentence of prose name a firm by its legal form, not the company?"""
    return _PROSE_WORD.search(sentence) is not None and any(
        _legal_form(sentence, run) and not names_company(run[0], company)
        for run in _CAPITALISED_RUN.finditer(sentence))


def _legal_form(sentence: str, run: re.Match[str]) -> bool:
    """Does the capitalised run carry a legal form, in it or right after it ("Bergbahnen Malbun AG", "Harrow
    Freight, Inc.", "AQUA-SERWIS Sp. z o.o.", a form the run ends inside)?"""
    legal = _LEGAL_FORM.search(sentence, run.start(), run.end() + 12)
    return legal is not None and legal.start() <= _COMMA_SPACE.match(sentence, run.end()).end()


def _firm_noun_before(sentence: str, run: re.Match[str]) -> bool:
    """Is the run introduced as a firm ("przyjmuje firma AQUA-SERWIS", "die Firma Gerüstbau Schmid")?"""
    return _FIRM_NOUN.search(sentence, max(0, run.start() - 12), run.start() + 7) is not None


_OUR_DESK = re.compile(r"(?<!\w)(?:our|onze|unser(?:e[nmrs]?)?|notre|nos|nuestr[oa]s?|il nostro|la nostra|vores|"
                       r"vår[te]?)\s+[^\W\d_]*(?:dienst|desk|office|line|team|kontor|büro|stelle|service|servicio|"
                       r"servizio|afdeling|hotline)\b", re.IGNORECASE)
"""The company's own desk named in the sentence: "unsere Störungsstelle", "onze storingsdienst", "our service desk"."""
_COMMA_SPACE = re.compile(r",?\s*")
_HOUSE_NUMBER = re.compile(r"(?<![\d.,:/-])\d{1,5}[a-zA-Z]?,?\s+$")
"""A house number right before a street's name ("21 Richefond Circle")."""
_FIRM_NOUN = re.compile(r"(?<!\w)(?:firma|firmy|firmu|firmě|ditta|Firma(?= [A-ZÀ-Þ]))\s+(?-i:[A-ZÀ-Þ])", re.IGNORECASE)
"""A word for a firm before its name: Polish and Czech "firma", Italian "ditta", German "die Firma"."""
_JOINED_NUMBER = re.compile(r"\+?\(?\d[\d\s().\-/]{5,}\d\)?\s*(?:,|/|or|oder|ou|o|of|eller|tai|lub|nebo|vagy|ili)\s*$")
_THEIRS_AFTER = re.compile(r"\)?\s*(?:is|are)\s+(?:their|its)\s", re.IGNORECASE)
_BODY_LABEL = re.compile(r"\s*(?P<body>[A-ZÀ-Þ][^:–—\n]{2,80}?)\s*(?::|\s[–—])\s")
"""A label before a name that names a body: "Asociación de Remo de Valdivia: presidente Sr. "."""
_QUOTED_NAME = re.compile(r"\s*[„“\"«][^”“\"»]{1,60}[”“\"»]")
_ADDRESS_ONLY = re.compile(r",\s*\d{1,4}[a-z]?,?\s+(?:[A-ZÀ-Þ][\w'’.-]*\s*){1,4}")
"""A street address after a name: ", 22 Rhosmaen Street"."""
_AT_NAMED = re.compile(r"(?<!\w)(?:(?:at|with|from|via|hos|bei|bij|chez|presso)\s+"
                       r"(?:(?:the|der|dem|de|het|la|le|les|el|il|lo|l')\s*)?(?P<org>(?:[A-ZÀ-Þ][\w'’&.-]*\s+){0,4}"
                       r"[A-ZÀ-Þ][\w'’&.-]*)\s*[,:(–—-]?\s*(?:[^\W\d_]{1,6}\.?:?\s*)?\(?|"
                       r"(?:call|ring|contact|phone)\s+(?:the\s+)?"
                       r"(?P<called>(?:[A-ZÀ-Þ][\w'’&.-]*\s+(?:(?:of|and|for)\s+)?){0,7}[A-ZÀ-Þ][\w'’&.-]*)"
                       r"(?:\s+directly)?\s+(?:at|on)\s*)\s*$")
""""call SaskPower at", "Färjebokning hos Destination Gotland, 0771 …", "bookes via Lofoten Hvalsafari (": a
name right before the number, after a word that says the number is reached there."""
_ACRONYM_DESK = re.compile(r"(?<!\w)the\s+(?P<body>[A-Z]{2,6})\s+(?:office|helpline|hotline|desk|switchboard)\s+"
                           r"(?:on|at)\s*$")
"""Another body's office by its initials, right before the number: "the NGU office on "."""
_LOWER_WORD = re.compile(r"(?<![\w-])[a-zß-ÿ]{2,}")
_PLACE_AND_KIND = re.compile(r"(?<![\w-])[A-ZÀ-Þ][\w'’-]+\s+(?:[a-zß-ÿ][\w-]+\s+){0,2}(?P<kind>[a-zß-ÿ][\w-]{3,})"
                             r"(?:\s+[a-zß-ÿ][\w-]+)?(?:\s+[A-ZÀ-Þ][\w'’-]+)?"
                             r"\s*(?:[,:(]\s*)?(?:(?i:tel|tlf|tfn|puh|tél|telefon|phone)\.?:?\s*)?$")
_CAMEL_OR_ACRONYM = re.compile(r"[A-ZÀ-Þ]{2,}|[a-zß-ÿ][A-ZÀ-Þ]")
_PLACE_WORDS = frozenset({"street", "st", "road", "rd", "avenue", "ave", "lane", "drive", "square", "straße",
                          "strasse", "weg", "platz", "rue", "via", "calle", "office", "branch", "reception",
                          "whatsapp", "signal", "telegram", "viber", "wechat", "skype", "teams", "zoom", "sms"})
"""Not another body: a street, the firm's own office, a messaging app ("via WhatsApp: 06 …")."""


def _reached_at_organisation(sentence: str, company: str | None) -> bool:
    """Is the number reached at a named body other than the company, named right before it ("To report a downed
    line, call SaskPower at 310-2220", "Färjebokning hos Destination Gotland, 0771-22 33 00")? Not a person
    ("with Greg Landry, 410 …" is read by the people rules), a street, an office of the firm or the company."""
    desk = _ACRONYM_DESK.search(sentence[-80:])
    if desk is not None and not _initials_of(desk["body"], company):
        return True  # "Enquiries to the NGU office on 0191 …" at a golf club: the county union's office
    match = _AT_NAMED.search(sentence[-120:])
    if match is None:
        return False
    org = (match["org"] or match["called"]).strip(" .")
    words = org.split()
    # A street, an office or an app, unless it is another body's ("the Diocese of Worcester Office of Healing").
    place = "of" not in words and any(fold(word) in _PLACE_WORDS for word in words)
    if looks_like_person_name(org) or is_honorific(words[0]) or place \
            or _firm_names_company(org, company, legal=_LEGAL_FORM.search(org) is not None) \
            or fold(words[-1]) in _roles():
        return False
    return len(words) >= 2 or _CAMEL_OR_ACRONYM.search(org) is not None


def bracketed_after_organisation(text: str, start: int, company: str | None) -> bool:
    """Is the name at ``start`` in a bracket opened right after another organisation's name ("drawn on site by
    Coastal Pathology Laboratories (branch manager Mr Devan Naidoo, 031 …)")? Then the person is that
    organisation's."""
    opening = text.rfind("(", max(0, start - 60), start)
    if opening < 0 or ")" in text[opening:start]:
        return False
    # Right before the bracket (its legal form's dot is no sentence end).
    firm = _NAME_WITH_LEGAL_FORM.search(text, max(0, opening - 80), opening)
    if firm is not None and not names_company(firm[0].split()[0], company):  # not by the shared "ehf."
        return True
    before = text[max(sentence_start(text, opening), opening - 80):opening].rstrip()
    for run in _CAPITALISED_RUN.finditer(before):
        # Right before the bracket, or a firm with a legal form earlier in the sentence ("wird von der Revisia AG,
        # Sursee, geprüft (Mandatsleiter: Herr Markus Fölmli, …)").
        legal = _LEGAL_FORM.search(run[0]) is not None
        # Right before the bracket, or before its street address ("Tywi Pharmacy, 22 Rhosmaen Street (pharmacist …").
        # Or before its name in quotes ("Asociația de Părinți „Prietenii Școlii” (președinte: …").
        adjacent = run.end() == len(before) or _ADDRESS_ONLY.fullmatch(before, run.end()) is not None \
            or _QUOTED_NAME.fullmatch(before, run.end()) is not None
        # Another body whatever words it shares with the company ("The Stoke Garden Circle (convenor …" at the
        # Kowhai Garden Centre).
        if (legal or adjacent and names_organisation(run[0], capitalised=True)) \
                and (not names_company(run[0], company) or _other_body(run[0], company)):
            return True
    return False


@lru_cache(maxsize=1)
def _roles() -> frozenset[str]:
    """Job nouns of the title lexicon ("director", "manager"), casefolded: a run ending in one is a title."""
    return frozenset(str(row["text"]).casefold() for row in load_rows("titles") if row["kind"] in ("role", "abbr"))


_ABBREVIATIONS = frozenset({"no.", "nr.", "nos.", "lic.", "reg.", "tel.", "ext.", "co.", "coop.", "inc.", "ltd.",
                            "corp.", "ave.", "st.", "mt.", "e.g.", "i.e.", "vs.", "approx.", "dept.", "ehf.", "hf.",
                            "(pty).", "prop.", "(prop.", "iur.", "oec.", "phil.", "rer.", "nat.", "pol.", "publ.",
                            "techn.", "dent.", "vet."})
"""Words whose full stop ends no sentence ("PRC Real Estate Broker Lic. No. 0012345", "(Prop. Mr. Ganesh Kale)", the
parts of a degree before a name: "lic. iur. Corinne Meier", "Dr. rer. nat.")."""


def sentence_start(text: str, start: int) -> int:
    """Where the sentence holding ``text[start]`` starts (an abbreviation's or honorific's full stop ends none)."""
    window = max(0, start - _SENTENCE_WINDOW)  # a sentence is shorter; a 10 MB text node is not read whole per name
    return 1 + max([text.rfind("\n", window, start), window - 1,
                    *(m.end() - 1 for m in _SENTENCE_BREAK.finditer(text, window, start + 1)
                      if not _abbreviation(text[text.rfind(" ", window, m.start()) + 1:m.start() + 1]))])


def _abbreviation(word: str) -> bool:
    bare = word.lstrip("(")  # "(Ldo. Enric Pons …": an honorific opening a bracket; "(Pty)." is listed whole
    return is_honorific(bare) or word.casefold() in _ABBREVIATIONS or bare.casefold() in _ABBREVIATIONS


def partner_sections(dom: PageDom) -> set[int]:
    """Ids of the blocks under a heading that names partner firms ("Nos partenaires réguliers",
    "Unsere Kooperationspartner"): the people listed there work elsewhere. The section ends at the next
    heading as big, or where the page leaves the element holding the heading (the footer after it)."""
    inside: set[int] = set()
    stack: list[tuple[int, str | None]] = []  # (level, element holding a partner heading's section) above
    for index, block in enumerate(dom.blocks):
        # A short paragraph all in bold heads a section too on older sites ("<p class=subhead><b>Authorised
        # Distributors</b></p>"), below every real heading.
        level = block.heading or (_BOLD_HEADING if _bold_heading(block) else 0)
        if level:
            while stack and stack[-1][0] >= level:
                stack.pop()
        if any(holder is not None and block.path.startswith(holder) for _level, holder in stack):
            inside.add(block.id)  # a name heading a partner's card sits under the section's heading too
        if level:
            stack.append((level, _section_holder(dom, index) if _partner_heading(block) else None))
        elif block.text.rstrip().endswith(":") and (holder := _introduced_list(dom, index)) is not None \
                and _partner_cues().search(block.text):
            # A sentence introducing a list of partners ("… arbeiten wir mit festen Partnern zusammen:"): the
            # list right after it is theirs, not what follows the list.
            stack.append((_INTRO_LEVEL, holder))
    return inside


def under_furniture_partner_heading(dom: PageDom, index: int) -> bool:
    """Is the footer or sidebar block at ``index`` under a heading of its own that names others' numbers
    ("<h4>Court Links</h4><p>Chancery Court Clerk & Master: (615) …")?"""
    for block in reversed(dom.blocks[max(0, index - _FURNITURE_REACH):index]):
        if block.heading or _bold_heading(block):
            return block.boilerplate and _partner_heading(block)
    return False


def _introduced_list(dom: PageDom, index: int) -> str | None:
    """The path prefix of the list or table right after the block at ``index``, if one follows."""
    following = next((b for b in dom.blocks[index + 1:index + 20] if b.text), None)
    if following is None or following.tag not in _LIST_TAGS:
        return None
    return following.path.rsplit("/", 2 if following.tag == "td" else 1)[0] + "/"  # a cell: the rows' parent


def _bold_heading(block: Block) -> bool:
    text = block.text.strip()
    return 0 < len(text.split()) <= _PARTNER_HEADING_WORDS and "\n" not in text \
        and not any(char.isdigit() or char == "@" for char in text) \
        and block.all_bold


def _section_holder(dom: PageDom, index: int) -> str:
    """The path prefix of the element holding a heading and the first text after it: where its section is."""
    heading = dom.blocks[index]
    following = next((b for b in dom.blocks[index + 1:index + 20] if b.text), heading)
    common = []
    for mine, theirs in zip(heading.path.split("/"), following.path.split("/")):
        if mine != theirs:
            break
        common.append(mine)
    return "/".join(common) + "/"


def _partner_heading(block: Block) -> bool:
    """A section heading naming partner firms ("Counsel we work with", "Helpful Numbers"): short, below the
    page title, not a slogan sentence ("We work alongside growers across Otago.")."""
    text = block.text.strip()
    return ((block.heading > 1 or not block.heading and _bold_heading(block))
            and len(text.split()) <= _PARTNER_HEADING_WORDS and not text.endswith(".")
            and _partner_cues(headings=True).search(text) is not None)


_THEIR_ROLE = re.compile(r"(?<!\w)(?:their|leurs?|hun|deres|deras)\s+(?:[^\W\d_]+[\s-]+){0,3}[^\W\d_]+\s*,?\s*$")
_ORGANISATIONS_ROLE = re.compile(r"(?<!\w)the\s+(?P<org>[^\W\d_]+)['’]s\s+(?:[^\W\d_]+[\s-]+){0,3}[^\W\d_]+\s*,?\s*$",
                                 re.IGNORECASE)
"""A role held at a body named before it with a possessive: "the cooperative's director, "."""
_ACRONYM_ROLE = re.compile(r"(?<![\w.])(?P<body>[A-Z]{2,6})\s+(?P<job>(?:[a-z][\w-]*\s+){1,3})$")
"""A body's initials, then a lowercase job, right before a name ("NGU county coach ")."""
_WHOSE_ROLE = re.compile(r",\s+whose\s+(?:[^\W\d_]+[\s-]+){0,3}[^\W\d_]+\s*,?\s*$")
_OPENING_LABEL = re.compile(r"\s*(?P<label>[^:\n.]{2,40}):")
"""A label opening a paragraph: "Samarbetspartners:"."""
_ADJECTIVE_AND_KIND = re.compile(r"(?<!\w)[A-ZÀ-Þ][^\W\d_]+\s+([^\W\d_A-ZÀ-Þ][^\W\d_]{3,})")
"""A capitalised word, then a lowercase one: where a body's kind follows its adjective ("Turistička zajednica")."""
_CAPITALISED_RUN = re.compile(r"[A-ZÀ-Þ][\w'’.&-]*(?:\s+(?:&\s+|and\s+|of\s+|für\s+|(?:de|del|della|di|do|da|du)\s+)?"
                              r"[A-ZÀ-Þ][\w'’.&-]*){1,7}")
"""Capitalised words in a row, as an organisation's name is written ("Good Samaritan Regional Medical Center")."""
_LEGAL_FORM = re.compile(r"(?<!\w)(?:Ltd|GmbH|Pte|Pvt|Inc|LLC|PLLC|LLP|PLC|plc|P\.A\.|Pty|SARL|SAS|S\.L\.|S\.A\.|"
                         r"S\.r\.l\.|SpA|S\.p\.A\.|AG|B\.?V\.?|N\.?V\.?|AB|A/S|Oy|s\.r\.o\.|Sp\. z o\.o\.|ehf\.|hf\.|"
                         r"d\.o\.o\.|sh\.p\.k\.|Kft\.|Zrt\.|UAB|SIA|OÜ|A\.Ş\.|ApS|IVS|ASA|AS|Oyj|Ky|KG|UG|mbH|Srl|SRL|"
                         r"Lda|Ltda|EURL|SASU|SNC|BVBA|CVBA|VOF|a\.s\.|Bt\.|Nyrt\.|d\.d\.|Sagl|Sàrl|[sS]\.a\.s\.|"
                         r"[sS]\.n\.c\.)(?!\w)")
_NAME_WITH_LEGAL_FORM = re.compile(rf"[A-ZÀ-Þ][\w'’&-]*\s+(?:{_LEGAL_FORM.pattern})\s*$")
"""A one-word firm with its legal form, ending the text before a bracket ("Jarðkönnun ehf.")."""
_GOES_ON = re.compile(r"\(?[\d\s+./-]*\)?,?\s+(?:who\s+|which\s+|and\s+)?[a-zß-ÿ]{3,}\s+[a-zß-ÿ]")
"""A number, its closing bracket, then the sentence going on in lowercase words (not a bracketed remark)."""
_PROSE_WORD = re.compile(r"(?<![\w.])[a-zß-ÿ]{3,}")
_CONTACT_INVITE = re.compile(rf"(?<!\w)(?:{_CONTACT_WORDS})", re.IGNORECASE)
_SENTENCE_WINDOW = 400
_PARTNER_HEADING_WORDS = 6
_BOLD_HEADING = 7
"""The level of a bold paragraph standing as a heading: below ``<h6>``."""
_FURNITURE_REACH = 6
"""How many blocks back a footer widget's heading is looked for."""
_INTRO_LEVEL = _BOLD_HEADING + 1
"""Below every heading: a partner list's introducing sentence holds only until the next heading."""
_LIST_TAGS = frozenset({"li", "dt", "dd", "td"})
"""Blocks of a list or table that a sentence ending in a colon can introduce."""
_SENTENCE_BREAK = re.compile(r"(?:(?<=\w{3})|(?<=\d\)))[.!?]\s(?!\s*[\d+(])")
"""A sentence end, also after a number in brackets ("(…, 06 53 71 20 48). Klanten"); not after a short
abbreviation ("M. Luc Arnaud", "Fahy & Co. Chartered …"), an honorific ("mit Dipl.-Ing. Ralf Büttner") or a label
before a number ("(Tel. 0662 87 41 22)")."""


@lru_cache(maxsize=2)
def _partner_cues(*, headings: bool = False) -> re.Pattern[str]:
    rows = [row for row in load_rows("partner_cues") if headings or not row.get("heading")]
    # A cue is a phrase ("text"), or a pattern where the words between vary ("their payroll team").
    cues = sorted((re.escape(str(row["text"])) if "text" in row else str(row["pattern"]) for row in rows),
                  key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(cues)})(?!\w)", re.IGNORECASE)
