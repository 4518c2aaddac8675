//! Names in the text: capitalised runs split into title and name, each
//! name the entity of the entity finder whose mention it overlaps, with the
//! role words, gender and person evidence only the quote rules read.

use rustc_hash::FxHashMap as HashMap;

use super::doc::Doc;
use super::tables::tables;

/// One person or organisation named in the text.
#[derive(Debug, Clone)]
pub(super) struct Entity {
    pub name: String,
    /// Lowercased name words (possessive stripped).
    pub words: Vec<String>,
    /// Lowercased role words seen with the name ("russian", "foreign", "minister").
    pub role: Vec<String>,
    /// 'm', 'f' or '-'.
    pub gender: char,
    pub org: bool,
    /// A place: it may be a speaker ("Russia said") but never a person.
    pub place: bool,
    /// Evidence that this is a person (title, given name, role).
    pub person: bool,
}

/// A mention of an entity: its token range.
#[derive(Debug, Clone, Copy)]
pub(super) struct Mention {
    pub a: usize,
    pub b: usize,
    pub ent: usize,
}

#[derive(Debug, Default)]
pub(super) struct Registry {
    pub ents: Vec<Entity>,
    /// Sorted by position.
    pub mentions: Vec<Mention>,
    /// Entity by its exact words.
    exact: HashMap<Vec<String>, usize>,
    /// Fullest multi-word person (resp. organisation) name by its last
    /// word, and fullest person name by its first word.
    last_person: HashMap<String, usize>,
    last_org: HashMap<String, usize>,
    first_person: HashMap<String, usize>,
}

/// A capitalised run split into its title part and its name part.
#[derive(Debug, Clone, Copy)]
pub(super) struct Run {
    /// Whole run (titles included).
    pub a: usize,
    /// Name part.
    pub na: usize,
    pub nb: usize,
}

impl Doc<'_> {
    /// Extends a capitalised run from `a` (a capitalised word): initials and
    /// abbreviation dots, particles between capitalised words, "of" after a
    /// title. Returns the end (exclusive).
    pub fn run_end(&self, a: usize, lim: usize) -> usize {
        let mut k = a;
        while k < lim {
            if self.cap(k) {
                if k > a && tables().calendar.contains(self.low(k)) {
                    break;
                }
                k += 1;
            } else if k > a
                && self.cap(k + 1)
                && (self.abbrev_dot(k) && self.cap(k - 1)
                    || self.is_word(k)
                        && tables().particles.contains(self.low(k))
                        && !self.title_like(k - 1))
            {
                k += 1;
            } else if self.low(k) == "of" && k > a && self.title(k - 1).is_some() && self.cap(k + 1)
            {
                k += 1;
                while k < lim && self.cap(k) && tables().title_of.contains(self.low(k)) {
                    k += 1;
                }
            } else if self.low(k) == "of"
                && k > a
                && self.cap(k + 1)
                && tables().org_words.contains(self.low_bare(k - 1))
            {
                // "Association of Flight Attendants", "Bank of America"
                k += 1;
            } else {
                break;
            }
        }
        k
    }

    fn title_like(&self, i: usize) -> bool {
        self.title(i).is_some() || self.demonym(i)
    }

    /// Splits the run [a, b) into titles and name: the name starts after
    /// the last title word (or leading function word) followed by a
    /// capitalised non-title word.
    pub fn split_run(&self, a: usize, b: usize) -> Run {
        let mut na = a;
        for k in a..b {
            let w = self.low_bare(k);
            let skip = self.punct(k, '.')
                || self.title(k).is_some()
                || (k == na
                    && (tables().not_names.contains(w)
                        || self.demonym(k) && k + 1 < b && self.title_like(k + 1)))
                || (k > a && self.low(k - 1) == "of" && tables().title_of.contains(w))
                || w == "of" && k > a && self.title(k - 1).is_some();
            if skip && (k + 1 < b) {
                na = k + 1;
            } else if skip && k + 1 == b && self.title(k).is_some() {
                na = b;
            }
        }
        // An organisation keeps its whole name ("World Health Organization").
        if self.is_org_run(na, b) {
            let mut s = a;
            while s < b && self.not_name(s) {
                s += 1;
            }
            if (s..b).any(|k| tables().org_words.contains(self.low_bare(k))) {
                na = s;
            }
        }
        // A given name inside the run starts the name ("России Сергей Лавров").
        if let Some(g) = (na + 1..b).find(|&k| {
            crate::words::given_names().gender(self.low(k)).is_some()
                && k + 1 < b
                && self.cap(k + 1)
        }) && !(na..g).any(|k| self.abbrev_dot(k))
        {
            na = g;
        }
        // Drop a trailing dot.
        let mut nb = b;
        while nb > na && self.is_punct(nb - 1) {
            nb -= 1;
        }
        // Leading particles or dots are not a name start.
        while na < nb && (!self.cap(na) || self.not_name(na)) {
            na += 1;
        }
        Run { a, na, nb }
    }

    pub fn is_org_run(&self, na: usize, nb: usize) -> bool {
        if na >= nb {
            return false;
        }
        let mut all_caps = nb - na == 1;
        for k in na..nb {
            let w = self.low_bare(k);
            if tables().org_words.contains(w) {
                return true;
            }
            let word = self.bare(k);
            all_caps &= word.chars().count() >= 2
                && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        }
        all_caps || self.outlet(na, nb)
    }

    /// The phrase names a news outlet.
    pub fn outlet(&self, na: usize, nb: usize) -> bool {
        if na >= nb {
            return false;
        }
        let name = self.span_text(na, nb).to_lowercase();
        let name = name
            .strip_suffix("’s")
            .or_else(|| name.strip_suffix("'s"))
            .unwrap_or(&name);
        self.outlets.contains(name)
            || (na..nb).any(|k| tables().outlet_words.contains(self.low_bare(k)))
    }

    /// Builds the registry of the article's entities (`ents`, found by the
    /// entity finder, mentions in this text's chars): a capitalised run
    /// names the entity whose mention it overlaps, under that entity's
    /// canonical name, with the role words and gender read around it; a
    /// run that overlaps none names nobody.
    pub fn registry(&self, ents: &[herald_model::Entity]) -> Registry {
        let mut runs: Vec<(Run, Vec<String>, char)> = Vec::new();
        let n = self.len();
        let mut i = 0;
        while i < n {
            if !self.cap(i) {
                i += 1;
                continue;
            }
            let b = self.run_end(i, n);
            let r = self.split_run(i, b);
            if r.na < r.nb {
                let (role, g) = self.role_of(r);
                runs.push((r, role, g));
            }
            i = b.max(i + 1);
        }
        let mut reg = Registry::default();
        self.register_entities(&mut reg, &runs, ents);
        reg
    }

    /// The registry of the entity finder's entities: each run takes the
    /// entity one of whose mentions it overlaps.
    fn register_entities(
        &self,
        reg: &mut Registry,
        runs: &[(Run, Vec<String>, char)],
        ents: &[herald_model::Entity],
    ) {
        let mut spans: Vec<(usize, usize, usize)> = ents
            .iter()
            .enumerate()
            .flat_map(|(j, e)| e.mentions.iter().map(move |m| (m.start, m.end, j)))
            .collect();
        spans.sort_unstable();
        let mut ids: HashMap<usize, usize> = HashMap::default();
        for (r, role, g) in runs {
            let (cs, ce) = (self.toks[r.na].cs, self.toks[r.nb - 1].ce);
            let from = spans.partition_point(|s| s.1 <= cs);
            let inside: Vec<(usize, usize, usize)> = spans[from..]
                .iter()
                .take_while(|s| s.0 < ce)
                .filter(|s| s.1 > cs)
                .copied()
                .collect();
            // A run may hold several names ("NBC’s Dante Chinni"): each is
            // a mention of its own; the last is the head, which the run's
            // role and reporting verb describe.
            for (n, &(ms, me, j)) in inside.iter().enumerate() {
                let ta = (r.na..r.nb).find(|&k| self.toks[k].ce > ms).unwrap_or(r.na);
                let tb = (ta..r.nb)
                    .take_while(|&k| self.toks[k].cs < me)
                    .last()
                    .map_or(ta + 1, |k| k + 1);
                let ent = &ents[j];
                let id = *ids
                    .entry(j)
                    .or_insert_with(|| reg.add(self.entity_of(ent, ta, tb)));
                // The words this mention is written with name the entity too.
                let written: Vec<String> = (ta..tb)
                    .filter(|k| self.is_word(*k))
                    .map(|k| self.low_bare(k).to_string())
                    .collect();
                reg.exact.entry(written).or_insert(id);
                let head = n + 1 == inside.len();
                let run = Run {
                    a: if inside.len() == 1 { r.a } else { ta },
                    na: ta,
                    nb: tb,
                };
                if head {
                    let cue_next =
                        self.cue_adjacent(r.a, r.nb) || r.nb - r.na >= 2 && self.verb_follows(r.nb);
                    reg.mention(id, run, role, *g, cue_next);
                } else {
                    reg.mention(id, run, &[], '-', false);
                }
            }
        }
        reg.mentions.sort_by_key(|m| m.a);
    }

    /// The registry's entry for an entity the entity finder found, first
    /// mentioned at tokens [a, b).
    fn entity_of(&self, ent: &herald_model::Entity, a: usize, b: usize) -> Entity {
        use herald_model::EntityKind;
        let words: Vec<String> = ent
            .name
            .split_whitespace()
            .map(|w| w.trim_end_matches('.').to_lowercase())
            .filter(|w| !w.is_empty())
            .collect();
        let given = crate::words::given_names().gender(words.first().map_or("", |w| w));
        Entity {
            name: ent.name.clone(),
            gender: given.filter(|_| words.len() >= 2).unwrap_or('-'),
            person: ent.kind == EntityKind::Person,
            org: ent.kind == EntityKind::Organization
                || ent.kind == EntityKind::Other && self.is_org_run(a, b),
            place: ent.kind == EntityKind::Place,
            words,
            role: Vec::new(),
        }
    }

    /// Role words of a run: its titles, lowercase role words just before it
    /// ("presidential nominee"), an apposition after it (", director of
    /// X,") or before it ("The Chinese President, Xi Jinping"). Also the
    /// gender a title implies.
    fn role_of(&self, r: Run) -> (Vec<String>, char) {
        let mut role = Vec::new();
        let mut g = '-';
        for k in r.a..r.na {
            if self.is_word(k) && !self.not_name(k) {
                role.push(self.low_bare(k).to_string());
                if let Some(tg) = self.title(k)
                    && tg != '-'
                {
                    g = tg;
                }
            }
        }
        // Lowercase role words before the run.
        let mut k = r.a;
        let mut n = 0;
        while k > 0
            && n < 4
            && self.is_word(k - 1)
            && !self.cap(k - 1)
            && self.title(k - 1).is_some()
        {
            role.push(self.low(k - 1).to_string());
            k -= 1;
            n += 1;
        }
        if !role.is_empty() && k > 0 && self.cap(k - 1) && self.demonym(k - 1) {
            role.push(self.low_bare(k - 1).to_string());
        }
        // Apposition after: ", (the) ROLE ... ,"
        if self.punct(r.nb, ',') {
            let mut k = r.nb + 1;
            if self.det(k) {
                k += 1;
            }
            let start = k;
            while k < self.len() && k < start + 8 && self.is_word(k) && !self.is_cue(k) {
                k += 1;
            }
            if k > start
                && (self.punct(k, ',') || self.is_cue(k))
                && (start..k)
                    .any(|j| self.title(j).is_some() || tables().roles.contains_key(self.low(j)))
            {
                for j in start..k {
                    role.push(self.low_bare(j).to_string());
                }
            }
        }
        // Apposition before: "the Chinese President, Xi Jinping", "el
        // presidente chino, Xi Jinping"
        let title_before = (2..5).find(|&d| {
            r.a >= d && self.title(r.a - d).is_some() && (2..d).all(|e| self.is_word(r.a - e))
        });
        if r.a >= 2 && self.punct(r.a - 1, ',') && title_before.is_some() {
            let mut k = r.a - 2;
            let mut n = 0;
            while n < 5 && self.is_word(k) && !self.det(k) {
                role.push(self.low_bare(k).to_string());
                if k == 0 {
                    break;
                }
                k -= 1;
                n += 1;
            }
        }
        (role, g)
    }
}

impl Doc<'_> {
    /// The name [a, b) is the subject or the inverted subject of a
    /// reporting verb ("Lavrov said", "said Lavrov").
    fn cue_adjacent(&self, a: usize, b: usize) -> bool {
        let mut k = b;
        while k < self.len()
            && k < b + 3
            && self.is_word(k)
            && tables().fillers.contains(self.low(k))
        {
            k += 1;
        }
        self.is_strong_cue(k) || a > 0 && self.is_strong_cue(a - 1)
    }
}

impl Doc<'_> {
    /// A verb-like lowercase word follows `b` ("Wang Yi defended").
    fn verb_follows(&self, b: usize) -> bool {
        let w = self.low(b);
        self.is_word(b)
            && !self.cap(b)
            && (w.ends_with("ed") || self.is_cue(b))
            && !tables().particles.contains(w)
    }
}

impl Registry {
    /// Records a mention of entity `id` by run `r`, with the role words and
    /// gender read around it; a reporting verb next to it (`cue_next`) or a
    /// role makes a non-organisation a person.
    fn mention(&mut self, id: usize, r: Run, role: &[String], g: char, cue_next: bool) {
        let e = &mut self.ents[id];
        if cue_next && !e.org && !e.place {
            e.person = true;
        }
        if !role.is_empty() && !e.org && !e.place {
            e.person = true;
            for w in role {
                if !e.role.contains(w) {
                    e.role.push(w.clone());
                }
            }
        }
        if g != '-' && e.gender == '-' {
            e.gender = g;
        }
        self.mentions.push(Mention {
            a: r.a,
            b: r.nb,
            ent: id,
        });
    }

    /// The entity mentioned by tokens [a, b): the last one named there
    /// (the head of "NBC’s Dante Chinni").
    pub fn at(&self, a: usize, b: usize) -> Option<usize> {
        let from = self.mentions.partition_point(|m| m.b <= a);
        self.mentions[from..]
            .iter()
            .take_while(|m| m.a < b)
            .filter(|m| m.b > a)
            .last()
            .map(|m| m.ent)
    }

    /// Adds an entity and indexes its name; returns its id.
    fn add(&mut self, e: Entity) -> usize {
        let id = self.ents.len();
        let (org, n) = (e.org, e.words.len());
        let first = e.words.first().cloned().unwrap_or_default();
        let last = e.words.last().cloned().unwrap_or_default();
        self.exact.entry(e.words.clone()).or_insert(id);
        self.ents.push(e);
        if n >= 2 {
            let ents = &self.ents;
            let fuller = |map: &mut HashMap<String, usize>, key: String| {
                let slot = map.entry(key).or_insert(id);
                if ents[*slot].words.len() < n {
                    *slot = id;
                }
            };
            if org {
                fuller(&mut self.last_org, last);
            } else {
                fuller(&mut self.last_person, last);
                fuller(&mut self.first_person, first);
            }
        }
        id
    }

    /// The entity a one-word name refers to: the fullest person name
    /// ending with that word, else organisation name, else person name
    /// starting with it, else a surname the word inflects (Лаврова).
    pub fn find_short(&self, w: &str) -> Option<usize> {
        if let Some(&id) = self
            .last_person
            .get(w)
            .or_else(|| self.last_org.get(w))
            .or_else(|| self.first_person.get(w))
        {
            return Some(id);
        }
        let n = w.chars().count();
        if n < 5 {
            return None;
        }
        (1..=2).find_map(|k| {
            let cut = w.char_indices().nth(n - k).map(|(b, _)| b)?;
            let stem = w.get(..cut)?;
            self.last_person
                .get(stem)
                .or_else(|| self.last_org.get(stem))
                .copied()
        })
    }

    /// The entity named by the words of a name.
    pub fn lookup(&self, words: &[String]) -> Option<usize> {
        if words.is_empty() {
            return None;
        }
        if let Some(&i) = self.exact.get(words)
            && (words.len() >= 2 || self.ents[i].words.len() >= 2)
        {
            // A longer name with the same surname beats it ("Donald J. Trump" over "Donald Trump").
            if let Some(last) = words.last()
                && let Some(j) = self.find_short(last)
                && self.ents[j].words.len() > words.len()
                && self.ents[j].words.first() == words.first()
            {
                return Some(j);
            }
            return Some(i);
        }
        if words.len() == 1 {
            return self
                .find_short(&words[0])
                .or_else(|| self.exact.get(words).copied());
        }
        None
    }
}
