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
        let v = self.sem(&c.sem, tense, sent)?;
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

    pub(super) fn sem(&self, s: &Meaning, tense: Tense, sent: usize) -> Option<Value> {
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
            Meaning::Date { y: None, m, d } => {
                let a = anchor?;
                let cands: Vec<i64> = [self.ay - 1, self.ay, self.ay + 1]
                    .iter()
                    .filter(|y| valid_ymd(**y, *m, *d))
                    .map(|y| days_from_civil(*y, *m, *d))
                    .collect();
                let same = valid_ymd(self.ay, *m, *d).then(|| days_from_civil(self.ay, *m, *d));
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
            Meaning::Month { y: Some(y), m, .. } => Some(Value::Month(*y, *m)),
            Meaning::Month { y: None, m, rel } => {
                anchor?;
                let y = match rel {
                    Some(Rel::Last) => {
                        if *m < self.am {
                            self.ay
                        } else {
                            self.ay - 1
                        }
                    }
                    Some(Rel::Next) => {
                        if *m > self.am {
                            self.ay
                        } else {
                            self.ay + 1
                        }
                    }
                    Some(Rel::This) => self.ay,
                    None => match tense {
                        Tense::Past if *m > self.am + 1 => self.ay - 1,
                        Tense::Unknown if *m > self.am + 2 => self.ay - 1,
                        Tense::Future if *m < self.am => self.ay + 1,
                        _ => self.ay,
                    },
                };
                Some(Value::Month(y, *m))
            }
            Meaning::Weekday { wd, rel, anaphoric } => {
                let a = if *anaphoric {
                    self.refd.or(anchor)?
                } else {
                    anchor?
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
            Meaning::Day(d) => Some(Value::Day(anchor? + d)),
            Meaning::Pod { day, pod } => {
                let z = self.sem(day, tense, sent)?.day()?;
                Some(Value::DayPod(z, pod))
            }
            Meaning::Time { day, h, mi } => {
                let z = match day {
                    Some(d) => self.sem(d, tense, sent)?.day()?,
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
            } => {
                let Some(n) = n else {
                    anchor?;
                    return Some(Value::Text(
                        if *fwd { "FUTURE_REF" } else { "PAST_REF" }.to_string(),
                    ));
                };
                let n = if *fwd { *n } else { -*n };
                if *unit == Unit::Year
                    && n == -1
                    && let Some((y, q, qs)) = self.last_q
                    && qs == sent
                {
                    return Some(Value::Quarter(y - 1, q));
                }
                if *unit == Unit::Year && *anaphoric {
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
                if *unit == Unit::Year && n.abs() == 1 {
                    let aq = (self.am.saturating_sub(1)) / 3 + 1;
                    let prev_q = if aq == 1 {
                        (self.ay - 1, 4)
                    } else {
                        (self.ay, aq - 1)
                    };
                    if let Some((y, q, qs)) = self.last_q
                        && sent <= qs + 12
                        && (y, q) <= prev_q
                    {
                        return Some(Value::Quarter(y + n, q));
                    }
                }
                let base = if *anaphoric {
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
                if *unit == Unit::Decade {
                    let (y, _, _) = civil_from_days(base?);
                    return Some(Value::Year(y + 10 * n));
                }
                if *unit == Unit::Week {
                    return Some(Value::Day(base? + 7 * n));
                }
                self.shift(base?, *unit, n, Tense::Unknown)
            }
            Meaning::Anaphor { unit, n } => match unit {
                Unit::Month if self.refm.is_some() || anchor.is_some() => {
                    let (y, m) = self.refm.unwrap_or((self.ay, self.am));
                    let (y, m) = add_months(y, m, *n);
                    Some(Value::Month(y, m))
                }
                Unit::Year if self.refy.is_some() || anchor.is_some() => {
                    Some(Value::Year(self.refy.unwrap_or(self.ay) + n))
                }
                _ => {
                    let base = self.refd.or(anchor)?;
                    self.shift(base, *unit, *n, Tense::Unknown)
                }
            },
            Meaning::MonthRel { m, n } => {
                anchor?;
                Some(Value::Month(self.ay + n, *m))
            }
            Meaning::Season { y: Some(y), s, .. } => Some(Value::Season(*y, *s)),
            Meaning::Season { y: None, s, rel } => {
                anchor?;
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
                        if *s < cur {
                            sy
                        } else {
                            sy - 1
                        }
                    }
                    Some(Rel::Next) => {
                        if *s > cur {
                            sy
                        } else {
                            sy + 1
                        }
                    }
                    Some(Rel::This) => self.ay,
                    None => {
                        let st = starts.get(*s as usize).copied().unwrap_or(3);
                        match tense {
                            Tense::Past if st > self.am && !(cur == 3 && *s == 3) => self.ay - 1,
                            Tense::Future if st + 2 < self.am => self.ay + 1,
                            _ => self.ay,
                        }
                    }
                };
                Some(Value::Season(y, *s))
            }
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
            } => {
                let aq = (self.am.saturating_sub(1)) / 3 + 1;
                let prev_q = if aq == 1 {
                    (self.ay - 1, 4)
                } else {
                    (self.ay, aq - 1)
                };
                match q {
                    Some(q) => {
                        let base = match y {
                            Some(y) => *y,
                            None => {
                                anchor?;
                                self.ay + yshift
                            }
                        };
                        Some(Value::Quarter(base, *q))
                    }
                    None => {
                        if *current {
                            anchor?;
                            return Some(Value::Quarter(self.ay, aq));
                        }
                        let (ry, rq) = match self.last_q {
                            Some((yy, qq, _))
                                if (yy, qq) <= prev_q || (!*latest && self.anchor.is_none()) =>
                            {
                                (yy, qq)
                            }
                            _ => {
                                anchor?;
                                prev_q
                            }
                        };
                        Some(Value::Quarter(y.unwrap_or(ry + yshift), rq))
                    }
                }
            }
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
