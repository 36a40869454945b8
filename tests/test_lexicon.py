"""Dictionary-based query translation (bot/understanding/lexicon.py, content/lexicon/): a tr, ar, pl or uk text
becomes Dutch words the router knows, inflected forms and typing without diacritics included, and routes by them
on topics the per-language role words do not list."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.infra import yamlfile
from bot.infra.config import PROJECT_ROOT
from bot.infra.content import Content, ContentError, load_content
from bot.understanding.lexicon import Lexicon, arabizi
from bot.understanding.routing import route


def test_every_new_language_has_a_broad_dictionary(content: Content) -> None:
    assert set(content.lexicons) == {"tr", "ar", "pl", "uk"}
    for language, words in content.lexicons.items():
        assert len(words) >= 500, language


@pytest.mark.parametrize(("language", "text", "dutch"), [
    ("tr", "komşularımızla", "buren"),
    ("tr", "komsularimizla", "buren"),
    ("tr", "evde", "woning"),
    ("pl", "sąsiadami", "buren"),
    ("pl", "sasiadow", "buren"),
    ("uk", "сусідами", "buren"),
    ("ar", "والجيران", "buren"),
    ("ar", "l7ouma", "wijk buurt"),
    ("ar", "houma", "wijk buurt"),
])
def test_inflected_and_plain_typed_words_are_found(content: Content, language: str, text: str, dutch: str) -> None:
    assert Lexicon.build(language, content.lexicons[language]).translate(text) == dutch


def test_a_short_key_needs_a_short_ending() -> None:
    lexicon = Lexicon.build("tr", {"ev": "woning", "yaya geçidi": "zebrapad"})
    assert lexicon.translate("evde evimiz") == "woning woning"
    assert lexicon.translate("evet") == ""
    assert lexicon.translate("yaya gecidi yok") == "zebrapad"


def test_arabizi_is_spelled_one_way() -> None:
    assert arabizi("7ouma") == arabizi("houma") == "huma"
    assert arabizi("chkoun") == arabizi("shkun")


@pytest.mark.parametrize(("wijk", "text", "role"), [
    ("presikhaaf", "komşumun kızı evde ödevlerini yapamıyor, kim yardımcı olur", "welzijn"),
    ("de-nude", "balkonumuzun tavanından su damlıyor, ev sahibi şirket gelmiyor", "woningcorporatie"),
    ("bloemenbuurt", "نريد أن نزرع الورود والأشجار في الساحة", "natuur"),
    ("presikhaaf", "3ndi dyoun bzaf w ma 3reftch chkoun y3awni", "welzijn"),
    ("de-nude", "chcemy założyć grupę spacerową dla seniorów", "sport"),
    ("bloemenbuurt", "na chodniku leży pełno szkła i śmieci", "melding"),
    ("presikhaaf", "у під'їзді зламався ліфт і тече дах", "woningcorporatie"),
    ("de-nude", "хочемо організувати свято для сусідів з піснями і танцями", "aanjager"),
    ("presikhaaf", "в подъезде сломан лифт и течет крыша", "woningcorporatie"),  # Russian, as many from Ukraine type
])
def test_routed_by_the_dictionary(content: Content, wijk: str, text: str, role: str) -> None:
    assert route(content, wijk_id=wijk, text=text)[0].contact.role == role


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", target)
    return target


def test_a_bad_dictionary_is_named_at_start_up(broken: Path) -> None:
    (broken / "lexicon" / "xx.yaml").write_text("words: {a: b}\n", encoding="utf-8")
    path = broken / "lexicon" / "tr.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  kira: huur\n", "  kira: ''\n"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_content(broken)
    assert "lexicon/xx.yaml: unknown language 'xx'" in str(caught.value)
    assert "lexicon/tr.yaml" in str(caught.value) and "words.kira" in str(caught.value)


def test_no_word_is_in_a_dictionary_twice() -> None:
    """YAML keeps the last of two equal keys without a word: a second meaning would silently replace the first."""
    for path in sorted((PROJECT_ROOT / "content" / "lexicon").glob("*.yaml")):
        keys = [line.split(":")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()
                if line.startswith("  ") and not line.strip().startswith("#")]
        assert len(keys) == len(set(keys)), (path.name, sorted({k for k in keys if keys.count(k) > 1}))


@pytest.mark.parametrize("name", ["routing-languages.yaml", "routing-languages-blind.yaml"])
def test_each_new_language_is_routed_right_first_in_at_least_85_of_100(content: Content, name: str) -> None:
    """Issue 28's bar, per language (the blind file was run once untuned: 0.866 overall, see the README)."""
    path = PROJECT_ROOT / "tests" / "data" / name
    if not path.exists():
        pytest.skip(f"{name} is not on this machine")
    by_language: dict[str, list[bool]] = {}
    for case in yamlfile.load(path.read_text(encoding="utf-8"))["cases"]:
        top = route(content, wijk_id=case["wijk"], text=case["text"])[0]
        by_language.setdefault(case["lang"], []).append(top.contact.role in case["expect"])
    for language, hits in by_language.items():
        assert sum(hits) / len(hits) >= 0.85, (language, sum(hits), len(hits))


COMMON_WORDS = {
    "tr": "bir bu ve için ama çok ben sen biz siz onlar oldu var da de ile gibi daha her şey şu ne mi ki kadar sonra "
          "önce şimdi bile değil evet hayır tamam lütfen teşekkürler merhaba belki hep hiç artık yine",
    "pl": "się nie jest że to na dla jego jej ale o w z do od po przez tak już jeszcze tylko też bardzo być był była "
          "mam ma są co czy ten ta te tego który tutaj teraz dziękuję proszę cześć może",
    "uk": "його її що це але від для про на в у з до так вже ще тільки теж дуже бути був була маю має є чи цей ця ці "
          "того який тут тепер дякую будь ласка привіт може мені нам вони ми ви він вона",
    "ar": "في من على هذا هذه التي الذي مع عن إلى كان كانت هو هي نحن أنا أنت لكن أو ثم قد لا نعم شكرا السلام عليكم "
          "kayn dyal w f l m3a ana nta hna wach bzaf chwiya dak had li ila ghir",
}


@pytest.mark.parametrize("language", sorted(COMMON_WORDS))
def test_the_commonest_words_translate_to_nothing(content: Content, language: str) -> None:
    """A short key that swallows a common word ('його' is 'his', not yoga) would route half of all texts."""
    lexicon = Lexicon.build(language, content.lexicons[language])
    assert {w: lexicon.translate(w) for w in COMMON_WORDS[language].split() if lexicon.translate(w)} == {}
