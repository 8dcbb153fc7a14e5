"""ner.titles: standalone title lines, title columns and marked elements versus titles inside prose."""

from __future__ import annotations

import re

import pytest

from ner.html import parse_html
from ner.people import find_names
from ner.titles import find_titles


def titles_in(markup: str, spans: tuple[str, ...], company: str | None = None) -> list[tuple[str, bool]]:
    dom = parse_html(f"<html><body>{markup}</body></html>")
    found = {}
    for block in dom.blocks:
        for text in spans:
            for match in re.finditer(re.escape(text), block.text):
                found.setdefault(block.id, []).append(match.span())
    return [(hit.mention.value, hit.standalone) for hit in find_titles(dom, found, [], company=company)]


@pytest.mark.parametrize(("markup", "spans", "expected"), [
    ("<p>Head of Sales</p>", ("Head of Sales",), [("Head of Sales", True)]),
    ("<p>Sourcing Manager (Shenzhen office)</p>", ("Sourcing Manager",),
     [("Sourcing Manager (Shenzhen office)", True)]),
    ("<p>Prokurist, Kaufmännischer Leiter</p>", ("Prokurist, Kaufmännischer Leiter",),
     [("Prokurist, Kaufmännischer Leiter", True)]),
    ("<p>Head of Sales<br>ananya@x.in<br>+91 99001 23456</p>", ("Head of Sales",), [("Head of Sales", True)]),
    ("<p class='position'>Office Dog</p>", (), [("Office Dog", True)]),
    ("<p><span itemprop='jobTitle'>Chief Happiness Officer</span></p>", (), [("Chief Happiness Officer", True)]),
    # A label before the title is not part of it.
    ("<p><b>Position:</b> Site Manager</p>", ("Site Manager",), [("Site Manager", True)]),
    ("<p>Funktion: Leiterin Einkauf</p>", ("Leiterin Einkauf",), [("Leiterin Einkauf", True)]),
    ("<p class='role'>Climbing Coach</p>", (), [("Climbing Coach", True)]),
])
def test_titles_standalone_lines_are_kept_whole(markup, spans, expected):
    assert titles_in(markup, spans) == expected


def test_titles_title_column_cells_are_titles_without_a_lexicon_hit():
    markup = ("<table><tr><th>Name</th><th>Funktion</th></tr>"
              "<tr><td>Lukas Bauer</td><td>Service &amp; Ersatzteile</td></tr></table>")
    assert titles_in(markup, ()) == [("Service & Ersatzteile", True)]


@pytest.mark.parametrize(("markup", "spans", "expected"), [
    ("<p>Rachel is our CFO.</p>", ("CFO",), [("CFO", False)]),
    ("<p>As Chief Technology Officer, Linh leads product engineering and research.</p>",
     ("Chief Technology Officer",), [("Chief Technology Officer", False)]),
])
def test_titles_in_prose_are_just_the_title_words(markup, spans, expected):
    assert titles_in(markup, spans) == expected


@pytest.mark.parametrize(("markup", "spans", "expected"), [
    # A title opening a paragraph and set off from the sentence after it is the paragraph's title.
    ("<p>Fleet Coordinator. Dineo books every truck and driver for the week ahead.</p>", ("Fleet Coordinator",),
     [("Fleet Coordinator", True)]),
    ("<p>Payroll Officer — salaries, leave and benefits. Tel: 021 555 0100</p>", ("Payroll Officer",),
     [("Payroll Officer", True)]),
])
def test_titles_a_title_opening_a_paragraph(markup, spans, expected):
    assert titles_in(markup, spans) == expected


@pytest.mark.parametrize(("markup", "expected"), [
    ("<nav><a href='/'>CEO</a></nav>", []),
    ("<blockquote><p>Head of Sales</p></blockquote>", []),
    ("<p>Head of Sales: sales@acme.com</p>", [("Head of Sales", False)]),
])
def test_titles_skips_boilerplate_and_quotes_and_contact_lines_are_not_standalone(markup, expected):
    assert titles_in(markup, ("CEO", "Head of Sales")) == expected


@pytest.mark.parametrize(("line", "span", "elsewhere"), [
    ("Chief Data Officer, Meridian Health Group", "Chief Data Officer", True),
    ("VP Engineering at Globex", "VP Engineering", True),
    ("Marketing Director, Coastal Credit Union", "Marketing Director", True),
    ("Sales Director, EMEA", "Sales Director", False),
    ("Office Manager, Berlin office", "Office Manager", False),
    ("Founder & CEO, Pinecrest Analytics", "Founder & CEO", False),
])
def test_titles_held_at_another_organisation(line, span, elsewhere):
    dom = parse_html(f"<html><body><p>{line}</p></body></html>")
    start = dom.blocks[0].text.index(span)
    (hit,) = find_titles(dom, {0: [(start, start + len(span))]}, [], company="Pinecrest Analytics Inc.")
    assert hit.elsewhere is elsewhere


def test_titles_drop_the_own_company_after_the_title():
    assert titles_in("<p>Founder &amp; CEO, Pinecrest Analytics</p>", ("Founder & CEO",),
                     company="Pinecrest Analytics Inc.") == [("Founder & CEO", True)]


@pytest.fixture(scope="module")
def ruler():
    import spacy

    import ner.components  # noqa: F401  (registers the factory)

    pipeline = spacy.blank("en")
    pipeline.add_pipe("leadscout_titles")
    return pipeline


def ruled_titles(ruler, markup: str) -> list[tuple[str, bool]]:
    """Titles found with the ruler's own spans, as the pipeline would hand them over."""
    from ner.components import TITLE_SPANS_KEY

    dom = parse_html(f"<html><body>{markup}</body></html>")
    spans = {}
    for block in dom.blocks:
        doc = ruler(block.text)
        spans[block.id] = [(span.start_char, span.end_char) for span in doc.spans[TITLE_SPANS_KEY]]
    return [(hit.mention.value, hit.standalone) for hit in find_titles(dom, spans, [])]


@pytest.mark.parametrize(("markup", "expected"), [
    ("<p>Elle est chargée de mission auprès du directeur.</p>", [("chargée de mission", False)]),
    ("<p>Desde 2021 es jefa de taller en la planta de Burgos.</p>", [("jefa de taller", False)]),
    ("<p>Sie ist Referentin für Nachhaltigkeit und leitet zwei Projekte.</p>",
     [("Referentin für Nachhaltigkeit", False)]),
])
def test_titles_in_prose_keep_their_complement(ruler, markup, expected):
    assert ruled_titles(ruler, markup) == expected


@pytest.mark.parametrize(("markup", "expected"), [
    ("<div><h3>Agnès Fournier</h3><p>Responsable d'agence</p></div>", [("Responsable d'agence", True)]),
    ("<div><h3>Jeroen Smit</h3><p>Planning medewerker</p></div>", [("Planning medewerker", True)]),
    ("<div><h3>Dana Whitfield</h3><p>Tasting Room Manager</p></div>", [("Tasting Room Manager", True)]),
])
def test_titles_card_lines_with_open_class_words_are_standalone(ruler, markup, expected):
    assert ruled_titles(ruler, markup) == expected


@pytest.mark.parametrize(("markup", "expected"), [
    ("<div><h3>Sofia Berglund</h3><p>Marknadsansvarig</p><p>Tfn 08-123 456 78</p></div>",
     [("Marknadsansvarig", True)]),
    ("<div><h3>Mette Sørensen</h3><p>Økonomichef</p></div>", [("Økonomichef", True)]),
    ("<div><h3>Ingrid Haugen</h3><p>Daglig leder</p></div>", [("Daglig leder", True)]),
    ("<div><h3>Antti Mäkinen</h3><p>Myyntipäällikkö</p></div>", [("Myyntipäällikkö", True)]),
    ("<div><h3>Katarzyna Wójcik</h3><p>Specjalistka ds. Kadr i Płac</p></div>",
     [("Specjalistka ds. Kadr i Płac", True)]),
    ("<div><h3>Lucie Černá</h3><p>Hlavní účetní</p></div>", [("Hlavní účetní", True)]),
    ("<div><h3>Rafael Lima</h3><p>Sócio-administrador</p></div>", [("Sócio-administrador", True)]),
    # Two titles joined by "a" are one, as "Founder and owner" is.
    ("<p>Od roku 2015 je Pavel Kříž obchodní ředitel a jednatel společnosti.</p>",
     [("obchodní ředitel a jednatel", False)]),
])
def test_titles_new_language_cards_lines_and_prose(ruler, markup, expected):
    assert ruled_titles(ruler, markup) == expected


@pytest.mark.parametrize(("markup", "name", "title"), [
    ("<p>Björn Ahl, Försäljningschef</p>", "Björn Ahl", "Försäljningschef"),
    ("<p>Rasmus Kjær – Adm. direktør</p>", "Rasmus Kjær", "Adm. direktør"),
    ("<p>Kari Nordmann – Daglig leder</p>", "Kari Nordmann", "Daglig leder"),
    ("<p>Mikko Virtanen – Toimitusjohtaja</p>", "Mikko Virtanen", "Toimitusjohtaja"),
    ("<p>Tomasz Lewandowski – Dyrektor Handlowy</p>", "Tomasz Lewandowski", "Dyrektor Handlowy"),
    ("<p>Ing. Petr Dvořák – jednatel</p>", "Petr Dvořák", "jednatel"),
    ("<p>João Costa, Sócio-gerente</p>", "João Costa", "Sócio-gerente"),
])
def test_titles_new_language_name_title_lines(ruler, markup, name, title):
    from ner.components import TITLE_SPANS_KEY
    
    dom = parse_html(f"<html><body>{markup}</body></html>")
    spans = {}
    for block in dom.blocks:
        doc = ruler(block.text)
        spans[block.id] = [(span.start_char, span.end_char) for span in doc.spans[TITLE_SPANS_KEY]]
    found = find_names(dom, {}, spans)
    assert [hit.mention.value for hit in found.names] == [name]
    assert [(hit.mention.value, hit.owner is not None) for hit in found.titles] == [(title, True)]


@pytest.mark.parametrize(("header", "cell"), [("Befattning", "Platschef"), ("Stilling", "Regnskapsfører"),
                                              ("Tehtävä", "Myyntiedustaja"), ("Stanowisko", "Koordynatorka projektów"),
                                              ("Pozice", "Nákupčí")])
def test_titles_new_language_title_columns(header, cell):
    markup = f"<table><tr><th>Namn</th><th>{header}</th></tr><tr><td>Eva Lund</td><td>{cell}</td></tr></table>"
    assert titles_in(markup, ()) == [(cell, True)]



def test_titles_a_department_sharing_a_word_with_the_company_stays_in_the_title():
    company = "Harbourline Freight Pte Ltd"
    markup = "<p class='role'>Head of Imports (Sea Freight)</p><p class='role'>Founder &amp; CEO, Harbourline Freight</p>"
    assert titles_in(markup, ("Head of Imports", "Founder & CEO"), company) == [
        ("Head of Imports (Sea Freight)", True), ("Founder & CEO", True)]


def test_titles_a_bilingual_line_with_the_job_after_a_slash_is_the_title():
    markup = "<p>Perchennog a Chyhoeddwr / Owner &amp; Publisher</p>"
    assert titles_in(markup, ("Owner & Publisher",)) == [("Perchennog a Chyhoeddwr / Owner & Publisher", True)]


@pytest.mark.parametrize(("line", "span", "title"), [
    ("Senior Osteopath · MOst · GOsC reg. 8841", "Senior Osteopath", "Senior Osteopath"),
    ("Practice Principal | BSc (Hons), MCSP | HCPC PH10442", "Practice Principal", "Practice Principal"),
])
def test_titles_a_job_field_before_letters_and_registration_numbers(line, span, title):
    assert titles_in(f"<h3>Ewan Tait</h3><p>{line}</p>", (span,)) == [(title, True)]


def test_titles_a_job_in_brackets_keeps_the_capitalised_words_before_the_listed_ones():
    markup = "<p>Ama Owusu (Paediatric &amp; Sports Podiatrist) sees most of our younger patients on Fridays.</p>"
    assert titles_in(markup, ("Podiatrist",)) == [("Paediatric & Sports Podiatrist", False)]


def test_titles_a_department_and_where_it_is_run_is_a_job():
    from ner.lines import function_phrase

    assert function_phrase("Scheduling & Front Desk – Bozeman") and function_phrase("Accounts – North Office")
    assert not function_phrase("Scheduling & Front Desk – Bozeman Office Opens In 2027")


def test_titles_office_functions_joined_in_other_languages_are_a_department():
    from ner.lines import function_phrase

    assert function_phrase("Atenció i neteja") and function_phrase("Salg, lager og fakturering")
    assert function_phrase("Ekonomi och inköp") and function_phrase("Laskutus ja toimisto")
    assert not function_phrase("Salg i Aarhus")


def test_titles_a_job_line_does_not_start_inside_the_bold_name_before_it():
    markup = ("<figure><figcaption><strong>Tavita Leota</strong><span class='role'>Payroll Officer</span>"
              "</figcaption></figure><p><strong>Director of Programs</strong> (she/her)</p>")
    assert titles_in(markup, ("Tavita Leota Payroll Officer", "Director of Programs")) == [
        ("Payroll Officer", True), ("Director of Programs", True)]


def test_titles_a_subtitle_led_by_a_function_word_under_a_card_name_is_the_job():
    from ner.hits import Scope
    from ner.repeats import name_hit

    dom = parse_html("<html><body><div class='card'><h5>Marta Ruiz</h5><h6>Recepción y citas</h6></div>"
                     "<div class='card'><h5>Pau Vidal</h5><h6>Fisioterapeuta</h6></div></body></html>")
    names = [name_hit(block, 0, len(block.text), Scope.REGION, frozenset({"structure"}), 0)
             for block in dom.blocks if block.heading == 5]
    spans = {block.id: [(0, len(block.text))] for block in dom.blocks if block.text == "Fisioterapeuta"}
    assert [hit.mention.value for hit in find_titles(dom, spans, names)] == ["Recepción y citas", "Fisioterapeuta"]


def test_titles_function_phrase_led_by_a_function_word():
    from ner.lines import function_phrase

    assert function_phrase("Recepción y citas", led=True) and not function_phrase("Recepción y citas")
    assert not function_phrase("Recepción y 12 citas", led=True)


def test_titles_the_job_element_may_hold_a_long_remit():
    markup = ("<div class='team'><h4>Jean Arnaud</h4><p class='member-position'>1er adjoint, chargé des travaux, de la "
              "voirie et de l'urbanisme</p></div>")
    assert titles_in(markup, ("1er adjoint, chargé des travaux",))[0][0] == (
        "1er adjoint, chargé des travaux, de la voirie et de l'urbanisme")
