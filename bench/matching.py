"""Neighbour matching on a synthetic wijk: 2,000 offers of about 600 neighbours, 200 ideas whose good
matches are known (neighbours who offer the gift the idea is about, as a category or in their own
words). Reports precision@3 (share of the three neighbours asked first who are good matches) and ms per
idea; the last line is {"offers", "ideas", "precision_at_3", "ms_per_idea"}. Deterministic (seeded).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.infra.config import Settings
from bot.services.matching import GiftOffer, rank
from bot.understanding.gifts import load_gifts

IDEAS: dict[str, list[tuple[str, list[str]]]] = {
    "koken": [("Samen koken voor de buren op vrijdag", ["handen"]), ("A cooking night for the whole street", []),
              ("Een maaltijd voor eenzame ouderen in de flat", ["handen"])],
    "bakken": [("Taarten bakken voor het buurtfeest", ["handen"]), ("bake cakes for the seniors' afternoon", [])],
    "repareren": [("Fietsen repareren voor kinderen uit de wijk", ["handen"]),
                  ("we need people who like fixing things for a repair morning", ["handen"])],
    "tuinieren": [("Een moestuin beginnen bij de school", ["handen"]), ("plants and a small garden by the flats", []),
                  ("samen tuinieren in de buurttuin", [])],
    "muziek": [("Muziek op het plein met buren die zingen of gitaar spelen", []), ("a band for the street party", [])],
    "talen": [("Taal oefenen met nieuwkomers, vertalen van brieven", ["advies"]),
              ("help translate for newcomers at the school", [])],
    "computers": [("Ouderen helpen met hun telefoon en internet", ["advies"]),
                  ("a laptop class for older neighbours", [])],
    "vervoer": [("Met de auto ouderen naar de markt rijden", ["handen"]), ("driving neighbours to the hospital", [])],
    "organiseren": [("Een buurtfeest organiseren en plannen", ["handen"]), ("planning a street festival", [])],
    "ladder": [("De gevel van het buurthuis verven, we hebben een ladder nodig", ["spullen"])],
    "aanhanger": [("Grofvuil ophalen met een aanhanger", ["spullen"])],
    "partytent": [("Een partytent voor het straatfeest", ["spullen"]), ("we need a gazebo in case of rain", [])],
    "gereedschap": [("Gereedschap en een boormachine voor het klussen aan de speeltuin", ["spullen"])],
    "tafels-stoelen": [("Tafels en stoelen voor de buurtmaaltijd", ["spullen"])],
    "geluid": [("Een geluidsinstallatie voor de muziekavond", ["spullen"]), ("speakers for the movie night", [])],
}
OWN_WORDS: dict[str, list[str]] = {
    "koken": ["Ik kook graag voor grote groepen", "I love cooking Surinamese food"],
    "bakken": ["ik bak elke week taart", "baking bread is my hobby"],
    "repareren": ["Ik kan alles repareren, vooral fietsen", "good at fixing and DIY"],
    "tuinieren": ["Ik weet veel van moestuinen en planten", "I know a lot about gardening"],
    "muziek": ["Ik speel gitaar in een band", "singing in a choir for years"],
    "talen": ["Ik spreek Arabisch en kan vertalen", "I can translate Polish and English"],
    "computers": ["Ik werk in de IT, help graag met computers", "patient with phones and laptops"],
    "vervoer": ["Ik heb een auto en rijd graag", "I have a car and can drive people"],
    "organiseren": ["Ik heb vaak feesten georganiseerd", "planning events is what I do at work"],
}
LEARN: dict[str, str] = {"tuinieren": "Ik wil graag leren tuinieren", "koken": "I'd like to learn to cook",
                         "computers": "beter leren omgaan met de computer"}
NOISE = ["Ik ben graag buiten", "I like reading", "wandelen met de hond", "puzzels", "Ik kijk graag voetbal"]


def synthetic_wijk(rng: random.Random, categories: list[tuple[str, str]], total: int) -> dict[int, list[GiftOffer]]:
    offers: dict[int, list[GiftOffer]] = {}
    count = 0
    neighbour = 0
    while count < total:
        neighbour += 1
        gifts: list[GiftOffer] = []
        for _ in range(rng.randint(2, 4)):
            roll = rng.random()
            if roll < 0.55:
                kind, category = rng.choice(categories)
                gifts.append(GiftOffer(kind, category))
            elif roll < 0.75:
                topic = rng.choice(sorted(OWN_WORDS))
                gifts.append(GiftOffer("head", None, rng.choice(OWN_WORDS[topic])))
            elif roll < 0.82:
                topic = rng.choice(sorted(LEARN))
                gifts.append(GiftOffer("learn", None, LEARN[topic]))
            else:
                gifts.append(GiftOffer("head", None, rng.choice(NOISE)))
        gifts = gifts[: total - count]
        offers[neighbour] = gifts
        count += len(gifts)
    return offers


def good(gifts: list[GiftOffer], topic: str) -> bool:
    return any(g.category == topic or (g.category is None and g.kind == "head" and g.text in OWN_WORDS.get(topic, []))
               for g in gifts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a tiny size: the test suite's check that it runs")
    quick = parser.parse_args().quick
    gifts = load_gifts(Settings().content_dir)
    categories = [(c.kind, c.id) for c in gifts.categories]
    rng = random.Random(13)
    offers = synthetic_wijk(rng, categories, 100 if quick else 2000)
    ideas = [(topic, text, needs) for topic in sorted(IDEAS) for text, needs in IDEAS[topic]]
    ideas = [rng.choice(ideas) for _ in range(10 if quick else 200)]
    rank(gifts, text="warm up", needs=[], offers=offers)
    hits = asked = 0
    elapsed = 0.0
    for topic, text, needs in ideas:
        started = time.perf_counter()
        best = rank(gifts, text=text, needs=needs, offers=offers, limit=3)
        elapsed += time.perf_counter() - started
        asked += len(best)
        hits += sum(good(offers[m.neighbour_id], topic) for m in best)
    print(json.dumps({"offers": sum(len(g) for g in offers.values()), "neighbours": len(offers), "ideas": len(ideas),
                      "precision_at_3": round(hits / max(asked, 1), 3), "asked": asked,
                      "ms_per_idea": round(elapsed / len(ideas) * 1000, 3)}))


if __name__ == "__main__":
    main()
