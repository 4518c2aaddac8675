//! Language identification (ISO 639-1) of article text, by whatlang's
//! trigram models, with the page's own declaration as a fallback.

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
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 20
        && let Some(info) = whatlang::detect(sample)
    {
        let code = iso639_1(info.lang());
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
    use super::detect;

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
    fn falls_back_to_the_declared_language_on_short_text() {
        assert_eq!(detect("OK", Some("de")).as_deref(), Some("de"));
        assert_eq!(detect("", None), None);
    }
}
