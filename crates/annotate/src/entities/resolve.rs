//! From candidates to entities within one article: knowledge-base entries,
//! full names merged by surname and compatible given names, single words
//! attached to the person they abbreviate, role phrases resolved to the
//! office holder, and a kind for every unknown name from its evidence.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use herald_model::{Entity, EntityKind, Mention};

use super::context::COUNTERPART;
use super::kb::{Kb, KbKind, role_has};
use super::lexicon::Lex;
use super::scan::{Candidate, Evidence, RoleRef, What};

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
    ev: Evidence,
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

fn display(text: &str, c: &Candidate) -> String {
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

/// Builds the article's entities from its candidates, in named steps (see
/// the module header). Every lookup goes through an index, never a scan of
/// all entities per candidate, so an article of many names costs linear time.
pub fn resolve(text: &str, cands: Vec<Candidate>, kb: &Kb, year: Option<i32>) -> Vec<Entity> {
    let cands = outermost(cands);
    let mut r = Resolver {
        text,
        kb,
        year,
        ents: Vec::new(),
        by_kb: HashMap::default(),
        by_name: HashMap::default(),
        by_surname: HashMap::default(),
        by_given: HashMap::default(),
        other_by_surname: HashMap::default(),
        by_last_word: HashMap::default(),
        countries_here: HashSet::default(),
        camel_checks: 0,
    };
    r.kb_entries(&cands);
    r.multiword_names(&cands);
    let (roles, descriptors) = r.single_words(&cands);
    r.role_phrases(&roles);
    r.descriptors(&descriptors);
    counterparts(&mut r.ents);
    bare_titles(&mut r.ents, kb, year);
    finish(text, r.ents)
}

/// Candidates in text order, without those inside another one (a demonym
/// inside a role phrase).
fn outermost(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut kept: Vec<Candidate> = Vec::with_capacity(cands.len());
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
    kept
}

/// Most camel-case words ("LiLo") matched against the article's persons:
/// each match scans the persons, so their number is capped.
const MAX_CAMEL_CHECKS: usize = 64;

/// The entities of an article as they are built, with their indexes.
/// Indexes hold every entity that ever had the key, in index order; the
/// lookups check the entity's current kind and keys.
struct Resolver<'a> {
    text: &'a str,
    kb: &'a Kb,
    year: Option<i32>,
    ents: Vec<Ent>,
    /// KB entry → entity.
    by_kb: HashMap<usize, usize>,
    /// Folded unknown name → entity.
    by_name: HashMap<String, usize>,
    by_surname: HashMap<String, Vec<usize>>,
    by_given: HashMap<String, Vec<usize>>,
    /// Unknown two- or three-word names by their surname.
    other_by_surname: HashMap<String, Vec<usize>>,
    /// Names of two words or more by their last word.
    by_last_word: HashMap<String, Vec<usize>>,
    /// Folded keys of the KB countries and places the article names, and
    /// of their countries.
    countries_here: HashSet<String>,
    camel_checks: usize,
}

fn index_add(index: &mut HashMap<String, Vec<usize>>, key: &str, id: usize) {
    let ids = index.entry(key.to_string()).or_default();
    if let Err(at) = ids.binary_search(&id) {
        ids.insert(at, id);
    }
}

/// The entities `index` lists under `key`.
fn listed<'i>(index: &'i HashMap<String, Vec<usize>>, key: &str) -> &'i [usize] {
    index.get(key).map_or(&[][..], Vec::as_slice)
}

fn span(c: &Candidate) -> (usize, usize, usize, usize) {
    (c.start, c.end, c.bstart, c.bend)
}

impl Resolver<'_> {
    /// Adds an entity and indexes its keys.
    fn push(&mut self, ent: Ent) -> usize {
        let id = self.ents.len();
        for s in &ent.surnames {
            index_add(&mut self.by_surname, s, id);
        }
        for g in &ent.givens {
            index_add(&mut self.by_given, g, id);
        }
        if ent.kind == EntityKind::Other
            && ent.kb.is_none()
            && (2..=3).contains(&ent.words.len())
            && let Some(s) = surname(&ent.words)
        {
            index_add(&mut self.other_by_surname, s, id);
        }
        if ent.words.len() >= 2
            && let Some(last) = ent.words.last()
        {
            index_add(&mut self.by_last_word, last, id);
        }
        if let Some(k) = ent.kb.and_then(|k| self.kb.entry(k))
            && matches!(k.kind, KbKind::Country | KbKind::Place)
        {
            if let Some(key) = k.keys.first() {
                self.countries_here.insert(key.clone());
            }
            self.countries_here.insert(super::fold::fold(&k.country));
        }
        self.ents.push(ent);
        id
    }

    fn add_given(&mut self, id: usize, g: String) {
        if !self.ents[id].givens.contains(&g) {
            index_add(&mut self.by_given, &g, id);
            self.ents[id].givens.push(g);
        }
    }

    /// The only entity listed under `key` in `index` that `keep` accepts.
    fn only_in(
        &self,
        index: &HashMap<String, Vec<usize>>,
        key: &str,
        keep: impl Fn(&Ent) -> bool,
    ) -> Option<usize> {
        let mut hits = listed(index, key)
            .iter()
            .copied()
            .filter(|&i| keep(&self.ents[i]));
        match (hits.next(), hits.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }

    /// Entities with surname `w`, in index order.
    fn with_surname(&self, w: &str) -> impl Iterator<Item = (usize, &Ent)> {
        listed(&self.by_surname, w)
            .iter()
            .map(|&i| (i, &self.ents[i]))
            .filter(move |(_, e)| e.surnames.iter().any(|s| s == w))
    }

    /// The entity of a KB entry, made when the article has none yet.
    fn kb_entity(&mut self, id: usize) -> usize {
        if let Some(&i) = self.by_kb.get(&id) {
            return i;
        }
        let Some(e) = self.kb.entry(id) else {
            return usize::MAX;
        };
        let (surnames, givens) = if e.kind == KbKind::Person {
            kb_person_keys(self.kb, id)
        } else {
            (vec![], vec![])
        };
        let ent = Ent {
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
            ev: Evidence::default(),
        };
        let i = self.push(ent);
        self.by_kb.insert(id, i);
        i
    }

    /// Whether the article supports a KB person named by one word: their
    /// country is mentioned (the country itself, a demonym, or a place of
    /// that country such as Beijing) and, with a known year, they held an
    /// office then.
    fn supported(&self, id: usize) -> bool {
        self.kb.entry(id).is_some_and(|e| {
            let in_office = self.year.is_some() && e.offices.iter().any(|o| o.held_in(self.year));
            in_office
                && e.offices.iter().any(|o| {
                    !o.country_key.is_empty() && self.countries_here.contains(&o.country_key)
                })
        })
    }

    /// 1. Knowledge-base entries and demonyms.
    fn kb_entries(&mut self, cands: &[Candidate]) {
        for c in cands {
            let id = match c.what {
                What::Kb(id) | What::Demonym(id) => id,
                _ => continue,
            };
            if self.kb.entry(id).is_none() || solo_person(c, self.kb) {
                continue;
            }
            let idx = self.kb_entity(id);
            let ent = &mut self.ents[idx];
            ent.mentions.push(span(c));
            if ent.role.is_none()
                && let Some(r) = &c.role
            {
                ent.role = Some(r.display.clone());
                ent.role_ref = Some(r.clone());
            }
        }
    }

    /// 2. Unknown multi-word names, grouped by their folded words; longer
    ///    names first, so that shorter forms merge into them.
    fn multiword_names(&mut self, cands: &[Candidate]) {
        let lex = &self.kb.lex;
        let mut groups: Vec<(String, Vec<usize>, Evidence)> = Vec::new();
        let mut gi: HashMap<String, usize> = HashMap::default();
        for (i, c) in cands.iter().enumerate() {
            if c.what != What::Name || c.words.len() < 2 {
                continue;
            }
            let key = c.words.join(" ");
            let g = *gi.entry(key.clone()).or_insert_with(|| {
                groups.push((key, Vec::new(), Evidence::default()));
                groups.len() - 1
            });
            groups[g].1.push(i);
            let ev = &mut groups[g].2;
            ev.person += c.ev.person;
            ev.org += c.ev.org;
            ev.place += c.ev.place;
            ev.titled |= c.ev.titled;
        }
        groups.sort_by_key(|g| std::cmp::Reverse(g.0.split(' ').count()));
        for (key, members, ev) in &groups {
            let words: Vec<String> = key.split(' ').map(String::from).collect();
            let kind = classify(ev, words.len());
            let first = &cands[members[0]];
            let mut target = None;
            if kind == EntityKind::Person
                && let Some(sur) = surname(&words)
            {
                let given = words[0].as_str();
                target = self
                    .with_surname(sur)
                    .find(|(_, e)| {
                        e.kind == EntityKind::Person
                            && (e.givens.is_empty()
                                || e.givens.iter().any(|g| given_compatible(g, given, lex)))
                            && (e.kb.is_some() || e.words.len() >= words.len())
                    })
                    .map(|(i, _)| i);
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
                    let i = self.push(Ent {
                        kind,
                        kb: None,
                        name: display(self.text, first),
                        words: words.clone(),
                        surnames,
                        givens,
                        role: None,
                        role_ref: None,
                        mentions: Vec::new(),
                        ev: *ev,
                    });
                    self.by_name.insert(key.clone(), i);
                    i
                }
            };
            // Middle names and initials join the given names this person answers to.
            if self.ents[idx].kind == EntityKind::Person {
                for g in pre_surname(&words) {
                    self.add_given(idx, g);
                }
            }
            let ent = &mut self.ents[idx];
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
    }

    /// 3. Single words: a person's surname or given name, a KB surname, or a
    ///    name of their own. Returns the role phrases and descriptors, for
    ///    the steps after.
    fn single_words<'c>(
        &mut self,
        cands: &'c [Candidate],
    ) -> (Vec<&'c Candidate>, Vec<&'c Candidate>) {
        let mut roles: Vec<&Candidate> = Vec::new();
        let mut descriptors: Vec<&Candidate> = Vec::new();
        for c in cands {
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
                What::Kb(id) if solo_person(c, self.kb) => Some(*id),
                _ => continue,
            };
            self.single_word(c, solo_kb);
        }
        (roles, descriptors)
    }

    fn single_word(&mut self, c: &Candidate, solo_kb: Option<usize>) {
        let w = c.words[0].as_str();
        if let Some(id) = solo_kb {
            // "Putin", "Bush": the KB person when the article names them in
            // full, gives a title, or is about their country; a person of
            // the article with that surname otherwise.
            let target = if let Some(&i) = self.by_kb.get(&id) {
                Some(i)
            } else if let Some((i, _)) = self
                .with_surname(w)
                .find(|(_, e)| e.kind == EntityKind::Person && e.kb.is_none())
            {
                Some(i)
            } else if c.ev.titled || self.supported(id) {
                Some(self.kb_entity(id))
            } else {
                None
            };
            if let Some(i) = target {
                self.ents[i].mentions.push(span(c));
                return;
            }
        }
        let mut target = self.person_to_attach(c, w);
        if target.is_none() {
            // The surname of an unknown two- or three-word name: a person.
            let only = self.only_in(&self.other_by_surname, w, |e| {
                e.kind == EntityKind::Other
                    && e.kb.is_none()
                    && (2..=3).contains(&e.words.len())
                    && surname(&e.words) == Some(w)
            });
            if let Some(i) = only {
                let givens = pre_surname(&self.ents[i].words);
                let e = &mut self.ents[i];
                e.kind = EntityKind::Person;
                e.surnames = vec![w.to_string()];
                index_add(&mut self.by_surname, w, i);
                for g in givens {
                    self.add_given(i, g);
                }
                target = Some(i);
            }
        }
        // A word with more evidence of an organization than of a person
        // may be an organization's short form.
        if target.is_none() && c.ev.person <= c.ev.org && c.ev.place == 0 {
            target = self.organization_ending_in(w);
        }
        let idx = match target {
            Some(t) => t,
            None => {
                if c.weak {
                    return;
                }
                if let Some(&i) = self.by_name.get(w) {
                    i
                } else {
                    let kind = if solo_kb.is_some() {
                        EntityKind::Person
                    } else {
                        classify(&c.ev, 1)
                    };
                    let i = self.push(Ent {
                        kind,
                        kb: None,
                        name: display(self.text, c),
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
                    self.by_name.insert(w.to_string(), i);
                    i
                }
            }
        };
        let ent = &mut self.ents[idx];
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

    /// The one organization of the article whose name of two to four
    /// words ends in its head word `w`: "the Post" after "The Washington
    /// Post", not "America" after "Bank of America": a name with a
    /// lowercase word (a function word) or a hyphenated word after its first
    /// word ends in a complement.
    fn organization_ending_in(&self, w: &str) -> Option<usize> {
        self.only_in(&self.by_last_word, w, |e| {
            e.kind == EntityKind::Organization
                && e.words.len() <= 4
                && e.words.last().is_some_and(|l| l == w)
                && e.name
                    .split_whitespace()
                    .skip(1)
                    .all(|x| x.chars().next().is_some_and(char::is_uppercase) && !x.contains('-'))
        })
    }

    /// The person a single word names: the most mentioned person with that
    /// surname, else the only one with that given name, else a camel-case
    /// abbreviation of one ("LiLo"), else the one KB person with that
    /// surname when the article supports them.
    fn person_to_attach(&mut self, c: &Candidate, w: &str) -> Option<usize> {
        let mut best: Option<(usize, usize)> = None;
        for (i, e) in self.with_surname(w) {
            if e.kind == EntityKind::Person {
                let n = e.mentions.len();
                if best.is_none_or(|(_, bn)| n > bn) {
                    best = Some((i, n));
                }
            }
        }
        if let Some((i, _)) = best {
            return Some(i);
        }
        if w.chars().count() > 2 {
            let only = self.only_in(&self.by_given, w, |e| {
                e.kind == EntityKind::Person && e.givens.iter().any(|g| g == w)
            });
            if only.is_some() {
                return only;
            }
        }
        if c.camel && self.camel_checks < MAX_CAMEL_CHECKS {
            self.camel_checks += 1;
            if let Some(i) = camel_match(self.text, c, &self.ents) {
                return Some(i);
            }
        }
        // A KB person known by this surname, when the article supports it.
        let mut distinct: Vec<usize> = self.kb.by_surname(w).to_vec();
        distinct.dedup();
        if distinct.len() == 1 && (c.ev.titled || self.supported(distinct[0])) {
            return Some(self.kb_entity(distinct[0]));
        }
        None
    }

    /// 4. Role phrases: the person holding the office.
    fn role_phrases(&mut self, roles: &[&Candidate]) {
        // Only persons with a role or a KB entry can hold an office.
        let holders: Vec<usize> = (0..self.ents.len())
            .filter(|&i| self.ents[i].role_ref.is_some() || self.ents[i].kb.is_some())
            .collect();
        let mut holders = holders;
        for c in roles {
            let What::Role(r) = &c.what else { continue };
            if let Some(i) = role_target(r, c.start, &self.ents, &holders, self.kb, self.year) {
                self.ents[i].mentions.push(span(c));
                if self.ents[i].role.is_none() {
                    self.ents[i].role = Some(r.display.clone());
                    self.ents[i].role_ref = Some(r.clone());
                }
                continue;
            }
            let country = r
                .country
                .and_then(|id| self.kb.entry(id))
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
            let mut found = self.kb.office_holders(&country, &office, self.year);
            if self.year.is_none() {
                found.retain(|&id| {
                    self.kb
                        .entry(id)
                        .is_some_and(|e| e.offices.iter().any(|o| o.to.is_none()))
                });
            }
            if let [only] = found.as_slice() {
                let idx = self.kb_entity(*only);
                if let Err(at) = holders.binary_search(&idx) {
                    holders.insert(at, idx);
                }
                let ent = &mut self.ents[idx];
                ent.mentions.push(span(c));
                if ent.role.is_none() {
                    ent.role = Some(r.display.clone());
                    ent.role_ref = Some(r.clone());
                }
            }
        }
    }

    /// 5. Descriptors ("a Spiro man") stand for the article's main person:
    ///    the one named most often, when someone is named at least twice;
    ///    of the descriptor's gender when the pronouns after the person's
    ///    mentions tell it. The best person of each gender is kept as
    ///    mentions are added, so each descriptor costs constant time.
    fn descriptors(&mut self, descriptors: &[&Candidate]) {
        if descriptors.is_empty() {
            return;
        }
        let genders: Vec<i32> = self.ents.iter().map(|e| gender(self.text, e)).collect();
        let rank = |ents: &[Ent], i: usize| (ents[i].mentions.len(), std::cmp::Reverse(i));
        // Best overall, and best per gender (-1, 0, 1).
        let mut best: [Option<usize>; 4] = [None; 4];
        let slot = |g: i32| (g + 2) as usize;
        for (i, e) in self.ents.iter().enumerate() {
            if e.kind != EntityKind::Person || e.mentions.len() < 2 {
                continue;
            }
            for s in [0, slot(genders[i])] {
                if best[s].is_none_or(|b| rank(&self.ents, i) > rank(&self.ents, b)) {
                    best[s] = Some(i);
                }
            }
        }
        for c in descriptors {
            let noun = self
                .text
                .get(c.bstart..c.bend)
                .and_then(|t| t.rsplit(' ').next())
                .unwrap_or("");
            let want = match noun {
                "woman" | "mother" | "mom" | "girl" | "grandmother" => -1,
                "man" | "father" | "dad" | "boy" | "grandfather" => 1,
                _ => 0,
            };
            let main = if want == 0 {
                best[0]
            } else {
                best[slot(want)].or(best[slot(0)])
            };
            let Some(m) = main else { continue };
            self.ents[m].mentions.push(span(c));
            for s in [0, slot(genders[m])] {
                if best[s].is_none_or(|b| rank(&self.ents, m) > rank(&self.ents, b)) {
                    best[s] = Some(m);
                }
            }
        }
    }
}

/// 6. "<Demonym> counterpart": the office of the other person with a role
///    mentioned last before, in another country.
fn counterparts(ents: &mut [Ent]) {
    if !ents.iter().any(|e| {
        e.role_ref
            .as_ref()
            .is_some_and(|r| r.office.first() == Some(&COUNTERPART))
    }) {
        return;
    }
    let mut offices: Vec<(usize, RoleRef)> = ents
        .iter()
        .filter_map(|e| {
            let r = e.role_ref.as_ref()?;
            (r.office.first() != Some(&COUNTERPART) && r.display.contains(" of "))
                .then(|| (e.mentions.first().map_or(0, |m| m.0), r.clone()))
        })
        .collect();
    offices.sort_by_key(|(s, _)| *s);
    for e in ents.iter_mut() {
        let Some(r) = e.role_ref.clone() else {
            continue;
        };
        if r.office.first() != Some(&COUNTERPART) {
            continue;
        }
        let at = e.mentions.first().map_or(0, |m| m.0);
        let before = offices.partition_point(|(s, _)| *s < at);
        let other = offices[..before]
            .iter()
            .rev()
            .find(|(_, o)| o.country != r.country);
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
}

/// 7. A KB person given a bare title ("President Putin") takes the
///    matching office of the KB.
fn bare_titles(ents: &mut [Ent], kb: &Kb, year: Option<i32>) {
    for e in ents {
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

fn solo_person(c: &Candidate, kb: &Kb) -> bool {
    let What::Kb(id) = c.what else { return false };
    c.words.len() == 1
        && !c.words[0].chars().any(super::kb::is_cjk)
        && kb.entry(id).is_some_and(|e| e.kind == KbKind::Person)
}

fn classify(ev: &Evidence, words: usize) -> EntityKind {
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
fn camel_match(text: &str, c: &Candidate, ents: &[Ent]) -> Option<usize> {
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
fn role_target(
    r: &RoleRef,
    at: usize,
    ents: &[Ent],
    holders: &[usize],
    kb: &Kb,
    year: Option<i32>,
) -> Option<usize> {
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
        for &i in holders {
            let e = &ents[i];
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
