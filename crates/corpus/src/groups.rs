//! What a group of articles says together that no pair of them says: the
//! person most of them are about, and how often they name each person.
//!
//! Average linkage merges two groups on the mean of their pair scores.
//! Reports of two events of one kind ("a Chargers player arrested for
//! drunk driving", twice in a month) score high pair by pair: the same
//! words, the same team, the same police. What tells them apart shows
//! over a group: **another principal**. Most articles of each group are
//! about one person (their most mentioned), the two persons differ, one
//! group never names the other's principal, and the other names the first
//! one's only in passing (fewer than half as many mentions as its own
//! principal over the group). A later report recalls the earlier event in
//! a sentence ("the team's second such arrest in a month"); the earlier
//! one cannot name the later one's person. Two groups about one event name
//! each other's principals, or one names the other's as often as its own
//! (the victim and the accused of one crime, the two sides of a meeting),
//! whichever person each group is most about.
//!
//! The rule needs two articles in each group ([`MIN_GROUP`]): one article
//! alone is weighed pair by pair by [`crate::similarity`] (the
//! `principal_person` signal), and a rule over a group is no stronger than
//! the articles that make its majority. It only keeps groups apart, so an
//! event holds what it held without it, or less; every decision goes
//! through the linkage's total order, so the result is still a function of
//! the set of articles.

use rustc_hash::FxHashMap;

use crate::profile::{EntityMap, Profile};
use crate::similarity::Weights;
use herald_model::EntityKind;

/// Articles a group needs before it says anything as a group.
pub(crate) const MIN_GROUP: u32 = 2;

/// The evidence of one group of articles (see the module header).
#[derive(Debug, Clone, Default)]
pub(crate) struct GroupEvidence<'a> {
    size: u32,
    /// Articles by their principal person (folded name).
    principals: FxHashMap<&'a str, u32>,
    /// Mentions of each person over the group's articles (folded name).
    persons: FxHashMap<&'a str, u32>,
}

impl<'a> GroupEvidence<'a> {
    /// The evidence of one article.
    pub(crate) fn of(p: &'a Profile) -> GroupEvidence<'a> {
        let mut g = GroupEvidence {
            size: 1,
            ..GroupEvidence::default()
        };
        if let Some(x) = &p.principal_person {
            g.principals.insert(x, 1);
        }
        g.persons.extend(persons(&p.entities));
        g
    }

    /// The evidence of this group and `other` together.
    pub(crate) fn absorb(&mut self, mut other: GroupEvidence<'a>) {
        // The larger maps stay: each name moves O(log n) times over a run.
        if other.persons.len() > self.persons.len() {
            std::mem::swap(&mut self.persons, &mut other.persons);
        }
        for (k, n) in other.persons {
            *self.persons.entry(k).or_default() += n;
        }
        if other.principals.len() > self.principals.len() {
            std::mem::swap(&mut self.principals, &mut other.principals);
        }
        for (k, n) in other.principals {
            *self.principals.entry(k).or_default() += n;
        }
        self.size += other.size;
    }

    /// The person more than half of the group's articles are about (at
    /// most one person can be).
    fn principal(&self) -> Option<&'a str> {
        self.principals
            .iter()
            .find(|(_, n)| **n * 2 > self.size)
            .map(|(k, _)| *k)
    }

    fn mentions(&self, person: &str) -> u32 {
        self.persons.get(person).copied().unwrap_or(0)
    }

    /// Whether the two groups say that they are two events (see the
    /// module header).
    pub(crate) fn apart(&self, other: &GroupEvidence, w: &Weights) -> bool {
        if !w.group_vetoes || self.size < MIN_GROUP || other.size < MIN_GROUP {
            return false;
        }
        let (Some(x), Some(y)) = (self.principal(), other.principal()) else {
            return false;
        };
        // `u` never names `d`'s principal, and `d` names `u`'s in passing.
        let one_sided = |u: &GroupEvidence, d: &GroupEvidence, pu: &str, pd: &str| {
            u.mentions(pd) == 0 && d.mentions(pu) * 2 < d.mentions(pd)
        };
        x != y && (one_sided(self, other, x, y) || one_sided(other, self, y, x))
    }
}

/// The folded names of the persons of an article's entities, with their
/// mentions.
fn persons(entities: &EntityMap) -> impl Iterator<Item = (&str, u32)> {
    entities
        .iter()
        .filter(|(_, e)| e.kind == EntityKind::Person)
        .map(|(k, e)| (k.as_str(), e.mentions))
}
