"""The safety check's second line (bot/understanding/safety_model.py): it reads crisis texts no rule has words
for, in several languages, never turns everyday text or hyperbole into an alarm, is stored fitted with today's
concepts, and a broken model file stops start-up."""

from __future__ import annotations

import dataclasses
import math
import shutil
from pathlib import Path

import pytest

from bot.infra.config import PROJECT_ROOT
from bot.understanding import safety_model
from bot.understanding.safety import CONTEXT_THRESHOLD, MODEL, Signals, detect, features, load_signals

CONTENT = PROJECT_ROOT / "content"


@pytest.mark.parametrize(("text", "kind"), [
    # written for this test, in none of the files the model was fitted on
    ("i just want everything to go quiet, permanently", "suicide"),
    ("every night i dig my nails into my skin until it bleeds", "selfharm"),
    ("het leven is me te zwaar geworden", "suicide"),
    ("zyc mi sie nie chce", "suicide"),  # Polish without diacritics: "I don't feel like living"
])
def test_the_second_line_reads_a_crisis_in_words_of_its_own(text: str, kind: str) -> None:
    signals = load_signals(CONTENT)
    assert signals.model is not None
    assert signals.model.probability(features(text, signals)) >= signals.model.threshold
    found = detect(text, signals)
    assert found is not None and found.kind == kind, found


def test_the_second_line_only_decides_where_no_rule_did() -> None:
    signals = load_signals(CONTENT)
    ruled = detect("ik wil niet meer leven", signals)
    assert ruled is not None and not any(reason.startswith(MODEL) for reason in ruled.phrases)
    found = detect("het leven is me te zwaar geworden", signals)
    assert found is not None
    if detect("het leven is me te zwaar geworden", signals, second_line=False) is None:
        assert found.phrases[0].startswith(f"{MODEL} "), found.phrases  # says it was the model, and on which words


@pytest.mark.parametrize("text", [
    "ik ga dood van het lachen", "die herrie maakt me gek", "this form is killing me", "i could kill for a coffee",
    "ik ben er klaar mee, kan iemand anders het overnemen?", "ik ben helemaal klaar met die verbouwing",
    "this week has killed me, so tired lol", "can i bring my dog?", "pls delete everything you have on me",
    "stop, i don't want to do this anymore", "let me sleep on it and get back to you",
    "ik heb vandaag heerlijk gekookt voor de buren", "een man of tien, denk ik",
    "mijn opa is vorig jaar overleden, hij hield van de moestuin",
    "yorgunum ama yarin gelirim", "jestem zmeczona, ale jutro przyjde", "я дуже втомилася, але завтра прийду",
    "ana ta3bana chwiya walakin ghadi nji ghedda",
    # read as a crisis by the model refitted for the Polish word forms (found by the acts helper's fresh text)
    "hicbir sey yok", "انت احسن بوت شفته بحياتي 😍", "daj spokoj, anuluj wszystko", "що значить що в мене вже є?",
    "كنت بدي اقول انو لما",
])
def test_everyday_text_and_hyperbole_stay_calm_with_the_second_line(text: str) -> None:
    assert detect(text, load_signals(CONTENT)) is None, detect(text, load_signals(CONTENT))


def test_the_stored_model_was_fitted_with_todays_concepts() -> None:
    model = safety_model.load(CONTENT)
    assert model is not None
    assert model.digest == safety_model.digest(CONTENT), "content/safety changed: run python bench/safety_model.py"


def test_a_broken_model_stops_start_up_and_a_missing_one_leaves_the_rules(tmp_path: Path) -> None:
    broken = tmp_path / "content"
    shutil.copytree(CONTENT, broken)
    path = broken / safety_model.MODEL_FILE
    path.write_text('{"threshold": 1.5, "weights": {}}', encoding="utf-8")
    load_signals.cache_clear()
    with pytest.raises(ValueError, match=r"model\.json"):
        load_signals(broken)
    path.unlink()
    load_signals.cache_clear()
    signals = load_signals(broken)
    assert signals.model is None
    assert detect("ik wil niet meer leven", signals) is not None
    load_signals.cache_clear()


@pytest.mark.parametrize(("text", "kind"), [
    # the concepts' words in Turkish, Arabic (script, Darija, Arabizi), Polish without diacritics and Ukrainian,
    # and broader slots in English: written for this test, read by the rules alone
    ("hicbir anlami kalmadi, bitirmek istiyorum", "suicide"),
    ("ما بقيتش باغي نعيش", "suicide"),
    ("3yit mn had l7ayat", "suicide"),
    ("mam dosc zycia, nie chce juz byc", "suicide"),
    ("не бачу сенсу жити", "suicide"),
    ("i want to fall asleep forever", "suicide"),
    ("im so tired of existing", "suicide"),
    ("kocam bana tokat atti, ondan korkuyorum", "violence"),
    ("rajli kay3nfni w ma kaykhalinich nkhrej", "violence"),
    ("babam yerde yatiyor, uyanmiyor", "danger"),
    ("nie moge go obudzic, lezy i sie nie rusza", "danger"),
    # broader slots: at the end of one's strength with hopelessness, hiding from someone at home, a farewell to
    # the people who matter, staring at the tracks, nobody going to miss me
    ("ik wil niet meer, ik kan niet meer, ik ben op", "suicide"),
    ("i'm so done. done with all of it. done with me", "suicide"),
    ("als hij thuiskomt moet ik me weer verstoppen", "violence"),
    ("i've said goodbye to the people who matter", "suicide"),
    ("i looked at the train tracks for a long time today", "suicide"),
    ("niemand gaat me missen, dus wat maakt het uit", "suicide"),
    ("maakt niet meer uit wat ik invul, over een week is het toch voorbij voor mij", "suicide"),
    # slots in four more languages: a burden, found tomorrow, no place in this world, no reason to stay, gone
    # without return, a will and things given away, fallen and not answering, the world better without me,
    # held by the throat, a child not back
    ("artık kimseye yük olmak istemiyorum, gidiyorum", "suicide"),
    ("yarın beni bulurlar herhalde, özür dilerim", "suicide"),
    ("ما عندي حتى سبب باش نبقى", "suicide"),
    ("كتبت وصيتي وعطيت حوايجي لختي", "suicide"),
    ("mama ta7t f l7mam w mabghatch tfi9", "danger"),
    ("tata upadl i nie odpowiada", "danger"),
    ("mąż powiedział że mnie zabije jak odejdę", "violence"),
    ("мені здається, що світ без мене буде кращим", "suicide"),
    ("чоловік тримав мене за горло", "violence"),
    ("дитина пішла гуляти і досі не повернулася, вже ніч", "danger"),
    # an Arabic word with و or ب attached reads as the word ("وكيضربني", "بالموس"); self-hatred with wanting
    # it all to stop; pills in quantity and not waking; not living to see the holidays
    ("راجلي كيسبني وكيضربني قدام الولاد", "violence"),
    ("ختي كتجرح راسها بالموس", "selfharm"),
    ("صاحبي شرب الدوا كامل ودابا ناعس وما كيجاوبش", "suicide"),
    ("я ненавиджу себе, хочу щоб це все закінчилось", "suicide"),
    ("сестра ковтнула багато таблеток і не прокидається", "danger"),
    ("chyba nie dożyję do świąt i dobrze", "suicide"),
    ("kendimi çok değersiz hissediyorum, ölsem kimse fark etmez", "suicide"),
    ("nog even en dan hoeft niemand meer last van mij te hebben", "suicide"),
    # a fourth probe: a threat about telling anyone, someone screaming for help, breathing strangely, lying on
    # the floor and not answering, 'you won't see me again', a knife at the door, coming into my room at night
    ("my stepdad said if i tell anyone hell make me regret it", "violence"),
    ("в мене в під'їзді хтось кричить про допомогу і чути удари", "danger"),
    ("opa ligt in de tuin en ademt heel raar", "danger"),
    ("мама лежить на підлозі і не відповідає, що робити", "danger"),
    ("bu aksam kopruye gidicem, bi daha beni goremezsiniz", "suicide"),
    ("abim bicakla kapida bagiriyor, ceza vericem diyo", "danger"),
    ("ojczym wchodzi do mojego pokoju w nocy i mnie dotyka", "violence"),
    ("jarti kat9ol rajlha ghadi y9tlha, kanssma3 sda3", "violence"),
    ("wallah ma b9a fiya jahd, ghadi nsali m3a rasi", "suicide"),
    # a fifth probe (nl/en): not being there next week, only one way out, a knife laid out, a fall from a window,
    # walking onto the tracks, a missing four-year-old, smoke coming out
    ("ja hoor, zet er maar in dat ik er volgende week niet meer ben", "suicide"),
    ("het is zo donker in mijn hoofd, ik zie alleen nog maar een uitweg", "suicide"),
    ("ik heb vanochtend het mes al klaargelegd", "suicide"),
    ("mijn zoontje van 3 is uit het raam gevallen", "danger"),
    ("ik ben het spoor op gelopen maar er kwam geen trein", "suicide"),
    ("my 4 year old is missing at the market, we cant find him anywhere", "danger"),
    ("smoke is coming out of the neighbour's window and nobody opens", "danger"),
    # a sixth probe (tr/ar/pl/uk): locked in and not answering (new concepts locked_in, no_answer), screams
    # heard, nothing left to hold on to, leaving life, 'себе вбити', things given away, a husband with a knife
    ("mój syn zamknął się w łazience i nie odpowiada, wcześniej pisał że przeprasza", "danger"),
    ("komşunun evinden çığlıklar geliyor, kadın yardım istiyor", "danger"),
    ("hayatta hiç tutunacak bir şeyim kalmadı", "suicide"),
    ("дружина каже що піде з життя, вона зібрала таблетки", "suicide"),
    ("я постійно думаю як би себе вбити", "suicide"),
    ("мені вже нічого не треба, роздала свої речі", "suicide"),
    ("sąsiadka woła z balkonu że jej mąż ma nóż", "danger"),
    ("ولدي بلع شي حاجة وما قادرش يتنفس", "danger"),
    ("bghit nrta7 mn had l7ayat nhar w lil", "suicide"),
    # after the blind batch (new wordings of its misses' slots): a child beaten next door, hiding while he breaks
    # at the door, cutting one's (her) legs, joining a late husband with it all arranged, shots fired
    ("de buurjongen krijgt elke avond slaag, ik hoor het door de muur", "violence"),
    ("ik heb me opgesloten in de badkamer, hij bonkt op de deur", "violence"),
    ("kızım bacaklarını kesiyor, çok korkuyorum", "selfharm"),
    ("since my husband died i've decided to join him soon", "suicide"),
    ("er wordt geschoten bij het winkelcentrum", "danger"),
    # after fresh batch seven (new wordings of its slots): smoke from a home in four more languages, someone
    # forcing a way in, ending it all, not wanting to be there in chat spelling, Levantine and Egyptian Arabic,
    # life itself too heavy, wishing a truck would run me over
    ("üst kattan duman geliyor, içeride çocuklar var", "danger"),
    ("الشقة اللي فوقنا عم يطلع منها دخان كثير", "danger"),
    ("z okna na trzecim piętrze wali dym", "danger"),
    ("з вікна сусідів валить дим", "danger"),
    ("ktoś próbuje się włamać, jestem sama w domu", "danger"),
    ("хтось вдирається до квартири, я сховалася", "danger"),
    ("hoe dan ook, ik wil er gwn nie meer zijn", "suicide"),
    ("хочу покінчити з усім цим", "suicide"),
    ("ما بدي عيش، خلص", "suicide"),
    ("mish 3ayez a3ish khalas", "suicide"),
    ("بجرح حالي كل ما زعلت", "selfharm"),
    ("زوجي هددني امبارح قدام الولاد", "violence"),
    ("mijn leven is gewoon ondraaglijk geworden", "suicide"),
    ("bu hayata artık dayanamıyorum", "suicide"),
    ("i just wish a truck would run me over", "suicide"),
])
def test_the_concepts_have_words_in_every_language(text: str, kind: str) -> None:
    found = detect(text, load_signals(CONTENT), second_line=False)
    assert found is not None and kind in found.kinds, found


@pytest.mark.parametrize("text", [
    "ip atlamak istiyorum", "trenle gelmek istiyorum", "annem beni oldurur eger gec kalirsam haha",
    "mama mnie zabije jak sie spoznie", "мама мене вб'є якщо я запізнюся", "śnieg się topi na dachu",
    "komşunun sigara dumanı eve giriyor", "çatıyı tamir etmek istiyorum", "ma nfi9ch bkri nhar sebt",
    "ghadi nmout b d7k hhhh", "sick of this weather lol",
    "ik ben op, ik ga lekker slapen", "im done, what's next?", "i'm so done with this survey lol",
    "we spelen verstoppertje in het park", "mama mnie zabije jak sie spoznie", "goodbye for now, talk later!",
    "i wont be here next week, im on holiday", "ik heb de stoelen al klaargezet voor de vergadering",
    "we hebben een uitweg gevonden voor het parkeerprobleem", "komşum bahçe için yardım istiyor",
    "onze hond is doodgegaan, de kinderen willen hem in de tuin begraven",  # died: no typo of "doodgaan"
    "what's happening this weekend?",  # not the Turkish pill word "hap"
    "mn vader slaat me dood als ik weer te laat ben lol", "w wiadomosciach byl pozar, czy mamy gasnice?",
    "в новинах бачила пожежу, чи є в нас вогнегасник?", "the slide broke and a kid hurt his leg",
    # everyday text that alarmed the older rules (a word of one language read as another's, a lamp that does not
    # burn, a cake knife, unanswered mails, smoke from wood stoves, a green strip, 112 in an information text)
    "gönüllü olmak istiyorum, haftada bir gün yardım edebilirim", "zwerfafval rapen in het park",
    "ліхтар біля парку не горить вже тиждень", "wie heeft er een mes voor de taart?",
    "de buurman reageert niet op mijn mails over de heg", "air quality and wood smoke in the area",
    "a wildflower strip along the path", "if it is an emergency call 112, otherwise 0900 8844",
    "ولدي مشا للمدرسة", "بغيت نشري الدوا لماما من الفارماسي",
    # after fresh batch seven: a knife to sharpen or buy, a fire alarm or drill, firefighters visiting, a heart
    # attack as a figure of speech, medicine fetched at the pharmacy
    "knife sharpening at the repair cafe next week", "bıçak bileme atölyesi açalım", "بدي اشتري سكين خبز للمطبخ",
    "alarm przeciwpożarowy znowu piszczy bez powodu", "пожежники приїдуть на свято району",
    "yangın tüpü apartmanda var mı", "i almost had a heart attack when the cat jumped out",
    "كان رح تجيني جلطة من الضحك", "annem için eczaneden ilaç almak istiyorum", "chcę odebrać leki taty z apteki",
])
def test_everyday_words_in_every_language_are_not_a_crisis(text: str) -> None:
    assert detect(text, load_signals(CONTENT)) is None, detect(text, load_signals(CONTENT))


def test_scene_setting_concepts_only_need_more_certainty_from_the_second_line() -> None:
    """Where the rules found scene-setting concepts only ("man" in "een man of tien"), the model must reach
    CONTEXT_THRESHOLD, not only its own threshold; where they found nothing, its own threshold holds."""
    signals = load_signals(CONTENT)
    stored = signals.model
    assert stored is not None

    def at(probability: float) -> Signals:
        fixed = dataclasses.replace(stored, weights={}, bias=math.log(probability / (1 - probability)))
        return dataclasses.replace(signals, model=fixed)

    between = (stored.threshold + CONTEXT_THRESHOLD) / 2
    assert detect("een man of tien, denk ik", at(between)) is None
    assert detect("een man of tien, denk ik", at(CONTEXT_THRESHOLD + 0.05)) is not None
    assert detect("qqq zzz", at(between)) is not None  # no concept at all: words the rules do not have
