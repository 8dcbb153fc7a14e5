from __future__ import annotations

from pathlib import Path

import pytest

from leadscout.config import DEFAULT_DB, ConfigError, load_settings


def test_config_flags_beat_env_beat_file(tmp_path: Path) -> None:
    config = tmp_path / "leadscout.toml"
    config.write_text('db = "sqlite:///file.db"\nspacy_model = "from_file"\ndefault_region = "DE"\n')
    env = {"LEADSCOUT_DB": "sqlite:///env.db", "LEADSCOUT_SPACY_MODEL": "from_env"}
    settings = load_settings(config_file=config, environ=env, db="sqlite:///flag.db", spacy_model=None)
    assert (settings.db, settings.spacy_model, settings.default_region) == ("sqlite:///flag.db", "from_env", "DE")


def test_config_defaults_without_file_or_env(tmp_path: Path) -> None:
    settings = load_settings(config_file=tmp_path / "missing.toml", environ={})
    assert settings.db == DEFAULT_DB
    assert settings.broker_url == "redis://127.0.0.1:6379/0"


@pytest.mark.parametrize(("text", "message"), [("db = ", "not valid TOML"), ('dbb = "x"', "unknown setting")])
def test_config_bad_file_is_explained(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "leadscout.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(config_file=config, environ={})
