"""ner.associate: which person owns which title, email and phone, on common page layouts.

These run the real extraction with a pipeline that has the title ruler but no NER model, so names
come from page structure alone (the model-backed cases live in test_ner_extract).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
import spacy

import ner.components  # noqa: F401
from leadscout.records import MentionKind, Page
from ner import extract_candidates
from ner.associate import is_role_address


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("leadscout_titles")
    return pipeline


def make_page(body: str, *, lang: str = "en-GB", url: str = "https://acme.co.uk/team", firm: str = "Acme") -> Page:
    html = f'<html lang="{lang}"><head><title>Team | {firm}</title></head><body>{body}</body></html>'
    return Page(url=url, site="acme.co.uk", fetched_at=datetime(2024, 1, 1, tzinfo=UTC), status=200,
                sha256=hashlib.sha256(html.encode()).hexdigest(), html=html)


def people(nlp, body: str, **kwargs) -> dict[str | None, dict]:
    """Name (None for the company) -> title, emails, phones, fax."""
    result = {}
    for candidate in extract_candidates(make_page(body, **kwargs), nlp=nlp):
        values = {kind: [m.value for m in candidate.mentions if m.kind is kind] for kind in MentionKind}
        result[candidate.name.value if candidate.name else None] = {
            "title": (values[MentionKind.TITLE] or [None])[0], "emails": values[MentionKind.EMAIL],
            "phones": values[MentionKind.PHONE], "fax": values[MentionKind.FAX], "socials": values[MentionKind.SOCIAL]}
    return result


CARD_GRID = """<main><div class="row">
  <div class="col"><div class="card"><h3>Tom Okafor</h3><p>Head of Sales</p>
    <ul><li><a href="mailto:tom.okafor@acme.co.uk">tom.okafor@acme.co.uk</a></li><li>Direct: 020 7946 0131</li>
    <li><a href="https://www.linkedin.com/in/tom-okafor">LinkedIn</a></li></ul></div></div>
  <div class="col"><div class="card"><h3>Mei Lin Chen</h3><p>Operations Manager</p>
    <ul><li>meilin [at] acme [dot] co [dot] uk</li><li>020 7946 0132</li></ul></div></div>
</div></main>
<footer><p>T: 020 7946 0000 · E: <a href="mailto:info@acme.co.uk">info@acme.co.uk</a></p>
<a href="https://www.linkedin.com/company/acme">LinkedIn</a></footer>"""

STAFF_TABLE = """<table><thead><tr><th>Name</th><th>Position</th><th>Email</th><th>Phone</th></tr></thead><tbody>
<tr><td>Geoffrey Hargreaves</td><td>Senior Partner</td><td>geoffrey.hargreaves@acme.co.uk</td>
<td>0161 496 0102</td></tr>
<tr><td>Patrick O'Brien</td><td>Audit Manager</td><td>p.obrien@acme.co.uk</td><td>0161 496 0105</td></tr>
</tbody></table><p>Reception: 0161 496 0100</p>"""

FLAT_BIOS = """<main><h1>Leadership</h1>
<h2>Daniel Okonkwo</h2><p>Founder &amp; CEO</p><p>Daniel started the company in 2016.</p><p>Tel 020 7946 0101</p>
<h2>Linh Tran</h2><p>As Chief Technology Officer, Linh leads engineering.</p><p>linh.tran@acme.co.uk</p>
<h2>Visit us</h2><p>Switchboard: 020 7946 0100</p></main>"""

IMPRESSUM = """<div id="content"><h1>Impressum</h1>
<p>Kessler Maschinenbau GmbH<br>Gewerbestraße 14<br>70565 Stuttgart</p>
<p>Geschäftsführer: Dr. Klaus Weber<br>Registergericht: Amtsgericht Stuttgart<br>HRB 723456<br>
USt-IdNr.: DE 298 417 365</p>
<p><strong>Kontakt</strong><br>Telefon: +49 (0)711 23456-0<br>Telefax: +49 (0)711 23456-99<br>
E-Mail: <a href="mailto:info@kessler.de">info@kessler.de</a></p>
<h2>Service-Hotline</h2><p>Ansprechpartner: Lukas Bauer<br>Tel.: 0711 23456-60<br>Fax: 0711 23456-69<br>
<a href="mailto:service@kessler.de">service@kessler.de</a></p></div>"""

CONTACT_PAGE = """<main><h1>Contact us</h1><div class="office"><h2>Head office</h2>
<dl><dt>Switchboard</dt><dd>+44 20 7946 0000</dd><dt>Fax</dt><dd>+44 20 7946 0001</dd>
<dt>General enquiries</dt><dd><a href="mailto:info@acme.co.uk">info@acme.co.uk</a></dd></dl></div>
<div class="press"><h2>Press</h2><p>Jane Doe, Head of Communications<br>jane.doe@acme.co.uk · +44 20 7946 0150</p></div>
</main>"""


def test_associate_card_grid(nlp):
    found = people(nlp, CARD_GRID)
    assert found["Tom Okafor"] == {"title": "Head of Sales", "emails": ["tom.okafor@acme.co.uk"],
                                   "phones": ["+442079460131"], "fax": [],
                                   "socials": ["https://linkedin.com/in/tom-okafor"]}
    assert found["Mei Lin Chen"]["emails"] == ["meilin@acme.co.uk"]
    assert found["Mei Lin Chen"]["phones"] == ["+442079460132"]
    assert found[None]["emails"] == ["info@acme.co.uk"] and found[None]["phones"] == ["+442079460000"]
    assert found[None]["socials"] == ["https://linkedin.com/company/acme"]


def test_associate_staff_table_rows(nlp):
    found = people(nlp, STAFF_TABLE)
    assert found["Geoffrey Hargreaves"]["title"] == "Senior Partner"
    assert found["Patrick O'Brien"]["emails"] == ["p.obrien@acme.co.uk"]
    assert found["Patrick O'Brien"]["phones"] == ["+441614960105"]
    assert found[None]["phones"] == ["+441614960100"]


def test_associate_bios_under_headings(nlp):
    found = people(nlp, FLAT_BIOS)
    assert found["Daniel Okonkwo"]["title"] == "Founder & CEO"
    assert found["Daniel Okonkwo"]["phones"] == ["+442079460101"]
    assert found["Linh Tran"]["title"] == "Chief Technology Officer"  # from prose that names her
    assert found["Linh Tran"]["emails"] == ["linh.tran@acme.co.uk"]
    # A new heading starts a new section: the switchboard is nobody's.
    assert found[None]["phones"] == ["+442079460100"]


def test_associate_impressum(nlp):
    found = people(nlp, IMPRESSUM, lang="de-DE", url="https://kessler.de/impressum")
    assert found["Klaus Weber"] == {"title": "Geschäftsführer", "emails": [], "phones": [], "fax": [], "socials": []}
    assert found["Lukas Bauer"]["phones"] == ["+497112345660"] and found["Lukas Bauer"]["fax"] == ["+497112345669"]
    company = found[None]
    assert company["phones"] == ["+49711234560"] and company["fax"] == ["+497112345699"]
    assert company["emails"] == ["info@kessler.de", "service@kessler.de"]


def test_associate_contact_page_switchboard_and_press_contact(nlp):
    found = people(nlp, CONTACT_PAGE)
    assert found["Jane Doe"] == {"title": "Head of Communications", "emails": ["jane.doe@acme.co.uk"],
                                 "phones": ["+442079460150"], "fax": [], "socials": []}
    assert found[None] == {"title": None, "emails": ["info@acme.co.uk"], "phones": ["+442079460000"],
                           "fax": ["+442079460001"], "socials": []}


def test_associate_address_built_from_a_name_wins_over_layout(nlp):
    body = """<div class="card"><h3>Anna Berg</h3><p>CEO</p></div>
    <div class="card"><h3>Orla Kennedy</h3><p>Marketing Manager</p><p>anna.berg@acme.co.uk</p></div>"""
    found = people(nlp, body)
    assert found["Anna Berg"]["emails"] == ["anna.berg@acme.co.uk"]
    assert found["Orla Kennedy"]["emails"] == []


def test_associate_mailto_display_name_ties_the_address(nlp):
    body = """<section><h3>Róisín Fitzgerald</h3><p>Finance Manager</p></section>
    <section><h2>Invoices</h2><p>Questions about an invoice?
    <a href="mailto:R%C3%B3is%C3%ADn%20Fitzgerald%20%3Crf.accounts@acme.co.uk%3E">Write to Róisín</a></p></section>"""
    assert people(nlp, body)["Róisín Fitzgerald"]["emails"] == ["rf.accounts@acme.co.uk"]


@pytest.mark.parametrize("address", ["info@acme.co.uk", "sales@acme.co.uk", "kontakt@acme.de", "press-uk@acme.co.uk",
                                     "careers@acme.co.uk", "noreply@acme.co.uk", "pm@acme.co.uk", "qm@acme.co.uk"])
def test_associate_role_addresses_are_the_companys(nlp, address):
    body = f'<div class="card"><h3>Jane Smith</h3><p>Office Manager</p><p>{address}</p></div>'
    found = people(nlp, body)
    assert found["Jane Smith"]["emails"] == [] and found[None]["emails"] == [address]
    assert is_role_address(address)


def test_associate_several_names_in_one_region_take_the_nearest_before(nlp):
    body = """<div class="team"><h3>Ananya Reddy</h3><p>Head of Sales<br>ananya@acme.in<br>+91 99001 23456</p>
    <h3>Joseph D'Souza</h3><p>Office Manager<br>joseph@acme.in<br>080 4123 4580</p></div>"""
    found = people(nlp, body, lang="en-IN", url="https://acme.in/team")
    assert found["Ananya Reddy"]["phones"] == ["+919900123456"]
    assert found["Joseph D'Souza"] == {"title": "Office Manager", "emails": ["joseph@acme.in"],
                                       "phones": ["+918041234580"], "fax": [], "socials": []}


def test_associate_drops_names_with_nothing_tied_to_them(nlp):
    body = "<main><h2>Jane Smith</h2><p>Some words about the weather.</p></main>"
    assert "Jane Smith" not in people(nlp, body)


def test_associate_layout_alone_does_not_make_a_person(nlp):
    body = '<div class="card"><h3>Dublin Docklands</h3><p>+353 1 555 0100</p></div><div class="card"><h3>x</h3></div>'
    found = people(nlp, body, lang="en-IE", url="https://acme.ie/")
    assert "Dublin Docklands" not in found


def test_associate_a_card_shaped_like_a_colleagues_holds_a_person(nlp):
    """Ruth Abara's card has no title the lexicon knows and no address, only a phone; her colleagues' cards
    in the same grid are confirmed, so hers is a person's card too. Office cards in a grid stay the company's."""
    body = """<div class="grid">
    <div class="card"><h3>Owen Pryce</h3><p>Head of Sales</p><p>owen.pryce@acme.co.uk</p></div>
    <div class="card"><h3>Ruth Abara</h3><p>Tyre fitter</p><p>Mobile: 07911 123456</p></div></div>
    <div class="offices"><div class="card"><h3>Leeds Central</h3><p>0113 496 0000</p></div>
    <div class="card"><h3>York Minster</h3><p>01904 496000</p></div></div>"""
    found = people(nlp, body)
    assert found["Ruth Abara"]["phones"] == ["+447911123456"]
    assert "Leeds Central" not in found and "York Minster" not in found
    assert set(found[None]["phones"]) == {"+441134960000", "+441904496000"}


def test_associate_a_department_line_above_the_named_person_is_the_companys(nlp):
    body = """<div class="desk"><h2>Parts desk</h2><p><a href="mailto:sales@acme.co.uk">sales@acme.co.uk</a><br>
    Tel: 0113 496 0200</p><p><strong>Owen Pryce</strong> – Parts Manager<br>Mobile: 07911 123456</p></div>
    <div class="desk"><h2>Service desk</h2><p><a href="mailto:service@acme.co.uk">service@acme.co.uk</a></p></div>"""
    found = people(nlp, body)
    assert found["Owen Pryce"]["phones"] == ["+447911123456"]
    assert found[None]["phones"] == ["+441134960200"]


def test_associate_a_partners_personal_address_is_not_the_companys(nlp):
    body = """<p>Questions about the joint programme? Our partner's coordinator will help:
    <a href="mailto:kofi.mensah@harbourtrust.org.uk">kofi.mensah@harbourtrust.org.uk</a></p>
    <footer><p><a href="mailto:info@acme.co.uk">info@acme.co.uk</a> ·
    <a href="mailto:acmeltd@pec.it">acmeltd@pec.it</a> · <a href="mailto:acme.orders@gmail.com">acme.orders@gmail.com</a>
    </p></footer>"""
    assert set(people(nlp, body)[None]["emails"]) == {"info@acme.co.uk", "acmeltd@pec.it", "acme.orders@gmail.com"}


def test_associate_department_mailboxes_are_the_companys(nlp):
    body = """<div class="card"><h3>Petra Lanz</h3><p>Spa Manager</p>
    <p><a href="mailto:spa@acme.co.uk">spa@acme.co.uk</a></p></div>
    <div class="card"><h3>Joel Amara</h3><p>Office Manager</p>
    <p><a href="mailto:compta@acme.co.uk">compta@acme.co.uk</a></p></div>"""
    found = people(nlp, body)
    assert found["Petra Lanz"]["emails"] == [] and found["Joel Amara"]["emails"] == []
    assert set(found[None]["emails"]) == {"spa@acme.co.uk", "compta@acme.co.uk"}


def test_associate_a_name_only_in_the_photo_caption(nlp):
    body = """<div class="grid"><div class="card"><img src="/m.jpg" alt="Maud Lefort"><div class="role">Head of Design</div>
    <a href="mailto:maud@acme.co.uk">Email</a></div>
    <div class="card"><img src="/o.jpg" alt="Owen Pryce"><div class="role">Head of Sales</div></div></div>"""
    found = people(nlp, body)
    assert found["Maud Lefort"]["title"] == "Head of Design" and found["Maud Lefort"]["emails"] == ["maud@acme.co.uk"]
    assert found["Owen Pryce"]["title"] == "Head of Sales"


def test_associate_a_department_mailbox_in_a_persons_card_is_the_companys(nlp):
    body = """<div class="card"><h3>Rhona Baird</h3><p>Admissions Manager</p>
    <p><a href="mailto:admissions@acme.co.uk">admissions@acme.co.uk</a></p></div>
    <div class="card"><h3>Iain Kerr</h3><p>Head Chef</p><p><a href="mailto:ikerr@acme.co.uk">ikerr@acme.co.uk</a></p></div>"""
    found = people(nlp, body)
    assert found["Rhona Baird"]["emails"] == [] and found[None]["emails"] == ["admissions@acme.co.uk"]
    assert found["Iain Kerr"]["emails"] == ["ikerr@acme.co.uk"]


def test_associate_evidence_is_the_tying_snippet(nlp):
    (jane, _company) = extract_candidates(make_page(CONTACT_PAGE), nlp=nlp)
    assert "Jane Doe, Head of Communications" in jane.evidence and len(jane.evidence) <= 300


def test_associate_guests_of_other_organisations_are_not_staff(nlp):
    body = """<div class="speakers"><div class="speaker"><h3>Grace Holloway</h3>
    <p>Chief Data Officer, Meridian Health Group</p><p>grace.holloway@meridian.example</p></div>
    <div class="speaker"><h3>Tom Okafor</h3><p>Head of Sales</p></div></div>"""
    found = people(nlp, body)
    assert "Grace Holloway" not in found and found["Tom Okafor"]["title"] == "Head of Sales"
    assert None not in found  # her address is not the company's either


@pytest.mark.parametrize(("body", "lang", "url"), [
    ("<p>Our scaffolding is put up by Kestrel Access Ltd (Gavin Hume, 0131 496 0877).</p>", "en-GB",
     "https://acme.co.uk/team"),
    ("<p>Landscaping for our projects is handled by Fernside Gardens – ask for Moira Baxter on 0131 496 0877.</p>",
     "en-GB", "https://acme.co.uk/team"),
    ("<p>Für Vermessungen arbeiten wir mit dem Büro Kranz zusammen (Dipl.-Ing. Ulrike Kranz, Tel. 030 901820).</p>",
     "de-DE", "https://acme.de/team"),
    ("<p>Les expertises sont confiées au cabinet Roux (M. Étienne Roux, 04 72 10 20 30).</p>", "fr-FR",
     "https://acme.fr/equipe"),
])
def test_associate_a_partners_number_in_a_sentence_is_not_the_companys(nlp, body, lang, url):
    page = f"""<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>{body}
    <footer><p>Main office: {'0131 496 0000' if 'co.uk' in url else '030 901800' if '.de' in url else '04 72 10 20 00'}</p></footer>"""
    found = people(nlp, page, lang=lang, url=url)
    assert len(found[None]["phones"]) == 1 and found[None]["phones"][0].endswith(("1314960000", "30901800", "472102000"))


def test_associate_a_staff_members_number_in_a_sentence_stays(nlp):
    body = """<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>
    <p>For bookings please call our office (Ailsa Grant, 0131 496 0877) on weekdays.</p>
    <p>Reception – Tom Boyd, 0131 496 0878</p>"""
    found = people(nlp, body)
    assert "+441314960877" in found["Ailsa Grant"]["phones"]
    assert "+441314960877" not in (found.get(None) or {}).get("phones", [])
    # A label line, not a sentence: the number is kept (Tom Boyd's or the company's).
    assert "+441314960878" in [phone for person in found.values() for phone in person["phones"]]


@pytest.mark.parametrize(("role", "staff"), [
    ("eigenaar en beëdigd vertaler Frans", True),  # Dutch "en" is "and"
    ("Director en Grupo Arenal", False),
    ("Visiting Lecturer at the University of Leeds", False),
    ("Office Manager at our Leeds office", True),
    ("Head of Delivery, Retail & Banking", True),  # sectors, not an employer
    ("Principal, Forensic & Residential Group", True),  # a unit of the firm
    ("Marketing Director, Coastal Credit Union", False),
])
def test_associate_a_title_held_elsewhere_names_an_organisation(nlp, role, staff):
    # Her address is not on this site: the title alone decides (an address here would make her staff).
    body = f"""<div class="team"><div class="lid"><p class="naam">Griet Verhoeven</p><p class="functie">{role}</p>
    <p><a href="mailto:griet@verhoeven.eu">griet@verhoeven.eu</a></p></div></div>"""
    assert ("Griet Verhoeven" in people(nlp, body)) is staff


def test_associate_an_extension_alone_is_on_the_main_line(nlp):
    body = """<ul><li><strong>Katrin Moser</strong> – Office Manager – DW 21</li>
    <li><strong>Florian Berger</strong> – Sales Manager – ext. 35</li></ul>
    <footer><p>Switchboard: 0161 496 0100</p></footer>"""
    found = people(nlp, body)
    assert found["Katrin Moser"]["phones"] == ["+441614960100;ext=21"]
    assert found["Florian Berger"]["phones"] == ["+441614960100;ext=35"]
    assert found[None]["phones"] == ["+441614960100"]


def test_associate_an_extension_alone_without_one_main_line_is_dropped(nlp):
    body = """<ul><li><strong>Katrin Moser</strong> – Office Manager – DW 21</li></ul>
    <footer><p>Sales: 0161 496 0100 · Service: 0161 496 0200</p></footer>"""
    found = people(nlp, body)
    assert found["Katrin Moser"]["phones"] == [] and len(found[None]["phones"]) == 2


def test_associate_a_cards_function_heading_is_its_one_persons_job(nlp):
    body = """<div class="grid"><div class="box"><h4>Customer Support</h4><p><strong>Nadia Boateng</strong><br>
    <a href="mailto:nadia@acme.co.uk">nadia@acme.co.uk</a></p></div>
    <div class="box"><h4>Logistics</h4><p><strong>Ewan Reid</strong><br>Transport Planner<br>
    <a href="mailto:ewan@acme.co.uk">ewan@acme.co.uk</a></p></div></div>"""
    found = people(nlp, body)
    assert found["Nadia Boateng"]["title"] == "Customer Support"
    assert found["Ewan Reid"]["title"] == "Transport Planner"  # a title of their own wins over the department


def test_associate_a_function_heading_over_several_people_is_a_department(nlp):
    body = """<div class="box"><h3>Logistics</h3><p><strong>Ewan Reid</strong><br>
    <a href="mailto:ewan@acme.co.uk">ewan@acme.co.uk</a></p><p><strong>Moira Hay</strong><br>
    <a href="mailto:moira@acme.co.uk">moira@acme.co.uk</a></p></div>"""
    found = people(nlp, body)
    assert found["Ewan Reid"]["title"] is None and found["Moira Hay"]["title"] is None


def test_associate_a_short_form_of_the_given_name_is_the_card_holders_address(nlp):
    body = """<div class="card"><h3>Rebecca Lowry</h3><p>Practice Manager</p><p>becky@acme.co.uk</p></div>
    <div class="card"><h3>Christopher Dunne</h3><p>Accountant</p><p>chris@acme.co.uk</p></div>"""
    found = people(nlp, body)
    assert found["Christopher Dunne"]["emails"] == ["chris@acme.co.uk"]
    assert found["Rebecca Lowry"]["emails"] == []  # "becky" is not a prefix of Rebecca: left to the company


@pytest.mark.parametrize("sentence", [
    "Valuations are done by our partner surveyors, chiefly Mr. Owen Pritchard (0131 496 0877).",
    "Deliveries come through Kestrel Haulage, whose dispatcher Gemma Yates (0131 496 0877) books the slots.",
])
def test_associate_a_number_in_brackets_after_a_partners_name(nlp, sentence):
    body = f"""<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div><p>{sentence}</p>
    <footer><p>Main office: 0131 496 0000</p></footer>"""
    assert people(nlp, body)[None]["phones"] == ["+441314960000"]


def test_associate_a_department_field_before_contact_details(nlp):
    body = """<ul><li><b>Maëlle Dubois</b><br>Accueil et secrétariat · 01 44 55 66 70</li>
    <li><b>Hugo Martin</b><br>Comptabilité · 01 44 55 66 71</li></ul>"""
    found = people(nlp, body, lang="fr-FR", url="https://acme.fr/equipe")
    assert found["Maëlle Dubois"]["title"] == "Accueil et secrétariat"
    assert found["Hugo Martin"]["title"] == "Comptabilité"


def test_associate_a_department_column_holds_the_job(nlp):
    body = """<table><thead><tr><th>Department</th><th>Contact Person</th><th>Telephone</th></tr></thead><tbody>
    <tr><td>Finance Director</td><td>Lwazi Khumalo</td><td>021 555 0101</td></tr>
    <tr><td>Workshop Foreman – Trucks</td><td>Pieter Joubert</td><td>021 555 0102</td></tr></tbody></table>"""
    found = people(nlp, body, lang="en-ZA", url="https://acme.co.za/contact")
    assert found["Lwazi Khumalo"]["title"] == "Finance Director"
    assert found["Pieter Joubert"]["title"] == "Workshop Foreman – Trucks"


def test_associate_a_price_table_under_a_product_heading_is_no_one(nlp):
    body = """<h2>Acme Forecast</h2><p>Demand planning.</p><table><thead><tr><th>Plan</th><th>Price</th></tr></thead>
    <tbody><tr><td>Enterprise</td><td>Contact sales</td></tr></tbody></table>"""
    assert set(people(nlp, body)) <= {None}


def test_associate_an_address_built_from_a_name_that_starts_like_a_role(nlp):
    body = """<div class="card"><h3>Dev Mistry</h3><p>Head of Recruitment</p>
    <p><a href="mailto:dev.mistry@acme.co.uk">dev.mistry@acme.co.uk</a> · <a href="mailto:dev@acme.co.uk">dev@acme.co.uk</a></p>
    </div>"""
    found = people(nlp, body)
    assert found["Dev Mistry"]["emails"] == ["dev.mistry@acme.co.uk"] and found[None]["emails"] == ["dev@acme.co.uk"]


def test_associate_a_colleague_without_title_or_contacts_in_a_staff_card(nlp):
    body = """<section class="team"><article class="staff-member"><h2>Roisin Keane</h2><p>Head of Studies</p>
    <p><a href="mailto:roisin@acme.co.uk">roisin@acme.co.uk</a></p></article>
    <article class="staff-member"><h2>Tomas Novak</h2><p>Tomas teaches the evening classes.</p>
    <p><a href="#">Contact Tomas</a></p></article></section>"""
    found = people(nlp, body)
    assert "Tomas Novak" in found and found["Tomas Novak"]["title"] is None
    assert "Contact Tomas" not in found


def test_associate_people_under_a_partner_heading_work_elsewhere(nlp):
    body = """<section><h2>Notre équipe</h2><div class="membre"><h3>Camille Roy</h3><p>Gérante</p></div></section>
    <section><h2>Nos partenaires</h2><div class="membre"><p class="role">Notaire</p><h3>Bruno Lacaze</h3>
    <p>Étude Lacaze &amp; associés · 05 56 00 11 22</p></div></section>"""
    found = people(nlp, body, lang="fr-FR", url="https://acme.fr/equipe")
    assert "Camille Roy" in found and "Bruno Lacaze" not in found


def test_associate_a_bold_styled_job_label_leads_a_staff_entry(nlp):
    body = """<p><span style="font-weight:bold;">Gerente de Compras:</span> Lic. Rodrigo Salas Peña<br>
    Tel. (33) 3615 2200 ext. 104 · Cel. 33 1402 8877</p><p>Conmutador: (33) 3615 2200</p>"""
    found = people(nlp, body, lang="es-MX", url="https://acme.com.mx/contacto")
    assert found["Rodrigo Salas Peña"]["title"] == "Gerente de Compras"
    assert set(found["Rodrigo Salas Peña"]["phones"]) == {"+523336152200;ext=104", "+523314028877"}


@pytest.mark.parametrize("sentence", [
    "Root canal treatment is referred to Harbour Endodontics, 12 Quay Street – phone 0131 496 0877.",
    "Airport pick-up is arranged through Lothian Cabs Ltd (0131 496 0877).",
])
def test_associate_a_number_in_a_sentence_about_a_partner_firm(nlp, sentence):
    body = f"""<div class="card"><h3>Ailsa Grant</h3><p>Practice Manager</p></div><p>{sentence}</p>
    <footer><p>Main office: 0131 496 0000</p></footer>"""
    assert people(nlp, body)[None]["phones"] == ["+441314960000"]


def test_associate_contact_lines_after_a_header_group_are_the_named_persons(nlp):
    body = """<main><h1>Ansprechpartner</h1>
    <div class="frame"><div class="text"><header><h3>Ulrike Brandt</h3><h4>Leiterin Einkauf</h4></header>
    <p>Telefon: 0341 25693-40<br>E-Mail: u.brandt@acme.de</p></div></div>
    <div class="frame"><div class="text"><header><h3>Jonas Vogel</h3><h4>Lagerleiter</h4></header>
    <p>Telefon: 0341 25693-41</p></div></div></main>"""
    found = people(nlp, body, lang="de-DE", url="https://acme.de/team")
    assert found["Ulrike Brandt"]["phones"] == ["+493412569340"]
    assert found["Jonas Vogel"]["phones"] == ["+493412569341"]


def test_associate_an_outside_appointee_and_their_number_are_not_the_companys(nlp):
    body = """<main><div class="card"><h3>Ulrike Brandt</h3><p>Leiterin Einkauf</p>
    <p>u.brandt@acme.de</p></div>
    <p>Datenschutzbeauftragter (extern): Dr. Holger Brandes, Datenschutz Nord GmbH, Tel. 040 5558 1234</p></main>
    <footer><p>Zentrale: 0341 25693-0</p></footer>"""
    found = people(nlp, body, lang="de-DE", url="https://acme.de/team")
    assert "Holger Brandes" not in found
    assert found[None]["phones"] == ["+49341256930"]


def test_associate_a_staff_name_repeated_with_a_number_owns_it(nlp):
    body = """<div class="team"><div class="card"><h3>Gwen Larch</h3><p>Studio Director</p></div>
    <div class="card"><h3>Pablo Ruiz</h3><p>Account Manager</p></div></div>
    <h2>Who to call</h2><div class="box"><div class="label">New projects</div><p>Gwen Larch · 07911 123456</p></div>
    <div class="box"><div class="label">Billing</div><p>Pablo Ruiz · <a href="tel:+442079460111">020 7946 0111</a></p></div>
    <p>At the open day Gwen Larch talks about brand strategy.</p>"""
    found = people(nlp, body)
    assert found["Gwen Larch"]["phones"] == ["+447911123456"]
    assert found["Pablo Ruiz"]["phones"] == ["+442079460111"]


def test_associate_a_layout_class_naming_a_position_is_not_a_job_element(nlp):
    body = """<div class="elementor-widget elementor-position-top"><h3 class="box-title">Rafaela Antunes</h3>
    <p class="box-description"><strong>Sócia-diretora</strong></p></div>
    <div class="elementor-widget elementor-position-top"><h3 class="box-title">Otávio Lima</h3>
    <p class="box-description"><strong>Analista Fiscal</strong><br>Tel. (41) 3022-4518</p></div>"""
    found = people(nlp, body, lang="pt-BR", url="https://acme.com.br/equipe")
    assert found["Rafaela Antunes"]["title"] == "Sócia-diretora"
    assert found["Otávio Lima"]["phones"] == ["+554130224518"]


def test_associate_a_wrapper_placing_the_image_above_is_not_a_job_element(nlp):
    card = ("<div class='uagb-team__wrap uagb-team__image-position-above'><div class='uagb-team__title-wrap'>"
            "<h3 class='uagb-team__title'>{name}</h3><span class='uagb-team__prefix'>{job}</span></div></div>")
    body = card.format(name="Bruno Aguirre", job="Maestro cervecero") + card.format(name="Julieta Sanz",
                                                                                     job="Jefa de producción")
    found = people(nlp, body, lang="es-AR", url="https://acme.com.ar/nosotros")
    assert {name for name in found if name} == {"Bruno Aguirre", "Julieta Sanz"}


def test_associate_titles_written_above_each_name(nlp):
    body = """<main><h2>The team</h2><div class="strip">
    <p>General Manager</p><h3>Orla Breen</h3><p>Orla runs the house.</p><p>orla@acme.co.uk</p>
    <p>Head Chef</p><h3>Tomasz Wilk</h3><p>Tomasz cooks.</p><p>07911 123456</p>
    <p>Front Office Manager</p><h3>Dara Quinn</h3><p>Dara looks after guests.</p></div></main>"""
    found = people(nlp, body)
    assert found["Orla Breen"]["title"] == "General Manager"
    assert found["Tomasz Wilk"]["title"] == "Head Chef"
    assert found["Dara Quinn"]["title"] == "Front Office Manager"


def test_associate_name_then_title_cards_are_not_read_as_titles_above(nlp):
    body = """<main><h2>The team</h2><div class="strip">
    <h3>Orla Breen</h3><p>General Manager</p><h3>Tomasz Wilk</h3><p>Head Chef</p>
    <h3>Dara Quinn</h3><p>Front Office Manager</p></div></main>"""
    found = people(nlp, body)
    assert [found[n]["title"] for n in ("Orla Breen", "Tomasz Wilk", "Dara Quinn")] == [
        "General Manager", "Head Chef", "Front Office Manager"]


def test_associate_the_marked_job_line_beats_a_qualification_line(nlp):
    body = """<div class="team"><div class="person"><dl><dt>Urs Meili</dt><dd class="ausbildung">MSc ETH Bauingenieur</dd>
    <dd class="funktion">Projektleiter Tiefbau</dd><dd>urs.meili@acme.ch</dd></dl></div></div>"""
    found = people(nlp, body, lang="de-CH", url="https://acme.ch/team")
    assert found["Urs Meili"]["title"] == "Projektleiter Tiefbau"


def test_associate_a_bio_paragraph_led_by_a_bold_name(nlp):
    body = """<h2>Our staff</h2><p><strong>Niall Geraghty</strong> is our Project Coordinator. He runs the youth
    programme on Thursdays. <a href="mailto:niall@acme.ie">niall@acme.ie</a></p>
    <p><strong>Opening hours</strong> are Monday to Friday.</p>"""
    found = people(nlp, body, lang="en-IE", url="https://acme.ie/staff")
    assert found["Niall Geraghty"]["title"] == "Project Coordinator"
    assert found["Niall Geraghty"]["emails"] == ["niall@acme.ie"]
    assert "Opening hours" not in found


def test_associate_a_bold_department_label_leads_a_staff_entry(nlp):
    body = """<h2>Verwaltung</h2><p><strong>Buchhaltung &amp; Personal:</strong> Petra Kainz<br>
    Tel. 0316 48 22 10-15</p><p><strong>Rezeption:</strong> Michaela Gruber<br>Tel. 0316 48 22 10</p>"""
    found = people(nlp, body, lang="de-AT", url="https://acme.at/team")
    assert found["Petra Kainz"]["title"] == "Buchhaltung & Personal"
    assert found["Petra Kainz"]["phones"] == ["+4331648221015"]
    assert found["Michaela Gruber"]["phones"] == ["+43316482210"]


def test_associate_an_extension_alone_takes_the_main_line_written_before_it(nlp):
    body = """<h2>Edmonton</h2><p>Edmonton office: 780-555-0190</p>
    <h2>Calgary</h2><div class="team"><p>Call our main line, <strong>403-262-4410</strong>, and dial the
    extension below.</p><p><strong>Tyler Kwan</strong><br>Senior Recruiter<br>ext. 214</p>
    <p><strong>Olivia Grant</strong><br>Payroll Coordinator<br>ext. 220</p></div>
    <p>WhatsApp: 403-555-0199</p>"""
    found = people(nlp, body, lang="en-CA", url="https://acme.ca/team")
    assert found["Tyler Kwan"]["phones"] == ["+14032624410;ext=214"]
    assert found["Olivia Grant"]["phones"] == ["+14032624410;ext=220"]


@pytest.mark.parametrize("sentence", [
    "Fleet cover is placed through our broker, Duncan Reid of Lomond Marine Insurance Ltd, 0131 496 0877.",
    "Our external auditor is Priya Shah of Castlegate Audit Group, 0131 496 0877.",
])
def test_associate_a_person_of_another_organisation_and_their_number(nlp, sentence):
    body = f"""<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div><p>{sentence}</p>
    <footer><p>Main office: 0131 496 0000</p></footer>"""
    found = people(nlp, body)
    assert set(found) == {"Ailsa Grant", None} and found[None]["phones"] == ["+441314960000"]


def test_associate_a_bold_name_further_down_an_office_block_heads_the_lines_under_it(nlp):
    # An office's address and lines, then its manager's entry in the same cell: the lines under the name are theirs,
    # and the place after the job's dash is where it is held, not a name.
    body = """<table><tr><td><b>Port Elizabeth</b><br>12 Bird Street, Port Elizabeth, 6001<br>Tel: 041 555 0100<br><br>
    <b>Lerato Molefe</b><br>Branch Manager - Port Elizabeth<br>041 555 0101 / 082 555 0102<br>
    <a href="mailto:lerato@acme.co.za">lerato@acme.co.za</a></td></tr></table>"""
    found = people(nlp, body, url="https://acme.co.za/contact")
    assert set(found) == {"Lerato Molefe", None}
    assert found["Lerato Molefe"]["title"] == "Branch Manager - Port Elizabeth"
    assert found["Lerato Molefe"]["phones"] == ["+27415550101", "+27825550102"]
    assert found[None]["phones"] == ["+27415550100"]


def test_associate_a_short_form_in_a_directory_is_the_cards_fuller_name(nlp):
    # Malay and Singaporean names written in full on the cards, by their first two words in the contact table.
    body = """<div class="card"><h3>Siti Aminah binte Yusof</h3><p>Account Manager</p></div>
    <div class="card"><h3>Kelvin Ong Wei Jie</h3><p>Sales Engineer</p></div>
    <table><tr><td><strong>Siti Aminah</strong></td>
    <td><a href="mailto:sitiaminah@acme.com.sg">sitiaminah@acme.com.sg</a></td></tr>
    <tr><td><strong>Kelvin Ong</strong></td><td>HP +65 9731 0288</td></tr></table>"""
    found = people(nlp, body, url="https://acme.com.sg/team")
    assert set(found) - {None} == {"Siti Aminah binte Yusof", "Kelvin Ong Wei Jie"}
    assert found["Siti Aminah binte Yusof"]["emails"] == ["sitiaminah@acme.com.sg"]
    assert found["Kelvin Ong Wei Jie"]["phones"] == ["+6597310288"]


def test_associate_a_nickname_in_a_photos_alt_text_is_the_cards_person(nlp):
    body = """<article class="card"><img src="bob.jpg" alt="Bob Haverford, Principal"><h3>Robert K. Haverford</h3>
    <p>Principal</p><p>Direct: 0161 496 0102</p></article>
    <article class="card"><img src="j.jpg" alt="Jess Lamb"><h3>Jessica Lamb</h3><p>Office Manager</p></article>"""
    assert set(people(nlp, body)) - {None} == {"Robert K. Haverford", "Jessica Lamb"}


def test_associate_a_heading_ending_in_its_separator_and_a_photo_word_in_the_alt_text(nlp):
    # The name's heading ends in the separator, its job in a span of its own on the next line; the photo's alt text
    # names the person after a word for a portrait.
    body = """<div class="team-member"><img src="a.jpg" alt="Portret Anouk de Wit"><h3 class="team-member__name">
    Anouk de Wit <span class="sep">—</span> <span class="team-member__role">Architect / partner</span></h3>
    <a href="mailto:anouk@acme.nl">anouk@acme.nl</a></div>
    <div class="team-member"><img src="b.jpg" alt="Foto van Ruben Smit"><h3 class="team-member__name">Ruben Smit
    <span class="sep">—</span> <span class="team-member__role">Projectarchitect</span></h3></div>"""
    found = people(nlp, body, lang="nl-NL", url="https://acme.nl/team")
    assert set(found) - {None} == {"Anouk de Wit", "Ruben Smit"}
    assert found["Ruben Smit"]["title"] == "Projectarchitect"


def test_associate_bold_names_under_a_team_heading_with_the_fields_they_cover(nlp):
    # Paragraphs led by a bold name under a heading naming the organisation's people, the fields after the comma.
    body = """<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>
    <h4>Also on the team</h4>
    <p><strong>Kagiso Dube</strong>, Crowns &amp; Bridges – metal-ceramic and zirconia work. Cell 0161 496 0101.</p>
    <p><strong>Lesedi Bok</strong>, Reception &amp; Deliveries – collects cases daily. Office 0161 496 0102.</p>"""
    found = people(nlp, body)
    assert found["Kagiso Dube"]["title"] == "Crowns & Bridges"
    assert found["Kagiso Dube"]["phones"] == ["+441614960101"]
    assert found["Lesedi Bok"]["title"] == "Reception & Deliveries"


def test_associate_a_bare_term_among_colleagues_terms_is_a_colleague(nlp):
    body = """<dl><dt>Katrin Moser</dt><dd class="funktion">Reitwartin, Jugendarbeit</dd>
    <dt>Stefan Aigner</dt><dd class="funktion">Stallmeister</dd><dd>0664 123 4567</dd>
    <dt>Lena Aigner</dt><dd>Unsere Tochter hilft an den Wochenenden im Stall.</dd></dl>"""
    found = people(nlp, body, lang="de-AT", url="https://acme.at/team")
    assert {"Katrin Moser", "Stefan Aigner", "Lena Aigner"} <= set(found)


def test_associate_terms_under_a_heading_naming_teachers_are_staff(nlp):
    body = """<div class="card"><h3>Ailsa Grant</h3><p>Director of Studies</p></div>
    <h2>Tutors</h2><p>All our tutors hold a CELTA. A few of the team:</p>
    <dl><div><dt>Orla Keane</dt><dd>BA, CELTA. Teaches our evening classes.</dd></div>
    <div><dt>Ruairí Walsh</dt><dd>BEd, CertTESOL. Eight years in Osaka.</dd></div></dl>"""
    assert set(people(nlp, body, url="https://acme.ie/team")) - {None} == {"Ailsa Grant", "Orla Keane", "Ruairí Walsh"}


def test_associate_an_address_in_noscript_beside_a_script_filled_span(nlp):
    body = """<div class="card"><h3>Kagiso Dube</h3><p>Dental Technician</p>
    <p>Cell: 0161 496 0101<br><span class="js-eml" data-a="kagiso" data-b="acme.co.uk"></span>
    <noscript>kagiso (at) acme.co.uk</noscript></p></div>
    <p>Mail: <noscript>Please turn on JavaScript to see this page.</noscript></p>"""
    assert people(nlp, body)["Kagiso Dube"]["emails"] == ["kagiso@acme.co.uk"]


def test_associate_a_listed_companys_outside_advisers_work_elsewhere(nlp):
    body = """<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>
    <div class="cmp-text"><h3>Investor Relations Counsel</h3><p>Harbourside IR Ltd.<br>Rory Blake, Managing Director<br>
    T: 0131 496 0877</p></div>
    <div class="cmp-text"><h3>Transfer Agent</h3><p>Lothian Registrars plc<br>Shareholders: 0131 496 0878</p></div>
    <footer><p>Main office: 0131 496 0000</p></footer>"""
    found = people(nlp, body)
    assert set(found) == {"Ailsa Grant", None} and found[None]["phones"] == ["+441314960000"]


def test_associate_a_number_under_a_partner_heading_is_nobodys(nlp):
    body = """<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>
    <h2>Consultants we work with</h2><p>For valuations we instruct surveyors at Pentland Survey (desk 0131 496 0877).</p>
    <footer><p>Main office: 0131 496 0000</p></footer>"""
    assert people(nlp, body)[None]["phones"] == ["+441314960000"]


def test_associate_an_honorific_does_not_end_the_partner_sentence(nlp):
    body = """<div class="card"><h3>Ulrike Brandt</h3><p>Leiterin Einkauf</p></div>
    <p>Für Bodengutachten arbeiten wir u. a. mit Dipl.-Geol. Petra Lindner, Gutachterin (Tel. 0351 4718 220), zusammen.</p>
    <footer><p>Zentrale: 0341 256930</p></footer>"""
    found = people(nlp, body, lang="de-DE", url="https://acme.de/team")
    assert "Petra Lindner" not in found and found[None]["phones"] == ["+49341256930"]


@pytest.mark.parametrize(("markup", "title"), [
    ("<p><b>Matteo Sala</b> – Chef de Rang</p><p><b>Ines Caduff</b> – Hauswirtschaft &amp; Wäscherei</p>",
     "Hauswirtschaft & Wäscherei"),
    ("<h3>Angus Baird — Cooper</h3><p>Angus raises the casks.</p><h3>Morag Bell — Warehouse Lead</h3>", "Cooper"),
])
def test_associate_a_job_in_unlisted_words_after_a_dash_in_a_presented_name(nlp, markup, title):
    found = people(nlp, markup, lang="de-CH" if "Ines" in markup else "en-GB",
                   url="https://acme.ch/team" if "Ines" in markup else "https://acme.co.uk/team")
    assert title in {person["title"] for person in found.values() if person}


def test_associate_a_product_heading_with_a_dash_is_not_a_person(nlp):
    body = """<ul><li><h3><a href="/products/huila">Huila Washed – Colombia</a></h3><p>$24.00</p></li>
    <li><h3><a href="/products/guji">Guji Natural – Ethiopia</a></h3><p>$26.00</p></li></ul>"""
    assert set(people(nlp, body)) <= {None}


def test_associate_a_smaller_heading_above_each_name_is_its_title_and_levels_are_read_apart(nlp):
    body = """<main><div class="row"><h4 class="team-role">Managing Partner</h4><h2>Ruth Zimmerman, CPA</h2>
    <p>Ruth founded the firm.</p></div><div class="row"><h4 class="team-role">Tax Manager</h4><h2>Owen Landis</h2>
    <p>Owen prepares returns.</p></div>
    <section><div class="card"><h4>Paula King</h4><p>Bookkeeper</p></div>
    <div class="card"><h4>Mark Shenk</h4><p>Receptionist</p></div>
    <div class="card"><h4>Lena Graybill</h4><p>Payroll Specialist</p></div></section></main>"""
    found = people(nlp, body)
    assert found["Ruth Zimmerman"]["title"] == "Managing Partner" and found["Owen Landis"]["title"] == "Tax Manager"
    assert [found[n]["title"] for n in ("Paula King", "Mark Shenk", "Lena Graybill")] == [
        "Bookkeeper", "Receptionist", "Payroll Specialist"]


def test_associate_initials_of_a_three_word_name_build_its_address(nlp):
    body = """<div class="employee"><h3>Karen Lund Iversen</h3><p>Revisor</p>
    <p><a href="mailto:kli@acme.dk">kli@acme.dk</a></p></div>
    <div class="employee"><h3>Per Dam</h3><p>Bogholder</p><p><a href="mailto:pd@acme.dk">pd@acme.dk</a></p></div>"""
    found = people(nlp, body, lang="da-DK", url="https://acme.dk/medarbejdere")
    assert found["Karen Lund Iversen"]["emails"] == ["kli@acme.dk"]


def test_associate_a_label_before_a_number_does_not_end_the_partner_sentence(nlp):
    body = """<div class="card"><h3>Ulrike Brandt</h3><p>Leiterin Einkauf</p></div>
    <p>Für Statik arbeiten wir mit dem Büro Dipl.-Ing. Karl Hofer, Linz (Tel. 0732 77 41 22), zusammen.</p>
    <footer><p>Zentrale: 0732 256930</p></footer>"""
    found = people(nlp, body, lang="de-AT", url="https://acme.at/team")
    assert found[None]["phones"] == ["+43732256930"]


def test_associate_a_title_then_a_name_on_one_line(nlp):
    body = """<table><thead><tr><th>Name</th><th>Telefon</th></tr></thead><tbody>
    <tr><td>Geschäftsführer Markus Leitner</td><td>0732 256930-11</td></tr>
    <tr><td>Prokuristin Sabine Aigner</td><td>0732 256930-12</td></tr></tbody></table>"""
    found = people(nlp, body, lang="de-AT", url="https://acme.at/team")
    assert found["Markus Leitner"]["title"] == "Geschäftsführer"
    assert found["Sabine Aigner"]["title"] == "Prokuristin"


@pytest.mark.parametrize(("sentence", "lang", "url", "main"), [
    ("<p>For payroll we use Keystone Payroll Services. Contact Ann Weaver, their account manager, at (717) 555-0142.</p>",
     "en-US", "https://acme.com/team", "(717) 555-0100"),
    ("<p>Airport transfers are run by Lion City Cars — call their duty manager on 9655 1043.</p>", "en-SG",
     "https://acme.com.sg/team", "6555 0100"),
    ("<p>Tvister løses i samarbejde med Advokatfirmaet Holm – kontakt advokat Niels Holm på 86 18 00 42.</p>",
     "da-DK", "https://acme.dk/team", "86 18 00 00"),
])
def test_associate_a_partner_firms_person_and_number_in_more_phrasings(nlp, sentence, lang, url, main):
    body = f"""<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>{sentence}
    <footer><p>Main office: {main}</p></footer>"""
    found = people(nlp, body, lang=lang, url=url)
    assert set(found) == {"Ailsa Grant", None} and len(found[None]["phones"]) == 1


def test_associate_a_drupal_paragraphs_field_is_neither_a_name_nor_a_testimonial(nlp):
    body = """<div class="field field--name-field-paragraphs field--type-entity-reference-revisions">
    <div class="paragraph paragraph--type--personne"><div class="field field--name-field-fonction">Directeur général</div>
    <h3 class="field field--name-field-nom">M. Laurent Berset</h3>
    <div class="field field--name-field-email"><a href="mailto:l.berset@acme.ch">l.berset@acme.ch</a></div></div>
    <div class="paragraph paragraph--type--personne"><div class="field field--name-field-fonction">Comptable</div>
    <h3 class="field field--name-field-nom">Mme Odile Favre</h3></div></div>"""
    found = people(nlp, body, lang="fr-CH", url="https://acme.ch/equipe")
    assert found["Laurent Berset"]["emails"] == ["l.berset@acme.ch"] and "Odile Favre" in found


def test_associate_a_job_held_over_a_closed_span_of_years_is_a_former_one(nlp):
    body = """<div class="card"><h3>Ailsa Grant</h3><p>Head Teacher</p></div>
    <p>We thank Mr. Robert Lyle, head teacher from 1988 to 2016, for thirty years of service.</p>"""
    assert "Robert Lyle" not in people(nlp, body)


def test_associate_a_widget_holding_the_name_alone_is_followed_by_its_title_widget(nlp):
    widget = ("<div class='elementor-element elementor-widget elementor-widget-{kind}'>{html}</div>")
    cards = ""
    for name, title in (("Marcus Whitfield", "Head Brewer"), ("Jenna Kowalczyk", "Taproom Manager")):
        cards += ("<div class='elementor-column'><div class='elementor-widget-wrap'>"
                  + widget.format(kind="heading", html=f"<h3>{name}</h3>")
                  + widget.format(kind="heading", html=f"<h5 class='crew-role'>{title}</h5>")
                  + widget.format(kind="text-editor", html="<p>Brews and pours.</p>") + "</div></div>")
    found = people(nlp, f"<section><div class='elementor-container'>{cards}</div></section>")
    assert found["Marcus Whitfield"]["title"] == "Head Brewer"
    assert found["Jenna Kowalczyk"]["title"] == "Taproom Manager"


def test_associate_an_article_author_also_in_the_staff_directory_is_staff(nlp):
    body = """<article><dd class="createdby" itemprop="author" itemscope itemtype="https://schema.org/Person">
    Escrito por: <span itemprop="name">Pablo Giménez Ortega</span></dd></article>
    <ul><li><strong>Calidad y terminología (ISO 17100):</strong> Pablo Giménez Ortega</li>
    <li><strong>Dirección:</strong> Marta Ferrer Albiach</li></ul>"""
    found = people(nlp, body, lang="es-ES", url="https://acme.es/equipo")
    assert found["Pablo Giménez Ortega"]["title"] == "Calidad y terminología (ISO 17100)"


def test_associate_numbers_under_a_helpful_numbers_heading_are_nobodys(nlp):
    body = """<div class="card"><h3>Rick Vossen</h3><p>Service Manager</p></div>
    <h2>Helpful Numbers</h2><p>Roadside Assistance: 1-800-555-0142 · Credit Customer Service: 1-800-555-0177</p>
    <footer><p>Main: (231) 555-0100</p></footer>"""
    found = people(nlp, body, lang="en-US", url="https://acme.com/team")
    assert found[None]["phones"] == ["+12315550100"] and "Helpful Numbers" not in found


def test_associate_a_slogan_heading_with_a_partner_cue_is_no_partner_section(nlp):
    body = """<h1>Gardens that work alongside their place</h1>
    <div class="card"><h3>Aroha Tipene</h3><p>Studio Manager</p><p>aroha@acme.co.nz</p></div>"""
    found = people(nlp, body, lang="en-NZ", url="https://acme.co.nz/team")
    assert found["Aroha Tipene"]["emails"] == ["aroha@acme.co.nz"]


def test_associate_a_card_without_the_role_heading_above_the_name_keeps_its_colleagues_shape(nlp):
    card = ("<div class='cell'><div data-ux='ContentCard'>{role}<h3>{name}</h3><div><p>{bio}</p>{contact}</div></div></div>")
    cards = "".join(card.format(role=role, name=name, bio="Works here.", contact=contact) for role, name, contact in (
        ("<h4>Founder &amp; Landscape Designer</h4>", "Hemi Parata", "<p>hemi@acme.co.nz</p>"),
        ("<h4>Office Manager</h4>", "Aroha Parata", "<p>aroha@acme.co.nz</p>"),
        ("", "Finn Anderson", "")))
    found = people(nlp, f"<section><div class='grid'>{cards}</div></section>", lang="en-NZ", url="https://acme.co.nz/team")
    assert {"Hemi Parata", "Aroha Parata", "Finn Anderson"} <= set(found)
    assert found["Hemi Parata"]["title"] == "Founder & Landscape Designer"


@pytest.mark.parametrize(("text", "lang", "url"), [
    ("<p>Die Bäckerei wurde 1979 von Konditormeister Walter Brenner gegründet. Seniorchef Walter Brenner hat sich "
     "2019 in den Ruhestand verabschiedet.</p>", "de-DE", "https://acme.de/team"),
    ("<p>Kees de Wit, oprichter van het kantoor, geniet sinds 2009 van zijn pensioen. Het kantoor werd in 1978 "
     "opgericht door Kees de Wit.</p>", "nl-NL", "https://acme.nl/team"),
])
def test_associate_someone_who_has_left_is_not_staff_wherever_else_named(nlp, text, lang, url):
    body = f"""<div class="card"><h3>Anna Vogt</h3><p>Office Manager</p></div>{text}"""
    found = people(nlp, body, lang=lang, url=url)
    assert set(found) - {None} == {"Anna Vogt"}


def test_associate_advisers_said_not_to_be_employees_are_not_staff(nlp):
    body = """<div class="card"><h3>Ingrid Berg</h3><p>Daglig leder</p></div>
    <p>Våre rådgivere, som ikke er ansatt i selskapet, er Kari Holm (partner, Nordvest Ventures).</p>"""
    found = people(nlp, body, lang="nb-NO", url="https://acme.no/team")
    assert "Kari Holm" not in found


def test_associate_a_department_line_over_a_cards_name_is_its_job(nlp):
    card = "<div class='team-card'><p class='eyebrow'>{job}</p><h3>{name}</h3><p>{bio}</p></div>"
    body = "<section>" + "".join(card.format(job=job, name=name, bio="Here since 2015.") for job, name in (
        ("Reservations", "Sophie Lindqvist"), ("Maintenance &amp; Grounds", "Matiu Rangihuna"))) + "</section>"
    found = people(nlp, body, lang="en-NZ", url="https://acme.co.nz/team")
    assert found["Sophie Lindqvist"]["title"] == "Reservations"
    assert found["Matiu Rangihuna"]["title"] == "Maintenance & Grounds"


def test_associate_a_referring_doctor_at_another_clinic_and_their_number(nlp):
    body = """<div class="card"><h3>Colleen Murray</h3><p>Clinic Director</p></div>
    <p>Sports medicine referrals are welcome from Dr. Paul Harnish at the Chebucto Sport Medicine Clinic (902-555-0142).</p>
    <footer><p>Tel 902-555-0100</p></footer>"""
    found = people(nlp, body, lang="en-CA", url="https://acme.ca/team")
    assert set(found) == {"Colleen Murray", None} and found[None]["phones"] == ["+19025550100"]


def test_associate_a_heading_only_partner_cue_does_not_read_sentences(nlp):
    body = """<div class="card"><h3>Bec Lanyon</h3><p>Head Brewer</p>
    <p>Trade customers and collaborators: bec@acme.com.au or 0412 338 095.</p></div>
    <h2>Collaborators</h2><p>Our quantity surveying is usually by Coombes &amp; Rowe (0412 555 014).</p>"""
    found = people(nlp, body, lang="en-AU", url="https://acme.com.au/team")
    assert found["Bec Lanyon"]["phones"] == ["+61412338095"]
    assert "+61412555014" not in (found.get(None) or {}).get("phones", [])


def test_associate_a_branch_after_a_title_is_this_firms(nlp):
    body = """<div class="team"><div class="member"><h4>Étienne Thibodeau, MPT</h4>
    <p class="position">Physiotherapist, Bedford clinic</p></div>
    <div class="member"><h4>Ruth Clarke</h4><p class="position">Physiotherapist, Coastal Credit Union</p></div></div>"""
    found = people(nlp, body, lang="en-CA", url="https://acme.ca/team")
    assert found["Étienne Thibodeau"]["title"] == "Physiotherapist, Bedford clinic" and "Ruth Clarke" not in found


def test_associate_a_partner_sentence_in_the_footer_gives_nobody_its_number(nlp):
    body = """<div class="card"><h3>Ana Sandoval</h3><p>Managing Partner</p></div>
    <footer><p>Tel 505-555-0100</p><p>We regularly work as co-counsel with Rael &amp; Pacheco LLP (505-555-0150).</p>
    </footer>"""
    found = people(nlp, body, lang="en-US", url="https://acme.com/team")
    assert found[None]["phones"] == ["+15055550100"]


def test_associate_a_name_heading_followed_by_a_bio_by_given_name_is_a_person(nlp):
    body = """<section><h2>Nuestro equipo</h2>
    <div class="rich"><h3>Rodrigo Paz</h3><p>Coordinador de eventos</p><p>rodrigo@acme.com.mx</p></div>
    <div class="rich"><h3>Mariana Olvera</h3><p>Mariana se unió al equipo en 2025 y apoya a Rodrigo.</p></div>
    </section><section><h3>Raad van Bestuur</h3><p>De Raad van Bestuur bestaat uit drie leden.</p></section>"""
    found = people(nlp, body, lang="es-MX", url="https://acme.com.mx/equipo")
    assert "Mariana Olvera" in found and "Raad van Bestuur" not in found


def test_associate_an_accordion_toggle_button_presents_its_name_and_job(nlp):
    body = """<div class="Faq"><div class="Faq__Item"><button class="Faq__Question">Ida Lykke Østergaard – Kundeservice
    og webshop</button><div class="Faq__Answer"><p>Ida svarer på mails.</p></div></div>
    <div class="Faq__Item"><button class="Faq__Question">Asger Lund – snedker</button>
    <div class="Faq__Answer"><p>Asger bygger borde.</p></div></div></div>"""
    found = people(nlp, body, lang="da-DK", url="https://acme.dk/om-os")
    assert found["Ida Lykke Østergaard"]["title"] == "Kundeservice og webshop"


def test_associate_a_title_dash_area_line_under_a_name_heading_is_one_job(nlp):
    body = """<div class="rich"><h3>Dra. Inês Gonçalves Ferreira</h3><p>Farmacêutica – Dermocosmética e Nutrição</p>
    <p>Linha direta: 22 609 4125</p></div>"""
    found = people(nlp, body, lang="pt-PT", url="https://acme.pt/equipa")
    assert set(found) - {None} == {"Inês Gonçalves Ferreira"}
    assert found["Inês Gonçalves Ferreira"]["phones"] == ["+351226094125"]


def test_associate_a_bold_department_line_under_a_name_heading_is_the_job(nlp):
    body = """<div class="wp-block-group"><h3>Océane Le Goff</h3><p><strong>Comptabilité &amp; facturation</strong></p>
    <p>Standard : 04 78 62 15 30</p></div>"""
    found = people(nlp, body, lang="fr-FR", url="https://acme.fr/equipe")
    assert found["Océane Le Goff"]["title"] == "Comptabilité & facturation"


def test_associate_a_memorial_and_a_suppliers_section_hold_nobodys_numbers(nlp):
    body = """<div class="card"><h3>Maribel Soto</h3><p>Office Manager</p></div>
    <h2>Suppliers &amp; Partners</h2><p>Gutters are subcontracted to Alamo Seamless Gutters LLC, (210) 555-0121.</p>
    <h2>In Memory of Earl Villarreal (1948–2019)</h2><p>His number, 210-555-0148, was painted on that truck.</p>
    <footer><p>Office: (210) 555-0100</p></footer>"""
    found = people(nlp, body, lang="en-US", url="https://acme.com/team")
    assert found[None]["phones"] == ["+12105550100"]


def test_associate_a_title_that_reads_like_a_firm_with_an_address_here_is_staff(nlp):
    body = """<div class="team-card"><h3 class="team-name">Siobhan MacIsaac</h3>
    <div class="team-role">Director, Managed Services</div>
    <a href="mailto:smacisaac@acme.co.uk">smacisaac@acme.co.uk</a></div>
    <div class="team-card"><h3 class="team-name">Ruth Clarke</h3><div class="team-role">Director, Coastal Credit Union</div>
    <a href="mailto:ruth@coastalcu.co.uk">ruth@coastalcu.co.uk</a></div>"""
    found = people(nlp, body)
    assert found["Siobhan MacIsaac"]["emails"] == ["smacisaac@acme.co.uk"] and "Ruth Clarke" not in found


@pytest.mark.parametrize(("body", "name"), [
    ("<p>And a big up to <strong>Andre Walters</strong>, who joined us this season. Welcome, Andre!</p>",
     "Andre Walters"),
    ("<p><span style='font-weight:bold;'>Tamika Rowe</span>, LMT, has been with us since 2019.</p>", "Tamika Rowe"),
    ("<p>Vi ønsker velkommen til <strong>Mathias Eide</strong>, som begynte i oktober.</p>", "Mathias Eide"),
])
def test_associate_a_colleague_welcomed_in_bold_is_staff(nlp, body, name):
    page = f"""<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p><p>ailsa@acme.co.uk</p></div>{body}
    <p>Our customers love <strong>Harbour Tours</strong>, says <strong>Jim Lyle</strong>.</p>"""
    found = people(nlp, page)
    assert name in found and "Jim Lyle" not in found


def test_html_utility_bold_classes_are_emphasis():
    from ner.html import parse_html

    dom = parse_html("<div><p class='mt-3 font-bold'>Tui Herewini-Clarke</p><p>mover</p></div>")
    assert "emphasis" in dom.blocks[0].contexts


@pytest.mark.parametrize("section", [
    "<h2>Visiting specialists</h2><p>Dr Andrew Pike of Goldfields Referrals visits monthly. Referral enquiries go to "
    "his clinic on 0131 496 0877.</p>",
    "<h2>Trusted partners</h2><p>Contractors can reach their branch manager, Phil Danner, at 0131 496 0877.</p>",
    "<p>Hotel concierges may book on our behalf – at Jewel Cove, see concierge manager Paulette Grant "
    "(0131 496 0877).</p>",
])
def test_associate_visiting_and_partner_firms_numbers_in_more_phrasings(nlp, section):
    body = f"""<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>{section}
    <footer><p>Main office: 0131 496 0000</p></footer>"""
    found = people(nlp, body)
    assert set(found) == {"Ailsa Grant", None} and found[None]["phones"] == ["+441314960000"]


def test_associate_a_partner_section_ends_where_its_element_ends(nlp):
    body = """<div class="content"><div class="card"><h3>Rajesh Chaudhry</h3><p>Managing Director</p></div>
    <div class="text"><h3>Who we work with</h3><p>Broadband comes through Leeds Fibre Ltd.</p></div></div>
    <div id="footer-outer"><div class="widget"><h4>Get in touch</h4>
    <p>Office: 0113 396 1400<br>24/7 support line: 0113 396 1499</p></div></div>"""
    found = people(nlp, body)
    assert found[None]["phones"] == ["+441133961400", "+441133961499"]


def test_associate_the_line_under_a_cards_name_is_its_job_when_sibling_cards_say_so(nlp):
    card = ("<div class='repeater__item'><div class='rich'><h4><span style='font-weight:bold;'>{name}</span></h4>"
            "<p><span style='font-style:italic;'>{job}</span></p><p>{bio}</p></div></div>")
    cards = "".join(card.format(name=name, job=job, bio="Works on the boats.") for name, job in (
        ("Iain Campbell", "Marine Engineer"), ("Morag Galbraith", "Office Manager"),
        ("Kirsty Rennie", "rigging &amp; mast work"), ("Ewan Bell", "MSc Naval Architecture, CEng")))
    found = people(nlp, f"<section><div class='repeater'>{cards}</div></section>")
    assert found["Kirsty Rennie"]["title"] == "rigging & mast work"
    assert found["Ewan Bell"]["title"] is None  # a line of degrees is no job


def test_associate_a_name_cell_with_an_empty_row_is_a_colleague(nlp):
    body = """<table><thead><tr><th>Name</th><th>Role</th><th>Contact</th></tr></thead><tbody>
    <tr><td>Carys Pugh</td><td>Head Nurse</td><td>carys.pugh@acme.co.uk</td></tr>
    <tr><td>Owain Bevan</td><td>Receptionist</td><td>owain.bevan@acme.co.uk</td></tr>
    <tr><td>Elin Rowlands</td><td></td><td></td></tr></tbody></table>"""
    found = people(nlp, body)
    assert set(found) == {"Carys Pugh", "Owain Bevan", "Elin Rowlands"}


def test_associate_a_bio_opening_with_a_short_form_of_the_given_name(nlp):
    body = """<section class="team"><div class="box"><h3>Gwendolyn Maraj</h3><p>Office Manager</p>
    <p>gwendolyn@acme.co.uk</p></div>
    <div class="box"><h3>Bartholomew Finch</h3><p>Bart keeps our vans on the road and the kettle on.</p></div></section>"""
    assert "Bartholomew Finch" in people(nlp, body)


def test_associate_medical_specialists_are_titles(nlp):
    body = """<div class="acc"><div class="acc-title">Ingrid Solberg, MD — Paediatrician</div>
    <div class="acc-body"><p>Dr. Solberg sees children of all ages.</p></div></div>
    <div class="acc"><div class="acc-title">Omar Haddad, DO — Dermatologist</div></div>"""
    found = people(nlp, body)
    assert found["Ingrid Solberg"]["title"] == "Paediatrician" and found["Omar Haddad"]["title"] == "Dermatologist"


def test_associate_a_department_after_a_bold_name_is_the_job(nlp):
    body = """<ul class="staff"><li><p><span class="font-semibold">Liezel Bautista</span>, Quality Control</p></li>
    <li><p><span class="font-semibold">Ramon Aquino</span>, Dispatch</p><p>0917 555 0142</p></li></ul>"""
    found = people(nlp, body, lang="en-PH", url="https://acme.ph/team")
    assert found["Liezel Bautista"]["title"] == "Quality Control" and found["Ramon Aquino"]["title"] == "Dispatch"


def test_associate_the_title_under_the_name_in_its_cell_beats_the_department_column(nlp):
    body = """<table><thead><tr><th>Department</th><th>Contact person</th><th>Email</th></tr></thead><tbody>
    <tr><td>Project Cargo</td><td>Farhan Aziz<br>Senior Manager, Project Cargo</td><td>farhan@acme.co.uk</td></tr>
    <tr><td>Customs</td><td>Mei Ling Ho<br>Customs Compliance Manager</td><td>meiling@acme.co.uk</td></tr>
    </tbody></table>"""
    found = people(nlp, body)
    assert found["Mei Ling Ho"]["title"] == "Customs Compliance Manager"
    assert found["Farhan Aziz"]["title"].startswith("Senior Manager")


def test_associate_a_name_cell_after_a_group_cell_is_not_a_job(nlp):
    rows = "".join(f"<tr><td>{group}</td><td>{name}</td><td>{role}</td></tr>" for group, name, role in (
        ("Klass Ekorren", "Maja Lund", "lärare"), ("Klass Igelkotten", "Viktor Berg", "lärare"),
        ("Klass Bävern", "Saga Holm", "fritidspedagog")))
    body = f"<table><thead><tr><th>Klass</th><th>Namn</th><th>Roll</th></tr></thead><tbody>{rows}</tbody></table>"
    found = people(nlp, body, lang="sv-SE", url="https://acme.se/personal")
    assert {"Maja Lund", "Viktor Berg", "Saga Holm"} <= set(found)
    assert all(found[name]["title"] != name for name in ("Maja Lund", "Viktor Berg", "Saga Holm"))


def test_associate_definition_terms_over_names_are_their_jobs(nlp):
    body = """<dl class="equipe"><dt>Restauratrice des textiles</dt>
    <dd>Odile Perrin (diplômée de l'INP)<br><a href="mailto:o.perrin@acme.fr">o.perrin@acme.fr</a></dd>
    <dt>Bibliothécaire</dt><dd>Lucas Morel – fonds ancien ouvert le mardi : biblio@acme.fr</dd>
    <dt>Accueil et boutique</dt><dd>Chloé Bernard et Hugo Lefèvre</dd></dl>
    <dl><dt>Navn</dt><dd>Søren Dahl</dd><dt>Stilling</dt><dd>Værkfører</dd></dl>"""
    found = people(nlp, body, lang="fr-FR", url="https://acme.fr/equipe")
    assert found["Odile Perrin"]["title"] == "Restauratrice des textiles"
    assert found["Lucas Morel"]["title"] == "Bibliothécaire"
    assert found["Chloé Bernard"]["title"] == found["Hugo Lefèvre"]["title"] == "Accueil et boutique"
    assert found.get("Søren Dahl", {}).get("title") != "Navn"  # a field label, not a job


def test_associate_a_definition_term_yields_to_the_persons_own_title(nlp):
    body = """<div class="card"><h3>Greta Olsen</h3><p>Sales Engineer</p><p>greta@acme.co.uk</p></div>
    <dl><dt>Quotes for new systems</dt><dd>Greta Olsen<br>0161 496 0102</dd></dl>"""
    assert people(nlp, body)["Greta Olsen"]["title"] == "Sales Engineer"


@pytest.mark.parametrize("sentence", [
    "<p>Finance is available through our partner Moorside Lending – ask for Dana Fry on 0161 496 0877.</p>",
    "<p>Regulated by the Gas Safe Register, PO Box 6804, Basingstoke, 0161 496 0877.</p>",
    "<p>Les échographies sont faites chez notre voisin Imagerie du Parc (0161 496 0877).</p>",
    "<p>Aliados: Fundación Río Claro — contacto: Inés Soto, 0161 496 0877.</p>",
    "<p>Our carrier is Humber Lines; their agent Mr. Kwame Asante can be reached on 0161 496 0877.</p>",
    "<p>Pay queries go to their payroll team – Gail Ashworth, 0161 496 0877 – and timesheets to us.</p>",
    "<p>Im selben Gebäude finden Sie die Logopädin Anja Wirth (Tel. 0161 496 0877).</p>",
    "<p>I samme bygning holder tandlæge Ida Holm til, tlf. 0161 496 0877.</p>",
    "<p>La contabilità è seguita dallo Studio Bassi – dott. Marco Bassi, commercialista (tel. 0161 496 0877).</p>",
    "<p>Il servizio navetta è gestito dalla Cooperativa Sole Verde (tel. 0161 496 0877).</p>",
    "<p>Bei Mietfragen arbeiten wir eng mit Dr. iur. Petra Lang zusammen, Tel. 0161 496 0877.</p>",
    "<p>Abfallberatung: Landratsamt Biberach, Frau Eva Roth, Tel. 0161 496 0877</p>",
    "<p>Concello de Lugo, Servizos Sociais: 0161 496 0877</p>",
    "<p>Our preferred scaffold-hire partner is Dales Access – ask for Kevin Pratt on 0161 496 0877.</p>",
    "<p>Our payroll function is outsourced to Keystone Bureau Ltd – payroll officer Jan Cole, tel. 0161 496 0877.</p>",
    "<p>Concerns may be raised through our whistleblowing hotline, SafeCall, on 0161 496 0877 (24 hours).</p>",
    "<p>Our third-party ethics line is operated by SpeakUp UK at 0161 496 0877.</p>",
    "<p>Half-year results webcast on 3 March at 9.30am. Dial-in: 0161 496 0877, access code 5521.</p>",
    "<p>Agency contact: Mel Harris, Brightside PR — 0161 496 0877</p>",
    "<p>For scans our doctors work with Riverside Medical Imaging, bookings line 0161 496 0877.</p>",
    "<p>Apologies to the Secretary, please. Don’t ring the Anchor on 0161 496 0877 – they cannot pass them on.</p>",
    "<p>Pour les scanners, nous référons au centre d’imagerie de Namur (Dr Paul Lenoir, 0161 496 0877).</p>",
    "<p>Per una cena tipica consigliamo l’osteria del paese (famiglia Rossi, tel. 0161 496 0877).</p>",
    "<p>Die Bindung fertigt für uns die Buchbinderei Kraus in Aue (Inhaber Udo Kraus, Tel. 0161 496 0877).</p>",
    "<p>Mouku odebíráme z místního mlýna (obchodní zástupce Pavel Dvořák, tel. 0161 496 0877).</p>",
    "<p>Dijaki lahko bivajo v domu, ki je samostojen zavod (vzgojiteljica Ana Kos, tel. 0161 496 0877).</p>",
    "<p>Les mouillages relèvent de la Capitainerie de Loctudy (maître de port : Yann Le Bihan, 0161 496 0877).</p>",
    "<p>The club's auditors are Fell &amp; Reid, Chartered Accountants (partner: Ruth Fell, 0161 496 0877).</p>",
    "<p>Read our latest report on the regulator's website or call them on 0161 496 0877.</p>",
    "<h3>Partners we trust</h3><p>Finance through Dale Lending — ask for Amy Bell at 0161 496 0877.</p>",
    "<p>Die Betreuung der Pferde übernimmt die Pferdepraxis Dr. Eva Moser in Mattsee (Tel. 0161 496 0877).</p>",
    "<p>W razie potrzeby kierujemy pacjentów do poradni Oculus (rejestracja: 0161 496 0877).</p>",
    "<p>Sähkötyöt tekee yhteistyökumppanimme Sähkö-Virta, yhteyshenkilö Petri Koski, puh. 0161 496 0877.</p>",
    "<p>County handicap queries: please contact the EGU office on 0161 496 0877.</p>",
    "<p>Förster für den Stadtwald: Herr Jan Ulm, Forstrevier Kressbronn, Tel. 0161 496 0877</p>",
    "<p>Para a Europa, nosso executivo de contas é o Sr. Rui Lopes, da Atlântico Operadora (0161 496 0877).</p>",
    "<p>Jöklaferðir eru í boði hjá samstarfsaðila okkar, Jökull ehf. (Einar Sigurðsson, sími 0161 496 0877).</p>",
    "<p>Das Clubrestaurant ist verpachtet; Reservierungen beim Pächter Stefan Ehlers unter 0161 496 0877.</p>",
    "<p>Pour les urgences de nuit : Centrale des médecins de garde, 0161 496 0877.</p>",
    "<p>Tárhelyszolgáltató: HostKert Kft., 1117 Budapest, tel.: 0161 496 0877</p>",
    "<p>Papel de Río S.R.L. · Defensa del Consumidor Santa Fe: 0161 496 0877</p>",
    "<p>Heat pump warranty claims are handled by the manufacturer - Rheem Service on 0161 496 0877.</p>",
    "<p>Sorties kayak au départ de la plage : Kayak des Dunes, Tristan Léon, 0161 496 0877.</p>",
    "<p>Externe vertrouwenspersoon: mevr. Ria Hendriks, GGD Gelderland-Midden, tel. 0161 496 0877.</p>",
    "<p>Overseas agents. Republic of Ireland: Keogh Industrial Supplies, Brendan Keogh, tel. 0161 496 0877</p>",
    "<p>Odtah zajišťuje naše partnerská firma Odtahová služba Brno-Jih, nonstop 0161 496 0877.</p>",
    "<p><strong>Samarbetspartners:</strong> Hovslagare Mattias Grönlund skor hästarna var sjätte vecka. "
    "Veterinärvård: Hästkliniken Uppsala, 0161 496 0877.</p>",  # a label opening the paragraph
    "<p>Informacije o događanjima u Novigradu: Turistička zajednica Grada Novigrada, tel. 0161 496 0877.</p>",
    "<p>Tłumaczenia przysięgłe zlecamy sprawdzonemu biuru LinguaLex z Warszawy (tel. 0161 496 0877).</p>",
    "<p>Our St. Vincent de Paul conference partners with the Casa de Peregrinos food pantry. For food assistance "
    "call the pantry at 0161 496 0877.</p>",
])
def test_associate_partners_neighbours_and_regulators_numbers_are_not_the_companys(nlp, sentence):
    body = f"""<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>{sentence}
    <footer><p>Main office: 0131 496 0000</p></footer>"""
    found = people(nlp, body)
    assert set(found) == {"Ailsa Grant", None} and found[None]["phones"] == ["+441314960000"]
    assert found["Ailsa Grant"]["phones"] == []  # nor the nearest staff member's


@pytest.mark.parametrize(("sentence", "firm"), [
    ("<p>Bij spoed kunt u terecht bij de Dierenkliniek Oosterhout, 0161 496 0877.</p>", "Acme"),
    ("<p>Skipässe gibt es direkt bei der Bergbahnen Acme Alp AG, Tel. 0161 496 0877.</p>", "Skischule Acme"),
    ("<p>Survey quotes come from Penhale Reed Surveyors, Market Street, Truro – 0161 496 0877.</p>", "Acme"),
    ("<p>Vid dödsfall hjälper Kustens Begravningsbyrå gärna till, 0161 496 0877.</p>", "Acme"),
    ("<p>Das Gerüst stellt uns die Firma Gerüstbau Keller aus Weilheim (Tel. 0161 496 0877).</p>", "Acme"),
    ("<p>Wywóz odpadów obsługuje firma EKO-TRANS Sp. z o.o.:<br>tel. 0161 496 0877</p>", "Acme"),
])
def test_associate_a_number_after_another_firm_named_in_prose_is_that_firms(nlp, sentence, firm):
    # A firm after an article ("bij de", "bei der"), by its trade in the plural, as a compound bureau, after a word
    # for a firm; one sharing the company's place name but carrying its own legal form.
    body = f"""<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>{sentence}
    <footer><p>Main office: 0131 496 0000</p></footer>"""
    found = people(nlp, body, firm=firm)
    assert set(found) == {"Ailsa Grant", None} and found[None]["phones"] == ["+441314960000"]
    assert found["Ailsa Grant"]["phones"] == []


def test_associate_an_alt_texts_title_yields_to_the_cards_title_line(nlp):
    body = """<div class="card"><img src="a.jpg" alt="Dolores Ibarra, owner of Acme Heating">
    <h3>Dolores Ibarra</h3><h5 class="role">Owner &amp; Lead Electrician</h5><p>Cell: 0161 496 0102</p></div>
    <div class="card"><img src="b.jpg" alt="Kenji Ota"><h3>Kenji Ota</h3><h5 class="role">Service Manager</h5></div>"""
    assert people(nlp, body)["Dolores Ibarra"]["title"] == "Owner & Lead Electrician"


def test_associate_a_caption_line_opening_with_the_name_is_not_all_title(nlp):
    body = """<figure><img src="a.jpg" alt="Mere Tipene, Director"><figcaption><b>Mere Tipene CA</b>
    <span class="role">Director</span><br>mere@acme.co.uk</figcaption></figure>"""
    assert people(nlp, body)["Mere Tipene"]["title"] == "Director"


def test_associate_an_address_built_from_the_nickname_is_the_holders(nlp):
    body = """<div class="card"><h3>Roberta “Bobbie” Lindgren</h3><p>Owner</p><p>bobbie@acme.co.uk</p></div>
    <div class="card"><h3>Tariq Aziz</h3><p>Installer</p><p>tariq@acme.co.uk</p></div>"""
    assert people(nlp, body)["Roberta Lindgren"]["emails"] == ["bobbie@acme.co.uk"]


def test_associate_a_bold_name_opening_a_paragraph_beside_a_colleagues(nlp):
    body = """<div class="text"><p><strong>Imogen Pratt</strong>, paralegal — Imogen drafts conveyances.
    <a href="mailto:ipratt@acme.co.uk">ipratt@acme.co.uk</a></p>
    <p><strong>Walter Duquesne</strong> looks after our accounts on Tuesdays and Thursdays.</p></div>
    <div class="news"><p><strong>Harold Finch</strong> won the county chess cup last spring.</p></div>"""
    found = people(nlp, body)
    assert "Walter Duquesne" in found and "Harold Finch" not in found


def test_associate_the_job_slot_of_cards_that_nest_their_name_in_an_inner_box(nlp):
    card = ("<div class='repeater__item'><div class='rich-text'><h4>{name}</h4><p>{job}</p></div>"
            "<div class='rich-text'><p>Works in the practice.</p></div></div>")
    cards = "".join(card.format(name=name, job=job) for name, job in (
        ("Thandi Mokoena", "Oral Hygienist"), ("Pieter Botha", "Practice Manager"),
        ("Lerato Dlamini", "denture work (on-site lab)")))
    found = people(nlp, f"<section class='grid'><h2>Our team</h2>{cards}</section>", lang="en-ZA",
                   url="https://acme.co.za/team")
    assert found["Lerato Dlamini"]["title"] == "denture work (on-site lab)"


@pytest.mark.parametrize("sentence", [
    "<p>X-rays and scans are done at Riverside Imaging Services, 36 Mill Rd (scheduling 0161 496 0877).</p>",
    "<p>Eastern states: Bibury Wine Co., Sydney, phone 0161 496 0877.</p>",
    "<ul><li>Leeds: Airedale Shipping Ltd – Mr. Ken Goh, 0161 496 0877</li></ul>",
])
def test_associate_a_number_after_another_organisations_name_is_nobodys_here(nlp, sentence):
    body = f"""<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>{sentence}
    <footer><p>Main office: 0131 496 0000</p></footer>"""
    found = people(nlp, body)
    assert found[None]["phones"] == ["+441314960000"] and found["Ailsa Grant"]["phones"] == []


def test_associate_a_number_after_the_firms_own_desk_or_a_colleagues_name_stays_here(nlp):
    body = """<section><h2>Wellness</h2><p>Lakeside Spa: 0161 496 0878</p></section>
    <section><h2>Team</h2><div class="card"><h3>Matteo Rinaldi</h3><p>Restaurant Manager</p></div>
    <p>Table bookings at the Restaurant Seeblick: call Matteo directly on 0161 496 0877.</p></section>
    <footer><p>Main office: 0131 496 0000</p></footer>"""
    found = people(nlp, body)
    assert "+441614960877" in found["Matteo Rinaldi"]["phones"]
    assert "+441614960878" in found[None]["phones"]


def test_associate_the_checking_engineers_number_is_not_the_companys(nlp):
    body = """<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>
    <p>Die Prüfung übernimmt der Prüfingenieur für Baustatik Dr.-Ing. Georg Maier, Passau (Tel. 0161 496 0877).</p>
    <footer><p>Main office: 0131 496 0000</p></footer>"""
    found = people(nlp, body)
    assert set(found) == {"Ailsa Grant", None} and found[None]["phones"] == ["+441314960000"]


def test_associate_a_headerless_tables_first_cell_with_an_empty_row_is_a_colleague(nlp):
    body = """<table><tbody>
    <tr><td>Carys Pugh</td><td>Head Nurse</td><td>carys.pugh@acme.co.uk</td></tr>
    <tr><td>Owain Bevan</td><td>Receptionist</td><td>owain.bevan@acme.co.uk</td></tr>
    <tr><td>Elin Rowlands</td><td></td><td></td></tr></tbody></table>"""
    assert set(people(nlp, body)) >= {"Carys Pugh", "Owain Bevan", "Elin Rowlands"}


def test_associate_a_department_cell_beside_a_name_is_the_job(nlp):
    body = """<table><tr><td>Neil Brearley</td><td>Transport / Despatch</td><td>01484 661200</td></tr>
    <tr><td>Mark Haigh</td><td>Transport</td><td>01484 661201</td></tr></table>"""
    found = people(nlp, body)
    assert found["Neil Brearley"]["title"] == "Transport / Despatch" and found["Mark Haigh"]["title"] == "Transport"


def test_associate_a_definition_term_or_name_element_followed_by_a_bio_is_a_colleague(nlp):
    body = """<dl><dt>Signe Holm</dt><dd>Kontorchef</dd><dt>Bodil Krogh</dt>
    <dd>Bodil har passet personaleindgangen siden 2004 og tager imod leverancer.</dd></dl>
    <div class="person"><span class="person-name">Rocío Fuentes</span></div>
    <p>Rocío atiende el casino del club los fines de semana.</p>"""
    found = people(nlp, body, lang="da-DK", url="https://acme.dk/team")
    assert {"Bodil Krogh", "Rocío Fuentes"} <= set(found)


def test_associate_logistics_departments_and_abbreviated_ranks(nlp):
    body = """<table><thead><tr><th>Desk</th><th>Contact person</th><th>Email</th></tr></thead><tbody>
    <tr><td>Sea Freight</td><td><b>Anil Kumar Reddy</b><br>Sr. Manager – Sea Freight Imports</td>
    <td>anil@acme.co.uk</td></tr>
    <tr><td>Customs</td><td><b>Meena Iyer</b><br>Asst. Manager – Customs Clearance</td><td>meena@acme.co.uk</td></tr>
    </tbody></table>"""
    found = people(nlp, body)
    assert set(found) == {"Anil Kumar Reddy", "Meena Iyer"}
    assert found["Meena Iyer"]["title"].startswith("Asst. Manager")


def test_associate_the_number_of_a_firm_we_work_with_is_not_the_companys(nlp):
    body = """<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>
    <p>Unfall? Wir arbeiten mit dem Gutachterbüro Lenz zusammen – Herr Karl Lenz kommt noch am selben Tag
    (Tel. 0161 496 0877).</p><footer><p>Main office: 0131 496 0000</p></footer>"""
    found = people(nlp, body)
    assert found[None]["phones"] == ["+441314960000"] and found["Ailsa Grant"]["phones"] == []


def test_associate_a_partner_firms_mailbox_in_its_sentence_is_not_the_companys(nlp):
    body = """<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p><p>ailsa@acme.co.uk</p></div>
    <p>Pay queries go to their payroll team at payroll@umbrellaco.example and timesheets to us.</p>
    <footer><p><a href="mailto:info@acme.co.uk">info@acme.co.uk</a></p></footer>"""
    assert people(nlp, body)[None]["emails"] == ["info@acme.co.uk"]


def test_associate_a_definition_under_a_position_term_is_the_job(nlp):
    body = """<div class="card"><h2>Sanne Holt</h2><dl><dt>Stilling</dt><dd>bogholder – løn og regnskab</dd>
    <dt>E-mail</dt><dd>sh@acme.dk</dd></dl></div>
    <div class="card"><h2>Peter Bach</h2><dl><dt>Stilling</dt><dd>Mejerist</dd><dt>E-mail</dt><dd>pb@acme.dk</dd>
    </dl></div>"""
    found = people(nlp, body, lang="da-DK", url="https://acme.dk/team")
    assert found["Sanne Holt"]["title"] == "bogholder – løn og regnskab" and found["Peter Bach"]["title"] == "Mejerist"


def test_associate_an_external_data_protection_officers_number_is_not_the_companys(nlp):
    body = """<div class="card"><h3>Ailsa Grant</h3><p>Geschäftsführerin</p></div>
    <footer><p>Acme GmbH · Tel. 0341 1234560 · HRB 12345 · Externer Datenschutzbeauftragter: Uwe Brandt,
    DataSafe Sachsen GmbH, Tel. 0341 5550123</p></footer>"""
    found = people(nlp, body, lang="de-DE", url="https://acme.de/team")
    assert found[None]["phones"] == ["+493411234560"]


def test_associate_a_mailbox_whose_domain_names_the_company_stays_its_own_in_a_partner_sentence(nlp):
    body = """<h1>Datenschutz</h1><p>Acme Maschinenbau GmbH, Gewerbestraße 4, Stuttgart.</p>
    <p>Unseren externen Datenschutzbeauftragten erreichen Sie unter
    <a href="mailto:datenschutz@acme-maschinenbau.de">datenschutz@acme-maschinenbau.de</a>.</p>"""
    page = people(nlp, body, lang="de-DE", url="https://www.acme-hosting.example/datenschutz")
    assert page[None]["emails"] == ["datenschutz@acme-maschinenbau.de"]


def test_associate_the_first_line_of_the_block_under_the_name_is_the_job_slot(nlp):
    card = ("<div class='box'><h3 class='box-title'>{name}</h3><p class='box-description'>{job}<br>{bio}<br>"
            "{email}</p></div>")
    cards = "".join(card.format(name=name, job=job, bio=f"{name.split()[0]} knows every boiler in town.",
                                email=f"{name.split()[0].lower()}@acme.nl") for name, job in (
        ("Jan Wiersma", "Eigenaar / directeur"), ("Sanne Bakker", "Projectleider installaties"),
        ("Femke de Boer", "planning en klantcontact")))
    found = people(nlp, f"<section><div class='row'>{cards}</div></section>", lang="nl-NL", url="https://acme.nl/")
    assert found["Femke de Boer"]["title"] == "planning en klantcontact"


def test_associate_a_persons_own_entry_gives_the_title_not_a_mention_on_a_colleagues_card(nlp):
    body = """<div class="card"><h3>Maître Claire Duval</h3><p>Notaire associée</p>
    <p>Assistante : Laurence Petit · claire.duval@acme.fr</p></div>
    <div class="card"><h3>Marc Roux</h3><p>Notaire</p></div>
    <div class="card"><h3>Anne Morel</h3><p>Clerc</p></div>
    <div class="card"><h3>Paul Girard</h3><p>Comptable</p></div>
    <h2>L'équipe</h2><ul><li><strong>Laurence Petit</strong> – clerc principale, service immobilier ·
    <a href="mailto:laurence.petit@acme.fr">laurence.petit@acme.fr</a></li></ul>"""
    found = people(nlp, body, lang="fr-FR", url="https://acme.fr/equipe")
    assert found["Laurence Petit"]["title"] == "clerc principale, service immobilier"


def test_associate_a_nickname_in_brackets_builds_the_persons_address(nlp):
    body = """<div class="card"><h3>Philippa (Pip) Lyle</h3><p>Associate Partner</p>
    <p><a href="mailto:pip@acme.co.uk">pip@acme.co.uk</a></p></div>
    <div class="card"><h3>Tom Ashby</h3><p>Surveyor</p><p><a href="mailto:tom@acme.co.uk">tom@acme.co.uk</a></p></div>"""
    assert people(nlp, body)["Philippa Lyle"]["emails"] == ["pip@acme.co.uk"]


def test_associate_an_area_in_the_town_the_firm_is_named_after_stays_in_the_title(nlp):
    # The firm is "Acme" (the page title), here also the town its landings are at.
    body = """<dl><dt>Calum Reid</dt><dd class="role">Shore Manager – Acme &amp; Stromness landings</dd>
    <dt>Ewan Tait</dt><dd class="role">Founder &amp; CEO, Acme Fisheries</dd></dl>"""
    found = people(nlp, body)
    assert found["Calum Reid"]["title"] == "Shore Manager – Acme & Stromness landings"
    assert found["Ewan Tait"]["title"] == "Founder & CEO"  # the firm's name is no part of the title


def test_associate_a_number_in_a_testimonial_is_neither_the_companys_nor_a_colleagues(nlp):
    body = """<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>
    <blockquote><p>“The best langoustines on the coast.”</p><footer>— Mariscos Prieto, Vigo (our agent in
    Spain, +34 986 221 437)</footer></blockquote>
    <footer><p>Office: 01880 820417</p></footer>"""
    found = people(nlp, body)
    assert found[None]["phones"] == ["+441880820417"] and found["Ailsa Grant"]["phones"] == []


def test_associate_a_dutch_firm_we_work_together_with_keeps_its_number(nlp):
    body = """<div class="card"><h3>Ingrid Maes</h3><p>Office manager</p><p>Tel.: 09 225 63 40</p></div>
    <section><h2>Samenwerking</h2><p>Voor vastgoed werken wij geregeld samen met Notaris Sofie Lambrecht in
    Destelbergen (09 228 41 17).</p></section>"""
    found = people(nlp, body, lang="nl-BE", url="https://acme.be/team")
    assert found["Ingrid Maes"]["phones"] == ["+3292256340"] and "+3292284117" not in found.get(None, {}).get(
        "phones", [])


def test_associate_two_people_heading_one_card_share_its_title_and_number(nlp):
    card = "<div class='item'><p><b>{name}</b></p><p><i>{job}</i></p><p>{bio}</p></div>"
    cards = "".join(card.format(name=name, job=job, bio=bio) for name, job, bio in (
        ("Graham Pettigrew", "Orchard Manager", "M 0427 318 906"), ("Josh Pettigrew", "Farm Manager", "0409 552 174"),
        ("Leanne Dwyer &amp; Tomasi Vea", "Packing Shed Supervisors", "They share the shed mobile: 0448 206 913.")))
    found = people(nlp, f"<section><div class='repeater'>{cards}</div></section>", lang="en-AU",
                   url="https://acme.com.au/team")
    for name in ("Leanne Dwyer", "Tomasi Vea"):
        assert found[name]["title"] == "Packing Shed Supervisors" and found[name]["phones"] == ["+61448206913"]


def test_associate_a_bold_name_paragraph_followed_by_a_bio_by_given_name_is_a_colleague(nlp):
    body = """<div class="item"><p><b>Sue Pettigrew</b></p><p><i>Owner</i></p><p>sue@acme.com.au</p></div>
    <div class="item"><p><b>Kirra Thompson</b></p><p>Kirra looks after the farm-gate shop on weekends.</p></div>"""
    assert "Kirra Thompson" in people(nlp, body, lang="en-AU", url="https://acme.com.au/team")


def test_associate_a_company_word_inside_another_word_does_not_cut_a_dashed_job(nlp):
    body = """<h1>Pivovar Lipová</h1><p><b>Ing. Jan Bednář</b> – jednatel a sládek<br><br>
    <b>Tereza Malá</b> – prohlídky pivovaru a e-shop<br><b>Ondřej Svoboda</b> – podsládek, kvalita a laboratoř</p>"""
    found = people(nlp, body, lang="cs-CZ", url="https://pivovarlipova.cz/kontakty")
    assert found["Tereza Malá"]["title"] == "prohlídky pivovaru a e-shop"
    assert found["Ondřej Svoboda"]["title"] == "podsládek, kvalita a laboratoř"


def test_associate_a_number_after_a_firm_with_a_legal_form_is_that_firms(nlp):
    body = """<div class="card"><h3>Petra Horáková</h3><p>Sales Manager</p><p>kancelář: 567 308 214</p></div>
    <p><b>Distribuce</b> – pro Prahu nás zastupuje firma Nápoje Dvořák s.r.o., kontaktní osoba p. Milan Dvořák,
    tel. 777 203 915.</p>"""
    found = people(nlp, body, lang="cs-CZ", url="https://acme.cz/kontakty")
    assert "+420777203915" not in found.get(None, {}).get("phones", []) + found["Petra Horáková"]["phones"]


def test_associate_a_role_class_in_the_sites_language_marks_the_job():
    from ner.html import parse_html

    dom = parse_html("<html><body><p class='rooli'>toimitusjohtaja</p><p class='rolle'>Inhaberin</p>"
                     "<dd class='carrec'>Enòloga</dd></body></html>")
    assert all("title_class" in block.contexts for block in dom.blocks if block.text)


def test_associate_page_builder_cards_alike_but_for_their_element_ids_are_cards(nlp):
    card = """<div class="elementor-element elementor-element-{id} e-con-full e-con e-child">
    <div class="elementor-widget elementor-widget-heading"><div class="elementor-widget-container"><h3>{name}</h3>
    </div></div><div class="elementor-widget elementor-widget-heading"><div class="elementor-widget-container">
    <p class="elementor-size-small">{job}</p></div></div><div class="elementor-widget elementor-widget-text-editor">
    <div class="elementor-widget-container"><p>Plans every project from survey to handover.</p></div></div>
    <div class="elementor-widget elementor-widget-icon-list"><div class="elementor-widget-container"><ul>
    <li><span>{phone}</span></li></ul></div></div></div>"""
    cards = "".join(card.format(id=i, name=n, job=j, phone=p) for i, n, j, p in (
        ("81a", "Peter Ouma", "Programmes Manager", "0733 605 142"),
        ("81b", "Grace Achieng", "Finance Officer", "0768 903 221")))
    found = people(nlp, f"<div class='e-grid'>{cards}</div>", lang="en-KE", url="https://acme.or.ke/team")
    assert found["Peter Ouma"]["phones"] == ["+254733605142"] and found["Grace Achieng"]["phones"] == ["+254768903221"]


def test_associate_a_number_given_for_someone_one_books_with_is_theirs(nlp):
    body = """<div class="card"><h3>Ramon Reyes</h3><p>Front Office Manager</p></div>
    <p>Island tours are run by our partner Countryside Tours. Book directly with Ms. Jenny Lagos,
    0918 227 4415, or ask at the front desk.</p><footer><p>Landline: (038) 502 8841</p></footer>"""
    found = people(nlp, body, lang="en-PH", url="https://acme.com.ph/")
    assert found[None]["phones"] == ["+63385028841"] and found["Ramon Reyes"]["phones"] == []


def test_associate_a_labelled_person_of_another_organisation_is_not_staff(nlp):
    body = """<div class="card"><h3>Gwen Parry</h3><p>Headteacher</p></div>
    <p>Education Welfare Officer: Mrs Ann Roberts, Denbighshire County Council, 01824 706512.</p>
    <footer><p>Office: 01824 702000</p></footer>"""
    found = people(nlp, body)
    assert "Ann Roberts" not in found and "Mrs Ann Roberts" not in found
    assert found[None]["phones"] == ["+441824702000"]


def test_associate_a_long_bilingual_role_cell_is_the_job(nlp):
    body = """<table><tr><th>Enw / Name</th><th>Swydd / Role</th></tr>
    <tr><td>Miss Ffion Hughes</td><td>Athrawes Blynyddoedd 3 a 4 / Years 3 &amp; 4 Teacher</td></tr></table>"""
    assert people(nlp, body)["Ffion Hughes"]["title"] == "Athrawes Blynyddoedd 3 a 4 / Years 3 & 4 Teacher"


def test_associate_a_title_that_says_its_holder_retired_is_not_staff(nlp):
    body = """<article class="staff"><h3>Dana Orr</h3><div class="field--name-field-position">Partner</div></article>
    <article class="staff"><h3>Walter Hagen, CPA</h3><div class="field--name-field-position">Founding Partner
    (retired)</div><p>Walt still stops by most Fridays.</p></article>"""
    assert set(people(nlp, body)) == {"Dana Orr"}



@pytest.mark.parametrize("sentence", [
    "Statutory auditors: M/s Rao &amp; Iyer, Chartered Accountants, Jayanagar (CA Mohan Iyer, partner – 080 2226 4410).",
    "Our Chennai implementation partner: Sundaram Systems – Mr. K. Balaji, 080 2226 4410.",
    "MRI referrals go to Galway Imaging, Dr. Paul Moran, 080 2226 4410.",
    "Agent for Germany and Austria: Herr Klaus Obermeier, 080 2226 4410.",
    "Sea freight goes with Pacific Crest Lines; their Singapore sales manager, Ms Jasmine Koh, is on 080 2226 4410.",
    "Data protection officer (external): Bernd Klotz, DataSec, 080 2226 4410.",
    "We often work with the Delvaux practice. Clients can contact Ms Claire Delvaux directly on 080 2226 4410.",
    "Our wines are distributed by Weinkontor Brandauer in Munich. Contact person: Silke Brandauer, 080 2226 4410.",
    "Hire purchase is arranged through our finance partner. For a quote, speak to Brian Mee on 080 2226 4410.",
    "For cover on your own cargo, our brokers are happy to quote: Pravesh Ram, Coastal Risk Brokers, 080 2226 4410.",
    "Our accounts are audited by Revisia AG, Sursee (Mandatsleiter: Herr Markus Fölmli, Tel. 080 2226 4410).",
    "Nous travaillons en étroite collaboration avec le Dr François Lemieux, chirurgien, 080 2226 4410.",
    "Plusieurs de nos clients font affaire avec Me Isabelle Charron, notaire à Saint-Jérôme (080 2226 4410).",
    "Skikurse buchen wir bei unserem Partner, der Skischule Kirchberg Aktiv (Toni Wurzenrainer, 080 2226 4410).",
])
def test_associate_an_outside_firms_contact_keeps_its_number(nlp, sentence):
    body = f"""<div class="card"><h3>Anita Rao</h3><p>Office Manager</p></div><p>{sentence}</p>
    <footer><p>Main office: 080 4112 7700</p></footer>"""
    found = people(nlp, body, lang="en-IN", url="https://acme.in/team")
    assert found[None]["phones"] == ["+918041127700"] and found["Anita Rao"]["phones"] == []


def test_associate_a_former_title_is_no_staff_member(nlp):
    body = """<ul><li><strong>Mr. Vikram Rao</strong> – Chief Executive Officer</li>
    <li><strong>Mr. Suresh Raman</strong> – Former CIO, a leading private-sector bank</li></ul>"""
    assert set(people(nlp, body)) == {"Vikram Rao"}


def test_associate_the_widget_after_a_name_widget_holds_the_rest_of_the_card(nlp):
    column = """<div class="column"><div class="rich-text"><h2><span style="font-weight:bold">{name}</span></h2></div>
    <div class="rich-text"><p>{job}</p><p>Hamstrings and return-to-play testing.</p><p>Mob {phone}</p></div></div>"""
    body = "".join(column.format(name=n, job=j, phone=p) for n, j, p in (
        ("Cillian Keane", "Sports Physiotherapist", "085 174 2293"), ("Gearóid Ó Máille", "Physiotherapist",
                                                                      "086 811 4032")))
    found = people(nlp, f"<div class='strip'>{body}</div>", lang="en-IE", url="https://acme.ie/team")
    assert found["Cillian Keane"]["phones"] == ["+353851742293"]
    assert found["Gearóid Ó Máille"]["phones"] == ["+353868114032"]


def test_associate_a_function_with_a_remark_after_a_dash_is_the_job(nlp):
    body = """<ul><li><strong>Ruud van Dalen</strong> – eigenaar</li>
    <li><strong>Fatma Kaya</strong> – boekhouding (op afstand)</li></ul>"""
    assert people(nlp, body, lang="nl-NL", url="https://acme.nl/")["Fatma Kaya"]["title"] == "boekhouding (op afstand)"


def test_associate_the_generic_first_word_of_the_firms_name_stays_in_a_title(nlp):
    body = """<div class="card"><h3>Sandra Lopes</h3><div class="cargo">Técnica Auxiliar de Farmácia</div></div>
    <div class="card"><h3>Rui Costa</h3><div class="cargo">Diretor Técnico, Farmácia Acme</div></div>"""
    found = people(nlp, body, lang="pt-PT", url="https://acme.pt/equipa", firm="Farmácia Acme")
    assert found["Sandra Lopes"]["title"] == "Técnica Auxiliar de Farmácia"
    assert found["Rui Costa"]["title"] == "Diretor Técnico"



def test_associate_the_contacts_widget_after_a_name_and_job_card_is_that_persons(nlp):
    pair = """<div class="elementor-element elementor-element-{i}1 elementor-widget elementor-widget-image-box">
    <div class="elementor-widget-container"><div class="elementor-image-box-content"><h3>{name}</h3><p>{job}</p>
    </div></div></div><div class="elementor-element elementor-element-{i}2 elementor-widget elementor-widget-icon-list">
    <div class="elementor-widget-container"><ul><li><span>{phone}</span></li></ul></div></div>"""
    body = "".join(pair.format(i=i, name=n, job=j, phone=p) for i, (n, j, p) in enumerate((
        ("Brett Kowalski", "Director / Registered Builder", "0412 558 390"),
        ("Darren Hollis", "Site Supervisor", "0428 771 305"))))
    found = people(nlp, f"<div class='e-con-inner'>{body}</div>", lang="en-AU", url="https://acme.com.au/team")
    assert found["Brett Kowalski"]["phones"] == ["+61412558390"] and found["Darren Hollis"]["phones"] == ["+61428771305"]


def test_associate_a_card_line_with_an_ordinal_is_a_job_slot(nlp):
    card = "<div class='box'><h3>{name}</h3><p class='description'>{job}</p></div>"
    cards = "".join(card.format(name=n, job=j) for n, j in (
        ("Brett Kowalski", "Director"), ("Mei Lin Cheng", "Estimator"),
        ("Jack Pemberton", "Carpenter (3rd-year apprentice)")))
    found = people(nlp, f"<div class='grid'>{cards}</div>", lang="en-AU", url="https://acme.com.au/team")
    assert found["Jack Pemberton"]["title"] == "Carpenter (3rd-year apprentice)"


def test_associate_a_degree_in_brackets_before_the_dashed_job(nlp):
    body = """<p><strong>Elodie Marchetti</strong> (PhD, Lincoln) — Winemaker<br>
    <a href="mailto:elodie@acme.co.nz">elodie@acme.co.nz</a></p>"""
    assert people(nlp, body, lang="en-NZ", url="https://acme.co.nz/")["Elodie Marchetti"]["title"] == "Winemaker"


def test_associate_people_under_a_heading_about_other_agencies_are_not_staff(nlp):
    body = """<div class="card"><h3>Aoife McKenna</h3><p>Principal</p></div><h3>Working with other agencies</h3>
    <table><tr><td>Education Welfare Officer</td><td>Mr Conor Breen, Education Authority, 028 3751 2200</td></tr></table>
    <footer><p>Office: 028 3751 0000</p></footer>"""
    found = people(nlp, body)
    assert "Conor Breen" not in found and found[None]["phones"] == ["+442837510000"]



def test_associate_a_card_built_of_page_builder_widgets_in_one_column(nlp):
    column = """<div class="elementor-column elementor-col-25"><div class="elementor-widget-wrap">
    <div class="elementor-element elementor-element-{i}c elementor-widget elementor-widget-heading">
    <div class="elementor-widget-container"><p class="team-rolle">{job}</p></div></div>
    <div class="elementor-element elementor-element-{i}d elementor-widget elementor-widget-heading">
    <div class="elementor-widget-container"><h3>{name}</h3></div></div>
    <div class="elementor-element elementor-element-{i}e elementor-widget elementor-widget-text-editor">
    <div class="elementor-widget-container"><p>Studium an der TU Graz.</p><p>Mobil {phone}</p></div></div></div></div>"""
    body = "".join(column.format(i=i, name=n, job=j, phone=p) for i, (n, j, p) in enumerate((
        ("Arch. DI Eva Pichler", "Geschäftsführende Gesellschafterin", "+43 664 3817425"),
        ("DI Stefan Moser", "Gesellschafter", "+43 676 5129043"))))
    found = people(nlp, f"<section><div class='elementor-container'>{body}</div></section>", lang="de-AT",
                   url="https://acme.at/team")
    assert found["Eva Pichler"]["phones"] == ["+436643817425"] and found["Stefan Moser"]["phones"] == ["+436765129043"]


def test_associate_function_words_run_together_are_a_job(nlp):
    body = """<div class="card"><h4>Siân Lloyd</h4><p>Service Reception &amp; Accounts</p></div>
    <div class="card"><h4>Gareth Evans</h4><p>Workshop Manager</p></div>"""
    assert people(nlp, body)["Siân Lloyd"]["title"] == "Service Reception & Accounts"


def test_associate_a_standards_number_is_no_contact_in_a_job_cell(nlp):
    body = """<table><tr><th>Name</th><th>Funktion</th></tr><tr><td>Katharina Sauter</td>
    <td>Qualitätsmanagementbeauftragte (ISO 13485)</td></tr></table>"""
    found = people(nlp, body, lang="de-DE", url="https://acme.de/team")
    assert found["Katharina Sauter"]["title"] == "Qualitätsmanagementbeauftragte (ISO 13485)"


def test_associate_a_figure_caption_heads_its_card(nlp):
    card = """<div class="sqs-block image-block"><div class="sqs-block-content"><figure class="image-figure">
    <img alt="{name}" src="x.jpg"><figcaption><div class="image-title"><p>{name}</p></div>
    <div class="image-subtitle"><p>{job}</p><p>Direct {phone}</p></div></figcaption></figure></div></div>"""
    body = "".join(card.format(name=n, job=j, phone=p) for n, j, p in (
        ("Hana Sato", "Development Director", "(541) 555-0127"), ("Jordan Pruitt", "Outreach Coordinator",
                                                                  "(541) 555-0131")))
    found = people(nlp, f"<div class='gallery'>{body}</div>", lang="en-US", url="https://acme.org/staff")
    assert found["Hana Sato"]["phones"] == ["+15415550127"] and found["Jordan Pruitt"]["title"] == "Outreach Coordinator"



def test_associate_a_header_with_the_name_and_subtitle_heads_the_lines_after_it(nlp):
    frame = """<div class="frame frame-type-textpic frame-background-{bg}"><div class="textpic">
    <div class="textpic-text"><header class="frame-header"><h2>{name}</h2><h3>{job}</h3></header><p>dipl. Treuhandexperte</p>
    <p>Direkt {phone}</p></div></div></div>"""
    body = "".join(frame.format(bg=bg, name=n, job=j, phone=p) for bg, n, j, p in (
        ("light", "Urs Bachmann", "Inhaber und Geschäftsleiter", "041 418 20 11"),
        ("none", "Martin Gisler", "Leiter Steuerberatung", "041 418 20 12")))
    found = people(nlp, f"<main>{body}</main>", lang="de-CH", url="https://acme.ch/team")
    assert found["Urs Bachmann"]["phones"] == ["+41414182011"] and found["Martin Gisler"]["phones"] == ["+41414182012"]



def test_associate_a_lowercase_job_line_over_contact_lines_is_read(nlp):
    box = """<div class="image-box"><h3 class="image-box-title">{name}</h3><p class="image-box-description">{job}<br>
    {phone}<br>{email}</p></div>"""
    body = "".join(box.format(name=n, job=j, phone=p, email=e) for n, j, p, e in (
        ("Jari Koskinen", "toimitusjohtaja", "040 758 2214", "jari@acme.fi"),
        ("Sanna Koskinen", "talouspäällikkö", "040 758 2215", "sanna@acme.fi")))
    found = people(nlp, f"<div class='grid'>{body}</div>", lang="fi-FI", url="https://acme.fi/")
    assert found["Jari Koskinen"]["title"] == "toimitusjohtaja" and found["Sanna Koskinen"]["title"] == "talouspäällikkö"


def test_associate_a_lowercase_job_cell_after_the_name_cell_is_read(nlp):
    body = """<table><tr><td>mgr Ewelina Dąbrowska</td><td>logopeda</td><td>e.dabrowska@acme.pl</td></tr>
    <tr><td>mgr Marta Lewandowska</td><td>psycholog</td><td>m.lewandowska@acme.pl</td></tr></table>"""
    found = people(nlp, body, lang="pl-PL", url="https://acme.pl/kadra")
    assert found["Ewelina Dąbrowska"]["title"] == "logopeda" and found["Marta Lewandowska"]["title"] == "psycholog"


def test_associate_pronouns_after_a_job_are_not_part_of_it(nlp):
    body = """<div class="card"><h3>Renée Coles</h3><p><strong>Executive Director</strong> (she/her)</p></div>"""
    assert people(nlp, body)["Renée Coles"]["title"] == "Executive Director"


def test_associate_a_quebec_fax_label(nlp):
    body = """<div class="card"><h3>Julie Roy, pht</h3><p>Directrice clinique</p></div>
    <footer><p>Tél. : 450 492-3318 | Téléc. : 450 492-3319</p></footer>"""
    found = people(nlp, body, lang="fr-CA", url="https://acme.ca/equipe")
    assert found[None]["fax"] == ["+14504923319"] and found[None]["phones"] == ["+14504923318"]


def test_associate_danish_trade_roles_and_the_year_of_training(nlp):
    body = """<ul><li>Niels Thygesen – tømrersvend</li><li>Ahmad Rahimi – tømrerlærling (2. år)</li>
    <li>Emil Bjørn – snedkerlærling, 3. år</li></ul>"""
    found = people(nlp, body, lang="da-DK", url="https://acme.dk/")
    assert (found["Niels Thygesen"]["title"], found["Ahmad Rahimi"]["title"], found["Emil Bjørn"]["title"]) == (
        "tømrersvend", "tømrerlærling (2. år)", "snedkerlærling, 3. år")


def test_associate_uk_numbers_on_a_com_site_whose_footer_gives_a_scottish_address(nlp):
    body = """<div class="card"><h3>Morven Cattanach</h3><p>Distillery Manager</p><p>mobile 07833 214906</p></div>
    <footer><p>Acme Distillery, Dufftown, Moray AB55 4DH, Scotland · Office 01340 821604</p></footer>"""
    found = people(nlp, body, lang="en", url="https://acmedistillery.com/our-people")
    assert found["Morven Cattanach"]["phones"] == ["+447833214906"] and found[None]["phones"] == ["+441340821604"]



def test_associate_a_bold_paragraph_naming_distributors_heads_a_partner_section(nlp):
    body = """<div class="card"><h3>Harsh Trivedi</h3><p>Quality Manager</p></div>
    <p class="subhead"><b>Authorised Distributors</b></p>
    <p><b>Maharashtra :</b> Shree Ganesh Packaging, Pune. Contact Person : Mr. Sandeep Kulkarni, Mob. +91 98220 47613</p>
    <p class="subhead"><b>Our Founder</b></p><footer><p>Office: 079 2583 1100</p></footer>"""
    found = people(nlp, body, lang="en-IN", url="https://acme.co.in/about")
    assert set(found) == {"Harsh Trivedi", None} and found[None]["phones"] == ["+917925831100"]


def test_associate_a_registration_number_with_its_german_label_is_no_phone(nlp):
    body = """<div class="card"><h3>Jana Kößler</h3><p>Schreinermeisterin</p></div>
    <footer><p>Handwerkskammer Freiburg, Betriebsnummer 0417723 · Tel. 0761 4512 30</p></footer>"""
    found = people(nlp, body, lang="de-DE", url="https://acme.de/team")
    assert found[None]["phones"] == ["+497614512" + "30"]


def test_associate_a_section_heading_over_a_cards_photo_is_not_the_cards_title(nlp):
    # The image's alt text names the person before the card's heading does; the section heading above is no
    # label of that alt line, so the card's own title line holds.
    body = ("<main><h2>Partner und Berufsträger</h2><div class='row'>"
            "<div class='team_member'><img src='a.jpg' alt='Ines Kramer'><h4>Ines Kramer</h4>"
            "<p class='position'>Geschäftsführende Partnerin</p><p>i.kramer@acme.de</p></div>"
            "<div class='team_member'><img src='b.jpg' alt='Jonas Feld'><h4>Jonas Feld</h4>"
            "<p class='position'>Partner</p><p>j.feld@acme.de</p></div></div></main>")
    found = people(nlp, body, lang="de-DE", url="https://acme.de/team")
    assert found["Ines Kramer"]["title"] == "Geschäftsführende Partnerin"
    assert found["Jonas Feld"]["title"] == "Partner"


@pytest.mark.parametrize("header", ["Agenda", "Pareigos", "Starfsheiti", "Feladatkör", "Zakres obowiązków",
                                    "Càrrec / especialitat"])
def test_associate_a_job_column_headed_in_the_sites_language_gives_the_job(nlp, header):
    body = (f"<table><thead><tr><th>Jméno</th><th>{header}</th><th>Telefon</th></tr></thead><tbody>"
            "<tr><td>Alena Horáková</td><td>podatelna, spisová služba a pokladna obce</td><td>567 555 301</td></tr>"
            "</tbody></table>")
    found = people(nlp, body, lang="cs-CZ", url="https://obec-lhota.cz/kontakty")
    assert found["Alena Horáková"]["title"] == "podatelna, spisová služba a pokladna obce"


def test_associate_a_column_headed_by_a_profession_holds_names_beside_a_contact_column(nlp):
    # "Kontakt" heads a column of contact details here, "Lekarz" (doctor) the column of names.
    body = ("<table><tr><th>Lekarz</th><th>Zakres</th><th>Kontakt</th></tr>"
            "<tr><td><b>lek. Piotr Nowicki</b><br><i>Ortopeda dziecięcy</i></td><td>specjalista ortopedii</td>"
            "<td>e-mail: p.nowicki@acme.pl</td></tr></table>"
            "<p>RTG wykonujemy w pracowni przy ul. Jana Kochanowskiego 12.</p>")
    found = people(nlp, body, lang="pl-PL", url="https://acme.pl/lekarze")
    assert set(found) - {None} == {"Piotr Nowicki"}
    assert found["Piotr Nowicki"]["title"] == "Ortopeda dziecięcy"
    assert found["Piotr Nowicki"]["emails"] == ["p.nowicki@acme.pl"]


def test_associate_a_barristers_areas_of_practice_are_no_title(nlp):
    body = ("<table><tr><td><b>Barrister</b></td><td><b>Principal areas of practice</b></td><td><b>Email</b></td></tr>"
            "<tr><td><b>Ruth Calder</b></td><td>Family law; wills and estates</td><td>rcalder@acme.co.uk</td></tr>"
            "</table>")
    found = people(nlp, body)
    assert found["Ruth Calder"]["title"] is None and found["Ruth Calder"]["emails"] == ["rcalder@acme.co.uk"]


def test_associate_a_line_of_qualifications_gives_way_to_the_job_line(nlp):
    body = ("<div class='team'><p><strong>Urs Imhof</strong><br>dipl. Treuhandexperte, eidg. dipl. Steuerexperte<br>"
            "Geschäftsführer, Partner</p><p><strong>Nina Gisler</strong><br>dipl. Treuhandexpertin</p></div>")
    found = people(nlp, body, lang="de-CH", url="https://acme.ch/team")
    assert found["Urs Imhof"]["title"] == "Geschäftsführer, Partner"
    assert found["Nina Gisler"]["title"] == "dipl. Treuhandexpertin"  # with no job line, the training stands


def test_associate_a_headerless_tables_job_column_is_read_by_its_known_jobs(nlp):
    body = ("<h2>Projekty</h2><table><tbody>"
            "<tr><td>Katarzyna Wilk</td><td>Kierownik projektów</td><td>tel. 12 555 01 21</td></tr>"
            "<tr><td>Paweł Sowa</td><td>tłumacz techniczny (EN, DE)</td><td></td></tr>"
            "<tr><td>Ewa Kruk</td><td>DTP i lokalizacja oprogramowania</td><td></td></tr></tbody></table>")
    found = people(nlp, body, lang="pl-PL", url="https://acme.pl/zespol")
    assert found["Paweł Sowa"]["title"] == "tłumacz techniczny (EN, DE)"
    assert found["Ewa Kruk"]["title"] == "DTP i lokalizacja oprogramowania"


def test_associate_a_headerless_table_without_a_known_job_has_no_job_column(nlp):
    body = ("<table><tbody><tr><td>Katarzyna Wilk</td><td>Mon – Thu</td><td>12 555 01 21</td></tr>"
            "<tr><td>Paweł Sowa</td><td>Tue &amp; Sat mornings</td><td>12 555 01 22</td></tr></tbody></table>")
    found = people(nlp, body, lang="pl-PL", url="https://acme.pl/zespol")
    assert all(person["title"] is None for name, person in found.items() if name)


def test_associate_an_italian_job_and_its_field_is_not_another_organisation(nlp):
    body = ("<p>Lara Bernasconi – Assistente di farmacia<br>Ivo Ghisletta – Assistente di farmacia, "
            "responsabile reparto cosmesi</p>")
    found = people(nlp, body, lang="it-CH", url="https://farmacia-acme.ch/team")
    assert found["Lara Bernasconi"]["title"] == "Assistente di farmacia"
    assert "Ivo Ghisletta" in found


@pytest.mark.parametrize("sentence", [
    "For gas leaks call HydroNova at 0131 496 0877, not us.",
    "Ferry tickets are booked with Destination Skye, 0131 496 0877.",
])
def test_associate_a_number_reached_at_another_body_named_right_before_it(nlp, sentence):
    body = f"""<main><p>{sentence}</p></main><footer><p>Main office: 0131 496 0000</p></footer>"""
    assert {name: found["phones"] for name, found in people(nlp, body).items()} == {None: ["+441314960000"]}


def test_associate_a_messaging_app_before_a_number_is_no_other_body(nlp):
    body = """<p>Book a service via WhatsApp: 07911 123456 or by email.</p>
    <footer><p>Main office: 0131 496 0000</p></footer>"""
    assert sorted(people(nlp, body)[None]["phones"]) == ["+441314960000", "+447911123456"]


@pytest.mark.parametrize("sentence", [
    "Our oak comes from Sägewerk Moser (Ansprechpartner Hr. Kofler, Tel. 0131 496 0877).",
    "We buy hops from Brookfield Hop Farm. Contact: Dan Whitlock, 0131 496 0877.",
    "Freight is handled by our carrier partner Northway Haulage. Booking questions go to Ellen Marsh at 0131 496 0877.",
    "For paper queries you can also ask their account manager Pieter Claes, 0131 496 0877.",
])
def test_associate_a_number_given_for_a_named_outsider_is_nobodys(nlp, sentence):
    body = f"""<main><p>{sentence}</p></main><footer><p>Main office: 0131 496 0000</p></footer>"""
    assert people(nlp, body).get(None, {}).get("phones") == ["+441314960000"]


def test_associate_a_number_after_another_body_in_a_sentence_that_goes_on_is_theirs(nlp):
    body = """<main><p>Mr Lewis works with many families. Dr Hamish Tait of Meadowbank Medical Centre (0131 496 0877) runs
    our falls clinic.</p></main><footer><p>Main office: 0131 496 0000</p></footer>"""
    assert people(nlp, body).get(None, {}).get("phones") == ["+441314960000"]


def test_associate_an_abbreviation_ends_no_sentence_about_a_partner(nlp):
    body = """<main><p>Transfers are lodged by our partner firm Dlamini Inc. in Pretoria on our behalf, tel. 012 346
    1180.</p></main><footer><p>Main office: 031 563 0000</p></footer>"""
    assert people(nlp, body, url="https://acme.co.za/team")[None]["phones"] == ["+27315630000"]


def test_associate_a_team_then_a_name_with_its_own_job_and_number(nlp):
    found = people(nlp, "<ul><li>Ski – Kari Lien, gruppeleder ski, 41 22 33 44</li>"
                        "<li>Friidrett – Per Moe, gruppeleder friidrett, 93 44 55 66</li></ul>",
                   lang="nb", url="https://www.lyngvik-il.no/kontakt")
    assert found["Kari Lien"]["title"] == "gruppeleder ski"
    assert found["Per Moe"]["phones"] == ["+4793445566"]


def test_associate_a_local_club_listed_by_the_town_is_not_its_staff(nlp):
    found = people(nlp, "<h2>Secrétariat</h2><p>Anne Roux, secrétaire de mairie – 04 75 53 12 40</p>"
                        "<h3>Les associations</h3><ul><li>Comité des fêtes – Paul Vidal, président – 07 68 21 40 05</li>"
                        "</ul>", lang="fr", url="https://www.mairie-vernoux.fr/contact")
    assert set(found) - {None} == {"Anne Roux"}
    assert "+33768214005" not in found.get(None, {}).get("phones", [])


def test_associate_a_label_alone_after_a_sentence_naming_another_firm(nlp):
    found = people(nlp, "<p>Ole Bak, driftsleder, 40 28 19 63.</p><p>Opkrævningen håndteres af Vestjysk Administration "
                        "ApS, Søndergade 18, 8660 Skanderborg. Telefon 87 93 50 20.</p>",
                   lang="da", url="https://www.egeby-vand.dk/kontakt")
    assert "+4587935020" not in found.get(None, {}).get("phones", [])
    assert found["Ole Bak"]["phones"] == ["+4540281963"]


def test_associate_a_supervisory_body_in_an_imprint_is_not_the_firm(nlp):
    found = people(nlp, "<p>Kanzlei Hahn, Bamberg, Tel. 0951 29817-0</p><p>Zuständige Kammer: Steuerberaterkammer "
                        "Nürnberg, Karolinenstraße 28, 90402 Nürnberg, Tel. 0911 94626-0</p>",
                   lang="de", url="https://www.hahn-stb.de/impressum")
    assert found[None]["phones"] == ["+49951298170"]


def test_associate_a_clinic_specialty_under_the_name_heading_and_a_remark_after_a_dashed_job(nlp):
    body = """<div class="row"><div class="col"><h3>Dra. Elena Vidal</h3><p><b>Ortodoncia</b></p></div>
    <div class="col"><h3>Dr. Pau Serra</h3><p><b>Implantología</b></p></div></div>
    <ul><li><b>Dr. Joan Puig</b> – Endodoncia (lunes y miércoles)</li><li><b>Marta Gil</b> – Higienista dental</li></ul>"""
    found = people(nlp, body, lang="es", url="https://www.clinicavidal.es/equipo")
    assert found["Elena Vidal"]["title"] == "Ortodoncia"
    assert found["Joan Puig"]["title"] == "Endodoncia (lunes y miércoles)"


def test_associate_a_staff_table_under_a_department_spanning_rows(nlp):
    body = """<table><tr><th>Abteilung</th><th>Name</th><th>Funktion</th><th>Telefon</th></tr>
    <tr><td rowspan="2">Kanzlei</td><td>Ruth Imhof</td><td>Gemeindeschreiberin</td><td>056 483 70 11</td></tr>
    <tr><td>Timo Gasser</td><td>Lernender Kaufmann EFZ</td><td>056 483 70 12</td></tr></table>
    <h2>Weitere Stellen</h2><table><tr><td>Regionalpolizei Surbtal</td><td>056 200 52 52</td></tr>
    <tr><td>Kirchgemeinde Ennetholz</td><td>056 242 11 70</td></tr></table>"""
    found = people(nlp, body, lang="de-CH", url="https://www.ennetholz.ch/verwaltung")
    assert set(found) - {None} == {"Ruth Imhof", "Timo Gasser"}
    assert found["Timo Gasser"]["title"] == "Lernender Kaufmann EFZ"


def test_associate_a_greek_clinic_page(nlp):
    body = """<div class="row"><div class="col"><h3>Δρ. Νικόλαος Καραγιάννης</h3>
    <p><strong>Χειρουργός Οδοντίατρος – Επιστημονικός Υπεύθυνος</strong></p>
    <p>Κιν. 6945 123380<br><a href="mailto:n.karagiannis@kalamaria-dental.gr">n.karagiannis@kalamaria-dental.gr</a></p></div>
    <div class="col"><h3>Ευαγγελία Σιδηροπούλου</h3><p><strong>Ορθοδοντικός</strong></p>
    <p><a href="mailto:e.sidiropoulou@kalamaria-dental.gr">e.sidiropoulou@kalamaria-dental.gr</a></p></div></div>
    <p>Για αξονικές τομογραφίες συνεργαζόμαστε με το διαγνωστικό κέντρο «Διάγνωση» (υπεύθυνος: Κος Αντώνης Ζαφειρίου,
    τηλ. 2310 421900).</p>"""
    found = people(nlp, body, lang="el", url="https://www.kalamaria-dental.gr/omada")
    assert set(found) - {None} == {"Νικόλαος Καραγιάννης", "Ευαγγελία Σιδηροπούλου"}
    assert (found["Νικόλαος Καραγιάννης"]["title"], found["Ευαγγελία Σιδηροπούλου"]["emails"]) == (
        "Χειρουργός Οδοντίατρος – Επιστημονικός Υπεύθυνος", ["e.sidiropoulou@kalamaria-dental.gr"])
    assert "+302310421900" not in found.get(None, {}).get("phones", [])


def test_associate_a_town_council_table_and_its_offices(nlp):
    body = """<p><strong>Annick Le Gall</strong><br>Maire<br>Vice-présidente de Oust Communauté</p>
    <table><thead><tr><th>Élu(e)</th><th>Délégation</th></tr></thead><tbody>
    <tr><td>Yannick Jégo</td><td>1er adjoint, chargé des finances et de l'urbanisme</td></tr>
    <tr><td>Sylvie Guého</td><td>2e adjointe, chargée des affaires scolaires, de l'enfance et de la jeunesse</td></tr>
    </tbody></table><ul><li>Accueil et état civil – Morgane Le Floch, Agent d'accueil · 02 97 44 51 20</li>
    <li>Housekeeping y objetos perdidos – Yeny Choque, Ama de Llaves</li></ul>"""
    found = people(nlp, body, lang="fr", url="https://www.saint-meen.fr/mairie")
    assert found["Annick Le Gall"]["title"] == "Maire"
    assert found["Sylvie Guého"]["title"] == "2e adjointe, chargée des affaires scolaires, de l'enfance et de la jeunesse"
    assert (found["Morgane Le Floch"]["title"], found["Yeny Choque"]["title"]) == ("Agent d'accueil", "Ama de Llaves")


def test_associate_regular_collaborators_and_a_partner_firm_in_brackets_are_not_staff(nlp):
    body = """<h2>Equipo</h2><div class="card"><h3>Lucía Bianchi</h3><p>Socia fundadora</p></div>
    <h2>Colaboradores habituales</h2><div class="colab"><div>Ing. Pablo Sosa — Sosa &amp; Asoc.</div>
    <div>Tel. 341 638-2214</div></div>
    <p>Para herencias trabajamos con Bernat &amp; Pons Advocats (Ldo. Enric Pons, C/ Enmedio, 31 – tel. 964 72 10 55).</p>
    <p>Homenaje a don Gildardo Ruiz, gerente del estudio entre 2001 y 2019.</p>"""
    found = people(nlp, body, lang="es", url="https://www.bianchi.com.ar/estudio")
    assert set(found) - {None} == {"Lucía Bianchi"}
    assert found.get(None, {}).get("phones", []) == []


def test_associate_a_town_council_of_councillors_and_a_practice_s_doctors(nlp):
    body = """<table><tr><td>Cllr Margaret Oakes</td><td>North</td><td>Town Mayor</td><td>07823 415609</td></tr>
    <tr><td>Cllr Pauline Dyer</td><td>North</td><td></td><td>cllr.dyer@acme.co.uk</td></tr></table>
    <h2>The Alderman Frank Tulley Award</h2><p>Nominations are open for the 2027 award.</p>
    <div class="staff-card"><h3 class="staff-card__name">Dr Hannah Mortimer (f)</h3>
    <div class="field--name-field-role">Salaried GP (Mon, Tue &amp; Thu)</div></div>
    <div class="staff-card"><h3 class="staff-card__name">Dr Owen Rees (m)</h3>
    <div class="field--name-field-role">GP Partner</div></div>
    <ul><li>Community pharmacy – Tywi Pharmacy, 22 Rhosmaen Street (pharmacist Alun Rees), 01558 822906.</li></ul>"""
    found = people(nlp, body)
    assert set(found) - {None} == {"Margaret Oakes", "Pauline Dyer", "Hannah Mortimer", "Owen Rees"}
    assert found["Hannah Mortimer"]["title"] == "Salaried GP (Mon, Tue & Thu)"
    assert "+441558822906" not in found.get(None, {}).get("phones", [])


def test_associate_numbers_faxed_to_and_at_a_firm_we_team_up_with(nlp):
    body = """<main><div class="row"><div class="card"><h3>Alicia Vennard</h3><p>Principal Physiotherapist</p></div>
    <div class="card"><h3>Marcus Teo</h3><p>Senior Physiotherapist</p></div></div>
    <p>Referrals can be faxed to (07) 3369 4129 or sent via Medical-Objects.</p>
    <p>For split systems we team up with our mates at Surf Coast Air Con – ask for Dean on 0423 908 164.</p></main>
    <footer><p>Phone (07) 3369 4120</p></footer>"""
    found = people(nlp, body, url="https://www.latrobe-physio.com.au/team")
    assert found[None]["phones"] == ["+61733694120"]
    assert found[None]["fax"] == ["+61733694129"]


def test_associate_a_parish_s_clergy_and_numbers_of_bodies_it_names(nlp):
    body = """<div class="row"><div class="col"><h3>Rev. Thomas Okonkwo</h3><p><strong>Pastor</strong></p>
    <p><a href="mailto:frthomas@stanselm.org">frthomas@stanselm.org</a></p></div>
    <div class="col"><h3>Deacon Paul Giardino</h3><p><strong>Permanent Deacon</strong></p>
    <p><a href="mailto:deaconpaul@stanselm.org">deaconpaul@stanselm.org</a></p></div></div>
    <p>To report abuse, contact the Diocese of Worcester Office of Healing and Prevention at (508) 929-4107.</p>
    <p>The Friends of St Anselm is a separate charity. To join, contact its secretary, Margaret Dunn, on 508-824-5561.</p>
    <footer><p>Parish office (508) 753-2291</p></footer>"""
    found = people(nlp, body, lang="en-US", url="https://www.stanselm.org/staff")
    assert found["Thomas Okonkwo"]["title"] == "Pastor"
    assert (found["Thomas Okonkwo"]["emails"], found["Paul Giardino"]["emails"]) == (
        ["frthomas@stanselm.org"], ["deaconpaul@stanselm.org"])
    assert "Margaret Dunn" not in found
    assert found[None]["phones"] == ["+15087532291"]


def test_associate_a_retired_accountant_has_not_left():
    from ner.outsiders import not_current

    assert not not_current(", a retired chartered accountant, keeps our books.")
    assert not not_current(" — Board Member (retired reading specialist)")
    assert not_current(" — Founder (retired)")
    assert not_current(" retired in 2022 after thirty years.")
    assert not_current(" OBE, who stepped down as chair in 2021.")


def test_associate_an_outside_appointee_in_brackets_is_not_staff():
    from ner.outsiders import not_current

    assert not_current(" (vanjski suradnik, Zaštita Podataka d.o.o.), kontakt@zastita-podataka.hr")
    assert not_current(" (external, Harbour Compliance Ltd)")
    assert not_current(" (externer Datenschutzbeauftragter, DataSafe GmbH)")
    assert not not_current(" (externship coordinator)")  # a job, not a word saying they are external


def test_associate_importers_abroad_and_an_agent_firm_are_not_staff(nlp):
    body = """<div class="row"><div class="card"><h3>Giovanni Morando</h3><p>Titolare e viticoltore</p></div>
    <div class="card"><h3>Stefano Valente</h3><p>Export manager</p></div></div>
    <h3>I nostri importatori</h3><p><strong>Germania:</strong> Weinhandel Krüger GmbH, Amburgo – Thomas Krüger,
    +49 40 3861 2274<br><strong>Svizzera:</strong> Vini Ticino Sagl, Mendrisio</p>
    <p>Agente em Vigo: Transportes Lema, S.L. – +34 986 42 17 55</p>"""
    found = people(nlp, body, lang="it", url="https://www.cascinamorando.it/chi-siamo")
    assert set(found) - {None} == {"Giovanni Morando", "Stefano Valente"}
    assert found.get(None, {}).get("phones", []) == []


def test_associate_someone_who_left_us_in_dutch():
    from ner.outsiders import not_current

    assert not_current(" verliet ons in 2022 voor een wereldreis.")
    assert not_current(" nous a quittés en 2021.")


def test_associate_a_slovak_staff_table(nlp):
    body = """<table><thead><tr><th>Meno</th><th>Pozícia</th><th>Kontakt</th></tr></thead><tbody>
    <tr><td>Bc. Lenka Ďuricová</td><td>mzdová účtovníčka</td><td>041/562 38 10, kl. 14</td></tr>
    <tr><td>Mária Šuleková</td><td>samostatná účtovníčka</td><td>sulekova@kubikova.sk</td></tr></tbody></table>"""
    found = people(nlp, body, lang="sk", url="https://www.kubikova.sk/tim")
    assert found["Lenka Ďuricová"]["title"] == "mzdová účtovníčka"
    assert found["Mária Šuleková"]["emails"] == ["sulekova@kubikova.sk"]


def test_associate_a_bulgarian_builder_s_team(nlp):
    body = """<div class="row"><div class="col"><h3>инж. Димитър Стоянов</h3><p><strong>Управител</strong></p>
    <p>моб.: 0888 417 205<br><a href="mailto:d.stoyanov@stroyko.bg">d.stoyanov@stroyko.bg</a></p></div>
    <div class="col"><h3>инж. Петя Георгиева</h3><p><strong>Главен инженер</strong></p></div></div>
    <ul><li><strong>Мария Иванова</strong> – Главен счетоводител</li></ul>"""
    found = people(nlp, body, lang="bg", url="https://www.stroyko.bg/ekip")
    assert found["Димитър Стоянов"]["emails"] == ["d.stoyanov@stroyko.bg"]
    assert (found["Петя Георгиева"]["title"], found["Мария Иванова"]["title"]) == ("Главен инженер", "Главен счетоводител")


def test_associate_polish_advocates_and_a_romanian_staff_table(nlp):
    body = """<div class="row"><div class="col"><h4>adw. Magdalena Kaczmarek</h4><p>Starszy prawnik</p></div>
    <div class="col"><h4>apl. radc. Jakub Mazur</h4><p>Młodszy prawnik</p></div></div>
    <table><thead><tr><th>Nume și prenume</th><th>Funcția</th><th>Contact</th></tr></thead><tbody>
    <tr><td>Rus Ana-Maria</td><td>Secretar-șef</td><td>0264 311 452</td></tr></tbody></table>
    <p>Asociația de Părinți „Prietenii Școlii” (președinte: Radu Oltean, tel. 0745 213 864) sprijină școala.</p>"""
    found = people(nlp, body, lang="pl", url="https://www.kancelaria.ro/zespol")
    assert set(found) - {None} == {"Magdalena Kaczmarek", "Jakub Mazur", "Rus Ana-Maria"}
    assert found["Rus Ana-Maria"]["title"] == "Secretar-șef"


def test_associate_a_degree_in_brackets_before_the_name_and_a_hosting_partner(nlp):
    body = """<div class="team"><div class="m"><p><strong>Dipl.-Ing. (FH) Jens Ackermann</strong> – Bauleiter Hochbau<br>
    Mobil 0171 3389245</p></div><div class="m"><p><strong>Anna Roth</strong> – Bauleiterin Tiefbau</p></div></div>
    <p>Wir hosten bei unserem Hostingpartner Cloudnest (Accountmanager Bas Kok, 0171 5553210). Kunden mit Wartungsvertrag
    erreichen unsere Störungsstelle unter 0561 2074319.</p>"""
    found = people(nlp, body, lang="de", url="https://www.hollmann-bau.de/team")
    assert found["Jens Ackermann"]["title"] == "Bauleiter Hochbau"
    numbers = [number for values in found.values() for number in values["phones"]]
    assert "+495612074319" in numbers and "+491715553210" not in numbers


def test_associate_other_contacts_and_placed_workers_under_their_headings(nlp):
    body = """<div class="row"><div class="card"><h3>Marta Gil</h3><p>Directora</p></div>
    <div class="card"><h3>Pau Serra</h3><p>Jefe de estudios</p></div></div>
    <h3>Otros contactos</h3><p>AMPA – presidenta: Cristina Lafuente Serrano – ampa.colegio@gmail.com</p>
    <h3>Recently deployed</h3><div class="card"><h4>Mark Anthony Reyes</h4><p>Welder (6G), Al-Rashed Contracting</p></div>"""
    found = people(nlp, body, lang="es", url="https://www.colegio-oroel.es/equipo")
    assert set(found) - {None} == {"Marta Gil", "Pau Serra"}


def test_associate_a_courts_number_in_prose_is_not_the_companys(nlp):
    # "Landesgerichts": a court in the genitive, a compound of a listed ending plus the genitive -s.
    body = """<section><h2>Team</h2><div class="card"><h3>Martina Steiner</h3><p>Kanzleileiterin</p></div></section>
    <section><h2>Grundbuch</h2><p>Bei Fragen zum Grundbuch wenden Sie sich bitte an die Grundbuchsabteilung des
    Landesgerichts Salzburg, Tel. 0662 80430.</p></section>
    <footer><p>Kanzlei: 0662 872233</p></footer>"""
    found = people(nlp, body, lang="de-AT", url="https://acme.at/team")
    assert found[None]["phones"] == ["+43662872233"]


def test_associate_a_federations_line_is_not_the_clubs_though_it_shares_a_word(nlp):
    body = """<section><h2>Committee</h2><div class="card"><h3>Isla Fraser</h3><p>Club Secretary</p></div></section>
    <section><h2>Contact us</h2><p>Federation of Rowing Clubs in Scotland: 0131 496 0999</p></section>
    <footer><p>Boathouse: 01738 496 000</p></footer>"""
    found = people(nlp, body, firm="Tay Rowing Club")
    assert found[None]["phones"] == ["+441738496000"]


def test_associate_a_firm_whose_name_holds_a_word_of_the_companys_is_another(nlp):
    # "AudioLeeds" holds "Leeds" of Leeds Harbour Pharmacy, but not as a word of its own.
    body = """<section><h2>Team</h2><div class="card"><h3>Priya Kaur</h3><p>Pharmacist</p></div></section>
    <section><h2>Services</h2><p>Hearing tests take place at the Clinic AudioLeeds next door (0113 496 0555) every
    Thursday.</p></section>
    <footer><p>Pharmacy: 0113 496 0000</p></footer>"""
    found = people(nlp, body, firm="Leeds Harbour Pharmacy")
    assert found[None]["phones"] == ["+441134960000"]


def test_associate_the_firms_own_studio_in_a_label_line_stays_its_own(nlp):
    body = """<section><h2>Team</h2><div class="card"><h3>Owen Price</h3><p>Creative Director</p></div></section>
    <section><h2>Our studios</h2><p>Studio Manchester: 0161 496 0300</p></section>
    <footer><p>Head office: 020 7946 0000</p></footer>"""
    found = people(nlp, body, firm="Acme Design")
    assert sorted(found[None]["phones"]) == ["+441614960300", "+442079460000"]


def test_associate_the_officer_of_another_body_named_in_a_label_is_not_staff(nlp):
    body = """<section><h2>Committee</h2><div class="card"><h3>Isla Fraser</h3><p>Club Secretary</p></div></section>
    <section><h2>Contact us</h2><p>Federation of Rowing Clubs in Scotland: secretary Mr Alan Reid, 0131 496 0998</p>
    <p>Tay Primary PTA: chair Mrs Fiona Lees, fiona.lees.pta@gmail.com</p></section>
    <footer><p>Boathouse: 01738 496 000</p></footer>"""
    found = people(nlp, body, firm="Tay Rowing Club")
    assert set(found) == {"Isla Fraser", None}
    assert found[None]["phones"] == ["+441738496000"] and found[None]["emails"] == []


def test_associate_a_name_and_its_job_set_apart_by_a_middle_dot_are_one_person(nlp):
    body = """<section class="team"><h2>Equipo</h2><ul>
    <li>Tomás Ferrer Soler · Asesor fiscal senior<br>tferrer@acme.es</li>
    <li>Nuria Vidal Pons · Recepción y administración<br>nvidal@acme.es</li>
    <li>Jordi Puig Mas · Abogado – derecho mercantil<br>jpuig@acme.es</li></ul></section>"""
    found = people(nlp, body, lang="es-ES", url="https://acme.es/equipo")
    assert {name: found[name]["title"] for name in found if name} == {
        "Tomás Ferrer Soler": "Asesor fiscal senior", "Nuria Vidal Pons": "Recepción y administración",
        "Jordi Puig Mas": "Abogado – derecho mercantil"}


def test_associate_partners_the_firm_is_named_after_are_its_people(nlp):
    cards = "".join(f"""<div class="wp-block-column"><h3 class="wp-block-heading">{name}</h3>
    <p><strong>Notariusz</strong></p><p><a href="mailto:{mail}@acme.pl">{mail}@acme.pl</a></p></div>"""
                    for name, mail in (("Ewa Nowak-Lis", "e.nowak"), ("dr Piotr Lis", "p.lis")))
    found = people(nlp, f'<div class="wp-block-columns">{cards}</div>', lang="pl-PL", url="https://acme.pl/zespol",
                   firm="Kancelaria Notarialna Ewa Nowak-Lis, Piotr Lis s.c.")
    assert {name: found[name]["emails"] for name in found if name} == {
        "Ewa Nowak-Lis": ["e.nowak@acme.pl"], "Piotr Lis": ["p.lis@acme.pl"]}


def test_associate_the_holder_a_practice_is_named_after_is_its_person(nlp):
    body = """<div class="card"><h3>Dr. med. dent. Lukas Keller</h3><p>Inhaber, Zahnarzt</p>
    <p><a href="mailto:keller@acme.ch">keller@acme.ch</a></p></div>
    <div class="card"><h3>Mara Frei</h3><p>Dentalhygienikerin</p></div>"""
    found = people(nlp, body, lang="de-CH", url="https://acme.ch/team",
                   firm="Zahnarztpraxis Dr. med. dent. Lukas Keller")
    assert found["Lukas Keller"]["emails"] == ["keller@acme.ch"]


def test_associate_a_sentence_after_a_dash_is_not_the_job(nlp):
    body = """<h2>Our staff</h2><ul><li>Dana Cole – Office Manager</li><li>Priya Shah – Paralegal</li>
    <li>Ray Burr – runs our mailroom and covers the front desk on Fridays – ray.burr@acme.co.uk</li></ul>"""
    found = people(nlp, body)
    assert {name: found[name]["title"] for name in found if name} == {
        "Dana Cole": "Office Manager", "Priya Shah": "Paralegal", "Ray Burr": None}


@pytest.mark.parametrize("sentence", [
    "For bins and potholes please contact Northshire Council directly on 0300 790 6000.",  # not by "Council" alone
    "Bookings go through the ferry desk in town (0161 496 0999 is their main line).",
    "We regularly refer and associate with Lyle Brennan PLLC – contact attorney Ann Lyle at 0161 496 0997.",
    "Rink 4 is sponsored by Lakeland Family Dental — Dr. Amy Petrakis and team, 0161 496 0996.",
    "Warranty claim? Contact the manufacturer directly – Voltix UK technical support, 0161 496 0995.",
])
def test_associate_numbers_of_other_bodies_in_prose_are_not_the_companys(nlp, sentence):
    body = f"""<section><h2>Team</h2><div class="card"><h3>Isla Fraser</h3><p>Clerk</p></div></section>
    <section><h2>Contact</h2><p>{sentence}</p></section><footer><p>Office: 01738 496 000</p></footer>"""
    found = people(nlp, body, firm="Ashby Town Council")
    assert found[None]["phones"] == ["+441738496000"]
    assert set(found) == {"Isla Fraser", None}


def test_associate_a_number_joined_to_another_is_read_from_where_the_first_begins():
    from ner.partners import joined_number_start

    text = "contact Neville Pillay on 041 365 2270 or 082 559 0147, or our office"
    assert joined_number_start(text, text.index("082")) == text.index("041")
    assert joined_number_start("Tel. 0175 21 33 / 0175 21 34", 18) == 5
    assert joined_number_start("Shop 3, 082 559 0147", 8) == 8  # "3," is no number


def test_associate_a_number_given_for_a_colleague_by_given_name_is_theirs(nlp):
    body = """<div class="card"><h3>Rev. Kofi Mensah-Bonsu</h3><p>Youth Pastor</p>
    <p>Young people can reach Pastor Kofi on 024 412 3356 (calls and WhatsApp).</p></div>
    <div class="card"><h3>Ama Owusu</h3><p>Church Administrator</p></div>"""
    found = people(nlp, body, lang="en-GH", url="https://acme.org/leadership")
    assert found["Kofi Mensah-Bonsu"]["phones"] == ["+233244123356"]


@pytest.mark.parametrize(("lang", "url", "sentence", "own", "phone"), [
    ("lv-LV", "https://acme.lv/komanda", "Analīzes veicam sadarbībā ar laboratoriju „BioLab” Rīgā, tālr. 67 000 111.",
     "Birojs: 64 123 456", "+37164123456"),
    ("it-IT", "https://acme.it/contatti", "Il servizio mensa è gestito da Coop. Ristorazione Romagna: 0547 123456.",
     "Segreteria: 0547 654321", "+390547654321"),
    ("ca-ES", "https://acme.cat/equip", "Ajuntament de Girona – Àrea d'Educació (972 41 90 00).",
     "Secretaria: 972 20 30 40", "+34972203040"),
    ("sv-SE", "https://acme.se/personal", "Veterinär för hästarna: Umeå Djurklinik, 090-12 34 56.",
     "Kansli: 090-65 43 21", "+4690654321"),
    ("nl-NL", "https://acme.nl/team", "Fysiotherapie Zuiderpark (050 313 2299) zit bij ons in het gebouw.",
     "Praktijk: 050 311 2233", "+31503112233"),
])
def test_associate_numbers_of_other_bodies_in_other_languages(nlp, lang, url, sentence, own, phone):
    body = f"""<section><h2>Team</h2><div class="card"><h3>Isla Fraser</h3><p>Clerk</p></div></section>
    <section><h2>Info</h2><p>{sentence}</p></section><footer><p>{own}</p></footer>"""
    assert people(nlp, body, lang=lang, url=url)[None]["phones"] == [phone]


def test_associate_a_first_row_of_bold_cells_naming_known_columns_is_the_header(nlp):
    body = """<table><tbody>
    <tr><td><strong>Pareigos</strong></td><td><strong>Vardas, pavardė</strong></td><td><strong>Telefonas</strong></td></tr>
    <tr><td>Direktorė</td><td>Rasa Petraitienė</td><td>(8 319) 65 123</td></tr>
    <tr><td>Renginių koordinatorė</td><td>Eglė Vaitkutė</td><td>8 612 48 375</td></tr></tbody></table>"""
    found = people(nlp, body, lang="lt-LT", url="https://acme.lt/darbuotojai")
    assert {name: found[name]["title"] for name in found if name} == {
        "Rasa Petraitienė": "Direktorė", "Eglė Vaitkutė": "Renginių koordinatorė"}


def test_associate_a_department_after_a_dash_then_a_number_is_the_job(nlp):
    body = """<h2>Folk</h2><ul><li>Sigrid Holm – booking og grupper, direkte 76 09 14 35, booking@acme.no</li>
    <li>Per Lunde – kjøkken og renhold, mobil 906 54 218</li></ul>"""
    found = people(nlp, body, lang="nb-NO", url="https://acme.no/folk")
    assert {name: found[name]["title"] for name in found if name} == {
        "Sigrid Holm": "booking og grupper", "Per Lunde": "kjøkken og renhold"}
    assert found["Per Lunde"]["phones"] == ["+4790654218"]


def test_associate_a_photos_alt_text_yields_to_the_cards_own_title_line(nlp):
    card = """<div class="col"><div class="imageWidget"><img src="a.jpg" alt="Ortodoncista en Bogotá"></div>
    <h3 class="para"><span>Dra. {name}</span></h3><div class="para"><p><span>{title}</span></p>
    <p><span>Odontóloga, Universidad de los Andes.</span></p><p><span>{mail}@acme.com.co</span></p></div></div>"""
    body = '<div class="row">' + card.format(name="Lucía Pardo Ríos", title="Directora clínica · Ortodoncista",
                                             mail="lpardo") + card.format(
        name="Tomás Vega Ruiz", title="Odontopediatra", mail="tvega") + "</div>"
    found = people(nlp, body, lang="es-CO", url="https://acme.com.co/equipo")
    assert {name: found[name]["title"] for name in found if name} == {
        "Lucía Pardo Ríos": "Directora clínica · Ortodoncista", "Tomás Vega Ruiz": "Odontopediatra"}


def test_associate_a_column_headed_by_the_role_holds_the_names_and_the_section_is_the_job(nlp):
    body = """<table><tbody>
    <tr><td><strong>Section</strong></td><td><strong>Leader</strong></td><td><strong>Phone</strong></td></tr>
    <tr><td>junior hiking section</td><td>Gwen Abernethy</td><td>01887 820 418</td></tr>
    <tr><td>trail maintenance</td><td>Callum Ferrier</td><td>&nbsp;</td></tr>
    <tr><td>warden of the Glen hut</td><td>Isla Brodie</td><td>01887 820 533</td></tr></tbody></table>"""
    found = people(nlp, body, url="https://www.glenwalkers.org.uk/")
    assert found["Gwen Abernethy"]["title"] == "junior hiking section"
    assert found["Gwen Abernethy"]["phones"] == ["+441887820418"]
    assert found["Callum Ferrier"] == {**found["Callum Ferrier"], "title": "trail maintenance", "phones": []}
    assert found["Isla Brodie"]["phones"] == ["+441887820533"]


def _elementor_column(name: str, description: str, editor: str) -> str:
    return f"""<div class="elementor-column elementor-col-33 elementor-top-column elementor-element"><div
    class="elementor-widget-wrap elementor-element-populated"><div class="elementor-element elementor-widget
    elementor-widget-image-box"><div class="elementor-image-box-wrapper"><figure class="elementor-image-box-img"><img
    src="/team/{name.split()[0].lower()}.jpg" alt=""></figure><div class="elementor-image-box-content"><h3
    class="elementor-image-box-title">{name}</h3><p class="elementor-image-box-description">{description}</p></div>
    </div></div><div class="elementor-element elementor-widget elementor-widget-text-editor">{editor}</div></div>
    </div>"""


def test_associate_a_page_builder_column_of_widgets_is_one_persons_card(nlp):
    body = ('<section class="elementor-section elementor-top-section"><div class="elementor-container">'
            + _elementor_column("Wiebke Lorenzen", "Projektleiterin Innenausbau",
                                "<p>Telefon 0461 58211-12<br>w.lorenzen@glaserei-lorenzen.de</p>")
            + _elementor_column("Frauke Carstensen", "Empfang, Angebote & Rechnungswesen",
                                "<p>Bei Frauke landen Ihre Anrufe.</p><p>Telefon 0461 58211-10</p>")
            + _elementor_column("Jannik Thomsen", "Seit 2012 dabei – setzt fast jedes Fenster selbst ein.", "")
            + "</div></section>")
    found = people(nlp, body, url="https://www.glaserei-lorenzen.de/team/")
    assert found["Frauke Carstensen"]["phones"] == ["+494615821110"]
    assert found["Frauke Carstensen"]["title"] == "Empfang, Angebote & Rechnungswesen"
    assert "Jannik Thomsen" in found and found["Wiebke Lorenzen"]["phones"] == ["+494615821112"]


def test_associate_a_list_introduced_as_partners_is_theirs_not_what_follows_it(nlp):
    body = """<h2>Rund ums Bad</h2><p>Für Bäder aus einer Hand arbeiten wir mit festen Partnern zusammen:</p>
    <ul><li>Elektrik: Elektro Wendt GmbH, Tel. 0431 66 20 41</li>
    <li>Fliesen: Fliesenlegermeister Nils Paulsen, Mobil 0172 6630 418</li></ul>
    <p>Unser Notdienst (Sanitär Jöns): 0431 55 81 90</p>"""
    found = people(nlp, body, url="https://www.sanitaer-joens.de/")
    assert "Nils Paulsen" not in found
    assert found[None]["phones"] == ["+49431558190"]


def test_associate_people_under_a_we_cooperate_heading_are_another_firms(nlp):
    body = """<h2>Náš tým</h2><div class="card"><h3>JUDr. Marta Procházková</h3><p>advokátka</p>
    <p>tel. +420 603 281 552</p></div>
    <h2 class="h5">Spolupracujeme</h2><p>Notář JUDr. Tomáš Krejčí, Notářský úřad Olomouc, tel. +420 585 224 913</p>"""
    found = people(nlp, body, url="https://www.akprochazkova.cz/")
    assert "Tomáš Krejčí" not in found
    assert "+420585224913" not in found.get(None, {}).get("phones", [])


def test_associate_a_heading_of_professionals_we_work_with_lists_other_firms(nlp):
    body = """<h2>Nuestro equipo</h2><div class="card"><h3>Dra. Paula Ríos</h3><p>Socia fundadora</p></div>
    <h2>Profesionales con los que trabajamos</h2>
    <ul><li>Estudio Contable Herrera – Cr. Julián Herrera, (0341) 421-5563</li></ul>"""
    found = people(nlp, body, url="https://www.riosabogados.com.ar/")
    assert "Julián Herrera" not in found and "+543414215563" not in found.get(None, {}).get("phones", [])


def test_associate_a_credentials_element_is_no_job_and_a_staff_cards_title_element_is(nlp):
    card = """<div class="team-member"><h3 class="team-member__name">{name}</h3>
    <p class="team-member__credentials">{credentials}</p><p class="team-member__title">{title}</p></div>"""
    body = (card.format(name="Priya Menon", credentials="CA (Singapore) · Public Accountant (ACRA)",
                        title="Partner, Assurance")
            + card.format(name="Jason Teo", credentials="ACCA, Accredited Tax Advisor (Income Tax)",
                          title="Senior Tax Manager"))
    found = people(nlp, body, url="https://www.menonteo.com.sg/")
    assert found["Priya Menon"]["title"] == "Partner, Assurance"
    assert found["Jason Teo"]["title"] == "Senior Tax Manager"


def test_associate_lowercase_job_headings_over_name_cards(nlp):
    body = """<div class="b"><h3>ředitelka penzionu</h3><p>Ing. Jana Kratochvílová<br>mobil: +420 602 418 905</p>
    <h3>vedoucí kuchyně</h3><p>Pavel Dušek</p>
    <h3>účetní</h3><p>Marie Šťastná, DiS.<br>faktury: ucetni@penzion-lipa.cz</p></div>"""
    found = people(nlp, body, url="https://www.penzion-lipa.cz/")
    assert found["Jana Kratochvílová"]["title"] == "ředitelka penzionu"
    assert found["Pavel Dušek"]["title"] == "vedoucí kuchyně" and found["Marie Šťastná"]["title"] == "účetní"


def test_associate_a_lowercase_section_heading_over_bios_is_no_ones_job(nlp):
    body = """<h2>partner</h2><p><b>Arch. DI Hanna Moser</b><br>geboren 1980 in Steyr, Studium an der TU Graz, seit 2014
    Partnerin<br>moser@moser-lang.at</p>"""
    assert people(nlp, body, url="https://www.moser-lang.at/")["Hanna Moser"]["title"] == "Partnerin"


def test_associate_practices_in_the_same_building_are_not_staff(nlp):
    body = """<div class="card"><h3>Sanne Visser</h3><p>huisarts</p></div>
    <h2 class="h4">In hetzelfde gebouw</h2><ul><li><strong>Apotheek Vijverhof</strong> – apotheker Kees Bakker, tel.
    0570 62 45 77</li></ul>"""
    found = people(nlp, body, url="https://www.huisartsvisser.nl/")
    assert "Kees Bakker" not in found and "+31570624577" not in found.get(None, {}).get("phones", [])


def test_associate_a_lowercase_job_under_the_name_and_a_degree_line(nlp):
    card = """<div class="TeamCard_card__x1"><h3 class="TeamCard_name__a1">{name}</h3><p class="TeamCard_degree__q0">
    {degree}</p><p class="TeamCard_title__b5">{job}</p><p>{phone}</p></div>"""
    body = (card.format(name="Sami Laaksonen", degree="DI", job="toimitusjohtaja, vastaava suunnittelija",
                        phone="040 512 7781")
            + card.format(name="Riikka Toivonen", degree="tradenomi", job="talous ja hallinto", phone="050 438 1102"))
    found = people(nlp, body, url="https://www.rakennetoimisto.fi/")
    assert found["Sami Laaksonen"]["title"] == "toimitusjohtaja, vastaava suunnittelija"
    assert found["Riikka Toivonen"]["title"] == "talous ja hallinto"


def test_associate_a_long_job_label_with_its_place_before_the_name(nlp):
    body = """<ul><li>Primo collaboratore del Dirigente: Prof.ssa Anna Zanin</li>
    <li>Secondo collaboratore e responsabile di plesso Scuola Primaria «E. Fermi»: Ins. Luca Perin</li></ul>"""
    found = people(nlp, body, url="https://www.icmontebelluna.edu.it/")
    assert found["Luca Perin"]["title"] == "Secondo collaboratore e responsabile di plesso Scuola Primaria «E. Fermi»"


def test_associate_other_public_bodies_and_an_appointees_firm_in_brackets(nlp):
    body = """<h2>Urząd Gminy</h2><ul><li>Wójt Gminy: Adam Nowak, tel. 25 641 10 11</li>
    <li>Miejski Ośrodek Pomocy Społecznej – Kierownik: Jolanta Kruk, tel. 25 641 12 31</li>
    <li>Inspektor Ochrony Danych: Paweł Wilk (DaneBezpieczne sp. z o.o.), e-mail: iod@danebezpieczne.pl</li></ul>"""
    found = people(nlp, body, url="https://www.gmina-lipno.pl/")
    assert "Adam Nowak" in found and "Jolanta Kruk" not in found and "Paweł Wilk" not in found
    assert "+48256411231" not in found.get(None, {}).get("phones", [])


def test_associate_a_sponsors_section_lists_other_firms_people(nlp):
    body = """<div class="card"><h3>Karin Lund</h3><p>ordförande</p><p>070-318 22 41</p></div>
    <h3>Huvudsponsor</h3><p>Norrby Måleri AB – måleri och tapetsering. Kontakt: vd Olle Berg, 070-552 18 90.</p>"""
    found = people(nlp, body, url="https://www.ifknorrby.se/")
    assert "Olle Berg" not in found and "+46705521890" not in found.get(None, {}).get("phones", [])


def test_associate_a_recommended_firms_number_and_a_labs_technician_are_theirs(nlp):
    body = """<div class="card"><h3>Marta Vidal</h3><p>Directora</p><p>Tel. 983 35 27 10</p></div>
    <p>Antes de matricularte necesitas el psicotécnico. Te recomendamos Psicotécnicos Zorrilla, a dos calles:
    983 30 18 40.</p>"""
    found = people(nlp, body, url="https://www.autoescuelavidal.es/")
    assert found["Marta Vidal"]["phones"] == ["+34983352710"]
    assert "+34983301840" not in found.get(None, {}).get("phones", [])


def test_associate_a_proprietors_bracket_ends_no_sentence_and_a_travels_firm_is_another(nlp):
    body = """<table><tr><th>Name</th><th>Designation</th><th>Contact</th></tr>
    <tr><td>Mr. Rahul Joshi</td><td>Transport In-charge</td><td>94224 67035</td></tr></table>
    <p>The bus contractor, Shree Ganesh Travels (Prop. Mr. Vinod Patil), can be reached at 97665 18207 for
    delays.</p>"""
    found = people(nlp, body, url="https://www.sunrise-school.in/")
    assert "+919766518207" not in found.get(None, {}).get("phones", []) and "Vinod Patil" not in found


def test_associate_a_place_and_a_lowercase_kind_of_organisation_before_a_number_is_another_body(nlp):
    body = """<div class="card"><h3>Sara Lind</h3><p>rektor</p><p>Tel. 0933-140 10</p></div>
    <p>Skolan har ingen egen skolsköterska. Elever vänder sig till Lycksele vårdcentral, tel. 0950-391 40.</p>"""
    found = people(nlp, body, url="https://www.lyckselefolkhogskola.se/")
    assert all("+4695039140" not in values["phones"] for values in found.values())


def test_associate_a_branch_label_is_the_firms_own():
    from ner.partners import names_other_organisation

    text = "Herd testing and teat-sealing crews. Te Aroha clinic: 07 884 9032"
    assert not names_other_organisation(text, text.index("07 884"), "Kaimai Vets")


def test_associate_colleagues_named_in_prose_about_their_part_in_the_work(nlp):
    body = """<div class="card"><h3>Owen Hartley</h3><p>Head Brewer</p></div>
    <p>And then there's Maddie Kowalski, who packs every order that leaves the brewery.</p>
    <p>In the front office, Glenn Tavares has kept our books straight since 2009.</p>"""
    found = people(nlp, body, url="https://www.hartleybrewing.ca/")
    assert {"Maddie Kowalski", "Glenn Tavares"} <= set(found)


def test_associate_a_swedish_office_function_under_a_bold_name(nlp):
    body = """<h2>Personal</h2><ul>
    <li><strong>Maja Lind</strong><br>verksamhetschef och ridlärare<br>076-204 71 14 · maja.lind@ridklubben.se</li>
    <li><strong>Oskar Berg</strong><br>stallchef<br>070-318 42 97</li>
    <li><strong>Karin Öhman</strong><br>kansli och ekonomi<br>0910-58 47 21 · kansli@ridklubben.se</li></ul>"""
    found = people(nlp, body, lang="sv", url="https://www.ridklubben.se/")
    assert found["Karin Öhman"]["title"] == "kansli och ekonomi"



@pytest.mark.parametrize("sentence", [
    "Le samedi matin, vous croiserez aussi Noah Lambert, étudiant en master, qui aide aux consultations.",
    "La médiathèque est animée par Noah Lambert, avec l'aide de bénévoles.",
    "Seit Oktober unterstützt uns außerdem Noah Lambert bei der Digitalisierung.",
    "In laboratorio c'è anche Noah Lambert, al secondo anno di apprendistato.",
    "Om sommeren får vi god hjelp av Noah Lambert, som studerer hotellfag.",
    "On market days you'll also find Noah Lambert behind the counter.",
    "Every harvest we are joined by Noah Lambert, who drives the grape trailer.",
    "Le vendredi, Noah Lambert vient renforcer l’équipe à la boutique.",
    "E poi c’è Noah Lambert, che da vent’anni cura il giardino.",
    "Im Büro unterstützt Noah Lambert seit Mai unsere Buchhaltung.",
    "Und dann ist da noch Noah Lambert, der uns bei großen Montagen hilft.",
    "In segreteria vi accoglie Noah Lambert, che gestisce gli appuntamenti.",
    "Y desde septiembre contamos también con Noah Lambert, que ya conoce todos los polígonos.",
    "Sans oublier Noah Lambert, qui livre vos médicaments à domicile le mardi.",
    "Et le samedi matin, c'est Noah Lambert qui vous accueille et gère les rendez-vous.",
    "En dan is er nog Noah Lambert: hij valt in als er iemand ziek is.",
    "No verão conta ainda com a ajuda preciosa de Noah Lambert, que abre o posto das Lajes.",
    "E quem recebe todo mundo é o Noah Lambert, o nosso querido Noah, que cuida da clínica.",
    "From February to April our front desk is also staffed by Noah Lambert, who helps with the tax rush.",
    "Our museum shop and front desk are looked after by Noah Lambert, with the volunteer team.",
    "Our model shop is run by Noah Lambert on Fridays; everything in the cabinet was built by him.",
    "Not pictured: Noah Lambert, who is on paternity leave until March.",
    "Kesäisin meillä on ollut apuna myös Noah Lambert, joka opiskelee rakennustekniikkaa.",
    "This summer Queen's kinesiology student Noah Lambert is with us on Tuesday evenings.",
    "Noah Lambert looks after the tractors, the frost fans and the harvest crew.",
    "Il magazzino è coordinato da Noah Lambert: ritiri merce dal lunedì al venerdì.",
    "Et les escaliers à l'ancienne, c'est toujours Noah Lambert qui les fabrique.",
    "O Sr. Noah Lambert trata dos jardins e da piscina desde o primeiro dia.",
    "Unterstützt wird das Team an drei Vormittagen pro Woche von Noah Lambert, der sich um das Archiv kümmert.",
    "Dazu kommen acht Gesellen in drei Kolonnen – und Noah Lambert, der donnerstags die Fotos sortiert.",
    "U listopadu nam se pridružio Noah Lambert, koji radi na našim Flutter aplikacijama.",
    "Od září se k nám připojil Noah Lambert, který má na starosti sklad.",
    "The Land Cruiser is kept on the road by Noah Lambert, who has been with the Trust since 2014.",
    "Also on the committee this year: Noah Lambert, who is organising the 2027 regatta.",
])
def test_associate_colleagues_introduced_in_prose_are_cued(sentence):
    from ner.nameforms import staff_cued

    start = sentence.index("Noah Lambert")
    assert staff_cued(sentence, start, start + len("Noah Lambert"))


def test_associate_our_partner_bank_is_an_organisation_and_our_partner_jane_is_staff(nlp):
    from ner.partners import partnered_before

    text = ("Our partner bank for crop loans is the Land Bank, Malaybalay Branch. Members may contact Mr. Ramon Dizon, "
            "Account Officer, at (088) 813-5521.")
    assert partnered_before(text, text.index("Ramon"))
    text = "Our partner Jane Smith leads the tax team. Please contact Mr. Ramon Dizon, Associate, at (088) 813-5521."
    assert not partnered_before(text, text.index("Ramon"))


def test_associate_a_jobs_field_then_where_it_is_held_elsewhere():
    from ner.outsiders import held_elsewhere

    assert held_elsewhere(" in Palliative Medicine at the Mid-West palliative care unit, presents", "Hospice Friends")
    assert not held_elsewhere(" in Palliative Medicine, leads our clinics", "Hospice Friends")
    # "of" and an organisation's name elsewhere; a unit of this one in lower case is no other organisation.
    assert held_elsewhere(" of Workforce Programs, Ohio Manufacturing Alliance", "Acme")
    assert not held_elsewhere(" de l'école des jeunes (U6 à U13)", "RFC Ottignies")


@pytest.mark.parametrize("sentence", [
    "Pour les médiations, nous collaborons avec M. Paul Renard, médiateur agréé indépendant (0497 12 44 80, Verviers).",
    "Le revisioni sono affidate al revisore indipendente dott. Paolo Renzi, cell. 076 512 83 41.",
    "Skolens tandpleje varetages af Syddjurs Kommunale Tandpleje, tlf. 87 53 52 11.",
    "Appointments are made directly with them on (03) 5332 8811, not through our reception.",
    "Nous collaborons étroitement avec la Dre Anne Roux, médecin du sport (021 314 55 21).",
    "Our van partner, Island Van Express, can meet you at the airport – call Ramil on 0925 664 1180.",
    "Electrical on our jobs is done by Trent Walsh of Walsh Electrical (REC 28104, 0491 570 310).",
    "Für Planungen arbeiten wir gerne mit Architektin DI Sabine Wenger in Gmunden zusammen (Tel. 07612 73421).",
    "For warranty claims, our MacDon territory rep Cole Peters can be reached at 306-867-2241.",
    "Publicly funded care is arranged through the health authority. Our liaison there is Paula West, 902-542-6311.",
    "For Home Reports we usually recommend Grant & Ogilvie Chartered Surveyors (tel. 01738 622416).",
    "Geotechnical work is usually done by Tasman Geotech (Karen Ellis, 03 548 2291).",
    "We are not open all night. Outside our hours please call Cascade Veterinary Emergency at (541) 318-0601.",
    "Unsere Jungpflanzen beziehen wir zum Teil von der Baumschule Lorenz in Wies (Tel. 03465 2219).",
    "En dehors des heures d'ouverture, la permanence de la Société vaudoise des médecins-dentistes répond au "
    "0848 133 134.",
    "Náhradní díly dodává Auto Kelly, obchodní zástupce pan Roman Šimek, tel. 603 112 779.",
    "Bei Mietfragen arbeiten wir eng mit Dr. iur. Petra Lang zusammen, Tel. 0711 225 310.",
    "I samme bygning holder tandlæge Ida Holm til, tlf. 86 12 40 30.",
    "Nello stesso stabile ha sede il Centro Logopedico Aurora, tel. 011 554 2210.",
    "La contabilità è seguita dallo Studio Bassi – dott. Marco Bassi, commercialista (tel. 049 871 2200).",
    "Il servizio navetta è gestito dalla Cooperativa Sole Verde (tel. 0461 233 100).",
    "Privéleasing via onze partner Leasewijs; uw contactpersoon daar is Joost Bakker, 085 208 99 00.",
    "Vår hovedsamarbeidspartner er Fjord Sparebank; vår kontakt der er rådgiver Kari Lie (tlf. 55 12 34 56).",
    "Protezy wykonuje dla nas Laboratorium Kowal (technik Jan Kowal, tel. 12 345 67 89).",
    "Zřizovatel: Obec Lipová, tel. 587 123 456.",
    "Bezirksschornsteinfeger: Jonas Brenner, Tel. 07525 91 23 40.",
    "Junior coaching is booked with the club, not us — ask coach Mia Reed on 0412 555 019.",
    "Holiday camps return — run by Kidz Active (not a school service). Bookings with Tara on 087 123 4567.",
    "Prescriptions are dispensed by Mill Lane Pharmacy next door (pharmacist Ed Hart, 01603 555 019).",
    "Out of hours, leaks are handled by our contractor Brae Property Care – ask for Tom Reid on 01382 555 019.",
    "Preferred lender partners: Mesa Home Loans – Ana Ruiz, Loan Officer, (505) 555-0101.",
    "Assessment appeals go to the state; our DOR liaison is Jo Pike, 503-555-0172.",
    "The Friends run the book sale. Friends president Ann Leary can be reached at 802-555-0167.",
    "Gas leaks are handled by Summit Gas, not the Town: 1-800-555-0143.",
    "Guardia medica: 091 800 18 28",
    "Reklamácie rieši zástupca výrobcu pán Ivan Kráľ, 0907 111 222.",
    "Our roof tiles come from Marley Depot – ask for Sam Tate on 0407 555 019.",
    "Onze koffie komt van Brandhuis Noord; vraag naar Eva Smit, 03 870 55 55.",
    "Vores æbler kommer fra frugtavler Ole Bak, tlf. 64 47 55 55.",
    "El pan llega cada mañana de Forn Sant Roc (Jordi: 655 18 55 55).",
    "Our Investment Adviser there is Ann Byrne (01 727 5555).",
    "Warranty questions go to the manufacturer: Helix Marine 1-800-555-0102.",
    "De fleste rør kjøper vi hos Rørgrossisten. Privatkunder kan spørre etter Ola Dahl på 55 94 55 55.",
])
def test_associate_work_entrusted_to_others_is_theirs(sentence):
    from ner.partners import partnered, partnered_before

    first_digit = next(index for index, char in enumerate(sentence) if char.isdigit())
    assert partnered(sentence, first_digit) or partnered_before(sentence, first_digit)


def test_associate_our_wholesale_partners_are_customers_not_providers():
    from ner.partners import partnered

    text = "Aroha handles barista training for our wholesale partners. Call or text her on 021 447 900."
    assert not partnered(text, text.index("021"))
    # Nor a school's own teacher following a class, nor a service run by the school's office.
    text = "La classe 3ª B è seguita dalla maestra Elena Riva (tel. 035 412 0011)."
    assert not partnered(text, text.index("Elena"))
    text = "Il servizio mensa è gestito dalla segreteria: tel. 035 412 0010."
    assert not partnered(text, text.index("035"))


def test_associate_a_job_of_a_body_labels_its_holder_and_another_body_in_a_bracket_keeps_its_officer():
    from ner.partners import bracketed_after_organisation, introduced_as_others, names_other_organisation, partnered

    # "Chair of Council: …" at a church is the church's own officer, not a body named before its officer.
    text = "Chair of Council: Ruth Oickle"
    assert not introduced_as_others(text, text.index("Ruth"), "Bayview United Church")
    text = "Hospital Auxiliary Council: Ruth Oickle"
    assert introduced_as_others(text, text.index("Ruth"), "Bayview United Church")
    # A body's initials before a job: another body's officer; not the company's own initials.
    text = "SRU regional coach Ian Kerr runs the winter sessions."
    assert introduced_as_others(text, text.index("Ian"), "Kelso Rugby Club")
    text = "KRC head coach Ian Kerr runs the winter sessions."
    assert not introduced_as_others(text, text.index("Ian"), "Kelso Rugby Club")
    text = "Voor vragen over papiersoorten kan je terecht bij hun accountmanager Jan Peeters."
    assert introduced_as_others(text, text.index("Jan"), "Drukkerij Claes")
    # A body that shares a word with the company is another all the same.
    text = "The Riverside Rowing Association (secretary Mark Dunn) meets in our boathouse."
    assert bracketed_after_organisation(text, text.index("Mark"), "Riverside Boat Hire")
    # A body named with Romance particles before a bracket, and a service run by another body.
    text = "La biblioteca è un servizio dell’Assessorato alla Cultura del Comune di Treviglio (assessore Marco Riva)."
    assert bracketed_after_organisation(text, text.index("Marco"), "Biblioteca civica «Ada Negri»")
    text = "Il prestito è gestito dal Sistema Bibliotecario della Bassa (centro rete)."
    assert partnered(text, text.index("Sistema"))
    # A street after its house number names no body.
    text = "2nd Floor, Harbour Office Park, 14 Palmer Circle, Ballito 4420 · Tel: 032 946 0100"
    assert not names_other_organisation(text, text.index("032"), "Coastline Valuers (Pty) Ltd")


def test_associate_an_office_a_heading_names_yields_to_the_holders_fuller_line(nlp):
    body = """<h3>Town Clerk</h3><p>Mrs Joan Pell<br>Town Clerk &amp; Responsible Financial Officer<br>
    Tel: 0161 496 0455</p>
    <h3>Head Gardener</h3><p>Owen Tull<br>Head Gardener in the walled garden</p>"""
    found = people(nlp, body)
    assert found["Joan Pell"]["title"] == "Town Clerk & Responsible Financial Officer"
    assert found["Owen Tull"]["title"] == "Head Gardener"  # a remark after the office is not a fuller office


def test_associate_a_bare_name_in_a_list_of_officers_is_a_member_too(nlp):
    body = """<h2>Board of Trustees</h2><ul><li>President: Walter Byrne</li><li>Treasurer: Grace Lamb</li>
    <li>Rev. Owen Hale</li><li>Linda Marsh</li></ul>
    <h2>Opening hours</h2><ul><li>Monday: 9–5</li><li>Open Sundays</li></ul>"""
    found = people(nlp, body)
    assert {"Walter Byrne", "Grace Lamb", "Owen Hale", "Linda Marsh"} <= set(found)


def test_associate_polish_dental_specialties_and_a_mobile_label_after_a_job(nlp):
    body = """<div class="card"><h3>lek. dent. Ewa Lis</h3><p>Ortodoncja</p></div>
    <div class="card"><h3>lek. dent. Adam Pawlak</h3><p>Stomatologia dziecięca</p></div>
    <ul><li>Jan Sowiński – kierownik administracyjny, kom. 692 418 305, j.sowinski@acme.pl</li></ul>"""
    found = people(nlp, body, lang="pl", url="https://acme.pl/zespol")
    assert found["Ewa Lis"]["title"] == "Ortodoncja" and found["Adam Pawlak"]["title"] == "Stomatologia dziecięca"
    assert found["Jan Sowiński"]["title"] == "kierownik administracyjny"


def test_associate_a_place_then_a_longer_kind_of_body_before_a_number_is_that_bodys():
    from ner.partners import _place_and_kind_before

    assert _place_and_kind_before("Smještaj na otoku: Turistička zajednica općine Bol, ", "OPG Marinović")
    # Sharing the place name alone does not make a body the company's own.
    assert _place_and_kind_before("Turizmo informacija – Varėnos turizmo informacijos centras, ",
                                  "Varėnos viešoji biblioteka")
    assert not _place_and_kind_before("Skrivet av Vindelns hälsocentral, tel. ", "Vindelns hälsocentral")


@pytest.mark.parametrize("text", [
    "Veneto: Bianchi Rappresentanze s.a.s., sig. Luca Bianchi, tel. 045 123 4567.",
    "Nocna opieka: Szpital Miejski im. Jana Pawła II, ul. Długa 2, tel. 61 848 10 00.",
])
def test_associate_a_sales_agency_or_hospital_named_before_a_number_is_another_body(text):
    from ner.partners import names_other_organisation

    first_digit = text.index("tel.") if "tel." in text else text.index("Tel.")
    assert names_other_organisation(text, first_digit + 5, "Officine Zanon S.r.l.")


def test_associate_a_board_heading_over_lines_with_their_own_offices_is_no_ones_title(nlp):
    body = """<h2>Gemeindevorstand</h2><ul class="vorstand">
    <li>Bürgermeister: Johann Pammer (ÖVP)</li><li>Vizebürgermeisterin: Maria Gsellmann (SPÖ)</li>
    <li>Gemeindekassier: Franz Lackner (ÖVP)</li></ul>"""
    found = people(nlp, body, lang="de-AT", url="https://www.feistritzhofen.gv.at/gemeinde")
    assert {name: found[name]["title"] for name in found if name} == {
        "Johann Pammer": "Bürgermeister", "Maria Gsellmann": "Vizebürgermeisterin", "Franz Lackner": "Gemeindekassier"}


def test_associate_a_staff_table_member_who_also_wrote_the_news_is_staff(nlp):
    body = """<article itemscope itemtype="https://schema.org/Article"><span itemprop="author" itemscope
    itemtype="https://schema.org/Person">Written by: <span itemprop="name">Kofi Agyeman</span></span>
    <table><thead><tr><th>Name</th><th>Position</th></tr></thead><tbody>
    <tr><td>Mrs. Abena Sarpong</td><td>JHS Coordinator</td></tr><tr><td>Mr. Kofi Agyeman</td><td>ICT Teacher</td></tr>
    </tbody></table>
    <p class="small">Guest of Honour: Hon. Mrs. Joyce Ofori-Atta, Municipal Chief Executive</p>
    <p class="small">All parents are kindly requested to attend. PTA Chairman: Mr. Isaac Frimpong.</p></article>"""
    found = people(nlp, body, url="https://www.bantamaheights.edu.gh/staff")
    assert set(found) - {None} == {"Abena Sarpong", "Kofi Agyeman"}


def test_associate_honorary_life_members_are_not_the_clubs_officers(nlp):
    body = """<h2>Officers</h2><ul><li><span class="role">Hon. Secretary</span> <span class="name">Dr Andrew
    Vosper</span> <a href="mailto:secretary@clystexe.org.uk">secretary@clystexe.org.uk</a></li>
    <li><span class="role">Treasurer</span> <span class="name">Claire Widdicombe</span></li></ul>
    <h2>Honorary Life Members</h2><p>Derek Heard (Club Captain 1979–1992), Margaret Heard, Graham Luscombe.</p>"""
    found = people(nlp, body, url="https://www.clystexe.org.uk/officials")
    assert set(found) - {None} == {"Andrew Vosper", "Claire Widdicombe"}
    assert found["Andrew Vosper"]["title"] == "Hon. Secretary"


def test_associate_a_cards_own_job_beats_the_same_persons_office_in_the_board_list_below(nlp):
    body = """<div class="team-card"><h3 class="team-card__name">Thandeka Ndlovu</h3>
    <p class="team-card__role">Founder &amp; Executive Director</p><p>A qualified social worker, Thandeka started
    the trust in 2009.</p></div>
    <div class="team-card"><h3 class="team-card__name">Charlene Adams</h3><p class="team-card__role">Finance
    Officer</p></div>
    <section><h2>Board of Trustees</h2><p>Our trustees serve without remuneration.</p><dl>
    <dt>Chairperson</dt><dd>Adv. Elizabeth van Wyk</dd><dt>Secretary</dt><dd>Thandeka Ndlovu (ex officio)</dd></dl>
    </section>"""
    found = people(nlp, body, url="https://www.siyakhula.org.za/team")
    assert found["Thandeka Ndlovu"]["title"] == "Founder & Executive Director"  # "(ex officio)" is no former office
    assert found["Elizabeth van Wyk"]["title"] == "Chairperson"


def test_associate_a_bold_name_and_what_they_handle_in_spanish_prose_is_a_colleague(nlp):
    body = """<h2>El equipo</h2><p><strong>Julieta Ferrari</strong> – Corrección y edición de mesa.</p>
    <p>Y <strong>Candela Villalba</strong>, que lleva la administración y, cuando hace falta, los paquetes.</p>"""
    found = people(nlp, body, lang="es-AR", url="https://www.papelderio.com.ar/quienes-somos")
    assert "Candela Villalba" in found


def test_associate_a_section_of_the_friends_a_business_recommends_is_not_its_own(nlp):
    body = """<div class="card"><h3>Ante Vlašić</h3><p>Vlasnik</p><p>Tel. 021 632 100</p></div>
    <h2>Naši prijatelji</h2><p>Naše ulje možete probati u Konobi Škrapa u Supetru (vlasnik Mate Bilić,
    099 418 7326).</p>"""
    found = people(nlp, body, lang="hr", url="https://www.opg-vlasic.hr/o-nama")
    assert set(found) - {None} == {"Ante Vlašić"}
    assert "+385994187326" not in [p for person in found.values() for p in person["phones"]]
    from ner.html import parse_html
    from ner.partners import partner_sections

    dom = parse_html(f"<html><body>{body}</body></html>")
    assert [dom.blocks[i].text[:10] for i in sorted(partner_sections(dom))] == ["Naše ulje "]


def test_associate_a_schools_parents_association_officers_are_not_its_staff(nlp):
    body = """<div class="card"><h3>Mrs. Liza Ramos</h3><p>Directress</p></div>
    <h3>PTA Officers, S.Y. 2025–2026</h3><p>President – Mrs. Carmela Tiongson<br>Vice President – Mr. Dennis Uy</p>"""
    from ner.html import parse_html
    from ner.partners import partner_sections

    dom = parse_html(f"<html><body>{body}</body></html>")
    assert [dom.blocks[i].text[:9] for i in sorted(partner_sections(dom))] == ["President"]
    found = people(nlp, body, url="https://www.brightharvest.edu.ph/about")
    assert {"Carmela Tiongson", "Dennis Uy"}.isdisjoint(found)


def test_associate_a_job_with_initials_between_the_name_and_the_number_is_no_other_firm(nlp):
    from ner.partners import firm_after_name

    assert firm_after_name("Vertrouwenspersoon: mevr. Ria Hendriks, GGD Gelderland-Midden, tel. ", "Acme")
    assert not firm_after_name("For payroll questions ask Jane Doe, HR Manager, on ", "Acme")
    assert not firm_after_name("For payroll questions ask Jane Doe, Acme Group, on ", "Acme Group")


@pytest.mark.parametrize("heading", ["Outros teléfonos de interese", "Partnerbetriebe", "Other Representatives",
                                     "Drugi koristni kontakti", "Další instituce v obci", "Contactos úteis",
                                     "Weitere Einrichtungen im Ort", "Užitočné kontakty", "Firmy współpracujące"])
def test_associate_a_section_of_other_bodies_numbers_is_not_the_companys(heading):
    from ner.html import parse_html
    from ner.partners import partner_sections

    dom = parse_html(f"<html><body><h2>{heading}</h2><p>Glaserei Kern – Manfred Kern, Tel. 03172 3012</p>"
                     "</body></html>")
    assert [dom.blocks[i].text[:7] for i in sorted(partner_sections(dom))] == ["Glasere"]


def test_associate_an_outside_appointees_contact_points_under_their_label_are_not_the_companys(nlp):
    body = """<main><h2>Team</h2><p><b>Stefan Huber</b>, Steuerberater<br>Tel. 0871 97412-11</p></main>
    <footer><p>Telefon: 0871 97412-0<br>E-Mail: info@acme.de</p>
    <p>Externer Datenschutzbeauftragter:<br>Michael Roth, DSB-Consult Regensburg GmbH<br>Tel. 0941 56082-30<br>
    datenschutz@dsb-consult-regensburg.de</p></footer>"""
    found = people(nlp, body, lang="de-DE", url="https://www.acme.de/team")
    assert found[None]["emails"] == ["info@acme.de"]
    assert found[None]["phones"] == ["+49871974120"]


def test_associate_a_tourist_office_of_the_clubs_town_is_another_body(nlp):
    body = """<p><strong>Künstlerische Leitung:</strong> KMD Johannes Albrecht<br>Mobil: 0162 7715403</p>
    <p><strong>Weihnachtskonzert:</strong> Sonntag, 17:00 Uhr.<br>Karten bei der Tourist-Information Rudolstadt,
    Markt 5, Tel. 03672 486-100, und an der Abendkasse.</p><footer><p>Telefon: 036741 2 19 87</p></footer>"""
    found = people(nlp, body, lang="de-DE", url="https://www.kammerchor-saaletal.de/", firm="Kammerchor Rudolstadt")
    assert found["Johannes Albrecht"]["title"] == "Künstlerische Leitung"  # "KMD": Kirchenmusikdirektor
    assert found[None]["phones"] == ["+493674121987"]


def test_associate_a_cards_own_job_line_beats_the_office_heading_the_card(nlp):
    body = """<h2>Geschäftsleitung</h2>
    <div class="person-card"><span class="p-name">Stefan Huber</span><span class="p-func">Geschäftsführer</span>
    <span class="p-mail">s.huber(at)acme.de</span></div>
    <h2>Clerk / Clerc</h2><div class="clerk-box"><p><strong>Mrs Nerys Haf Williams</strong><br>
    Clerk &amp; Responsible Financial Officer / Clerc a Swyddog Ariannol Cyfrifol</p></div>"""
    found = people(nlp, body, lang="de-DE", url="https://www.acme.de/team")
    assert found["Stefan Huber"]["title"] == "Geschäftsführer"  # not its hidden address either
    assert found["Nerys Haf Williams"]["title"] == (
        "Clerk & Responsible Financial Officer / Clerc a Swyddog Ariannol Cyfrifol")


def test_associate_a_footer_widget_of_others_numbers_is_not_the_companys(nlp):
    body = """<div class="card"><h3>Ailsa Grant</h3><p>Office Manager</p></div>
    <footer><p>Main office: 0131 496 0000</p><div class="footer-widget"><h4>Court Links</h4>
    <p>Williamson County Chancery Court Clerk &amp; Master: 0161 496 0877</p></div></footer>"""
    assert people(nlp, body)[None]["phones"] == ["+441314960000"]
