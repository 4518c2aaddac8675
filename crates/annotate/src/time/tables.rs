//! Static word tables of the time-expression recogniser, one [`Lang`] per
//! language. All forms are lowercase; `'` stands for both `'` and `’`.

/// A unit of duration or calendar arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Direction given by "last", "next", "this", "dernier", "прошлый"...
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rel {
    Last,
    Next,
    This,
}

/// What a fixed phrase means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phrase {
    /// A day relative to the anchor ("yesterday" = -1).
    Day(i64),
    /// A part of a day relative to the anchor ("last night" = -1, "NI").
    DayPod(i64, &'static str),
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
}

/// Word tables of one language.
#[derive(Debug)]
pub(super) struct Lang {
    pub months: &'static [(&'static str, u32)],
    pub weekdays: &'static [(&'static str, u32)],
    pub numbers: &'static [(&'static str, i64)],
    /// Vague quantities: "several", "a few" (the X of PXY).
    pub vague: &'static [&'static str],
    pub ordinals: &'static [(&'static str, u32)],
    /// Duration units, singular and plural.
    pub units: &'static [(&'static str, Unit)],
    /// Calendar units after "last"/"this"/"next".
    pub cal: &'static [(&'static str, Unit)],
    pub mods_before: &'static [(&'static str, Rel)],
    pub mods_after: &'static [(&'static str, Rel)],
    pub phrases: &'static [(&'static [&'static str], Phrase)],
    /// Parts of the day: "morning" → "MO".
    pub pods: &'static [(&'static str, &'static str)],
    pub seasons: &'static [(&'static str, u32)],
    /// Words after a quantity that make it lie in the past: "ago", "назад".
    pub ago_after: &'static [&'static str],
    /// Words before a quantity that make it lie in the past: "il y a", "hace", "vor".
    pub ago_before: &'static [&'static [&'static str]],
    pub future: &'static [&'static str],
    pub past: &'static [&'static str],
    pub future_suffix: &'static [&'static str],
    pub past_suffix: &'static [&'static str],
    /// Words that may link day, month and year: "of", "de", "года".
    pub links: &'static [&'static str],
    /// Numeric dates read day first (09/04/2024 = 9 April).
    pub day_first: bool,
    /// Month and weekday names are written with a capital (English, German).
    pub capitalised: bool,
}

pub(super) const SEASON_CODES: [&str; 4] = ["SP", "SU", "FA", "WI"];

#[rustfmt::skip]
const EN_MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("jan", 1), ("february", 2), ("feb", 2), ("march", 3), ("mar", 3), ("april", 4),
    ("apr", 4), ("may", 5), ("june", 6), ("jun", 6), ("july", 7), ("jul", 7), ("august", 8),
    ("aug", 8), ("september", 9), ("sept", 9), ("sep", 9), ("october", 10), ("oct", 10),
    ("november", 11), ("nov", 11), ("december", 12), ("dec", 12),
];
#[rustfmt::skip]
const EN_WEEKDAYS: &[(&str, u32)] = &[
    ("monday", 0), ("tuesday", 1), ("wednesday", 2), ("thursday", 3), ("friday", 4),
    ("saturday", 5), ("sunday", 6), ("mon", 0), ("tue", 1), ("tues", 1), ("wed", 2), ("thu", 3),
    ("thur", 3), ("thurs", 3), ("fri", 4), ("sat", 5), ("sun", 6),
];
#[rustfmt::skip]
const EN_NUMBERS: &[(&str, i64)] = &[
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
    ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
    ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
    ("nineteen", 19), ("twenty", 20), ("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60),
    ("seventy", 70), ("eighty", 80), ("ninety", 90), ("hundred", 100), ("a", 1), ("an", 1),
    ("dozen", 12),
];
#[rustfmt::skip]
const EN_ORDINALS: &[(&str, u32)] = &[
    ("first", 1), ("second", 2), ("third", 3), ("fourth", 4), ("fifth", 5), ("sixth", 6),
    ("seventh", 7), ("eighth", 8), ("ninth", 9), ("tenth", 10), ("eleventh", 11), ("twelfth", 12),
    ("thirteenth", 13), ("fourteenth", 14), ("fifteenth", 15), ("sixteenth", 16),
    ("seventeenth", 17), ("eighteenth", 18), ("nineteenth", 19), ("twentieth", 20),
    ("thirtieth", 30),
];
#[rustfmt::skip]
const EN_UNITS: &[(&str, Unit)] = &[
    ("minute", Unit::Minute), ("minutes", Unit::Minute), ("hour", Unit::Hour),
    ("hours", Unit::Hour), ("day", Unit::Day), ("days", Unit::Day), ("week", Unit::Week),
    ("weeks", Unit::Week), ("month", Unit::Month), ("months", Unit::Month),
    ("quarter", Unit::Quarter), ("quarters", Unit::Quarter), ("year", Unit::Year),
    ("years", Unit::Year), ("decade", Unit::Decade), ("decades", Unit::Decade),
    ("century", Unit::Century), ("centuries", Unit::Century),
];
#[rustfmt::skip]
const EN_CAL: &[(&str, Unit)] = &[
    ("week", Unit::Week), ("weekend", Unit::Weekend), ("month", Unit::Month),
    ("quarter", Unit::Quarter), ("year", Unit::Year), ("decade", Unit::Decade),
];
#[rustfmt::skip]
const EN_PHRASES: &[(&[&str], Phrase)] = &[
    (&["today"], Phrase::Day(0)), (&["yesterday"], Phrase::Day(-1)), (&["tomorrow"], Phrase::Day(1)),
    (&["tonight"], Phrase::DayPod(0, "NI")), (&["last", "night"], Phrase::DayPod(-1, "NI")),
    (&["this", "morning"], Phrase::DayPod(0, "MO")), (&["this", "afternoon"], Phrase::DayPod(0, "AF")),
    (&["this", "evening"], Phrase::DayPod(0, "EV")),
    (&["later", "this", "afternoon"], Phrase::DayPod(0, "AF")),
    (&["the", "day", "before", "yesterday"], Phrase::Day(-2)),
    (&["the", "day", "after", "tomorrow"], Phrase::Day(2)), (&["now"], Phrase::Ref("PRESENT_REF")),
    (&["right", "now"], Phrase::Ref("PRESENT_REF")), (&["currently"], Phrase::Ref("PRESENT_REF")),
    (&["current"], Phrase::Ref("PRESENT_REF")), (&["nowadays"], Phrase::Ref("PRESENT_REF")),
    (&["these", "days"], Phrase::Ref("PRESENT_REF")), (&["at", "present"], Phrase::Ref("PRESENT_REF")),
    (&["presently"], Phrase::Ref("PRESENT_REF")), (&["recently"], Phrase::Ref("PAST_REF")),
    (&["recent"], Phrase::Ref("PAST_REF")), (&["lately"], Phrase::Ref("PAST_REF")),
    (&["the", "past"], Phrase::Ref("PAST_REF")), (&["formerly"], Phrase::Ref("PAST_REF")),
    (&["recent", "years"], Phrase::Ref("PAST_REF")), (&["recent", "days"], Phrase::Ref("PAST_REF")),
    (&["recent", "weeks"], Phrase::Ref("PAST_REF")), (&["recent", "months"], Phrase::Ref("PAST_REF")),
    (&["past", "years"], Phrase::Ref("PAST_REF")), (&["the", "future"], Phrase::Ref("FUTURE_REF")),
    (&["the", "near", "future"], Phrase::Ref("FUTURE_REF")), (&["soon"], Phrase::Ref("FUTURE_REF")),
    (&["the", "near", "term"], Phrase::Ref("FUTURE_REF")),
    (&["the", "short", "term"], Phrase::Ref("FUTURE_REF")),
    (&["coming", "quarters"], Phrase::Ref("FUTURE_REF")),
    (&["future", "quarters"], Phrase::Ref("FUTURE_REF")), (&["mid", "afternoon"], Phrase::DayPod(0, "AF")),
    (&["mid", "-", "afternoon"], Phrase::DayPod(0, "AF")),
    (&["the", "coming", "days"], Phrase::Ref("FUTURE_REF")),
    (&["the", "coming", "weeks"], Phrase::Ref("FUTURE_REF")),
    (&["the", "coming", "months"], Phrase::Ref("FUTURE_REF")),
    (&["the", "coming", "years"], Phrase::Ref("FUTURE_REF")),
    (&["coming", "months"], Phrase::Ref("FUTURE_REF")), (&["coming", "weeks"], Phrase::Ref("FUTURE_REF")),
    (&["coming", "years"], Phrase::Ref("FUTURE_REF")), (&["coming", "days"], Phrase::Ref("FUTURE_REF")),
    (&["a", "later", "date"], Phrase::Ref("FUTURE_REF")),
    (&["as", "soon", "as", "possible"], Phrase::Ref("FUTURE_REF")),
];
#[rustfmt::skip]
const EN_PODS: &[(&str, &str)] = &[
    ("morning", "MO"), ("afternoon", "AF"), ("evening", "EV"), ("night", "NI"),
    ("mid-afternoon", "AF"), ("midday", "MI"),
];
#[rustfmt::skip]
const EN_SEASONS: &[(&str, u32)] = &[
    ("spring", 0), ("summer", 1), ("fall", 2), ("autumn", 2), ("winter", 3),
];
#[rustfmt::skip]
const EN_MODS_BEFORE: &[(&str, Rel)] = &[
    ("last", Rel::Last), ("past", Rel::Last), ("previous", Rel::Last), ("next", Rel::Next),
    ("coming", Rel::Next), ("this", Rel::This), ("current", Rel::This), ("latest", Rel::Last),
];
#[rustfmt::skip]
const EN_FUTURE: &[&str] = &[
    "will", "ll", "shall", "won", "wo", "going", "expected", "expects", "expect", "scheduled",
    "plans", "planning", "planned", "intends", "slated", "due", "next", "upcoming", "coming",
    "would", "effective", "tomorrow", "supposed", "aims", "hopes", "payable", "must",
    "should", "might", "expires", "expire", "ends", "begins", "starts", "opens", "closes",
    "resumes", "resume", "meets", "arrives", "departs", "convenes", "reopens",
];
#[rustfmt::skip]
const EN_PAST: &[&str] = &[
    "said", "was", "were", "had", "did", "ago", "last", "earlier", "told", "made", "met", "took",
    "gave", "held", "came", "went", "began", "left", "won", "lost", "fell", "rose", "saw", "got",
    "sold", "bought", "paid", "spent", "became", "brought", "found", "hit", "put", "cut", "led",
    "ran", "spoke", "wrote", "yesterday", "previously", "struck", "been", "fled", "sent", "shot",
    "broke", "chose", "drove", "flew", "grew", "knew", "thought", "meant", "felt", "kept", "heard",
    "stood", "sought", "taught", "won",
];
#[rustfmt::skip]
const EN_LINKS: &[&str] = &["of", "the"];

#[rustfmt::skip]
pub(super) static EN: Lang = Lang {
    months: EN_MONTHS,
    weekdays: EN_WEEKDAYS,
    numbers: EN_NUMBERS,
    vague: &["several", "few", "some", "many", "couple"],
    ordinals: EN_ORDINALS,
    units: EN_UNITS,
    cal: EN_CAL,
    mods_before: EN_MODS_BEFORE,
    mods_after: &[],
    phrases: EN_PHRASES,
    pods: EN_PODS,
    seasons: EN_SEASONS,
    ago_after: &["ago"],
    ago_before: &[],
    future: EN_FUTURE,
    past: EN_PAST,
    future_suffix: &[],
    past_suffix: &["ed"],
    links: EN_LINKS,
    day_first: false,
    capitalised: true,
};

#[rustfmt::skip]
pub(super) static FR: Lang = Lang {
    months: &[
        ("janvier", 1), ("janv", 1), ("février", 2), ("fevrier", 2), ("févr", 2), ("mars", 3),
        ("avril", 4), ("avr", 4), ("mai", 5), ("juin", 6), ("juillet", 7), ("juil", 7), ("août", 8),
        ("aout", 8), ("septembre", 9), ("sept", 9), ("octobre", 10), ("oct", 10), ("novembre", 11),
        ("nov", 11), ("décembre", 12), ("decembre", 12), ("déc", 12),
    ],
    weekdays: &[
        ("lundi", 0), ("mardi", 1), ("mercredi", 2), ("jeudi", 3), ("vendredi", 4), ("samedi", 5),
        ("dimanche", 6),
    ],
    numbers: &[
        ("un", 1), ("une", 1), ("deux", 2), ("trois", 3), ("quatre", 4), ("cinq", 5), ("six", 6),
        ("sept", 7), ("huit", 8), ("neuf", 9), ("dix", 10), ("onze", 11), ("douze", 12),
        ("treize", 13), ("quatorze", 14), ("quinze", 15), ("seize", 16), ("vingt", 20),
        ("trente", 30), ("quarante", 40), ("cinquante", 50), ("soixante", 60), ("cent", 100),
    ],
    vague: &["plusieurs", "quelques"],
    ordinals: &[("premier", 1), ("1er", 1), ("première", 1)],
    units: &[
        ("heure", Unit::Hour), ("heures", Unit::Hour), ("jour", Unit::Day), ("jours", Unit::Day),
        ("semaine", Unit::Week), ("semaines", Unit::Week), ("mois", Unit::Month),
        ("an", Unit::Year), ("ans", Unit::Year), ("année", Unit::Year), ("années", Unit::Year),
        ("trimestre", Unit::Quarter), ("trimestres", Unit::Quarter), ("décennie", Unit::Decade),
        ("décennies", Unit::Decade), ("siècle", Unit::Century),
    ],
    cal: &[
        ("semaine", Unit::Week), ("mois", Unit::Month), ("an", Unit::Year), ("année", Unit::Year),
        ("trimestre", Unit::Quarter), ("week-end", Unit::Weekend),
    ],
    mods_before: &[("cette", Rel::This), ("ce", Rel::This), ("cet", Rel::This)],
    mods_after: &[
        ("dernier", Rel::Last), ("dernière", Rel::Last), ("passé", Rel::Last),
        ("passée", Rel::Last), ("prochain", Rel::Next), ("prochaine", Rel::Next),
    ],
    phrases: &[
        (&["aujourd", "'", "hui"], Phrase::Day(0)), (&["hier"], Phrase::Day(-1)), (&["demain"], Phrase::Day(1)),
        (&["avant", "-", "hier"], Phrase::Day(-2)), (&["après", "-", "demain"], Phrase::Day(2)),
        (&["maintenant"], Phrase::Ref("PRESENT_REF")), (&["actuellement"], Phrase::Ref("PRESENT_REF")),
        (&["à", "présent"], Phrase::Ref("PRESENT_REF")), (&["récemment"], Phrase::Ref("PAST_REF")),
        (&["autrefois"], Phrase::Ref("PAST_REF")), (&["le", "passé"], Phrase::Ref("PAST_REF")),
        (&["l", "'", "avenir"], Phrase::Ref("FUTURE_REF")),
        (&["à", "l", "'", "avenir"], Phrase::Ref("FUTURE_REF")), (&["bientôt"], Phrase::Ref("FUTURE_REF")),
        (&["ce", "matin"], Phrase::DayPod(0, "MO")),
        (&["cet", "après", "-", "midi"], Phrase::DayPod(0, "AF")),
        (&["ce", "soir"], Phrase::DayPod(0, "EV")), (&["cette", "nuit"], Phrase::DayPod(0, "NI")),
    ],
    pods: &[
        ("matin", "MO"), ("après-midi", "AF"), ("soir", "EV"), ("nuit", "NI"),
    ],
    seasons: &[("printemps", 0), ("été", 1), ("automne", 2), ("hiver", 3)],
    ago_after: &[],
    ago_before: &[&["il", "y", "a"]],
    future: &[
        "va", "vont", "sera", "seront", "devrait", "doit", "prochain", "prochaine", "demain",
    ],
    past: &[
        "a", "ont", "avait", "était", "fut", "dernier", "dernière", "hier", "il",
    ],
    future_suffix: &["ra", "ront", "rons"],
    past_suffix: &["é", "ée", "és", "ées", "èrent"],
    links: &["de", "du", "le"],
    day_first: true,
    capitalised: false,
};

#[rustfmt::skip]
pub(super) static ES: Lang = Lang {
    months: &[
        ("enero", 1), ("ene", 1), ("febrero", 2), ("feb", 2), ("marzo", 3), ("abril", 4),
        ("abr", 4), ("mayo", 5), ("junio", 6), ("julio", 7), ("agosto", 8), ("ago", 8),
        ("septiembre", 9), ("setiembre", 9), ("sept", 9), ("octubre", 10), ("oct", 10),
        ("noviembre", 11), ("nov", 11), ("diciembre", 12), ("dic", 12),
    ],
    weekdays: &[
        ("lunes", 0), ("martes", 1), ("miércoles", 2), ("miercoles", 2), ("jueves", 3),
        ("viernes", 4), ("sábado", 5), ("sabado", 5), ("domingo", 6),
    ],
    numbers: &[
        ("un", 1), ("una", 1), ("uno", 1), ("dos", 2), ("tres", 3), ("cuatro", 4), ("cinco", 5),
        ("seis", 6), ("siete", 7), ("ocho", 8), ("nueve", 9), ("diez", 10), ("once", 11),
        ("doce", 12), ("quince", 15), ("veinte", 20), ("treinta", 30), ("cuarenta", 40),
        ("cincuenta", 50), ("cien", 100),
    ],
    vague: &["varios", "varias", "unos", "unas"],
    ordinals: &[("primero", 1), ("1º", 1)],
    units: &[
        ("hora", Unit::Hour), ("horas", Unit::Hour), ("día", Unit::Day), ("días", Unit::Day),
        ("semana", Unit::Week), ("semanas", Unit::Week), ("mes", Unit::Month),
        ("meses", Unit::Month), ("año", Unit::Year), ("años", Unit::Year),
        ("trimestre", Unit::Quarter), ("década", Unit::Decade), ("décadas", Unit::Decade),
        ("siglo", Unit::Century),
    ],
    cal: &[
        ("semana", Unit::Week), ("mes", Unit::Month), ("año", Unit::Year),
        ("trimestre", Unit::Quarter), ("fin de semana", Unit::Weekend),
    ],
    mods_before: &[
        ("este", Rel::This), ("esta", Rel::This), ("próximo", Rel::Next), ("próxima", Rel::Next),
        ("proximo", Rel::Next),
    ],
    mods_after: &[
        ("pasado", Rel::Last), ("pasada", Rel::Last), ("próximo", Rel::Next),
        ("próxima", Rel::Next), ("entrante", Rel::Next),
    ],
    phrases: &[
        (&["hoy"], Phrase::Day(0)), (&["ayer"], Phrase::Day(-1)), (&["anteayer"], Phrase::Day(-2)),
        (&["pasado", "mañana"], Phrase::Day(2)), (&["mañana"], Phrase::Day(1)),
        (&["anoche"], Phrase::DayPod(-1, "NI")), (&["esta", "mañana"], Phrase::DayPod(0, "MO")),
        (&["esta", "tarde"], Phrase::DayPod(0, "AF")), (&["esta", "noche"], Phrase::DayPod(0, "NI")),
        (&["ahora"], Phrase::Ref("PRESENT_REF")), (&["actualmente"], Phrase::Ref("PRESENT_REF")),
        (&["recientemente"], Phrase::Ref("PAST_REF")), (&["el", "pasado"], Phrase::Ref("PAST_REF")),
        (&["el", "futuro"], Phrase::Ref("FUTURE_REF")), (&["pronto"], Phrase::Ref("FUTURE_REF")),
    ],
    pods: &[("mañana", "MO"), ("tarde", "AF"), ("noche", "NI")],
    seasons: &[
        ("primavera", 0), ("verano", 1), ("otoño", 2), ("invierno", 3),
    ],
    ago_after: &[],
    ago_before: &[&["hace"]],
    future: &["va", "van", "será", "serán", "próximo", "próxima", "mañana"],
    past: &[
        "fue", "fueron", "era", "había", "ha", "han", "pasado", "pasada", "ayer", "hace",
    ],
    future_suffix: &["rá", "rán"],
    past_suffix: &["ó", "aron", "ieron", "ado", "ido"],
    links: &["de", "del", "el"],
    day_first: true,
    capitalised: false,
};

#[rustfmt::skip]
pub(super) static DE: Lang = Lang {
    months: &[
        ("januar", 1), ("jänner", 1), ("jan", 1), ("februar", 2), ("feb", 2), ("märz", 3),
        ("maerz", 3), ("april", 4), ("apr", 4), ("mai", 5), ("juni", 6), ("juli", 7), ("august", 8),
        ("aug", 8), ("september", 9), ("sept", 9), ("sep", 9), ("oktober", 10), ("okt", 10),
        ("november", 11), ("nov", 11), ("dezember", 12), ("dez", 12),
    ],
    weekdays: &[
        ("montag", 0), ("dienstag", 1), ("mittwoch", 2), ("donnerstag", 3), ("freitag", 4),
        ("samstag", 5), ("sonnabend", 5), ("sonntag", 6),
    ],
    numbers: &[
        ("ein", 1), ("eine", 1), ("einem", 1), ("einer", 1), ("einen", 1), ("zwei", 2), ("drei", 3),
        ("vier", 4), ("fünf", 5), ("sechs", 6), ("sieben", 7), ("acht", 8), ("neun", 9),
        ("zehn", 10), ("elf", 11), ("zwölf", 12), ("fünfzehn", 15), ("zwanzig", 20),
        ("dreißig", 30), ("vierzig", 40), ("fünfzig", 50), ("hundert", 100),
    ],
    vague: &["einigen", "mehreren", "einige", "mehrere", "paar"],
    ordinals: &[],
    units: &[
        ("stunde", Unit::Hour), ("stunden", Unit::Hour), ("tag", Unit::Day), ("tage", Unit::Day),
        ("tagen", Unit::Day), ("woche", Unit::Week), ("wochen", Unit::Week), ("monat", Unit::Month),
        ("monate", Unit::Month), ("monaten", Unit::Month), ("jahr", Unit::Year),
        ("jahre", Unit::Year), ("jahren", Unit::Year), ("jahrzehnt", Unit::Decade),
        ("jahrzehnten", Unit::Decade), ("quartal", Unit::Quarter),
    ],
    cal: &[
        ("woche", Unit::Week), ("monat", Unit::Month), ("monats", Unit::Month),
        ("jahr", Unit::Year), ("jahres", Unit::Year), ("quartal", Unit::Quarter),
        ("wochenende", Unit::Weekend),
    ],
    mods_before: &[
        ("letzte", Rel::Last), ("letzten", Rel::Last), ("letztes", Rel::Last),
        ("letzter", Rel::Last), ("vergangene", Rel::Last), ("vergangenen", Rel::Last),
        ("vergangenes", Rel::Last), ("vorige", Rel::Last), ("vorigen", Rel::Last),
        ("voriges", Rel::Last), ("nächste", Rel::Next), ("nächsten", Rel::Next),
        ("nächstes", Rel::Next), ("kommende", Rel::Next), ("kommenden", Rel::Next),
        ("kommendes", Rel::Next), ("diese", Rel::This), ("diesen", Rel::This),
        ("dieses", Rel::This), ("diesem", Rel::This), ("dieser", Rel::This),
    ],
    mods_after: &[],
    phrases: &[
        (&["heute"], Phrase::Day(0)), (&["gestern"], Phrase::Day(-1)), (&["morgen"], Phrase::Day(1)),
        (&["vorgestern"], Phrase::Day(-2)), (&["übermorgen"], Phrase::Day(2)),
        (&["heute", "morgen"], Phrase::DayPod(0, "MO")), (&["heute", "abend"], Phrase::DayPod(0, "EV")),
        (&["heute", "nacht"], Phrase::DayPod(0, "NI")), (&["gestern", "abend"], Phrase::DayPod(-1, "EV")),
        (&["jetzt"], Phrase::Ref("PRESENT_REF")), (&["derzeit"], Phrase::Ref("PRESENT_REF")),
        (&["zurzeit"], Phrase::Ref("PRESENT_REF")), (&["gegenwärtig"], Phrase::Ref("PRESENT_REF")),
        (&["kürzlich"], Phrase::Ref("PAST_REF")), (&["neulich"], Phrase::Ref("PAST_REF")),
        (&["früher"], Phrase::Ref("PAST_REF")), (&["in", "der", "vergangenheit"], Phrase::Ref("PAST_REF")),
        (&["in", "zukunft"], Phrase::Ref("FUTURE_REF")), (&["künftig"], Phrase::Ref("FUTURE_REF")),
        (&["bald"], Phrase::Ref("FUTURE_REF")),
    ],
    pods: &[
        ("morgen", "MO"), ("vormittag", "MO"), ("nachmittag", "AF"), ("abend", "EV"),
        ("nacht", "NI"),
    ],
    seasons: &[
        ("frühling", 0), ("frühjahr", 0), ("sommer", 1), ("herbst", 2), ("winter", 3),
    ],
    ago_after: &[],
    ago_before: &[&["vor"]],
    future: &[
        "wird", "werden", "soll", "sollen", "will", "wollen", "nächste", "nächsten", "morgen",
    ],
    past: &[
        "hat", "haben", "war", "waren", "hatte", "hatten", "letzte", "letzten", "vergangenen",
        "gestern", "vor",
    ],
    future_suffix: &[],
    past_suffix: &[],
    links: &["des", "im"],
    day_first: true,
    capitalised: true,
};

#[rustfmt::skip]
pub(super) static RU: Lang = Lang {
    months: &[
        ("январь", 1), ("января", 1), ("январе", 1), ("февраль", 2), ("февраля", 2), ("феврале", 2),
        ("март", 3), ("марта", 3), ("марте", 3), ("апрель", 4), ("апреля", 4), ("апреле", 4),
        ("май", 5), ("мая", 5), ("мае", 5), ("июнь", 6), ("июня", 6), ("июне", 6), ("июль", 7),
        ("июля", 7), ("июле", 7), ("август", 8), ("августа", 8), ("августе", 8), ("сентябрь", 9),
        ("сентября", 9), ("сентябре", 9), ("октябрь", 10), ("октября", 10), ("октябре", 10),
        ("ноябрь", 11), ("ноября", 11), ("ноябре", 11), ("декабрь", 12), ("декабря", 12),
        ("декабре", 12),
    ],
    weekdays: &[
        ("понедельник", 0), ("вторник", 1), ("среду", 2), ("четверг", 3), ("пятницу", 4),
        ("пятница", 4), ("субботу", 5), ("суббота", 5), ("воскресенье", 6), ("понедельника", 0),
        ("вторника", 1), ("среды", 2), ("четверга", 3), ("пятницы", 4), ("субботы", 5),
        ("воскресенья", 6),
    ],
    numbers: &[
        ("один", 1), ("одна", 1), ("одну", 1), ("два", 2), ("две", 2), ("три", 3), ("четыре", 4),
        ("пять", 5), ("шесть", 6), ("семь", 7), ("восемь", 8), ("девять", 9), ("десять", 10),
        ("пятнадцать", 15), ("двадцать", 20), ("тридцать", 30), ("сорок", 40), ("пятьдесят", 50),
        ("сто", 100),
    ],
    vague: &["несколько"],
    ordinals: &[],
    units: &[
        ("час", Unit::Hour), ("часа", Unit::Hour), ("часов", Unit::Hour), ("день", Unit::Day),
        ("дня", Unit::Day), ("дней", Unit::Day), ("неделю", Unit::Week), ("недели", Unit::Week),
        ("недель", Unit::Week), ("месяц", Unit::Month), ("месяца", Unit::Month),
        ("месяцев", Unit::Month), ("год", Unit::Year), ("года", Unit::Year), ("лет", Unit::Year),
    ],
    cal: &[
        ("неделе", Unit::Week), ("неделю", Unit::Week), ("неделя", Unit::Week),
        ("месяце", Unit::Month), ("месяц", Unit::Month), ("году", Unit::Year), ("год", Unit::Year),
        ("квартале", Unit::Quarter),
    ],
    mods_before: &[
        ("прошлой", Rel::Last), ("прошлом", Rel::Last), ("прошлый", Rel::Last),
        ("прошлую", Rel::Last), ("прошлого", Rel::Last), ("прошедшей", Rel::Last),
        ("следующей", Rel::Next), ("следующем", Rel::Next), ("следующий", Rel::Next),
        ("следующую", Rel::Next), ("будущем", Rel::Next), ("будущей", Rel::Next),
        ("этой", Rel::This), ("этом", Rel::This), ("этот", Rel::This), ("эту", Rel::This),
        ("текущем", Rel::This), ("текущей", Rel::This),
    ],
    mods_after: &[],
    phrases: &[
        (&["сегодня"], Phrase::Day(0)), (&["вчера"], Phrase::Day(-1)), (&["завтра"], Phrase::Day(1)),
        (&["позавчера"], Phrase::Day(-2)), (&["послезавтра"], Phrase::Day(2)),
        (&["сегодня", "утром"], Phrase::DayPod(0, "MO")),
        (&["сегодня", "вечером"], Phrase::DayPod(0, "EV")),
        (&["вчера", "вечером"], Phrase::DayPod(-1, "EV")), (&["сейчас"], Phrase::Ref("PRESENT_REF")),
        (&["теперь"], Phrase::Ref("PRESENT_REF")),
        (&["в", "настоящее", "время"], Phrase::Ref("PRESENT_REF")), (&["недавно"], Phrase::Ref("PAST_REF")),
        (&["в", "будущем"], Phrase::Ref("FUTURE_REF")), (&["скоро"], Phrase::Ref("FUTURE_REF")),
        (&["в", "прошлом"], Phrase::Ref("PAST_REF")),
    ],
    pods: &[
        ("утром", "MO"), ("днем", "AF"), ("днём", "AF"), ("вечером", "EV"), ("ночью", "NI"),
    ],
    seasons: &[
        ("весной", 0), ("весна", 0), ("летом", 1), ("лето", 1), ("осенью", 2), ("осень", 2),
        ("зимой", 3), ("зима", 3),
    ],
    ago_after: &["назад"],
    ago_before: &[],
    future: &[
        "будет", "будут", "следующей", "следующем", "завтра", "планирует", "намерен",
        "состоится", "пройдет", "пройдёт", "посетит", "проведет", "проведёт", "встретится",
        "прибудет", "начнется", "начнётся", "вернется", "вернётся",
    ],
    past: &[
        "был", "была", "было", "были", "прошлой", "прошлом", "вчера", "назад",
    ],
    future_suffix: &[],
    past_suffix: &[
        "ал", "ала", "али", "ил", "ила", "или", "ел", "ела", "ели", "ял", "яла",
    ],
    links: &["года", "г"],
    day_first: true,
    capitalised: false,
};

/// The tables for an ISO 639-1 code; unknown codes read as English.
pub(super) fn lang(code: &str) -> &'static Lang {
    match code.get(..2).map(str::to_ascii_lowercase).as_deref() {
        Some("fr") => &FR,
        Some("es") => &ES,
        Some("de") => &DE,
        Some("ru") => &RU,
        _ => &EN,
    }
}

/// Abbreviations after which a full stop does not end a sentence.
#[rustfmt::skip]
pub(super) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "inc", "corp", "co", "ltd", "jr", "sr", "gov", "sen", "rep", "gen", "col",
    "lt", "sgt", "prof", "no", "vs", "mt", "ft", "u", "s", "a", "p", "m", "e", "janv", "févr",
    "avr", "juil", "déc", "okt", "dez",
];

/// Nouns after which a four-digit number counts things, not years.
#[rustfmt::skip]
pub(super) const COUNT_NOUNS: &[&str] = &[
    "people", "persons", "votes", "tons", "tonnes", "dollars", "euros", "yuan", "rubles", "roubles",
    "pounds", "units", "cars", "shares", "employees", "workers", "jobs", "troops", "soldiers",
    "men", "women", "children", "km", "kilometers", "kilometres", "miles", "meters", "metres",
    "feet", "barrels", "cases", "deaths", "times", "points", "seats", "members", "companies",
    "homes", "houses", "acres", "hectares", "students", "residents", "words", "pages", "kg", "mw",
    "gw", "families", "patients", "refugees", "victims", "passengers", "flights", "visitors",
    "delegates", "police", "officers", "prisoners", "stores", "plants", "vehicles", "aircraft",
    "planes", "ships", "bbl", "percent", "personnes", "personas", "menschen", "человек", "hours",
    "minutes", "days", "metric",
];
