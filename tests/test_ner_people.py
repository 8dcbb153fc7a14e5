"""ner.people: names from page structure (and NER spans), minus testimonials, bylines and quoted outsiders."""

from __future__ import annotations

import re

import pytest

from ner.hits import Scope
from ner.html import parse_html
from ner.names import name_key
from ner.people import find_names
from ner.titles import find_titles


def names_in(markup: str, *, ner: tuple[str, ...] = (), titles: tuple[str, ...] = (), company: str | None = None):
    """Run find_names with NER and title spans placed wherever the given strings occur."""
    dom = parse_html(f"<html><body>{markup}</body></html>")
    persons, title_spans = {}, {}
    for block in dom.blocks:
        for text, target in ((t, persons) for t in ner):
            for match in re.finditer(re.escape(text), block.text):
                target.setdefault(block.id, []).append(match.span())
        for text in titles:
            for match in re.finditer(re.escape(text), block.text):
                title_spans.setdefault(block.id, []).append(match.span())
    found = find_names(dom, persons, title_spans, company=company)
    return found.names, found.titles


def found(markup: str, **kwargs) -> dict[str, Scope]:
    names, _titles = names_in(markup, **kwargs)
    return {hit.mention.value: hit.scope for hit in names}


@pytest.mark.parametrize(("markup", "name"), [
    ("<h3>Sarah O'Connor</h3><p>CEO</p>", "Sarah O'Connor"),
    ("<div class='card'><p>Mei Lin Chen</p><p>x</p></div><div class='card'><p>y</p><p>z</p></div>", "Mei Lin Chen"),
    ("<p><strong>Ciarán Doyle</strong></p>", "Ciarán Doyle"),
    ("<p class='member-name'>Yusuf Al-Amin</p>", "Yusuf Al-Amin"),
    ("<table><tr><th>Name</th><th>Role</th></tr><tr><td>Ann Lee</td><td>CFO</td></tr></table>", "Ann Lee"),
    ("<table><tr><td>Ann Lee</td><td>CFO</td></tr></table>", "Ann Lee"),
    ("<p><strong>Sabine Krüger</strong><br>Personalreferentin<br>Telefon: 0711 23456-70</p>", "Sabine Krüger"),
    ("<h3>Dr. Klaus Weber</h3>", "Klaus Weber"),
])
def test_people_structural_names_own_their_region(markup, name):
    assert found(markup).get(name) is Scope.REGION


@pytest.mark.parametrize(("markup", "name", "title"), [
    ("<p>Kavya Nair, HR Business Partner<br>kavya@x.in</p>", "Kavya Nair", "HR Business Partner"),
    ("<p>Kevin O'Malley, Sales Manager, Commercial Accounts</p>", "Kevin O'Malley",
     "Sales Manager, Commercial Accounts"),
    ("<p>Kevin O'Malley, Sales Manager, Commercial Accounts</p>", "Kevin O'Malley", "Sales Manager"),
    ("<p>Dr. Klaus Weber (Geschäftsführer)</p>", "Klaus Weber", "Geschäftsführer"),
    ("<p>Jane Doe – Head of Communications</p>", "Jane Doe", "Head of Communications"),
])
def test_people_name_then_title_lines(markup, name, title):
    names, titles = names_in(markup, titles=(title,))
    assert [hit.mention.value for hit in names] == [name]
    assert [(hit.mention.value, hit.owner) for hit in titles] == [(title, names[0].key)]


@pytest.mark.parametrize(("markup", "name", "scope"), [
    ("<p>Ansprechpartner: Lukas Bauer<br>Tel.: 0711 23456-60</p>", "Lukas Bauer", Scope.FOLLOWING),
    ("<p>Contact person: Jane Doe<br>jane@x.com</p>", "Jane Doe", Scope.FOLLOWING),
    # Impressum style: the lines after a legal or title label are the company's.
    ("<p>Geschäftsführer: Dr. Klaus Weber<br>Registergericht: Amtsgericht Stuttgart</p>", "Klaus Weber", Scope.LINE),
    ("<p>Vertreten durch: Peter Müller, Geschäftsführer<br>Tel: 089 123456-0</p>", "Peter Müller", Scope.LINE),
    ("<p>Directeur de la publication : François Lefèvre, Directeur général</p>", "François Lefèvre", Scope.LINE),
])
def test_people_labelled_names(markup, name, scope):
    titles = ("Geschäftsführer", "Directeur", "Directeur général")
    assert found(markup, titles=titles) == {name: scope}


@pytest.mark.parametrize("markup", [
    "<p>Registergericht: Amtsgericht Stuttgart</p>",
    "<h1>Our Team</h1>",
    "<h2>Store Hours</h2>",
    "<p>Partners &amp; Staff</p>",
    "<nav><a href='/'>Jane Smith</a></nav>",
    "<footer><p>Jane Smith</p></footer>",
    "<div class='card'><p>Leiterin Einkauf</p></div><div class='card'><p>x</p></div>",
    "<table><tr><th>Name</th><th>Funktion</th></tr><tr><td>Ann Lee</td><td>Projektleiter Automotive</td></tr></table>",
])
def test_people_rejects_non_names(markup):
    names = found(markup, titles=("Leiterin Einkauf", "Projektleiter Automotive"))
    assert not set(names) - {"Ann Lee"}


@pytest.mark.parametrize(("markup", "ner"), [
    ("<blockquote><p>“Great service.”</p><footer>— Mathieu Girard, directeur</footer></blockquote>", ()),
    ("<figure><blockquote>“Halved complaints.”</blockquote><figcaption class='blockquote-footer'>Helen Marsh, "
     "Logistics Director</figcaption></figure>", ()),
    ("<div class='testimonial'><p>“Parts in two hours.”</p><p class='author'>— Capt. Dave Morrison</p></div>", ()),
    ("<td><i>\"We have used them since 1994, thirty years and five shops.\"</i><br>"
     "<b>- Derek Lomax, Proprietor</b></td>", ()),
    ("<div>“Harbourview felt like an extension of our own team, every sprint.”</div><div>Rebecca Lawson</div>"
     "<div>Marketing Director, Coastal Credit Union</div>", ()),
    ("<p class='post__meta'>Par <span class='post__author' itemprop='author'>Camille Roussel</span>, "
     "journaliste</p>", ()),
    ("<div>Words by <span rel='author'>Marcus Tran</span>, guest contributor</div>", ("Marcus Tran",)),
    ("<p>Posted on 12 May 2024 by Jane Smith</p>", ("Jane Smith",)),
    ("<p>News | by Jane Smith</p>", ("Jane Smith",)),
    ("<p>By Jane Smith</p>", ("Jane Smith",)),
    ("<p>“It works,” said James Whitfield, Supply Chain Director at Northgate Retail Group.</p>", ("James Whitfield",)),
    ("<p>“Eleven points,” said Dr. Robert Kim, Chief Data Officer at Meridian Health.</p>", ("Robert Kim",)),
    # Review and testimonial classes named in the site's language.
    ("<div class='opinie-klientow'><p>Janusz Wróbel, właściciel sklepu</p></div>", ("Janusz Wróbel",)),
    ("<section class='testimonios'><p>Lucía Pardo, Gerente</p></section>", ("Lucía Pardo",)),
    ("<div class='kundeuttalelser'><p>Ingrid Solberg, Daglig leder</p></div>", ("Ingrid Solberg",)),
])
def test_people_excludes_testimonials_bylines_and_quotes(markup, ner):
    assert found(markup, ner=ner, titles=("Supply Chain Director", "Chief Data Officer", "Proprietor")) == {}


@pytest.mark.parametrize(("markup", "ner"), [
    ("<p>Conveyancing is handled in partnership with Hallam Legal, where Ruth Ogden looks after our clients.</p>",
     ("Ruth Ogden",)),
    ("<p>Pour les diagnostics, nous faisons appel à nos partenaires, notamment M. Luc Arnaud.</p>", ("Luc Arnaud",)),
    ("<p>A contabilidade é feita em parceria com a Conta Certa, com a contadora Beatriz Lima.</p>",
     ("Beatriz Lima",)),
    ("<p>Vi samarbeider med Fjord Regnskap ved autorisert regnskapsfører Kari Dahl.</p>", ("Kari Dahl",)),
    ("<p>Court work goes to counsel, chiefly Niamh Corr BL of the Law Library.</p>", ("Niamh Corr BL",)),
    ("<p>Rev. Daniel Ofori led the parish from 2005 until his retirement in 2018.</p>", ("Daniel Ofori",)),
    ("<p>Urs Baumann, langjähriger Partner, ist 2022 in den wohlverdienten Ruhestand getreten.</p>", ("Urs Baumann",)),
    ("<p>In memory of Ruth Cole, our clerk for many years.</p>", ("Ruth Cole",)),
    ("<p>The firm was built by Alan B. Reid, Q.C. (1929–2015), who answered every call.</p>", ("Alan B. Reid",)),
    ("<p>Planning questions can go to the council's planning officer, Dan Reid, at 0161 496 0555.</p>", ("Dan Reid",)),
    ("<p>Il prof. Luca Neri, Dirigente fino al 31/08/2024 e ora in quiescenza, saluta la scuola.</p>", ("Luca Neri",)),
    ("<p>Spring seminar: “Retrofit ventilation” with guest speaker Dr Hannah Cole (Eastbrook University).</p>",
     ("Hannah Cole",)),
    ("<p>We note with sadness the passing of Past President Colin Hart, a charter member.</p>", ("Colin Hart",)),
    ("<h2>Vale PP Colin Hart PHF (1941–2026)</h2>", ("Colin Hart",)),
    ("<p>Chambers congratulates former member Joan Reilly SC on her appointment to the bench.</p>", ("Joan Reilly",)),
    ("<p>Desde la jubilación en marzo de 2024 de D. José Luis Ortega, la plaza está ocupada.</p>", ("Luis Ortega",)),
    ("<p>We mark the retirement of Dr. Hugh Byrne after 31 years in the practice.</p>", ("Hugh Byrne",)),
    ("<p>The Club was saddened to learn of the death of Past Captain Hamish Ross in August.</p>", ("Hamish Ross",)),
    ("<p>Vendor enquiries can go to Datto’s Queensland channel manager, Sam Liddell, on 0400 318 552.</p>",
     ("Sam Liddell",)),  # another organisation's job, written with its possessive
    ("<p><i>“They handled our tax audit professionally and patiently.”</i> – Mr. Goh Kok Wah, Director, GKW "
     "Engineering</p>", ("Goh Kok Wah",)),  # a quotation and its author's attribution dash in one paragraph
    ("<p>Unser langjähriger Präsident Hansruedi Keller ist an der GV 2024 zurückgetreten.</p>", ("Hansruedi Keller",)),
    ("<p>Gegründet 1989 von Dr. Otto Pichler, der heute als Steuerberater i.&nbsp;R. noch mit Rat zur Seite steht.</p>",
     ("Otto Pichler",)),  # "i. R.": im Ruhestand
    ("<p>Our thanks to co-founder Brent Olafson, who went back to full-time farming in 2024.</p>", ("Brent Olafson",)),
    ("<p>Parking na tyłach budynku, wjazd od ul. Jana Kochanowskiego.</p>", ("Jana Kochanowskiego",)),  # a street
    ("<p>Il nostro studio si trova in via Giuseppe Verdi, al secondo piano.</p>", ("Giuseppe Verdi",)),
])
def test_people_names_at_a_partner_firm_are_outsiders(markup, ner):
    assert found(markup, ner=ner, titles=("contadora", "regnskapsfører")) == {}


def test_people_a_heading_of_a_name_and_unlisted_dotted_letters_is_the_name():
    assert found("<div class='card'><h3>Tina Mlakar, u.d.i.a.</h3><p>Tina vodi natečaje.</p></div>") == {
        "Tina Mlakar": Scope.REGION}


def test_people_church_honorifics_are_no_part_of_the_name():
    markup = ("<p>Minister of Music: Bro. Kofi Mensah</p><p>Children's Ministry Leader: Sis. Abena Darko</p>"
              "<p>Council Chairman: Deacon Yaw Boateng</p>")
    assert set(found(markup, titles=("Minister of Music", "Children's Ministry Leader", "Council Chairman"))) == {
        "Kofi Mensah", "Abena Darko", "Yaw Boateng"}


def test_people_a_cue_ending_the_cell_before_inside_a_word_is_no_cue():
    # German "…“, so Berger" is a quote cue; "ESO" (a school stage) only ends with its letters.
    markup = ("<table><tr><th>Cargo</th><th>Nombre</th></tr><tr><td>Jefa de Estudios de ESO</td>"
              "<td>Marín Gállego, Nuria</td></tr></table>")
    assert set(found(markup, titles=("Jefa de Estudios",))) == {"Nuria Marín Gállego"}
    assert found("<p>„Wir bauen weiter“, so <b>Anton Berger</b></p>", ner=("Anton Berger",)) == {}


@pytest.mark.parametrize("markup", [
    "<p>Laundry is collected by Tidewater Linen. Questions go to their route supervisor, Marco Bellini, at "
    "902-555-0142.</p>",
    "<p>Thanks to Harbour Fresh Wholesale, whose depot manager Marco Bellini (01904 555 012) calls every Friday.</p>",
])
def test_people_someone_introduced_as_another_organisations_is_an_outsider(markup):
    assert found(markup, ner=("Marco Bellini",), titles=("supervisor", "manager")) == {}


def test_people_a_relative_after_whose_is_no_outsider():
    markup = "<p>Our founder Ada Brennan, whose son Marco Bellini now runs the workshop, still drops in.</p>"
    assert "Marco Bellini" in found(markup, ner=("Ada Brennan", "Marco Bellini"), titles=("founder",))


def test_people_a_partner_of_the_firm_is_staff():
    assert set(found("<p>Our partner Jane Okoro leads the tax team.</p>", ner=("Jane Okoro",),
                     titles=("partner",))) == {"Jane Okoro"}


def test_people_reports_outsiders():
    dom = parse_html("<div class='testimonial'><p>“Great.”</p><p>— Karen Smith</p></div>")
    attribution = next(block for block in dom.blocks if "Karen" in block.text)
    assert find_names(dom, {attribution.id: [(2, 13)]}, {}).outsiders == ["Karen Smith"]


@pytest.mark.parametrize("markup", [
    "<p>The firm was founded by Jane Smith in 1990.</p>",
    "<p>Acme was founded in 1998 by Jane Smith, our President.</p>",
])
def test_people_founded_by_is_not_a_byline(markup):
    assert found(markup, ner=("Jane Smith",)) == {"Jane Smith": Scope.BLOCK}


def test_people_own_company_is_not_an_outsider():
    markup = "<p>Kevin O'Malley, Sales Manager at Tidewater Marine</p>"
    assert found(markup, titles=("Sales Manager",), company="Tidewater Marine Supply LLC") == {
        "Kevin O'Malley": Scope.REGION}
    assert found(markup, titles=("Sales Manager",), company="Acme") == {}


def test_people_ner_names_in_prose_own_their_block_only():
    names, _ = names_in("<p>Please contact Maria Schmidt on 030 1234567.</p>", ner=("Maria Schmidt",))
    (hit,) = names
    assert (hit.mention.value, hit.scope, hit.sources) == ("Maria Schmidt", Scope.BLOCK, frozenset({"spacy"}))


def test_people_structure_and_ner_agreement_is_recorded():
    names, _ = names_in("<h3>Jane Smith</h3>", ner=("Jane Smith",))
    assert names[0].sources == {"structure", "spacy"}
    assert names[0].mention.extractor == "ner.spacy+structure/1"


def test_people_mention_offsets_index_the_page_text():
    dom_markup = "<h1>Team</h1><p>Geschäftsführer: Dr. Klaus Weber</p>"
    names, _ = names_in(dom_markup, titles=("Geschäftsführer",))
    text = parse_html(f"<html><body>{dom_markup}</body></html>").text
    assert text[names[0].mention.start:names[0].mention.end] == "Dr. Klaus Weber"


@pytest.mark.parametrize(("markup", "name"), [
    ("<p>Kontaktperson: Sara Nyström</p>", "Sara Nyström"),
    ("<p>Yhteyshenkilö: Mikko Laine</p>", "Mikko Laine"),
    ("<p>Osoba kontaktowa: Agnieszka Kaczmarek</p>", "Agnieszka Kaczmarek"),
    ("<p>Kontaktní osoba: Jiří Procházka</p>", "Jiří Procházka"),
])
def test_people_new_language_person_labels(markup, name):
    assert found(markup) == {name: Scope.FOLLOWING}


@pytest.mark.parametrize(("markup", "expected", "title"), [
    # Titles in words the lexicon does not know: the bold name still heads its line; after a dash, the words
    # are taken for the job, as a dash is how such lists write it; after a comma they may be anything.
    ("<ul><li><b>Aino Virtanen</b> – Myyntiassistentti – aino.virtanen@x.fi</li></ul>", ["Aino Virtanen"],
     ["Myyntiassistentti"]),
    ("<p><strong>Lars Øvergaard</strong>, Prosjektkoordinator</p>", ["Lars Øvergaard"], []),
    # Without the markup, two capitalised words before a dash are not enough (a place, a product line).
    ("<ul><li>Aino Virtanen – Myyntiassistentti – aino.virtanen@x.fi</li></ul>", [], []),
    # Not a job: a sentence, digits, an organisation.
    ("<p><b>Aino Virtanen</b> – joined us in 2019 from Nokia</p>", ["Aino Virtanen"], []),
    ("<p><b>Aino Virtanen</b> – Lahden Konepaja Oy</p>", ["Aino Virtanen"], []),
])
def test_people_marked_name_without_a_known_title(markup, expected, title):
    names, titles = names_in(markup)
    assert [hit.mention.value for hit in names] == expected
    assert [hit.mention.value for hit in titles] == title


@pytest.mark.parametrize(("markup", "titles", "name", "title"), [
    # Under a job label, the name is what comes before the separator.
    ("<p>Directora comercial: Ing. Sofía Treviño Garza (Cédula profesional 7712345)</p>", ("Directora comercial",),
     "Sofía Treviño Garza", "Directora comercial"),
    ("<p>Jefe de obra: Arq. Tomás Quiroga — tquiroga@x.mx</p>", ("Jefe de obra",), "Tomás Quiroga", "Jefe de obra"),
    # A department for a label is the person's job.
    ("<p>Contabilità: Rag. Marta Bellucci, tel. 011 123 4567</p>", (), "Marta Bellucci", "Contabilità"),
    # Any label, when the name is followed by its own title.
    ("<p>Planning permission queries: Rónán Walsh, Senior Planner, 021 555 0101</p>", ("Senior Planner",),
     "Rónán Walsh", "Senior Planner"),
])
def test_people_label_lines(markup, titles, name, title):
    names, found_titles = names_in(markup, titles=titles)
    assert [hit.mention.value for hit in names] == [name]
    assert [hit.mention.value for hit in found_titles] == [title]


def test_people_a_person_element_presents_its_name_without_a_known_title():
    names, _titles = names_in("<p class='osoba'>Ing. Pavel Novotný | přípravář | novotny@x.cz</p>")
    assert [hit.mention.value for hit in names] == ["Pavel Novotný"]
    names, _titles = names_in("<p class='note'>Ing. Pavel Novotný | přípravář | novotny@x.cz</p>")
    assert names == []


@pytest.mark.parametrize(("markup", "titles", "name", "title"), [
    ("<p>Prokuristin – Mag. Eva Lindner</p>", ("Prokuristin",), "Eva Lindner", "Prokuristin"),
    ("<p>Office Manager | Ruth Baker</p>", ("Office Manager",), "Ruth Baker", "Office Manager"),
])
def test_people_title_dash_name_lines(markup, titles, name, title):
    names, found_titles = names_in(markup, titles=titles)
    assert [hit.mention.value for hit in names] == [name]
    assert [hit.mention.value for hit in found_titles] == [title]


def test_people_a_dash_line_needs_a_title_before_the_dash():
    assert found("<p>Sunday Brunch – Maple Street</p>", titles=()) == {}


def test_people_post_nominals_in_brackets_stay_out_of_the_name():
    assert list(found("<h3>Owen Rees LLB (Hons)</h3><p>x</p>")) == ["Owen Rees"]


@pytest.mark.parametrize(("markup", "titles", "name", "title"), [
    # Letters after the name come before the title.
    ("<ul><li>Grace Mbeki, CPA, Treasurer</li></ul>", ("Treasurer",), "Grace Mbeki", "Treasurer"),
    ("<ul><li><b>Dmitri Volkov, P.Eng.</b> — Structural Engineer</li></ul>", ("Structural Engineer",),
     "Dmitri Volkov", "Structural Engineer"),
    # Capitalised words naming the area straight after the title, ending the line, are part of it.
    ("<p><b>Jonas Keller</b>, Key Account Manager DACH &amp; Benelux</p>", ("Key Account Manager",), "Jonas Keller",
     "Key Account Manager DACH & Benelux"),
    # Lowercase words ending the line are the rest of the job.
    ("<p><b>Ing. Karel Vrba</b>, vedoucí stavebního oddělení</p>", ("vedoucí",), "Karel Vrba",
     "vedoucí stavebního oddělení"),
    ("<p><b>Eva Malá</b>, asistentka, mzdy</p>", ("asistentka",), "Eva Malá", "asistentka, mzdy"),
    # A department for a job, in a list line with more fields after it.
    ("<ul><li><b>Katrin Moser</b> – Büro und Buchhaltung – DW 21</li></ul>", (), "Katrin Moser",
     "Büro und Buchhaltung"),
    ("<ul><li>M. Olivier Rey, réception et secrétariat général – 021 555 01 20</li></ul>", (), "Olivier Rey",
     "réception et secrétariat général"),
    ("<ul><li>Sofia Brandão, secretariado e faturação</li></ul>", (), "Sofia Brandão", "secretariado e faturação"),
    # The area after a second dash, however many short words and remarks in brackets it has.
    ("<ul><li><b>Laura Da Costa</b> – Juriste – successions, donations et contrats de mariage</li></ul>", ("Juriste",),
     "Laura Da Costa", "Juriste – successions, donations et contrats de mariage"),
    ("<ul><li><b>Marc Schmit</b> – Clerc – droit des sociétés (constitutions, assemblées, cessions de parts)</li></ul>",
     ("Clerc",), "Marc Schmit", "Clerc – droit des sociétés (constitutions, assemblées, cessions de parts)"),
    ("<ul><li><b>Laia Masó</b> – Vocal de joventut – laia.maso [arroba] cevall.cat</li></ul>", ("Vocal de joventut",),
     "Laia Masó", "Vocal de joventut"),  # an address out of scrapers' sight is no area
    ("<p><b>Léa Schaeffer</b> — accueil au caveau &amp; boutique en ligne</p>", (), "Léa Schaeffer",
     "accueil au caveau & boutique en ligne"),  # six words the lexicon does not know
    # The job's area ends at a comma before the person's number: "– inspektor nadzoru – branża sanitarna, tel. …".
    ("<p><b>Paweł Szymański</b> – inspektor nadzoru – branża sanitarna, tel. kom. 519 204 667</p>",
     ("inspektor nadzoru",), "Paweł Szymański", "inspektor nadzoru – branża sanitarna"),
    ("<p><b>Anna Rus</b> – antrenoare atletism, sprint și garduri · 0751 377 902</p>", ("antrenoare",), "Anna Rus",
     "antrenoare atletism, sprint și garduri"),
    # An unlisted job joined to a listed one after it.
    ("<h3>Annamma Thomas – Co-host &amp; Head Cook</h3>", ("Head Cook",), "Annamma Thomas", "Co-host & Head Cook"),
    # A job after a dash ends with its sentence ("– Prensa y comunicación. Pedidos de ejemplares …").
    ("<p><b>Soledad Bustos</b> – Prensa y comunicación. Pedidos: prensa@papel.com.ar</p>", (), "Soledad Bustos",
     "Prensa y comunicación"),
    ("<p><b>Julieta Ferrari</b> – Corrección y edición de mesa.</p>", (), "Julieta Ferrari",
     "Corrección y edición de mesa"),
    ("<p><b>Gonzalo Ledesma</b> – Diseño gráfico y tapas. Sus ilustraciones en Instagram.</p>", (),
     "Gonzalo Ledesma", "Diseño gráfico y tapas"),
    # An elided article is no word of its own: "– permis d’environnement et primes énergie" is a short area.
    ("<ul><li>Laura Gilson, agente technique – permis d’environnement et primes énergie</li></ul>",
     ("agente technique",), "Laura Gilson", "agente technique – permis d’environnement et primes énergie"),
    # A title keeps its own closing bracket.
    ("<p>Paul Girard – Responsable hygiène, sécurité (HSE)</p>", ("Responsable hygiène, sécurité (HSE",),
     "Paul Girard", "Responsable hygiène, sécurité (HSE)"),
    # Certifications after the title are not part of it.
    ("<p>Omar Haddad, Systems Engineer, CISSP</p>", ("Systems Engineer",), "Omar Haddad", "Systems Engineer"),
])
def test_people_titles_after_names_with_letters_and_brackets(markup, titles, name, title):
    names, found_titles = names_in(markup, titles=titles)
    assert [hit.mention.value for hit in names] == [name]
    assert [hit.mention.value for hit in found_titles] == [title]


def test_people_a_row_with_a_job_cell_takes_no_job_from_the_name_cell():
    table = ("<table><tr><th>Name</th><th>Funktion</th></tr>"
             "<tr><td>Ursula Hediger-Frei (SVP)</td><td>Vizeammann</td></tr>"  # a party, not a Senior VP
             "<tr><td>Sekretariat: Gabi Rohde</td><td>Büro</td></tr></table>")
    names, glued = names_in(table, titles=("SVP", "Vizeammann", "Sekretariat"))
    assert [hit.mention.value for hit in names] == ["Ursula Hediger-Frei", "Gabi Rohde"]
    assert [hit.mention.value for hit in glued] == ["Sekretariat"]  # a label before the name is the person's job
    names, glued = names_in(table.replace("<th>Funktion</th>", "<th>Ort</th>"), titles=("SVP", "Sekretariat"))
    assert [hit.mention.value for hit in glued] == ["SVP", "Sekretariat"]


def test_people_a_branchs_town_heading_its_address_is_no_name():
    markup = ("<div class='loja'><p><b>Ponte de Lima</b><br>Largo de Camões, 12<br>4990-062 Ponte de Lima<br>"
              "Tel. 258 943 208</p></div><div class='loja'><p><b>Rosa Lima</b><br>Optometrista</p></div>")
    assert list(found(markup)) == ["Rosa Lima"]


def test_people_a_directorys_job_in_bold_before_a_dash_and_the_name():
    names, glued = names_in("<ul><li><strong>Kantinebeheer</strong> – Tjitske Terpstra</li>"
                            "<li><strong>Trainer senioren</strong> – Douwe Kalsbeek, douwe@example.nl</li></ul>")
    assert [(hit.mention.value, title.mention.value) for hit, title in zip(names, glued)] == [
        ("Tjitske Terpstra", "Kantinebeheer"), ("Douwe Kalsbeek", "Trainer senioren")]
    # Not a bold line whole, nor a group of customers before a name with a job of its own.
    _names, glued = names_in("<p><strong>Restaurants, retailers and trade accounts</strong> — Greg Schmitt, Wholesale "
                             "&amp; Trade Accounts.</p>"
                             "<p><strong>ExplicaBraga – Centro de Explicações, Lda.</strong></p>")
    assert [title.mention.value for title in glued] == []


def test_people_a_name_cell_with_a_remark_in_brackets_and_a_contact_cell_naming_an_office():
    table = ("<table><tr><th>Name / Enw</th><th>Ward</th><th>Contact / Cyswllt</th></tr>"
             "<tr><td>Cllr Kevin O'Driscoll (co-opted September 2026)</td><td>Rhos</td><td>x@acme.gov.wales</td></tr>"
             "<tr><td>Cllr Emyr Thomas</td><td>Pentre</td><td>via the Clerk</td></tr></table>")
    assert list(found(table, titles=("Clerk",))) == ["Kevin O'Driscoll", "Emyr Thomas"]
    dom = parse_html(f"<html><body>{table}</body></html>")
    names, _glued = names_in(table, titles=("Clerk",))
    titles = find_titles(dom, {b.id: [m.span()] for b in dom.blocks for m in re.finditer("Clerk", b.text)}, names)
    assert [hit.mention.text for hit in titles if hit.standalone] == []  # "via the Clerk": someone else's office


def test_people_a_degrees_line_holds_no_name():
    markup = "".join(
        f'<div class="team-item"><h3 class="team-name">{name}</h3><div class="team-role">{role}</div>'
        f'<div class="team-degree">{degree}</div></div>'
        for name, role, degree in (("Simon Rüegg", "Projektleiter", "MSc Architektur ZFH, eidg. dipl. Bauleiter"),
                                   ("Nadine Zünd", "Projektleiterin", "BSc Architektur FHO")))
    assert list(found(markup, ner=("Architektur ZFH",))) == ["Simon Rüegg", "Nadine Zünd"]


def test_people_a_sentence_going_on_after_the_title_is_not_an_employer():
    markup = ("<p><strong>Mairi Sinclair</strong>, Visitor Centre Manager, runs tours and tastings. Group "
              "organisers can call Mairi on 01340 881 300.</p>")
    names, found_titles = names_in(markup, titles=("Visitor Centre Manager",))
    assert [hit.mention.value for hit in names] == ["Mairi Sinclair"]
    assert [hit.mention.value for hit in found_titles] == ["Visitor Centre Manager"]


def test_people_a_bold_name_with_letters_after_it_heads_its_cell():
    markup = "<table><tr><td><b>Declan Murray</b> FCA<br>Partner</td><td>028 9024 1000</td></tr></table>"
    assert list(found(markup, titles=("Partner",))) == ["Declan Murray"]


@pytest.mark.parametrize("markup", [
    "<p>Founding director Hugh Farrell retired in 2021 after 30 years with the firm.</p>",
    "<p>Firmengründer Otto Berger hat sich 2020 in den Ruhestand verabschiedet.</p>",
    "<p>Notre fondateur, Me Paul Gagnon, a pris sa retraite en 2019.</p>",
    "<p>Zakladatel firmy Ing. Pavel Dvořák odešel v roce 2021 do důchodu.</p>",
    "<p>Założyciel spółki Jan Kowalczyk przeszedł na emeryturę w 2020 roku.</p>",
    "<p>Don Ernesto Salinas, fundador del estudio en 1985, hoy está retirado.</p>",
    "<p>Unser Seniorchef Anton Huber ist seit 2018 im wohlverdienten Ruhestand.</p>",
    "<p>Firmengründer Otto Berger (†2019) begann 1962 mit einer kleinen Werkstatt.</p>",  # a year of death
    "<p>Our founder Hugh Farrell (d. 2017) opened the first yard on the quay.</p>",
    "<p>Le cabinet a été fondé par Me Paul Gagnon, notaire aujourd’hui retraité, et est dirigé par sa fille.</p>",
    "<p>Het bedrijf werd opgericht door Jan Kowalczyk, inmiddels gepensioneerd.</p>",
    "<p>Hugh Farrell, a founding partner, left the practice in 2019 to teach.</p>",
    "<p>Dolgoletna ravnateljica Jan Kowalczyk se je avgusta 2024 upokojila.</p>",
    "<p>Kurucumuz Hugh Farrell 2020 yılında emekliye ayrıldı.</p>",
    "<p>Uno de ellos, Ernesto Salinas, fue socio fundador hasta 2021 y hoy tiene su propia cervecería.</p>",
    "<p>Mgr. Pavel Dvořák, společník do roku 2023, dnes působí jako notář v Jihlavě.</p>",
])
def test_people_those_who_have_left_are_not_staff(markup):
    names, _titles = names_in(markup, ner=("Hugh Farrell", "Otto Berger", "Paul Gagnon", "Pavel Dvořák",
                                           "Jan Kowalczyk", "Ernesto Salinas", "Anton Huber"),
                              titles=("Founding director", "Firmengründer", "Zakladatel", "Założyciel", "fundador",
                                      "Seniorchef"))
    assert names == []


def test_people_what_is_said_after_a_name_ner_missed_is_about_that_name():
    dom = parse_html("<html><body><p>Katrien Goossens volgt sinds 1 maart 2026 Luc Janssens op, die met pensioen "
                     "ging.</p><p>Many will remember Mr Brian Noakes, headteacher at St Bede's from 1998, who "
                     "sadly passed away in June.</p></body></html>")
    persons = {b.id: [(b.text.index(n), b.text.index(n) + len(n))] for b, n in
               zip(dom.blocks, ("Katrien Goossens", "Brian Noakes"))}
    former = find_names(dom, persons, {}).former
    assert name_key("Katrien Goossens") not in former  # NER did not read Luc Janssens, who retired
    assert name_key("Brian Noakes") in former  # "St Bede's" after "at" is a place, not the next person


def test_people_a_job_held_until_a_year_to_come_is_current():
    dom = parse_html("<html><body><p>Hugh Farrell, locum vet until 2099, covers the Ennis clinic.</p></body></html>")
    text = dom.blocks[0].text
    assert not find_names(dom, {0: [(0, text.index(","))]}, {}).former


def test_people_name_dot_lowercase_job_is_one_person_not_a_list():
    from ner.lines import segments

    assert segments("Monique Aerts · administratie & personeelszaken") == [
        (0, "Monique Aerts · administratie & personeelszaken")]
    assert len(segments("Eva Pichler · Lukas Steiner · Miriam Wallner")) == 3


def test_people_a_column_whose_header_says_nothing_known_still_holds_names():
    markup = ("<table><thead><tr><th>Avocat / collaborateur</th><th>Fonction</th></tr></thead>"
              "<tbody><tr><td>Maître Lucie Faure</td><td>Avocate associée</td></tr></tbody></table>")
    assert list(found(markup, titles=("Avocate associée",))) == ["Lucie Faure"]


def test_people_a_block_led_by_a_job_label_is_the_persons():
    markup = "<p>Werkstattleiter: <b>Jonas Wild</b><br>Mobil: 0676 913 44 09</p>"
    names, _titles = names_in(markup, titles=("Werkstattleiter",))
    assert [(hit.mention.value, hit.scope) for hit in names] == [("Jonas Wild", Scope.FOLLOWING)]


def test_people_a_business_named_after_its_owner_is_not_a_person():
    assert found("<h2>Schreinerei Obermaier</h2><p>Meisterbetrieb seit 1962</p>") == {}


def test_people_a_marked_job_label_leads_a_staff_entry():
    markup = "<p><span class='fonction'>Comptable :</span> Luc Weber<br>GSM 621 555 123</p>"
    names, _titles = names_in(markup, titles=("Comptable",))
    assert [(hit.mention.value, hit.scope) for hit in names] == [("Luc Weber", Scope.FOLLOWING)]


@pytest.mark.parametrize(("markup", "name", "title"), [
    ("<p><b>Rotulación de vehículos:</b> Pilar Esteve · pilar@acme.es</p>", "Pilar Esteve", "Rotulación de vehículos"),
    ("<p><strong>Montaje y soldadura:</strong> Jordi Pons</p>", "Jordi Pons", "Montaje y soldadura"),
])
def test_people_a_bold_label_before_a_colon_in_a_directory_is_the_job(markup, name, title):
    names, titles = names_in(markup)
    assert [hit.mention.value for hit in names] == [name]
    assert [hit.mention.value for hit in titles] == [title]


def test_people_a_bold_contact_label_is_no_job():
    names, titles = names_in("<p><b>Kontakt:</b> Maria Huber · maria@acme.de</p>")
    assert titles == []


def test_people_an_area_after_a_dash_ends_the_title():
    markup = "<ul><li>Leah Cormier, Leasing Consultant – Truro &amp; Amherst, ext. 240</li></ul>"
    names, titles = names_in(markup, ner=("Leah Cormier",), titles=("Leasing Consultant",))
    assert [hit.mention.value for hit in titles] == ["Leasing Consultant – Truro & Amherst"]
    markup = "<ul><li>Leah Cormier, Leasing Consultant – Tom Reid, ext. 240</li></ul>"
    names, titles = names_in(markup, ner=("Leah Cormier",), titles=("Leasing Consultant",))
    assert [hit.mention.value for hit in titles] == ["Leasing Consultant"]


def test_people_an_area_after_a_comma_ends_the_title():
    markup = "<h3>Niamh Boyle — Director, Conservation &amp; Heritage</h3>"
    names, titles = names_in(markup, ner=("Niamh Boyle",), titles=("Director",))
    assert [hit.mention.value for hit in titles] == ["Director, Conservation & Heritage"]


def test_people_unlisted_words_before_a_known_title_in_a_presented_heading():
    markup = ("<h3>Tom Reid — Director</h3><p>Tom leads.</p>"
              "<h3>Anna Pryce — Part II Architectural Assistant</h3><p>Anna draws.</p>")
    names, titles = names_in(markup, titles=("Director", "Architectural Assistant"))
    assert "Part II Architectural Assistant" in [hit.mention.value for hit in titles]


def test_people_letters_in_brackets_after_a_name_are_not_the_title_separator():
    markup = "<h2>Alasdair Grant BSc (Hons) MRICS — Managing Director</h2><p>Alasdair founded the firm.</p>"
    names, titles = names_in(markup, titles=("Managing Director",))
    assert [hit.mention.value for hit in names] == ["Alasdair Grant"]
    assert [hit.mention.value for hit in titles] == ["Managing Director"]


@pytest.mark.parametrize(("markup", "title", "expected"), [
    ("<h4>Brian Ouma, General Manager – Mombasa Branch</h4>", "General Manager", "General Manager – Mombasa Branch"),
    ("<h5>Kyle Gedge | Diagnostic Technician (EV &amp; Hybrid)</h5>", "Diagnostic Technician",
     "Diagnostic Technician (EV & Hybrid)"),
    ("<p>Richard Hollis, Professor Emeritus (structural engineering); Margaret Lund, Professor Emerita.</p>",
     "Professor Emeritus", "Professor Emeritus"),  # a field of research in a list of people
    ("<h5>Marlon Dizon — Customer Care Officer (warranty &amp; after-sales)</h5>", "Customer Care Officer",
     "Customer Care Officer (warranty & after-sales)"),  # the rest of a heading's field is the job
])
def test_people_a_site_of_the_firm_or_a_capitalised_bracket_ends_the_title(markup, title, expected):
    names, titles = names_in(markup, titles=(title,))
    assert [hit.mention.value for hit in titles] == [expected]


def test_people_the_whole_field_after_the_dash_of_a_bold_name_is_the_job():
    markup = ("<p><strong>Ilaria Conti</strong> – responsabile magazzino centrale Collecchio<br>"
              "Tel. 0521 804 112</p>")
    names, titles = names_in(markup, titles=("responsabile",))
    assert [hit.mention.value for hit in titles] == ["responsabile magazzino centrale Collecchio"]
    markup = "<p><strong>Tom Reid</strong> – Sales Manager Northwind Traders Ltd</p>"
    names, titles = names_in(markup, titles=("Sales Manager",))
    assert [hit.mention.value for hit in titles] == ["Sales Manager"]  # another firm's name is no part of it


@pytest.mark.parametrize(("markup", "title", "expected"), [
    ("<p><b>Marta Ribas Puig</b>, assessora comptable – societats i cooperatives. Mòbil 644 201 339.</p>",
     "assessora comptable", "assessora comptable – societats i cooperatives"),
    ("<p><b>Pere Vidal</b>, advocat – Dret Laboral i Concursal. pvidal@acme.es</p>", "advocat",
     "advocat – Dret Laboral i Concursal"),  # an area joined by "i", however NER reads its words
    ("<p><b>Rhys Morgan</b>, Site Manager – mob. 07700 900123</p>", "Site Manager", "Site Manager"),
    ("<p><b>Dewi Price</b>, Bar Manager — weddings and functions: functions@acme.co.uk</p>", "Bar Manager",
     "Bar Manager"),  # the words before a colon label the address
])
def test_people_the_rest_of_a_presented_names_field_or_sentence_is_the_job(markup, title, expected):
    names, titles = names_in(markup, ner=("Dret Laboral",), titles=(title,))
    assert [hit.mention.value for hit in titles] == [expected]


def test_people_a_long_bio_led_by_a_bold_name_and_job_reads_its_first_sentence():
    markup = ("<p><b>Pau Ferrer Vidal</b>, Responsable del Departamento Fiscal. Asesor fiscal colegiado desde hace "
              "veinte años, lleva las cuentas de sociedades, cooperativas agrarias y autónomos de toda la comarca. "
              "Ext. 14 en el 963 52 41 80.</p>")
    names, titles = names_in(markup, titles=("Responsable",))
    assert [hit.mention.value for hit in names] == ["Pau Ferrer Vidal"]
    assert [hit.mention.value for hit in titles] == ["Responsable del Departamento Fiscal"]


def test_people_unlisted_letters_after_listed_ones_and_the_last_separator_before_the_job():
    markup = "<div class='panel'><a class='acc-title'>Harriet Ngata, MD, FACS — Chief of Surgery, Trauma Care</a></div>"
    names, titles = names_in(markup, titles=("MD", "Chief of Surgery"))
    assert [hit.mention.value for hit in names] == ["Harriet Ngata"]
    assert [hit.mention.value for hit in titles] == ["Chief of Surgery, Trauma Care"]


def test_people_a_dashed_area_in_the_jobs_own_element_is_no_name():
    markup = ("<div class='member'><h3>Dr Morven Reid PhD CEng MIMechE</h3>"
              "<div class='member-position'>Engineering Director – Pipeline Integrity</div></div>")
    names, titles = names_in(markup, titles=("Engineering Director",))
    assert [hit.mention.value for hit in names] == ["Morven Reid"]


def test_people_an_education_column_holds_no_names():
    markup = ("<table><thead><tr><th>Name</th><th>Funktion</th><th>Ausbildung</th></tr></thead><tbody>"
              "<tr><td>Reto Kälin</td><td>Buchhalter</td><td>Betriebswirt HF</td></tr></tbody></table>")
    names, _titles = names_in(markup)
    assert [hit.mention.value for hit in names] == ["Reto Kälin"]


def test_people_what_a_job_is_of_is_not_a_person():
    markup = "<p>Coordenadora do Laboratório de Qualidade</p>"
    names, _titles = names_in(markup, ner=("Laboratório de Qualidade",), titles=("Coordenadora",))
    assert names == []


def test_people_the_rest_of_a_dashed_heading_among_dashed_siblings_is_the_job():
    markup = ("<div class='team'><h4>Noa Ben-Ami | Office Manager</h4><p>Noa runs the office.</p>"
              "<h4>Dmitri Volkov | CNC setter, 3-axis &amp; lathe</h4><p>Dmitri sets up the machines.</p>"
              "<h4>Dana Cole | Sales Director at Globex Holdings</h4><p>A customer.</p></div>")
    names, titles = names_in(markup, titles=("Office Manager", "Sales Director"))
    by_owner = {hit.owner: hit.mention.value for hit in titles}
    assert by_owner["dmitri volkov"] == "CNC setter, 3-axis & lathe"
    assert "Dana Cole" not in [hit.mention.value for hit in names]  # a job held elsewhere: an outsider


def test_people_the_rest_of_a_dashed_list_item_among_dashed_siblings_is_the_job():
    markup = ("<h2>In the roastery</h2><ul><li>Tamsin Roe – Office Manager</li>"
              "<li>Oskar Lindqvist – green coffee buying (oskar@example.com)</li>"
              "<li>Priya Nair – packing &amp; dispatch – ext. 14</li>"
              "<li>Leon Baptiste – cuppings &amp; tours — leon (at) example.com</li></ul>")
    names, titles = names_in(markup, titles=("Office Manager",))
    by_owner = {hit.owner: hit.mention.value for hit in titles}
    assert [hit.mention.value for hit in names] == ["Tamsin Roe", "Oskar Lindqvist", "Priya Nair", "Leon Baptiste"]
    assert by_owner["oskar lindqvist"] == "green coffee buying"
    assert by_owner["priya nair"] == "packing & dispatch"
    assert by_owner["leon baptiste"] == "cuppings & tours"


def test_people_a_list_without_a_known_job_after_a_dash_is_not_read_so():
    markup = "<ul><li>Huila Washed – Colombia</li><li>Sidamo Natural – Ethiopia</li></ul>"
    names, _titles = names_in(markup)
    assert names == []


def test_people_other_cells_of_a_row_with_a_name_cell_hold_no_names():
    markup = ("<table><thead><tr><th>Klass/grupp</th><th>Namn</th><th>Roll</th></tr></thead><tbody>"
              "<tr><td>Fritids Ekorren</td><td>Hanna Sjöberg</td><td>fritidspedagog</td></tr></tbody></table>")
    names, _titles = names_in(markup, ner=("Fritids Ekorren",))
    assert [hit.mention.value for hit in names] == ["Hanna Sjöberg"]


def test_people_what_is_said_after_the_next_name_is_about_them():
    dom = parse_html("<html><body><p>The firm was founded in 2012 by Ravi Menon and Anil Kapoor (partner, "
                     "2012–2018), who has since retired.</p></body></html>")
    text = dom.blocks[0].text
    persons = {0: [(text.index(n), text.index(n) + len(n)) for n in ("Ravi Menon", "Anil Kapoor")]}
    former = find_names(dom, persons, {}).former
    assert name_key("Anil Kapoor") in former and name_key("Ravi Menon") not in former


def test_people_a_dashed_place_in_an_inline_job_element_is_no_name():
    markup = ("<div class='card'><div class='info'><span class='member-name'>Curtis Adeyemi</span>"
              "<span class='member-role'>Funeral Director – Norwood Chapel</span></div></div>")
    names, titles = names_in(markup, titles=("Funeral Director",))
    assert [hit.mention.value for hit in names] == ["Curtis Adeyemi"]


def test_people_a_place_after_the_job_in_its_element_is_no_person():
    markup = "<div class='card'><h4>Tom Hadley</h4><p class='role'>Branch Manager, Herne Bay</p></div>"
    names, _titles = names_in(markup, ner=("Tom Hadley", "Herne Bay"), titles=("Branch Manager",))
    assert [hit.mention.value for hit in names] == ["Tom Hadley"]


def test_people_a_badge_saying_retired_makes_a_heading_name_former():
    dom = parse_html("<html><body><h3>Dr. Edwin Marsh, DDS <span class='badge'>Founder, retired</span></h3>"
                     "</body></html>")
    assert name_key("Edwin Marsh") in find_names(dom, {}, {}).former


def test_people_a_job_and_its_field_is_no_name_whatever_ner_reads():
    markup = "<div class='card'><h4>Renata Solís</h4><p>Directora de Cuentas – Sector Retail</p></div>"
    names, _titles = names_in(markup, ner=("Renata Solís", "Directora de Cuentas"), titles=("Directora",))
    assert [hit.mention.value for hit in names] == ["Renata Solís"]


def test_people_a_family_is_no_person():
    markup = "<table><tr><td>Stammhaus Bamberg</td><td>Familie Kastner</td><td>0951 70045-0</td></tr></table>"
    names, _titles = names_in(markup, ner=("Familie Kastner",))
    assert "Familie Kastner" not in [hit.mention.value for hit in names]


def test_people_a_line_ending_in_another_organisation_is_an_outsiders():
    company = "Willow Creek Community Clinic"
    markup = ("<ul><li><b>Ruth Alder</b> (Chair) – Chief Financial Officer, Lane Community Credit Union</li>"
              "<li><b>Tane Walker</b>, law clerk (final-year LLB, University of Otago)</li></ul>")
    names, _titles = names_in(markup, titles=("Chair", "Chief Financial Officer", "law clerk"), company=company)
    assert [hit.mention.value for hit in names] == ["Tane Walker"]  # a bracket's university is a remark


@pytest.mark.parametrize("sentence", [
    "Seniorchef Anton Brunner hat sich 2022 aus dem Tagesgeschäft zurückgezogen.",
    "Our founder Walter Penrose stepped back from the business in 2021.",
])
def test_people_someone_who_stepped_back_has_left(sentence):
    dom = parse_html(f"<html><body><p>{sentence}</p></body></html>")
    text = dom.blocks[0].text
    name = "Anton Brunner" if "Anton" in text else "Walter Penrose"
    former = find_names(dom, {0: [(text.index(name), text.index(name) + len(name))]}, {}).former
    assert name_key(name) in former


@pytest.mark.parametrize(("markup", "name"), [
    ("<p>In den Ferien hilft uns auch Lea Brandt, die Tochter des Chefs, im Lager.</p>", "Lea Brandt"),
    ("<p>D'estate ci dà una mano anche Giulia Ferri, studentessa di ingegneria.</p>", "Giulia Ferri"),
    ("<p>On Saturdays Tom Rees gives us a hand in the shop.</p>", "Tom Rees"),
    ("<p>Over the summer, Wren Halvorsen helps out with the kayak hire.</p>", "Wren Halvorsen"),
    ("<p>At the door you will be greeted by Wren Halvorsen, our friendliest face.</p>", "Wren Halvorsen"),
    ("<p>Wren Halvorsen has looked after our stores for a decade.</p>", "Wren Halvorsen"),
])
def test_people_someone_the_page_says_helps_out_here_is_cued_as_a_colleague(markup, name):
    names, _titles = names_in(markup, ner=(name,))
    assert [(hit.mention.value, "cue" in hit.sources) for hit in names] == [(name, True)]


def test_people_a_name_element_under_its_role_line_in_one_block_heads_the_card():
    markup = ("<details><summary><span class='accordion__role'>Vennoot – familierecht</span>"
              "<span class='accordion__name'>Mr. Els Peeters</span></summary><p>Els behandelt echtscheidingen.</p>"
              "</details>")
    assert found(markup, titles=("Vennoot",)) == {"Els Peeters": Scope.REGION}


def test_people_two_names_heading_a_card_are_two_people():
    markup = "<div class='card'><p><b>Leanne Dwyer &amp; Tomasi Vea</b></p><p><i>Shed Supervisors</i></p></div>"
    assert found(markup) == {"Leanne Dwyer": Scope.REGION, "Tomasi Vea": Scope.REGION}


def test_people_someone_of_a_firm_with_a_legal_form_after_the_comma_is_an_outsider():
    names, _titles = names_in("<p>Our estate clients also work with attorney Julia Moreno of Moreno Estate Law, LLC "
                              "(608-257-3318).</p>", ner=("Julia Moreno",))
    assert names == []


def test_people_someone_in_brackets_after_another_organisations_name_is_theirs():
    names, _titles = names_in("<p>Blood tests are drawn on site by Coastal Pathology Laboratories (branch manager "
                              "Mr Devan Pillay, 031 566 1870).</p>", ner=("Devan Pillay",))
    assert names == []


@pytest.mark.parametrize(("markup", "cued"), [
    ("<p>I durant la verema el tractor el condueix l’<b>Oriol Serra</b>, que ens ajuda al celler.</p>", True),
    ("<p>A friendly voice on the phone? That’s <b>Niamh Doyle</b>, who is on reception Monday to Thursday.</p>", True),
    ("<p><b>Mehmet Aksoy</b> kümmert sich bei uns um die digitale Belegverwaltung.</p>", True),
    ("<p>You’ll most likely meet <strong>Jess Driscoll</strong> at the front desk when you arrive.</p>", True),
    ("<p>Los trámites en la DGT los hace <b>Carlos Benlloch</b>, que lleva con nosotros desde 1998.</p>", True),
    ("<p>In der Backstube wird bei uns noch jede Nacht von Hand gebacken.</p>", False),  # not in bold: no name
])
def test_people_a_bold_name_in_a_sentence_saying_they_work_here_is_cued(markup, cued):
    names, _titles = names_in(markup, ner=("Nacht von Hand",))
    assert any("cue" in hit.sources for hit in names) is cued


def test_people_a_jobs_own_element_that_opens_with_the_job_holds_no_name():
    markup = ("<dl class='team'><dt>Nadine Sutter</dt><dd class='funktion'>Schreinerin EFZ</dd>"
              "<dt>Lars Brügger</dt><dd class='funktion'>Lernender Schreiner EFZ (3. Lehrjahr)</dd></dl>")
    names = found(markup, ner=("Lernender Schreiner",), titles=("Schreinerin", "Lernender"))
    assert set(names) == {"Nadine Sutter", "Lars Brügger"}


def test_people_a_card_heading_may_write_the_family_name_first():
    markup = ("<div class='card'><h5 class='card-title'>García López, Lucía</h5><h6>Fisioterapeuta</h6></div>"
              "<div class='card'><h5 class='card-title'>Kundeansvarlig, Midt-Norge</h5></div>")
    assert list(found(markup, titles=("Fisioterapeuta", "Kundeansvarlig"))) == ["Lucía García López"]


def test_people_an_honorific_and_family_name_alone_is_the_one_person_of_that_name():
    markup = ("<p>Designated Teacher for Child Protection: Mrs McKenna</p>"
              "<table><tr><td>Principal</td><td>Mrs Aoife McKenna</td></tr></table>")
    names, _titles = names_in(markup, titles=("Designated Teacher", "Principal"))
    assert {hit.key for hit in names} == {"aoife mckenna"}


def test_people_our_former_partner_or_the_late_founder_has_left():
    names, _titles = names_in("<p>Our former partner Kamal Idris was appointed a Judicial Commissioner in 2024. "
                              "The firm was founded by the late Mr. Tan Boon Huat.</p>",
                              ner=("Kamal Idris", "Tan Boon Huat"))
    assert names == []


def test_people_a_recruiters_placed_candidates_are_not_staff():
    markup = ("<h2>Recent placements</h2><ul><li><strong>Jordan Petrakis</strong> – Controller, Forest City Dairy "
              "(permanent)</li></ul>")
    assert found(markup, titles=("Controller",)) == {}


def test_people_a_couple_sharing_a_family_name_heading_a_card_are_two_people():
    names, _titles = names_in("<div class='card'><h3>Declan &amp; Maura Foley</h3><p>Owners</p></div>"
                              "<div class='card'><h3>Riaan &amp; Marguerite du Toit</h3><p>Hosts</p></div>")
    assert {hit.mention.value for hit in names} == {"Declan Foley", "Maura Foley", "Riaan du Toit",
                                                    "Marguerite du Toit"}


def test_people_a_definition_term_may_write_the_family_name_first():
    markup = ("<dl><dt>Zabaleta Arregui, Jon Ander</dt><dd>Arquitecto</dd>"
              "<dt>Ollo Sanz, Beatriz</dt><dd>Secretaría</dd></dl>")
    assert set(found(markup, titles=("Arquitecto",))) == {"Jon Ander Zabaleta Arregui", "Beatriz Ollo Sanz"}


def test_people_names_in_a_list_of_jobs_in_brackets_that_ner_missed():
    markup = ("<p>The trust is run by three volunteers: Imogen Tate (Chair), Rupert Cole (Treasurer) and Dr. Hana "
              "Ruiz (Secretary). They meet monthly.</p>")
    names, _titles = names_in(markup, ner=("Imogen Tate",), titles=("Chair", "Treasurer", "Secretary"))
    assert {hit.mention.value for hit in names} == {"Imogen Tate", "Rupert Cole", "Hana Ruiz"}
    # One name with its job in brackets is prose, where NER decides.
    names, _titles = names_in("<p>Last year Rupert Cole (Treasurer) ran the fair.</p>", titles=("Treasurer",))
    assert names == []


def test_people_a_job_and_its_field_after_a_name_element_is_no_name():
    markup = ("<div class='card'><div class='member-name'>Dr. Ines Vidal</div><div>Veterinarian – Exotic Pets</div>"
              "</div><div class='card'><div class='member-name'>Tom Ruiz</div><div>Vet Nurse</div></div>")
    assert set(found(markup, ner=("Ines Vidal", "Tom Ruiz"), titles=("Veterinarian", "Vet Nurse"))) == {
        "Ines Vidal", "Tom Ruiz"}


def test_people_the_line_under_a_job_line_heads_its_block_and_holds_the_job():
    markup = ("<table><tr><td><div>Secretary<br>Nadia Brennan<br>nbrennan@rivertonrowing.org</div></td>"
              "<td><div>Head Coach<br>Owen Pryce<br>(555) 014-2290</div></td></tr></table>")
    names, titles = names_in(markup, titles=("Secretary", "Head Coach"))
    assert {hit.mention.value: hit.scope for hit in names} == {"Nadia Brennan": Scope.REGION,
                                                              "Owen Pryce": Scope.REGION}
    assert {(hit.owner, hit.mention.value) for hit in titles} == {(name_key("Nadia Brennan"), "Secretary"),
                                                                  (name_key("Owen Pryce"), "Head Coach")}
    # Not the list after a job line's credentials ("· Speaks Dutch, French and German").
    assert names_in("<p>Dive Guide<br>SSI #20931 · Speaks Dutch, French and German.</p>",
                    titles=("Dive Guide",))[0] == []


@pytest.mark.parametrize("markup", [
    "<p>We often refer patients to Ffion Rees at Aberaeron Physio (01545 570 112) for rehabilitation.</p>",
    "<p>Minibus hire for away games is arranged with Gavin Muir of Glenesk Coaches.</p>",
])
def test_people_someone_at_a_physio_or_a_coach_firm_is_an_outsider(markup):
    names, _titles = names_in(markup, ner=("Ffion Rees", "Gavin Muir"))
    assert names == []


def test_people_left_in_a_year_says_the_person_has_left():
    left = "<p>Our first designer, Mara Kalniņa, left in 2021 to start her own studio.</p>"
    assert names_in(left, ner=("Mara Kalniņa",))[0] == []


def test_people_a_one_word_firm_with_its_legal_form_before_a_bracket_is_another_firm():
    bracket = ("<p>Soil surveys are done with Grundur ehf. (Einar Þórsson, geotechnical engineer, 847 1234).</p>")
    assert names_in(bracket, ner=("Einar Þórsson",), company="Hönnun ehf.")[0] == []


def test_people_someone_of_a_firm_named_after_them_is_an_outsider():
    markup = "<p>Our usual plumber is Dafydd Price of Price Heating &amp; Plumbing, 07786 330 112.</p>"
    assert names_in(markup, ner=("Dafydd Price",), company="Harbour Lettings")[0] == []
    own = "<p>Questions? Ask Dafydd Price of Price &amp; Sons Lettings.</p>"
    assert len(names_in(own, ner=("Dafydd Price",), company="Price & Sons Lettings")[0]) == 1


def test_people_an_abbreviation_ends_no_sentence_about_a_partner():
    from ner.partners import partnered

    text = "We work with our partner notaries at Dlamini Inc. in Pretoria, where you can ask for Thandi Dlamini."
    assert partnered(text, text.index("Thandi"))


def test_people_a_name_shape_next_to_a_staff_cue_where_ner_found_no_one():
    dom = parse_html("<html><body><p>And a warm welcome to Noor Haddad, who joins us from Grand Haven this spring."
                     "</p></body></html>")
    names = find_names(dom, {}, {}, cued={dom.blocks[0].id}).names
    assert [hit.mention.value for hit in names] == ["Noor Haddad"]  # not "Grand Haven", away from the cue


@pytest.mark.parametrize("markup", [
    "<p>Our front office also includes Keira Doyle, who books every survey.</p>",
    "<p>Tomasz Wójcik handles all our customs paperwork at the port.</p>",
])
def test_people_more_phrases_say_a_colleague_works_here(markup):
    dom = parse_html(f"<html><body>{markup}</body></html>")
    text = dom.blocks[0].text
    name = "Keira Doyle" if "Keira" in text else "Tomasz Wójcik"
    persons = {dom.blocks[0].id: [(text.index(name), text.index(name) + len(name))]}
    names = find_names(dom, persons, {}, cued={dom.blocks[0].id}).names
    assert [hit.mention.value for hit in names] == [name]


def test_people_a_caption_leaving_out_the_second_family_name_is_the_same_person():
    row = ('<div class="views-row"><div class="views-field"><img src="a.jpg" alt="Carolina Andrade, gerente"></div>'
           '<div class="views-field">Carolina Andrade Vargas</div><div class="views-field">Gerente General</div></div>'
           '<div class="views-row"><div class="views-field">Wilson Cerquera Ortiz</div>'
           '<div class="views-field">Coordinador de Extensión</div></div>')
    names, _titles = names_in(f"<main><h2>Gerencia</h2><div>{row}</div></main>", ner=("Carolina Andrade, ",),
                              titles=("Gerente General", "gerente", "Coordinador de Extensión"))
    assert {hit.key for hit in names} == {name_key("Carolina Andrade Vargas"), name_key("Wilson Cerquera Ortiz")}


@pytest.mark.parametrize(("text", "name"), [
    ("For certification that's usually Kylie Hebden of Southside Building Certification, ", "Kylie Hebden"),
    ("For urgent shipments please contact Mr Alan Wee at Skyway directly (", "Alan Wee"),
    ("Our liaison there is Paula Wentzell, Care Coordinator, ", "Paula Wentzell"),
    ("We are at 12 High Street, Leeds, ", None),
])
def test_people_the_person_a_number_in_prose_is_given_for(text, name):
    from ner.partners import named_before

    assert named_before(text) == name


@pytest.mark.parametrize(("text", "name"), [
    ("Hypotheekadvies: Dirk Smeets van Domstad Hypotheken, ", "Dirk Smeets"),
    ("Contact: Dirk van Dam, ", None),
])
def test_people_a_number_after_a_name_and_its_firm(text, name):
    from ner.partners import named_before

    assert named_before(text) == name


def test_people_a_sentence_ends_after_a_number_in_brackets():
    from ner.partners import sentence_start

    text = "Hosting by Cloudnest (account manager Bas Kok, 06 53 71 20 48). Our service desk is on 030 207 43 19."
    assert text[sentence_start(text, text.index("030")):].startswith("Our service desk")


@pytest.mark.parametrize(("markup", "name"), [
    ("<p>L'équipe est complétée par Nadia Lefèvre, qui tient le planning des chantiers.</p>", "Nadia Lefèvre"),
    ("<p>Ons jongste teamlid, Joris Peeters, helpt op zaterdag in de winkel.</p>", "Joris Peeters"),
    ("<p>Auk þeirra vinnur Sigrún Helgadóttir hjá okkur við bókhaldið.</p>", "Sigrún Helgadóttir"),
])
def test_people_still_more_phrases_say_a_colleague_works_here(markup, name):
    dom = parse_html(f"<html><body>{markup}</body></html>")
    text = dom.blocks[0].text
    persons = {dom.blocks[0].id: [(text.index(name), text.index(name) + len(name))]}
    names = find_names(dom, persons, {}, cued={dom.blocks[0].id}).names
    assert [hit.mention.value for hit in names] == [name]


def test_people_a_title_shaped_like_a_name_does_not_hide_a_retirement_after_it():
    markup = "<h2>Emeriti</h2><p>Bruce Hale, Professor Emeritus (retired 2020)<br>Ines Rowe, Lecturer</p>"
    assert set(found(markup, ner=("Bruce Hale", "Emeritus", "Ines Rowe"),
                     titles=("Professor Emeritus", "Lecturer"))) == {"Ines Rowe"}


def test_people_a_firm_with_its_legal_form_after_a_labelled_name_is_the_persons_employer():
    markup = ("<ul><li>Segreteria: Anna Riva</li>"
              "<li>Responsabile protezione dati: Avv. Marco Testa, Data Guard srl – dpo@dataguard.it</li></ul>")
    assert set(found(markup, titles=("Segreteria", "Responsabile protezione dati"))) == {"Anna Riva"}


def test_people_a_directorys_family_first_name_then_a_dash_and_the_job():
    keys = {name_key(name) for name in found("<p>Ortega Ruiz, Beatriz — Secretaría y matrículas · Tel. 983 35 27 10</p>"
                                             "<p>Navarro Gil, Alba — administración y contabilidad</p>"
                                             "<p><strong>Marta Conti, MLaw</strong> – Avvocata collaboratrice</p>",
                                             ner=("Ortega Ruiz", "Beatriz", "Marta Conti"),
                                             titles=("Secretaría", "Avvocata collaboratrice"))}
    assert keys >= {name_key("Beatriz Ortega Ruiz"), name_key("Alba Navarro Gil"), name_key("Marta Conti")}
    assert name_key("MLaw Marta Conti") not in keys


def test_people_a_functions_job_with_an_address_in_brackets_after_it():
    names, titles = names_in("<ul><li><p><strong>Claire Dumas</strong> — Administration &amp; export "
                             "(claire [at] domaine-dumas [dot] fr)</p></li></ul>")
    assert [hit.mention.value for hit in titles] == ["Administration & export"]


def test_people_a_short_area_after_a_second_dash_is_the_jobs():
    names, titles = names_in("<ul><li><b>Chloé Renard</b> – Secrétaire juridique – accueil<br>Tél. 04 223 71 50</li>"
                             "<li><b>Priya Nair</b> – packing &amp; dispatch – ext. 14</li></ul>",
                             ner=("Chloé Renard", "Priya Nair"), titles=("Secrétaire juridique",))
    by_owner = {hit.owner: hit.mention.value for hit in titles}
    assert by_owner["chloe renard"] == "Secrétaire juridique – accueil"
    assert by_owner["priya nair"] == "packing & dispatch"



def test_people_a_preposition_ner_read_into_a_name_in_prose():
    found_names = found("<p>A coordenação do escritório está a cargo de Marina Couto (Coordenadora administrativa), "
                        "que atende pelo ramal 230.</p>", ner=("de Marina Couto",),
                        titles=("Coordenadora administrativa",))
    assert "Marina Couto" in found_names


def test_people_a_name_cell_with_the_name_again_in_chinese_script_and_a_cantonese_given_name():
    markup = """<table><tr><th>Name</th><th>Position</th></tr>
    <tr><td>Ms. Joyce Kwan Siu-keung 關小強</td><td>Partner</td></tr>
    <tr><td>Mr. Terence Lau Chi-keung<br>劉志強律師</td><td>Associate</td></tr></table>"""
    assert {"Joyce Kwan Siu-keung", "Terence Lau Chi-keung"} <= set(found(markup, titles=("Partner", "Associate")))


def test_people_a_clubs_board_heading_is_no_couple_sharing_a_family_name():
    assert "Styret IL" not in found("<h1>Styret i Fjellheim IL</h1><p>Leder</p>", titles=("Leder",))


def test_people_a_board_office_its_holder_and_prose_after_in_one_long_line():
    # The job, a colon and the name open a long paragraph: its first sentence is the line.
    markup = ("<h2>Direção</h2><p>Presidente da Direção: Eng.º Hélio Rodrigues Garcia (mandato 2025–2028). A Direção "
              "é composta por cinco membros eleitos em Assembleia Geral, e a lista completa está disponível na página "
              "Transparência.</p>")
    names, found_titles = names_in(markup, ner=("Hélio Rodrigues Garcia",), titles=("Presidente da Direção",))
    assert [hit.mention.value for hit in names] == ["Hélio Rodrigues Garcia"]
    assert [hit.mention.value for hit in found_titles] == ["Presidente da Direção"]
    # Not a job that only begins the label ("Representante de Truper para la zona: …").
    markup = ("<p>Representante de Truper para la zona: Ing. Héctor Medina (zona Bajío). Solicite su visita a través "
              "de su asesor de ventas, que le dará cita en la semana siguiente a su solicitud por teléfono.</p>")
    _names, found_titles = names_in(markup, ner=("Héctor Medina",), titles=("Representante",))
    assert found_titles == []


def test_people_a_short_form_with_the_name_in_full_in_brackets_after_it():
    markup = ("<ul><li><strong>juf Marieke</strong> (Marieke van den Berg) – leerkracht groep 1/2a (ma, di, wo)</li>"
              "<li><strong>meester Daan</strong> (Daan Veenstra) – onderwijsassistent groep 3 t/m 6</li></ul>")
    names, _titles = names_in(markup, titles=("leerkracht groep 1/2a (ma, di, wo)", "onderwijsassistent groep 3 t/m 6"))
    assert [hit.mention.value for hit in names] == ["Marieke van den Berg", "Daan Veenstra"]
    # Not another person in brackets after a name ("Anna (Jan Smits' assistant)" has no shared given name).
    names, _titles = names_in("<ul><li><strong>Anna Bos</strong> (Jan Smits) – leerkracht</li></ul>",
                              titles=("leerkracht",))
    assert [hit.mention.value for hit in names] == ["Anna Bos"]


def test_people_the_elder_of_two_people_of_one_name_leaves_the_younger_staff():
    markup = ("<p>A céget 1996-ban alapította id. Horváth Gábor (1951–2022), aki haláláig tanácsadó maradt.</p>"
              "<div class='card'><h3><strong>Horváth Gábor</strong></h3><p>ügyvezető</p></div>")
    assert list(found(markup, ner=("Horváth Gábor",), titles=("ügyvezető",))) == ["Horváth Gábor"]
    markup = ("<p>A céget 1996-ban alapította Horváth Gábor (1951–2022), aki haláláig tanácsadó maradt.</p>"
              "<div class='card'><h3><strong>Horváth Gábor</strong></h3><p>ügyvezető</p></div>")
    assert found(markup, ner=("Horváth Gábor",), titles=("ügyvezető",)) == {}  # the same person, who has died


def test_people_a_capitalised_noun_ner_read_into_a_name_is_set_aside():
    markup = "<p>Um die Plätze kümmert sich seit über zwanzig Jahren Jean-Paul Schroeder, unser Platzwart.</p>"
    assert list(found(markup, ner=("Jahren Jean-Paul Schroeder",), titles=("Platzwart",))) == ["Jean-Paul Schroeder"]
    assert found("<p>Das Clubhaus erreichen Sie unter 36 05 21.</p>", ner=("Clubhaus Das",)) == {}


def test_people_a_job_glued_before_a_name_is_no_part_of_it():
    markup = ("<div class='persona'><img src='z.jpg' alt='Notaio Alberto Zanon'><h3>Notaio Dott. Alberto Zanon</h3>"
              "<div>Notaio – socio fondatore</div></div>")
    names, _titles = names_in(markup, ner=("Notaio Alberto Zanon", "Alberto Zanon"), titles=("Notaio",))
    assert {hit.mention.value for hit in names} == {"Alberto Zanon"}
    # An honorific that is also a job stays an honorific ("Professor Margaret Eccles – Chair").
    names, _titles = names_in("<ul><li>Professor Margaret Eccles – Chair</li></ul>", ner=("Margaret Eccles",),
                              titles=("Professor", "Chair"))
    assert [hit.mention.value for hit in names] == ["Margaret Eccles"]


def test_people_a_nickname_in_a_photos_alt_text_takes_the_full_names_key():
    markup = ("<div class='views-row'><img src='t.jpg' alt='Tom Metcalfe'><h3>Thomas Metcalfe</h3>"
              "<p>Solicitor</p></div><div class='views-row'><img src='a.jpg' alt='Anna Berry'><h3>Anna Berry</h3>"
              "<p>Partner</p></div>")
    names, _titles = names_in(markup, titles=("Solicitor", "Partner"))
    assert {hit.mention.value: hit.key for hit in names}["Tom Metcalfe"] == "thomas metcalfe"
    assert {hit.mention.value: hit.key for hit in names}["Thomas Metcalfe"] == "thomas metcalfe"  # not the other way


def test_people_the_companys_own_job_written_with_its_possessive_is_staff():
    markup = "<p>Questions go to Acme’s office manager, Jane Roe, on 0161 496 0000.</p>"
    assert list(found(markup, ner=("Jane Roe",), titles=("office manager",), company="Acme")) == ["Jane Roe"]
