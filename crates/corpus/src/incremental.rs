//! Events kept up to date as articles arrive: the state a store persists
//! between ingests.
//!
//! [`EventState`] holds the profiles seen so far, the candidate index (the
//! [`index_keys`] of every article) and, for every connected component of
//! the candidate graph (pairs of evidence at least the lower grouping
//! threshold: weaker pairs join nothing), its events. [`EventState::add`] finds the new
//! articles' candidates through the index, re-groups only the components
//! they touch (with the new articles; a bridging article joins two
//! components into one) and leaves every other event as it was. Events
//! never span two components and [`group`](crate::group) decides every
//! component on its own, so the events after any sequence of `add`s are
//! those one `group` over all the articles gives, with the same statistics
//! and weights: the statistics are frozen in the state (the store refreshes
//! them when it re-indexes, and then re-groups everything). Storylines are
//! linked again over all events after each `add` (from each event's
//! principal actors and term centroid: per event, not per article).
//!
//! # Profiles live outside the state
//! The articles' profiles are most of what the state knows, and one add
//! reads only those of the articles it compares. So the state keeps them
//! in a cache, and reads the others through a [`StateSource`] (the
//! store's profiles table; a [`BTreeMap`] of profiles in memory). The
//! profiles an update adds are [`EventState::take_unsaved`] for the caller
//! to save, and [`EventState::evict`] empties the cache: the serialised
//! state then holds the index, the components and the storylines only. A
//! state serialised with its profiles (an older store) loads as before,
//! its profiles unsaved.

use std::collections::{BTreeMap, BTreeSet};

use herald_model::{Event, Storyline};
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use crate::events::{
    EventFacts, EventHead, POSTINGS_GUARD, are_copies, article_order, cluster, component_cut,
    index_keys, is_copy_key, outside_window, storylines,
};
use crate::profile::{Profile, Stats};
use crate::similarity::{Mode, Prepared, Weights, similarity};

/// One connected component of the candidate graph and its events.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "ComponentRecord")]
struct Component {
    /// Article ids, sorted.
    articles: Vec<String>,
    /// In order of their smallest article.
    slots: Vec<EventSlot>,
    facts: Vec<EventFacts>,
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
}

impl EventSlot {
    fn of(e: &Event) -> EventSlot {
        EventSlot {
            head: EventHead::from_event(e),
            articles: article_ids(e),
            first: e
                .articles
                .iter()
                .map(|a| (a.id.clone(), a.source.clone()))
                .min()
                .unwrap_or_default(),
            storyline: e.storyline.clone(),
        }
    }
}

/// A component as saved: a state saved before events left it holds them
/// whole (`events`), and is read into slots.
#[derive(Deserialize)]
struct ComponentRecord {
    articles: Vec<String>,
    #[serde(default)]
    slots: Vec<EventSlot>,
    #[serde(default)]
    events: Vec<Event>,
    facts: Vec<EventFacts>,
}

impl From<ComponentRecord> for Component {
    fn from(r: ComponentRecord) -> Component {
        let mut slots = r.slots;
        slots.extend(r.events.iter().map(EventSlot::of));
        Component {
            articles: r.articles,
            slots,
            facts: r.facts,
        }
    }
}

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
    /// Index key -> article ids holding it (at most `POSTINGS_GUARD` of
    /// them when read from the source): the keys read or written since the
    /// last [`EventState::evict`].
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
    /// Article id -> the component it is in (by the component's smallest
    /// article id).
    component_of: BTreeMap<String, String>,
    components: BTreeMap<String, Component>,
    storylines: Vec<Storyline>,
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
            component_of: BTreeMap::new(),
            components: BTreeMap::new(),
            storylines: Vec::new(),
        }
    }

    /// How many articles the state knows.
    pub fn articles(&self) -> usize {
        self.component_of.len()
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

    /// Marks every cached profile and posting unsaved (a state that was
    /// serialised with them, before they had a place of their own).
    pub fn mark_cached_unsaved(&mut self) {
        self.unsaved = self.profiles.keys().cloned().collect();
        self.postings_unsaved.added = self
            .index
            .iter()
            .flat_map(|(k, ids)| ids.iter().map(move |id| (k.clone(), id.clone())))
            .collect();
    }

    /// Empties the caches of profiles and postings (saved ones only: what
    /// is unsaved stays).
    pub fn evict(&mut self) {
        let unsaved = &self.unsaved;
        self.profiles.retain(|id, _| unsaved.contains(id));
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
                    src.posting(k, POSTINGS_GUARD)?
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

    /// Adds articles (a profile whose id is already known is left out and
    /// reported in [`Update::known`]) and re-groups the components they
    /// touch.
    pub fn add(&mut self, src: &dyn StateSource, new: Vec<Profile>) -> Result<Update, SourceError> {
        let mut update = Update::default();
        let mut fresh: Vec<Profile> = Vec::new();
        let mut seen: FxHashSet<String> = FxHashSet::default();
        for p in new {
            if self.component_of.contains_key(&p.id) || !seen.insert(p.id.clone()) {
                update.known.push(p.id);
            } else {
                fresh.push(p);
            }
        }
        if fresh.is_empty() {
            return Ok(update);
        }
        fresh.sort_by(article_order);

        // The known articles sharing a key with a new one: their profiles.
        let prepared: Vec<Prepared> = fresh
            .iter()
            .map(|p| Prepared::new(p, &self.stats))
            .collect();
        let fresh_keys: Vec<Vec<String>> = prepared
            .iter()
            .map(|p| index_keys(p, &self.stats))
            .collect();
        self.load_postings(src, fresh_keys.iter().flatten())?;
        let mut sharing: Vec<String> = Vec::new();
        for k in fresh_keys.iter().flatten() {
            if let Some(ids) = self.index.get(k)
                && ids.len() < POSTINGS_GUARD
            {
                sharing.extend(ids.iter().cloned());
            }
        }
        self.load(src, sharing.iter().map(String::as_str))?;
        drop(sharing);

        // Components the new articles reach: through a key they share with
        // a known article, by a pair whose evidence reaches the component
        // cut.
        let mut touched: FxHashSet<String> = FxHashSet::default();
        let mut new_keys: Vec<Vec<String>> = Vec::with_capacity(fresh.len());
        for (prepared, keys) in prepared.iter().zip(fresh_keys) {
            let p = prepared.profile;
            let cut = component_cut(&self.weights, Mode::of(prepared));
            // Articles sharing a key, and those sharing only a copy key
            // (candidates when copies indeed, as in one run).
            let mut others: FxHashSet<&str> = FxHashSet::default();
            let mut copies: FxHashSet<&str> = FxHashSet::default();
            for k in &keys {
                if let Some(ids) = self.index.get(k)
                    && ids.len() < POSTINGS_GUARD
                {
                    let to = if is_copy_key(k) {
                        &mut copies
                    } else {
                        &mut others
                    };
                    to.extend(ids.iter().map(String::as_str));
                }
            }
            let copies: Vec<&str> = copies
                .into_iter()
                .filter(|o| !others.contains(o) && are_copies(p, &self.profiles[*o], &self.weights))
                .collect();
            let mut others: Vec<&str> = others.into_iter().chain(copies).collect();
            others.sort_unstable();
            for o in others {
                let comp = &self.component_of[o];
                if touched.contains(comp) {
                    continue;
                }
                let other = Prepared::new(&self.profiles[o], &self.stats);
                if outside_window(prepared, &other, &self.weights) {
                    continue;
                }
                let sim = similarity(prepared, &other, &self.stats, &self.weights, false);
                if sim.raw >= cut {
                    touched.insert(comp.clone());
                }
            }
            new_keys.push(keys);
        }
        drop(prepared);

        // Re-group the touched components with the new articles.
        let mut members: Vec<String> = Vec::new();
        for (p, keys) in fresh.into_iter().zip(new_keys) {
            for k in keys {
                self.index.entry(k.clone()).or_default().push(p.id.clone());
                self.postings_unsaved.added.push((k, p.id.clone()));
            }
            update.added.push(p.id.clone());
            members.push(p.id.clone());
            self.unsaved.insert(p.id.clone());
            self.profiles.insert(p.id.clone(), p);
        }
        self.regroup(src, touched.into_iter().collect(), members, &mut update)?;
        Ok(update)
    }

    /// Removes articles (a takedown) and re-groups the components they
    /// were in: an event may lose an article, split, or end. Ids not known
    /// are left out.
    pub fn remove(&mut self, src: &dyn StateSource, ids: &[String]) -> Result<Update, SourceError> {
        let mut update = Update::default();
        let mut touched: FxHashSet<String> = FxHashSet::default();
        let known: Vec<&str> = ids
            .iter()
            .map(String::as_str)
            .filter(|id| self.component_of.contains_key(*id))
            .collect();
        self.load(src, known)?;
        for id in ids {
            let Some(p) = self.profiles.remove(id) else {
                continue;
            };
            self.unsaved.remove(id);
            let keys = index_keys(&Prepared::new(&p, &self.stats), &self.stats);
            self.load_postings(src, &keys)?;
            for k in keys {
                // The key stays cached, empty or not: the source still has
                // the posting until the removal is saved.
                if let Some(posting) = self.index.get_mut(&k) {
                    posting.retain(|x| x != id);
                }
                let changes = &mut self.postings_unsaved;
                changes.added.retain(|(ak, aid)| !(ak == &k && aid == id));
                changes.removed.push((k, id.clone()));
            }
            if let Some(c) = self.component_of.remove(id) {
                touched.insert(c);
            }
        }
        self.regroup(src, touched.into_iter().collect(), Vec::new(), &mut update)?;
        Ok(update)
    }

    /// The same articles with statistics made of all of them, re-grouped
    /// (what a store does when it has grown well past the articles its
    /// statistics came from). Reads every profile: all of them unsaved in
    /// the new state, which the caller saves in place of the old, with
    /// every event (the update reports them all as changed).
    pub fn refreshed(&self, src: &dyn StateSource) -> Result<(EventState, Update), SourceError> {
        let ids: Vec<&str> = self.component_of.keys().map(String::as_str).collect();
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
        if self.component_of.contains_key(id) {
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

    /// Re-groups the articles of the `touched` components (those still
    /// known) with `added`, and reports the events that changed.
    fn regroup(
        &mut self,
        src: &dyn StateSource,
        mut touched: Vec<String>,
        added: Vec<String>,
        update: &mut Update,
    ) -> Result<(), SourceError> {
        touched.sort();
        // Every article of the touched components is compared again.
        let others: Vec<String> = touched
            .iter()
            .filter_map(|c| self.components.get(c))
            .flat_map(|comp| comp.articles.iter())
            .filter(|a| self.component_of.contains_key(*a))
            .cloned()
            .collect();
        self.load(src, others.iter().map(String::as_str))?;
        drop(others);
        let mut old_events: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut members: Vec<String> = Vec::new();
        for c in &touched {
            if let Some(comp) = self.components.remove(c) {
                for e in comp.slots {
                    old_events.insert(e.head.id, e.articles);
                }
                members.extend(
                    comp.articles
                        .into_iter()
                        .filter(|a| self.profiles.contains_key(a)),
                );
            }
        }
        members.extend(added);
        let refs: Vec<&Profile> = members.iter().map(|id| &self.profiles[id]).collect();
        update.reexamined = refs.len();
        let clustered = cluster(&refs, &self.stats, &self.weights);
        // Each event lies in one component: hand them out.
        let mut component_of_position: Vec<usize> = vec![0; clustered.sorted.len()];
        for (c, positions) in clustered.components.iter().enumerate() {
            for &i in positions {
                component_of_position[i as usize] = c;
            }
        }
        let position: BTreeMap<&str, usize> = clustered
            .sorted
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let mut parts: Vec<Component> = clustered
            .components
            .iter()
            .map(|positions| Component {
                articles: positions
                    .iter()
                    .map(|&i| clustered.sorted[i as usize].id.clone())
                    .collect(),
                slots: Vec::new(),
                facts: Vec::new(),
            })
            .collect();
        let mut reported: Vec<Event> = Vec::new();
        for (event, facts) in clustered.events.into_iter().zip(clustered.facts) {
            let first = event
                .articles
                .iter()
                .filter_map(|a| position.get(a.id.as_str()))
                .min()
                .copied()
                .unwrap_or(0);
            let part = &mut parts[component_of_position[first]];
            part.slots.push(EventSlot::of(&event));
            part.facts.push(facts);
            reported.push(event);
        }
        for mut part in parts {
            if part.articles.is_empty() {
                continue;
            }
            part.articles.sort();
            let name = part.articles[0].clone();
            for a in &part.articles {
                self.component_of.insert(a.clone(), name.clone());
            }
            self.components.insert(name, part);
        }
        for e in reported {
            if old_events.remove(&e.id) != Some(article_ids(&e)) {
                update.changed.push(e);
            }
        }
        update.removed = old_events.into_keys().collect();
        self.link_storylines();
        // Storyline ids may have changed: report the events as they are now.
        let now = self.storylines_of_events();
        for e in &mut update.changed {
            if let Some(s) = now.get(e.id.as_str()) {
                e.storyline = s.map(str::to_string);
            }
        }
        Ok(())
    }

    /// Links storylines over all events again (per event, from its facts).
    fn link_storylines(&mut self) {
        // Events in order of their smallest article (by id, then source:
        // `article_order`), as `group` has them.
        let mut all: Vec<(&(String, String), &str, usize)> = Vec::new();
        for (name, comp) in &self.components {
            for (i, e) in comp.slots.iter().enumerate() {
                all.push((&e.first, name.as_str(), i));
            }
        }
        all.sort_by(|x, y| x.0.cmp(y.0));
        let slots: Vec<(String, usize)> = all
            .into_iter()
            .map(|(_, c, i)| (c.to_string(), i))
            .collect();
        let heads: Vec<EventHead> = slots
            .iter()
            .map(|(c, i)| self.components[c].slots[*i].head.clone())
            .collect();
        let facts: Vec<EventFacts> = slots
            .iter()
            .map(|(c, i)| self.components[c].facts[*i].clone())
            .collect();
        let (storylines, storyline_of) = storylines(&heads, &facts);
        self.storylines = storylines;
        for ((c, i), id) in slots.iter().zip(storyline_of) {
            if let Some(comp) = self.components.get_mut(c) {
                comp.slots[*i].storyline = Some(id);
            }
        }
    }

    /// Every event's id and storyline.
    fn storylines_of_events(&self) -> rustc_hash::FxHashMap<&str, Option<&str>> {
        self.components
            .values()
            .flat_map(|c| c.slots.iter())
            .map(|e| (e.head.id.as_str(), e.storyline.as_deref()))
            .collect()
    }

    /// The ids of all events, with their articles' ids (sorted).
    pub fn event_articles(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.components
            .values()
            .flat_map(|c| c.slots.iter())
            .map(|e| (e.head.id.as_str(), e.articles.as_slice()))
    }
}

/// The ids of an event's articles, sorted.
fn article_ids(e: &Event) -> Vec<String> {
    let mut ids: Vec<String> = e.articles.iter().map(|a| a.id.clone()).collect();
    ids.sort();
    ids
}
