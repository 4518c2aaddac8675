//! Similarity, events and storylines on articles written for the tests.

use herald_model::{Article, Entity, EntityKind, Mention, TimeExpr};
use proptest::prelude::*;

use super::*;

/// An [`EventState`] with the events its updates reported kept as a store
/// keeps them (changed ones put, removed ones taken out, storylines from
/// the state): what one run's [`group`] must equal.
#[derive(Clone)]
struct Tracked {
    state: EventState,
    kept: std::collections::BTreeMap<String, herald_model::Event>,
}

impl std::ops::Deref for Tracked {
    type Target = EventState;
    fn deref(&self) -> &EventState {
        &self.state
    }
}

impl std::ops::DerefMut for Tracked {
    fn deref_mut(&mut self) -> &mut EventState {
        &mut self.state
    }
}

impl Tracked {
    fn new(stats: Stats, w: Weights) -> Tracked {
        Tracked::of(EventState::new(stats, w))
    }

    fn of(state: EventState) -> Tracked {
        Tracked {
            state,
            kept: Default::default(),
        }
    }

    fn apply(&mut self, u: Update) -> Update {
        for id in &u.removed {
            self.kept.remove(id);
        }
        for e in &u.changed {
            self.kept.insert(e.id.clone(), e.clone());
        }
        u
    }

    fn add(&mut self, src: &dyn StateSource, new: Vec<Profile>) -> Result<Update, SourceError> {
        let u = self.state.add(src, new)?;
        Ok(self.apply(u))
    }

    fn remove(&mut self, src: &dyn StateSource, ids: &[String]) -> Result<Update, SourceError> {
        let u = self.state.remove(src, ids)?;
        Ok(self.apply(u))
    }

    fn replace(&mut self, src: &dyn StateSource, new: Vec<Profile>) -> Result<Update, SourceError> {
        let u = self.state.replace(src, new)?;
        Ok(self.apply(u))
    }

    /// The events kept, each with the storyline the state now gives it;
    /// checked against the state's own record of its events.
    fn grouping(&self) -> Grouping {
        let mut storyline_of = std::collections::BTreeMap::new();
        for s in self.state.storylines() {
            for e in &s.events {
                storyline_of.insert(e.clone(), s.id.clone());
            }
        }
        let mut events: Vec<herald_model::Event> = self
            .kept
            .values()
            .cloned()
            .map(|mut e| {
                e.storyline = storyline_of.get(&e.id).cloned();
                e
            })
            .collect();
        let mut known: Vec<(String, Vec<String>)> = self
            .state
            .event_articles()
            .map(|(id, a)| (id.to_string(), a.to_vec()))
            .collect();
        known.sort();
        let mut reported: Vec<(String, Vec<String>)> = events
            .iter()
            .map(|e| {
                let mut a: Vec<String> = e.articles.iter().map(|x| x.id.clone()).collect();
                a.sort();
                (e.id.clone(), a)
            })
            .collect();
        reported.sort();
        assert_eq!(reported, known, "the updates reported every event as it is");
        events.sort_by(|a, b| {
            crate::events::date_order(&a.date, &b.date).then_with(|| a.id.cmp(&b.id))
        });
        Grouping {
            events,
            storylines: self.state.storylines().to_vec(),
        }
    }
}

/// No profiles outside the state's cache (a state never evicted).
const NONE: &std::collections::BTreeMap<String, Profile> = &std::collections::BTreeMap::new();

/// An analysed article: entities are `(kind, name, mentions)`, dates are
/// TIMEX values found in the text.
fn article(
    id: &str,
    title: &str,
    text: &str,
    entities: &[(EntityKind, &str, usize)],
    published: Option<&str>,
    dates: &[&str],
) -> Article {
    Article {
        id: Some(id.to_string()),
        source: format!("{id}.txt"),
        title: Some(title.to_string()),
        language: Some("en".to_string()),
        published: published.map(str::to_string),
        text: text.to_string(),
        entities: entities
            .iter()
            .map(|(kind, name, n)| Entity {
                name: name.to_string(),
                kind: *kind,
                role: None,
                mentions: (0..*n)
                    .map(|_| Mention {
                        text: name.to_string(),
                        start: 0,
                        end: 1,
                    })
                    .collect(),
            })
            .collect(),
        dates: dates
            .iter()
            .map(|v| TimeExpr {
                text: v.to_string(),
                value: Some(v.to_string()),
                start: 0,
                end: 1,
            })
            .collect(),
        ..Article::default()
    }
}

use EntityKind::{Organization as Org, Person, Place};

/// Two earthquakes (same kind of event, other place, other year), two
/// reports of each, a copy of one report, and an unrelated article.
fn fixture() -> Vec<Article> {
    let quake_a = "A magnitude 6.1 earthquake struck Aceh province on Tuesday, \
        collapsing a mosque in Bener Meriah and killing at least 24 people. \
        Rescuers dug through rubble in the highlands of Sumatra.";
    vec![
        article(
            "a1",
            "Earthquake kills 24 in Aceh",
            quake_a,
            &[
                (Place, "Aceh", 3),
                (Place, "Bener Meriah", 2),
                (Place, "Sumatra", 1),
            ],
            Some("2013-07-02"),
            &["2013-07-02"],
        ),
        article(
            "a2",
            "Aceh quake: mosque collapses, rescuers search rubble",
            "Rescuers in Aceh searched the rubble of a collapsed mosque in \
             Bener Meriah after the magnitude 6.1 earthquake. The death toll \
             rose to 24, officials in Sumatra said.",
            &[
                (Place, "Aceh", 2),
                (Place, "Bener Meriah", 1),
                (Place, "Sumatra", 1),
            ],
            Some("2013-07-03"),
            &["2013-07-02"],
        ),
        article(
            "a3",
            "Earthquake kills 24 in Aceh - Reposted",
            &format!("{quake_a} Share this article."),
            &[
                (Place, "Aceh", 3),
                (Place, "Bener Meriah", 2),
                (Place, "Sumatra", 1),
            ],
            Some("2013-07-04"),
            &["2013-07-02"],
        ),
        article(
            "b1",
            "Earthquakes shake Manokwari in West Papua",
            "A series of powerful earthquakes rocked Manokwari, the capital of \
             West Papua, killing four people and flattening houses. Thousands \
             fled to refugee camps.",
            &[(Place, "Manokwari", 3), (Place, "West Papua", 2)],
            Some("2009-01-04"),
            &["2009-01-04"],
        ),
        article(
            "b2",
            "Thousands flee after Papua earthquakes",
            "Thousands of residents of Manokwari fled to refugee camps after \
             earthquakes shook West Papua, killing four people.",
            &[(Place, "Manokwari", 2), (Place, "West Papua", 2)],
            Some("2009-01-05"),
            &["2009-01-04"],
        ),
        article(
            "c1",
            "Chargers receiver arrested",
            "San Diego Chargers receiver Vincent Jackson was arrested on \
             suspicion of drunken driving, the team said.",
            &[
                (Person, "Vincent Jackson", 2),
                (Org, "San Diego Chargers", 1),
            ],
            Some("2008-10-07"),
            &[],
        ),
    ]
}

fn events_of(articles: &[Article]) -> Grouping {
    let profiles: Vec<Profile> = articles.iter().map(Profile::of).collect();
    let stats = Stats::of(&profiles);
    group(&profiles, &stats, &Weights::default())
}

/// The explained similarity of two articles, with statistics of the two.
fn explained(a: &Article, b: &Article, w: &Weights) -> Similarity {
    let profiles = [Profile::of(a), Profile::of(b)];
    let stats = Stats::of(&profiles);
    similarity(
        &Prepared::new(&profiles[0], &stats),
        &Prepared::new(&profiles[1], &stats),
        &stats,
        w,
        true,
    )
}

/// The partition as sorted lists of article ids.
fn partition(g: &Grouping) -> Vec<Vec<String>> {
    let mut p: Vec<Vec<String>> = g
        .events
        .iter()
        .map(|e| {
            let mut ids: Vec<String> = e.articles.iter().map(|a| a.id.clone()).collect();
            ids.sort();
            ids
        })
        .collect();
    p.sort();
    p
}

#[test]
fn two_events_of_one_kind_stay_apart_and_copies_are_found() {
    let g = events_of(&fixture());
    assert_eq!(
        partition(&g),
        vec![
            vec!["a1".to_string(), "a2".into(), "a3".into()],
            vec!["b1".to_string(), "b2".into()],
            vec!["c1".to_string()],
        ]
    );
    let aceh = g
        .events
        .iter()
        .find(|e| e.articles.len() == 3)
        .expect("the Aceh event");
    assert_eq!(aceh.date.as_deref(), Some("2013-07-02"));
    assert!(!aceh.date_estimated);
    let copy = aceh.articles.iter().find(|a| a.id == "a3").expect("a3");
    assert_eq!(copy.copy_of.as_deref(), Some("a1"));
    assert_eq!(copy.role, "copy");
    assert_eq!(aceh.independent_sources, 2);
    let first = aceh.articles.iter().find(|a| a.id == "a1").expect("a1");
    assert_eq!(first.role, "first");
    assert_eq!(aceh.places.first().map(String::as_str), Some("Aceh"));
    // Every article says why it belongs.
    let why = first.why.as_ref().expect("an explanation");
    assert!(
        why.signals
            .iter()
            .any(|s| s.signal == "places" && s.weight > 0.0)
    );
}

#[test]
fn event_ids_are_stable_and_follow_the_smallest_article() {
    let g = events_of(&fixture());
    let again = events_of(&fixture());
    assert_eq!(g, again);
    let aceh = g
        .events
        .iter()
        .find(|e| e.articles.len() == 3)
        .expect("aceh");
    // Without its smallest article the event gets another id.
    let fewer: Vec<Article> = fixture()
        .into_iter()
        .filter(|a| a.id.as_deref() != Some("a1"))
        .collect();
    let h = events_of(&fewer);
    let aceh2 = h
        .events
        .iter()
        .find(|e| e.articles.iter().any(|a| a.id == "a2"))
        .expect("aceh");
    assert_ne!(aceh.id, aceh2.id);
    assert!(aceh.id.starts_with("e-"));
}

#[test]
fn years_apart_are_evidence_of_two_events() {
    let a = article(
        "x",
        "Lavrov visits Beijing",
        "Lavrov met Xi in Beijing.",
        &[
            (Person, "Sergey Lavrov", 2),
            (Person, "Xi Jinping", 1),
            (Place, "Beijing", 1),
        ],
        Some("2024-04-09"),
        &["2024-04-09"],
    );
    let b = article(
        "y",
        "Lavrov visits Beijing",
        "Lavrov met Xi in Beijing.",
        &[
            (Person, "Sergey Lavrov", 2),
            (Person, "Xi Jinping", 1),
            (Place, "Beijing", 1),
        ],
        Some("2014-04-15"),
        &["2014-04-15"],
    );
    let profiles = [Profile::of(&a), Profile::of(&b)];
    let stats = Stats::of(&profiles);
    let w = Weights::default();
    let s = explained(&a, &b, &w);
    let against: f64 = s
        .signals
        .iter()
        .filter(|x| x.signal == "dates")
        .map(|x| x.weight)
        .sum();
    assert!(against < -0.3, "{s:?}");
    let total: f64 = s.signals.iter().map(|x| x.weight).sum();
    assert!((total - s.raw).abs() < 1e-9);
    assert!((0.0..=1.0).contains(&s.score));
    // Far apart dates are never candidates of one event.
    let g = group(&profiles, &stats, &w);
    assert_eq!(g.events.len(), 2);
}

#[test]
fn storylines_need_more_than_one_shared_head_of_state() {
    let visit = |id: &str, date: &str, extra: &str, text: &str| {
        article(
            id,
            &format!("{extra} in Beijing"),
            text,
            &[
                (Person, "Xi Jinping", 2),
                (Person, extra, 2),
                (Place, "Beijing", 1),
            ],
            Some(date),
            &[date],
        )
    };
    let articles = vec![
        visit(
            "s1",
            "2014-04-15",
            "Sergey Lavrov",
            "Xi Jinping received Sergey Lavrov ahead of a summit on energy.",
        ),
        visit(
            "s2",
            "2024-04-09",
            "Sergey Lavrov",
            "Xi Jinping met Sergey Lavrov to discuss the partnership.",
        ),
        visit(
            "s3",
            "2019-06-01",
            "Emmanuel Macron",
            "Xi Jinping hosted Emmanuel Macron for trade talks on aircraft.",
        ),
    ];
    let g = events_of(&articles);
    assert_eq!(g.events.len(), 3);
    let line = |id: &str| {
        g.events
            .iter()
            .find(|e| e.articles[0].id == id)
            .and_then(|e| e.storyline.clone())
            .expect("a storyline")
    };
    assert_eq!(line("s1"), line("s2"));
    assert_ne!(line("s1"), line("s3"));
    let story = g
        .storylines
        .iter()
        .find(|s| s.id == line("s1"))
        .expect("story");
    // In date order.
    let dates: Vec<Option<String>> = story
        .events
        .iter()
        .map(|id| {
            g.events
                .iter()
                .find(|e| &e.id == id)
                .and_then(|e| e.date.clone())
        })
        .collect();
    assert_eq!(
        dates,
        vec![
            Some("2014-04-15".to_string()),
            Some("2024-04-09".to_string())
        ]
    );
}

#[test]
fn undated_events_are_dated_from_their_text_as_estimates() {
    let a = article(
        "u1",
        "Quake",
        "An earthquake struck.",
        &[(Place, "Aceh", 2)],
        None,
        &["2013-07-02"],
    );
    let g = events_of(&[a]);
    assert_eq!(g.events[0].date.as_deref(), Some("2013-07-02"));
    assert!(g.events[0].date_estimated);
    assert!(!g.events[0].date_evidence.is_empty());
    let none = article("u2", "Quake", "An earthquake struck.", &[], None, &[]);
    let g = events_of(&[none]);
    assert_eq!(g.events[0].date, None);
}

#[test]
fn profiles_fold_terms_and_keep_specific_numbers() {
    let a = article(
        "n",
        "Pékin",
        "Le séisme de magnitude 6,1 a fait 2,000 morts en 2013 à Pékin; 7 blessés.",
        &[],
        None,
        &[],
    );
    let p = Profile::of(&a);
    assert!(p.term("pekin").is_some(), "{:?}", p.terms);
    assert!(p.numbers.iter().any(|n| &**n == "6.1"));
    assert!(p.numbers.iter().any(|n| &**n == "2000"));
    assert!(!p.numbers.iter().any(|n| &**n == "2013"), "years are dates");
    assert!(
        !p.numbers.iter().any(|n| &**n == "7"),
        "single digits say little"
    );
    let cjk = Profile::of(&article("z", "", "習近平會見拉夫羅夫", &[], None, &[]));
    assert!(cjk.term("近平").is_some());
}

#[test]
fn day_numbers_are_civil_days() {
    assert_eq!(day_number("1970-01-01"), Some(0));
    assert_eq!(day_number("2024-04-09"), Some(19822));
    assert_eq!(day_number("2024-04-09TAF"), Some(19822));
    assert_eq!(day_number("2024-04"), None);
    assert_eq!(day_number("2024-13-01"), None);
    assert_eq!(year_of("2024-W15"), Some(2024));
    assert_eq!(year_of("PRESENT_REF"), None);
}

#[test]
fn candidate_keys_held_by_too_many_articles_select_nothing() {
    // Many articles that share one common word and nothing else: no
    // candidate pairs from that word, so each is its own event.
    let articles: Vec<Article> = (0..(MAX_POSTINGS + 20))
        .map(|i| {
            article(
                &format!("m{i:04}"),
                "",
                &format!("common {} {}", letters(i), letters(i + 5000)),
                &[],
                None,
                &[],
            )
        })
        .collect();
    let g = events_of(&articles);
    assert_eq!(g.events.len(), articles.len());
}

#[test]
fn a_name_common_over_the_years_still_selects_candidates_within_a_period() {
    // One person in many events a hundred days apart (more articles than a
    // key may hold), each article's words its own: over all time the name
    // is too common to select anything, within one period it is not.
    let day = |i: i64| {
        let d = 19_000 + 100 * i;
        // Civil date of a day number (the inverse of `day_number`).
        let z = d + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let dd = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        format!("{y:04}-{m:02}-{dd:02}")
    };
    let n = MAX_POSTINGS as i64 + 20;
    let mut articles: Vec<Article> = (0..n)
        .map(|i| {
            let d = day(i);
            article(
                &format!("h{i:04}"),
                "",
                &format!("Halmiri word{i}x other{i}y"),
                &[(Person, "Rosa Halmiri", 2)],
                Some(&d),
                &[&d],
            )
        })
        .collect();
    let d = day(7);
    articles.push(article(
        "h9999",
        "",
        "Halmiri spoke again later.",
        &[(Person, "Rosa Halmiri", 2)],
        Some(&d),
        &[&d],
    ));
    assert_eq!(day_number(&day(0)), Some(19_000));
    let g = events_of(&articles);
    let p = partition(&g);
    assert_eq!(p.len(), articles.len() - 1, "{p:?}");
    assert!(p.contains(&vec!["h0007".to_string(), "h9999".to_string()]));
    // The key is the name within the article's periods, not the name.
    let profiles: Vec<Profile> = articles.iter().map(Profile::of).collect();
    let stats = Stats::of(&profiles);
    let keys = index_keys(&Prepared::new(&profiles[7], &stats), &stats);
    assert!(keys.iter().all(|k| k != "e:rosa halmiri"), "{keys:?}");
    assert_eq!(
        keys.iter()
            .filter(|k| k.starts_with("e:rosa halmiri@"))
            .count(),
        2
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The events do not depend on the order of the input, and every
    /// article is in exactly one event.
    #[test]
    fn events_do_not_depend_on_input_order(seed in any::<u64>()) {
        let mut articles = fixture();
        articles.extend(fixture().into_iter().map(|mut a| {
            a.id = a.id.map(|i| format!("{i}-again"));
            a.text.push_str(" More later.");
            a
        }));
        let base = events_of(&articles);
        let mut shuffled = articles.clone();
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let other = events_of(&shuffled);
        prop_assert_eq!(&base, &other);
        let mut seen: Vec<String> = base.events.iter().flat_map(|e| e.articles.iter().map(|a| a.id.clone())).collect();
        seen.sort();
        let mut ids: Vec<String> = articles.iter().filter_map(|a| a.id.clone()).collect();
        ids.sort();
        prop_assert_eq!(seen, ids);
    }
}

#[test]
fn undated_articles_are_dated_by_their_weekdays_and_years() {
    let dated = article(
        "d",
        "Lavrov in Beijing",
        "Sergey Lavrov met Xi Jinping in Beijing on Tuesday.",
        &[(Person, "Sergey Lavrov", 2), (Person, "Xi Jinping", 1)],
        Some("2024-04-09"),
        &["2024-04-09"],
    );
    let mut monday = article(
        "m",
        "Lavrov in Beijing",
        "Sergey Lavrov met Xi Jinping in Beijing on Monday.",
        &[(Person, "Sergey Lavrov", 2), (Person, "Xi Jinping", 1)],
        None,
        &[],
    );
    monday.dates.push(TimeExpr {
        text: "Monday".to_string(),
        value: None,
        start: 0,
        end: 6,
    });
    let old = article(
        "o",
        "Lavrov in Beijing",
        "Sergey Lavrov met Xi Jinping in Beijing. In 2013 Xi visited Russia.",
        &[(Person, "Sergey Lavrov", 2), (Person, "Xi Jinping", 1)],
        None,
        &["2013"],
    );
    let profiles = [Profile::of(&dated), Profile::of(&monday), Profile::of(&old)];
    assert_eq!(profiles[1].weekdays, vec![0]);
    assert_eq!(profiles[2].text_latest_year, Some(2013));
    let stats = Stats::of(&profiles);
    let w = Weights::default();
    let prep: Vec<Prepared> = profiles.iter().map(|p| Prepared::new(p, &stats)).collect();
    let against = |a: usize, b: usize, what: &str| {
        similarity(&prep[a], &prep[b], &stats, &w, true)
            .signals
            .iter()
            .filter(|s| s.signal == "dates" && s.detail.contains(what))
            .map(|s| s.weight)
            .sum::<f64>()
    };
    assert!(against(1, 0, "Monday") < 0.0, "2024-04-09 is a Tuesday");
    assert!(against(2, 0, "no year after 2013") < 0.0);
    assert_eq!(against(0, 0, "Monday"), 0.0);
    assert_eq!(weekday_of(day_number("2024-04-09").expect("day")), 1);
}

#[test]
fn an_article_left_alone_joins_the_group_it_fits_unless_its_dates_speak_against() {
    let report = |id: &str, extra: &str| {
        article(
            id,
            "Ferry sinks off Kessel island",
            &format!(
                "The ferry Marlin sank off Kessel island with 212 passengers aboard; \
                 coast guard boats rescued most of them. {extra}"
            ),
            &[(Place, "Kessel", 2), (Org, "Kessel Coast Guard", 1)],
            None,
            &[],
        )
    };
    let mut articles = vec![
        report("f1", "Divers searched the wreck."),
        report("f2", "Relatives waited at the harbour."),
        report("f3", "The operator suspended sailings."),
    ];
    // Short, shares a little with every report.
    articles.push(article(
        "f4",
        "",
        "A vigil for the Marlin dead drew hundreds of candle-bearing townspeople \
         of Kessel to the chapel square at dusk, the bishop leading prayers and \
         a choir singing old hymns of the sea in Brantholm and Ostervik.",
        &[
            (Place, "Kessel", 1),
            (Place, "Brantholm", 1),
            (Place, "Ostervik", 1),
        ],
        None,
        &[],
    ));
    let g = events_of(&articles);
    assert_eq!(g.events.len(), 1, "{:?}", partition(&g));
    // Without consolidation it stays alone: linkage alone does not take it.
    let profiles: Vec<Profile> = articles.iter().map(Profile::of).collect();
    let stats = Stats::of(&profiles);
    let strict = Weights {
        singleton_threshold: 1.0,
        ..Weights::default()
    };
    assert_eq!(group(&profiles, &stats, &strict).events.len(), 2);
    // The same short article, but its text says Sunday while every report
    // is dated on a Wednesday.
    let mut dated: Vec<Article> = articles[..3]
        .iter()
        .cloned()
        .map(|mut a| {
            a.published = Some("2024-04-10".to_string());
            a
        })
        .collect();
    let mut alone = articles[3].clone();
    alone.dates.push(TimeExpr {
        text: "Sunday".to_string(),
        value: None,
        start: 0,
        end: 6,
    });
    dated.push(alone);
    let g = events_of(&dated);
    assert_eq!(g.events.len(), 2, "{:?}", partition(&g));
}

#[test]
fn embeddings_add_a_meaning_signal_read_relative_to_the_model_range() {
    let a = article(
        "e1",
        "Zinsen steigen",
        "Die Zentralbank hebt die Zinsen an.",
        &[],
        None,
        &[],
    );
    let b = article(
        "e2",
        "Rates rise",
        "The central bank raises rates.",
        &[],
        None,
        &[],
    );
    let mut profiles = [Profile::of(&a), Profile::of(&b)];
    let stats = Stats::of(&profiles);
    let w = Weights::default();
    let meaning = |p: &[Profile]| {
        let s = similarity(
            &Prepared::new(&p[0], &stats),
            &Prepared::new(&p[1], &stats),
            &stats,
            &w,
            true,
        );
        s.signals
            .iter()
            .find(|x| x.signal == "meaning")
            .map(|x| x.weight)
    };
    assert_eq!(meaning(&profiles), None, "no embeddings, no signal");
    profiles[0].embedding = Some(vec![1.0, 0.0]);
    profiles[1].embedding = Some(vec![1.0, 0.0]);
    assert_eq!(meaning(&profiles), Some(w.embedding));
    let c = 0.7_f32;
    profiles[1].embedding = Some(vec![c, (1.0 - c * c).sqrt()]);
    assert_eq!(meaning(&profiles), Some(0.0), "below the floor: unrelated");
    profiles[1].embedding = Some(vec![1.0, 0.0, 0.0]);
    assert_eq!(
        meaning(&profiles),
        None,
        "embeddings of two models are not compared"
    );
    // Across languages meaning stands in for the words they cannot share.
    profiles[1].embedding = Some(vec![1.0, 0.0]);
    profiles[0].language = Some("de".to_string());
    assert_eq!(meaning(&profiles), Some(w.embedding_cross));
    assert!(w.embedding_cross > w.embedding);
    // The text embedded: title, then the start of the text.
    assert_eq!(Profile::embedding_text(&a, 20), "Zinsen steigen. Die ");
}

#[test]
fn embeddings_are_compared_less_the_means_of_their_languages() {
    // Each language puts its texts near a point of its own (a large
    // component along its own axis); what a text says is the small rest,
    // one of four topics taken in turn, which cancel out over a language.
    let base = Profile::of(&article("x", "A title", "Some text.", &[], None, &[]));
    let topics = [[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]];
    let profile = |language: &str, i: usize| {
        let axis = if language == "de" { 2 } else { 3 };
        let mut e = [topics[i % 4][0], topics[i % 4][1], 0.0, 0.0];
        e[axis] = 2.0;
        let norm = e.iter().map(|x: &f32| x * x).sum::<f32>().sqrt();
        let mut p = base.clone();
        p.id = format!("{language}{i}");
        p.language = Some(language.to_string());
        p.embedding = Some(e.iter().map(|x| x / norm).collect());
        p
    };
    let w = Weights::default();
    let meaning = |stats: &Stats, x: &Profile, y: &Profile| {
        let (a, b) = (Prepared::new(x, stats), Prepared::new(y, stats));
        let s = similarity(&a, &b, stats, &w, true);
        let m = s.signals.iter().find(|x| x.signal == "meaning").cloned();
        (Mode::of(&a), m.map(|m| (m.weight, m.detail)))
    };
    // Enough articles of each language: one topic across the two scores
    // in full, two topics of one language nothing.
    let n = MIN_CENTROID_ARTICLES as usize;
    let many: Vec<Profile> = (0..n)
        .map(|i| profile("de", i))
        .chain((0..n).map(|i| profile("en", i)))
        .collect();
    let stats = Stats::of(&many);
    let (mode, same) = meaning(&stats, &many[0], &many[n + 4]);
    assert_eq!(mode, Mode::Centred);
    let (weight, detail) = same.expect("a meaning signal");
    assert!((weight - w.embedding_centred).abs() < 1e-6, "{weight}");
    assert!(detail.contains("less the means"), "{detail}");
    let (_, other) = meaning(&stats, &many[0], &many[2]);
    assert_eq!(other.expect("a meaning signal").0, 0.0);
    // Too few to take a mean of: the plain cosine, read from the floor,
    // sees the language (0.8 between two German texts) and not the topic.
    let few: Vec<Profile> = (0..4)
        .map(|i| profile("de", i))
        .chain((0..4).map(|i| profile("en", i)))
        .collect();
    let stats = Stats::of(&few);
    let (mode, same) = meaning(&stats, &few[0], &few[4]);
    assert_eq!(mode, Mode::Meaning);
    assert_eq!(same.expect("a meaning signal").0, 0.0);
    // Statistics read back from a store centre as they did.
    let json = serde_json::to_string(&Stats::of(&many)).expect("serialise");
    let back: Stats = serde_json::from_str(&json).expect("read back");
    let (x, y) = (back.centred(&many[0]), Stats::of(&many).centred(&many[0]));
    let (x, y) = (x.expect("centred"), y.expect("centred"));
    assert!(
        x.iter().zip(&y).all(|(a, b)| (a - b).abs() < 1e-6),
        "{x:?} {y:?}"
    );
}

#[test]
fn articles_with_embeddings_are_grouped_with_their_own_thresholds() {
    // Two reports of one earthquake: one event on words alone; with
    // embeddings that call them unrelated, the higher thresholds of
    // meaning keep them apart (the embedding adds nothing).
    let articles: Vec<Article> = fixture().into_iter().take(2).collect();
    let mut profiles: Vec<Profile> = articles.iter().map(Profile::of).collect();
    let stats = Stats::of(&profiles);
    let w = Weights::default();
    let words = group(&profiles, &stats, &w);
    assert_eq!(words.events.len(), 1);
    let raw = similarity(
        &Prepared::new(&profiles[0], &stats),
        &Prepared::new(&profiles[1], &stats),
        &stats,
        &w,
        false,
    )
    .raw;
    // Thresholds of meaning above the words' score (as the defaults are
    // for weaker pairs).
    let w = Weights {
        meaning_event_threshold: raw + 0.1,
        meaning_singleton_threshold: raw + 0.1,
        ..w
    };
    assert_eq!(group(&profiles, &stats, &w).events.len(), 1);
    profiles[0].embedding = Some(vec![1.0, 0.0]);
    profiles[1].embedding = Some(vec![0.0, 1.0]);
    assert_eq!(group(&profiles, &stats, &w).events.len(), 2);
    // The same embedding for both: meaning (weight 1) carries them over.
    profiles[1].embedding = Some(vec![1.0, 0.0]);
    assert_eq!(group(&profiles, &stats, &w).events.len(), 1);
}

/// The fixture twice (a second report of each article) and a bridge: an
/// article that shares the Aceh earthquake's words with the first group and
/// Manokwari's with the second.
fn incremental_fixture() -> Vec<Profile> {
    let mut articles = fixture();
    articles.extend(fixture().into_iter().map(|mut a| {
        a.id = a.id.map(|i| format!("{i}-again"));
        a.text.push_str(" More later.");
        a
    }));
    articles.push(article(
        "z-bridge",
        "Earthquakes in Aceh and Manokwari",
        "The magnitude 6.1 earthquake in Aceh collapsed a mosque in Bener \
         Meriah; earthquakes in Manokwari, West Papua, sent thousands to \
         refugee camps.",
        &[
            (Place, "Aceh", 1),
            (Place, "Bener Meriah", 1),
            (Place, "Manokwari", 1),
            (Place, "West Papua", 1),
        ],
        None,
        &[],
    ));
    articles.iter().map(Profile::of).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Articles added in batches, in any order, give the events and
    /// storylines one run over all of them gives (same statistics).
    #[test]
    fn incremental_runs_agree_with_one_run(seed in any::<u64>(), cuts in 1usize..6) {
        let profiles = incremental_fixture();
        let stats = Stats::of(&profiles);
        let w = Weights::default();
        let one = group(&profiles, &stats, &w);
        let mut shuffled = profiles.clone();
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let mut state = Tracked::new(stats.clone(), w.clone());
        let size = shuffled.len().div_ceil(cuts);
        for batch in shuffled.chunks(size) {
            state.add(NONE, batch.to_vec()).expect("add");
        }
        prop_assert_eq!(state.articles(), profiles.len());
        prop_assert_eq!(state.grouping(), one);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Removing articles (a takedown) leaves the events one run over the
    /// articles that remain gives, the bridge included: without it, the
    /// component it joined splits again.
    #[test]
    fn removing_articles_agrees_with_one_run_over_the_rest(seed in any::<u64>(), n in 1usize..4) {
        let profiles = incremental_fixture();
        let stats = Stats::of(&profiles);
        let w = Weights::default();
        let mut ids: Vec<String> = profiles.iter().map(|p| p.id.clone()).collect();
        ids.sort();
        let mut s = seed;
        let mut gone: Vec<String> = vec!["z-bridge".to_string()];
        for _ in 1..n {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            gone.push(ids[(s >> 33) as usize % ids.len()].clone());
        }
        let rest: Vec<Profile> =
            profiles.iter().filter(|p| !gone.contains(&p.id)).cloned().collect();
        let mut state = Tracked::new(stats.clone(), w.clone());
        state.add(NONE, profiles.clone()).expect("add");
        let update = state.remove(NONE, &gone).expect("remove");
        prop_assert_eq!(state.articles(), rest.len());
        prop_assert_eq!(state.grouping(), group(&rest, &stats, &w));
        prop_assert!(update.added.is_empty());
    }
}

#[test]
fn replaced_profiles_give_the_events_one_run_over_them_gives() {
    let profiles = incremental_fixture();
    let stats = Stats::of(&profiles);
    let w = Weights::default();
    let mut state = Tracked::new(stats.clone(), w.clone());
    state.add(NONE, profiles.clone()).expect("add");
    // The bridge loses its places (as a rename may change what a profile
    // holds): the two earthquakes part again.
    let mut bridge = state
        .profile(NONE, "z-bridge")
        .expect("read")
        .expect("known")
        .clone();
    bridge.entities = Default::default();
    bridge.terms.clear();
    let update = state.replace(NONE, vec![bridge.clone()]).expect("replace");
    assert!(update.added.is_empty());
    let now: Vec<Profile> = profiles
        .into_iter()
        .map(|p| {
            if p.id == "z-bridge" {
                bridge.clone()
            } else {
                p
            }
        })
        .collect();
    assert_eq!(state.grouping(), group(&now, &stats, &w));
    assert!(!update.changed.is_empty() || !update.removed.is_empty());
}

#[test]
fn refreshed_statistics_give_the_events_of_one_run_over_all_articles() {
    let profiles = incremental_fixture();
    let w = Weights::default();
    let (first, later): (Vec<Profile>, Vec<Profile>) =
        profiles.iter().cloned().partition(|p| p.id.as_str() < "c");
    let mut state = Tracked::new(Stats::of(&first), w.clone());
    state.add(NONE, first).expect("add");
    state.add(NONE, later).expect("add");
    let (refreshed, all) = state.refreshed(NONE).expect("refresh");
    let mut refreshed = Tracked::of(refreshed);
    refreshed.apply(all);
    assert_eq!(refreshed.stats(), &Stats::of(&profiles));
    assert_eq!(
        refreshed.grouping(),
        group(&profiles, &Stats::of(&profiles), &w)
    );
}

#[test]
fn an_added_article_reexamines_only_the_components_it_touches() {
    let profiles = incremental_fixture();
    let stats = Stats::of(&profiles);
    let w = Weights::default();
    let (c1, rest): (Vec<Profile>, Vec<Profile>) = profiles.into_iter().partition(|p| p.id == "c1");
    let mut state = Tracked::new(stats, w);
    let first = state.add(NONE, rest).expect("add");
    assert_eq!(first.removed, Vec::<String>::new());
    assert!(!first.changed.is_empty());
    // The Chargers article shares nothing with the earthquakes: only it
    // and its second report are looked at again, and nothing else changes.
    let update = state.add(NONE, c1.clone()).expect("add");
    assert_eq!(update.added, vec!["c1".to_string()]);
    assert_eq!(update.reexamined, 2, "{update:?}");
    assert_eq!(update.changed.len(), 1);
    assert_eq!(
        update.changed[0]
            .articles
            .iter()
            .map(|a| a.id.as_str())
            .collect::<Vec<_>>()
            .len(),
        2
    );
    assert_eq!(
        update.removed.len(),
        1,
        "the second report's event was merged"
    );
    // The same article again is known, not added.
    let again = state.add(NONE, c1).expect("add");
    assert_eq!(again.known, vec!["c1".to_string()]);
    assert!(again.added.is_empty() && again.changed.is_empty());
}

/// The incremental fixture, its statistics, a state holding the articles
/// not starting with 'b', and those that do (to add later).
fn half_added() -> (Vec<Profile>, Stats, Tracked, Vec<Profile>) {
    let profiles = incremental_fixture();
    let stats = Stats::of(&profiles);
    let (late, early): (Vec<Profile>, Vec<Profile>) = profiles
        .iter()
        .cloned()
        .partition(|p| p.id.starts_with('b'));
    let mut state = Tracked::new(stats.clone(), Weights::default());
    state.add(NONE, early).expect("add");
    (profiles, stats, state, late)
}

#[test]
fn the_event_state_survives_saving_and_loading() {
    let (profiles, stats, state, late) = half_added();
    let saved = serde_json::to_string(&state.state).expect("serialise");
    let mut loaded = state.clone();
    loaded.state = serde_json::from_str(&saved).expect("deserialise");
    loaded.add(NONE, late).expect("add");
    assert_eq!(
        loaded.grouping(),
        group(&profiles, &stats, &Weights::default())
    );
}

/// A state saved with each event's term centroid in its facts (before
/// they had a place of their own) hands them over to be saved apart.
#[test]
fn centroids_saved_in_a_states_events_are_handed_over_at_load() {
    let (_, _, mut state, _) = half_added();
    let mut saved = serde_json::to_value(&state.state).expect("serialise");
    let fields = saved.as_object_mut().expect("an object");
    let centroids = fields.remove("centroids").expect("centroids");
    let centroids = centroids.as_object().expect("a map");
    assert!(!centroids.is_empty());
    for slot in fields["events"]
        .as_object_mut()
        .expect("events")
        .values_mut()
    {
        let id = slot["head"]["id"].as_str().expect("id").to_string();
        if let Some(c) = centroids.get(&id) {
            slot["facts"]["centroid"] = c.clone();
        }
    }
    let mut old: EventState = serde_json::from_value(saved).expect("deserialise");
    old.mark_cached_unsaved();
    let handed = old.take_unsaved_centroids();
    assert!(handed.dropped.is_empty());
    let now = state.take_unsaved_centroids();
    assert_eq!(handed.put.len(), centroids.len());
    assert_eq!(handed.put, now.put);
}

/// A state saved before linkage groups were kept (its events by
/// component of the candidate graph) is read, and grouped again whole at
/// its first change: then as one run over all its articles.
#[test]
fn a_state_saved_with_components_is_grouped_again_at_its_first_change() {
    let (profiles, stats, state, late) = half_added();
    // The same state as the older format held it.
    let mut saved = serde_json::to_value(&state.state).expect("serialise");
    let fields = saved.as_object_mut().expect("an object");
    let mut component_of = serde_json::Map::new();
    let mut slots = Vec::new();
    for (id, articles) in state.event_articles() {
        for a in articles {
            component_of.insert(a.clone(), serde_json::json!("c"));
        }
        let head = serde_json::json!({
            "id": id, "date": null, "date_estimated": false, "date_evidence": [], "title": null
        });
        slots.push(serde_json::json!({ "head": head, "articles": articles }));
    }
    for gone in ["group_of", "groups", "events", "modes"] {
        fields.remove(gone);
    }
    fields.insert("component_of".into(), component_of.into());
    fields.insert(
        "components".into(),
        serde_json::json!({ "c": { "articles": [], "slots": slots, "facts": [] } }),
    );
    let mut loaded = Tracked::of(serde_json::from_value(saved).expect("deserialise"));
    assert_eq!(loaded.articles(), state.articles());
    let known = loaded.event_articles().count();
    assert_eq!(known, state.event_articles().count());
    let update = loaded.add(NONE, late).expect("add");
    assert!(
        update.changed.len() >= known,
        "every event is reported again"
    );
    assert_eq!(
        loaded.grouping(),
        group(&profiles, &stats, &Weights::default())
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// A state that keeps no profiles and no postings between adds (as
    /// the store saves them apart and evicts its caches) reads those it
    /// compares from its source, and groups as one run does; a rename
    /// (removed, then added again) and a takedown go through the source
    /// too.
    #[test]
    fn a_state_without_its_profiles_and_postings_reads_them_from_its_source(cuts in 1usize..6) {
        let profiles = incremental_fixture();
        let stats = Stats::of(&profiles);
        let w = Weights::default();
        let mut saved = Saved::default();
        let mut state = Tracked::new(stats.clone(), w.clone());
        let size = profiles.len().div_ceil(cuts);
        for batch in profiles.chunks(size) {
            state.add(&saved, batch.to_vec()).expect("add");
            saved.save(&mut state);
            prop_assert!(state.take_unsaved().is_empty());
        }
        prop_assert_eq!(saved.profiles.len(), profiles.len());
        prop_assert_eq!(state.grouping(), group(&profiles, &stats, &w));
        // The events' term centroids are saved apart too, one per event
        // with principal actors: the serialised state holds none.
        let events = |state: &Tracked| -> std::collections::BTreeSet<String> {
            state.event_articles().map(|(id, _)| id.to_string()).collect()
        };
        prop_assert!(!saved.centroids.is_empty());
        prop_assert!(saved.centroids.keys().all(|id| events(&state).contains(id)));
        let json = serde_json::to_string(&state.state).expect("serialise");
        prop_assert!(!json.contains("\"centroid\""));
        // A missing profile is an error, not a panic.
        let mut broken = state.clone();
        prop_assert!(broken.remove(&Saved::default(), &["z-bridge".to_string()]).is_err());
        // A rename: the same profile removed and added again.
        let again = saved.profiles["a1"].clone();
        state.replace(&saved, vec![again]).expect("replace");
        saved.save(&mut state);
        prop_assert_eq!(state.grouping(), group(&profiles, &stats, &w));
        // A takedown reads the profile it removes, and its postings.
        state.remove(&saved, &["z-bridge".to_string()]).expect("remove");
        saved.save(&mut state);
        prop_assert!(saved.postings.values().all(|ids| !ids.contains("z-bridge")));
        prop_assert!(saved.centroids.keys().all(|id| events(&state).contains(id)));
        let rest: Vec<Profile> =
            profiles.iter().filter(|p| p.id != "z-bridge").cloned().collect();
        prop_assert_eq!(state.grouping(), group(&rest, &stats, &w));
        // Adding after the takedown finds the others through saved postings.
        let bridge = profiles.iter().find(|p| p.id == "z-bridge").cloned().expect("bridge");
        state.add(&saved, vec![bridge]).expect("add");
        prop_assert_eq!(state.grouping(), group(&profiles, &stats, &w));
    }
}

/// What a store saves of a state: profiles and postings in their own
/// places, the rest serialised without them.
#[derive(Default)]
struct Saved {
    profiles: std::collections::BTreeMap<String, Profile>,
    postings: std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
    centroids: std::collections::BTreeMap<String, crate::Centroid>,
}

impl Saved {
    /// Saves what the state has not, empties its caches and reloads it
    /// from its serialised form.
    fn save(&mut self, state: &mut Tracked) {
        for p in state.take_unsaved() {
            self.profiles.insert(p.id.clone(), p);
        }
        let changes = state.take_unsaved_postings();
        for (k, id) in changes.removed {
            if let Some(ids) = self.postings.get_mut(&k) {
                ids.remove(&id);
            }
        }
        for (k, id) in changes.added {
            self.postings.entry(k).or_default().insert(id);
        }
        let centroids = state.take_unsaved_centroids();
        for id in centroids.dropped {
            self.centroids.remove(&id);
        }
        self.centroids.extend(centroids.put);
        state.evict();
        let json = serde_json::to_string(&state.state).expect("serialise");
        state.state = serde_json::from_str(&json).expect("deserialise");
    }
}

impl StateSource for Saved {
    fn profiles(&self, ids: &[&str]) -> Result<Vec<Profile>, SourceError> {
        self.profiles.profiles(ids)
    }

    fn posting(&self, key: &str, limit: usize) -> Result<Vec<String>, SourceError> {
        Ok(self
            .postings
            .get(key)
            .map(|ids| ids.iter().take(limit).cloned().collect())
            .unwrap_or_default())
    }

    fn centroids(&self, ids: &[&str]) -> Result<Vec<(String, crate::Centroid)>, SourceError> {
        Ok(ids
            .iter()
            .filter_map(|id| self.centroids.get(*id).map(|c| (id.to_string(), c.clone())))
            .collect())
    }
}

#[test]
fn an_article_alone_says_why() {
    let g = events_of(&fixture());
    let alone = g
        .events
        .iter()
        .flat_map(|e| e.articles.iter())
        .find(|a| a.id == "c1")
        .expect("c1");
    // The Chargers article shares nothing with the earthquakes.
    assert!(alone.why.is_none());
    assert!(
        alone
            .alone
            .as_deref()
            .is_some_and(|r| r.starts_with("no other article")),
        "{alone:?}"
    );
    // A report in a group of several is not alone.
    let a1 = g
        .events
        .iter()
        .flat_map(|e| e.articles.iter())
        .find(|a| a.id == "a1")
        .expect("a1");
    assert!(a1.alone.is_none() && a1.why.is_some());
    // Two articles that share a word but not enough.
    let weak = [
        article(
            "w1",
            "Storm",
            "A storm hit the coast of Varnia.",
            &[],
            None,
            &[],
        ),
        article(
            "w2",
            "Market",
            "The market in Varnia opened late.",
            &[],
            None,
            &[],
        ),
    ];
    let strict = Weights {
        event_threshold: 0.99,
        singleton_threshold: 0.99,
        ..Weights::default()
    };
    let profiles: Vec<Profile> = weak.iter().map(Profile::of).collect();
    let g = group(&profiles, &Stats::of(&profiles), &strict);
    assert_eq!(g.events.len(), 2);
    let w1 = &g
        .events
        .iter()
        .find(|e| e.articles[0].id == "w1")
        .expect("w1")
        .articles[0];
    // Their pair is below what joins anything: not named (it lies
    // outside the article's component, which an incremental run regroups
    // alone), and the reason says what was needed.
    assert_eq!(w1.why, None);
    assert!(
        w1.alone.as_deref().is_some_and(|r| r.contains("0.99")),
        "{w1:?}"
    );
}

#[test]
fn entity_maps_stay_sorted_and_serialise_as_maps() {
    let f = |name: &str, mentions: u32| EntityFeature {
        kind: Person,
        name: name.to_string(),
        mentions,
    };
    let mut m = EntityMap::default();
    assert!(m.insert("wang yi".into(), f("Wang Yi", 1)).is_none());
    assert!(m.insert("lavrov".into(), f("Lavrov", 1)).is_none());
    assert!(m.insert("xi jinping".into(), f("Xi Jinping", 2)).is_none());
    assert_eq!(
        m.insert("lavrov".into(), f("Sergey Lavrov", 3))
            .map(|o| o.name),
        Some("Lavrov".to_string())
    );
    let keys: Vec<&String> = m.keys().collect();
    assert_eq!(keys, ["lavrov", "wang yi", "xi jinping"]);
    assert_eq!(m.get("lavrov").map(|e| e.mentions), Some(3));
    assert!(m.remove("wang yi").is_some());
    assert!(!m.contains_key("wang yi") && m.len() == 2);
    let json = serde_json::to_string(&m).expect("serialises");
    assert!(json.starts_with("{\"lavrov\":"), "{json}");
    let back: EntityMap = serde_json::from_str(&json).expect("deserialises");
    assert_eq!(back, m);
}

/// Across languages, a name written only in Chinese script is no evidence
/// of another event: the English report writes it in Latin letters.
#[test]
fn a_name_in_another_script_is_no_evidence_across_languages() {
    let mut zh = article(
        "zh",
        "江泽民会见客人",
        "国家主席江泽民在北京会见了客人。",
        &[(Person, "江泽民", 3), (Place, "Beijing", 1)],
        Some("1997-02-03"),
        &["1997-02-03"],
    );
    zh.language = Some("zh".to_string());
    let en = article(
        "en",
        "Jiang Zemin meets guests",
        "President Jiang Zemin met guests in Beijing.",
        &[(Person, "Jiang Zemin", 3), (Place, "Beijing", 1)],
        Some("1997-02-03"),
        &["1997-02-03"],
    );
    let mut zh_same_language = zh.clone();
    zh_same_language.language = Some("en".to_string());
    let w = Weights::default();
    let score = |a: &Article, b: &Article| explained(a, b, &w);
    let across = score(&zh, &en);
    assert!(
        across
            .signals
            .iter()
            .all(|s| s.signal != "principal_person"),
        "{across:?}"
    );
    // Within one language the same two names are two people.
    let within = score(&zh_same_language, &en);
    assert!(
        within
            .signals
            .iter()
            .any(|s| s.signal == "principal_person"),
        "{within:?}"
    );
    assert!(across.raw > within.raw, "{across:?} {within:?}");
}

/// A made-up word of eight letters, one per number.
fn letters(i: usize) -> String {
    let mut h = stable_hash(&i.to_le_bytes(), 7);
    (0..8)
        .map(|_| {
            let c = (b'a' + (h % 26) as u8) as char;
            h /= 26;
            c
        })
        .collect()
}

/// One wire story copied by 305 sites among 600 other articles: each of its
/// words and names is in a third of the corpus, too common to select
/// candidates, yet the copies are one event (found through the bands of
/// their MinHash signatures), in one run and added in parts.
#[test]
fn a_much_copied_story_is_one_event_however_common_its_words() {
    let story = "The central bank raised its main interest rate by half a point \
        on Thursday, the third increase this year, citing persistent inflation \
        in food and energy prices across the region.";
    let mut articles: Vec<Article> = (0..305)
        .map(|i| {
            article(
                &format!("w{i:04}"),
                "Central bank raises rates again",
                story,
                &[(Org, "Central Bank", 2)],
                None,
                &[],
            )
        })
        .collect();
    articles.extend((0..600).map(|i| {
        article(
            &format!("o{i:04}"),
            "",
            &format!(
                "Unrelated report {} about {} and {} today.",
                letters(i),
                letters(i + 1000),
                letters(i + 2000)
            ),
            &[],
            None,
            &[],
        )
    }));
    let g = events_of(&articles);
    let copies: Vec<&herald_model::Event> = g
        .events
        .iter()
        .filter(|e| e.articles.iter().any(|a| a.id.starts_with('w')))
        .collect();
    assert_eq!(
        copies.len(),
        1,
        "the copies fell into {} events",
        copies.len()
    );
    assert_eq!(copies[0].articles.len(), 305);
    assert_eq!(
        copies[0]
            .articles
            .iter()
            .filter(|a| a.copy_of.is_some())
            .count(),
        304
    );
    assert_eq!(g.events.len(), 601);

    // Added in three parts to a state, the same events.
    let profiles: Vec<Profile> = articles.iter().map(Profile::of).collect();
    let stats = Stats::of(&profiles);
    let mut state = Tracked::new(stats, Weights::default());
    let mut rest = profiles;
    let third = rest.split_off(600);
    let second = rest.split_off(300);
    for part in [rest, second, third] {
        state.add(NONE, part).expect("add");
    }
    assert_eq!(partition(&state.grouping()), partition(&g));
}

/// Two arrests of two players of one team: the second report names the
/// first player in passing, the first never names the second. Their most
/// mentioned persons differ and one is absent from the other report:
/// evidence against one event, no stronger than when neither names the
/// other's.
#[test]
fn a_principal_person_named_only_in_passing_is_evidence_of_another_event() {
    let first = article(
        "a",
        "Receiver arrested on DUI charge",
        "Chargers receiver Vincent Jackson was arrested on a DUI charge early Tuesday. \
         Jackson will play on Sunday, the team said.",
        &[(Person, "Vincent Jackson", 3), (Org, "Chargers", 1)],
        None,
        &[],
    );
    let second = article(
        "b",
        "Lineman arrested on DUI suspicion",
        "Chargers lineman Jamal Williams was arrested on suspicion of drunken driving, \
         the team's second such arrest after Vincent Jackson's. Williams was speeding.",
        &[
            (Person, "Jamal Williams", 3),
            (Person, "Vincent Jackson", 1),
            (Org, "Chargers", 1),
        ],
        None,
        &[],
    );
    let w = Weights::default();
    let s = explained(&first, &second, &w);
    let against: Vec<_> = s
        .signals
        .iter()
        .filter(|x| x.signal == "principal_person")
        .collect();
    assert_eq!(against.len(), 1, "{s:?}");
    assert!((against[0].weight + w.principal_person_one_sided).abs() < 1e-9);
    assert!(w.principal_person_one_sided <= w.principal_person);
    assert!(against[0].detail.contains("Jamal Williams"), "{s:?}");
}

/// The score shown is the raw score calibrated: without embeddings it
/// grows with the raw score, stays in [0, 1], is 0 for no evidence or
/// evidence against, and spreads a weak raw score (0.2 shows as more than
/// 0.5); with embeddings it is the raw score clamped.
#[test]
fn scores_are_the_raw_sums_calibrated() {
    let w = Weights::default();
    let mut last = -1.0;
    for i in -10..=40 {
        let raw = f64::from(i) / 10.0;
        let s = w.calibrated(raw, false);
        assert!((0.0..=1.0).contains(&s), "{raw}: {s}");
        assert!(s >= last, "{raw}: {s} < {last}");
        last = s;
        assert_eq!(w.calibrated(raw, true), raw.clamp(0.0, 1.0));
    }
    assert_eq!(w.calibrated(0.0, false), 0.0);
    assert_eq!(w.calibrated(-0.3, false), 0.0);
    assert!(w.calibrated(0.2, false) > 0.5);
    let plain = Weights {
        score_rate: 0.0,
        ..Weights::default()
    };
    assert_eq!(plain.calibrated(0.2, false), 0.2);
}

/// Reports of two arrests of one team's players, a month apart: the same
/// words, pair by pair as close as reports of one arrest. Most reports of
/// each are about their player; the later ones name the earlier player in
/// passing ("the team's second such arrest"), the earlier ones cannot
/// name the later one. As groups they are two events; one report of a
/// crime naming its victim as often as the accused, and reports naming
/// only the victim, are one event.
#[test]
fn groups_about_other_principals_named_in_passing_stay_apart() {
    let body = "The Chargers player was arrested on suspicion of drunk driving early \
                on a San Diego freeway, the highway patrol said. He was booked into \
                county jail and released on bail; the team said it was aware of the arrest.";
    let report = |id: &str, persons: &[(EntityKind, &str, usize)]| {
        article(
            id,
            "Chargers player arrested on suspicion of DUI",
            body,
            persons,
            None,
            &[],
        )
    };
    let articles = vec![
        report("j1", &[(Person, "Vincent Jackson", 4)]),
        report("j2", &[(Person, "Vincent Jackson", 3)]),
        report("j3", &[(Person, "Vincent Jackson", 5)]),
        report(
            "w1",
            &[
                (Person, "Jamal Williams", 4),
                (Person, "Vincent Jackson", 1),
            ],
        ),
        report(
            "w2",
            &[
                (Person, "Jamal Williams", 3),
                (Person, "Vincent Jackson", 1),
            ],
        ),
        report("w3", &[(Person, "Jamal Williams", 4)]),
    ];
    let ids = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        partition(&events_of(&articles)),
        vec![ids(&["j1", "j2", "j3"]), ids(&["w1", "w2", "w3"])]
    );
    // Pair by pair they are one event: the rule over groups parts them.
    let profiles: Vec<Profile> = articles.iter().map(Profile::of).collect();
    let stats = Stats::of(&profiles);
    let without = Weights {
        group_vetoes: false,
        ..Weights::default()
    };
    assert_eq!(partition(&group(&profiles, &stats, &without)).len(), 1);

    // The accused and the victim of one crime: the reports about the
    // accused name the victim about as often.
    let crime = vec![
        report(
            "a1",
            &[(Person, "Anthony LaSalle", 4), (Person, "Luann Johnson", 3)],
        ),
        report(
            "a2",
            &[(Person, "Anthony LaSalle", 5), (Person, "Luann Johnson", 2)],
        ),
        report("v1", &[(Person, "Luann Johnson", 3)]),
        report("v2", &[(Person, "Luann Johnson", 4)]),
    ];
    assert_eq!(partition(&events_of(&crime)).len(), 1);
}

/// A profile's terms keep the `[term, count]` pairs they are stored as,
/// in term order, and a count past `u16::MAX` is held at it.
#[test]
fn terms_round_trip_as_pairs() {
    let mut i = Interner::new();
    let terms = Terms::from_sorted([
        (i.intern("beijing"), 3),
        (i.intern("lavrov"), 70_000),
        (i.intern("visit"), 1),
    ]);
    let json = serde_json::to_string(&terms).expect("serialises");
    assert_eq!(json, r#"[["beijing",3],["lavrov",65535],["visit",1]]"#);
    assert_eq!(terms.get("beijing"), Some(3));
    assert_eq!(terms.get("moscow"), None);
    let back: Terms =
        serde_json::from_str(r#"[["visit",1],["beijing",3],["lavrov",65535]]"#).expect("parses");
    assert_eq!(back, terms);
    let a = Profile::of(&article(
        "a",
        "Lavrov in Beijing",
        "Lavrov arrived in Beijing.",
        &[(Person, "Sergey Lavrov", 1)],
        None,
        &[],
    ));
    let stored: Profile =
        serde_json::from_str(&serde_json::to_string(&a).expect("serialises")).expect("parses");
    assert_eq!(stored, a);
}

/// Articles of a file (`herald analyze` output named by
/// `HERALD_CHECK_JSONL`, its first `HERALD_CHECK_N`), added in batches of
/// `HERALD_CHECK_BATCH` and then one by one, and some taken down: the
/// events are those of one run. Ignored: it needs a large file (run it by
/// hand on `bench/generate.py` output, after a change to grouping).
#[test]
#[ignore]
fn incremental_runs_agree_with_one_run_on_a_file() {
    let var = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|x| x.parse().ok())
            .unwrap_or(default)
    };
    let path = std::env::var("HERALD_CHECK_JSONL").expect("HERALD_CHECK_JSONL");
    let (n, batch) = (var("HERALD_CHECK_N", 5000), var("HERALD_CHECK_BATCH", 500));
    let text = std::fs::read_to_string(path).expect("read");
    let profiles: Vec<Profile> = text
        .lines()
        .take(n)
        .map(|l| Profile::of(&serde_json::from_str::<Article>(l).expect("article")))
        .collect();
    let stats = Stats::of(&profiles);
    let w = Weights::default();
    let one = group(&profiles, &stats, &w);
    let (head, tail) = profiles.split_at(profiles.len().saturating_sub(20));
    // Saved after each change as a store saves it: what it reads back
    // comes from the source.
    let mut saved = Saved::default();
    let mut state = Tracked::new(stats.clone(), w.clone());
    for b in head.chunks(batch.max(1)) {
        let u = state.add(&saved, b.to_vec()).expect("add");
        saved.save(&mut state);
        eprintln!("{} added: {} re-examined", b.len(), u.reexamined);
    }
    for p in tail {
        let u = state.add(&saved, vec![p.clone()]).expect("add");
        saved.save(&mut state);
        eprintln!("1 added: {} re-examined", u.reexamined);
    }
    assert_eq!(state.grouping(), one);
    let gone: Vec<String> = profiles.iter().step_by(97).map(|p| p.id.clone()).collect();
    let u = state.remove(&saved, &gone).expect("remove");
    eprintln!("{} removed: {} re-examined", gone.len(), u.reexamined);
    let rest: Vec<Profile> = profiles
        .iter()
        .filter(|p| !gone.contains(&p.id))
        .cloned()
        .collect();
    assert_eq!(state.grouping(), group(&rest, &stats, &w));
}
