"""validation.names: real names from every culture pass; keyboard mash, test words and placeholders do not."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from validation import namemodel
from validation.names import check_name, fake_probability, name_problems
from validation.train_names import fit, folds, mash

ROOT = Path(__file__).resolve().parent.parent

REAL_NAMES = [
    # short Chinese, Korean and Vietnamese surnames (the model abstains under four letters)
    "Li Wei", "Wu Xiaoming", "Ng Kar Wai", "Xu Jing", "Ho Chi Minh", "Yu Shuxin", "Ma Yun", "Au Yeung Wing",
    "Oh Yeong-su", "Lu Xun", "Ly Quang Dieu", "Bui Xuan Phai", "Ai Weiwei", "Bo Ek", "Ida Vik",
    # Irish, Scottish and Welsh
    "Sarah O'Connor", "Niamh McDonagh", "Dara MacCarthy", "Seán Ó Súilleabháin", "Siobhán Ní Bhriain",
    "Aoife Mac Giolla Phádraig", "Caoimhín Ó Raghallaigh", "Mhairi MacLeod", "Rhodri ap Gwynfor", "Sean O’Brien",
    # hyphenated
    "Jean-Baptiste Lefebvre", "Zacharias Müller-Lüdenscheidt", "Ngozi Okonjo-Iweala", "Park Ji-sung",
    "Abdul-Rahman Al-Saud", "Nkosazana Dlamini-Zuma", "Qasym-Jomart Toqayev",
    # accented and other Latin letters
    "Björk Guðmundsdóttir", "Þórður Ægisson", "Åsa Ljungqvist", "Ertuğrul Özkök", "Çağla Şıkel",
    "Grzegorz Brzęczyszczykiewicz", "Przemysław Chrząszcz", "Zdeněk Smrž", "Jiří Vlk", "Gyöngyi Szőke",
    "Nguyễn Thị Minh Khai", "Trần Hưng Đạo", "Tuulikki Jääskeläinen", "Tõnu Õun", "Iñaki Urdangarin",
    "Johann Strauß", "IJsbrand Ruijs",
    # transliterated
    "Nikita Khrushchev", "Oleksandr Shcherbakov", "Volodymyr Zelenskyy", "Venkataraghavan Srinivasan",
    "Dhruv Sharma", "Kshitij Trivedi", "Thanathorn Juangroongruangkit", "Tsakhiagiin Elbegdorj",
    "Mikheil Saakashvili", "Chukwuemeka Okonkwo", "Sipho Dladla", "Mthunzi Nxumalo", "Xabier Etxeberria",
    "Ngũgĩ wa Thiong'o", "Kealiʻi Kanahele", "Tzipi Livni",
    # German compounds that contain keyboard runs ("wert", "ertz")
    "Johann Werther", "Heinrich Hertz", "Anna Hochstrasser", "Elisabeth Schwarzkopf",
    # other scripts: judged by rules only
    "王伟", "李娜", "Сергей Щербаков", "Γιώργος Παπαδόπουλος", "محمد علي", "דוד בן גוריון", "김민준", "राहुल शर्मा",
]

FAKE_NAMES = [
    ("Asdf Qwerty", "keyboard word"), ("Sdfsdf Dfgdfg", "typed again"), ("Jkjkjk Smith", "typed again"),
    ("Fjdksl Aldkfj", "no vowels"), ("Xxx Smith", "three times"), ("Gfdsa Miller", "row in order"),
    ("Poiuy Lkjhg", "row in order"), ("Hjkl Jones", "keyboard word"), ("Test Test", "placeholder"),
    ("John Doe", "placeholder"), ("None Null", "test word"), ("Jane Smith2", "digits"), ("Dfgdfgdfg", "typed again"),
    ("Zxcvbn Brown", "row in order"), ("Mnbvcx Taylor", "row in order"), ("Qazwsx Edcrfv", "model"),
    ("Ghfjdk Sjdkfh", "model"), ("Kdjfhg Ldkfjg", "model"), ("Ajsdhf Kajshd", "model"), ("Hsjdkf Alsdkj", "model"),
    ("Wqerty User", "model"), ("Lorem Ipsum", "placeholder"),
]


@pytest.mark.parametrize("name", REAL_NAMES)
def test_names_real_names_from_every_culture_pass(name):
    check = check_name(name)
    assert not check.fake, (name, check.problems, check.evidence)
    assert "name_gibberish" not in check.problems


@pytest.mark.parametrize(("name", "why"), FAKE_NAMES)
def test_names_fake_names_are_caught_with_a_reason(name, why):
    check = check_name(name)
    assert check.fake, (name, check)
    assert check.fake_probability > 0.5 and check.evidence
    if why != "model":
        assert why in check.evidence or why in " ".join(check.problems).replace("_", " "), check


def test_names_hand_collected_world_names_pass():
    lines = (ROOT / "bench" / "data" / "world_names.txt").read_text(encoding="utf-8").splitlines()
    names = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    flagged = [name for name in names if check_name(name).fake]
    # The benchmark reports the exact share; the test holds the line at the target (1%) plus two names.
    assert len(flagged) <= len(names) // 100 + 2, flagged


@pytest.mark.parametrize(("name", "problems"), [
    ("", ("name_missing",)), ("Cher", ("name_single_part",)), ("JANE SMITH", ("name_all_caps",)),
    ("Mary-Jane O'Neil", ()), ("Jane Smith 3", ("name_has_digits",)),
])
def test_names_problem_codes(name, problems):
    assert check_name(name).problems == problems


def test_names_name_problems_keeps_extractions_contract():
    assert name_problems("Qwerty Asdf") == ("name_gibberish",)
    assert name_problems("Sarah O'Connor") == ()


@pytest.mark.parametrize("token", ["Li", "Wu", "Ng", "Xu", "Oh", "王", "محمد"])
def test_names_model_abstains_on_short_tokens_and_other_scripts(token):
    assert fake_probability(token) == 0.0


def test_names_shipped_model_loads_in_milliseconds():
    namemodel.shipped_model.cache_clear()
    started = time.perf_counter()
    model = namemodel.shipped_model()
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, elapsed
    assert model.meta["languages"] and model.meta["mash_families"]
    size = (ROOT / "validation" / "data" / namemodel.MODEL_RESOURCE).stat().st_size
    assert size < 512 * 1024


def test_names_shipped_model_records_how_it_was_trained():
    import faker

    data = json.loads(gzip.decompress((ROOT / "validation" / "data" / namemodel.MODEL_RESOURCE).read_bytes()))
    assert data["meta"]["faker"] == faker.VERSION, "Faker changed: re-run python -m validation.train_names"
    assert tuple(data["features"]) == namemodel.FEATURES


def test_names_training_is_deterministic():
    real = {"en": ["anna", "maria", "johann"], "ga": ["siobhan", "caoimhe"], "yo": ["oluwaseun", "adebayo"],
            "vi": ["nguyen", "thanh"], "pl": ["kowalski", "krzysztof"]}
    fake = {"home_hammer": mash("home_hammer", 300), "qwerty_walk": mash("qwerty_walk", 300)}
    first, second = fit(real, fake), fit(real, fake)
    assert first.to_json() == second.to_json()


def test_names_folds_hold_out_whole_languages_and_families():
    splits = folds(["de", "en", "fr", "ga", "pl", "vi", "zh", "zu", "yo", "fi", "tr"], k=10)
    held = [language for split in splits for language in split.test_languages]
    assert sorted(held) == sorted(set(held)) and len(held) == 11
    for split in splits:
        assert not set(split.test_languages) & set(split.train_languages)
        assert not set(split.test_families) & set(split.train_families)
