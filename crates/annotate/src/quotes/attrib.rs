//! Attribution rules: where a quote's speaker phrase and cue are, after
//! the quote (`,” said Xi`), before it (`Lavrov said: “`), later in its
//! sentence (`..., Limbaugh said.`) or as the subject of any verb of a
//! sentence holding a partial quote.

use super::doc::Doc;
use super::phrase::{Np, NpKind};
use super::tables::tables;

/// One attribution found for a quote.
#[derive(Debug, Clone, Copy)]
pub(super) struct Attr {
    pub np: Np,
    /// Cue tokens [ca, cb), empty when there is none (transcript lines).
    pub ca: usize,
    pub cb: usize,
}

/// Attribute partial quotes to the named subject of any verb.
const GENERIC_VERBS: bool = true;

impl Doc<'_> {
    /// The cue tokens at `j`: a reporting verb, possibly after an auxiliary
    /// ("a déclaré", "has said") or a two-word cue ("pointed out").
    pub(super) fn cue_at(&self, j: usize, strong: bool) -> Option<(usize, usize)> {
        let ok = |i: usize| {
            if strong {
                self.is_strong_cue(i)
            } else {
                self.is_cue(i) && self.source_prep(i) == 0
            }
        };
        if ok(j) {
            let mut e = j + 1;
            let particles = tables().cue_particles.get(self.low(j));
            if particles.is_some_and(|p| p.iter().any(|&w| w == self.low(j + 1))) {
                e += 1;
            }
            return Some((j, e));
        }
        if self.is_word(j) && tables().cue_aux.contains(self.low(j)) && ok(j + 1) {
            return Some((j, j + 2));
        }
        if self.lang == "de"
            && self.low(j) == "so"
            && j > 0
            && (self.punct(j - 1, ',') || self.is_quote(j - 1))
        {
            return Some((j, j + 1));
        }
        None
    }

    /// Attribution after a quote: `,” said Xi`, `,” Xi said`, `” ― Name`.
    pub(super) fn post_attr(&self, q: usize, lim: usize) -> Option<Attr> {
        let mut j = q + 1;
        while j < lim
            && (self.punct(j, ',')
                || self.punct(j, '—')
                || self.punct(j, '–')
                || self.punct(j, '―')
                || self.punct(j, '-'))
        {
            j += 1;
        }
        if j >= lim {
            return None;
        }
        let dashed = (q + 1..j).any(|i| !self.punct(i, ','));
        // cue first: “...,” said Xi / », a déclaré M. Lavrov / », a-t-il déclaré
        if let Some((ca, cb)) = self.cue_at(j, true) {
            if self.low(cb - 1).ends_with("ing") {
                // “...,” adding that ...: the subject is before the quote.
                return None;
            }
            let mut k = cb;
            while k < lim
                && self.is_word(k)
                && tables().after_cue_skip.contains(self.low(k))
                && !self.cap(k)
            {
                k += 1;
            }
            return match self.np_forward(k, lim) {
                Some(np) => Some(self.apposed_name(Attr { np, ca, cb }, lim)),
                None => {
                    let np = Np {
                        kind: NpKind::Implicit,
                        a: ca,
                        b: ca,
                        na: ca,
                        nb: ca,
                    };
                    Some(Attr { np, ca, cb })
                }
            };
        }
        // "according to X" right after the quote.
        let sp = self.source_prep(j);
        if sp > 0 {
            let np = self.np_forward(j + sp, lim)?;
            return Some(Attr {
                np,
                ca: j,
                cb: j + sp,
            });
        }
        // subject first: “...,” Xi said / he added / Alexander Gabuev, director of X, told AFP
        if let Some(p) = self.pronoun(j)
            && let Some((ca, cb)) = self.cue_at(j + 1, true)
        {
            return Some(Attr {
                np: Np {
                    kind: NpKind::Pronoun(p),
                    a: j,
                    b: j + 1,
                    na: j,
                    nb: j + 1,
                },
                ca,
                cb,
            });
        }
        let np = self.np_forward(j, lim)?;
        let mut k = np.b;
        if self.punct(k, '(') {
            while k < lim && k < np.b + 12 && !self.punct(k, ')') {
                k += 1;
            }
            k += 1;
        }
        if self.punct(k, ',') {
            // apposition
            let mut m = k + 1;
            while m < lim && m < k + 25 && !self.punct(m, ',') && !self.is_strong_cue(m) {
                m += 1;
            }
            if self.punct(m, ',') {
                k = m + 1;
            }
        }
        while k < lim && self.is_word(k) && self.filler(k) && self.low(k) != "a" && !self.is_cue(k)
        {
            k += 1;
        }
        if let Some((ca, cb)) = self.cue_at(k, true) {
            return Some(Attr { np, ca, cb });
        }
        // The first cue further on: “...,” Tulsa police Chief Chuck Jordan
        // said / Scott Pruitt, the attorney general of X, one of Y, said.
        let mut c = np.b;
        while c < lim && c < np.b + 30 && !self.is_strong_cue(c) && !self.is_quote(c) {
            c += 1;
        }
        if c < lim && self.is_strong_cue(c) && !self.low(c).ends_with("ing") {
            let between_words = (np.b..c).all(|i| self.is_word(i));
            let prep = matches!(self.low(np.b), "of" | "from" | "at" | "for" | "with");
            if self.punct(np.b, ',') || self.punct(np.b, '(') || prep {
                return Some(Attr {
                    np,
                    ca: c,
                    cb: c + 1,
                });
            }
            let plain = (np.b..c).all(|i| {
                self.is_word(i)
                    || self.is_punct(i)
                        && !matches!(self.word(i), "," | ";" | ":" | "." | "(" | ")")
            });
            if (between_words || plain)
                && c - np.b <= 8
                && let Some(np2) = self.np_backward(c, j)
            {
                return Some(Attr {
                    np: np2,
                    ca: c,
                    cb: c + 1,
                });
            }
        }
        // “...” ― Name (a signed quote): a dash, then only the name.
        if dashed
            && np.kind == NpKind::Name
            && (np.b >= lim || self.punct(np.b, '.') || self.punct(np.b, ','))
        {
            return Some(Attr {
                np,
                ca: np.a,
                cb: np.a,
            });
        }
        None
    }

    /// "said the Republican nominee, Donald Trump": a name in apposition
    /// after a description replaces it.
    pub(super) fn apposed_name(&self, at: Attr, lim: usize) -> Attr {
        if at.np.kind == NpKind::Desc
            && self.punct(at.np.b, ',')
            && let Some(np2) = self.np_forward(at.np.b + 1, lim)
        {
            let ends = np2.b >= lim
                || self.punct(np2.b, '.')
                || self.punct(np2.b, ',') && !self.is_cue(np2.b + 1);
            if np2.kind == NpKind::Name && ends && !self.is_org_run(np2.na, np2.nb) {
                return Attr { np: np2, ..at };
            }
        }
        at
    }

    /// Attribution before a quote, within [s0, q): `Lavrov said: “`,
    /// `According to X, ... “`, `Putin defended that “`, `Xi Jinping: "`.
    pub(super) fn pre_attr(&self, s0: usize, q: usize) -> Option<Attr> {
        if q <= s0 {
            return None;
        }
        let found = self
            .source_attr(s0, q)
            .or_else(|| self.transcript_attr(s0, q))
            .or_else(|| self.cue_attr(s0, q));
        if found.is_some() {
            return found;
        }
        // A quote right after a text-initial "that" or colon has no speaker.
        if q == 1 && self.introduces_quote(0) {
            return None;
        }
        self.verbed_that_attr(s0, q)
            .or_else(|| self.subject_verb_attr(s0, q))
    }

    /// "according to X" (anywhere before the quote in the sentence, unless
    /// X is an outlet and a cue follows it), "X zufolge".
    fn source_attr(&self, s0: usize, q: usize) -> Option<Attr> {
        for j in s0..q {
            let sp = self.source_prep(j);
            if sp > 0
                && let Some(np) = self.np_forward(j + sp, q)
                && !(np.kind == NpKind::Name
                    && self.outlet(np.na, np.nb)
                    && self.has_cue_between(np.b, q))
            {
                return Some(Attr {
                    np,
                    ca: j,
                    cb: j + sp,
                });
            }
            if self.low(j) == "zufolge"
                && j > s0
                && let Some(np) = self.np_backward(j, s0)
            {
                return Some(Attr {
                    np,
                    ca: j,
                    cb: j + 1,
                });
            }
        }
        None
    }

    /// Transcript line: NAME: "..." (the name opening the paragraph).
    fn transcript_attr(&self, s0: usize, q: usize) -> Option<Attr> {
        if !(self.punct(q - 1, ':') && q >= 2) {
            return None;
        }
        let starts_para = s0 == 0 || self.is_break(s0 - 1) || self.is_break(s0);
        if let Some(np) = self.np_backward(q - 1, s0)
            && np.kind == NpKind::Name
            && np.a <= s0 + 1
            && starts_para
            && np.b == q - 1
        {
            return Some(Attr {
                np,
                ca: q - 1,
                cb: q - 1,
            });
        }
        None
    }

    /// Cues with a subject: after the last earlier quote of the sentence
    /// first; the first strong cue wins (the outer attribution of
    /// "Trump said Clinton called him “...”"), else the first weak one.
    fn cue_attr(&self, s0: usize, q: usize) -> Option<Attr> {
        let last_q = (s0..q).rev().find(|&i| self.is_quote(i));
        let ranges = match last_q {
            Some(lq) => [(lq + 1, q), (s0, lq)],
            None => [(s0, q), (q, q)],
        };
        // Cues inside an opening adverbial ("In a message posted Friday,")
        // are not the sentence's.
        let intro = self.intro_end(s0, q);
        for (r0, r1) in ranges {
            let mut weak: Option<Attr> = None;
            for j in r0.max(intro)..r1 {
                if let Some(at) = self.attr_at_cue(s0, q, j) {
                    if self.is_strong_cue(j) {
                        return Some(at);
                    }
                    if weak.is_none() {
                        weak = Some(at);
                    }
                }
            }
            if weak.is_some() {
                return weak;
            }
        }
        None
    }

    /// The attribution of a cue at token `j` of the sentence [s0, q), with
    /// its subject: a relative pronoun's antecedent, a participle's clause
    /// subject, the phrase before the cue, a name after it ("Said Ellis:"),
    /// or the sentence subject of a coordinated verb.
    fn attr_at_cue(&self, s0: usize, q: usize, j: usize) -> Option<Attr> {
        if !self.is_cue(j) || self.source_prep(j) > 0 {
            return None;
        }
        let (ca, cb) = if j > s0
            && matches!(self.low(j - 1), "a" | "has" | "had" | "ha" | "hat" | "have")
            && self.lang != "en"
        {
            (j - 1, j + 1)
        } else {
            (j, j + 1)
        };
        let mut found = self.relative_antecedent(s0, ca);
        let participle = self.low(j).ends_with("ing");
        if tables().nounish.contains(self.low(j))
            && !(self.low(j + 1) == "that"
                || self.punct(j + 1, ':')
                || self.punct(j + 1, ',')
                || self.is_quote(j + 1))
        {
            return None;
        }
        if found.is_none() {
            if participle {
                found = self.participle_subject(s0, q, j, ca)?;
            } else if let Some(np) = self.np_backward(ca, s0)
                && (np.kind != NpKind::Desc || self.desc_ok(np))
            {
                found = Some(np);
            }
        }
        if found.is_none() {
            found = self.name_after_cue(cb, q);
        }
        if found.is_none() && !participle {
            found = self.coordinated_subject(s0, ca);
        }
        found.map(|np| Attr { np, ca, cb })
    }

    /// "McConnell, who said ...": the relative pronoun's antecedent, a
    /// name, for the cue starting at `ca`.
    fn relative_antecedent(&self, s0: usize, ca: usize) -> Option<Np> {
        let mut w = ca;
        while w > s0 && self.is_word(w - 1) && self.filler(w - 1) {
            w -= 1;
        }
        if w > s0 && self.low(w - 1) == "who" {
            let e = if w >= 2 && self.punct(w - 2, ',') {
                w - 2
            } else {
                w - 1
            };
            return self.np_backward(e, s0).filter(|np| np.kind == NpKind::Name);
        }
        None
    }

    /// The subject of a participle cue at `j` (cue tokens from `ca`): after
    /// ", saying ...", "by announcing", "a statement calling" the clause
    /// subject; in "Trump is promising" the subject before the auxiliary.
    /// `None` when the participle is no cue.
    fn participle_subject(&self, s0: usize, q: usize, j: usize, ca: usize) -> Option<Option<Np>> {
        let p = if j > s0 { j - 1 } else { j };
        let pw = self.low(p);
        if j > s0
            && (self.punct(p, ',')
                || self.punct(p, '—')
                || matches!(pw, "by" | "while" | "after" | "before" | "when")
                || tables().statement_nouns.contains(pw))
        {
            // The subject must come before the participle.
            Some(self.subject(s0, q).filter(|np| np.b <= ca))
        } else if j > s0
            && (self.filler(p)
                || pw.ends_with("’s")
                || pw.ends_with("'s")
                || self.cap(p) && !self.not_name(p))
        {
            Some(self.np_backward(ca, s0))
        } else {
            None
        }
    }

    /// Said Ellis: “...”: a name right after the cue (ending at `cb`) and
    /// right before the quote at `q`, or a colon or comma before it; or a
    /// pronoun there, the subject after its verb where the sentence opens
    /// with something else ("Dann sagte er: „…“", "Ensuite, déclara-t-il").
    fn name_after_cue(&self, cb: usize, q: usize) -> Option<Np> {
        self.np_forward(cb, q).filter(|np| {
            matches!(np.kind, NpKind::Name | NpKind::Pronoun(_))
                && (np.b == q || np.b + 1 == q && (self.punct(np.b, ':') || self.punct(np.b, ',')))
        })
    }

    /// "X bemoaned ... and said": the sentence subject, when the cue
    /// starting at `ca` follows "and", "but", "then" or a comma.
    fn coordinated_subject(&self, s0: usize, ca: usize) -> Option<Np> {
        let mut p = ca;
        while p > s0 && self.is_word(p - 1) && self.filler(p - 1) {
            p -= 1;
        }
        let coord =
            p > s0 && (matches!(self.low(p - 1), "and" | "but" | "then") || self.punct(p - 1, ','));
        if coord { self.subject(s0, ca) } else { None }
    }

    /// Whether token `v` leads into a quote: a colon, "that", "que",
    /// "dass", "что".
    fn introduces_quote(&self, v: usize) -> bool {
        self.punct(v, ':') || matches!(self.low(v), "that" | "que" | "dass" | "что")
    }

    /// NAME verbed that “ / NAME verbed: “ (a lowercase verb after a name
    /// or a personal pronoun).
    fn verbed_that_attr(&self, s0: usize, q: usize) -> Option<Attr> {
        if !self.introduces_quote(q - 1) {
            return None;
        }
        let v = q.checked_sub(2)?;
        if self.is_word(v)
            && !self.cap(v)
            && v > s0
            && !tables().np_stop.contains(self.low(v))
            && let Some(np) = self.np_backward(v, s0)
            && (np.kind == NpKind::Name
                || np.kind == NpKind::Pronoun('m')
                || np.kind == NpKind::Pronoun('f'))
        {
            return Some(Attr {
                np,
                ca: v,
                cb: v + 1,
            });
        }
        None
    }

    /// A partial quote in a sentence whose subject is named: “Gov. X
    /// lauded Mr. Clarke for helping develop "new ideas."” The verb after
    /// the subject is the cue.
    fn subject_verb_attr(&self, s0: usize, q: usize) -> Option<Attr> {
        if !GENERIC_VERBS {
            return None;
        }
        let np = self.subject(s0, q)?;
        let named = np.kind == NpKind::Name;
        if !(named
            || matches!(np.kind, NpKind::Pronoun('m') | NpKind::Pronoun('f'))
            || np.kind == NpKind::Desc && (np.na..np.nb).any(|j| self.cap(j)))
        {
            return None;
        }
        let k = self.past_subject(np, q);
        if k < q
            && self.is_word(k)
            && !self.cap(k)
            && !tables().np_stop.contains(self.low(k))
            && !self.det(k)
            && self.verb_like(k)
        {
            return Some(Attr {
                np,
                ca: k,
                cb: k + 1,
            });
        }
        None
    }

    /// The first token after the subject `np` and what completes it before
    /// its verb: a parenthesis, an apposition ("X, who lost the primaries,
    /// identified ..."), filler words.
    fn past_subject(&self, np: Np, q: usize) -> usize {
        let mut k = np.b;
        if self.punct(k, '(') {
            while k < q && !self.punct(k, ')') {
                k += 1;
            }
            k += 1;
        }
        if self.punct(k, ',') {
            let mut m = k + 1;
            while m < q && m < k + 25 && !self.punct(m, ',') {
                m += 1;
            }
            if self.punct(m, ',') {
                k = m + 1;
            }
        }
        while k < q && self.is_word(k) && self.filler(k) {
            k += 1;
        }
        k
    }

    /// A lowercase word that looks like a finite verb (English endings; any
    /// word in other languages).
    pub(super) fn verb_like(&self, k: usize) -> bool {
        let w = self.low(k);
        let after_aux = k > 0
            && matches!(
                self.low(k - 1),
                "is" | "was" | "are" | "were" | "has" | "have" | "had" | "been"
            );
        let participle = w.ends_with("ing")
            || w.ends_with("en")
            || w.ends_with("wn")
            || matches!(
                w,
                "gone" | "done" | "come" | "become" | "made" | "said" | "told" | "put" | "set"
            );
        self.lang != "en"
            || after_aux && participle
            || w.ends_with("ed")
            || w.ends_with('s')
            || self.is_cue(k)
            || matches!(
                w,
                "put"
                    | "took"
                    | "made"
                    | "gave"
                    | "sent"
                    | "led"
                    | "hit"
                    | "won"
                    | "went"
                    | "came"
                    | "set"
                    | "paid"
                    | "spent"
                    | "felt"
                    | "kept"
                    | "left"
                    | "met"
                    | "saw"
                    | "thought"
                    | "knew"
                    | "brought"
                    | "got"
                    | "held"
                    | "ran"
                    | "sang"
                    | "spoke"
                    | "wrote"
            )
    }

    /// An attribution at the end of the sentence after a partial quote:
    /// `... “fear” and desperation, Limbaugh said.` Returns it with the
    /// comma that ends the clause.
    pub(super) fn late_attr(&self, qt: usize, se: usize) -> Option<(Attr, usize)> {
        let mut c = qt + 1;
        while c < se {
            if self.punct(c, ',') && !self.is_quote(c + 1) {
                if let Some((ca, cb)) = self.cue_at(c + 1, true)
                    && let Some(np) = self.np_forward(cb, se)
                    && (np.b >= se || self.is_punct(np.b))
                {
                    return Some((Attr { np, ca, cb }, c));
                }
                if let Some(np) = self.np_forward(c + 1, se) {
                    let mut k = np.b;
                    while k < se && self.is_word(k) && self.filler(k) {
                        k += 1;
                    }
                    if let Some((ca, cb)) = self.cue_at(k, true)
                        && (cb >= se
                            || self.is_punct(cb)
                            || tables().after_cue_skip.contains(self.low(cb)))
                    {
                        return Some((Attr { np, ca, cb }, c));
                    }
                }
            }
            c += 1;
        }
        None
    }

    pub(super) fn has_cue_between(&self, a: usize, b: usize) -> bool {
        (a..b).any(|j| self.is_strong_cue(j))
    }
}
