//! 4-bit weights, 8-bit activations and their matrix product.
//!
//! Weights stay as the file has them, Q4_0: blocks of 32 four-bit values
//! with one scale each (the f16 scale widened to f32 at load). Activations
//! are quantised per block of 32 to integers in -128..=127 with an f32
//! scale (Q8_0), as the reference engine does, so that a product is exact
//! integer arithmetic within a block and one float multiply-add per block:
//!
//! `y[t][o] = b[o] + sum over blocks k of (dw[o][k] * da[t][k]) * sum_j w[o][32k+j] * a[t][32k+j]`
//!
//! The block product is a plain sum of 16-bit products over 32 values,
//! which the compiler makes four `pmaddwd` and a horizontal sum (SSE2, the
//! x86-64 baseline; wider forms when the target has them). [`matmul`]
//! unpacks eight weight rows at a time to 16-bit integers, so that they
//! stay in the L1 cache for every token, and computes two tokens times two
//! rows per pass, so that each block loaded serves two products. (Forms
//! that keep the four lanes as four rows, without the horizontal sum, came
//! out of the compiler as two `pmaddwd` per product or none: slower.)

use crate::EncoderError;
use crate::format::{BLOCK, BLOCK_BYTES};

/// Half-precision bits to f32 (subnormals, infinities and NaN included).
pub(crate) fn f16_to_f32(h: u16) -> f32 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = u32::from((h >> 10) & 0x1f);
    let man = u32::from(h & 0x3ff);
    match exp {
        // Zero and subnormals: man * 2^-24, exact in f32.
        0 => sign * man as f32 * (1.0 / 16_777_216.0),
        31 if man == 0 => sign * f32::INFINITY,
        31 => f32::NAN,
        // Normal: rebias the exponent from 15 to 127.
        _ => {
            let bits = (u32::from(h & 0x8000) << 16) | ((exp + 112) << 23) | (man << 13);
            f32::from_bits(bits)
        }
    }
}

/// A row-major `[rows][cols]` Q4_0 matrix.
#[derive(Debug)]
pub(crate) struct Q4Matrix {
    rows: usize,
    cols: usize,
    /// `rows * cols / 32` scales.
    scales: Vec<f32>,
    /// 16 bytes per block: byte `j` holds weight `j` (low nibble) and `j + 16`.
    nibbles: Vec<[u8; 16]>,
}

impl Q4Matrix {
    /// From the file's blocks (`data.len()` already checked by the caller to
    /// be `rows * cols / 32 * 18`). Rejects non-finite scales.
    pub fn new(data: &[u8], rows: usize, cols: usize, name: &str) -> Result<Self, EncoderError> {
        debug_assert_eq!(data.len(), rows * cols / BLOCK * BLOCK_BYTES);
        let blocks = data.len() / BLOCK_BYTES;
        let mut scales = Vec::with_capacity(blocks);
        let mut nibbles = Vec::with_capacity(blocks);
        for (i, b) in data.chunks_exact(BLOCK_BYTES).enumerate() {
            let d = f16_to_f32(u16::from_le_bytes([b[0], b[1]]));
            if !d.is_finite() {
                return Err(EncoderError::Inconsistent(format!(
                    "tensor {name}: scale of block {i} is not finite"
                )));
            }
            scales.push(d);
            let mut q = [0u8; 16];
            q.copy_from_slice(&b[2..]);
            nibbles.push(q);
        }
        Ok(Q4Matrix {
            rows,
            cols,
            scales,
            nibbles,
        })
    }

    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.scales.len() * 4 + self.nibbles.len() * 16
    }

    /// Row `r` as f32 values into `out` (`cols` long).
    pub fn dequantize_row(&self, r: usize, out: &mut [f32]) {
        let nb = self.cols / BLOCK;
        let range = r * nb..(r + 1) * nb;
        let blocks = self.nibbles[range.clone()].iter().zip(&self.scales[range]);
        for ((q, &d), o) in blocks.zip(out.chunks_exact_mut(BLOCK)) {
            for j in 0..16 {
                o[j] = f32::from(i16::from(q[j] & 0x0f) - 8) * d;
                o[j + 16] = f32::from(i16::from(q[j] >> 4) - 8) * d;
            }
        }
    }

    /// Rows `r0..r0 + out.len() / cols` as signed integers (-8..=7).
    fn unpack_rows(&self, r0: usize, out: &mut [i16]) {
        let nb = self.cols / BLOCK;
        let first = r0 * nb;
        for (q, o) in self.nibbles[first..]
            .iter()
            .zip(out.chunks_exact_mut(BLOCK))
        {
            for j in 0..16 {
                o[j] = i16::from(q[j] & 0x0f) - 8;
                o[j + 16] = i16::from(q[j] >> 4) - 8;
            }
        }
    }
}

/// Activations `[rows][cols]` quantised per block of 32 (Q8_0).
#[derive(Debug, Default)]
pub(crate) struct QActs {
    cols: usize,
    /// Values in -128..=127, widened to i16 for the product.
    q: Vec<i16>,
    /// One scale per block.
    d: Vec<f32>,
}

impl QActs {
    /// Quantises `x` (`rows * cols`, `cols` a multiple of 32) into `self`,
    /// reusing its buffers. Per block: scale = max |x| / 127, values
    /// rounded half to even and clamped.
    pub fn quantize(&mut self, x: &[f32], cols: usize) {
        self.cols = cols;
        self.q.clear();
        self.d.clear();
        for block in x.chunks_exact(BLOCK) {
            let amax = block.iter().fold(0.0f32, |m, v| m.max(v.abs()));
            let d = amax / 127.0;
            let inv = if d > 0.0 { 1.0 / d } else { 0.0 };
            self.d.push(d);
            self.q.extend(block.iter().map(|&v| round_to_i8(v * inv)));
        }
    }

    fn rows(&self) -> usize {
        self.q.len().checked_div(self.cols).unwrap_or(0)
    }
}

/// `x` rounded half to even and clamped to -128..=127 (NaN: 0), as
/// `lrintf` and a clamp do. Written with a truncating conversion and
/// comparisons, which vectorise: `round_ties_even` is a library call on
/// SSE2.
#[inline(always)]
fn round_to_i8(x: f32) -> i16 {
    let x = x.clamp(-128.0, 127.0);
    let t = x as i16; // toward zero; NaN gives 0
    let f = x - f32::from(t);
    let odd = t & 1 != 0;
    let up = f > 0.5 || (f == 0.5 && odd);
    let down = f < -0.5 || (f == -0.5 && odd);
    t + i16::from(up) - i16::from(down)
}

/// Weight rows unpacked together (8 rows of 1536 values: 24 KiB).
const GROUP: usize = 8;

/// A 32-element integer dot product: as written, the compiler makes it
/// four `pmaddwd` and a horizontal sum.
#[inline(always)]
fn dot_block(a: &[i16; BLOCK], w: &[i16; BLOCK]) -> i32 {
    a.iter()
        .zip(w)
        .map(|(&x, &y)| i32::from(x) * i32::from(y))
        .sum()
}

/// The dot product of one activation row and one weight row, block by
/// block with their scales.
#[inline(always)]
fn dot_row(a: &[[i16; BLOCK]], ad: &[f32], w: &[[i16; BLOCK]], wd: &[f32]) -> f32 {
    let mut acc = 0.0f32;
    for (((a, da), w), wd) in a.iter().zip(ad).zip(w).zip(wd) {
        acc += dot_block(a, w) as f32 * (wd * da);
    }
    acc
}

/// One activation row or weight row: its blocks and their scales.
type Row<'a> = (&'a [[i16; BLOCK]], &'a [f32]);

/// The four dot products of two activation rows with two weight rows:
/// each block loaded once serves two products.
#[inline(always)]
fn dot_2x2(a0: Row<'_>, a1: Row<'_>, w0: Row<'_>, w1: Row<'_>) -> [f32; 4] {
    let n = a0.0.len();
    let (a1q, a0d, a1d) = (&a1.0[..n], &a0.1[..n], &a1.1[..n]);
    let (w0q, w1q, w0d, w1d) = (&w0.0[..n], &w1.0[..n], &w0.1[..n], &w1.1[..n]);
    let mut c = [0.0f32; 4];
    for b in 0..n {
        let (x0, x1, y0, y1) = (&a0.0[b], &a1q[b], &w0q[b], &w1q[b]);
        let s = [
            dot_block(x0, y0),
            dot_block(x0, y1),
            dot_block(x1, y0),
            dot_block(x1, y1),
        ];
        let scale = [
            w0d[b] * a0d[b],
            w1d[b] * a0d[b],
            w0d[b] * a1d[b],
            w1d[b] * a1d[b],
        ];
        for ((c, s), scale) in c.iter_mut().zip(s).zip(scale) {
            *c += s as f32 * scale;
        }
    }
    c
}

/// Reusable buffers for [`matmul`].
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// `GROUP` rows of weights, row after row.
    weights: Vec<i16>,
}

/// `y[t][o] = bias[o] + sum_i x[t][i] * w[o][i]` with `x` quantised in `a`;
/// `y` is `a.rows() * w.rows()` long, row-major.
pub(crate) fn matmul(w: &Q4Matrix, bias: &[f32], a: &QActs, y: &mut [f32], s: &mut Scratch) {
    let (rows, cols) = (w.rows, w.cols);
    debug_assert_eq!(a.cols, cols);
    debug_assert_eq!(y.len(), a.rows() * rows);
    let nb = cols / BLOCK;
    let tokens = a.rows();
    s.weights.resize(GROUP * cols, 0);
    let (a_blocks, _) = a.q.as_chunks::<BLOCK>();
    let act =
        |t: usize| -> Row<'_> { (&a_blocks[t * nb..(t + 1) * nb], &a.d[t * nb..(t + 1) * nb]) };
    for o in (0..rows).step_by(GROUP) {
        let n = GROUP.min(rows - o);
        // Unpack this group's rows once; they are reused for every token.
        w.unpack_rows(o, &mut s.weights[..n * cols]);
        let (w_blocks, _) = s.weights[..n * cols].as_chunks::<BLOCK>();
        let wrow = |r: usize| -> Row<'_> {
            (
                &w_blocks[r * nb..(r + 1) * nb],
                &w.scales[(o + r) * nb..(o + r + 1) * nb],
            )
        };
        for t in (0..tokens).step_by(2) {
            let pair = t + 1 < tokens;
            let mut r = 0;
            while pair && r + 1 < n {
                let c = dot_2x2(act(t), act(t + 1), wrow(r), wrow(r + 1));
                let (b0, b1) = (bias[o + r], bias[o + r + 1]);
                y[t * rows + o + r] = b0 + c[0];
                y[t * rows + o + r + 1] = b1 + c[1];
                y[(t + 1) * rows + o + r] = b0 + c[2];
                y[(t + 1) * rows + o + r + 1] = b1 + c[3];
                r += 2;
            }
            // The odd row of the group, the odd last token.
            for r in r..n {
                let (wb, wd) = wrow(r);
                for u in t..(t + 1 + usize::from(pair)) {
                    let (ab, ad) = act(u);
                    y[u * rows + o + r] = bias[o + r] + dot_row(ab, ad, wb, wd);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16_values() {
        let cases: [(u16, f32); 9] = [
            (0x0000, 0.0),
            (0x3c00, 1.0),
            (0xc000, -2.0),
            (0x3800, 0.5),
            (0x7bff, 65504.0),
            (0x0400, 6.103_515_6e-5),
            (0x0001, 5.960_464_5e-8),
            (0x83ff, -6.097_555e-5),
            (0x3555, 0.333_251_95),
        ];
        for (bits, want) in cases {
            assert_eq!(f16_to_f32(bits), want, "{bits:#06x}");
        }
        assert_eq!(f16_to_f32(0x7c00), f32::INFINITY);
        assert_eq!(f16_to_f32(0xfc00), f32::NEG_INFINITY);
        assert!(f16_to_f32(0x7e00).is_nan());
        assert!(
            f16_to_f32(0x8000).to_bits() == 0x8000_0000,
            "negative zero keeps its sign"
        );
    }

    /// Every f16 bit pattern against the widening by exponent arithmetic.
    #[test]
    fn f16_all_normal_values_match_powers_of_two() {
        for h in 0u16..=u16::MAX {
            let exp = i32::from((h >> 10) & 0x1f);
            if exp == 0 || exp == 31 {
                continue;
            }
            let man = f64::from(h & 0x3ff);
            let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
            let want = sign * (1.0 + man / 1024.0) * 2f64.powi(exp - 15);
            assert_eq!(f64::from(f16_to_f32(h)), want, "{h:#06x}");
        }
    }

    fn xorshift(state: &mut u64) -> u64 {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        *state
    }

    /// A random Q4_0 matrix in file form.
    fn random_q4(rows: usize, cols: usize, seed: u64) -> Vec<u8> {
        let mut st = seed;
        let mut out = Vec::new();
        for _ in 0..rows * cols / BLOCK {
            let scale: u16 = 0x2000 + (xorshift(&mut st) % 0x0800) as u16; // about 0.008..0.03
            out.extend_from_slice(&scale.to_le_bytes());
            for _ in 0..16 {
                out.push(xorshift(&mut st) as u8);
            }
        }
        out
    }

    #[test]
    fn matmul_matches_dequantised_product() {
        let (rows, cols, tokens) = (10, 96, 3); // 10: a partial last group
        let w = Q4Matrix::new(&random_q4(rows, cols, 7), rows, cols, "w").expect("valid blocks");
        let mut st = 99u64;
        let x: Vec<f32> = (0..tokens * cols)
            .map(|_| (xorshift(&mut st) % 2001) as f32 / 1000.0 - 1.0)
            .collect();
        let bias: Vec<f32> = (0..rows).map(|i| i as f32 * 0.1).collect();
        let mut a = QActs::default();
        a.quantize(&x, cols);
        let mut y = vec![0.0; tokens * rows];
        matmul(&w, &bias, &a, &mut y, &mut Scratch::default());
        let mut row = vec![0.0; cols];
        for o in 0..rows {
            w.dequantize_row(o, &mut row);
            for t in 0..tokens {
                let exact: f32 = bias[o]
                    + row
                        .iter()
                        .zip(&x[t * cols..])
                        .map(|(w, x)| w * x)
                        .sum::<f32>();
                // Only the 8-bit rounding of x separates the two.
                assert!(
                    (y[t * rows + o] - exact).abs() < 0.01,
                    "{o} {t}: {} {exact}",
                    y[t * rows + o]
                );
            }
        }
    }

    #[test]
    fn round_to_i8_is_round_ties_even() {
        for i in -140_000..=140_000 {
            let x = i as f32 / 1000.0;
            let want = x.round_ties_even().clamp(-128.0, 127.0) as i16;
            assert_eq!(round_to_i8(x), want, "{x}");
        }
        for x in [
            0.5f32,
            1.5,
            2.5,
            -0.5,
            -1.5,
            -2.5,
            126.5,
            -127.5,
            0.499_999_97,
        ] {
            assert_eq!(round_to_i8(x), x.round_ties_even() as i16, "{x}");
        }
        assert_eq!(round_to_i8(f32::NAN), 0);
        assert_eq!(round_to_i8(f32::INFINITY), 127);
        assert_eq!(round_to_i8(-1e30), -128);
    }

    #[test]
    fn quantize_rounds_half_to_even_and_keeps_zero_blocks() {
        let mut x = vec![0.0f32; 64];
        x[0] = 127.0;
        x[1] = 0.5;
        x[2] = 1.5;
        x[3] = -2.5;
        let mut a = QActs::default();
        a.quantize(&x, 64);
        assert_eq!(&a.q[..4], &[127, 0, 2, -2]);
        assert_eq!(a.d, vec![1.0, 0.0]);
        assert!(a.q[32..].iter().all(|&v| v == 0));
    }
}
