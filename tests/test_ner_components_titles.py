"""ner.components.titles: the leadscout_titles component marks job titles in several languages."""

from __future__ import annotations

import json

import pytest
import spacy

import ner.components  # noqa: F401  (registers the factory)
from ner.components import TITLE_SPANS_KEY


@pytest.fixture(scope="module")
def nlp():
    pipeline = spacy.blank("en")
    pipeline.add_pipe("leadscout_titles")
    return pipeline


def titles(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [span.text for span in doc.spans[TITLE_SPANS_KEY]]


@pytest.mark.parametrize(("text", "expected"), [
    ("Chief Executive Officer", ["Chief Executive Officer"]),
    ("Founder & CEO", ["Founder & CEO"]),
    ("Co-Founder and Chief Technology Officer", ["Co-Founder and Chief Technology Officer"]),
    ("VP, Engineering", ["VP, Engineering"]),
    ("SVP Sales", ["SVP Sales"]),
    ("Head of Sales & Marketing", ["Head of Sales & Marketing"]),
    ("Director of Engineering", ["Director of Engineering"]),
    ("Sales & Marketing Director", ["Sales & Marketing Director"]),
    ("Senior Data Scientist", ["Senior Data Scientist"]),
    ("Customer Success Lead", ["Customer Success Lead"]),
    ("Managing Director", ["Managing Director"]),
    ("General Manager", ["General Manager"]),
    ("Senior Partner", ["Senior Partner"]),
    ("Sales Manager, Commercial Accounts", ["Sales Manager, Commercial Accounts"]),
    ("MD", ["MD"]),
    ("Geschäftsführer", ["Geschäftsführer"]),
    ("Geschäftsführerin", ["Geschäftsführerin"]),
    ("Prokurist, Kaufmännischer Leiter", ["Prokurist, Kaufmännischer Leiter"]),
    ("Leiterin Vertrieb", ["Leiterin Vertrieb"]),
    ("Vertriebsleiter", ["Vertriebsleiter"]),
    ("Personalreferentin", ["Personalreferentin"]),
    ("Directeur général", ["Directeur général"]),
    ("Directrice commerciale", ["Directrice commerciale"]),
    ("PDG", ["PDG"]),
    ("Responsable administrative et financière", ["Responsable administrative et financière"]),
    ("Director General", ["Director General"]),
    ("Consejero Delegado", ["Consejero Delegado"]),
    ("Algemeen Directeur", ["Algemeen Directeur"]),
    ("Amministratore Delegato", ["Amministratore Delegato"]),
])
def test_components_titles_marks_titles(nlp, text, expected):
    assert titles(nlp, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Rachel is our CFO.", ["CFO"]),
    ("As Chief Technology Officer, Linh leads product engineering.", ["Chief Technology Officer"]),
    ("Geschäftsführer: Dr. Klaus Weber", ["Geschäftsführer"]),
    ("Helen Marsh, Logistics Director, Fernhill Foods", ["Logistics Director"]),
])
def test_components_titles_finds_titles_inside_text(nlp, text, expected):
    assert titles(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Head office in London",
    "Lead a team of twelve on our new returns line.",
    "our partners include banks",
    "the director said nothing",
    "md5 checksum",
    "Partners & Staff",
])
def test_components_titles_ignores_look_alikes(nlp, text):
    assert titles(nlp, text) == []


def test_components_titles_reads_a_custom_lexicon(tmp_path):
    lexicon = tmp_path / "titles.jsonl"
    lexicon.write_text("\n".join(json.dumps(row) for row in [
        {"kind": "role", "lang": "en", "text": "Wizard"},
        {"kind": "modifier", "lang": "en", "text": "Grand"},
    ]), encoding="utf-8")
    pipeline = spacy.blank("en")
    pipeline.add_pipe("leadscout_titles", config={"lexicon": str(lexicon), "spans_key": "custom"})
    doc = pipeline("Our Grand Wizard and CEO")
    assert [span.text for span in doc.spans["custom"]] == ["Grand Wizard"]
