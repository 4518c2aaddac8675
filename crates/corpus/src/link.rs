//! Person names linked across articles.
//!
//! Per-article analysis gives each person the fullest name its article and
//! the knowledge base support. Across articles, linking may give a person a
//! fuller canonical name ("Lohan" in one article, "Lindsay Lohan" in
//! another), and nothing else:
//! - only entities already of kind person are renamed; a word of another
//!   or unknown kind never becomes a person;
//! - full names join a cluster on the same folded surname and a compatible
//!   given name (the same, a nickname pair, an initial); anything but the
//!   same given name needs the two names to share a language. A one-letter
//!   surname difference, a shared first name alone or a different
//!   language is never enough;
//! - a person named by one word takes the canonical name of the one cluster
//!   with that surname in an article of the same language (one the
//!   knowledge base gave a fuller name, "Bush" as George W. Bush, takes
//!   another cluster only when the article's context clearly points to it:
//!   "Bush" next to the Saints is Reggie Bush); with several
//!   such clusters, the one whose articles share strictly the most other
//!   entity names with this article wins, and without a clear winner the
//!   word stays as it is.
//!
//! [`LinkState`] holds the full person names seen, with their mention
//! counts, languages and context (the other entity names of their
//! articles). Clusters are a function of that table, built in a fixed
//! order, so the result does not depend on the order of the articles, nor
//! on how they were split into calls: observing articles in several batches
//! gives the state one batch gives (up to the cap on context, see
//! [`MAX_CONTEXT`]). The state serialises with serde, for the store.
//!
//! Cost: observing an article is linear in its entities (each full name
//! records at most [`ARTICLE_CONTEXT`] context names); building the
//! clusters is linear in the names known times [`MAX_CONTEXT`]; renaming is
//! a hash lookup per entity plus a bounded context comparison.

use std::collections::{BTreeMap, BTreeSet};

use herald_annotate::entities::names::{Lex, given_compatible, pre_surname, surname};
use herald_annotate::entities::{fold, merge_same_name};
use herald_model::{Article, Entity, EntityKind};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

/// Context names one article contributes to each of its full names.
pub const ARTICLE_CONTEXT: usize = 32;
/// Context names kept per full name.
pub const MAX_CONTEXT: usize = 256;
/// Longer names (in words, or in characters per word) are not names.
const MAX_NAME_WORDS: usize = 8;
const MAX_WORD_CHARS: usize = 40;

/// What is known of one full person name across the articles seen.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct NameStats {
    mentions: u64,
    articles: u64,
    /// Languages of the articles it appears in.
    langs: BTreeSet<String>,
    /// Folded names of the other entities of its articles, with counts.
    context: BTreeMap<String, u32>,
}

/// What renaming needs of an article that names a person, far smaller
/// than the article: what a long run keeps of each article until all of
/// them are observed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Persons {
    lang: String,
    context: Vec<String>,
    /// Each person's name, with the one word the article wrote of it when
    /// that is all it wrote (see `only_word`).
    names: Vec<(String, Option<String>)>,
}

/// The key of the clusters a full name joins: its folded surname.
fn surname_key(name: &str) -> Option<String> {
    let ws = name_words(name)?;
    if ws.len() < 2 {
        return None;
    }
    surname(&ws).map(str::to_string)
}

impl Persons {
    /// The surname keys the renames of these persons depend on: clusters
    /// are made per folded surname, of the full names with that surname
    /// only, and a name is renamed from the clusters of its surname (a
    /// one-word name's, or the word the article wrote, is that word). So
    /// the renames change only when a name of one of these keys is
    /// observed or forgotten ([`LinkState::take_touched`]).
    pub fn keys(&self) -> Vec<String> {
        let mut keys: Vec<String> = Vec::new();
        for (name, only) in &self.names {
            match name_words(name).as_deref() {
                Some([word]) => keys.push(word.clone()),
                Some(ws) if ws.len() >= 2 => keys.extend(surname(ws).map(str::to_string)),
                _ => {}
            }
            keys.extend(only.iter().cloned());
        }
        keys.sort();
        keys.dedup();
        keys
    }

    /// The persons' names as the article gave them.
    pub fn names(&self) -> impl Iterator<Item = (&str, Option<&str>)> {
        self.names.iter().map(|(n, o)| (n.as_str(), o.as_deref()))
    }

    /// `None` when the article names no person.
    pub fn of(article: &Article) -> Option<Persons> {
        if !has_person(article) {
            return None;
        }
        let names: Vec<(String, Option<String>)> = article
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| {
                let only = name_words(&e.name).and_then(|ws| {
                    if ws.len() >= 2 {
                        only_word(e, &ws)
                    } else {
                        None
                    }
                });
                (e.name.clone(), only)
            })
            .collect();
        // Context decides only for a name the article wrote as one word.
        let needs_context = names
            .iter()
            .any(|(name, only)| only.is_some() || name_words(name).is_some_and(|ws| ws.len() == 1));
        Some(Persons {
            lang: article.language.clone().unwrap_or_default(),
            context: if needs_context {
                article_context(&article.entities)
            } else {
                Vec::new()
            },
            names,
        })
    }
}

/// The memory of linking: every full person name seen, and the clusters
/// built from them (rebuilt when needed, not serialised).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LinkState {
    names: BTreeMap<String, NameStats>,
    #[serde(skip)]
    index: Option<Index>,
    /// Surname keys whose names changed since [`LinkState::take_touched`]
    /// (kept when saved: a takedown's are taken by the next ingest).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    touched: BTreeSet<String>,
}

impl PartialEq for LinkState {
    fn eq(&self, other: &LinkState) -> bool {
        self.names == other.names
    }
}

#[derive(Debug, Clone)]
struct Cluster {
    canonical: String,
    givens: Vec<String>,
    langs: BTreeSet<String>,
    context: FxHashMap<String, u32>,
}

/// Clusters of the names known, with their lookups.
#[derive(Debug, Clone, Default)]
struct Index {
    clusters: Vec<Cluster>,
    /// Display name → cluster.
    by_name: FxHashMap<String, usize>,
    /// Folded surname → clusters, in cluster order.
    by_surname: FxHashMap<String, Vec<usize>>,
}

impl LinkState {
    /// An empty state.
    pub fn new() -> LinkState {
        LinkState::default()
    }

    /// Number of distinct full person names known.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether no full name is known yet.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Records the full person names of one article (and what surrounds
    /// them). Commutative: the order of calls does not matter.
    pub fn observe(&mut self, article: &Article) {
        if !has_person(article) {
            return;
        }
        let lang = article.language.as_deref().unwrap_or("");
        let context = article_context(&article.entities);
        for e in article
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
        {
            // Only names the article writes in full: a one-word mention
            // the knowledge base expanded says nothing of the full name.
            match name_words(&e.name) {
                Some(ws) if ws.len() >= 2 && only_word(e, &ws).is_none() => {}
                _ => continue,
            }
            self.index = None;
            self.touched.extend(surname_key(&e.name));
            let stats = self.names.entry(e.name.clone()).or_default();
            stats.mentions += e.mentions.len() as u64;
            stats.articles += 1;
            if !lang.is_empty() && !stats.langs.contains(lang) {
                stats.langs.insert(lang.to_string());
            }
            let own = fold(&e.name);
            for n in context.iter().filter(|n| **n != own) {
                *stats.context.entry(n.clone()).or_insert(0) += 1;
            }
            prune(&mut stats.context, 2 * MAX_CONTEXT);
        }
    }

    /// Forgets an article observed before, by the persons it named (a
    /// takedown): each full name it wrote counts one article less, and a
    /// name no other article wrote is forgotten with its context, so that
    /// it can no longer give anyone a canonical name. Mention counts and
    /// context of a name other articles still write stay as they were
    /// (`Persons` does not keep them): they only order candidates.
    pub fn forget(&mut self, persons: &Persons) {
        for (name, only) in &persons.names {
            match name_words(name) {
                Some(ws) if ws.len() >= 2 && only.is_none() => {}
                _ => continue,
            }
            let Some(stats) = self.names.get_mut(name) else {
                continue;
            };
            self.index = None;
            self.touched.extend(surname_key(name));
            stats.articles = stats.articles.saturating_sub(1);
            if stats.articles == 0 {
                self.names.remove(name);
            }
        }
    }

    /// The surname keys whose names changed since the last call (see
    /// [`Persons::keys`]), handed over once.
    pub fn take_touched(&mut self) -> BTreeSet<String> {
        std::mem::take(&mut self.touched)
    }

    /// Whether a full name is known.
    pub fn knows(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }

    /// Adds everything another state knows (a worker's, a batch's).
    pub fn merge(&mut self, other: LinkState) {
        for (name, s) in other.names {
            self.index = None;
            self.touched.extend(surname_key(&name));
            let t = self.names.entry(name).or_default();
            t.mentions += s.mentions;
            t.articles += s.articles;
            t.langs.extend(s.langs);
            for (n, c) in s.context {
                *t.context.entry(n).or_insert(0) += c;
            }
            prune(&mut t.context, 2 * MAX_CONTEXT);
        }
    }

    /// The new canonical names of the persons `persons` describes, as
    /// (old, new) pairs: what [`LinkState::apply`] does to their article.
    pub fn renames(&mut self, persons: &Persons) -> Vec<(String, String)> {
        let index = self.index.get_or_insert_with(|| Index::build(&self.names));
        index.renames(persons)
    }

    /// Gives the persons of `article` their canonical names across the
    /// articles observed, and carries the new names over to its quotes'
    /// speakers.
    pub fn apply(&mut self, article: &mut Article) {
        let index = self.index.get_or_insert_with(|| Index::build(&self.names));
        index.rename(article);
    }
}

/// Renames the persons of `article` by (old, new) pairs, merging two that
/// come to share a name, and carries the new names over to its quotes'
/// speakers (what [`LinkState::apply`] does with the pairs
/// [`LinkState::renames`] gives; a store renames articles it holds with it
/// when linking later articles gives them fuller names).
pub fn rename_persons(article: &mut Article, renamed: &[(String, String)]) {
    if renamed.is_empty() {
        return;
    }
    for e in article
        .entities
        .iter_mut()
        .filter(|e| e.kind == EntityKind::Person)
    {
        if let Some((_, new)) = renamed.iter().find(|(old, _)| *old == e.name) {
            e.name = new.clone();
        }
    }
    merge_same_name(&mut article.entities);
    for q in &mut article.quotes {
        let Some(speaker) = q.speaker.as_deref() else {
            continue;
        };
        if let Some((_, new)) = renamed.iter().find(|(old, _)| old == speaker) {
            q.speaker = Some(new.clone());
        }
    }
}

/// Observes every article, then renames each: one canonical name per
/// person across `articles` and everything `state` saw before.
pub fn link(articles: &mut [Article], state: &mut LinkState) {
    for a in articles.iter() {
        state.observe(a);
    }
    for a in articles.iter_mut() {
        state.apply(a);
    }
}

/// Keeps the `max` most frequent context names (ties by name), so the
/// memory per name stays bounded.
fn prune(context: &mut BTreeMap<String, u32>, max: usize) {
    if context.len() <= max {
        return;
    }
    let mut all: Vec<(String, u32)> = std::mem::take(context).into_iter().collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    all.truncate(max / 2);
    context.extend(all);
}

/// Folded words of a name, or `None` when it is too long to be a name.
fn name_words(name: &str) -> Option<Vec<String>> {
    let folded = fold(name);
    let ws: Vec<String> = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect();
    let plausible =
        ws.len() <= MAX_NAME_WORDS && ws.iter().all(|w| w.chars().count() <= MAX_WORD_CHARS);
    plausible.then_some(ws)
}

/// Whether an article names a person at all (only persons are linked, so
/// the others cost nothing).
fn has_person(article: &Article) -> bool {
    article
        .entities
        .iter()
        .any(|e| e.kind == EntityKind::Person)
}

/// The one word every mention of a person is, when it is the surname of
/// its (fuller) name: the article never wrote the full name.
fn only_word(e: &Entity, words: &[String]) -> Option<String> {
    let sur = surname(words)?;
    let mut mentions = e.mentions.iter().map(|m| fold(&m.text));
    let first = mentions.next()?;
    (first == sur && mentions.all(|m| m == first)).then_some(first)
}

/// The folded names of the most mentioned entities of an article (ties by
/// name), at most [`ARTICLE_CONTEXT`] of them.
fn article_context(entities: &[Entity]) -> Vec<String> {
    let mut ranked: Vec<(usize, String)> = entities
        .iter()
        .map(|e| (e.mentions.len(), fold(&e.name)))
        .filter(|(_, n)| !n.is_empty())
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    ranked.dedup_by(|a, b| a.1 == b.1);
    ranked.truncate(ARTICLE_CONTEXT);
    ranked.into_iter().map(|(_, n)| n).collect()
}

impl Index {
    /// Clusters the known names: most words, then most mentions, then name
    /// order seed a cluster; each later name joins the first compatible one.
    fn build(names: &BTreeMap<String, NameStats>) -> Index {
        // The word lists are built once per process, not per call.
        static LEX: std::sync::LazyLock<Lex> = std::sync::LazyLock::new(Lex::default);
        let lex: &Lex = &LEX;
        let mut order: Vec<(&String, &NameStats, Vec<String>)> = names
            .iter()
            .filter_map(|(n, s)| name_words(n).map(|ws| (n, s, ws)))
            .filter(|(_, _, ws)| ws.len() >= 2 && surname(ws).is_some())
            .collect();
        order.sort_by(|a, b| {
            b.2.len()
                .cmp(&a.2.len())
                .then(b.1.mentions.cmp(&a.1.mentions))
                .then_with(|| a.0.cmp(b.0))
        });
        let mut index = Index::default();
        for (name, stats, ws) in order {
            let Some(sur) = surname(&ws).map(str::to_string) else {
                continue;
            };
            let given = ws[0].clone();
            let found = index.by_surname.get(&sur).and_then(|ids| {
                ids.iter().copied().find(|&c| {
                    let cl = &index.clusters[c];
                    cl.givens.iter().any(|g| {
                        *g == given
                            || given_compatible(g, &given, lex)
                                && !cl.langs.is_disjoint(&stats.langs)
                    })
                })
            });
            let id = found.unwrap_or_else(|| {
                index.clusters.push(Cluster {
                    canonical: name.clone(),
                    givens: Vec::new(),
                    langs: BTreeSet::new(),
                    context: FxHashMap::default(),
                });
                let id = index.clusters.len() - 1;
                index.by_surname.entry(sur.clone()).or_default().push(id);
                id
            });
            let cl = &mut index.clusters[id];
            for g in std::iter::once(given).chain(pre_surname(&ws)) {
                if !cl.givens.contains(&g) {
                    cl.givens.push(g);
                }
            }
            cl.langs.extend(stats.langs.iter().cloned());
            for (n, c) in &stats.context {
                if cl.context.len() < MAX_CONTEXT || cl.context.contains_key(n) {
                    *cl.context.entry(n.clone()).or_insert(0) += c;
                }
            }
            index.by_name.insert(name.clone(), id);
        }
        index
    }

    fn rename(&self, article: &mut Article) {
        let Some(persons) = Persons::of(article) else {
            return;
        };
        rename_persons(article, &self.renames(&persons));
    }

    /// The persons of an article that take another canonical name, as
    /// (old, new) pairs.
    fn renames(&self, persons: &Persons) -> Vec<(String, String)> {
        let context: FxHashSet<String> = persons.context.iter().cloned().collect();
        let lang = persons.lang.as_str();
        let mut renamed: Vec<(String, String)> = Vec::new();
        for (name, only) in &persons.names {
            let Some(ws) = name_words(name) else {
                continue;
            };
            let target = match (ws.as_slice(), only) {
                ([], _) => None,
                ([word], _) => self.single(word, lang, &context),
                // The article wrote one word; its fuller name came from
                // the knowledge base ("Bush" for George W. Bush).
                (_, Some(word)) => self.instead_of_kb(word, name, lang, &context),
                (_, None) => self.by_name.get(name).copied(),
            };
            if let Some(id) = target {
                let canonical = &self.clusters[id].canonical;
                if canonical != name && !renamed.iter().any(|(old, _)| old == name) {
                    renamed.push((name.clone(), canonical.clone()));
                }
            }
        }
        renamed
    }

    /// For a person the article names by one word, which the knowledge
    /// base gave a fuller name: the cluster of the corpus that word names
    /// instead, when the article's context clearly says so (it shares at
    /// least one entity name with that cluster, strictly more than with any
    /// other, the knowledge-base person's own cluster included); otherwise
    /// the knowledge-base person stays.
    fn instead_of_kb(
        &self,
        word: &str,
        name: &str,
        lang: &str,
        context: &FxHashSet<String>,
    ) -> Option<usize> {
        let own = self.by_name.get(name).copied();
        let mut scored: Vec<(usize, usize)> = self
            .by_surname
            .get(word)?
            .iter()
            .copied()
            .filter(|&c| self.clusters[c].langs.contains(lang))
            .map(|c| (self.shared(c, word, context), c))
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let &(best, c) = scored.first()?;
        let clear = best >= 1 && scored.get(1).is_none_or(|s| s.0 < best);
        if clear {
            return Some(c);
        }
        // No clear pointer elsewhere: the knowledge-base person stays.
        own.filter(|o| scored.iter().any(|&(_, c)| c == *o))
    }

    /// Entity names of the article's context that cluster `c`'s articles
    /// share, besides `word` itself.
    fn shared(&self, c: usize, word: &str, context: &FxHashSet<String>) -> usize {
        let cl = &self.clusters[c];
        context
            .iter()
            .filter(|n| n.as_str() != word && cl.context.contains_key(*n))
            .count()
    }

    /// The cluster a person named by one word belongs to, if clear.
    fn single(&self, word: &str, lang: &str, context: &FxHashSet<String>) -> Option<usize> {
        let cands: Vec<usize> = self
            .by_surname
            .get(word)?
            .iter()
            .copied()
            .filter(|&c| self.clusters[c].langs.contains(lang))
            .collect();
        match cands.as_slice() {
            [] => None,
            [only] => Some(*only),
            _ => {
                let mut scored: Vec<(usize, usize)> = cands
                    .iter()
                    .map(|&c| (self.shared(c, word, context), c))
                    .collect();
                scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                match scored.as_slice() {
                    [(s1, c), (s2, _), ..] if s1 > s2 => Some(*c),
                    _ => None,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
