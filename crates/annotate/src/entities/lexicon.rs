//! The word lists used as evidence, as hash sets: given names, titles,
//! organization and place cue words, function words that are capitalised
//! only at the start of a sentence, reporting verbs and nicknames. The
//! words are data (`data/lexicon/`, read through `crate::words`), one file
//! per language; the cues of every language are always on.
//!
//! Entries are lowercase; given names and nicknames are folded when `Lex`
//! builds its hash sets (once per knowledge base), the other lists are
//! looked up with a token's lowercase form.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::fold::fold;

/// The word lists as hash sets, built once per knowledge base.
#[derive(Debug, Clone)]
pub struct Lex {
    /// Folded given names.
    pub given: HashSet<String>,
    pub titles: HashSet<&'static str>,
    pub honorifics: HashSet<&'static str>,
    pub role_nouns: HashSet<&'static str>,
    pub org_words: HashSet<&'static str>,
    pub org_heads: HashSet<&'static str>,
    pub place_words: HashSet<&'static str>,
    pub place_preps: HashSet<&'static str>,
    pub report_verbs: HashSet<&'static str>,
    pub stop: HashSet<&'static str>,
    /// Articles and determiners of a language that capitalises its nouns.
    pub articles: HashSet<&'static str>,
    /// Title words that only modify a head title ("Foreign" in "Foreign
    /// Minister").
    pub title_modifiers: HashSet<&'static str>,
    /// Lowercase particles inside names ("de", "van", "bin").
    pub name_particles: HashSet<&'static str>,
    /// Lowercase words inside an organization's name ("of", "für").
    pub org_connectors: HashSet<&'static str>,
    /// Nouns that, after a capitalised place word, describe a person ("a
    /// Spiro man").
    pub descriptor_nouns: HashSet<&'static str>,
    /// Folded nickname pairs, both ways.
    pub nicknames: HashMap<String, Vec<String>>,
}

impl Default for Lex {
    fn default() -> Self {
        use crate::words::{NICKNAMES_TSV, entity_words, pairs};
        let set = |category: &str| entity_words(category).collect::<HashSet<_>>();
        let mut nicknames: HashMap<String, Vec<String>> = HashMap::default();
        for (a, b) in pairs(NICKNAMES_TSV).unwrap_or_default() {
            let (a, b) = (fold(a), fold(b));
            nicknames.entry(a.clone()).or_default().push(b.clone());
            nicknames.entry(b).or_default().push(a);
        }
        Lex {
            given: crate::words::given_names().names().map(fold).collect(),
            titles: set("title"),
            honorifics: set("honorific"),
            role_nouns: set("role_noun"),
            org_words: set("org_word"),
            org_heads: set("org_head"),
            place_words: set("place_word"),
            place_preps: set("place_prep"),
            report_verbs: set("report_verb"),
            stop: set("stop"),
            articles: set("article"),
            title_modifiers: set("title_modifier"),
            name_particles: set("name_particle"),
            org_connectors: set("org_connector"),
            descriptor_nouns: set("descriptor_noun"),
            nicknames,
        }
    }
}

impl Lex {
    /// Whether two folded given names may name the same person.
    pub fn nick(&self, a: &str, b: &str) -> bool {
        self.nicknames
            .get(a)
            .is_some_and(|v| v.iter().any(|x| x == b))
    }
}
