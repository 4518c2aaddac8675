//! Quote speakers reconciled with the article's entities: the quote
//! finder's speaker replaced by the canonical name of the entity it names,
//! the person an attribution mentions, and Chinese and Japanese speakers
//! written before a reporting verb.

use herald_annotate::entities;
use herald_model::{Entity, Quote};
use rustc_hash::{FxHashMap as FxMap, FxHashSet as FxSet};

/// Reporting verbs written between a speaker and a quote in Chinese
/// ("习近平表示：“…”", "王毅说，“…”"): the `verb` words of
/// `entities-zh.tsv`, longest first (so "补充说" is read before "说").
static CJK_CUES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut cues: Vec<&str> = herald_annotate::words::pairs(herald_annotate::words::CHINESE_WORDS)
        .unwrap_or_default()
        .into_iter()
        .filter(|(category, _)| *category == "verb")
        .map(|(_, w)| w)
        .collect();
    cues.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    cues
});

/// Speakers (and cues) of Chinese and Japanese quotes the quote finder
/// leaves unattributed: a person mention right before a reporting verb and
/// the opening mark ("习近平表示：“…”"), or right before the topic
/// particle は ("岸田は「…」と述べた").
pub(crate) fn cjk_speakers(text: &str, quotes: &mut [Quote], entities: &[Entity]) {
    if quotes.iter().all(|q| q.speaker.is_some()) {
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    for q in quotes.iter_mut().filter(|q| q.speaker.is_none()) {
        // The opening mark is the character before the quoted text.
        let Some(mut at) = q.start.checked_sub(1) else {
            continue;
        };
        let before = |k: usize| chars.get(..k).unwrap_or(&[]);
        // Punctuation between the verb and the mark.
        while at > 0 && matches!(chars[at - 1], '：' | ':' | '，' | ',' | ' ' | '、') {
            at -= 1;
        }
        let head = before(at);
        let cue = CJK_CUES.iter().find(|cue| {
            let n = cue.chars().count();
            head.len() >= n && head[head.len() - n..].iter().copied().eq(cue.chars())
        });
        let end = match cue {
            Some(cue) => at - cue.chars().count(),
            None if head.last() == Some(&'は') => at - 1,
            None => continue,
        };
        let speaker = entities
            .iter()
            .filter(|e| e.kind == herald_model::EntityKind::Person)
            .find(|e| e.mentions.iter().any(|m| m.end == end));
        if let Some(e) = speaker {
            q.speaker = Some(e.name.clone());
            if q.cue.is_none() {
                q.cue = cue.map(|c| (*c).to_string());
            }
        }
    }
}

/// Chars before a quote (or after it) read for its attribution.
const CASELESS_WINDOW: usize = 120;

/// Speakers of Arabic and Hebrew quotes the quote finder leaves
/// unattributed (it reads capitals, which these scripts do not have): a
/// verb of saying in the quote's sentence before it, with the person
/// mention nearest the quote ("وقال الرئيس عباس: «…»", "נתניהו אמר: "…""),
/// or after it ("«…»، قال عباس"). Each quote reads at most
/// [`CASELESS_WINDOW`] chars on either side.
pub(crate) fn caseless_speakers(text: &str, quotes: &mut [Quote], entities: &[Entity]) {
    let ends_sentence = |c: char| matches!(c, '.' | '!' | '?' | '\n' | '؟' | '»' | '”');
    fill_speakers(
        text,
        quotes,
        entities,
        &ends_sentence,
        |chars, at, persons| {
            attribution(chars, at.from, at.open, persons, true)
                .or_else(|| attribution(chars, at.close, at.to, persons, false))
        },
    );
}

/// Speakers of quotes in a language whose verb ends the sentence (Turkish:
/// `Fidan, ... "…" dedi.`) that the quote finder leaves unattributed: a
/// verb of saying after the quote in its sentence (`is_verb`, lowercase
/// word), and the first person mention of the sentence before the quote,
/// its subject. Each quote reads at most [`CASELESS_WINDOW`] chars on
/// either side.
pub(crate) fn verb_final_speakers(
    text: &str,
    quotes: &mut [Quote],
    entities: &[Entity],
    is_verb: &dyn Fn(&str) -> bool,
) {
    let ends_sentence = |c: char| matches!(c, '.' | '!' | '?' | '\n');
    fill_speakers(
        text,
        quotes,
        entities,
        &ends_sentence,
        |chars, at, persons| {
            let cue = words_of(chars, at.close, at.to).find(|w| is_verb(&w.to_lowercase()))?;
            let subject = persons
                .iter()
                .filter(|(s, e, _)| *s >= at.from && *e <= at.open)
                .min_by_key(|(s, _, _)| *s)?;
            Some((subject.2, cue))
        },
    );
}

/// Gives each quote without a speaker the speaker and cue `find` reads in
/// its sentence (sentences end where `ends_sentence` says), among the
/// article's person mentions; a cue already found is kept.
fn fill_speakers<'e>(
    text: &str,
    quotes: &mut [Quote],
    entities: &'e [Entity],
    ends_sentence: &dyn Fn(char) -> bool,
    find: impl Fn(&[char], &Sentence, &[(usize, usize, &'e str)]) -> Option<(&'e str, String)>,
) {
    if quotes.iter().all(|q| q.speaker.is_some()) {
        return;
    }
    let chars: Vec<char> = text.chars().collect();
    let persons = person_mentions(entities);
    for q in quotes.iter_mut().filter(|q| q.speaker.is_none()) {
        let sentence = sentence_of(&chars, q, ends_sentence);
        if let Some((speaker, cue)) = find(&chars, &sentence, &persons) {
            q.speaker = Some(speaker.to_string());
            if q.cue.is_none() {
                q.cue = Some(cue);
            }
        }
    }
}

/// The sentence of a quote, in chars: `from..open` before its opening
/// mark, `close..to` after its closing mark, each at most
/// [`CASELESS_WINDOW`] chars long.
struct Sentence {
    from: usize,
    open: usize,
    close: usize,
    to: usize,
}

fn sentence_of(chars: &[char], q: &Quote, ends_sentence: &dyn Fn(char) -> bool) -> Sentence {
    // Before: back from the opening mark to the sentence's start.
    let open = q.start.saturating_sub(1).min(chars.len());
    let mut from = open;
    while from > 0 && open - from < CASELESS_WINDOW && !ends_sentence(chars[from - 1]) {
        from -= 1;
    }
    // After: from the closing mark to the sentence's end.
    let close = (q.end + 1).min(chars.len());
    let mut to = close;
    while to < chars.len() && to - close < CASELESS_WINDOW && !ends_sentence(chars[to]) {
        to += 1;
    }
    Sentence {
        from,
        open,
        close,
        to,
    }
}

/// The person mentions of the article: char span and canonical name.
fn person_mentions(entities: &[Entity]) -> Vec<(usize, usize, &str)> {
    entities
        .iter()
        .filter(|e| e.kind == herald_model::EntityKind::Person)
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(move |m| (m.start, m.end, e.name.as_str()))
        })
        .collect()
}

/// The words of chars `a..b` (letters and combining marks), in order.
fn words_of(chars: &[char], a: usize, b: usize) -> impl Iterator<Item = String> + '_ {
    let mut k = a;
    std::iter::from_fn(move || {
        while k < b && !chars[k].is_alphabetic() {
            k += 1;
        }
        if k >= b {
            return None;
        }
        let s = k;
        while k < b && (chars[k].is_alphabetic() || is_mark(chars[k])) {
            k += 1;
        }
        Some(chars[s..k].iter().collect())
    })
}

/// A verb of saying in chars `a..b` and a person mention inside them: the
/// mention nearest `b` when the span is before the quote (`before`), else
/// the first one.
fn attribution<'e>(
    chars: &[char],
    a: usize,
    b: usize,
    persons: &[(usize, usize, &'e str)],
    before: bool,
) -> Option<(&'e str, String)> {
    let cue = words_of(chars, a, b).find(|w| entities::is_report_verb(w))?;
    let inside = persons.iter().filter(|(s, e, _)| *s >= a && *e <= b);
    let person = if before {
        inside.max_by_key(|(s, _, _)| *s)
    } else {
        inside.min_by_key(|(s, _, _)| *s)
    };
    person.map(|(_, _, name)| (*name, cue))
}

/// A combining mark (Arabic and Hebrew points), part of a word.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{591}'..='\u{5C7}' | '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{670}')
}

/// The person an entity mention inside `span` (char offsets) names: the
/// speaker of a quote whose attribution the quote finder could not resolve
/// ("a déclaré le ministre russe des Affaires étrangères", a role the
/// entity finder gave to Sergueï Lavrov).
pub(crate) fn person_at(entities: &[Entity], (s, e): (usize, usize)) -> Option<String> {
    entities
        .iter()
        .filter(|p| p.kind == herald_model::EntityKind::Person)
        .flat_map(|p| p.mentions.iter().map(move |m| (p, m)))
        .filter(|(_, m)| m.start < e && s < m.end)
        .max_by_key(|(_, m)| (m.end.min(e) - m.start.max(s), std::cmp::Reverse(m.start)))
        .map(|(p, _)| p.name.clone())
}

/// Leading words that do not name anyone ("the Chinese minister").
fn strip_article(s: &str) -> &str {
    for a in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = s.strip_prefix(a) {
            return rest;
        }
    }
    s
}

/// Replaces each quote's speaker by the canonical name of the entity it
/// names: the entity whose name or one of whose mentions is the speaker
/// (folded, leading article dropped), else the only person with the
/// speaker's last word as surname. Other speakers keep the quote finder's
/// name.
pub fn canonical_speakers(quotes: &mut [Quote], entities: &[Entity]) {
    if quotes.iter().all(|q| q.speaker.is_none()) {
        return;
    }
    // Folded names and mentions, computed once: entity index by key. A
    // mention text seen before (by any entity) adds nothing: the first
    // entity keeps the key.
    let mut by_key: FxMap<String, usize> = FxMap::default();
    let mut by_surname: FxMap<String, Option<usize>> = FxMap::default();
    let mut seen: FxSet<&str> = FxSet::default();
    for (i, e) in entities.iter().enumerate() {
        let name = entities::fold(&e.name);
        if e.kind == herald_model::EntityKind::Person
            && let Some(last) = name.rsplit(' ').next().filter(|l| !l.is_empty())
        {
            by_surname
                .entry(last.to_string())
                .and_modify(|slot| {
                    // Two people with one surname: the surname decides nothing.
                    if *slot != Some(i) {
                        *slot = None;
                    }
                })
                .or_insert(Some(i));
        }
        by_key.entry(name).or_insert(i);
        for m in &e.mentions {
            if seen.insert(m.text.as_str()) {
                by_key
                    .entry(entities::fold(strip_article(&m.text)))
                    .or_insert(i);
            }
        }
    }
    for q in quotes {
        let Some(speaker) = q.speaker.as_deref() else {
            continue;
        };
        let key = entities::fold(strip_article(speaker));
        let last = key.rsplit(' ').next().unwrap_or("");
        let hit = by_key
            .get(&key)
            .copied()
            .or_else(|| by_surname.get(last).copied().flatten());
        if let Some(e) = hit.and_then(|i| entities.get(i)) {
            q.speaker = Some(e.name.clone());
        }
    }
}
