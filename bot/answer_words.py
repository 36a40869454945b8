"""The words people type for common answers, per family and language: the one place to add a word.

A choice joins a family with ``ctx.choice(value, label, family="yes")``; the resolver then accepts any
of these words (in every language the bot speaks, whatever the user's language is) for that choice.
Words are written as the resolver compares them: lower case, without accents or punctuation.
"""

from __future__ import annotations

DONT_KNOW_NL = ("weet ik niet", "weet niet", "geen idee", "ik weet het niet", "weet ik nog niet", "weet nog niet",
                "nog geen idee", "geen flauw idee", "geen idee nog", "ik weet het nog niet")
DONT_KNOW_EN = ("i dont know", "dont know", "no idea", "dunno", "not sure", "idk", "i dont know yet", "dont know yet",
                "dunno yet", "not sure yet", "no clue", "no idea yet")
"""Not knowing yet answers "skip", "nothing" and "nobody" alike: the resident has no answer, not a name or a step."""

FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "yes": {
        "nl": ("ja", "jawel", "jazeker", "ok", "oke", "okay", "prima", "goed", "zeker", "graag", "ja graag",
               "is goed", "dat is goed", "akkoord", "top", "doe maar", "prima hoor", "natuurlijk", "klopt",
               "dat klopt", "ja dat is goed", "zeker weten", "dat is prima", "ja prima", "jep", "jup", "jaja",
               "👍", "✅", "✔️"),
        "en": ("yes", "yeah", "yep", "yup", "sure", "fine", "of course", "yes please", "alright", "all right",
               "right", "correct", "thats right", "agreed", "thats fine", "yes thats fine", "that is fine"),
    },
    "no": {
        "nl": ("nee", "neen", "nope", "liever niet", "niet", "nee dank je", "nee bedankt", "nee hoor",
               "niet nodig", "nee liever niet", "👎", "❌"),
        "en": ("no", "nah", "no thanks", "no thank you", "rather not", "no rather not", "not really"),
    },
    "done": {
        "nl": ("klaar", "verder", "dat was het", "dat is het", "dat is alles", "dat was alles", "volgende",
               "ga door", "door", "genoeg", "ga verder", "klaar hoor", "➡️"),
        "en": ("done", "next", "finished", "ready", "continue", "thats all", "that was it", "thats it",
               "go on", "enough"),
    },
    "back": {
        "nl": ("terug", "vorige", "ga terug", "een stap terug", "⬅️"),
        "en": ("back", "previous", "go back"),
    },
    "skip": {
        "nl": ("overslaan", "sla over", "sla maar over", "volgende vraag", "geen antwoord", "nee", "niets", "niks",
               "geen", "nee hoor", "-", "nog niet", *DONT_KNOW_NL),
        "en": ("skip", "skip it", "pass", "no", "nope", "nothing", "none", "not yet", *DONT_KNOW_EN),
    },
    "later": {
        "nl": ("later", "straks", "een andere keer", "later verder", "nu niet", "morgen"),
        "en": ("later", "another time", "not now", "some other time"),
    },
    "nothing": {
        "nl": ("nee", "neen", "nog niets", "nog niks", "niets", "niks", "geen", "nog geen", "nee hoor", "nee dank je",
               "heb ik niet", "-", *DONT_KNOW_NL),
        "en": ("no", "nope", "no thanks", "nothing", "nothing yet", "none", "not yet", *DONT_KNOW_EN),
    },
    "nobody": {
        "nl": ("niemand", "nog niemand", "nee", "geen", "ken niemand", "ik ken niemand", "-", "niemand nog", "nog niet",
               *DONT_KNOW_NL),
        "en": ("nobody", "no one", "noone", "nobody yet", "no", "none", "not yet", *DONT_KNOW_EN),
    },
    "cancel": {
        "nl": ("annuleer", "annuleren", "stop", "stoppen", "laat maar", "hou op", "afbreken"),
        "en": ("cancel", "stop", "quit", "never mind", "nevermind"),
    },
    "once": {
        "nl": ("eenmalig", "een keer", "een keertje", "1 keer", "eenmaal", "alleen een keer"),
        "en": ("once", "one time", "just once", "only once"),
    },
    "sometimes": {
        "nl": ("soms", "af en toe", "nu en dan", "zo nu en dan", "weleens", "wel eens", "een enkele keer"),
        "en": ("sometimes", "now and then", "occasionally", "every now and then", "from time to time"),
    },
    "regularly": {
        "nl": ("regelmatig", "vaak", "elke week", "wekelijks", "iedere week", "geregeld"),
        "en": ("regularly", "often", "every week", "weekly", "a lot"),
    },
    "lang_nl": {
        "nl": ("nederlands", "nederlandse", "in het nederlands", "hollands", "nl"),
        "en": ("dutch", "in dutch"),
    },
    "lang_en": {
        "nl": ("engels", "engelse", "in het engels"),
        "en": ("english", "in english", "en", "eng"),
    },
}

ALSO_MEANS: dict[str, tuple[str, ...]] = {
    # where no option has these families, their words pick this family's option: "nee" or "niets" to
    # "what do you need? pick all that apply, then Done" means done
    "done": ("nothing", "no"),
}

FILLER: frozenset[str] = frozenset({
    # words around an answer that do not change it ("ja hoor", "English please", "nummer 2 graag")
    "hoor", "graag", "maar", "dan", "wel", "toch", "even", "gewoon", "alsjeblieft", "aub", "dank", "je",
    "bedankt", "please", "pls", "thanks", "thank", "you", "just", "then", "oh", "o", "eh", "uh", "hmm",
    "ik", "wil", "kies", "doe", "i", "want", "choose", "pick", "take", "would", "like", "de", "het", "een",
    "the", "a", "an", "voor", "mij", "me", "for", "in", "woon", "wonen", "live", "living", "im", "uit", "from",
    "bij", "at", "my", "mijn", "is",
})

NUMBER_WORDS: frozenset[str] = frozenset({"nr", "nummer", "number", "no", "num", "optie", "option", "keuze", "choice"})
"""Words that may come before an option number: "nr 2", "nummer 2", "option 2"."""

SEPARATORS: tuple[str, ...] = ("en", "and", "plus", "ook", "also", "&", "+")
"""Words and signs between several picks of a multi-select question: "1 en 5", "groen and feest"."""
