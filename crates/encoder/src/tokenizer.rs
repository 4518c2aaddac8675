//! The XLM-R SentencePiece tokenizer: per-character normalisation, the
//! metaspace `▁` for spaces, and the most probable Unigram segmentation
//! (Viterbi over the piece scores).
//!
//! As the reference engine does: characters are replaced through the file's
//! normalisation map (NFKC folding, control characters deleted, every kind
//! of space made U+0020), runs of spaces collapse to one, a `▁` is put in
//! front unless the text starts with a space, and each space becomes `▁`.
//! A character that no piece covers is `<unk>` (scored the lowest piece
//! score minus 10), one per character; on equal scores the segmentation
//! found first wins; `<s>`, `</s>` and `<mask>` written in the text match
//! as pieces, as in the reference.
//!
//! One difference, on purpose: trailing spaces are dropped, also those the
//! normalisation makes (from a zero-width space or a control character),
//! where the reference ends with a `▁` token. So `"a "` and `"a"` embed the
//! same. On 6,000 strings (news and code lines, random text from 17
//! Unicode blocks) the ids were the reference's for every string but the
//! 31 that end in such a space.

use crate::format::{NormMap, Vocab};

/// Characters of normalised text tokenised at most; longer text is cut at
/// a space before this (see [`Tokenizer::encode`]).
const MAX_CHARS: usize = 16_384;
const METASPACE: char = '\u{2581}';

#[derive(Debug)]
pub(crate) struct Tokenizer {
    vocab: Vocab,
    norm: NormMap,
    /// Open addressing over piece indices (`index + 1`, 0 empty).
    table: Vec<u32>,
    unk_score: f32,
    longest_piece: usize,
}

/// FNV-1a, 64 bits.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl Tokenizer {
    pub fn new(vocab: Vocab, norm: NormMap) -> Self {
        let n = vocab.scores.len();
        let size = (2 * n).next_power_of_two().max(2);
        let mut table = vec![0u32; size];
        let mask = size - 1;
        let mut longest_piece = 1;
        for i in 0..n {
            let piece = piece_bytes(&vocab, i);
            if piece.is_empty() {
                continue;
            }
            longest_piece = longest_piece.max(piece.len());
            let mut slot = hash(piece) as usize & mask;
            loop {
                match table[slot] {
                    0 => break,
                    // A repeated piece: the first keeps its place.
                    v if piece_bytes(&vocab, v as usize - 1) == piece => break,
                    _ => slot = (slot + 1) & mask,
                }
            }
            if table[slot] == 0 {
                table[slot] = i as u32 + 1;
            }
        }
        let min_score = vocab.scores.iter().copied().fold(f32::INFINITY, f32::min);
        Tokenizer {
            vocab,
            norm,
            table,
            unk_score: min_score - 10.0,
            longest_piece,
        }
    }

    pub fn bos(&self) -> u32 {
        self.vocab.bos
    }

    pub fn eos(&self) -> u32 {
        self.vocab.eos
    }

    pub fn pieces(&self) -> usize {
        self.vocab.scores.len()
    }

    /// The bytes of piece `id`, if there is one.
    pub fn piece(&self, id: u32) -> Option<&[u8]> {
        ((id as usize) < self.pieces()).then(|| piece_bytes(&self.vocab, id as usize))
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.vocab.blob.len()
            + self.vocab.offsets.len() * 4
            + self.vocab.scores.len() * 4
            + self.table.len() * 4
            + self.norm.keys.len() * 8
            + self.norm.outs.len() * 4
    }

    fn lookup(&self, bytes: &[u8]) -> Option<u32> {
        let mask = self.table.len() - 1;
        let mut slot = hash(bytes) as usize & mask;
        loop {
            let v = self.table[slot];
            if v == 0 {
                return None;
            }
            if piece_bytes(&self.vocab, v as usize - 1) == bytes {
                return Some(v - 1);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Appends the normalised characters of `text` to `out`, one space for
    /// a run of spaces, and stops once `out` is longer than [`MAX_CHARS`].
    fn normalise(&self, text: &str, out: &mut Vec<char>) {
        let push = |c: char, out: &mut Vec<char>| {
            if !(c == ' ' && out.last() == Some(&' ')) {
                out.push(c);
            }
        };
        for ch in text.chars() {
            if out.len() > MAX_CHARS {
                return;
            }
            match self.norm.keys.binary_search(&u32::from(ch)) {
                Ok(i) => {
                    let (a, b) = (
                        self.norm.starts[i] as usize,
                        self.norm.starts[i + 1] as usize,
                    );
                    for &c in &self.norm.outs[a..b] {
                        push(c, out);
                    }
                }
                Err(_) => push(ch, out),
            }
        }
    }

    /// The piece ids of `prefix` + `text` (no `<s>`, `</s>`), the first
    /// `max` of them.
    ///
    /// Only the first [`MAX_CHARS`] normalised characters are tokenised,
    /// cut before a space where there is one in the second half: no piece
    /// spans a `▁` other than at its start, so the pieces before such a cut
    /// are exactly those of the whole text, and far more than `max` fit.
    pub fn encode(&self, prefix: &str, text: &str, max: usize) -> Vec<u32> {
        let mut chars = Vec::with_capacity(prefix.len() + text.len().min(MAX_CHARS + 32));
        self.normalise(prefix, &mut chars);
        self.normalise(text.trim(), &mut chars);
        while chars.last() == Some(&' ') {
            chars.pop();
        }
        if chars.len() > MAX_CHARS {
            let cut = chars[MAX_CHARS / 2..MAX_CHARS]
                .iter()
                .rposition(|&c| c == ' ')
                .map_or(MAX_CHARS, |i| MAX_CHARS / 2 + i);
            chars.truncate(cut);
        }

        // The text to segment, with the byte offset of each character.
        let mut s = String::with_capacity(chars.len() * 3 + 3);
        let mut starts = Vec::with_capacity(chars.len() + 2);
        if chars.first() != Some(&' ') {
            starts.push(0);
            s.push(METASPACE);
        }
        for &c in &chars {
            starts.push(s.len());
            s.push(if c == ' ' { METASPACE } else { c });
        }
        starts.push(s.len());
        let bytes = s.as_bytes();
        let n = starts.len() - 1;

        // best[i]: score of the best segmentation of characters 0..i;
        // back[i]: (piece or None for <unk>, start of the last piece).
        let mut best = vec![f32::NEG_INFINITY; n + 1];
        let mut back: Vec<(Option<u32>, usize)> = vec![(None, 0); n + 1];
        best[0] = 0.0;
        for i in 0..n {
            let from = starts[i];
            for e in i + 1..=n {
                let len = starts[e] - from;
                if len > self.longest_piece {
                    break;
                }
                if let Some(id) = self.lookup(&bytes[from..starts[e]]) {
                    let score = best[i] + self.vocab.scores[id as usize];
                    if id != self.vocab.unk && score > best[e] {
                        best[e] = score;
                        back[e] = (Some(id), i);
                    }
                }
            }
            let score = best[i] + self.unk_score;
            if score > best[i + 1] {
                best[i + 1] = score;
                back[i + 1] = (None, i);
            }
        }
        let mut ids = Vec::new();
        let mut i = n;
        while i > 0 {
            let (id, from) = back[i];
            ids.push(id.unwrap_or(self.vocab.unk));
            i = from;
        }
        ids.reverse();
        ids.truncate(max);
        ids
    }
}

fn piece_bytes(vocab: &Vocab, i: usize) -> &[u8] {
    &vocab.blob[vocab.offsets[i] as usize..vocab.offsets[i + 1] as usize]
}
