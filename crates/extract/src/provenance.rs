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

/// One name of an outlet, prepared for [`Haystack::occurrences`].
#[derive(Debug, Clone)]
struct Pattern {
    alias: String,
    /// Acronyms (no lowercase letter) match case-sensitively, other names not.
    acronym: bool,
    /// A lowercase end glued to a capital ("World timeThe", scraped text
    /// that lost a space) is a boundary too.
    last_lower: bool,
    /// Searches the lowercase text (names) or the text (acronyms).
    finder: memchr::memmem::Finder<'static>,
    /// Searches the text itself, for texts whose lowercase form changes length.
    exact: memchr::memmem::Finder<'static>,
}

impl Pattern {
    fn new(alias: String) -> Pattern {
        let acronym = alias.chars().all(|c| !c.is_lowercase());
        let needle = if acronym {
            alias.clone()
        } else {
            alias.to_lowercase()
        };
        Pattern {
            acronym,
            last_lower: alias.chars().next_back().is_some_and(char::is_lowercase),
            finder: memchr::memmem::Finder::new(needle.as_bytes()).into_owned(),
            exact: memchr::memmem::Finder::new(alias.as_bytes()).into_owned(),
            alias,
        }
    }
}

/// Cues before an outlet's name that make it a cited source (lowercase).
const CUES_BEFORE: &[&str] = &[
    "according to",
    "told",
    "reports",
    "reported by",
    "information from",
    "source:",
    "sources:",
    "photo:",
    "photo by",
    "published by",
    "interview with",
    "via",
    "quoted by",
    "cited by",
    "said to",
    "(with",
    "selon",
    "según",
    "laut",
    "по данным",
    "сообщает",
    "©",
    "credit:",
];

/// Cues after an outlet's name (lowercase).
const CUES_AFTER: &[&str] = &[
    "reports",
    "reported",
    "said",
    "says",
    "quoted",
    "cited",
    "learned",
    "has learned",
];

/// A text with its lowercase form, computed once for all aliases.
struct Haystack<'a> {
    text: &'a str,
    /// Lowercase text, when lowercasing keeps byte offsets (else `None`).
    lower: Option<String>,
}

impl<'a> Haystack<'a> {
    fn new(text: &'a str) -> Haystack<'a> {
        let lower = text.to_lowercase();
        Haystack {
            text,
            lower: (lower.len() == text.len()).then_some(lower),
        }
    }

    /// Where a name occurs on word boundaries: byte offsets.
    fn occurrences(&self, p: &Pattern) -> Vec<usize> {
        let text = self.text;
        let (hay, finder) = match (&self.lower, p.acronym) {
            (Some(lower), false) => (lower.as_str(), &p.finder),
            (_, true) => (text, &p.finder),
            (None, false) => (text, &p.exact),
        };
        let len = finder.needle().len();
        let mut found = Vec::new();
        let mut from = 0;
        while let Some(i) = hay.as_bytes().get(from..).and_then(|h| finder.find(h)) {
            let at = from + i;
            let end = at + len;
            let before_ok = text[..at]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text
                .get(end..)
                .and_then(|r| r.chars().next())
                .is_none_or(|c| !c.is_alphanumeric() || (p.last_lower && c.is_uppercase()));
            if before_ok && after_ok {
                found.push(at);
            }
            from = end;
        }
        found
    }
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
    outlets: &[Outlet],
) -> Vec<String> {
    let mut found: Vec<(usize, usize, &str)> = Vec::new();
    let pieces: Vec<&str> = std::iter::once(text).chain(extra).collect();
    for (piece_no, piece) in pieces.iter().enumerate() {
        let hay = Haystack::new(piece);
        for outlet in outlets {
            let name = outlet.name.as_str();
            for pattern in &outlet.patterns {
                for at in hay.occurrences(pattern) {
                    let before = window_before(piece, at, 40);
                    let after = window_after(piece, at + pattern.alias.len(), 25);
                    let cue_before = CUES_BEFORE.iter().any(|c| before.contains(c));
                    let cue_after = CUES_AFTER.iter().any(|c| {
                        after
                            .trim_start_matches([' ', ',', ')', '('])
                            .trim_start_matches(|ch: char| {
                                ch.is_alphanumeric() && ch.is_uppercase()
                            })
                            .trim_start()
                            .starts_with(c)
                    });
                    let credit = before.ends_with('(') && after.starts_with(')');
                    if cue_before || cue_after || credit {
                        found.push((piece_no, at, name));
                    }
                }
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
    outlets: &[Outlet],
) -> Option<String> {
    let agencies = || outlets.iter().filter(|o| o.wire);
    // 1. A copyright line, in the body or the removed furniture.
    for piece in std::iter::once(text).chain(removed.clone()) {
        for line in piece.lines() {
            let hay = Haystack::new(line);
            let lower = hay.lower.as_deref().unwrap_or(line);
            if !(line.contains('©') || lower.contains("copyright") || lower.contains("(c)")) {
                continue;
            }
            for o in agencies() {
                if o.patterns.iter().any(|p| !hay.occurrences(p).is_empty()) {
                    return Some(o.name.clone());
                }
            }
        }
    }
    // 2. A dateline near the start: "(AP) _", "(Reuters) -".
    let head_end = text.char_indices().nth(300).map_or(text.len(), |(i, _)| i);
    let head = &text[..head_end];
    let hay = Haystack::new(head);
    for o in agencies() {
        for pattern in &o.patterns {
            for at in hay.occurrences(pattern) {
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

    /// Outlets as the knowledge base gives them (a few, written here).
    fn outlets() -> Vec<Outlet> {
        let outlet = |name: &str, wire: bool, aliases: &[&str]| {
            let names = std::iter::once(name).chain(aliases.iter().copied());
            Outlet::new(name.to_string(), wire, names.map(str::to_string))
        };
        vec![
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
        ]
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
