//! From tokens to name candidates: runs of capitalised words, split into
//! knowledge-base matches, titles, demonyms and unknown names, each with the
//! evidence around it (titles, role nouns, reporting verbs, appositions,
//! place prepositions, organization and place cue words), plus role phrases
//! ("the Russian foreign minister", "the head of Russian diplomacy").

use rustc_hash::FxHashSet as FxSet;

use super::kb::{Kb, KbKind, is_cjk};
use crate::tokens::{ABBREV, Tok};

/// Evidence for the kind of an unknown name.
#[derive(Debug, Clone, Copy, Default)]
pub struct Evidence {
    pub person: u32,
    pub org: u32,
    pub place: u32,
    /// A personal honorific or title right before the name.
    pub titled: bool,
}

/// An office named by the text: folded office words and the country entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleRef {
    /// Folded office words ("foreign", "minister"); empty for "leader".
    pub office: Vec<&'static str>,
    /// Country entry in the KB, or a country/region name given by the text.
    pub country: Option<usize>,
    pub country_text: Option<String>,
    /// Display form: "Foreign Minister of Russia".
    pub display: String,
}

impl RoleRef {
    /// The office `display` ("Foreign Minister") of the KB country `country`:
    /// "Foreign Minister of Russia".
    pub fn of_country(
        office: Vec<&'static str>,
        display: &str,
        country: usize,
        kb: &Kb,
    ) -> RoleRef {
        let cname = kb.entry(country).map_or("", |e| e.name.as_str());
        RoleRef {
            office,
            country: Some(country),
            country_text: None,
            display: format!("{display} of {cname}"),
        }
    }
}

/// What a candidate mention is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// A knowledge-base entry.
    Kb(usize),
    /// A demonym of a KB country ("Chinese").
    Demonym(usize),
    /// An unknown name with these folded words.
    Name,
    /// A role phrase standing for a person ("the Chinese president").
    Role(RoleRef),
    /// A descriptor standing for the article's main person ("a Spiro man").
    Descriptor,
}

/// One candidate mention.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub bstart: usize,
    pub bend: usize,
    pub what: What,
    /// Folded words of the name (unknown names; KB: the matched words).
    pub words: Vec<String>,
    pub ev: Evidence,
    /// Role the text gives this name ("Russian Foreign Minister X").
    pub role: Option<RoleRef>,
    /// Apposition text (", director of the Carnegie Russia Eurasia center").
    pub apposition: Option<String>,
    /// Single word at a sentence start with no other evidence.
    pub weak: bool,
    /// Mixed-case single word such as "LiLo".
    pub camel: bool,
}

impl Candidate {
    /// A mention of whoever holds a role, between two tokens' offsets.
    pub fn role(start: &Tok, end: &Tok, role: RoleRef) -> Candidate {
        Candidate::spanning(start, end, What::Role(role))
    }

    /// A candidate from the start of one token to the end of another, with
    /// no evidence yet.
    pub fn spanning(start: &Tok, end: &Tok, what: What) -> Candidate {
        Candidate {
            start: start.start,
            end: end.end,
            bstart: start.bstart,
            bend: end.bend,
            what,
            words: Vec::new(),
            ev: Evidence::default(),
            role: None,
            apposition: None,
            weak: false,
            camel: false,
        }
    }
}

/// Per-article word statistics.
#[derive(Debug)]
pub struct Stats<'a> {
    /// Keys of capitalised words that also occur in lowercase.
    pub lower_seen: FxSet<&'a str>,
    pub cap_mid: FxSet<&'a str>,
    pub headline: Vec<bool>,
}

pub fn stats<'a>(toks: &'a [Tok<'a>]) -> Stats<'a> {
    let lines = toks.last().map_or(0, |t| t.line + 1);
    let mut caps = vec![(0u32, 0u32, false); lines];
    for (k, t) in toks.iter().enumerate() {
        if t.word && t.key.len() >= 4 && t.key.chars().next().is_some_and(char::is_alphabetic) {
            let c = &mut caps[t.line];
            c.1 += 1;
            if t.cap {
                c.0 += 1;
            }
        }
        // A line ending with a period is a sentence, not a headline.
        let last_of_line = toks.get(k + 1).is_none_or(|n| n.line != t.line);
        if last_of_line && !t.word && matches!(t.punct, '.' | '!' | '?' | '"' | '”' | ':') {
            caps[t.line].2 = true;
        }
    }
    let headline: Vec<bool> = caps
        .iter()
        .map(|&(c, n, sentence)| n >= 3 && c * 10 >= n * 6 && (!sentence || c * 10 >= n * 8))
        .collect();
    // Only capitalised words are ever looked up in `lower_seen`: collect
    // their keys first, then note which of them also occur in lowercase.
    let mut cap_keys: FxSet<&str> =
        FxSet::with_capacity_and_hasher(toks.len() / 6, Default::default());
    let mut cap_mid = FxSet::with_capacity_and_hasher(toks.len() / 8, Default::default());
    for t in toks.iter().filter(|t| t.word && t.cap) {
        cap_keys.insert(t.key.as_ref());
        if !t.sent_start && !headline.get(t.line).copied().unwrap_or(false) && !t.upper {
            cap_mid.insert(t.key.as_ref());
        }
    }
    // Most lowercase words share no key with a capitalised one: a filter on
    // length and end bytes answers for them without hashing.
    let sig = |k: &str| {
        let b = k.as_bytes();
        let (first, last) = (
            b.first().copied().unwrap_or(0),
            b.last().copied().unwrap_or(0),
        );
        ((b.len() & 15) << 8 | usize::from(first ^ last.rotate_left(3))) & 4095
    };
    let mut filter = [0u64; 64];
    for k in &cap_keys {
        let i = sig(k);
        filter[i / 64] |= 1 << (i % 64);
    }
    let maybe = |k: &str| {
        let i = sig(k);
        filter[i / 64] & (1 << (i % 64)) != 0
    };
    let mut lower_seen = FxSet::with_capacity_and_hasher(cap_keys.len(), Default::default());
    for t in toks.iter().filter(|t| t.word && !t.cap) {
        let k: &str = t.key.as_ref();
        if maybe(k) && cap_keys.contains(k) && k.chars().next().is_some_and(char::is_alphabetic) {
            lower_seen.insert(k);
        }
    }
    Stats {
        lower_seen,
        cap_mid,
        headline,
    }
}

fn capword(t: &Tok) -> bool {
    t.word && t.cap && t.key.chars().next().is_some_and(char::is_alphabetic)
}

/// Runs of capitalised tokens (token indices; connectors included).
pub fn runs(toks: &[Tok], kb: &Kb) -> Vec<Vec<usize>> {
    let lex = &kb.lex;
    let mut out = Vec::new();
    let n = toks.len();
    let mut k = 0;
    while k < n {
        if !capword(&toks[k]) {
            k += 1;
            continue;
        }
        let mut run = vec![k];
        let mut j = k;
        loop {
            let t = &toks[j];
            if t.possessive {
                break;
            }
            let mut nx = j + 1;
            let initial = t.end - t.start == 1 && t.cap;
            if toks.get(nx).is_some_and(|p| p.punct == '.')
                && (ABBREV.contains(&t.low.as_ref()) || initial)
                && t.low != "no"
            {
                nx += 1;
            }
            // "Kimani ( Kiki ) Gray": a parenthesised nickname inside a
            // name (an acronym there is the name's own: "Meclisi (TBMM)").
            if nx + 3 < n
                && toks[nx].punct == '('
                && capword(&toks[nx + 1])
                && !toks[nx + 1].upper
                && toks[nx + 2].punct == ')'
                && capword(&toks[nx + 3])
                && toks[nx + 3].line == t.line
            {
                run.push(nx + 1);
                run.push(nx + 3);
                j = nx + 3;
                continue;
            }
            let Some(next) = toks.get(nx) else { break };
            if next.line != t.line {
                break;
            }
            if capword(next) {
                run.push(nx);
                j = nx;
                continue;
            }
            if next.word
                && !next.cap
                && toks
                    .get(nx + 1)
                    .is_some_and(|a| capword(a) && a.line == t.line)
            {
                let c = next.low.as_ref();
                let org_prev = lex.org_heads.contains(t.low.as_ref())
                    || lex.org_words.contains(t.low.as_ref())
                    || matches!(
                        t.low.as_ref(),
                        "republic"
                            | "kingdom"
                            | "states"
                            | "gulf"
                            | "bay"
                            | "isle"
                            | "university"
                            | "sea"
                            | "cape"
                            | "lake"
                            | "people"
                            | "peoples"
                    );
                if lex.name_particles.contains(c) || (org_prev && lex.org_connectors.contains(c)) {
                    run.push(nx);
                    run.push(nx + 1);
                    j = nx + 1;
                    continue;
                }
            }
            break;
        }
        out.push(run);
        k = j + 1;
    }
    out
}

/// Office words after a demonym or country, lower- or uppercase:
/// returns (office words, display, tokens consumed).
pub fn office_at(toks: &[Tok], k: usize) -> Option<(Vec<&'static str>, &'static str, usize)> {
    let w = |i: usize| {
        toks.get(k + i)
            .filter(|t| t.word)
            .map_or("", |t| t.low.as_ref())
    };
    Some(match (w(0), w(1)) {
        ("foreign", "minister") => (vec!["foreign", "minister"], "Foreign Minister", 2),
        ("foreign", "affairs") if w(2) == "minister" => {
            (vec!["foreign", "minister"], "Foreign Minister", 3)
        }
        ("fm", _) => (vec!["foreign", "minister"], "Foreign Minister", 1),
        ("top", "diplomat") => (vec!["foreign", "minister"], "Foreign Minister", 2),
        ("diplomacy", "chief") => (vec!["foreign", "minister"], "Foreign Minister", 2),
        ("prime", "minister") => (vec!["prime", "minister"], "Prime Minister", 2),
        ("vice", "president") => (vec!["vice", "president"], "Vice President", 2),
        ("defense" | "defence", "minister") => (vec!["minister"], "Defence Minister", 2),
        ("president" | "presidente", _) => (vec!["president"], "President", 1),
        ("premier", _) => (vec!["premier"], "Premier", 1),
        ("chancellor", _) => (vec!["chancellor"], "Chancellor", 1),
        ("leader", _) => (vec![], "Leader", 1),
        ("head", "of") if w(2) == "state" => (vec![], "Leader", 3),
        ("minister", _) => (vec!["minister"], "Minister", 1),
        _ => return None,
    })
}

/// The demonym or country a token names, if any (KB country entry).
pub fn country_of(t: &Tok, kb: &Kb) -> Option<usize> {
    if !t.word {
        return None;
    }
    if let Some(&c) = kb.by_demonym(&t.key).first() {
        return Some(c);
    }
    if (t.possessive || t.upper)
        && let Some(c) = kb.country(&t.key)
    {
        return Some(c);
    }
    None
}

/// Stems a folded Cyrillic-derived word by dropping one case ending.
pub fn stem(raw: &str, key: &str) -> Option<String> {
    if !raw.chars().any(super::kb::is_cyrillic) {
        return None;
    }
    for end in [
        "ymi", "ami", "ogo", "omu", "oi", "om", "ym", "ei", "ia", "iu", "a", "u", "e", "y",
    ] {
        if let Some(s) = key.strip_suffix(end)
            && s.chars().count() >= 3
        {
            return Some(s.to_string());
        }
    }
    None
}

/// KB lookup of the window `ws` (token indices), with a stemmed retry.
pub fn kb_window(
    text: &str,
    toks: &[Tok],
    ws: &[usize],
    kb: &Kb,
    year: Option<i32>,
) -> Option<usize> {
    let mut key = String::with_capacity(32);
    for &i in ws {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&toks[i].key);
    }
    let mut ids = kb.by_alias(&key);
    if let [only] = ws
        && !toks[*only].upper
        && kb.acronym_only(&key)
    {
        return None;
    }
    let cyrillic = || {
        ws.iter().any(|&i| {
            text.get(toks[i].bstart..toks[i].name_bend)
                .is_some_and(|r| !r.is_ascii())
        })
    };
    if ids.is_empty() && cyrillic() {
        // "России" folds to "rossi", the stem of "Россия".
        ids = kb.by_stem(&key);
    }
    if ids.is_empty() && cyrillic() {
        let stemmed: Vec<String> = ws
            .iter()
            .map(|&i| {
                let t = &toks[i];
                let raw = text.get(t.bstart..t.name_bend).unwrap_or("");
                stem(raw, &t.key).unwrap_or_else(|| t.key.to_string())
            })
            .collect();
        let k2 = stemmed.join(" ");
        if k2 != key {
            ids = kb.by_stem(&k2);
        }
    }
    pick(&ids, kb, year)
}

/// Among KB entries sharing an alias, the best for `year`: persons in
/// office first, then the first listed.
pub fn pick(ids: &[usize], kb: &Kb, year: Option<i32>) -> Option<usize> {
    if ids.len() <= 1 {
        return ids.first().copied();
    }
    ids.iter()
        .copied()
        .find(|&id| {
            kb.entry(id).is_some_and(|e| {
                e.kind == KbKind::Person && e.offices.iter().any(|o| o.held_in(year))
            })
        })
        .or_else(|| ids.first().copied())
}

/// Candidates from substrings matching CJK aliases.
pub fn cjk_cands(text: &str, kb: &Kb) -> Vec<Candidate> {
    let mut out = Vec::new();
    // CJK characters start with a lead byte in E3..=ED in UTF-8.
    let maybe = text.bytes().any(|b| (0xE3..=0xED).contains(&b));
    if !kb.has_cjk() || !maybe || !text.chars().any(is_cjk) {
        return out;
    }
    // Char offsets advance with the matches, which come in text order.
    let (mut at_byte, mut at_char) = (0, 0);
    for (b, be, alias, ids) in kb.cjk_matches(text) {
        let Some(&id) = ids.first() else { continue };
        at_char += text[at_byte..b].chars().count();
        at_byte = b;
        let start = at_char;
        let end = start + text[b..be].chars().count();
        out.push(Candidate {
            start,
            end,
            bstart: b,
            bend: be,
            what: What::Kb(id),
            words: vec![alias.to_string()],
            ev: Evidence::default(),
            role: None,
            apposition: None,
            weak: false,
            camel: false,
        });
    }
    out
}

/// The longest KB window worth trying at token `i`.
pub fn window_limit(text: &str, t: &Tok, kb: &Kb) -> usize {
    let raw = text.get(t.bstart..t.name_bend).unwrap_or("");
    if raw.is_ascii() {
        kb.max_words_from(&t.key)
    } else {
        kb.max_words(&t.key).max(1)
    }
}
