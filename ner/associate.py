"""Who owns which title, email, phone and profile: page structure decides, names in addresses confirm.

Rules, strongest first:

1. A role address (info@, sales@, kontakt@ ...) belongs to the company, never to a person.
2. An address whose local part is built from exactly one person's name (``sarah.oconnor``, ``soconnor``),
   or whose ``mailto:`` display name is that person, is theirs wherever it sits.
3. Anything in navigation, the page header or footer, or a cookie banner belongs to the company.
4. In the mention's own block: the nearest name before it on its line, else the nearest name on an
   earlier line. A name written Impressum-style after a legal label ("Geschäftsführer: X") owns only
   its own line: the lines after it are the company's.
5. Up the mention's regions (card, table row, list item, section ...): the first region holding
   names decides. A tight region (card, row, item) with one person gives it to that person; with
   several, to the nearest name before the mention. A loose region (section, page body) gives it to
   the nearest name before it only when that name sits directly in the region and no other heading
   starts a new section in between.

Whatever no person owns is the company's. Titles follow the same structure, except that a title
inside running text only counts when its sentence names the person ("Rachel is our CFO").
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from leadscout.records import ContactCandidate, Mention, MentionKind
from ner.colleagues import Colleagues
from ner.dom import PageDom
from ner.extensions import main_line_extensions
from ner.hits import ChannelHit, NameHit, Scope, TitleHit, extractor, unique_mentions
from ner.layout import led_names, titles_above
from ner.localparts import local_part_key, local_part_variants
from ner.mailboxes import built_from, company_addresses, department_word, is_role_address
from ner.names import fold, name_key, nicknames, title_words
from ner.owners import LayoutOwners
from ner.partners import (firm_after_name, joined_number_start, named_before, names_other_organisation,
                          partner_sections, partnered, partnered_before, sentence_start, theirs_after,
                          under_furniture_partner_heading)
from ner.outsiders import names_company, not_current, under_external_label
from validation.domains import registered_domain

log = logging.getLogger(__name__)

EVIDENCE_CHARS = 300
_HOME_BLOCKS = 3
"""Blocks after a person's first occurrence that still count as their card or section."""
_WEAK = 3
"""Rank of a weak title among the others near its holder: after a glued (0), marked (0-1) or prose (2) one."""
_FORMER = re.compile(r"(?:former|formerly|retired|ex-|ehemalige?r?|ancien(?:ne)?|antigu[oa]|voormalig)\b",
                     re.IGNORECASE)
"""A title opening with the word that its holder has left ("Former CIO, a leading private-sector bank")."""
_SEPARATED = re.compile(r"[._-]")
_JOINED_OFFICE = re.compile(r"\s*(?:&|/|\+|and|und|et|en|y|e|i|og|och)\s")
"""A second office joined to the first ("Parish Clerk & Responsible Financial Officer")."""
_PLACE_REMARK = re.compile(r"\s(?:in|at|on|im|am|bei)\s")
"""Where an office is held, after it: "Head Gardener in the walled garden"."""
_TITLE_THEN_NAME = re.compile(r"\s*,?\s*")
_NAME_THEN_TITLE = re.compile(r"\s*(?:[,(–—-]\s*)?(?:(?:is|was|serves as|as|our|the|its|ist|unser|unsere|unserer|"
                              r"est|notre|notra|es|nuestro|nuestra)\s+)*", re.IGNORECASE)


def _home_address(mentions: Sequence[Mention], site: str) -> bool:
    """Is one of the mentions an email address on the site's own domain?"""
    return bool(site) and any(m.kind is MentionKind.EMAIL and m.value.endswith(("@" + site, "." + site))
                              for m in mentions)


@dataclass(slots=True)
class _Person:
    key: str
    occurrences: list[NameHit]
    title: tuple[tuple[int, int, int], TitleHit] | None = None
    """(rank, title): rank is (home, priority, distance); lower wins."""

    @property
    def own_entry(self) -> NameHit | None:
        """The person's own entry: the first occurrence in an element of its own (a card, a list entry), not a
        mention in someone else's ("Assistante : Laurence Gaudin" on her principal's card)."""
        return next((hit for hit in self.occurrences if hit.scope is Scope.REGION), None)

    @property
    def home(self) -> int:
        """The block of the person's own entry, else of their first occurrence."""
        return (self.own_entry or self.occurrences[0]).mention.block_id


def associate(dom: PageDom, names: Sequence[NameHit], titles: Sequence[TitleHit],
              channels: Sequence[ChannelHit], *, page_url: str, outsiders: Sequence[str] = (), site: str = "",
              outsider_spans: Sequence[tuple[int, int]] = (), company: str | None = None) -> list[ContactCandidate]:
    """Group a page's mentions into one candidate per person (in page order), then one company-wide
    candidate. An address built from an ``outsiders`` name (a guest author's) is nobody's; with ``site``
    (the company's domain), neither is a personal address at another organisation that nobody here owns.
    A number on an outsider's line after their name (``outsider_spans``: block id, end of the name) is
    theirs, not the company's."""
    associator = _Associator(dom, names, company)
    for block_id, end in outsider_spans:
        associator.outsider_ends[block_id].append(end)
    return associator.run(titles, channels, page_url, outsiders, site)


class _Associator:
    def __init__(self, dom: PageDom, names: Sequence[NameHit], company: str | None = None) -> None:
        self.dom = dom
        self.people: dict[str, _Person] = {}
        self.company = company
        """The site's own name: a number in a sentence naming another organisation is not the company's."""
        for hit in sorted(names, key=lambda h: (h.mention.block_id, h.mention.start)):
            self.people.setdefault(hit.key, _Person(hit.key, [])).occurrences.append(hit)
        self.given_names = frozenset(key.split()[0] for key in self.people)
        self.outsider_ends: dict[int, list[int]] = defaultdict(list)
        self.number_contexts: dict[Mention, tuple[str | None, bool]] = {}
        self.partner_blocks: set[int] | None = None  # under a heading that names partner firms; read when needed
        self.by_block: dict[int, list[NameHit]] = defaultdict(list)
        for person in self.people.values():
            for hit in person.occurrences:
                self.by_block[hit.mention.block_id].append(hit)
        for hits in self.by_block.values():
            hits.sort(key=lambda h: (h.mention.block_id, h.mention.start))
        self.owners = LayoutOwners(dom, self.by_block, names)
        # Local part -> the people whose name it can be built from (rule 2), built once per page.
        self.by_local_part: dict[str, set[str]] = defaultdict(set)
        for person in self.people.values():
            # Every way the name is written: "Mrs McKenna" before "Mrs Aoife McKenna" (amckenna@).
            for value in {occurrence.mention.value for occurrence in person.occurrences}:
                for variant in local_part_variants(value):
                    self.by_local_part[variant].add(person.key)

    def run(self, titles: Sequence[TitleHit], channels: Sequence[ChannelHit], page_url: str,
            outsiders: Sequence[str], site: str = "") -> list[ContactCandidate]:
        owned: dict[str, list[Mention]] = defaultdict(list)
        company: list[Mention] = []
        self.owners.role_blocks = {hit.mention.block_id for hit in channels
                                   if hit.mention.kind is MentionKind.EMAIL and is_role_address(hit.mention.value)}
        for hit in channels:
            key = self._channel_owner(hit)
            if key is not None:
                owned[key].append(hit.mention)
                if hit.mention.kind is MentionKind.PHONE:
                    for other in self._sharing(key):  # "Leanne Dwyer & Tomasi Vea" share the shed mobile
                        owned[other].append(hit.mention)
            elif hit.mention.kind is MentionKind.SOCIAL and hit.social == "person":
                continue  # someone's own profile, but nobody on this page we keep
            elif hit.mention.kind is MentionKind.EMAIL and built_from(hit.mention.value, outsiders):
                continue
            else:
                company.append(hit.mention)
        above = titles_above(self.dom, self.by_block, titles)
        for hit in titles:
            if id(hit) in above:
                self._give_title(above[id(hit)], hit, (0, 0, 0))
            else:
                self._offer_title(hit)
        candidates = []
        # A title held at another organisation makes a customer or guest, unless the person's own address is
        # on this site ("Director, Managed Services" with smacisaac@<site>: a line of business after all).
        # So does a title that says its holder has left ("Founding Partner (retired)").
        kept = {person.key: mentions for person in self.people.values()
                if not (person.title is not None and person.title[1].elsewhere
                        and not _home_address(owned.get(person.key, []), site))
                and not (person.title is not None and _left_title(person.title[1].mention.text))
                for mentions in [([person.title[1].mention] if person.title else [])
                                 + unique_mentions(owned.get(person.key, []))]}
        colleagues = Colleagues(self.dom, self.by_block, self.owners.first_block)
        confirmed = {key for key, mentions in kept.items() if mentions and colleagues.confirmed(
            self.people[key].occurrences, mentions, titled=self.people[key].title is not None)}
        shapes = {shape for key in confirmed for shape in colleagues.card_shapes(self.people[key].occurrences)}
        colleagues.confirmed_keys = confirmed
        for person in self.people.values():
            if person.key not in kept:
                log.debug("dropped %r: title held at another organisation", person.key)
                continue  # a customer or guest; their own addresses are not the company's either
            mentions = kept[person.key]
            # Without any mention, a name heading a staff card like the others is kept ("<h2>Ben Carver</h2><p>Ben
            # teaches …</p>"); with some, the name needs confirming or a confirmed colleague's card shape.
            keep = (colleagues.untitled(person.occurrences, shapes) if not mentions
                    else person.key in confirmed or not shapes.isdisjoint(colleagues.card_shapes(person.occurrences)))
            if not keep:
                log.debug("dropped %r: nothing ties the name to a staff member", person.key)
                # Not a person after all ("Dublin Docklands" heading a card): what it held is the company's.
                company += [m for m in owned.get(person.key, []) if m.kind is not MentionKind.SOCIAL]
                continue
            name = self._name_mention(person)
            candidates.append(ContactCandidate(page_url=page_url, name=name, mentions=tuple(mentions),
                                               evidence=self._evidence([name, *mentions])))
        staff = {candidate.name.value and name_key(candidate.name.value) for candidate in candidates}
        # "(Beat Schnetzler, +41 61 …)" of a partner firm, a retired founder's number, "referred to Perth Oral
        # Surgery … phone (08) 9321 7788": not the company's line.
        company = [m for m in company if m.kind is not MentionKind.PHONE
                   or self._number_context(m)[0] in (None, *staff) and not self._number_context(m)[1]]
        # Nor an address at another domain in a sentence about a partner firm ("their payroll team – …,
        # payroll@northpointumbrella.co.uk"); a domain that names the company is its own ("Unseren externen
        # Datenschutzbeauftragten erreichen Sie unter datenschutz@kessler-maschinenbau.de").
        company = [m for m in company if m.kind is not MentionKind.EMAIL or not site
                   or registered_domain(m.value.rsplit("@", 1)[1]) == registered_domain(site)
                   or names_company(m.value.rsplit("@", 1)[1], self.company, written_out=True)
                   or not self._number_context(m)[1]]
        if site:
            company = self._home_only(company, owned, site)
        candidates, company = main_line_extensions(self.dom, candidates, company)
        if company:
            company = unique_mentions(company)
            candidates.append(ContactCandidate(page_url=page_url, name=None, mentions=tuple(company),
                                               evidence=self._evidence(company)))
        return candidates

    # Channels -----------------------------------------------------------------------------------

    def _channel_owner(self, hit: ChannelHit) -> str | None:
        mention = hit.mention
        if mention.kind is MentionKind.EMAIL:
            local = mention.value.rsplit("@", 1)[0]
            matches = self.by_local_part.get(local_part_key(local), set())
            # "dev.mistry@" starts like "dev@" but is built from a whole name on the page: a person's.
            if is_role_address(mention.value) and not (len(matches) == 1 and _SEPARATED.search(local)):
                return None
            if len(matches) == 1:
                return next(iter(matches))
            if hit.display_name and name_key(hit.display_name) in self.people:
                return name_key(hit.display_name)
            if not matches and department_word(mention.value):
                # "export@", "admissions@", "lon@" in a person's card: a department's mailbox, which the
                # page shows next to the person who answers it; not built from anyone's name, so not theirs.
                # A short form of the card holder's given name ("jess@" for Jessica), or the nickname written
                # with it ("ray@" for Ramón “Ray” Villarreal), is theirs.
                owner = self.owners.structural_owner(mention, hit.line)
                key = local_part_key(local)
                return owner if owner and (owner.split()[0].startswith(key) or key in {
                    fold(nickname) for occurrence in self.people[owner].occurrences
                    for nickname in nicknames(occurrence.mention.text)}) else None
        if mention.kind is MentionKind.SOCIAL and hit.social == "company":
            return None
        if mention.kind is MentionKind.PHONE:
            given_for, partners = self._number_context(mention)
            if given_for not in (None, *self.people) or partners:
                return None  # given for someone not on the staff: not the nearest staff member's either
        return self.owners.structural_owner(mention, hit.line)

    def _number_context(self, mention: Mention) -> tuple[str | None, bool]:
        """What running text says about a number, read once per number: the key of the person it is given
        for ("(Beat Schnetzler, +41 61 …)"), and whether it sits in a sentence about a partner firm, a supplier
        or a referral, or on an outsider's line after their name with no staff name in between."""
        if mention in self.number_contexts:
            return self.number_contexts[mention]
        block = self.dom.blocks[mention.block_id]
        context: tuple[str | None, bool] = (None, False)
        if "testimonial" in block.contexts:
            context = (None, True)  # "— Lorenzo Ruiz, Mariscos Ruiz, Vigo (our agent in Spain, +34 986 …)": theirs
        elif block.boilerplate and mention.start >= block.start:
            # A footer's "We regularly work as co-counsel with Rael & Pacheco LLP (505-766-2150)".
            # So is an outside appointee's under their label ("Externer Datenschutzbeauftragter:<br>…"), and a number
            # under a footer widget's heading of others' numbers ("<h4>Court Links</h4>").
            local = mention.start - block.start
            context = (None, partnered(block.text, local) or under_external_label(block.text, local)
                       or under_furniture_partner_heading(self.dom, block.id))
        elif mention.start >= block.start:
            # "contact Neville Pillay on 041 365 2270 or 082 559 0147": the second number is given as the first.
            local = joined_number_start(block.text, mention.start - block.start)
            before = block.text[max(0, local - 300):local]
            name = named_before(before, bracketed=mention.text.startswith("("))
            # An outsider's name earlier in the sentence (not in an earlier sentence of the paragraph).
            line_start = max(block.text.rfind("\n", 0, local) + 1, sentence_start(block.text, local))
            ends = [end for end in self.outsider_ends.get(block.id, ()) if line_start <= end <= local]
            after_outsider = bool(ends) and not any(max(ends) <= hit.mention.start - block.start < local
                                                    for hit in self.by_block[block.id])
            if self.partner_blocks is None:
                self.partner_blocks = partner_sections(self.dom)
            context = (self._given_key(name) if name else None,
                       after_outsider or block.id in self.partner_blocks or partnered(block.text, local)
                       or partnered_before(block.text, local)
                       or theirs_after(block.text, mention.end - block.start)
                       or firm_after_name(before, self.company)
                       # Not a number given for someone here ("im Restaurant Seeblick erreichen Sie Matteo unter …").
                       or (name is None or name_key(name) not in self.people)
                       and names_other_organisation(block.text, local, self.company, self.given_names))
        self.number_contexts[mention] = context
        return context

    def _given_key(self, name: str) -> str:
        """The key of the person a number is given for; a given name alone is the one colleague who bears it
        ("reach Pastor Kofi on 024 …" on Kofi Boateng-Mensah's card)."""
        key = name_key(name)
        if key in self.people or " " in key:
            return key
        bearers = [other for other in self.people if other.split()[0] == key]
        return bearers[0] if len(bearers) == 1 else key

    # Titles ---------------------------------------------------------------------------------------

    def _offer_title(self, hit: TitleHit) -> None:
        mention = hit.mention
        led = led_names(self.dom, self.by_block, hit)
        if led:
            for key in led:  # "<dt>Presidenta</dt><dd>Elena Castaño</dd>": the heading names the office
                # The office nearest the person's first naming wins: a card's own job over the same person's office
                # in the board's list further down ("<dt>Secretary</dt><dd>Thandeka Ndlovu (ex officio)</dd>").
                first = self.people[key].occurrences[0].mention.block_id
                # The card's own job line under the name beats the office heading the card ("<h2>Clerk / Clerc</h2>
                # <p><b>Mrs Nerys Haf Williams</b><br>Clerk & Responsible Financial Officer / …").
                self._give_title(key, hit, (0 if mention.block_id + _HOME_BLOCKS >= first else 1, 1,
                                            1 + max(0, mention.block_id - first - _HOME_BLOCKS)))
            return
        if hit.owner is not None:
            key, priority = hit.owner, 0
        elif not hit.standalone and (key := self._adjacent_name(mention)) is not None:
            priority = 1
        else:
            key = self.owners.structural_owner(mention, hit.line)
            # A line the markup calls the job ("<dd class=funktion>") beats another title line of the card
            # (a qualification "MSc ETH Bauingenieur" above it).
            marked = "title_class" in self.dom.blocks[mention.block_id].contexts
            priority = (0 if marked else 1) if hit.standalone else 2
            if key is not None and not hit.standalone and not self._sentence_names(mention, key) \
                    and not self._heads_block(key, mention.block_id):
                return
        person = self.people.get(key) if key else None
        if person is None:
            return
        distance = mention.block_id - person.home
        # A title near the person's first (home) occurrence beats one glued to a later mention elsewhere
        # (a board list repeating "Jane Doe, CEO" under her own "Chief Executive Officer" heading).
        home = 0 if 0 <= distance <= _HOME_BLOCKS or hit.owner is not None and distance == 0 else 1
        rank = (home, priority, abs(distance) + (0 if distance >= 0 else 1000))
        for holder in [key, *(self._sharing(key) if hit.owner is None else ())]:
            self._give_title(holder, hit, rank)

    def _sharing(self, key: str) -> list[str]:
        """The others named with the person on the line heading their card ("<p><b>Leanne Dwyer & Tomasi
        Vea</b></p>"): the card's title and numbers are theirs too."""
        entry = self.people[key].own_entry if key in self.people else None
        if entry is None:
            return []
        return [h.key for h in self.by_block.get(entry.mention.block_id, ())
                if h.key != key and h.line == entry.line and h.scope is Scope.REGION]

    def _give_title(self, key: str, hit: TitleHit, rank: tuple[int, int, int]) -> None:
        if hit.weak:
            rank = (rank[0], _WEAK, rank[2])  # any other title near the person's home wins
        person = self.people.get(key)
        if person is None:
            return
        if person.title is not None and hit.standalone:
            # The office a heading names, written in full on the holder's own line ("<h3>Parish Clerk</h3>" over
            # "Mrs Sarah Whiting / Parish Clerk & Responsible Financial Officer"): the full one, whatever the rank.
            # Not a remark after the office ("Head Chef in the kitchen garden", "Directora del colegio").
            held, offered = fold(person.title[1].mention.value), fold(hit.mention.value)
            if offered.startswith(held + " ") and _JOINED_OFFICE.match(offered, len(held)) \
                    and not title_words().isdisjoint(offered[len(held):].split()):
                person.title = (min(rank, person.title[0]), hit)
                return
            if offered.startswith(held + " ") and _PLACE_REMARK.match(offered, len(held)):
                return  # the office, then where it is held ("Head Gardener in the walled garden")
        if person.title is None or rank < person.title[0]:
            person.title = (rank, hit)

    def _heads_block(self, key: str, block_id: int) -> bool:
        """The person's name opens the block and nobody else is named in it (a bio paragraph under a name)."""
        here = self.by_block.get(block_id, [])
        return bool(here) and all(h.key == key for h in here) and any(h.line == 0 and h.mention.start ==
                                                                        self.dom.blocks[block_id].start
                                                                        for h in here)

    def _adjacent_name(self, mention: Mention) -> str | None:
        """The name written right next to a title in running text: "our Practice Manager, Brenda Whitworth",
        "Brenda Whitworth, our Practice Manager", "CEO Jane Smith"."""
        text = self.dom.text
        for hit in self.by_block.get(mention.block_id, []):
            name = hit.mention
            if name.start >= mention.end and _TITLE_THEN_NAME.fullmatch(text[mention.end:name.start]):
                return hit.key
            if name.end <= mention.start and _NAME_THEN_TITLE.fullmatch(text[name.end:mention.start]):
                return hit.key
        return None

    def _sentence_names(self, mention: Mention, key: str) -> bool:
        """Does the sentence around a prose title name the person ("As CTO, Linh leads ...")?"""
        block = self.dom.blocks[mention.block_id]
        local = mention.start - block.start
        text = block.text
        start = max(text.rfind(". ", 0, local), text.rfind("\n", 0, local)) + 1
        ends = [i for i in (text.find(". ", mention.end - block.start), text.find("\n", mention.end - block.start))
                if i >= 0]
        sentence = fold(text[start:min(ends) if ends else len(text)])
        tokens = set(re.findall(r"\w+", sentence))
        name_words = [w for w in re.findall(r"\w+", fold(self.people[key].occurrences[0].mention.value)) if len(w) > 2]
        return any(word in tokens for word in name_words)

    @staticmethod
    def _home_only(company: list[Mention], owned: dict[str, list[Mention]], site: str) -> list[Mention]:
        """The company's contact points without personal addresses at other organisations."""
        unowned = [m.value for m in company if m.kind is MentionKind.EMAIL]
        home = [m.value for ms in owned.values() for m in ms if m.kind is MentionKind.EMAIL]
        home += [address for address in unowned if is_role_address(address)]
        ours = company_addresses(unowned, site=site, home_addresses=home)
        return [m for m in company if m.kind is not MentionKind.EMAIL or m.value in ours]

    # Output ---------------------------------------------------------------------------------------

    def _name_mention(self, person: _Person) -> Mention:
        # The name written whole ("Dr. Akosua Boateng", not a later "Dr. Boateng"), as written in the text,
        # before a photo's alt text that repeats it ("Dr. Amanda Reyes").
        best = min(person.occurrences, key=lambda h: (name_key(h.mention.value) != person.key,
                                                      _SCOPE_RANK[h.scope],
                                                      "alt" in self.dom.blocks[h.mention.block_id].contexts,
                                                      h.mention.block_id, h.mention.start))
        sources = set().union(*(h.sources for h in person.occurrences))
        return replace(best.mention, extractor=extractor("+".join(sorted(sources))))

    def _evidence(self, mentions: Sequence[Mention]) -> str:
        block_ids = sorted({m.block_id for m in mentions if m.block_id >= 0})
        text = " · ".join(" ".join(self.dom.blocks[b].text.split()) for b in block_ids)
        return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1].rstrip() + "…"


def _left_title(title: str) -> bool:
    """Does the title say its holder has left: "Founding Partner (retired)", "Founder, retired", "Former CIO, a
    leading private-sector bank"?"""
    bracket, comma = title.find("("), title.find(",")
    return bracket > 0 and not_current(title[bracket:]) or comma > 0 and not_current(title[comma:]) \
        or _FORMER.match(title) is not None


_SCOPE_RANK = {Scope.REGION: 0, Scope.FOLLOWING: 1, Scope.LINE: 1, Scope.BLOCK: 2}
