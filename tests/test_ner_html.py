"""ner.html: blocks with offsets, regions, boilerplate flags and links from a page's DOM."""

from __future__ import annotations

import sys

import pytest

import ner.html
from ner.dom import BLOCK_SEPARATOR
from ner.html import parse_html

CARD_GRID = """<html lang="en-GB"><head><title>Team | Acme</title>
<meta property="og:site_name" content="Acme Ltd"><script type="application/ld+json">{"@type": "Person"}</script>
<style>.x{}</style></head><body>
<nav><a href="/">Home</a><a href="/team">Team</a></nav>
<main><h1>Our team</h1>
<div class="grid">
  <div class="card"><h3>Jane <b>Smith</b></h3><p class="role">CEO</p>
    <p>Tel: +44 20 7946 0123<br>Email: <a href="mailto:jane@acme.co.uk">jane@acme.co.uk</a></p>
    <a href="https://www.linkedin.com/in/jane"><i class="icon"></i></a></div>
  <div class="card"><h3>Bob Jones</h3><p>CTO</p></div>
</div>
<blockquote>Great firm! <cite>Tom Client</cite></blockquote>
<script>var hidden = "Secret Person";</script>
</main>
<footer>Call +44 20 7946 0000</footer>
<div id="cookie-banner">We use cookies</div>
</body></html>"""


def block(dom, text):
    return next(b for b in dom.blocks if b.text == text)


def test_html_block_offsets_index_the_page_text():
    dom = parse_html(CARD_GRID)
    assert dom.blocks
    for item in dom.blocks:
        assert dom.text[item.start:item.end] == item.text
    assert dom.text == BLOCK_SEPARATOR.join(b.text for b in dom.blocks)


def test_html_reads_head_lang_title_meta_and_json_ld():
    dom = parse_html(CARD_GRID)
    assert (dom.lang, dom.title, dom.meta["og:site_name"]) == ("en-GB", "Team | Acme", "Acme Ltd")
    assert dom.json_ld == ('{"@type": "Person"}',)


@pytest.mark.parametrize("dropped", ["Secret Person", ".x{}", "var hidden"])
def test_html_drops_scripts_and_styles(dropped):
    assert dropped not in parse_html(CARD_GRID).text


@pytest.mark.parametrize(("text", "flag"), [
    ("Home Team", "nav"),
    ("Call +44 20 7946 0000", "footer"),
    ("We use cookies", "cookie"),
])
def test_html_flags_boilerplate(text, flag):
    item = block(parse_html(CARD_GRID), text)
    assert flag in item.contexts and item.boilerplate


def test_html_card_blocks_share_a_tight_region():
    dom = parse_html(CARD_GRID)
    name, title = block(dom, "Jane Smith"), block(dom, "CEO")
    contact = block(dom, "Tel: +44 20 7946 0123\nEmail: jane@acme.co.uk")
    assert name.region == title.region == contact.region
    assert dom.regions[name.region].tight
    assert block(dom, "Bob Jones").region != name.region


def test_html_marks_headings_emphasis_and_role_classes():
    dom = parse_html(CARD_GRID)
    name = block(dom, "Jane Smith")
    assert name.heading == 3
    assert any(i.tag == "b" and "emphasis" in i.contexts and name.text[i.start:i.end] == "Smith" for i in name.inlines)
    assert "title_class" in block(dom, "CEO").contexts
    assert "testimonial" in block(dom, "Great firm! Tom Client").contexts


def test_html_links_point_at_their_blocks():
    dom = parse_html(CARD_GRID)
    mailto = next(link for link in dom.links if link.href.startswith("mailto:"))
    assert dom.blocks[mailto.block_id].text.endswith("jane@acme.co.uk")
    icon = next(link for link in dom.links if "linkedin" in link.href)
    # A link without text gets an empty block of its own, in the card's region.
    assert dom.blocks[icon.block_id].text == ""
    assert dom.blocks[icon.block_id].region == block(dom, "Jane Smith").region


@pytest.mark.parametrize(("markup", "texts"), [
    ("<p>Jane Smith<br>CEO<br/>Tel 1</p>", ["Jane Smith\nCEO\nTel 1"]),
    ("<div>Intro<p>Para</p>Tail</div>", ["Intro", "Para", "Tail"]),
    ("<p>  lots   of\n\t space&nbsp;here </p>", ["lots of space here"]),
    ("<p>so\u00adft hy\u200bphen</p>", ["soft hyphen"]),
    ("<div><a href='/a'>Home</a><a href='/b'>Work</a></div>", ["Home Work"]),
    ("<p><a href='#'><span class='sr-only'>LinkedIn</span>in/jane</a></p>", ["LinkedIn in/jane"]),
    ("<p>Jane <b>S</b>mith</p>", ["Jane Smith"]),
])
def test_html_text_segmentation(markup, texts):
    assert [b.text for b in parse_html(f"<html><body>{markup}</body></html>").blocks if b.text] == texts


def test_html_table_rows_are_regions_with_column_headers():
    dom = parse_html("""<table><thead><tr><th></th><th>Name</th><th colspan="1">Funktion</th></tr></thead>
        <tbody><tr><td><img src=x></td><td>Stefan Brückner</td><td>Technischer Leiter</td></tr></tbody></table>""")
    name, title = block(dom, "Stefan Brückner"), block(dom, "Technischer Leiter")
    assert dom.regions[name.region].kind == "row" and name.region == title.region
    assert (name.column, title.column) == ("name", "funktion")
    assert "first_cell" in name.contexts  # the photo cell before it is empty
    dom = parse_html("<table><tr><th>Name</th><th>Position</th></tr><tr><td>Ann Lee</td><td>CFO</td></tr></table>")
    assert (block(dom, "Ann Lee").column, block(dom, "CFO").column) == ("name", "position")
    assert "first_cell" in block(dom, "Ann Lee").contexts


def test_html_decodes_cloudflare_protected_addresses():
    encoded = "5a" + "".join(f"{ord(c) ^ 0x5A:02x}" for c in "jane@x.com")
    dom = parse_html(f'<p><span class="__cf_email__" data-cfemail="{encoded}">[email&#160;protected]</span></p>'
                     f'<a href="/cdn-cgi/l/email-protection#{encoded}">mail</a>')
    assert "jane@x.com" in dom.text
    assert "mailto:jane@x.com" in [link.href for link in dom.links]


@pytest.mark.parametrize("holder", ['<td id="menu-lateral">', '<div class="leftmenu">', '<div id="hauptmenu">'])
def test_html_a_side_menu_of_an_older_site_is_navigation(holder):
    tag = holder[1:holder.index(" ")]
    dom = parse_html(f"<html><body><table><tr>{holder}<ul><li><a href='/a'>Atas e Editais</a></li></ul></{tag}>"
                     "<td><p>Sónia Vieira</p></td></tr></table></body></html>")
    assert block(dom, "Atas e Editais").boilerplate and not block(dom, "Sónia Vieira").boilerplate


def test_html_footer_inside_an_article_is_not_page_boilerplate():
    dom = parse_html("<article><h2>Post</h2><footer>Posted in News</footer></article><footer>Site footer</footer>")
    assert not block(dom, "Posted in News").boilerplate
    assert block(dom, "Site footer").boilerplate


@pytest.mark.parametrize("markup", [
    "", " ", "<", "<html>", "</p></div>", "<p>unclosed <b>bold", "\x00\x01 binary \xff",
    "<?xml version='1.0' encoding='iso-8859-1'?><html><body><p>x</p></body></html>",
    "<div>" * 5000 + "deep" + "</div>" * 5000,
    "<table>" + "<tr><td>cell</td></tr>" * 2000 + "</table>",
])
def test_html_never_crashes_on_malformed_markup(markup):
    dom = parse_html(markup)
    for item in dom.blocks:
        assert dom.text[item.start:item.end] == item.text
    assert dom.regions[0].kind == "root"


def test_html_keeps_text_nested_deeper_than_libxml2s_default_limit():
    depth = 1000
    dom = parse_html("<div>" * depth + "<p>Jane Smith</p><p>CEO</p>" + "</div>" * depth)
    assert [b.text for b in dom.blocks] == ["Jane Smith", "CEO"]


@pytest.mark.parametrize("pattern", ["_SPACES", "_INVISIBLE"])
def test_characters_text_collapsing_changes_are_never_printable(pattern):
    """``_Segment.add`` leaves printable text without a double space as it is: that holds only while every
    character its patterns match (but the plain space) is one ``str.isprintable`` rejects."""
    regex = getattr(ner.html, pattern)
    matched = (chr(code) for code in range(sys.maxunicode + 1) if regex.fullmatch(chr(code)))
    assert [hex(ord(c)) for c in matched if c != " " and c.isprintable()] == []


@pytest.mark.parametrize("text", ["plain words", "two  spaces", "tab\there", "nbsp\u00a0x", "soft\u00adhyphen",
                                  "zero\u200bwidth", "ｆｕｌｌ＠ｗｉｄｔｈ", "ideographic\u3000space", " edges \n"])
def test_block_text_is_collapsed_whatever_the_path(text):
    dom = parse_html(f"<html><body><p>{text}</p></body></html>")
    expected = " ".join(text.replace("\u00ad", "").replace("\u200b", "").replace("\u3000", " ").split())
    assert dom.blocks[0].text == expected.translate({c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)})


def test_html_title_classes_in_the_sites_language():
    from ner.html import parse_html

    dom = parse_html("<div class='team'><span class='functie'>Mondhygiënist</span><h4>Lotte Visser</h4></div>")
    block = next(b for b in dom.blocks if b.text == "Mondhygiënist")
    assert "title_class" in block.contexts | {c for inline in block.inlines for c in inline.contexts}


def test_html_a_cards_photo_caption_is_a_block_of_its_own():
    from ner.html import parse_html

    dom = parse_html("<div class='grid'><div class='card'><img src='a.jpg' alt='Maud Lefort'><div>Graphiste</div></div>"
                     "<div class='card'><img src='b.jpg' alt=''><div>Stagiaire</div></div></div>"
                     "<p><img src='logo.png' alt='Studio logo'> Bienvenue</p>")
    alt_blocks = [b.text for b in dom.blocks if "alt" in b.contexts]
    assert alt_blocks == ["Maud Lefort"]  # cards only; empty alt text is no block


def test_html_sibling_elements_without_a_space_are_separate_words():
    from ner.html import parse_html

    dom = parse_html("<div><span>Tel. 0821 4567 8123</span><span>Mobil 0171 1234567</span>"
                     "<span>m.lang(at)example.de</span></div><p><span class='dropcap'>O</span>ur team</p>")
    assert [b.text for b in dom.blocks] == ["Tel. 0821 4567 8123 Mobil 0171 1234567 m.lang(at)example.de", "Our team"]


def test_html_a_compound_team_member_class_makes_each_card_a_region():
    from ner.html import parse_html

    dom = parse_html("<div class='row'><div class='col-sm-6 teammember'><p>Steuerberaterin</p><h3>Eva Roth</h3></div>"
                     "<div class='col-sm-6 teammember'><p>Lohnbuchhaltung</p><h3>Tim Maas</h3></div></div>")
    eva, tim = (next(b for b in dom.blocks if b.text == name) for name in ("Eva Roth", "Tim Maas"))
    assert eva.region != tim.region and dom.regions[eva.region].tight


def test_html_the_parts_of_a_disclosure_summary_are_lines():
    dom = parse_html("<details><summary><span>Jonah Reyes</span><span>principal consultant</span></summary>"
                     "<p>Jonah leads our <b>testing</b> practice.</p></details>")
    texts = [block.text for block in dom.blocks if block.text]
    assert texts == ["Jonah Reyes\nprincipal consultant", "Jonah leads our testing practice."]


def test_html_a_card_alone_in_each_grid_column_is_a_region():
    cards = "".join(f"<div class='col'><div class='card shadow'><h5>Name {i}</h5><h6>Title {i}</h6><p>x{i}</p></div></div>"
                    for i in range(3))
    dom = parse_html(f"<section><div class='row'>{cards}</div></section>")
    regions = {dom.regions[block.region].path for block in dom.blocks if block.text}
    assert len(regions) == 3 and all(dom.regions[b.region].tight for b in dom.blocks if b.text)


def test_html_a_grid_column_holding_a_heading_and_its_lines_is_a_card():
    columns = "".join(f"<div class='wp-block-column'><h4>Name {i}</h4><p>Job {i}</p></div>" for i in range(3))
    dom = parse_html(f"<main><h2>Educators</h2><div class='wp-block-columns'>{columns}</div></main>")
    regions = {dom.regions[b.region].id for b in dom.blocks if b.text.startswith(("Name", "Job"))}
    assert len(regions) == 3
    assert all(dom.regions[b.region].tight for b in dom.blocks if b.text.startswith(("Name", "Job")))


@pytest.mark.parametrize("columns", [
    # Layout columns of prose, and a column alone: no cards.
    "<div class='col-md-6'><p>We fit kitchens.</p><p>Since 1990.</p></div>"
    "<div class='col-md-6'><p>We fit baths.</p><p>Since 1995.</p></div>",
    "<div class='column'><h4>Name 1</h4><p>Job 1</p></div>",
])
def test_html_layout_columns_without_a_heading_each_or_alone_are_no_cards(columns):
    dom = parse_html(f"<main><div class='row'>{columns}</div></main>")
    assert not any(dom.regions[b.region].tight for b in dom.blocks if b.text)


def test_html_drupal_field_modifiers_are_not_words_about_the_element():
    from ner.markup import class_tokens

    tokens = class_tokens({"class": "field field--name-field-paragraphs field--type-entity-reference-revisions"})
    assert "name" not in tokens and "reference" not in tokens and "paragraphs" in tokens
    assert "nom" in class_tokens({"class": "field field--name-field-nom"})


def test_html_a_drupal_views_row_is_one_card_and_its_fields_are_not():
    rows = "".join(f"""<div class="views-row"><div class="views-field views-field-title">Name {i}</div>
    <div class="views-field views-field-field-position">Partner</div>
    <div class="views-field views-field-field-email">n{i}@acme.com</div></div>""" for i in range(3))
    dom = parse_html(f'<div class="view"><div class="view-content">{rows}</div></div>')
    regions = {}
    for block in dom.blocks:
        regions.setdefault(block.region, []).append(block.text)
    assert sorted(len(texts) for texts in regions.values()) == [3, 3, 3]


def test_html_a_person_elements_author_wrapper_is_no_byline():
    dom = parse_html("<html><body><div class='fusion-person'><div class='person-author'>"
                     "<div class='person-author-wrapper'><span class='person-name'>Ilaria Conti</span>"
                     "<span class='person-title'>Ufficio acquisti</span></div></div></div>"
                     "<div class='post-author'>Giorgio Sala</div></body></html>")
    assert "byline" not in block(dom, "Ilaria Conti\nUfficio acquisti").contexts
    assert "byline" in block(dom, "Giorgio Sala").contexts


def test_html_a_badge_beside_a_name_is_a_line_of_its_own():
    dom = parse_html("<html><body><h3>Carys ap Dafydd <small>BVSc</small> <span class='lang-badge'>Cymraeg</span>"
                     "</h3></body></html>")
    assert dom.blocks[0].text.split("\n") == ["Carys ap Dafydd BVSc", "Cymraeg"]


@pytest.mark.parametrize("heading", [
    "<h3>Wiremu Tane <small>Chief Operating Officer</small></h3>",
    "<h2><button class='accordion-button'>Wiremu Tane <span class='ms-2 text-muted'>Chief Operating Officer</span>"
    "</button></h2>",
    "<h4>Wiremu Tane <span class='member-position'>Chief Operating Officer</span></h4>",
])
def test_html_a_headings_secondary_text_is_a_line_of_its_own(heading):
    dom = parse_html(f"<html><body>{heading}</body></html>")
    assert dom.blocks[0].text.split("\n") == ["Wiremu Tane", "Chief Operating Officer"]


def test_html_letters_and_name_parts_in_a_heading_stay_on_its_line():
    dom = parse_html("<html><body><h3>Wiremu Tane <small>MBA, CPA</small></h3>"
                     "<h3><span class='given'>Aroha</span> <span class='family'>Ngata</span></h3></body></html>")
    assert [b.text for b in dom.blocks] == ["Wiremu Tane MBA, CPA", "Aroha Ngata"]


def test_html_name_parts_in_blocks_of_their_own_are_one_line():
    dom = parse_html("<div class='person-card'><div class='person-name-wrap'><div class='person-first'>Harjit</div>"
                     "<div class='person-last'>Sandhu</div></div><div class='person-role'>Associate</div></div>"
                     "<div class='row'><div class='col first'>We design.</div><div class='col last'>We build.</div>"
                     "</div>")
    assert [b.text for b in dom.blocks if b.text] == ["Harjit Sandhu", "Associate", "We design.", "We build."]


def test_html_a_content_blocks_heading_group_header_is_no_furniture():
    dom = parse_html("<html><body><header class='site'><a href='/'>Logo</a><nav>Home</nav></header>"
                     "<div class='frame'><header class='frame-header'><h3>Marc Thill</h3><p>Associé gérant</p>"
                     "</header><p>Bio.</p></div></body></html>")
    assert not block(dom, "Marc Thill").boilerplate and not block(dom, "Associé gérant").boilerplate
    assert block(dom, "Home").boilerplate


def test_html_a_header_holding_the_pages_main_is_no_furniture():
    # An unclosed <div> in the header: the parser nests the page's <main> in it, where a browser would not.
    dom = parse_html("<html><body><header><div class='bar'><div class='row'><nav>Home</nav>"
                     "</div></header><main><h2>Unser Team</h2><p>Mag. Lena Pirker</p></main></body></html>")
    assert not block(dom, "Mag. Lena Pirker").boilerplate
    assert block(dom, "Home").boilerplate


def test_html_a_cell_spanning_rows_moves_the_cells_under_it_one_column_on():
    dom = parse_html("""<table><tr><th>Abteilung</th><th>Name</th><th>Funktion</th></tr>
        <tr><td rowspan="2">Kanzlei</td><td>Ruth Imhof</td><td>Gemeindeschreiberin</td></tr>
        <tr><td>Timo Gasser</td><td>Lernender Kaufmann</td></tr></table>""")
    assert (block(dom, "Timo Gasser").column, block(dom, "Lernender Kaufmann").column) == ("name", "funktion")
    # The department above still fills the row's first column: the name is not its first cell.
    assert "first_cell" not in block(dom, "Timo Gasser").contexts


def test_html_an_inline_element_a_utility_class_displays_as_a_block_is_a_line_of_its_own():
    dom = parse_html("<dl><dt>Ingrid Bosman</dt><dd><span class=\"d-block fst-italic\">praktijkondersteuner</span>"
                     "Diabetes en astma.</dd><dd>Tel.<span class=\"block\">0570 61 23 46</span>spreekuur</dd></dl>")
    texts = [block.text for block in dom.blocks]
    assert "praktijkondersteuner\nDiabetes en astma." in texts
    assert "Tel.\n0570 61 23 46\nspreekuur" in texts
