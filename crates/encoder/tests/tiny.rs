//! The encoder on a tiny model written by the test (random weights from a
//! fixed seed): loading, tokenisation, embedding. Needs no real model.

mod common;

use common::{ModelFile, cosine};
use herald_encoder::{Encoder, EncoderError, MODEL_FILE, Prefix};

fn tiny() -> Encoder {
    Encoder::from_bytes(&ModelFile::tiny(1).to_bytes()).expect("the tiny model loads")
}

/// Checks that `text` with `prefix` tokenises to `expected`, the pieces
/// separated by spaces (`<s>` and `</s>` included).
#[track_caller]
fn check(enc: &Encoder, prefix: Prefix, text: &str, expected: &str) {
    let ids = enc.tokenize(text, prefix);
    let pieces: Vec<&str> = ids
        .iter()
        .map(|&id| enc.piece(id).expect("a piece"))
        .collect();
    assert_eq!(pieces.join(" "), expected, "tokens of {text:?}");
}

#[test]
fn tokenises_with_the_most_probable_pieces() {
    let enc = tiny();
    let bare = Prefix::Bare;
    check(&enc, bare, "the cat", "<s> ▁the ▁cat </s>");
    check(&enc, bare, "cats", "<s> ▁cat s </s>");
    // ▁ca + t (-12) loses to ▁c + at (-9.5), which loses to ▁cat (-4).
    check(&enc, bare, "cat", "<s> ▁cat </s>");
    check(&enc, bare, "catat", "<s> ▁cat at </s>");
    check(&enc, bare, "é", "<s> ▁ é </s>");
    check(&enc, bare, "hello world", "<s> ▁hello ▁world </s>");
}

#[test]
fn unknown_characters_are_unk_one_each() {
    let enc = tiny();
    check(&enc, Prefix::Bare, "x", "<s> ▁ <unk> </s>");
    check(&enc, Prefix::Bare, "xy cat", "<s> ▁ <unk> <unk> ▁cat </s>");
    // A literal "<unk>" in the text is not the unknown token's piece.
    check(
        &enc,
        Prefix::Bare,
        "<unk>",
        "<s> ▁ <unk> <unk> <unk> <unk> <unk> </s>",
    );
}

#[test]
fn normalises_spaces_ligatures_and_deletions() {
    let enc = tiny();
    let bare = Prefix::Bare;
    check(&enc, bare, "the\tdog", "<s> ▁the ▁dog </s>");
    check(&enc, bare, "the  \u{a0} dog", "<s> ▁the ▁dog </s>");
    check(&enc, bare, "  the dog  ", "<s> ▁the ▁dog </s>");
    check(&enc, bare, "ca\u{ad}t", "<s> ▁cat </s>");
    check(&enc, bare, "\u{fb01}", "<s> ▁ fi </s>");
    check(&enc, bare, "", "<s> ▁ </s>");
    check(&enc, bare, "   ", "<s> ▁ </s>");
}

#[test]
fn prefixes() {
    let enc = tiny();
    check(&enc, Prefix::Query, "cat", "<s> ▁query : ▁cat </s>");
    check(
        &enc,
        Prefix::Passage,
        "the dog",
        "<s> ▁passage : ▁the ▁dog </s>",
    );
    assert_eq!(
        enc.tokenize("cat", Prefix::Query),
        enc.tokenize("query: cat", Prefix::Bare)
    );
}

#[test]
fn truncates_to_the_model_positions() {
    let enc = tiny();
    // The tiny model has 16 positions: <s>, 14 pieces, </s>.
    assert_eq!(enc.max_tokens(), 16);
    let long = "the ".repeat(40);
    let ids = enc.tokenize(&long, Prefix::Bare);
    assert_eq!(ids.len(), 16);
    assert_eq!(enc.piece(ids[0]), Some("<s>"));
    assert_eq!(enc.piece(ids[15]), Some("</s>"));
    assert!(ids[1..15].iter().all(|&id| enc.piece(id) == Some("▁the")));
    // Only the first 14 pieces count.
    assert_eq!(enc.embed(&long), enc.embed(&"the ".repeat(14)));
}

#[test]
fn very_long_text_is_cut_before_tokenising() {
    let enc = tiny();
    let long = "cat ".repeat(50_000) + "dog";
    let ids = enc.tokenize(&long, Prefix::Bare);
    assert_eq!(ids.len(), 16);
    assert!(ids[1..15].iter().all(|&id| enc.piece(id) == Some("▁cat")));
    let one_word = "é".repeat(100_000);
    assert_eq!(enc.tokenize(&one_word, Prefix::Bare).len(), 16);
}

#[test]
fn embeddings_are_unit_deterministic_and_distinct() {
    let enc = tiny();
    assert_eq!(enc.dim(), 32);
    let texts = [
        "the cat",
        "the dog",
        "hello world",
        "cats",
        "x",
        "",
        "é é é",
    ];
    let vectors: Vec<Vec<f32>> = texts.iter().map(|t| enc.embed(t)).collect();
    for (t, v) in texts.iter().zip(&vectors) {
        assert_eq!(v.len(), 32);
        let norm: f32 = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-5, "{t:?}: norm {norm}");
        assert!(v.iter().all(|x| x.is_finite()));
        assert_eq!(&enc.embed(t), v, "{t:?} twice");
    }
    for i in 0..texts.len() {
        for j in i + 1..texts.len() {
            let c = cosine(&vectors[i], &vectors[j]);
            assert!(c < 0.9999, "{:?} and {:?}: cosine {c}", texts[i], texts[j]);
        }
    }
    // Same text, same vector; surrounding spaces do not count.
    assert_eq!(enc.embed("the cat"), enc.embed("  the cat \t"));
    assert_eq!(enc.embed("the cat"), enc.embed_as("the cat", Prefix::Query));
    assert_ne!(
        enc.embed("the cat"),
        enc.embed_as("the cat", Prefix::Passage)
    );
    let batch = enc.embed_batch(&texts);
    assert_eq!(batch, vectors);
}

#[test]
fn same_bytes_same_vectors() {
    let a = tiny();
    let b = tiny();
    assert_eq!(a.embed("the cat"), b.embed("the cat"));
    let other = Encoder::from_bytes(&ModelFile::tiny(2).to_bytes()).expect("loads");
    assert_ne!(a.embed("the cat"), other.embed("the cat"));
}

/// Pins the tiny model's vector (within 0.002, which the system's `exp`
/// cannot move), so that a change of arithmetic is seen.
#[test]
fn tiny_vector_is_stable() {
    let v = tiny().embed("the cat");
    let pinned = [-0.3325, -0.1974, -0.2457, -0.0425];
    for (i, (got, want)) in v.iter().zip(pinned).enumerate() {
        assert!(
            (got - want).abs() < 0.002,
            "component {i}: {got}, pinned {want}"
        );
    }
}

#[test]
fn loads_from_a_directory() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = ModelFile::tiny(1).to_bytes();
    std::fs::write(dir.path().join(MODEL_FILE), &bytes).expect("write");
    let enc = Encoder::load(dir.path()).expect("loads");
    assert_eq!(enc.embed("the cat"), tiny().embed("the cat"));
    assert!(enc.heap_bytes() > bytes.len() / 2);
}

#[test]
fn missing_file_is_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = Encoder::load(dir.path()).expect_err("no file");
    match &err {
        EncoderError::MissingFile { path } => assert_eq!(path, &dir.path().join(MODEL_FILE)),
        other => panic!("expected MissingFile, got {other:?}"),
    }
    assert!(err.to_string().contains("install-model.sh"), "{err}");
    // A directory where the file should be: an IO error, not a panic.
    std::fs::create_dir(dir.path().join(MODEL_FILE)).expect("mkdir");
    assert!(Encoder::load(dir.path()).is_err());
}

#[test]
fn other_shapes_load_and_embed() {
    // One head; three layers; more positions than MAX_TOKENS.
    for (heads, layers, maxp) in [(1, 2, 16), (4, 3, 16), (2, 1, 200)] {
        let mut m = ModelFile::tiny(3);
        m.dims[2] = heads;
        m.dims[5] = maxp;
        let pos: Vec<f32> = (0..maxp * 32)
            .map(|i| (i as f32 * 0.37).sin() * 0.1)
            .collect();
        *m.tensor_mut("emb.pos") = common::f32_tensor("emb.pos", &pos);
        if layers != 2 {
            let mut extra = ModelFile::tiny(4);
            extra.tensors.retain(|t| t.name.starts_with("l0."));
            m.tensors.retain(|t| !t.name.starts_with("l1."));
            for l in 1..layers {
                for t in &extra.tensors {
                    let mut t = t.clone();
                    t.name = t.name.replacen("l0.", &format!("l{l}."), 1);
                    m.tensors.push(t);
                }
            }
            m.dims[1] = layers;
        }
        let enc = Encoder::from_bytes(&m.to_bytes()).expect("loads");
        assert_eq!(
            enc.max_tokens(),
            herald_encoder::MAX_TOKENS.min(maxp as usize)
        );
        let v = enc.embed(&"the cat ".repeat(100));
        assert!(
            (cosine(&v, &v) - 1.0).abs() < 1e-5,
            "heads {heads} layers {layers}"
        );
    }
}
