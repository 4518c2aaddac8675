//! Data-driven tests with inline-tagged fixtures.
//!
//! Tags in a fixture (removed before the text is analysed):
//! - `<S>name</S>` or `<S=Full Name>name</S>`: where the speaker is named
//!   (checked against `speaker_span`) and the expected speaker (the tag's
//!   content, or the name after `=` when it is the fuller name);
//! - `<Q>text</Q>` or `<Q=Speaker>text</Q>`: an expected mention, exactly
//!   that text, with that speaker (none without `=`); with `<Q>` tags the
//!   fixture expects exactly those mentions, without them exactly one
//!   mention: the text inside the first pair of quotation marks, spoken by
//!   the `<S>` speaker;
//! - `<V>outlet</V>`: the expected `via` of every expected mention.

use super::*;
use proptest::prelude::*;

/// The built-in knowledge base, parsed once for all tests.
fn kb() -> &'static crate::entities::Kb {
    static KB: std::sync::OnceLock<crate::entities::Kb> = std::sync::OnceLock::new();
    KB.get_or_init(|| {
        let all: String = crate::BUILTIN_KB
            .iter()
            .map(|(_, text)| format!("{text}\n"))
            .collect();
        crate::entities::Kb::parse_tsv(&all).expect("built-in knowledge base parses")
    })
}

#[derive(Debug, Default)]
struct Fixture {
    text: String,
    speakers: Vec<((usize, usize), String)>,
    quotes: Vec<((usize, usize), Option<String>)>,
    via: Option<String>,
}

fn parse(tagged: &str) -> Fixture {
    let mut f = Fixture::default();
    let mut out: Vec<char> = Vec::new();
    let mut open: Vec<(char, usize, Option<String>)> = Vec::new();
    let mut rest = tagged;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let tag = &rest[1..end];
            let known = matches!(tag.chars().next(), Some('S' | 'Q' | 'V' | '/'))
                && (tag.len() == 1
                    || tag.starts_with("S=")
                    || tag.starts_with("Q=")
                    || tag.starts_with('/'));
            if known {
                if let Some(name) = tag.strip_prefix('/') {
                    let kind = name.chars().next().unwrap_or('?');
                    let pos = open
                        .iter()
                        .rposition(|(k, _, _)| *k == kind)
                        .expect("closing tag without opening tag");
                    let (k, s, arg) = open.remove(pos);
                    let content: String = out[s..].iter().collect();
                    match k {
                        'S' => f.speakers.push(((s, out.len()), arg.unwrap_or(content))),
                        'Q' => f.quotes.push(((s, out.len()), arg)),
                        _ => f.via = Some(content),
                    }
                } else {
                    let kind = tag.chars().next().unwrap_or('?');
                    let arg = tag.split_once('=').map(|(_, v)| v.to_string());
                    open.push((kind, out.len(), arg));
                }
                rest = &rest[end + 1..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    assert!(open.is_empty(), "unclosed tag in fixture");
    f.text = out.into_iter().collect();
    f.quotes.sort_by_key(|q| q.0);
    f
}

/// The text inside the first pair of quotation marks, trimmed like the
/// module trims it.
fn first_quoted(text: &str) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let opens = ['“', '"', '«', '„', '‹', '「', '»'];
    let closes = ['”', '"', '»', '“', '›', '」', '«'];
    let s = chars
        .iter()
        .position(|c| opens.contains(c))
        .expect("fixture has no opening mark")
        + 1;
    let e = (s..chars.len())
        .find(|&i| closes.contains(&chars[i]))
        .unwrap_or(chars.len());
    let (mut s, mut e) = (s, e);
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && (chars[e - 1].is_whitespace() || matches!(chars[e - 1], ',' | ';' | ':')) {
        e -= 1;
    }
    (s, e)
}

fn slice(text: &str, (s, e): (usize, usize)) -> String {
    text.chars().skip(s).take(e - s).collect()
}

#[track_caller]
fn check_lang(lang: &str, tagged: &str) {
    let f = parse(tagged);
    let got = find_quotes(&f.text, lang, kb());
    let expected: Vec<((usize, usize), Option<String>)> = if f.quotes.is_empty() {
        vec![(
            first_quoted(&f.text),
            f.speakers.first().map(|s| s.1.clone()),
        )]
    } else {
        f.quotes.clone()
    };
    let show = |g: &[QuoteMention]| {
        g.iter()
            .map(|q| {
                format!(
                    "{:?} [{:?}] cue={:?} via={:?}",
                    q.text, q.speaker, q.cue, q.via
                )
            })
            .collect::<Vec<_>>()
            .join("\n  ")
    };
    assert_eq!(
        got.len(),
        expected.len(),
        "mentions in {:?}:\n  {}",
        f.text,
        show(&got)
    );
    for (q, (range, speaker)) in got.iter().zip(&expected) {
        assert_eq!(q.text, slice(&f.text, *range), "quote text in {:?}", f.text);
        assert_eq!((q.start, q.end), *range, "quote offsets in {:?}", f.text);
        assert_eq!(
            q.speaker.as_deref(),
            speaker.as_deref(),
            "speaker of {:?}",
            q.text
        );
        if let Some(v) = &f.via {
            assert_eq!(q.via.as_deref(), Some(v.as_str()), "via of {:?}", q.text);
        }
    }
    for (span, name) in &f.speakers {
        assert!(
            got.iter()
                .any(|q| q.speaker_span == Some(*span)
                    && q.speaker.as_deref() == Some(name.as_str())),
            "no mention names {name:?} at {:?} ({:?}):\n  {}",
            span,
            slice(&f.text, *span),
            show(&got)
        );
    }
}

#[track_caller]
fn check(tagged: &str) {
    check_lang("en", tagged);
}

// --- English forms -------------------------------------------------------

#[test]
fn said_after_quote() {
    check("“We will win,” said <S>Anna Berg</S>.");
}

#[test]
fn name_said_after_quote() {
    check("“The bill is dead,” <S>Anna Berg</S> said on Tuesday.");
}

#[test]
fn surname_maps_to_fullest_name() {
    check(
        "Chinese President Xi Jinping met foreign ministers on Tuesday.\n\n“President Putin and I have agreed to meet,” said <S=Xi Jinping>Xi</S>.",
    );
}

#[test]
fn said_colon_before_quote() {
    check(
        "Russian Foreign Minister Sergey Lavrov spoke to the press.\n\n<S=Sergey Lavrov>Lavrov</S> said: “I think it is still premature to go into details.”",
    );
}

#[test]
fn transcript_line() {
    check(
        "<S>Xi Jinping</S>: \"First of all, I would like to ask you to convey my sincere greetings.\"",
    );
}

#[test]
fn pronoun_he_by_gender() {
    check(
        "Anna Berg met Tom Hale on Monday. Mr. Hale praised the plan.\n\n“It is a good day for the city,” <S=Tom Hale>he</S> added.",
    );
}

#[test]
fn pronoun_she_by_gender() {
    check(
        "Tom Hale met Anna Berg on Monday. Mrs. Berg praised the plan.\n\n“It is a good day for the city,” <S=Anna Berg>she</S> added.",
    );
}

#[test]
fn pronoun_they_is_an_organisation() {
    check(
        "The World Health Organization issued a warning on Friday.\n\n“The risk of a new wave is high,” <S=World Health Organization>they</S> said.",
    );
}

#[test]
fn role_resolves_to_person() {
    check(
        "Russian Foreign Minister Sergey Lavrov met Chinese President Xi Jinping.\n\n“Our relations are based on equality,” said <S=Sergey Lavrov>the Russian Foreign Minister</S>.",
    );
}

#[test]
fn role_before_the_person_is_introduced() {
    check(
        "\"Our relations are based on equality,\" <S=Sergey Lavrov>the Russian foreign minister</S> said.\n\nChinese President Xi Jinping met Russian Foreign Minister Sergey Lavrov.",
    );
}

#[test]
fn role_with_via() {
    check(
        "Chinese Foreign Minister Wang Yi met his Russian counterpart, Sergei Lavrov.\n\n“Beijing and Moscow will continue to strengthen cooperation,” added <S=Wang Yi>the Chinese minister</S>, according to the Russian news agency <V>RIA Novosti</V>.",
    );
}

#[test]
fn according_to_leader_with_partial_quote() {
    check(
        "The Chinese President, Xi Jinping, held a video call with Vladimir Putin.\n\nAccording to <S=Xi Jinping>the Chinese leader</S>, <Q=Xi Jinping>this agreement “is in line with the trends of the time”</Q>.",
    );
}

#[test]
fn partial_quote_after_that() {
    check(
        "Russian President Vladimir Putin spoke on Monday.\n\nFor his part, <S=Vladimir Putin>Putin</S> defended that “Russian-Chinese cooperation plays a stabilizing role.”",
    );
}

#[test]
fn partial_quote_inside_reported_clause() {
    check(
        "South Korean President Park Geun-hye met her advisers.\n\n<S>Park Geun-hye</S> said <Q=Park Geun-hye>Kim's mental state is \"spiraling out of control.\"</Q>",
    );
}

#[test]
fn split_quote_continuation() {
    check(
        "Chinese Foreign Minister Wang Yi spoke in Beijing.\n\n“<Q=Wang Yi>We must oppose any hegemony</Q>,” <S=Wang Yi>he</S> said. “<Q=Wang Yi>We will work with all partners.</Q>”",
    );
}

#[test]
fn multi_paragraph_quote() {
    check(
        "Mayor Ann Lee spoke at the rally.\n\n“<Q=Ann Lee>We will rebuild this city, street by street.</Q>\n\n“<Q=Ann Lee>And we will do it together</Q>,” <S=Ann Lee>Lee</S> said.",
    );
}

#[test]
fn previous_paragraph_speaker_continues() {
    check(
        "“<Q=Anna Berg>The vote is on Friday.</Q>” <S>Anna Berg</S> said.\n\n“<Q=Anna Berg>Nobody expects a surprise.</Q>”\n\nThe council meets again in May.",
    );
}

#[test]
fn straight_quotes() {
    check("\"The program has become plagued by fraud,\" said <S>Anna Berg</S>.");
}

#[test]
fn double_apostrophe_quotes() {
    check(
        "''<Q=Douglas Holtz-Eakin>This isn't tax reform</Q>,'' said <S>Douglas Holtz-Eakin</S>, an economist.",
    );
}

#[test]
fn nested_single_quotes_and_apostrophes() {
    check(
        "“He told me ‘never give up’ and I didn’t, not even in the ’90s,” said <S>Anna Berg</S>.",
    );
}

#[test]
fn unbalanced_opening_marks() {
    check(
        "Sergei Lavrov met his host.\n\n“We “<Q=Sergey Lavrov>We would like to express our gratitude</Q>,” <S=Sergey Lavrov>Lavrov</S> told his host.",
    );
}

#[test]
fn closing_mark_glued_to_next_word() {
    check(
        "Chinese President Xi Jinping spoke on Monday.\n\n“The treaty meets the interests of both countries, ”<S=Xi Jinping>Xi</S> said.",
    );
}

#[test]
fn missing_closing_mark_ends_at_paragraph() {
    check("“<Q>This sentence has no closing mark at all</Q>\n\nThe next paragraph is plain text.");
}

#[test]
fn signed_quote_with_dash() {
    check("“Maybe we can build a wall around the stadium.” ― <S>Steve Quinn</S>");
}

#[test]
fn scare_quotes_are_dropped() {
    let got = find_quotes(
        "The so-called “deal” was signed in a “secret” ceremony.",
        "en",
        kb(),
    );
    assert!(got.is_empty(), "{got:?}");
}

#[test]
fn apposition_and_told_outlet() {
    check(
        "“Prices will rise next year,” <S>Alexander Gabuev</S>, director of the Carnegie center, told <V>AFP</V>.",
    );
}

#[test]
fn said_name_who() {
    check(
        "“The plan works for small firms,” said <S>Douglas Holtz-Eakin</S>, who leads the forum.",
    );
}

#[test]
fn said_in_a_statement() {
    check("“We are pleased with the decision,” <S>Marc Kasowitz</S> said in a statement.");
}

#[test]
fn title_before_name() {
    check("“Young people are tired of racism,” said Sen. <S>Bernie Sanders</S>.");
}

#[test]
fn reports_outlet_with_acronym() {
    check(
        "“Both sides should use the opportunity,” said <S=Xi Jinping>Xi</S>, reports <V>China Media Group (CMG)</V>.",
    );
}

#[test]
fn inverted_said_name_colon() {
    check("Said <S>Ryan Ellis</S>: “I don’t get the sense she’s interested in tax reform.”");
}

#[test]
fn organisation_as_speaker() {
    check(
        "The <S>New York Post</S> reports that <Q=New York Post>the team avoided the hospital to “keep the details under wraps.”</Q>",
    );
}

#[test]
fn long_unclosed_quote_does_not_swallow_the_article() {
    let text = format!("He said \"{}", "word ".repeat(800));
    let got = find_quotes(&text, "en", kb());
    assert!(
        got.iter().all(|q| q.end - q.start <= 1600),
        "{:?}",
        got.iter().map(|q| q.end - q.start).collect::<Vec<_>>()
    );
}

// --- Other languages ------------------------------------------------------

#[test]
fn french_guillemets_a_declare() {
    check_lang(
        "fr",
        "Le ministre russe des Affaires étrangères Sergueï Lavrov est arrivé à Pékin.\n\n« Nos relations sont au plus haut niveau », a déclaré M. <S=Sergey Lavrov>Lavrov</S>.",
    );
}

#[test]
fn french_inverted_pronoun_and_selon() {
    check_lang(
        "fr",
        "Sergueï Lavrov est arrivé à Pékin.\n\n« Nous soutenons la Chine », <S=Sergey Lavrov>a-t-il</S> ajouté, selon l’agence <V>RIA Novosti</V>.",
    );
}

#[test]
fn spanish_dijo_and_segun() {
    check_lang(
        "es",
        "El presidente chino, Xi Jinping, recibió al canciller ruso.\n\n«China y Rusia son socios estratégicos», dijo <S=Xi Jinping>Xi</S>.",
    );
    check_lang(
        "es",
        "Según <S>Xi Jinping</S>, «la cooperación avanza a buen ritmo».",
    );
}

#[test]
fn german_low_high_quotes_and_inverted() {
    check_lang(
        "de",
        "Bundeskanzler Olaf Scholz reiste nach Kiew.\n\n„Wir stehen fest an der Seite der Ukraine“, sagte <S=Olaf Scholz>Scholz</S> am Montag.",
    );
    check_lang(
        "de",
        "»Europa muss souverän werden«, betonte <S>Emmanuel Macron</S>.",
    );
}

#[test]
fn russian_dash_cue_and_po_slovam() {
    check_lang(
        "ru",
        "Министр иностранных дел России Сергей Лавров прибыл в Пекин.\n\n«Отношения находятся на высоком уровне», — сказал <S=Sergey Lavrov>Лавров</S>.",
    );
    check_lang(
        "ru",
        "Глава МИД Сергей Лавров прибыл в Пекин.\n\nПо словам <S=Sergey Lavrov>Лаврова</S>, «сотрудничество развивается».",
    );
    check_lang(
        "ru",
        "<S=Sergey Lavrov>Сергей Лавров</S> заявил: «Мы будем работать вместе».",
    );
}

#[test]
fn cjk_corner_brackets_and_curly_quotes() {
    check_lang("zh", "习近平表示：「中俄关系处于历史最好时期。」");
    check_lang("zh", "王毅说：“中方愿同俄方加强合作。”");
}

#[test]
fn single_guillemets() {
    check_lang(
        "fr",
        "‹ Nous avancerons ensemble vers la paix ›, a dit <S>Anna Berg</S>.",
    );
}

// --- Seed sentences ---------------------------------------------------------

#[test]
fn seed_told_his_host_according_to_agencies() {
    check(
        "At the end of a two-day visit to China, Sergei Lavrov met Tuesday afternoon with Chinese President Xi Jinping.\n\n“We “<Q=Sergey Lavrov>We would like to express our greatest gratitude and admiration for the successes you have achieved</Q>,” <S=Sergey Lavrov>Lavrov</S> told his host, according to news agencies.",
    );
}

#[test]
fn seed_he_assured_after_subject_sentence() {
    check(
        "For his part, Wang Yi defended the association between Beijing and Moscow.\n\n“China will always play a constructive role on the international scene,” <S=Wang Yi>he</S> assured.",
    );
}

#[test]
fn seed_he_wrote_after_told_afp() {
    check(
        "Beijing's support allows Moscow to continue, Alexander Gabuev, director of the Carnegie Russia Eurasia center, told AFP.\n\n“The integration of Russia's economy into a Chinese-led order is the only way for Russia to sustain its confrontation with the West,” <S=Alexander Gabuev>he</S> wrote this week in Foreign Policy magazine.",
    );
}

#[test]
fn seed_says_lavrov_who_arrives() {
    check(
        "“Regular contacts give strong impetus to the further development of bilateral relations,” says <S=Sergey Lavrov>Lavrov</S> who arrives on a visit in Beijing Tuesday.",
    );
}

// --- Properties ---------------------------------------------------------------

fn noisy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "“",
        "”",
        "\"",
        "''",
        "«",
        "»",
        "„",
        "“",
        "‹",
        "›",
        "「",
        "」",
        "『",
        "』",
        "‘",
        "’",
        "'",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        ",",
        ".",
        ":",
        "—",
        "―",
        "(",
        ")",
        "said",
        "Xi",
        "Lavrov",
        "he",
        "she",
        "they",
        "the",
        "Russian",
        "minister",
        "according",
        "to",
        "Mr.",
        "J.",
        "AFP",
        "told",
        "сказал",
        "Лавров",
        "a",
        "déclaré",
        "a-t-il",
        "dijo",
        "sagte",
        "so",
        "习近平",
        "说",
        "é",
        "ß",
        "We",
        "will",
        "win",
        "1990s",
        "’90s",
        "don’t",
        "e\u{301}",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn never_panics_and_offsets_are_valid(text in noisy_text(), lang in prop::sample::select(vec!["en", "fr", "es", "de", "ru", "zh", ""])) {
        let chars: Vec<char> = text.chars().collect();
        for q in find_quotes(&text, lang, kb()) {
            prop_assert!(q.start <= q.end && q.end <= chars.len());
            let s: String = chars[q.start..q.end].iter().collect();
            prop_assert_eq!(&q.text, &s);
            if let Some((a, b)) = q.speaker_span {
                prop_assert!(a <= b && b <= chars.len());
            }
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,300}") {
        let n = text.chars().count();
        for q in find_quotes(&text, "en", kb()) {
            prop_assert!(q.start <= q.end && q.end <= n);
        }
    }
}

// --- More attribution rules --------------------------------------------------

#[test]
fn who_said_takes_the_antecedent() {
    check(
        "Senate Majority Leader Mitch McConnell spoke first.\n\nThe plan was backed by <S=Mitch McConnell>McConnell</S>, who said <Q=Mitch McConnell>the override was “a done deal” for his caucus</Q>.",
    );
}

#[test]
fn attribution_late_in_the_sentence() {
    check(
        "Rush Limbaugh hosts a radio show.\n\n<Q=Rush Limbaugh>The move reeks of “fear” and desperation</Q>, <S=Rush Limbaugh>Limbaugh</S> said.",
    );
}

#[test]
fn quote_after_a_said_sentence_takes_its_speaker() {
    check(
        "Rep. Adam Schiff spoke on Friday. The administration may act soon, <S=Adam Schiff>Schiff</S> said. “<Q=Adam Schiff>We need to know if a foreign power is trying to tip the scales.</Q>”",
    );
}

#[test]
fn short_quote_heading_its_clause() {
    check(
        "Donald Trump spoke in Ohio.\n\n<S=Donald Trump>He</S> said <Q=Donald Trump>“budget reforms” and the collection of unpaid taxes would help finance them</Q>.",
    );
}

#[test]
fn title_after_a_preposition_is_no_quote() {
    let got = find_quotes(
        "Mike Pence said on CNN’s “State of the Union” that he was pleased with the debate.",
        "en",
        kb(),
    );
    assert!(
        got.iter().all(|q| !q.text.contains("State of the Union")),
        "{got:?}"
    );
}

#[test]
fn participle_inside_an_adverbial_is_no_cue() {
    check(
        "In a statement announcing the pick, the <S>Association of Flight Attendants</S> called <Q=Association of Flight Attendants>Clinton a “champion” for its members</Q>.",
    );
}

#[test]
fn german_role_resolves_to_person() {
    check_lang(
        "de",
        "Bundeskanzler Olaf Scholz reiste nach Kiew.\n\n<S=Olaf Scholz>Der Kanzler</S> sagte: „Wir werden die Ukraine weiter unterstützen.“",
    );
}

#[test]
fn french_pronoun_after_selon_and_nbsp_guillemets() {
    check_lang(
        "fr",
        "La ministre Catherine Colonna a reçu son homologue.\n\n«\u{a0}Nous sommes prêts à agir\u{a0}», a affirmé Mme\u{a0}<S=Catherine Colonna>Colonna</S> mardi.",
    );
}

// --- Speakers are the entity finder's entities ----------------------------------

#[test]
fn pronoun_after_a_run_of_two_names_is_its_head() {
    // "NBC’s Dante Chinni": the outlet and the person are two entities; the
    // pronoun takes the person.
    check(
        "Debates are not likely to alter the campaign, noted NBC’s Dante Chinni.\n\n“By the time those candidates hit the stage most voters have decided,” <S=Dante Chinni>he</S> wrote.",
    );
}

#[test]
fn pronoun_skips_a_possessive_for_the_subject() {
    // "Trump has also commented on Crutcher’s death": the subject is
    // Trump; a possessive is no subject.
    check(
        "Police shot Terence Crutcher on Friday. Donald Trump spoke in Ohio.\n\nTrump has also commented on Crutcher’s death.\n\n“I don’t know what she was thinking,” <S=Donald Trump>he</S> said.",
    );
}
