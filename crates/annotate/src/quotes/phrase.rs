//! Speaker phrases: the noun phrase that names who speaks, read forward
//! from a token (after a cue) or backward from one (before a cue): a
//! pronoun, a name with its titles, or a description ("the Russian
//! foreign minister"); and the clause subject a participle refers to.

use super::doc::Doc;
use super::tables::tables;

/// What names a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NpKind {
    Pronoun(char),
    /// A name: tokens [na, nb) of the phrase.
    Name,
    /// A description without a name ("the Russian foreign minister").
    Desc,
    /// A reporting verb with no subject (Spanish "dijo.").
    Implicit,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Np {
    pub kind: NpKind,
    /// Whole phrase.
    pub a: usize,
    pub b: usize,
    /// Name part (Name) or the description words (Desc), determiner excluded.
    pub na: usize,
    pub nb: usize,
}

impl Np {
    /// A one-token pronoun phrase at token `p`.
    fn pronoun(g: char, p: usize) -> Np {
        Np {
            kind: NpKind::Pronoun(g),
            a: p,
            b: p + 1,
            na: p,
            nb: p + 1,
        }
    }
}

impl Doc<'_> {
    /// A speaker phrase starting at `j` (before `lim`).
    pub(super) fn np_forward(&self, j: usize, lim: usize) -> Option<Np> {
        if j >= lim || !self.is_word(j) {
            return None;
        }
        if let Some(g) = self.pronoun(j) {
            return Some(Np {
                kind: NpKind::Pronoun(g),
                a: j,
                b: j + 1,
                na: j,
                nb: j + 1,
            });
        }
        if self.cap(j) && self.not_name(j) && !self.det(j) && self.title(j).is_none() {
            return None;
        }
        let a = j;
        let mut k = j;
        if self.det(k) {
            k += 1;
        }
        let body = k;
        let mut named = false;
        while k < lim && k < body + 9 {
            if self.cap(k) {
                if self.not_name(k) && !self.det(k) && k > body {
                    break;
                }
                let e = self.run_end(k, lim);
                let r = self.split_run(k, e);
                if r.na < r.nb {
                    named = true;
                }
                k = e;
                if named {
                    // "Democratic presidential nominee Hillary Clinton"
                    let mut m = k;
                    while m < lim
                        && m < k + 3
                        && self.is_word(m)
                        && !self.cap(m)
                        && !tables().np_stop.contains(self.low(m))
                        && !tables().cues.contains(self.low(m))
                    {
                        m += 1;
                    }
                    if m > k && self.title(m - 1).is_some() && self.cap(m) {
                        named = false;
                        k = m;
                        continue;
                    }
                    // "the Chinese minister", "the Clinton campaign": a description.
                    if m > k
                        && (self.title(m - 1).is_some()
                            || tables().org_words.contains(self.low(m - 1))
                            || self.desc_head_ok(m - 1))
                        && !self.cap(m)
                    {
                        k = m;
                    }
                    break;
                }
                continue;
            }
            if self.is_word(k) && !named {
                let w = self.low(k);
                if tables().np_stop.contains(w)
                    || tables().cues.contains(w)
                    || tables().not_names.contains(w) && self.title(k).is_none()
                {
                    break;
                }
                k += 1;
                continue;
            }
            break;
        }
        if k == body {
            return None;
        }
        self.classify(a, body, k)
    }

    /// A speaker phrase ending at `e` (exclusive), not before `s0`, with
    /// fillers, parentheses and an apposition between it and `e` skipped.
    pub(super) fn np_backward(&self, e: usize, s0: usize) -> Option<Np> {
        let mut k = e;
        while k > s0
            && self.is_word(k - 1)
            && self.filler(k - 1)
            && !(self.low(k - 1) == "a" && self.lang == "en")
        {
            k -= 1;
        }
        if k > s0 && self.punct(k - 1, ')') {
            let mut j = k - 1;
            while j > s0 && j + 12 > k && !self.punct(j, '(') {
                j -= 1;
            }
            if self.punct(j, '(') {
                k = j;
            }
        }
        if k > s0 && self.punct(k - 1, ',') {
            // Apposition: NAME, the director of X, said
            let mut j = k - 1;
            let mut found = None;
            while j > s0 && j + 25 > k {
                j -= 1;
                if self.punct(j, ',') {
                    found = Some(j);
                    break;
                }
                if self.is_quote(j)
                    || self.is_break(j)
                    || self.is_strong_cue(j)
                    || self.punct(j, '.') && !self.abbrev_dot(j)
                {
                    break;
                }
            }
            match found {
                Some(c) => k = c,
                None => return None,
            }
        }
        let b = k;
        // Collect backwards.
        let mut named = false;
        let mut lower = 0;
        while k > s0 && b - k < 9 {
            let p = k - 1;
            if let Some(g) = self.pronoun(p) {
                if b == k {
                    return Some(Np::pronoun(g, p));
                }
                break;
            }
            if self.cap(p) || (self.abbrev_dot(p) && p > s0 && self.cap(p - 1)) {
                if self.not_name(p) && !self.det(p) {
                    break;
                }
                if self.det(p) {
                    k = p;
                    break;
                }
                if lower > 0 && !named && self.title(p).is_none() && !self.demonym(p) {
                    // "Clinton campaign": capitalised word before a description.
                    k = p;
                    named = true;
                    continue;
                }
                if lower > 0 && named {
                    break;
                }
                k = p;
                named = true;
                continue;
            }
            if self.is_word(p) {
                let w = self.low(p);
                if self.det(p) {
                    k = p;
                    break;
                }
                if tables().particles.contains(w) && named && p > s0 && self.cap(p - 1) {
                    k = p;
                    continue;
                }
                if w == "of"
                    && named
                    && p > s0
                    && self.cap(p - 1)
                    && tables().org_words.contains(self.low_bare(p - 1))
                {
                    // "Association of Flight Attendants"
                    k = p;
                    continue;
                }
                if tables().np_stop.contains(w)
                    || tables().cues.contains(w)
                    || tables().not_names.contains(w)
                    || self.pronoun(p).is_some() && b - k > 0
                {
                    break;
                }
                if named && self.title(p).is_none() {
                    break;
                }
                if let Some(g) = self.pronoun(p) {
                    if b == k {
                        return Some(Np::pronoun(g, p));
                    }
                    break;
                }
                lower += 1;
                if lower > 4 {
                    return None;
                }
                k = p;
                continue;
            }
            break;
        }
        if k == b {
            return None;
        }
        let body = if self.det(k) { k + 1 } else { k };
        if body == b {
            return None;
        }
        // A lowercase description needs a determiner or a capitalised word.
        self.classify(k, body, b)
    }

    /// Classifies the phrase [a, b) (body from `body`, after a determiner).
    pub(super) fn classify(&self, a: usize, body: usize, b: usize) -> Option<Np> {
        // The last capitalised run with a name part.
        let mut k = body;
        let mut best: Option<(usize, usize)> = None;
        while k < b {
            if self.cap(k) {
                let e = self.run_end(k, b);
                let r = self.split_run(k, e);
                if r.na < r.nb {
                    best = Some((r.na, r.nb));
                }
                k = e.max(k + 1);
            } else {
                k += 1;
            }
        }
        if let Some((na, nb)) = best {
            // "Clinton campaign": a name followed by lowercase words is a description.
            if nb < b && (nb..b).any(|j| self.is_word(j) && !self.cap(j)) {
                return Some(Np {
                    kind: NpKind::Desc,
                    a,
                    b,
                    na: body,
                    nb: b,
                });
            }
            return Some(Np {
                kind: NpKind::Name,
                a,
                b,
                na,
                nb,
            });
        }
        let has_cap = (body..b).any(|j| self.cap(j));
        if a == body && !has_cap && b - body > 1 {
            return None;
        }
        if a == body && !has_cap && !self.desc_head_ok(b - 1) {
            return None;
        }
        Some(Np {
            kind: NpKind::Desc,
            a,
            b,
            na: body,
            nb: b,
        })
    }

    pub(super) fn desc_head_ok(&self, h: usize) -> bool {
        let w = self.low(h);
        self.title(h).is_some()
            || tables().roles.contains_key(w)
            || tables().group_nouns.contains(w)
    }

    pub(super) fn desc_ok(&self, np: Np) -> bool {
        np.a < np.na
            || (np.na..np.nb).any(|j| self.cap(j))
            || (np.nb > np.na && self.desc_head_ok(np.nb - 1))
    }

    /// An auxiliary or adverb between a subject and its verb.
    pub(super) fn filler(&self, i: usize) -> bool {
        let w = self.low(i);
        tables().fillers.contains(w) || (w.len() > 4 && w.ends_with("ly") && !self.cap(i))
    }

    /// The subject of the sentence starting at `s0`, after an opening
    /// adverbial ("In a statement, ...").
    pub(super) fn subject(&self, s0: usize, lim: usize) -> Option<Np> {
        let k = self.intro_end(s0, lim);
        let np = self.np_forward(k, lim)?;
        match np.kind {
            NpKind::Desc if !self.desc_ok(np) => None,
            _ => Some(np),
        }
    }
}

impl Doc<'_> {
    /// End of the adverbials opening the sentence at `s0` ("In a statement
    /// posted Friday, ...", "On “Face the Nation” Sen. X ..."): where its
    /// subject may start.
    pub(super) fn intro_end(&self, s0: usize, lim: usize) -> usize {
        let mut k = s0;
        for _ in 0..3 {
            let w = self.low(k);
            if tables().intro_conj.contains(w) {
                // A conjunction opens the sentence, not an adverbial.
                k += 1;
                continue;
            }
            let intro = self.is_word(k)
                && (tables().np_stop.contains(w)
                    || tables().intro_words.contains(w)
                    || w.ends_with("ing")
                    || w.ends_with("ly")
                    || w.chars().next().is_some_and(|c| c.is_ascii_digit())
                    || self.word(k).contains('-') && w.starts_with("twenty"));
            if !intro {
                break;
            }
            let mut j = k;
            while j < lim && j < k + 25 && !self.punct(j, ',') {
                // A title in quotes ends the adverbial when a name follows.
                if self.is_quote(j) && self.cap(j + 1) {
                    break;
                }
                j += 1;
            }
            if self.punct(j, ',') || self.is_quote(j) && self.cap(j + 1) {
                k = j + 1;
            } else {
                break;
            }
        }
        k
    }
}
