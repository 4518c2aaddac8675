//! The knowledge base: well-known persons, organizations, places, countries
//! and outlets, parsed from the project's TSV files (and a user's own).
//!
//! One entity per line: `kind name aliases role country from to demonyms`,
//! tab-separated, `#` comments and blank lines ignored. Several rows may share
//! a name (one per office held); they become one entry with several offices.
//! Lookups go through folded keys (see `fold`), so spelling variants of an
//! alias match without being listed. A `city` row (the generated gazetteer,
//! `data/kb/world.tsv`) is a place that answers only to its names in
//! scripts other than Latin: its Latin name is its canonical name but never
//! a key, so a city named like a person or a word ("Eugene", "Reading")
//! is not found in Latin text; nor are its Cyrillic names, whose keys are
//! transliterated into Latin letters.
//!
//! Aliases in scripts written without spaces (CJK) are found as substrings
//! through one Aho-Corasick automaton (leftmost-longest), built on first
//! use: a text is read once whatever the number of aliases.
//!
//! The built-in gazetteer's cities (29,000 of the 37,000 names, all of them
//! outside the Latin script) are indexed on first need: a lookup of a key
//! outside ASCII, or a CJK scan. A run over Latin-script text never pays
//! for them; its start-up is the other 8,000 names. Their entries come
//! after the others (`entry` numbers them on), and a lookup answers with
//! both parts, the eager one first.

use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::fmt;
use std::sync::{LazyLock, OnceLock};

use herald_model::EntityKind;

use super::fold::fold;
use super::lexicon::Lex;

/// The kind column of a KB row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KbKind {
    Person,
    Organization,
    Place,
    Country,
    Outlet,
}

impl KbKind {
    /// The entity kind the row produces in the data model.
    pub fn entity_kind(self) -> EntityKind {
        match self {
            KbKind::Person => EntityKind::Person,
            KbKind::Organization | KbKind::Outlet => EntityKind::Organization,
            KbKind::Place | KbKind::Country => EntityKind::Place,
        }
    }
}

/// One office held by a KB entry (role text, country, years).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    pub role: String,
    pub country: String,
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// Folded `role` and `country`.
    pub role_key: String,
    pub country_key: String,
}

impl Office {
    /// Whether the office was held in `year` (no year: any office counts).
    pub fn held_in(&self, year: Option<i32>) -> bool {
        match year {
            None => true,
            Some(y) => self.from.is_none_or(|f| f <= y) && self.to.is_none_or(|t| y <= t),
        }
    }
}

/// One real-world entity of the knowledge base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbEntry {
    pub kind: KbKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub offices: Vec<Office>,
    pub country: String,
    pub demonyms: Vec<String>,
    /// Folded name and aliases (filled by the KB).
    pub keys: Vec<String>,
    /// A `city` row: found only by its names outside the Latin script.
    pub script_only: bool,
}

/// A parse error, naming the 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KbError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for KbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "knowledge base line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for KbError {}

/// The word lists, built once per process: every KB shares them.
static LEX: LazyLock<Lex> = LazyLock::new(Lex::default);

/// The parsed knowledge base with its lookup tables.
#[derive(Debug, Clone)]
pub struct Kb {
    entries: Vec<KbEntry>,
    /// Folded name or alias → entries.
    by_alias: HashMap<String, Vec<usize>>,
    /// Stemmed keys of Cyrillic aliases ("России" → "rossi") → entries:
    /// asked only for Cyrillic words, so that "Rossi" stays a surname.
    by_stem: HashMap<String, Vec<usize>>,
    /// Folded demonym → country entries.
    by_demonym: HashMap<String, Vec<usize>>,
    /// Folded last word of a person's name or multi-word alias → entries.
    by_surname: HashMap<String, Vec<usize>>,
    /// Folded country name → entry.
    by_country: HashMap<String, usize>,
    /// Folded keys given by all-caps acronyms ("WHO") and by other names.
    acronym_keys: HashSet<String>,
    plain_keys: HashSet<String>,
    /// Persons holding at least one office.
    officials: Vec<usize>,
    /// Longest alias, in words.
    max_words: usize,
    /// Folded first word of a multi-word alias → its longest alias in words.
    span_from: HashMap<String, usize>,
    /// CJK aliases (matched as substrings), with their entries.
    cjk_aliases: Vec<(String, Vec<usize>)>,
    cjk_index: HashMap<String, usize>,
    /// The automaton over `cjk_aliases` and the cities' ones, built on
    /// first use.
    cjk_matcher: OnceLock<CjkMatcher>,
    /// The `city` rows set aside by [`Kb::parse_tsv_deferring_cities`],
    /// as TSV text, and their index once built.
    deferred: String,
    cities: OnceLock<Box<Kb>>,
    /// Static word lists as hash sets.
    pub(crate) lex: &'static Lex,
}

/// The CJK aliases of both parts of a KB and their automaton.
#[derive(Debug, Clone, Default)]
struct CjkMatcher {
    aliases: Vec<(String, Vec<usize>)>,
    automaton: Option<AhoCorasick>,
}

impl Default for Kb {
    fn default() -> Self {
        Kb {
            entries: Vec::new(),
            by_alias: HashMap::default(),
            by_stem: HashMap::default(),
            by_demonym: HashMap::default(),
            by_surname: HashMap::default(),
            by_country: HashMap::default(),
            acronym_keys: HashSet::default(),
            plain_keys: HashSet::default(),
            officials: Vec::new(),
            max_words: 0,
            span_from: HashMap::default(),
            cjk_aliases: Vec::new(),
            cjk_index: HashMap::default(),
            cjk_matcher: OnceLock::new(),
            deferred: String::new(),
            cities: OnceLock::new(),
            lex: &LEX,
        }
    }
}

impl Kb {
    /// Parses TSV text; the error names the first bad line.
    pub fn parse_tsv(text: &str) -> Result<Kb, KbError> {
        Kb::parse(text, false)
    }

    /// Parses TSV text, setting its `city` rows aside until a lookup needs
    /// them (see the module's header). For the built-in files, whose city
    /// rows a test checks: a bad city row is found only when used, and
    /// then leaves the cities out.
    pub fn parse_tsv_deferring_cities(text: &str) -> Result<Kb, KbError> {
        Kb::parse(text, true)
    }

    fn parse(text: &str, defer_cities: bool) -> Result<Kb, KbError> {
        let mut kb = Kb::default();
        for (i, raw) in text.lines().enumerate() {
            let line_no = i + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            if defer_cities
                && line
                    .split('\t')
                    .next()
                    .is_some_and(|k| k.trim().eq_ignore_ascii_case("city"))
            {
                kb.deferred.push_str(line);
                kb.deferred.push('\n');
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            let err = |message: String| KbError {
                line: line_no,
                message,
            };
            if cols.len() < 2 {
                return Err(err(format!(
                    "expected at least 2 tab-separated columns, found {}",
                    cols.len()
                )));
            }
            if cols.len() > 8 {
                return Err(err(format!(
                    "expected at most 8 columns, found {}",
                    cols.len()
                )));
            }
            let col = |k: usize| cols.get(k).copied().unwrap_or("");
            let kind_col = col(0).to_ascii_lowercase();
            let kind = match kind_col.as_str() {
                "person" => KbKind::Person,
                "organization" | "organisation" => KbKind::Organization,
                "place" | "city" => KbKind::Place,
                "country" => KbKind::Country,
                "outlet" => KbKind::Outlet,
                other => return Err(err(format!("unknown kind {other:?}"))),
            };
            let name = col(1).to_string();
            if fold(&name).is_empty() {
                return Err(err("empty name".to_string()));
            }
            let year = |k: usize| -> Result<Option<i32>, KbError> {
                let v = col(k);
                if v.is_empty() {
                    return Ok(None);
                }
                v.parse::<i32>()
                    .map(Some)
                    .map_err(|_| err(format!("invalid year {v:?}")))
            };
            let (from, to) = (year(5)?, year(6)?);
            let list = |k: usize| -> Vec<String> {
                col(k)
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect()
            };
            let role = col(3).to_string();
            let country = col(4).to_string();
            let office = (!role.is_empty()).then(|| Office {
                role_key: fold(&role),
                country_key: fold(&country),
                role,
                country: country.clone(),
                from,
                to,
            });
            kb.add(KbEntry {
                kind,
                name,
                aliases: list(2),
                offices: office.into_iter().collect(),
                country,
                demonyms: list(7),
                keys: Vec::new(),
                script_only: kind_col == "city",
            });
        }
        Ok(kb)
    }

    /// Adds every entry of `other` (a user's own file) to this KB.
    pub fn extend(&mut self, other: Kb) {
        for e in other.entries {
            self.add(e);
        }
        self.deferred.push_str(&other.deferred);
        // The cities are numbered after the other entries: index them again.
        self.cities = OnceLock::new();
        self.cjk_matcher = OnceLock::new();
    }

    /// The deferred cities, indexed on first call (`None` when there are
    /// none).
    fn cities(&self) -> Option<&Kb> {
        if self.deferred.is_empty() {
            return None;
        }
        let cities = self
            .cities
            .get_or_init(|| Box::new(Kb::parse_tsv(&self.deferred).unwrap_or_default()));
        Some(cities)
    }

    /// The cities, for a lookup of `key`: only a key outside ASCII can
    /// name one (their Latin and Cyrillic names are no keys).
    fn cities_for(&self, key: &str) -> Option<&Kb> {
        if key.is_ascii() { None } else { self.cities() }
    }

    /// The entries indexed at start: every row but the deferred cities.
    pub fn entries(&self) -> &[KbEntry] {
        &self.entries
    }

    /// The entry at `id` (the deferred cities come after the others).
    pub fn entry(&self, id: usize) -> Option<&KbEntry> {
        match id.checked_sub(self.entries.len()) {
            None => self.entries.get(id),
            Some(city) => self.cities()?.entries.get(city),
        }
    }

    /// The ids of `ids` (from the cities) and `eager`, the eager ones first.
    fn joined<'k>(&self, eager: &'k [usize], cities: &[usize]) -> Cow<'k, [usize]> {
        if cities.is_empty() {
            return Cow::Borrowed(eager);
        }
        let offset = self.entries.len();
        let mut ids = eager.to_vec();
        ids.extend(cities.iter().map(|&c| c + offset));
        Cow::Owned(ids)
    }

    /// Entries whose folded name or alias is `key`.
    pub fn by_alias(&self, key: &str) -> Cow<'_, [usize]> {
        let eager = self.by_alias.get(key).map_or(&[][..], Vec::as_slice);
        match self.cities_for(key) {
            Some(c) => self.joined(eager, &c.by_alias(key)),
            None => Cow::Borrowed(eager),
        }
    }

    /// Entries a stemmed Cyrillic word answers to: an alias, or a Cyrillic
    /// alias stemmed alike.
    pub fn by_stem(&self, key: &str) -> Cow<'_, [usize]> {
        let ids = self.by_alias(key);
        if ids.is_empty() {
            Cow::Borrowed(self.by_stem.get(key).map_or(&[][..], Vec::as_slice))
        } else {
            ids
        }
    }

    /// Whether a word (folded `key`, lowercase `low`) is a name of the KB:
    /// an alias, or for a Cyrillic word the stem of one.
    pub fn knows(&self, key: &str, low: &str) -> bool {
        !self.by_alias(key).is_empty()
            || low.chars().any(is_cyrillic) && self.by_stem.contains_key(key)
    }

    /// Whether `key` is only known as an all-caps acronym ("WHO", "AP"), so
    /// that it matches only an all-caps word of the text ("Who" is not WHO).
    pub fn acronym_only(&self, key: &str) -> bool {
        let cities = self.cities_for(key);
        let acronym =
            self.acronym_keys.contains(key) || cities.is_some_and(|c| c.acronym_keys.contains(key));
        let plain =
            self.plain_keys.contains(key) || cities.is_some_and(|c| c.plain_keys.contains(key));
        acronym && !plain
    }

    /// Countries whose folded demonym is `key`.
    pub fn by_demonym(&self, key: &str) -> &[usize] {
        self.by_demonym.get(key).map_or(&[], Vec::as_slice)
    }

    /// Persons whose folded surname is `key`.
    pub fn by_surname(&self, key: &str) -> &[usize] {
        self.by_surname.get(key).map_or(&[], Vec::as_slice)
    }

    /// The country entry named (folded) `key`.
    pub fn country(&self, key: &str) -> Option<usize> {
        self.by_country.get(key).copied()
    }

    /// Whether some alias may be written in a script without spaces (CJK):
    /// one is, or cities are set aside.
    pub fn has_cjk(&self) -> bool {
        !self.cjk_aliases.is_empty() || !self.deferred.is_empty()
    }

    /// The CJK aliases of both parts, the eager ones first, and their
    /// automaton.
    fn cjk_matcher(&self) -> &CjkMatcher {
        self.cjk_matcher.get_or_init(|| {
            let mut aliases = self.cjk_aliases.clone();
            if let Some(c) = self.cities() {
                let offset = self.entries.len();
                let mut index: HashMap<&str, usize> = HashMap::default();
                for (i, (a, _)) in self.cjk_aliases.iter().enumerate() {
                    index.insert(a.as_str(), i);
                }
                for (alias, ids) in &c.cjk_aliases {
                    let ids = ids.iter().map(|&id| id + offset);
                    match index.get(alias.as_str()) {
                        Some(&at) => aliases[at].1.extend(ids),
                        None => aliases.push((alias.clone(), ids.collect())),
                    }
                }
            }
            let automaton = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(aliases.iter().map(|(a, _)| a.as_str()))
                .ok();
            CjkMatcher { aliases, automaton }
        })
    }

    /// The CJK aliases found in `text`, leftmost-longest and not
    /// overlapping: byte range, the alias, its entries.
    pub fn cjk_matches<'k>(
        &'k self,
        text: &'k str,
    ) -> impl Iterator<Item = (usize, usize, &'k str, &'k [usize])> + 'k {
        let matcher = self.cjk_matcher();
        matcher.automaton.iter().flat_map(move |m| {
            m.find_iter(text).map(move |hit| {
                let (alias, ids) = &matcher.aliases[hit.pattern().as_usize()];
                (hit.start(), hit.end(), alias.as_str(), ids.as_slice())
            })
        })
    }

    /// Longest alias in words, of the names a word folded to `key` may
    /// begin (the cities' too when `key` is outside ASCII).
    pub fn max_words(&self, key: &str) -> usize {
        let cities = self.cities_for(key).map_or(0, |c| c.max_words);
        self.max_words.max(cities)
    }

    /// Longest alias, in words, starting with the folded word `first`
    /// (1 when no multi-word alias starts with it).
    pub fn max_words_from(&self, first: &str) -> usize {
        let w = first.split(' ').next().unwrap_or(first);
        let eager = self.span_from.get(w).copied().unwrap_or(1);
        let cities = self
            .cities_for(w)
            .and_then(|c| c.span_from.get(w).copied())
            .unwrap_or(1);
        eager.max(cities)
    }

    /// Persons holding an office of `country` whose role contains every word
    /// of `office` (folded), in `year`. Ordered: current holders first.
    pub fn office_holders(&self, country: &str, office: &[&str], year: Option<i32>) -> Vec<usize> {
        let ck = fold(country);
        let mut out = Vec::new();
        for &id in &self.officials {
            let Some(e) = self.entries.get(id) else {
                continue;
            };
            let hit = e
                .offices
                .iter()
                .any(|o| o.held_in(year) && o.country_key == ck && role_has(&o.role_key, office));
            if hit {
                out.push(id);
            }
        }
        out
    }

    fn add(&mut self, e: KbEntry) {
        // Rows sharing kind and name merge (one row per office).
        let key = fold(&e.name);
        let existing = self.by_alias.get(&key).and_then(|ids| {
            ids.iter()
                .copied()
                .find(|&i| self.entries[i].kind == e.kind && fold(&self.entries[i].name) == key)
        });
        let id = match existing {
            Some(id) => {
                let cur = &mut self.entries[id];
                for a in &e.aliases {
                    if !cur.aliases.contains(a) {
                        cur.aliases.push(a.clone());
                    }
                }
                for o in &e.offices {
                    if !cur.offices.contains(o) {
                        cur.offices.push(o.clone());
                    }
                }
                for d in &e.demonyms {
                    if !cur.demonyms.contains(d) {
                        cur.demonyms.push(d.clone());
                    }
                }
                if cur.country.is_empty() {
                    cur.country = e.country.clone();
                }
                id
            }
            None => {
                self.entries.push(e);
                self.entries.len() - 1
            }
        };
        // The key of the name and of each alias, folded once.
        let folded: Vec<String> = {
            let e = &self.entries[id];
            let name_key = if existing.is_some() {
                fold(&e.name)
            } else {
                key
            };
            std::iter::once(name_key)
                .chain(e.aliases.iter().map(|n| fold(n)))
                .collect()
        };
        let mut keys: Vec<String> = Vec::new();
        for k in &folded {
            if !k.is_empty() && !keys.contains(k) {
                keys.push(k.clone());
            }
        }
        self.entries[id].keys = keys;
        // Borrowed, not cloned: only the other fields change below.
        let entry = &self.entries[id];
        if entry.kind == KbKind::Person
            && !entry.offices.is_empty()
            && !self.officials.contains(&id)
        {
            self.officials.push(id);
        }
        let push = |map: &mut HashMap<String, Vec<usize>>, k: String| {
            if k.is_empty() {
                return;
            }
            let v = map.entry(k).or_default();
            if !v.contains(&id) {
                v.push(id);
            }
        };
        for (n, k) in std::iter::once(&entry.name)
            .chain(entry.aliases.iter())
            .zip(folded)
        {
            // A city's Cyrillic name folds to Latin letters ("Бэй" → "bei"):
            // it would match Latin text, so a city keeps only its keys in
            // other scripts.
            if entry.script_only && (n.chars().any(is_latin_letter) || k.is_ascii()) {
                continue;
            }
            let words = k.split(' ').count();
            self.max_words = self.max_words.max(words);
            if words >= 2
                && let Some(first) = k.split(' ').next()
            {
                let m = self.span_from.entry(first.to_string()).or_insert(0);
                *m = (*m).max(words);
            }
            if entry.kind == KbKind::Person
                && words >= 2
                && is_latin(&k)
                && let Some(last) = k.rsplit(' ').next()
            {
                push(&mut self.by_surname, last.to_string());
            }
            if k.chars().any(is_cjk) {
                // As written too: folding takes the voicing marks off kana
                // ("ジ" → "シ"), and the text keeps them.
                for pattern in [k.clone(), n.trim().to_lowercase()] {
                    let next = self.cjk_aliases.len();
                    let at = *self.cjk_index.entry(pattern.clone()).or_insert(next);
                    if at == next {
                        self.cjk_aliases.push((pattern, Vec::new()));
                        self.cjk_matcher = OnceLock::new();
                    }
                    let ids = &mut self.cjk_aliases[at].1;
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
            }
            // Cyrillic aliases also answer in their stemmed form (России →
            // rossi, like Россия → rossiia), so inflected words match.
            if n.chars().any(is_cyrillic) {
                let stemmed: Vec<String> = k
                    .split(' ')
                    .map(|w| super::scan::stem(n, w).unwrap_or_else(|| w.to_string()))
                    .collect();
                push(&mut self.by_stem, stemmed.join(" "));
            }
            // Up to six letters: enough to tell an acronym (two to five),
            // whose letters are all capitals; a name that does not open
            // with one is told at its first character.
            let letters = || n.chars().filter(|c| c.is_alphabetic());
            if n.trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
                && (2..=5).contains(&letters().take(6).count())
                && letters().all(char::is_uppercase)
            {
                self.acronym_keys.insert(k.clone());
            } else {
                self.plain_keys.insert(k.clone());
            }
            push(&mut self.by_alias, k);
        }
        if entry.kind == KbKind::Country {
            self.by_country.insert(fold(&entry.name), id);
            for a in &entry.aliases {
                self.by_country.entry(fold(a)).or_insert(id);
            }
            for d in &entry.demonyms {
                push(&mut self.by_demonym, fold(d));
            }
        }
    }
}

/// Han, kana and hangul: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// A letter of the basic Cyrillic block (the one the transliteration
/// table of `fold` covers).
pub fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{C0}'..='\u{24F}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

fn is_latin(k: &str) -> bool {
    k.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ')
}

/// Whether a folded role contains every office word (folded).
///
/// Only the head of the role counts, the words before "of", "to" or "for"
/// ("Foreign policy aide to the President of Russia" is no president), and
/// a vice or deputy holds another office than the one named.
pub fn role_has(role: &str, office: &[&str]) -> bool {
    let head = [" of ", " to ", " for "]
        .iter()
        .filter_map(|sep| role.find(sep))
        .min()
        .map_or(role, |i| &role[..i]);
    let words = || head.split(' ').filter(|w| !w.is_empty());
    office.iter().all(|w| words().any(|r| r == *w))
        && words().all(|r| !matches!(r, "vice" | "deputy") || office.contains(&r))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str = "# test\n\
person\tSergei Lavrov\tSergey Lavrov|Сергей Лавров\tForeign Minister of Russia\tRussia\t2004\t\t\n\
\n\
person\tVladimir Putin\tPoutine|Путин\tPresident of Russia\tRussia\t2012\t\t\n\
person\tVladimir Putin\t\tPrime Minister of Russia\tRussia\t2008\t2012\t\n\
country\tRussia\tRussian Federation|Россия\t\t\t\t\tRussian|Russians|russe\n";

    #[test]
    fn parses_and_merges_offices() {
        let kb = Kb::parse_tsv(TSV).expect("valid");
        assert_eq!(kb.entries().len(), 3);
        assert_eq!(kb.by_alias("putin").len(), 1, "Путин folds to putin");
        let ids = kb.by_alias("vladimir putin");
        assert_eq!(ids.len(), 1);
        assert_eq!(kb.entries()[ids[0]].offices.len(), 2);
        assert_eq!(
            kb.by_alias("sergei lavrov"),
            kb.by_alias(&fold("Сергей Лавров"))
        );
        assert_eq!(kb.by_demonym("russe").len(), 1);
        assert_eq!(
            kb.office_holders("Russia", &["president"], Some(2010))
                .len(),
            0
        );
        assert_eq!(
            kb.office_holders("Russia", &["prime", "minister"], Some(2010))
                .len(),
            1
        );
        assert_eq!(kb.by_surname("lavrov").len(), 1);
    }

    #[test]
    fn errors_name_the_line() {
        let e = Kb::parse_tsv("# c\nperson\tX\t\t\t\tnot-a-year\t\t\n").expect_err("bad year");
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("line 2"));
        let e = Kb::parse_tsv("\n\nanimal\tCat\n").expect_err("bad kind");
        assert_eq!(e.line, 3);
        let e = Kb::parse_tsv("person\n").expect_err("one column");
        assert_eq!(e.line, 1);
        let e = Kb::parse_tsv("person\t  \n").expect_err("empty name");
        assert_eq!(e.line, 1);
    }

    /// Cities set aside answer every lookup as the eager parse does, and
    /// a Latin-script lookup leaves them unindexed.
    #[test]
    fn deferred_cities_answer_as_eager_ones() {
        let tsv = "country\tKuwait\tالكويت|Koweït\t\t\t\t\tKuwaiti\n\
                   city\tKuwait City\tالكويت|مدينة الكويت|科威特城\t\tKW\n\
                   person\tSergei Lavrov\tСергей Лавров|拉夫罗夫\tForeign Minister of Russia\tRussia\t2004\t\t\n\
                   city\tBeijing\tBeijing|北京|Пекин|Πεκίνο\t\tCN\n\
                   city\tReading\tReading|ريدينغ\t\tGB\n";
        let eager = Kb::parse_tsv(tsv).expect("valid");
        let lazy = Kb::parse_tsv_deferring_cities(tsv).expect("valid");
        assert_eq!(lazy.entries().len(), 2);
        let names = |kb: &Kb, ids: &[usize]| -> Vec<String> {
            let mut n: Vec<String> = ids
                .iter()
                .map(|&i| kb.entry(i).expect("entry").name.clone())
                .collect();
            n.sort();
            n
        };
        for key in [
            "kuwait",
            "reading",
            "beijing",
            "koweit",
            "sergei lavrov",
            "pekin",
        ] {
            assert_eq!(
                names(&lazy, &lazy.by_alias(key)),
                names(&eager, &eager.by_alias(key)),
                "{key}"
            );
        }
        assert!(lazy.cities.get().is_none(), "ASCII keys index no city");
        for name in ["الكويت", "مدينة الكويت", "ريدينغ", "Πεκίνο"] {
            let key = fold(name);
            assert_eq!(
                names(&lazy, &lazy.by_alias(&key)),
                names(&eager, &eager.by_alias(&key)),
                "{name}"
            );
            assert_eq!(lazy.max_words(&key), eager.max_words(&key), "{name}");
        }
        assert_eq!(
            names(&lazy, &lazy.by_alias(&fold("الكويت"))),
            ["Kuwait", "Kuwait City"]
        );
        let text = "拉夫罗夫抵达北京，随后前往科威特城。";
        let hits = |kb: &Kb| -> Vec<(usize, usize, String)> {
            kb.cjk_matches(text)
                .map(|(s, e, _, ids)| (s, e, names(kb, ids).join("|")))
                .collect()
        };
        assert_eq!(hits(&lazy), hits(&eager));
        assert_eq!(hits(&lazy).len(), 3);
        assert!(lazy.has_cjk());
    }

    #[test]
    fn extend_adds_entries() {
        let mut kb = Kb::parse_tsv(TSV).expect("valid");
        let user = Kb::parse_tsv("organization\tHerald Institute\tHI\n").expect("valid");
        kb.extend(user);
        assert_eq!(kb.by_alias("herald institute").len(), 1);
        assert_eq!(kb.by_alias("hi").len(), 1);
    }
}
