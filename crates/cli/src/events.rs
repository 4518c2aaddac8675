//! `herald events` and `herald similarity`: the corpus step on the command
//! line. Articles are analysed as `herald analyze` does (or read back from
//! its JSON Lines, not analysed again), linked across the run, profiled,
//! and handed to `herald_corpus`.

use std::io::{IsTerminal, Write};

use anyhow::Context as _;
use herald_corpus::{Grouping, LinkState, Persons, Prepared, Profile, Stats, Streamed, Weights};
use herald_input::{Item, Limits};
use herald_model::{Article, Body, DocumentError, Event, FormatHint, RawDocument};
use serde::Serialize;

use crate::analyze::{RunOptions, context, run_pipeline, thread_count};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Text,
}

/// Options shared by the corpus commands.
#[derive(Debug, clap::Args)]
pub struct Common {
    #[command(flatten)]
    run: RunOptions,
    /// Signal weights and thresholds as JSON (the fields of
    /// `herald_corpus::Weights`; missing ones keep their default).
    #[arg(long, value_name = "FILE", hide = true)]
    weights: Option<std::path::PathBuf>,
    /// The directory of the sentence encoder's weights (`e5-small-q4.bin`;
    /// `scripts/install-model.sh` installs them). Default: the directory
    /// the install script uses, when it holds them. Needs a herald built
    /// with `--features encoder`.
    #[arg(long, value_name = "DIR")]
    model: Option<std::path::PathBuf>,
    /// Do not use the sentence encoder even when its weights are installed.
    #[arg(long)]
    no_model: bool,
    /// A file of embeddings by text, read when it exists and rewritten
    /// with the new ones (for repeated runs over the same articles).
    #[arg(long, value_name = "FILE", hide = true)]
    embedding_cache: Option<std::path::PathBuf>,
}

/// Characters of title and text an encoder embeds per article.
const EMBED_CHARS: usize = 600;

impl Common {
    /// Sets each profile's embedding when an encoder is in use: with
    /// `--model DIR`, or with the weights in the default directory.
    fn embed(&self, profiles: &mut [Profile], texts: &[String]) -> anyhow::Result<()> {
        if self.no_model {
            return Ok(());
        }
        embedding::embed(
            self.model.as_deref(),
            self.embedding_cache.as_deref(),
            thread_count(self.run.threads),
            profiles,
            texts,
            self.run.quiet,
        )
    }

    /// Whether articles may be embedded: Herald is built with the
    /// encoder and `--no-model` is not given.
    fn may_embed(&self) -> bool {
        cfg!(feature = "encoder") && !self.no_model
    }

    fn weights(&self) -> anyhow::Result<Weights> {
        let Some(path) = &self.weights else {
            return Ok(Weights::default());
        };
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        serde_json::from_str(&text)
            .with_context(|| format!("invalid weights in {}", path.display()))
    }
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Inputs are those of `herald analyze` (files, directories, `-`, JSON Lines, \
WARC, gzip), and also the JSON Lines `herald analyze` printed, which are \
read back and not analysed again. Every article lands in exactly one \
event; documents that cannot be read are listed under `errors`, and ids \
that more than one article has under `duplicate_ids` (those articles are \
kept apart, not merged).")]
pub struct EventsArgs {
    /// Files, directories (read recursively) or `-` for stdin.
    #[arg(required_unless_present = "db")]
    paths: Vec<String>,
    /// Print the events of a store (`herald ingest`) instead of grouping
    /// files.
    #[arg(long, value_name = "DIR", conflicts_with = "paths")]
    db: Option<std::path::PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Print storylines with their events (in date order).
    #[arg(long)]
    storylines: bool,
    #[command(flatten)]
    common: Common,
}

/// Analyses (or reads back) every document of `docs`, links person names
/// across them, and returns the articles and the errors, in input order.
fn analyze_all<I>(
    docs: I,
    common: &Common,
    progress: Option<&indicatif::ProgressBar>,
) -> anyhow::Result<(Vec<Article>, Vec<DocumentError>)>
where
    I: Iterator<Item = Item> + Send,
{
    let ctx = context(&common.run.kb, true)?;
    let threads = thread_count(common.run.threads);
    let mut articles = Vec::new();
    let mut errors = Vec::new();
    let mut state = LinkState::new();
    run_pipeline(docs, &ctx, threads, |outcome| {
        match outcome {
            Ok(a) => {
                state.observe(&a);
                articles.push(a);
            }
            Err(e) => errors.push(e),
        }
        if let Some(bar) = progress {
            bar.inc(1);
        }
        Ok(())
    })?;
    for a in &mut articles {
        state.apply(a);
    }
    Ok((articles, errors))
}

/// What the events command keeps of its input: a profile per article,
/// the texts to embed (when an encoder may be used), and the errors. Each
/// article is profiled as it arrives and then dropped; only the entities
/// of articles that name a person wait (as [`Persons`]) for linking
/// across the run, which may rename them.
struct Profiled {
    profiles: Vec<Profile>,
    texts: Vec<String>,
    errors: Vec<DocumentError>,
}

fn profile_all<I>(
    docs: I,
    common: &Common,
    progress: Option<&indicatif::ProgressBar>,
) -> anyhow::Result<Profiled>
where
    I: Iterator<Item = Item> + Send,
{
    let ctx = context(&common.run.kb, true)?;
    let threads = thread_count(common.run.threads);
    let embed = common.may_embed();
    let mut out = Profiled {
        profiles: Vec::new(),
        texts: Vec::new(),
        errors: Vec::new(),
    };
    let mut interner = herald_corpus::Interner::new();
    let mut waiting: Vec<(usize, Persons)> = Vec::new();
    let mut state = LinkState::new();
    run_pipeline(docs, &ctx, threads, |outcome| {
        match outcome {
            Ok(a) => {
                state.observe(&a);
                out.profiles.push(Profile::of_with(&a, &mut interner));
                if embed {
                    out.texts.push(Profile::embedding_text(&a, EMBED_CHARS));
                }
                if let Some(persons) = Persons::of(&a) {
                    waiting.push((out.profiles.len() - 1, persons));
                }
            }
            Err(e) => out.errors.push(e),
        }
        if let Some(bar) = progress {
            bar.inc(1);
        }
        Ok(())
    })?;
    for (i, persons) in waiting {
        out.profiles[i].rename(&state.renames(&persons));
    }
    Ok(out)
}

/// A bar with a length and an estimate of the time left, on stderr when it
/// is a terminal.
fn counted_bar(quiet: bool, len: usize, what: &str) -> Option<indicatif::ProgressBar> {
    (!quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(len as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(&format!(
                "{what} {{bar:30}} {{pos}}/{{len}} [{{elapsed}}, {{eta}} left]"
            ))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    })
}

/// A counter of documents read (their number is not known beforehand:
/// one file may hold many), on stderr when it is a terminal.
pub fn bar(quiet: bool, what: &str) -> Option<indicatif::ProgressBar> {
    (!quiet && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(&format!(
                "{{spinner}} {{pos}} {what} read and analysed [{{elapsed}}, {{per_sec}}] {{msg}}"
            ))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    })
}

/// The documents of `paths`, read through `herald-input`.
pub fn documents(
    paths: &[String],
    limits: Limits,
) -> anyhow::Result<impl Iterator<Item = Item> + Send> {
    documents_outside(paths, limits, None)
}

/// The documents of `paths` but those of the files under `skip` (a store
/// that lives in the folder being ingested is not news).
pub fn documents_outside(
    paths: &[String],
    limits: Limits,
    skip: Option<&std::path::Path>,
) -> anyhow::Result<impl Iterator<Item = Item> + Send> {
    let skip = skip.and_then(|dir| std::fs::canonicalize(dir).ok());
    let inputs = herald_input::expand_paths(paths)?;
    Ok(inputs
        .into_iter()
        .filter(move |input| match (input, &skip) {
            (herald_input::InputPath::File(path), Some(dir)) => {
                std::fs::canonicalize(path).map_or(true, |p| !p.starts_with(dir))
            }
            _ => true,
        })
        .flat_map(move |input| herald_input::open(&input, limits)))
}

#[derive(Serialize)]
struct EventsOut<'a> {
    events: StreamedEvents<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<&'a DocumentError>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    duplicate_ids: &'a [DuplicateId],
}

/// The events of a grouping, each built as it is written: a long run never
/// holds them all.
struct StreamedEvents<'a>(&'a Streamed<'a>);

impl Serialize for StreamedEvents<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.events())
    }
}

/// An id that more than one input article has: the articles are kept
/// apart (each in its event), and the id is reported.
#[derive(Debug, Serialize)]
struct DuplicateId {
    id: String,
    sources: Vec<String>,
}

/// Ids held by more than one profile, in id order.
fn duplicate_ids(profiles: &[Profile]) -> Vec<DuplicateId> {
    let mut by_id: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for p in profiles {
        by_id.entry(&p.id).or_default().push(&p.source);
    }
    by_id
        .into_iter()
        .filter(|(_, s)| s.len() > 1)
        .map(|(id, sources)| DuplicateId {
            id: id.to_string(),
            sources: sources.into_iter().map(str::to_string).collect(),
        })
        .collect()
}

#[derive(Debug, Serialize)]
struct StorylineOut<'a> {
    id: &'a str,
    title: &'a Option<String>,
    entities: &'a [String],
    events: Vec<&'a Event>,
}

pub fn run_events(args: EventsArgs) -> anyhow::Result<()> {
    if let Some(db) = &args.db {
        return match args.format {
            Format::Json => crate::store::export_events(db, args.storylines),
            Format::Text => {
                let grouping = crate::store::stored_grouping(db)?;
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                write_text(&mut out, &grouping, args.storylines, &[])?;
                out.flush().context("cannot write to stdout")
            }
        };
    }
    let weights = args.common.weights()?;
    let limits = Limits {
        max_document_bytes: args.common.run.max_bytes,
    };
    let progress = bar(args.common.run.quiet, "articles");
    let docs = documents(&args.paths, limits)?;
    let Profiled {
        mut profiles,
        texts,
        errors,
    } = profile_all(docs, &args.common, progress.as_ref())?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if !texts.is_empty() {
        args.common.embed(&mut profiles, &texts)?;
    }
    drop(texts);
    let stats = Stats::of(&profiles);
    let streamed = herald_corpus::group_streamed(&profiles, &stats, &weights);
    let duplicates = duplicate_ids(&profiles);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let collect = |streamed: &Streamed| Grouping {
        events: streamed.events().collect(),
        storylines: streamed.storylines.clone(),
    };
    match (args.format, args.storylines) {
        (Format::Json, false) => {
            let value = EventsOut {
                events: StreamedEvents(&streamed),
                errors: errors.iter().collect(),
                duplicate_ids: &duplicates,
            };
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        (Format::Json, true) => {
            let grouping = collect(&streamed);
            let lines = storyline_view(&grouping);
            serde_json::to_writer_pretty(
                &mut out,
                &serde_json::json!({
                    "storylines": lines,
                    "errors": errors,
                    "duplicate_ids": duplicates,
                }),
            )?;
            writeln!(out)?;
        }
        (Format::Text, storylines) => {
            write_text(&mut out, &collect(&streamed), storylines, &errors)?;
            for d in &duplicates {
                writeln!(
                    out,
                    "duplicate id {}: {} (kept apart)",
                    d.id,
                    d.sources.join(", ")
                )?;
            }
        }
    }
    out.flush().context("cannot write to stdout")?;
    eprintln!(
        "articles {}, failed {}, duplicate ids {}, events {}, storylines {}",
        profiles.len(),
        errors.len(),
        duplicates.len(),
        streamed.len(),
        streamed.storylines.len()
    );
    Ok(())
}

fn storyline_view(grouping: &Grouping) -> Vec<StorylineOut<'_>> {
    let by_id: std::collections::HashMap<&str, &Event> =
        grouping.events.iter().map(|e| (e.id.as_str(), e)).collect();
    grouping
        .storylines
        .iter()
        .map(|s| StorylineOut {
            id: &s.id,
            title: &s.title,
            entities: &s.entities,
            events: s
                .events
                .iter()
                .filter_map(|e| by_id.get(e.as_str()).copied())
                .collect(),
        })
        .collect()
}

fn write_text(
    out: &mut impl Write,
    grouping: &Grouping,
    storylines: bool,
    errors: &[DocumentError],
) -> anyhow::Result<()> {
    let event = |out: &mut dyn Write, e: &Event, indent: &str| -> std::io::Result<()> {
        let date = match (&e.date, e.date_estimated) {
            (Some(d), false) => d.clone(),
            (Some(d), true) => format!("~{d}"),
            (None, _) => "undated".to_string(),
        };
        let copies = e.articles.len() - e.independent_sources;
        writeln!(
            out,
            "{indent}{date}  {}  [{} source(s){}]",
            e.title.as_deref().unwrap_or("(untitled)"),
            e.independent_sources,
            if copies > 0 {
                format!(", {copies} copies")
            } else {
                String::new()
            }
        )?;
        if !e.entities.is_empty() || !e.places.is_empty() {
            let mut names = e.entities.iter().take(6).cloned().collect::<Vec<_>>();
            names.extend(e.places.iter().take(3).cloned());
            writeln!(out, "{indent}    {}", names.join(", "))?;
        }
        for a in &e.articles {
            let lang = a.language.as_deref().unwrap_or("?");
            let copy = a
                .copy_of
                .as_deref()
                .map(|c| format!(" (copy of {c})"))
                .unwrap_or_default();
            writeln!(out, "{indent}    - [{lang}] {}{copy}", a.source)?;
        }
        Ok(())
    };
    if storylines {
        for s in storyline_view(grouping) {
            writeln!(
                out,
                "Storyline {}: {} ({} events)",
                s.id,
                s.title.as_deref().unwrap_or("(untitled)"),
                s.events.len()
            )?;
            for e in s.events {
                event(out, e, "  ")?;
            }
            writeln!(out)?;
        }
    } else {
        for e in &grouping.events {
            event(out, e, "")?;
            writeln!(out)?;
        }
    }
    for e in errors {
        writeln!(out, "error: {}: {}", e.source, e.error)?;
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
With two paths, compares the first article of each and explains the score. \
With --pairs, reads JSON Lines of {\"id\", \"a\", \"b\"} (two article \
texts, or objects with `text`/`html` and `title`) and prints \
{\"id\", \"score\", \"signals\"} per line; a broken line gets an \
{\"id\", \"error\"} line and the run goes on. Term weights come from all \
the texts of the run.")]
pub struct SimilarityArgs {
    /// Two files to compare.
    #[arg(num_args = 0..=2)]
    paths: Vec<String>,
    /// A JSON Lines file of pairs.
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    pairs: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    #[command(flatten)]
    common: Common,
}

pub fn run_similarity(args: SimilarityArgs) -> anyhow::Result<()> {
    let weights = args.common.weights()?;
    if let Some(pairs) = &args.pairs {
        return run_pairs(pairs, &args.common, &weights);
    }
    let [a, b] = args.paths.as_slice() else {
        anyhow::bail!("give two files to compare, or --pairs FILE");
    };
    let limits = Limits {
        max_document_bytes: args.common.run.max_bytes,
    };
    let mut docs = Vec::new();
    for path in [a, b] {
        let first = documents(std::slice::from_ref(path), limits)?
            .next()
            .with_context(|| format!("no document in {path}"))?;
        docs.push(first);
    }
    let (articles, errors) = analyze_all(docs.into_iter(), &args.common, None)?;
    if let Some(e) = errors.first() {
        anyhow::bail!("{}: {}", e.source, e.error);
    }
    let mut profiles: Vec<Profile> = articles.iter().map(Profile::of).collect();
    let texts: Vec<String> = articles
        .iter()
        .map(|a| Profile::embedding_text(a, EMBED_CHARS))
        .collect();
    args.common.embed(&mut profiles, &texts)?;
    let stats = Stats::of(&profiles);
    let (pa, pb) = (
        Prepared::new(&profiles[0], &stats),
        Prepared::new(&profiles[1], &stats),
    );
    let s = herald_corpus::similarity(&pa, &pb, &stats, &weights, true);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        Format::Json => {
            let value = serde_json::json!({
                "a": profiles[0].source, "b": profiles[1].source,
                "score": s.score, "raw": s.raw, "signals": s.signals,
            });
            serde_json::to_writer_pretty(&mut out, &value)?;
            writeln!(out)?;
        }
        Format::Text => {
            writeln!(out, "score {:.3} (raw {:.3})", s.score, s.raw)?;
            for sig in &s.signals {
                writeln!(
                    out,
                    "  {:+.3}  {:<17} {}",
                    sig.weight, sig.signal, sig.detail
                )?;
            }
        }
    }
    Ok(())
}

/// One line of a pairs file, or its error.
enum PairLine {
    Ok {
        id: serde_json::Value,
    },
    Broken {
        id: serde_json::Value,
        error: String,
    },
}

fn side(value: Option<&serde_json::Value>, source: String) -> Result<RawDocument, String> {
    let (text, html, title) = match value {
        Some(serde_json::Value::String(t)) => (Some(t.clone()), None, None),
        Some(serde_json::Value::Object(m)) => {
            let s = |k: &str| m.get(k).and_then(|v| v.as_str()).map(str::to_string);
            (s("text"), s("html"), s("title"))
        }
        _ => return Err("expected a text or an object with `text` or `html`".to_string()),
    };
    let (body, hint) = match (html, text) {
        (Some(h), _) => (h, FormatHint::Html),
        (None, Some(t)) => (t, FormatHint::PlainText),
        (None, None) => return Err("no `text` or `html`".to_string()),
    };
    Ok(RawDocument {
        source,
        title,
        body: Body::Text(body),
        hint,
        ..RawDocument::default()
    })
}

fn run_pairs(path: &str, common: &Common, weights: &Weights) -> anyhow::Result<()> {
    let text = if path == "-" {
        std::io::read_to_string(std::io::stdin()).context("cannot read stdin")?
    } else {
        std::fs::read_to_string(path).with_context(|| format!("cannot read {path}"))?
    };
    let mut lines = Vec::new();
    let mut docs: Vec<Item> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if line.len() > common.run.max_bytes {
            lines.push(PairLine::Broken {
                id: serde_json::Value::Null,
                error: format!(
                    "line {} is larger than {} bytes",
                    n + 1,
                    common.run.max_bytes
                ),
            });
            continue;
        }
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                lines.push(PairLine::Broken {
                    id: serde_json::Value::Null,
                    error: format!("invalid JSON on line {}: {e}", n + 1),
                });
                continue;
            }
        };
        let id = value.get("id").cloned().unwrap_or(serde_json::Value::Null);
        let a = side(value.get("a"), format!("{path}#{}:a", n + 1));
        let b = side(value.get("b"), format!("{path}#{}:b", n + 1));
        match (a, b) {
            (Ok(a), Ok(b)) => {
                docs.push(Ok(a));
                docs.push(Ok(b));
                lines.push(PairLine::Ok { id });
            }
            (Err(e), _) | (_, Err(e)) => lines.push(PairLine::Broken {
                id,
                error: format!("line {}: {e}", n + 1),
            }),
        }
    }
    let progress = counted_bar(common.run.quiet, docs.len(), "analysing");
    // Every text gives one outcome, in order: analysed together so that
    // term weights come from the whole run.
    let ctx = context(&common.run.kb, true)?;
    let threads = thread_count(common.run.threads);
    let mut outcomes: Vec<Result<Article, DocumentError>> = Vec::with_capacity(docs.len());
    let mut state = LinkState::new();
    run_pipeline(docs.into_iter(), &ctx, threads, |o| {
        if let Ok(a) = &o {
            state.observe(a);
        }
        outcomes.push(o);
        if let Some(bar) = &progress {
            bar.inc(1);
        }
        Ok(())
    })?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let mut ok_profiles = Vec::new();
    let mut texts = Vec::new();
    let mut slot: Vec<Option<usize>> = Vec::with_capacity(outcomes.len());
    for o in outcomes.iter_mut() {
        match o {
            Ok(a) => {
                state.apply(a);
                slot.push(Some(ok_profiles.len()));
                texts.push(Profile::embedding_text(a, EMBED_CHARS));
                ok_profiles.push(Profile::of(a));
            }
            Err(_) => slot.push(None),
        }
    }
    common.embed(&mut ok_profiles, &texts)?;
    let mut ok_profiles: Vec<Option<Profile>> = ok_profiles.into_iter().map(Some).collect();
    let profiles: Vec<Option<Profile>> = slot
        .into_iter()
        .map(|s| s.and_then(|i| ok_profiles[i].take()))
        .collect();
    let stats = Stats::of(profiles.iter().flatten());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut next = 0;
    for line in lines {
        let value = match line {
            PairLine::Broken { id, error } => serde_json::json!({ "id": id, "error": error }),
            PairLine::Ok { id } => {
                let (a, b) = (&profiles[next], &profiles[next + 1]);
                let errs = [&outcomes[next], &outcomes[next + 1]];
                next += 2;
                match (a, b) {
                    (Some(a), Some(b)) => {
                        let (pa, pb) = (Prepared::new(a, &stats), Prepared::new(b, &stats));
                        let s = herald_corpus::similarity(&pa, &pb, &stats, weights, true);
                        serde_json::json!({ "id": id, "score": s.score, "signals": s.signals })
                    }
                    _ => {
                        let error = errs
                            .iter()
                            .find_map(|o| o.as_ref().err())
                            .map_or_else(String::new, |e| e.error.clone());
                        serde_json::json!({ "id": id, "error": error })
                    }
                }
            }
        };
        serde_json::to_writer(&mut out, &value)?;
        writeln!(out)?;
    }
    out.flush().context("cannot write to stdout")?;
    Ok(())
}

/// The sentence encoder, when Herald is built with it.
#[cfg(feature = "encoder")]
mod embedding {
    use anyhow::Context as _;
    use herald_corpus::Profile;
    use herald_encoder::{Encoder, MODEL_FILE};
    use std::collections::HashMap;

    pub fn embed(
        model: Option<&std::path::Path>,
        cache: Option<&std::path::Path>,
        threads: usize,
        profiles: &mut [Profile],
        texts: &[String],
        quiet: bool,
    ) -> anyhow::Result<()> {
        let mut known = match cache {
            Some(path) => read_cache(path)?,
            None => HashMap::new(),
        };
        let key = |t: &str| herald_corpus::stable_hash(t.as_bytes(), 0x6535);
        let missing: Vec<usize> = (0..texts.len())
            .filter(|&i| !known.contains_key(&key(&texts[i])))
            .collect();
        if missing.is_empty() {
            for (p, t) in profiles.iter_mut().zip(texts) {
                p.embedding = known.get(&key(t)).cloned();
            }
            return Ok(());
        }
        let dir = match model {
            Some(dir) => dir.to_path_buf(),
            None => {
                let dir = herald_encoder::default_dir();
                if !dir.join(MODEL_FILE).is_file() {
                    eprintln!(
                        "herald: no sentence encoder in {} (scripts/install-model.sh installs it); \
                         comparing without it",
                        dir.display()
                    );
                    return Ok(());
                }
                dir
            }
        };
        let encoder = Encoder::load(&dir)
            .with_context(|| format!("cannot load the sentence encoder from {}", dir.display()))?;
        let mut fresh: Vec<Option<Vec<f32>>> = vec![None; missing.len()];
        let chunk = missing.len().div_ceil(threads.max(1)).max(1);
        let progress = super::counted_bar(quiet, missing.len(), "embedding");
        std::thread::scope(|scope| {
            for (out, idx) in fresh.chunks_mut(chunk).zip(missing.chunks(chunk)) {
                let encoder = &encoder;
                let progress = progress.as_ref();
                scope.spawn(move || {
                    for (o, &i) in out.iter_mut().zip(idx) {
                        *o = Some(encoder.embed(&texts[i]));
                        if let Some(bar) = progress {
                            bar.inc(1);
                        }
                    }
                });
            }
        });
        if let Some(bar) = progress {
            bar.finish_and_clear();
        }
        for (&i, v) in missing.iter().zip(fresh) {
            if let Some(v) = v {
                known.insert(key(&texts[i]), v);
            }
        }
        for (p, t) in profiles.iter_mut().zip(texts) {
            p.embedding = known.get(&key(t)).cloned();
        }
        if let Some(path) = cache {
            write_cache(path, &known)?;
        }
        Ok(())
    }

    fn read_cache(path: &std::path::Path) -> anyhow::Result<HashMap<u64, Vec<f32>>> {
        match std::fs::read_to_string(path) {
            Ok(text) => serde_json::from_str(&text)
                .with_context(|| format!("invalid embedding cache {}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(HashMap::new()),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    fn write_cache(path: &std::path::Path, known: &HashMap<u64, Vec<f32>>) -> anyhow::Result<()> {
        let text = serde_json::to_string(known)?;
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
    }
}

/// Without the `encoder` feature, `--model` is an error and nothing else
/// changes.
#[cfg(not(feature = "encoder"))]
mod embedding {
    use herald_corpus::Profile;

    pub fn embed(
        model: Option<&std::path::Path>,
        _cache: Option<&std::path::Path>,
        _threads: usize,
        _profiles: &mut [Profile],
        _texts: &[String],
        _quiet: bool,
    ) -> anyhow::Result<()> {
        if let Some(dir) = model {
            anyhow::bail!(
                "--model {}: this herald was built without the sentence encoder \
                 (build with `cargo build --release --features encoder`)",
                dir.display()
            );
        }
        Ok(())
    }
}
