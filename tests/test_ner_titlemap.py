"""ner.titlemap: job titles to a business function and a seniority band, from data, in several languages."""

from __future__ import annotations

import pytest

from ner.titlemap import SENIORITY_BANDS, classify_title, normalize_title


@pytest.mark.parametrize(("raw", "function", "seniority"), [
    ("Chief Executive Officer", "executive", "c_level"),
    ("Co-founder & CTO", "engineering", "c_level"),
    ("SVP, Sales", "sales", "vp"),
    ("VP of People", "hr", "vp"),
    ("Head of Customer Success", "support", "director"),
    ("Product Lead", "product", "manager"),
    ("Senior Robotics Engineer", "engineering", "individual"),
    ("Marketing Intern", "marketing", "individual"),
    ("Geschäftsführer", "executive", "c_level"),
    ("Vertriebsleiter", "sales", "director"),
    ("Leiterin Einkauf", "operations", "director"),
    ("Sachbearbeiterin Lohnbuchhaltung", "finance", "individual"),
    ("Directrice artistique", "design", "director"),
    ("Avocate collaboratrice", "legal", "individual"),
    ("Directora médica", "medical", "director"),
    ("Gerente de Auditoría", "finance", "manager"),
    ("Responsable de Atención al Cliente", "support", "manager"),
    ("Diretor Comercial", "sales", "director"),
    ("Gestora de Redes Sociais", "marketing", "manager"),
    ("Belastingadviseur", "finance", "individual"),
    ("voorzitter Raad van Bestuur", "executive", "c_level"),
    ("Professoressa ordinaria", "research", "individual"),
    ("Direttore tecnico", "engineering", "director"),
    ("Vice President", "executive", "vp"),
    ("Partner", "executive", "director"),
    ("Gardener", "other", "individual"),
    ("VD", "executive", "c_level"),
    ("Vice VD", "executive", "vp"),
    ("Försäljningschef", "sales", "director"),
    ("Projektledare", "operations", "manager"),
    ("Redovisningsekonom", "finance", "individual"),
    ("Adm. direktør", "executive", "c_level"),
    ("Kundeservicemedarbejder", "support", "individual"),
    ("Daglig leder", "executive", "c_level"),
    ("Salgssjef", "sales", "director"),
    ("Toimitusjohtaja", "executive", "c_level"),
    ("Myyntipäällikkö", "sales", "manager"),
    ("Talousjohtaja", "finance", "director"),
    ("Prezes Zarządu", "executive", "c_level"),
    ("Wiceprezes Zarządu ds. Finansowych", "finance", "vp"),
    ("Kierownik Działu Sprzedaży", "sales", "manager"),
    ("Główna Księgowa", "finance", "manager"),
    ("Specjalistka ds. marketingu", "marketing", "individual"),
    ("Jednatelka", "executive", "c_level"),
    ("Obchodní ředitel", "sales", "director"),
    ("Vedoucí výroby", "operations", "manager"),
    ("Advokátka", "legal", "individual"),
    ("Director Geral", "executive", "c_level"),
    ("Gerente de TI", "it", "manager"),
    ("Técnico Oficial de Contas", "finance", "individual"),
])
def test_titlemap_function_and_seniority(raw: str, function: str, seniority: str):
    assert normalize_title(raw)[1:] == (function, seniority)


@pytest.mark.parametrize(("raw", "function", "seniority"), [
    # Hungarian
    ("Társtulajdonos, ügyvezető", "executive", "c_level"),
    ("Elnök-vezérigazgató", "executive", "c_level"),
    ("Vezérigazgató-helyettes", "executive", "vp"),
    ("Kereskedelmi igazgató", "sales", "director"),
    ("Pénzügyi vezető", "finance", "manager"),
    ("HR vezető", "hr", "manager"),
    ("Logisztikai vezető", "operations", "manager"),
    ("Vezető szoftverfejlesztő", "engineering", "manager"),
    ("Könyvelő gyakornok", "finance", "individual"),
    ("Ügyvéd", "legal", "individual"),
    ("Ügyfélszolgálati munkatárs", "support", "individual"),
    ("Gépkocsivezető", "other", "individual"),
    # Croatian, Bosnian, Serbian (Latin)
    ("Osnivač i direktor", "executive", "c_level"),
    ("Predsjednica Uprave", "executive", "c_level"),
    ("Potpredsjednik Uprave", "executive", "vp"),
    ("Financijska direktorica", "finance", "director"),
    ("Voditeljica ljudskih potencijala", "hr", "manager"),
    ("Šef službe za korisnike", "support", "manager"),
    ("Glavna računovođa", "finance", "manager"),
    ("Savjetnica za ključne kupce", "sales", "individual"),
    ("Odvjetnički vježbenik", "legal", "individual"),
    ("Medicinski tehničar", "medical", "individual"),
    # Slovenian
    ("Lastnica in direktorica", "executive", "c_level"),
    ("Samostojni podjetnik", "executive", "c_level"),
    ("Vodja nabave", "operations", "manager"),
    ("Vodja kadrovske službe", "hr", "manager"),
    ("Računovodja", "finance", "individual"),
    ("Inženir elektrotehnike", "engineering", "individual"),
    ("Zobozdravnica", "medical", "individual"),
    # Slovak
    ("Konateľka", "executive", "c_level"),
    ("Podpredseda predstavenstva", "executive", "vp"),
    ("Riaditeľ výroby", "operations", "director"),
    ("Vedúca účtovníctva", "finance", "manager"),
    ("Manažér predaja", "sales", "manager"),
    ("Advokátsky koncipient", "legal", "individual"),
    ("Personalistka", "hr", "individual"),
    # Romanian
    ("Fondatoare și administrator unic", "executive", "c_level"),
    ("Președinte al Consiliului de Administrație", "executive", "c_level"),
    ("Director general adjunct", "executive", "vp"),
    ("Directoare Resurse Umane", "hr", "director"),
    ("Șef departament vânzări", "sales", "manager"),
    ("Contabil șef", "finance", "manager"),
    ("Consilier juridic", "legal", "individual"),
    ("Inginer software stagiar", "engineering", "individual"),
    ("Asistentă medicală", "medical", "individual"),
])
def test_titlemap_hungarian_croatian_slovenian_slovak_romanian(raw: str, function: str, seniority: str):
    assert normalize_title(raw)[1:] == (function, seniority)


@pytest.mark.parametrize(("raw", "function", "seniority"), [
    ("Rektor", "other", "director"),
    ("Biträdande rektor", "other", "director"),
    ("Skoleleder", "other", "director"),
    ("Apulaisrehtori", "other", "director"),
    ("Dirigente scolastica", "other", "director"),
    ("Proviseure adjointe", "other", "director"),
    ("Subdirectora", "other", "director"),
    ("Undersköterska", "medical", "individual"),
    ("Tandhygienist", "medical", "individual"),
    ("Sundhedsplejerske", "medical", "individual"),
    ("Helsefagarbeider", "medical", "individual"),
    ("Lähihoitaja", "medical", "individual"),
    ("Kiinteistönhoitaja", "other", "individual"),  # a caretaker, not a nurse
    ("Všeobecná sestra", "medical", "individual"),
    ("Położna", "medical", "individual"),
    ("Doktersassistente", "medical", "individual"),
    ("Aide-soignante", "medical", "individual"),
    ("Fonoaudióloga", "medical", "individual"),
    ("Nutrióloga", "medical", "individual"),
    ("Cook & Nutrition Coordinator", "other", "manager"),
    ("Fakturantka", "finance", "individual"),
    ("Teneuse de livres", "finance", "individual"),
    ("Fondsenwerver", "marketing", "individual"),
    ("Systemadministratör", "it", "individual"),
    ("Systeembeheerder", "it", "individual"),
    ("Elinstallatør", "engineering", "individual"),
    ("Elettricista", "engineering", "individual"),
    ("Testare", "engineering", "individual"),
    ("MOT Tester", "other", "individual"),
    ("Webbdesigner", "design", "individual"),
    ("Capocantiere", "operations", "manager"),
    ("Hoofduitvoerder", "operations", "manager"),
    ("Contremaître", "operations", "manager"),
    ("Conducteur de travaux", "operations", "individual"),
    ("Magazziniere", "operations", "individual"),
    ("Almoxarife", "operations", "individual"),
    ("Coordonnatrice", "other", "manager"),
    ("Szef kuchni", "other", "manager"),
])
def test_titlemap_common_titles_of_small_organisations(raw: str, function: str, seniority: str):
    assert normalize_title(raw)[1:] == (function, seniority)


@pytest.mark.parametrize(("raw", "title"), [("  SVP,  Sales EMEA ", "SVP, Sales EMEA"), ("– Partner –", "Partner"),
                                            ("CEO\n& Founder", "CEO & Founder")])
def test_titlemap_cleans_the_title(raw: str, title: str):
    assert normalize_title(raw)[0] == title


@pytest.mark.parametrize("raw", [None, "", "   ", " – "])
def test_titlemap_no_title_gives_nothing(raw):
    assert normalize_title(raw) == (None, None, None)


@pytest.mark.parametrize(("raw", "level", "rank"), [("Senior Data Analyst", "senior", 2), ("Trainee Solicitor", "entry", 0),
                                                    ("Accountant", "individual", 1), ("CFO", "c_level", 6)])
def test_titlemap_keeps_the_finer_level_for_the_scorer(raw: str, level: str, rank: int):
    classified = classify_title(raw)
    assert (classified.level, classified.rank) == (level, rank)
    assert classified.seniority in SENIORITY_BANDS


@pytest.mark.parametrize(("raw", "function", "seniority"), [
    ("Satış Müdürü", "sales", "manager"), ("Kurucu Ortak", "executive", "c_level"),  # Turkish
    ("Müügijuht", "sales", "manager"), ("Raamatupidaja", "finance", "individual"),  # Estonian
    ("Pārdošanas vadītājs", "sales", "manager"), ("Grāmatvede", "finance", "individual"),  # Latvian
    ("Generalinis direktorius", "executive", "c_level"),  # Lithuanian
    ("Framkvæmdastjóri", "executive", "c_level"), ("Lögfræðingur", "legal", "individual"),  # Icelandic
    ("Drejtor i Shitjeve", "sales", "director"), ("Avokat", "legal", "individual"),  # Albanian
])
def test_titlemap_estonian_latvian_lithuanian_icelandic_albanian_turkish(raw: str, function: str, seniority: str):
    assert normalize_title(raw)[1:] == (function, seniority)
