//! Chinese person and organization names. Chinese has neither capitals nor spaces, so the
//! capitalised-run finder sees nothing and the knowledge base knows only
//! the famous; this module finds the others by a rule of the language: a
//! name is a family name (one character, or two: 欧阳) and one or two
//! characters of given name, and news writes a title or role noun right
//! before or right after it (主席江泽民, 李鹏总理) or a verb of saying right
//! after it (王毅说). Once found, every other occurrence of the same name in
//! the article is a mention of the same person. Organizations are found
//! the same way ([`organizations`]): an institution named as written
//! (国务院), or a head word (委员会, 大学) with its modifier before it.
//!
//! Written by hand: the segmenter crates for Chinese need dictionaries this
//! project cannot ship with tantivy 0.27, and no registry has Chinese NER
//! weights (STACK.md). The word lists are data:
//! `data/lexicon/entities-zh.tsv`. The work is linear in the text: each
//! surname character is tried against a fixed number of title lengths.

use std::sync::LazyLock;

use rustc_hash::FxHashSet as HashSet;

use super::kb::is_cjk;
use super::scan::{Candidate, Evidence, What};
use crate::words::{CHINESE_WORDS, WordListError, rows};

#[derive(Debug, Default)]
struct Lists {
    surname: HashSet<String>,
    title: HashSet<String>,
    verb: HashSet<String>,
    not_given: HashSet<char>,
    /// Longest title or verb, in chars.
    longest: usize,
    org_noun: Vec<String>,
    org_suffix: Vec<String>,
    org_stop: HashSet<char>,
    /// One automaton over `org_noun` then `org_suffix` (a pattern index
    /// past the nouns is a head word), built once.
    org_words: Option<aho_corasick::AhoCorasick>,
}

fn parse_lists() -> Result<Lists, WordListError> {
    let mut l = Lists::default();
    for row in rows(CHINESE_WORDS)? {
        let w = row.word.to_string();
        match row.category {
            "surname" => {
                l.surname.insert(w);
            }
            "title" => {
                l.longest = l.longest.max(w.chars().count());
                l.title.insert(w);
            }
            "verb" => {
                l.longest = l.longest.max(w.chars().count());
                l.verb.insert(w);
            }
            "not_given" => l.not_given.extend(row.word.chars()),
            "org_noun" => l.org_noun.push(w),
            "org_suffix" => l.org_suffix.push(w),
            "org_stop" => l.org_stop.extend(row.word.chars()),
            other => return Err(row.error(format!("unknown category {other:?}"))),
        }
    }
    let words: Vec<&String> = l.org_noun.iter().chain(&l.org_suffix).collect();
    l.org_words = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&words)
        .ok();
    Ok(l)
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| parse_lists().unwrap_or_default());

/// Han characters only (not kana or hangul: Japanese and Korean names are
/// written otherwise).
fn is_han(c: char) -> bool {
    is_cjk(c) && !matches!(c as u32, 0x3040..=0x30FF | 0xAC00..=0xD7AF)
}

/// Whether `text` holds a Han character (the byte test first: Han
/// characters start with a lead byte in E3..=E9 in UTF-8).
fn has_han(text: &str) -> bool {
    text.bytes().any(|b| (0xE3..=0xE9).contains(&b)) && text.chars().any(is_han)
}

/// A candidate of chars [start, end) and bytes [bstart, bend) of the text.
fn candidate(
    (start, end): (usize, usize),
    (bstart, bend): (usize, usize),
    name: String,
    ev: Evidence,
) -> Candidate {
    Candidate {
        start,
        end,
        bstart,
        bend,
        what: What::Name,
        words: vec![name],
        ev,
        role: None,
        apposition: None,
        weak: false,
        camel: false,
    }
}

/// The person candidates of `text`, outside the byte ranges `taken` (the
/// knowledge base's matches).
pub fn candidates(text: &str, taken: &[(usize, usize)]) -> Vec<Candidate> {
    let l = &*LISTS;
    if l.surname.is_empty() || !has_han(text) {
        return Vec::new();
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let free = |a: usize, b: usize| {
        let (ba, bb) = (chars[a].0, chars.get(b).map_or(text.len(), |c| c.0));
        !taken.iter().any(|&(s, e)| ba < e && s < bb)
    };
    // The word of the list `set` that starts at char `at`.
    let word_at = |at: usize, set: &HashSet<String>| -> bool {
        let mut w = String::new();
        for &(_, c) in chars.iter().skip(at).take(l.longest) {
            w.push(c);
            if set.contains(&w) {
                return true;
            }
        }
        false
    };
    // The word of the list `set` that ends right before char `at`.
    let word_before = |at: usize, set: &HashSet<String>| -> bool {
        let mut w: Vec<char> = Vec::new();
        for k in (at.saturating_sub(l.longest)..at).rev() {
            w.insert(0, chars[k].1);
            if set.contains(&w.iter().collect::<String>()) {
                return true;
            }
        }
        false
    };
    let mut names: Vec<String> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let surname_len = [2, 1].into_iter().find(|&n| {
            i + n <= chars.len()
                && l.surname
                    .contains(&chars[i..i + n].iter().map(|c| c.1).collect::<String>())
        });
        let Some(sn) = surname_len else {
            i += 1;
            continue;
        };
        let given_ok = |n: usize| {
            i + sn + n <= chars.len()
                && chars[i + sn..i + sn + n]
                    .iter()
                    .all(|&(_, c)| is_han(c) && !l.not_given.contains(&c))
        };
        let before = i > 0 && word_before(i, &l.title);
        let mut found = None;
        for n in [2, 1] {
            if !given_ok(n) {
                continue;
            }
            let end = i + sn + n;
            let after = word_at(end, &l.title) || word_at(end, &l.verb);
            // After a title alone, a two-character given name unless its
            // second character starts what follows (主席江泽民在).
            let boundary =
                end >= chars.len() || !is_han(chars[end].1) || l.not_given.contains(&chars[end].1);
            if after || before && boundary {
                found = Some(end);
                break;
            }
        }
        match found {
            Some(end) if free(i, end) => {
                names.push(chars[i..end].iter().map(|c| c.1).collect());
                i = end;
            }
            _ => i += 1,
        }
    }
    names.sort();
    names.dedup();
    // Every occurrence of a name found, in text order, not overlapping.
    let mut out: Vec<Candidate> = Vec::new();
    if names.is_empty() {
        return out;
    }
    let Ok(ac) = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(&names)
    else {
        return out;
    };
    let (mut at_byte, mut at_char) = (0, 0);
    for m in ac.find_iter(text) {
        let (b, be) = (m.start(), m.end());
        if taken.iter().any(|&(s, e)| b < e && s < be) {
            continue;
        }
        at_char += text[at_byte..b].chars().count();
        at_byte = b;
        let name = &names[m.pattern().as_usize()];
        out.push(candidate(
            (at_char, at_char + name.chars().count()),
            (b, be),
            name.clone(),
            Evidence {
                person: 2,
                ..Evidence::default()
            },
        ));
    }
    out
}

/// Longest modifier an organization's head word takes, in chars
/// (中国人民政治协商会议全国委员会 runs past it and is left out).
const ORG_MODIFIER_MAX: usize = 10;

/// The organization candidates of `text`, outside the byte ranges `taken`
/// (the knowledge base's matches and the persons found): an institution
/// named as written (`org_noun`: 国务院, 外交部), or a head word
/// (`org_suffix`: 委员会, 大学, 公司) with the modifier before it, which
/// runs back to the nearest function word, punctuation or other script
/// (`org_stop`); a modifier longer than [`ORG_MODIFIER_MAX`] characters
/// is not trusted. One scan of the text with one automaton.
pub fn organizations(text: &str, taken: &[(usize, usize)]) -> Vec<Candidate> {
    let l = &*LISTS;
    let Some(ac) = l.org_words.as_ref().filter(|_| has_han(text)) else {
        return Vec::new();
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let char_at = |byte: usize| chars.partition_point(|&(b, _)| b < byte);
    let mut out: Vec<Candidate> = Vec::new();
    let mut last_end = 0;
    for m in ac.find_iter(text) {
        let (mut start, end) = (char_at(m.start()), char_at(m.end()));
        if m.pattern().as_usize() >= l.org_noun.len() {
            // A head word: its modifier runs back to a stop.
            let mut s = start;
            while s > last_end
                && start - s <= ORG_MODIFIER_MAX
                && is_han(chars[s - 1].1)
                && !l.org_stop.contains(&chars[s - 1].1)
            {
                s -= 1;
            }
            if s == start || start - s > ORG_MODIFIER_MAX {
                continue;
            }
            start = s;
        }
        let (b, be) = (chars[start].0, m.end());
        if start < last_end || taken.iter().any(|&(ts, te)| b < te && ts < be) {
            continue;
        }
        last_end = end;
        let name: String = chars[start..end].iter().map(|c| c.1).collect();
        out.push(candidate(
            (start, end),
            (b, be),
            name,
            Evidence {
                org: 3,
                ..Evidence::default()
            },
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        candidates(text, &[])
            .into_iter()
            .map(|c| c.words[0].clone())
            .collect()
    }

    #[test]
    fn the_word_list_parses() {
        let l = parse_lists().expect("entities-zh.tsv");
        assert!(l.surname.contains("王") && l.title.contains("主席") && l.verb.contains("说"));
    }

    #[test]
    fn names_next_to_titles_and_verbs() {
        assert_eq!(names("国家主席江泽民在会上讲话。"), vec!["江泽民"]);
        assert_eq!(names("李鹏总理会见了客人。"), vec!["李鹏"]);
        assert_eq!(names("王毅说，双方同意。王毅还表示"), vec!["王毅", "王毅"]);
        // A surname character in ordinary words is no name.
        assert!(names("高度重视经济发展。").is_empty());
    }

    #[test]
    fn offsets_count_chars() {
        let c = candidates("他说：李鹏总理", &[]);
        assert_eq!((c[0].start, c[0].end), (3, 5));
        assert_eq!(&"他说：李鹏总理"[c[0].bstart..c[0].bend], "李鹏");
    }

    fn orgs(text: &str) -> Vec<String> {
        organizations(text, &[])
            .into_iter()
            .map(|c| c.words[0].clone())
            .collect()
    }

    /// Institutions as written, and head words with the modifier back to
    /// the nearest function word or punctuation; a head word with nothing
    /// before it, or a modifier too long to trust, is no organization.
    #[test]
    fn organizations_named_and_headed() {
        assert_eq!(orgs("国务院和外交部发表声明。"), ["国务院", "外交部"]);
        assert_eq!(
            orgs("他在北京大学演讲，中国法学会的代表出席。"),
            ["北京大学", "中国法学会"]
        );
        assert_eq!(orgs("成立了筹备委员会。"), ["筹备委员会"]);
        assert!(orgs("委员会").is_empty());
        assert!(orgs("一二三四五六七八九十一二委员会").is_empty());
        // Offsets count chars; a known name's range is left alone.
        let c = organizations("他说：国防部发言人", &[]);
        assert_eq!((c[0].start, c[0].end), (3, 6));
        assert!(organizations("他说：国防部发言人", &[(9, 18)]).is_empty());
    }
}
