"""ner.channels: email, phone, fax and social-profile mentions from block text and links."""

from __future__ import annotations

import pytest

from leadscout.records import MentionKind
from ner.channels import (classify_social, explicit_regions, find_emails_in, find_phones_in, find_socials_in,
                          national_numbers)
from ner.html import parse_html
from ner.phones import infer_region


def dom(markup: str):
    return parse_html(f"<html><body>{markup}</body></html>")


def test_channels_text_and_mailto_of_one_address_are_one_mention():
    page = dom('<p>Mail <a href="mailto:Jane%20Doe%20%3Cjane@x.com%3E">jane@x.com</a></p>')
    (hit,) = find_emails_in(page)
    assert (hit.mention.value, hit.display_name) == ("jane@x.com", "Jane Doe")
    assert hit.mention.extractor == "ner.email_text/1"
    assert page.text[hit.mention.start:hit.mention.end] == "jane@x.com"


def test_channels_mailto_without_visible_address_is_a_markup_mention():
    page = dom('<p><a href="mailto:tadhg.murphy%40corribbay.ie">Send Tadhg an email</a></p>')
    (hit,) = find_emails_in(page)
    assert (hit.mention.value, hit.mention.start, hit.mention.extractor) == (
        "tadhg.murphy@corribbay.ie", -1, "ner.mailto/1")


def test_channels_phones_keep_extension_and_fax_kind():
    page = dom("<p>Tel: (212) 555-0134 ext. 204<br>Fax: (212) 555-0199</p>")
    hits = find_phones_in(page, "US")
    assert [(h.mention.kind, h.mention.value, h.line) for h in hits] == [
        (MentionKind.PHONE, "+12125550134;ext=204", 0), (MentionKind.FAX, "+12125550199", 1)]


def test_channels_tel_link_repeating_the_text_is_not_counted_twice():
    page = dom('<p>Switchboard: <a href="tel:+442079460000">020 7946 0000</a></p>'
               '<p><a href="tel:+442079460001">Call</a></p>')
    assert [(h.mention.value, h.mention.extractor) for h in find_phones_in(page, "GB")] == [
        ("+442079460000", "ner.phone_text/1"), ("+442079460001", "ner.tel/1")]


def test_channels_dt_label_makes_a_fax():
    page = dom("<dl><dt>Fax</dt><dd>+44 20 7946 0001</dd></dl>")
    assert [h.mention.kind for h in find_phones_in(page, "GB")] == [MentionKind.FAX]


def test_channels_a_fax_column_makes_its_numbers_faxes():
    page = dom("<table><tr><th>Branch</th><th>Tel</th><th>Fax</th></tr>"
               "<tr><td>Penang</td><td>04-226 3318</td><td>04-226 3319</td></tr></table>")
    assert [(h.mention.value, h.mention.kind) for h in find_phones_in(page, "MY")] == [
        ("+6042263318", MentionKind.PHONE), ("+6042263319", MentionKind.FAX)]


def test_channels_a_fax_row_in_a_telephone_column_is_a_fax():
    # The row's label cell says more than the column's header; a qualification in the cell before says nothing.
    page = dom("<table><tr><th>Department</th><th>Telephone</th></tr><tr><td>Office</td><td>6468 2150</td></tr>"
               "<tr><td>Fax</td><td>6468 2159</td></tr></table>"
               "<table><tr><th>Name</th><th>Qualification</th><th>Contact</th></tr>"
               "<tr><td>Dr. Ravi Nair</td><td>MS, F.R.C.S.</td><td>6468 2170</td></tr></table>")
    assert [(h.mention.value, h.mention.kind) for h in find_phones_in(page, "SG")] == [
        ("+6564682150", MentionKind.PHONE), ("+6564682159", MentionKind.FAX), ("+6564682170", MentionKind.PHONE)]


@pytest.mark.parametrize(("href", "expected"), [
    ("https://www.linkedin.com/in/jane-doe/", ("person", "https://linkedin.com/in/jane-doe")),
    ("https://uk.linkedin.com/in/jane", ("person", "https://linkedin.com/in/jane")),
    ("https://www.linkedin.com/company/acme?trk=x", ("company", "https://linkedin.com/company/acme")),
    ("https://twitter.com/acme_ex", ("any", "https://twitter.com/acme_ex")),
    ("https://www.xing.com/profile/Klaus_Weber", ("person", "https://xing.com/profile/Klaus_Weber")),
    ("https://www.linkedin.com/shareArticle?url=x", None),
    ("https://twitter.com/intent/tweet?text=x", None),
    ("https://www.linkedin.com/feed/", None),
    ("https://example.com/in/jane", None),
    ("https://www.pinterest.co.uk/acmeinteriors/", ("any", "https://pinterest.co.uk/acmeinteriors")),  # any country
    ("https://pinterest.example.com/acme", None),
    ("https://nextdoor.com/pages/acme-plumbing/", ("company", "https://nextdoor.com/pages/acme-plumbing")),
    ("https://untappd.com/acmebrewing", ("any", "https://untappd.com/acmebrewing")),
    ("mailto:x@y.com", None),
    ("http://[::1", None),
])
def test_channels_classifies_social_links(href, expected):
    assert classify_social(href) == expected


def test_channels_socials_from_links():
    page = dom('<div><a href="https://www.linkedin.com/in/jane"><i></i></a><a href="https://x.com/acme">X</a></div>')
    assert [(h.mention.value, h.social) for h in find_socials_in(page)] == [
        ("https://linkedin.com/in/jane", "person"), ("https://x.com/acme", "any")]


def test_channels_a_certified_mailbox_named_like_the_start_of_the_site_is_the_companys():
    from ner.mailboxes import company_addresses

    assert company_addresses(["studiomontanari@pec.it"], site="studiomontanari-ingegneria.it",
                             home_addresses=[]) == {"studiomontanari@pec.it"}
    assert company_addresses(["ilmelograno@pec.cooperazionetrentina.it"], site="coopilmelograno.it",
                             home_addresses=[]) == {"ilmelograno@pec.cooperazionetrentina.it"}  # named within it
    assert company_addresses(["lars.holm@nordicimpact.se"], site="acme.se", home_addresses=[]) == set()
    # A state school's official mailbox is on the ministry's domain, whatever the school's own website.
    assert company_addresses(["rmic81500a@istruzione.it"], site="icverdi.edu.it", home_addresses=[]) == {
        "rmic81500a@istruzione.it"}


def test_channels_a_rows_label_cell_with_a_remark_labels_the_number():
    dom = parse_html("<table><tr><th>Telefoon</th><td>0570 61 23 40</td></tr>"
                     "<tr><th>Fax (alleen voor zorgverleners)</th><td>0570 61 23 48</td></tr></table>")
    kinds = {hit.mention.value: hit.mention.kind for hit in find_phones_in(dom, "NL")}
    assert kinds == {"+31570612340": MentionKind.PHONE, "+31570612348": MentionKind.FAX}


def test_channels_numbers_with_a_country_code_settle_a_page_in_its_language_alone():
    # An "en" page on a .org site, its numbers partly written with +91: India, not the default United States.
    page = dom("<p>Imran Qureshi, Programme Coordinator<br>+91 94140 72216</p>"
               "<p>Office: 0141-2704418, 0141-2704419</p><p><a href='tel:+919413350871'>Call</a></p>")
    assert explicit_regions(page) == ["IN", "IN"]
    assert national_numbers(page, "IN") == 2 and national_numbers(page, "US") == 0
    assert infer_region(lang="en", site="aravalli.org", explicit=lambda: explicit_regions(page),
                        national_count=lambda region: national_numbers(page, region)) == "IN"


def test_channels_one_foreign_number_does_not_move_a_page_whose_own_numbers_read_at_home():
    page = dom("<p>Front desk (503) 555-0142, after hours (503) 555-0199.</p>"
               "<p>Our London partner: +44 20 7946 0958</p>")
    assert explicit_regions(page) == ["GB"]
    assert infer_region(lang="en", site="acme.com", explicit=lambda: explicit_regions(page),
                        national_count=lambda region: national_numbers(page, region)) == "US"


def test_channels_an_icon_fonts_glyph_labels_the_number():
    markup = ('<html><body><p><span><i class="fa fa-phone"></i> 0131 496 0000</span> '
              '<span><i class="fa fa-fax"></i> 0131 496 0001</span> '
              '<span><i class="bi bi-telephone-fill"></i> 0131 496 0002</span></p></body></html>')
    found = [(hit.mention.value, hit.mention.kind) for hit in find_phones_in(parse_html(markup), "GB")]
    assert found == [("+441314960000", MentionKind.PHONE), ("+441314960001", MentionKind.FAX),
                     ("+441314960002", MentionKind.PHONE)]
