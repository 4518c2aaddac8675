//! Splitting a run of capitalised words into knowledge-base matches,
//! demonyms, title blocks and unknown names, and turning the pieces into
//! candidates with their evidence and roles.

use rustc_hash::FxHashMap as HashMap;

use super::context::{after_context, descriptor, role_phrases};
use super::kb::{Kb, KbKind};
use super::scan::{
    Candidate, Evidence, RoleRef, Stats, What, country_of, kb_window, office_at, runs, window_limit,
};
use crate::tokens::Tok;

/// What a segment of a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SegmentKind {
    /// A knowledge-base match: the entry.
    Kb(usize),
    /// A demonym ("Russian"): the country.
    Demonym(usize),
    /// A block of title words ("Foreign Minister").
    Title,
    /// Words of an unknown name.
    Name,
}

/// A piece of a run: what it is and the run positions `[from, to)` it
/// covers (indices into the run, not into the tokens).
#[derive(Debug, Clone, Copy)]
struct Segment {
    kind: SegmentKind,
    from: usize,
    to: usize,
}

impl Segment {
    fn new(kind: SegmentKind, from: usize, to: usize) -> Segment {
        Segment { kind, from, to }
    }

    fn is_name(&self) -> bool {
        self.kind == SegmentKind::Name
    }

    fn is_title(&self) -> bool {
        self.kind == SegmentKind::Title
    }

    /// Number of words (tokens) it covers.
    fn len(&self) -> usize {
        self.to - self.from
    }
}

fn expand_abbrev(k: &str) -> Option<&'static str> {
    Some(match k {
        "gov" | "governor" => "Governor",
        "sen" | "senator" => "Senator",
        "rep" | "representative" => "Representative",
        "gen" | "general" => "General",
        "mayor" => "Mayor",
        "judge" => "Judge",
        "coach" => "Coach",
        "king" => "King",
        "queen" => "Queen",
        "pope" => "Pope",
        "ambassador" => "Ambassador",
        "chancellor" => "Chancellor",
        "sheriff" => "Sheriff",
        "chairman" => "Chairman",
        "attorney" => "Attorney",
        "secretary" => "Secretary",
        "director" => "Director",
        "professor" | "prof" => "Professor",
        _ => return None,
    })
}

/// All candidates of the article (CJK matches excluded). `noun_capitals`:
/// the article's language capitalises every noun (German).
pub fn candidates(
    text: &str,
    toks: &[Tok],
    stats: &Stats,
    kb: &Kb,
    year: Option<i32>,
    noun_capitals: bool,
) -> Vec<Candidate> {
    let lex = &kb.lex;
    let mut out = Vec::new();
    // Roles given in lowercase right before a name: token index of the name → role.
    let mut pending: HashMap<usize, RoleRef> = HashMap::default();
    role_phrases(toks, kb, &mut out, &mut pending);
    let segmenter = Segmenter {
        text,
        toks,
        stats,
        kb,
        year,
        pending: &pending,
    };
    for run in runs(toks, kb) {
        if noun_capitals && common_noun(toks, &run, kb) {
            continue;
        }
        descriptor(toks, &run, kb, &mut out);
        let mut run = run;
        let line = toks[run[0]].line;
        if stats.headline.get(line).copied().unwrap_or(false) {
            for part in split_known(&run, toks, stats, kb) {
                segmenter.segment_run(&part, &mut out);
            }
            continue;
        }
        // Sentence-initial ordinary words.
        while let Some(&first) = run.first() {
            let t = &toks[first];
            let key = t.key.as_ref();
            let low = t.low.as_ref();
            let ordinary = lex.stop.contains(low)
                || (t.sent_start
                    && stats.lower_seen.contains(key)
                    && !stats.cap_mid.contains(key)
                    && !lex.given.contains(key)
                    && !lex.titles.contains(low)
                    && !kb.knows(key, low)
                    && kb.by_demonym(key).is_empty())
                // "Said Ryan Ellis:": a verb of saying that opens the
                // sentence before a given name is no part of the name.
                || (t.sent_start
                    && super::is_report_verb(low)
                    && run
                        .get(1)
                        .is_some_and(|&n| toks[n].cap && lex.given.contains(toks[n].key.as_ref())));
            if !ordinary {
                break;
            }
            let multi = || {
                (2..=window_limit(text, t, kb).min(run.len())).any(|n| {
                    run[..n].iter().all(|&i| toks[i].cap)
                        && kb_window(text, toks, &run[..n], kb, year).is_some()
                })
            };
            let kb_name = (!t.sent_start && kb.knows(key, low)) || multi();
            if !ordinary
                || kb_name
                || (lex.stop.contains(low) && !t.sent_start && low.len() > 3 && !is_month(low))
            {
                break;
            }
            run.remove(0);
            while run.first().is_some_and(|&i| !toks[i].cap) {
                run.remove(0);
            }
        }
        // Months, weekdays and function words inside a run split it.
        let splits = |i: usize| {
            let low = toks[i].low.as_ref();
            toks[i].cap
                && lex.stop.contains(low)
                && (is_month(low) || low.len() <= 3 || toks[i].sent_start)
                && !kb.knows(toks[i].key.as_ref(), low)
        };
        for part in run.split(|&i| splits(i)).filter(|p| !p.is_empty()) {
            segmenter.segment_run(&trim_connectors(part, toks), &mut out);
        }
    }
    out
}

fn is_month(k: &str) -> bool {
    matches!(
        k,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

fn trim_connectors(part: &[usize], toks: &[Tok]) -> Vec<usize> {
    let mut v: Vec<usize> = part.to_vec();
    while v.last().is_some_and(|&i| !toks[i].cap) {
        v.pop();
    }
    while v.first().is_some_and(|&i| !toks[i].cap) {
        v.remove(0);
    }
    v
}

/// In a headline, keep only words known from the body, the KB or the
/// given-name list.
fn split_known(run: &[usize], toks: &[Tok], st: &Stats, kb: &Kb) -> Vec<Vec<usize>> {
    let lex = &kb.lex;
    let mut parts = Vec::new();
    let mut cur = Vec::new();
    for &i in run {
        let k = toks[i].key.as_ref();
        let lo = toks[i].low.as_ref();
        let stop = lex.stop.contains(lo);
        let known = !toks[i].cap
            || !(!kb.knows(k, lo) || (stop && toks[i].sent_start))
            || (!stop
                && (st.cap_mid.contains(k)
                    || !kb.by_demonym(k).is_empty()
                    || !kb.by_surname(k).is_empty()
                    || lex.given.contains(k)
                    || lex.titles.contains(lo)));
        let after_given = cur
            .last()
            .is_some_and(|&p: &usize| lex.given.contains(toks[p].key.as_ref()));
        if known || after_given {
            cur.push(i);
        } else if !cur.is_empty() {
            parts.push(trim_connectors(&cur, toks));
            cur.clear();
        }
    }
    if !cur.is_empty() {
        parts.push(trim_connectors(&cur, toks));
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// What splitting runs into segments and candidates needs from the article.
struct Segmenter<'a> {
    text: &'a str,
    toks: &'a [Tok<'a>],
    stats: &'a Stats<'a>,
    kb: &'a Kb,
    year: Option<i32>,
    /// Roles given in lowercase right before a name: token index of the
    /// name → role.
    pending: &'a HashMap<usize, RoleRef>,
}

impl Segmenter<'_> {
    /// Splits a run (token indices) into segments, corrects them and pushes
    /// their candidates to `out`.
    fn segment_run(&self, run: &[usize], out: &mut Vec<Candidate>) {
        if run.is_empty() {
            return;
        }
        let mut segs = self.split_into_segments(run);
        self.demote_false_titles(run, &mut segs);
        let mut segs = merge_adjacent_names(segs);
        self.demote_surnames_after_names(run, &mut segs);
        self.demote_places_inside_organizations(run, &mut segs);
        let segs = merge_adjacent_names(segs);
        let segs = self.join_given_names_to_persons(run, segs);
        let segs = self.cut_where_names_start(run, segs);
        self.push_candidates(run, &segs, out);
    }

    /// Splits a run into segments: at each capitalised word the longest
    /// knowledge-base match, else a demonym, a title word or a name word;
    /// adjacent title words and adjacent name words (with the lowercase
    /// connectors between them) form one segment.
    fn split_into_segments(&self, run: &[usize]) -> Vec<Segment> {
        let toks = self.toks;
        let mut segs: Vec<Segment> = Vec::new();
        let mut p = 0;
        while p < run.len() {
            if !toks[run[p]].cap {
                // A connector between segments belongs to the name around it.
                if let Some(last) = segs.last_mut().filter(|s| s.is_name()) {
                    last.to = p + 1;
                }
                p += 1;
                continue;
            }
            if let Some((id, n)) = self.longest_kb_match(run, p) {
                // A country or place inside a longer unknown name is part of it
                // ("Carnegie Russia Eurasia").
                let is_place = self
                    .kb
                    .entry(id)
                    .is_some_and(|e| matches!(e.kind, KbKind::Country | KbKind::Place));
                let inside = p > 0 && p + n < run.len() && segs.last().is_some_and(|s| s.is_name());
                if !(is_place && inside) {
                    segs.push(Segment::new(SegmentKind::Kb(id), p, p + n));
                    p += n;
                    continue;
                }
            }
            let kind = self.word_kind(&toks[run[p]]);
            match segs.last_mut() {
                Some(last)
                    if last.kind == kind
                        && matches!(kind, SegmentKind::Name | SegmentKind::Title)
                        && last.to == p =>
                {
                    last.to = p + 1
                }
                _ => segs.push(Segment::new(kind, p, p + 1)),
            }
            p += 1;
        }
        segs
    }

    /// The longest knowledge-base match starting at run position `p` and
    /// ending on a capitalised word: its entry and its number of words.
    fn longest_kb_match(&self, run: &[usize], p: usize) -> Option<(usize, usize)> {
        let max_words = window_limit(self.text, &self.toks[run[p]], self.kb);
        (1..=max_words.min(run.len() - p))
            .rev()
            .filter(|&n| self.toks[run[p + n - 1]].cap)
            .find_map(|n| {
                kb_window(self.text, self.toks, &run[p..p + n], self.kb, self.year)
                    .map(|id| (id, n))
            })
    }

    /// What a single capitalised word outside a knowledge-base match is: a
    /// demonym, a title word or a name word.
    fn word_kind(&self, t: &Tok) -> SegmentKind {
        if let Some(&c) = self.kb.by_demonym(t.key.as_ref()).first() {
            SegmentKind::Demonym(c)
        } else if self.kb.lex.titles.contains(t.low.as_ref()) {
            SegmentKind::Title
        } else {
            SegmentKind::Name
        }
    }

    /// Turns title blocks back into names unless they are real: a title
    /// block needs a head title (or a demonym before it), and is none
    /// before a name that is an organization or a place ("General Motors")
    /// nor at the end after a name.
    fn demote_false_titles(&self, run: &[usize], segs: &mut [Segment]) {
        let toks = self.toks;
        let lex = &self.kb.lex;
        for s in 0..segs.len() {
            if !segs[s].is_title() {
                continue;
            }
            let head = (segs[s].from..segs[s].to)
                .any(|q| !lex.title_modifiers.contains(toks[run[q]].low.as_ref()))
                || segs[s].len() >= 2;
            let next_orgish = segs.get(s + 1).is_some_and(|n| {
                n.is_name() && {
                    let last = toks[run[n.to - 1]].low.as_ref();
                    lex.org_words.contains(last) || lex.place_words.contains(last)
                }
            });
            let prev_demonym = s > 0 && matches!(segs[s - 1].kind, SegmentKind::Demonym(_));
            // "Interior Ken Salazar": a modifier right before a given name.
            let head = head
                || segs.get(s + 1).is_some_and(|n| {
                    n.is_name() && lex.given.contains(toks[run[n.from]].key.as_ref())
                });
            let after_name = s + 1 == segs.len() && s > 0 && segs[s - 1].is_name();
            if (!head && !prev_demonym) || next_orgish || after_name {
                segs[s].kind = SegmentKind::Name;
            }
        }
    }

    /// A KB place or country right before a name that ends in an
    /// organization word is part of that organization's name ("Jamaica
    /// Hospital", "Moscow State University"), and a one-word place that is
    /// also a given name, right before a name, is a person's ("Chad
    /// Gallagher", "Georgia Smith"), as is a place after an organization's
    /// head and a connector ("Bank of America") and a one-word place right
    /// after a given name ("Jim Jordan"): it becomes a name.
    fn demote_places_inside_organizations(&self, run: &[usize], segs: &mut [Segment]) {
        let lex = &self.kb.lex;
        let low = |q: usize| self.toks[run[q]].low.as_ref();
        let given = |q: usize| lex.given.contains(self.toks[run[q]].key.as_ref());
        // Before an organization's name or, one word that is also a given
        // name, before a name.
        for s in 0..segs.len().saturating_sub(1) {
            let next = &segs[s + 1];
            let before_name = next.is_name() && segs[s].to == next.from;
            let org = before_name && lex.org_words.contains(low(next.to - 1));
            let given_name = before_name && segs[s].len() == 1 && given(segs[s].from);
            if self.is_place(&segs[s]) && (org || given_name) {
                segs[s].kind = SegmentKind::Name;
            }
        }
        // A place after an organization's head and a connector completes
        // its name ("Bank of America", "University of California").
        for s in 1..segs.len() {
            let prev = &segs[s - 1];
            let head_of = prev.is_name()
                && prev.to == segs[s].from
                && prev.len() >= 2
                && !self.toks[run[prev.to - 1]].cap
                && (prev.from..prev.to - 1)
                    .any(|q| lex.org_heads.contains(low(q)) || lex.org_words.contains(low(q)));
            if self.is_place(&segs[s]) && head_of {
                segs[s].kind = SegmentKind::Name;
            }
        }
        // A one-word place right after a given name that opens the name
        // (or follows a title) is a surname ("Rep. Jim Jordan"; not "FC
        // Chelsea London").
        for s in 1..segs.len() {
            let prev = &segs[s - 1];
            let after_given = prev.is_name()
                && prev.len() == 1
                && (s == 1 || segs[s - 2].is_title())
                && prev.to == segs[s].from
                && given(prev.to - 1);
            if self.is_place(&segs[s]) && segs[s].len() == 1 && after_given {
                segs[s].kind = SegmentKind::Name;
            }
        }
    }

    /// A knowledge-base place or country.
    fn is_place(&self, seg: &Segment) -> bool {
        let SegmentKind::Kb(id) = seg.kind else {
            return false;
        };
        self.kb
            .entry(id)
            .is_some_and(|e| matches!(e.kind, KbKind::Place | KbKind::Country))
    }

    /// A one-word KB person right after an unknown name is that name's
    /// surname ("Reggie Bush" is not George W. Bush), and right before one
    /// its given name: it becomes a name.
    fn demote_surnames_after_names(&self, run: &[usize], segs: &mut [Segment]) {
        let kb = self.kb;
        for s in 1..segs.len() {
            if let (SegmentKind::Kb(id), SegmentKind::Name) = (segs[s].kind, segs[s - 1].kind) {
                let solo =
                    segs[s].len() == 1 && kb.entry(id).is_some_and(|e| e.kind == KbKind::Person);
                let prev_word = self.toks[run[segs[s - 1].to - 1]].key.as_ref();
                let is_given_of = kb.entry(id).is_some_and(|e| {
                    e.keys
                        .iter()
                        .any(|a| a.split(' ').next() == Some(prev_word))
                });
                if solo && segs[s - 1].to == segs[s].from && !is_given_of {
                    segs[s].kind = SegmentKind::Name;
                }
            }
        }
        // Before a name, the KB person's one word is a given name ("Cameron
        // Easley" is not David Cameron), unless the name goes on as the KB
        // person's does or is an organization's or a place's ("Obama
        // Administration").
        for s in 0..segs.len().saturating_sub(1) {
            let (SegmentKind::Kb(id), SegmentKind::Name) = (segs[s].kind, segs[s + 1].kind) else {
                continue;
            };
            let next = &segs[s + 1];
            let solo = segs[s].len() == 1 && kb.entry(id).is_some_and(|e| e.kind == KbKind::Person);
            if !solo || segs[s].to != next.from {
                continue;
            }
            let lex = &kb.lex;
            let word = self.toks[run[segs[s].from]].key.as_ref();
            let next_word = self.toks[run[next.from]].key.as_ref();
            let institutional = (next.from..next.to).any(|q| {
                let low = self.toks[run[q]].low.as_ref();
                lex.org_words.contains(low) || lex.place_words.contains(low)
            });
            let goes_on = kb.entry(id).is_some_and(|e| {
                e.keys.iter().any(|k| {
                    let mut w = k.split(' ');
                    w.any(|x| x == word) && w.next() == Some(next_word)
                })
            });
            if !institutional && !goes_on && self.toks[run[next.from]].cap {
                segs[s].kind = SegmentKind::Name;
            }
        }
    }

    /// A one-word name that is the given name of the KB person right after
    /// it joins that match ("Vladimir Poutine" when only "Poutine" is an
    /// alias).
    fn join_given_names_to_persons(&self, run: &[usize], segs: Vec<Segment>) -> Vec<Segment> {
        let mut joined: Vec<Segment> = Vec::new();
        for s in segs {
            if let (SegmentKind::Kb(id), Some(prev)) = (s.kind, joined.last())
                && prev.is_name()
                && prev.to == s.from
                && prev.len() == 1
            {
                let word = self.toks[run[prev.from]].key.as_ref();
                let given = self.kb.entry(id).is_some_and(|e| {
                    e.kind == KbKind::Person
                        && e.keys
                            .iter()
                            .any(|f| f.split(' ').next() == Some(word) && f.contains(' '))
                });
                if given {
                    let from = prev.from;
                    joined.pop();
                    joined.push(Segment::new(SegmentKind::Kb(id), from, s.to));
                    continue;
                }
            }
            joined.push(s);
        }
        joined
    }

    /// A name of three words or more in which a given name follows an
    /// ordinary capitalised word ("Named Maurice Cheeks", "Englishman
    /// Robert Buckley", "RB DeShawn Wynn") is cut in two before the given
    /// name.
    fn cut_where_names_start(&self, run: &[usize], segs: Vec<Segment>) -> Vec<Segment> {
        let mut cut_segs: Vec<Segment> = Vec::new();
        for s in segs {
            if s.is_name() && s.len() >= 3 {
                let cut = (s.from + 1..s.to - 1).find(|&q| self.name_starts_at(run, q));
                if let Some(q) = cut {
                    cut_segs.push(Segment::new(SegmentKind::Name, s.from, q));
                    cut_segs.push(Segment::new(SegmentKind::Name, q, s.to));
                    continue;
                }
            }
            cut_segs.push(s);
        }
        cut_segs
    }

    /// Whether a new name starts at run position `q`: a given name after a
    /// capitalised word that is no given name and looks ordinary (seen in
    /// lowercase, all capitals, an organization or role noun, a verb or
    /// "-man" form, hyphenated).
    fn name_starts_at(&self, run: &[usize], q: usize) -> bool {
        let lex = &self.kb.lex;
        let given = &self.toks[run[q]];
        let prev = &self.toks[run[q - 1]];
        lex.given.contains(given.key.as_ref())
            && !lex.given.contains(prev.key.as_ref())
            && prev.cap
            && (self.stats.lower_seen.contains(prev.key.as_ref())
                || prev.upper
                || lex.org_words.contains(prev.low.as_ref())
                || lex.role_nouns.contains(prev.low.as_ref())
                || prev.low.ends_with("ed")
                || prev.low.ends_with("ing")
                || prev.low.ends_with("man")
                || prev.low.contains('-'))
    }

    /// Pushes the candidates of a run's segments: names and KB matches with
    /// their evidence, demonyms, and title blocks that stand alone.
    fn push_candidates(&self, run: &[usize], segs: &[Segment], out: &mut Vec<Candidate>) {
        let toks = self.toks;
        let before_run = run[0].checked_sub(1).and_then(|i| toks.get(i));
        let possessive_country = before_run
            .filter(|t| t.possessive && !t.newline_before)
            .and_then(|t| country_of(t, self.kb));
        for (s, seg) in segs.iter().enumerate() {
            let words = &run[seg.from..seg.to];
            let mut cand = self.bare_candidate(words);
            if seg.is_name()
                && words
                    .iter()
                    .all(|&i| self.kb.lex.stop.contains(toks[i].low.as_ref()))
            {
                continue;
            }
            match seg.kind {
                SegmentKind::Title => {
                    if let Some(cand) =
                        self.title_block_candidate(run, segs, s, possessive_country, cand)
                    {
                        out.push(cand);
                    }
                    continue;
                }
                SegmentKind::Demonym(c) => {
                    cand.what = What::Demonym(c);
                    out.push(cand);
                    continue;
                }
                SegmentKind::Kb(id) => cand.what = What::Kb(id),
                SegmentKind::Name => {}
            }
            self.add_title_role(run, segs, s, possessive_country, &mut cand);
            self.add_surrounding_evidence(run, segs, s, before_run, &mut cand);
            self.add_word_evidence(words, &mut cand);
            if words.len() == 1 {
                self.mark_single_word(seg.kind, &toks[words[0]], &mut cand);
            }
            out.push(cand);
        }
    }

    /// A name candidate over the tokens `words`, with no evidence yet.
    fn bare_candidate(&self, words: &[usize]) -> Candidate {
        let toks = self.toks;
        let first = &toks[words[0]];
        let last = &toks[words[words.len() - 1]];
        Candidate {
            start: first.start,
            end: last.name_end,
            bstart: first.bstart,
            bend: last.name_bend,
            what: What::Name,
            words: words
                .iter()
                .filter(|&&i| toks[i].cap)
                .map(|&i| toks[i].key.to_string())
                .collect(),
            ev: Evidence::default(),
            role: None,
            apposition: None,
            weak: false,
            camel: false,
        }
    }

    /// The candidate of title block `s` with no name after it: a title word
    /// alone that may still be a surname ("King said"), or a role phrase
    /// when a country precedes it ("the Russian President"); else none.
    fn title_block_candidate(
        &self,
        run: &[usize],
        segs: &[Segment],
        s: usize,
        possessive_country: Option<usize>,
        mut cand: Candidate,
    ) -> Option<Candidate> {
        let seg = segs[s];
        if segs.len() == 1 && seg.len() == 1 && possessive_country.is_none() {
            cand.weak = true;
            cand.ev.person += 1;
            return Some(cand);
        }
        if s + 1 != segs.len() {
            return None;
        }
        let country = country_before(segs, s, self.kb).or(possessive_country)?;
        let role = self.role_from(run, seg.from, seg.to, Some(country), None)?;
        // The role phrase starts with the country before it.
        let start = if s > 0 {
            &self.toks[run[segs[s - 1].from]]
        } else {
            &self.toks[run[seg.from]]
        };
        cand.start = start.start;
        cand.bstart = start.bstart;
        cand.what = What::Role(role);
        Some(cand)
    }

    /// Role and person evidence from a title block right before segment
    /// `s` (with its country), else from a lowercase role phrase before it.
    fn add_title_role(
        &self,
        run: &[usize],
        segs: &[Segment],
        s: usize,
        possessive_country: Option<usize>,
        cand: &mut Candidate,
    ) {
        let toks = self.toks;
        if s > 0 && segs[s - 1].is_title() {
            let title = segs[s - 1];
            let country = country_before(segs, s - 1, self.kb).or(possessive_country);
            let country_text = if s >= 2 && segs[s - 2].is_name() {
                let name = segs[s - 2];
                self.text
                    .get(toks[run[name.from]].bstart..toks[run[name.to - 1]].name_bend)
                    .map(String::from)
            } else {
                None
            };
            cand.role = self.role_from(run, title.from, title.to, country, country_text);
            cand.ev.person += 3;
            cand.ev.titled = true;
        } else if let Some(r) = self.pending.get(&run[segs[s].from]) {
            cand.role = Some(r.clone());
            cand.ev.person += 2;
        }
    }

    /// Evidence from around segment `s`: a title after it, the word before
    /// the run, the words after the run.
    fn add_surrounding_evidence(
        &self,
        run: &[usize],
        segs: &[Segment],
        s: usize,
        before_run: Option<&Tok>,
        cand: &mut Candidate,
    ) {
        let lex = &self.kb.lex;
        // Place evidence for a name before a title ("Alaska Gov. Sarah Palin").
        if segs[s].is_name() && segs.get(s + 1).is_some_and(|n| n.is_title()) && s + 2 < segs.len()
        {
            cand.ev.place += 2;
        }
        // Context before the run.
        if s == 0
            && let Some(b) = before_run.filter(|b| b.word && !b.cap)
        {
            let low = b.low.as_ref();
            if lex.role_nouns.contains(low) {
                cand.ev.person += 2;
            } else if lex.place_preps.contains(low) {
                cand.ev.place += 1;
            } else if lex.report_verbs.contains(low) && low != "a" && s + 1 == segs.len() {
                cand.ev.person += 1;
            }
        }
        // Context after the run.
        if s + 1 == segs.len() {
            let last = &self.toks[run[run.len() - 1]];
            if last.possessive && is_locative(self.text.get(last.name_bend..last.bend)) {
                // "Ankara'da", "İstanbul'dan": in or from a place.
                cand.ev.place += 2;
            }
            after_context(self.toks, run[run.len() - 1], self.text, self.kb, cand);
        }
    }

    /// Evidence from the words themselves (tokens `words`): a given name
    /// first, organization and place words, connectors, acronyms, length.
    fn add_word_evidence(&self, words: &[usize], cand: &mut Candidate) {
        let toks = self.toks;
        let lex = &self.kb.lex;
        let first = &toks[words[0]];
        let keys = &cand.words;
        if let (Some(f), Some(l)) = (keys.first(), keys.last()) {
            if lex.given.contains(f.as_str()) {
                cand.ev.person += if keys.len() >= 2 { 2 } else { 1 };
            }
            // The word lists are lowercase with their diacritics
            // ("behörde", "bakanlığı"); the keys are folded.
            let last_low = toks[words[words.len() - 1]].low.as_ref();
            let (first_low, l, f) = (first.low.as_ref(), l.as_str(), f.as_str());
            if lex.org_words.contains(l) || lex.org_words.contains(last_low) {
                cand.ev.org += 3;
            }
            if keys.len() >= 2 && (lex.org_heads.contains(f) || lex.org_heads.contains(first_low)) {
                cand.ev.org += 2;
            }
            let place_word = lex.place_words.contains(l) || lex.place_words.contains(last_low);
            if place_word && keys.len() >= 2 {
                cand.ev.place += 3;
            }
        }
        if words
            .iter()
            .any(|&i| !toks[i].cap && matches!(toks[i].low.as_ref(), "of" | "for" | "and" | "on"))
        {
            cand.ev.org += 1;
        }
        if words.len() == 1
            && first.upper
            && (2..=6).contains(&first.key.len())
            && self.kb.by_alias(&first.key).is_empty()
        {
            cand.ev.org += 2;
        }
        if words.len() >= 5 {
            cand.ev.org += 1;
        }
    }

    /// Flags of a one-word candidate `word` of kind `kind`: mixed case
    /// ("LiLo"), and weak when it is an ordinary word at a sentence start.
    fn mark_single_word(&self, kind: SegmentKind, word: &Tok, cand: &mut Candidate) {
        let lex = &self.kb.lex;
        let stats = self.stats;
        let raw = self.text.get(word.bstart..word.name_bend).unwrap_or("");
        cand.camel = raw.chars().skip(1).any(char::is_uppercase)
            && raw.chars().filter(|c| c.is_uppercase()).count() == 2
            && !word.upper
            && raw.chars().all(char::is_alphabetic);
        let key = word.key.as_ref();
        let verbish =
            ["ed", "ing", "ly"].iter().any(|e| word.low.ends_with(e)) && !lex.given.contains(key);
        // A word never written in lowercase in the article may be a
        // name even at a sentence start ("Bush ran for 100 yards").
        let ordinary = stats.lower_seen.contains(key)
            || word.low.ends_with('s')
            || verbish
            || (word.common_ending && !lex.given.contains(key));
        cand.weak = kind == SegmentKind::Name
            && word.sent_start
            && ((cand.ev.person == 0 && cand.ev.org == 0 && ordinary) || verbish)
            && !stats.cap_mid.contains(key);
    }

    /// The role of title block [from, to) of the run, "of" its country
    /// (a KB entry, else the text of the name before it).
    fn role_from(
        &self,
        run: &[usize],
        from: usize,
        to: usize,
        country: Option<usize>,
        country_text: Option<String>,
    ) -> Option<RoleRef> {
        let toks = self.toks;
        let kb = self.kb;
        let lex = &kb.lex;
        // The office: the first title word that starts a known office phrase.
        let mut office = None;
        for &q in &run[from..to] {
            if let Some((words, display, _)) = office_at(toks, q) {
                office = Some((words, display.to_string()));
                break;
            }
        }
        let (words, display) = match office {
            Some(o) => o,
            None => {
                let heads: Vec<&'static str> = (from..to)
                    .filter_map(|q| expand_abbrev(toks[run[q]].low.as_ref()))
                    .collect();
                let head = heads.last()?;
                (vec![], (*head).to_string())
            }
        };
        if (from..to).all(|q| lex.honorifics.contains(toks[run[q]].low.as_ref())) {
            return None;
        }
        let country_name = country
            .and_then(|c| kb.entry(c))
            .map(|e| e.name.clone())
            .or(country_text.clone());
        let display = match &country_name {
            Some(c) => format!("{display} of {c}"),
            None => display,
        };
        Some(RoleRef {
            office: words,
            country,
            country_text,
            display,
        })
    }
}

/// Joins adjacent name segments into one.
/// In a language that capitalises its nouns, one capitalised word after an
/// article or determiner, or after one with lowercase adjectives between
/// ("im Sommer", "der nächsten Regierung"), or with a suffix that makes
/// nouns ("Führung", "Gesellschaft"), is a common noun: not a name unless
/// the knowledge base knows it or it is a given name or a title.
/// Places rarely take an article, and those that do ("im Iran", "in der
/// Schweiz") are in the knowledge base.
fn common_noun(toks: &[Tok], run: &[usize], kb: &Kb) -> bool {
    let [i] = run else { return false };
    let t = &toks[*i];
    let lex = &kb.lex;
    if kb.knows(t.key.as_ref(), t.low.as_ref())
        || !kb.by_demonym(t.key.as_ref()).is_empty()
        || lex.given.contains(t.key.as_ref())
        || lex.titles.contains(t.low.as_ref())
        // A compound ending in an organization word names one
        // ("die Bundesärztekammer", "der Sparkassenverband").
        || lex
            .org_words
            .iter()
            .any(|w| w.chars().count() >= 4 && t.low.len() > w.len() && t.low.ends_with(w))
    {
        return false;
    }
    // Suffixes that make nouns, never names: "in Führung", "in Gefahr"
    // stays a place only with an article-less name ("in Berlin").
    const NOUN_SUFFIXES: &[&str] = &[
        "ung", "heit", "keit", "schaft", "tion", "tät", "nis", "tum", "ismus", "ungen", "heiten",
        "keiten", "schaften", "tionen", "täten", "nisse",
    ];
    if t.low.chars().count() >= 6 && NOUN_SUFFIXES.iter().any(|s| t.low.ends_with(s)) {
        return true;
    }
    // Adverbs of manner made from adjectives, capitalised at a sentence's
    // start: "Glücklicherweise", "Möglicherweise".
    if t.low.chars().count() >= 10 && t.low.ends_with("erweise") {
        return true;
    }
    let mut k = *i;
    for _ in 0..3 {
        let Some(p) = k.checked_sub(1).map(|p| &toks[p]) else {
            return false;
        };
        // A word capitalised only because it opens the sentence ("Die
        // Gespräche", "Im vergangenen Sommer") is read as written lowercase.
        if !p.word || (p.cap && !p.sent_start) || p.line != t.line {
            return false;
        }
        if lex.articles.contains(p.low.as_ref()) {
            return true;
        }
        // Adjectives between the article and the noun end in -e, -en, -er,
        // -es or -em.
        let adjective = ["e", "en", "er", "es", "em"]
            .iter()
            .any(|e| p.low.ends_with(e));
        if !adjective {
            return false;
        }
        k -= 1;
    }
    false
}

fn merge_adjacent_names(segs: Vec<Segment>) -> Vec<Segment> {
    let mut merged: Vec<Segment> = Vec::new();
    for s in segs {
        match merged.last_mut() {
            Some(last) if last.is_name() && s.is_name() => last.to = s.to,
            _ => merged.push(s),
        }
    }
    merged
}

/// The country of the segment before segment `s`: a demonym's, or a KB
/// country.
fn country_before(segs: &[Segment], s: usize, kb: &Kb) -> Option<usize> {
    let prev = s.checked_sub(1).and_then(|p| segs.get(p))?;
    match prev.kind {
        SegmentKind::Demonym(c) => Some(c),
        SegmentKind::Kb(id) if kb.entry(id).is_some_and(|e| e.kind == KbKind::Country) => Some(id),
        _ => None,
    }
}

/// Whether the ending cut off a Turkish name (apostrophe included) is the
/// locative or ablative case ("'da", "'dan", "'deki"): in or from a place.
fn is_locative(ending: Option<&str>) -> bool {
    ending
        .and_then(|e| e.get(e.chars().next().map_or(0, char::len_utf8)..))
        .is_some_and(crate::words::is_place_ending)
}
