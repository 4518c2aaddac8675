//! `herald analyze`: the runner. Reads inputs in order, analyzes batches of
//! documents in parallel on a thread pool, prints results in input order.
//! Memory stays bounded: at most one batch (capped in documents and bytes)
//! is held at a time.

use std::io::{IsTerminal, Write};

use anyhow::Context;
use herald_input::{DocumentError, Limits, RawDocument};
use herald_model::Article;
use rayon::prelude::*;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, directories (read recursively) or `-` for stdin.
    #[arg(required = true)]
    paths: Vec<String>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    max_bytes: usize,
    /// Never show a progress bar.
    #[arg(long)]
    quiet: bool,
}

/// Documents per batch.
const BATCH_DOCS: usize = 256;
/// Bytes of input per batch.
const BATCH_BYTES: usize = 128 * 1024 * 1024;

pub fn run(args: Args) -> anyhow::Result<()> {
    let inputs = herald_input::expand_paths(&args.paths)?;
    let mut builder = rayon::ThreadPoolBuilder::new();
    if let Some(n) = args.threads {
        builder = builder.num_threads(n.max(1));
    }
    let pool = builder.build().context("cannot start the thread pool")?;
    let limits = Limits {
        max_document_bytes: args.max_bytes,
    };
    let progress = (!args.quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} inputs, {msg} [{elapsed}]",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut counts = Counts::default();
    let mut batch: Vec<Result<RawDocument, DocumentError>> = Vec::new();
    let mut batch_bytes = 0;
    for input in &inputs {
        for item in herald_input::open(input, limits) {
            batch_bytes += item.as_ref().map_or(0, |d| d.body.len());
            batch.push(item);
            if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
                flush(&pool, &mut batch, &mut out, &mut counts)?;
                batch_bytes = 0;
                if let Some(bar) = &progress {
                    bar.set_message(format!("{} articles", counts.ok + counts.failed));
                }
            }
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    flush(&pool, &mut batch, &mut out, &mut counts)?;
    out.flush().context("cannot write to stdout")?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    eprintln!("analyzed {}, failed {}", counts.ok, counts.failed);
    Ok(())
}

#[derive(Debug, Default)]
struct Counts {
    ok: usize,
    failed: usize,
}

fn flush(
    pool: &rayon::ThreadPool,
    batch: &mut Vec<Result<RawDocument, DocumentError>>,
    out: &mut impl Write,
    counts: &mut Counts,
) -> anyhow::Result<()> {
    let lines: Vec<(bool, String)> = pool.install(|| {
        batch
            .par_iter()
            .map(|item| match item {
                Ok(doc) => match herald_text::analyze(doc) {
                    Ok(article) => (true, article_line(&article)),
                    Err(e) => (
                        false,
                        error_line(&doc.source, doc.id.as_deref(), &e.to_string()),
                    ),
                },
                Err(e) => (false, error_line(&e.source, e.id.as_deref(), &e.message)),
            })
            .collect()
    });
    batch.clear();
    for (ok, line) in lines {
        if ok {
            counts.ok += 1;
        } else {
            counts.failed += 1;
        }
        out.write_all(line.as_bytes())
            .context("cannot write to stdout")?;
        out.write_all(b"\n").context("cannot write to stdout")?;
    }
    Ok(())
}

fn article_line(a: &Article) -> String {
    serde_json::to_string(a).unwrap_or_else(|e| {
        error_line(
            &a.source,
            a.id.as_deref(),
            &format!("cannot serialize: {e}"),
        )
    })
}

fn error_line(source: &str, id: Option<&str>, message: &str) -> String {
    let err = herald_model::DocumentError {
        source: source.to_string(),
        id: id.map(str::to_string),
        error: message.to_string(),
    };
    serde_json::to_string(&err)
        .unwrap_or_else(|_| String::from("{\"source\":null,\"error\":\"cannot serialize error\"}"))
}
