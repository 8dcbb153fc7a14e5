"""ner.phones: numbers in text and tel: links as E.164, fax labels, ids rejected, the page's country."""

from __future__ import annotations

import pytest

from ner.phones import cctld_region, find_bare_extensions, find_phones, infer_region, label_kind, parse_tel


@pytest.mark.parametrize(("text", "region", "e164", "extension"), [
    ("Tel: +44 20 7946 0958", "GB", "+442079460958", ""),
    ("Phone 020 7946 0958", "GB", "+442079460958", ""),
    ("+44 (0)20 7946 0133", "GB", "+442079460133", ""),
    ("Mobile: 07911 123456", "GB", "+447911123456", ""),
    ("Telefon: +49 (0)711 23456-21", "DE", "+497112345621", ""),
    ("Tel. 0711 23456-40", "DE", "+497112345640", ""),
    ("0049 89 1234567", "DE", "+49891234567", ""),
    ("Tél. : 01 42 68 53 00", "FR", "+33142685300", ""),
    ("Portable : 06 45 21 87 30", "FR", "+33645218730", ""),
    ("Ph (02) 9374 4000", "AU", "+61293744000", ""),
    ("0491 570 156", "AU", "+61491570156", ""),
    ("(415) 555-0100", "US", "+14155550100", ""),
    ("415.555.0111", "US", "+14155550111", ""),
    ("(212) 555-0134 ext. 204", "US", "+12125550134", "204"),
    ("Call 212-555-0134 x12", "US", "+12125550134", "12"),
    ("+61 2 9374 4000", "US", "+61293744000", ""),
    ("+353 91 567 890", None, "+35391567890", ""),
    ("Telefon: (89) 312-456", "HU", "+3689312456", ""),  # Hungarian pages leave out the trunk prefix 06
    ("Kanzleileitung, Grundbuch und Firmenbuch · +43 7242 46538-14", "AT", "+4372424653814", ""),  # a job's words
])
def test_phones_formats_to_e164(text, region, e164, extension):
    (match,) = find_phones(text, region)
    assert (match.e164, match.extension, match.kind) == (e164, extension, "phone")
    assert text[match.start:match.end] == match.raw


@pytest.mark.parametrize(("text", "region", "kinds"), [
    ("Phone: 020 7946 0958 Fax: 020 7946 0959", "GB", ["phone", "fax"]),
    ("Telefon: +49 711 23456-0\nTelefax: +49 711 23456-99", "DE", ["phone", "fax"]),
    ("Tél. : 01 99 00 12 00 — Télécopie : 01 99 00 12 01", "FR", ["phone", "fax"]),
    ("T: 0161 496 0100 F: 0161 496 0101", "GB", ["phone", "fax"]),
    ("by fax to her direct fax line 0161 496 0108.", "GB", ["fax"]),
    ("Fax +1 415 555 0199", "US", ["fax"]),
    ("Tel.: 06 47/380-214 · Fax: 47/380-215", "HU", ["phone", "fax"]),
    ("Tfn 08-123 456 78, Fax 08-123 456 79", "SE", ["phone", "fax"]),
    ("Puh. 09 123 4567 Faksi 09 123 4568", "FI", ["phone", "fax"]),
    ("Tel. kom. 601 234 567, faks 22 123 45 67", "PL", ["phone", "fax"]),
    ("Tālr.: 64 200 310, Fakss: 64 200 319", "LV", ["phone", "fax"]),
    # An id label before a house number labels that, not the phone after the address.
    ("No. 214, Galle Road, Colombo 03 — 011 2 589 347", "LK", ["phone"]),
    # Two labels for the two numbers after them.
    ("Tel./Fax: 0711 123456 / 0711 123457", "DE", ["phone", "fax"]),
    ("Fax / Tel.: 0711 123457 / 0711 123456", "DE", ["fax", "phone"]),
    # Two labels and one number: the line is both.
    ("tel./fax 44 616 23 40, e-mail: szkola@example.pl", "PL", ["phone", "fax"]),
    ("тел.: 032 624 518 · факс: 032 624 519", "BG", ["phone", "fax"]),  # Cyrillic and Greek labels
    ("Τηλ.: 2310 254 780 | Φαξ: 2310 254 789", "GR", ["phone", "fax"]),
    # A label alone on the line above the number; a fax-to-email service is a fax line.
    ("ENQUIRIES\n021 555 0100\nFax2Email\n086 555 0101", "ZA", ["phone", "fax"]),
    ("Telephone:\n0161 496 0100\nFax:\n0161 496 0101", "GB", ["phone", "fax"]),
])
def test_phones_labels_fax_numbers(text, region, kinds):
    assert [match.kind for match in find_phones(text, region)] == kinds


def test_phones_lead_in_label_from_previous_block():
    (match,) = find_phones("+44 20 7946 0001", "GB", lead_in="Fax")
    assert match.kind == "fax"


@pytest.mark.parametrize(("text", "region"), [
    ("USt-IdNr.: DE 298 417 365", "DE"),
    ("Handwerkskammer für Schwaben, Betriebsnr. 0487 3312", "DE"),  # a craft chamber's registration
    ("Holz aus zertifizierter Forstwirtschaft, PEFC/04-32-0921", "DE"),  # a certification scheme's code
    ("Amtlicher Gemeindeschlüssel 08 3 15 062", "DE"),  # a municipality's official key
    ("Conto di Tesoreria Unica n. 0312345", "IT"),  # a public body's treasury account
    ("NTAK regisztrációs szám: SZ19001234", "HU"),  # a registration code's digits
    ("Az éves bevételi értékhatár 32 280 000 Ft lesz.", "HU"),  # an amount in forints
    ("Handelsregister: HRB 723456", "DE"),
    ("VAT No. 123 4567 89", "GB"),
    ("ABN 53 004 085 616", "AU"),
    ("SIRET 812 345 678 00015", "FR"),
    ("IBAN DE89 3704 0044 0532 0130 00", "DE"),
    ("IBAN NL42 RABO 0318 4471 20", "NL"),  # a bank's code in capitals is no word between label and number
    ("Founded 2012-2019", "US"),
    ("Price: $1,299.00", "US"),
    ("Open 9:30 AM – 6:30 PM", "US"),
    ("Immatriculée au RCS de Paris sous le numéro 8123 4567 8", "FR"),
    ("REGON 015798634 · Kapitał zakładowy 100 000 zł", "PL"),
    ("Org.nr 559087-1234", "SE"),
    ("CVR-nr. 38 47 21 90", "DK"),
    ("IČO: 04512731", "CZ"),
    ("Alle Durchwahlen mit der Vorwahl 0761 45893- (die Zentrale hat die -0)", "DE"),  # the stem of direct dials
])
def test_phones_rejects_ids_dates_and_prices(text, region):
    assert find_phones(text, region) == []


@pytest.mark.parametrize(("href", "region", "e164", "kind", "extension"), [
    ("tel:+442079460000", "GB", "+442079460000", "phone", ""),
    ("tel:020%207946%200123", "GB", "+442079460123", "phone", ""),
    ("tel:+1-212-555-0134;ext=42", "US", "+12125550134", "phone", "42"),
    ("fax:+4971123456799", "DE", "+4971123456799", "fax", ""),
])
def test_phones_parses_tel_links(href, region, e164, kind, extension):
    match = parse_tel(href, region)
    assert (match.e164, match.kind, match.extension, match.start) == (e164, kind, extension, -1)


@pytest.mark.parametrize("href", ["tel:", "tel:abc", "tel:123", "mailto:x@y.com", "tel:+99912345"])
def test_phones_rejects_bad_tel_links(href):
    assert parse_tel(href, "GB") is None


@pytest.mark.parametrize(("lang", "site", "emails", "region"), [
    ("de-DE", "", (), "DE"),
    ("en-GB", "acme.com", (), "GB"),
    ("en-UK", "", (), "GB"),
    ("en_AU", "", (), "AU"),
    ("en", "acme.co.uk", (), "GB"),
    (None, "acme.test", ("x@firm.com.au",), "AU"),
    (None, "startup.io", (), "US"),
    ("fr", "acme.test", (), "FR"),
    (None, "127.0.0.1:8000", (), "US"),
    (None, "", (), "US"),
    # A CMS's default lang tag does not move the site: the site's own country code wins.
    ("en-gb", "www.school.co.za", (), "ZA"),
    ("de-DE", "ingenieure.ch", (), "CH"),
    ("ca", "restaurant.test", (), "ES"),  # Catalan, not Canada
    (None, "www.grupcosta.cat", (), "ES"),  # a regional top-level domain
    ("en", "distillery.scot", (), "GB"),
    (None, "www.gistihus.is", (), "IS"),  # Iceland's own domain, whatever "is" means in English
    ("sq", "shkolla.test", (), "AL"),
])
def test_phones_infers_region(lang, site, emails, region):
    assert infer_region(lang=lang, site=site, email_domains=emails) == region


@pytest.mark.parametrize(("host", "region"), [("acme.co.uk", "GB"), ("kessler-maschinenbau.de", "DE"),
                                              ("x.com.au", "AU"), ("acme.com", None), ("x.io", None),
                                              ("localhost:8080", None), ("acme.co", None),
                                              ("coomontalta.com.co", "CO")])  # a second level under .co
def test_phones_cctld_region(host, region):
    assert cctld_region(host) == region


@pytest.mark.parametrize(("text", "kind"), [("Tel.", "phone"), ("Telefax:", "fax"), ("Tel. Nr.:", "phone"),
                                            ("USt-IdNr.:", "id"), ("Mobile", "phone"), ("Note:", None),
                                            ("Tfn:", "phone"), ("Puh.", "phone"), ("Kom.", "phone"),
                                            ("Mobilní telefon:", "phone"), ("Telefaks:", "fax")])
def test_phones_label_kind(text, kind):
    assert label_kind(text) == kind


@pytest.mark.parametrize(("text", "expected"), [
    ("Katrin Moser – Empfang – DW 21", ["21"]),
    ("Service client, poste 318", ["318"]),
    ("Laura Bianchi (int. 7)", ["7"]),
    ("Ext 4402 · jo@acme.com", ["4402"]),
    # With its number, the extension is the number's; a label before a whole number is not an extension.
    ("Tel. 0662 84 12 30 – DW 21", []),
    ("Durchwahl: 0662 84 12 321", []),
    ("ext. 2019-04", []),
])
def test_phones_bare_extensions(text, expected):
    assert [extension for _start, _end, extension in find_bare_extensions(text)] == expected


def test_phones_a_segment_of_a_hyphenated_code_is_not_a_number():
    from ner.phones import find_phones

    assert find_phones("CIPAT 022039-AT-061218 · Tel. +39 0462 601 284", "IT")[0].e164 == "+390462601284"
    assert len(find_phones("CIPAT 022039-AT-061218 · Tel. +39 0462 601 284", "IT")) == 1


def test_phones_the_address_country_sets_the_region_when_domain_and_language_say_nothing():
    assert infer_region(lang="en", site="strathbeag.com", address="GB") == "GB"
    assert infer_region(lang="en-AU", site="strathbeag.com", address="GB") == "AU"  # the lang tag comes first


def test_phones_the_country_the_structured_data_declares_comes_before_the_lang_tag():
    # WordPress ships "en-US" to a church in Tema whose JSON-LD says "addressCountry": "GH".
    assert infer_region(lang="en-US", site="bethanytema.org", declared="GH") == "GH"
    assert infer_region(lang="en-US", site="bethany.com.gh", declared="US") == "GH"  # the ccTLD still comes first


@pytest.mark.parametrize(("text", "region"), [
    ("© 2011–2026 Kalnu Dizains", "LV"),
    ("© 2026 Étude de Maître Claude Reuter, notaire", "LU"),  # four digits make a Luxembourg number
    ("Copyright 2025 Weber Sàrl", "LU"),
    ("Interclub 2027 · Mitgliedsbeiträge 2027", "LU"),  # a year, unlabelled
    ("RCS Luxembourg F 4521 · Mitglied der FLT", "LU"),  # an association's registry number, not a fax
    ("Konto LU28 0019 4855 1236 7000 (BCEE)", "LU"),  # the last group of an IBAN
    ("Avatud E–R 9.00–17.00", "EE"),
    ("NIT 901.777.123-4", "CO"),
    ("OIB: 12345678903 · MBS: 060123456", "HR"),
])
def test_phones_rejects_spans_of_years_and_hours_and_more_registration_ids(text, region):
    assert find_phones(text, region) == []


def test_phones_a_number_after_an_id_and_its_own_number_is_a_phone():
    assert [m.e164 for m in find_phones("Dana Reyes, Loan Officer, NMLS #1834512, (602) 555-0143", "US")] == [
        "+16025550143"]


@pytest.mark.parametrize(("text", "region"), [
    ("Laskutusosoite: verkkolaskuosoite 003724567813, operaattori Maventa (003721291126)", "FI"),
    ("Bertrange – appartement 2 chambres · Réf. 48213 · 745 000 €", "LU"),
])
def test_phones_e_invoice_addresses_and_listing_references_are_no_numbers(text, region):
    assert find_phones(text, region) == []


def test_phones_a_resolution_number_with_its_year_is_not_a_phone():
    from ner.phones import find_phones

    assert find_phones("Habilitado por Resolución N.º 3125/1968 del Consejo", "UY") == []


def test_phones_a_labelled_short_luxembourg_number_and_a_fax_letter_stay():
    assert [p.e164 for p in find_phones("Tel. 2027", "LU")] == ["+3522027"]
    assert [(p.e164, p.kind) for p in find_phones("T 45 21 30 · F 45 21 33", "LU")] == [
        ("+352452130", "phone"), ("+352452133", "fax")]
