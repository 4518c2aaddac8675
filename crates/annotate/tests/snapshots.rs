//! Snapshots of each annotator on fixtures written for Herald, in the
//! languages it reads: the time expressions with their values, the
//! entities with their kinds, canonical names and mentions, the quotes with
//! speaker and cue, and the cited outlets and wire origin. A change of
//! output shows as a reviewable diff (`cargo insta review`); the analysis
//! as a whole is pinned by the CLI's snapshot of `herald analyze samples/`.

use std::fmt::Write as _;
use std::sync::OnceLock;

use herald_annotate::entities::{Kb, find_entities};
use herald_annotate::provenance::{Outlets, cited_sources, origin};
use herald_annotate::quotes::find_quotes;
use herald_annotate::time::{Anchor, find_times};

/// The built-in knowledge base, parsed once.
fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| {
        let all: String = herald_annotate::BUILTIN_KB
            .iter()
            .map(|(_, text)| format!("{text}\n"))
            .collect();
        Kb::parse_tsv(&all).expect("the built-in knowledge base parses")
    })
}

fn outlets() -> &'static Outlets {
    static OUTLETS: OnceLock<Outlets> = OnceLock::new();
    OUTLETS.get_or_init(|| Outlets::of_kb(kb()))
}

/// The four annotators' findings on `text` in `lang`, published on `day`,
/// one line each.
fn annotated(text: &str, lang: &str, day: (i32, u32, u32)) -> String {
    let anchor = Anchor {
        year: day.0,
        month: day.1,
        day: day.2,
    };
    let mut out = String::new();
    for t in find_times(text, lang, Some(anchor)) {
        let _ = writeln!(
            out,
            "time    {:?} = {}",
            t.text,
            t.value.as_deref().unwrap_or("-")
        );
    }
    for e in find_entities(text, lang, kb(), Some(day.0)) {
        let mentions: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
        let _ = writeln!(out, "entity  {:?} {} {:?}", e.kind, e.name, mentions);
    }
    for q in find_quotes(text, lang, kb()) {
        let _ = writeln!(
            out,
            "quote   {} ({}): {:?}",
            q.speaker.as_deref().unwrap_or("-"),
            q.cue.as_deref().unwrap_or("-"),
            q.text
        );
    }
    for s in cited_sources(text, std::iter::empty(), outlets()) {
        let _ = writeln!(out, "cites   {s}");
    }
    if let Some(o) = origin(text, std::iter::empty(), outlets()) {
        let _ = writeln!(out, "origin  {o}");
    }
    out
}

#[test]
fn english() {
    let text = "MOSCOW (Reuters) - Russian Foreign Minister Sergei Lavrov arrived in Beijing \
on Monday for two days of talks with Wang Yi, the ministry said.\n\n\
\"We have a great deal to discuss,\" Lavrov told reporters at the airport. The visit, \
his second since April 2023, comes a week after Xi Jinping met Vladimir Putin, \
according to Xinhua.\n\n\
Talks resume at 10:30 a.m. on Tuesday, April 9.";
    insta::assert_snapshot!(annotated(text, "en", (2024, 4, 8)));
}

#[test]
fn german() {
    let text = "Bundeskanzler Olaf Scholz ist am Dienstag in Paris mit Präsident Emmanuel \
Macron zusammengekommen. Die Gespräche dauerten drei Stunden, teilte das Kanzleramt mit.\n\n\
„Wir stehen eng zusammen“, sagte Scholz nach dem Treffen. Im vergangenen Sommer hatten \
beide zuletzt in Berlin verhandelt, berichtete die Deutsche Presse-Agentur.";
    insta::assert_snapshot!(annotated(text, "de", (2024, 5, 7)));
}

#[test]
fn french() {
    let text = "Le président Emmanuel Macron a reçu mardi à l'Élysée le chancelier Olaf \
Scholz. « Nous avons parlé de l'Ukraine et de la défense européenne », a déclaré \
Macron à l'issue de l'entretien, selon l'AFP.\n\n\
La rencontre avait été annoncée le 2 mai. Il a été question de l'été prochain.";
    insta::assert_snapshot!(annotated(text, "fr", (2024, 5, 7)));
}

#[test]
fn turkish() {
    let text = "Dışişleri Bakanı Hakan Fidan, Rus mevkidaşı Sergey Lavrov ile Ankara'da bir \
araya geldi. Toplantının ana gündemi Karadeniz'deki güvenlikti.\n\n\
Fidan, basın toplantısında \"Karadeniz'de istikrar herkesin çıkarınadır ve bunu \
birlikte koruyacağız\" dedi.";
    insta::assert_snapshot!(annotated(text, "tr", (2024, 3, 5)));
}

#[test]
fn chinese() {
    let text = "新华社北京4月9日电 国家主席习近平9日在人民大会堂会见俄罗斯外长拉夫罗夫。\
外交部长王毅参加会见。拉夫罗夫表示：“俄方愿同中方加强战略协作。”";
    insta::assert_snapshot!(annotated(text, "zh", (2024, 4, 9)));
}
