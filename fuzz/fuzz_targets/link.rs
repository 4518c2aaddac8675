//! Linking names across a few articles built from the bytes: no panic, and
//! the same result whatever the order of the articles (here: reversed).
//!
//! Articles are separated by 0xFF (at most 8). In each, the first byte picks
//! the language; then each line (at most 16) is one entity: its first byte
//! picks the kind (bits 0-1) and the mention count (bits 2-3, 1 to 4), the
//! rest is the name. Each article has one quote, spoken by its first entity.
#![no_main]

use herald_corpus::{LinkState, link};
use herald_model::{Article, Entity, EntityKind, Mention, Quote};
use libfuzzer_sys::fuzz_target;

const LANGS: [Option<&str>; 4] = [Some("en"), Some("de"), Some("fr"), None];
const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
];

fn article(k: usize, bytes: &[u8]) -> Article {
    let (lang, rest) = match bytes.split_first() {
        Some((&b, rest)) => (LANGS[usize::from(b) % LANGS.len()], rest),
        None => (None, bytes),
    };
    let mut entities = Vec::new();
    for line in rest.split(|&b| b == b'\n').take(16) {
        let Some((&b, name)) = line.split_first() else {
            continue;
        };
        let name = String::from_utf8_lossy(name).into_owned();
        let chars = name.chars().count();
        let mentions = (0..=usize::from((b >> 2) & 3))
            .map(|i| Mention {
                text: name.clone(),
                start: i * (chars + 1),
                end: i * (chars + 1) + chars,
            })
            .collect();
        entities.push(Entity {
            name,
            kind: KINDS[usize::from(b & 3)],
            role: None,
            mentions,
        });
    }
    let quotes = entities
        .first()
        .map(|e| Quote {
            text: "quoted".to_string(),
            speaker: Some(e.name.clone()),
            cue: Some("said".to_string()),
            via: None,
            start: 0,
            end: 6,
        })
        .into_iter()
        .collect();
    Article {
        source: format!("fuzz#{k}"),
        language: lang.map(str::to_string),
        entities,
        quotes,
        ..Article::default()
    }
}

fuzz_target!(|data: &[u8]| {
    let mut forward: Vec<Article> = data
        .split(|&b| b == 0xFF)
        .take(8)
        .enumerate()
        .map(|(k, bytes)| article(k, bytes))
        .collect();
    let mut backward: Vec<Article> = forward.iter().rev().cloned().collect();
    link(&mut forward, &mut LinkState::new());
    link(&mut backward, &mut LinkState::new());
    backward.reverse();
    assert_eq!(
        forward, backward,
        "linking depends on the order of the articles"
    );
});
