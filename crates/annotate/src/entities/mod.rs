//! Entities: persons, organizations and places with one canonical name and
//! all their mentions, name variants across spellings and scripts resolved
//! through folding and the knowledge base, roles, and cross-article names.
//!
//! Flow of `find_entities`: `token` splits the text (char offsets, case,
//! sentence starts); `scan` finds runs of capitalised words and matches the
//! KB; `segment` splits runs into KB matches, demonyms, titles and unknown
//! names with their evidence, `context` adds what surrounds them (reporting
//! verbs, appositions, "the Russian foreign minister", "a Brooklyn mother");
//! `caseless` finds names in Arabic and Hebrew script, which have no
//! capitals, and
//! `chinese` Chinese persons by their surname and title;
//! `resolve` groups candidates into entities (KB entries, full names,
//! surnames, role phrases resolved to office holders in `year`). Linking
//! across articles is not here: `herald-corpus` does it, with the rules of
//! [`names`]. `fold` makes the matching keys, `kb` parses the TSV knowledge
//! base, `lexicon` holds the word lists.
//!
//! Everything is pure: the knowledge base comes in as text
//! (`Kb::parse_tsv`, the caller does `include_str!`), no IO, no globals
//! besides static word lists. Entities come out persons first (most
//! mentioned first), then organizations, places and others in text order.

mod caseless;
mod chinese;
mod context;
mod fold;
mod kb;
mod lexicon;
mod resolve;
mod scan;
mod segment;

#[cfg(test)]
mod tests;

pub use caseless::is_report_verb;
pub use fold::fold;
pub use kb::{Kb, KbEntry, KbError, KbKind, Office};

/// The rules about person names that linking across articles shares with
/// the per-article resolver.
pub mod names {
    pub use super::lexicon::Lex;
    pub use super::resolve::{edit_distance, given_compatible, pre_surname, surname};
}
use herald_model::{Entity, EntityKind};
use rustc_hash::FxHashMap as HashMap;

/// Finds the entities of `text` (see the module header). `lang` is the
/// article's ISO 639-1 language: the cues of every language are always on,
/// but in German, which capitalises every noun, one capitalised word after
/// an article is a noun; `year` selects office holders in the KB. Offsets
/// in the mentions count chars of `text`.
pub fn find_entities(text: &str, lang: &str, kb: &Kb, year: Option<i32>) -> Vec<Entity> {
    find_entities_in(
        text,
        &crate::tokens::tokenize_in(text, lang),
        lang,
        kb,
        year,
    )
}

/// [`find_entities`] over the text's tokens, made once for every finder
/// that reads them (`crate::tokens::tokenize_in(text, lang)`).
pub fn find_entities_in(
    text: &str,
    toks: &[crate::tokens::Tok],
    lang: &str,
    kb: &Kb,
    year: Option<i32>,
) -> Vec<Entity> {
    let st = scan::stats(toks);
    let mut cands = segment::candidates(text, toks, &st, kb, year, lang == "de");
    let cjk = scan::cjk_cands(text, kb);
    let taken: Vec<(usize, usize)> = cjk.iter().map(|c| (c.bstart, c.bend)).collect();
    cands.extend(cjk);
    let persons = chinese::candidates(text, &taken);
    let mut taken = taken;
    taken.extend(persons.iter().map(|c| (c.bstart, c.bend)));
    cands.extend(persons);
    cands.extend(chinese::organizations(text, &taken));
    cands.extend(caseless::candidates(text, kb, &caseless::ARABIC));
    cands.extend(caseless::candidates(text, kb, &caseless::HEBREW));
    let mut ents = resolve::resolve(text, cands, kb, year);
    if kb_single_names(&mut ents, kb) {
        merge_same_name(&mut ents);
    }
    ents
}

/// A person the article names by one word only ("Lavrov", "Xi") takes the
/// full name of the one knowledge-base person that word names, as surname
/// or one-word alias; a word two known persons answer to stays as it is.
/// Returns whether a name changed.
fn kb_single_names(ents: &mut [Entity], kb: &Kb) -> bool {
    let mut changed = false;
    for e in ents.iter_mut().filter(|e| e.kind == EntityKind::Person) {
        let key = fold(&e.name);
        if key.contains(' ') || key.chars().count() < 2 {
            continue;
        }
        let aliases = kb.by_alias(&key);
        let mut names = aliases
            .iter()
            .chain(kb.by_surname(&key))
            .filter_map(|&id| kb.entry(id))
            .filter(|k| k.kind == KbKind::Person && fold(&k.name).contains(' '))
            .map(|k| k.name.as_str());
        let Some(first) = names.next() else { continue };
        if names.all(|n| n == first) && e.name != first {
            e.name = first.to_string();
            changed = true;
        }
    }
    changed
}

/// Entities of one article that ended with the same name and kind become
/// one (mentions merged in text order); persons with more mentions first.
pub fn merge_same_name(ents: &mut Vec<Entity>) {
    let mut seen: HashMap<(String, bool), usize> = HashMap::default();
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
    // Stable: persons by mentions, the others in their order.
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
