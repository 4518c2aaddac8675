//! Articles grouped into real-world events, events linked into storylines.
//!
//! [`group`] is a function of the *set* of profiles it is given: the input
//! is first sorted by article id, every tie is broken by that order, so the
//! partition, the ids and the output do not depend on input order.
//!
//! 1. **Candidates.** An inverted index over each article's rarest terms
//!    (its [`KEY_TERMS`] heaviest TF-IDF terms), its canonical entities and
//!    its days gives the pairs worth comparing; a key held by more than
//!    [`MAX_POSTINGS`] articles is too common to say anything and is left
//!    out, so the pairs grow with the articles times a constant, never with
//!    every pair. An entity too common over all time keys a dated article
//!    by its period instead (the name within [`crate::PERIOD_DAYS`] of the
//!    article's date, see [`crate::periods_of`]), left out in turn when more
//!    than [`MAX_POSTINGS`] articles of that period hold it: a name in many
//!    events over the years still picks out the few of one season, and a
//!    long run keeps its candidates as it grows. Near-identical texts are
//!    candidates whatever their words: an article left with fewer than
//!    half of [`KEY_TERMS`] rare terms is also keyed by the bands of its
//!    MinHash signature ([`crate::copy_keys`]), which no statistic cuts,
//!    so a wire story copied by hundreds of sites, whose every word and
//!    name is common, is still one event (up to [`POSTINGS_GUARD`] copies
//!    in one run). Two articles that share only such a band are
//!    candidates when their resemblance makes them copies
//!    ([`Weights::copy_resemblance`]): templated texts share bands by the
//!    thousand without being copies. Articles whose own dates are more than
//!    [`Weights::window_days`] apart are never candidates.
//! 2. **Components.** Scored candidate pairs are edges. Two groups merge
//!    (and a lone article joins a group) only when their mean score
//!    reaches a threshold, which needs one of their pairs to reach it:
//!    so an event never spans two connected components of the edges that
//!    reach the lower threshold ([`component_cut`]), and a pair of weaker
//!    evidence joins nothing. An incremental run re-examines less still:
//!    see `incremental.rs`.
//! 3. **Average linkage** inside each component: the two groups with the
//!    highest mean pairwise score (pairs that are not candidates count 0)
//!    merge while that mean is at least [`Weights::event_threshold`] (with
//!    embeddings, [`Weights::meaning_event_threshold`]); ties
//!    go to the groups holding the smallest article ids.
//!    Then an article left alone joins the group with which its mean
//!    score is highest, if at least [`Weights::singleton_threshold`].
//! 4. **Copies.** Inside an event, an article whose word shingles resemble
//!    an earlier one's (same language, MinHash resemblance at least
//!    [`Weights::copy_resemblance`]) is a `copy` of that original; copies are
//!    evidence, not independent sources. A translation shares no shingles,
//!    so it is never a copy.
//! 5. **Storylines.** Events are linked when they share two principal
//!    actors (people or organizations reported by a third of each event's
//!    articles), or one such actor and their subject (cosine of their term
//!    centroids); a storyline is a connected group of such links.
//!
//! Ids: an event's id is derived from the smallest article id it holds, so
//! the same input gives the same ids, and when two events merge the merged
//! one keeps the id of the event holding the smaller article id. A
//! storyline's id is derived in the same way from its smallest event id.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BinaryHeap};

use herald_model::{EntityKind, Event, EventArticle, Match, Storyline};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::groups::GroupEvidence;
use crate::profile::{
    Profile, Stats, Term, copy_keys, period_key, periods_of, resemblance, stable_hash,
};
use crate::similarity::{Mode, Prepared, Weights, similarity};

/// Terms of an article that go into the candidate index.
pub const KEY_TERMS: usize = 24;
/// Articles a key may hold and still select candidates.
pub const MAX_POSTINGS: usize = 100;
/// Postings of one key in one run beyond which it selects nothing, whatever
/// the statistics say.
pub const POSTINGS_GUARD: usize = 10 * MAX_POSTINGS;
/// Storyline links need subjects at least this close.
const STORY_SUBJECT: f64 = 0.2;

/// Events and storylines of a set of articles.
#[derive(Debug, Clone, PartialEq)]
pub struct Grouping {
    /// In date order (undated last), then by id.
    pub events: Vec<Event>,
    pub storylines: Vec<Storyline>,
}

/// Groups profiles into events and storylines. `stats` are the document
/// frequencies to weight terms with (usually [`Stats::of`] the same
/// profiles, or the store's).
pub fn group(profiles: &[Profile], stats: &Stats, w: &Weights) -> Grouping {
    let streamed = group_streamed(profiles, stats, w);
    Grouping {
        events: streamed.events().collect(),
        storylines: streamed.storylines,
    }
}

/// [`group`], with each event built (its articles listed and explained)
/// only when [`Streamed::events`] comes to it: a long run writes its
/// events one by one instead of holding them all.
pub fn group_streamed<'a>(
    profiles: &'a [Profile],
    stats: &'a Stats,
    w: &'a Weights,
) -> Streamed<'a> {
    let refs: Vec<&Profile> = profiles.iter().collect();
    let part = partition(&refs, stats, w, false);
    let heads: Vec<EventHead> = part
        .clusters
        .iter()
        .map(|members| EventHead::of(members, &part.prepared, &part.edges))
        .collect();
    let facts: Vec<EventFacts> = part
        .clusters
        .iter()
        .map(|members| EventFacts::of(members, &part.prepared))
        .collect();
    let (storylines, storyline_of) = storylines(&heads, &facts.iter().collect::<Vec<_>>(), None);
    drop(facts);
    let mut order: Vec<usize> = (0..heads.len()).collect();
    order.sort_by(|&a, &b| {
        date_order(&heads[a].date, &heads[b].date).then_with(|| heads[a].id.cmp(&heads[b].id))
    });
    Streamed {
        part,
        heads,
        storyline_of,
        order,
        stats,
        w,
        storylines,
    }
}

/// Events and storylines of a set of articles, each event built when it
/// is asked for (see [`group_streamed`]).
#[derive(Debug)]
pub struct Streamed<'a> {
    part: Partition<'a>,
    heads: Vec<EventHead>,
    storyline_of: Vec<String>,
    /// Event positions in output order.
    order: Vec<usize>,
    stats: &'a Stats,
    w: &'a Weights,
    pub storylines: Vec<Storyline>,
}

impl Streamed<'_> {
    /// The number of events.
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// The events in date order (undated last), then by id, as
    /// [`Grouping::events`] has them.
    pub fn events(&self) -> impl Iterator<Item = Event> + '_ {
        self.order.iter().map(|&k| {
            let p = &self.part;
            let mut e = build_event(
                &p.clusters[k],
                &self.heads[k],
                &p.prepared,
                &p.edges,
                &p.nearest,
                self.stats,
                self.w,
            );
            e.storyline = Some(self.storyline_of[k].clone());
            e
        })
    }
}

/// What is decided of an event before its articles are listed: its id,
/// date and representative title.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(crate) struct EventHead {
    pub id: String,
    pub date: Option<String>,
    pub date_estimated: bool,
    pub date_evidence: Vec<String>,
    pub title: Option<String>,
}

impl EventHead {
    fn of(members: &[u32], prepared: &[Prepared], edges: &Edges) -> EventHead {
        let profile = |i: u32| prepared[i as usize].profile;
        let edge = |a: u32, b: u32| edges.get(&(a.min(b), a.max(b))).unwrap_or(0.0);
        let (date, date_estimated, date_evidence) = event_date(members, prepared);
        // The representative title: the titled article closest to the others.
        let title = members
            .iter()
            .copied()
            .filter(|&i| {
                profile(i)
                    .title
                    .as_deref()
                    .is_some_and(|t| !t.trim().is_empty())
            })
            .max_by(|&x, &y| {
                let sx: f64 = members.iter().map(|&j| edge(x, j)).sum();
                let sy: f64 = members.iter().map(|&j| edge(y, j)).sum();
                sx.total_cmp(&sy).then_with(|| y.cmp(&x))
            })
            .and_then(|i| profile(i).title.clone())
            .or_else(|| Some(profile(members[0]).lead.clone()).filter(|l| !l.is_empty()));
        EventHead {
            id: derived_id("e-", &profile(members[0]).id),
            date,
            date_estimated,
            date_evidence,
            title,
        }
    }

    pub(crate) fn from_event(e: &Event) -> EventHead {
        EventHead {
            id: e.id.clone(),
            date: e.date.clone(),
            date_estimated: e.date_estimated,
            date_evidence: e.date_evidence.clone(),
            title: e.title.clone(),
        }
    }
}

/// The partition of a set of profiles into events, before the events are
/// built: the profiles in the order every decision follows, what
/// similarity needs of them, the scored candidate pairs, each article's
/// nearest candidate, and the groups (positions in that order), in order
/// of their smallest article.
#[derive(Debug)]
struct Partition<'a> {
    sorted: Vec<&'a Profile>,
    prepared: Vec<Prepared<'a>>,
    edges: Edges,
    nearest: Vec<Option<(u32, f64)>>,
    clusters: Vec<Vec<u32>>,
    /// The groups of linkage alone, and its merges, when asked for.
    linkage: Option<(Vec<Vec<u32>>, Vec<Merge>)>,
}

/// The order every decision follows: by article id, then source.
pub(crate) fn article_order(x: &Profile, y: &Profile) -> Ordering {
    x.id.cmp(&y.id).then_with(|| x.source.cmp(&y.source))
}

fn partition<'a>(
    profiles: &[&'a Profile],
    stats: &Stats,
    w: &Weights,
    keep_linkage: bool,
) -> Partition<'a> {
    let mut sorted: Vec<&Profile> = profiles.to_vec();
    sorted.sort_by(|x, y| article_order(x, y));
    let prepared: Vec<Prepared> = sorted.iter().map(|p| Prepared::new(p, stats)).collect();
    let (edges, conflicts) = candidate_edges(&prepared, stats, w);
    // Merging needs only the scores: what similarity needs of each
    // article is made again afterwards rather than held through it (a
    // million articles' weights).
    let mode = Mode::of_set(&prepared);
    drop(prepared);
    let (merge, single) = w.thresholds(mode);
    let (mut clusters, merges) = average_linkage(&sorted, &edges, merge, w);
    let linkage = keep_linkage.then(|| (clusters.clone(), merges));
    attach_singletons(&mut clusters, &edges, &conflicts, single);
    drop(conflicts);
    let prepared: Vec<Prepared> = sorted.iter().map(|p| Prepared::new(p, stats)).collect();
    // Each article's best-scoring candidate: what an article left alone
    // came closest to. Only pairs of evidence at least the cut count (an
    // incremental run looks again at the lone articles with such a pair
    // to what it re-groups).
    let cut = component_cut(w, mode);
    let mut nearest: Vec<Option<(u32, f64)>> = vec![None; sorted.len()];
    for ((a, b), score) in edges.iter().filter(|(_, s)| *s >= cut) {
        for (x, y) in [(a, b), (b, a)] {
            let slot = &mut nearest[x as usize];
            if slot.is_none_or(|(o, s)| score > s || (score == s && y < o)) {
                *slot = Some((y, score));
            }
        }
    }
    Partition {
        sorted,
        prepared,
        edges,
        nearest,
        clusters,
        linkage,
    }
}

/// A linkage group as one run decides it (positions in article order):
/// its merges (indexes into `members`), the lone articles that joined it,
/// the group a lone article joined, and the event it anchors (none for a
/// lone article that joined a group).
pub(crate) struct Decided {
    pub members: Vec<u32>,
    pub merges: Vec<Merge>,
    pub joiners: Vec<u32>,
    pub joined: Option<usize>,
    pub event: Option<(Event, EventHead, EventFacts)>,
}

/// Everything one run over `profiles` decides, by linkage group (in order
/// of their smallest article), and the profiles in article order: what an
/// incremental state keeps when it groups all its articles again.
pub(crate) fn decide_all<'a>(
    profiles: &[&'a Profile],
    stats: &Stats,
    w: &Weights,
) -> (Vec<&'a Profile>, Vec<Decided>) {
    let mut p = partition(profiles, stats, w, true);
    let (linkage, merges) = p.linkage.take().unwrap_or_default();
    let n = p.sorted.len();
    let (mut group_of, mut local) = (vec![0usize; n], vec![0u32; n]);
    for (g, members) in linkage.iter().enumerate() {
        for (l, &i) in members.iter().enumerate() {
            group_of[i as usize] = g;
            local[i as usize] = l as u32;
        }
    }
    let mut out: Vec<Decided> = linkage
        .into_iter()
        .map(|members| Decided {
            members,
            merges: Vec::new(),
            joiners: Vec::new(),
            joined: None,
            event: None,
        })
        .collect();
    for (a, b, mean) in merges {
        let g = group_of[a as usize];
        out[g]
            .merges
            .push((local[a as usize], local[b as usize], mean));
    }
    for cluster in &p.clusters {
        let anchor = cluster
            .iter()
            .map(|&i| group_of[i as usize])
            .find(|&g| out[g].members.len() > 1)
            .unwrap_or(group_of[cluster[0] as usize]);
        for &i in cluster {
            let g = group_of[i as usize];
            if g != anchor {
                out[g].joined = Some(anchor);
                out[anchor].joiners.push(i);
            }
        }
        let head = EventHead::of(cluster, &p.prepared, &p.edges);
        let event = build_event(cluster, &head, &p.prepared, &p.edges, &p.nearest, stats, w);
        let facts = EventFacts::of(cluster, &p.prepared);
        out[anchor].event = Some((event, head, facts));
    }
    (p.sorted, out)
}

/// The evidence an edge needs to count for components: the lower of the
/// two thresholds (a merge, a lone article joining), a little lower still
/// so that no rounding of a mean in f32 can merge across a cut.
pub(crate) fn component_cut(w: &Weights, mode: Mode) -> f64 {
    let (merge, single) = w.thresholds(mode);
    merge.min(single) * 0.999
}

/// The index keys of an article: its [`KEY_TERMS`] heaviest terms, its
/// canonical entities and its days, leaving out the keys that more than
/// [`MAX_POSTINGS`] articles of `stats` hold (too common to say anything).
/// Two articles are candidates when they share a key. The rule looks at
/// the two articles and the statistics only, so the candidate pairs of a
/// set are those of its parts, however it is split into runs.
pub fn index_keys(p: &Prepared, stats: &Stats) -> Vec<String> {
    let common = |df: Option<&u32>| df.is_some_and(|&n| n as usize > MAX_POSTINGS);
    let mut keys: Vec<(&str, f64)> = p
        .weighted()
        .filter(|(t, _)| !common(stats.terms.get(*t)))
        .collect();
    keys.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let mut own: Vec<String> = keys
        .iter()
        .take(KEY_TERMS)
        .map(|(t, _)| format!("t:{t}"))
        .collect();
    let rare_terms = own.len();
    for e in p.profile.entities.keys() {
        if !common(stats.entities.get(e)) {
            own.push(format!("e:{e}"));
            continue;
        }
        // Common over all time, perhaps not at the article's time: a name
        // in many events of many years still picks out the few of one
        // season.
        let Some(day) = p.day else { continue };
        for period in periods_of(day) {
            if !common(stats.entity_periods.get(&period_key(e, period))) {
                own.push(format!("e:{e}@{period}"));
            }
        }
    }
    // A much-copied text, whose words are all too common to key it, is
    // keyed by its copies' shared signature bands (an article with enough
    // rare words of its own finds its copies through them).
    if rare_terms < KEY_TERMS / 2 {
        own.extend(copy_keys(p.profile));
    }
    own.extend(
        p.profile
            .days
            .iter()
            .filter(|d| !common(stats.days.get(*d)))
            .map(|d| format!("d:{d}")),
    );
    own.sort();
    own.dedup();
    own
}

/// Whether two texts are copies of one another: a pair that shares only a
/// copy key is a candidate when they are.
pub(crate) fn are_copies(a: &Profile, b: &Profile, w: &Weights) -> bool {
    resemblance(a, b) >= w.copy_resemblance
}

/// Whether an index key is one of [`copy_keys`]' signature bands.
pub(crate) fn is_copy_key(key: &str) -> bool {
    key.starts_with("c:")
}

/// Whether a candidate pair is outside the window: both articles state
/// dates further apart than [`Weights::window_days`].
pub(crate) fn outside_window(a: &Prepared, b: &Prepared, w: &Weights) -> bool {
    matches!((a.day, b.day), (Some(x), Some(y))
        if a.profile.date_stated && b.profile.date_stated && (x - y).abs() > w.window_days)
}

/// Dated first, in date order.
pub(crate) fn date_order(a: &Option<String>, b: &Option<String>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Scored candidate pairs `(i, j)` with `i < j`.
///
/// A list sorted by pair, found by binary search: pairs are scored in
/// that order, and a million articles' pairs take 12 bytes each instead of
/// a hash table's room to grow. Scores are kept as f32 (a score's f64 is
/// rounded once, when the pair is pushed, and every decision reads the
/// rounded value), for a long run holds some fifty million of them.
#[derive(Debug, Default)]
pub(crate) struct Edges(Vec<((u32, u32), f32)>);

impl Edges {
    /// Adds a pair after every pair already in (checked in debug builds).
    pub(crate) fn push(&mut self, pair: (u32, u32), score: f64) {
        debug_assert!(self.0.last().is_none_or(|(last, _)| *last < pair));
        self.0.push((pair, score as f32));
    }

    fn get(&self, pair: &(u32, u32)) -> Option<f64> {
        self.0
            .binary_search_by(|(p, _)| p.cmp(pair))
            .ok()
            .map(|i| f64::from(self.0[i].1))
    }

    /// Each pair with its score, in pair order.
    fn iter(&self) -> impl Iterator<Item = ((u32, u32), f64)> + '_ {
        self.0.iter().map(|&(p, s)| (p, f64::from(s)))
    }
}

/// Candidate pairs whose dates speak against one event.
pub(crate) type Conflicts = FxHashSet<(u32, u32)>;

pub(crate) fn candidate_edges(
    prepared: &[Prepared],
    stats: &Stats,
    w: &Weights,
) -> (Edges, Conflicts) {
    let mut index: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    let mut own: Vec<Vec<String>> = Vec::with_capacity(prepared.len());
    for (i, p) in prepared.iter().enumerate() {
        let keys = index_keys(p, stats);
        for k in &keys {
            index.entry(k.clone()).or_default().push(i as u32);
        }
        own.push(keys);
    }
    // Each article's later candidates, from the postings of its keys (a
    // guard for statistics that do not count these articles, a store's
    // taken earlier: with statistics that do, never reached).
    // A pair that shares only a copy key is a candidate when the two texts
    // are copies indeed: templated texts (results, notices) share bands by
    // the thousand without being copies of one another.
    // Each article's later candidates, one run after another (`starts[i]`
    // is where article i's begin): 4 bytes a pair where `(i, j)` took 8.
    let mut later_of: Vec<u32> = Vec::new();
    let mut starts: Vec<usize> = Vec::with_capacity(prepared.len() + 1);
    let mut later: Vec<u32> = Vec::new();
    let mut copies: Vec<u32> = Vec::new();
    for (i, keys) in own.iter().enumerate() {
        later.clear();
        copies.clear();
        for k in keys {
            let postings = &index[k];
            if postings.len() > POSTINGS_GUARD {
                continue;
            }
            let from = postings.partition_point(|&j| j <= i as u32);
            let to = if is_copy_key(k) {
                &mut copies
            } else {
                &mut later
            };
            to.extend_from_slice(&postings[from..]);
        }
        later.sort_unstable();
        later.dedup();
        copies.sort_unstable();
        copies.dedup();
        let copy_pairs = copies.iter().copied().filter(|j| {
            later.binary_search(j).is_err()
                && are_copies(prepared[i].profile, prepared[*j as usize].profile, w)
        });
        let start = later_of.len();
        starts.push(start);
        later_of.extend(later.iter().copied().chain(copy_pairs));
        later_of[start..].sort_unstable();
    }
    starts.push(later_of.len());
    drop(own);
    drop(index);
    // Room for every candidate at once: growing by doubling would copy
    // the list at its largest, and what is never filled is never touched.
    let mut edges = Edges(Vec::with_capacity(later_of.len()));
    let mut conflicts = Conflicts::default();
    let pairs = starts
        .windows(2)
        .enumerate()
        .flat_map(|(a, w)| later_of[w[0]..w[1]].iter().map(move |&b| (a as u32, b)));
    for (a, b) in pairs {
        let (pa, pb) = (&prepared[a as usize], &prepared[b as usize]);
        if outside_window(pa, pb, w) {
            continue;
        }
        // Evidence against counts too: it lowers the mean of two groups.
        let sim = similarity(pa, pb, stats, w, false);
        if sim.conflict {
            conflicts.insert((a, b));
        }
        if sim.raw != 0.0 {
            edges.push((a, b), sim.raw);
        }
    }
    (edges, conflicts)
}

/// A merge candidate in the heap: the mean score of two groups. 16 bytes:
/// a long run holds tens of millions of them.
#[derive(Debug, PartialEq)]
struct Candidate {
    /// The mean, in f32 (it orders the heap; every candidate pushed was
    /// checked against the threshold in f64 first).
    mean: f32,
    a: u32,
    b: u32,
    /// The sum of the two groups' versions when the mean was computed:
    /// versions only grow, so an equal sum means neither group changed.
    versions: u32,
}

impl Eq for Candidate {}

impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.mean
            .total_cmp(&other.mean)
            .then_with(|| (other.a, other.b).cmp(&(self.a, self.b)))
    }
}

impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The summed scores of each group with the groups it has candidate pairs
/// with, as a list sorted by group: 8 bytes an entry with no spare room,
/// where a hash map per group took some 14 with its empty buckets (every
/// edge is in two lists, the largest structure of a long run: a million
/// articles hold tens of millions of edges). Sums are f32 and each is
/// added to in merge order, so the result does not depend on how the
/// lists are laid out.
#[derive(Debug)]
struct Links(Vec<Vec<(u32, f32)>>);

impl Links {
    /// Each article's edges. The pairs `(a, b)` come sorted with `a < b`,
    /// so article x receives its pairs with smaller articles (in order)
    /// before its pairs with larger ones (in order): each list is sorted
    /// as it is filled.
    fn of(n: usize, edges: &Edges) -> Links {
        let mut degree = vec![0usize; n];
        for &((a, b), _) in &edges.0 {
            degree[a as usize] += 1;
            degree[b as usize] += 1;
        }
        let mut lists: Vec<Vec<(u32, f32)>> = degree.into_iter().map(Vec::with_capacity).collect();
        for &((a, b), s) in &edges.0 {
            lists[a as usize].push((b, s));
            lists[b as usize].push((a, s));
        }
        debug_assert!(lists.iter().all(|l| l.is_sorted_by_key(|e| e.0)));
        Links(lists)
    }

    fn get(&self, a: usize, b: usize) -> Option<f32> {
        let l = &self.0[a];
        l.binary_search_by_key(&(b as u32), |e| e.0)
            .ok()
            .map(|i| l[i].1)
    }

    /// Merges group `b` into group `a` (`a < b`): a's sum with each other
    /// group adds b's, and so does that group's with a. Returns the groups
    /// b was linked to, but a.
    fn merge(&mut self, a: usize, b: usize) -> Vec<u32> {
        let (a32, b32) = (a as u32, b as u32);
        let bl = std::mem::take(&mut self.0[b]);
        let al = std::mem::take(&mut self.0[a]);
        let mut joined = Vec::with_capacity(al.len() + bl.len());
        let (mut i, mut j) = (0, 0);
        while i < al.len() || j < bl.len() {
            let next = match (al.get(i), bl.get(j)) {
                (Some(&(x, s)), Some(&(y, t))) if x == y => {
                    i += 1;
                    j += 1;
                    (x, s + t)
                }
                (Some(&(x, s)), Some(&(y, _))) if x < y => {
                    i += 1;
                    (x, s)
                }
                (Some(&(x, s)), None) => {
                    i += 1;
                    (x, s)
                }
                (_, Some(&(y, t))) => {
                    j += 1;
                    (y, t)
                }
                (None, None) => break,
            };
            if next.0 != a32 && next.0 != b32 {
                joined.push(next);
            }
        }
        joined.shrink_to_fit();
        self.0[a] = joined;
        let mut grown = Vec::with_capacity(bl.len());
        for &(o, _) in &bl {
            if o == a32 {
                continue;
            }
            let ol = &mut self.0[o as usize];
            let Ok(at_b) = ol.binary_search_by_key(&b32, |e| e.0) else {
                continue;
            };
            match ol.binary_search_by_key(&a32, |e| e.0) {
                Ok(at_a) => {
                    ol[at_a].1 += ol[at_b].1;
                    ol.remove(at_b);
                }
                // a < b: a's place is at or before b's; b's entry becomes
                // a's and moves there.
                Err(at_a) => {
                    ol[at_b].0 = a32;
                    ol[at_a..=at_b].rotate_right(1);
                }
            }
            grown.push(o);
        }
        grown
    }
}

/// A merge of average linkage: the group named a took in the group named
/// b (each by its smallest member), whose mean score with it was `mean`.
pub(crate) type Merge = (u32, u32, f32);

/// Average-linkage agglomeration over sparse edges. Groups are named by
/// their smallest member; returns the groups, each sorted, in order of
/// their smallest member, and the merges in the order they were made
/// (`(a, b, mean)`: the group named a took in the group named b, whose
/// mean score with it was `mean`, as the heap ordered it), from which
/// every intermediate group can be told (what an incremental run checks
/// its re-grouped articles against, see `incremental.rs`).
pub(crate) fn average_linkage(
    sorted: &[&Profile],
    edges: &Edges,
    threshold: f64,
    w: &Weights,
) -> (Vec<Vec<u32>>, Vec<Merge>) {
    let n = sorted.len();
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    // What each group of two or more articles says as a group
    // (`groups.rs`); a lone article's is made from its profile when it
    // joins one (a group that never grew is its own article).
    let mut evidence: Vec<Option<GroupEvidence>> = vec![None; n];
    let mut links = Links::of(n, edges);
    let mut version = vec![0u32; n];
    let mut alive = vec![true; n];
    let mut heap = BinaryHeap::new();
    let mut merges: Vec<Merge> = Vec::new();
    let mean = |sum: f32, x: usize, y: usize| f64::from(sum) / (x * y) as f64;
    for (a, l) in links.0.iter().enumerate() {
        for &(b, s) in l {
            let s = f64::from(s);
            if (a as u32) < b && s >= threshold {
                heap.push(Candidate {
                    mean: s as f32,
                    a: a as u32,
                    b,
                    versions: 0,
                });
            }
        }
    }
    let versions = |version: &[u32], a: usize, b: usize| version[a].wrapping_add(version[b]);
    while let Some(c) = heap.pop() {
        let (a, b) = (c.a as usize, c.b as usize);
        if !alive[a] || !alive[b] {
            continue;
        }
        if versions(&version, a, b) != c.versions {
            // A group grew since: the mean fell, unless the sum grew too
            // (then an exact entry was pushed). The stale mean bounds the
            // true one from above, so the true one goes back in the heap
            // and the pair is taken when it is the best.
            let Some(sum) = links.get(a, b) else {
                continue;
            };
            let m = mean(sum, members[a].len(), members[b].len());
            if m >= threshold {
                heap.push(Candidate {
                    mean: m as f32,
                    a: c.a,
                    b: c.b,
                    versions: versions(&version, a, b),
                });
            }
            continue;
        }
        // Two groups that say, as groups, that they are two events stay
        // apart (a lone article has no such say: both are `None`).
        if let (Some(x), Some(y)) = (&evidence[a], &evidence[b])
            && x.apart(y, w)
        {
            continue;
        }
        // Merge b into a (a < b: the group keeps its smallest member's name).
        let mut joined = evidence[a]
            .take()
            .unwrap_or_else(|| GroupEvidence::of(sorted[a]));
        joined.absorb(
            evidence[b]
                .take()
                .unwrap_or_else(|| GroupEvidence::of(sorted[b])),
        );
        evidence[a] = Some(joined);
        alive[b] = false;
        merges.push((c.a, c.b, c.mean));
        let moved = std::mem::take(&mut members[b]);
        members[a].extend(moved);
        let grown = links.merge(a, b);
        version[a] += 1;
        // Only the groups b linked to can have a higher mean with a now;
        // with the others it fell, and their entries are corrected when
        // they come out of the heap (above).
        for o in grown {
            let o = o as usize;
            let s = links.get(a, o).unwrap_or(0.0);
            let m = mean(s, members[a].len(), members[o].len());
            if m >= threshold {
                let (x, y) = (a.min(o), a.max(o));
                heap.push(Candidate {
                    mean: m as f32,
                    a: x as u32,
                    b: y as u32,
                    versions: versions(&version, x, y),
                });
            }
        }
    }
    let mut out: Vec<Vec<u32>> = members
        .into_iter()
        .zip(alive)
        .filter(|(_, alive)| *alive)
        .map(|(mut m, _)| {
            m.sort_unstable();
            m
        })
        .collect();
    out.sort_by_key(|m| m[0]);
    (out, merges)
}

/// Consolidation: an article left alone joins the group with which its
/// mean score is highest, when that mean is at least `threshold` (lower
/// than the merge threshold: one short article shares little with each
/// report, but something with most), unless its dates, or its whole
/// score, speak against one of the group's articles (another event). Every decision is taken against the
/// groups as linkage left them, so the order of decisions does not matter.
fn attach_singletons(
    clusters: &mut Vec<Vec<u32>>,
    edges: &Edges,
    conflicts: &Conflicts,
    threshold: f64,
) {
    let mut group_of: FxHashMap<u32, usize> = FxHashMap::default();
    for (g, members) in clusters.iter().enumerate() {
        for &m in members {
            group_of.insert(m, g);
        }
    }
    // Sum of scores with each group, and whether any pair speaks against.
    let mut sums: Vec<FxHashMap<usize, (f64, bool)>> = vec![FxHashMap::default(); clusters.len()];
    for ((a, b), s) in edges.iter() {
        let (ga, gb) = (group_of[&a], group_of[&b]);
        for (alone, group) in [(ga, gb), (gb, ga)] {
            if clusters[alone].len() == 1 && clusters[group].len() > 1 {
                let e = sums[alone].entry(group).or_default();
                e.0 += s;
                e.1 |= conflicts.contains(&(a, b));
            }
        }
    }
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for (g, to) in sums.iter().enumerate() {
        let best = best_group(
            to.iter()
                .filter(|(_, (_, against))| !against)
                .map(|(&h, &(sum, _))| (h, sum / clusters[h].len() as f64)),
            threshold,
        );
        if let Some(h) = best {
            moves.push((g, h));
        }
    }
    for &(g, h) in &moves {
        let m = clusters[g][0];
        clusters[h].push(m);
        clusters[g].clear();
    }
    clusters.retain(|c| !c.is_empty());
    for c in clusters.iter_mut() {
        c.sort_unstable();
    }
    clusters.sort_by_key(|c| c[0]);
}

/// The group a lone article joins, of `(group, mean score)` (groups with
/// evidence against left out): the highest mean, if at least `threshold`;
/// of equal means, the smallest group (groups order as their smallest
/// articles do).
pub(crate) fn best_group<G: Ord + Copy>(
    means: impl Iterator<Item = (G, f64)>,
    threshold: f64,
) -> Option<G> {
    means
        .max_by(|x, y| x.1.total_cmp(&y.1).then_with(|| y.0.cmp(&x.0)))
        .filter(|(_, mean)| *mean >= threshold)
        .map(|(g, _)| g)
}

/// One event built from its articles alone (sorted by `article_order`),
/// as [`group`] builds it: with the edges between them, and for a lone
/// article the nearest article it scores `cut` or more with. Returns the
/// event (no storyline), its head and its facts.
pub(crate) fn event_of(
    members: &[&Profile],
    near: Option<&Profile>,
    stats: &Stats,
    w: &Weights,
) -> (Event, EventHead, EventFacts) {
    let mut prepared: Vec<Prepared> = members.iter().map(|p| Prepared::new(p, stats)).collect();
    let (edges, _) = candidate_edges(&prepared, stats, w);
    let n = members.len() as u32;
    let mut nearest: Vec<Option<(u32, f64)>> = vec![None; members.len()];
    if let Some(p) = near
        && members.len() == 1
    {
        prepared.push(Prepared::new(p, stats));
        nearest[0] = Some((n, 0.0));
    }
    let positions: Vec<u32> = (0..n).collect();
    let head = EventHead::of(&positions, &prepared, &edges);
    let event = build_event(&positions, &head, &prepared, &edges, &nearest, stats, w);
    let facts = EventFacts::of(&positions, &prepared[..members.len()]);
    (event, head, facts)
}

/// The id derived from a smallest member id.
fn derived_id(prefix: &str, id: &str) -> String {
    format!("{prefix}{:016x}", stable_hash(id.as_bytes(), 0))
}

fn build_event(
    members: &[u32],
    head: &EventHead,
    prepared: &[Prepared],
    edges: &Edges,
    nearest: &[Option<(u32, f64)>],
    stats: &Stats,
    w: &Weights,
) -> Event {
    let profile = |i: u32| prepared[i as usize].profile;
    let edge = |a: u32, b: u32| edges.get(&(a.min(b), a.max(b))).unwrap_or(0.0);

    // Earliest first: by the article's own date, then id.
    let mut by_time: Vec<u32> = members.to_vec();
    by_time
        .sort_by(|&a, &b| date_order(&profile(a).date, &profile(b).date).then_with(|| a.cmp(&b)));
    let mut copy_of: FxHashMap<u32, u32> = FxHashMap::default();
    let mut originals: Vec<u32> = Vec::new();
    for &i in &by_time {
        let p = profile(i);
        let original = originals.iter().copied().find(|&o| {
            let q = profile(o);
            q.language == p.language && are_copies(p, q, w)
        });
        match original {
            Some(o) => {
                copy_of.insert(i, o);
            }
            None => originals.push(i),
        }
    }

    let articles: Vec<EventArticle> = by_time
        .iter()
        .map(|&i| {
            let p = profile(i);
            let alone_with = (members.len() == 1)
                .then(|| nearest[i as usize])
                .flatten()
                .map(|(j, _)| j);
            let closest = members
                .iter()
                .copied()
                .filter(|&j| j != i)
                .max_by(|&x, &y| edge(i, x).total_cmp(&edge(i, y)).then_with(|| y.cmp(&x)))
                .or(alone_with);
            let mut raw = 0.0;
            let why = closest.map(|j| {
                let s = similarity(&prepared[i as usize], &prepared[j as usize], stats, w, true);
                raw = s.raw;
                Match {
                    with: profile(j).id.clone(),
                    score: round(s.score),
                    signals: s
                        .signals
                        .into_iter()
                        .map(|mut sig| {
                            sig.weight = round(sig.weight);
                            sig
                        })
                        .collect(),
                }
            });
            let copy = copy_of.get(&i).map(|&o| profile(o).id.clone());
            let role = if copy.is_some() {
                "copy"
            } else if originals.first() == Some(&i) {
                "first"
            } else {
                "report"
            };
            EventArticle {
                id: p.id.clone(),
                source: p.source.clone(),
                copy_of: copy,
                role: role.to_string(),
                title: p.title.clone(),
                language: p.language.clone(),
                published: p.published.clone(),
                alone: (members.len() == 1).then(|| match &why {
                    Some(m) => {
                        let (merge, single) = w.thresholds(Mode::of(&prepared[i as usize]));
                        format!(
                            "its nearest article, {}, scores {} (evidence {}): two articles \
                             make an event from evidence {merge}, and an article joins an \
                             event from evidence {single} on average with its articles, \
                             when no date speaks against",
                            m.with,
                            m.score,
                            round(raw)
                        )
                    }
                    None => {
                        let (_, single) = w.thresholds(Mode::of(&prepared[i as usize]));
                        format!(
                            "no other article scores evidence {single} or more with it (what an \
                             article needs to join an event), or shares a rare word, an entity \
                             or a day with it inside the time window"
                        )
                    }
                }),
                why,
            }
        })
        .collect();

    let (entities, places) = event_entities(members, prepared);
    Event {
        id: head.id.clone(),
        date: head.date.clone(),
        date_estimated: head.date_estimated,
        date_evidence: head.date_evidence.clone(),
        title: head.title.clone(),
        storyline: None,
        independent_sources: originals.len(),
        articles,
        entities,
        places,
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The best-supported date of an event: the date most of its articles give
/// as their own (publication or stated event date), the day first; when
/// none does, the day their texts give most often, marked as estimated.
fn event_date(members: &[u32], prepared: &[Prepared]) -> (Option<String>, bool, Vec<String>) {
    let mut stated: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    let mut texts: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for &i in members {
        let p = prepared[i as usize].profile;
        if let Some(d) = &p.date {
            let bucket = if p.date_stated {
                &mut stated
            } else {
                &mut texts
            };
            bucket.entry(d.clone()).or_default().push(p.id.as_str());
        }
    }
    fn best<'a>(m: &BTreeMap<String, Vec<&'a str>>) -> Option<(String, Vec<&'a str>)> {
        m.iter()
            .max_by(|a, b| {
                (a.1.len(), a.0.len())
                    .cmp(&(b.1.len(), b.0.len()))
                    .then_with(|| b.0.cmp(a.0))
            })
            .map(|(d, ids)| (d.clone(), ids.clone()))
    }
    let describe = |d: &str, ids: &[&str], how: &str| {
        let shown: Vec<&str> = ids.iter().take(5).copied().collect();
        format!(
            "{} article(s) {how} {d}: {}{}",
            ids.len(),
            shown.join(", "),
            if ids.len() > 5 { ", …" } else { "" }
        )
    };
    if let Some((d, ids)) = best(&stated) {
        let mut evidence = vec![describe(&d, &ids, "dated")];
        for (other, ids) in stated.iter().filter(|(o, _)| **o != d).take(3) {
            evidence.push(describe(other, ids, "dated"));
        }
        return (Some(d), false, evidence);
    }
    if let Some((d, ids)) = best(&texts) {
        return (
            Some(d.clone()),
            true,
            vec![describe(&d, &ids, "whose text gives")],
        );
    }
    (None, false, Vec::new())
}

/// People and organizations, and places, most reported first.
fn event_entities(members: &[u32], prepared: &[Prepared]) -> (Vec<String>, Vec<String>) {
    let mut counts: BTreeMap<&str, (EntityKind, &str, usize, u32)> = BTreeMap::new();
    for &i in members {
        for (k, e) in &prepared[i as usize].profile.entities {
            let c = counts
                .entry(k.as_str())
                .or_insert((e.kind, e.name.as_str(), 0, 0));
            c.2 += 1;
            c.3 = c.3.saturating_add(e.mentions);
        }
    }
    let mut ranked: Vec<_> = counts.into_values().collect();
    ranked.sort_by(|a, b| (b.2, b.3).cmp(&(a.2, a.3)).then_with(|| a.1.cmp(b.1)));
    let pick = |kinds: &[EntityKind], n: usize| {
        ranked
            .iter()
            .filter(|e| kinds.contains(&e.0))
            .take(n)
            .map(|e| e.1.to_string())
            .collect::<Vec<_>>()
    };
    (
        pick(&[EntityKind::Person, EntityKind::Organization], 12),
        pick(&[EntityKind::Place], 8),
    )
}

/// An event's term centroid: unit length, sorted by term.
pub type Centroid = Vec<(Term, f64)>;

/// What storylines need of an event: its principal actors (people and
/// organizations reported by a third of its articles, by folded name, with
/// the name as printed), its term centroid and its size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct EventFacts {
    pub actors: Vec<(String, String)>,
    /// Unit-length sum of the members' term weights, by term (empty for
    /// an event without principal actors, which no subject link needs).
    /// An incremental state keeps it apart (see `EventState`): a state
    /// saved before it did holds it here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub centroid: Centroid,
    pub size: usize,
}

impl EventFacts {
    fn of(members: &[u32], prepared: &[Prepared]) -> EventFacts {
        let mut count: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
        for &i in members {
            for (k, e) in &prepared[i as usize].profile.entities {
                if matches!(e.kind, EntityKind::Person | EntityKind::Organization) {
                    let c = count.entry(k.as_str()).or_insert((0, e.name.as_str()));
                    c.0 += 1;
                }
            }
        }
        let need = members.len().div_ceil(3).max(1);
        let actors: Vec<(String, String)> = count
            .into_iter()
            .filter(|(_, c)| c.0 >= need)
            .map(|(k, (_, name))| (k.to_string(), name.to_string()))
            .collect();
        // Only an event with principal actors is ever compared by subject.
        let mut centroid: Vec<(Term, f64)> = Vec::new();
        if !actors.is_empty() {
            let mut c: BTreeMap<&str, (&Term, f64)> = BTreeMap::new();
            for &i in members {
                let p = &prepared[i as usize];
                for (t, &x) in p.profile.terms.terms().iter().zip(&p.weights) {
                    if x > 0.0 {
                        c.entry(&**t).or_insert((t, 0.0)).1 += x;
                    }
                }
            }
            let norm = c.values().map(|(_, x)| x * x).sum::<f64>().sqrt();
            centroid = c
                .into_values()
                .map(|(t, x)| (t.clone(), if norm > 0.0 { x / norm } else { x }))
                .collect();
        }
        EventFacts {
            actors,
            centroid,
            size: members.len(),
        }
    }
}

/// Storylines of events (their heads and facts, in one order), and the
/// storyline id of each event in that order. An actor held by more than
/// [`MAX_POSTINGS`] events links none of them; `too_common` tells which
/// are, when the events are a part of all (those whose storylines are
/// linked again).
pub(crate) fn storylines(
    events: &[EventHead],
    facts: &[&EventFacts],
    too_common: Option<&dyn Fn(&str) -> bool>,
) -> (Vec<Storyline>, Vec<String>) {
    let mut storyline_of: Vec<String> = vec![String::new(); events.len()];
    let mut by_actor: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (e, f) in facts.iter().enumerate() {
        for (k, _) in &f.actors {
            by_actor.entry(k).or_default().push(e);
        }
    }
    let mut parent: Vec<usize> = (0..events.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    // Pairs of events sharing an actor, once per actor they share (a sorted
    // list: runs of one pair count its shared actors).
    let mut shared: Vec<(u32, u32)> = Vec::new();
    for (actor, list) in &by_actor {
        let common = match too_common {
            Some(f) => f(actor),
            None => list.len() > MAX_POSTINGS,
        };
        if common {
            continue;
        }
        for (x, &a) in list.iter().enumerate() {
            for &b in &list[x + 1..] {
                shared.push((a.min(b) as u32, a.max(b) as u32));
            }
        }
    }
    shared.sort_unstable();
    for run in shared.chunk_by(|x, y| x == y) {
        let (a, b) = (run[0].0 as usize, run[0].1 as usize);
        let n = run.len();
        let linked = n >= 2 || {
            let (x, y) = (&facts[a].centroid, &facts[b].centroid);
            let cos: f64 = x
                .iter()
                .filter_map(|(t, v)| {
                    y.binary_search_by(|(u, _)| u.as_ref().cmp(t.as_ref()))
                        .ok()
                        .map(|j| y[j].1 * v)
                })
                .sum();
            cos >= STORY_SUBJECT
        };
        if linked {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for e in 0..events.len() {
        let r = root(&mut parent, e);
        groups.entry(r).or_default().push(e);
    }
    let mut out = Vec::new();
    for members in groups.values() {
        let smallest = members
            .iter()
            .map(|&e| events[e].id.as_str())
            .min()
            .unwrap_or_default()
            .to_string();
        let id = derived_id("s-", &smallest);
        for &e in members {
            storyline_of[e] = id.clone();
        }
        let mut ordered: Vec<&EventHead> = members.iter().map(|&e| &events[e]).collect();
        ordered.sort_by(|a, b| date_order(&a.date, &b.date).then_with(|| a.id.cmp(&b.id)));
        let biggest = members
            .iter()
            .max_by(|&&a, &&b| {
                facts[a]
                    .size
                    .cmp(&facts[b].size)
                    .then_with(|| events[b].id.cmp(&events[a].id))
            })
            .map(|&e| events[e].title.clone())
            .unwrap_or_default();
        let mut common: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
        for &e in members {
            for (k, name) in &facts[e].actors {
                common.entry(k).or_insert((0, name.as_str())).0 += 1;
            }
        }
        let mut names: Vec<(usize, String)> = common
            .into_values()
            .filter(|(c, _)| *c >= 2 || members.len() == 1)
            .map(|(c, name)| (c, name.to_string()))
            .collect();
        names.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        out.push(Storyline {
            id,
            title: biggest,
            entities: names.into_iter().take(10).map(|(_, n)| n).collect(),
            events: ordered.iter().map(|e| e.id.clone()).collect(),
        });
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    (out, storyline_of)
}

#[cfg(test)]
mod links_tests {
    use super::{Edges, Links};
    use proptest::prelude::*;
    use std::collections::BTreeMap;

    proptest! {
        /// Merging sorted lists gives what a map per group gives: the same
        /// sums (added in the same order), each list sorted, and the groups
        /// b was linked to.
        #[test]
        fn links_merge_as_maps_do(
            n in 2usize..12,
            raw_edges in proptest::collection::btree_map((0u32..12, 0u32..12), 0.0f32..1.0, 0..40),
            merges in proptest::collection::vec((0usize..12, 0usize..12), 0..12),
        ) {
            let edges = Edges(
                raw_edges
                    .into_iter()
                    .filter(|&((a, b), _)| a < b && (b as usize) < n)
                    .collect(),
            );
            let mut links = Links::of(n, &edges);
            let mut model: Vec<BTreeMap<u32, f32>> = vec![BTreeMap::new(); n];
            for &((a, b), s) in &edges.0 {
                model[a as usize].insert(b, s);
                model[b as usize].insert(a, s);
            }
            let mut alive = vec![true; n];
            for (x, y) in merges {
                let (a, b) = (x.min(y) % n, x.max(y) % n);
                if a >= b || !alive[a] || !alive[b] {
                    continue;
                }
                let grown = links.merge(a, b);
                alive[b] = false;
                let bl = std::mem::take(&mut model[b]);
                model[a].remove(&(b as u32));
                let mut expected = Vec::new();
                for (o, s) in bl {
                    if o as usize == a {
                        continue;
                    }
                    *model[a].entry(o).or_default() += s;
                    let moved = model[o as usize].remove(&(b as u32)).unwrap_or(0.0);
                    *model[o as usize].entry(a as u32).or_default() += moved;
                    expected.push(o);
                }
                prop_assert_eq!(grown, expected);
                for (g, m) in model.iter().enumerate() {
                    let want: Vec<(u32, f32)> = m.iter().map(|(&k, &v)| (k, v)).collect();
                    prop_assert_eq!(&links.0[g], &want);
                }
            }
        }
    }
}
