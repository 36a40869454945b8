"""Word forms the crisis check reads one way (bot/understanding/safety_morphology.py), and concepts that hold in
every language rather than one text's phrase: Polish verbs (person, gender, the conditional, "się" anywhere),
nobody would notice, let it all end, a rope at hand, strangling, tired of living."""

from __future__ import annotations

import pytest

from bot.infra.config import PROJECT_ROOT
from bot.understanding.safety import detect, load_signals
from bot.understanding.safety_morphology import polish

CONTENT = PROJECT_ROOT / "content"


@pytest.mark.parametrize(("clause", "read"), [
    ("najchetniej bym sie zabila", "najchetniej bym sie zabilbysie"),
    ("zabilabym sie", "zabilbysie sie"),
    ("znowu sie cielam", "znowu sie cielsie"),
    ("cialem sie", "cialsie sie"),
    ("sie zabijesz", "sie zabijesie"),
    ("gdybym umarla", "gdybym umarlby"),
    ("szef mnie zabije jak sie spoznie", "szef mnie zabije jak sie spoznesie"),
    ("caly dzien", "caly dzien"),
])
def test_polish_verbs_are_read_in_one_form(clause: str, read: str) -> None:
    assert polish(clause) == read


@pytest.mark.parametrize(("text", "kind"), [
    # Polish: the conditional, the past of either gender, "się" before or after, no diacritics
    ("najchetniej bym sie zabila", "suicide"), ("najchętniej zabiłbym się", "suicide"),
    ("chyba sie dzis zabije", "suicide"), ("znowu sie cielam", "selfharm"), ("wczoraj znowu ciąłem się", "selfharm"),
    ("skoncze z tym dzis w nocy", "suicide"), ("skonczylabym ze soba gdyby nie corka", "suicide"),
    # nobody would notice if I died, in six languages
    ("ölsem kimse farketmez", "suicide"), ("لو متت ما حدا رح ينتبه", "suicide"),
    ("ніхто й не помітить якщо мене не стане", "suicide"), ("gdybym umarla nikt by nie zauwazyl", "suicide"),
    ("als ik dood ben merkt niemand het", "suicide"), ("if i died nobody would even notice", "suicide"),
    # let it all end
    ("bitsin artık her şey", "suicide"), ("laat het allemaal maar ophouden, eindelijk", "suicide"),
    ("niech sie to wszystko wreszcie skonczy", "suicide"), ("хай вже все скінчиться нарешті", "suicide"),
    # a rope bought or ready
    ("ip aldım. garajda duruyor.", "suicide"), ("ik heb een touw gekocht, het ligt in de schuur", "suicide"),
    ("kupilam sznur, lezy w piwnicy", "suicide"), ("купила мотузку, лежить у гаражі", "suicide"),
    # strangled, could not breathe
    ("babam annemi bogazliyo", "violence"), ("beni bogdu nefes alamadim", "danger"),
    ("вітчим бьот мене ременем", "violence"),
    # tired of living
    ("мне надоело жить", "suicide"), ("yasamaktan biktim artik", "suicide"), ("ik ben het leven zo moe", "suicide"),
    # Arabizi negation spelled otherwise, the feminine ending read as the pronoun
    ("ana mesh 3ayez a3ish", "suicide"), ("امي طايحة فالارض وما كتجاوبش", "danger"),
    # until it bleeds, to punish oneself: self-harm on purpose, six languages
    ("drapie sie do krwi, rece mam cale w strupach", "selfharm"), ("kendimi kanayana kadar tirmaliyorum", "selfharm"),
    ("дряпаю себе до крові", "selfharm"), ("ik krab mezelf tot het bloedt", "selfharm"),
    # I won't be here any more by then
    ("do soboty mnie juz nie bedzie", "suicide"), ("tegen die tijd ben ik er al niet meer", "suicide"),
    ("мене вже не буде тоді", "suicide"), ("o zamana kadar ben olmayacagim", "suicide"),
    # Polish verbs of beating
    ("ojczym leje mnie pasem, mam 14 lat", "violence"), ("partner zepchnal mnie ze schodow", "violence"),
    # no longer wanting to be, without what one no longer wants to be on
    ("nie chce juz byc", "suicide"), ("er is brand in de flat, wat moeten we doen", "danger"),
])
def test_concepts_not_phrases_read_a_crisis(text: str, kind: str) -> None:
    found = detect(text, load_signals(CONTENT), second_line=False)
    assert found is not None and kind in found.kinds, found


@pytest.mark.parametrize("text", [
    "szef mnie zabije jak znowu sie spoznie haha", "powiesze girlandy i lampki, mam drabine",
    "jakie tabletki na alergie polecacie? kicham caly dzien", "bitsin artik bu yagmur",
    "gotta run, can we finish this tonight?", "kardesim beni oldurecek dogum gununu unuttum 😬",
    "втекла б кудись в гори на тиждень, так все набридло", "ip aldım çamaşır asmak için, balkonda duruyor",
    "we hebben touw gekocht voor de schommel", "skoncze z tym raportem jutro",
    "hustawka jest zepsuta, dziecko skaleczylo sobie kolano", "skaleczylem sie przy krojeniu chleba",
    "w piatek mnie nie bedzie, jestem u mamy", "nie chce juz byc na liscie mailowej, usuncie mnie prosze",
    # a question what to do if there were a fire is no fire now
    "wat doe je als er brand is in de flat? is er een plan?",
    "what should we do if theres a fire in the flat? is there a plan?",
])
def test_the_same_words_in_everyday_use_stay_calm(text: str) -> None:
    assert detect(text, load_signals(CONTENT), second_line=False) is None, detect(text, load_signals(CONTENT))
