//! Names in scripts without capital letters: Arabic and Hebrew. The finder
//! of capitalised runs sees nothing in them; this module gives the resolver
//! candidates of its own, by rules of the languages and the knowledge base.
//! Written by hand: no crate finds Arabic or Hebrew names without model
//! weights, and no such weights can be installed here (STACK.md).
//!
//! The two languages share the shape of the rules: words carry prefixed
//! particles, a definite article marks nouns and adjectives, a title and
//! its qualifiers come before a name, an organization's name is a head
//! noun in construct with what follows. A [`Script`] gives each language
//! its letters, its particles and its word lists; the rules below are
//! written once. Arabic first, then what Hebrew does otherwise:
//!
//! - **Words** are runs of Arabic letters. A word may carry proclitics
//!   (و and ف "and", ب "in", ل "to", ك "as"; ل before the article gives
//!   لل): Arabic writes them as one word, so a mention keeps them, but its
//!   lookup keys drop them (`stems`).
//! - **Knowledge base**: the longest run of up to four words whose key is an
//!   alias (countries in 20 languages and cities in their scripts come
//!   from `data/kb/world.tsv`). A one-word `city` name is often a word as
//!   well (الرياض is also "the gardens"), so it counts only with a place
//!   cue: a preposition before it or on it, or a noun such as مدينة.
//! - **Persons**: a title or role noun (الرئيس, الوزير, اللاعب), with what
//!   qualifies it (nisba adjectives such as الأمريكي, office words such as
//!   الخارجية, a country), then the name: up to four words that are not
//!   function words, titles or the article's other names; or a known given
//!   name followed by at least one such word. Later mentions of the last
//!   word of such a name, proclitics and all, are the same person.
//! - **Organizations**: a head noun (وزارة, حزب, منظمة) and the words of
//!   its construct after it: words with the article, or a place.
//! - **Places** the knowledge base does not know: the word after a place
//!   noun (مدينة, جزيرة).
//!
//! **Hebrew** writes its particles as letters before the word (ו "and", ש
//! "that", ב "in", ל "to", כ "as", מ "from", ה "the"), so a word's stems
//! are the word without up to four of them, in that order, keeping two
//! letters at least; after ב, ל or כ the article is not written
//! (בירושלים). The article is ה, an adjective with it and the ending י or
//! ית is a nisba (האמריקני); a one-word city takes as its cue the ב, מ or ל
//! written on it ("in", "from", "to") as well as a word before it.
//!
//! The word lists are data: `data/lexicon/entities-ar.tsv` and
//! `entities-he.tsv`. The work is linear in the text: each word starts at
//! most a fixed number of lookups.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::fold::fold;
use super::kb::Kb;
use super::scan::{Candidate, Evidence, What};
use crate::words::{ARABIC_WORDS, HEBREW_WORDS, WordListError, rows};

/// Folded words of each category.
#[derive(Debug, Default)]
struct Lists {
    title: HashSet<String>,
    role_mod: HashSet<String>,
    given: HashSet<String>,
    connector: HashSet<String>,
    org_head: HashSet<String>,
    place_cue: HashSet<String>,
    place_prep: HashSet<String>,
    stop: HashSet<String>,
    report_verb: HashSet<String>,
}

fn parse_lists(file: &'static str) -> Result<Lists, WordListError> {
    let mut l = Lists::default();
    for row in rows(file)? {
        let set = match row.category {
            "title" => &mut l.title,
            "role_mod" => &mut l.role_mod,
            "given" => &mut l.given,
            "connector" => &mut l.connector,
            "org_head" => &mut l.org_head,
            "place_cue" => &mut l.place_cue,
            "place_prep" => &mut l.place_prep,
            "stop" => &mut l.stop,
            "report_verb" => &mut l.report_verb,
            other => return Err(row.error(format!("unknown category {other:?}"))),
        };
        set.insert(fold(row.word));
    }
    Ok(l)
}

/// The lists, parsed once (empty if a file is broken: a test checks it).
static ARABIC_LISTS: LazyLock<Lists> =
    LazyLock::new(|| parse_lists(ARABIC_WORDS).unwrap_or_default());
static HEBREW_LISTS: LazyLock<Lists> =
    LazyLock::new(|| parse_lists(HEBREW_WORDS).unwrap_or_default());

/// What a language gives the rules: its letters, how its words shed their
/// particles, its article and its word lists.
pub struct Script {
    letter: fn(char) -> bool,
    /// Characters inside a word that do not start one: the apostrophe and
    /// geresh Hebrew writes for sounds it has no letter for (ג'ו "Joe").
    inner: &'static [char],
    /// The keys a folded word may stand for, the word first.
    stems: fn(&str) -> Vec<String>,
    /// The particle "and", written on the next word.
    and: &'static [char],
    /// The definite article (and a particle that holds it, لل).
    article: &'static [&'static str],
    /// The particles "in", "from", "to" written on a word: a place cue.
    place_particles: &'static [char],
    /// Endings of an adjective of origin (nisba).
    nisba_endings: &'static [&'static str],
    lists: &'static LazyLock<Lists>,
}

pub static ARABIC: Script = Script {
    letter: is_arabic_letter,
    inner: &[],
    stems: arabic_stems,
    and: &['و', 'ف'],
    article: &["ال", "لل"],
    place_particles: &[],
    nisba_endings: &["ي", "يه"],
    lists: &ARABIC_LISTS,
};

pub static HEBREW: Script = Script {
    letter: is_hebrew_letter,
    inner: &['\'', '’', '\u{5F3}'],
    stems: hebrew_stems,
    and: &['ו'],
    article: &["ה"],
    place_particles: &['ב', 'מ', 'ל'],
    nisba_endings: &["י", "ית"],
    lists: &HEBREW_LISTS,
};

impl Script {
    /// Whether a folded word starts with the article (and is more than it).
    fn has_article(&self, key: &str) -> bool {
        self.article
            .iter()
            .any(|a| key.strip_prefix(a).is_some_and(|r| r.chars().count() >= 2))
    }

    /// An adjective of origin with the article: الأمريكي, الفلسطينية,
    /// האמריקני, הרוסית.
    fn nisba(&self, key: &str) -> bool {
        self.article.first().is_some_and(|a| key.starts_with(a))
            && key.chars().count() >= 5
            && self.nisba_endings.iter().any(|e| key.ends_with(e))
    }

    /// The word without a leading "and", or the word.
    fn bare(&self, key: &str) -> String {
        self.and
            .iter()
            .find_map(|&c| key.strip_prefix(c))
            .filter(|r| r.chars().count() >= 3)
            .unwrap_or(key)
            .to_string()
    }
}

/// Longest knowledge-base alias tried, in words.
const MAX_KB_WORDS: usize = 4;
/// Longest name, in words, connectors included.
const MAX_NAME_WORDS: usize = 5;
/// Most words between a title and the name.
const MAX_QUALIFIERS: usize = 5;
/// Most words after an organization's head noun.
const MAX_ORG_WORDS: usize = 5;

/// Arabic letters, marks and the tatweel (U+0621–U+065F, U+066E–U+06D3,
/// U+06FA–U+06FF; not digits or punctuation).
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{621}'..='\u{65F}' | '\u{66E}'..='\u{6D3}' | '\u{6FA}'..='\u{6FF}')
}

/// Hebrew letters and points (U+0591–U+05C7 without the maqaf and sof
/// pasuq, U+05D0–U+05EA).
fn is_hebrew_letter(c: char) -> bool {
    matches!(c, '\u{591}'..='\u{5BD}' | '\u{5BF}' | '\u{5C1}'..='\u{5C2}' | '\u{5C4}'..='\u{5C7}' | '\u{5D0}'..='\u{5EA}')
}

/// One word of Arabic letters.
#[derive(Debug)]
struct Word {
    bstart: usize,
    bend: usize,
    start: usize,
    end: usize,
    /// Folded word.
    key: String,
    /// Folded word without its proclitics, longest first; `key` first.
    stems: Vec<String>,
    /// The word without a leading و or ف ("and"), or `key`.
    bare: String,
    /// Whether only spaces separate it from the word before.
    joined: bool,
    /// Whether it starts with the article.
    article: bool,
    /// An adjective of origin with the article.
    nisba: bool,
    /// Whether it carries "in", "from" or "to" (Hebrew).
    place_particle: bool,
}

impl Word {
    /// Whether `set` holds the word, or the word without its "and".
    fn in_set(&self, set: &HashSet<String>) -> bool {
        set.contains(&self.key) || set.contains(&self.bare)
    }
}

/// The keys an Arabic word may stand for once its proclitics go: و or ف,
/// then ب, ك or ل (لل for ل + the article), then the article itself.
fn arabic_stems(key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    let long = |s: &str| s.chars().count() >= 3;
    let mut bases = vec![key];
    if let Some(rest) = key.strip_prefix('و').or_else(|| key.strip_prefix('ف'))
        && long(rest)
    {
        bases.push(rest);
    }
    for base in bases.clone() {
        if let Some(rest) = base.strip_prefix("لل")
            && long(rest)
        {
            out.push(format!("ال{rest}"));
        }
        for p in ['ب', 'ل', 'ك'] {
            if let Some(rest) = base.strip_prefix(p)
                && long(rest)
            {
                out.push(rest.to_string());
            }
        }
        if base != key {
            out.push(base.to_string());
        }
    }
    for s in out.clone() {
        if let Some(rest) = s.strip_prefix("ال")
            && rest.chars().count() >= 3
        {
            out.push(rest.to_string());
        }
    }
    let mut seen = HashSet::default();
    out.retain(|s| seen.insert(s.clone()));
    out
}

/// The keys a Hebrew word may stand for once its particles go: ו, then ש
/// (or כש), then one of ב ל כ מ, then the article ה; two letters stay. A
/// word that lost ב, ל or כ also stands for itself with the article.
fn hebrew_stems(key: &str) -> Vec<String> {
    let mut out = vec![key.to_string()];
    let mut rest = key;
    let mut strip = |rest: &mut &str, particles: &[&str]| {
        for p in particles {
            if let Some(r) = rest.strip_prefix(p)
                && r.chars().count() >= 2
            {
                *rest = r;
                out.push(r.to_string());
                return;
            }
        }
    };
    strip(&mut rest, &["ו"]);
    strip(&mut rest, &["כש", "ש"]);
    let before = rest;
    strip(&mut rest, &["ב", "ל", "כ", "מ"]);
    // After ב, ל or כ the article is not written: בכנסת is "in the Knesset".
    let elided = rest != before && !before.starts_with('מ');
    strip(&mut rest, &["ה"]);
    if elided && !rest.starts_with('ה') {
        out.push(format!("ה{rest}"));
    }
    let mut seen = HashSet::default();
    out.retain(|s| seen.insert(s.clone()));
    out
}

fn words(text: &str, script: &Script) -> Vec<Word> {
    let mut out = Vec::new();
    let mut chars = 0usize;
    let mut cur: Option<(usize, usize)> = None;
    let mut gap_clean = true;
    let push = |out: &mut Vec<Word>, (b, c): (usize, usize), be: usize, ce: usize, joined: bool| {
        let key = fold(&text[b..be]);
        if key.is_empty() {
            return;
        }
        let bare = script.bare(&key);
        let stems = (script.stems)(&key);
        // A stem that lost "in", "from" or "to": the particle is the last
        // letter taken off before it (after "and" and "that").
        let place_particle = stems.iter().skip(1).any(|s| {
            key.strip_suffix(s.as_str())
                .and_then(|p| p.chars().last())
                .is_some_and(|c| script.place_particles.contains(&c))
        });
        out.push(Word {
            bstart: b,
            bend: be,
            start: c,
            end: ce,
            article: script.has_article(&key),
            nisba: script.nisba(&key),
            place_particle,
            stems,
            bare,
            key,
            joined,
        });
    };
    for (b, ch) in text.char_indices() {
        if (script.letter)(ch) || cur.is_some() && script.inner.contains(&ch) {
            if cur.is_none() {
                cur = Some((b, chars));
            }
        } else {
            if let Some(st) = cur.take() {
                let joined = gap_clean && !out.is_empty();
                push(&mut out, st, b, chars, joined);
                gap_clean = true;
            }
            if !(ch == ' ' || ch == '\u{A0}' || ch == '\t') {
                gap_clean = false;
            }
        }
        chars += 1;
    }
    if let Some(st) = cur {
        let joined = gap_clean && !out.is_empty();
        push(&mut out, st, text.len(), chars, joined);
    }
    out
}

/// Whether the text has enough letters of the script to be worth reading.
fn has_script(text: &str, script: &Script) -> bool {
    // Every letter of both scripts lies in U+0591–U+06FF, whose UTF-8 lead
    // bytes are D6–DB: a text without one is read as bytes, not characters.
    if !text.bytes().any(|b| (0xD6..=0xDB).contains(&b)) {
        return false;
    }
    text.chars()
        .filter(|&c| (script.letter)(c))
        .nth(8)
        .is_some()
}

/// Whether a word is a verb of saying: in Arabic or Hebrew letters (قال,
/// وقال, אמר, ואמר), with or without "and" before it, or, lowercase, a
/// `report_verb` of the other word lists ("dedi", "said").
pub fn is_report_verb(word: &str) -> bool {
    static LATIN: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| crate::words::entity_words("report_verb").collect());
    if LATIN.contains(word) {
        return true;
    }
    let key = fold(word);
    [&ARABIC, &HEBREW].iter().any(|script| {
        let set = &script.lists.report_verb;
        set.contains(&key) || set.contains(&script.bare(&key))
    })
}

/// The candidates of the words of `text` in `script` (see the module
/// header).
pub fn candidates(text: &str, kb: &Kb, script: &Script) -> Vec<Candidate> {
    if !has_script(text, script) {
        return Vec::new();
    }
    let w = words(text, script);
    let mut counts: HashMap<&str, u32> = HashMap::default();
    for x in &w {
        for s in &x.stems {
            *counts.entry(s.as_str()).or_default() += 1;
        }
    }
    let mut f = Finder {
        w: &w,
        counts,
        kb,
        lists: script.lists,
        script,
        taken: vec![false; w.len()],
        kb_taken: vec![false; w.len()],
        out: Vec::new(),
    };
    f.knowledge_base();
    f.persons();
    f.organizations();
    f.places();
    f.later_mentions();
    f.out
}

struct Finder<'a> {
    w: &'a [Word],
    /// How many words of the article have each stem.
    counts: HashMap<&'a str, u32>,
    kb: &'a Kb,
    lists: &'a Lists,
    script: &'a Script,
    /// Words inside a candidate already, and inside a knowledge-base one.
    taken: Vec<bool>,
    kb_taken: Vec<bool>,
    out: Vec<Candidate>,
}

impl Finder<'_> {
    fn push(&mut self, a: usize, b: usize, what: What, words: Vec<String>, ev: Evidence) {
        for t in &mut self.taken[a..b] {
            *t = true;
        }
        let (first, last) = (&self.w[a], &self.w[b - 1]);
        self.out.push(Candidate {
            start: first.start,
            end: last.end,
            bstart: first.bstart,
            bend: last.bend,
            what,
            words,
            ev,
            role: None,
            apposition: None,
            weak: false,
            camel: false,
        });
    }

    /// The knowledge-base entry and length of the longest alias at word `i`.
    fn kb_at(&self, i: usize) -> Option<(usize, usize)> {
        let max = MAX_KB_WORDS.min(self.w.len() - i);
        for n in (1..=max).rev() {
            if (i + 1..i + n).any(|k| !self.w[k].joined) {
                continue;
            }
            let rest: Vec<&str> = self.w[i + 1..i + n]
                .iter()
                .map(|x| x.key.as_str())
                .collect();
            for (s, stem) in self.w[i].stems.iter().enumerate() {
                let key = if rest.is_empty() {
                    stem.clone()
                } else {
                    format!("{stem} {}", rest.join(" "))
                };
                if key.chars().filter(|c| *c != ' ').count() < 3 {
                    continue;
                }
                let Some(&id) = self.kb.by_alias(&key).first() else {
                    continue;
                };
                let Some(e) = self.kb.entry(id) else { continue };
                if e.script_only && n == 1 && !self.city_cue(i, s) {
                    continue;
                }
                return Some((id, n));
            }
        }
        None
    }

    /// Whether the one-word city name at word `i` (as its stem number
    /// `stem`) has what a city needs: a place noun before it (مدينة), or,
    /// for a name without the article, a preposition before it. A city
    /// whose name has the article is often a noun with it (الجزيرة "the
    /// island", المدينة "the city"), and a preposition goes before nouns too.
    fn city_cue(&self, i: usize, stem: usize) -> bool {
        let name = &self.w[i].stems[stem];
        if self.lists.stop.contains(name) || self.lists.place_cue.contains(name) {
            return false;
        }
        if stem > 0 && self.w[i].place_particle {
            return true;
        }
        if i == 0 || !self.w[i].joined {
            return false;
        }
        let prev = &self.w[i - 1].stems;
        if prev.iter().any(|s| self.lists.place_cue.contains(s)) {
            return true;
        }
        !self.script.has_article(name) && prev.iter().any(|s| self.lists.place_prep.contains(s))
    }

    fn knowledge_base(&mut self) {
        let mut i = 0;
        while i < self.w.len() {
            if let Some((id, n)) = self.kb_at(i) {
                // One word per word, so that the resolver tells a full name
                // from a surname alone.
                let words = self.w[i..i + n].iter().map(|x| x.key.clone()).collect();
                self.push(i, i + n, What::Kb(id), words, Evidence::default());
                for t in &mut self.kb_taken[i..i + n] {
                    *t = true;
                }
                i += n;
            } else {
                i += 1;
            }
        }
    }

    fn is_title(&self, i: usize) -> bool {
        self.w[i].in_set(&self.lists.title)
    }

    /// Whether word `i` may be a word of a name (`first`: its first word;
    /// `after_connector`: a word after بن or عبد, which may have the article).
    fn name_word(&self, i: usize, first: bool, given_before: bool, after_connector: bool) -> bool {
        let x = &self.w[i];
        let l = self.lists;
        if after_connector {
            // عبد الله, أبو مازن, بن لادن: any word after a connector.
            return !self.taken[i] && x.key.chars().count() >= 2 && x.key == x.bare;
        }
        if x.key.chars().count() < 2
            || l.stop.contains(&x.key)
            || l.title.contains(&x.key)
            || l.role_mod.contains(&x.key)
            || l.org_head.contains(&x.key)
            || l.place_cue.contains(&x.key)
            || self.taken[i]
        {
            return false;
        }
        if !first && x.key != x.bare {
            return false; // "and X": another name
        }
        if x.article {
            return after_connector || !first && given_before && !x.key.starts_with("لل");
        }
        true
    }

    /// The end of the name starting at `i` (exclusive), or `i`. Without
    /// capitals a name's end is not written, so a name goes on only while
    /// its words are given names or connectors (محمد حسني مبارك, عبد الله,
    /// بن لادن): the first other word is its last.
    fn name_end(&self, i: usize) -> usize {
        let mut k = i;
        let given = self.w[i].in_set(&self.lists.given);
        let mut after_connector = false;
        while k < self.w.len() && k - i < MAX_NAME_WORDS {
            if k > i && !self.w[k].joined {
                break;
            }
            if !self.name_word(k, k == i, given, after_connector) {
                break;
            }
            let x = &self.w[k];
            let connector = self.lists.connector.contains(&x.key);
            let chain = connector
                || (if k == i {
                    x.in_set(&self.lists.given)
                } else {
                    self.lists.given.contains(&x.key)
                });
            k += 1;
            after_connector = connector;
            if !chain {
                break;
            }
        }
        // A name does not end on a connector.
        while k > i && self.lists.connector.contains(&self.w[k - 1].key) {
            k -= 1;
        }
        k
    }

    /// A person named by words `a..b`; a leading "and" stays out of the
    /// name when the word without it is a given name.
    fn person(&mut self, a: usize, b: usize, titled: bool) {
        let first = &self.w[a];
        let and = first.key != first.bare
            && !self.lists.given.contains(&first.key)
            && self.lists.given.contains(&first.bare);
        let mut words: Vec<String> = self.w[a..b].iter().map(|x| x.key.clone()).collect();
        if and {
            words[0] = first.bare.clone();
        }
        let ev = Evidence {
            person: 2,
            titled,
            ..Evidence::default()
        };
        self.push(a, b, What::Name, words, ev);
        if and && let Some(c) = self.out.last_mut() {
            // و and ف are two bytes and one char.
            c.bstart += 2;
            c.start += 1;
        }
    }

    fn persons(&mut self) {
        let mut i = 0;
        while i < self.w.len() {
            if self.taken[i] {
                i += 1;
                continue;
            }
            if self.is_title(i) {
                // The words that qualify the title, then the name.
                let mut j = i + 1;
                while j < self.w.len() && j - i <= MAX_QUALIFIERS && self.w[j].joined {
                    let x = &self.w[j];
                    let qualifier = self.lists.role_mod.contains(&x.key)
                        || x.nisba
                        || self.is_title(j)
                        || self.kb_taken[j];
                    if !qualifier {
                        break;
                    }
                    j += 1;
                }
                if j < self.w.len() && self.w[j].joined {
                    let end = self.name_end(j);
                    // One word after a title is a name when the article
                    // names it again (الرئيس بوش … بوش), not a noun
                    // (الكاتب بعنوان).
                    let one = end == j + 1
                        && self
                            .counts
                            .get(self.w[j].bare.as_str())
                            .copied()
                            .unwrap_or(0)
                            < 2;
                    if end > j && !one {
                        self.person(j, end, true);
                        i = end;
                        continue;
                    }
                }
                i += 1;
                continue;
            }
            let starts = self.w[i].in_set(&self.lists.given)
                || self.lists.connector.contains(&self.w[i].key) && self.w[i].key != "ام";
            if starts {
                let end = self.name_end(i);
                if end >= i + 2 {
                    self.person(i, end, false);
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
    }

    fn organizations(&mut self) {
        let mut i = 0;
        while i < self.w.len() {
            let head = &self.w[i];
            let is_head =
                !self.taken[i] && head.stems.iter().any(|s| self.lists.org_head.contains(s));
            if !is_head {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < self.w.len() && j - i <= MAX_ORG_WORDS && self.w[j].joined {
                let x = &self.w[j];
                let construct = j == i + 1
                    && !head.article
                    && !x.article
                    && self.w.get(j + 1).is_some_and(|n| n.joined && n.article);
                let ok = !self.lists.stop.contains(&x.key)
                    && !self.lists.title.contains(&x.key)
                    && x.key == x.bare
                    && (x.article || construct || self.taken[j]);
                if !ok {
                    break;
                }
                j += 1;
            }
            if j > i + 1 && !self.taken[i..j].iter().all(|t| *t) {
                // A place the name holds stays inside it.
                self.out
                    .retain(|c| c.bend <= head.bstart || c.bstart >= self.w[j - 1].bend);
                let words = self.w[i..j].iter().map(|x| x.key.clone()).collect();
                let ev = Evidence {
                    org: 3,
                    ..Evidence::default()
                };
                self.push(i, j, What::Name, words, ev);
                i = j;
            } else {
                i += 1;
            }
        }
    }

    fn places(&mut self) {
        for i in 1..self.w.len() {
            let cue = self.w[i - 1]
                .stems
                .iter()
                .any(|s| self.lists.place_cue.contains(s));
            let x = &self.w[i];
            if cue
                && x.joined
                && !self.taken[i]
                && !x.article
                && x.key.chars().count() >= 3
                && !self.lists.stop.contains(&x.key)
            {
                let ev = Evidence {
                    place: 2,
                    ..Evidence::default()
                };
                self.push(i, i + 1, What::Name, vec![x.key.clone()], ev);
            }
        }
    }

    /// Mentions of a person by the last word of their name (a name found
    /// here or a known person's full name).
    fn later_mentions(&mut self) {
        let kb = self.kb;
        let person = |c: &Candidate| match c.what {
            What::Name => c.ev.person > 0,
            // A known person's full name (محمود عباس … عباس).
            What::Kb(id) => {
                c.words.len() >= 2
                    && kb
                        .entry(id)
                        .is_some_and(|e| e.kind == super::kb::KbKind::Person)
            }
            _ => false,
        };
        let surnames: HashSet<String> = self
            .out
            .iter()
            .filter(|c| person(c))
            .filter_map(|c| c.words.last().cloned())
            .filter(|w| !self.lists.connector.contains(w) && w.chars().count() >= 3)
            .collect();
        if surnames.is_empty() {
            return;
        }
        for i in 0..self.w.len() {
            if self.taken[i] {
                continue;
            }
            let Some(s) = self.w[i].stems.iter().find(|s| surnames.contains(*s)) else {
                continue;
            };
            let ev = Evidence {
                person: 1,
                ..Evidence::default()
            };
            let s = s.clone();
            self.push(i, i + 1, What::Name, vec![s], ev);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `has_script` skips texts without the lead bytes D6–DB: every letter
    /// of both scripts must have one.
    #[test]
    fn every_letter_has_a_lead_byte_the_script_test_looks_for() {
        for script in [&ARABIC, &HEBREW] {
            for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
                if (script.letter)(c) {
                    let mut buf = [0u8; 4];
                    let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                    assert!((0xD6..=0xDB).contains(&lead), "{c:?}");
                }
            }
        }
        assert!(!has_script("Plain English, “quoted”, naïve.", &ARABIC));
        assert!(has_script("قال الرئيس محمد في بيروت", &ARABIC));
        assert!(has_script("אמר ראש הממשלה בנימין", &HEBREW));
    }

    #[test]
    fn the_word_list_parses() {
        let l = parse_lists(ARABIC_WORDS).expect("entities-ar.tsv");
        assert!(l.title.contains(&fold("الرئيس")) && l.given.contains(&fold("محمد")));
        assert!(l.stop.contains(&fold("في")) && l.org_head.contains(&fold("وزارة")));
    }

    #[test]
    fn the_hebrew_word_list_parses() {
        let l = parse_lists(HEBREW_WORDS).expect("entities-he.tsv");
        assert!(l.title.contains(&fold("הנשיא")) && l.given.contains(&fold("בנימין")));
        assert!(l.org_head.contains(&fold("משרד")) && l.stop.contains(&fold("של")));
        assert!(is_report_verb("ואמר") && is_report_verb("وقال") && !is_report_verb("של"));
    }

    #[test]
    fn hebrew_particles_come_off_for_lookup() {
        let s = hebrew_stems(&fold("בירושלים"));
        assert!(s.contains(&fold("ירושלים")), "{s:?}");
        // The article after ב is not written.
        let s = hebrew_stems(&fold("בכנסת"));
        assert!(s.contains(&fold("הכנסת")), "{s:?}");
        let s = hebrew_stems(&fold("ושבתל"));
        assert!(s.iter().all(|x| x.chars().count() >= 2), "{s:?}");
    }

    #[test]
    fn proclitics_come_off_for_lookup() {
        let s = arabic_stems(&fold("بالقاهرة"));
        assert!(s.contains(&fold("القاهرة")), "{s:?}");
        let s = arabic_stems(&fold("للولايات"));
        assert!(s.contains(&fold("الولايات")), "{s:?}");
        let s = arabic_stems(&fold("وفلسطين"));
        assert!(s.contains(&fold("فلسطين")), "{s:?}");
        // Too short to lose a letter.
        assert_eq!(arabic_stems("بن"), vec!["بن".to_string()]);
    }

    #[test]
    fn words_know_what_separates_them() {
        let w = words("قال الرئيس، محمد علي", &ARABIC);
        assert_eq!(w.len(), 4);
        assert!(!w[0].joined && w[1].joined && !w[2].joined && w[3].joined);
        assert_eq!(w[2].start, 12);
    }
}
