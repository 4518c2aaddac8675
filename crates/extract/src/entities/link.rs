//! Cross-article canonical names for persons.
//!
//! Full names (two words or more) are clustered by surname and compatible
//! given names (same name, a nickname pair, an initial, or one letter apart);
//! each cluster's canonical name is its fullest, then most frequent, form.
//! A person known only by one word ("Lohan", "Bush") takes the canonical name
//! of the cluster with that surname; when several clusters share it, the one
//! whose articles share the most other entity names with this article wins,
//! and with no clear winner the single word stays. The registry keeps the
//! clusters between calls, so a later batch reuses earlier canonical names.
//! The result does not depend on the order of articles within a slice.

use std::collections::BTreeMap;

use herald_model::{Entity, EntityKind};

use crate::hash::FxMap;

use super::fold::fold;
use super::kb::{Kb, KbKind};
use super::lexicon::Lex;
use super::resolve::{edit_distance, given_compatible, pre_surname, surname};

#[derive(Debug, Clone, Default)]
struct Cluster {
    canonical: String,
    surname: String,
    givens: Vec<String>,
    /// Seeded from the knowledge base rather than seen in an article.
    from_kb: bool,
    /// Folded names of the other entities of the articles it appears in.
    context: FxMap<String, u32>,
}

/// Memory of person clusters across successive `link` calls.
///
/// Lookups go through indexes, never over all clusters: a run over millions
/// of articles knows hundreds of thousands of persons.
#[derive(Debug, Clone, Default)]
pub struct NameRegistry {
    clusters: Vec<Cluster>,
    by_surname: FxMap<String, Vec<usize>>,
    /// Clusters by each of their given names.
    by_given: FxMap<String, Vec<usize>>,
    /// Clusters by each form of their surname with at most one character
    /// deleted: two words one edit or transposition apart share a key.
    by_deletion: FxMap<String, Vec<usize>>,
    lex: Lex,
}

impl NameRegistry {
    /// Number of person clusters known.
    pub fn len(&self) -> usize {
        self.clusters.len()
    }

    /// Whether no person is known yet.
    pub fn is_empty(&self) -> bool {
        self.clusters.is_empty()
    }

    /// A registry that already knows the persons of the knowledge base, so
    /// that a surname alone ("Putin") resolves to their canonical name when
    /// nothing in the articles contradicts it.
    pub fn with_kb(kb: &Kb) -> NameRegistry {
        let mut reg = NameRegistry::default();
        for e in kb.entries().iter().filter(|e| e.kind == KbKind::Person) {
            let ws = words_of(&e.name);
            let Some(sur) = surname(&ws) else { continue };
            if ws.len() < 2 || !ws.iter().all(|w| w.is_ascii()) {
                continue;
            }
            let id = reg.add(e.name.clone(), sur.to_string(), ws[0].clone());
            reg.clusters[id].from_kb = true;
            for a in &e.aliases {
                let aw = words_of(a);
                // One-word aliases ("Xi", "Si", "Putin") answer for the person.
                if aw.len() == 1 && aw[0].chars().count() > 1 {
                    let ids = reg.by_surname.entry(aw[0].clone()).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                if aw.len() >= 2 && surname(&aw) == Some(sur) {
                    for g in pre_surname(&aw) {
                        reg.add_given(id, g);
                    }
                }
            }
        }
        reg
    }

    fn find(&self, sur: &str, given: &str) -> Option<usize> {
        let exact = self.by_surname.get(sur).into_iter().flatten().copied();
        for c in exact {
            if self.clusters[c]
                .givens
                .iter()
                .any(|g| given_compatible(g, given, &self.lex))
            {
                return Some(c);
            }
        }
        // One letter off in the surname (Rait / Raite) with the same given name.
        if sur.chars().count() >= 4 {
            for i in self.one_edit(sur) {
                let cl = &self.clusters[i];
                if cl.surname != sur
                    && cl.surname.chars().count() >= 4
                    && cl.surname.chars().next() == sur.chars().next()
                    && edit_distance(&cl.surname, sur) == 1
                    && cl.givens.iter().any(|g| g == given)
                {
                    return Some(i);
                }
            }
        }
        None
    }

    /// Clusters whose surname may be one edit or one transposition away
    /// from `word` (a superset, in cluster order; callers check the distance).
    fn one_edit(&self, word: &str) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for key in deletions(word) {
            if let Some(ids) = self.by_deletion.get(&key) {
                out.extend_from_slice(ids);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Clusters with `given` among their given names, in cluster order.
    fn with_given(&self, given: &str) -> Vec<usize> {
        self.by_given.get(given).cloned().unwrap_or_default()
    }

    fn add(&mut self, canonical: String, sur: String, given: String) -> usize {
        let id = self.clusters.len();
        for key in deletions(&sur) {
            let ids = self.by_deletion.entry(key).or_default();
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
        self.clusters.push(Cluster {
            canonical,
            surname: sur.clone(),
            givens: Vec::new(),
            from_kb: false,
            context: FxMap::default(),
        });
        self.add_given(id, given);
        self.by_surname.entry(sur).or_default().push(id);
        id
    }

    fn add_given(&mut self, id: usize, given: String) {
        let cl = &mut self.clusters[id];
        if cl.givens.contains(&given) {
            return;
        }
        cl.givens.push(given.clone());
        // Ids only grow, so each list stays in cluster order.
        let ids = self.by_given.entry(given).or_default();
        if !ids.contains(&id) {
            ids.push(id);
            ids.sort_unstable();
        }
    }
}

/// `word` and each form of it with one character deleted.
fn deletions(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    for (i, c) in word.char_indices() {
        let mut d = String::with_capacity(word.len());
        d.push_str(&word[..i]);
        d.push_str(&word[i + c.len_utf8()..]);
        out.push(d);
    }
    out
}

/// (surname, given name, display name) of a full name.
type FullKey = (String, String, String);
/// (mentions, words, given and middle names).
type FullVal = (usize, usize, Vec<String>);

fn words_of(name: &str) -> Vec<String> {
    fold(name)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// Gives every person one canonical name across `articles` (and earlier
/// batches through `registry`).
pub fn link(articles: &mut [Vec<Entity>], registry: &mut NameRegistry) {
    // 1. Full names of the slice, in a fixed order: (surname, given, name) → count.
    let mut full: BTreeMap<FullKey, FullVal> = BTreeMap::new();
    for ents in articles.iter() {
        for e in ents.iter().filter(|e| e.kind == EntityKind::Person) {
            let ws = words_of(&e.name);
            if ws.len() < 2 {
                continue;
            }
            let Some(sur) = surname(&ws) else { continue };
            let k = (sur.to_string(), ws[0].clone(), e.name.clone());
            let v = full.entry(k).or_insert((0, ws.len(), pre_surname(&ws)));
            v.0 += e.mentions.len();
        }
    }
    // 2. Clusters: most words, then most mentions, seed a cluster.
    let mut order: Vec<(&FullKey, &FullVal)> = full.iter().collect();
    order.sort_by(|a, b| b.1.1.cmp(&a.1.1).then(b.1.0.cmp(&a.1.0)).then(a.0.cmp(b.0)));
    let mut name_to_cluster: FxMap<String, usize> = FxMap::default();
    for ((sur, given, name), (_, _, pre)) in order {
        let id = match registry.find(sur, given) {
            Some(id) => id,
            None => registry.add(name.clone(), sur.clone(), given.clone()),
        };
        // A variant surname (Raite for Rait) answers for the cluster too.
        let ids = registry.by_surname.entry(sur.clone()).or_default();
        if !ids.contains(&id) {
            ids.push(id);
        }
        for g in pre {
            registry.add_given(id, g.clone());
        }
        name_to_cluster.insert(name.clone(), id);
    }
    // 3. Context of each cluster from this slice.
    let folded: Vec<Vec<String>> = articles
        .iter()
        .map(|ents| ents.iter().map(|e| fold(&e.name)).collect())
        .collect();
    for (ents, names) in articles.iter().zip(&folded) {
        let ids: Vec<Option<usize>> = ents
            .iter()
            .map(|e| name_to_cluster.get(&e.name).copied())
            .collect();
        for &id in ids.iter().flatten() {
            for (n, other) in names.iter().zip(&ids) {
                if *other == Some(id) {
                    continue;
                }
                let context = &mut registry.clusters[id].context;
                match context.get_mut(n) {
                    Some(v) => *v += 1,
                    None => {
                        context.insert(n.clone(), 1);
                    }
                }
            }
        }
    }
    // 4. Rename.
    for (ents, ctx) in articles.iter_mut().zip(&folded) {
        for (i, e) in ents.iter_mut().enumerate() {
            if let Some(&id) = name_to_cluster.get(&e.name) {
                e.name = registry.clusters[id].canonical.clone();
                continue;
            }
            let ws: Vec<&str> = ctx[i].split(' ').filter(|w| !w.is_empty()).collect();
            let single = ws.len() == 1 && matches!(e.kind, EntityKind::Person | EntityKind::Other);
            if !single {
                continue;
            }
            let w = ws[0];
            let mut cands: Vec<usize> = registry.by_surname.get(w).cloned().unwrap_or_default();
            let by_given = cands.is_empty();
            if by_given {
                cands = registry.with_given(w);
                // A misspelt surname (Klistchko): one edit or transposition away.
                if w.chars().count() >= 5 {
                    for c in registry.one_edit(w) {
                        let cl = &registry.clusters[c];
                        let close = cl.surname.len().abs_diff(w.len()) <= 1
                            && cl.surname.chars().next() == w.chars().next();
                        if close && osa_distance(&cl.surname, w) == 1 && !cands.contains(&c) {
                            cands.push(c);
                        }
                    }
                }
            }
            // A word of unknown kind ("Ford") becomes a person only when its
            // article shares context with that person's articles.
            let need_context = by_given || e.kind != EntityKind::Person;
            let pick = choose(&cands, ctx, i, registry, need_context);
            if let Some(id) = pick {
                e.name = registry.clusters[id].canonical.clone();
                e.kind = EntityKind::Person;
            }
        }
        merge_same_name(ents);
    }
}

fn choose(
    cands: &[usize],
    ctx: &[String],
    me: usize,
    reg: &NameRegistry,
    need_context: bool,
) -> Option<usize> {
    if cands.len() == 1 && !need_context {
        return cands.first().copied();
    }
    let mut scored: Vec<(u32, usize)> = cands
        .iter()
        .map(|&c| {
            let cl = &reg.clusters[c];
            let s: u32 = ctx
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != me)
                .map(|(_, n)| u32::from(cl.context.contains_key(n)))
                .sum();
            (s, c)
        })
        .collect();
    // Clusters seen in articles win ties over clusters only known from the KB.
    let best_seen = scored
        .iter()
        .filter(|(_, c)| !reg.clusters[*c].from_kb)
        .map(|s| s.0)
        .max();
    if let Some(b) = best_seen {
        scored.retain(|(s, c)| !reg.clusters[*c].from_kb || *s > b);
    }
    if scored.len() == 1 && !need_context {
        return scored.first().map(|s| s.1);
    }
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    match scored.as_slice() {
        [(s, c)] if *s > 0 => Some(*c),
        [(s1, c), (s2, _), ..] if s1 > s2 => Some(*c),
        _ => None,
    }
}

/// Entities of one article that ended with the same name and kind become one.
fn merge_same_name(ents: &mut Vec<Entity>) {
    let mut seen: FxMap<(String, bool), usize> = FxMap::default();
    let mut out: Vec<Entity> = Vec::with_capacity(ents.len());
    for e in ents.drain(..) {
        let key = (e.name.clone(), e.kind == EntityKind::Person);
        match seen.get(&key) {
            Some(&i) => {
                let t = &mut out[i];
                t.mentions.extend(e.mentions);
                t.mentions.sort_by_key(|m| (m.start, m.end));
                t.mentions.dedup_by_key(|m| (m.start, m.end));
                if t.role.is_none() {
                    t.role = e.role;
                }
            }
            None => {
                seen.insert(key, out.len());
                out.push(e);
            }
        }
    }
    // Persons with more mentions first, as in `find_entities`.
    out.sort_by_key(|e| {
        (
            e.kind != EntityKind::Person,
            if e.kind == EntityKind::Person {
                usize::MAX - e.mentions.len()
            } else {
                0
            },
        )
    });
    *ents = out;
}

/// Optimal string alignment distance (edits plus adjacent transpositions).
fn osa_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, v) in d[0].iter_mut().enumerate() {
        *v = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}
