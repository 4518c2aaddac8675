//! Names in the text: capitalised runs split into title and name, gathered
//! into entities (one per full name, surnames attached), and the noun
//! phrases that name a speaker next to a reporting verb.

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

    /// Builds the registry of named entities.
    pub fn registry(&self) -> Registry {
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
        // Multi-word names first: they define the entities.
        for multi in [true, false] {
            for (r, role, g) in &runs {
                if (r.nb - r.na >= 2) != multi {
                    continue;
                }
                let words: Vec<String> = (r.na..r.nb)
                    .filter(|k| self.is_word(*k))
                    .map(|k| self.low_bare(k).to_string())
                    .collect();
                if words.is_empty() {
                    continue;
                }
                let id = if multi {
                    reg.exact.get(&words).copied()
                } else {
                    let first_word_sentence_start =
                        r.na == r.a && (r.a == 0 || self.sent.get(r.a - 1) != self.sent.get(r.a));
                    match reg.find_short(&words[0]) {
                        Some(id) => Some(id),
                        None if first_word_sentence_start && role.is_empty() => continue,
                        None => reg.exact.get(&words).copied(),
                    }
                };
                let id = match id {
                    Some(id) => id,
                    None => {
                        let org = self.is_org_run(r.na, r.nb);
                        let given = crate::words::given_names().gender(&words[0]);
                        let name = (r.na..r.nb)
                            .map(|k| {
                                if k + 1 == r.nb {
                                    self.bare(k)
                                } else {
                                    self.word(k)
                                }
                            })
                            .fold(String::new(), |mut s, w| {
                                if !s.is_empty() && w != "." {
                                    s.push(' ');
                                }
                                s.push_str(w);
                                s
                            });
                        reg.add(Entity {
                            name,
                            words: words.clone(),
                            role: Vec::new(),
                            gender: given.filter(|_| words.len() >= 2).unwrap_or('-'),
                            org,
                            person: !org && (given.is_some() && words.len() >= 2),
                        })
                    }
                };
                let cue_next = self.cue_adjacent(r.a, r.nb) || multi && self.verb_follows(r.nb);
                let e = &mut reg.ents[id];
                if cue_next && !e.org {
                    e.person = true;
                }
                if !role.is_empty() && !e.org {
                    e.person = true;
                    for w in role {
                        if !e.role.contains(w) {
                            e.role.push(w.clone());
                        }
                    }
                }
                if *g != '-' && e.gender == '-' {
                    e.gender = *g;
                }
                reg.mentions.push(Mention {
                    a: r.a,
                    b: r.nb,
                    ent: id,
                });
            }
        }
        reg.mentions.sort_by_key(|m| m.a);
        reg
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
