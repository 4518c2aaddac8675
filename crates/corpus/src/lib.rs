//! Everything across articles: name linking, similarity, events and
//! storylines.
//!
//! Per-article analysis (`herald-pipeline`) sees one article and the
//! knowledge base. This crate sees many: [`link`] gives one person one
//! canonical name across the articles it is given, through a [`LinkState`]
//! that can be saved and loaded (the store persists it); [`Profile`] is what
//! an article brings to a comparison, [`similarity`] scores and explains
//! the match of two articles, and [`group`] makes events and storylines of
//! a set of articles. The CLI, the server and a worker call the same code.
//! Pure: no IO, no clock.

mod events;
mod groups;
mod incremental;
mod link;
mod profile;
mod similarity;

pub use events::{
    Centroid, Grouping, KEY_TERMS, MAX_POSTINGS, POSTINGS_GUARD, Streamed, group, group_streamed,
    index_keys,
};
pub use incremental::{
    CentroidChanges, EventState, MissingCentroid, MissingProfile, PostingChanges, SourceError,
    StateSource, Update,
};
pub use link::{LinkState, Persons, link, rename_persons};
pub use profile::{
    EmbeddingSums, EntityFeature, EntityMap, Interner, MIN_CENTROID_ARTICLES, PERIOD_DAYS, Profile,
    Stats, Term, Terms, copy_keys, day_number, period_key, periods_of, resemblance, stable_hash,
    terms_of, weekday_of, words, year_of,
};
pub use similarity::{Mode, Prepared, Similarity, Weights, days_apart, similarity};

#[cfg(test)]
mod tests;
