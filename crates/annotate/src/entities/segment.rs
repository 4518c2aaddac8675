//! Splitting a run of capitalised words into knowledge-base matches,
//! demonyms, title blocks and unknown names, and turning the pieces into
//! candidates with their evidence and roles.

use rustc_hash::FxHashMap as HashMap;

use super::context::{after_context, descriptor, role_phrases};
use super::kb::{Kb, KbKind};
use super::scan::{
    Candidate, Evidence, RoleRef, Stats, What, country_of, kb_window, office_at, runs, window_limit,
};
use super::token::Tok;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seg {
    Kb(usize),
    Demonym(usize),
    Title,
    Name,
}

/// Title words that only modify a head title ("Foreign" in "Foreign Minister").
#[rustfmt::skip]
const MODIFIERS: &[&str] = &[
    "vice", "prime", "foreign", "defense", "defence", "interior", "finance", "state", "trade", "health",
    "economy", "first", "deputy", "general", "chief", "attorney-general", "leader", "st", "major",
    "doctor",
    "chair",
];

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

/// All candidates of the article (CJK matches excluded).
pub fn candidates(
    text: &str,
    toks: &[Tok],
    st: &Stats,
    kb: &Kb,
    year: Option<i32>,
) -> Vec<Candidate> {
    let lex = &kb.lex;
    let mut out = Vec::new();
    // Roles given in lowercase right before a name: token index of the name → role.
    let mut pending: HashMap<usize, RoleRef> = HashMap::default();
    role_phrases(toks, kb, &mut out, &mut pending);
    for run in runs(toks, kb) {
        descriptor(toks, &run, kb, &mut out);
        let mut run = run;
        let line = toks[run[0]].line;
        if st.headline.get(line).copied().unwrap_or(false) {
            for part in split_known(&run, toks, st, kb) {
                segment_run(text, toks, &part, st, kb, year, &pending, &mut out);
            }
            continue;
        }
        // Sentence-initial ordinary words.
        while let Some(&first) = run.first() {
            let t = &toks[first];
            let k = t.key.as_ref();
            let lo = t.low.as_ref();
            let ordinary = lex.stop.contains(lo)
                || (t.sent_start
                    && st.lower_seen.contains(k)
                    && !st.cap_mid.contains(k)
                    && !lex.given.contains(k)
                    && !lex.titles.contains(lo)
                    && kb.by_alias(k).is_empty()
                    && kb.by_demonym(k).is_empty());
            if !ordinary {
                break;
            }
            let multi = || {
                (2..=window_limit(text, t, kb).min(run.len())).any(|n| {
                    run[..n].iter().all(|&i| toks[i].cap)
                        && kb_window(text, toks, &run[..n], kb, year).is_some()
                })
            };
            let kb_name = (!t.sent_start && !kb.by_alias(k).is_empty()) || multi();
            if !ordinary
                || kb_name
                || (lex.stop.contains(lo) && !t.sent_start && lo.len() > 3 && !is_month(lo))
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
            let lo = toks[i].low.as_ref();
            toks[i].cap
                && lex.stop.contains(lo)
                && (is_month(lo) || lo.len() <= 3 || toks[i].sent_start)
                && kb.by_alias(toks[i].key.as_ref()).is_empty()
        };
        for part in run.split(|&i| splits(i)).filter(|p| !p.is_empty()) {
            segment_run(
                text,
                toks,
                &trim_connectors(part, toks),
                st,
                kb,
                year,
                &pending,
                &mut out,
            );
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
            || !(kb.by_alias(k).is_empty() || (stop && toks[i].sent_start))
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

#[allow(clippy::too_many_arguments)]
fn segment_run(
    text: &str,
    toks: &[Tok],
    run: &[usize],
    st: &Stats,
    kb: &Kb,
    year: Option<i32>,
    pending: &HashMap<usize, RoleRef>,
    out: &mut Vec<Candidate>,
) {
    if run.is_empty() {
        return;
    }
    let lex = &kb.lex;
    // 1. Segments.
    let mut segs: Vec<(Seg, usize, usize)> = Vec::new(); // (seg, from, to) into run
    let mut p = 0;

    while p < run.len() {
        if !toks[run[p]].cap {
            // A connector between segments belongs to the name around it.
            if let Some(last) = segs.last_mut().filter(|s| s.0 == Seg::Name) {
                last.2 = p + 1;
            }
            p += 1;
            continue;
        }
        let mut matched = None;
        let maxw = window_limit(text, &toks[run[p]], kb);
        for n in (1..=maxw.min(run.len() - p)).rev() {
            if !toks[run[p + n - 1]].cap {
                continue;
            }
            if let Some(id) = kb_window(text, toks, &run[p..p + n], kb, year) {
                matched = Some((id, n));
                break;
            }
        }
        if let Some((id, n)) = matched {
            // A country or place inside a longer unknown name is part of it
            // ("Carnegie Russia Eurasia").
            let is_place = kb
                .entry(id)
                .is_some_and(|e| matches!(e.kind, KbKind::Country | KbKind::Place));
            let inside =
                p > 0 && p + n < run.len() && segs.last().is_some_and(|s| s.0 == Seg::Name);
            if !(is_place && inside) {
                segs.push((Seg::Kb(id), p, p + n));
                p += n;
                continue;
            }
        }
        let t = &toks[run[p]];
        let k = t.key.as_ref();
        let seg = if let Some(&c) = kb.by_demonym(k).first() {
            Seg::Demonym(c)
        } else if lex.titles.contains(t.low.as_ref()) {
            Seg::Title
        } else {
            Seg::Name
        };
        match segs.last_mut() {
            Some(last) if last.0 == seg && matches!(seg, Seg::Name | Seg::Title) && last.2 == p => {
                last.2 = p + 1
            }
            _ => segs.push((seg, p, p + 1)),
        }
        p += 1;
    }
    // A title block is real only with a head title, and not before a name
    // that is an organization or a place ("General Motors").
    for s in 0..segs.len() {
        if segs[s].0 != Seg::Title {
            continue;
        }
        let head = (segs[s].1..segs[s].2).any(|q| !MODIFIERS.contains(&toks[run[q]].low.as_ref()))
            || segs[s].2 - segs[s].1 >= 2;
        let next_orgish = segs.get(s + 1).is_some_and(|n| {
            n.0 == Seg::Name && {
                let last = toks[run[n.2 - 1]].low.as_ref();
                lex.org_words.contains(last) || lex.place_words.contains(last)
            }
        });
        let prev_demonym = s > 0 && matches!(segs[s - 1].0, Seg::Demonym(_));
        // "Interior Ken Salazar": a modifier right before a given name.
        let head = head
            || segs.get(s + 1).is_some_and(|n| {
                n.0 == Seg::Name && lex.given.contains(toks[run[n.1]].key.as_ref())
            });
        let after_name = s + 1 == segs.len() && s > 0 && segs[s - 1].0 == Seg::Name;
        if (!head && !prev_demonym) || next_orgish || after_name {
            segs[s].0 = Seg::Name;
        }
    }
    // Merge adjacent names again.
    let mut merged: Vec<(Seg, usize, usize)> = Vec::new();
    for s in segs {
        match merged.last_mut() {
            Some(last) if last.0 == Seg::Name && s.0 == Seg::Name => last.2 = s.2,
            _ => merged.push(s),
        }
    }
    // A one-word KB person right after an unknown name is that name's
    // surname ("Reggie Bush" is not George W. Bush).
    for s in 1..merged.len() {
        if let (Seg::Kb(id), Seg::Name) = (merged[s].0, merged[s - 1].0) {
            let solo = merged[s].2 - merged[s].1 == 1
                && kb.entry(id).is_some_and(|e| e.kind == KbKind::Person);
            let prev_word = toks[run[merged[s - 1].2 - 1]].key.as_ref();
            let is_given_of = kb.entry(id).is_some_and(|e| {
                e.keys
                    .iter()
                    .any(|a| a.split(' ').next() == Some(prev_word))
            });
            if solo && merged[s - 1].2 == merged[s].1 && !is_given_of {
                merged[s].0 = Seg::Name;
            }
        }
    }
    let mut remerged: Vec<(Seg, usize, usize)> = Vec::new();
    for s in merged {
        match remerged.last_mut() {
            Some(last) if last.0 == Seg::Name && s.0 == Seg::Name => last.2 = s.2,
            _ => remerged.push(s),
        }
    }
    let merged = remerged;
    // A given name right before a KB person joins it ("Vladimir Poutine"
    // when only "Poutine" is an alias).
    let mut segs: Vec<(Seg, usize, usize)> = Vec::new();
    for s in merged {
        if let (Seg::Kb(id), Some(prev)) = (s.0, segs.last())
            && prev.0 == Seg::Name
            && prev.2 == s.1
            && prev.2 - prev.1 == 1
        {
            let w = toks[run[prev.1]].key.as_ref();
            let given = kb.entry(id).is_some_and(|e| {
                e.kind == KbKind::Person
                    && e.keys
                        .iter()
                        .any(|f| f.split(' ').next() == Some(w) && f.contains(' '))
            });
            if given {
                let from = prev.1;
                segs.pop();
                segs.push((Seg::Kb(id), from, s.2));
                continue;
            }
        }
        segs.push(s);
    }
    // A name starting inside a run after an ordinary word ("Named Maurice
    // Cheeks", "Englishman Robert Buckley", "RB DeShawn Wynn") starts anew.
    let mut split: Vec<(Seg, usize, usize)> = Vec::new();
    for s in segs {
        if s.0 == Seg::Name && s.2 - s.1 >= 3 {
            let cut = (s.1 + 1..s.2 - 1).find(|&q| {
                let g = &toks[run[q]];
                let p = &toks[run[q - 1]];
                lex.given.contains(g.key.as_ref())
                    && !lex.given.contains(p.key.as_ref())
                    && p.cap
                    && (st.lower_seen.contains(p.key.as_ref())
                        || p.upper
                        || lex.org_words.contains(p.low.as_ref())
                        || lex.role_nouns.contains(p.low.as_ref())
                        || p.low.ends_with("ed")
                        || p.low.ends_with("ing")
                        || p.low.ends_with("man")
                        || p.low.contains('-'))
            });
            if let Some(q) = cut {
                split.push((Seg::Name, s.1, q));
                split.push((Seg::Name, q, s.2));
                continue;
            }
        }
        split.push(s);
    }
    let segs = split;
    // 2. Candidates.
    let before_run = run[0].checked_sub(1).and_then(|i| toks.get(i));
    let possessive_country = run[0]
        .checked_sub(1)
        .and_then(|i| toks.get(i))
        .filter(|t| t.possessive && !t.newline_before)
        .and_then(|t| country_of(t, kb));
    for (s, &(seg, from, to)) in segs.iter().enumerate() {
        let ws = &run[from..to];
        let first = &toks[ws[0]];
        let last = &toks[ws[ws.len() - 1]];
        let mut cand = Candidate {
            start: first.start,
            end: last.name_end,
            bstart: first.bstart,
            bend: last.name_bend,
            what: What::Name,
            words: ws
                .iter()
                .filter(|&&i| toks[i].cap)
                .map(|&i| toks[i].key.to_string())
                .collect(),
            ev: Evidence::default(),
            role: None,
            apposition: None,
            weak: false,
            camel: false,
        };
        if seg == Seg::Name && ws.iter().all(|&i| lex.stop.contains(toks[i].low.as_ref())) {
            continue;
        }
        match seg {
            Seg::Title => {
                // A title block with no name after: a role phrase when a
                // country precedes it ("the Russian President").
                if segs.len() == 1 && to - from == 1 && possessive_country.is_none() {
                    // "King said": a title word alone may still be a surname.
                    cand.weak = true;
                    cand.ev.person += 1;
                    out.push(cand);
                    continue;
                }
                if s + 1 == segs.len() {
                    let country = country_before(&segs, s, kb).or(possessive_country);
                    if let Some(c) = country
                        && let Some(role) = role_from(toks, run, from, to, Some(c), None, kb)
                    {
                        let cstart = if s > 0 {
                            toks[run[segs[s - 1].1]].start
                        } else {
                            first.start
                        };
                        let cb = if s > 0 {
                            toks[run[segs[s - 1].1]].bstart
                        } else {
                            first.bstart
                        };
                        cand.start = cstart;
                        cand.bstart = cb;
                        cand.what = What::Role(role);
                        out.push(cand);
                    }
                }
                continue;
            }
            Seg::Demonym(c) => {
                cand.what = What::Demonym(c);
                out.push(cand);
                continue;
            }
            Seg::Kb(id) => cand.what = What::Kb(id),
            Seg::Name => {}
        }
        // Title block right before: role and person evidence.
        if s > 0 && segs[s - 1].0 == Seg::Title {
            let (_, tf, tt) = segs[s - 1];
            let country = country_before(&segs, s - 1, kb).or(possessive_country);
            let country_text = if s >= 2 && segs[s - 2].0 == Seg::Name {
                let (_, nf, nt) = segs[s - 2];
                text.get(toks[run[nf]].bstart..toks[run[nt - 1]].name_bend)
                    .map(String::from)
            } else {
                None
            };
            cand.role = role_from(toks, run, tf, tt, country, country_text, kb);
            cand.ev.person += 3;
            cand.ev.titled = true;
        } else if let Some(r) = pending.get(&ws[0]) {
            cand.role = Some(r.clone());
            cand.ev.person += 2;
        }
        // Place evidence for a name before a title ("Alaska Gov. Sarah Palin").
        if seg == Seg::Name
            && segs.get(s + 1).is_some_and(|n| n.0 == Seg::Title)
            && s + 2 < segs.len()
        {
            cand.ev.place += 2;
        }
        // Context before the run.
        if s == 0
            && let Some(b) = before_run.filter(|b| b.word && !b.cap)
        {
            let k = b.low.as_ref();
            if lex.role_nouns.contains(k) {
                cand.ev.person += 2;
            } else if lex.place_preps.contains(k) {
                cand.ev.place += 1;
            } else if lex.report_verbs.contains(k) && k != "a" && s + 1 == segs.len() {
                cand.ev.person += 1;
            }
        }
        // Context after the run.
        if s + 1 == segs.len() {
            after_context(toks, run[run.len() - 1], text, kb, &mut cand);
        }
        // The words themselves.
        let words = &cand.words;
        if let (Some(f), Some(l)) = (words.first(), words.last()) {
            if lex.given.contains(f.as_str()) {
                cand.ev.person += if words.len() >= 2 { 2 } else { 1 };
            }
            if lex.org_words.contains(l.as_str()) {
                cand.ev.org += 3;
            }
            if words.len() >= 2 && lex.org_heads.contains(f.as_str()) {
                cand.ev.org += 2;
            }
            if lex.place_words.contains(l.as_str()) && words.len() >= 2 {
                cand.ev.place += 3;
            }
        }
        if ws
            .iter()
            .any(|&i| !toks[i].cap && matches!(toks[i].low.as_ref(), "of" | "for" | "and" | "on"))
        {
            cand.ev.org += 1;
        }
        if ws.len() == 1
            && first.upper
            && (2..=6).contains(&first.key.len())
            && kb.by_alias(&first.key).is_empty()
        {
            cand.ev.org += 2;
        }
        if ws.len() >= 5 {
            cand.ev.org += 1;
        }
        if ws.len() == 1 {
            let raw = text.get(first.bstart..first.name_bend).unwrap_or("");
            cand.camel = raw.chars().skip(1).any(char::is_uppercase)
                && raw.chars().filter(|c| c.is_uppercase()).count() == 2
                && !first.upper
                && raw.chars().all(char::is_alphabetic);
            let k = first.key.as_ref();
            let verbish = ["ed", "ing", "ly"].iter().any(|e| first.low.ends_with(e))
                && !lex.given.contains(k);
            // A word never written in lowercase in the article may be a
            // name even at a sentence start ("Bush ran for 100 yards").
            let ordinary = st.lower_seen.contains(k) || first.low.ends_with('s') || verbish;
            cand.weak = seg == Seg::Name
                && first.sent_start
                && ((cand.ev.person == 0 && cand.ev.org == 0 && ordinary) || verbish)
                && !st.cap_mid.contains(k);
        }
        out.push(cand);
    }
}

fn country_before(segs: &[(Seg, usize, usize)], s: usize, kb: &Kb) -> Option<usize> {
    let prev = s.checked_sub(1).and_then(|p| segs.get(p))?;
    match prev.0 {
        Seg::Demonym(c) => Some(c),
        Seg::Kb(id) if kb.entry(id).is_some_and(|e| e.kind == KbKind::Country) => Some(id),
        _ => None,
    }
}

fn role_from(
    toks: &[Tok],
    run: &[usize],
    from: usize,
    to: usize,
    country: Option<usize>,
    country_text: Option<String>,
    kb: &Kb,
) -> Option<RoleRef> {
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
    let cname = country
        .and_then(|c| kb.entry(c))
        .map(|e| e.name.clone())
        .or(country_text.clone());
    let display = match &cname {
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
