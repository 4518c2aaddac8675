//! Resolution of a speaker phrase to a name (pronouns to the last fitting
//! person, descriptions to the person with that role, surnames to the
//! fullest name) and the outlet a quote is reported through (`via`).

use super::doc::Doc;
use super::names::Registry;
use super::phrase::{Np, NpKind};
use super::tables::tables;

impl Doc<'_> {
    /// The outlet a quote is reported through, looked for in [s0, e):
    /// "according to RIA Novosti", "told AFP", "CMG reports", "reports China
    /// Media Group (CMG)", "in an interview with the China Daily".
    pub(super) fn via(&self, s0: usize, e: usize) -> Option<(usize, usize)> {
        let mut j = s0;
        while j < e {
            let w = self.low(j);
            let after = match w {
                "according" if self.low(j + 1) == "to" => Some(j + 2),
                "told" | "tells" | "telling" | "reports" | "reported" | "with" | "by" | "to"
                | "selon" | "según" | "laut" | "in" | "on" => Some(j + 1),
                _ if self.source_prep(j) == 1 => Some(j + 1),
                _ => None,
            };
            if let Some(mut k) = after {
                // skip "the", "Russian media", "the Russian news agency"
                let mut n = 0;
                while k < e
                    && n < 6
                    && self.is_word(k)
                    && (!self.cap(k) && !tables().np_stop.contains(self.low(k))
                        || self.cap(k) && (self.demonym(k) || self.det(k)) && !self.cap(k + 1))
                {
                    k += 1;
                    n += 1;
                }
                if let Some(r) = self.outlet_at(
                    k,
                    e,
                    matches!(
                        w,
                        "told" | "according" | "reports" | "reported" | "selon" | "según" | "laut"
                    ),
                ) {
                    return Some(r);
                }
            }
            // "X reports"
            if matches!(
                w,
                "reports"
                    | "reported"
                    | "reporte"
                    | "rapporte"
                    | "informa"
                    | "berichtet"
                    | "сообщает"
            ) && j > s0
            {
                let mut k = j;
                while k > s0
                    && (self.cap(k - 1) || self.punct(k - 1, ')') || self.punct(k - 1, '('))
                {
                    k -= 1;
                }
                if let Some(r) = self.outlet_at(k, j, true) {
                    return Some(r);
                }
            }
            j += 1;
        }
        None
    }

    /// An outlet name starting at `k`: a known outlet, a name with a media
    /// word, or (when `loose`) any capitalised name or acronym; a
    /// parenthesised acronym after it is kept ("China Media Group (CMG)").
    pub(super) fn outlet_at(&self, k: usize, e: usize, loose: bool) -> Option<(usize, usize)> {
        if k >= e || !self.cap(k) {
            return None;
        }
        let mut b = self.run_end(k, e);
        let mut a = k;
        if self.det(a) && a + 1 < b {
            a += 1;
        }
        if b <= a {
            return None;
        }
        let known = self.outlet(a, b) || self.outlet(k, b);
        let person_like =
            self.title(a).is_some() || crate::words::given_names().gender(self.low(a)).is_some();
        if !(known || loose && !person_like && self.acronym_or_org(a, b)) {
            return None;
        }
        if self.punct(b, '(') && self.cap(b + 1) && self.punct(b + 2, ')') {
            b += 3;
        }
        Some((a, b))
    }

    pub(super) fn acronym_or_org(&self, a: usize, b: usize) -> bool {
        let w = self.word(a);
        (b - a == 1 && w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase()))
            || self.is_org_run(a, b)
    }

    /// Resolves a speaker phrase to a name: pronouns to the last fitting
    /// person, descriptions to the person introduced with that role,
    /// surnames to the fullest name. `at` is the token the quote is at.
    pub(super) fn resolve(
        &self,
        reg: &Registry,
        np: Np,
        at: usize,
        last: &[(usize, usize)],
    ) -> Option<(String, Option<usize>)> {
        match np.kind {
            NpKind::Name => {
                let words: Vec<String> = (np.na..np.nb)
                    .filter(|k| self.is_word(*k))
                    .map(|k| self.low_bare(k).to_string())
                    .collect();
                match reg.at(np.na, np.nb).or_else(|| reg.lookup(&words)) {
                    Some(id) => Some((reg.ents[id].name.clone(), Some(id))),
                    None => {
                        let s = self.name_text(np.na, np.nb);
                        if s.is_empty() { None } else { Some((s, None)) }
                    }
                }
            }
            NpKind::Desc => {
                if let Some(id) = self.role_match(reg, np, at) {
                    return Some((reg.ents[id].name.clone(), Some(id)));
                }
                if (np.na..np.nb).any(|j| self.cap(j)) {
                    let s = self.name_text(np.na, np.nb);
                    return Some((s, None));
                }
                None
            }
            NpKind::Pronoun(g) => self
                .antecedent(reg, g, at, last)
                .map(|id| (reg.ents[id].name.clone(), Some(id))),
            NpKind::Implicit => self
                .antecedent(reg, '-', at, last)
                .map(|id| (reg.ents[id].name.clone(), Some(id))),
        }
    }

    pub(super) fn name_text(&self, a: usize, b: usize) -> String {
        let mut s = String::new();
        for k in a..b {
            let w = if k + 1 == b {
                self.bare(k)
            } else {
                self.word(k)
            };
            if !s.is_empty() && !self.is_punct(k) {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    }

    /// The person introduced with the role a description names.
    pub(super) fn role_match(&self, reg: &Registry, np: Np, at: usize) -> Option<usize> {
        let words: Vec<&str> = (np.na..np.nb)
            .filter(|j| self.is_word(*j))
            .map(|j| self.low_bare(j))
            .filter(|w| !tables().determiners.contains(w))
            .collect();
        let head = *words.last()?;
        let heads: &[&str] = tables().roles.get(head).map_or(&[], Vec::as_slice);
        let mut best: Option<(usize, i32)> = None;
        // Last mention of each entity before the quote.
        let mut last_before: Vec<Option<usize>> = vec![None; reg.ents.len()];
        for m in reg.mentions.iter().take_while(|m| m.a < at) {
            if let Some(slot) = last_before.get_mut(m.ent) {
                *slot = Some(m.a);
            }
        }
        for (id, e) in reg.ents.iter().enumerate() {
            if e.org || e.role.is_empty() {
                continue;
            }
            let head_ok = e
                .role
                .iter()
                .any(|r| r == head || heads.contains(&r.as_str()));
            if !head_ok {
                continue;
            }
            let mut score = 1;
            for m in &words[..words.len() - 1] {
                if e.role.iter().any(|r| same_stem(r, m)) {
                    score += 2;
                } else if m.chars().count() > 3 {
                    score -= 1;
                }
            }
            // Nearness: mentioned before the quote is better.
            let before = last_before.get(id).copied().flatten();
            let near = match before {
                Some(p) => 1000 - (at - p).min(999) as i32,
                None => 0,
            };
            let s = score * 1000 + near;
            if best.is_none_or(|(_, bs)| s > bs) {
                best = Some((id, s));
            }
        }
        best.filter(|(_, s)| *s >= 1000).map(|(id, _)| id)
    }

    /// The most salient person before token `at` agreeing with gender `g`:
    /// the subject of the closest sentence (or quote attribution) that
    /// names one.
    pub(super) fn antecedent(
        &self,
        reg: &Registry,
        g: char,
        at: usize,
        last: &[(usize, usize)],
    ) -> Option<usize> {
        let fits = |id: usize| {
            let e = &reg.ents[id];
            if g == 'p' {
                return e.org;
            }
            !e.org && e.person && (g == '-' || g == 'n' || e.gender == '-' || e.gender == g)
        };
        let cur = self.sent.get(at).copied().unwrap_or(0);
        // Candidates: registry mentions and earlier attributions, by sentence.
        let mut by_sent: Vec<(u32, usize, usize, bool)> = Vec::new(); // (sent, pos, ent, subject)
        let end = reg.mentions.partition_point(|m| m.a < at);
        for m in reg.mentions[..end].iter().rev() {
            let s = self.sent.get(m.a).copied().unwrap_or(0);
            if cur.saturating_sub(s) > 6 || at - m.a > 400 {
                break;
            }
            if fits(m.ent) {
                by_sent.push((s, m.a, m.ent, self.subject_like(m.b)));
            }
        }
        for &(pos, id) in last.iter().rev().take(16) {
            if pos < at && fits(id) {
                let s = self.sent.get(pos).copied().unwrap_or(0);
                if cur.saturating_sub(s) <= 6 {
                    by_sent.push((s, pos, id, true));
                }
            }
        }
        if by_sent.is_empty() {
            return None;
        }
        let top = by_sent.iter().map(|c| c.0).max()?;
        // In the closest sentence: the first subject-like mention, else the first.
        let mut cands: Vec<&(u32, usize, usize, bool)> =
            by_sent.iter().filter(|c| c.0 == top).collect();
        cands.sort_by_key(|c| (!c.3, c.1));
        cands.first().map(|c| c.2)
    }

    /// A name ending at `b` followed by a verb-like word, an auxiliary, a
    /// cue or an apposition: likely the subject of its clause. A possessive
    /// ("Crutcher’s death") is not.
    pub(super) fn subject_like(&self, b: usize) -> bool {
        if b > 0 && self.is_word(b - 1) && self.bare(b - 1).len() < self.word(b - 1).len() {
            return false;
        }
        let mut k = b;
        if self.punct(k, '(') {
            while k < self.len() && k < b + 10 && !self.punct(k, ')') {
                k += 1;
            }
            k += 1;
        }
        self.is_word(k) && !self.cap(k) && tables().fillers.contains(self.low(k))
            || self.is_word(k)
                && !self.cap(k)
                && !tables().np_stop.contains(self.low(k))
                && !tables().determiners.contains(self.low(k))
            || self.is_cue(k)
    }
}

/// Two role words with the same stem ("russian" / "russia's", "chinese" / "china").
fn same_stem(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let pa: Vec<char> = a.chars().take(5).collect();
    let pb: Vec<char> = b.chars().take(5).collect();
    let n = pa.iter().zip(&pb).take_while(|(x, y)| x == y).count();
    n >= 4 && a.chars().next().is_some_and(char::is_alphabetic)
}
