"""What the fresh10 batch showed the safety check missed or alarmed on (issue 26), read as concepts in six
languages: a resident's own threat to kill or stab someone, a gas leak said as escaping gas, a poisoning tried, a
roof or bridge someone stands on, one's head beaten against a wall, burning oneself, a step-parent touching, not
wanting to wake up; and calm: what to do if there were a fire, not being home tomorrow, hanging a shelf."""

from __future__ import annotations

import pytest

from bot.infra.config import PROJECT_ROOT
from bot.understanding.safety import detect, load_signals

CONTENT = PROJECT_ROOT / "content"


@pytest.mark.parametrize(("text", "kind"), [
    ("ghadi nqtlk", "violence"),
    ("ghadi nqtlk 3la had l7aga", "violence"),
    ("saka degil, bir daha gelirse onu oldururum", "violence"),
    ("nie zartuje, zabije go jak tu przyjdzie", "violence"),
    ("wallah ghadi nqtlo ila ja l dar", "violence"),
    ("رح اقتله اذا رجع", "violence"),
    ("als hij weer aan mijn dochter zit steek ik hem neer", "violence"),
    ("if he touches my daughter again im gonna kill him", "violence"),
    ("bir daha gelirse onu oldururum", "violence"),
    ("jak tu jeszcze raz przyjdzie to go udusze", "violence"),
    ("ще раз прийде то я його вб'ю", "violence"),
    ("vin kazhe shcho vbje mene", "violence"),
    ("w kuchni ulatnia sie gaz a babcia spi", "danger"),
    ("it smells like gas in the hallway and my neighbour is not answering", "danger"),
    ("merdivende gaz sizintisi var", "danger"),
    ("вчора хотіла отруїтися", "suicide"),
    ("probowal sie otruc tabletkami", "suicide"),
    ("siedze na moscie i nie wiem co dalej", "suicide"),
    ("сиджу на даху вже годину", "suicide"),
    ("tluke glowa o sciane az leci krew", "selfharm"),
    ("знову пекла себе запальничкою", "selfharm"),
    ("مرات ابوي... لا جوز امي بيلمسني بالليل", "violence"),
    ("uvey babam beni elliyor", "violence"),
    ("مش عايزة اصحى تاني", "suicide"),
    ("zoontje heeft een vaatwastablet in zn mond gestopt en moet overgeven", "danger"),
])
def test_a_crisis_in_words_the_fresh10_batch_used_gets_help(text: str, kind: str) -> None:
    found = detect(text, load_signals(CONTENT), second_line=False)
    assert found is not None and kind in found.kinds, found


@pytest.mark.parametrize("text", [
    "binada yangin cikarsa ne yapacagiz?",
    "yangin olursa ne yapmamiz lazim, tatbikat var mi",
    "شو منعمل اذا صار حريق؟",
    "co robimy jak wybuchnie pozar w piwnicy?",
    "що будемо робити якщо буде пожежа в під'їзді?",
    "jutro mnie nie bedzie w pracy, ktos mnie zastapi?",
    "хто допоможе повісити полицю на кухні",
    "zegnaj lato, od jutra szkola",
    "if hes late again for the quiz ill kill him lol",
    "als hij weer te laat is vermoord ik hem haha",
    "إذا نسي المفاتيح مرة تانية رح اقتله 😂",
    "mijn rookmelder piept steeds, moet er een nieuwe batterij in?",
    "smoke alarm upstairs keeps chirping, how do i change the battery",
    "czujnik dymu w kuchni piszczy co chwile",
    "датчик диму на кухні весь час пищить",
    "heeft iemand een paracetamol voor me, barstende hoofdpijn",
])
def test_the_calm_words_the_fresh10_batch_used_stay_calm(text: str) -> None:
    assert detect(text, load_signals(CONTENT)) is None
