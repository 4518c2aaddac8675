//! What an article brings to a comparison: its profile.
//!
//! A [`Profile`] is computed once per article from its analysis (pure, no
//! corpus knowledge): the folded words of title and text with counts, its
//! canonical entities by kind with mention counts and the principal person
//! and place, the dates it gives (publication, stated event date, resolved
//! dates of the text), the specific numbers it states, its long quotes, and
//! a MinHash signature of its word shingles for recognising copies.
//! [`Stats`] holds the document frequencies of a set of profiles, which
//! weight rare terms and names above common ones.
//!
//! Words are cut by Unicode class: a run of letters is a word; in scripts
//! written without spaces (Han, Hiragana, Katakana, Thai) each pair of
//! adjacent characters is a term, which matches across segmentations
//! without a dictionary.

use std::collections::BTreeMap;
use std::sync::Arc;

use herald_annotate::entities::fold;
use herald_model::{Article, Entity, EntityKind};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

/// Hashes in a MinHash signature.
pub const MINHASH: usize = 64;
/// Words in a shingle.
const SHINGLE: usize = 4;
/// Terms and names kept per article (the most frequent), so that a huge
/// text costs no more than a long article.
const MAX_TERMS: usize = 2000;
const MAX_ENTITIES: usize = 200;
const MAX_NUMBERS: usize = 100;
const MAX_QUOTES: usize = 50;
/// Characters of text read for words and shingles.
const MAX_TEXT_CHARS: usize = 200_000;

/// An article's features for comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub id: String,
    pub source: String,
    pub title: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    /// Folded terms of title and text with counts (title words count
    /// twice), sorted by term. The strings are shared through an
    /// [`Interner`], so a run of a million articles holds each word once.
    pub terms: Terms,
    /// Canonical entities by folded name: kind, name as printed, mentions.
    pub entities: EntityMap,
    /// The most mentioned person and place (at least two mentions).
    pub principal_person: Option<String>,
    pub principal_place: Option<String>,
    /// Days (`YYYY-MM-DD`) the article states or is dated by, sorted,
    /// shared through the [`Interner`].
    pub days: Vec<Term>,
    /// Years of every date the article gives.
    pub years: Vec<i32>,
    /// The latest year of the dates in its text (not its metadata).
    pub text_latest_year: Option<i32>,
    /// Weekdays its time expressions name (0 = Monday), sorted.
    pub weekdays: Vec<u32>,
    /// The article's own date: its stated event date, else its publication
    /// date, else the day its text gives most often.
    pub date: Option<String>,
    /// Whether `date` comes from the article's metadata or stated event
    /// date (false: only from dates in its text).
    pub date_stated: bool,
    /// Specific numbers of the text ("6.1", "288", "2,000" as "2000"),
    /// sorted, shared through the [`Interner`] as terms are.
    pub numbers: Vec<Term>,
    /// Folded texts of quotes of six words or more.
    pub quotes: Vec<String>,
    /// MinHash signature of the word shingles of the text (the high 32
    /// bits of each least hash: enough to tell equal from unequal).
    pub minhash: Vec<u32>,
    /// Words in the text.
    pub words: usize,
    /// The start of the text, when the article has no title (to stand for
    /// one); empty otherwise.
    pub lead: String,
    /// A unit-length sentence embedding of title and lead, when an encoder
    /// is in use (the CLI's `encoder` feature sets it; this crate only
    /// compares).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding: Option<Vec<f32>>,
}

/// One entity of a [`Profile`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityFeature {
    pub kind: EntityKind,
    pub name: String,
    pub mentions: u32,
}

/// A profile's entities by folded name: a sorted list, since an article
/// has a few and a run holds a million profiles (a `BTreeMap` node takes
/// room for eleven). Serialised as a map.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityMap(Vec<(String, EntityFeature)>);

impl EntityMap {
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    pub fn get(&self, key: &str) -> Option<&EntityFeature> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    pub fn get_mut(&mut self, key: &str) -> Option<&mut EntityFeature> {
        self.find(key).ok().map(|i| &mut self.0[i].1)
    }

    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets the entity of `key`, returning the one it replaces.
    pub fn insert(&mut self, key: String, f: EntityFeature) -> Option<EntityFeature> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, f)),
            Err(i) => {
                self.0.insert(i, (key, f));
                None
            }
        }
    }

    pub fn remove(&mut self, key: &str) -> Option<EntityFeature> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    /// In key order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &EntityFeature)> {
        self.0.iter().map(|(k, f)| (k, f))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a EntityMap {
    type Item = (&'a String, &'a EntityFeature);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, EntityFeature)>,
        fn(&'a (String, EntityFeature)) -> (&'a String, &'a EntityFeature),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, f)| (k, f))
    }
}

impl From<BTreeMap<String, EntityFeature>> for EntityMap {
    fn from(map: BTreeMap<String, EntityFeature>) -> EntityMap {
        EntityMap(map.into_iter().collect())
    }
}

impl Serialize for EntityMap {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, f)| (k, f)))
    }
}

impl<'de> Deserialize<'de> for EntityMap {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<EntityMap, D::Error> {
        BTreeMap::<String, EntityFeature>::deserialize(d).map(EntityMap::from)
    }
}

/// A term string shared by the profiles of a run (one allocation per
/// distinct word): a thin pointer, 8 bytes where an `Arc<str>` takes 16,
/// for a run of a million articles holds tens of millions of them. Equal,
/// ordered and hashed as its string.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Term(Arc<String>);

impl Term {
    pub fn new(s: &str) -> Term {
        Term(Arc::new(s.to_string()))
    }

    /// Whether two terms are the same shared copy (then they are equal).
    pub fn ptr_eq(a: &Term, b: &Term) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl std::ops::Deref for Term {
    type Target = str;

    fn deref(&self) -> &str {
        self.0.as_str()
    }
}

impl AsRef<str> for Term {
    fn as_ref(&self) -> &str {
        self.0.as_str()
    }
}

impl std::borrow::Borrow<str> for Term {
    fn borrow(&self) -> &str {
        self.0.as_str()
    }
}

impl std::fmt::Debug for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.0.as_str(), f)
    }
}

impl std::fmt::Display for Term {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl Serialize for Term {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for Term {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Term, D::Error> {
        String::deserialize(d).map(|s| Term(Arc::new(s)))
    }
}

/// A profile's terms and their counts, sorted by term, in two arrays: 10
/// bytes a term where `(Term, u32)` pairs take 16 with their padding (a
/// run of a million profiles holds some fifty million). A count past
/// `u16::MAX` (a word of 65,535 occurrences) is held at that. Serialised
/// as the list of `[term, count]` pairs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    terms: Vec<Term>,
    counts: Vec<u16>,
}

impl Terms {
    /// From pairs sorted by term.
    pub fn from_sorted(pairs: impl IntoIterator<Item = (Term, u32)>) -> Terms {
        let (terms, counts) = pairs
            .into_iter()
            .map(|(t, c)| (t, u16::try_from(c).unwrap_or(u16::MAX)))
            .unzip();
        Terms { terms, counts }
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    pub fn clear(&mut self) {
        self.terms.clear();
        self.counts.clear();
    }

    /// The terms, in order.
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Each term with its count, in term order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&Term, u32)> + '_ {
        self.terms
            .iter()
            .zip(self.counts.iter().map(|&c| u32::from(c)))
    }

    /// The count of `term`.
    pub fn get(&self, term: &str) -> Option<u32> {
        self.terms
            .binary_search_by(|t| (**t).cmp(term))
            .ok()
            .and_then(|i| self.counts.get(i))
            .map(|&c| u32::from(c))
    }
}

impl Serialize for Terms {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for (t, c) in self.iter() {
            seq.serialize_element(&(t, c))?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Terms {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Terms, D::Error> {
        let mut pairs = Vec::<(Term, u32)>::deserialize(d)?;
        // Stored profiles are sorted; an edited one is sorted here.
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        pairs.dedup_by(|a, b| a.0 == b.0);
        Ok(Terms::from_sorted(pairs))
    }
}

/// One shared copy of each term string, for the profiles of a run.
#[derive(Debug, Default)]
pub struct Interner {
    terms: FxHashSet<Term>,
}

impl Interner {
    pub fn new() -> Interner {
        Interner::default()
    }

    /// The shared copy of `term`.
    pub fn intern(&mut self, term: &str) -> Term {
        if let Some(t) = self.terms.get(term) {
            return t.clone();
        }
        let t = Term::new(term);
        self.terms.insert(t.clone());
        t
    }

    /// Distinct terms held.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

impl Profile {
    /// The profile of an analysed article. `id` is the article's id, or
    /// its source when it has none.
    pub fn of(article: &Article) -> Profile {
        Profile::of_with(article, &mut Interner::new())
    }

    /// The count of one term.
    pub fn term(&self, term: &str) -> Option<u32> {
        self.terms.get(term)
    }

    /// Renames persons as linking across articles does to the article
    /// ([`crate::LinkState::renames`] gives the (old, new) pairs), and
    /// chooses the principal person again. Everything else of a profile
    /// comes from the article alone.
    pub fn rename(&mut self, renamed: &[(String, String)]) {
        for (old, new) in renamed {
            let Some(mut f) = self.entities.remove(&fold(old)) else {
                continue;
            };
            if f.kind != EntityKind::Person {
                self.entities.insert(fold(old), f);
                continue;
            }
            let key = fold(new);
            match self.entities.get_mut(&key) {
                Some(g) => g.mentions = g.mentions.saturating_add(f.mentions),
                None => {
                    f.name = new.clone();
                    self.entities.insert(key, f);
                }
            }
        }
        self.principal_person = principal(&self.entities, EntityKind::Person);
    }

    /// [`Profile::of`], sharing term strings through `interner`.
    pub fn of_with(article: &Article, interner: &mut Interner) -> Profile {
        let id = article.id.clone().unwrap_or_else(|| article.source.clone());
        let text: String = article.text.chars().take(MAX_TEXT_CHARS).collect();
        let title = article.title.as_deref().unwrap_or("");
        let mut terms: FxHashMap<String, u32> = FxHashMap::default();
        for t in terms_of(title) {
            *terms.entry(t).or_default() += 2;
        }
        let body_words = words(&text);
        for t in terms_of_words(&body_words) {
            *terms.entry(t).or_default() += 1;
        }
        let terms = Terms::from_sorted(
            top(terms, MAX_TERMS)
                .into_iter()
                .map(|(t, c)| (interner.intern(&t), c)),
        );
        let (entities, principal_person, principal_place) = entity_features(&article.entities);
        let dates = Dates::of(article);
        let numbers = numbers(&text).iter().map(|n| interner.intern(n)).collect();
        let mut quotes: Vec<String> = article
            .quotes
            .iter()
            .map(|q| words(&q.text).join(" "))
            .filter(|q| q.split(' ').count() >= 6)
            .take(MAX_QUOTES)
            .collect();
        quotes.sort();
        quotes.dedup();
        Profile {
            id,
            source: article.source.clone(),
            title: article.title.clone(),
            language: article.language.clone(),
            published: article.published.clone(),
            terms,
            entities,
            principal_person,
            principal_place,
            days: dates.days.iter().map(|d| interner.intern(d)).collect(),
            years: dates.years,
            text_latest_year: article
                .dates
                .iter()
                .take(500)
                .filter_map(|d| d.value.as_deref().and_then(year_of))
                .max(),
            weekdays: {
                let mut w: Vec<u32> = article
                    .dates
                    .iter()
                    .take(500)
                    .flat_map(|d| words(&d.text))
                    .filter_map(|w| herald_annotate::time::weekday(&w))
                    .collect();
                w.sort_unstable();
                w.dedup();
                w
            },
            date: dates.date,
            date_stated: dates.stated,
            numbers,
            quotes,
            minhash: minhash(&body_words),
            words: body_words.len(),
            // Only an untitled article's lead can stand for a title.
            lead: if title.trim().is_empty() {
                lead(&article.text)
            } else {
                String::new()
            },
            embedding: None,
        }
    }

    /// The text an encoder embeds for this article: its title and the
    /// start of its text, at most `chars` characters.
    pub fn embedding_text(article: &Article, chars: usize) -> String {
        let mut t = String::new();
        if let Some(title) = article.title.as_deref().filter(|t| !t.trim().is_empty()) {
            t.push_str(title.trim());
            t.push_str(". ");
        }
        t.extend(
            article
                .text
                .chars()
                .take(chars.saturating_sub(t.chars().count())),
        );
        t
    }

    /// The article's date as a day number, when it is a full date.
    pub fn day_number(&self) -> Option<i64> {
        self.date.as_deref().and_then(day_number)
    }
}

/// The first sentence of a text, at most 120 characters.
fn lead(text: &str) -> String {
    let first = text.trim_start().split(['\n']).next().unwrap_or("");
    let mut out: String = first.chars().take(120).collect();
    if first.chars().count() > 120 {
        out.push('…');
    }
    out
}

/// What a profile keeps of an article's entities: the canonical ones by
/// folded name (at most [`MAX_ENTITIES`], the most mentioned), and the
/// principal person and place.
type EntityFeatures = (EntityMap, Option<String>, Option<String>);

fn entity_features(list: &[Entity]) -> EntityFeatures {
    let mut entities: BTreeMap<String, EntityFeature> = BTreeMap::new();
    for e in list {
        if e.kind == EntityKind::Other {
            continue;
        }
        let key = fold(&e.name);
        if key.is_empty() || key.chars().count() > 80 {
            continue;
        }
        let f = entities.entry(key).or_insert_with(|| EntityFeature {
            kind: e.kind,
            name: e.name.clone(),
            mentions: 0,
        });
        f.mentions = f.mentions.saturating_add(e.mentions.len().max(1) as u32);
    }
    if entities.len() > MAX_ENTITIES {
        let mut v: Vec<_> = entities.into_iter().collect();
        v.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then_with(|| a.0.cmp(&b.0)));
        v.truncate(MAX_ENTITIES);
        entities = v.into_iter().collect();
    }
    let entities = EntityMap::from(entities);
    let person = principal(&entities, EntityKind::Person);
    let place = principal(&entities, EntityKind::Place);
    (entities, person, place)
}

/// The most mentioned entity of a kind, with at least two mentions (ties
/// by folded name).
fn principal(entities: &EntityMap, kind: EntityKind) -> Option<String> {
    entities
        .iter()
        .filter(|(_, f)| f.kind == kind && f.mentions >= 2)
        .max_by(|a, b| a.1.mentions.cmp(&b.1.mentions).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.clone())
}

/// The most frequent `n` entries (ties by key), as a sorted map.
fn top(map: FxHashMap<String, u32>, n: usize) -> BTreeMap<String, u32> {
    if map.len() <= n {
        return map.into_iter().collect();
    }
    let mut v: Vec<_> = map.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(n);
    v.into_iter().collect()
}

/// Lowercased words of a text: runs of letters (and marks), apostrophes
/// inside a word kept.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        // Most characters of most texts are ASCII: letters lowercase in
        // place, spaces and punctuation end the word.
        if c.is_ascii_alphabetic() {
            cur.push(c.to_ascii_lowercase());
        } else if c.is_ascii() && c != '\'' {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else if c.is_alphabetic() || (is_mark(c) && !cur.is_empty()) {
            cur.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’')
            && !cur.is_empty()
            && chars.peek().is_some_and(|n| n.is_alphabetic())
        {
            cur.push('\'');
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_mark(c: char) -> bool {
    // Combining marks of Indic and other scripts sit inside words.
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF | 0x0E31..=0x0E4E)
}

/// True for characters of scripts written without spaces between words.
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x0E00..=0x0E7F)
}

/// The terms of a text: words of three letters or more, folded (accents
/// removed, so "Pékin" and "Pekin" agree), and character pairs of unspaced
/// scripts.
pub fn terms_of(text: &str) -> Vec<String> {
    terms_of_words(words(text))
}

/// [`terms_of`] the words of a text, as [`words`] gives them.
fn terms_of_words<S: AsRef<str>>(words: impl IntoIterator<Item = S>) -> Vec<String> {
    let mut out = Vec::new();
    for w in words {
        let w = w.as_ref();
        if w.chars().any(unspaced) {
            let chars: Vec<char> = w.chars().collect();
            if chars.len() == 1 {
                continue;
            }
            for pair in chars.windows(2) {
                out.push(pair.iter().collect());
            }
        } else if w.chars().count() >= 3 && !stop_word(w) {
            let f = fold(w);
            if !f.is_empty() && !f.contains(' ') {
                out.push(f);
            } else if !f.is_empty() {
                out.push(w.to_string());
            }
        }
    }
    out
}

/// Function words and frequent sentence starters of the languages the
/// lexicons know (their `stop` lists), which say nothing of the subject.
fn stop_word(w: &str) -> bool {
    static STOP: std::sync::LazyLock<FxHashSet<&'static str>> =
        std::sync::LazyLock::new(|| herald_annotate::words::entity_words("stop").collect());
    STOP.contains(w)
}

/// Specific numbers: digit runs with their decimal part, thousands
/// separators removed; single digits and years (1900-2099 alone) left out.
fn numbers(text: &str) -> Vec<String> {
    let mut out: FxHashSet<String> = FxHashSet::default();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() && out.len() < MAX_NUMBERS {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric())) {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut s = String::new();
        let mut decimal = false;
        let mut grouped = false;
        while j < b.len() {
            if b[j].is_ascii_digit() {
                s.push(b[j] as char);
                j += 1;
            } else if matches!(b[j], b',' | b'.')
                && j + 1 < b.len()
                && b[j + 1].is_ascii_digit()
                && !decimal
            {
                let run = b[j + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
                if run == 3 && b[j] == b',' {
                    grouped = true;
                    j += 1; // thousands separator
                } else {
                    decimal = true;
                    s.push('.');
                    j += 1;
                }
            } else {
                break;
            }
        }
        let is_year = !grouped && s.len() == 4 && (s.starts_with("19") || s.starts_with("20"));
        if s.len() >= 2 && !is_year && s.len() <= 20 {
            out.insert(s);
        }
        i = j.max(i + 1);
    }
    let mut v: Vec<String> = out.into_iter().collect();
    v.sort();
    v
}

/// The dates of an article.
struct Dates {
    days: Vec<String>,
    years: Vec<i32>,
    date: Option<String>,
    stated: bool,
}

impl Dates {
    fn of(article: &Article) -> Dates {
        let mut days: BTreeMap<String, u32> = BTreeMap::new();
        let mut years: Vec<i32> = Vec::new();
        let own = [article.event_date.as_deref(), article.published.as_deref()];
        let mut add = |v: &str, n: u32| {
            if let Some(y) = year_of(v) {
                years.push(y);
            }
            if day_number(v).is_some() {
                *days.entry(v[..10].to_string()).or_default() += n;
            }
        };
        for v in own.iter().flatten() {
            add(v, 1);
        }
        for d in article.dates.iter().take(500) {
            if let Some(v) = &d.value {
                add(v, 1);
            }
        }
        years.sort_unstable();
        years.dedup();
        let stated = own
            .iter()
            .flatten()
            .find(|v| day_number(v).is_some() || year_of(v).is_some())
            .map(|v| v.to_string());
        let date = stated.clone().or_else(|| {
            days.iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(d, _)| d.clone())
        });
        Dates {
            days: days.into_keys().collect(),
            years,
            stated: stated.is_some(),
            date,
        }
    }
}

/// The year of a TIMEX3 value or date (`2024`, `2024-04`, `2024-W15`,
/// `2024-04-09`), within 1800..=2200.
pub fn year_of(v: &str) -> Option<i32> {
    let y: i32 = v.get(..4)?.parse().ok()?;
    let rest = &v[4..];
    ((1800..=2200).contains(&y) && (rest.is_empty() || rest.starts_with('-'))).then_some(y)
}

/// Days since 1970-01-01 of a value that starts with `YYYY-MM-DD`.
pub fn day_number(v: &str) -> Option<i64> {
    let b = v.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || (b.len() > 10 && b[10].is_ascii_digit()) {
        return None;
    }
    let y: i64 = v.get(..4)?.parse().ok()?;
    let m: i64 = v.get(5..7)?.parse().ok()?;
    let d: i64 = v.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (proleptic Gregorian).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The weekday of a day number (0 = Monday; 1970-01-01 was a Thursday).
pub fn weekday_of(day: i64) -> u32 {
    (day + 3).rem_euclid(7) as u32
}

/// A fixed 64-bit hash (FNV-1a then a SplitMix64 finaliser), the same on
/// every platform and version, unlike the std and Fx hashers.
pub fn stable_hash(bytes: &[u8], seed: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// MinHash of the word shingles: for each of [`MINHASH`] hash functions,
/// the least hash of any shingle. Empty for texts shorter than a shingle.
fn minhash(words: &[String]) -> Vec<u32> {
    if words.len() < SHINGLE {
        return Vec::new();
    }
    let mut sig = vec![u64::MAX; MINHASH];
    let mut buf = String::new();
    for w in words.windows(SHINGLE) {
        buf.clear();
        for (i, x) in w.iter().enumerate() {
            if i > 0 {
                buf.push(' ');
            }
            buf.push_str(x);
        }
        let base = stable_hash(buf.as_bytes(), 0);
        for (k, slot) in sig.iter_mut().enumerate() {
            let h = mix(base ^ (k as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
            if h < *slot {
                *slot = h;
            }
        }
    }
    sig.into_iter().map(|h| (h >> 32) as u32).collect()
}

/// Rows of the MinHash signature in one band of the copy keys.
const BAND_ROWS: usize = 16;

/// Keys that near-identical texts share: one per band of [`BAND_ROWS`]
/// hashes of the MinHash signature (locality-sensitive hashing), with the
/// language. Two texts of resemblance 0.98 share one of the 4 with
/// probability 0.99, of 0.95 with 0.90, of 0.75 with 0.04 and of 0.6 with
/// 0.001: copies of one text meet, texts written from one template or of
/// one kind of event (which share many shingles) do not, so a key holds
/// about as many articles as there are copies. None for a text shorter
/// than a shingle. They select candidates however common the words of a
/// much-copied text are.
pub fn copy_keys(p: &Profile) -> Vec<String> {
    if p.minhash.len() != MINHASH {
        return Vec::new();
    }
    let lang = p.language.as_deref().unwrap_or("");
    p.minhash
        .chunks(BAND_ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let bytes: Vec<u8> = rows.iter().flat_map(|r| r.to_le_bytes()).collect();
            let h = stable_hash(&bytes, band as u64);
            format!("c:{lang}:{band:x}{:012x}", h >> 16)
        })
        .collect()
}

/// The estimated Jaccard similarity of two shingle sets from their
/// signatures (0 when either text is too short).
pub fn resemblance(a: &Profile, b: &Profile) -> f64 {
    if a.minhash.len() != MINHASH || b.minhash.len() != MINHASH {
        return 0.0;
    }
    let same = a
        .minhash
        .iter()
        .zip(&b.minhash)
        .filter(|(x, y)| x == y)
        .count();
    same as f64 / MINHASH as f64
}

/// Articles assumed seen besides those counted (see [`Stats::idf`]).
pub const PRIOR_ARTICLES: f64 = 20.0;

/// Document frequencies over a set of profiles: how many articles hold
/// each term, entity, number and day. Serialisable, for the store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    pub articles: u64,
    pub terms: FxHashMap<Term, u32>,
    pub entities: FxHashMap<String, u32>,
    pub numbers: FxHashMap<Term, u32>,
    #[serde(default)]
    pub days: FxHashMap<Term, u32>,
    /// Articles holding an entity within a period (see [`periods_of`]),
    /// keyed by [`period_key`]: how common a name is at one time, where
    /// [`Stats::entities`] says how common it is over all time.
    #[serde(default)]
    pub entity_periods: FxHashMap<u64, u32>,
    /// The sums of the articles' sentence embeddings, by language and over
    /// all: what centres an embedding (see [`Stats::centred`]).
    #[serde(default)]
    pub embeddings: EmbeddingSums,
}

/// Sentence embeddings summed by language and over all articles.
///
/// A multilingual encoder puts every text of one language near a point of
/// its own: two unrelated German texts score a cosine of 0.8, a German and
/// a Chinese text on one story scarcely more. Subtracting the mean of the
/// article's language before comparing leaves what the text says, not the
/// language it says it in (Libovický et al., "On the Language Neutrality
/// of Pre-trained Multilingual Representations", 2020). The mean is that
/// of the run's own articles: no table of it ships with Herald.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EmbeddingSums {
    /// Count and sum, by language (`""` when it is unknown).
    by_language: BTreeMap<String, (u32, Vec<f64>)>,
    all: (u32, Vec<f64>),
}

/// Embedded articles a mean needs before it centres anything: measured on
/// SemEval pairs, the mean of 20 random texts of a language centres nearly
/// as well as that of hundreds, the mean of 5 worse than none.
pub const MIN_CENTROID_ARTICLES: u32 = 20;

impl EmbeddingSums {
    fn add(&mut self, language: Option<&str>, e: &[f32]) {
        let add_to = |(n, sum): &mut (u32, Vec<f64>)| {
            if sum.is_empty() {
                sum.resize(e.len(), 0.0);
            }
            if sum.len() == e.len() {
                *n += 1;
                for (s, x) in sum.iter_mut().zip(e) {
                    *s += f64::from(*x);
                }
            }
        };
        add_to(&mut self.all);
        add_to(
            self.by_language
                .entry(language.unwrap_or_default().to_string())
                .or_default(),
        );
    }

    /// The count and sum whose mean an embedding of `language` is centred
    /// on: its language's when enough articles have it, else that of all
    /// articles, else none.
    fn mean(&self, language: Option<&str>, dim: usize) -> Option<(f64, &[f64])> {
        let enough = |(n, sum): &(u32, Vec<f64>)| *n >= MIN_CENTROID_ARTICLES && sum.len() == dim;
        let (n, sum) = self
            .by_language
            .get(language.unwrap_or_default())
            .filter(|e| enough(e))
            .or_else(|| Some(&self.all).filter(|e| enough(e)))?;
        Some((f64::from(*n), sum))
    }
}

/// Days in one period of [`Stats::entity_periods`]: the default
/// [`crate::Weights::window_days`], so that two articles dated at most a
/// period apart share one of their [`periods_of`].
pub const PERIOD_DAYS: i64 = 45;

/// The two periods an article of day number `day` is counted in: its own
/// and the next. Two days at most [`PERIOD_DAYS`] apart share one of them.
pub fn periods_of(day: i64) -> [i64; 2] {
    let p = day.div_euclid(PERIOD_DAYS);
    [p, p + 1]
}

/// The key of a folded entity name within a period.
pub fn period_key(entity: &str, period: i64) -> u64 {
    stable_hash(entity.as_bytes(), period as u64)
}

impl Stats {
    pub fn new() -> Stats {
        Stats::default()
    }

    /// Counts one article.
    pub fn add(&mut self, p: &Profile) {
        self.articles += 1;
        for t in p.terms.terms() {
            *self.terms.entry(t.clone()).or_default() += 1;
        }
        for e in p.entities.keys() {
            *self.entities.entry(e.clone()).or_default() += 1;
        }
        for n in &p.numbers {
            *self.numbers.entry(n.clone()).or_default() += 1;
        }
        for d in &p.days {
            *self.days.entry(d.clone()).or_default() += 1;
        }
        if let Some(e) = &p.embedding {
            self.embeddings.add(p.language.as_deref(), e);
        }
        if let Some(day) = p.day_number() {
            for period in periods_of(day) {
                for e in p.entities.keys() {
                    *self
                        .entity_periods
                        .entry(period_key(e, period))
                        .or_default() += 1;
                }
            }
        }
    }

    /// The statistics of a set of profiles.
    pub fn of<'a>(profiles: impl IntoIterator<Item = &'a Profile>) -> Stats {
        let mut s = Stats::new();
        for p in profiles {
            s.add(p);
        }
        s
    }

    /// Inverse document frequency of a count, smoothed as if
    /// [`PRIOR_ARTICLES`] more articles without the term had been seen: in
    /// a large run what every article has weighs nearly 0, and in a run of
    /// two articles the terms they share still count (with two articles
    /// alone, every shared term would look common).
    pub fn idf(&self, df: u32) -> f64 {
        let n = self.articles as f64 + PRIOR_ARTICLES;
        ((n + 1.0) / (f64::from(df) + 0.5)).ln().max(0.0)
    }

    /// The profile's embedding less the mean of its language (see
    /// [`EmbeddingSums`]), at unit length; `None` without an embedding or
    /// without enough articles to take a mean of.
    pub fn centred(&self, p: &Profile) -> Option<Vec<f32>> {
        let e = p.embedding.as_ref()?;
        let (n, sum) = self.embeddings.mean(p.language.as_deref(), e.len())?;
        let centred: Vec<f64> = e
            .iter()
            .zip(sum)
            .map(|(x, s)| f64::from(*x) - s / n)
            .collect();
        let norm = centred.iter().map(|x| x * x).sum::<f64>().sqrt();
        (norm > 1e-9).then(|| centred.iter().map(|x| (x / norm) as f32).collect())
    }

    pub fn term_idf(&self, t: &str) -> f64 {
        self.idf(self.terms.get(t).copied().unwrap_or(0))
    }

    pub fn entity_idf(&self, e: &str) -> f64 {
        self.idf(self.entities.get(e).copied().unwrap_or(0))
    }

    pub fn number_idf(&self, n: &str) -> f64 {
        self.idf(self.numbers.get(n).copied().unwrap_or(0))
    }
}
