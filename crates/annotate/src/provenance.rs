//! Provenance: the news agencies and outlets an article cites
//! (`cited_sources`) and the wire agency its text comes from (`origin`).
//!
//! Rules:
//! - an outlet is *cited* when one of its names appears right after a
//!   citing cue ("according to", "told", "reports", "information from",
//!   "Source:", "Photo:", "published by", "interview with", "via") or right
//!   before "reports"/"reported"/"said"; removed furniture (photo credits,
//!   "Source: CCTV") counts, since it is the page's own attribution;
//! - the *origin* is the agency named in a copyright line ("© (2024)
//!   Agence France-Presse", "Copyright Reuters"), else in a dateline near
//!   the start ("NAIROBI, Kenya (AP) _", "(Reuters) -", "MOSCOW, April 9
//!   (RIA Novosti) -"), else a Reuters-style "(Reporting by ...)" credit.
//!   A byline or reporter bio does not change it.
//!
//! Names are matched on word boundaries; all-caps acronyms case-sensitively.

use std::sync::LazyLock;

use crate::words::WordListError;

/// A news outlet of the knowledge base (`outlet` rows; `news agency` in
/// the role column marks wire agencies), with its names ready to search.
#[derive(Debug, Clone)]
pub struct Outlet {
    pub name: String,
    pub wire: bool,
    /// The name and all aliases, each with its searcher built once.
    patterns: Vec<Pattern>,
}

impl Outlet {
    pub fn new(name: String, wire: bool, aliases: impl IntoIterator<Item = String>) -> Outlet {
        let patterns = aliases.into_iter().map(Pattern::new).collect();
        Outlet {
            name,
            wire,
            patterns,
        }
    }
}

/// One name of an outlet.
#[derive(Debug, Clone)]
struct Pattern {
    alias: String,
    /// Acronyms (no lowercase letter) match case-sensitively, other names not.
    acronym: bool,
    /// A lowercase end glued to a capital ("World timeThe", scraped text
    /// that lost a space) is a boundary too.
    last_lower: bool,
}

impl Pattern {
    fn new(alias: String) -> Pattern {
        Pattern {
            acronym: alias.chars().all(|c| !c.is_lowercase()),
            last_lower: alias.chars().next_back().is_some_and(char::is_lowercase),
            alias,
        }
    }
}

/// The outlet table with every name in one automaton: a text is scanned
/// once, not once per name.
#[derive(Debug, Clone)]
pub struct Outlets {
    list: Vec<Outlet>,
    /// Lowercase names, searched in the lowercase text (see [`Haystack`]);
    /// acronyms are then checked against the text as written.
    folded: Automaton,
    /// Names as written, for texts whose lowercase form changes length.
    exact: Automaton,
    /// Number of names of all outlets.
    patterns: usize,
}

/// Distinct needles and the names each stands for: (outlet, pattern,
/// index of the name among all names).
#[derive(Debug, Clone)]
struct Automaton {
    ac: Option<aho_corasick::AhoCorasick>,
    owners: Vec<Vec<(usize, usize, usize)>>,
}

impl Automaton {
    fn new(
        list: &[Outlet],
        needle: impl Fn(&Pattern) -> String,
        kind: aho_corasick::AhoCorasickKind,
    ) -> Automaton {
        let mut needles: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<(usize, usize, usize)>> = Vec::new();
        let mut flat = 0;
        for (o, outlet) in list.iter().enumerate() {
            for (p, pattern) in outlet.patterns.iter().enumerate() {
                let n = needle(pattern);
                if !n.is_empty() {
                    match needles.iter().position(|x| *x == n) {
                        Some(i) => owners[i].push((o, p, flat)),
                        None => {
                            needles.push(n);
                            owners.push(vec![(o, p, flat)]);
                        }
                    }
                }
                flat += 1;
            }
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::Standard)
            .kind(Some(kind))
            .build(&needles)
            .ok();
        Automaton { ac, owners }
    }
}

impl Outlets {
    /// The outlets of a knowledge base: its `outlet` rows, with `news
    /// agency` in the role column marking wire agencies.
    pub fn of_kb(kb: &crate::entities::Kb) -> Outlets {
        let list = kb
            .entries()
            .iter()
            .filter(|e| e.kind == crate::entities::KbKind::Outlet)
            .map(|e| {
                Outlet::new(
                    e.name.clone(),
                    e.offices.iter().any(|o| o.role == "news agency"),
                    std::iter::once(e.name.clone()).chain(e.aliases.iter().cloned()),
                )
            })
            .collect();
        Outlets::new(list)
    }

    pub fn new(list: Vec<Outlet>) -> Outlets {
        use aho_corasick::AhoCorasickKind::{ContiguousNFA, DFA};
        // The lowercase names serve nearly every text: a DFA, one transition
        // per byte. The names as written serve the rare text whose lowercase
        // form changes length: an NFA, cheaper to build.
        let folded = Automaton::new(&list, |p| p.alias.to_lowercase(), DFA);
        let exact = Automaton::new(&list, |p| p.alias.clone(), ContiguousNFA);
        let patterns = list.iter().map(|o| o.patterns.len()).sum();
        Outlets {
            list,
            folded,
            exact,
            patterns,
        }
    }

    pub fn list(&self) -> &[Outlet] {
        &self.list
    }

    /// Every occurrence of every name on word boundaries, as (outlet,
    /// pattern, byte offset), sorted. For each name the occurrences are the
    /// leftmost non-overlapping ones, as a search for that name alone
    /// would find them.
    fn occurrences(&self, hay: &Haystack<'_>) -> Vec<(usize, usize, usize)> {
        let text = hay.text;
        let mut out = Vec::new();
        let (auto, searched) = match hay.lower.as_deref() {
            Some(lower) => (&self.folded, lower),
            None => (&self.exact, text),
        };
        let Some(ac) = &auto.ac else {
            return out;
        };
        let mut next_from = vec![0usize; self.patterns];
        for m in ac.find_overlapping_iter(searched) {
            let (at, end) = (m.start(), m.end());
            let before_ok = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let next = text.get(end..).and_then(|r| r.chars().next());
            for &(o, p, flat) in &auto.owners[m.pattern().as_usize()] {
                let pattern = &self.list[o].patterns[p];
                // An acronym is found only as written.
                if at < next_from[flat]
                    || (pattern.acronym
                        && text.as_bytes().get(at..end) != Some(pattern.alias.as_bytes()))
                {
                    continue;
                }
                next_from[flat] = end;
                let after_ok = next.is_none_or(|c| {
                    !c.is_alphanumeric() || (pattern.last_lower && c.is_uppercase())
                });
                if before_ok && after_ok {
                    out.push((o, p, at));
                }
            }
        }
        out.sort_unstable();
        out
    }
}

/// The citing cues of `data/lexicon/provenance.tsv`: those before an
/// outlet's name, then those after it (lowercase).
#[derive(Default)]
struct Cues {
    before: Vec<&'static str>,
    after: Vec<&'static str>,
}

const CUES_TSV: &str = include_str!("../data/lexicon/provenance.tsv");

impl Cues {
    fn parse(text: &'static str) -> Result<Cues, WordListError> {
        let mut c = Cues::default();
        for row in crate::words::rows(text)? {
            let list = match (row.category, row.value) {
                ("before", None) => &mut c.before,
                ("after", None) => &mut c.after,
                _ => return Err(row.error("expected before|after<TAB>CUE".into())),
            };
            if row.word.chars().any(char::is_uppercase) {
                return Err(row.error(format!("{:?} is not lowercase", row.word)));
            }
            list.push(row.word);
        }
        Ok(c)
    }
}

/// The cues (checked by a test; an unreadable file would leave provenance
/// without cited sources rather than fail an analysis).
static CUES: LazyLock<Cues> = LazyLock::new(|| Cues::parse(CUES_TSV).unwrap_or_default());
/// A text with its lowercase form, computed once for all names.
struct Haystack<'a> {
    text: &'a str,
    /// Lowercase text, when lowercasing keeps every character's length, so
    /// that byte offsets carry over (else `None`).
    lower: Option<String>,
}

impl<'a> Haystack<'a> {
    fn new(text: &'a str) -> Haystack<'a> {
        let mut lower = text.to_string();
        lower.make_ascii_lowercase();
        // Offsets carry over when every other character is its own lowercase
        // (quotation marks and dashes are), else only when each keeps its
        // length.
        let same = |c: char| c.is_ascii() || c.to_lowercase().eq(std::iter::once(c));
        if text.is_ascii() || text.chars().all(same) {
            return Haystack {
                text,
                lower: Some(lower),
            };
        }
        lower.clear();
        for c in text.chars() {
            let at = lower.len();
            lower.extend(c.to_lowercase());
            if lower.len() - at != c.len_utf8() {
                return Haystack { text, lower: None };
            }
        }
        Haystack {
            text,
            lower: Some(lower),
        }
    }
}

/// Whether `hay` contains `needle` (ASCII) ignoring ASCII case.
fn contains_ascii_ci(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return true;
    };
    let (lo, up) = (first.to_ascii_lowercase(), first.to_ascii_uppercase());
    memchr::memchr2_iter(lo, up, h).any(|i| {
        h.get(i..i + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

fn window_before(text: &str, at: usize, chars: usize) -> String {
    let start = text[..at]
        .char_indices()
        .rev()
        .nth(chars - 1)
        .map_or(0, |(i, _)| i);
    text[start..at].to_lowercase()
}

fn window_after(text: &str, end: usize, chars: usize) -> String {
    let rest = &text[end..];
    let stop = rest
        .char_indices()
        .nth(chars)
        .map_or(rest.len(), |(i, _)| i);
    rest[..stop].to_lowercase()
}

/// The outlets the article cites, by canonical name, in order of first citation.
pub fn cited_sources<'a>(
    text: &'a str,
    extra: impl IntoIterator<Item = &'a str>,
    outlets: &Outlets,
) -> Vec<String> {
    let mut found: Vec<(usize, usize, &str)> = Vec::new();
    let pieces: Vec<&str> = std::iter::once(text).chain(extra).collect();
    for (piece_no, piece) in pieces.iter().enumerate() {
        let hay = Haystack::new(piece);
        for (o, p, at) in outlets.occurrences(&hay) {
            let outlet = &outlets.list[o];
            let name = outlet.name.as_str();
            let pattern = &outlet.patterns[p];
            let before = window_before(piece, at, 40);
            let after = window_after(piece, at + pattern.alias.len(), 25);
            let cue_before = CUES.before.iter().any(|c| before.contains(c));
            let cue_after = CUES.after.iter().any(|c| {
                after
                    .trim_start_matches([' ', ',', ')', '('])
                    .trim_start_matches(|ch: char| ch.is_alphanumeric() && ch.is_uppercase())
                    .trim_start()
                    .starts_with(c)
            });
            let credit = before.ends_with('(') && after.starts_with(')');
            if cue_before || cue_after || credit {
                found.push((piece_no, at, name));
            }
        }
    }
    found.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, _, name) in found {
        if !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// The wire agency the text comes from, if the text says so.
pub fn origin<'a>(
    text: &'a str,
    removed: impl IntoIterator<Item = &'a str> + Clone,
    outlets: &Outlets,
) -> Option<String> {
    let wire = |o: usize| outlets.list[o].wire;
    // 1. A copyright line, in the body or the removed furniture.
    for piece in std::iter::once(text).chain(removed.clone()) {
        for line in piece.lines() {
            // A copyright mark in any ASCII case; where the lowercase text is
            // unavailable (see `Haystack`) the words must be written lowercase.
            let mark =
                |has: &dyn Fn(&str) -> bool| line.contains('©') || has("copyright") || has("(c)");
            if !mark(&|m| contains_ascii_ci(line, m)) {
                continue;
            }
            let hay = Haystack::new(line);
            if hay.lower.is_none() && !mark(&|m| line.contains(m)) {
                continue;
            }
            // The first agency of the table named on the line.
            if let Some((o, _, _)) = outlets.occurrences(&hay).into_iter().find(|x| wire(x.0)) {
                return Some(outlets.list[o].name.clone());
            }
        }
    }
    // 2. A dateline near the start: "(AP) _", "(Reuters) -".
    let head_end = text.char_indices().nth(300).map_or(text.len(), |(i, _)| i);
    let head = &text[..head_end];
    let hay = Haystack::new(head);
    for (o, p, at) in outlets.occurrences(&hay) {
        if !wire(o) {
            continue;
        }
        let (o, pattern) = (&outlets.list[o], &outlets.list[o].patterns[p]);
        let before = window_before(head, at, 3);
        let after = window_after(head, at + pattern.alias.len(), 4);
        if before.ends_with('(') && after.starts_with(')') {
            let dash = after[1..]
                .trim_start()
                .starts_with(['-', '_', '—', '–', ':']);
            if dash {
                return Some(o.name.clone());
            }
        }
    }
    // 3. Reuters credits at the end.
    if text.contains("(Reporting by") || text.contains("(Writing by") {
        return Some("Reuters".to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_file_parses() {
        let c = Cues::parse(CUES_TSV).unwrap_or_else(|e| panic!("{e}"));
        assert!(c.before.contains(&"according to") && c.before.contains(&"selon"));
        assert!(c.after.contains(&"reported"));
        assert!(Cues::parse("within\tof\n").is_err());
        assert!(Cues::parse("before\tVia\n").is_err());
    }

    /// Outlets as the knowledge base gives them (a few, written here).
    fn outlets() -> Outlets {
        let outlet = |name: &str, wire: bool, aliases: &[&str]| {
            let names = std::iter::once(name).chain(aliases.iter().copied());
            Outlet::new(name.to_string(), wire, names.map(str::to_string))
        };
        Outlets::new(vec![
            outlet("Agence France-Presse", true, &["AFP", "France-Presse"]),
            outlet("Reuters", true, &[]),
            outlet("Associated Press", true, &["AP"]),
            outlet("EFE", true, &["Agencia EFE"]),
            outlet("RIA Novosti", true, &["RIA"]),
            outlet("China Media Group", false, &["CMG"]),
            outlet("CCTV", false, &["China Central Television"]),
            outlet("China Daily", false, &[]),
            outlet("Global Times", false, &["World time"]),
            outlet("The Wall Street Journal", false, &["Wall Street Journal"]),
        ])
    }

    #[test]
    fn finds_cited_sources() {
        let cases: &[(&str, &[&str], &[&str])] = &[
            (
                "“We agree,” he added, according to the Russian news agency RIA Novosti.",
                &[],
                &["RIA Novosti"],
            ),
            (
                "The analyst told AFP on Monday.",
                &[],
                &["Agence France-Presse"],
            ),
            (
                "Xi said so, reports China Media Group (CMG).",
                &[],
                &["China Media Group"],
            ),
            (
                "The talks went well.\n\n(With information from EFE)",
                &[],
                &["EFE"],
            ),
            (
                "The minister spoke.",
                &["Source: CCTV (China)", "Lavrov and Xi, Photo: Reuters"],
                &["CCTV", "Reuters"],
            ),
            (
                "Story.",
                &["She wrote for The Wall Street Journal and GQ."],
                &[],
            ),
            (
                "He said in an interview published by China Daily on Tuesday.",
                &[],
                &["China Daily"],
            ),
            (
                "Reuters reported that the deal was signed.",
                &[],
                &["Reuters"],
            ),
            ("The AP style guide was updated.", &[], &[]),
            ("Apple shares rose.", &[], &[]),
            (
                "According to the Chinese newspaper World timeThe two parties met.",
                &[],
                &["Global Times"],
            ),
        ];
        for (text, extra, want) in cases {
            assert_eq!(
                cited_sources(text, extra.iter().copied(), &outlets()),
                *want,
                "{text}"
            );
        }
    }

    #[test]
    fn letters_whose_lowercase_changes_length() {
        // "İ" grows and the Kelvin sign "K" shrinks when lowercased: offsets
        // in the lowercase text would not fit the text.
        let cases = [
            "İİ\u{212A} according to AFP, the İstanbul talks ended.",
            "\u{212A}\u{212A}İİİİ, told Reuters. Agence France-Presse reported.",
        ];
        for text in cases {
            let got = cited_sources(text, [], &outlets());
            assert!(
                got.contains(&"Agence France-Presse".to_string()),
                "{text}: {got:?}"
            );
        }
        assert_eq!(
            origin("İ\u{212A} LONDON (Reuters) - Shares fell.", [], &outlets()).as_deref(),
            Some("Reuters")
        );
    }

    #[test]
    fn finds_the_wire_origin() {
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            (
                "Body of the story.",
                &[
                    "All rights reserved. © (2024) Agence France-Presse",
                    "By Teilor Stone",
                ],
                Some("Agence France-Presse"),
            ),
            (
                "NAIROBI, Kenya (AP) _ Rains flooded the city on Monday.",
                &[],
                Some("Associated Press"),
            ),
            ("LONDON (Reuters) - Shares fell.", &[], Some("Reuters")),
            (
                "MOSCOW, April 9 (RIA Novosti) - Lavrov arrived.",
                &[],
                Some("RIA Novosti"),
            ),
            (
                "Shares fell.\n\n(Reporting by Jane Doe; Editing by John Roe)",
                &[],
                Some("Reuters"),
            ),
            ("The minister told AFP that talks continue.", &[], None),
            ("Copyright 2024 The Town Post.", &[], None),
        ];
        for (text, removed, want) in cases {
            assert_eq!(
                origin(text, removed.iter().copied(), &outlets()).as_deref(),
                *want,
                "{text}"
            );
        }
    }
}
