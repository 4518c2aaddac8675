//! The grammar: one recogniser per form of time expression.

use super::calendar::{days_in_month, valid_ymd};
use super::parse::{Candidate, Meaning, Parser, TokenKind, find};
use super::tables::{self, CONTEXT, Phrase, Rel, Unit};

impl Parser<'_> {
    pub(super) fn c(a: usize, b: usize, sem: Meaning) -> Option<Candidate> {
        Some(Candidate { a, b, sem })
    }

    pub(super) fn p_numeric(&self, i: usize) -> Option<Candidate> {
        let n1 = self.ndigits(i);
        if n1 == 0 || (i > 0 && matches!(self.prev_w(i), "/" | "-" | "." | ":") && self.glued(i)) {
            return None;
        }
        let sep = self.w(i + 1);
        if !matches!(sep, "/" | "-" | ".") || !self.glued(i + 1) || !self.glued(i + 2) {
            return None;
        }
        // English does not write dates with dots: "Version 10.2.2019"
        if sep == "." && self.en {
            return None;
        }
        if self.w(i + 3) != sep || !self.glued(i + 3) || !self.glued(i + 4) {
            return None;
        }
        let n2 = self.ndigits(i + 2);
        let n3 = self.ndigits(i + 4);
        if n2 == 0 || n3 == 0 {
            return None;
        }
        // more digit groups follow: a phone number or a version
        if matches!(self.w(i + 5), "/" | "-" | ".")
            && self.glued(i + 5)
            && self.kind(i + 6) == Some(TokenKind::Num)
        {
            return None;
        }
        let (a, b, c) = (self.num(i)?, self.num(i + 2)?, self.num(i + 4)?);
        let (y, m, d) = if n1 == 4 && n2 <= 2 && n3 <= 2 {
            (a, b, c)
        } else if n1 <= 2 && n2 <= 2 && (n3 == 4 || (n3 == 2 && sep != "-")) {
            let y = if n3 == 2 {
                if c <= 30 { 2000 + c } else { 1900 + c }
            } else {
                c
            };
            let (m, d) = if self.lg.day_first { (b, a) } else { (a, b) };
            if (1..=12).contains(&m) {
                (y, m, d)
            } else {
                (y, d, m)
            }
        } else {
            return None;
        };
        if !(1000..=2199).contains(&y) {
            return None;
        }
        let (Ok(m), Ok(d)) = (u32::try_from(m), u32::try_from(d)) else {
            return None;
        };
        if !valid_ymd(y, m, d) {
            return Self::c(i, i + 5, Meaning::Invalid);
        }
        Self::c(i, i + 5, Meaning::Date { y: Some(y), m, d })
    }

    /// Optional year after a month or a day-month: ", 2024", " 2024", " de 2024", "2024 года".
    pub(super) fn trailing_year(&self, k: usize) -> Option<(i64, usize)> {
        let mut j = k;
        if self.is(j, ",") || (!self.en && self.lg.links.contains(&self.w(j))) {
            j += 1;
        }
        let (y, mut e) = self.year_at(j)?;
        // not "Sept. 30, 1,500 shares"
        if self.is(e, ",") && self.kind(e + 1) == Some(TokenKind::Num) && self.glued(e + 1) {
            return None;
        }
        if !self.en && matches!(self.w(e), "года" | "году" | "г") {
            e += 1;
            if self.is(e - 1, "г") && self.is(e, ".") && self.glued(e) {
                e += 1;
            }
        }
        Some((y, e))
    }

    pub(super) fn p_month_first(&self, i: usize) -> Option<Candidate> {
        if let Some(r) = find(self.lg.mods_before, self.w(i))
            && let Some((m, k, true)) = self.month_at(i + 1)
            && (!self.en || self.upper(i + 1))
            && self.day_num(k).is_none()
            && self.year_at(k).is_none()
        {
            return Self::c(
                i,
                k,
                Meaning::Month {
                    y: None,
                    m,
                    rel: Some(r),
                },
            );
        }
        let (m, k, full) = self.month_at(i)?;
        if let Some((d, e)) = self.day_num(k) {
            // "April 9, 2024" / "Sept. 30" — not "May 5 percent", not "March 2024" (year)
            if self.ndigits(k) == 4
                || self.is(e, "%")
                || (self.is(e, ":") && self.glued(e) && self.kind(e + 1) == Some(TokenKind::Num))
            {
                return None;
            }
            if let Some((y, e2)) = self.trailing_year(e) {
                return self.date_cand(i, e2, Some(y), m, d);
            }
            // "May 5" needs a capital for the ambiguous "may"
            if self.en && !self.upper(i) {
                return None;
            }
            return self.date_cand(i, e, None, m, d);
        }
        // "April 2024", "April of 2024", "abril de 2024"
        let mut j = k;
        if self.is(j, ",") || self.lg.links.contains(&self.w(j)) {
            j += 1;
        }
        if let Some((y, e)) = self.trailing_year(j).or_else(|| self.trailing_year(k)) {
            return Self::c(
                i,
                e,
                Meaning::Month {
                    y: Some(y),
                    m,
                    rel: None,
                },
            );
        }
        if !full {
            return None;
        }
        if self.en
            && matches!(self.w(k), "last" | "this" | "next")
            && self.is(k + 1, "year")
            && self.upper(i)
        {
            let n = match self.w(k) {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            return Self::c(i, k + 2, Meaning::MonthRel { m, n });
        }
        // English and German month names are capitalised (and "may" is a
        // verb); elsewhere a capital inside a sentence makes a name ("Mars")
        let initial = i == 0 || !self.same_sentence(i - 1, i);
        if self.lg.capitalised != self.upper(i) && (self.lg.capitalised || !initial) {
            return None;
        }
        // "Mayo Clinic", "August Bebel"
        if initial && self.upper(i) && self.upper(k) && self.kind(k) == Some(TokenKind::Word) {
            return None;
        }
        if self.en && matches!(self.w(i), "may" | "march") {
            let p = self.prev_w(i);
            let ok_prev = matches!(
                p,
                "in" | "since"
                    | "by"
                    | "until"
                    | "last"
                    | "this"
                    | "next"
                    | "early"
                    | "late"
                    | "mid"
                    | "of"
                    | "from"
                    | "through"
                    | "during"
                    | "before"
                    | "after"
                    | "-"
                    | "between"
                    | "and"
                    | "to"
                    | "till"
            );
            let ok_next = matches!(self.w(k), "," | "." | ";" | ")") || self.kind(k).is_none();
            // "March" and "May" alone need a preposition before them; a
            // sentence-final "May" also passes
            let may_alone = ok_next && self.w(i) == "may" && !p.is_empty() && p != ".";
            if !ok_prev && (self.w(i) == "march" || !may_alone) {
                return None;
            }
        }
        // "la semaine dernière"-style modifiers also apply to months ("avril dernier")
        if let Some(r) = find(self.lg.mods_after, self.w(k)) {
            return Self::c(
                i,
                k + 1,
                Meaning::Month {
                    y: None,
                    m,
                    rel: Some(r),
                },
            );
        }
        Self::c(
            i,
            k,
            Meaning::Month {
                y: None,
                m,
                rel: None,
            },
        )
    }

    pub(super) fn date_cand(
        &self,
        a: usize,
        b: usize,
        y: Option<i64>,
        m: u32,
        d: u32,
    ) -> Option<Candidate> {
        let ok = d <= days_in_month(y.unwrap_or(2000), m) && d >= 1;
        Self::c(
            a,
            b,
            if ok {
                Meaning::Date { y, m, d }
            } else {
                Meaning::Invalid
            },
        )
    }

    pub(super) fn p_day_first(&self, i: usize) -> Option<Candidate> {
        let (d, mut k) = self.day_num(i)?;
        if self.ndigits(i) > 2 {
            return None;
        }
        if self.is(k, "of") || (!self.en && self.lg.links.contains(&self.w(k))) {
            k += 1;
        }
        let (m, k2, _) = self.month_at(k)?;
        if self.en && !self.upper(k) {
            return None;
        }
        if let Some((y, e)) = self.trailing_year(k2) {
            return self.date_cand(i, e, Some(y), m, d);
        }
        self.date_cand(i, k2, None, m, d)
    }

    pub(super) fn p_weekday(&self, i: usize) -> Option<Candidate> {
        let mut k = i;
        let mut rel = None;
        let mut anaphoric = false;
        if let Some(r) = find(self.lg.mods_before, self.w(k)) {
            rel = Some(r);
            k += 1;
            if self.en && matches!(self.w(k), "past" | "coming") {
                k += 1;
            }
        } else if self.en && self.is(k, "the") && matches!(self.w(k + 1), "previous" | "following")
        {
            anaphoric = true;
            rel = Some(if self.is(k + 1, "previous") {
                Rel::Last
            } else {
                Rel::Next
            });
            k += 2;
        }
        let (wd, mut e, full) = self.weekday_at(k)?;
        if self.en && !self.upper(k) {
            return None;
        }
        // movable feasts and names: "Good Friday", "Super Tuesday", "Black Monday"
        if self.en
            && k > 0
            && self.upper(k - 1)
            && matches!(
                self.w(k - 1),
                "good" | "black" | "holy" | "super" | "cyber" | "ash" | "bloody"
            )
        {
            return None;
        }
        if let Some(r) = find(self.lg.mods_after, self.w(e)) {
            rel = Some(r);
            e += 1;
        }
        // "Friday, April 25" / "Friday Oct. 13" / "mardi 9 avril"
        let mut j = e;
        if self.is(j, ",") {
            j += 1;
        }
        let dated = self
            .p_month_first(j)
            .or_else(|| self.p_day_first(j))
            .filter(|c| matches!(c.sem, Meaning::Date { .. } | Meaning::Invalid));
        if let Some(c) = dated {
            return Self::c(i, c.b, c.sem);
        }
        if !full {
            return None;
        }
        let sem = Meaning::Weekday { wd, rel, anaphoric };
        Some(self.with_pod(i, e, sem))
    }

    /// "Tuesday afternoon", "yesterday evening", "Saturday night".
    pub(super) fn with_pod(&self, a: usize, e: usize, sem: Meaning) -> Candidate {
        if let Some((pod, e2)) = self.pod_at(e) {
            return Candidate {
                a,
                b: e2,
                sem: Meaning::Pod {
                    day: Box::new(sem),
                    pod,
                },
            };
        }
        Candidate { a, b: e, sem }
    }

    pub(super) fn p_year(&self, i: usize, after_prefix: bool) -> Option<Candidate> {
        let prev = self.prev_w(i);
        if !self.en && self.is(i, "'") {
            return None;
        }
        // second half of a range "1990-91"
        if self.ndigits(i) == 2
            && prev == "-"
            && self.glued(i)
            && i >= 2
            && self.ndigits(i - 2) == 4
        {
            let y1 = self.num(i - 2)?;
            let y = y1 / 100 * 100 + self.num(i)?;
            if (1000..=2199).contains(&y1) && y > y1 && !(self.is(i + 1, "-") && self.glued(i + 1))
            {
                return Self::c(i, i + 1, Meaning::Year(y));
            }
            return None;
        }
        let (y, mut e) = self.year_at(i)?;
        if self.ndigits(i) == 4 {
            if matches!(
                prev,
                "$" | "€" | "£" | "#" | "no" | "number" | "+" | "¥" | "nr" | "№"
            ) || (i > 0 && self.glued(i) && self.kind(i - 1) != Some(TokenKind::Punct))
                || CONTEXT.reference_nouns.contains(&prev)
            {
                return None;
            }
            // "1200-seat", "2000-page": a count in a compound adjective
            if self.is(i + 1, "-")
                && self.glued(i + 1)
                && self.kind(i + 2) == Some(TokenKind::Word)
                && !matches!(self.w(i + 2), "era" | "style" | "vintage" | "born")
            {
                return None;
            }
            if prev == "-" && self.glued(i) && i >= 2 && self.kind(i - 2) == Some(TokenKind::Num) {
                // "1-800-268-2024" or the end of a range; ranges need a year before
                if !(self.ndigits(i - 2) == 4
                    && self
                        .num(i - 2)
                        .is_some_and(|p| (1000..2200).contains(&p) && p < y))
                {
                    return None;
                }
                if i >= 3 && self.is(i - 3, "-") && self.glued(i - 2) {
                    return None;
                }
            }
            let next = self.w(e);
            if matches!(next, "%" | "percent") {
                return None;
            }
            let in_ctx = after_prefix
                || CONTEXT.year_before.contains(&prev)
                || self.month_at(i.wrapping_sub(1)).is_some() && i > 0
                || prev == "-";
            let next_tok = self.t.get(e);
            let next_ok = match next_tok {
                None => true,
                Some(t) if t.kind == TokenKind::Punct => !matches!(next, "$" | "%"),
                Some(t) if t.kind == TokenKind::Num => false,
                Some(t) => {
                    if tables::COUNT_NOUNS.contains(&next) {
                        false
                    } else if t.upper || t.nl {
                        true
                    } else {
                        let plural = next.ends_with('s') && !next.ends_with("ss") && next.len() > 3;
                        !plural || CONTEXT.year_nouns.contains(&next)
                    }
                }
            };
            if tables::COUNT_NOUNS.contains(&next) {
                return None;
            }
            if !(in_ctx || next_ok) {
                return None;
            }
            // "2024 года" / "2024 г."
            if !self.en && matches!(next, "года" | "году" | "г" | "год") {
                e += 1;
                if next == "г" && self.is(e, ".") && self.glued(e) {
                    e += 1;
                }
            }
        } else if self.is(i, "'") {
            // "'98": only with something year-like around
            if !(CONTEXT.year_before.contains(&prev)
                || prev == "the"
                || matches!(self.w(e), "," | "." | ")"))
            {
                return None;
            }
            if self.is(e, "s") || (self.is(e, "'") && self.is(e + 1, "s")) {
                return None;
            }
        }
        Self::c(i, e, Meaning::Year(y))
    }

    pub(super) fn p_decade(&self, i: usize) -> Option<Candidate> {
        let w = self.w(i);
        // "1990s", "1990's", "'80s", "80s", "the nineties"
        let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
        if digits.len() == 4 && &w[4..] == "s" && digits.ends_with('0') {
            let y: i64 = digits.parse().ok()?;
            if (1000..2200).contains(&y) {
                return Self::c(i, i + 1, Meaning::Decade(y / 10));
            }
        }
        if self.ndigits(i) == 4 && self.is(i + 1, "'") && self.is(i + 2, "s") && self.glued(i + 1) {
            let y = self.num(i)?;
            if (1000..2200).contains(&y) && y % 10 == 0 {
                return Self::c(i, i + 3, Meaning::Decade(y / 10));
            }
        }
        let (k, two) = if self.is(i, "'") {
            (i + 1, true)
        } else {
            (i, false)
        };
        let w2 = self.w(k);
        if w2.len() == 3 && w2.ends_with('s') && w2.starts_with(|c: char| c.is_ascii_digit()) {
            let yy: i64 = w2[..2].parse().ok()?;
            if yy % 10 == 0 && (two || self.prev_w(i) == "the") {
                let c = if yy <= 20 { 200 } else { 190 };
                return Self::c(i, k + 1, Meaning::Decade(c + yy / 10));
            }
        }
        if self.is(i, "the") || self.is(i, "mid") || self.is(i, "-") {
            let k = i + 1;
            let d = match self.w(k) {
                "twenties" => 2,
                "thirties" => 3,
                "forties" => 4,
                "fifties" => 5,
                "sixties" => 6,
                "seventies" => 7,
                "eighties" => 8,
                "nineties" => 9,
                _ => 0,
            };
            if d > 0 {
                return Self::c(k, k + 1, Meaning::Decade(190 + d));
            }
        }
        // "the 20th century", "the nineteenth century"
        if self.is(i + 1, "century") && self.prev_w(i) != "-" {
            let n = self.ordinal_word(i).filter(|n| (11..=22).contains(n))?;
            return Self::c(i, i + 2, Meaning::Century(i64::from(n) - 1));
        }
        None
    }

    /// "last week", "this year", "next month", "la semaine dernière",
    /// "letzte Woche", "в прошлом году", "the past year", "earlier this year".
    pub(super) fn p_cal(&self, i: usize) -> Option<Candidate> {
        let mut k = i;
        if !self.en && matches!(self.w(k), "la" | "el" | "le" | "l" | "на" | "в" | "во") {
            k += 1;
            if self.is(k, "'") {
                k += 1;
            }
        }
        if self.en
            && self.is(k, "the")
            && matches!(
                self.w(k + 1),
                "past" | "previous" | "current" | "latest" | "coming"
            )
        {
            k += 1;
        }
        let mut rel = find(self.lg.mods_before, self.w(k));
        let start_mod = rel.is_some();
        if start_mod {
            k += 1;
            // "this past weekend", "this coming week"
            if self.en && rel == Some(Rel::This) && matches!(self.w(k), "past" | "coming") {
                rel = Some(if self.is(k, "past") {
                    Rel::Last
                } else {
                    Rel::Next
                });
                k += 1;
            }
            if self.en && self.is(k, "fiscal") {
                k += 1;
            }
        } else if self.en
            && self.is(k, "the")
            && self.is(k + 1, "day")
            && self.prefix_before(i)
            && matches!(self.prev_w(i), "in")
        {
            // "later in the day"
            return Self::c(
                i,
                k + 2,
                Meaning::Anaphor {
                    unit: Unit::Day,
                    n: 0,
                },
            );
        } else if self.en && self.is(k, "the") && self.is(k + 1, "weekend") {
            rel = Some(Rel::This);
            k += 1;
        } else if self.en
            && self.is(k, "the")
            && matches!(self.w(k + 1), "year" | "fiscal" | "month")
            && self.prefix_before(i)
        {
            // "earlier in the year", "the end of the year"
            rel = Some(Rel::This);
            k += 1;
            if self.is(k, "fiscal") {
                k += 1;
            }
        } else if self.en && self.is(k, "the") && self.is(k + 1, "full") && self.is(k + 2, "year") {
            rel = Some(Rel::This);
            k += 2;
        }
        let (unit, mut e) = {
            let w = self.w(k);
            if !self.en && self.is(k + 1, "-") && self.w(k + 2) == "end" {
                (find(self.lg.cal, "week-end")?, k + 3)
            } else if self.lg.links.contains(&"de")
                && w == "fin"
                && self.is(k + 1, "de")
                && self.is(k + 2, "semana")
            {
                (Unit::Weekend, k + 3)
            } else {
                (find(self.lg.cal, w)?, k + 1)
            }
        };
        if let Some(r) = find(self.lg.mods_after, self.w(e)) {
            if rel.is_none() || rel == Some(Rel::This) {
                rel = Some(r);
            }
            e += 1;
        } else if !self.en && self.is(e, "-") && self.is(e + 1, "ci") {
            e += 2;
        } else if !self.en && self.is(e, "que") && self.is(e + 1, "viene") {
            rel = Some(Rel::Next);
            e += 2;
        }
        let rel = rel?;
        // a title: "This Week With David Brinkley"
        if self.en
            && self.upper(e - 1)
            && self.upper(i)
            && i > 0
            && self.same_sentence(i - 1, i)
            && !matches!(self.prev_w(i), "\"" | "(")
        {
            return None;
        }
        if self.en && self.upper(e - 1) && self.upper(i) && matches!(self.prev_w(i), "\"") {
            return None;
        }
        // "the past year" etc. as durations: "over the past week" is still a date here
        if self.en && unit == Unit::Quarter {
            return None;
        }
        if self.en && unit == Unit::Decade && rel == Rel::Next {
            return None;
        }
        Self::c(i, e, Meaning::Cal { unit, rel })
    }

    pub(super) fn prefix_before(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.prev_w(i),
                "earlier" | "later" | "of" | "early" | "late" | "for" | "in" | "during" | "through"
            )
    }

    pub(super) fn p_phrase(&self, i: usize) -> Option<Candidate> {
        let mut best: Option<(usize, Phrase)> = None;
        let w0 = self.w(i).as_bytes();
        for (words, ph) in self.lg.phrases {
            // Length and first byte of the first word first: most phrases
            // fail there without a string compare.
            let first = words.first().map_or(&[][..], |w| w.as_bytes());
            if first.len() != w0.len() || first.first() != w0.first() {
                continue;
            }
            let n = words.len();
            if words.iter().enumerate().all(|(j, w)| self.is(i + j, w))
                && best.is_none_or(|(bn, _)| n > bn)
            {
                best = Some((n, *ph));
            }
        }
        let (n, ph) = best?;
        let e = i + n;
        // Spanish "mañana" after an article is the morning, German "Morgen" capitalised
        if !self.en
            && matches!(self.w(i), "mañana")
            && matches!(self.prev_w(i), "la" | "esta" | "por")
        {
            return None;
        }
        if !self.en
            && self.w(i) == "morgen"
            && self.upper(i)
            && i > 0
            && !self.t[i].nl
            && self.prev_w(i) != "."
        {
            return None;
        }
        if self.en && n == 1 {
            let w = self.w(i);
            // generic "in today's world", "the people of tomorrow", "VOA Today"
            if matches!(w, "today" | "tomorrow")
                && (matches!(self.prev_w(i), "of" | "in")
                    || (self.upper(i) && i > 0 && self.upper(i - 1) && !self.t[i].nl))
            {
                return None;
            }
            if w == "soon" && (matches!(self.w(e), "after" | "as") || self.prev_w(i) == "as") {
                return None;
            }
        }
        if self.en && matches!(self.w(i), "current" | "future" | "recent") && n == 1 {
            // adjectives only before a noun: "current account" yes, "is current" no
            let next = self.t.get(e);
            if next.is_none_or(|t| t.kind != TokenKind::Word) {
                return None;
            }
        }
        if self.en
            && self.w(i) == "the"
            && self.w(i + 1) == "past"
            && n == 2
            && (find(self.lg.units, self.w(e)).is_some() || find(self.lg.cal, self.w(e)).is_some())
        {
            return None;
        }
        match ph {
            Phrase::Day(d) => Some(self.with_pod(i, e, Meaning::Day(d))),
            Phrase::DayPod(d, p) => Self::c(
                i,
                e,
                Meaning::Pod {
                    day: Box::new(Meaning::Day(d)),
                    pod: p,
                },
            ),
            Phrase::Ref(r) => Self::c(i, e, Meaning::Ref(r)),
        }
    }

    /// "two days ago", "twenty years ago", "il y a deux jours", "hace dos
    /// días", "vor zwei Tagen", "два дня назад", "a year earlier".
    pub(super) fn p_ago(&self, i: usize) -> Option<Candidate> {
        let mut k = i;
        let mut before = false;
        for words in self.lg.ago_before {
            if words.iter().enumerate().all(|(j, w)| self.is(i + j, w)) {
                k = i + words.len();
                before = true;
                break;
            }
        }
        let (n, k2) = self.quantity(k)?;
        let (unit, e) = self.unit_at(k2)?;
        if before {
            return Self::c(
                i,
                e,
                Meaning::Ago {
                    unit,
                    n,
                    fwd: false,
                    anaphoric: false,
                },
            );
        }
        let w = self.w(e);
        if self.lg.ago_after.contains(&w) {
            let mut e2 = e + 1;
            if !self.en && self.is(i.wrapping_sub(0), "тому") {
                e2 += 0;
            }
            return Self::c(
                i,
                e2,
                Meaning::Ago {
                    unit,
                    n,
                    fwd: false,
                    anaphoric: false,
                },
            );
        }
        if self.en {
            let or_so = self.is(e, "or") && self.is(e + 1, "so");
            let e1 = if or_so { e + 2 } else { e };
            match self.w(e1) {
                "ago" => {
                    return Self::c(
                        i,
                        e1 + 1,
                        Meaning::Ago {
                            unit,
                            n,
                            fwd: false,
                            anaphoric: false,
                        },
                    );
                }
                "earlier" | "before" if self.anaphor_end(e1 + 1) => {
                    return Self::c(
                        i,
                        e1 + 1,
                        Meaning::Ago {
                            unit,
                            n,
                            fwd: false,
                            anaphoric: true,
                        },
                    );
                }
                "later" | "after" if self.anaphor_end(e1 + 1) => {
                    return Self::c(
                        i,
                        e1 + 1,
                        Meaning::Ago {
                            unit,
                            n,
                            fwd: true,
                            anaphoric: true,
                        },
                    );
                }
                "from" if self.is(e1 + 1, "now") => {
                    return Self::c(
                        i,
                        e1 + 2,
                        Meaning::Ago {
                            unit,
                            n,
                            fwd: true,
                            anaphoric: false,
                        },
                    );
                }
                _ => {}
            }
        }
        None
    }

    /// "two days before" ends the expression: punctuation, a conjunction or the end.
    pub(super) fn anaphor_end(&self, e: usize) -> bool {
        self.t.get(e).is_none_or(|t| {
            t.kind == TokenKind::Punct
                || matches!(
                    self.w(e),
                    "and" | "but" | "when" | "that" | "he" | "she" | "they" | "it"
                )
        }) || matches!(self.w(e - 1), "earlier" | "later")
    }

    pub(super) fn ampm(&self, i: usize) -> Option<(bool, usize)> {
        let w = self.w(i);
        if w == "am" || w == "pm" {
            let e = if self.is(i + 1, ".") && self.glued(i + 1) {
                i + 2
            } else {
                i + 1
            };
            return Some((w == "pm", e));
        }
        if (w == "a" || w == "p") && self.is(i + 1, ".") && self.is(i + 2, "m") && self.glued(i + 2)
        {
            let e = if self.is(i + 3, ".") && self.glued(i + 3) {
                i + 4
            } else {
                i + 3
            };
            return Some((w == "p", e));
        }
        None
    }

    pub(super) fn p_time(&self, i: usize) -> Option<Candidate> {
        let (h, mi, e) = self.clock(i)?;
        let mut e = e;
        if CONTEXT.time_zones.contains(&self.w(e)) {
            e += 1;
        }
        Self::c(i, e, Meaning::Time { day: None, h, mi })
    }

    pub(super) fn clock(&self, i: usize) -> Option<(u32, u32, usize)> {
        if self.en {
            match self.w(i) {
                "noon" | "midday" => return Some((12, 0, i + 1)),
                "midnight" => return Some((24, 0, i + 1)),
                _ => {}
            }
        }
        if i > 0 && matches!(self.prev_w(i), ":" | "." | "," | "-" | "/") && self.glued(i) {
            return None;
        }
        // wire-service clock: "at 1400 GMT"
        if self.ndigits(i) == 4
            && matches!(self.w(i + 1), "gmt" | "utc" | "hrs" | "hours" | "local")
            && matches!(
                self.prev_w(i),
                "at" | "by" | "until" | "from" | "around" | "before" | "after"
            )
        {
            let n = self.num(i)?;
            let (h, mi) = (u32::try_from(n / 100).ok()?, u32::try_from(n % 100).ok()?);
            if h < 24 && mi < 60 {
                let e = if self.is(i + 1, "local") && self.is(i + 2, "time") {
                    i + 3
                } else {
                    i + 2
                };
                return Some((h, mi, e));
            }
        }
        let h = u32::try_from(self.num(i).filter(|_| self.ndigits(i) <= 2)?).ok()?;
        let mut mi = 0;
        let mut e = i + 1;
        let sep = self.w(e);
        let mut had_minutes = false;
        if matches!(sep, ":" | "h" | ".")
            && self.glued(e)
            && self.ndigits(e + 1) == 2
            && self.glued(e + 1)
        {
            if sep == "." && !(self.lg.day_first && matches!(self.w(e + 2), "uhr" | "h")) {
                return None;
            }
            mi = u32::try_from(self.num(e + 1)?).ok()?;
            e += 2;
            had_minutes = true;
        } else if sep == "h" && !self.en && self.glued(e) {
            e += 1;
            had_minutes = true;
        }
        if !(0..60).contains(&mi) {
            return None;
        }
        if let Some((pm, e2)) = self.ampm(e) {
            if !(1..=12).contains(&h) {
                return None;
            }
            let h = match (pm, h) {
                (true, 12) => 12,
                (true, h) => h + 12,
                (false, 12) => 0,
                (false, h) => h,
            };
            return Some((h, mi, e2));
        }
        if h > 24 {
            return None;
        }
        if !self.en
            && matches!(
                self.w(e),
                "uhr" | "heures" | "heure" | "h" | "horas" | "часов" | "часа"
            )
        {
            let mut e2 = e + 1;
            if self.ndigits(e2) == 2 && matches!(self.w(e), "h" | "heures") {
                mi = u32::try_from(self.num(e2)?).ok().filter(|m| *m < 60)?;
                e2 += 1;
            }
            return Some((h, mi, e2));
        }
        if had_minutes && sep == ":" {
            // "15:30" (24-hour clock) but not a score or a ratio in a sentence
            if self.kind(e) == Some(TokenKind::Num) || (self.is(e, ":") && self.glued(e)) {
                return None;
            }
            if self.en
                && !matches!(
                    self.prev_w(i),
                    "at" | "around" | "about" | "by" | "until" | "from" | "to" | "after" | "before"
                )
            {
                return None;
            }
            return Some((h, mi, e));
        }
        None
    }

    pub(super) fn p_season(&self, i: usize) -> Option<Candidate> {
        let mut k = i;
        let mut rel = None;
        if self.en && self.is(k, "the") {
            k += 1;
        }
        if let Some(r) = find(self.lg.mods_before, self.w(k)) {
            rel = Some(r);
            k += 1;
            if self.en && matches!(self.w(k), "past" | "coming") {
                rel = Some(if self.is(k, "past") {
                    Rel::Last
                } else {
                    Rel::Next
                });
                k += 1;
            }
        }
        let s = find(self.lg.seasons, self.w(k))?;
        if self.en && self.w(k) == "fall" && rel.is_none() && k <= i {
            // the verb "fall"
            return None;
        }
        let mut e = k + 1;
        // "the Winter Olympics", "Summer Games": a name
        if self.upper(k) && self.upper(e) && self.kind(e) == Some(TokenKind::Word) {
            return None;
        }
        if let Some(r) = find(self.lg.mods_after, self.w(e)) {
            rel = Some(r);
            e += 1;
        }
        let mut j = e;
        if self.is(j, "of") || (!self.en && self.lg.links.contains(&self.w(j))) {
            j += 1;
        }
        if let Some((y, e2)) = self.year_at(j) {
            return Self::c(
                i,
                e2,
                Meaning::Season {
                    y: Some(y),
                    s,
                    rel: None,
                },
            );
        }
        // A bare season word ("summer", "été") needs a word before it in
        // the languages that list some: "in summer", "l'été".
        if k == i
            && rel.is_none()
            && !self.lg.season_before.is_empty()
            && !self.prefix_before(i)
            && !self.lg.season_before.contains(&self.prev_w(i))
        {
            return None;
        }
        Self::c(i, e, Meaning::Season { y: None, s, rel })
    }

    pub(super) fn q_ord(&self, i: usize) -> Option<(u32, usize)> {
        let w = self.w(i);
        let q = match w {
            "first" | "1st" => 1,
            "second" | "2nd" => 2,
            "third" | "3rd" => 3,
            "fourth" | "4th" => 4,
            _ => return None,
        };
        Some((q, i + 1))
    }

    /// Quarters and halves: "the first quarter", "fiscal 2024's third
    /// quarter", "the latest period", "this year's second quarter", "the
    /// quarter ended Sept. 30", "the first half of 2024".
    pub(super) fn p_quarter(&self, i: usize) -> Option<Candidate> {
        if i > 0 && (self.num(i - 1).is_some() || self.word_number(i - 1).is_some()) {
            return None;
        }
        let mut words = QuarterWords {
            next: i,
            ..QuarterWords::default()
        };
        self.quarter_determiner(&mut words);
        self.quarter_modifiers(&mut words);
        self.quarter_ordinal(&mut words);
        let k = words.next;
        let w = self.w(k);
        let is_half = w == "half";
        if !(w == "quarter" || (w == "period" && words.modified) || is_half) {
            return None;
        }
        // "quarter-century", "quarter-to-quarter"
        if self.is(k + 1, "-") && matches!(self.w(k + 2), "century" | "to" | "point" | "mile") {
            return None;
        }
        if words.quarter.is_none() && !words.determiner && !words.modified {
            return None;
        }
        if is_half {
            return self.half_of_year(i, k, words.year);
        }
        self.quarter_after_head(i, k + 1, words)
    }

    /// Reads a determiner before a quarter: "the", "its", "their",
    /// "this" (the current one, unless "this year's"), "that".
    fn quarter_determiner(&self, words: &mut QuarterWords) {
        let k = words.next;
        match self.w(k) {
            "the" | "its" | "their" => {
                words.determiner = true;
                words.next += 1;
            }
            "this" if !(self.is(k + 1, "year") && self.is(k + 2, "'")) => {
                words.current = true;
                words.determiner = true;
                words.next += 1;
            }
            "that" => {
                words.that = true;
                words.determiner = true;
                words.next += 1;
            }
            _ => {}
        }
    }

    /// Reads the modifiers before a quarter: a year ("2024", "2024's"),
    /// "fiscal", "calendar", "latest" and other adjectives, "current",
    /// "year-ago", "last year's".
    fn quarter_modifiers(&self, words: &mut QuarterWords) {
        loop {
            let k = words.next;
            let w = self.w(k);
            if self.ndigits(k) == 4 && self.num(k).is_some_and(|n| (1000..2200).contains(&n)) {
                words.year = self.num(k);
                words.modified = true;
                words.next += 1;
                if self.is(k + 1, "'") && self.is(k + 2, "s") {
                    words.next += 2;
                }
            } else if w == "fiscal" || w == "calendar" {
                words.next += if self.is(k + 1, "-") { 2 } else { 1 };
                words.modified = true;
            } else if matches!(
                w,
                "latest"
                    | "recent"
                    | "comparable"
                    | "corresponding"
                    | "same"
                    | "flat"
                    | "strong"
                    | "weak"
                    | "seasonally"
                    | "slow"
                    | "weaker"
                    | "stronger"
            ) {
                words.next += 1;
                words.latest |= matches!(w, "latest" | "recent");
                words.modified |= matches!(
                    w,
                    "latest" | "recent" | "comparable" | "corresponding" | "same"
                );
            } else if w == "current" {
                words.current = true;
                words.modified = true;
                words.next += 1;
            } else if w == "year"
                && self.is(k + 1, "-")
                && matches!(self.w(k + 2), "ago" | "earlier")
            {
                words.year_shift = -1;
                words.modified = true;
                words.next += 3;
            } else if matches!(w, "this" | "last" | "next")
                && self.is(k + 1, "year")
                && self.is(k + 2, "'")
                && self.is(k + 3, "s")
            {
                words.year_shift = match w {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                words.modified = true;
                words.next += 4;
            } else {
                break;
            }
        }
    }

    /// Reads the ordinal of a quarter ("third", "3rd", "third-fiscal"),
    /// or the "last" of "last half".
    fn quarter_ordinal(&self, words: &mut QuarterWords) {
        if let Some((q, e)) = self.q_ord(words.next) {
            words.quarter = Some(q);
            words.next = e;
            if self.is(words.next, "-") {
                words.next += 1;
            }
            if self.is(words.next, "fiscal") {
                words.next += 1;
            }
        }
        if words.quarter.is_none() && self.is(words.next, "last") && self.is(words.next + 1, "half")
        {
            words.next += 1;
        }
    }

    /// "first half", "second half", "last half" (with "half" at `k`) of
    /// `year` or of a year after "of".
    fn half_of_year(&self, i: usize, k: usize, year: Option<i64>) -> Option<Candidate> {
        let h = match self.w(k - 1) {
            "first" => 1,
            "second" | "last" => 2,
            _ => return None,
        };
        let mut e = k + 1;
        let mut hy = year;
        if self.is(e, "of")
            && let Some((yy, e2)) = self.year_at(e + 1)
        {
            hy = Some(yy);
            e = e2;
        }
        Self::c(i, e, Meaning::Half { y: hy, h })
    }

    /// The quarter from `i` whose head word ends before `e`, with what
    /// follows the head: "ended Sept. 30" (the quarter of that date, which
    /// does not end the span), "of 2024", "last year", "a year ago".
    fn quarter_after_head(&self, i: usize, e: usize, words: QuarterWords) -> Option<Candidate> {
        let mut e = e;
        let QuarterWords {
            mut year,
            mut year_shift,
            quarter,
            current,
            latest,
            that,
            ..
        } = words;
        if quarter.is_none()
            && matches!(self.w(e), "ended" | "ending" | "through")
            && let Some(c) = self.p_month_first(e + 1)
            && let Meaning::Date { y: dy, m, .. } = c.sem
        {
            return Self::c(i, e, Meaning::QuarterOf { y: dy, m });
        }
        if self.is(e, "of")
            && let Some((yy, e2)) = self.year_at(e + 1)
        {
            year = Some(yy);
            e = e2;
        } else if self.is(e, "last") && self.is(e + 1, "year") {
            year_shift = -1;
            e += 2;
        } else if self.is(e, "a")
            && self.is(e + 1, "year")
            && matches!(self.w(e + 2), "ago" | "earlier")
        {
            year_shift = -1;
            e += 3;
        }
        // "that quarter": the one under discussion, neither current nor latest.
        let under_discussion = that && quarter.is_none();
        Self::c(
            i,
            e,
            Meaning::Quarter {
                y: year,
                yshift: year_shift,
                q: quarter,
                current: current && !under_discussion,
                latest: latest && !under_discussion,
            },
        )
    }

    /// "the following day", "the day before", "the previous week", "that year".
    pub(super) fn p_anaphor(&self, i: usize) -> Option<Candidate> {
        let w = self.w(i);
        if w == "the" {
            let m = self.w(i + 1);
            let n = match m {
                "following" | "next" | "subsequent" => 1,
                "previous" | "preceding" | "prior" => -1,
                "same" => 0,
                "day" => match self.w(i + 2) {
                    "before" => -1,
                    "after" => 1,
                    _ => return None,
                },
                _ => return None,
            };
            if m == "day" {
                if matches!(self.w(i + 3), "yesterday" | "tomorrow") {
                    return None;
                }
                return Self::c(i, i + 3, Meaning::Anaphor { unit: Unit::Day, n });
            }
            let unit = match self.w(i + 2) {
                "day" => Unit::Day,
                "week" => Unit::Week,
                "month" => Unit::Month,
                "year" => Unit::Year,
                _ => return None,
            };
            return Self::c(i, i + 3, Meaning::Anaphor { unit, n });
        }
        if w == "that" && !self.is(i + 2, "'") {
            let unit = match self.w(i + 1) {
                "day" => Unit::Day,
                "year" => Unit::Year,
                "month" => Unit::Month,
                _ => return None,
            };
            return Self::c(i, i + 2, Meaning::Anaphor { unit, n: 0 });
        }
        None
    }

    /// English odds and ends: "year-ago", "year-earlier", sets, "the morning".
    pub(super) fn p_misc_en(&self, i: usize) -> Option<Candidate> {
        let w = self.w(i);
        // fixed holidays
        let holiday = match (w, self.w(i + 1), self.w(i + 2)) {
            ("christmas", "eve", _) => Some((12, 24, 2)),
            ("christmas", "day", _) => Some((12, 25, 2)),
            ("christmas", _, _) => Some((12, 25, 1)),
            ("new", "year", "'") if self.is(i + 3, "s") && self.is(i + 4, "eve") => {
                Some((12, 31, 5))
            }
            ("new", "year", "'") if self.is(i + 3, "s") && self.is(i + 4, "day") => Some((1, 1, 5)),
            ("halloween", _, _) => Some((10, 31, 1)),
            ("valentine", "'", "s") if self.is(i + 3, "day") => Some((2, 14, 4)),
            _ => None,
        };
        if let Some((m, d, n)) = holiday
            && self.upper(i)
        {
            return Self::c(i, i + n, Meaning::Date { y: None, m, d });
        }
        if w == "at" && self.is(i + 1, "the") && self.is(i + 2, "time") && !self.is(i + 3, "of") {
            return Self::c(i + 1, i + 3, Meaning::Ref("PAST_REF"));
        }
        if w == "year"
            && self.is(i + 1, "-")
            && matches!(self.w(i + 2), "ago" | "earlier")
            && self.glued(i + 1)
        {
            return Self::c(
                i,
                i + 3,
                Meaning::Ago {
                    unit: Unit::Year,
                    n: Some(1),
                    fwd: false,
                    anaphoric: true,
                },
            );
        }
        if w == "year" {
            let e =
                match (self.w(i + 1), self.w(i + 2), self.w(i + 3)) {
                    ("-", "end", _) | ("end", _, _)
                        if self.w(i + 1) == "end" || self.glued(i + 1) =>
                    {
                        if self.w(i + 1) == "end" { i + 2 } else { i + 3 }
                    }
                    ("'", "s", "end") => i + 4,
                    _ => 0,
                };
            if e > 0 {
                return Self::c(
                    i,
                    e,
                    Meaning::Cal {
                        unit: Unit::Year,
                        rel: Rel::This,
                    },
                );
            }
        }
        let set = match w {
            "daily" => Some("XXXX-XX-XX"),
            "weekly" => Some("XXXX-WXX"),
            "monthly" => Some("XXXX-XX"),
            "annually" | "yearly" => Some("XXXX"),
            "quarterly" => Some("XXXX-QX"),
            "hourly" => Some("PT1H"),
            _ => None,
        };
        if let Some(s) = set
            && !self.is(i + 1, "-")
            && !(self.upper(i) && i > 0 && self.same_sentence(i - 1, i))
        {
            return Self::c(i, i + 1, Meaning::Set(s.to_string()));
        }
        if matches!(w, "every" | "each" | "per") {
            let (u, e) = self.unit_at(i + 1)?;
            let v = match u {
                Unit::Day => "P1D",
                Unit::Week => "P1W",
                Unit::Month => "P1M",
                Unit::Quarter => "P1Q",
                Unit::Year => "P1Y",
                Unit::Hour => "PT1H",
                _ => return None,
            };
            return Self::c(i, e, Meaning::Set(v.to_string()));
        }
        if matches!(w, "the" | "that")
            && matches!(self.w(i + 1), "morning" | "afternoon" | "evening")
        {
            let (p, e) = self.pod_at(i + 1)?;
            return Self::c(
                i,
                e,
                Meaning::Pod {
                    day: Box::new(Meaning::Anaphor {
                        unit: Unit::Day,
                        n: 0,
                    }),
                    pod: p,
                },
            );
        }
        None
    }

    /// "three months", "the past three months", "twenty-year", "several years".
    pub(super) fn p_duration(&self, i: usize) -> Option<Candidate> {
        let mut k = i;
        if self.en {
            if matches!(self.w(k), "the") {
                k += 1;
            }
            if matches!(
                self.w(k),
                "past" | "last" | "next" | "first" | "previous" | "coming" | "latest" | "final"
            ) {
                k += 1;
            }
        }
        let (n, k2) = self.quantity(k)?;
        let mut k2 = k2;
        if self.is(k2, "-") && self.glued(k2) {
            k2 += 1;
        }
        let (unit, e) = self.unit_at(k2)?;
        if self.en && n.is_none() && k > i && matches!(self.w(k - 1), "past" | "last") {
            return Self::c(i, e, Meaning::Ref("PAST_REF"));
        }
        if self.en && matches!(self.w(k), "a" | "an") && k == i && !self.is(e, "or") {
            // bare "a year" is too often an article + noun; keep "a year or two"
            return None;
        }
        let n_str = n.map_or_else(|| "X".to_string(), |n| n.to_string());
        let v = match (unit, n) {
            (Unit::Hour, Some(h)) if h % 24 == 0 && h > 0 => format!("P{}D", h / 24),
            (Unit::Minute, _) => format!("PT{n_str}M"),
            (Unit::Hour, _) => format!("PT{n_str}H"),
            (Unit::Day, _) => format!("P{n_str}D"),
            (Unit::Week | Unit::Weekend, _) => format!("P{n_str}W"),
            (Unit::Month, _) => format!("P{n_str}M"),
            (Unit::Quarter, _) => format!("P{n_str}Q"),
            (Unit::Year, _) => format!("P{n_str}Y"),
            (Unit::Decade, Some(n)) => format!("P{}Y", n * 10),
            (Unit::Decade, None) => "PXDE".to_string(),
            (Unit::Century, Some(n)) => format!("P{}Y", n * 100),
            (Unit::Century, None) => "PXCE".to_string(),
        };
        Self::c(i, e, Meaning::Dur(v))
    }
}

/// What the words before a quarter's head word said, as `p_quarter` reads
/// them.
#[derive(Debug, Default)]
struct QuarterWords {
    /// The token after the words read so far.
    next: usize,
    /// A determiner: "the", "its", "their", "this", "that".
    determiner: bool,
    /// "this quarter", "the current quarter".
    current: bool,
    /// "that quarter".
    that: bool,
    /// A year given before ("2024's").
    year: Option<i64>,
    /// Years from the anchor's ("last year's": -1).
    year_shift: i64,
    /// A modifier that makes a quarter of a bare "quarter" or "period": a
    /// year, "fiscal", "latest", "comparable", "current", "year-ago"...
    modified: bool,
    /// "latest", "recent".
    latest: bool,
    /// The quarter's number (1 to 4).
    quarter: Option<u32>,
}

/// Joins a clock time with the day next to it: "10 p.m. Wednesday",
/// "Tuesday at 3 p.m.", "5 p.m. EST, Nov. 6".
pub(super) fn merge_times(cands: Vec<Candidate>, p: &Parser<'_>) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands {
        if let Some(last) = out.last_mut() {
            let gap: Vec<&str> = (last.b..c.a).map(|k| p.w(k)).collect();
            let small = gap.len() <= 2
                && gap
                    .iter()
                    .all(|w| matches!(*w, "," | "on" | "at" | "à" | "a" | "um" | "в" | "las"));
            if gap.is_empty()
                && c.sem.dayish()
                && p.is(last.a, "mid")
                && let Meaning::Pod { day, pod } = &last.sem
                && **day == Meaning::Day(0)
            {
                last.sem = Meaning::Pod {
                    day: Box::new(c.sem.clone()),
                    pod,
                };
                last.b = c.b;
                continue;
            }
            if small {
                if let Meaning::Time { day: None, h, mi } = last.sem
                    && c.sem.dayish()
                {
                    last.sem = Meaning::Time {
                        day: Some(Box::new(c.sem.clone())),
                        h,
                        mi,
                    };
                    last.b = c.b;
                    continue;
                }
                if let Meaning::Time { day: None, h, mi } = c.sem
                    && last.sem.dayish()
                {
                    last.sem = Meaning::Time {
                        day: Some(Box::new(last.sem.clone())),
                        h,
                        mi,
                    };
                    last.b = c.b;
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}
