//! Events kept up to date as articles arrive: the state a store persists
//! between ingests.
//!
//! [`EventState`] holds the candidate index (the [`index_keys`] of every
//! article), the linkage groups average linkage made (each with the merges
//! that made it), which lone article joined which group, and the events.
//! [`EventState::add`] re-groups a *region*: the new articles and the
//! groups they can change; every other group, and its event, stays as it
//! was. The events after any sequence of `add`s (and `remove`s) are those
//! one [`group`](crate::group) over all the articles gives, with the same
//! statistics and weights (frozen in the state: the store refreshes them
//! when it re-indexes, and then re-groups everything).
//!
//! # Why a region is enough
//! Average linkage changes the groups only by merging two of them, and a
//! pair of groups that does not merge changes nothing (a veto or a stale
//! heap entry is skipped). The region (the new articles, and the groups a
//! removal changes) is grouped alone, and every group the linkage formed
//! on the way inside it (each article alone, each merge) is checked
//! against those recorded of the groups outside: a pair of them whose
//! mean score reaches the merge threshold could merge in one run, unless
//! one of the two is sure to be gone first: taken into a larger group at
//! a higher mean, its partner made by merges all at higher means (then,
//! while it lives, a pair of its own linkage with a higher mean is in the
//! heap: see `Dendrogram::gone_before`). An outside group with such a pair is
//! taken into the region, which is grouped again, until none is left;
//! then no merge crosses in one run either (the first would have to join
//! two such groups), and one run makes inside the region the merges the
//! region makes alone, and outside the merges recorded. A region that
//! keeps growing (or a large one) takes in instead every group it has a
//! pair of evidence at the threshold with, until none is left: a mean is
//! at most the best pair. Components of the candidate graph bound a run
//! the same way, but in a large store one component holds most articles:
//! of 20,000 generated articles, one added re-groups 1 to 23.
//!
//! A lone article then joins the group with the best mean score, which
//! depends on the linkage groups it has edges with: those of the region's
//! lone articles are decided again, and those of lone articles outside
//! with an edge to the region (of evidence enough to join). An event is a
//! linkage group with the lone articles that joined it, or a lone article
//! that joined none (whose explanation names its nearest article). The
//! events whose articles or explanation changed are reported. Storylines
//! are linked again over all events after each change (from each event's
//! principal actors and term centroid: per event, not per article).
//!
//! A state saved before linkage groups were kept (components of the
//! candidate graph and their events) is read, and re-grouped whole at its
//! first change.
//!
//! # Profiles live outside the state
//! The articles' profiles are most of what the state knows, and one add
//! reads only those of the articles it compares. So the state keeps them
//! in a cache, and reads the others through a [`StateSource`] (the
//! store's profiles table; a [`BTreeMap`] of profiles in memory). The
//! profiles an update adds are [`EventState::take_unsaved`] for the caller
//! to save, and [`EventState::evict`] empties the cache: the serialised
//! state then holds the groups, the events and the storylines only. The
//! index's postings and the events' term centroids (half of what an
//! event's record held; storylines compare them for the events they link
//! again only) live outside the same way. A state serialised with its
//! profiles, index or centroids (an older store) loads as before, those
//! unsaved.

use std::collections::{BTreeMap, BTreeSet};

use herald_model::{Event, Storyline};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::events::{
    Centroid, Edges, EventFacts, EventHead, MAX_POSTINGS, Merge, POSTINGS_GUARD, are_copies,
    average_linkage, best_group, component_cut, decide_all, event_of, index_keys, is_copy_key,
    outside_window, storylines,
};
use crate::profile::{Profile, Stats, stable_hash};
use crate::similarity::{Mode, Prepared, Weights, similarity};

/// A group average linkage made, or an article it left alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct LinkGroup {
    /// Article ids, sorted; the group is named by the first.
    members: Vec<String>,
    /// The merges that made it, in order: `(a, b, mean)`, indexes into
    /// `members`: the group named by a took in the group named by b, at
    /// that mean score.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    merges: Vec<Merge>,
    /// An article left alone: the group it joined, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    joined: Option<String>,
    /// A group of two or more: the lone articles that joined it, sorted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    joiners: Vec<String>,
}

impl LinkGroup {
    /// The articles of its event: its members and those that joined it.
    fn event_articles(&self) -> Vec<String> {
        let mut all: Vec<String> = self.members.iter().chain(&self.joiners).cloned().collect();
        all.sort();
        all
    }
}

/// What the state keeps of an event: enough to tell whether a re-grouping
/// changed it and to link storylines. The event itself is reported in the
/// [`Update`] that made it, for the store to keep.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct EventSlot {
    head: EventHead,
    /// Its articles' ids, sorted.
    articles: Vec<String>,
    /// Its smallest article, by id then source (`article_order`).
    first: (String, String),
    storyline: Option<String>,
    facts: EventFacts,
    /// A hash of the event as built (storyline aside): a re-built event
    /// with the same is not reported.
    #[serde(default)]
    digest: u64,
}

impl EventSlot {
    fn of(e: &Event, head: EventHead, facts: EventFacts) -> EventSlot {
        EventSlot {
            head,
            articles: article_ids(e),
            first: e
                .articles
                .iter()
                .map(|a| (a.id.clone(), a.source.clone()))
                .min()
                .unwrap_or_default(),
            storyline: None,
            facts,
            digest: digest(e),
        }
    }
}

/// The hash of an event as built, its storyline aside.
fn digest(e: &Event) -> u64 {
    let mut e = e.clone();
    e.storyline = None;
    let bytes = serde_json::to_vec(&e).unwrap_or_default();
    stable_hash(&bytes, 7)
}

/// One connected component of the candidate graph and its events, as a
/// state saved before linkage groups holds them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(from = "ComponentRecord")]
struct Component {
    slots: Vec<LegacySlot>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
struct LegacySlot {
    head: EventHead,
    articles: Vec<String>,
}

/// A legacy component as saved: a state saved before events left it
/// holds them whole (`events`).
#[derive(Deserialize)]
struct ComponentRecord {
    #[serde(default)]
    slots: Vec<LegacySlot>,
    #[serde(default)]
    events: Vec<Event>,
}

impl From<ComponentRecord> for Component {
    fn from(r: ComponentRecord) -> Component {
        let mut slots = r.slots;
        slots.extend(r.events.iter().map(|e| LegacySlot {
            head: EventHead::from_event(e),
            articles: article_ids(e),
        }));
        Component { slots }
    }
}

/// Rounds of grouping a region alone and checking what it reaches before
/// all articles are grouped again instead.
const CHECKED_ROUNDS: usize = 8;
/// Articles of a region beyond which they are at once.
const CHECKED_REGION: usize = 20_000;
/// Pairs across summed, at most, to check what one region reaches.
const CHECK_BUDGET: usize = 40_000_000;
/// A batch of at least 1/ALL_AT_ONCE of the articles groups all again: the
/// region it reaches would be most of them.
const ALL_AT_ONCE: usize = 4;

/// A scored candidate pair seen from one article: the other article, the
/// score, and whether its dates speak against one event.
type Edge = (String, f32, bool);

/// What an [`EventState::add`] changed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Update {
    /// Ids of the articles added.
    pub added: Vec<String>,
    /// Ids of articles given again (same id): not added twice.
    pub known: Vec<String>,
    /// Events that are new or whose articles changed, by id.
    pub changed: Vec<Event>,
    /// Ids of events that no longer exist (merged into another).
    pub removed: Vec<String>,
    /// Articles whose profiles were compared to re-group the touched
    /// components (new ones included).
    pub reexamined: usize,
}

/// Why the profiles of stored articles could not be read.
pub type SourceError = Box<dyn std::error::Error + Send + Sync>;

/// Where the parts of an [`EventState`] kept outside it are read: the
/// articles' profiles and the candidate index's postings.
pub trait StateSource {
    /// The profiles of these articles that it holds (any order).
    fn profiles(&self, ids: &[&str]) -> Result<Vec<Profile>, SourceError>;
    /// The saved postings of `key`: the ids of the articles holding it, at
    /// most `limit` of them.
    fn posting(&self, key: &str, limit: usize) -> Result<Vec<String>, SourceError>;
    /// The saved term centroids of these events, by event id (any order).
    fn centroids(&self, ids: &[&str]) -> Result<Vec<(String, Centroid)>, SourceError>;
}

/// Profiles held in memory, and no saved postings (a state whose cache is
/// never evicted needs no other source: an empty map does).
impl StateSource for BTreeMap<String, Profile> {
    fn profiles(&self, ids: &[&str]) -> Result<Vec<Profile>, SourceError> {
        Ok(ids.iter().filter_map(|id| self.get(*id).cloned()).collect())
    }

    fn posting(&self, _key: &str, _limit: usize) -> Result<Vec<String>, SourceError> {
        Ok(Vec::new())
    }

    fn centroids(&self, _ids: &[&str]) -> Result<Vec<(String, Centroid)>, SourceError> {
        Ok(Vec::new())
    }
}

/// A state read back from where it was saved finds its postings there.
fn postings_in_source() -> bool {
    true
}

/// Postings added and removed since they were last handed over, as
/// (key, article id).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PostingChanges {
    pub added: Vec<(String, String)>,
    pub removed: Vec<(String, String)>,
}

/// A profile the state needs and its source does not have.
#[derive(Debug, thiserror::Error)]
#[error("the profile of article {0} is missing from the store")]
pub struct MissingProfile(pub String);

/// An event's term centroid the state needs and its source does not have.
#[derive(Debug, thiserror::Error)]
#[error("the term centroid of event {0} is missing from the store")]
pub struct MissingCentroid(pub String);

/// Event centroids to save (new, or of an event built again) and to
/// delete (their events are gone), by event id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CentroidChanges {
    pub put: Vec<(String, Centroid)>,
    pub dropped: Vec<String>,
}

/// Events of the articles seen so far; serialisable.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventState {
    stats: Stats,
    weights: Weights,
    /// Profiles read or added since the last [`EventState::evict`].
    #[serde(default)]
    profiles: BTreeMap<String, Profile>,
    /// Ids of the cached profiles the caller has not saved yet.
    #[serde(skip)]
    unsaved: BTreeSet<String>,
    /// Index key -> article ids holding it (at most one more than
    /// `POSTINGS_GUARD` of them when read from the source): the keys read
    /// or written since the last [`EventState::evict`].
    #[serde(default)]
    index: BTreeMap<String, Vec<String>>,
    /// Postings not handed over yet.
    #[serde(skip)]
    postings_unsaved: PostingChanges,
    /// Whether postings outside the cache are in the source: not for a
    /// new state (the source may hold another state's), once evicted or
    /// read back.
    #[serde(skip, default = "postings_in_source")]
    postings_in_source: bool,
    /// Article id -> the name of its linkage group.
    #[serde(default)]
    group_of: BTreeMap<String, String>,
    /// Linkage groups by name (their smallest article id).
    #[serde(default)]
    groups: BTreeMap<String, LinkGroup>,
    /// Events by the name of their linkage group (their facts without
    /// the centroid, which is in `centroids` or the source).
    #[serde(default)]
    events: BTreeMap<String, EventSlot>,
    /// Term centroids of events (by event id) read or made since the
    /// last [`EventState::evict`]: storylines need those of the events
    /// they link again only.
    #[serde(default)]
    centroids: BTreeMap<String, Centroid>,
    /// Ids of events whose centroid changed (or is gone) since it was last
    /// handed over.
    #[serde(skip)]
    centroids_unsaved: BTreeSet<String>,
    /// Articles compared in each [`Mode`] (by [`mode_index`]): the run's
    /// mode is the highest with any.
    #[serde(default)]
    modes: [usize; 3],
    storylines: Vec<Storyline>,
    /// What storylines are linked again with (see [`Links`]).
    #[serde(skip)]
    links: Option<Links>,
    /// A state saved before linkage groups: its articles' components, and
    /// their events (re-grouped whole at the first change).
    #[serde(default, skip_serializing)]
    component_of: BTreeMap<String, String>,
    #[serde(default, skip_serializing)]
    components: BTreeMap<String, Component>,
}

/// What storylines are linked again with: the events of each principal
/// actor, each event's name (its linkage group's) by id, and what changed
/// since they were last linked.
#[derive(Debug, Clone, Default)]
struct Links {
    by_actor: BTreeMap<String, BTreeSet<String>>,
    anchor_of: FxHashMap<String, String>,
    /// Events put in (built again, or new).
    changed: BTreeSet<String>,
    /// Storylines that held an event taken out.
    stale: BTreeSet<String>,
    /// How many events held each actor touched, before it was.
    before: BTreeMap<String, usize>,
}

/// Where a mode's count is kept.
fn mode_index(m: Mode) -> usize {
    match m {
        Mode::Words => 0,
        Mode::Meaning => 1,
        Mode::Centred => 2,
    }
}

/// What one re-grouping starts from.
#[derive(Default)]
struct Seeds {
    /// Groups whose linkage must be made again.
    region: BTreeSet<String>,
    /// Articles to group with them (new ones; every one of a state being
    /// upgraded).
    added: Vec<String>,
    /// Lone articles whose choice of group must be made again.
    decide: BTreeSet<String>,
    /// Groups whose event must be built again.
    dirty: BTreeSet<String>,
    /// Events taken out, by id, with their digests.
    old: BTreeMap<String, u64>,
    /// Whether every article is grouped again (the mode changed, or the
    /// state is upgraded).
    all: bool,
}

impl EventState {
    /// An empty state that weighs terms with `stats` and groups with `w`.
    pub fn new(stats: Stats, weights: Weights) -> EventState {
        EventState {
            stats,
            weights,
            profiles: BTreeMap::new(),
            unsaved: BTreeSet::new(),
            index: BTreeMap::new(),
            postings_unsaved: PostingChanges::default(),
            postings_in_source: false,
            group_of: BTreeMap::new(),
            groups: BTreeMap::new(),
            events: BTreeMap::new(),
            centroids: BTreeMap::new(),
            centroids_unsaved: BTreeSet::new(),
            modes: [0; 3],
            storylines: Vec::new(),
            links: None,
            component_of: BTreeMap::new(),
            components: BTreeMap::new(),
        }
    }

    /// How many articles the state knows.
    pub fn articles(&self) -> usize {
        self.group_of.len() + self.component_of.len()
    }

    fn knows(&self, id: &str) -> bool {
        self.group_of.contains_key(id) || self.component_of.contains_key(id)
    }

    /// The profiles added (or loaded with an older state) that the caller
    /// has not saved yet, handed over once.
    pub fn take_unsaved(&mut self) -> Vec<Profile> {
        let ids = std::mem::take(&mut self.unsaved);
        ids.iter()
            .filter_map(|id| self.profiles.get(id).cloned())
            .collect()
    }

    /// The postings added and removed since the last call, handed over
    /// once.
    pub fn take_unsaved_postings(&mut self) -> PostingChanges {
        std::mem::take(&mut self.postings_unsaved)
    }

    /// The event centroids made or dropped since the last call, handed
    /// over once.
    pub fn take_unsaved_centroids(&mut self) -> CentroidChanges {
        let mut changes = CentroidChanges::default();
        for id in std::mem::take(&mut self.centroids_unsaved) {
            match self.centroids.get(&id) {
                Some(c) => changes.put.push((id, c.clone())),
                None => changes.dropped.push(id),
            }
        }
        changes
    }

    /// Marks every cached profile, posting and centroid unsaved (a state
    /// that was serialised with them, before they had a place of their
    /// own).
    pub fn mark_cached_unsaved(&mut self) {
        for slot in self.events.values_mut() {
            let c = std::mem::take(&mut slot.facts.centroid);
            if !c.is_empty() {
                self.centroids.insert(slot.head.id.clone(), c);
            }
        }
        self.centroids_unsaved = self.centroids.keys().cloned().collect();
        self.unsaved = self.profiles.keys().cloned().collect();
        self.postings_unsaved.added = self
            .index
            .iter()
            .flat_map(|(k, ids)| ids.iter().map(move |id| (k.clone(), id.clone())))
            .collect();
    }

    /// Empties the caches of profiles, postings and centroids (saved ones
    /// only: what is unsaved stays).
    pub fn evict(&mut self) {
        let unsaved = &self.unsaved;
        self.profiles.retain(|id, _| unsaved.contains(id));
        let unsaved = &self.centroids_unsaved;
        self.centroids.retain(|id, _| unsaved.contains(id));
        let keys: BTreeSet<&str> = self
            .postings_unsaved
            .added
            .iter()
            .chain(&self.postings_unsaved.removed)
            .map(|(k, _)| k.as_str())
            .collect();
        self.index.retain(|k, _| keys.contains(k.as_str()));
        self.postings_in_source = true;
    }

    /// Reads the postings of `keys` that are not cached from `src`.
    fn load_postings<'k>(
        &mut self,
        src: &dyn StateSource,
        keys: impl IntoIterator<Item = &'k String>,
    ) -> Result<(), SourceError> {
        for k in keys {
            if !self.index.contains_key(k) {
                let ids = if self.postings_in_source {
                    src.posting(k, POSTINGS_GUARD + 1)?
                } else {
                    Vec::new()
                };
                self.index.insert(k.clone(), ids);
            }
        }
        Ok(())
    }

    /// Reads the profiles of `ids` that are not cached from `src`.
    fn load<'i>(
        &mut self,
        src: &dyn StateSource,
        ids: impl IntoIterator<Item = &'i str>,
    ) -> Result<(), SourceError> {
        let mut missing: Vec<&str> = ids
            .into_iter()
            .filter(|id| !self.profiles.contains_key(*id))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        if missing.is_empty() {
            return Ok(());
        }
        for p in src.profiles(&missing)? {
            self.profiles.insert(p.id.clone(), p);
        }
        match missing.iter().find(|id| !self.profiles.contains_key(**id)) {
            Some(id) => Err(Box::new(MissingProfile(id.to_string()))),
            None => Ok(()),
        }
    }

    pub fn stats(&self) -> &Stats {
        &self.stats
    }

    /// The mode the state's articles are grouped in: the highest any of
    /// them is compared in, as for one run over them.
    fn mode(&self) -> Mode {
        [Mode::Centred, Mode::Meaning]
            .into_iter()
            .find(|&m| self.modes[mode_index(m)] > 0)
            .unwrap_or(Mode::Words)
    }

    /// Every candidate pair of each of `ids` (cached profiles) with the
    /// articles the state knows: the other article, the score and whether
    /// dates speak against, sorted by the other's id. Pairs are found and
    /// scored as one run finds and scores them (by the index keys, the
    /// guard, copies, the window; each pair in article order).
    fn edges_of(
        &mut self,
        src: &dyn StateSource,
        ids: &[String],
    ) -> Result<FxHashMap<String, Vec<Edge>>, SourceError> {
        let keys: Vec<Vec<String>> = ids
            .iter()
            .map(|id| index_keys(&Prepared::new(&self.profiles[id], &self.stats), &self.stats))
            .collect();
        self.load_postings(src, keys.iter().flatten())?;
        let mut candidates: Vec<(Vec<String>, Vec<String>)> = Vec::with_capacity(ids.len());
        let mut wanted: Vec<String> = Vec::new();
        for (id, keys) in ids.iter().zip(&keys) {
            let (mut others, mut copies) = (Vec::new(), Vec::new());
            for k in keys {
                let postings = &self.index[k];
                if postings.len() > POSTINGS_GUARD {
                    continue;
                }
                let to = if is_copy_key(k) {
                    &mut copies
                } else {
                    &mut others
                };
                to.extend(postings.iter().filter(|o| *o != id).cloned());
            }
            others.sort_unstable();
            others.dedup();
            copies.sort_unstable();
            copies.dedup();
            copies.retain(|c| others.binary_search(c).is_err());
            wanted.extend(others.iter().chain(&copies).cloned());
            candidates.push((others, copies));
        }
        wanted.sort_unstable();
        wanted.dedup();
        self.load(src, wanted.iter().map(String::as_str))?;
        let (stats, w) = (&self.stats, &self.weights);
        let mut prepared: FxHashMap<&str, Prepared> = FxHashMap::default();
        for id in ids.iter().chain(&wanted) {
            prepared
                .entry(id.as_str())
                .or_insert_with(|| Prepared::new(&self.profiles[id], stats));
        }
        let mut scored: FxHashMap<(&str, &str), Option<(f32, bool)>> = FxHashMap::default();
        let mut out: FxHashMap<String, Vec<Edge>> = FxHashMap::default();
        for (id, (others, copies)) in ids.iter().zip(&candidates) {
            let mut list: Vec<Edge> = Vec::new();
            let copies = copies.iter().filter(|c| {
                let (a, b) = ordered(id, c);
                are_copies(&self.profiles[a], &self.profiles[b], w)
            });
            let mut all: Vec<&String> = others.iter().chain(copies).collect();
            all.sort_unstable();
            for o in all {
                let (a, b) = ordered(id, o);
                let s = *scored.entry((a, b)).or_insert_with(|| {
                    let (pa, pb) = (&prepared[a], &prepared[b]);
                    if outside_window(pa, pb, w) {
                        return None;
                    }
                    let sim = similarity(pa, pb, stats, w, false);
                    (sim.raw != 0.0).then_some((sim.raw as f32, sim.conflict))
                });
                if let Some((score, against)) = s {
                    list.push((o.clone(), score, against));
                }
            }
            out.insert(id.clone(), list);
        }
        Ok(out)
    }

    /// Adds articles (a profile whose id is already known is left out and
    /// reported in [`Update::known`]) and re-groups what they can change.
    pub fn add(&mut self, src: &dyn StateSource, new: Vec<Profile>) -> Result<Update, SourceError> {
        let mut update = Update::default();
        let mut fresh: Vec<Profile> = Vec::new();
        let mut seen: FxHashSet<String> = FxHashSet::default();
        for p in new {
            if self.knows(&p.id) || !seen.insert(p.id.clone()) {
                update.known.push(p.id);
            } else {
                fresh.push(p);
            }
        }
        if fresh.is_empty() {
            return Ok(update);
        }
        if let Some(first) = self.upgraded(src)? {
            let second = self.add(src, fresh)?;
            let mut both = self.settle(first, second);
            both.known = update.known;
            return Ok(both);
        }
        let mut seeds = Seeds::default();
        fresh.sort_by(|x, y| x.id.cmp(&y.id));
        let before = self.mode();
        let mut fresh_keys: Vec<Vec<String>> = Vec::with_capacity(fresh.len());
        for p in &fresh {
            let prepared = Prepared::new(p, &self.stats);
            self.modes[mode_index(Mode::of(&prepared))] += 1;
            fresh_keys.push(index_keys(&prepared, &self.stats));
        }
        // What the source holds of these keys first: the cache of a key
        // is then the whole posting.
        self.load_postings(src, fresh_keys.iter().flatten())?;
        // A key whose articles pass the guard stops making candidates of
        // any of them (as in one run over all): their groups are grouped
        // again.
        let held: FxHashMap<&String, usize> = fresh_keys
            .iter()
            .flatten()
            .map(|k| (k, self.index.get(k).map_or(0, Vec::len)))
            .collect();
        let mut crossed: Vec<String> = held
            .into_iter()
            .filter(|(_, n)| *n <= POSTINGS_GUARD)
            .map(|(k, _)| k.clone())
            .collect();
        for (p, keys) in fresh.into_iter().zip(fresh_keys) {
            for k in keys {
                self.index.entry(k.clone()).or_default().push(p.id.clone());
                self.postings_unsaved.added.push((k, p.id.clone()));
            }
            update.added.push(p.id.clone());
            seeds.added.push(p.id.clone());
            self.unsaved.insert(p.id.clone());
            self.profiles.insert(p.id.clone(), p);
        }
        crossed.retain(|k| self.index[k].len() > POSTINGS_GUARD);
        for k in crossed {
            self.groups_holding(&self.index[&k], &mut seeds.region);
        }
        // Every threshold changed: everything is grouped again.
        seeds.all |= self.mode() != before;
        self.regroup(src, seeds, &mut update)?;
        Ok(update)
    }

    /// Adds the groups of `articles` (those known) to `region`.
    fn groups_holding(&self, articles: &[String], region: &mut BTreeSet<String>) {
        region.extend(
            articles
                .iter()
                .filter_map(|a| self.group_of.get(a).cloned()),
        );
    }

    /// A state saved before linkage groups, grouped again whole (its
    /// events reported as changed, or gone). Nothing for others.
    fn upgraded(&mut self, src: &dyn StateSource) -> Result<Option<Update>, SourceError> {
        if self.component_of.is_empty() {
            return Ok(None);
        }
        let mut seeds = Seeds::default();
        let ids: Vec<String> = std::mem::take(&mut self.component_of).into_keys().collect();
        for comp in std::mem::take(&mut self.components).into_values() {
            for e in comp.slots {
                seeds.old.insert(e.head.id, 0);
            }
        }
        self.load(src, ids.iter().map(String::as_str))?;
        self.modes = [0; 3];
        for id in &ids {
            let prepared = Prepared::new(&self.profiles[id], &self.stats);
            self.modes[mode_index(Mode::of(&prepared))] += 1;
        }
        seeds.added = ids;
        seeds.all = true;
        let mut update = Update::default();
        self.regroup(src, seeds, &mut update)?;
        Ok(Some(update))
    }

    /// Removes articles (a takedown) and re-groups what they were part
    /// of: an event may lose an article, split, or end. Ids not known are
    /// left out.
    pub fn remove(&mut self, src: &dyn StateSource, ids: &[String]) -> Result<Update, SourceError> {
        if let Some(first) = self.upgraded(src)? {
            let second = self.remove(src, ids)?;
            return Ok(self.settle(first, second));
        }
        let mut update = Update::default();
        let mut seeds = Seeds::default();
        let mut known: Vec<String> = ids
            .iter()
            .filter(|id| self.group_of.contains_key(*id))
            .cloned()
            .collect();
        known.sort();
        known.dedup();
        if known.is_empty() {
            return Ok(update);
        }
        self.load(src, known.iter().map(String::as_str))?;
        let before = self.mode();
        let cut = component_cut(&self.weights, before);
        let edges = self.edges_of(src, &known)?;
        for id in &known {
            // Lone articles it was the nearest of, or could be.
            for (o, s, _) in &edges[id] {
                if f64::from(*s) >= cut
                    && self
                        .group_of
                        .get(o)
                        .is_some_and(|g| self.groups[g].members.len() == 1)
                {
                    seeds.decide.insert(o.clone());
                }
            }
            let g = self.group_of.remove(id).unwrap_or_default();
            if self.groups[&g].members.len() > 1 {
                seeds.region.insert(g);
            } else if let Some(lone) = self.groups.remove(&g) {
                if let Some(h) = lone.joined
                    && let Some(group) = self.groups.get_mut(&h)
                {
                    group.joiners.retain(|x| x != id);
                    seeds.dirty.insert(h);
                }
                if let Some(slot) = self.take_event(&g) {
                    seeds.old.insert(slot.head.id, slot.digest);
                }
            }
            let Some(p) = self.profiles.remove(id) else {
                continue;
            };
            self.unsaved.remove(id);
            let prepared = Prepared::new(&p, &self.stats);
            self.modes[mode_index(Mode::of(&prepared))] -= 1;
            let keys = index_keys(&prepared, &self.stats);
            self.load_postings(src, &keys)?;
            for k in keys {
                // The key stays cached, empty or not: the source still has
                // the posting until the removal is saved.
                if let Some(posting) = self.index.get_mut(&k) {
                    let was = posting.len();
                    posting.retain(|x| x != id);
                    // Back under the guard: the key makes candidates of
                    // its articles again.
                    if was > POSTINGS_GUARD && posting.len() <= POSTINGS_GUARD {
                        let posting = posting.clone();
                        self.groups_holding(&posting, &mut seeds.region);
                    }
                }
                let changes = &mut self.postings_unsaved;
                changes.added.retain(|(ak, aid)| !(ak == &k && aid == id));
                changes.removed.push((k, id.clone()));
            }
        }
        for id in &known {
            seeds.decide.remove(id);
        }
        seeds.all |= self.mode() != before;
        self.regroup(src, seeds, &mut update)?;
        Ok(update)
    }

    /// The same articles with statistics made of all of them, re-grouped
    /// (what a store does when it has grown well past the articles its
    /// statistics came from). Reads every profile: all of them unsaved in
    /// the new state, which the caller saves in place of the old, with
    /// every event (the update reports them all as changed).
    pub fn refreshed(&self, src: &dyn StateSource) -> Result<(EventState, Update), SourceError> {
        let ids: Vec<&str> = self
            .group_of
            .keys()
            .chain(self.component_of.keys())
            .map(String::as_str)
            .collect();
        let mut all: Vec<Profile> = ids
            .iter()
            .filter_map(|id| self.profiles.get(*id).cloned())
            .collect();
        let missing: Vec<&str> = ids
            .into_iter()
            .filter(|id| !self.profiles.contains_key(*id))
            .collect();
        all.extend(src.profiles(&missing)?);
        let stats = Stats::of(all.iter());
        let mut state = EventState::new(stats, self.weights.clone());
        let update = state.add(&BTreeMap::new(), all)?;
        Ok((state, update))
    }

    /// The profile of an article.
    pub fn profile(
        &mut self,
        src: &dyn StateSource,
        id: &str,
    ) -> Result<Option<&Profile>, SourceError> {
        if self.knows(id) {
            self.load(src, [id])?;
        }
        Ok(self.profiles.get(id))
    }

    /// Puts new profiles in place of known ones (their articles' names
    /// changed) and re-groups what they touch: the events of one `add` of
    /// the new profiles after a `remove` of the old.
    pub fn replace(
        &mut self,
        src: &dyn StateSource,
        profiles: Vec<Profile>,
    ) -> Result<Update, SourceError> {
        let ids: Vec<String> = profiles.iter().map(|p| p.id.clone()).collect();
        let first = self.remove(src, &ids)?;
        let second = self.add(src, profiles)?;
        let mut update = self.settle(first, second);
        update.added.clear();
        Ok(update)
    }

    /// Two updates made one after the other as one: every event either
    /// touched is reported as it is now (the second's report of it, else
    /// the first's, with its storyline now), or as removed.
    pub fn settle(&self, first: Update, second: Update) -> Update {
        let mut latest: BTreeMap<String, Event> = BTreeMap::new();
        let mut ids: Vec<String> = first.removed.into_iter().chain(second.removed).collect();
        for e in first.changed.into_iter().chain(second.changed) {
            ids.push(e.id.clone());
            latest.insert(e.id.clone(), e);
        }
        ids.sort();
        ids.dedup();
        let mut update = Update {
            added: first.added.into_iter().chain(second.added).collect(),
            known: first.known.into_iter().chain(second.known).collect(),
            changed: Vec::new(),
            removed: Vec::new(),
            reexamined: first.reexamined + second.reexamined,
        };
        let now = self.storylines_of_events();
        for id in ids {
            match (now.get(id.as_str()), latest.remove(&id)) {
                (Some(storyline), Some(mut e)) => {
                    e.storyline = storyline.map(str::to_string);
                    update.changed.push(e);
                }
                _ => update.removed.push(id),
            }
        }
        update
    }

    /// The storylines of all events.
    pub fn storylines(&self) -> &[Storyline] {
        &self.storylines
    }

    /// Groups the region again (see the module's header), decides again
    /// the lone articles it may change, builds again the events that may
    /// have changed and reports those that did.
    fn regroup(
        &mut self,
        src: &dyn StateSource,
        mut seeds: Seeds,
        update: &mut Update,
    ) -> Result<(), SourceError> {
        let mode = self.mode();
        let (merge, single) = self.weights.thresholds(mode);
        let cut = component_cut(&self.weights, mode);
        let reach = merge * 0.999;
        let mut edges: FxHashMap<String, Vec<Edge>> = FxHashMap::default();

        // 1. The region, grouped alone until no outside group can reach it.
        // A large batch (or a region that keeps reaching further, or is
        // large) groups all articles again instead, as one run does.
        let total = self.group_of.len() + seeds.added.len();
        if seeds.all || seeds.added.len() * ALL_AT_ONCE >= total {
            return self.regroup_all(src, seeds, update);
        }
        let mut rounds = 0;
        let (articles, clusters, merges) = loop {
            rounds += 1;
            let mut articles: Vec<String> = seeds.added.clone();
            for g in &seeds.region {
                if let Some(group) = self.groups.get(g) {
                    articles.extend(
                        group
                            .members
                            .iter()
                            .filter(|a| self.group_of.contains_key(*a))
                            .cloned(),
                    );
                }
            }
            articles.sort();
            articles.dedup();
            if rounds > CHECKED_ROUNDS || articles.len() > CHECKED_REGION {
                return self.regroup_all(src, seeds, update);
            }
            self.load(src, articles.iter().map(String::as_str))?;
            let missing: Vec<String> = articles
                .iter()
                .filter(|a| !edges.contains_key(*a))
                .cloned()
                .collect();
            edges.extend(self.edges_of(src, &missing)?);
            let position: FxHashMap<&str, u32> = articles
                .iter()
                .enumerate()
                .map(|(i, a)| (a.as_str(), i as u32))
                .collect();
            let mut induced = Edges::default();
            for (i, a) in articles.iter().enumerate() {
                for (o, s, _) in &edges[a] {
                    if let Some(&j) = position.get(o.as_str())
                        && j > i as u32
                    {
                        induced.push((i as u32, j), f64::from(*s));
                    }
                }
            }
            let refs: Vec<&Profile> = articles.iter().map(|a| &self.profiles[a]).collect();
            let (clusters, merges) = average_linkage(&refs, &induced, merge, &self.weights);
            let reached = self.reached(&articles, &position, &merges, &edges, &seeds.region, reach);
            if reached.is_empty() {
                break (articles, clusters, merges);
            }
            seeds.region.extend(reached);
        };

        // 2. The region's groups in place of the old.
        for g in &seeds.region {
            let Some(old) = self.groups.remove(g) else {
                continue;
            };
            if let Some(slot) = self.take_event(g) {
                seeds.old.insert(slot.head.id, slot.digest);
            }
            if let Some(h) = &old.joined
                && let Some(group) = self.groups.get_mut(h)
            {
                group.joiners.retain(|x| x != g);
                seeds.dirty.insert(h.clone());
            }
            // Its lone articles are decided again, from nothing joined:
            // the group is made anew.
            for j in old.joiners {
                if let Some(lone) = self.groups.get_mut(&j) {
                    lone.joined = None;
                }
                seeds.decide.insert(j);
            }
        }
        let mut cluster_of: Vec<(usize, u32)> = vec![(0, 0); articles.len()];
        for (c, members) in clusters.iter().enumerate() {
            for (local, &i) in members.iter().enumerate() {
                cluster_of[i as usize] = (c, local as u32);
            }
        }
        let mut made: Vec<Vec<Merge>> = vec![Vec::new(); clusters.len()];
        for &(a, b, mean) in &merges {
            let (c, la) = cluster_of[a as usize];
            made[c].push((la, cluster_of[b as usize].1, mean));
        }
        for (members, merges) in clusters.iter().zip(made) {
            let members: Vec<String> = members
                .iter()
                .map(|&i| articles[i as usize].clone())
                .collect();
            let name = members[0].clone();
            for a in &members {
                self.group_of.insert(a.clone(), name.clone());
            }
            if members.len() == 1 {
                seeds.decide.insert(name.clone());
            } else {
                seeds.dirty.insert(name.clone());
            }
            let group = LinkGroup {
                members,
                merges,
                joined: None,
                joiners: Vec::new(),
            };
            self.groups.insert(name, group);
        }

        // 3. Lone articles: of the region, and outside with evidence
        // enough to join a group of the region.
        let inside: FxHashSet<&str> = articles.iter().map(String::as_str).collect();
        for a in &articles {
            for (o, s, _) in &edges[a] {
                if f64::from(*s) >= cut
                    && !inside.contains(o.as_str())
                    && self.groups.get(o).is_some_and(|g| g.members.len() == 1)
                {
                    seeds.decide.insert(o.clone());
                }
            }
        }
        drop(inside);
        let decide: Vec<String> = seeds
            .decide
            .iter()
            .filter(|a| self.groups.get(*a).is_some_and(|g| g.members.len() == 1))
            .cloned()
            .collect();
        let missing: Vec<String> = decide
            .iter()
            .filter(|a| !edges.contains_key(*a))
            .cloned()
            .collect();
        self.load(src, missing.iter().map(String::as_str))?;
        edges.extend(self.edges_of(src, &missing)?);
        for a in &decide {
            let mut sums: BTreeMap<&str, (f64, bool)> = BTreeMap::new();
            for (o, s, against) in &edges[a] {
                let g = self.group_of[o].as_str();
                if self.groups[g].members.len() > 1 {
                    let e = sums.entry(g).or_default();
                    e.0 += f64::from(*s);
                    e.1 |= *against;
                }
            }
            let best = best_group(
                sums.iter()
                    .filter(|(_, (_, against))| !against)
                    .map(|(&g, &(sum, _))| (g, sum / self.groups[g].members.len() as f64)),
                single,
            )
            .map(str::to_string);
            let old = self.groups[a].joined.clone();
            if old != best {
                if let Some(o) = &old
                    && let Some(group) = self.groups.get_mut(o)
                {
                    group.joiners.retain(|x| x != a);
                    seeds.dirty.insert(o.clone());
                }
                if let Some(n) = &best {
                    let group = self.groups.get_mut(n).expect("a group of the state");
                    if let Err(at) = group.joiners.binary_search(a) {
                        group.joiners.insert(at, a.clone());
                    }
                    seeds.dirty.insert(n.clone());
                }
                if let Some(lone) = self.groups.get_mut(a) {
                    lone.joined = best.clone();
                }
            }
            // Alone, its explanation names its nearest article, which may
            // be new; joined, it has no event of its own.
            seeds.dirty.insert(a.clone());
        }

        // 4. The events that may have changed, built again.
        let mut built: Vec<Event> = Vec::new();
        for anchor in &seeds.dirty {
            if let Some(slot) = self.take_event(anchor) {
                seeds.old.insert(slot.head.id, slot.digest);
            }
            let Some(group) = self.groups.get(anchor) else {
                continue;
            };
            if group.joined.is_some() {
                continue;
            }
            let members = group.event_articles();
            let near: Option<String> = if members.len() == 1 {
                if !edges.contains_key(anchor) {
                    self.load(src, [anchor.as_str()])?;
                    edges.extend(self.edges_of(src, std::slice::from_ref(anchor))?);
                }
                nearest(&edges[anchor], cut)
            } else {
                None
            };
            self.load(src, members.iter().chain(near.iter()).map(String::as_str))?;
            let refs: Vec<&Profile> = members.iter().map(|a| &self.profiles[a]).collect();
            let near = near.map(|n| &self.profiles[&n]);
            let (event, head, facts) = event_of(&refs, near, &self.stats, &self.weights);
            self.put_event(anchor, EventSlot::of(&event, head, facts));
            built.push(event);
        }
        update.reexamined = edges.len();
        drop(edges);
        self.report(src, built, seeds.old, update)
    }

    /// Groups all articles again (and the new ones of `seeds`), as one
    /// run over them does.
    fn regroup_all(
        &mut self,
        src: &dyn StateSource,
        seeds: Seeds,
        update: &mut Update,
    ) -> Result<(), SourceError> {
        let mut old = seeds.old;
        let mut ids: Vec<String> = self.group_of.keys().cloned().chain(seeds.added).collect();
        ids.sort();
        ids.dedup();
        self.load(src, ids.iter().map(String::as_str))?;
        let anchors: Vec<String> = self.events.keys().cloned().collect();
        for anchor in anchors {
            if let Some(slot) = self.take_event(&anchor) {
                old.insert(slot.head.id, slot.digest);
            }
        }
        self.groups.clear();
        self.group_of.clear();
        let refs: Vec<&Profile> = ids.iter().map(|a| &self.profiles[a]).collect();
        let (sorted, decided) = decide_all(&refs, &self.stats, &self.weights);
        let sorted: Vec<String> = sorted.into_iter().map(|p| p.id.clone()).collect();
        drop(refs);
        let names: Vec<String> = decided
            .iter()
            .map(|d| sorted[d.members[0] as usize].clone())
            .collect();
        let mut built: Vec<Event> = Vec::new();
        for (d, name) in decided.into_iter().zip(&names) {
            let members: Vec<String> = d
                .members
                .iter()
                .map(|&i| sorted[i as usize].clone())
                .collect();
            for a in &members {
                self.group_of.insert(a.clone(), name.clone());
            }
            let mut joiners: Vec<String> = d
                .joiners
                .iter()
                .map(|&i| sorted[i as usize].clone())
                .collect();
            joiners.sort();
            let group = LinkGroup {
                members,
                merges: d.merges,
                joined: d.joined.map(|g| names[g].clone()),
                joiners,
            };
            self.groups.insert(name.clone(), group);
            if let Some((event, head, facts)) = d.event {
                self.put_event(name, EventSlot::of(&event, head, facts));
                built.push(event);
            }
        }
        update.reexamined = sorted.len();
        self.report(src, built, old, update)
    }

    /// Reports the events built (those whose digest changed) and those
    /// gone, links storylines again and gives the events theirs.
    fn report(
        &mut self,
        src: &dyn StateSource,
        built: Vec<Event>,
        mut old: BTreeMap<String, u64>,
        update: &mut Update,
    ) -> Result<(), SourceError> {
        for e in built {
            let now = digest(&e);
            if old.remove(&e.id) != Some(now) {
                update.changed.push(e);
            }
        }
        update.removed = old.into_keys().collect();
        self.relink(src)?;
        // Storyline ids may have changed: report the events as they are now.
        let now = self.storylines_of_events();
        for e in &mut update.changed {
            if let Some(s) = now.get(e.id.as_str()) {
                e.storyline = s.map(str::to_string);
            }
        }
        Ok(())
    }

    /// The groups outside `region` that a group formed inside the region
    /// (in `merges`, over `articles`) reaches: one of their recorded
    /// groups scores at least `reach` on average with it.
    fn reached(
        &self,
        articles: &[String],
        position: &FxHashMap<&str, u32>,
        merges: &[Merge],
        edges: &FxHashMap<String, Vec<Edge>>,
        region: &BTreeSet<String>,
        reach: f64,
    ) -> Vec<String> {
        // Pairs across, by the outside article's group.
        let mut across: BTreeMap<&str, Vec<(u32, &str, f64)>> = BTreeMap::new();
        for (i, a) in articles.iter().enumerate() {
            for (o, s, _) in &edges[a] {
                if position.contains_key(o.as_str()) {
                    continue;
                }
                let Some(g) = self.group_of.get(o) else {
                    continue;
                };
                if region.contains(g) {
                    continue;
                }
                across
                    .entry(g.as_str())
                    .or_default()
                    .push((i as u32, o.as_str(), f64::from(*s)));
            }
        }
        let strong = |pairs: &[(u32, &str, f64)]| pairs.iter().any(|p| p.2 >= reach);
        if !across.values().any(|p| strong(p)) {
            return Vec::new();
        }
        let inner = Dendrogram::of(articles.len(), merges);
        let mut reached = Vec::new();
        let mut budget = CHECK_BUDGET;
        for (g, pairs) in across {
            if !strong(&pairs) {
                continue;
            }
            let group = &self.groups[g];
            let outer = Dendrogram::of(group.members.len(), &group.merges);
            let local = |o: &str| {
                group
                    .members
                    .binary_search_by(|m| m.as_str().cmp(o))
                    .unwrap_or(0)
            };
            let pairs: Vec<(u32, usize, f64)> =
                pairs.iter().map(|&(i, o, s)| (i, local(o), s)).collect();
            // No pair of groups here scores more than the best pair.
            let best = pairs.iter().map(|p| p.2).fold(f64::MIN, f64::max);
            let mut tried: FxHashSet<(u32, u32)> = FxHashSet::default();
            let hit = pairs.iter().filter(|p| p.2 >= reach).any(|&(i, o, _)| {
                inner.above[i as usize].iter().any(|&x| {
                    outer.above[o].iter().any(|&y| {
                        if inner.gone_before(x, best)
                            || outer.gone_before(y, best)
                            || !tried.insert((x, y))
                        {
                            return false;
                        }
                        // Past the budget, the group counts as reached:
                        // taking in more is never wrong, only slower.
                        if budget < pairs.len() {
                            return true;
                        }
                        budget -= pairs.len();
                        let sum: f64 = pairs
                            .iter()
                            .filter(|&&(i2, o2, _)| {
                                inner.holds(i2 as usize, x) && outer.holds(o2, y)
                            })
                            .map(|p| p.2)
                            .sum();
                        let size =
                            f64::from(inner.size[x as usize]) * f64::from(outer.size[y as usize]);
                        let mean = sum / size;
                        mean >= reach && !inner.gone_before(x, mean) && !outer.gone_before(y, mean)
                    })
                })
            });
            if hit {
                reached.push(g.to_string());
            }
        }
        reached
    }

    /// The indexes storylines are linked again with, made from the events
    /// when first needed (they are not saved).
    fn links(&mut self) -> &mut Links {
        if self.links.is_none() {
            let mut links = Links::default();
            for (anchor, e) in &self.events {
                links.anchor_of.insert(e.head.id.clone(), anchor.clone());
                for (k, _) in &e.facts.actors {
                    links
                        .by_actor
                        .entry(k.clone())
                        .or_default()
                        .insert(anchor.clone());
                }
            }
            self.links = Some(links);
        }
        self.links.as_mut().expect("made above")
    }

    /// Takes an event out (to be built again, or gone), noting what its
    /// storyline must be linked again for.
    fn take_event(&mut self, anchor: &str) -> Option<EventSlot> {
        self.links();
        let slot = self.events.remove(anchor)?;
        let links = self.links.as_mut().expect("made above");
        // The event may live on under another group's name, put in first.
        if links.anchor_of.get(&slot.head.id).map(String::as_str) == Some(anchor) {
            links.anchor_of.remove(&slot.head.id);
            self.centroids.remove(&slot.head.id);
            self.centroids_unsaved.insert(slot.head.id.clone());
        }
        if let Some(s) = &slot.storyline {
            links.stale.insert(s.clone());
        }
        for (k, _) in &slot.facts.actors {
            let held = links.by_actor.entry(k.clone()).or_default();
            links.before.entry(k.clone()).or_insert(held.len());
            held.remove(anchor);
        }
        Some(slot)
    }

    /// Puts an event (new, or built again) in, to be linked; its centroid
    /// is kept apart.
    fn put_event(&mut self, anchor: &str, mut slot: EventSlot) {
        let centroid = std::mem::take(&mut slot.facts.centroid);
        if centroid.is_empty() {
            self.centroids.remove(&slot.head.id);
        } else {
            self.centroids.insert(slot.head.id.clone(), centroid);
        }
        self.centroids_unsaved.insert(slot.head.id.clone());
        let links = self.links();
        links
            .anchor_of
            .insert(slot.head.id.clone(), anchor.to_string());
        links.changed.insert(anchor.to_string());
        for (k, _) in &slot.facts.actors {
            let held = links.by_actor.entry(k.clone()).or_default();
            links.before.entry(k.clone()).or_insert(held.len());
            held.insert(anchor.to_string());
        }
        self.events.insert(anchor.to_string(), slot);
    }

    /// Links again the storylines of the events taken out or put in since
    /// the last time: with every event that shares a principal actor with
    /// one of them (all those of an actor that became too common to link,
    /// or stopped being), and every event of their storylines, as one run
    /// over all events links them: a storyline is a connected group of
    /// links, and none leaves that set.
    fn relink(&mut self, src: &dyn StateSource) -> Result<(), SourceError> {
        let links = self.links();
        let mut seeds: BTreeSet<String> = std::mem::take(&mut links.changed);
        let before = std::mem::take(&mut links.before);
        let mut stale = std::mem::take(&mut links.stale);
        for (actor, was) in before {
            let Some(held) = links.by_actor.get(&actor) else {
                continue;
            };
            if held.len() <= MAX_POSTINGS || was <= MAX_POSTINGS {
                seeds.extend(held.iter().cloned());
            }
            if held.is_empty() {
                links.by_actor.remove(&actor);
            }
        }
        seeds.retain(|a| self.events.contains_key(a));
        stale.extend(
            seeds
                .iter()
                .filter_map(|a| self.events[a].storyline.clone()),
        );
        let links = self.links.as_ref().expect("made above");
        let mut all: BTreeSet<String> = seeds;
        for s in &self.storylines {
            if stale.contains(&s.id) {
                all.extend(
                    s.events
                        .iter()
                        .filter_map(|e| links.anchor_of.get(e).cloned()),
                );
            }
        }
        // In order of their smallest article (by id, then source:
        // `article_order`), as `group` has them.
        let mut anchors: Vec<&String> = all.iter().collect();
        anchors.sort_by(|x, y| self.events[*x].first.cmp(&self.events[*y].first));
        let heads: Vec<EventHead> = anchors
            .iter()
            .map(|a| self.events[*a].head.clone())
            .collect();
        // The centroids of those with principal actors (no other is
        // compared by subject), read where not at hand.
        let wanted: Vec<&str> = anchors
            .iter()
            .map(|a| &self.events[*a])
            .filter(|e| !e.facts.actors.is_empty() && e.facts.centroid.is_empty())
            .map(|e| e.head.id.as_str())
            .filter(|id| !self.centroids.contains_key(*id))
            .collect();
        if !wanted.is_empty() {
            for (id, c) in src.centroids(&wanted)? {
                self.centroids.insert(id, c);
            }
        }
        let mut facts: Vec<EventFacts> = Vec::with_capacity(anchors.len());
        for a in &anchors {
            let e = &self.events[*a];
            let mut f = EventFacts {
                actors: e.facts.actors.clone(),
                centroid: e.facts.centroid.clone(),
                size: e.facts.size,
            };
            if !f.actors.is_empty() && f.centroid.is_empty() {
                f.centroid = self
                    .centroids
                    .get(&e.head.id)
                    .ok_or_else(|| MissingCentroid(e.head.id.clone()))?
                    .clone();
            }
            facts.push(f);
        }
        let facts: Vec<&EventFacts> = facts.iter().collect();
        let links = self.links.as_ref().expect("made above");
        let too_common = |actor: &str| {
            links
                .by_actor
                .get(actor)
                .is_some_and(|held| held.len() > MAX_POSTINGS)
        };
        let (made, storyline_of) = storylines(&heads, &facts, Some(&too_common));
        let anchors: Vec<String> = anchors.into_iter().cloned().collect();
        for (a, id) in anchors.iter().zip(storyline_of) {
            if let Some(e) = self.events.get_mut(a) {
                e.storyline = Some(id);
            }
        }
        self.storylines.retain(|s| !stale.contains(&s.id));
        self.storylines.extend(made);
        self.storylines.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(())
    }

    /// Every event's id and storyline.
    fn storylines_of_events(&self) -> FxHashMap<&str, Option<&str>> {
        self.events
            .values()
            .map(|e| (e.head.id.as_str(), e.storyline.as_deref()))
            .collect()
    }

    /// The ids of all events, with their articles' ids (sorted).
    pub fn event_articles(&self) -> Box<dyn Iterator<Item = (&str, &[String])> + '_> {
        if !self.components.is_empty() {
            return Box::new(
                self.components
                    .values()
                    .flat_map(|c| c.slots.iter())
                    .map(|e| (e.head.id.as_str(), e.articles.as_slice())),
            );
        }
        Box::new(
            self.events
                .values()
                .map(|e| (e.head.id.as_str(), e.articles.as_slice())),
        )
    }
}

/// Two ids in article order.
fn ordered<'a>(x: &'a str, y: &'a str) -> (&'a str, &'a str) {
    if x <= y { (x, y) } else { (y, x) }
}

/// The article a lone one came closest to: its best pair of evidence
/// `cut` or more (of equal scores, the smallest id), as one run finds it.
fn nearest(edges: &[Edge], cut: f64) -> Option<String> {
    let mut best: Option<(&str, f64)> = None;
    for (o, s, _) in edges {
        let s = f64::from(*s);
        if s >= cut && best.is_none_or(|(b, bs)| s > bs || (s == bs && o.as_str() < b)) {
            best = Some((o, s));
        }
    }
    best.map(|(o, _)| o.to_string())
}

/// Every group a linkage made on the way, of `n` articles: node `i < n`
/// is article i alone, node `n + k` what merge k made.
struct Dendrogram {
    /// For each article, the nodes holding it, in increasing order.
    above: Vec<Vec<u32>>,
    /// Each node's size.
    size: Vec<u32>,
    /// For a node taken into a larger one: the lowest mean of that merge
    /// and of every merge that made its partner (none for the groups that
    /// ended the linkage). See [`Dendrogram::gone_before`].
    taken: Vec<Option<f32>>,
}

impl Dendrogram {
    fn of(n: usize, merges: &[Merge]) -> Dendrogram {
        let mut above: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
        let mut size: Vec<u32> = vec![1; n];
        let mut taken: Vec<Option<f32>> = vec![None; n];
        // The lowest mean of the merges that made each node.
        let mut low: Vec<f32> = vec![f32::INFINITY; n];
        let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
        let mut node_of: Vec<u32> = (0..n as u32).collect();
        for (k, &(a, b, mean)) in merges.iter().enumerate() {
            let node = (n + k) as u32;
            let (x, y) = (node_of[a as usize] as usize, node_of[b as usize] as usize);
            taken[x] = Some(mean.min(low[y]));
            taken[y] = Some(mean.min(low[x]));
            low.push(mean.min(low[x]).min(low[y]));
            node_of[a as usize] = node;
            let moved = std::mem::take(&mut members[b as usize]);
            members[a as usize].extend(moved);
            for &m in &members[a as usize] {
                above[m as usize].push(node);
            }
            size.push(members[a as usize].len() as u32);
            taken.push(None);
        }
        Dendrogram { above, size, taken }
    }

    /// Whether node `x` holds article `i`.
    fn holds(&self, i: usize, x: u32) -> bool {
        self.above[i].binary_search(&x).is_ok()
    }

    /// Whether node `x` is sure to be gone before a pair of it with
    /// another linkage's node, at `mean`, could be merged in one run over
    /// both: its own merge, and every merge that made its partner, have a
    /// higher mean (by a margin for rounding). While `x` lives and its
    /// partner is unmade, two groups under the partner are alive whose
    /// merge is due at a higher mean than the pair (or `x` and its partner
    /// are): one of them is in the heap above the pair, and a pair that
    /// later merges is never vetoed.
    fn gone_before(&self, x: u32, mean: f64) -> bool {
        self.taken[x as usize].is_some_and(|t| f64::from(t) > mean * (1.0 + MEAN_MARGIN))
    }
}

/// How much higher a node's merge mean must be than a pair's for the
/// pair to count as too late (means are summed in f32 by the linkage).
const MEAN_MARGIN: f64 = 1e-3;

/// The ids of an event's articles, sorted.
fn article_ids(e: &Event) -> Vec<String> {
    let mut ids: Vec<String> = e.articles.iter().map(|a| a.id.clone()).collect();
    ids.sort();
    ids
}
