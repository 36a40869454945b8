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
DONT_KNOW_AR = ("mazal ma3reftch", "mazal ma3raftch", "mazal ma3rftch", "mazal man3ref", "ba9i ma3reftch",
                "مازال ما عرفتش", "مازال معرفتش", "ma3raftch", "ma3rftch", "ma3rafch", "معرفتش", "lsa ma3reftsh",
                "lessa ma3rafsh", "ما بعرف", "ما بعرف لسا", "لسا ما بعرف", "مش عارف لسه", "مدري", "ما بعرف بعد",
                "لا أعرف بعد", "لا اعرف بعد", "ما اعرف بعد", "ما بعرف لسه", "مش عارف لسا")
"""Not knowing yet answers "skip", "nothing" and "nobody" alike: the resident has no answer, not a name or a step."""

FAMILIES: dict[str, dict[str, tuple[str, ...]]] = {
    "yes": {
        "nl": ("ja", "jawel", "jazeker", "ok", "oke", "okay", "prima", "goed", "zeker", "graag", "ja graag",
               "is goed", "dat is goed", "akkoord", "top", "doe maar", "prima hoor", "natuurlijk", "klopt",
               "dat klopt", "ja dat is goed", "zeker weten", "dat is prima", "ja prima", "jep", "jup", "jaja",
               "waarom niet", "ja waarom niet", "leuk", "ja leuk", "wil wel", "ik wil wel", "ja wil wel",
               "ziet er goed uit", "ziet er mooi uit", "zo is het goed", "prima zo", "goed zo", "helemaal goed",
               "mooi zo", "perfect", "klopt zo", "jaa", "jaaa", "jahoor", "oki", "okee", "okido", "sws", "tuurlijk",
               "👍", "✅", "✔️"),
        "en": ("yes", "yeah", "yep", "yup", "sure", "fine", "of course", "yes please", "alright", "all right",
               "right", "correct", "thats right", "agreed", "thats fine", "yes thats fine", "that is fine",
               "why not", "sure why not", "happy to", "love to", "id love to", "count me in",
               "looks good", "looks great", "looks fine", "perfect", "all good", "good to go",
               "spot on", "exactly", "ya", "yea", "ye", "yeh", "yah", "yess", "yass", "ya sure", "yea sure", "okk",
               "kk", "oki", "okey", "sure thing", "bet"),
        "tr": ("evet", "evt", "tamam", "tamamdır", "tamamdir", "olur", "peki", "tabii", "tabi", "elbette",
               "kesinlikle", "aynen", "doğru", "uygun", "evet uygun", "evet lütfen", "memnuniyetle", "seve seve",
               "neden olmasın", "neden olmasin", "tamam olur", "olur tabi"),
        "ar": ("نعم", "ايوه", "أيوه", "اه", "آه", "واخا", "wakha", "ih", "iyeh", "ah", "ah wakha", "na3am", "موافق",
               "طيب", "حسنا", "حسناً", "تمام", "أكيد", "اكيد", "بالتأكيد", "صحيح", "مزيان", "mzyan", "safi", "صافي",
               "نعم من فضلك", "علاش لا", "لم لا", "خلص", "خلص هيك", "خلص تمام", "تمام خلص",
               # Levantine 'ee', 'of course', 'okay'; "ايه" alone stays out (in Egypt it asks what), "ماشي" too (a no)
               "اي", "إي", "اي نعم", "إي نعم", "ايوا", "إيوا", "طبعا", "طبعاً", "اوكي", "أوكي", "اوك",
               "aywa", "aiwa", "iwa", "tab3an", "okay", "صح", "مزبوط", "مظبوط", "بالزبط", "بالضبط", "sa7", "mazbout"),
        "pl": ("tak", "tak jest", "dobrze", "ok dobrze", "jasne", "pewnie", "oczywiście", "zgoda", "zgadzam się",
               "w porządku", "tak w porządku", "tak proszę", "chętnie", "czemu nie", "dokładnie", "dokladnie",
               "pasuje", "jasne że tak", "dobra", "no dobra", "no tak", "no dobrze", "no jasne", "no pewnie",
               "spoko"),
        "uk": ("так", "добре", "гаразд", "звісно", "звичайно", "авжеж", "згоден", "згодна", "так добре",
               "так будь ласка", "із задоволенням", "чому б ні", "саме так", "підходить", "правильно", "ага",
               "да", "ну да", "угу", "канєшно", "конєчно", "окей", "ок"),
    },
    "no": {
        "nl": ("nee", "neen", "nope", "liever niet", "niet", "nee dank je", "nee bedankt", "nee hoor",
               "niet nodig", "nee liever niet", "deze niet", "deze keer niet", "👎", "❌"),
        "en": ("no", "nah", "no thanks", "no thank you", "rather not", "no rather not", "not really", "not this one",
               "rather not for now"),
        "tr": ("hayır", "hayir", "yok", "istemiyorum", "olmaz", "hayır teşekkürler", "hayir teşekkürler", "gerek yok",
               "pek değil", "bu sefer değil", "olmasın", "olmasin"),
        "ar": ("لا", "لا شكرا", "لا شكراً", "لا أريد", "ماشي", "لا بغيت", "la", "lla", "la chokran", "mabghitch",
               "ماشي دابا", "لا داعي"),
        "pl": ("nie", "nie dziękuję", "nie dzieki", "raczej nie", "nie trzeba", "nie tym razem", "nie chcę",
               "nie chce"),
        "uk": ("ні", "ні дякую", "не треба", "краще ні", "не цього разу", "не хочу",
               "нет", "нет спасибо", "не надо", "нет не надо", "лучше нет", "не нужно"),  # Russian, as also typed
    },
    "done": {
        "nl": ("klaar", "verder", "dat was het", "dat is het", "dat is alles", "dat was alles", "volgende",
               "ga door", "door", "genoeg", "ga verder", "klaar hoor", "doorgaan", "verdergaan", "ga maar door",
               "ga maar verder", "verder niks", "verder niets", "meer niet", "niets meer", "niks meer", "➡️"),
        "en": ("done", "next", "finished", "ready", "continue", "thats all", "that was it", "thats it",
               "go on", "enough", "carry on", "move on", "lets go on", "lets continue", "lets move on",
               "nothing else", "nothing more", "thats everything"),
        "tr": ("bitti", "tamamdır", "tamamdir", "devam", "devam et", "ileri", "sonraki", "bu kadar", "hepsi bu",
               "o kadar", "hepsi o kadar", "yeter", "hazır", "hazir", "devam edelim", "devam edin",
               "başka bir şey yok", "baska bir sey yok", "başka yok", "baska yok", "başka bir şey değil"),
        "ar": ("انتهيت", "خلاص", "صافي", "كمل", "تابع", "التالي", "هذا كل شيء", "هذا كل شي", "يكفي", "safi", "kml",
               "salit", "خلص", "خلصت", "بس هيك", "هيك بس", "khalas", "5alas", "khlas", "kmel", "kemmel", "nkmlo",
               "nkemlo", "نكمل", "نكملو", "استمر", "واصل", "نتابع", "تم", "تمام هيك", "هيك تمام", "ما في شي تاني",
               "ما في غيره", "مافي شي تاني", "ما كاين والو", "walo akhor", "لا شيء اخر", "لا شيء آخر"),
        "pl": ("gotowe", "dalej", "następne", "to wszystko", "wystarczy", "koniec", "skończone", "idziemy dalej",
               "kontynuuj", "kontynuujmy", "jedziemy dalej", "lecimy dalej", "nic więcej", "nic wiecej",
               "nic poza tym"),
        "uk": ("готово", "далі", "наступне", "це все", "досить", "все", "продовжити", "продовжуй", "продовжуйте",
               "продовжимо", "йдемо далі", "більше нічого", "нічого більше", "больше ничего", "більш нічого"),
    },
    "back": {
        "nl": ("terug", "vorige", "ga terug", "een stap terug", "nee wacht", "wacht", "wacht even", "oeps", "oei",
               "foutje", "nee wacht even", "nee terug", "neen wacht", "nope wacht", "wacht nee", "⬅️"),
        "en": ("back", "previous", "go back", "no wait", "wait", "oops", "hold on", "wait a sec", "nope wait",
               "nah wait", "wait no", "no go back", "oops wait"),
        "tr": ("geri", "geri dön", "önceki", "bir önceki", "bekle", "dur bekle", "hata", "pardon geri"),
        "ar": ("رجوع", "ارجع", "السابق", "انتظر", "تسنى", "tsna", "rje3", "رجع"),
        "pl": ("wróć", "wroc", "cofnij", "poprzednie", "wstecz", "czekaj", "chwila", "zaraz", "ups"),
        "uk": ("назад", "повернутися", "попереднє", "зачекай", "зачекайте", "стоп назад", "ой"),
    },
    "skip": {
        "nl": ("overslaan", "sla over", "sla maar over", "volgende vraag", "geen antwoord", "nee", "niets", "niks",
               "sla deze over", "deze sla ik over", "mag ik overslaan",
               "geen", "nee hoor", "-", "nog niet", *DONT_KNOW_NL),
        "en": ("skip", "skip it", "pass", "no", "nope", "nothing", "none", "not yet", "skip this", "skip this one",
               "next question", *DONT_KNOW_EN),
        "tr": ("geç", "atla", "sonraki soru", "hayır", "hayir", "yok", "bilmiyorum", "henüz bilmiyorum", "fikrim yok",
               "hiçbir şey", "hiç", "geçelim", "gecelim", "geç bunu", "atlayalım", "atlayalim", "diğer soru",
               "diger soru"),
        "ar": ("تخطى", "تخطي", "تجاوز", "التالي", "لا", "لا أعرف", "لا اعرف", "ما عرفتش", "ma3reftch", "mane3ref",
               "لا شيء", "والو", "walo", *DONT_KNOW_AR),
        "pl": ("pomiń", "pomin", "dalej", "nie", "nie wiem", "jeszcze nie wiem", "nic", "nie mam pojęcia",
               "nie mam pojecia", "pominąć", "pominac", "pomijam", "pomiń to", "pomin to", "następne pytanie",
               "nastepne pytanie"),
        "uk": ("пропустити", "пропусти", "далі", "ні", "не знаю", "ще не знаю", "нічого", "поки не знаю",
               "пропускаю", "пропустимо", "наступне питання"),
    },
    "later": {
        "nl": ("later", "straks", "een andere keer", "later verder", "nu niet", "morgen", "ik denk er nog over na",
               "denk er nog over na", "bewaren", "bewaar het", "opslaan", "later verder gaan", "vraag het later",
               "vraag later", "later vragen", "vraag het later nog eens", "later nog eens", "volgende week",
               "vraag het volgende week", "nog even niet"),
        "en": ("later", "another time", "not now", "some other time", "let me think about it", "think about it",
               "save", "save it", "save it for later", "save for later", "keep it for later", "ask me later",
               "ask later", "ask me next week", "next week", "ask again later", "not yet now"),
        "tr": ("sonra", "daha sonra", "sonra devam", "şimdi değil", "yarın", "yarin", "başka zaman", "düşüneyim",
               "düşüneceğim", "kaydet", "sakla", "gelecek hafta"),
        "ar": ("لاحقا", "لاحقاً", "بعدين", "من بعد", "ماشي دابا", "ليس الآن", "غدا", "غدوة", "مرة أخرى",
               "من بعد نشوف", "احفظ", "الأسبوع القادم", "mn b3d", "men ba3d", "ghedda"),
        "pl": ("później", "pozniej", "potem", "nie teraz", "jutro", "innym razem", "zastanowię się", "zapisz",
               "w przyszłym tygodniu", "w przyszlym tygodniu"),
        "uk": ("пізніше", "потім", "не зараз", "завтра", "іншим разом", "подумаю", "збережи", "наступного тижня"),
    },
    "nothing": {
        "nl": ("nee", "neen", "nog niets", "nog niks", "niets", "niks", "geen", "nog geen", "nee hoor", "nee dank je",
               "heb ik niet", "geen van allen", "geen van beide", "-", "nu niks", "nu niets", "niks nu", "even niks",
               "voor nu niks", *DONT_KNOW_NL),
        "en": ("no", "nope", "no thanks", "nothing", "nothing yet", "none", "none of them", "not yet", "nothing rn",
               "nothing right now", "nothing for now", "nothing really", *DONT_KNOW_EN),
        "tr": ("hayır", "hayir", "yok", "hiçbir şey", "hiçbir şey yok", "henüz yok", "henüz bir şey yok",
               "bilmiyorum", "hiç"),
        "ar": ("لا", "لا شيء", "لا شيء بعد", "والو", "walo", "والو دابا", "ما عندي والو", "لا أعرف",
               "walo daba", "ma3andi walo", "ma3ndi walo", "ماعندي والو", "mazal walo", "مازال والو",
               *DONT_KNOW_AR),
        "pl": ("nie", "nic", "jeszcze nic", "nic nie mam", "nie wiem", "żadne"),
        "uk": ("ні", "нічого", "поки нічого", "ще нічого", "не знаю", "жодного"),
    },
    "nobody": {
        "nl": ("niemand", "nog niemand", "nee", "geen", "ken niemand", "ik ken niemand", "-", "niemand nog", "nog niet",
               *DONT_KNOW_NL),
        "en": ("nobody", "no one", "noone", "nobody yet", "no", "none", "not yet", *DONT_KNOW_EN),
        "tr": ("kimse", "hiç kimse", "kimseyi tanımıyorum", "kimseyi tanimiyorum", "henüz kimse", "hayır", "hayir",
               "yok", "bilmiyorum", "kimseyi tanımıyorum daha", "daha kimseyi tanımıyorum", "henüz kimseyi tanımıyorum",
               "kimse yok", "henüz kimse yok", "daha kimse yok", "henüz bilmiyorum", "henuz bilmiyorum",
               "daha bilmiyorum", "bilmiyorum henüz", "fikrim yok"),
        "ar": ("لا أحد", "حتى واحد", "حتا واحد", "ما كنعرف حتى واحد", "لا أعرف أحدا", "hta wahed", "hta wa7ed", "لا",
               "ما كنعرف حتى واحد دابا", "لا أعرف أحدا بعد", "ma kan3ref 7ta wa7ed", "ma kan3ref hta wahed",
               "ma n3ref 7ta wa7ed", "ma3ndi 7ta wa7ed", "7ta wa7ed", "لا أحد بعد", "لا احد بعد", "ولا حدا",
               "ما حدا", "ما في حدا", "ولا حدا لهلق", "ولا واحد", *DONT_KNOW_AR),
        "pl": ("nikt", "nikogo", "nie znam nikogo", "jeszcze nikt", "nie", "nie znam jeszcze nikogo",
               "jeszcze nikogo nie znam", "na razie nikogo", "na razie nikt", "jeszcze nikogo",
               # not knowing yet is nobody yet, as in nl, en and ar
               "nie wiem", "jeszcze nie wiem", "nie wiem jeszcze", "nie mam pojęcia", "nie mam pojecia"),
        "uk": ("ніхто", "нікого", "нікого не знаю", "поки ніхто", "ні", "не знаю нікого", "ще нікого не знаю",
               "поки що нікого", "не знаю нікого поки що", "поки нікого не знаю", "поки що нікого не знаю",
               "не знаю", "ще не знаю", "поки не знаю", "не знаю поки", "гадки не маю",
               "ще нікого", "поки нікого", "никого", "пока никого", "ещё никого", "еще никого"),
    },
    "cancel": {
        "nl": ("annuleer", "annuleren", "stop", "stoppen", "laat maar", "hou op", "afbreken"),
        "en": ("cancel", "stop", "quit", "never mind", "nevermind"),
        "tr": ("iptal", "vazgeç", "vazgeçtim", "dur", "boşver", "bırak", "birak"),
        "ar": ("إلغاء", "الغاء", "ألغي", "خلاص بلاش", "بلاش", "وقف", "سير خلي", "safi bla"),
        "pl": ("anuluj", "przerwij", "stop", "nieważne", "niewazne", "zostaw"),
        "uk": ("скасувати", "скасуй", "стоп", "зупинити", "не важливо", "облиш"),
    },
    "once": {
        "nl": ("eenmalig", "een keer", "een keertje", "1 keer", "eenmaal", "alleen een keer"),
        "en": ("once", "one time", "just once", "only once"),
        "pl": ("jeden raz", "tylko raz", "jednorazowo", "jednorazowa"),
        "uk": ("один раз", "лише раз", "тільки раз", "разово", "одноразово"),
        "tr": ("bir kere", "bir kez", "bir defa", "tek sefer", "tek seferlik", "sadece bir kez", "bir kerelik"),
        "ar": ("مرة واحدة", "مرة وحدة", "مره وحده", "مرة بس", "marra wa7da", "marra wahda"),
    },
    "sometimes": {
        "nl": ("soms", "af en toe", "nu en dan", "zo nu en dan", "weleens", "wel eens", "een enkele keer",
               "keer per jaar", "per jaar", "paar keer per jaar", "een keer per jaar", "1 keer per jaar"),
        "en": ("sometimes", "now and then", "occasionally", "every now and then", "from time to time",
               "once a year", "a few times a year", "times a year", "per year"),
        "pl": ("czasem", "czasami", "od czasu do czasu", "raz na jakiś czas", "raz na jakis czas", "raz w roku",
               "kilka razy w roku", "rzadko"),
        "uk": ("іноді", "інколи", "час від часу", "раз на рік", "кілька разів на рік", "рідко"),
        "tr": ("bazen", "ara sıra", "ara sira", "arada bir", "arada sırada", "arada sirada", "zaman zaman",
               "yılda bir", "yilda bir", "nadiren"),
        "ar": ("أحيانا", "احيانا", "أحياناً", "بعض الأحيان", "بعض الاحيان", "من وقت لوقت", "مرات", "ahyanan",
               "ba3d el mrat", "marrat"),
    },
    "regularly": {
        "nl": ("regelmatig", "vaak", "elke week", "wekelijks", "iedere week", "geregeld", "elke maand",
               "iedere maand", "maandelijks", "per maand", "per week", "keer per maand", "keer per week",
               "een keer per maand", "1 keer per maand", "een keer per week", "1 keer per week"),
        "en": ("regularly", "often", "every week", "weekly", "a lot", "every month", "monthly", "once a month",
               "once a week", "twice a week", "twice a month", "per month", "per week", "times a month"),
        "pl": ("regularnie", "często", "czesto", "co tydzień", "co tydzien", "co miesiąc", "co miesiac",
               "raz w tygodniu", "raz w miesiącu", "raz w miesiacu", "dwa razy w miesiącu", "dwa razy w miesiacu",
               "razy w miesiącu", "razy w miesiacu", "razy w tygodniu", "w każdy weekend", "w kazdy weekend",
               "co weekend"),
        "uk": ("регулярно", "часто", "щотижня", "щомісяця", "раз на тиждень", "раз на місяць", "двічі на місяць",
               "рази на місяць", "рази на тиждень", "кожного тижня", "кожного місяця", "кожні вихідні"),
        "tr": ("düzenli", "duzenli", "düzenli olarak", "duzenli olarak", "sık sık", "sik sik", "sık", "her hafta",
               "haftada bir", "her ay", "ayda bir", "haftalık", "aylık", "sürekli", "surekli"),
        "ar": ("بانتظام", "دائما", "دايما", "كل أسبوع", "كل اسبوع", "كل جمعة", "كل شهر", "مرة في الأسبوع",
               "مرة في الشهر", "مرة بالجمعة", "مرة بالشهر", "كثير", "كتير", "dayman", "kol jom3a", "kul usbu3"),
    },
    # the kind of help for an idea (handlers/ideas.py, the summary): start yourself with neighbours, think it
    # through with the connector, or something only an organisation can give (money, a permit, a space)
    "self": {
        "nl": ("zelf", "ikzelf", "zelf doen", "zelf beginnen", "begin zelf", "ik begin zelf", "zelf starten",
               "start zelf", "zelf aan de slag", "ga zelf aan de slag", "ga zelf", "zelf regelen", "regel zelf",
               "regel het zelf", "regel ik zelf", "zelf oppakken", "pak het zelf op", "doe het zelf", "zelf met buren",
               "zelf met de buren", "met buren", "met de buren", "samen met buren", "samen met de buren",
               "met buurtgenoten", "samen met buurtgenoten", "met de buurt", "samen met de buurt", "alleen",
               "in mijn eentje", "eentje", "we doen het zelf", "wij doen het zelf", "doen we zelf", "zelf aan de gang",
               "hulp van buren", "hulp van de buren", "met hulp van de buren"),
        "en": ("myself", "by myself", "all by myself", "on my own", "own", "do it myself", "ill do it myself",
               "do it on my own", "rather do it myself", "start myself", "ill start myself", "start on my own",
               "ill start on my own", "start by myself", "get started myself", "ourselves", "by ourselves",
               "we do it ourselves", "well do it ourselves", "on our own", "diy", "do it yourself",
               "with neighbours", "with the neighbours", "together with neighbours", "together with the neighbours",
               "with neighbors", "with the neighbors", "together with the neighbors", "help from the neighbours",
               "help from neighbours", "help from the neighbors"),
        "tr": ("kendim", "kendim yaparım", "kendim yaparim", "kendim başlarım", "kendim başlarim", "kendimiz",
               "komşularla", "komşularla birlikte", "kendi başıma", "kendi başima"),
        "ar": ("بنفسي", "أنا بنفسي", "مع الجيران", "بوحدي", "براسي", "nta b rasi", "b rasi", "m3a jiran"),
        "pl": ("sam", "sama", "sam zacznę", "sama zacznę", "z sąsiadami", "razem z sąsiadami", "sami"),
        "uk": ("сам", "сама", "самі", "сам почну", "сама почну", "з сусідами", "разом із сусідами"),
    },
    "connector": {
        "nl": ("verbinder", "de verbinder", "met de verbinder", "hulp van de verbinder", "help van de verbinder",
               "aanjager", "de aanjager", "met de aanjager", "hulp van de aanjager", "meedenken", "laten meedenken",
               "iemand die meedenkt", "iemand die mee denkt", "iemand om mee te denken", "iemand om mee te praten",
               "samen nadenken", "samen meedenken", "meedenker", "een meedenker", "advies", "sparren",
               "praten met de verbinder", "met iemand praten", "iemand die helpt", "iemand die me helpt",
               "iemand die mij helpt", "iemand die mee wil denken", "samen met de verbinder"),
        "en": ("connector", "the connector", "with the connector", "help from the connector", "talk to the connector",
               "think along", "someone to think along", "someone to think along with", "think it through",
               "think it through together", "someone to think it through with", "someone to think with",
               "help me think", "help me think it through", "talk it through", "talk it over", "advice",
               "some advice", "brainstorm", "someone to help", "someone to help me", "someone who helps",
               "can someone help me", "together with the connector"),
        "tr": ("bağlantı kişisi", "bağlanti kişisi", "mahalle bağlantı kişisi", "mahalle bağlanti kişisi", "aanjager",
               "birlikte düşünelim", "tavsiye", "fikir al", "biriyle konuşmak"),
        "ar": ("منسق الحي", "المنسق", "aanjager", "نفكر معا", "نصيحة", "مشورة", "شي واحد يعاوني"),
        "pl": ("aanjager", "osoba łącząca", "osoba lącząca", "razem przemyśleć", "porada", "rada", "ktoś do pomocy",
               "porozmawiać z kimś"),
        "uk": ("координатор", "координатор району", "aanjager", "обміркувати разом", "порада", "поговорити з кимось"),
    },
    "organisation": {
        "nl": ("organisatie", "een organisatie", "van een organisatie", "iets van een organisatie", "instantie",
               "een instantie", "gemeente", "de gemeente", "van de gemeente", "iets van de gemeente",
               "hulp van de gemeente", "geld van de gemeente", "woningcorporatie", "de woningcorporatie",
               "corporatie", "de corporatie", "woningbouw", "de woningbouw", "geld", "subsidie", "vergunning",
               "een vergunning", "budget", "wijkbudget", "geld nodig", "ik heb geld nodig",
               "we hebben geld nodig", "vergunning nodig", "ik heb een vergunning nodig", "geld aanvragen",
               "subsidie aanvragen", "een professional", "professional", "steun van de gemeente"),
        "en": ("organisation", "organization", "an organisation", "an organization", "from an organisation",
               "from an organization", "council", "the council", "from the council", "city council",
               "the city council", "municipality", "the municipality", "from the municipality", "the city",
               "housing association", "the housing association", "housing corporation", "money", "funding",
               "a grant", "grant", "subsidy", "permit", "a permit", "budget", "need money", "i need money",
               "we need money", "need a permit", "i need a permit", "we need a permit", "need funding",
               "apply for funding", "apply for a grant", "support from the council", "support from the municipality",
               "help from the council", "help from the municipality", "a professional", "professional"),
        "tr": ("belediye", "kurum", "organizasyon", "para", "destek", "izin", "ruhsat", "bütçe", "konut şirketi"),
        "ar": ("البلدية", "منظمة", "مؤسسة", "مال", "دعم", "تصريح", "رخصة", "ميزانية", "flouss", "شركة السكن"),
        "pl": ("gmina", "organizacja", "instytucja", "pieniądze", "dotacja", "pozwolenie", "budżet", "wsparcie"),
        "uk": ("муніципалітет", "гемеенте", "організація", "гроші", "грант", "дозвіл", "бюджет", "підтримка"),
    },
    "change": {
        "nl": ("aanpassen", "iets aanpassen", "veranderen", "iets veranderen", "wijzigen", "iets wijzigen",
               "nog iets aanpassen", "nog iets veranderen", "verbeteren", "bewerken", "aanvullen", "klopt niet",
               "dat klopt niet", "niet goed", "aanpassing", "corrigeren"),
        "en": ("change", "change something", "edit", "edit it", "fix", "fix something", "correct", "adjust", "modify",
               "not right", "thats not right"),
        "tr": ("değiştir", "düzelt", "bir şey değiştir", "yanlış", "yanliş", "doğru değil"),
        "ar": ("تغيير", "غير", "عدل", "تعديل", "صحح", "ماشي صحيح", "غلط", "بدل", "نبدل", "بغيت نبدل", "nbdel",
               "nbddel", "bdel", "bghit nbdel", "nbedel", "tbdil", "nghayar", "ghayar"),
        "pl": ("zmień", "zmien", "popraw", "coś zmienić", "źle", "to nie tak"),
        "uk": ("змінити", "зміни", "виправити", "виправ", "неправильно", "не так"),
    },
    "discard": {
        # throws an idea away at once: only unmistakable words, never "stop" or "laat maar" (those cancel)
        "nl": ("weggooien", "gooi weg", "gooi het weg", "verwijderen", "verwijder", "verwijder het", "wissen",
               "wis het", "schrappen"),
        "en": ("throw away", "throw it away", "delete", "delete it", "discard", "discard it", "remove it",
               "bin it", "scrap it"),
        "tr": ("sil", "çöpe at", "at gitsin"),
        "ar": ("احذف", "امسح", "حذف"),
        "pl": ("usuń", "usun", "wyrzuć", "wyrzuc", "skasuj"),
        "uk": ("видалити", "видали", "викинути"),
    },
    # a check-in about an idea (handlers/checkins.py): how it goes, in the resident's own words
    "going_well": {
        "nl": ("gaat goed", "loopt goed", "het loopt", "loopt lekker", "gaat prima", "gaat lekker", "goed", "prima",
               "lekker", "het gaat goed", "gaat best goed", "gaat wel goed", "we zijn bezig", "bezig",
               "we zijn ermee bezig", "ben ermee bezig", "het gaat prima", "loopt prima", "gaat de goede kant op",
               "het loopt goed", "het gaat lekker", "top", "super", "gaat super", "het gaat wel"),
        "en": ("going well", "good", "fine", "going fine", "all good", "its going well", "going great", "great so far",
               "good so far", "on track", "were on it", "working on it", "busy with it", "its going", "great",
               "pretty good", "its going fine", "very well"),
        "tr": ("iyi gidiyor", "iyi", "güzel gidiyor", "çok iyi", "fena değil", "uğraşıyoruz", "uğraşiyoruz",
               "iyi gidiyor sağol", "iyi gidiyor sagol", "gayet iyi", "fena degil"),
        "ar": ("تسير جيدا", "مزيان", "كلشي مزيان", "لاباس", "بخير", "labas", "mzyan", "ghadi mzyan", "ماشية منيح",
               "منيح", "كلو تمام", "ماشي الحال"),
        "pl": ("dobrze idzie", "dobrze", "idzie dobrze", "super idzie", "działamy", "dzialamy", "idzie dobrze dzięki",
               "idzie dobrze dzieki", "całkiem dobrze", "calkiem dobrze", "jest dobrze"),
        "uk": ("усе добре", "добре", "йде добре", "все гаразд", "працюємо", "все йде добре", "непогано"),
    },
    "need_help": {
        "nl": ("hulp nodig", "ik heb hulp nodig", "kan hulp gebruiken", "kan wel wat hulp gebruiken",
               "kan wel hulp gebruiken", "wat hulp", "loop vast", "ik loop vast", "vastgelopen", "we lopen vast",
               "het lukt niet", "lukt niet", "lukt niet zo", "hulp graag", "zit vast", "ik zit vast", "vast", "lastig",
               "het is lastig"),
        "en": ("need help", "i need help", "could use some help", "could use help", "some help", "stuck", "im stuck",
               "were stuck", "help please", "need a hand", "could use a hand", "its hard", "not going well"),
        "tr": ("takıldım", "takildim", "yardım lazım", "yardim lazim", "yardıma ihtiyacım var",
               "yardima ihtiyacim var", "zor gidiyor", "biraz yardım lazım", "biraz yardim lazim",
               "biraz yardım iyi olur", "biraz yardim iyi olur", "yardım iyi olur", "yardim iyi olur"),
        "ar": ("أحتاج مساعدة", "محتاج مساعدة", "واقف", "توقفت عند مشكلة", "خاصني مساعدة", "khasni mosa3ada",
               "بدي مساعدة", "بدي شوية مساعدة", "بحتاج مساعدة", "محتاج شوية مساعدة"),
        "pl": ("utknąłem", "utknąlem", "utknęłam", "utknęlam", "potrzebuję pomocy", "potrzebuje pomocy",
               "idzie ciężko", "przydałaby się pomoc", "przydalaby sie pomoc", "przydałaby się jakaś pomoc",
               "przydalaby sie jakas pomoc", "trochę pomocy", "troche pomocy", "pomoc by się przydała",
               "pomoc by sie przydala", "idzie ciezko"),
        "uk": ("застряг", "застрягла", "потрібна допомога", "важко йде", "трохи допомоги", "потрібна якась допомога",
               "допомога не завадить", "допомога б не завадила"),
    },
    "succeeded": {
        "nl": ("gelukt", "het is gelukt", "is gelukt", "het is gebeurd", "ging goed", "het ging goed", "ging super",
               "ging prima", "was een succes", "het was een succes", "succes", "het was top", "was top", "gedaan",
               "het is gedaan", "het is er", "het staat", "🎉", "het is klaar", "we hebben het gedaan"),
        "en": ("it worked", "worked", "success", "we did it", "did it", "it happened", "went well", "it went well",
               "went great", "it went great", "it was great", "done it", "it was a success", "i did it"),
        "tr": ("başardık", "basardik", "başardım", "basardim", "gerçekleşti", "gerceklesti", "iyi geçti", "iyi gecti",
               "çok iyi geçti", "cok iyi gecti", "yaptık", "yaptik", "oldu"),
        "ar": ("نجحت", "نجح", "نجحنا", "تمت", "عملناها", "دازت مزيان", "زبطت", "مشيت منيح"),
        "pl": ("udało się", "udalo sie", "wyszło", "wyszlo", "zrobiliśmy to", "zrobilismy to", "poszło dobrze",
               "poszlo dobrze", "sukces"),
        "uk": ("вдалося", "вийшло", "ми це зробили", "пройшло добре", "успіх", "все вийшло"),
    },
    "stopped": {
        "nl": ("gestopt", "we zijn gestopt", "ik ben gestopt", "gaat niet door", "het gaat niet door", "niet gelukt",
               "is niet gelukt", "het is niet gelukt", "opgegeven", "ik geef het op", "geen zin meer", "afgeblazen",
               "gaat niet lukken", "ik stop ermee", "het is niks geworden"),
        "en": ("stopped", "we stopped", "i stopped", "gave up", "we gave up", "i gave up", "not happening",
               "didnt work", "it didnt work", "called off", "called it off", "not going to happen"),
        "tr": ("bıraktım", "biraktim", "durdu", "vazgeçtim", "olmadı", "olmadi"),
        "ar": ("توقفت", "وقفت", "ما نجحتش", "تخليت"),
        "pl": ("przerwałem", "przerwalem", "przerwałam", "przerwalam", "przestałem", "przestalem", "przestałam",
               "przestalam", "nie wyszło", "nie wyszlo"),
        "uk": ("зупинив", "зупинила", "не вийшло", "кинув", "кинула"),
    },
    "never": {
        "nl": ("niet meer vragen", "vraag niet meer", "vraag het niet meer", "stop met vragen", "geen vragen meer",
               "hoef niet meer", "niet meer nodig", "nooit meer"),
        "en": ("dont ask again", "dont ask me again", "stop asking", "no more questions", "never ask", "never again",
               "never"),
        "tr": ("bir daha sorma", "artık sorma", "artik sorma", "sormayın", "sormayin", "bir daha sormayın"),
        "ar": ("ما تسألني مرة تانية", "لا تسألني مرة أخرى", "ما تعاود تسولني", "ما تسولنيش"),
        "pl": ("nie pytaj więcej", "nie pytaj wiecej", "więcej nie pytaj", "wiecej nie pytaj", "nie pytaj już",
               "nie pytaj juz"),
        "uk": ("більше не питай", "не питай більше", "не питайте більше", "більше не питайте"),
    },
    # a contact person about an idea handed to them (bot/services/handover.py)
    "take_on": {
        "nl": ("ik help verder", "help verder", "ik pak het op", "pak het op", "ik pak het", "ik neem het op",
               "ik neem contact op", "neem contact op", "ik neem contact met haar op", "ik neem contact met hem op",
               "ik neem contact met ze op", "ik help", "help graag", "ik help graag", "doe ik", "ik doe het",
               "ik ga ermee aan de slag", "ga ermee aan de slag", "ik ga aan de slag", "komt goed", "ik bel haar",
               "ik bel hem"),
        "en": ("ill help", "ill help further", "help further", "ill pick it up", "pick it up", "ill take it",
               "ill take it on", "take it on", "on it", "im on it", "ill get in touch", "ill contact them",
               "ill contact her", "ill contact him", "ill do it", "happy to help", "sure ill help", "ill call them"),
    },
    "pass_on": {
        "nl": ("geef door", "geef het door", "geef maar door", "doorgeven", "doorsturen", "stuur door",
               "stuur het door", "kan iemand anders dit doen", "iemand anders", "liever iemand anders",
               "past beter bij iemand anders", "een collega", "naar een collega"),
        "en": ("pass it on", "pass on", "forward it", "hand it over", "someone else", "can someone else do this",
               "someone else please", "a colleague", "to a colleague"),
    },
    "question": {
        "nl": ("ik heb een vraag", "een vraag", "vraag", "vraag stellen", "een vraag stellen", "wie is dit",
               "wat bedoel je", "meer info", "meer informatie", "kan ik iets vragen", "mag ik iets vragen"),
        "en": ("i have a question", "a question", "question", "ask a question", "who is this", "more info",
               "more information", "can i ask something", "what do you mean"),
    },
    "decline": {
        "nl": ("niet voor mij", "dit is niet voor mij", "is niet voor mij", "past niet bij mij", "geen tijd",
               "ik heb geen tijd", "ik heb nu geen tijd", "kan niet helpen", "ik kan niet helpen", "kan ik niet",
               "lukt mij niet", "niet mijn werk", "hoort niet bij mij"),
        "en": ("not for me", "this is not for me", "thats not for me", "no time", "i dont have time",
               "i have no time", "cant help", "i cant help", "not my job", "not my area"),
    },
    "unlimited": {
        # "how many people at most?" answered with "no maximum"
        "nl": ("geen", "nee", "geen max", "geen maximum", "geen limiet", "geen grens", "onbeperkt", "maakt niet uit",
               "iedereen", "iedereen welkom", "iedereen is welkom", "hoe meer hoe beter", "zoveel als er komen",
               "zo veel als er komen", "zoveel mogelijk", "zo veel mogelijk", "wie wil mag komen",
               "nvt", "0"),
        "en": ("none", "no", "nope", "no max", "no maximum", "no limit", "unlimited", "no cap", "doesnt matter",
               "everyone", "everyone welcome", "everybody", "anyone", "the more the merrier", "n a", "0",
               "as many as come", "as many as possible", "as many as want to come"),
    },
    "weekly": {
        "nl": ("elke week", "iedere week", "wekelijks", "elke week weer", "herhalen", "elke week terug", "vast",
               "een vaste", "1x per week", "een keer per week", "eens per week", "1x per week is genoeg",
               "een keer per week is genoeg", "wekelijks is genoeg", "eens per week is genoeg"),
        "en": ("every week", "weekly", "each week", "repeat", "repeating", "recurring", "every week again",
               "once a week", "once a week is enough", "weekly is enough", "1x a week"),
    },
    "daily": {
        "nl": ("elke dag", "iedere dag", "dagelijks", "1x per dag", "een keer per dag", "elke dag graag"),
        "en": ("every day", "daily", "each day", "once a day", "1x a day"),
    },
    "morning": {
        "nl": ("ochtend", "s ochtends", "sochtends", "ochtends", "s morgens", "smorgens", "morgens", "in de ochtend",
               "voormiddag", "de ochtend"),
        "en": ("morning", "in the morning", "am", "a m", "the morning"),
    },
    "evening": {
        "nl": ("avond", "s avonds", "savonds", "avonds", "in de avond", "de avond", "vanavond"),
        "en": ("evening", "in the evening", "pm", "p m", "the evening", "tonight", "night", "at night"),
    },
    # answers to an activity ("ik kom", "jaa ik kom", "i can come after all")
    "come": {
        "nl": ("ik kom", "kom", "ik kom ook", "ik kom ook graag", "ja ik kom", "ik ben erbij", "ben erbij",
               "ik ben er", "ik ben er bij", "ik kom zeker", "ik kan", "ik kan wel", "ik kan komen", "kan komen",
               "aanwezig", "ik kom toch", "ik kom toch wel", "ik kan toch", "ik kan toch wel",
               # when it is full, coming means the waiting list
               "wachtlijst", "op de wachtlijst", "zet me op de wachtlijst", "zet mij op de wachtlijst",
               "graag op de wachtlijst", "ik wil op de wachtlijst", "ik wil graag op de wachtlijst"),
        "en": ("im coming", "coming", "ill come", "i will come", "ill be there", "count me in", "yes im coming",
               "i can come", "can come", "i can make it", "can make it", "im in", "i am coming", "see you there",
               "waiting list", "waitlist", "put me on the waiting list", "put me on the waitlist",
               "add me to the waiting list", "on the waiting list"),
        "tr": ("geliyorum", "gelirim", "geleceğim", "ben de geliyorum", "katılıyorum", "katiliyorum",
               "orada olacağım", "orada olacağim", "bekleme listesi", "gelmek istiyorum", "gelmek isterim",
               "katılmak istiyorum", "katilmak istiyorum"),
        "ar": ("سآتي", "غادي نجي", "جاي", "نجي", "سأحضر", "سأكون هناك", "ghadi nji", "nji", "قائمة الانتظار",
               "بدي اجي", "بدي احضر", "بغيت نجي", "أريد أن أحضر", "اريد ان احضر"),
        "pl": ("przyjdę", "przyjde", "będę", "bede", "wpadnę", "biorę udział", "biorę udzial", "lista rezerwowa",
               "chcę przyjść", "chce przyjsc", "chciałabym przyjść", "chcialabym przyjsc", "chciałbym przyjść",
               "chcialbym przyjsc"),
        "uk": ("прийду", "я прийду", "буду", "я буду", "беру участь", "список очікування", "хочу прийти",
               "я хочу прийти"),
    },
    # not sure yet about an activity: a hedge before or after "I'll come" is a maybe ("może przyjdę", "belki gelirim",
    # "yimkin nji"); the single words of this family count anywhere in an answer in more words (HEDGE_FAMILIES)
    "maybe": {
        "nl": ("misschien", "misschien kom ik", "ik kom misschien", "kom misschien", "misschien wel", "wie weet",
               "weet nog niet", "weet ik nog niet", "ik weet het nog niet", "nog niet zeker", "mogelijk",
               "waarschijnlijk", "ik probeer te komen", "als het lukt", "misschien kan ik"),
        "en": ("maybe", "perhaps", "maybe ill come", "i might come", "might come", "might", "possibly", "not sure",
               "not sure yet", "probably", "ill try", "ill try to come", "ill try to make it", "if i can", "depends",
               "we will see", "well see"),
        "tr": ("belki", "belki gelirim", "gelirim belki", "belki geliriz", "emin değilim", "emin degilim",
               "henüz bilmiyorum", "henuz bilmiyorum", "belli değil", "belli degil", "galiba", "muhtemelen",
               "gelmeye çalışırım", "gelmeye calisirim", "bakarız", "bakariz", "duruma göre", "duruma gore"),
        "ar": ("ربما", "يمكن", "ممكن", "ربما سآتي", "ربما آتي", "يمكن نجي", "ممكن نجي", "ربما غادي نجي",
               "لست متأكدا", "لست متأكدًا", "ما عرفتش", "ماعرفتش", "مازال ما عرفتش", "نشوف", "إلا قدرت",
               "yimkin", "yemken", "ymkn", "ymken", "mumkin", "momkin", "mumkin nji", "yimkin nji", "rbma",
               "rubama", "ma3reftch", "ma3rftch", "nchouf", "ila qdert"),
        "pl": ("może", "może przyjdę", "przyjdę może", "może będę", "chyba", "chyba przyjdę", "być może",
               "możliwe", "nie wiem jeszcze", "jeszcze nie wiem", "nie jestem pewien", "nie jestem pewna",
               "zobaczymy", "postaram się", "postaram sie", "jeśli dam radę", "jesli dam rade"),
        "uk": ("можливо", "може", "мабуть", "можливо прийду", "мабуть прийду", "може прийду", "може буду",
               "ще не знаю", "не знаю ще", "не впевнений", "не впевнена", "побачимо", "постараюся",
               "спробую прийти", "ймовірно"),
    },
    "help_out": {
        "nl": ("ik help mee", "help mee", "ik help", "ik wil helpen", "helpen", "ik kan helpen", "ik help graag",
               "ik wil wel helpen", "meehelpen", "ik help wel"),
        "en": ("ill help", "i will help", "i can help", "i want to help", "help out", "ill help out",
               "happy to help", "helping"),
        "tr": ("yardım ederim", "yardim ederim", "yardım edeceğim", "yardim edeceğim", "yardım etmek istiyorum",
               "yardim etmek istiyorum", "ben yardım ederim", "ben yardim ederim"),
        "ar": ("سأساعد", "غادي نعاون", "نعاون", "أريد المساعدة", "n3awen"),
        "pl": ("pomogę", "pomoge", "chcę pomóc", "mogę pomóc"),
        "uk": ("допоможу", "я допоможу", "хочу допомогти", "можу допомогти"),
    },
    "cant_come": {
        "nl": ("ik kan niet", "kan niet", "ik kan toch niet", "kan toch niet", "lukt niet", "het lukt niet",
               "het lukt toch niet", "ik kom niet", "kom niet", "ik kom toch niet", "afmelden", "ik meld me af",
               "gaat niet", "gaat toch niet", "helaas niet", "deze keer niet", "kan deze keer niet",
               "ik kan deze keer niet", "ik kan deze week niet", "kan deze week niet", "ik kan er niet bij zijn",
               "kan er niet bij zijn", "ik ben er niet", "ik ben er niet bij", "ik kan er deze keer niet bij zijn",
               "ik kan morgen niet", "kan morgen niet", "ik ben verhinderd", "verhinderd", "kan ik toch niet",
               "kan ik niet", "dan kan ik niet", "dan kan ik toch niet"),
        "en": ("i cant", "cant", "i cant make it", "cant make it", "i cant come", "cant come", "not coming",
               "im not coming", "i cant make it after all", "i wont make it", "wont make it", "cant go",
               "i cant this time", "cant this time", "not this time", "i wont be there", "wont be there",
               "i wont be there this time", "i cant be there", "cant be there", "i cant make it this time",
               "cant make it this time", "i cant tomorrow"),
        "tr": ("gelemem", "gelemiyorum", "gelmeyeceğim", "katılamıyorum", "katilamiyorum", "olmuyor", "bu sefer olmaz"),
        "ar": ("لا أستطيع", "ما نقدرش", "ما غاديش نجي", "ma nqderch", "ma ghadich nji", "لن آتي"),
        "pl": ("nie mogę", "nie moge", "nie przyjdę", "nie przyjde", "nie dam rady", "nie tym razem"),
        "uk": ("не можу", "не прийду", "не вийде", "цього разу ні"),
    },
    # an aanjager running an activity (/mijnactiviteiten)
    "announce": {
        "nl": ("aankondigen", "omroepen", "rondsturen", "naar de wijk sturen", "bekendmaken", "bekend maken",
               "delen met de wijk", "iedereen laten weten", "de wijk laten weten", "verspreiden"),
        "en": ("announce", "broadcast", "announce it", "tell the neighbourhood", "send it out",
               "send to the neighbourhood", "spread the word"),
    },
    "who_comes": {
        "nl": ("wie komt er", "wie komen er", "wie komt", "wie komen", "hoeveel komen er", "hoeveel mensen komen er",
               "hoeveel mensen", "aanmeldingen", "deelnemers", "wie doet er mee", "wie doen er mee", "lijst",
               "de lijst", "wie heeft zich aangemeld"),
        "en": ("who is coming", "whos coming", "who comes", "who is going", "attendees", "how many are coming",
               "how many people are coming", "how many", "sign ups", "signups", "the list", "list"),
    },
    "message_comers": {
        # not a bare "send a message": that is also how an aanjager answers a helper's introduction
        "nl": ("bericht aan wie komt", "bericht naar wie komt", "bericht sturen naar wie komt", "bericht aan iedereen",
               "bericht naar iedereen", "iedereen een bericht sturen", "iedereen een berichtje sturen",
               "laat ze iets weten", "de mensen laten weten", "bericht aan de deelnemers"),
        "en": ("message those coming", "message everyone", "message the people coming", "message everyone coming",
               "tell those coming", "tell everyone coming", "message all", "message the attendees"),
    },
    "call_off": {
        # no bare "annuleren"/"cancel": that stops a question, and calling off an activity cannot be undone
        "nl": ("afgelasten", "afzeggen", "afblazen", "gaat niet door", "het gaat niet door", "activiteit afgelasten",
               "deze keer afzeggen", "deze week afzeggen", "alleen deze week afzeggen", "alleen deze keer afzeggen",
               "deze keer afgelasten", "deze week afgelasten", "deze keer gaat het niet door"),
        "en": ("call off", "call it off", "cancel the activity", "cancel this time", "cancel this week",
               "cancel it this week", "its off", "not happening", "cancel this one"),
    },
    "all_wijken": {
        "nl": ("allebei", "beide", "alle", "allemaal", "alle wijken", "alle twee", "beide wijken", "naar allebei",
               "naar alle wijken", "naar beide wijken", "overal"),
        "en": ("both", "all", "all of them", "both of them", "all neighbourhoods", "both neighbourhoods",
               "all my neighbourhoods", "everywhere"),
    },
    "stop_repeating": {
        "nl": ("niet meer herhalen", "stop met herhalen", "stoppen met herhalen", "reeks stoppen", "stop de reeks",
               "de reeks stoppen", "niet meer elke week", "geen herhaling meer", "niet meer wekelijks",
               "de reeks beeindigen", "reeks beeindigen"),
        "en": ("stop repeating", "dont repeat", "stop the series", "end the series", "no more repeats",
               "not weekly anymore", "stop the weekly", "no longer weekly"),
    },
    # an aanjager typing what /nieuweactiviteit does, outside a question
    "new_activity": {
        "nl": ("nieuwe activiteit", "nieuwe activiteit maken", "activiteit maken", "een activiteit maken",
               "activiteit aanmaken", "een activiteit aanmaken", "activiteit toevoegen", "een activiteit toevoegen",
               "activiteit plaatsen", "een activiteit plaatsen", "nieuwe activiteit aanmaken", "activiteit invoeren"),
        "en": ("new activity", "create activity", "create an activity", "add an activity", "add activity",
               "make an activity", "create a new activity", "add a new activity", "post an activity"),
    },
    # the parts of an activity an aanjager may want to change: "toch andere tijd", "change the place"
    "field_title": {
        "nl": ("titel", "naam", "de naam", "kop"),
        "en": ("title", "name", "heading"),
    },
    "field_when": {
        "nl": ("tijd", "datum", "dag", "wanneer", "tijdstip", "datum en tijd", "begintijd", "eindtijd", "uur",
               "andere dag", "ander tijdstip"),
        "en": ("time", "date", "day", "when", "date and time", "start time", "end time", "hour"),
    },
    "field_place": {
        "nl": ("plek", "plaats", "locatie", "waar", "adres", "ruimte"),
        "en": ("place", "location", "where", "venue", "address", "spot"),
    },
    "field_description": {
        "nl": ("beschrijving", "omschrijving", "tekst", "uitleg"),
        "en": ("description", "text", "details"),
    },
    "field_capacity": {
        "nl": ("maximum", "max", "aantal", "aantal mensen", "hoeveel mensen", "aantal plekken", "capaciteit",
               "maximum aantal", "maximum aantal mensen"),
        "en": ("maximum", "max", "number", "capacity", "number of people", "how many", "limit", "maximum number"),
    },
    "field_repeat": {
        "nl": ("herhalen", "herhaling", "eenmalig of wekelijks", "wekelijks", "elke week", "iedere week",
               "eenmalig", "een keer"),
        "en": ("repeat", "repeating", "once or weekly", "weekly", "every week", "once", "one time", "recurring"),
    },
    "lang_nl": {
        "nl": ("nederlands", "nederlandse", "in het nederlands", "hollands", "nl"),
        "en": ("dutch", "in dutch"),
        "tr": ("hollandaca", "felemenkce"),
        "ar": ("الهولندية", "الهولنديه", "بالهولندية", "بالهولنديه", "هولندي"),
        "pl": ("niderlandzki", "po niderlandzku", "holenderski", "po holendersku"),
        "uk": ("нідерландська", "нідерландською", "голландська", "голландською"),
    },
    "lang_en": {
        "nl": ("engels", "engelse", "in het engels"),
        "en": ("english", "in english", "en", "eng"),
        "tr": ("ingilizce",),
        "ar": ("الانجليزية", "الإنجليزية", "بالانجليزية", "بالإنجليزية", "انجليزي", "الانجليزيه"),
        "pl": ("angielski", "po angielsku"),
        "uk": ("англійська", "англійською"),
    },
    "lang_tr": {
        "nl": ("turks", "in het turks", "turkse"),
        "en": ("turkish", "in turkish"),
        "tr": ("türkçe", "türkce", "tr"),
        "ar": ("التركية", "التركيه", "بالتركية", "تركي"),
        "pl": ("turecki", "po turecku"),
        "uk": ("турецька", "турецькою"),
    },
    "lang_ar": {
        "nl": ("arabisch", "in het arabisch", "arabische", "marokkaans"),
        "en": ("arabic", "in arabic", "moroccan"),
        "tr": ("arapça",),
        "ar": ("العربية", "العربيه", "بالعربية", "بالعربيه", "عربي", "بالعربي", "الدارجة", "arabi", "l3arbia",
               "bl3arbia", "darija", "ar"),
        "pl": ("arabski", "po arabsku"),
        "uk": ("арабська", "арабською"),
    },
    "lang_pl": {
        "nl": ("pools", "in het pools", "poolse"),
        "en": ("polish", "in polish"),
        "tr": ("lehçe",),
        "ar": ("البولندية", "البولنديه", "بالبولندية"),
        "pl": ("polski", "po polsku", "polsku", "pl"),
        "uk": ("польська", "польською"),
    },
    "lang_uk": {
        "nl": ("oekraïens", "in het oekraïens", "oekraïense"),
        "en": ("ukrainian", "in ukrainian"),
        "tr": ("ukraynaca",),
        "ar": ("الأوكرانية", "الاوكرانية", "بالأوكرانية"),
        "pl": ("ukraiński", "po ukraińsku"),
        "uk": ("українська", "українською", "по-українськи", "ua", "uk"),
    },
}

ALSO_MEANS: dict[str, tuple[str, ...]] = {
    # where no option has these families, their words pick this family's option: "nee", "niets" or "nog niemand"
    # to "what do you need? pick all that apply, then Done" means done
    "done": ("nothing", "no", "nobody"),
    # "bitti", "klaar", "that's all" to "who do you know?" (no Done there): nobody (more)
    "nobody": ("done",),
    # "klaar", "verder", "kmel" at "how do you picture it? (Just go on)": go on, nothing typed as the picture
    "skip": ("done",),
    # a contact person's "ja" takes the idea on, "nee" declines it
    "take_on": ("yes",),
    "decline": ("no",),
}

HEDGE_FAMILIES: frozenset[str] = frozenset({"maybe"})
"""Families whose single words say the whole answer wherever they stand in it, and outweigh the other option named
there: "przyjdę, ale może" and "i'll come, maybe" are a maybe, not a yes."""

FILLER: frozenset[str] = frozenset({
    # words around an answer that do not change it ("ja hoor", "English please", "nummer 2 graag")
    "hoor", "graag", "maar", "dan", "wel", "toch", "even", "gewoon", "alsjeblieft", "aub", "dank", "je",
    "bedankt", "please", "pls", "thanks", "thank", "you", "just", "then", "oh", "o", "eh", "uh", "hmm",
    "ik", "wil", "kies", "doe", "i", "want", "choose", "pick", "take", "would", "like", "de", "het", "een",
    "the", "a", "an", "voor", "mij", "me", "for", "in", "woon", "wonen", "live", "living", "im", "uit", "from",
    "bij", "at", "my", "mijn", "is",
    # "toch andere tijd", "change the place", "make it every week": the change itself, not what changes
    "andere", "ander", "anders", "different", "another", "other", "aanpassen", "wijzigen", "veranderen", "change",
    "edit", "make", "it", "maak", "er", "van", "actually", "eigenlijk", "alsnog",
    "sturen",
    # sighs, hesitations and "honestly" around it ("pfff ik weet het niet hoor", "ugh i dunno tbh", "bilmiyorum ki",
    # "nie wiem szczerze", "чесно не знаю", "والله ما عرفت")
    "pff", "pfff", "pffff", "zucht", "ugh", "meh", "uhm", "ehm", "um", "hm", "tbh", "honestly", "eerlijk", "gezegd",
    "ki", "valla", "vallahi", "yaa", "szczerze", "serio", "чесно", "wallah", "والله",
})

COUNT_WORDS: frozenset[str] = frozenset({
    # words around a typed count that do not change it: "max 20", "hooguit twintig personen", "up to 15 people"
    "max", "maximum", "maximaal", "hooguit", "hoogstens", "tot", "ongeveer", "zon", "rond", "personen",
    "persoon", "mensen", "deelnemers", "plekken", "plaatsen", "man", "kinderen", "bewoners", "buren", "stuks",
    "up", "to", "at", "most", "about", "around", "people", "persons", "person", "places", "spots", "seats",
    "participants", "kids", "neighbours", "neighbors",
})

FAMILY_FILLER: frozenset[str] = FILLER | {
    "id", "ill", "liever", "rather", "dat", "ga", "gaan", "doen", "begin", "beginnen", "start", "starten", "regel",
    "regelen", "organiseer", "organiseren", "do", "it", "will", "go", "going", "to", "get", "organise", "organize",
    "precies", "eigenlijk", "echt", "actually", "really", "exactly",
}
"""Around a word of an answer family also these ("I'd rather do it myself", "dat regel ik zelf wel"): words of
wanting and doing that leave the answer as it is; not around a label's words, where they would let free text typed
after a menu pick an option."""

LEADING_ASSENT: frozenset[str] = frozenset({
    "ja", "jawel", "jazeker", "zeker", "ok", "oke", "okay", "prima", "goed", "natuurlijk", "yes", "yeah", "yep",
    "sure", "alright", "ya", "yea", "ye", "jaa", "tuurlijk",
})
"""A word of assent before an answer ("ja, ik pak het op", "sure, I'll pick it up") leaves the answer as it is."""
WELL_BEFORE_YES: dict[str, str] = {"no": "pl"}
"""A word that is 'well' before a yes of its language: Polish "no dobra, tak" is a yes, not the English no."""
OWN_LANGUAGE: dict[str, dict[str, str]] = {"pl": {"no": "yes", "noo": "yes", "nooo": "yes", "no to tak": "yes"}}
"""Per language of the resident, words that answer otherwise there than in English: to a Polish resident a lone
"no" is the colloquial yes, not the English no."""

NEGATIONS: frozenset[str] = frozenset({"niet", "geen", "nooit", "not", "never", "dont", "cant", "cannot", "wont", "no",
                                       "nee", "nope", "helaas", "sorry", "unfortunately"})
"""Words that turn a yes around: "ja, maar nu niet" is no yes."""
GOODBYES: frozenset[str] = frozenset({"doei", "doeii", "dooei", "doeg", "daag", "houdoe", "ajuu", "bye", "byee", "cya",
                                      "laters", "ciao"})
"""Words that say goodbye after an "ok": "ok doei" ends the chat, it picks no option that means yes."""
NO_OPENERS: frozenset[str] = frozenset({"nee", "neen", "nope", "no", "nah", "helaas", "sorry", "unfortunately"})
"""First words of a refusal: "nee sorry, geen tijd", "sorry, not this time"."""
MAX_OPENED_ANSWER = 5
"""Words in an answer that opens with yes or no ("ja hoor, leuk", "yes I'd love to"); longer text is not taken so."""

NUMBER_NAMES: dict[str, dict[str, int]] = {
    # numbers typed as words; "vijfentwintig" and "twenty five" are put together from these
    "nl": {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
           "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
           "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30, "veertig": 40,
           "vijftig": 50, "zestig": 60, "zeventig": 70, "tachtig": 80, "negentig": 90, "honderd": 100},
    "en": {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
           "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
           "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
           "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100},
}

ABOUT_LINKS: frozenset[str] = frozenset({"naar", "bij", "voor", "op", "van", "aan", "met", "to", "for", "at", "on",
                                        "of", "with"})
"""Words that tie an answer to what it is about: "ik kom naar de koffieochtend", "i'll help at the repair cafe"."""

NUMBER_WORDS: frozenset[str] = frozenset({"nr", "nummer", "number", "no", "num", "optie", "option", "keuze", "choice"})
"""Words that may come before an option number: "nr 2", "nummer 2", "option 2"."""

SEPARATORS: tuple[str, ...] = ("en", "and", "plus", "ook", "also", "&", "+")
"""Words and signs between several picks of a multi-select question: "1 en 5", "groen and feest"."""

FUNCTION_WORDS: frozenset[str] = frozenset({
    # words that say nothing about which option is meant: never the reason to pick one in longer text
    "dat", "die", "deze", "dit", "was", "waren", "zijn", "heb", "hebt", "heeft", "hebben", "had", "ook", "nog", "wat",
    "wie", "hoe", "niet", "geen", "nu", "al", "als", "dan", "met", "aan", "op", "om", "tot", "naar", "over", "of",
    "want", "hun", "haar", "ons", "onze", "jouw", "jullie", "hem", "zij", "hij", "wij", "ze", "we", "er", "hier",
    "daar", "kan", "kun", "mag", "moet", "zal", "wordt", "word", "worden", "the", "this", "that", "these", "those",
    "were", "are", "has", "have", "not", "now", "but", "and", "with", "your", "our", "their", "them",
    "they", "can", "will", "its", "all", "any", "some", "one", "yet", "too", "very", "what", "who", "how", "did",
    "does", "dont", "doesnt", "wont", "cant", "meer", "more", "veel", "much", "many", "less", "minder",
})
"""Words of a label that are no reason to pick it inside longer text ("Nee, dat was het" is not meant by "dat")."""

