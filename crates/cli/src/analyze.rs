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
    /// Stop at the clean text and its metadata: no time expressions,
    /// entities, quotes or sources (for measuring extraction alone).
    #[arg(long)]
    no_annotate: bool,
    /// A knowledge base file (TSV, the format of `crates/extract/data/kb/`)
    /// added to the built-in one; may be repeated.
    #[arg(long = "kb", value_name = "FILE")]
    kb: Vec<std::path::PathBuf>,
}

/// Documents per batch.
const BATCH_DOCS: usize = 1024;
/// Bytes of input per batch.
const BATCH_BYTES: usize = 128 * 1024 * 1024;

pub fn run(args: Args) -> anyhow::Result<()> {
    let inputs = herald_input::expand_paths(&args.paths)?;
    let mut user_kb = Vec::new();
    for path in &args.kb {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read knowledge base {}", path.display()))?;
        user_kb.push((path.display().to_string(), text));
    }
    let mut ctx = herald_text::Context::new(user_kb.iter().map(|(n, t)| (n.as_str(), t.as_str())))?;
    ctx.annotate = !args.no_annotate;
    let registry = herald_text::entities::NameRegistry::with_kb(&ctx.kb);
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
    let mut run = Run {
        pool,
        ctx,
        registry,
        out: std::io::BufWriter::new(stdout.lock()),
        counts: Counts::default(),
    };
    let mut batch: Vec<Result<RawDocument, DocumentError>> = Vec::new();
    let mut batch_bytes = 0;
    for input in &inputs {
        for item in herald_input::open(input, limits) {
            batch_bytes += item.as_ref().map_or(0, |d| d.body.len());
            batch.push(item);
            if batch.len() >= BATCH_DOCS || batch_bytes >= BATCH_BYTES {
                run.flush(&mut batch)?;
                batch_bytes = 0;
                if let Some(bar) = &progress {
                    bar.set_message(format!("{} articles", run.counts.ok + run.counts.failed));
                }
            }
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    run.flush(&mut batch)?;
    run.out.flush().context("cannot write to stdout")?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    eprintln!("analyzed {}, failed {}", run.counts.ok, run.counts.failed);
    Ok(())
}

#[derive(Debug, Default)]
struct Counts {
    ok: usize,
    failed: usize,
}

/// The state of a run: the pool, the analysis context, the names seen so
/// far, the output and the counts.
struct Run<W: Write> {
    pool: rayon::ThreadPool,
    ctx: herald_text::Context,
    registry: herald_text::entities::NameRegistry,
    out: W,
    counts: Counts,
}

impl<W: Write> Run<W> {
    /// Analyzes a batch in parallel, links names across its articles (and
    /// those of earlier batches), prints it in order.
    fn flush(&mut self, batch: &mut Vec<Result<RawDocument, DocumentError>>) -> anyhow::Result<()> {
        let ctx = &self.ctx;
        let mut results: Vec<Result<Article, String>> = self.pool.install(|| {
            batch
                .par_iter()
                .map(|item| match item {
                    Ok(doc) => herald_text::analyze(doc, ctx)
                        .map_err(|e| error_line(&doc.source, doc.id.as_deref(), &e.to_string())),
                    Err(e) => Err(error_line(&e.source, e.id.as_deref(), &e.message)),
                })
                .collect()
        });
        batch.clear();
        link_names(&mut results, &mut self.registry);
        for result in results {
            let line = match result {
                Ok(article) => {
                    self.counts.ok += 1;
                    article_line(&article)
                }
                Err(line) => {
                    self.counts.failed += 1;
                    line
                }
            };
            self.out
                .write_all(line.as_bytes())
                .context("cannot write to stdout")?;
            self.out
                .write_all(b"\n")
                .context("cannot write to stdout")?;
        }
        Ok(())
    }
}

/// Gives one person one canonical name across the articles of a run, and
/// carries the new names over to the quotes' speakers.
fn link_names(
    results: &mut [Result<Article, String>],
    registry: &mut herald_text::entities::NameRegistry,
) {
    let mut articles: Vec<&mut Article> =
        results.iter_mut().filter_map(|r| r.as_mut().ok()).collect();
    let mut entities: Vec<Vec<herald_model::Entity>> = articles
        .iter_mut()
        .map(|a| std::mem::take(&mut a.entities))
        .collect();
    herald_text::entities::link(&mut entities, registry);
    for (article, linked) in articles.into_iter().zip(entities) {
        article.entities = linked;
        herald_text::canonical_speakers(&mut article.quotes, &article.entities);
    }
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
