//! Resolution of recognised expressions against the anchor, the clause
//! tense and the dates mentioned before.

use super::calendar::{
    Value, add_months, civil_from_days, days_from_civil, days_in_month, valid_ymd, weekday,
};
use super::parse::{Candidate, Meaning, Parser, Tense};
use super::tables::{Rel, Unit};

// -------------------------------------------------------------- resolution

pub(super) struct Resolver<'a> {
    pub(super) p: &'a Parser<'a>,
    pub(super) anchor: Option<i64>,
    pub(super) ay: i64,
    pub(super) am: u32,
    /// Last day-precision value and its sentence.
    pub(super) refd: Option<i64>,
    pub(super) refm: Option<(i64, u32)>,
    pub(super) refy: Option<i64>,
    /// Last quarter mentioned and its sentence.
    pub(super) last_q: Option<(i64, u32, usize)>,
    /// Last dated value per sentence, for "a year earlier".
    pub(super) sent_val: Option<(usize, Value)>,
}

impl Resolver<'_> {
    pub(super) fn resolve(&mut self, c: &Candidate) -> Option<Value> {
        let tense = self.p.tense(c.a, c.b);
        let sent = self.p.sent.get(c.a).copied().unwrap_or(0);
        let v = self.value_of(&c.sem, tense, sent)?;
        if !matches!(c.sem, Meaning::Anaphor { .. }) {
            match v {
                Value::Day(z) | Value::DayPod(z, _) | Value::DayTime(z, _, _) => {
                    let (y, m, _) = civil_from_days(z);
                    self.refd = Some(z);
                    self.refm = Some((y, m));
                    self.refy = Some(y);
                }
                Value::Month(y, m) => {
                    self.refm = Some((y, m));
                    self.refy = Some(y);
                }
                Value::Year(y) => self.refy = Some(y),
                _ => {}
            }
        }
        if let (
            Value::Quarter(y, q),
            Meaning::Quarter {
                yshift: 0,
                q: Some(_),
                ..
            }
            | Meaning::QuarterOf { .. },
        ) = (&v, &c.sem)
            && (*y == self.ay || self.anchor.is_none())
        {
            self.last_q = Some((*y, *q, sent));
        }
        if matches!(
            v,
            Value::Day(_) | Value::Month(..) | Value::DayPod(..) | Value::DayTime(..)
        ) {
            self.sent_val = Some((sent, v.clone()));
        }
        Some(v)
    }

    /// The value of a meaning, given the clause tense and the sentence it
    /// is in.
    pub(super) fn value_of(&self, s: &Meaning, tense: Tense, sent: usize) -> Option<Value> {
        let anchor = self.anchor;
        match s {
            Meaning::Invalid => None,
            Meaning::Ref(r) => Some(Value::Text((*r).to_string())),
            Meaning::Dur(d) | Meaning::Set(d) => Some(Value::Text(d.clone())),
            Meaning::Year(y) => Some(Value::Year(*y)),
            Meaning::Decade(d) => Some(Value::Decade(*d)),
            Meaning::Century(c) => Some(Value::Century(*c)),
            Meaning::Half { y, h } => Some(Value::Half(y.or(anchor.map(|_| self.ay))?, *h)),
            Meaning::Date { y: Some(y), m, d } => {
                valid_ymd(*y, *m, *d).then(|| Value::Day(days_from_civil(*y, *m, *d)))
            }
            Meaning::Date { y: None, m, d } => self.yearless_date(*m, *d, tense),
            Meaning::Month { y: Some(y), m, .. } => Some(Value::Month(*y, *m)),
            Meaning::Month { y: None, m, rel } => self.yearless_month(*m, *rel, tense),
            Meaning::Weekday { wd, rel, anaphoric } => {
                self.weekday_value(*wd, *rel, *anaphoric, tense)
            }
            Meaning::Day(d) => Some(Value::Day(anchor? + d)),
            Meaning::Pod { day, pod } => {
                let z = self.value_of(day, tense, sent)?.day()?;
                Some(Value::DayPod(z, pod))
            }
            Meaning::Time { day, h, mi } => {
                let z = match day {
                    Some(d) => self.value_of(d, tense, sent)?.day()?,
                    None => anchor?,
                };
                Some(Value::DayTime(z, *h, *mi))
            }
            Meaning::Cal { unit, rel } => {
                let a = anchor?;
                let n = match rel {
                    Rel::Last => -1,
                    Rel::Next => 1,
                    Rel::This => 0,
                };
                self.shift(a, *unit, n, tense)
            }
            Meaning::Ago {
                unit,
                n,
                fwd,
                anaphoric,
            } => self.ago_value(*unit, *n, *fwd, *anaphoric, sent),
            Meaning::Anaphor { unit, n } => self.anaphor_value(*unit, *n),
            Meaning::MonthRel { m, n } => {
                anchor?;
                Some(Value::Month(self.ay + n, *m))
            }
            Meaning::Season { y: Some(y), s, .. } => Some(Value::Season(*y, *s)),
            Meaning::Season { y: None, s, rel } => self.yearless_season(*s, *rel, tense),
            Meaning::QuarterOf { y, m } => {
                let q = (m.saturating_sub(1)) / 3 + 1;
                let y = match y {
                    Some(y) => *y,
                    None => {
                        anchor?;
                        if *m > self.am { self.ay - 1 } else { self.ay }
                    }
                };
                Some(Value::Quarter(y, q))
            }
            Meaning::Quarter {
                y,
                yshift,
                q,
                current,
                latest,
            } => self.quarter_value(*y, *yshift, *q, *current, *latest),
        }
    }

    /// Day `d` of month `m` without a year: the anchor's year, or the
    /// year before or after when the tense says so (a past date more than
    /// two months ahead is last year's); with no tense, the nearest.
    fn yearless_date(&self, m: u32, d: u32, tense: Tense) -> Option<Value> {
        let a = self.anchor?;
        let cands: Vec<i64> = [self.ay - 1, self.ay, self.ay + 1]
            .iter()
            .filter(|y| valid_ymd(**y, m, d))
            .map(|y| days_from_civil(*y, m, d))
            .collect();
        let same = valid_ymd(self.ay, m, d).then(|| days_from_civil(self.ay, m, d));
        let pick = match (tense, same) {
            (Tense::Past, Some(z)) if z > a + 60 => {
                cands.iter().copied().filter(|z| *z <= a + 1).max()
            }
            (Tense::Future, Some(z)) if z < a - 60 => {
                cands.iter().copied().filter(|z| *z >= a - 1).min()
            }
            (Tense::Past | Tense::Future, Some(z)) => Some(z),
            _ => cands.iter().copied().min_by_key(|z| (z - a).abs()),
        };
        pick.map(Value::Day)
    }

    /// Month `m` without a year: the last or next one, or by the tense
    /// the anchor's year or the one before or after.
    fn yearless_month(&self, m: u32, rel: Option<Rel>, tense: Tense) -> Option<Value> {
        self.anchor?;
        let y = match rel {
            Some(Rel::Last) => {
                if m < self.am {
                    self.ay
                } else {
                    self.ay - 1
                }
            }
            Some(Rel::Next) => {
                if m > self.am {
                    self.ay
                } else {
                    self.ay + 1
                }
            }
            Some(Rel::This) => self.ay,
            None => match tense {
                Tense::Past if m > self.am + 1 => self.ay - 1,
                Tense::Unknown if m > self.am + 2 => self.ay - 1,
                Tense::Future if m < self.am => self.ay + 1,
                _ => self.ay,
            },
        };
        Some(Value::Month(y, m))
    }

    /// Weekday `wd` (0 Monday) before or after the anchor (or, when
    /// `anaphoric`, the last date mentioned): the last or next one, else
    /// by the tense.
    fn weekday_value(
        &self,
        wd: i64,
        rel: Option<Rel>,
        anaphoric: bool,
        tense: Tense,
    ) -> Option<Value> {
        let a = if anaphoric {
            self.refd.or(self.anchor)?
        } else {
            self.anchor?
        };
        let aw = weekday(a);
        let back = (aw - wd).rem_euclid(7);
        let fwd = (wd - aw).rem_euclid(7);
        let off = match rel {
            Some(Rel::Last) => {
                if back == 0 {
                    -7
                } else {
                    -back
                }
            }
            Some(Rel::Next) => {
                if fwd == 0 {
                    7
                } else {
                    fwd
                }
            }
            _ if tense == Tense::Future => fwd,
            _ => -back,
        };
        Some(Value::Day(a + off))
    }

    /// `n` units before (`fwd` false) or after the anchor, or the last date
    /// mentioned when `anaphoric`: "two years ago", "a year earlier" (a
    /// quarter under discussion shifts by a year), "three weeks later";
    /// without `n` a vague past or future reference.
    fn ago_value(
        &self,
        unit: Unit,
        n: Option<i64>,
        fwd: bool,
        anaphoric: bool,
        sent: usize,
    ) -> Option<Value> {
        let anchor = self.anchor;
        let Some(n) = n else {
            anchor?;
            return Some(Value::Text(
                if fwd { "FUTURE_REF" } else { "PAST_REF" }.to_string(),
            ));
        };
        let n = if fwd { n } else { -n };
        if unit == Unit::Year
            && let Some(v) = self.year_shift_of_discussed(n, anaphoric, sent)
        {
            return Some(v);
        }
        let base = if anaphoric {
            self.refd.or(anchor)
        } else {
            anchor
        };
        let base = match (unit, anaphoric) {
            // "two years later": from the year last mentioned; "a year earlier" in
            // news compares with the anchor's year
            (Unit::Year, true) if n.abs() >= 2 => {
                self.refy.map_or(anchor, |y| Some(days_from_civil(y, 7, 1)))
            }
            (Unit::Year, true) => anchor,
            _ => base,
        };
        if unit == Unit::Decade {
            let (y, _, _) = civil_from_days(base?);
            return Some(Value::Year(y + 10 * n));
        }
        if unit == Unit::Week {
            return Some(Value::Day(base? + 7 * n));
        }
        self.shift(base?, unit, n, Tense::Unknown)
    }

    /// `n` years (signed) from what the text is discussing: the quarter
    /// mentioned in the same sentence ("a year earlier"), the date of the
    /// same sentence when `anaphoric`, a past quarter mentioned lately.
    /// `None` when none applies.
    fn year_shift_of_discussed(&self, n: i64, anaphoric: bool, sent: usize) -> Option<Value> {
        if n == -1
            && let Some((y, q, qs)) = self.last_q
            && qs == sent
        {
            return Some(Value::Quarter(y - 1, q));
        }
        if anaphoric {
            // same-sentence date, else the quarter under discussion
            if let Some((s, v)) = &self.sent_val
                && *s == sent
            {
                return match v {
                    Value::Day(z) => {
                        let (y, m, d) = civil_from_days(*z);
                        let d = d.min(days_in_month(y + n, m));
                        Some(Value::Day(days_from_civil(y + n, m, d)))
                    }
                    Value::Month(y, m) => Some(Value::Month(y + n, *m)),
                    _ => Some(Value::Year(self.ay + n)),
                };
            }
        }
        if n.abs() == 1
            && let Some((y, q, qs)) = self.last_q
            && sent <= qs + 12
            && (y, q) <= self.previous_quarter()
        {
            return Some(Value::Quarter(y + n, q));
        }
        None
    }

    /// `n` units from the last date, month or year mentioned (else the
    /// anchor): "the following day", "that year".
    fn anaphor_value(&self, unit: Unit, n: i64) -> Option<Value> {
        let anchor = self.anchor;
        match unit {
            Unit::Month if self.refm.is_some() || anchor.is_some() => {
                let (y, m) = self.refm.unwrap_or((self.ay, self.am));
                let (y, m) = add_months(y, m, n);
                Some(Value::Month(y, m))
            }
            Unit::Year if self.refy.is_some() || anchor.is_some() => {
                Some(Value::Year(self.refy.unwrap_or(self.ay) + n))
            }
            _ => {
                let base = self.refd.or(anchor)?;
                self.shift(base, unit, n, Tense::Unknown)
            }
        }
    }

    /// Season `s` (0 spring) without a year: the last or next one, else
    /// by the tense the anchor's year or the one before or after.
    fn yearless_season(&self, s: u32, rel: Option<Rel>, tense: Tense) -> Option<Value> {
        self.anchor?;
        let cur = match self.am {
            3..=5 => 0,
            6..=8 => 1,
            9..=11 => 2,
            _ => 3,
        };
        let sy = if self.am <= 2 { self.ay - 1 } else { self.ay };
        let starts = [3u32, 6, 9, 12];
        let y = match rel {
            Some(Rel::Last) => {
                if s < cur {
                    sy
                } else {
                    sy - 1
                }
            }
            Some(Rel::Next) => {
                if s > cur {
                    sy
                } else {
                    sy + 1
                }
            }
            Some(Rel::This) => self.ay,
            None => {
                let st = starts.get(s as usize).copied().unwrap_or(3);
                match tense {
                    Tense::Past if st > self.am && !(cur == 3 && s == 3) => self.ay - 1,
                    Tense::Future if st + 2 < self.am => self.ay + 1,
                    _ => self.ay,
                }
            }
        };
        Some(Value::Season(y, s))
    }

    /// A quarter: quarter `q` of year `y` (else of the anchor's year
    /// shifted by `yshift`); without `q` the current quarter, or the one
    /// under discussion, or the last complete one.
    fn quarter_value(
        &self,
        y: Option<i64>,
        yshift: i64,
        q: Option<u32>,
        current: bool,
        latest: bool,
    ) -> Option<Value> {
        let anchor = self.anchor;
        if let Some(q) = q {
            let base = match y {
                Some(y) => y,
                None => {
                    anchor?;
                    self.ay + yshift
                }
            };
            return Some(Value::Quarter(base, q));
        }
        if current {
            anchor?;
            return Some(Value::Quarter(self.ay, self.anchor_quarter()));
        }
        let prev_q = self.previous_quarter();
        let (ry, rq) = match self.last_q {
            Some((yy, qq, _)) if (yy, qq) <= prev_q || (!latest && self.anchor.is_none()) => {
                (yy, qq)
            }
            _ => {
                anchor?;
                prev_q
            }
        };
        Some(Value::Quarter(y.unwrap_or(ry + yshift), rq))
    }

    /// The quarter (1 to 4) of the anchor's month.
    fn anchor_quarter(&self) -> u32 {
        (self.am.saturating_sub(1)) / 3 + 1
    }

    /// The last complete quarter before the anchor's: year and quarter.
    fn previous_quarter(&self) -> (i64, u32) {
        let aq = self.anchor_quarter();
        if aq == 1 {
            (self.ay - 1, 4)
        } else {
            (self.ay, aq - 1)
        }
    }

    /// The calendar unit `n` steps from day `a`.
    pub(super) fn shift(&self, a: i64, unit: Unit, n: i64, tense: Tense) -> Option<Value> {
        let (y, m, d) = civil_from_days(a);
        Some(match unit {
            Unit::Minute | Unit::Hour => Value::Day(a),
            Unit::Day => Value::Day(a + n),
            Unit::Week => {
                if n == 0 {
                    Value::Week(a)
                } else {
                    Value::Week(a + 7 * n)
                }
            }
            Unit::Weekend => {
                let wd = weekday(a);
                let sat = match n {
                    0 => {
                        if tense == Tense::Future || wd == 5 || wd == 6 {
                            a + (5 - wd)
                        } else {
                            a - wd - 2
                        }
                    }
                    _ if n < 0 => {
                        let back = (wd - 5).rem_euclid(7);
                        a - back - if back <= 1 { 7 } else { 0 }
                    }
                    _ => a + (5 - wd).rem_euclid(7) + if wd == 5 || wd == 6 { 7 } else { 0 },
                };
                Value::Weekend(sat)
            }
            Unit::Month => {
                let (yy, mm) = add_months(y, m, n);
                let _ = d;
                Value::Month(yy, mm)
            }
            Unit::Quarter => {
                let q0 = y * 4 + i64::from((m - 1) / 3) + n;
                Value::Quarter(q0.div_euclid(4), (q0.rem_euclid(4) + 1) as u32)
            }
            Unit::Year => Value::Year(y + n),
            Unit::Decade => Value::Decade(y.div_euclid(10) + n),
            Unit::Century => Value::Century(y.div_euclid(100) + n),
        })
    }
}
