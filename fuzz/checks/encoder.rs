//! The check of the `encoder` fuzz target, shared by `fuzz/fuzz_targets/encoder.rs`
//! and the regression test of the crate that keeps its inputs
//! (`tests/fuzz_regressions.rs`), so that both assert the same.

use herald_encoder::Encoder;

/// Bytes a model may hold per byte of its file. A file backs what it
/// holds: Q4_0 blocks widen from 18 to 20 bytes, the tokenizer's table
/// takes at most 16 bytes per piece stored in 8; so 3 at most, and more
/// means the model holds memory that no byte of the file stands for.
const HELD_PER_FILE_BYTE: usize = 4;

/// Short texts to embed: words of the tiny test model, nothing, and
/// characters its normalisation map changes.
const TEXTS: [&str; 3] = ["the cat", "", "x \u{e9}\u{fb01}\u{ad}\t\u{ff21}"];

/// The `encoder` target: the bytes are a model file. Loading gives a model
/// or an error; a model holds at most [`HELD_PER_FILE_BYTE`] bytes per byte
/// of the file, and embeds each of [`TEXTS`] into finite values, as many
/// as its dimension, of length at most 1.
pub fn run(data: &[u8]) {
    let Ok(encoder) = Encoder::from_bytes(data) else {
        return;
    };
    let held = encoder.heap_bytes();
    assert!(
        held <= HELD_PER_FILE_BYTE * data.len(),
        "a model of {held} bytes from a file of {} bytes",
        data.len()
    );
    for text in TEXTS {
        let v = encoder.embed(text);
        assert_eq!(v.len(), encoder.dim(), "the vector of {text:?}");
        assert!(
            v.iter().all(|x| x.is_finite()),
            "the vector of {text:?} is not finite: {v:?}"
        );
        let norm: f32 = v.iter().map(|x| x * x).sum();
        assert!(norm < 1.0001, "the vector of {text:?} has length² {norm}");
    }
}
