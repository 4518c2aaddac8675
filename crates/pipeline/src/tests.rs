//! End-to-end tests of [`analyze`]: raw document in, article fields out.

use herald_model::{Body, EntityKind, FormatHint, RawDocument};
use proptest::prelude::*;

use super::*;
use herald_model::ErrorKind;

fn kind(r: Result<Article, DocumentError>) -> Option<ErrorKind> {
    r.err().map(|e| e.kind)
}

/// The built-in context, parsed once for all tests.
static CTX: std::sync::LazyLock<Context> = std::sync::LazyLock::new(Context::builtin);

fn doc(body: &[u8], hint: FormatHint) -> RawDocument {
    RawDocument {
        source: "test".into(),
        body: Body::Bytes(body.to_vec()),
        hint,
        ..RawDocument::default()
    }
}

fn html(page: &str) -> Article {
    analyze(&doc(page.as_bytes(), FormatHint::Html), &CTX).expect("an article")
}

/// Checks title, published and the body: every `keep` phrase present, every
/// `drop` phrase absent.
fn check_page(
    page: &str,
    title: Option<&str>,
    published: Option<&str>,
    keep: &[&str],
    drop: &[&str],
) {
    let a = html(page);
    assert_eq!(a.title.as_deref(), title, "title of {page}");
    assert_eq!(a.published.as_deref(), published, "published of {page}");
    for k in keep {
        assert!(a.text.contains(k), "missing {k:?} in body {:?}", a.text);
    }
    for d in drop {
        assert!(!a.text.contains(d), "kept {d:?} in body {:?}", a.text);
    }
}

const PARAS: &str = "<p>The city council voted on Tuesday to rebuild the old stone bridge, which was closed to traffic last winter after engineers found deep cracks in two of its arches.</p>\
<p>Work will begin in the spring and is expected to last eighteen months, the council said in a statement, adding that a temporary ferry will run in the meantime.</p>\
<p>Residents of the east bank, who now drive twenty minutes around the bay, welcomed the decision but asked for the ferry to run at night as well.</p>";

#[test]
fn article_body_is_found_among_page_furniture() {
    let page = format!(
        "<html><head><title>Bridge to be rebuilt | Town Post</title>\
         <meta property=\"article:published_time\" content=\"2023-11-07T08:00:00+01:00\"></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a> <a href=\"/sport\">Sport</a></nav>\
         <div class=\"sidebar\"><p>Most read: A story about something else entirely, with many words in it, to tempt the extractor.</p></div>\
         <article><h1>Bridge to be rebuilt</h1><div class=\"entry-content\">{PARAS}\
         <div class=\"social-share\">Share on Facebook Share on Twitter</div></div></article>\
         <div id=\"comments\"><p>Great news, finally someone does something about this bridge, I have waited years!</p></div>\
         <footer>© Town Post 2023</footer></body></html>"
    );
    check_page(
        &page,
        Some("Bridge to be rebuilt"),
        Some("2023-11-07"),
        &[
            "rebuild the old stone bridge",
            "temporary ferry",
            "ferry to run at night",
        ],
        &[
            "Most read",
            "Share on Facebook",
            "Great news",
            "Town Post",
            "Home",
        ],
    );
}

#[test]
fn article_split_into_sections_is_joined() {
    let section = |t: &str| {
        format!(
            "<section class=\"story-part\"><p>{t} This sentence makes the paragraph long enough, with a comma, to count.</p></section>"
        )
    };
    let page = format!(
        "<html><body>{}<figure><img src=x><figcaption>A picture</figcaption></figure>{}<div class=\"related\"><a href=\"/1\">Other story one</a></div>{}</body></html>",
        section("First part of the story."),
        section("Second part of the story."),
        section("Third part of the story.")
    );
    check_page(
        &page,
        None,
        None,
        &["First part", "Second part", "Third part"],
        &["A picture", "Other story"],
    );
}

#[test]
fn page_wrapped_in_a_form_still_has_a_body() {
    let page = format!(
        "<html><body><form action=\"/x\"><div class=\"main\">{PARAS}</div></form></body></html>"
    );
    check_page(&page, None, None, &["rebuild the old stone bridge"], &[]);
}

#[test]
fn publication_date_sources() {
    let body = format!("<div>{PARAS}</div>");
    let cases = [
        (
            format!(
                "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"H\",\"datePublished\":\"2021-06-28T10:00:00+03:00\"}}</script></head><body>{body}</body></html>"
            ),
            Some("2021-06-28"),
        ),
        (
            format!(
                "<html><head><meta name=\"pubdate\" content=\"20140415\"></head><body>{body}</body></html>"
            ),
            Some("2014-04-15"),
        ),
        (
            format!(
                "<html><body><time datetime=\"2019-08-06\" pubdate>Aug 6</time>{body}</body></html>"
            ),
            Some("2019-08-06"),
        ),
        (
            format!(
                "<html><head><link rel=\"canonical\" href=\"https://example.org/2020/01/13/story.html\"></head><body>{body}</body></html>"
            ),
            Some("2020-01-13"),
        ),
        (
            format!(
                "<html><body><p class=\"date\">martes 17 de marzo de 2020</p>{body}</body></html>"
            ),
            Some("2020-03-17"),
        ),
        (format!("<html><body>{body}</body></html>"), None),
    ];
    for (page, want) in cases {
        assert_eq!(html(&page).published.as_deref(), want, "{page}");
    }
}

#[test]
fn json_ld_body_is_used_when_the_page_hides_the_text() {
    let ld = "The full text of the story is only in the structured data of this page, because the visible page shows a paywall. ".repeat(4);
    let page = format!(
        "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"articleBody\":\"{ld}\"}}</script></head><body><p>Subscribe to read.</p></body></html>"
    );
    assert!(html(&page).text.starts_with("The full text of the story"));
}

#[test]
fn html_in_a_txt_file_is_read_as_html() {
    let page = format!("<!DOCTYPE html><html><body><div>{PARAS}</div></body></html>");
    let a = analyze(&doc(page.as_bytes(), FormatHint::PlainText), &CTX).expect("article");
    assert!(a.text.starts_with("The city council voted"), "{}", a.text);
}

#[test]
fn hostile_html_is_handled() {
    // 100,000 nested tags: no stack overflow, text kept.
    let deep = format!(
        "{}deep text here, long enough to be a paragraph of an article.{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let a = html(&deep);
    assert!(a.text.contains("deep text here"), "{}", a.text);
    // No body at all.
    assert_eq!(
        kind(analyze(
            &doc(
                b"<html><head><script>x()</script></head></html>",
                FormatHint::Html
            ),
            &CTX
        )),
        Some(ErrorKind::NoText)
    );
    // Unclosed everything, stray brackets.
    let a =
        html("<p>Price < 10 and x<y, still text in a paragraph of reasonable length.<b><i><div");
    assert!(a.text.contains("Price < 10"), "{}", a.text);
}

#[test]
fn bad_bytes_get_specific_errors() {
    assert_eq!(
        kind(analyze(&doc(b"", FormatHint::Unknown), &CTX)),
        Some(ErrorKind::Empty)
    );
    assert_eq!(
        kind(analyze(&doc(b"  \n ", FormatHint::PlainText), &CTX)),
        Some(ErrorKind::Empty)
    );
    let junk: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    assert_eq!(
        kind(analyze(&doc(&junk, FormatHint::Unknown), &CTX)),
        Some(ErrorKind::Binary)
    );
}

#[test]
fn json_lines_fields_are_kept() {
    let raw = RawDocument {
        source: "feed.jsonl#1".into(),
        id: Some("abc".into()),
        title: Some("Given title".into()),
        published: Some("2024-04-09".into()),
        body: Body::Text("Given title\n\nThe body of the article, as the record gave it.".into()),
        hint: FormatHint::PlainText,
        ..RawDocument::default()
    };
    let a = analyze(&raw, &CTX).expect("article");
    assert_eq!(a.id.as_deref(), Some("abc"));
    assert_eq!(a.title.as_deref(), Some("Given title"));
    assert_eq!(a.published.as_deref(), Some("2024-04-09"));
    assert!(!a.text.contains("Given title"), "{}", a.text);
}

proptest! {
    #[test]
    fn analyze_never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        for hint in [FormatHint::Unknown, FormatHint::Html, FormatHint::PlainText] {
            let _ = analyze(&doc(&bytes, hint), &CTX);
        }
    }

    #[test]
    fn analyze_never_panics_on_markup(s in "(<[a-z/!?]{0,3}[a-z]{0,6}( [a-z]{1,5}=\"?[^>]{0,8})?>|[^<]{0,20}|&[#a-z0-9]{0,6};?){0,60}") {
        let _ = analyze(&doc(s.as_bytes(), FormatHint::Html), &CTX);
    }
}

#[test]
fn builtin_kb_parses() {
    let ctx = Context::new([]).expect("the built-in knowledge base parses");
    assert!(ctx.kb.entries().len() > 300);
    // The city rows, set aside at start, parse too (the deferred parse
    // would drop them silently).
    let all: String = herald_annotate::BUILTIN_KB
        .iter()
        .map(|(_, text)| format!("{text}\n"))
        .collect();
    let eager = entities::Kb::parse_tsv(&all).expect("the built-in cities parse");
    assert!(eager.entries().len() > ctx.kb.entries().len() + 4000);
    assert_eq!(ctx.kb.entry(eager.entries().len()), None);
    assert!(ctx.kb.entry(eager.entries().len() - 1).is_some());
    assert!(
        ctx.outlets
            .list()
            .iter()
            .any(|o| o.wire && o.name == "Agence France-Presse")
    );
}

#[test]
fn user_kb_errors_name_the_file_and_line() {
    let err = Context::new([("mine.tsv", "robot\tJane Roe\n")]).expect_err("unknown kind");
    assert!(
        err.to_string()
            .starts_with("mine.tsv: knowledge base line 1"),
        "{err}"
    );
}

#[test]
fn user_kb_adds_entities() {
    let kb = "country\tMorvania\t\t\tMorvania\t\t\tMorvanian\n\
              person\tIlse Dranova\tИльза Дранова\tForeign Minister of Morvania\tMorvania\t2023\t\t\n";
    let ctx = Context::new([("mine.tsv", kb)]).expect("parses");
    let raw = RawDocument {
        source: "t".into(),
        published: Some("2024-05-14".into()),
        body: Body::Text(
            "Talks open\n\nMorvanian Foreign Minister Dranova said on Tuesday that the talks would open in June."
                .into(),
        ),
        hint: FormatHint::PlainText,
        ..RawDocument::default()
    };
    let a = analyze(&raw, &ctx).expect("article");
    assert!(
        a.entities.iter().any(|e| e.name == "Ilse Dranova"),
        "{:?}",
        a.entities
    );
    // Without the user's file the name stays as written.
    let a = analyze(&raw, &CTX).expect("article");
    assert!(
        a.entities.iter().all(|e| e.name != "Ilse Dranova"),
        "{:?}",
        a.entities
    );
}

/// An outlet the user adds is an outlet for quotes too (their `via`), not
/// only for cited sources: one knowledge base for both.
#[test]
fn user_kb_outlets_are_quote_vias() {
    let kb = "outlet\tMorvan Courier\tCourier of Morvan\tnews outlet\t\t\t\t\n";
    let ctx = Context::new([("mine.tsv", kb)]).expect("parses");
    let raw = RawDocument {
        source: "t".into(),
        published: Some("2024-05-14".into()),
        body: Body::Text(
            "Port reopens\n\n\"The port will reopen on Monday,\" the harbour master said, according to Morvan Courier."
                .into(),
        ),
        hint: FormatHint::PlainText,
        ..RawDocument::default()
    };
    let vias = |a: &Article| a.quotes.iter().map(|q| q.via.clone()).collect::<Vec<_>>();
    let a = analyze(&raw, &ctx).expect("article");
    assert_eq!(
        vias(&a),
        [Some("Morvan Courier".to_string())],
        "{:?}",
        a.quotes
    );
    assert_eq!(a.cited_sources, ["Morvan Courier"]);
    let a = analyze(&raw, &CTX).expect("article");
    assert_eq!(vias(&a), [None], "{:?}", a.quotes);
}

/// A plain-text article published on 9 April 2024, analyzed.
fn dated_text(text: &str) -> Article {
    let raw = RawDocument {
        source: "t".into(),
        published: Some("2024-04-09".into()),
        body: Body::Text(text.into()),
        hint: FormatHint::PlainText,
        ..RawDocument::default()
    };
    analyze(&raw, &CTX).expect("article")
}

#[test]
fn speakers_take_the_canonical_name_of_their_entity() {
    let a = dated_text(
        "Talks in Beijing\n\nRussian Foreign Minister Sergueï Lavrov met Chinese Foreign Minister Wang Yi on Tuesday.\n\n\
         “We will cooperate,” added the Chinese minister.\n\n“So will we,” Lavrov said.",
    );
    let speakers: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        [Some("Wang Yi"), Some("Sergey Lavrov")],
        "{:?}",
        a.quotes
    );
}

/// Roles written noun first ("le ministre russe des Affaires étrangères",
/// "el presidente ruso") and in German ("der russische Präsident") name
/// their person, and the quotes they attribute take that person.
#[test]
fn roles_in_french_spanish_and_german_give_quote_speakers() {
    let cases: &[(&str, &[Option<&str>])] = &[
        (
            "Lavrov à Pékin\n\nLe chef de la diplomatie russe, Sergueï Lavrov, est arrivé lundi à Pékin.\n\n\
             « Nous sommes prêts », a déclaré le ministre russe des Affaires étrangères.\n\n\
             « Les relations sont bonnes », a affirmé le président russe.",
            &[Some("Sergey Lavrov"), Some("Vladimir Putin")],
        ),
        (
            "Putin recibe a Xi\n\nEl presidente ruso recibió el martes a su homólogo chino.\n\n\
             «Estamos listos», dijo el presidente ruso.",
            &[Some("Vladimir Putin")],
        ),
        (
            "Lawrow in Peking\n\nDer russische Außenminister ist am Montag in Peking eingetroffen.\n\n\
             „Wir sind bereit“, sagte der russische Außenminister.",
            &[Some("Sergey Lavrov")],
        ),
    ];
    for (text, want) in cases {
        let a = dated_text(text);
        let got: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        assert_eq!(&got, want, "{text}\n{:?}\n{:?}", a.quotes, a.entities);
    }
}

/// Chinese "NAME表示：“…”" and Japanese "NAMEは「…」" name the speaker.
#[test]
fn chinese_and_japanese_quotes_get_their_speaker() {
    type Speakers<'a> = &'a [(Option<&'a str>, Option<&'a str>)];
    let cases: &[(&str, Speakers)] = &[
        (
            "习近平会见拉夫罗夫\n\n国家主席习近平9日在北京会见俄罗斯外长拉夫罗夫。\n\n\
             习近平表示：“中俄关系发展稳定。”\n\n拉夫罗夫说，“俄方愿加强合作。”\n\n\
             “合作很重要。”",
            &[
                (Some("Xi Jinping"), Some("表示")),
                (Some("Sergey Lavrov"), Some("说")),
                (None, None),
            ],
        ),
        (
            "首相が会談\n\n岸田文雄首相は9日、会談について説明した。\n\n\
             岸田文雄は「両国の関係は重要だ」と述べた。",
            &[(Some("Fumio Kishida"), None)],
        ),
    ];
    for (text, want) in cases {
        let a = dated_text(text);
        let got: Vec<(Option<&str>, Option<&str>)> = a
            .quotes
            .iter()
            .map(|q| (q.speaker.as_deref(), q.cue.as_deref()))
            .collect();
        assert_eq!(&got, want, "{text}\n{:?}\n{:?}", a.quotes, a.entities);
    }
}

#[test]
fn huge_texts_are_annotated_up_to_the_limit_and_kept_whole() {
    let body: String = (0..ANNOTATE_MAX_BYTES / 60 + 100)
        .map(|i| format!("Mayor Anna Berg said bridge number {i} would reopen in May.\n\n"))
        .collect();
    let raw = RawDocument {
        source: "t".into(),
        body: Body::Text(format!("Bridge news\n\n{body}")),
        hint: FormatHint::PlainText,
        ..RawDocument::default()
    };
    let a = analyze(&raw, &CTX).expect("article");
    assert!(a.text.len() > ANNOTATE_MAX_BYTES, "the text is kept whole");
    assert!(
        a.notes.iter().any(|n| n.starts_with("annotated the first")),
        "{:?}",
        a.notes
    );
    let chars: Vec<char> = a.text.chars().collect();
    for e in &a.entities {
        for m in &e.mentions {
            assert!(m.end <= chars.len());
            assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        }
    }
    assert!(a.entities.iter().any(|e| e.name == "Anna Berg"));
}

#[test]
fn articles_without_an_input_id_get_a_stable_content_id() {
    let ctx = Context::new(std::iter::empty()).expect("context");
    let text = b"Harbour reopens\n\nThe harbour of Lessing reopened on Monday after repairs, the port authority said.\n";
    let a = analyze(&doc(text, FormatHint::PlainText), &ctx).expect("article");
    let mut other = doc(text, FormatHint::PlainText);
    other.source = "elsewhere/copy.txt".to_string();
    let b = analyze(&other, &ctx).expect("article");
    let id = a.id.clone().expect("an id");
    assert_eq!(id.len(), 24);
    assert_eq!(a.id, b.id, "the same content under another name");
    let changed = analyze(&doc(b"Harbour reopens\n\nThe harbour of Lessing reopened on Tuesday after repairs, the port authority said.\n", FormatHint::PlainText), &ctx).expect("article");
    assert_ne!(changed.id, a.id);
    let mut given = doc(text, FormatHint::PlainText);
    given.id = Some("feed-7".to_string());
    assert_eq!(
        analyze(&given, &ctx).expect("article").id.as_deref(),
        Some("feed-7")
    );
}

#[test]
fn analysed_lines_are_read_back_checked_and_not_analysed_again() {
    let ctx = Context::new(std::iter::empty()).expect("context");
    let text = b"Harbour reopens\n\nThe harbour of Lessing reopened on Monday after repairs, Mayor Anna Vell said.\n";
    let a = analyze(&doc(text, FormatHint::PlainText), &ctx).expect("article");
    let line = serde_json::to_string(&a).expect("json");
    let mut back = doc(line.as_bytes(), FormatHint::Analyzed);
    back.body = Body::Text(line);
    assert_eq!(analyze(&back, &ctx).expect("read back"), a);

    for (bad, why) in [
        (
            r#"{"text":"ab","entities":[{"name":"X","kind":"person","mentions":[{"text":"X","start":1,"end":5}]}],"quotes":[],"dates":[]}"#,
            "outside the text",
        ),
        (
            r#"{"text":"ab","entities":[],"quotes":[{"text":"q","speaker":null,"cue":null,"via":null,"start":2,"end":1}],"dates":[]}"#,
            "outside the text",
        ),
        (
            r#"{"text":"ab","entities":[{"name":"X","kind":"alien","mentions":[]}],"quotes":[],"dates":[]}"#,
            "not a valid",
        ),
        (
            r#"{"text":7,"entities":[],"quotes":[],"dates":[]}"#,
            "not a valid",
        ),
    ] {
        let mut d = doc(b"", FormatHint::Analyzed);
        d.body = Body::Text(bad.to_string());
        let e = analyze(&d, &ctx).expect_err(bad);
        assert_eq!(e.kind, ErrorKind::Malformed);
        assert!(e.error.contains(why), "{bad}: {}", e.error);
    }
}

/// Quotes read the names the entity finder found: a German word that it
/// takes for a noun or an adverb ("Hierauf", "Glücklicherweise") is no
/// speaker, while a name it found is; a quote of a few words is no quote
/// on a neighbour's attribution alone; a pronoun after its verb ("Sodann
/// erklärte er:") is the speaker.
#[test]
fn german_nouns_and_adverbs_are_no_speakers() {
    let a = dated_text(
        "Brücke in Bonn\n\nHierauf sagte der Bürgermeister Hans Becker: „Wir bauen die Brücke neu, \
         sobald das Geld da ist.“\n\nGlücklicherweise erklärte Becker dann: „Die Arbeiten beginnen im Mai \
         und enden im Herbst.“ Das ist eine „gute Nachricht“ für Bonn.\n\n\
         Sodann erklärte er: „Wir danken allen Bürgern für die Geduld.“",
    );
    let speakers: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        [
            Some("Hans Becker"),
            Some("Hans Becker"),
            Some("Hans Becker")
        ],
        "{:?}\n{:?}",
        a.quotes,
        a.entities
    );
}

/// Arabic and Hebrew have no capitals for the quote finder to read: the
/// verb of saying in the quote's sentence, before or after it, gives the
/// person named next to it (a later surname of a known person included).
#[test]
fn arabic_and_hebrew_quotes_get_their_speaker() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "عباس يلتقي بلينكن\n\nالتقى الرئيس الفلسطيني محمود عباس وزير الخارجية الأمريكي أنتوني \
             بلينكن في رام الله يوم الثلاثاء.\nوقال عباس: «نريد دولة مستقلة وعاصمتها القدس الشرقية».\n\
             «الولايات المتحدة تدعم حل الدولتين»، قال بلينكن للصحفيين.",
            "ar",
            &["Mahmoud Abbas", "Antony Blinken"],
        ),
        (
            "נתניהו נפגש עם בלינקן\n\nראש הממשלה בנימין נתניהו נפגש אתמול בירושלים עם שר החוץ \
             האמריקני אנתוני בלינקן.\nנתניהו אמר: \"ישראל תמשיך להגן על עצמה בכל מחיר\".\n\
             \"ארצות הברית עומדת לצד ישראל\", אמר בלינקן לכתבים.",
            "he",
            &["Benjamin Netanyahu", "Antony Blinken"],
        ),
    ];
    for (text, lang, want) in cases {
        let a = dated_text(text);
        assert_eq!(a.language.as_deref(), Some(*lang));
        let got: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker.as_deref()).collect();
        let want: Vec<Option<&str>> = want.iter().map(|w| Some(*w)).collect();
        assert_eq!(got, want, "{:?}\n{:?}", a.quotes, a.entities);
    }
}

/// Turkish writes a name's case ending after an apostrophe, so a
/// capitalised word at a sentence start with a genitive ending and no
/// apostrophe ("Toplantının", "Görüşmenin") is a common noun; a Turkish
/// demonym ("Rus") is its country's, and a Turkish country name ("Rusya")
/// the same country.
#[test]
fn turkish_common_nouns_and_demonyms() {
    let text = "Hakan Fidan, Rus mevkidaşı Sergey Lavrov ile Ankara'da bir araya geldi. \
        Toplantının ana gündem maddesi güvenlikti.\n\n\
        Görüşmenin ardından Rusya heyeti Moskova'ya döndü. Rus heyeti memnundu.";
    let a = dated_text(text);
    assert_eq!(a.language.as_deref(), Some("tr"));
    let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
    for junk in ["Toplantının", "Görüşmenin", "Rus", "Rusya"] {
        assert!(!names.contains(&junk), "{junk}: {names:?}");
    }
    let russia = a.entities.iter().find(|e| e.name == "Russia");
    assert!(
        russia.is_some_and(|e| e.mentions.len() == 3 && e.kind == EntityKind::Place),
        "{:?}",
        a.entities
    );
    // A name keeps its genitive after an apostrophe: "Fidan'ın".
    let b =
        dated_text("Dışişleri Bakanı Hakan Fidan açıklama yaptı. Fidan'ın sözleri dikkat çekti.");
    assert!(
        b.entities
            .iter()
            .any(|e| e.name == "Hakan Fidan" && e.mentions.len() == 2),
        "{:?}",
        b.entities
    );
}

/// Turkish: a name's case ending after an apostrophe is not part of it
/// ("Ankara’da", "Moskova'nın"), and the locative makes a place; office
/// words before a title ("Dışişleri Bakanı") are a title, an acronym in
/// parentheses after an organization is no nickname inside a person's
/// name, and a quote's speaker is the sentence's subject before it when a
/// verb of saying ("dedi") follows it.
#[test]
fn turkish_case_endings_titles_and_verb_final_speakers() {
    let text = "Fidan Lavrov ile görüştü\n\n\
        Dışişleri Bakanı Hakan Fidan, Rusya Dışişleri Bakanı Sergey Lavrov ile Ankara’da bir araya geldi.\n\
        Fidan, görüşmenin ardından düzenlenen basın toplantısında \"Karadeniz'de tahıl koridorunun \
        yeniden açılması için çalışıyoruz\" dedi.\n\
        Lavrov ise Moskova'nın Türkiye'nin arabuluculuk çabalarını desteklediğini söyledi.\n\
        Türkiye Büyük Millet Meclisi (TBMM) Başkanı Numan Kurtulmuş, Trabzon'da yaptığı açıklamada \
        \"Barış için her türlü çabayı göstereceğiz\" ifadesini kullandı.";
    let a = dated_text(text);
    assert_eq!(a.language.as_deref(), Some("tr"));
    let kind_of = |name: &str| a.entities.iter().find(|e| e.name == name).map(|e| e.kind);
    assert_eq!(
        kind_of("Hakan Fidan"),
        Some(EntityKind::Person),
        "{:?}",
        a.entities
    );
    assert_eq!(kind_of("Sergey Lavrov"), Some(EntityKind::Person));
    assert_eq!(kind_of("Numan Kurtulmuş"), Some(EntityKind::Person));
    assert_eq!(kind_of("Moscow"), Some(EntityKind::Place));
    assert_eq!(kind_of("Ankara"), Some(EntityKind::Place));
    assert_eq!(kind_of("Karadeniz"), Some(EntityKind::Place));
    assert_eq!(kind_of("Trabzon"), Some(EntityKind::Place));
    assert_eq!(
        kind_of("Türkiye Büyük Millet Meclisi"),
        Some(EntityKind::Organization)
    );
    for e in &a.entities {
        assert!(
            !e.name.contains('\'') && !e.name.contains('’') && !e.name.contains("Bakanı"),
            "{:?}",
            a.entities
        );
    }
    let speakers: Vec<Option<&str>> = a.quotes.iter().map(|q| q.speaker.as_deref()).collect();
    assert_eq!(
        speakers,
        [Some("Hakan Fidan"), Some("Numan Kurtulmuş")],
        "{:?}",
        a.quotes
    );
}

/// Text is NFC after cleaning whatever form it came in, and a name in any
/// form or with a dotted capital finds the knowledge base's entry.
#[test]
fn decomposed_and_dotted_names_are_normalised_and_found() {
    use unicode_normalization::UnicodeNormalization;
    let written = "President İlham Aliyev met François Hollande in Baku on Monday. \
        Aliyev said the talks went well.";
    let decomposed: String = written.nfd().collect();
    assert_ne!(decomposed, written, "the fixture is decomposed");
    let a = analyze(&doc(decomposed.as_bytes(), FormatHint::PlainText), &CTX).expect("an article");
    assert!(
        unicode_normalization::is_nfc(&a.text),
        "text not NFC: {:?}",
        a.text
    );
    assert!(a.text.contains("François"), "{:?}", a.text);
    let aliyev = a
        .entities
        .iter()
        .find(|e| e.name == "Ilham Aliyev")
        .unwrap_or_else(|| panic!("Ilham Aliyev not found in {:?}", a.entities));
    assert_eq!(aliyev.kind, herald_model::EntityKind::Person);
    assert_eq!(aliyev.mentions.len(), 2, "{aliyev:?}");
}
