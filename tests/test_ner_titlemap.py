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
