//! Linking across articles, on articles whose entities the per-article
//! finder gives (no knowledge base, so that only linking can join names).

use herald_annotate::entities::{Kb, find_entities};
use herald_model::{Article, Entity, EntityKind, Mention, Quote};
use proptest::prelude::*;

use super::*;

fn article(lang: &str, text: &str) -> Article {
    Article {
        source: text.to_string(),
        language: Some(lang.to_string()),
        entities: find_entities(text, lang, &Kb::default(), None),
        text: text.to_string(),
        ..Article::default()
    }
}

fn linked(arts: &[(&str, &str)]) -> Vec<Article> {
    let mut arts: Vec<Article> = arts.iter().map(|(l, t)| article(l, t)).collect();
    link(&mut arts, &mut LinkState::new());
    arts
}

fn linked_en(texts: &[&str]) -> Vec<Vec<String>> {
    let arts: Vec<(&str, &str)> = texts.iter().map(|t| ("en", *t)).collect();
    linked(&arts).iter().map(persons).collect()
}

fn persons(a: &Article) -> Vec<String> {
    a.entities
        .iter()
        .filter(|e| e.kind == EntityKind::Person)
        .map(|e| e.name.clone())
        .collect()
}

fn entity(name: &str, kind: EntityKind) -> Entity {
    Entity {
        name: name.to_string(),
        kind,
        role: None,
        mentions: vec![Mention {
            text: name.to_string(),
            start: 0,
            end: name.chars().count(),
        }],
    }
}

fn with_entities(lang: &str, ents: &[(&str, EntityKind)]) -> Article {
    Article {
        language: Some(lang.to_string()),
        entities: ents.iter().map(|(n, k)| entity(n, *k)).collect(),
        ..Article::default()
    }
}

#[test]
fn surname_takes_the_full_name() {
    let out = linked_en(&[
        "Lindsay Lohan arrived at court on Monday.",
        "Lohan said she was fine.",
        "The actress Lohan left.",
    ]);
    assert_eq!(
        out,
        [["Lindsay Lohan"], ["Lindsay Lohan"], ["Lindsay Lohan"]]
    );
}

#[test]
fn given_name_variants_merge_in_one_language() {
    let out = linked_en(&[
        "Director Jon Owen said the fire was out.",
        "John Owen said the church would rebuild.",
    ]);
    assert_eq!(out[0], out[1]);
    let out = linked_en(&[
        "Alexandros Grigoropoulos was shot.",
        "Alexis Grigoropoulos, 15, died.",
    ]);
    assert_eq!(out[0], out[1]);
}

#[test]
fn given_name_variants_in_two_languages_stay_apart() {
    let out = linked(&[
        ("en", "Director Jon Owen said the fire was out."),
        ("de", "John Owen sagte, die Kirche werde wieder aufgebaut."),
    ]);
    assert_ne!(persons(&out[0]), persons(&out[1]));
}

#[test]
fn two_people_with_one_surname_stay_apart() {
    let out = linked_en(&[
        "Scott Peterson was convicted, prosecutors said.",
        "Laci Peterson, 27, disappeared in 2002.",
        "Mr. Peterson declined to comment.",
    ]);
    assert_eq!(out[0], ["Scott Peterson"]);
    assert_eq!(out[1], ["Laci Peterson"]);
    // No context tells which Peterson: the surname stays alone.
    assert_eq!(out[2], ["Peterson"]);
}

#[test]
fn the_namesake_is_picked_by_context() {
    let out = linked_en(&[
        "Reggie Bush ran for the Saints in New Orleans, coach Sean Payton said.",
        "George W. Bush spoke at the White House in Washington.",
        "The Saints beat Detroit in New Orleans, Bush said.",
    ]);
    assert!(out[2].contains(&"Reggie Bush".to_string()), "{:?}", out[2]);
}

#[test]
fn one_letter_apart_is_two_people() {
    let out = linked_en(&[
        "Officer Tom Rait said the car was stolen.",
        "Tom Raite said the driver fled.",
    ]);
    assert_ne!(out[0], out[1], "{out:?}");
    let out = linked_en(&[
        "Boxer Vitali Klitschko fought in Kiev against Chris Arreola.",
        "Klitchko beat Arreola in Kiev.",
    ]);
    assert!(!out[1].contains(&"Vitali Klitschko".to_string()), "{out:?}");
}

/// The leaks a new user found: a word of another article's person never
/// becomes a person here, whatever its spelling distance or shared first name.
#[test]
fn words_of_other_articles_never_become_persons() {
    let us = with_entities(
        "en",
        &[
            ("Chris Kise", EntityKind::Person),
            ("Joe Biden", EntityKind::Person),
            ("Jim Rich", EntityKind::Person),
            ("Alexandre de Moraes", EntityKind::Person),
        ],
    );
    let de = with_entities(
        "de",
        &[
            ("Krise", EntityKind::Other),
            ("Boden", EntityKind::Other),
            ("Zeit", EntityKind::Other),
        ],
    );
    let en = with_entities(
        "en",
        &[("Jim", EntityKind::Person), ("Rich", EntityKind::Other)],
    );
    let es = with_entities("es", &[("Morales", EntityKind::Person)]);
    let mut arts = vec![us, de.clone(), en.clone(), es.clone()];
    link(&mut arts, &mut LinkState::new());
    assert_eq!(arts[1].entities, de.entities);
    assert_eq!(arts[2].entities, en.entities);
    assert_eq!(arts[3].entities, es.entities);
}

#[test]
fn a_surname_in_another_language_keeps_its_name() {
    let mut arts = vec![
        with_entities("en", &[("Maria Garcia", EntityKind::Person)]),
        with_entities("es", &[("Garcia", EntityKind::Person)]),
    ];
    link(&mut arts, &mut LinkState::new());
    assert_eq!(persons(&arts[1]), ["Garcia"]);
}

#[test]
fn quotes_follow_their_speaker_to_the_full_name() {
    let mut arts = vec![
        with_entities("en", &[("Lindsay Lohan", EntityKind::Person)]),
        with_entities("en", &[("Lohan", EntityKind::Person)]),
    ];
    arts[1].quotes.push(Quote {
        text: "I am fine".to_string(),
        speaker: Some("Lohan".to_string()),
        cue: Some("said".to_string()),
        via: None,
        start: 0,
        end: 9,
    });
    link(&mut arts, &mut LinkState::new());
    assert_eq!(arts[1].quotes[0].speaker.as_deref(), Some("Lindsay Lohan"));
}

#[test]
fn batches_give_what_one_run_gives_and_the_state_round_trips() {
    let texts = [
        "Lindsay Lohan arrived.",
        "Lohan said she left.",
        "Jon Owen spoke.",
        "John Owen spoke again.",
        "Reggie Bush ran for the Saints in New Orleans.",
        "George W. Bush spoke in Washington.",
        "Bush and the Saints won in New Orleans.",
    ];
    let one: Vec<Article> = {
        let mut arts: Vec<Article> = texts.iter().map(|t| article("en", t)).collect();
        link(&mut arts, &mut LinkState::new());
        arts
    };
    // Observed in two batches, through a saved and loaded state.
    let mut first = LinkState::new();
    for t in &texts[..3] {
        first.observe(&article("en", t));
    }
    let saved = serde_json::to_string(&first).expect("serialises");
    let mut state: LinkState = serde_json::from_str(&saved).expect("loads");
    for t in &texts[3..] {
        state.observe(&article("en", t));
    }
    let mut all = LinkState::new();
    for t in &texts {
        all.observe(&article("en", t));
    }
    assert_eq!(state, all);
    let batched: Vec<Article> = texts
        .iter()
        .map(|t| {
            let mut a = article("en", t);
            state.apply(&mut a);
            a
        })
        .collect();
    assert_eq!(one, batched);
}

/// A long list of names (a results table, a generated page) costs linear
/// work: each full name keeps at most `ARTICLE_CONTEXT` context names from
/// an article, and no cluster more than `MAX_CONTEXT`.
#[test]
fn a_long_list_of_names_costs_linear_memory() {
    let names: Vec<String> = (0..5000)
        .map(|i| format!("Given{} Surname{}", i % 97, i))
        .collect();
    let ents: Vec<(&str, EntityKind)> = names
        .iter()
        .map(|n| (n.as_str(), EntityKind::Person))
        .collect();
    let mut state = LinkState::new();
    let mut a = with_entities("en", &ents);
    state.observe(&a);
    let stored: usize = state.names.values().map(|s| s.context.len()).sum();
    assert!(
        stored <= names.len() * ARTICLE_CONTEXT,
        "{stored} context entries"
    );
    state.apply(&mut a);
    let index = state.index.as_ref().expect("built");
    assert!(
        index
            .clusters
            .iter()
            .all(|c| c.context.len() <= MAX_CONTEXT)
    );
    assert_eq!(index.clusters.len(), names.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    /// The result does not depend on the order of the articles.
    #[test]
    fn linking_does_not_depend_on_article_order(
        perm in Just((0..8usize).collect::<Vec<_>>()).prop_shuffle()
    ) {
        let texts = [
            "Lindsay Lohan arrived.",
            "Lohan said she left.",
            "Jon Owen spoke.",
            "John Owen spoke again.",
            "Reggie Bush ran for the Saints in New Orleans.",
            "George W. Bush spoke in Washington.",
            "Bush and the Saints won in New Orleans.",
            "Mr. Owen and Lohan met.",
        ];
        let mut base: Vec<Article> = texts.iter().map(|t| article("en", t)).collect();
        link(&mut base, &mut LinkState::new());
        let mut shuffled: Vec<Article> = perm.iter().map(|&i| article("en", texts[i])).collect();
        link(&mut shuffled, &mut LinkState::new());
        for (k, &i) in perm.iter().enumerate() {
            prop_assert_eq!(&shuffled[k], &base[i]);
        }
    }
}

/// A person the article names "Bush", whom the knowledge base made George
/// W. Bush, is Reggie Bush when the article's context is his; with the
/// president's context, the knowledge base's name stays.
#[test]
fn a_knowledge_base_name_gives_way_to_clear_context() {
    let written = |name: &str, text: &str| Entity {
        name: name.to_string(),
        kind: EntityKind::Person,
        role: None,
        mentions: vec![Mention {
            text: text.to_string(),
            start: 0,
            end: text.chars().count(),
        }],
    };
    let with = |ents: Vec<Entity>| Article {
        language: Some("en".to_string()),
        entities: ents,
        ..Article::default()
    };
    let saints = || entity("New Orleans Saints", EntityKind::Organization);
    let house = || entity("White House", EntityKind::Place);
    let mut arts = vec![
        with(vec![written("Reggie Bush", "Reggie Bush"), saints()]),
        with(vec![written("George W. Bush", "Bush"), saints()]),
        with(vec![written("George W. Bush", "George W. Bush"), house()]),
        with(vec![written("George W. Bush", "Bush"), house()]),
    ];
    link(&mut arts, &mut LinkState::new());
    assert_eq!(persons(&arts[1]), ["Reggie Bush"]);
    assert_eq!(persons(&arts[3]), ["George W. Bush"]);
}

#[test]
fn renaming_a_profile_gives_the_profile_of_the_linked_article() {
    // What `herald events` does to save memory (profile at once, keep only
    // `Persons`, rename after the run) must equal profiling linked articles.
    let texts = [
        (
            "en",
            "Lindsay Lohan arrived at court on Monday with Lohan's lawyer.",
        ),
        ("en", "Lohan said she was fine. Lohan left Los Angeles."),
        ("en", "The actress Lohan left Los Angeles for Paris."),
        ("de", "Lohan sagte in Berlin nichts."),
        ("en", "Jim Rich and Jimmy Rich met Rich in Texas."),
    ];
    let raw: Vec<Article> = texts.iter().map(|(l, t)| article(l, t)).collect();
    let mut state = LinkState::new();
    for a in &raw {
        state.observe(a);
    }
    let mut renamed_any = false;
    for a in &raw {
        let mut profile = crate::Profile::of(a);
        if let Some(persons) = Persons::of(a) {
            let renames = state.renames(&persons);
            renamed_any |= !renames.is_empty();
            profile.rename(&renames);
        }
        let mut linked = a.clone();
        state.apply(&mut linked);
        assert_eq!(profile, crate::Profile::of(&linked), "{}", a.text);
    }
    assert!(renamed_any, "the fixture must exercise renaming");
}

/// A takedown: the names only a forgotten article wrote no longer give
/// anyone a canonical name; names other articles write stay.
#[test]
fn a_forgotten_article_no_longer_names_anyone() {
    let taken_down = with_entities(
        "en",
        &[
            ("Marta Kowalczyk", EntityKind::Person),
            ("Anton Berg", EntityKind::Person),
        ],
    );
    let other = with_entities("en", &[("Anton Berg", EntityKind::Person)]);
    let mut state = LinkState::new();
    state.observe(&taken_down);
    state.observe(&other);
    let written = Persons::of(&taken_down).expect("persons");
    let mut before_takedown = with_entities("en", &[("Kowalczyk", EntityKind::Person)]);
    state.clone().apply(&mut before_takedown);
    assert_eq!(persons(&before_takedown), ["Marta Kowalczyk"]);
    state.forget(&written);
    assert!(!state.knows("Marta Kowalczyk"));
    assert!(state.knows("Anton Berg"));
    // "Kowalczyk" alone is no longer taken for the forgotten full name.
    let mut later = with_entities("en", &[("Kowalczyk", EntityKind::Person)]);
    state.apply(&mut later);
    assert_eq!(persons(&later), ["Kowalczyk"]);
    let mut berg = with_entities("en", &[("Berg", EntityKind::Person)]);
    state.apply(&mut berg);
    assert_eq!(persons(&berg), ["Anton Berg"]);
    // Forgetting what was never observed changes nothing.
    let before = state.clone();
    state.forget(
        &Persons::of(&with_entities("en", &[("Ida Lund", EntityKind::Person)])).expect("p"),
    );
    assert_eq!(state, before);
}
