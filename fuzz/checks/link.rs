//! The check of the `link` fuzz target, shared by `fuzz/fuzz_targets/link.rs`
//! and the regression test of the crate that keeps its inputs
//! (`tests/fuzz_regressions.rs`), so that both assert the same.

use herald_corpus::{LinkState, link};
use herald_model::{Article, Entity, EntityKind, Mention, Quote};

const LANGS: [Option<&str>; 4] = [Some("en"), Some("de"), Some("fr"), None];
const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
];

/// One article of the `link` target: the first byte picks the language,
/// each line (at most 16) is an entity whose first byte picks the kind
/// (bits 0-1) and the mention count (bits 2-3), the rest is the name.
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

/// The `link` target: up to 8 articles separated by 0xFF; linking them in
/// reverse order gives the same articles.
pub fn run(data: &[u8]) {
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
}
