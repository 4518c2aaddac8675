//! From candidates to entities within one article: knowledge-base entries,
//! full names merged by surname and compatible given names, single words
//! attached to the person they abbreviate, role phrases resolved to the
//! office holder, and a kind for every unknown name from its evidence.

use rustc_hash::FxHashMap as HashMap;

use herald_model::{Entity, EntityKind, Mention};

use super::context::COUNTERPART;
use super::kb::{Kb, KbKind, role_has};
use super::lexicon::Lex;
use super::scan::{Cand, Ev, RoleRef, What};

#[derive(Debug, Clone)]
struct Ent {
    kind: EntityKind,
    kb: Option<usize>,
    /// Display name (canonical).
    name: String,
    /// Folded words of the canonical name.
    words: Vec<String>,
    /// Folded surname keys this entity answers to (persons).
    surnames: Vec<String>,
    /// Folded given names this entity answers to (persons).
    givens: Vec<String>,
    role: Option<String>,
    role_ref: Option<RoleRef>,
    mentions: Vec<(usize, usize, usize, usize)>,
    ev: Ev,
}

const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Surname of folded name words: last word that is not a suffix.
pub fn surname(words: &[String]) -> Option<&str> {
    words
        .iter()
        .rev()
        .map(String::as_str)
        .find(|w| !SUFFIXES.contains(w) && w.len() > 1)
}

/// The words before the surname (given and middle names).
pub fn pre_surname(words: &[String]) -> Vec<String> {
    let Some(pos) = words
        .iter()
        .rposition(|w| !SUFFIXES.contains(&w.as_str()) && w.len() > 1)
    else {
        return vec![];
    };
    words[..pos].to_vec()
}

/// Whether two folded given names may be the same person's.
pub fn given_compatible(a: &str, b: &str, lex: &Lex) -> bool {
    if a == b || lex.nick(a, b) {
        return true;
    }
    let (ca, cb) = (a.chars().count(), b.chars().count());
    if ca == 1 || cb == 1 {
        return a.chars().next() == b.chars().next();
    }
    a.chars().next() == b.chars().next() && edit_distance(a, b) <= 1 && ca.min(cb) >= 3
}

/// Levenshtein distance (small words only).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut cur = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        prev = cur;
    }
    prev[b.len()]
}

fn display(text: &str, c: &Cand) -> String {
    let raw = text.get(c.bstart..c.bend).unwrap_or("");
    let mut s = String::with_capacity(raw.len());
    for w in raw.split_whitespace() {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(w);
    }
    // "Gov.Sarah" → keep as written; all-caps names get title case.
    if s.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
        && s.chars().filter(|c| c.is_alphabetic()).count() > 6
    {
        return title_case(&s);
    }
    s
}

fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if c.is_alphabetic() {
            if start {
                out.push(c);
            } else {
                out.extend(c.to_lowercase());
            }
            start = false;
        } else {
            out.push(c);
            start = true;
        }
    }
    out
}

fn kb_person_keys(kb: &Kb, id: usize) -> (Vec<String>, Vec<String>) {
    let mut sur = Vec::new();
    let mut giv = Vec::new();
    if let Some(e) = kb.entry(id) {
        for f in &e.keys {
            let ws: Vec<String> = f.split(' ').map(String::from).collect();
            if ws.len() >= 2 {
                if let Some(s) = surname(&ws)
                    && !sur.iter().any(|x| x == s)
                {
                    sur.push(s.to_string());
                }
                if !giv.contains(&ws[0]) {
                    giv.push(ws[0].clone());
                }
            } else if ws.len() == 1 && !sur.contains(&ws[0]) && ws[0].chars().count() > 1 {
                sur.push(ws[0].clone());
            }
        }
    }
    (sur, giv)
}

/// Builds the article's entities from its candidates.
pub fn resolve(text: &str, mut cands: Vec<Cand>, kb: &Kb, year: Option<i32>) -> Vec<Entity> {
    let lex = &kb.lex;
    cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    // Drop candidates inside another one (a demonym inside a role phrase).
    let mut kept: Vec<Cand> = Vec::with_capacity(cands.len());
    for c in cands {
        if kept
            .iter()
            .rev()
            .take(4)
            .any(|k| k.what != What::Descriptor && k.start <= c.start && c.end <= k.end)
        {
            continue;
        }
        kept.push(c);
    }
    let cands = kept;
    let mut ents: Vec<Ent> = Vec::new();
    let mut by_kb: HashMap<usize, usize> = HashMap::default();
    let mut by_name: HashMap<String, usize> = HashMap::default();
    let span = |c: &Cand| (c.start, c.end, c.bstart, c.bend);

    // 1. Knowledge-base entries and demonyms.
    for c in &cands {
        let id = match c.what {
            What::Kb(id) | What::Demonym(id) => id,
            _ => continue,
        };
        let Some(e) = kb.entry(id) else { continue };
        if solo_person(c, kb) {
            continue;
        }
        let idx = *by_kb.entry(id).or_insert_with(|| {
            let (surnames, givens) = if e.kind == KbKind::Person {
                kb_person_keys(kb, id)
            } else {
                (vec![], vec![])
            };
            ents.push(Ent {
                kind: e.kind.entity_kind(),
                kb: Some(id),
                name: e.name.clone(),
                words: super::fold::fold(&e.name)
                    .split(' ')
                    .map(String::from)
                    .collect(),
                surnames,
                givens,
                role: None,
                role_ref: None,
                mentions: Vec::new(),
                ev: Ev::default(),
            });
            ents.len() - 1
        });
        let ent = &mut ents[idx];
        ent.mentions.push(span(c));
        if ent.role.is_none()
            && let Some(r) = &c.role
        {
            ent.role = Some(r.display.clone());
            ent.role_ref = Some(r.clone());
        }
    }

    // 2. Unknown multi-word names, grouped by their folded words.
    let mut groups: Vec<(String, Vec<usize>, Ev)> = Vec::new();
    let mut gi: HashMap<String, usize> = HashMap::default();
    for (i, c) in cands.iter().enumerate() {
        if c.what != What::Name || c.words.len() < 2 {
            continue;
        }
        let key = c.words.join(" ");
        let g = *gi.entry(key.clone()).or_insert_with(|| {
            groups.push((key, Vec::new(), Ev::default()));
            groups.len() - 1
        });
        groups[g].1.push(i);
        let ev = &mut groups[g].2;
        ev.person += cands[i].ev.person;
        ev.org += cands[i].ev.org;
        ev.place += cands[i].ev.place;
        ev.titled |= cands[i].ev.titled;
    }
    // Longer names first, so that shorter forms merge into them.
    groups.sort_by_key(|g| std::cmp::Reverse(g.0.split(' ').count()));
    for (key, members, ev) in &groups {
        let words: Vec<String> = key.split(' ').map(String::from).collect();
        let kind = classify(ev, words.len());
        let first = &cands[members[0]];
        let mut target = None;
        if kind == EntityKind::Person
            && let Some(sur) = surname(&words)
        {
            {
                let given = words[0].as_str();
                target = ents.iter().position(|e| {
                    e.kind == EntityKind::Person
                        && e.surnames.iter().any(|s| s == sur)
                        && (e.givens.is_empty()
                            || e.givens.iter().any(|g| given_compatible(g, given, lex)))
                        && (e.kb.is_some() || e.words.len() >= words.len())
                });
            }
        }
        let idx = match target {
            Some(t) => t,
            None => {
                let (surnames, givens) = if kind == EntityKind::Person {
                    (
                        surname(&words)
                            .map(|s| vec![s.to_string()])
                            .unwrap_or_default(),
                        pre_surname(&words),
                    )
                } else {
                    (vec![], vec![])
                };
                ents.push(Ent {
                    kind,
                    kb: None,
                    name: display(text, first),
                    words: words.clone(),
                    surnames,
                    givens,
                    role: None,
                    role_ref: None,
                    mentions: Vec::new(),
                    ev: *ev,
                });
                by_name.insert(key.clone(), ents.len() - 1);
                ents.len() - 1
            }
        };
        let ent = &mut ents[idx];
        // Middle names and initials join the given names this person answers to.
        if ent.kind == EntityKind::Person {
            for g in pre_surname(&words) {
                if !ent.givens.contains(&g) {
                    ent.givens.push(g);
                }
            }
        }
        for &m in members {
            let c = &cands[m];
            ent.mentions.push(span(c));
            if ent.role.is_none() {
                if let Some(r) = &c.role {
                    ent.role = Some(r.display.clone());
                    ent.role_ref = Some(r.clone());
                } else if let Some(a) = &c.apposition {
                    ent.role = Some(a.clone());
                }
            }
        }
    }

    // 3. Single words: a person's surname or given name, a KB surname, or a
    //    name of their own.
    let mut roles: Vec<&Cand> = Vec::new();
    let mut descriptors: Vec<&Cand> = Vec::new();
    for c in &cands {
        if c.what == What::Descriptor {
            descriptors.push(c);
            continue;
        }
        let solo_kb = match &c.what {
            What::Role(_) => {
                roles.push(c);
                continue;
            }
            What::Name if c.words.len() == 1 => None,
            What::Kb(id) if solo_person(c, kb) => Some(*id),
            _ => continue,
        };
        let w = c.words[0].as_str();
        if let Some(id) = solo_kb {
            // "Putin", "Bush": the KB person when the article names them in
            // full, gives a title, or is about their country; a person of
            // the article with that surname otherwise.
            let target = if let Some(&i) = by_kb.get(&id) {
                Some(i)
            } else if let Some(i) = ents.iter().position(|e| {
                e.kind == EntityKind::Person && e.kb.is_none() && e.surnames.iter().any(|s| s == w)
            }) {
                Some(i)
            } else if c.ev.titled || supported(kb, id, year, &by_kb) {
                Some(new_kb_person(kb, id, &mut ents, &mut by_kb))
            } else {
                None
            };
            if let Some(i) = target {
                ents[i].mentions.push(span(c));
                continue;
            }
        }
        let person_with = |pred: &dyn Fn(&Ent) -> bool| -> Option<usize> {
            let mut best: Option<(usize, usize)> = None;
            for (i, e) in ents.iter().enumerate() {
                if e.kind == EntityKind::Person && pred(e) {
                    let n = e.mentions.len();
                    if best.is_none_or(|(_, bn)| n > bn) {
                        best = Some((i, n));
                    }
                }
            }
            best.map(|b| b.0)
        };
        let mut target = person_with(&|e: &Ent| e.surnames.iter().any(|s| s == w));
        if target.is_none() {
            let hits: Vec<usize> = ents
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    e.kind == EntityKind::Person
                        && e.givens.iter().any(|g| g == w)
                        && w.chars().count() > 2
                })
                .map(|(i, _)| i)
                .collect();
            if hits.len() == 1 {
                target = hits.first().copied();
            }
        }
        if target.is_none() && c.camel {
            target = camel_match(text, c, &ents);
        }
        if target.is_none() {
            // A KB person known by this surname, when the article supports it.
            let mut distinct: Vec<usize> = kb.by_surname(w).to_vec();
            distinct.dedup();
            if distinct.len() == 1 && (c.ev.titled || supported(kb, distinct[0], year, &by_kb)) {
                target = Some(new_kb_person(kb, distinct[0], &mut ents, &mut by_kb));
            }
        }
        if target.is_none() {
            // The surname of an unknown two- or three-word name: a person.
            let hits: Vec<usize> = ents
                .iter()
                .enumerate()
                .filter(|(_, e)| {
                    e.kind == EntityKind::Other
                        && e.kb.is_none()
                        && (2..=3).contains(&e.words.len())
                        && surname(&e.words) == Some(w)
                })
                .map(|(i, _)| i)
                .collect();
            if hits.len() == 1 {
                let e = &mut ents[hits[0]];
                e.kind = EntityKind::Person;
                e.surnames = vec![w.to_string()];
                e.givens = pre_surname(&e.words);
                target = Some(hits[0]);
            }
        }
        let idx = match target {
            Some(t) => t,
            None => {
                if c.weak {
                    continue;
                }
                if let Some(&i) = by_name.get(w) {
                    i
                } else {
                    let kind = if solo_kb.is_some() {
                        EntityKind::Person
                    } else {
                        classify(&c.ev, 1)
                    };
                    ents.push(Ent {
                        kind,
                        kb: None,
                        name: display(text, c),
                        words: vec![w.to_string()],
                        surnames: if kind == EntityKind::Person {
                            vec![w.to_string()]
                        } else {
                            vec![]
                        },
                        givens: vec![],
                        role: None,
                        role_ref: None,
                        mentions: Vec::new(),
                        ev: c.ev,
                    });
                    by_name.insert(w.to_string(), ents.len() - 1);
                    ents.len() - 1
                }
            }
        };
        let ent = &mut ents[idx];
        if ent.kb.is_none() && ent.words.len() == 1 {
            // Evidence of later mentions of a single-word name counts too.
            ent.ev.person += c.ev.person;
            ent.ev.org += c.ev.org;
            ent.ev.place += c.ev.place;
            if solo_kb.is_none() || ent.kind != EntityKind::Person {
                ent.kind = classify(&ent.ev, 1);
            }
        }
        ent.mentions.push(span(c));
        if ent.role.is_none() {
            if let Some(r) = &c.role {
                ent.role = Some(r.display.clone());
                ent.role_ref = Some(r.clone());
            } else if let Some(a) = &c.apposition
                && ent.kind == EntityKind::Person
            {
                ent.role = Some(a.clone());
            }
        }
    }

    // 4. Role phrases → the person holding the office.
    for c in roles {
        let What::Role(r) = &c.what else { continue };
        if let Some(i) = role_target(r, c.start, &ents, kb, year) {
            ents[i].mentions.push(span(c));
            if ents[i].role.is_none() {
                ents[i].role = Some(r.display.clone());
                ents[i].role_ref = Some(r.clone());
            }
            continue;
        }
        let country = r
            .country
            .and_then(|id| kb.entry(id))
            .map(|e| e.name.clone());
        let Some(country) = country else { continue };
        // A leader ("the Chinese leader") is the head of state; a title no
        // office table knows ("U.S. Attorney") names no office holder.
        let office: Vec<&str> = if !r.office.is_empty() {
            r.office.clone()
        } else if r.display.starts_with("Leader") {
            vec!["president"]
        } else {
            continue;
        };
        let mut holders = kb.office_holders(&country, &office, year);
        if year.is_none() {
            holders.retain(|&id| {
                kb.entry(id)
                    .is_some_and(|e| e.offices.iter().any(|o| o.to.is_none()))
            });
        }
        if holders.len() == 1 {
            let idx = new_kb_person(kb, holders[0], &mut ents, &mut by_kb);
            ents[idx].mentions.push(span(c));
            if ents[idx].role.is_none() {
                ents[idx].role = Some(r.display.clone());
                ents[idx].role_ref = Some(r.clone());
            }
        }
    }

    // 5. Descriptors ("a Spiro man") stand for the article's main person:
    //    the one named most often, when someone is named at least twice.
    for c in descriptors {
        let noun = text
            .get(c.bstart..c.bend)
            .and_then(|t| t.rsplit(' ').next())
            .unwrap_or("");
        let want = match noun {
            "woman" | "mother" | "mom" | "girl" | "grandmother" => -1,
            "man" | "father" | "dad" | "boy" | "grandfather" => 1,
            _ => 0,
        };
        let pick = |exact: bool| {
            ents.iter()
                .enumerate()
                .filter(|(_, e)| e.kind == EntityKind::Person && e.mentions.len() >= 2)
                .filter(|(_, e)| {
                    want == 0
                        || if exact {
                            gender(text, e) == want
                        } else {
                            gender(text, e) == 0
                        }
                })
                .max_by_key(|(i, e)| (e.mentions.len(), std::cmp::Reverse(*i)))
                .map(|(i, _)| i)
        };
        let main = if want == 0 {
            pick(false)
        } else {
            pick(true).or_else(|| pick(false))
        };
        if let Some(m) = main {
            ents[m].mentions.push(span(c));
        }
    }

    // 6. "<Demonym> counterpart": the office of the other person with a
    //    role, in this person's country.
    let offices: Vec<(usize, RoleRef)> = ents
        .iter()
        .filter_map(|e| {
            let r = e.role_ref.as_ref()?;
            (r.office.first() != Some(&COUNTERPART) && r.display.contains(" of "))
                .then(|| (e.mentions.first().map_or(0, |m| m.0), r.clone()))
        })
        .collect();
    for e in &mut ents {
        let Some(r) = e.role_ref.clone() else {
            continue;
        };
        if r.office.first() != Some(&COUNTERPART) {
            continue;
        }
        let at = e.mentions.first().map_or(0, |m| m.0);
        let other = offices
            .iter()
            .filter(|(s, o)| *s < at && o.country != r.country)
            .max_by_key(|(s, _)| *s);
        match other {
            Some((_, o)) => {
                let office = o.display.split(" of ").next().unwrap_or("");
                let display = format!("{office} of {}", r.display);
                e.role = Some(display.clone());
                e.role_ref = Some(RoleRef {
                    office: o.office.clone(),
                    display,
                    ..r
                });
            }
            None => {
                e.role = None;
                e.role_ref = None;
            }
        }
    }

    // 7. A KB person given a bare title ("President Putin") takes the
    //    matching office of the KB.
    for e in &mut ents {
        let (Some(id), Some(r)) = (e.kb, &e.role_ref) else {
            continue;
        };
        if r.country.is_some() || r.country_text.is_some() || r.office.is_empty() {
            continue;
        }
        let office = kb.entry(id).and_then(|k| {
            k.offices
                .iter()
                .find(|o| o.held_in(year) && role_has(&o.role_key, &r.office))
        });
        if let Some(o) = office {
            e.role = Some(o.role.clone());
        }
    }

    finish(text, ents)
}

/// Pronouns right after a person's mentions: 1 male, -1 female, 0 unknown.
fn gender(text: &str, e: &Ent) -> i32 {
    let (mut he, mut she) = (0i32, 0i32);
    for &(_, _, _, be) in &e.mentions {
        let Some(after) = text.get(be..) else {
            continue;
        };
        // The first pronoun after the mention, before any other name.
        for w in after
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .take(15)
        {
            match w {
                "he" | "He" | "his" | "His" | "him" | "himself" => {
                    he += 1;
                    break;
                }
                "she" | "She" | "her" | "Her" | "hers" | "herself" => {
                    she += 1;
                    break;
                }
                _ if w.chars().next().is_some_and(char::is_uppercase) => break,
                _ => {}
            }
        }
    }
    (he - she).signum()
}

fn solo_person(c: &Cand, kb: &Kb) -> bool {
    let What::Kb(id) = c.what else { return false };
    c.words.len() == 1
        && !c.words[0].chars().any(super::kb::is_cjk)
        && kb.entry(id).is_some_and(|e| e.kind == KbKind::Person)
}

/// Whether the article supports a KB person named by one word: their
/// country is mentioned and, with a known year, they held an office then.
fn supported(kb: &Kb, id: usize, year: Option<i32>, by_kb: &HashMap<usize, usize>) -> bool {
    kb.entry(id).is_some_and(|e| {
        let in_office = year.is_some() && e.offices.iter().any(|o| o.held_in(year));
        // The country itself, a demonym, or a place of that country (Beijing).
        let countries: Vec<&str> = e.offices.iter().map(|o| o.country_key.as_str()).collect();
        let country_here = by_kb.keys().any(|&k| {
            kb.entry(k).is_some_and(|x| {
                matches!(x.kind, KbKind::Country | KbKind::Place)
                    && (countries.contains(&x.keys.first().map_or("", String::as_str))
                        || countries
                            .iter()
                            .any(|c| !c.is_empty() && super::fold::fold(&x.country) == *c))
            })
        });
        in_office && country_here
    })
}

fn new_kb_person(
    kb: &Kb,
    id: usize,
    ents: &mut Vec<Ent>,
    by_kb: &mut HashMap<usize, usize>,
) -> usize {
    *by_kb.entry(id).or_insert_with(|| {
        let (surnames, givens) = kb_person_keys(kb, id);
        let name = kb.entry(id).map_or_else(String::new, |e| e.name.clone());
        ents.push(Ent {
            kind: EntityKind::Person,
            kb: Some(id),
            words: super::fold::fold(&name)
                .split(' ')
                .map(String::from)
                .collect(),
            name,
            surnames,
            givens,
            role: None,
            role_ref: None,
            mentions: Vec::new(),
            ev: Ev::default(),
        });
        ents.len() - 1
    })
}

fn classify(ev: &Ev, words: usize) -> EntityKind {
    if ev.org >= 3 && ev.org >= ev.person {
        return EntityKind::Organization;
    }
    if ev.place > 0 && ev.place > ev.person && ev.place >= ev.org {
        return EntityKind::Place;
    }
    if ev.person > 0 && ev.person >= ev.org {
        return EntityKind::Person;
    }
    if ev.org > 0 {
        return EntityKind::Organization;
    }
    let _ = words;
    EntityKind::Other
}

/// "LiLo": the first letters of a person's given name and surname.
fn camel_match(text: &str, c: &Cand, ents: &[Ent]) -> Option<usize> {
    let raw = text.get(c.bstart..c.bend)?;
    let cut = raw
        .char_indices()
        .skip(1)
        .find(|(_, ch)| ch.is_uppercase())?
        .0;
    let (a, b) = (
        super::fold::fold(&raw[..cut]),
        super::fold::fold(&raw[cut..]),
    );
    let hits: Vec<usize> = ents
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.kind == EntityKind::Person
                && e.givens.iter().any(|g| g.starts_with(&a))
                && e.surnames.iter().any(|s| s.starts_with(&b))
        })
        .map(|(i, _)| i)
        .collect();
    (hits.len() == 1).then(|| hits[0])
}

/// The article person an office phrase refers to: one whose role (from the
/// text or the KB) matches, the most recently mentioned first.
fn role_target(r: &RoleRef, at: usize, ents: &[Ent], kb: &Kb, year: Option<i32>) -> Option<usize> {
    let ck = r
        .country
        .and_then(|id| kb.entry(id))
        .map(|e| super::fold::fold(&e.name));
    let leader_words: [&[&str]; 4] = [
        &["president"],
        &["prime", "minister"],
        &["chancellor"],
        &["king"],
    ];
    let office_sets: Vec<&[&str]> = if r.office.is_empty() {
        leader_words.to_vec()
    } else {
        vec![r.office.as_slice()]
    };
    for office in office_sets {
        let mut best: Option<(usize, usize)> = None;
        for (i, e) in ents.iter().enumerate() {
            if e.kind != EntityKind::Person {
                continue;
            }
            let text_role = e.role_ref.as_ref().is_some_and(|er| {
                er.country == r.country
                    && r.country.is_some()
                    && office.iter().all(|w| er.office.contains(w))
            });
            let kb_role = e.kb.and_then(|id| kb.entry(id)).is_some_and(|k| {
                k.offices.iter().any(|o| {
                    o.held_in(year)
                        && ck.as_deref().is_some_and(|c| o.country_key == c)
                        && role_has(&o.role_key, office)
                })
            });
            if text_role || kb_role {
                let last_before = e
                    .mentions
                    .iter()
                    .filter(|m| m.0 < at)
                    .map(|m| m.0)
                    .max()
                    .unwrap_or(0);
                if best.is_none_or(|(_, b)| last_before > b) {
                    best = Some((i, last_before));
                }
            }
        }
        if let Some((i, _)) = best {
            return Some(i);
        }
    }
    None
}

/// Output order: persons first, the most mentioned first; then
/// organizations, places and others, each in order of first mention.
fn finish(text: &str, ents: Vec<Ent>) -> Vec<Entity> {
    let mut out: Vec<((u8, usize, usize), Entity)> = Vec::with_capacity(ents.len());
    for e in ents {
        let mut ms = e.mentions;
        ms.sort_unstable();
        ms.dedup();
        let Some(&(first, ..)) = ms.first() else {
            continue;
        };
        let mentions: Vec<Mention> = ms
            .iter()
            .map(|&(s, en, bs, be)| Mention {
                text: text.get(bs..be).unwrap_or("").to_string(),
                start: s,
                end: en,
            })
            .collect();
        let key = match e.kind {
            EntityKind::Person => (0, usize::MAX - mentions.len(), first),
            EntityKind::Organization => (1, first, 0),
            EntityKind::Place => (2, first, 0),
            EntityKind::Other => (3, first, 0),
        };
        let entity = Entity {
            name: e.name,
            kind: e.kind,
            role: e.role,
            mentions,
        };
        out.push((key, entity));
    }
    out.sort_by_key(|x| x.0);
    out.into_iter().map(|x| x.1).collect()
}
