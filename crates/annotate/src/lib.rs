//! Annotation of clean article text: who, what, when, and from whom.
//!
//! Pure functions over a text (and the knowledge base), no IO, no clock, no
//! globals beyond static word tables. This crate depends only on
//! `herald-model` (never on `herald-clean`); `herald-pipeline` calls it once
//! an article's clean text is known, and `herald-corpus` reads its knowledge
//! base and name rules.
//!
//! - [`time`]: time expressions with TimeML values, the event date;
//! - [`entities`]: persons, organizations and places with canonical names,
//!   the knowledge base, the name rules that linking across articles uses;
//! - [`quotes`]: direct quotes with speaker, cue and via;
//! - [`provenance`]: cited outlets and the wire origin;
//! - [`tokens`]: the token layer the entity and quote finders share;
//! - [`words`]: word lists kept as data (`data/lexicon/`), shared by them.

pub mod entities;
pub mod provenance;
pub mod quotes;
pub mod time;
pub mod tokens;
pub mod words;

/// The built-in knowledge base (`data/kb/*.tsv`, format in
/// `data/kb/README.md`), compiled in: file name and text.
pub const BUILTIN_KB: &[(&str, &str)] = &[
    ("countries.tsv", include_str!("../data/kb/countries.tsv")),
    ("people.tsv", include_str!("../data/kb/people.tsv")),
    (
        "organizations.tsv",
        include_str!("../data/kb/organizations.tsv"),
    ),
    ("outlets.tsv", include_str!("../data/kb/outlets.tsv")),
    ("world.tsv", include_str!("../data/kb/world.tsv")),
];
