//! The BERT encoder of multilingual-e5-small: embeddings, post-norm
//! transformer layers (self-attention, GELU feed-forward), mean pooling.
//!
//! Every matrix product goes through [`quant::matmul`] with the input
//! quantised to 8 bits per block, as in the reference engine; layer norms,
//! softmax, GELU and pooling are in f32. One text at a time: attention
//! sees all of the text's tokens, `<s>` and `</s>` included, and so does
//! the mean.

use crate::EncoderError;
use crate::format::{Config, DType, Parsed};
use crate::quant::{self, Q4Matrix, QActs, Scratch};

#[derive(Debug)]
struct Linear {
    w: Q4Matrix,
    b: Vec<f32>,
}

#[derive(Debug)]
struct Norm {
    w: Vec<f32>,
    b: Vec<f32>,
}

#[derive(Debug)]
struct Layer {
    q: Linear,
    k: Linear,
    v: Linear,
    out: Linear,
    attn_norm: Norm,
    ffn_in: Linear,
    ffn_out: Linear,
    ffn_norm: Norm,
}

#[derive(Debug)]
pub(crate) struct Bert {
    config: Config,
    word: Q4Matrix,
    /// `[max_positions][hidden]`.
    pos: Vec<f32>,
    /// Token type 0, the only one used.
    type0: Vec<f32>,
    emb_norm: Norm,
    layers: Vec<Layer>,
}

fn f32_tensor(p: &Parsed<'_>, name: &str, n: usize) -> Result<Vec<f32>, EncoderError> {
    crate::format::f32s(p.tensor(name, DType::F32, n as u64)?, name)
}

fn q4_tensor(
    p: &Parsed<'_>,
    name: &str,
    rows: usize,
    cols: usize,
) -> Result<Q4Matrix, EncoderError> {
    let data = p.tensor(name, DType::Q4, rows as u64 * cols as u64)?;
    Q4Matrix::new(data, rows, cols, name)
}

fn linear(p: &Parsed<'_>, name: &str, rows: usize, cols: usize) -> Result<Linear, EncoderError> {
    Ok(Linear {
        w: q4_tensor(p, &format!("{name}.w"), rows, cols)?,
        b: f32_tensor(p, &format!("{name}.b"), rows)?,
    })
}

fn norm(p: &Parsed<'_>, name: &str, n: usize) -> Result<Norm, EncoderError> {
    Ok(Norm {
        w: f32_tensor(p, &format!("{name}.w"), n)?,
        b: f32_tensor(p, &format!("{name}.b"), n)?,
    })
}

impl Bert {
    pub fn new(p: &Parsed<'_>) -> Result<Self, EncoderError> {
        let c = p.config;
        let (h, f) = (c.hidden, c.ffn);
        let mut type_emb = f32_tensor(p, "emb.type", c.type_vocab * h)?;
        type_emb.truncate(h);
        let layers = (0..c.layers)
            .map(|l| {
                Ok(Layer {
                    q: linear(p, &format!("l{l}.q"), h, h)?,
                    k: linear(p, &format!("l{l}.k"), h, h)?,
                    v: linear(p, &format!("l{l}.v"), h, h)?,
                    out: linear(p, &format!("l{l}.ao"), h, h)?,
                    attn_norm: norm(p, &format!("l{l}.aln"), h)?,
                    ffn_in: linear(p, &format!("l{l}.fi"), f, h)?,
                    ffn_out: linear(p, &format!("l{l}.fo"), h, f)?,
                    ffn_norm: norm(p, &format!("l{l}.oln"), h)?,
                })
            })
            .collect::<Result<Vec<_>, EncoderError>>()?;
        Ok(Bert {
            config: c,
            word: q4_tensor(p, "emb.word", c.vocab_rows, h)?,
            pos: f32_tensor(p, "emb.pos", c.max_positions * h)?,
            type0: type_emb,
            emb_norm: norm(p, "emb.ln", h)?,
            layers,
        })
    }

    pub fn hidden(&self) -> usize {
        self.config.hidden
    }

    pub fn max_positions(&self) -> usize {
        self.config.max_positions
    }

    pub fn vocab_rows(&self) -> usize {
        self.word.rows()
    }

    /// Bytes held by the weights.
    pub fn heap_bytes(&self) -> usize {
        let lin = |l: &Linear| l.w.heap_bytes() + l.b.len() * 4;
        let norm = |n: &Norm| (n.w.len() + n.b.len()) * 4;
        let layers: usize = self
            .layers
            .iter()
            .map(|l| {
                lin(&l.q)
                    + lin(&l.k)
                    + lin(&l.v)
                    + lin(&l.out)
                    + lin(&l.ffn_in)
                    + lin(&l.ffn_out)
                    + norm(&l.attn_norm)
                    + norm(&l.ffn_norm)
            })
            .sum();
        layers + self.word.heap_bytes() + (self.pos.len() + self.type0.len()) * 4
    }

    /// The mean of the last hidden states of `ids` (not normalised).
    /// `ids` are below [`Bert::vocab_rows`], at most
    /// [`Bert::max_positions`] of them, at least one.
    pub fn pooled(&self, ids: &[u32]) -> Vec<f32> {
        let c = &self.config;
        let (h, f, heads) = (c.hidden, c.ffn, c.heads);
        let hd = h / heads;
        let n = ids.len();
        debug_assert!((1..=c.max_positions).contains(&n));

        let mut x = vec![0.0f32; n * h];
        for ((t, &id), row) in ids.iter().enumerate().zip(x.chunks_exact_mut(h)) {
            self.word.dequantize_row(id as usize, row);
            let pos = &self.pos[t * h..(t + 1) * h];
            for ((x, p), ty) in row.iter_mut().zip(pos).zip(&self.type0) {
                *x += p + ty;
            }
        }
        layer_norm(&mut x, None, &self.emb_norm, c.eps);

        let mut acts = QActs::default();
        let mut scratch = Scratch::default();
        let (mut q, mut k, mut v) = (vec![0.0; n * h], vec![0.0; n * h], vec![0.0; n * h]);
        let mut ctx = vec![0.0; n * h];
        let mut y = vec![0.0; n * h];
        let mut mid = vec![0.0; n * f];
        let mut probs = vec![0.0f32; n];
        let scale = 1.0 / (hd as f32).sqrt();
        for layer in &self.layers {
            acts.quantize(&x, h);
            quant::matmul(&layer.q.w, &layer.q.b, &acts, &mut q, &mut scratch);
            quant::matmul(&layer.k.w, &layer.k.b, &acts, &mut k, &mut scratch);
            quant::matmul(&layer.v.w, &layer.v.b, &acts, &mut v, &mut scratch);
            for t in 0..n {
                for head in 0..heads {
                    let cols = head * hd..(head + 1) * hd;
                    let qh = &q[t * h..][cols.clone()];
                    let mut max = f32::NEG_INFINITY;
                    for (s, p) in probs.iter_mut().enumerate() {
                        *p = dot(qh, &k[s * h..][cols.clone()]) * scale;
                        max = max.max(*p);
                    }
                    let mut sum = 0.0;
                    for p in probs.iter_mut() {
                        *p = (*p - max).exp();
                        sum += *p;
                    }
                    let inv = 1.0 / sum;
                    let out = &mut ctx[t * h..][cols.clone()];
                    out.fill(0.0);
                    for (s, p) in probs.iter().enumerate() {
                        let p = p * inv;
                        for (o, v) in out.iter_mut().zip(&v[s * h..][cols.clone()]) {
                            *o += p * v;
                        }
                    }
                }
            }
            acts.quantize(&ctx, h);
            quant::matmul(&layer.out.w, &layer.out.b, &acts, &mut y, &mut scratch);
            layer_norm(&mut x, Some(&y), &layer.attn_norm, c.eps);

            acts.quantize(&x, h);
            quant::matmul(
                &layer.ffn_in.w,
                &layer.ffn_in.b,
                &acts,
                &mut mid,
                &mut scratch,
            );
            for m in mid.iter_mut() {
                *m = gelu(*m);
            }
            acts.quantize(&mid, f);
            quant::matmul(
                &layer.ffn_out.w,
                &layer.ffn_out.b,
                &acts,
                &mut y,
                &mut scratch,
            );
            layer_norm(&mut x, Some(&y), &layer.ffn_norm, c.eps);
        }

        let mut mean = vec![0.0f32; h];
        for row in x.chunks_exact(h) {
            for (m, v) in mean.iter_mut().zip(row) {
                *m += v;
            }
        }
        let inv = 1.0 / n as f32;
        mean.iter_mut().for_each(|m| *m *= inv);
        mean
    }
}

/// Dot product in 8 independent lanes, so that it vectorises.
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let (ac, ar) = a.as_chunks::<8>();
    let (bc, br) = b.as_chunks::<8>();
    for (x, y) in ac.iter().zip(bc) {
        for j in 0..8 {
            lanes[j] += x[j] * y[j];
        }
    }
    let tail: f32 = ar.iter().zip(br).map(|(x, y)| x * y).sum();
    lanes.iter().sum::<f32>() + tail
}

/// `x = layer_norm(x + y)` row by row (`y` absent: `layer_norm(x)`).
fn layer_norm(x: &mut [f32], y: Option<&[f32]>, norm: &Norm, eps: f32) {
    let h = norm.w.len();
    for (t, row) in x.chunks_exact_mut(h).enumerate() {
        if let Some(y) = y {
            for (r, y) in row.iter_mut().zip(&y[t * h..(t + 1) * h]) {
                *r += y;
            }
        }
        let mean = row.iter().sum::<f32>() / h as f32;
        let var = row.iter().map(|r| (r - mean) * (r - mean)).sum::<f32>() / h as f32;
        let inv = 1.0 / (var + eps).sqrt();
        for ((r, w), b) in row.iter_mut().zip(&norm.w).zip(&norm.b) {
            *r = (*r - mean) * inv * w + b;
        }
    }
}

/// GELU, the exact form: `x/2 * (1 + erf(x / sqrt 2))`.
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + erf(x * std::f32::consts::FRAC_1_SQRT_2))
}

/// The error function, Abramowitz and Stegun 7.1.26 (absolute error below
/// 1.5e-7, the precision of f32 near 1).
fn erf(x: f32) -> f32 {
    let z = f64::from(x.abs());
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let y = (1.0 - poly * (-z * z).exp()) as f32;
    y.copysign(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erf_values() {
        // Reference values of erf to 9 digits.
        let cases = [
            (0.0, 0.0),
            (0.1, 0.112_462_916),
            (0.5, 0.520_499_9),
            (1.0, 0.842_700_8),
            (2.0, 0.995_322_3),
            (3.0, 0.999_977_9),
            (-1.0, -0.842_700_8),
            (10.0, 1.0),
        ];
        for (x, want) in cases {
            assert!(
                (erf(x) - want).abs() < 2e-7,
                "erf({x}) = {} not {want}",
                erf(x)
            );
        }
    }

    #[test]
    fn gelu_values() {
        assert_eq!(gelu(0.0), 0.0);
        assert!((gelu(1.0) - 0.841_344_8).abs() < 1e-6);
        assert!((gelu(-1.0) + 0.158_655_25).abs() < 1e-6);
        assert!(gelu(-20.0).abs() < 1e-6);
        assert!((gelu(20.0) - 20.0).abs() < 1e-5);
    }

    #[test]
    fn dot_with_tail() {
        let a: Vec<f32> = (0..19).map(|i| i as f32).collect();
        let b = vec![2.0f32; 19];
        assert_eq!(dot(&a, &b), 342.0);
    }

    #[test]
    fn layer_norm_centres_and_scales() {
        let norm = Norm {
            w: vec![1.0; 4],
            b: vec![0.5; 4],
        };
        let mut x = vec![1.0, 2.0, 3.0, 4.0];
        layer_norm(&mut x, Some(&[1.0, 1.0, 1.0, 1.0]), &norm, 1e-12);
        let sum: f32 = x.iter().sum();
        assert!((sum - 2.0).abs() < 1e-5, "{x:?}");
        assert!(
            (x[3] - x[0] - 2.0 * 3.0 / 5f32.sqrt()).abs() < 1e-5,
            "{x:?}"
        );
    }
}
