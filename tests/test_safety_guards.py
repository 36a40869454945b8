"""Guards about one thing said (concepts.yaml `local_guards`: a ball, a phone or landlord not answering, moving
house, a fire put out, dishwasher tablets, a kitchen knife, a party) keep the rule they guard from firing only near
its words: a crisis told in the same message still gets help, in every language."""

from __future__ import annotations

import pytest

from bot.infra.config import PROJECT_ROOT
from bot.understanding.safety import detect, load_signals

CONTENT = PROJECT_ROOT / "content"


@pytest.mark.parametrize(("text", "kind"), [
    ("my landlord isnt answering and my mum is on the floor, she doesnt respond", "danger"),
    ("mijn moeder reageert niet meer, ze ligt op de grond, de telefoon gaat maar", "danger"),
    ("telefonu acmiyor, annem yerde yatiyor tepki vermiyor", "danger"),
    ("mama lezy na podlodze i nie reaguje, telefon dzwoni", "danger"),
    ("мама лежить на підлозі і не відповідає, телефон дзвонить", "danger"),
    ("امي طايحة فالارض وما كتجاوبش", "danger"),
    ("de brand is geblust maar mijn vriend haalt geen adem", "danger"),
    ("the fire is out but my dad is not breathing", "danger"),
    ("babam topu elimden aldi sonra beni dovdu", "violence"),
    ("my dad took my ball away and then he beat me with his belt", "violence"),
    ("we verhuizen volgende week maar ik wil eigenlijk dood", "suicide"),
    ("tasiniyoruz ama ben yasamak istemiyorum artik", "suicide"),
    ("bbq smoke everywhere, and my husband beats me when he is drunk", "violence"),
    ("gaz kokusu yok artik ama kendimi oldurmek istiyorum", "suicide"),
    ("tavugu bicakla kesiyordum, sonra bicakla kendimi kestim", "selfharm"),
    ("he said he'll kill me if i go to class", "violence"),
    ("we go on holiday next week but honestly i want to die", "suicide"),
    ("ik wil uitslapen morgen, maar eigenlijk wil ik gewoon niet meer wakker worden", "suicide"),
    ("hoeveel paracetamol is dodelijk", "suicide"),
    ("i'd rather die than go back to him", "suicide"),
])
def test_a_crisis_that_mentions_a_guards_word_still_gets_help(text: str, kind: str) -> None:
    found = detect(text, load_signals(CONTENT), second_line=False)
    assert found is not None and kind in found.kinds, found


@pytest.mark.parametrize("text", [
    "de buurman reageert niet op mijn mails over de heg", "the radiator is dead, landlord is not answering",
    "bye and thanks everyone, i moved to utrecht", "ابني ضرب الكورة في شباك الجيران", "tabletki do zmywarki",
    "the kitchen was full of smoke, burnt the pancakes, all fine", "oglum topu komsunun camina vurdu",
    "he said he'll kill me at chess tonight haha", "haftaya burada olmayacağım, tatile gidiyorum",
    "hoeveel paracetamol mag een kind van 6", "سامحوني على التأخير، الاجتماع غادي يبدا مع السبعة",
    "i'd rather die than go to that meeting", "نفسي انام بدري النهارده ومصحاش بدري بكرة",
])
def test_the_guards_still_keep_their_own_words_calm(text: str) -> None:
    assert detect(text, load_signals(CONTENT), second_line=False) is None
