//! Language identification (ISO 639-1) of article text, by whatlang's
//! trigram models, with the page's own declaration as a fallback.
//!
//! Most articles of an English feed are unmistakably English: when words
//! that only English uses this often ("the", "of", "and", "that") make a
//! large share of the sample, the trigram models are not consulted.

use std::sync::LazyLock;

use whatlang::Lang;

/// Characters of text looked at: enough for a stable guess, cheap on long articles.
const SAMPLE: usize = 600;

/// The ISO 639-1 code of the text's language, or `declared` when the text
/// is too short or the guess unreliable.
pub fn detect(text: &str, declared: Option<&str>) -> Option<String> {
    let end = text
        .char_indices()
        .nth(SAMPLE)
        .map_or(text.len(), |(i, _)| i);
    let sample = &text[..end];
    if plainly_english(sample) {
        return Some("en".to_string());
    }
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 20
        && let Some(info) = whatlang::detect(sample)
    {
        let code = cyrillic_alphabet(sample, iso639_1(info.lang()));
        // Trust a confident guess, or a weaker one the page agrees with
        // or does not contradict.
        if info.is_reliable()
            || info.confidence() > 0.5
            || declared.is_none()
            || declared == Some(code)
        {
            return Some(code.to_string());
        }
    }
    declared.map(str::to_string)
}

/// Russian and Ukrainian share most trigrams but not their alphabets:
/// Ukrainian writes і, ї, є and ґ (і is among its most frequent letters),
/// Russian ы, э, ъ and ё. A guess of one that the letters contradict and
/// the other's letters support becomes the other ("Путин встретился с Си
/// Цзиньпином" has no і: Russian). Other guesses pass through.
fn cyrillic_alphabet(sample: &str, code: &'static str) -> &'static str {
    if code != "uk" && code != "ru" {
        return code;
    }
    let (mut uk, mut ru, mut cyrillic) = (0usize, 0usize, 0usize);
    for c in sample.chars().flat_map(char::to_lowercase) {
        match c {
            'і' | 'ї' | 'є' | 'ґ' => uk += 1,
            'ы' | 'э' | 'ъ' | 'ё' => ru += 1,
            _ => {}
        }
        if ('\u{400}'..='\u{4ff}').contains(&c) {
            cyrillic += 1;
        }
    }
    match code {
        "uk" if uk == 0 && cyrillic >= 20 => "ru",
        "ru" if uk > 0 && ru == 0 => "uk",
        _ => code,
    }
}

/// Frequent English words that are no common word of another language
/// written in Latin script (`data/english-markers.txt`).
static ENGLISH_MARKERS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../data/english-markers.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::trim)
        .collect()
});

/// Whether at least one word in five of `sample` (and at least 12 words)
/// is an English marker: running English text has one in three or more,
/// other languages close to none.
fn plainly_english(sample: &str) -> bool {
    let (mut words, mut markers) = (0usize, 0usize);
    for w in sample.split(|c: char| !c.is_alphabetic()) {
        if w.is_empty() {
            continue;
        }
        if !w.is_ascii() {
            // A letter outside ASCII: not plain English text.
            if w.chars()
                .any(|c| !c.is_ascii_alphabetic() && !matches!(c, 'é' | 'É'))
            {
                return false;
            }
        }
        words += 1;
        if w.len() <= 5 && ENGLISH_MARKERS.iter().any(|m| m.eq_ignore_ascii_case(w)) {
            markers += 1;
        }
    }
    markers >= 12 && markers * 5 >= words
}

fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Epo => "eo",
        Lang::Eng => "en",
        Lang::Rus => "ru",
        Lang::Cmn => "zh",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Ben => "bn",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Ukr => "uk",
        Lang::Kat => "ka",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Jpn => "ja",
        Lang::Heb => "he",
        Lang::Yid => "yi",
        Lang::Pol => "pl",
        Lang::Amh => "am",
        Lang::Jav => "jv",
        Lang::Kor => "ko",
        Lang::Nob => "nb",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Fin => "fi",
        Lang::Tur => "tr",
        Lang::Nld => "nl",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Ell => "el",
        Lang::Bul => "bg",
        Lang::Bel => "be",
        Lang::Mar => "mr",
        Lang::Kan => "kn",
        Lang::Ron => "ro",
        Lang::Slv => "sl",
        Lang::Hrv => "hr",
        Lang::Srp => "sr",
        Lang::Mkd => "mk",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Vie => "vi",
        Lang::Urd => "ur",
        Lang::Tha => "th",
        Lang::Guj => "gu",
        Lang::Uzb => "uz",
        Lang::Pan => "pa",
        Lang::Aze => "az",
        Lang::Ind => "id",
        Lang::Tel => "te",
        Lang::Pes => "fa",
        Lang::Mal => "ml",
        Lang::Ori => "or",
        Lang::Mya => "my",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Khm => "km",
        Lang::Tuk => "tk",
        Lang::Aka => "ak",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Afr => "af",
        Lang::Lat => "la",
        Lang::Slk => "sk",
        Lang::Cat => "ca",
        Lang::Tgl => "tl",
        Lang::Hye => "hy",
        #[allow(unreachable_patterns)]
        _ => "und",
    }
}

#[cfg(test)]
mod tests {
    use super::{ENGLISH_MARKERS, detect, plainly_english};

    #[test]
    fn marker_file_reads() {
        assert!(ENGLISH_MARKERS.len() >= 30 && ENGLISH_MARKERS.contains(&"the"));
        for m in ENGLISH_MARKERS.iter() {
            assert!(
                m.len() <= 5 && m.chars().all(|c| c.is_ascii_lowercase()),
                "{m:?}"
            );
        }
    }

    #[test]
    fn detects_the_languages_herald_reads() {
        let cases = [
            (
                "en",
                "The foreign minister said on Tuesday that the two countries would strengthen their cooperation.",
            ),
            (
                "de",
                "Der Außenminister sagte am Dienstag, dass beide Länder ihre Zusammenarbeit weiter vertiefen wollen.",
            ),
            (
                "fr",
                "Le ministre des Affaires étrangères a déclaré mardi que les deux pays renforceraient leur coopération.",
            ),
            (
                "es",
                "El ministro de Asuntos Exteriores dijo el martes que ambos países reforzarán su cooperación bilateral.",
            ),
            (
                "it",
                "Il ministro degli Esteri ha detto martedì che i due paesi rafforzeranno la loro cooperazione.",
            ),
            (
                "pl",
                "Minister spraw zagranicznych powiedział we wtorek, że oba kraje wzmocnią współpracę gospodarczą.",
            ),
            (
                "ru",
                "Министр иностранных дел заявил во вторник, что две страны укрепят сотрудничество.",
            ),
            ("ru", "Путин встретился с Си Цзиньпином в Пекине."),
            (
                "uk",
                "Міністр закордонних справ заявив у вівторок, що дві країни зміцнять співпрацю.",
            ),
            (
                "tr",
                "Dışişleri bakanı salı günü iki ülkenin işbirliğini güçlendireceğini söyledi ve açıklama yaptı.",
            ),
            (
                "ar",
                "قال وزير الخارجية يوم الثلاثاء إن البلدين سيعززان التعاون بينهما في مختلف المجالات.",
            ),
            (
                "zh",
                "外交部长周二表示，两国将进一步加强双边合作，推动关系发展。",
            ),
        ];
        for (want, text) in cases {
            assert_eq!(detect(text, None).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn only_running_english_takes_the_shortcut() {
        let english = "The minister said that the talks were useful and that he would \
            return to the capital with the proposals of the committee, which has been \
            asked by the president to report to the parliament before the end of the year.";
        assert!(plainly_english(english));
        assert_eq!(detect(english, Some("de")).as_deref(), Some("en"));
        let others = [
            // Dutch, Tagalog, Indonesian, Spanish, German written without umlauts
            "De minister zei dat de gesprekken nuttig waren en dat hij met de voorstellen \
             van de commissie naar de hoofdstad zou terugkeren, het was een lange dag.",
            "Sinabi ng ministro na ang mga pag-uusap ay kapaki-pakinabang at babalik siya \
             sa kabisera at ang mga panukala ng komite ay iuulat sa pangulo bago matapos.",
            "Menteri mengatakan bahwa pembicaraan itu berguna dan dia akan kembali ke ibu \
             kota dengan usulan komite yang diminta presiden untuk melapor ke parlemen.",
            "El ministro dijo que las conversaciones fueron utiles y que volvera a la \
             capital con las propuestas del comite, que el presidente pidio antes del fin.",
            "Der Minister sagte, dass die Gespraeche nuetzlich waren und dass er mit den \
             Vorschlaegen des Ausschusses in die Hauptstadt zurueckkehren werde, sagte er.",
            // English words, but too few of them to be sure
            "The end.",
        ];
        for t in others {
            assert!(!plainly_english(t), "{t}");
        }
        // A letter outside English: the trigram models decide.
        assert!(!plainly_english(&format!("{english} Łódź")));
    }

    #[test]
    fn falls_back_to_the_declared_language_on_short_text() {
        assert_eq!(detect("OK", Some("de")).as_deref(), Some("de"));
        assert_eq!(detect("", None), None);
    }
}
