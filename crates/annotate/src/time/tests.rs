use super::*;
use proptest::prelude::*;

/// Tuesday 9 April 2024.
const A: Option<Anchor> = Some(Anchor {
    year: 2024,
    month: 4,
    day: 9,
});
/// Monday 8 April 2024.
const MON: Option<Anchor> = Some(Anchor {
    year: 2024,
    month: 4,
    day: 8,
});
/// Thursday 11 April 2024.
const THU: Option<Anchor> = Some(Anchor {
    year: 2024,
    month: 4,
    day: 11,
});

/// Checks the value of the expression marked with `[...]` in a sentence:
/// some mention must overlap the marked span and carry `expected`.
fn check(marked: &str, lang: &str, anchor: Option<Anchor>, expected: Option<&str>) {
    let chars: Vec<char> = marked.chars().collect();
    let (Some(open), Some(close)) = (
        chars.iter().position(|c| *c == '['),
        chars.iter().position(|c| *c == ']'),
    ) else {
        panic!("no [expression] in {marked:?}");
    };
    let text: String = chars.iter().filter(|c| !matches!(c, '[' | ']')).collect();
    let (start, end) = (open, close - 1);
    let found = find_times(&text, lang, anchor);
    let Some(m) = found.iter().find(|m| m.start < end && start < m.end) else {
        panic!("{marked:?} ({lang}): nothing found at {start}..{end}; got {found:?}");
    };
    assert_eq!(m.value.as_deref(), expected, "{marked:?} ({lang}): {m:?}");
    let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
    assert_eq!(slice, m.text, "offsets must count chars");
}

/// Checks that nothing in `text` is taken for a time expression with a value.
fn check_no_value(text: &str, lang: &str) {
    let found = find_times(text, lang, A);
    assert!(
        found.iter().all(|m| m.value.is_none()),
        "{text:?}: {found:?}"
    );
}

#[test]
fn english_absolute_dates() {
    let cases: &[(&str, Option<&str>)] = &[
        ("The meeting of [April 9, 2024] ended.", Some("2024-04-09")),
        ("They met on [9 April 2024] in Beijing.", Some("2024-04-09")),
        ("They met on [Apr. 9] in Beijing.", Some("2024-04-09")),
        ("He arrived on [April 2].", Some("2024-04-02")),
        (
            "The rule will take effect on [December 20].",
            Some("2024-12-20"),
        ),
        (
            "She was born on [the 9th of April, 1990].",
            Some("1990-04-09"),
        ),
        ("Sales rose in [April 2024].", Some("2024-04")),
        ("Sales rose in [March of 2023].", Some("2023-03")),
        ("It happened in [2024].", Some("2024")),
        ("Dated [09/04/2024] in New York.", Some("2024-09-04")),
        ("Dated [2024-04-09].", Some("2024-04-09")),
        ("Prices fell throughout [the 1990s].", Some("199")),
        ("Sales peaked in [the late 1970s].", Some("197")),
        ("Music of [the '80s] is back.", Some("198")),
        ("Profit rose in [fiscal 1998].", Some("1998")),
        ("Profit rose in [the third quarter].", Some("2024-Q3")),
        (
            "Profit rose in [the third quarter of 1990].",
            Some("1990-Q3"),
        ),
        ("It was the best year of [the 20th century].", Some("19")),
        ("He came in [the summer of 2023].", Some("2023-SU")),
        ("It was founded in ['98].", Some("1998")),
        ("It was founded in [nineteen ninety-six].", Some("1996")),
        ("The talks ran from [2001]-2003.", Some("2001")),
        ("The talks ran from 2001-[2003].", Some("2003")),
        ("The 1990-[91] season.", Some("1991")),
        (
            "The approach of [the year two thousand] worried them.",
            Some("2000"),
        ),
        (
            "The offer expires at [5 p.m. EST, Nov. 6].",
            Some("2024-11-06T17:00"),
        ),
    ];
    for (s, v) in cases {
        check(s, "en", A, *v);
    }
}

#[test]
fn english_weekdays_and_tense() {
    check(
        "Putin will visit Beijing on [Tuesday].",
        "en",
        MON,
        Some("2024-04-09"),
    );
    check("Lavrov met Xi on [Tuesday].", "en", THU, Some("2024-04-09"));
    check(
        "Lavrov said [Tuesday] that ties were strong.",
        "en",
        A,
        Some("2024-04-09"),
    );
    check("He arrived [last Friday].", "en", A, Some("2024-04-05"));
    check("He leaves [next Tuesday].", "en", A, Some("2024-04-16"));
    check("[On Monday] he met Xi.", "en", A, Some("2024-04-08"));
    check("Talks are to resume [Friday].", "en", A, Some("2024-04-12"));
    check(
        "The vote is scheduled for [Thursday].",
        "en",
        A,
        Some("2024-04-11"),
    );
    check(
        "Talks ran from [Monday] to Wednesday.",
        "en",
        THU,
        Some("2024-04-08"),
    );
    check(
        "Talks ran from Monday to [Wednesday].",
        "en",
        THU,
        Some("2024-04-10"),
    );
    check(
        "They met [Tuesday afternoon].",
        "en",
        A,
        Some("2024-04-09TAF"),
    );
    check(
        "The attack began [Saturday night].",
        "en",
        A,
        Some("2024-04-06TNI"),
    );
    check(
        "The ultimatum ends at [noon Saturday].",
        "en",
        A,
        Some("2024-04-13T12:00"),
    );
    check(
        "It ended at [10 p.m. Wednesday].",
        "en",
        THU,
        Some("2024-04-10T22:00"),
    );
    check(
        "The explosion came at [3:30 p.m.].",
        "en",
        A,
        Some("2024-04-09T15:30"),
    );
    check(
        "On [Saturday, April 13] they will vote.",
        "en",
        A,
        Some("2024-04-13"),
    );
}

#[test]
fn english_relative_expressions() {
    let cases: &[(&str, Option<&str>)] = &[
        ("Xi met Lavrov [today].", Some("2024-04-09")),
        ("They will dine [tonight].", Some("2024-04-09TNI")),
        ("Xi met Lavrov [yesterday].", Some("2024-04-08")),
        ("Xi meets Lavrov [tomorrow].", Some("2024-04-10")),
        ("The two [now] agree.", Some("PRESENT_REF")),
        ("He is [currently] in Beijing.", Some("PRESENT_REF")),
        ("He [recently] visited Moscow.", Some("PAST_REF")),
        ("He visited Moscow [last week].", Some("2024-W14")),
        ("He visits Moscow [this week].", Some("2024-W15")),
        ("He visits Moscow [next month].", Some("2024-05")),
        ("He visited Moscow [last year].", Some("2023")),
        ("[This year] marks the 75th anniversary.", Some("2024")),
        ("He visited Moscow [earlier this year].", Some("2024")),
        (
            "[This February], the president came to Sochi.",
            Some("2024-02"),
        ),
        (
            "In [February], the president came to Sochi.",
            Some("2024-02"),
        ),
        (
            "In [October], the president came to Sochi.",
            Some("2023-10"),
        ),
        ("In [June], the president came to Sochi.", Some("2023-06")),
        (
            "Final rules to be published in [May] will decide.",
            Some("2024-05"),
        ),
        (
            "In [June], the president will come to Sochi.",
            Some("2024-06"),
        ),
        ("He left [two days ago].", Some("2024-04-07")),
        ("They signed the treaty [twenty years ago].", Some("2004")),
        ("They met [three months ago].", Some("2024-01")),
        ("They met [a week ago].", Some("2024-04-02")),
        (
            "He met Xi on March 3 and left [the following day].",
            Some("2024-03-04"),
        ),
        (
            "He left on April 5. [The day before], he met Xi.",
            Some("2024-04-04"),
        ),
        (
            "Profit rose from $2 million [a year earlier].",
            Some("2023"),
        ),
        ("Profit rose from $2 million [a year ago].", Some("2023")),
        ("Talks are due [in the coming weeks].", Some("FUTURE_REF")),
        ("He was [formerly] a minister.", Some("PAST_REF")),
        ("Mistakes of [the past] must end.", Some("PAST_REF")),
        ("Ties will grow in [the future].", Some("FUTURE_REF")),
        ("He spoke [this morning].", Some("2024-04-09TMO")),
        ("He spoke [this evening].", Some("2024-04-09TEV")),
        ("He spoke [last night].", Some("2024-04-08TNI")),
        ("He spoke [yesterday morning].", Some("2024-04-08TMO")),
        ("He visited [last spring].", Some("2023-SP")),
        ("He visits [this summer].", Some("2024-SU")),
        ("He left over [the weekend].", Some("2024-W14-WE")),
        ("Prices fell in [the latest quarter].", Some("2024-Q1")),
        ("Prices fell in [the current quarter].", Some("2024-Q2")),
        ("Prices fell in [the first half].", Some("2024-H1")),
        ("Prices fell in [June last year].", Some("2023-06")),
        ("Prices fell in [recent years].", Some("PAST_REF")),
        (
            "Prices fell over [the past several months].",
            Some("PAST_REF"),
        ),
        ("He expects approval by [year-end].", Some("2024")),
    ];
    for (s, v) in cases {
        check(s, "en", A, *v);
    }
    // quarter context: "a year ago" in an earnings report is the same quarter a year before
    check(
        "Profit in the third quarter was $3 million, up from $2 million [a year ago].",
        "en",
        Some(Anchor {
            year: 1989,
            month: 10,
            day: 26,
        }),
        Some("1988-Q3"),
    );
    check(
        "Sales in the third quarter rose. [The year-ago quarter] was weak.",
        "en",
        Some(Anchor {
            year: 1989,
            month: 10,
            day: 26,
        }),
        Some("1988-Q3"),
    );
}

#[test]
fn english_durations_and_sets() {
    let cases: &[(&str, Option<&str>)] = &[
        ("Stocks fell over [the past three months].", Some("P3M")),
        ("Stocks fell in [the last twenty four hours].", Some("P1D")),
        ("The war lasted [several years].", Some("PXY")),
        ("The war lasted [two weeks].", Some("P2W")),
        ("The war lasted [twenty-five years].", Some("P25Y")),
        ("It was a [five-year] plan.", Some("P5Y")),
        ("They meet [every month].", Some("P1M")),
        ("The paper appears [daily].", Some("XXXX-XX-XX")),
    ];
    for (s, v) in cases {
        check(s, "en", A, *v);
    }
    let m = find_times("Stocks fell over the past three months.", "en", A);
    assert_eq!(m.first().map(|m| m.kind), Some(TimeKind::Duration));
    let m = find_times("They meet every month.", "en", A);
    assert_eq!(m.first().map(|m| m.kind), Some(TimeKind::Set));
}

#[test]
fn english_without_anchor_keeps_relative_values_empty() {
    check("Lavrov met Xi on [Tuesday].", "en", None, None);
    check("Lavrov met Xi [yesterday].", "en", None, None);
    check("[This February], he came.", "en", None, None);
    check("They met [last week].", "en", None, None);
    check("They met on [April 9].", "en", None, None);
    check(
        "They met on [April 9, 2024].",
        "en",
        None,
        Some("2024-04-09"),
    );
    check("In [2013], Xi visited Russia.", "en", None, Some("2013"));
    check("He is [currently] away.", "en", None, Some("PRESENT_REF"));
}

#[test]
fn garbage_around_digits() {
    check("It happened on [February 30].", "en", A, None);
    check("It happened on [31/02/2024].", "fr", A, None);
    for text in [
        "The A380 jet landed.",
        "A 4-3 win for the hosts.",
        "COVID-19 cases rose.",
        "The 9/11 attacks changed everything.",
        "Call 1-800-268-7116 now for details.",
        "It cost $2014 in total.",
        "There were 2024 people in the hall.",
        "Exactly 1500 votes were cast.",
        "He scored 2000 points.",
        "Version 10.2.2019 is out.",
        "In 999 the town was founded.",
        "By 2250 the sea will rise.",
        "Room 1999-2 is locked.",
        "The score was 12:30 in the end.",
    ] {
        let found = find_times(text, "en", A);
        assert!(
            found
                .iter()
                .all(|m| m.value.is_none() || !m.text.chars().any(|c| c.is_ascii_digit())),
            "{text:?}: {found:?}"
        );
    }
    check_no_value("", "en");
    check_no_value("   \n\n  ", "de");
    check_no_value("12345678901234567890 / 99 / 2024-99-99", "en");
}

#[test]
fn names_and_labels_are_not_dates() {
    for (text, lang) in [
        ("La sonde vers Mars a coûté cher.", "fr"),
        // "été", the participle of "être", is no summer.
        ("La rencontre avait été annoncée.", "fr"),
        ("Il n'a jamais été aussi prudent.", "fr"),
        ("Mayo Clinic abrió.", "es"),
        ("August Bebel sprach.", "de"),
        ("August Bebel spoke.", "en"),
        ("He may go.", "en"),
        ("Markets were closed on Good Friday.", "en"),
        ("The 1200-seat hall opened.", "en"),
        ("Article 2014 of the code applies.", "en"),
        (
            "Secretary Baker spoke on ABC's \"This Week With David Brinkley\".",
            "en",
        ),
        ("The Winter Olympics opened.", "en"),
        ("The Wall Street Journal and China Daily reported it.", "en"),
    ] {
        let found = find_times(text, lang, A);
        assert!(found.is_empty(), "{text:?}: {found:?}");
    }
}

#[test]
fn more_english_forms() {
    let cases: &[(&str, Option<&str>)] = &[
        ("Trading resumes at [1400 GMT].", Some("2024-04-09T14:00")),
        ("The law takes effect [Oct. 1].", Some("2024-10-01")),
        ("Shops close on [Christmas Eve].", Some("2023-12-24")),
        ("Shops will close on [Christmas Day].", Some("2024-12-25")),
        (
            "The fund was set up [more than a decade ago].",
            Some("2014"),
        ),
        (
            "In 2001 he left. [Two years later] he returned.",
            Some("2003"),
        ),
        ("He said so [at the time].", Some("PAST_REF")),
        ("He left [this past weekend].", Some("2024-W14-WE")),
        ("He returned [later in the day].", Some("2024-04-09")),
        (
            "Sales in [the quarter ended Sept. 30] rose.",
            Some("2023-Q3"),
        ),
        (
            "Sales in [the quarter ended March 31] rose.",
            Some("2024-Q1"),
        ),
        ("The reports were filed by [Wednesday].", Some("2024-04-10")),
        (
            "They had filed the reports by [Wednesday].",
            Some("2024-04-03"),
        ),
    ];
    for (s, v) in cases {
        check(s, "en", A, *v);
    }
}

#[test]
fn french() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "Xi a rencontré Lavrov le [9 avril 2024] à Pékin.",
            Some("2024-04-09"),
        ),
        (
            "Le ministre est arrivé [mardi] à Pékin.",
            Some("2024-04-09"),
        ),
        ("Il est arrivé [aujourd'hui].", Some("2024-04-09")),
        ("Il est arrivé [hier].", Some("2024-04-08")),
        ("Il arrivera [demain].", Some("2024-04-10")),
        ("Il est venu [la semaine dernière].", Some("2024-W14")),
        ("Il est venu [l'année dernière].", Some("2023")),
        ("Il est venu [il y a deux jours].", Some("2024-04-07")),
        ("Le traité signé [il y a vingt ans].", Some("2004")),
        ("Il est venu en [février].", Some("2024-02")),
        ("Il a parlé [ce matin].", Some("2024-04-09TMO")),
        ("Il viendra [mardi prochain].", Some("2024-04-16")),
        ("Il est venu [mardi dernier].", Some("2024-04-02")),
        ("Daté du [09/04/2024].", Some("2024-04-09")),
        ("En [mars 2023], Xi a visité Moscou.", Some("2023-03")),
        ("[Cette année] marque un anniversaire.", Some("2024")),
        ("Il viendra [le mois prochain].", Some("2024-05")),
        (
            "Les deux pays sont [maintenant] proches.",
            Some("PRESENT_REF"),
        ),
        ("Il a [récemment] visité Moscou.", Some("PAST_REF")),
        ("Le vote a eu lieu en [2024].", Some("2024")),
        ("Il reviendra l'[été prochain].", Some("2024-SU")),
        ("Il a été question de l'[été 2023].", Some("2023-SU")),
    ];
    for (s, v) in cases {
        check(s, "fr", A, *v);
    }
    check(
        "Poutine va visiter Pékin [mardi].",
        "fr",
        MON,
        Some("2024-04-09"),
    );
}

#[test]
fn spanish() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "Xi se reunió con Lavrov el [9 de abril de 2024].",
            Some("2024-04-09"),
        ),
        ("El ministro llegó el [martes] a Pekín.", Some("2024-04-09")),
        ("Llegó [hoy].", Some("2024-04-09")),
        ("Llegó [ayer].", Some("2024-04-08")),
        ("Llegará [mañana].", Some("2024-04-10")),
        ("Llegó [la semana pasada].", Some("2024-W14")),
        ("Llegó [el año pasado].", Some("2023")),
        ("Llegó [hace dos días].", Some("2024-04-07")),
        ("Firmaron el tratado [hace veinte años].", Some("2004")),
        ("Llegó en [febrero].", Some("2024-02")),
        ("Habló [esta mañana].", Some("2024-04-09TMO")),
        ("Llegará el [próximo martes].", Some("2024-04-16")),
        ("Llegó [el martes pasado].", Some("2024-04-02")),
        ("Fechado el [09/04/2024].", Some("2024-04-09")),
        ("En [marzo de 2023], Xi visitó Moscú.", Some("2023-03")),
        ("[Este año] marca un aniversario.", Some("2024")),
        ("Llegará [el mes que viene].", Some("2024-05")),
        ("Los dos países están [ahora] cerca.", Some("PRESENT_REF")),
        ("Visitó Moscú [recientemente].", Some("PAST_REF")),
    ];
    for (s, v) in cases {
        check(s, "es", A, *v);
    }
    check(
        "Putin visitará Pekín el [martes].",
        "es",
        MON,
        Some("2024-04-09"),
    );
}

#[test]
fn german() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "Xi traf Lavrov am [9. April 2024] in Peking.",
            Some("2024-04-09"),
        ),
        (
            "Der Minister traf am [Dienstag] in Peking ein.",
            Some("2024-04-09"),
        ),
        ("Er kam [heute].", Some("2024-04-09")),
        ("Er kam [gestern].", Some("2024-04-08")),
        ("Er kommt [morgen].", Some("2024-04-10")),
        ("Er kam [letzte Woche].", Some("2024-W14")),
        ("Er kam [letztes Jahr].", Some("2023")),
        ("Er kam [vor zwei Tagen].", Some("2024-04-07")),
        (
            "Der Vertrag wurde [vor zwanzig Jahren] unterzeichnet.",
            Some("2004"),
        ),
        ("Er kam im [Februar].", Some("2024-02")),
        ("Er sprach [heute Morgen].", Some("2024-04-09TMO")),
        ("Er kommt [nächsten Dienstag].", Some("2024-04-16")),
        ("Er kam [letzten Dienstag].", Some("2024-04-02")),
        ("Datiert [09.04.2024].", Some("2024-04-09")),
        ("Im [März 2023] besuchte Xi Moskau.", Some("2023-03")),
        ("[Dieses Jahr] ist ein Jubiläum.", Some("2024")),
        ("Er kommt [nächsten Monat].", Some("2024-05")),
        ("Die Sitzung beginnt um [15 Uhr].", Some("2024-04-09T15:00")),
        (
            "Beide Länder sind [jetzt] enge Partner.",
            Some("PRESENT_REF"),
        ),
        ("Er hat [kürzlich] Moskau besucht.", Some("PAST_REF")),
    ];
    for (s, v) in cases {
        check(s, "de", A, *v);
    }
    check(
        "Putin wird Peking am [Dienstag] besuchen.",
        "de",
        MON,
        Some("2024-04-09"),
    );
}

#[test]
fn russian() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "Си встретился с Лавровым [9 апреля 2024 года] в Пекине.",
            Some("2024-04-09"),
        ),
        ("Министр прибыл во [вторник] в Пекин.", Some("2024-04-09")),
        ("Он приехал [сегодня].", Some("2024-04-09")),
        ("Он приехал [вчера].", Some("2024-04-08")),
        ("Он приедет [завтра].", Some("2024-04-10")),
        ("Он приехал [на прошлой неделе].", Some("2024-W14")),
        ("Он приехал [в прошлом году].", Some("2023")),
        ("Он приехал [два дня назад].", Some("2024-04-07")),
        ("Договор подписали [двадцать лет назад].", Some("2004")),
        ("Он приехал в [феврале].", Some("2024-02")),
        ("Он выступил [сегодня утром].", Some("2024-04-09TMO")),
        ("Он приедет в [следующий вторник].", Some("2024-04-16")),
        ("Он приехал в [прошлый вторник].", Some("2024-04-02")),
        ("Дата: [09.04.2024].", Some("2024-04-09")),
        ("В [марте 2023 года] Си посетил Москву.", Some("2023-03")),
        ("[В этом году] отмечается юбилей.", Some("2024")),
        ("Страны [сейчас] близки.", Some("PRESENT_REF")),
        ("Он [недавно] посетил Москву.", Some("PAST_REF")),
        ("Выборы прошли в [2024 году].", Some("2024")),
    ];
    for (s, v) in cases {
        check(s, "ru", A, *v);
    }
    check(
        "Путин посетит Пекин во [вторник].",
        "ru",
        MON,
        Some("2024-04-09"),
    );
}

#[test]
fn unknown_language_reads_as_english() {
    check("Xi met Lavrov [yesterday].", "xx", A, Some("2024-04-08"));
    check("Xi met Lavrov [yesterday].", "", A, Some("2024-04-08"));
}

#[test]
fn invalid_anchor_is_no_anchor() {
    let bad = Some(Anchor {
        year: 2024,
        month: 13,
        day: 40,
    });
    check("Xi met Lavrov [yesterday].", "en", bad, None);
    let far = Some(Anchor {
        year: i32::MAX,
        month: 12,
        day: 31,
    });
    check("Xi met Lavrov [yesterday].", "en", far, None);
}

const LEAD_TODAY: &str = "Xi and Lavrov on cooperation\n\nChinese President Xi Jinping met \
    today in Beijing with Russian Foreign Minister Sergey Lavrov.\n\nIn March 2023, Xi \
    Jinping visited Moscow. This year marks the 75th anniversary of relations.";

const CAPTIONED: &str = "China promises Lavrov to strengthen cooperation\n\nThe foreign \
    ministers called Tuesday in Beijing for closer strategic cooperation.\n\nIn March 2023, \
    Xi Jinping visited Moscow, reaffirming a limitless friendship.\n\nWang Yi and his Russian \
    counterpart, Sergei Lavrov, April 9, 2024 in Beijing. Photo: Handout\n\nShe has been a \
    reporter since 2013.";

const UNDATED: &str = "Putin's visit to China to be year's major event\n\nLavrov, who \
    arrives in Beijing Tuesday, said: \"In 2013, President Xi made a State visit to Russia. \
    This February, the president came to Sochi.\"";

#[test]
fn event_date_prefers_the_lead_near_the_anchor() {
    let m = find_times(LEAD_TODAY, "en", A);
    assert_eq!(event_date(LEAD_TODAY, &m, A).as_deref(), Some("2024-04-09"));
    assert!(
        m.iter()
            .any(|m| m.text == "March 2023" && m.value.as_deref() == Some("2023-03"))
    );
}

#[test]
fn captions_anchor_relative_dates() {
    let first = find_times(CAPTIONED, "en", None);
    let anchor = best_absolute_date(&first);
    assert_eq!(
        anchor,
        Some(Anchor {
            year: 2024,
            month: 4,
            day: 9
        })
    );
    let m = find_times(CAPTIONED, "en", anchor);
    let value_of = |t: &str| m.iter().find(|m| m.text == t).and_then(|m| m.value.clone());
    assert_eq!(value_of("Tuesday").as_deref(), Some("2024-04-09"));
    assert_eq!(value_of("March 2023").as_deref(), Some("2023-03"));
    assert_eq!(
        event_date(CAPTIONED, &m, anchor).as_deref(),
        Some("2024-04-09")
    );
}

#[test]
fn no_anchor_never_invents_a_date() {
    let m = find_times(UNDATED, "en", None);
    assert_eq!(best_absolute_date(&m), None);
    assert!(
        m.iter()
            .all(|m| m.value.as_deref().is_none_or(|v| !v.starts_with("2024"))),
        "{m:?}"
    );
    assert_eq!(event_date(UNDATED, &m, None), None);
}

#[test]
fn background_dates_are_not_the_event() {
    let text = "In March 2023, Xi Jinping visited Moscow. Analysts expect more visits.";
    let m = find_times(text, "en", A);
    assert_eq!(event_date(text, &m, A), None);
}

fn tricky_text() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "April",
        "9",
        ",",
        "2024",
        "Tuesday",
        "last",
        "next",
        "the",
        "third",
        "quarter",
        "ago",
        "a",
        "year",
        "earlier",
        "-",
        "/",
        ".",
        ":",
        "'",
        "98",
        "s",
        "p.m.",
        "3:30",
        "mid",
        "hier",
        "mardi",
        "il",
        "y",
        "hace",
        "vor",
        "назад",
        "апреля",
        "года",
        "в",
        "прошлом",
        "году",
        "février",
        "30",
        "31",
        "0",
        "99999999",
        "twenty",
        "four",
        "hours",
        "since",
        "$",
        "%",
        "people",
        "fiscal",
        "1990s",
        "end",
        "of",
        "\n",
        "é",
        "ß",
        "🙂",
        "Mai",
        "am",
    ]);
    prop::collection::vec(words, 0..40).prop_map(|w| w.join(" "))
}

/// Characters of Chinese and Japanese dates, run together.
fn cjk_text() -> impl Strategy<Value = String> {
    let chars = prop::sample::select(vec![
        '2', '0', '4', '9', '１', '２', '〇', '一', '二', '四', '九', '十', '年', '月', '日', '号',
        '曜', '周', '星', '期', '天', '昨', '今', '明', '後', '前', '金', 'a', ' ', '，',
    ]);
    prop::collection::vec(chars, 0..60).prop_map(|c| c.into_iter().collect())
}

fn any_anchor() -> impl Strategy<Value = Option<Anchor>> {
    prop::option::of(
        (-10_000i32..10_000, 0u32..15, 0u32..35).prop_map(|(year, month, day)| Anchor {
            year,
            month,
            day,
        }),
    )
}

proptest! {
    #[test]
    fn never_panics_and_is_deterministic(
        text in prop_oneof![any::<String>(), tricky_text(), cjk_text()],
        lang in prop::sample::select(vec!["en", "fr", "es", "de", "ru", "zh", "ja", "zz", ""]),
        anchor in any_anchor(),
    ) {
        let a = find_times(&text, lang, anchor);
        let b = find_times(&text, lang, anchor);
        prop_assert_eq!(&a, &b);
        let n = text.chars().count();
        for m in &a {
            prop_assert!(m.start < m.end && m.end <= n);
            let slice: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            prop_assert_eq!(&slice, &m.text);
        }
        let best = best_absolute_date(&a);
        prop_assert_eq!(best, best_absolute_date(&b));
        prop_assert_eq!(event_date(&text, &a, anchor), event_date(&text, &b, anchor));
    }
}

/// The string literals of Rust source (char literals such as `'"'` are skipped).
fn string_literals(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let (mut out, mut cur, mut inside, mut i) = (Vec::new(), String::new(), false, 0);
    while i < chars.len() {
        let c = chars[i];
        if inside {
            match c {
                '\\' => i += 1,
                '"' => {
                    out.push(std::mem::take(&mut cur));
                    inside = false;
                }
                _ => cur.push(c),
            }
        } else if c == '\'' && chars.get(i + 2) == Some(&'\'') {
            i += 2;
        } else if c == '\'' && chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'') {
            i += 3;
        } else if c == '"' {
            inside = true;
        }
        i += 1;
    }
    out
}

/// The gate of `gate.rs` must name every word the module's sources use, or
/// expressions starting with a missing word would be skipped.
#[test]
fn gate_covers_every_word_of_the_module() {
    let sources = [
        include_str!("grammar.rs"),
        include_str!("parse.rs"),
        include_str!("resolve.rs"),
        include_str!("mod.rs"),
        include_str!("tables.rs"),
    ];
    for src in sources {
        let code = src.split("#[cfg(test)]").next().unwrap_or(src);
        for lit in string_literals(code) {
            for part in lit.split(|c: char| c.is_whitespace() || c == '-' || c == '\'') {
                if !part.is_empty() && part.chars().all(char::is_alphabetic) {
                    let lower = part.to_lowercase();
                    assert!(
                        super::gate::may_start(&lower),
                        "`{lower}` is used by the time module but missing from gate.rs"
                    );
                }
            }
        }
    }
}

/// A function word is skipped as a start unless content follows it: no
/// recogniser may build an expression from function words alone.
#[test]
fn function_words_are_no_expression_alone() {
    let words = super::gate::FUNCTION_WORDS;
    let mut texts: Vec<String> = words.iter().map(|w| (*w).to_string()).collect();
    texts.push(words.join(" "));
    texts.push(words.iter().rev().copied().collect::<Vec<_>>().join(" "));
    texts.push(words.join(" . "));
    texts.push(words.join(", "));
    for lang in ["en", "fr", "es", "de", "ru"] {
        let lg = tables::lang(lang);
        let en = std::ptr::eq(lg, &tables::EN);
        for text in &texts {
            let toks = Tokens::new(text);
            let p = Parser::new(&toks, lg, en);
            for i in 0..toks.toks.len() {
                for after_prefix in [false, true] {
                    let c = p.core(i, after_prefix);
                    assert!(c.is_none(), "{lang}: {c:?} at {i} of `{text}`");
                }
            }
        }
    }
}

#[test]
fn chinese_and_japanese_dates() {
    let cases: &[(&str, &str, Option<Anchor>, Option<&str>)] = &[
        (
            "[2024年4月9日]，俄罗斯外长在北京。",
            "zh",
            None,
            Some("2024-04-09"),
        ),
        (
            "ロシアのプーチン大統領は[2024年4月8日]、北京で会談した。",
            "ja",
            None,
            Some("2024-04-08"),
        ),
        (
            "会谈于[２０２４年４月９号]举行。",
            "zh",
            None,
            Some("2024-04-09"),
        ),
        (
            "[二〇二四年四月九日]，会谈举行。",
            "zh",
            None,
            Some("2024-04-09"),
        ),
        (
            "[二〇二四年十二月三十一日]晚。",
            "zh",
            None,
            Some("2024-12-31"),
        ),
        ("双方在[4月9日]会谈。", "zh", A, Some("2024-04-09")),
        // The closest year: said in January, "December 30" was last year's.
        (
            "双方在[12月30日]会谈。",
            "zh",
            Some(Anchor {
                year: 2025,
                month: 1,
                day: 3,
            }),
            Some("2024-12-30"),
        ),
        ("[2024年4月]，双方会谈。", "zh", None, Some("2024-04")),
        ("[2014年]，双方会谈。", "zh", None, Some("2014")),
        (
            "习近平[昨天]在北京会见了拉夫罗夫。",
            "zh",
            A,
            Some("2024-04-08"),
        ),
        ("[今日]、会談した。", "ja", A, Some("2024-04-09")),
        ("[一昨日]、会談した。", "ja", A, Some("2024-04-07")),
        // Anchor Tuesday 9 April 2024: the latest Monday is the 8th.
        ("双方[星期一]会谈。", "zh", A, Some("2024-04-08")),
        ("双方[周二]会谈。", "zh", A, Some("2024-04-09")),
        ("[金曜日]に会談した。", "ja", A, Some("2024-04-05")),
        ("习近平[昨天]会见了他。", "zh", None, None),
    ];
    for &(marked, lang, anchor, want) in cases {
        check(marked, lang, anchor, want);
    }
}

#[test]
fn chinese_counts_are_no_dates() {
    for text in [
        "他工作了三年。",
        "一年后，他回来了。",
        "这个周期很长。",
        "三月份的数据",
        "第24年",
    ] {
        let found = find_times(text, "zh", A);
        assert!(
            found.iter().all(|m| m.value.is_none()),
            "{text:?}: {found:?}"
        );
    }
}

#[test]
fn an_undated_chinese_article_is_anchored_by_the_date_it_writes() {
    let text = "2024年4月9日，俄罗斯外长拉夫罗夫抵达北京。昨天，他会见了王毅。";
    let found = find_times(text, "zh", None);
    let anchor = best_absolute_date(&found).expect("a date with its year");
    assert_eq!((anchor.year, anchor.month, anchor.day), (2024, 4, 9));
    let found = find_times(text, "zh", Some(anchor));
    let values: Vec<_> = found.iter().filter_map(|m| m.value.as_deref()).collect();
    assert_eq!(values, ["2024-04-09", "2024-04-08"]);
    assert_eq!(
        event_date(text, &found, Some(anchor)).as_deref(),
        Some("2024-04-09")
    );
}
