//! Entities: persons, organizations and places with one canonical name and
//! all their mentions, name variants across spellings and scripts resolved
//! through folding and the knowledge base, roles, and cross-article names.
//!
//! Flow of `find_entities`: `token` splits the text (char offsets, case,
//! sentence starts); `scan` finds runs of capitalised words and matches the
//! KB; `segment` splits runs into KB matches, demonyms, titles and unknown
//! names with their evidence, `context` adds what surrounds them (reporting
//! verbs, appositions, "the Russian foreign minister", "a Brooklyn mother");
//! `resolve` groups candidates into entities (KB entries, full names,
//! surnames, role phrases resolved to office holders in `year`). `link` then
//! gives a person one canonical name across articles. `fold` makes the
//! matching keys, `kb` parses the TSV knowledge base, `lexicon` holds the
//! word lists, `hash` a fast hasher for the tables.
//!
//! Everything is pure: the knowledge base comes in as text
//! (`Kb::parse_tsv`, the caller does `include_str!`), no IO, no globals
//! besides static word lists. Entities come out persons first (most
//! mentioned first), then organizations, places and others in text order.

mod context;
mod fold;
mod kb;
mod lexicon;
mod link;
mod resolve;
mod scan;
mod segment;
mod token;

#[cfg(test)]
mod tests;

pub use fold::fold;
pub use kb::{Kb, KbEntry, KbError, KbKind, Office};
pub use link::{NameRegistry, link};

use herald_model::Entity;

/// Finds the entities of `text` (see the module header). `lang` is the
/// article's ISO 639-1 language (unused for now: the cues of the main
/// languages are always on); `year` selects office holders in the KB.
/// Offsets in the mentions count chars of `text`.
pub fn find_entities(text: &str, lang: &str, kb: &Kb, year: Option<i32>) -> Vec<Entity> {
    let _ = lang;
    let toks = token::tokenize(text);
    let st = scan::stats(&toks);
    let mut cands = segment::candidates(text, &toks, &st, kb, year);
    cands.extend(scan::cjk_cands(text, kb));
    resolve::resolve(text, cands, kb, year)
}
