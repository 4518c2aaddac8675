//! The quote attributor's word tables, typed. The words themselves are data:
//! `data/lexicon/quotes-LL.tsv`, one file per language (en, fr, es, de, ru;
//! `crate::words::QUOTE_WORDS`), each explaining its categories at its top.
//! They are parsed once, on first use, into [`Tables`], the union of all
//! languages (the words of every language are always on), with hash lookups
//! on the lowercased word. Every file is checked by the tests below: a bad
//! line is an error with its number, and a list that failed to load would
//! leave the tables empty, which the tests catch.
//!
//! What is where, by category of the files and field of [`Tables`]:
//! - reporting verbs: `cue` ([`Tables::cues`]), `weak_cue`, `source_prep`
//!   (with the words one of which must follow: "according to"), `nounish`,
//!   `cue_particle` (a cue and the particles taken into it: "pointed out"),
//!   and the words around them: `filler` (auxiliaries and adverbs before a
//!   cue), `cue_aux` (those of them taken into the cue), `after_cue_skip`,
//!   `statement_noun`;
//! - speaker phrases: `pronoun` (with its gender), `determiner`, `title`
//!   (with the gender it implies), `role` (a role noun and the role words
//!   it may stand for), `group_noun`, `demonym_ending`, `np_stop`,
//!   `intro_word`, `intro_conj`;
//! - names: `org_word`, `outlet_word`, `not_name`, `particle`, `calendar`,
//!   `title_of`.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::words::{QUOTE_WORDS, Row, WordListError, rows};

/// The categories of `quotes-LL.tsv`.
pub(super) const CATEGORIES: &[&str] = &[
    "cue",
    "source_prep",
    "weak_cue",
    "nounish",
    "cue_particle",
    "statement_noun",
    "filler",
    "cue_aux",
    "after_cue_skip",
    "pronoun",
    "determiner",
    "title",
    "role",
    "group_noun",
    "org_word",
    "outlet_word",
    "not_name",
    "particle",
    "demonym_ending",
    "np_stop",
    "intro_word",
    "intro_conj",
    "calendar",
    "title_of",
];

/// A set of lowercase words.
pub(super) type Words = FxHashSet<&'static str>;

/// The word tables of all languages.
#[derive(Debug, Default)]
pub(super) struct Tables {
    /// Reporting verbs that introduce or follow a quote; participles after
    /// an auxiliary ("a déclaré", "ha dicho") are listed bare.
    pub cues: Words,
    /// Prepositions citing a source ("according", "selon", "по"), with the
    /// words one of which must follow ("to"; "словам", "данным"), none when
    /// the word alone is the preposition: a cue among them needs a name
    /// after it.
    pub source_preps: FxHashMap<&'static str, Vec<&'static str>>,
    /// Cues only when the quote follows as their complement ("called it a
    /// “disgrace”"); never an inverted cue after a quote.
    pub weak_cues: Words,
    /// Reporting verbs that are also nouns ("Republican claims"): cues only
    /// before "that", a colon, a comma or the quote.
    pub nounish: Words,
    /// Cues with the particles that complete them, taken into the cue
    /// ("pointed out", "went on").
    pub cue_particles: FxHashMap<&'static str, Vec<&'static str>>,
    /// Nouns after which a participle reports speech ("a statement calling").
    pub statement_nouns: Words,
    /// Auxiliaries and adverbs between a subject and its cue ("has said",
    /// "also told", "a déclaré", "hat gesagt").
    pub fillers: Words,
    /// Auxiliaries and adverbs taken into the cue right after them ("has
    /// said", "a déclaré", "also told").
    pub cue_aux: Words,
    /// Words after a cue that do not name the speaker ("said on Tuesday").
    pub after_cue_skip: Words,
    /// Subject pronouns with their gender: 'm', 'f', 'p' (plural or group),
    /// 'n' (a speaker of unknown gender: "I", "we").
    pub pronouns: FxHashMap<&'static str, char>,
    /// Determiners and possessives opening a description ("the", "his", "le").
    pub determiners: Words,
    /// Person titles written before a name, with the gender the title
    /// implies ('m', 'f' or '-'); "mr" matches "Mr" and "Mr." (the period is
    /// a token of its own).
    pub titles: FxHashMap<&'static str, char>,
    /// Head nouns of a role description, with the role words they may stand
    /// for ("the Chinese leader" may be the person introduced as
    /// "President").
    pub roles: FxHashMap<&'static str, Vec<&'static str>>,
    /// Plural nouns that head a lowercase description of a speaker
    /// ("police", "officials said").
    pub group_nouns: Words,
    /// Words that make a capitalised phrase an organisation, not a person.
    pub org_words: Words,
    /// Words that mark a capitalised phrase as a media outlet ("Foreign
    /// Policy magazine", "The Daily Beast").
    pub outlet_words: Words,
    /// Capitalised words that start sentences but are never names.
    pub not_names: Words,
    /// Lowercase particles inside a name ("Charles de Gaulle").
    pub particles: Words,
    /// Endings of demonyms and place adjectives that qualify a role
    /// ("Russian Foreign Minister").
    pub demonym_endings: Vec<&'static str>,
    /// Lowercase words that end a speaker phrase.
    pub np_stop: Words,
    /// Words opening a sentence with an adverbial before its subject.
    pub intro_words: Words,
    /// Conjunctions and adverbs opening a sentence before its adverbial or
    /// subject ("But in a statement, ...").
    pub intro_conj: Words,
    /// Month and weekday names, which end a capitalised run.
    pub calendar: Words,
    /// Words that may follow "Secretary of" / "Minister of" inside a title.
    pub title_of: Words,
}

/// A line of one of the files that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("quotes-{lang}.tsv: {error}")]
pub(super) struct TablesError {
    pub lang: &'static str,
    pub error: WordListError,
}

impl Tables {
    /// The tables of `files` (language, text), merged.
    pub(super) fn parse(files: &[(&'static str, &'static str)]) -> Result<Tables, TablesError> {
        let mut t = Tables::default();
        for &(lang, text) in files {
            t.add(text).map_err(|error| TablesError { lang, error })?;
        }
        // The entity finder's titles and honorifics ("Foreign Minister",
        // "Sen.") are titles here too: one list for both, the quote files
        // adding only the genders and the words a speaker phrase alone
        // takes as titles ("former", the German genitives).
        for c in ["title", "honorific"] {
            for w in crate::words::entity_words(c) {
                t.titles.entry(w).or_insert('-');
            }
        }
        // The entity finder's function words, capitalised only at the start
        // of a sentence ("Gestern sagte Merkel"), name no speaker either:
        // one list for both.
        // A word the quote tables give a role of their own (a pronoun, a
        // cue, "so" and "laut" before a source) keeps that role.
        let stop: Vec<&'static str> = crate::words::entity_words("stop")
            .filter(|w| {
                let sets = [
                    &t.cues,
                    &t.weak_cues,
                    &t.nounish,
                    &t.statement_nouns,
                    &t.fillers,
                    &t.cue_aux,
                    &t.after_cue_skip,
                    &t.determiners,
                    &t.group_nouns,
                    &t.particles,
                    &t.np_stop,
                    &t.intro_words,
                    &t.intro_conj,
                    &t.calendar,
                    &t.title_of,
                ];
                !sets.iter().any(|s| s.contains(w))
                    && !t.pronouns.contains_key(w)
                    && !t.titles.contains_key(w)
                    && !t.roles.contains_key(w)
                    && !t.source_preps.contains_key(w)
                    && !t.cue_particles.contains_key(w)
            })
            .collect();
        t.not_names.extend(stop);
        Ok(t)
    }

    /// Adds the words of one file. Checks the category, the columns, the
    /// value, that words are lowercase and have no spaces, that the file
    /// lists a word once in a category, that a word has the same gender in
    /// every file, and that a source preposition needs a follower in every
    /// file or in none.
    fn add(&mut self, text: &'static str) -> Result<(), WordListError> {
        let mut seen: FxHashSet<(&str, &str)> = FxHashSet::default();
        for row in rows(text)? {
            let Row { category, word, .. } = row;
            if !CATEGORIES.contains(&category) {
                return Err(row.error(format!("unknown category {category:?}")));
            }
            check_word(&row, word)?;
            if !seen.insert((category, word)) {
                return Err(row.error(format!("{word:?} is listed twice in {category}")));
            }
            let with_value = match category {
                "pronoun" | "title" | "role" | "cue_particle" => Some(true),
                "source_prep" => None,
                _ => Some(false),
            };
            let value = match (row.value, with_value) {
                (Some(v), Some(true) | None) => v,
                (None, Some(false) | None) => "",
                (None, Some(true)) => {
                    return Err(row.error(format!("{category} needs a third column")));
                }
                (Some(_), Some(false)) => {
                    return Err(row.error(format!("{category} takes no third column")));
                }
            };
            match category {
                "pronoun" => {
                    let g = gender(&row, value, "mfpn")?;
                    same_gender(&row, self.pronouns.insert(word, g), g)?;
                }
                "title" => {
                    let g = gender(&row, value, "mf-")?;
                    same_gender(&row, self.titles.insert(word, g), g)?;
                }
                "role" => add_words(&row, self.roles.entry(word).or_default(), value)?,
                "cue_particle" => {
                    add_words(&row, self.cue_particles.entry(word).or_default(), value)?;
                }
                "source_prep" => {
                    let before = self.source_preps.get(word).map(Vec::is_empty);
                    if before.is_some_and(|alone| alone != value.is_empty()) {
                        return Err(row.error(format!(
                            "{word:?} needs a following word in one file and not in another"
                        )));
                    }
                    let next = self.source_preps.entry(word).or_default();
                    if !value.is_empty() {
                        add_words(&row, next, value)?;
                    }
                }
                "demonym_ending" => {
                    if !self.demonym_endings.contains(&word) {
                        self.demonym_endings.push(word);
                    }
                }
                _ => {
                    if let Some(set) = self.set_mut(category) {
                        set.insert(word);
                    }
                }
            }
        }
        Ok(())
    }

    /// The set of a category of plain words.
    fn set_mut(&mut self, category: &str) -> Option<&mut Words> {
        Some(match category {
            "cue" => &mut self.cues,
            "weak_cue" => &mut self.weak_cues,
            "nounish" => &mut self.nounish,
            "statement_noun" => &mut self.statement_nouns,
            "filler" => &mut self.fillers,
            "cue_aux" => &mut self.cue_aux,
            "after_cue_skip" => &mut self.after_cue_skip,
            "determiner" => &mut self.determiners,
            "org_word" => &mut self.org_words,
            "outlet_word" => &mut self.outlet_words,
            "not_name" => &mut self.not_names,
            "particle" => &mut self.particles,
            "np_stop" => &mut self.np_stop,
            "intro_word" => &mut self.intro_words,
            "intro_conj" => &mut self.intro_conj,
            "group_noun" => &mut self.group_nouns,
            "calendar" => &mut self.calendar,
            "title_of" => &mut self.title_of,
            _ => return None,
        })
    }
}

/// Adds the words of `value`, separated by single spaces, to `to`: each
/// is checked and listed once on the line; words already there stay once.
fn add_words(
    row: &Row,
    to: &mut Vec<&'static str>,
    value: &'static str,
) -> Result<(), WordListError> {
    let mut own = Vec::new();
    for w in value.split(' ') {
        check_word(row, w)?;
        if own.contains(&w) {
            return Err(row.error(format!("{w:?} is listed twice for {:?}", row.word)));
        }
        own.push(w);
        if !to.contains(&w) {
            to.push(w);
        }
    }
    Ok(())
}

/// A word is looked up lowercased and is one word.
fn check_word(row: &Row, w: &str) -> Result<(), WordListError> {
    if w.is_empty() || w.contains(char::is_whitespace) || w != w.to_lowercase() {
        return Err(row.error(format!("{w:?} is not one lowercase word")));
    }
    Ok(())
}

/// The gender in `value`, one of `allowed`.
fn gender(row: &Row, value: &str, allowed: &str) -> Result<char, WordListError> {
    let mut chars = value.chars();
    match (chars.next(), chars.next()) {
        (Some(g), None) if allowed.contains(g) => Ok(g),
        _ => {
            let list: Vec<String> = allowed.chars().map(String::from).collect();
            Err(row.error(format!(
                "gender {value:?} is not one of {}",
                list.join(", ")
            )))
        }
    }
}

/// The same word has the same gender in every file.
fn same_gender(row: &Row, before: Option<char>, g: char) -> Result<(), WordListError> {
    match before {
        Some(b) if b != g => Err(row.error(format!(
            "{:?} has gender {g} here and {b} in another file",
            row.word
        ))),
        _ => Ok(()),
    }
}

/// The built-in tables, parsed on first use (an unreadable file would
/// leave them empty rather than fail an analysis; the tests check them).
pub(super) fn tables() -> &'static Tables {
    static TABLES: LazyLock<Tables> =
        LazyLock::new(|| Tables::parse(QUOTE_WORDS).unwrap_or_default());
    &TABLES
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each built-in file, parsed alone.
    fn each_file() -> impl Iterator<Item = (&'static str, Tables)> {
        QUOTE_WORDS.iter().map(|&(lang, text)| {
            let t = Tables::parse(&[(lang, text)]).unwrap_or_else(|e| panic!("{e}"));
            (lang, t)
        })
    }

    #[test]
    fn every_file_parses_with_known_categories() {
        let langs: Vec<&str> = QUOTE_WORDS.iter().map(|(l, _)| *l).collect();
        assert_eq!(langs, ["en", "fr", "es", "de", "ru"]);
        for (lang, t) in each_file() {
            assert!(!t.cues.is_empty(), "quotes-{lang}.tsv has no cue");
        }
        Tables::parse(QUOTE_WORDS).unwrap_or_else(|e| panic!("{e}"));
        // Every category is used by some file.
        let mut used = FxHashSet::default();
        for &(lang, text) in QUOTE_WORDS {
            for row in rows(text).unwrap_or_else(|e| panic!("quotes-{lang}.tsv: {e}")) {
                assert!(CATEGORIES.contains(&row.category), "{lang}: {row:?}");
                used.insert(row.category);
            }
        }
        for c in CATEGORIES {
            assert!(used.contains(c), "no file lists a word of {c}");
        }
    }

    #[test]
    fn the_built_in_tables_are_loaded() {
        let t = tables();
        for w in [
            "said",
            "told",
            "déclaré",
            "dicho",
            "gesagt",
            "сказал",
            "selon",
        ] {
            assert!(t.cues.contains(w), "{w}");
        }
        for w in ["called", "states"] {
            assert!(t.cues.contains(w) && t.weak_cues.contains(w), "{w}");
        }
        assert!(t.fillers.contains("a") && t.fillers.contains("hat"));
        for w in [
            "a", "has", "had", "ha", "hat", "have", "also", "then", "later",
        ] {
            assert!(t.cue_aux.contains(w), "{w}");
        }
        assert_eq!(t.cue_aux.len(), 9);
        assert_eq!(t.cue_particles["pointed"], ["out", "on"]);
        assert_eq!(t.cue_particles["went"], ["out", "on"]);
        assert_eq!(t.cue_particles.len(), 2);
        assert_eq!(t.pronouns.get("dit-elle"), Some(&'f'));
        assert_eq!(t.pronouns.get("они"), Some(&'p'));
        assert_eq!(t.titles.get("mr"), Some(&'m'));
        assert_eq!(t.titles.get("bundeskanzlerin"), Some(&'f'));
        assert_eq!(t.titles.get("президент"), Some(&'-'));
        // From the entity titles alone.
        assert_eq!(t.titles.get("oberbürgermeister"), Some(&'-'));
        assert_eq!(
            t.roles.get("leader").map(Vec::as_slice),
            Some(
                &[
                    "president",
                    "premier",
                    "chancellor",
                    "prime",
                    "king",
                    "leader",
                    "chairman",
                    "head"
                ][..]
            )
        );
        assert!(t.org_words.contains("ministerium") && t.outlet_words.contains("times"));
        assert!(t.not_names.contains("the") && t.particles.contains("von"));
        assert_eq!(t.demonym_endings, ["an", "ese", "ish", "ian", "ic", "i"]);
        assert!(t.np_stop.contains("который") && t.intro_words.contains("according"));
        let mut conj: Vec<&str> = t.intro_conj.iter().copied().collect();
        conj.sort_unstable();
        assert_eq!(
            conj,
            [
                "also", "and", "but", "now", "or", "so", "still", "then", "yet"
            ]
        );
        assert!(t.group_nouns.contains("police") && t.group_nouns.contains("supporters"));
        assert_eq!(t.group_nouns.len(), 14);
        assert!(t.calendar.contains("monday") && t.title_of.contains("homeland"));
        assert!(t.determiners.contains("l’"));
        // The source prepositions, with the words that must follow.
        let mut preps: Vec<(&str, &[&str])> = t
            .source_preps
            .iter()
            .map(|(w, next)| (*w, next.as_slice()))
            .collect();
        preps.sort_unstable();
        assert_eq!(
            preps,
            [
                ("according", &["to"][..]),
                ("d'après", &[]),
                ("d’après", &[]),
                ("laut", &[]),
                ("según", &[]),
                ("selon", &[]),
                ("по", &["словам", "данным"]),
            ]
        );
        assert!(t.nounish.contains("claims") && t.statement_nouns.contains("statement"));
        assert!(t.after_cue_skip.contains("yesterday"));
    }

    #[test]
    fn the_union_of_the_files_is_the_tables() {
        let all = tables();
        let mut cues = Words::default();
        let mut titles = FxHashMap::default();
        for (_, t) in each_file() {
            cues.extend(&t.cues);
            // Every file's tables hold the entity titles, of either gender
            // unless a quote file gives one.
            for (&w, &g) in &t.titles {
                let e = titles.entry(w).or_insert(g);
                if *e == '-' {
                    *e = g;
                }
            }
        }
        assert_eq!(&cues, &all.cues);
        assert_eq!(&titles, &all.titles);
        // A word shared by two languages counts once.
        assert!(all.determiners.contains("la") && all.determiners.contains("un"));
    }

    /// `check(text, line, message part)`: the file `text` fails at `line`.
    fn check(text: &'static str, line: usize, message: &str) {
        let err = Tables::parse(&[("xx", text)]).expect_err(text);
        assert_eq!(err.lang, "xx");
        assert_eq!(err.error.line, line, "{text:?}: {err}");
        assert!(err.to_string().contains(message), "{text:?}: {err}");
        assert!(err.to_string().starts_with("quotes-xx.tsv: line "), "{err}");
    }

    #[test]
    fn bad_lines_are_named() {
        check(
            "# c\ncue\tsaid\nverb\tsaid\n",
            3,
            "unknown category \"verb\"",
        );
        check("cue\tsaid\ncue\tsaid\n", 2, "listed twice in cue");
        check("cue\tSaid\n", 1, "not one lowercase word");
        check("cue\tsaid\tx\n", 1, "cue takes no third column");
        check("title\tmr\n", 1, "title needs a third column");
        check("title\tmr\tx\n", 1, "gender \"x\" is not one of m, f, -");
        check("pronoun\the\t-\n", 1, "is not one of m, f, p, n");
        check("pronoun\the\tmf\n", 1, "gender \"mf\"");
        check(
            "role\thead\tchief  leader\n",
            1,
            "\"\" is not one lowercase word",
        );
        check("role\thead\tchief Leader\n", 1, "\"Leader\"");
        check(
            "cue_particle\tpointed\n",
            1,
            "cue_particle needs a third column",
        );
        check(
            "cue_particle\tpointed\tout out\n",
            1,
            "\"out\" is listed twice for \"pointed\"",
        );
        check(
            "source_prep\tpo\tslovam  dannym\n",
            1,
            "\"\" is not one lowercase word",
        );
        check("cue_aux\thas\tx\n", 1, "cue_aux takes no third column");
        check(
            "role\thead\tchief chief\n",
            1,
            "\"chief\" is listed twice for \"head\"",
        );
        check("cue\n", 1, "two or three tab-separated columns");
        let err = Tables::parse(&[("en", "title\tdame\tf\n"), ("fr", "\ntitle\tdame\tm\n")])
            .expect_err("two genders");
        assert_eq!((err.lang, err.error.line), ("fr", 2), "{err}");
        let err = Tables::parse(&[
            ("en", "source_prep\tpo\n"),
            ("ru", "source_prep\tpo\tslovam\n"),
        ])
        .expect_err("alone and not");
        assert_eq!((err.lang, err.error.line), ("ru", 1), "{err}");
        assert!(err.to_string().contains("needs a following word"), "{err}");
    }

    #[test]
    fn files_merge() {
        let t = Tables::parse(&[
            (
                "en",
                "cue\tsaid\nrole\thead\tchief leader\ntitle\tdr\t-\nsource_prep\tpo\tslovam\n",
            ),
            (
                "de",
                "cue\tsaid\nrole\thead\tleiter chief\ntitle\tdr\t-\nsource_prep\tpo\tdannym\n",
            ),
        ])
        .expect("parses");
        assert_eq!(t.cues.len(), 1);
        assert_eq!(t.roles["head"], ["chief", "leader", "leiter"]);
        assert_eq!(t.source_preps["po"], ["slovam", "dannym"]);
        assert_eq!(t.titles["dr"], '-');
    }
}
