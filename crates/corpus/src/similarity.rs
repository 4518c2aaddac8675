//! How likely two articles report the same real-world event, and why.
//!
//! The score adds up signals, each with its weight (the [`Weights`]):
//! - `terms`: cosine of the TF-IDF vectors of title and text (rare words
//!   weigh most; title words count twice);
//! - `people`, `organizations`, `places`: the share of the two articles'
//!   canonical entities they have in common, each name weighted by its
//!   rarity and its number of mentions, people twice as much as the rest;
//! - `numbers`: specific numbers both state (a magnitude, a death toll);
//! - `quotes`: a quote of six words or more in both;
//! - `dates`: a day both give is evidence for; dates in disjoint years are
//!   evidence against (the same kind of event, another year), and so are
//!   article dates further apart than [`Weights::window_days`], and an
//!   undated article whose text names only years long before the other's
//!   date, or names weekdays none of the other's days falls on;
//! - `principal_person`, `principal_place`: when each article has a most
//!   mentioned person (or place) and neither names the other's, they are
//!   probably about different events of one kind; so they are, less
//!   surely, when the two most mentioned persons differ and one of them is
//!   absent from the other article, which names the first one's only in
//!   passing ("the team's second such arrest in a month");
//! - across languages, a name only written in a script other than Latin
//!   (a Chinese or Arabic name the knowledge base does not know) counts
//!   when both articles have it, and is left out otherwise: the other
//!   article may write it in its own script;
//! - `meaning`: the cosine of the two articles' sentence embeddings (title
//!   and lead), when an encoder gave them: what crosses languages best.
//!   Each embedding is first centred on the mean of its language over the
//!   run ([`Stats::centred`]): a multilingual encoder places all texts of
//!   one language near a point of their own, so that the plain cosine of
//!   two unrelated texts of one language (0.8) exceeds that of one story
//!   told in two. A run too small to take means of (fewer than
//!   [`crate::MIN_CENTROID_ARTICLES`] embedded articles) reads the plain
//!   cosine relative to the model's range instead, with more weight
//!   across languages (where shared words are only names and numbers);
//! - `language`: shown, not weighted (canonical names and dates are what
//!   cross languages).
//!
//! The raw score is the sum; grouping reads it. The score shown is the
//! raw score calibrated to [0, 1]: without embeddings, as the chance that
//! at least one of several independent pieces of evidence (each adding to
//! the sum) says "same story", `1 - exp(-rate * raw)` with
//! [`Weights::score_rate`] (the sum of a same-story pair rarely reaches 1,
//! and a plain clamp would leave its scores in the lower third); with
//! embeddings, whose meaning signal spreads the sums over [0, 1] already,
//! the sum clamped. Weights were fitted on half of the ECB+ dev topics and
//! checked on the other half; the rate and the weight of centred meaning
//! on half of the SemEval dev pairs (both halves choose the same).

use herald_model::{EntityKind, Signal};
use serde::{Deserialize, Serialize};

use crate::profile::{Profile, Stats, Term, day_number, weekday_of, year_of};

/// The weights of the signals and the thresholds of grouping.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    pub terms: f64,
    pub entities: f64,
    pub person_factor: f64,
    pub numbers: f64,
    pub quotes: f64,
    pub shared_day: f64,
    pub disjoint_years: f64,
    pub far_dates: f64,
    pub principal_person: f64,
    pub principal_place: f64,
    /// Each article has a most mentioned person, they differ, and one of
    /// them is absent from the other article (which names the first one's
    /// principal only in passing: "the team's second such arrest").
    pub principal_person_one_sided: f64,
    /// An undated article whose text names no year later than Y, against
    /// an article dated after Y + [`Weights::text_year_lag`]: news names
    /// the recent past, so the undated one was probably written years
    /// before.
    pub text_years_before: f64,
    pub text_year_lag: i32,
    /// An undated article that names weekdays, none of them the weekday
    /// of any day the other article gives.
    pub weekday_mismatch: f64,
    /// Two undated articles that name weekdays, none in common.
    pub undated_weekday_mismatch: f64,
    /// Weight of the sentence-embedding cosine, when both articles have an
    /// embedding: the cosine is read relative to the model's range, from
    /// [`Weights::embedding_floor`] (unrelated texts) to 1.
    pub embedding: f64,
    /// The same for two articles in different languages, where the words
    /// they share are only names and numbers: meaning stands in for them.
    pub embedding_cross: f64,
    pub embedding_floor: f64,
    /// Weight of the cosine of two embeddings less the means of their
    /// languages ([`Stats::centred`]), which needs no floor and no weight
    /// of its own across languages: used whenever the run has enough
    /// embedded articles to take means of; the three above otherwise.
    pub embedding_centred: f64,
    /// Article dates further apart than this are evidence of two events,
    /// and such articles are never candidates of one event.
    pub window_days: i64,
    /// Average-linkage similarity at which two groups of articles merge.
    pub event_threshold: f64,
    /// Mean score with a group at which an article left alone joins it.
    pub singleton_threshold: f64,
    /// The two thresholds when the articles have embeddings (the meaning
    /// signal raises every score, those of two events of one kind too).
    pub meaning_event_threshold: f64,
    pub meaning_singleton_threshold: f64,
    /// The two thresholds when embeddings are centred on the means of
    /// their languages ([`Weights::embedding_centred`]).
    pub centred_event_threshold: f64,
    pub centred_singleton_threshold: f64,
    /// MinHash resemblance of word shingles from which one text is a copy
    /// of another.
    pub copy_resemblance: f64,
    /// Whether groups of articles may say, as groups, that they are two
    /// events (another principal person: `groups.rs`).
    pub group_vetoes: bool,
    /// The rate of the calibrated score without embeddings (see the module
    /// header); 0 gives the raw score clamped.
    pub score_rate: f64,
}

impl Weights {
    /// The score shown for a raw score, in [0, 1] (see the module header).
    pub fn calibrated(&self, raw: f64, meaning: bool) -> f64 {
        if meaning || self.score_rate <= 0.0 {
            raw.clamp(0.0, 1.0)
        } else {
            (1.0 - (-self.score_rate * raw.max(0.0)).exp()).clamp(0.0, 1.0)
        }
    }

    /// The merge and singleton thresholds of a mode.
    pub fn thresholds(&self, mode: Mode) -> (f64, f64) {
        match mode {
            Mode::Words => (self.event_threshold, self.singleton_threshold),
            Mode::Meaning => (
                self.meaning_event_threshold,
                self.meaning_singleton_threshold,
            ),
            Mode::Centred => (
                self.centred_event_threshold,
                self.centred_singleton_threshold,
            ),
        }
    }
}

/// What the scores of a set of articles are made of; each mode has its
/// own thresholds, for the meaning signal raises every score (those of two
/// events of one kind too). A set is grouped in one mode: the CLI embeds
/// all its articles or none, and a run's means centre all or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    /// Words, names, numbers and dates.
    Words,
    /// And embeddings, read against the model's range (too few articles
    /// to take the means of their languages).
    Meaning,
    /// And embeddings less the means of their languages.
    Centred,
}

impl Mode {
    /// The mode an article is compared in.
    pub fn of(p: &Prepared) -> Mode {
        if p.centred.is_some() {
            Mode::Centred
        } else if p.profile.embedding.is_some() {
            Mode::Meaning
        } else {
            Mode::Words
        }
    }

    /// The mode of a set of articles (see above).
    pub fn of_set(prepared: &[Prepared]) -> Mode {
        prepared.iter().map(Mode::of).max().unwrap_or(Mode::Words)
    }
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            terms: 1.0,
            entities: 0.3,
            person_factor: 2.0,
            numbers: 0.1,
            quotes: 0.1,
            shared_day: 0.1,
            disjoint_years: 0.15,
            far_dates: 0.3,
            principal_person: 0.1,
            principal_place: 0.1,
            principal_person_one_sided: 0.03,
            text_years_before: 0.2,
            text_year_lag: 3,
            weekday_mismatch: 0.3,
            undated_weekday_mismatch: 0.2,
            embedding: 1.0,
            embedding_cross: 2.0,
            embedding_floor: 0.8,
            embedding_centred: 1.5,
            window_days: 45,
            event_threshold: 0.15,
            singleton_threshold: 0.1,
            meaning_event_threshold: 0.6,
            meaning_singleton_threshold: 0.2,
            centred_event_threshold: 0.82,
            centred_singleton_threshold: 0.1,
            copy_resemblance: 0.75,
            score_rate: 4.0,
            group_vetoes: true,
        }
    }
}

/// A profile with its TF-IDF vector, ready for comparisons.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    pub profile: &'a Profile,
    /// Unit-length TF-IDF weights of the profile's terms, in their order
    /// (0 for a term every article has).
    pub weights: Vec<f64>,
    /// The day number of the article's own date, when it is a full date.
    pub day: Option<i64>,
    /// The day numbers of its days.
    pub day_numbers: Vec<i64>,
    /// The rarity (IDF) of each of the profile's entities, in their order.
    pub entity_idf: Vec<f64>,
    /// The first four bytes of each term, big-endian (zero-padded): they
    /// order two terms as their bytes do unless they are equal.
    pub term_prefixes: Vec<u32>,
    /// The sentence embedding less the mean of its language
    /// ([`Stats::centred`]), when there is one to subtract.
    pub centred: Option<Vec<f32>>,
}

impl<'a> Prepared<'a> {
    /// The terms of weight above 0, with their weights.
    pub fn weighted(&self) -> impl Iterator<Item = (&'a str, f64)> + '_ {
        self.profile
            .terms
            .iter()
            .zip(&self.weights)
            .filter(|(_, w)| **w > 0.0)
            .map(|((t, _), w)| (&**t, *w))
    }

    /// The terms both articles have, with the product of their weights, in
    /// term order (a merge of the two sorted lists).
    pub fn shared_terms<'b>(&'b self, other: &'b Prepared) -> impl Iterator<Item = (&'b str, f64)> {
        let (a, b) = (self.profile.terms.terms(), other.profile.terms.terms());
        let (pa, pb) = (&self.term_prefixes, &other.term_prefixes);
        let (mut i, mut j) = (0, 0);
        std::iter::from_fn(move || {
            while i < a.len() && j < b.len() {
                // The first bytes decide most comparisons; the strings
                // only when those are equal.
                let order = pa[i].cmp(&pb[j]).then_with(|| {
                    if Term::ptr_eq(&a[i], &b[j]) {
                        std::cmp::Ordering::Equal
                    } else {
                        a[i].cmp(&b[j])
                    }
                });
                match order {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        let x = self.weights[i] * other.weights[j];
                        let t: &str = &a[i];
                        i += 1;
                        j += 1;
                        if x > 0.0 {
                            return Some((t, x));
                        }
                    }
                }
            }
            None
        })
    }

    pub fn new(profile: &'a Profile, stats: &Stats) -> Prepared<'a> {
        let mut weights: Vec<f64> = profile
            .terms
            .iter()
            .map(|(t, c)| (1.0 + f64::from(c).ln()) * stats.term_idf(t))
            .map(|w| if w > 0.0 { w } else { 0.0 })
            .collect();
        let norm = weights.iter().map(|w| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for w in &mut weights {
                *w /= norm;
            }
        }
        Prepared {
            profile,
            weights,
            day: profile.day_number(),
            day_numbers: profile.days.iter().filter_map(|d| day_number(d)).collect(),
            entity_idf: profile
                .entities
                .keys()
                .map(|k| stats.entity_idf(k))
                .collect(),
            term_prefixes: profile.terms.terms().iter().map(|t| prefix(t)).collect(),
            centred: stats.centred(profile),
        }
    }
}

/// The first four bytes of a string as a big-endian number, zero-padded.
fn prefix(t: &str) -> u32 {
    let mut b = [0u8; 4];
    let n = t.len().min(4);
    b[..n].copy_from_slice(&t.as_bytes()[..n]);
    u32::from_be_bytes(b)
}

/// A score in [0, 1] and the signals it is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct Similarity {
    pub score: f64,
    /// The sum of the weights of the signals, before clamping.
    pub raw: f64,
    /// The two articles' dates place them apart: stated dates beyond the
    /// window, or an undated text whose weekdays or years do not fit the
    /// other's days (disjoint years alone are not enough: texts name past
    /// years freely).
    pub conflict: bool,
    pub signals: Vec<Signal>,
}

/// The signals of one comparison as they are found: their sum always,
/// the signals themselves only when explaining (grouping compares millions
/// of pairs and needs the sum alone).
struct Tally {
    explain: bool,
    raw: f64,
    signals: Vec<Signal>,
}

impl Tally {
    fn add(&mut self, signal: &str, weight: f64, detail: impl FnOnce() -> String) {
        self.raw += weight;
        if self.explain {
            self.signals.push(Signal {
                signal: signal.to_string(),
                weight,
                detail: detail(),
            });
        }
    }
}

/// Compares two articles. `explain` gives the signals with their details
/// (names, numbers); without it `signals` is empty and only the score,
/// its raw sum and the conflict are computed.
pub fn similarity(
    a: &Prepared,
    b: &Prepared,
    stats: &Stats,
    w: &Weights,
    explain: bool,
) -> Similarity {
    let (pa, pb) = (a.profile, b.profile);
    let mut t = Tally {
        explain,
        raw: 0.0,
        signals: Vec::new(),
    };

    let cosine: f64 = a.shared_terms(b).map(|(_, x)| x).sum();
    t.add("terms", w.terms * cosine, || {
        let mut shared: Vec<(&str, f64)> = a.shared_terms(b).collect();
        shared.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(y.0)));
        let words: Vec<&str> = shared.iter().take(8).map(|s| s.0).collect();
        format!("cosine {cosine:.2}; shared: {}", words.join(", "))
    });

    if let (Some(x), Some(y)) = (&pa.embedding, &pb.embedding)
        && x.len() == y.len()
    {
        let cos = dot(x, y);
        let across = matches!((&pa.language, &pb.language), (Some(x), Some(y)) if x != y);
        if let (Some(x), Some(y)) = (&a.centred, &b.centred) {
            let centred = dot(x, y);
            t.add("meaning", w.embedding_centred * centred.clamp(0.0, 1.0), || {
                let how = if across { "; across languages" } else { "" };
                format!("embedding cosine {cos:.3}, {centred:.3} less the means of their languages{how}")
            });
        } else {
            let relative = ((cos - w.embedding_floor) / (1.0 - w.embedding_floor)).clamp(0.0, 1.0);
            let (weight, how) = if across {
                (w.embedding_cross, "; across languages")
            } else {
                (w.embedding, "")
            };
            t.add("meaning", weight * relative, || {
                format!("embedding cosine {cos:.3}{how}")
            });
        }
    }

    entity_signals(a, b, w, &mut t);

    let shared_numbers: Vec<&Term> = pa
        .numbers
        .iter()
        .filter(|n| pb.numbers.binary_search(n).is_ok())
        .collect();
    if !shared_numbers.is_empty() {
        let evidence: f64 = shared_numbers.iter().map(|n| stats.number_idf(n)).sum();
        t.add("numbers", w.numbers * (evidence / 10.0).min(1.0), || {
            let v: Vec<&str> = shared_numbers.iter().take(8).map(|s| &***s).collect();
            format!("shared: {}", v.join(", "))
        });
    }

    if let Some(q) = pa
        .quotes
        .iter()
        .find(|q| pb.quotes.binary_search(q).is_ok())
    {
        t.add("quotes", w.quotes, || format!("shared quote: {q}"));
    }

    let conflict = date_signals(a, b, w, &mut t);

    let comparable = comparable(pa, pb);
    for (signal, weight, x, y) in [
        (
            "principal_person",
            w.principal_person,
            &pa.principal_person,
            &pb.principal_person,
        ),
        (
            "principal_place",
            w.principal_place,
            &pa.principal_place,
            &pb.principal_place,
        ),
    ] {
        if let (Some(x), Some(y)) = (x, y)
            && comparable(x)
            && comparable(y)
            && !pb.entities.contains_key(x)
            && !pa.entities.contains_key(y)
        {
            let name =
                |p: &Profile, k: &str| p.entities.get(k).map_or(k.to_string(), |e| e.name.clone());
            t.add(signal, -weight, || {
                format!("{} against {}", name(pa, x), name(pb, y))
            });
        }
    }

    if let (Some(x), Some(y)) = (&pa.principal_person, &pb.principal_person)
        && x != y
        && comparable(x)
        && comparable(y)
        && (pb.entities.contains_key(x) != pa.entities.contains_key(y))
    {
        let name =
            |p: &Profile, k: &str| p.entities.get(k).map_or(k.to_string(), |e| e.name.clone());
        t.add("principal_person", -w.principal_person_one_sided, || {
            format!("{} against {}", name(pa, x), name(pb, y))
        });
    }

    if let (Some(x), Some(y)) = (&pa.language, &pb.language) {
        t.add("language", 0.0, || {
            if x == y {
                format!("both {x}")
            } else {
                format!("{x} and {y}")
            }
        });
    }

    let raw = t.raw;
    let meaning = pa.embedding.is_some() && pb.embedding.is_some();
    Similarity {
        score: w.calibrated(raw, meaning),
        raw,
        conflict,
        signals: t.signals,
    }
}

fn dot(x: &[f32], y: &[f32]) -> f64 {
    x.iter()
        .zip(y)
        .map(|(a, b)| f64::from(*a) * f64::from(*b))
        .sum()
}

/// The `people`, `organizations` and `places` signals: the weighted share
/// of entities in common, split by kind (a merge of the two sorted entity
/// lists).
fn entity_signals(a: &Prepared, b: &Prepared, w: &Weights, t: &mut Tally) {
    let comparable = comparable(a.profile, b.profile);
    let weight = |kind: EntityKind, idf: f64| {
        if kind == EntityKind::Person {
            idf * w.person_factor
        } else {
            idf
        }
    };
    let mut union = 0.0;
    let mut shared: [(f64, Vec<&str>); 3] = Default::default();
    let mut ea = a.profile.entities.iter().zip(&a.entity_idf).peekable();
    let mut eb = b.profile.entities.iter().zip(&b.entity_idf).peekable();
    loop {
        let order = match (ea.peek(), eb.peek()) {
            (None, None) => break,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(((x, _), _)), Some(((y, _), _))) => x.cmp(y),
        };
        match order {
            std::cmp::Ordering::Less => {
                let ((k, e), &idf) = ea.next().expect("peeked");
                if comparable(k) {
                    union += weight(e.kind, idf);
                }
            }
            std::cmp::Ordering::Greater => {
                let ((k, e), &idf) = eb.next().expect("peeked");
                if comparable(k) {
                    union += weight(e.kind, idf);
                }
            }
            std::cmp::Ordering::Equal => {
                let ((_, e), &idf) = ea.next().expect("peeked");
                eb.next();
                let x = weight(e.kind, idf);
                union += x;
                let slot = match e.kind {
                    EntityKind::Person => 0,
                    EntityKind::Organization => 1,
                    _ => 2,
                };
                shared[slot].0 += x;
                if t.explain {
                    shared[slot].1.push(e.name.as_str());
                }
            }
        }
    }
    if union <= 0.0 {
        return;
    }
    for (i, signal) in ["people", "organizations", "places"].iter().enumerate() {
        let (x, names) = &shared[i];
        if *x == 0.0 && names.is_empty() {
            continue;
        }
        t.add(signal, w.entities * x / union, || {
            format!(
                "shared: {}",
                names.iter().take(8).copied().collect::<Vec<_>>().join(", ")
            )
        });
    }
}

/// Whether an entity key can be told present or absent in both articles:
/// always in one language; across languages only a key in Latin letters
/// (knowledge-base names, transliterated Cyrillic). A name only written
/// in Chinese or Arabic script ("江泽民") may well be in the English article
/// as "Jiang Zemin": its absence there is no evidence of another event.
fn comparable<'k>(a: &Profile, b: &Profile) -> impl Fn(&str) -> bool + use<'k> {
    let same = a.language.is_none() || b.language.is_none() || a.language == b.language;
    move |key: &str| same || key.is_ascii()
}

/// The `dates` signals; true when they place the articles apart.
fn date_signals(a: &Prepared, b: &Prepared, w: &Weights, t: &mut Tally) -> bool {
    let (pa, pb) = (a.profile, b.profile);
    let mut conflict = false;
    if let Some(d) = pa.days.iter().find(|d| pb.days.binary_search(d).is_ok()) {
        t.add("dates", w.shared_day, || format!("both give {d}"));
    }
    if !pa.years.is_empty()
        && !pb.years.is_empty()
        && !pa.years.iter().any(|y| pb.years.binary_search(y).is_ok())
    {
        t.add("dates", -w.disjoint_years, || {
            format!("years {:?} against {:?}", pa.years, pb.years)
        });
    }
    for (x, y, names) in [(pa, pb, ("first", "second")), (pb, pa, ("second", "first"))] {
        let stated = y
            .date
            .as_deref()
            .filter(|_| y.date_stated)
            .and_then(year_of);
        if let (false, Some(latest), Some(dated)) = (x.date_stated, x.text_latest_year, stated)
            && dated > latest + w.text_year_lag
        {
            conflict = true;
            t.add("dates", -w.text_years_before, || {
                format!(
                    "the {} names no year after {latest}; the {} is dated {dated}",
                    names.0, names.1
                )
            });
        }
    }
    for (x, days, names) in [
        (pa, &b.day_numbers, ("first", "second")),
        (pb, &a.day_numbers, ("second", "first")),
    ] {
        if !x.date_stated
            && !x.weekdays.is_empty()
            && !days.is_empty()
            && !days.iter().any(|&d| x.weekdays.contains(&weekday_of(d)))
        {
            const NAMES: [&str; 7] = [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ];
            conflict = true;
            t.add("dates", -w.weekday_mismatch, || {
                let named: Vec<&str> = x
                    .weekdays
                    .iter()
                    .filter_map(|&d| NAMES.get(d as usize).copied())
                    .collect();
                format!(
                    "the {} names {}; no day the {} gives falls on one",
                    names.0,
                    named.join(", "),
                    names.1
                )
            });
        }
    }
    if !pa.date_stated
        && !pb.date_stated
        && pa.days.is_empty()
        && pb.days.is_empty()
        && !pa.weekdays.is_empty()
        && !pb.weekdays.is_empty()
        && !pa.weekdays.iter().any(|d| pb.weekdays.contains(d))
    {
        conflict |= w.undated_weekday_mismatch > 0.0;
        t.add("dates", -w.undated_weekday_mismatch, || {
            "both undated, and they name no weekday in common".to_string()
        });
    }
    if let (Some(x), Some(y)) = (a.day, b.day)
        && (x - y).abs() > w.window_days
        && pa.date_stated
        && pb.date_stated
    {
        conflict = true;
        t.add("dates", -w.far_dates, || {
            format!(
                "dated {} and {}, {} days apart",
                pa.date.as_deref().unwrap_or(""),
                pb.date.as_deref().unwrap_or(""),
                (x - y).abs()
            )
        });
    }
    conflict
}

/// Days between the dates of two articles, when both have a full date.
pub fn days_apart(a: &Profile, b: &Profile) -> Option<i64> {
    Some((a.date.as_deref().and_then(day_number)? - b.date.as_deref().and_then(day_number)?).abs())
}
