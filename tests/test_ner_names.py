"""ner.names: what looks like a personal name, honorifics, match keys and email local parts."""

from __future__ import annotations

import pytest

from ner.localparts import email_matches_name
from ner.names import looks_like_person_name, name_key, name_parts, split_honorifics


@pytest.mark.parametrize("text", [
    "Sarah O'Connor", "Fiona McAllister-Reid", "Mei Lin Chen", "Guillaume de La Roche", "Ciarán Ó Súilleabháin",
    "Dr. Klaus Weber", "Prof. Dr. Martin Albrecht", "Dr.-Ing. Klaus Weber", "Herr Müller", "Mme Hélène Marchand-Duval",
    "Ayşe Yılmaz", "Lan Nguyễn", "Tūī Ngata", "Hyun-woo Park", "Joseph D'Souza", "Chen Jiahui", "J. Robert Smith",
    "Capt. Dave Morrison", "Abdul Rasheed Khan", "Maria Elena Gutiérrez", "Jane Smith, PhD",
    "Helen Baker", "Tom Mason", "Ruth Gardener", "Dr. sc. techn. Urs Meili",
    "Suresh Nair s/o Gopal", "Siti Noor binte Hamid", "Encik Hafiz bin Osman", "Claire FRANZEN", "Paulo DOS SANTOS",
    "Siti Aishah binti Rahman", "Ramon dela Peña", "Naveen Kumar B.", "S. Lakshmi", "Mrs J. Kerr",
    "Dr. K. R. Venkataraman", "Mr. Nitin More",  # a family name that is a common word, after a form of address
    "Jaume Vidal Sala",  # a Catalan family name that is a function word in the title lexicon
    "Dr. An Vandamme",  # a Flemish given name that is a common word, after an honorific
    "Henrik Møller Jensen (HMJ)", "Søren Aagaard Østergaard (SØ)",  # a Danish teacher's own initials after the name
    "Luisa Dal Col", "Marco Dalla Costa",  # Italian particles; "Col" is no colonel here
    "Wiebren („Wieb”) Postma",  # a nickname in quotes inside brackets
])
def test_names_accepts_personal_names(text):
    assert looks_like_person_name(text)


@pytest.mark.parametrize("text", [
    "Jane", "Our Team", "Head of Sales", "Office Manager", "KESSLER Maschinenbau", "Brightlane Logistics Ltd",
    "Partners & Staff", "Kessler Maschinenbau GmbH", "Store Hours", "Service & Ersatzteile", "LinkedIn Twitter",
    "J. R.", "jane smith", "Call 0161 496 0100", "info@acme.com", "Ihre Ansprechpartner", "Read More Here",
    "One Two Three Four Five Six", "Dean", "Acme GMBH", "Sales EMEA", "Erik van Dijk QXZ", "dipl. Masch.-Ing. FH",
    "Skischule Davos", "Jane Smith, CEO", "Zimmermeister Thomas Rainer", "Vertriebsleiter Jan Kos",
    "Klub Sportowy Zakrzówek",
    "Gemeente Zeist", "Mail Femke", "Bel Joris", "NC Lic", "Maria Dr",  # an organisation, a button, a licence
    "Amtsgericht Bochum", "Zahnärztekammer Wien", "Azienda Agricola Rinaldi", "Tenuta Verrazzi",
    "Büro Winterthur", "Universität Graz",  # an accented organisation word, however the text is folded
    "Servizos Sociais", "Concello Vilarmide",  # a Galician council's departments
    "Konuk Hizmetleri Sorumlusu", "Kalite Güvence Uzmanı",  # Turkish jobs in their compound form
    "Fysiotherapiepraktijk Zwolle-Zuid",  # a Dutch practice
    "Miejski Ośrodek Sportu i Rekreacji",  # an adjective, then the kind of public body
    "MSc Environmental Management", "Nitin More",  # a degree is no form of address
    "Fjord Revisjon AS", "Coffee Morning", "Public Works", "Info Hub",  # a firm in capitals, an event, a service
    "NICEIC Certified", "Gas Safe Registered", "ABYC Certified",  # a badge, not a person
    "Packing Shed Supervisors", "Night Shift Coordinators", "Year Heads",  # a role in the plural
    "Secondary Market", "Direct Line", "Wielkopolska Południowa", "K. R. Venkataraman",  # initials alone need an honorific
    "Lunedì e Venerdì", "Dienstag Donnerstag",  # weekdays heading a timetable row
    "Sangre County", "Umeå Djurklinik", "Apotheek Helpman", "Fysiotherapie Zuiderpark", "Simples Nacional",
    "Reykjavíkur Lögmannsstofa", "Investor Relations", "Medical Records", "By Owen Price", "Cranberry Twp",
    "Volunteers Wanted", "Republika Hrvatska", "BPJEPS Kayak", "Moglie di Giovanni", "Glaserei Kern",
    "An Overview", "Dr. An",  # "An" as a given name only after an honorific and before a family name
    "Gerüstbau Schäfers", "Metallbau Kröger",  # a trade firm named for its owner
    "Ladino di Canazei",  # "a Ladin from Canazei"
    "Assembleia de Freguesia", "Junta Vecinal",  # a parish's assembly, a Spanish local board
    "Mass Times", "Bulletin Deadline",  # a parish website's widgets
])
def test_names_rejects_non_names(text):
    assert not looks_like_person_name(text)


def test_names_a_superlative_opens_no_name_even_where_ner_reads_one():
    assert not looks_like_person_name("Bester Azubi", lenient=True)  # "Bester Azubi seines Jahrgangs"
    assert looks_like_person_name("Dean Smith", lenient=True)


@pytest.mark.parametrize(("text", "strict", "lenient"), [("Principal Smith", False, True), ("Chef Ramsay", False, True),
                                                     ("Dean Smith", True, True)])  # "Dean" is a given name too
def test_names_lenient_lets_title_words_through_when_ner_agrees(text, strict, lenient):
    assert (looks_like_person_name(text), looks_like_person_name(text, lenient=True)) == (strict, lenient)


@pytest.mark.parametrize(("text", "parts"), [
    ("Prof. Dr. Martin Albrecht, PhD", ("Prof. Dr.", "Martin Albrecht", "PhD")),
    ("Dr.-Ing. Klaus Weber", ("Dr.-Ing.", "Klaus Weber", "")),
    ("Mme Hélène Marchand-Duval", ("Mme", "Hélène Marchand-Duval", "")),
    ("M. François Lefèvre", ("M.", "François Lefèvre", "")),
    ("Frau Sabine Krüger", ("Frau", "Sabine Krüger", "")),
    ("Jane Smith", ("", "Jane Smith", "")),
    ("dr n. med. Anna Zielińska", ("dr n. med.", "Anna Zielińska", "")),
    ("CA Prakash Mehta", ("CA", "Prakash Mehta", "")),
    ("Dr. Lena Ortiz, PT, DPT, OCS", ("Dr.", "Lena Ortiz", "PT DPT OCS")),
    ("Er. Vikram S. Joshi, B.E. (Mechanical), M.Tech (Design)",
     ("Er.", "Vikram S. Joshi", "B.E. (Mechanical) M.Tech (Design)")),
    ("Dr. Renée Falk, DMD, FICOI", ("Dr.", "Renée Falk", "DMD FICOI")),  # unlisted letters after a comma
    ("Marc Tremblay, CRHA", ("", "Marc Tremblay", "CRHA")),
    ("Kirra Walsh Cert III Early Childhood", ("", "Kirra Walsh", "Cert III Early Childhood")),
    ("Tom Hayes Diploma of Nursing", ("", "Tom Hayes", "Diploma of Nursing")),
    ("Sipho Ndlovu CFP®, BCom (Hons)", ("", "Sipho Ndlovu", "CFP® BCom (Hons)")),
    ("DI (FH) Stefan Wallner", ("DI", "Stefan Wallner", "")),  # where the degree was taken
    ("lek. wet. Oskar Lis", ("lek. wet.", "Oskar Lis", "")),
    ("Enf.ª Carla Moutinho", ("Enf.ª", "Carla Moutinho", "")),
    ("D.ª María José Ferrer Albiach", ("D.ª", "María José Ferrer Albiach", "")),
    ("Pn. Nurul Izzah binti Kamaruddin", ("Pn.", "Nurul Izzah binti Kamaruddin", "")),
    ("Dr Paul Mifsud LL.D., LL.M. (Oxon)", ("Dr", "Paul Mifsud", "LL.D. LL.M. (Oxon)")),
    ("Maria Borg L.P.", ("", "Maria Borg", "L.P.")),
    ("Fr Declan Moran PP", ("Fr", "Declan Moran", "PP")),
    ("Aoife Lynch BL", ("", "Aoife Lynch", "BL")),
    ("Gillian Marsh CiLCA", ("", "Gillian Marsh", "CiLCA")),
    ("Elder Kwabena Ofori", ("Elder", "Kwabena Ofori", "")),
    ("Ins. Marta Gori", ("Ins.", "Marta Gori", "")),
    ("The Revd Ada Obi", ("Revd", "Ada Obi", "")),
    ("Por Prof. Lucía Ferreira", ("Prof.", "Lucía Ferreira", "")),  # a byline's "by"
    ("lic. iur. HSG Petra Imhof-Suter", ("lic. iur.", "Petra Imhof-Suter", "")),
    ("Joost Peeters D.O.", ("", "Joost Peeters", "D.O.")),
    ("Phil Ormond", ("", "Phil Ormond", "")),  # a given name, not the "phil." of "Dr. phil."
    ("Dr. phil. Jana Roth", ("Dr. phil.", "Jana Roth", "")),
    ("Apostle Dr. Yaw Mensah", ("Apostle Dr.", "Yaw Mensah", "")),
    ("ZTM Andreas Kübler", ("ZTM", "Andreas Kübler", "")),
    ("O Dr. Alberto Sousa", ("Dr.", "Alberto Sousa", "")),  # the article of running text
    ("Tadhg Ó Súilleabháin QFA", ("", "Tadhg Ó Súilleabháin", "QFA")),
    ("Jaspreet Kaur Dhillon, P.Geo.", ("", "Jaspreet Kaur Dhillon", "P.Geo.")),
    ("Dipl.-Päd. Gregor Weißensteiner", ("Dipl.-Päd.", "Gregor Weißensteiner", "")),
    ("Cole Jacobsen, E.I.T.", ("", "Cole Jacobsen", "E.I.T.")),  # dotted letters after a comma
    ("Erin K. Vasquez-Lund, P.E., S.E.", ("", "Erin K. Vasquez-Lund", "P.E. S.E.")),
    ("Aylin Demirtaş, M.Eng.", ("", "Aylin Demirtaş", "M.Eng.")),
    ("Bethan Lloyd-Evans BVSc CertAVP(SAM) MRCVS", ("", "Bethan Lloyd-Evans", "BVSc CertAVP(SAM) MRCVS")),
    ("ir.-arch. Lotte Verhaeghe", ("ir.-arch.", "Lotte Verhaeghe", "")),  # two titles joined by a hyphen
    ("M.Eng. Jonas Aigner", ("M.Eng.", "Jonas Aigner", "")),  # a degree written before the name, as in German
    ("Alhaji Musa Danjuma", ("Alhaji", "Musa Danjuma", "")),
    ("Fraser Lennox BArch (Hons) DipArch RIBA RIAS", ("", "Fraser Lennox", "BArch (Hons) DipArch RIBA RIAS")),
    ("Klgo. Tomás Araya Pinto", ("Klgo.", "Tomás Araya Pinto", "")),
    ("Tomás “Tommy” Aguirre", ("", "Tomás Aguirre", "")),  # a nickname in quotes is not part of the name
    ("Dr. Kathleen 'Kit' O'Malley", ("Dr.", "Kathleen O'Malley", "")),
    ("Philippa (Pip) Lyle", ("", "Philippa Lyle", "")), ("Dre Nathalie Rochat", ("Dre", "Nathalie Rochat", "")),
    ("Ramon dela Cruz", ("", "Ramon dela Cruz", "")),  # a Filipino particle
    ("Chief Tunde O. Adebayo, SAN", ("Chief", "Tunde O. Adebayo", "SAN")),
    ("Barr. Ngozi Eze", ("Barr.", "Ngozi Eze", "")),
    ("Hon. Justice Bola Ade (Rtd.)", ("Hon. Justice", "Bola Ade", "(Rtd.)")),
    ("Sister Thandi Zulu", ("Sister", "Thandi Zulu", "")),  # a nursing sister
    ("Ar. Sneha Pillai", ("Ar.", "Sneha Pillai", "")),  # an Indian architect
    ("Dr. (Mrs.) Fathima Rizwan", ("Dr.", "Fathima Rizwan", "")),  # a second honorific in brackets
    ("Hamish Baird LLB DipLP TEP", ("", "Hamish Baird", "LLB DipLP TEP")),  # Scottish solicitors
    ("Pekka ”Pete” Nieminen", ("", "Pekka Nieminen", "")), ("Julie Roy, pht", ("", "Julie Roy", "pht")),
    ("Jean-François « Jeff » Ouellet", ("", "Jean-François Ouellet", "")),  # French guillemets with spaces
    ("Olivier Thibault, a.-g., M. Sc.", ("", "Olivier Thibault", "a.-g. M.Sc.")),  # a Quebec land surveyor
    ("Alasdair J. Rattray LL.B., Dip.L.P., N.P.", ("", "Alasdair J. Rattray", "LL.B. Dip.L.P. N.P.")),
    ("Mdm Goh Siew Lan", ("Mdm", "Goh Siew Lan", "")),
    ("Joaquim Serra («en Quim»)", ("", "Joaquim Serra", "")),  # a nickname in quotes in brackets after the name
    ("Ewan Rae BSc (Hons) MRICS", ("", "Ewan Rae", "BSc (Hons) MRICS")),  # "(Hons)" is no nickname
    ("Róisín Nagle BE MEngSc CEng MIEI", ("", "Róisín Nagle", "BE MEngSc CEng MIEI")),  # Irish engineers
    ("CA Kavita Joshi FCA, DISA (ICAI)", ("CA", "Kavita Joshi", "FCA DISA (ICAI)")),
    ("Nikhil Bhide ACA, B.Com", ("", "Nikhil Bhide", "ACA B.Com")),
    ("Hon. Marcel T. Landry (Ret.)", ("Hon.", "Marcel T. Landry", "(Ret.)")),  # a retired judge, of counsel
    ("Esc. Lucía Pereyra Olivera", ("Esc.", "Lucía Pereyra Olivera", "")),  # a Uruguayan notary
    ("Ft. Julián Restrepo Gil", ("Ft.", "Julián Restrepo Gil", "")),  # a Colombian physiotherapist
    ("Mrs Ada Okon BSc NPQSL", ("Mrs", "Ada Okon", "BSc NPQSL")),  # unlisted capitals after listed letters
    ("Znj. Blerta Hoxha", ("Znj.", "Blerta Hoxha", "")),  # Albanian "Mrs"
    ("Marc WEBER", ("", "Marc WEBER", "")),  # a family name in capitals is no letters
    ("Sis. Abena Darko", ("Sis.", "Abena Darko", "")), ("Deacon Yaw Boateng", ("Deacon", "Yaw Boateng", "")),
])
def test_names_splits_honorifics(text, parts):
    assert split_honorifics(text) == parts


@pytest.mark.parametrize(("a", "b"), [
    ("Dr. Klaus Weber", "Klaus Weber"), ("Zoë Müller-Lüdenscheidt", "Zoe Muller Ludenscheidt"),
    ("Sarah O'Connor", "sarah oconnor"), ("  Jane   Smith ", "Jane Smith"),
])
def test_names_key_ignores_honorifics_accents_and_case(a, b):
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(("text", "given", "family", "honorific"), [
    ("Dr. Klaus Weber", "Klaus", "Weber", "Dr."),
    ("Guillaume de La Roche", "Guillaume", "de La Roche", ""),
    ("Ciarán Ó Súilleabháin", "Ciarán", "Ó Súilleabháin", ""),
    ("Herr Müller", "", "Müller", "Herr"),
    ("Oona Lachance-Byrne, BScPT", "Oona", "Lachance-Byrne", ""),  # a physiotherapy degree, not a given name
    ("Tamsin Kerr, MPhty", "Tamsin", "Kerr", ""),
    ("Lwazi Khumalo Pr Eng", "Lwazi", "Khumalo", ""),  # a South African professional registration
    ("Zanele Mokoena Pr Tech Eng", "Zanele", "Mokoena", ""),
    ("Lucija Perić, mag. iur.", "Lucija", "Perić", ""),  # Croatian academic titles after the name
    ("Dario Kralj, dipl. oec.", "Dario", "Kralj", ""),
    ("Tena Bošnjak, prof. hrvatskog jezika", "Tena", "Bošnjak", ""),
    ("KR Ing. Walter Gruber", "Walter", "Gruber", "KR Ing."),  # an Austrian Kommerzialrat
    ("Perit Joseph Camilleri", "Joseph", "Camilleri", "Perit"),  # a Maltese architect
    ("CPA Esther Wanjiku Mwangi", "Esther", "Mwangi", "CPA"),  # a Kenyan accountant's designation
    ("PDG Alan Crofts OAM", "Alan", "Crofts", "PDG"),  # a Past District Governor of Rotary, an Australian honour
    ("PP Lynette Ward PHF", "Lynette", "Ward", "PP"),  # a club's Past President, a Paul Harris Fellow
    ("Hemi Walker MNZM", "Hemi", "Walker", ""),  # a New Zealand honour
    ("Joan Pryce MBE", "Joan", "Pryce", ""),
    ("Judge Louis Thibodeaux (Ret.)", "Louis", "Thibodeaux", "Judge"),  # a retired judge on a museum's board
    ("Kayla Moreau, R.Kin", "Kayla", "Moreau", ""),  # a Registered Kinesiologist
    ("s. Ana Jurić", "Ana", "Jurić", "s."),  # a religious sister (hr)
    ("fra Marko Zubak", "Marko", "Zubak", "fra"),  # a friar
    ("Ts. Rajesh Kumar", "Rajesh", "Kumar", "Ts."),  # a Malaysian Professional Technologist
    ("LL Mikko Lehtonen", "Mikko", "Lehtonen", "LL"),  # a Finnish licentiate of medicine
    ("Cyng. Gwenllian Parry", "Gwenllian", "Parry", "Cyng."),  # a Welsh councillor
    ("Dr. An Vandamme", "An", "Vandamme", "Dr."),  # a Flemish given name that is a common word, after an honorific
    ("Lars Brüning, Dipl.-Finanzwirt (FH)", "Lars", "Brüning", ""),  # a German diploma after the name
    ("Chef Alejandra Ruiz", "Alejandra", "Ruiz", "Chef"),  # a chef addressed as such
    ("MMag. Stefan Url, StB", "Stefan", "Url", "MMag."),  # an Austrian tax adviser (Steuerberater)
    ("KMD Johannes Albrecht", "Johannes", "Albrecht", "KMD"),  # a Kirchenmusikdirektor
    ("Henrik Møller Jensen (HMJ)", "Henrik", "Jensen", ""),  # a Danish teacher's own initials
    ("Søren Aagaard Østergaard (SØ)", "Søren", "Østergaard", ""),
    ("vdp. Mgr. Ján Kováč", "Ján", "Kováč", "vdp. Mgr."),  # a Slovak priest (veľadôstojný pán)
    ("Enol. Chiara Bof", "Chiara", "Bof", "Enol."),  # an Italian oenologist
    ("P.I. Matteo Rinaldini", "Matteo", "Rinaldini", "P.I."),  # a perito industriale
    ("Dcn. Rubén de la O", "Rubén", "de la O", "Dcn."),  # a deacon; a family name of one letter
])
def test_names_parts(text, given, family, honorific):
    parts = name_parts(text)
    assert (parts.given, parts.family, parts.honorific) == (given, family, honorific)
    assert honorific not in parts.full or not honorific


@pytest.mark.parametrize(("local", "name"), [
    ("sarah.oconnor", "Sarah O'Connor"), ("soconnor", "Sarah O'Connor"), ("s.oconnor", "Sarah O'Connor"),
    ("sarah", "Sarah O'Connor"), ("oconnor.sarah", "Sarah O'Connor"), ("sarah_oconnor", "Sarah O'Connor"),
    ("z.mueller-luedenscheidt", "Zoë Müller-Lüdenscheidt"), ("a.yilmaz", "Ayşe Yılmaz"),
    ("jiahui.chen", "Chen Jiahui"), ("rasheed.khan", "Abdul Rasheed Khan"), ("meilin.chen", "Mei Lin Chen"),
    ("guillaume.delaroche", "Guillaume de La Roche"), ("ciaran.osuilleabhain", "Ciarán Ó Súilleabháin"),
    ("komalley", "Kevin O'Malley"), ("s.brueckner", "Stefan Brückner"), ("k.weber", "Dr. Klaus Weber"),
    ("mkn", "Mette Kjær Nielsen"), ("sba", "Søren Bøgh-Andersen"),  # initials of a three-word name
    ("wklim", "Lim Wei Keat"), ("weikeat.lim", "Lim Wei Keat"),  # family name written first
    ("drthornquist", "Dr. Meredith Thornquist"), ("soeren", "Søren Højgaard"),  # Nordic letters spelled out
    ("drvandenberg", "Dr. Lotte Van den Berg"),  # the doctor's whole family name
    ("williams-joness", "Mrs Sioned Williams-Jones"),  # a hyphenated family name, then the initial
    ("e.sidiropoulou", "Ευαγγελία Σιδηροπούλου"), ("evangelia", "Ευαγγελία Σιδηροπούλου"),  # romanised
    ("i.petrov", "Иван Петров"), ("d.stoyanov", "Димитър Стоянов"), ("dimitar", "Димитър Стоянов"),
    ("kevin", "Caoimhín Ó Briain"), ("patrick.walsh", "Pádraig Walsh"),  # an Irish name's English form
])
def test_names_email_local_part_matches(local, name):
    assert email_matches_name(local, name)


@pytest.mark.parametrize(("local", "name"), [
    ("info", "Sarah O'Connor"), ("bob", "Sarah Connor"), ("sc", "Sarah Connor"), ("tom.okafor", "Mei Lin Chen"),
    ("mk", "Mette Kjær Nielsen"),
    ("kevin", "Ciarán Ó Briain"),
])
def test_names_email_local_part_mismatches(local, name):
    assert not email_matches_name(local, name)


def test_names_plain_pairs_split_as_nameparser_splits_them():
    """name_parts skips nameparser for two plain capitalised words; both must agree, in many scripts and with
    nameparser's own special words (titles, prefixes, suffixes, conjunctions) in either place."""
    import random

    from faker import Faker
    from nameparser import HumanName

    from ner.names import _NAME_CONSTANTS, _plain_pair

    names = set()
    for locale in ("en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pl_PL", "sv_SE", "tr_TR", "ru_RU",
                   "ja_JP", "zh_CN", "el_GR", "hi_IN", "vi_VN", "cs_CZ"):
        fake = Faker(locale)
        fake.seed_instance(7)
        names.update(f"{fake.first_name()} {fake.last_name()}" for _ in range(150))
    special = sorted(str(word).title() for group in (
        _NAME_CONSTANTS.titles, _NAME_CONSTANTS.prefixes, _NAME_CONSTANTS.conjunctions,
        _NAME_CONSTANTS.suffix_acronyms, _NAME_CONSTANTS.suffix_not_acronyms) for word in group)
    rng = random.Random(7)
    names.update(f"{rng.choice(special)} Berg" for _ in range(300))
    names.update(f"Anna {rng.choice(special)}" for _ in range(300))
    names.update({"Kate VI", "Jean-Luc Picard", "Ó Briain", "Mac Donald", "Anne E"})
    fast = 0
    for name in sorted(names):
        pair = _plain_pair(name)
        if pair is None:
            continue
        fast += 1
        parsed = HumanName(name, constants=_NAME_CONSTANTS)
        expected = ("", pair[0], "", pair[1], "")
        assert (parsed.title, parsed.first, parsed.middle, parsed.last, parsed.suffix) == expected, name
    assert fast > len(names) // 3


@pytest.mark.parametrize(("text", "expected"), [
    ("MMag. Petra Huber", ("MMag.", "Petra Huber", "")),
    ("Tomasz Nowak ARB", ("", "Tomasz Nowak", "ARB")),
    ("Róisín Kelly MPSI", ("", "Róisín Kelly", "MPSI")),
])
def test_names_more_academic_prefixes_and_professional_letters(text, expected):
    assert split_honorifics(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Fiona Grant BVM&S MRCVS", ("", "Fiona Grant", "BVM&S MRCVS")),
    ("Arq.ª Rita Lopes", ("Arq.ª", "Rita Lopes", "")),
])
def test_names_veterinary_letters_and_portuguese_prefixes(text, expected):
    assert split_honorifics(text) == expected


@pytest.mark.parametrize("text", ["Rakennus Mäkelä Oy", "Hajdú Kert Kft.", "Kovář Stavby s.r.o.", "Mobili Rossi Srl",
                                  "Jūrmalas Koks SIA", "Saarepuit OÜ", "Gradina Vrt d.o.o.", "Teknik Kalıp A.Ş.",
                                  "Harms Verwaltungs-GmbH", "Keller Holding-AG", "Lübeck HRB"])
def test_names_a_legal_form_makes_a_company_not_a_person(text):
    assert not looks_like_person_name(text)


def test_names_a_legal_form_in_capitals_only_counts_as_written():
    assert looks_like_person_name("Sia Lindqvist") and looks_like_person_name("Wen Ou")


@pytest.mark.parametrize(("text", "canonical"), [
    ("Claire FRANZEN", "Claire Franzen"), ("Paulo DOS SANTOS", "Paulo Dos Santos"),
    ("BARTOLINI Cristina", "Cristina Bartolini"), ("Jane Smith", "Jane Smith"),
])
def test_names_a_family_name_in_capitals_is_written_as_a_name(text, canonical):
    from ner.names import canonical_name

    assert canonical_name(text) == canonical


def test_names_welsh_patronymic_particles():
    assert looks_like_person_name("Gethin ap Dafydd") and looks_like_person_name("Rhys ab Owen")
    assert name_parts("Gethin ap Dafydd").family == "ap Dafydd"


def test_names_more_particles():
    assert name_parts("Thijs van 't Hek").family == "van 't Hek"
    assert name_parts("Jose Miguel de los Reyes").family == "de los Reyes"


def test_names_catalan_i_between_family_names():
    assert looks_like_person_name("Jordi Puig i Soler") and name_parts("Jordi Puig i Soler").family == "Puig i Soler"


def test_names_an_accented_organisation_word_is_found_in_folded_text():
    from ner.outsiders import names_organisation

    assert names_organisation("Medizinische Universität Graz") and names_organisation("Büro Winterthur")


@pytest.mark.parametrize(("text", "expected"), [
    ("Noor Haddad, RPN, BScN", ("", "Noor Haddad", "RPN BScN")),
    ("Dr Elin Powys MOst", ("Dr", "Elin Powys", "MOst")),
    ("Callum Reid MChiro DC", ("", "Callum Reid", "MChiro DC")),
    ("Op. Dr. Kerem Aksoy", ("Op. Dr.", "Kerem Aksoy", "")),
    ("Uzm. Dyt. Ayşe Kaya", ("Uzm. Dyt.", "Ayşe Kaya", "")),
    ("Av. Arta Gashi", ("Av.", "Arta Gashi", "")),
])
def test_names_nursing_and_chiropractic_letters_and_turkish_prefixes(text, expected):
    assert split_honorifics(text) == expected


def test_names_a_prefix_that_is_also_a_family_name_counts_only_as_written():
    assert split_honorifics("Vet. Hek. Deniz Er") == ("Vet. Hek.", "Deniz Er", "")
    assert name_parts("Pieter van Hek").family == "van Hek"
    assert split_honorifics("Marloes Hek") == ("", "Marloes Hek", "")


def test_names_a_pronoun_that_is_also_a_family_name_blocks_only_a_first_word():
    assert looks_like_person_name("Femke Vos") and looks_like_person_name("Anke de Vos")
    assert not looks_like_person_name("Vos Interlocuteurs")


@pytest.mark.parametrize("text", ["Strathmore Coaches", "Kilburn Physio", "El Estudio", "Harbourside Vets"])
def test_names_an_organisation_word_ending_the_words_makes_an_organisation(text):
    assert not looks_like_person_name(text)


@pytest.mark.parametrize("text", ["Eczacılar Birliği", "Obrtnička Komora", "Tartu Ühing", "Rīgas Pašvaldība",
                                  "Lögmanna Félag", "Shoqata Kombëtare"])
def test_names_organisation_words_of_more_languages(text):
    assert not looks_like_person_name(text)


def test_names_where_a_degree_was_taken_after_the_honorific():
    assert split_honorifics("Dipl.-Kffr. (Univ.) Sabine Körber") == ("Dipl.-Kffr.", "Sabine Körber", "")


@pytest.mark.parametrize("text", ["Kirchgemeinde Ennetholz", "Regionalpolizei Surbtal", "Lyngmo Idrettsforening",
                                  "Spitex Surbtal"])
def test_names_a_compound_naming_a_body_is_no_person(text):
    assert not looks_like_person_name(text)
    assert looks_like_person_name("Sonja Hauri")


@pytest.mark.parametrize(("text", "name"), [("Ilse van Dalen (juf Ilse)", "Ilse van Dalen"),
                                            ("Ruud Kamphuis (meester Ruud)", "Ruud Kamphuis"),
                                            ("Anna Smith (Dr Jones)", "Anna Smith (Dr Jones)")])
def test_names_what_the_children_call_a_teacher_is_no_part_of_the_name(text, name):
    assert split_honorifics(text)[1] == name


@pytest.mark.parametrize(("text", "name"), [("Emre Kara'nın", "Emre Kara"), ("Selin Aydın'dan", "Selin Aydın"),
                                            ("Wanjiru Ng'ang'a", "Wanjiru Ng'ang'a"), ("Kevin O'Neil", "Kevin O'Neil")])
def test_names_a_turkish_case_ending_is_no_part_of_the_name(text, name):
    assert split_honorifics(text)[1] == name


@pytest.mark.parametrize(("text", "honorific"), [("ec. Mihaela Rusu", "ec."), ("Stj. Av. Elif Naz Demirtaş", "Stj. Av."),
                                                 ("don Hernán Alvarado", "don"), ("Ldo. Enric Pons", "Ldo.")])
def test_names_more_honorifics(text, honorific):
    assert split_honorifics(text)[0] == honorific


@pytest.mark.parametrize(("local", "name"), [("mda", "Mikkel Dahl"), ("jfr", "Jakob Friis"), ("kaj", "Karen Juhl"),
                                            ("mavi", "Malene Vinther"), ("thol", "Thomas Lund")])
def test_names_danish_three_letter_addresses(local, name):
    assert email_matches_name(local, name)


def test_names_a_croatian_dental_degree_after_the_name():
    assert split_honorifics("Luka Perić, dr. med. dent.")[1] == "Luka Perić"


@pytest.mark.parametrize("text", ["Beratender Ingenieur", "Leitende Ärztin"])
def test_names_a_german_job_with_its_adjective_is_no_name(text):
    assert not looks_like_person_name(text, lenient=True)
    assert looks_like_person_name("Anna Ende")


@pytest.mark.parametrize(("text", "name"), [("Mrs. Meenakshi Sundaram, M.A., M.Phil., B.Ed.", "Meenakshi Sundaram"),
                                            ("Thiru. K. Ramachandran, M.A., B.Ed.", "K. Ramachandran")])
def test_names_indian_degrees_with_dots_and_tamil_honorifics(text, name):
    assert split_honorifics(text)[1] == name


def test_names_an_office_named_after_its_holder_and_a_plural_common_noun():
    from ner.nameforms import name_like

    # "Notariat Mag. Dr. …", "Ordination Dr. …": the practice of its holder, who is a person of the page.
    assert name_like("Mag. Dr. Karin Aigner", 0, [], "Notariat Mag. Dr. Karin Aigner", lenient=False)
    assert name_like("Dr. Eva Huber", 0, [], "Ordination Dr. Eva Huber", lenient=False)
    assert looks_like_person_name("Maria do Rosário Pinto Lamas")  # a Galician or Portuguese "do"
    assert not looks_like_person_name("Mercados do Brasil")  # markets, not a name
    assert not looks_like_person_name("AMPA Sant Jordi")  # a school's parents' association


def test_names_words_for_a_board_or_team_are_no_names():
    assert not looks_like_person_name("Styret Fjellheim")  # "the board", Norwegian
    assert not looks_like_person_name("Vorstand Müller")
    assert not looks_like_person_name("Rada Nadzorcza")  # a supervisory board
    assert looks_like_person_name("Rada Kovačević")  # Rada is a given name
    assert not looks_like_person_name("Amtsnachfolgerin Sabine Wolf")  # "her successor in office"


def test_names_a_body_inside_joined_by_particles_is_no_name():
    assert not looks_like_person_name("Servizi Sociali del Comune di Treviglio")
    assert looks_like_person_name("Maria del Carmen Ruiz")
