//! `herald analyze`: the runner.
//!
//! A run is a pipeline: one reader thread walks the inputs and decodes
//! their streams (gzip, WARC, JSON Lines) into documents; worker threads
//! analyse them (`herald_pipeline::analyze`, pure); the main thread writes
//! the results in input order. A window of documents in flight bounds
//! memory: the reader waits when the writer is that far behind, so a slow
//! document holds back at most a window of others.
//!
//! Linking across articles (`herald_corpus::link`) needs every article
//! before any can be printed: by default results are held (in memory up to
//! a budget, then in a temporary file) and printed once the input ends.
//! With `--no-link` each result is printed as soon as the ones before it
//! are.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::mpsc;

use anyhow::Context as _;
use herald_corpus::LinkState;
use herald_input::{Item, Limits};
use herald_model::{Article, DocumentError};
use herald_pipeline::Context;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
By default the canonical names of persons are linked across all the \
articles of the run, so output is held back until the input ends (in \
memory, then in a temporary file for long runs). --no-link prints each \
article as soon as it is analysed, with names canonical within the \
article and the knowledge base.")]
pub struct Args {
    /// Files, directories (read recursively) or `-` for stdin.
    #[arg(required = true)]
    paths: Vec<String>,
    #[command(flatten)]
    run: RunOptions,
    /// Stop at the clean text and its metadata: no time expressions,
    /// entities, quotes or sources (for measuring extraction alone).
    #[arg(long)]
    no_annotate: bool,
    /// Do not link person names across articles: stream each article as
    /// soon as it is analysed.
    #[arg(long)]
    no_link: bool,
}

/// The options of every command that analyses articles.
#[derive(Debug, clap::Args)]
pub struct RunOptions {
    /// Worker threads (default: all cores; at most 256).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Largest document accepted, in bytes.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    pub max_bytes: usize,
    /// Never show a progress bar.
    #[arg(long)]
    pub quiet: bool,
    /// A knowledge base file (TSV, the format of `crates/annotate/data/kb/`)
    /// added to the built-in one; may be repeated.
    #[arg(long = "kb", value_name = "FILE")]
    pub kb: Vec<std::path::PathBuf>,
}

/// Most worker threads a run starts.
const MAX_THREADS: usize = 256;
/// Documents in flight per worker thread.
const WINDOW_PER_THREAD: usize = 8;
/// Bytes of held articles kept in memory before spilling to a file.
const HOLD_BYTES: usize = 512 * 1024 * 1024;

/// Loads the knowledge base files and builds the analysis context. One
/// per process, never dropped: freeing the tables of 37,000 names one by
/// one cost 6 ms of every run's exit, and the process's exit frees them
/// at once.
pub fn context(
    kb: &[std::path::PathBuf],
    annotate: bool,
) -> anyhow::Result<std::mem::ManuallyDrop<Context>> {
    let mut user_kb = Vec::new();
    for path in kb {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read knowledge base {}", path.display()))?;
        user_kb.push((path.display().to_string(), text));
    }
    let mut ctx = Context::new(user_kb.iter().map(|(n, t)| (n.as_str(), t.as_str())))?;
    ctx.annotate = annotate;
    Ok(std::mem::ManuallyDrop::new(ctx))
}

/// The number of worker threads for a `--threads` value.
pub fn thread_count(requested: Option<usize>) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    match requested {
        Some(n) if n > MAX_THREADS => {
            eprintln!("herald: --threads {n} is more than {MAX_THREADS}; using {MAX_THREADS}");
            MAX_THREADS
        }
        Some(n) => n.max(1),
        None => cores.min(MAX_THREADS),
    }
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let inputs = herald_input::expand_paths(&args.paths)?;
    let ctx = context(&args.run.kb, !args.no_annotate)?;
    let limits = Limits {
        max_document_bytes: args.run.max_bytes,
    };
    let threads = thread_count(args.run.threads);
    let progress = (!args.run.quiet && std::io::stderr().is_terminal()).then(|| {
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
    let link = !args.no_link && !args.no_annotate;
    let mut held = Held::default();
    let mut state = LinkState::new();
    let docs = std::iter::from_fn({
        let mut inputs = inputs.into_iter();
        let mut current: Option<herald_input::Documents> = None;
        let bar = progress.clone();
        move || {
            loop {
                if let Some(item) = current.as_mut().and_then(Iterator::next) {
                    return Some(item);
                }
                if current.take().is_some()
                    && let Some(bar) = &bar
                {
                    bar.inc(1);
                }
                current = Some(herald_input::open(&inputs.next()?, limits));
            }
        }
    });
    run_pipeline(docs, &ctx, threads, |result| {
        match &result {
            Ok(_) => counts.ok += 1,
            Err(_) => counts.failed += 1,
        }
        if let Some(bar) = &progress
            && (counts.ok + counts.failed) % 64 == 0
        {
            bar.set_message(format!("{} articles", counts.ok + counts.failed));
        }
        if link {
            if let Ok(article) = &result {
                state.observe(article);
            }
            held.push(result)
        } else {
            // Streaming: each line leaves as soon as it is written.
            write_line(&mut out, &result)?;
            out.flush().context("cannot write to stdout")
        }
    })?;
    if link {
        for result in held.drain()? {
            let mut result = result?;
            if let Ok(article) = &mut result {
                state.apply(article);
            }
            write_line(&mut out, &result)?;
        }
    }
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

type Outcome = Result<Article, DocumentError>;

/// Analyses `docs` on `threads` worker threads and hands each result to
/// `sink` in input order. One reader thread pulls `docs`; at most a window
/// of documents is in flight. Stops at the first error of `sink`.
pub fn run_pipeline<I, F>(docs: I, ctx: &Context, threads: usize, sink: F) -> anyhow::Result<()>
where
    I: Iterator<Item = Item> + Send,
    F: FnMut(Outcome) -> anyhow::Result<()>,
{
    run_work(
        docs,
        threads,
        |item| item.and_then(|doc| herald_pipeline::analyze(&doc, ctx)),
        sink,
    )
}

/// Runs `work` on each document of `docs` on `threads` worker threads and
/// hands each result to `sink` in input order (the runner of
/// [`run_pipeline`], for callers that keep more than the article).
pub fn run_work<I, T, W, F>(docs: I, threads: usize, work: W, mut sink: F) -> anyhow::Result<()>
where
    I: Iterator<Item = Item> + Send,
    T: Send,
    W: Fn(Item) -> T + Sync,
    F: FnMut(T) -> anyhow::Result<()>,
{
    let window = threads.saturating_mul(WINDOW_PER_THREAD).max(2);
    let (work_tx, work_rx) = mpsc::sync_channel::<(u64, Item)>(window);
    let work_rx = std::sync::Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<(u64, T)>();
    // Tokens bound the documents between the reader and the writer.
    let (token_tx, token_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        token_tx.send(()).ok();
    }
    std::thread::scope(|scope| {
        // Owned here, so that an early return closes the channels and the
        // reader and workers end before the scope joins them.
        let token_tx = token_tx;
        let done_rx = done_rx;
        scope.spawn(move || {
            for (seq, item) in (0u64..).zip(docs) {
                if token_rx.recv().is_err() || work_tx.send((seq, item)).is_err() {
                    return;
                }
            }
        });
        for _ in 0..threads {
            let done_tx = done_tx.clone();
            let work_rx = &work_rx;
            let work = &work;
            scope.spawn(move || {
                loop {
                    let next = match work_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((seq, item)) = next else { return };
                    if done_tx.send((seq, work(item))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending: std::collections::BTreeMap<u64, T> = Default::default();
        let mut next = 0u64;
        for (seq, outcome) in done_rx.iter() {
            pending.insert(seq, outcome);
            while let Some(outcome) = pending.remove(&next) {
                next += 1;
                sink(outcome)?;
                token_tx.send(()).ok();
            }
        }
        // Without the writer the reader and workers end: their channels close.
        Ok(())
    })
}

/// Results held back for linking: in memory up to [`HOLD_BYTES`], then in
/// an unnamed temporary file, as JSON lines.
#[derive(Default)]
struct Held {
    memory: Vec<Outcome>,
    bytes: usize,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl Held {
    fn push(&mut self, outcome: Outcome) -> anyhow::Result<()> {
        if self.file.is_none() {
            self.bytes += match &outcome {
                Ok(a) => 2 * a.text.len() + 256 * (a.entities.len() + a.dates.len() + 1),
                Err(e) => e.error.len() + 64,
            };
            self.memory.push(outcome);
            if self.bytes > HOLD_BYTES {
                let file = tempfile::tempfile().context("cannot create a temporary file")?;
                let mut w = std::io::BufWriter::new(file);
                for o in self.memory.drain(..) {
                    write_line(&mut w, &o)?;
                }
                self.file = Some(w);
            }
            return Ok(());
        }
        if let Some(w) = &mut self.file {
            write_line(w, &outcome)?;
        }
        Ok(())
    }

    /// Every held result, in the order pushed.
    fn drain(&mut self) -> anyhow::Result<Box<dyn Iterator<Item = anyhow::Result<Outcome>> + '_>> {
        let Some(w) = self.file.take() else {
            return Ok(Box::new(self.memory.drain(..).map(Ok)));
        };
        let mut file = w.into_inner().context("cannot write the temporary file")?;
        std::io::Seek::rewind(&mut file).context("cannot read the temporary file")?;
        let lines = std::io::BufReader::new(file).lines();
        Ok(Box::new(lines.map(|line| {
            let line = line.context("cannot read the temporary file")?;
            let value: serde_json::Value = serde_json::from_str(&line)?;
            Ok(
                if value.get("kind").is_some() && value.get("text").is_none() {
                    Err(serde_json::from_value(value)?)
                } else {
                    Ok(serde_json::from_value(value)?)
                },
            )
        })))
    }
}

impl std::fmt::Debug for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Held")
            .field("memory", &self.memory.len())
            .finish()
    }
}

/// Writes one result as a JSON line.
pub fn write_line(out: &mut impl Write, outcome: &Outcome) -> anyhow::Result<()> {
    let line = match outcome {
        Ok(a) => serde_json::to_string(a).or_else(|e| {
            serde_json::to_string(&DocumentError::new(
                &a.source,
                a.id.clone(),
                herald_model::ErrorKind::Malformed,
                format!("cannot serialize: {e}"),
            ))
        }),
        Err(e) => serde_json::to_string(e),
    }
    .context("cannot serialize a result")?;
    out.write_all(line.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .context("cannot write to stdout")
}
