//! `herald ingest`, `herald reindex`, `herald delete` and the export of
//! `herald events --db`: the embedded store on the command line.
//!
//! An ingest analyses its input on the worker pool as `herald analyze`
//! does, and commits it in batches. Each batch is one transaction holding
//! its new articles (with the raw document each was read from, for
//! `reindex`), new sightings of articles already stored, the events the
//! batch changed and the corpus state after it, so an ingest killed at any
//! moment and run again stores every article exactly once.
//!
//! Events are kept up to date by `herald_corpus::EventState`: a batch
//! re-groups only the events its articles touch. The term statistics the
//! state weighs with are frozen when the store is first written and made
//! again from all stored articles (re-grouping everything) whenever the
//! store has doubled since, and at the end of an ingest that grew it by a
//! quarter or more since (`Ingest::settle`), so the total work of many
//! ingests stays linear in the articles and a store's events are those of
//! one run over its articles with the statistics of its last refresh:
//! those of all of them after a first ingest, after any ingest that grew
//! the store by a quarter, and after `herald reindex`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use herald_corpus::{
    EventState, LinkState, Persons, Profile, Stats, Update, Weights, rename_persons,
};
use herald_input::{Item, Limits};
use herald_model::{Article, Body, DocumentError, ErrorKind, FormatHint, RawDocument};
use herald_store::{
    Aliases, Batch, CorpusState, Known, Linked, NewArticle, RawRecord, SearchIndex, Sighting,
    SqliteStore, Storage, StoreError,
};

use crate::analyze::{RunOptions, context, run_work, thread_count};
use crate::events::{bar, documents_outside};

/// The default store directory.
pub const DEFAULT_DB: &str = "herald-db";
/// Articles per batch (one transaction each).
const BATCH_ARTICLES: usize = 2_000;
/// An ingest that added articles ends by making the statistics again
/// from all of them when the store holds 1/SETTLE_SHARE more articles
/// than they were made of, or the ingest added 1/SETTLE_SHARE of the
/// articles (see `Ingest::settle`).
const SETTLE_SHARE: u64 = 4;
/// Raw bytes per batch.
const BATCH_BYTES: usize = 256 * 1024 * 1024;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
The same article (same title and clean text) read twice, under another \
file name or URL, is stored once with each of its sightings. An article \
whose id is stored with another text is an error (listed on stdout as \
JSON Lines, like every document that cannot be read); the run goes on. \
Articles are committed in batches: an ingest that is stopped (even killed) \
and run again stores every article exactly once.")]
pub struct IngestArgs {
    /// Files, directories (read recursively) or `-` for stdin.
    #[arg(required = true)]
    paths: Vec<String>,
    /// The store's directory (created when it does not exist).
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    #[command(flatten)]
    run: RunOptions,
    /// Articles per committed batch.
    #[arg(long, default_value_t = BATCH_ARTICLES, hide = true)]
    batch: usize,
}

#[derive(Debug, clap::Args)]
pub struct ReindexArgs {
    /// The store's directory.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    #[command(flatten)]
    run: RunOptions,
}

#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// Ids of the articles to remove.
    #[arg(required = true)]
    ids: Vec<String>,
    /// The store's directory.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
}

/// An analysed document and what the store keeps of it.
type Analysed = Result<(Article, RawRecord), DocumentError>;

/// What an ingest did.
#[derive(Debug, Default)]
struct Summary {
    new: usize,
    stored: usize,
    failed: usize,
    events_new: usize,
    events_grown: usize,
    events_merged: usize,
    /// Stored articles grouped again with the new ones (those of the
    /// events the new ones touched).
    reexamined: usize,
}

fn hint_name(hint: FormatHint) -> &'static str {
    match hint {
        FormatHint::Unknown => "unknown",
        FormatHint::Html => "html",
        FormatHint::PlainText => "text",
        FormatHint::Analyzed => "analyzed",
    }
}

fn hint_of(name: &str) -> FormatHint {
    match name {
        "html" => FormatHint::Html,
        "text" => FormatHint::PlainText,
        "analyzed" => FormatHint::Analyzed,
        _ => FormatHint::Unknown,
    }
}

fn raw_record(doc: &RawDocument) -> RawRecord {
    let (body_is_text, body) = match &doc.body {
        Body::Empty => (false, Vec::new()),
        Body::Bytes(b) => (false, b.clone()),
        Body::Text(t) => (true, t.as_bytes().to_vec()),
    };
    RawRecord {
        source: doc.source.clone(),
        id: doc.id.clone(),
        url: doc.url.clone(),
        title: doc.title.clone(),
        published: doc.published.clone(),
        charset: doc.declared_charset.clone(),
        hint: hint_name(doc.hint).to_string(),
        body_is_text,
        body,
    }
}

fn raw_document(r: &RawRecord) -> RawDocument {
    let body = if r.body_is_text {
        Body::Text(String::from_utf8_lossy(&r.body).into_owned())
    } else if r.body.is_empty() {
        Body::Empty
    } else {
        Body::Bytes(r.body.clone())
    };
    RawDocument {
        source: r.source.clone(),
        id: r.id.clone(),
        url: r.url.clone(),
        title: r.title.clone(),
        published: r.published.clone(),
        body,
        declared_charset: r.charset.clone(),
        hint: hint_of(&r.hint),
    }
}

/// The names the knowledge base knows each entity of `article` by (its
/// aliases in every script), for those it knows under the same canonical
/// name.
fn known_names(kb: &herald_annotate::entities::Kb, article: &Article) -> Aliases {
    let mut out = Vec::new();
    for e in &article.entities {
        let key = herald_annotate::entities::fold(&e.name);
        let entry = kb
            .by_alias(&key)
            .iter()
            .filter_map(|&i| kb.entry(i))
            .find(|entry| entry.name == e.name);
        if let Some(entry) = entry
            && !entry.aliases.is_empty()
        {
            out.push((e.name.clone(), entry.aliases.clone()));
        }
    }
    out
}

/// The host of a URL, without `www.`: the outlet of a sighting.
pub fn outlet_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty() && host.contains('.')).then_some(host)
}

fn now() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .map_or_else(|_| jiff::Timestamp::now().to_string(), |t| t.to_string())
}

fn sighting_of(article: &Article, raw: &RawRecord, seen_at: &str) -> Sighting {
    let url = article.url.clone().or_else(|| raw.url.clone());
    Sighting {
        source: raw.source.clone(),
        outlet: url.as_deref().and_then(outlet_of),
        url,
        seen_at: seen_at.to_string(),
    }
}

/// Stored articles renamed by a batch: their new profiles, and their
/// records with their entities' other names.
type Renamed = (Vec<Profile>, Vec<(Article, Aliases)>);

/// One ingest's writer: takes analysed documents in input order, decides
/// what is new, and commits a batch whenever one is full.
struct Ingest<'a> {
    /// The knowledge base: the names it knows an entity by are stored
    /// with the entity, so a lookup in any script finds it.
    kb: &'a herald_annotate::entities::Kb,
    store: &'a mut SqliteStore,
    index: &'a mut SearchIndex,
    /// The corpus state, read from the store when the first batch of new
    /// articles needs it (`state_unread` until then): an ingest of
    /// articles all stored already (a folder ingested again) neither
    /// reads nor rewrites it.
    state: Option<CorpusState>,
    state_unread: bool,
    weights: Weights,
    /// New articles waiting for the batch, with their content ids.
    pending: Vec<(Article, String, RawRecord, Sighting)>,
    /// Content ids and ids of the articles pending, so that a batch does
    /// not hold one text twice.
    pending_content: HashMap<String, String>,
    pending_ids: HashMap<String, String>,
    sightings: Vec<(String, Sighting)>,
    pending_bytes: usize,
    summary: Summary,
    seen_at: String,
    /// Errors are written as JSON Lines as they come: on stdout, or into
    /// the reply of an upload.
    out: Box<dyn std::io::Write>,
    /// Keep every article in one batch (a reindex: one transaction).
    one_batch: bool,
    /// Articles per batch.
    batch: usize,
    /// Ids that articles must keep (a reindex: by raw source order).
    keep_ids: Vec<Option<String>>,
    kept: usize,
    /// Sightings to carry over (a reindex), by position.
    carried: Vec<Vec<Sighting>>,
    /// The first commit replaces everything stored (a reindex).
    replace: bool,
}

impl<'a> Ingest<'a> {
    /// An ingest that adds to the store, in batches of [`BATCH_ARTICLES`]
    /// at least.
    fn new(
        kb: &'a herald_annotate::entities::Kb,
        store: &'a mut SqliteStore,
        index: &'a mut SearchIndex,
    ) -> Ingest<'a> {
        Ingest {
            kb,
            store,
            index,
            state: None,
            state_unread: true,
            weights: Weights::default(),
            pending: Vec::new(),
            pending_content: HashMap::new(),
            pending_ids: HashMap::new(),
            sightings: Vec::new(),
            pending_bytes: 0,
            summary: Summary::default(),
            seen_at: now(),
            out: Box::new(std::io::BufWriter::new(std::io::stdout())),
            one_batch: false,
            batch: BATCH_ARTICLES,
            keep_ids: Vec::new(),
            kept: 0,
            carried: Vec::new(),
            replace: false,
        }
    }

    fn error(&mut self, e: &DocumentError) -> anyhow::Result<()> {
        use std::io::Write;
        self.summary.failed += 1;
        serde_json::to_writer(&mut self.out, e)?;
        writeln!(self.out)?;
        Ok(())
    }

    fn take(&mut self, analysed: Analysed) -> anyhow::Result<()> {
        let position = self.kept;
        self.kept += 1;
        let (mut article, raw) = match analysed {
            Ok(x) => x,
            Err(e) => return self.error(&e),
        };
        if let Some(Some(id)) = self.keep_ids.get(position) {
            article.id = Some(id.clone());
        }
        let content_id = herald_pipeline::content_id(&article);
        let id = article.id.clone().unwrap_or_else(|| content_id.clone());
        article.id = Some(id.clone());
        let mut sighting = sighting_of(&article, &raw, &self.seen_at);
        // A reindexed article keeps the sightings it had.
        let mut carried = self
            .carried
            .get_mut(position)
            .map(std::mem::take)
            .unwrap_or_default();
        if let Some(i) = carried.iter().position(|c| c.source == sighting.source) {
            sighting = carried.remove(i);
        }
        if let Some(stored) = self.pending_content.get(&content_id) {
            self.summary.stored += 1;
            self.sightings.push((stored.clone(), sighting));
            return Ok(());
        }
        if let Some(other) = self.pending_ids.get(&id)
            && other != &content_id
        {
            return self.id_conflict(&article, &id);
        }
        if !self.replace {
            match self.store.known(&id, &content_id)? {
                Known::Stored(stored) => {
                    self.summary.stored += 1;
                    self.sightings.push((stored, sighting));
                    return Ok(());
                }
                Known::IdConflict => return self.id_conflict(&article, &id),
                Known::New => {}
            }
        }
        for s in carried {
            self.sightings.push((id.clone(), s));
        }
        self.pending_content.insert(content_id.clone(), id.clone());
        self.pending_ids.insert(id, content_id.clone());
        self.pending_bytes += raw.body.len() + article.text.len();
        self.pending.push((article, content_id, raw, sighting));
        if !self.one_batch
            && (self.pending_bytes >= BATCH_BYTES || self.pending.len() >= self.batch_size()?)
        {
            self.flush()?;
        }
        Ok(())
    }

    /// Articles in the next batch: at least `--batch`, and half the store
    /// as it grows, since every batch rewrites the corpus state (so the
    /// state is written a logarithmic number of times in a long ingest).
    fn batch_size(&mut self) -> anyhow::Result<usize> {
        if self.pending.len() < self.batch {
            return Ok(self.batch);
        }
        let stored = self
            .read_state()?
            .as_ref()
            .map_or(0, |s| s.events.articles());
        Ok(self.batch.max(stored / 2))
    }

    /// The corpus state, read from the store the first time.
    fn read_state(&mut self) -> anyhow::Result<&Option<CorpusState>> {
        if self.state_unread {
            self.state = self.store.state()?;
            self.state_unread = false;
        }
        Ok(&self.state)
    }

    fn id_conflict(&mut self, article: &Article, id: &str) -> anyhow::Result<()> {
        self.error(&DocumentError::new(
            &article.source,
            Some(id.to_string()),
            ErrorKind::Malformed,
            format!("id {id} is already stored with another text (not stored again)"),
        ))
    }

    /// Links, profiles and groups the pending articles and commits them.
    fn flush(&mut self) -> anyhow::Result<()> {
        if self.pending.is_empty() && self.sightings.is_empty() {
            return Ok(());
        }
        if self.pending.is_empty() && !self.replace {
            // New sightings of stored articles: the events stay as they are.
            let batch = Batch {
                articles: Vec::new(),
                sightings: std::mem::take(&mut self.sightings),
                changed: Vec::new(),
                removed: Vec::new(),
                storylines: None,
                deleted: Vec::new(),
                updated: Vec::new(),
                replace_all: false,
                clear_articles: false,
                state: None,
            };
            self.store.commit(batch)?;
            self.index.catch_up(&*self.store)?;
            return Ok(());
        }
        self.read_state()?;
        let pending = std::mem::take(&mut self.pending);
        self.pending_content.clear();
        self.pending_ids.clear();
        self.pending_bytes = 0;
        let mut state = match self.state.take() {
            Some(s) => s,
            None => CorpusState {
                link: LinkState::new(),
                events: EventState::new(Stats::new(), self.weights.clone()),
                names: Default::default(),
            },
        };
        for (a, _, _, _) in &pending {
            state.link.observe(a);
        }
        let mut articles: Vec<NewArticle> = Vec::with_capacity(pending.len());
        let mut profiles: Vec<Profile> = Vec::with_capacity(pending.len());
        for (mut article, content_id, raw, sighting) in pending {
            let persons = Persons::of(&article);
            state.link.apply(&mut article);
            if let (Some(persons), Some(id)) = (persons, article.id.clone()) {
                let applied = state.link.renames(&persons);
                state.names.insert(id, Linked { persons, applied });
            }
            profiles.push(Profile::of(&article));
            let aliases = known_names(self.kb, &article);
            articles.push(NewArticle {
                aliases,
                // Renaming persons changes neither title nor text.
                content_id,
                article,
                analysis: env!("CARGO_PKG_VERSION").to_string(),
                raw,
                sighting,
            });
        }
        // The first articles of a store give its statistics.
        if state.events.articles() == 0 {
            state.events = EventState::new(Stats::of(&profiles), self.weights.clone());
        }
        let new_ids: std::collections::HashSet<String> =
            profiles.iter().map(|p| p.id.clone()).collect();
        let (renamed, updated) = self.rename_stored(&mut state, &new_ids)?;
        let mut update: Update = state.events.add(&*self.store, profiles).map_err(corpus)?;
        if !renamed.is_empty() {
            let again = state
                .events
                .replace(&*self.store, renamed)
                .map_err(corpus)?;
            update = state.events.settle(update, again);
        }
        // A reindex starts from an empty state: every event is new, and in
        // the update. A refresh re-groups everything: its update holds every
        // event.
        let mut replace = self.replace;
        if state.events.articles() as u64 >= 2 * state.events.stats().articles.max(1) {
            let (refreshed, all) = state.events.refreshed(&*self.store).map_err(corpus)?;
            state.events = refreshed;
            update.changed = all.changed;
            replace = true;
        }
        if replace {
            update.removed = Vec::new();
        }
        self.count_events(&update, &new_ids);
        let batch = Batch {
            articles,
            sightings: std::mem::take(&mut self.sightings),
            changed: update.changed,
            removed: update.removed,
            storylines: Some(state.events.storylines().to_vec()),
            deleted: Vec::new(),
            updated,
            replace_all: replace,
            clear_articles: self.replace,
            state: Some(state),
        };
        self.summary.new += batch.articles.len();
        let clear = batch.clear_articles;
        let mut batch = self.store.commit(batch)?;
        if clear {
            self.index.clear()?;
        }
        // The store is the record; the index follows it (and catches up
        // on the next run if this one is killed in between).
        self.index.catch_up(&*self.store)?;
        self.replace = false;
        self.state = batch.state.take();
        Ok(())
    }

    /// Stored articles whose persons the batch's articles gave other
    /// canonical names: their profiles renamed (for the events) and their
    /// records renamed (for the store), so that a store built in several
    /// ingests names people as one ingest of the same articles does.
    fn rename_stored(
        &mut self,
        state: &mut CorpusState,
        new_ids: &std::collections::HashSet<String>,
    ) -> anyhow::Result<Renamed> {
        let mut profiles = Vec::new();
        let mut updated = Vec::new();
        // The stored articles whose renames may have changed: those with a
        // surname key of a name observed or forgotten since the last batch
        // (the others' clusters are as they were), and those in hand (of a
        // state saved with all of them). Those renamed are saved again.
        let touched = state.link.take_touched();
        let keys: Vec<&str> = touched.iter().map(String::as_str).collect();
        let mut stored: BTreeMap<String, Linked> = BTreeMap::new();
        for (id, linked) in self.store.persons_by_keys(&keys)? {
            if !state.names.contains_key(&id) {
                stored.insert(id, linked);
            }
        }
        let mut renamed_stored: Vec<String> = Vec::new();
        for (id, linked) in state.names.iter_mut().chain(stored.iter_mut()) {
            if new_ids.contains(id) {
                continue;
            }
            let now = state.link.renames(&linked.persons);
            if now == linked.applied {
                continue;
            }
            // From the names the record holds to the names it should.
            let target = |pairs: &[(String, String)], name: &str| -> String {
                pairs
                    .iter()
                    .find(|(old, _)| old == name)
                    .map_or_else(|| name.to_string(), |(_, new)| new.clone())
            };
            let mut mapping: Vec<(String, String)> = Vec::new();
            for (name, _) in linked.persons.names() {
                let (from, to) = (target(&linked.applied, name), target(&now, name));
                if from != to && !mapping.iter().any(|(f, _)| *f == from) {
                    mapping.push((from, to));
                }
            }
            linked.applied = now;
            renamed_stored.push(id.clone());
            if mapping.is_empty() {
                continue;
            }
            if let Some(p) = state.events.profile(&*self.store, id).map_err(corpus)? {
                let mut p = p.clone();
                p.rename(&mapping);
                profiles.push(p);
            }
            if let Some(stored) = self.store.article(id)? {
                let mut article = stored.article;
                rename_persons(&mut article, &mapping);
                let aliases = known_names(self.kb, &article);
                updated.push((article, aliases));
            }
        }
        for id in renamed_stored {
            if let Some(linked) = stored.remove(&id) {
                state.names.insert(id, linked);
            }
        }
        Ok((profiles, updated))
    }

    /// Ends an ingest that added articles: when the store holds a quarter
    /// more articles than its statistics were made of, or the ingest added
    /// a quarter of its articles, makes them again from all of them and
    /// re-groups everything, so that the events are those of one run over
    /// the store (a first ingest gives the events of one batch of all its
    /// articles, however it was batched). Each such refresh follows a
    /// growth by a quarter, or an ingest of a quarter of the store, so
    /// their total work stays linear in the articles; smaller ingests keep
    /// the statistics (`herald reindex` makes them again whenever asked).
    fn settle(&mut self) -> anyhow::Result<()> {
        if self.state_unread || self.one_batch {
            return Ok(());
        }
        let Some(mut state) = self.state.take() else {
            return Ok(());
        };
        let basis = state.events.stats().articles;
        let held = state.events.articles() as u64;
        let grown = held * SETTLE_SHARE >= basis * (SETTLE_SHARE + 1);
        let large = self.summary.new as u64 * SETTLE_SHARE >= held;
        if held == basis || !(grown || large) {
            self.state = Some(state);
            return Ok(());
        }
        let (refreshed, all) = state.events.refreshed(&*self.store).map_err(corpus)?;
        state.events = refreshed;
        self.summary.reexamined += all.reexamined;
        let batch = Batch {
            changed: all.changed,
            storylines: Some(state.events.storylines().to_vec()),
            replace_all: true,
            state: Some(state),
            ..Batch::default()
        };
        let mut batch = self.store.commit(batch)?;
        self.state = batch.state.take();
        Ok(())
    }

    /// Counts the events a batch made (all their articles new), grew
    /// (some new) and merged away.
    fn count_events(&mut self, update: &Update, new_ids: &std::collections::HashSet<String>) {
        for e in &update.changed {
            let fresh = e
                .articles
                .iter()
                .filter(|a| new_ids.contains(&a.id))
                .count();
            if fresh == e.articles.len() {
                self.summary.events_new += 1;
            } else if fresh > 0 {
                self.summary.events_grown += 1;
            }
        }
        self.summary.events_merged += update.removed.len();
        self.summary.reexamined += update.reexamined.saturating_sub(new_ids.len());
    }
}

/// A failure to read the stored profiles the corpus step needs.
fn corpus(e: herald_corpus::SourceError) -> anyhow::Error {
    anyhow::anyhow!(e).context("reading the stored event profiles")
}

/// Opens (or creates) the store and takes its write lock.
/// What an ingest writes to: the store (locked), its index caught up, and
/// the corpus state.
struct Target {
    store: SqliteStore,
    _lock: herald_store::WriteLock,
    index: SearchIndex,
}

fn open_target(db: &Path) -> anyhow::Result<Target> {
    let (store, lock) = open_for_writing(db)?;
    let mut index = SearchIndex::open(db)?;
    index.catch_up(&store)?;
    Ok(Target {
        store,
        _lock: lock,
        index,
    })
}

fn open_for_writing(db: &Path) -> anyhow::Result<(SqliteStore, herald_store::WriteLock)> {
    let store = SqliteStore::create(db)?;
    let lock = store.lock()?;
    Ok((store, lock))
}

fn analyse_into<I>(
    docs: I,
    run: &RunOptions,
    ctx: &herald_pipeline::Context,
    ingest: &mut Ingest<'_>,
    what: &str,
) -> anyhow::Result<()>
where
    I: Iterator<Item = Item> + Send,
{
    let threads = thread_count(run.threads);
    let progress = bar(run.quiet, what);
    run_work(
        docs,
        threads,
        |item| -> Analysed {
            let doc = item?;
            let article = herald_pipeline::analyze(&doc, ctx)?;
            Ok((article, raw_record(&doc)))
        },
        |analysed| {
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            ingest.take(analysed)
        },
    )?;
    ingest.flush()?;
    ingest.settle()?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    Ok(())
}

pub fn run_ingest(args: IngestArgs) -> anyhow::Result<()> {
    ingest_paths(&args.paths, &args.db, &args.run, args.batch)
}

/// Ingests `paths` into the store in `db` and prints the summary on
/// stderr (errors as JSON Lines on stdout).
pub fn ingest_paths(
    paths: &[String],
    db: &Path,
    run: &RunOptions,
    batch: usize,
) -> anyhow::Result<()> {
    let Target {
        mut store,
        _lock,
        mut index,
    } = open_target(db)?;
    let limits = Limits {
        max_document_bytes: run.max_bytes,
    };
    let docs = documents_outside(paths, limits, Some(db))?;
    let ctx = context(&run.kb, true)?;
    let mut ingest = Ingest::new(&ctx.kb, &mut store, &mut index);
    ingest.batch = batch.max(1);
    analyse_into(docs, run, &ctx, &mut ingest, "articles")?;
    let s = std::mem::take(&mut ingest.summary);
    {
        use std::io::Write;
        ingest.out.flush().context("cannot write to stdout")?;
    }
    drop(ingest);
    let counts = store.counts()?;
    eprintln!(
        "articles: {} new, {} already stored, {} failed; events: {} new, {} grown, {} merged away \
         ({} stored articles grouped again); the store ({}) holds {} articles, {} events, {} storylines",
        s.new,
        s.stored,
        s.failed,
        s.events_new,
        s.events_grown,
        s.events_merged,
        s.reexamined,
        db.display(),
        counts.articles,
        counts.events,
        counts.storylines
    );
    Ok(())
}

/// Ingest through the API (`herald serve --allow-ingest`): each upload is
/// read like a file of `herald ingest` and committed the same way, its
/// document errors returned in the reply instead of printed.
pub struct ApiIngest {
    db: PathBuf,
    run: RunOptions,
    ctx: std::mem::ManuallyDrop<herald_pipeline::Context>,
}

impl ApiIngest {
    /// Builds the analysis context once; the store in `db` must exist.
    pub fn new(db: &Path, run: RunOptions) -> anyhow::Result<ApiIngest> {
        if !db.join(herald_store::DATABASE).is_file() {
            anyhow::bail!("no store at {} (run `herald ingest` first)", db.display());
        }
        let ctx = context(&run.kb, true)?;
        Ok(ApiIngest {
            db: db.to_path_buf(),
            run,
            ctx,
        })
    }

    fn ingest_body(&self, name: &str, body: Vec<u8>) -> anyhow::Result<serde_json::Value> {
        let Target {
            mut store,
            _lock,
            mut index,
        } = open_target(&self.db)?;
        let limits = Limits {
            max_document_bytes: self.run.max_bytes,
        };
        let docs = herald_input::read_stream(
            name.to_string(),
            Box::new(std::io::Cursor::new(body)),
            limits,
        );
        let errors = Lines::default();
        let mut ingest = Ingest::new(&self.ctx.kb, &mut store, &mut index);
        ingest.out = Box::new(errors.clone());
        analyse_into(docs, &self.run, &self.ctx, &mut ingest, "articles")?;
        let s = std::mem::take(&mut ingest.summary);
        drop(ingest);
        let errors: Vec<serde_json::Value> = errors
            .text()
            .lines()
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect();
        Ok(serde_json::json!({
            "articles": { "new": s.new, "already_stored": s.stored, "failed": s.failed },
            "events": { "new": s.events_new, "grown": s.events_grown, "merged_away": s.events_merged },
            "errors": errors,
        }))
    }
}

impl herald_server::Ingester for ApiIngest {
    fn ingest(
        &self,
        name: &str,
        body: Vec<u8>,
    ) -> Result<serde_json::Value, herald_server::IngestError> {
        self.ingest_body(name, body).map_err(|e| {
            let message = format!("{e:#}");
            match e.downcast_ref::<StoreError>() {
                Some(StoreError::Locked { .. }) => herald_server::IngestError::Busy(message),
                _ => herald_server::IngestError::Failed(message),
            }
        })
    }
}

/// A shared buffer of written lines.
#[derive(Clone, Default)]
struct Lines(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl Lines {
    fn text(&self) -> String {
        self.0
            .lock()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
            .unwrap_or_default()
    }
}

impl std::io::Write for Lines {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut b) = self.0.lock() {
            b.extend_from_slice(buf);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

pub fn run_reindex(args: ReindexArgs) -> anyhow::Result<()> {
    if !args.db.join(herald_store::DATABASE).is_file() {
        anyhow::bail!(
            "no store at {} (run `herald ingest` first)",
            args.db.display()
        );
    }
    let (mut store, _lock) = open_for_writing(&args.db)?;
    let mut docs: Vec<RawDocument> = Vec::new();
    let mut keep_ids: Vec<Option<String>> = Vec::new();
    let mut carried: Vec<Vec<Sighting>> = Vec::new();
    store.each_raw(&mut |id, raw, sightings| {
        docs.push(raw_document(&raw));
        keep_ids.push(Some(id));
        // The first sighting is made again from the raw document.
        carried.push(sightings);
        Ok(())
    })?;
    let before = store.counts()?;
    let mut index = SearchIndex::open(&args.db)?;
    let ctx = context(&args.run.kb, true)?;
    // Everything in one transaction, replacing what was stored, under the
    // ids and with the sightings it had.
    let mut ingest = Ingest::new(&ctx.kb, &mut store, &mut index);
    // A reindex starts from an empty state.
    ingest.state_unread = false;
    ingest.one_batch = true;
    ingest.batch = usize::MAX;
    ingest.keep_ids = keep_ids;
    ingest.carried = carried;
    ingest.replace = true;
    analyse_into(
        docs.into_iter().map(Ok),
        &args.run,
        &ctx,
        &mut ingest,
        "articles",
    )?;
    let s = std::mem::take(&mut ingest.summary);
    drop(ingest);
    let after = store.counts()?;
    eprintln!(
        "reindexed {} articles ({} failed); events {} before, {} now; storylines {} before, {} now",
        s.new, s.failed, before.events, after.events, before.storylines, after.storylines
    );
    Ok(())
}

pub fn run_delete(args: DeleteArgs) -> anyhow::Result<()> {
    if !args.db.join(herald_store::DATABASE).is_file() {
        anyhow::bail!(
            "no store at {} (run `herald ingest` first)",
            args.db.display()
        );
    }
    let (mut store, _lock) = open_for_writing(&args.db)?;
    let mut found = Vec::new();
    for id in &args.ids {
        if store.article(id)?.is_some() {
            found.push(id.clone());
        } else {
            eprintln!("herald: no article {id} in {}", args.db.display());
        }
    }
    if found.is_empty() {
        anyhow::bail!("nothing deleted");
    }
    let Some(mut state) = store.state()? else {
        anyhow::bail!("the store has articles but no corpus state: run `herald reindex`");
    };
    let update = state.events.remove(&store, &found).map_err(corpus)?;
    for id in &found {
        // Its names no longer give anyone a canonical name.
        let linked = match state.names.remove(id) {
            Some(linked) => Some(linked),
            None => store.persons_of(id)?,
        };
        if let Some(linked) = linked {
            state.link.forget(&linked.persons);
        }
    }
    let batch = Batch {
        deleted: found.clone(),
        changed: update.changed,
        removed: update.removed,
        storylines: Some(state.events.storylines().to_vec()),
        state: Some(state),
        ..Batch::default()
    };
    store.commit(batch)?;
    SearchIndex::open(&args.db)?.delete(&found)?;
    eprintln!("deleted {} article(s): {}", found.len(), found.join(", "));
    Ok(())
}

/// `herald events --db DIR`: the stored events, in the contract of
/// `herald events` over files, written one by one.
pub fn export_events(db: &Path, storylines: bool) -> anyhow::Result<()> {
    use std::io::Write;
    let store = SqliteStore::open_read(db)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if storylines {
        let lines = store.storylines()?;
        let mut view = Vec::with_capacity(lines.len());
        for s in &lines {
            let mut events = Vec::new();
            for id in &s.events {
                if let Some(e) = store.event(id)? {
                    events.push(e);
                }
            }
            view.push(serde_json::json!({
                "id": s.id, "title": s.title, "entities": s.entities, "events": events,
            }));
        }
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "storylines": view }))?;
    } else {
        out.write_all(b"{\n  \"events\": [")?;
        let mut first = true;
        let mut failed: Option<anyhow::Error> = None;
        store.each_event(&mut |e| {
            let r = (|| -> anyhow::Result<()> {
                out.write_all(if first { b"\n    " } else { b",\n    " })?;
                serde_json::to_writer(&mut out, &e)?;
                Ok(())
            })();
            first = false;
            if let Err(err) = r {
                failed = Some(err);
            }
            Ok(())
        })?;
        if let Some(e) = failed {
            return Err(e);
        }
        out.write_all(b"\n  ]\n}")?;
    }
    writeln!(out)?;
    out.flush().context("cannot write to stdout")?;
    Ok(())
}

/// Every stored event and storyline, as `herald events` groups them.
pub fn stored_grouping(db: &Path) -> anyhow::Result<herald_corpus::Grouping> {
    let store = SqliteStore::open_read(db)?;
    let mut events = Vec::new();
    store.each_event(&mut |e| {
        events.push(e);
        Ok(())
    })?;
    Ok(herald_corpus::Grouping {
        events,
        storylines: store.storylines()?,
    })
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// Words to find (all of them; "quotes" for a phrase).
    #[arg(required = true)]
    query: Vec<String>,
    /// The store's directory.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// JSON Lines: one hit per line.
    #[arg(long)]
    json: bool,
    /// How many hits.
    #[arg(long, default_value_t = 20)]
    limit: usize,
}

pub fn run_search(args: SearchArgs) -> anyhow::Result<()> {
    use std::io::Write;
    let store = SqliteStore::open_read(&args.db)?;
    let index = SearchIndex::open(&args.db)?;
    let query = args.query.join(" ");
    let hits = herald_store::search_articles(&store, &index, &query, 0, args.limit)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for h in &hits {
        if args.json {
            serde_json::to_writer(&mut out, h)?;
            writeln!(out)?;
        } else {
            let snippet: String = h
                .parts()
                .into_iter()
                .map(|(hit, text)| {
                    if hit {
                        format!("[{text}]")
                    } else {
                        text.to_string()
                    }
                })
                .collect();
            writeln!(
                out,
                "{}  {}  [{}] {}\n    {}\n    {}",
                h.published.as_deref().unwrap_or("undated"),
                h.id,
                h.language.as_deref().unwrap_or("?"),
                h.title.as_deref().unwrap_or("(untitled)"),
                snippet.split_whitespace().collect::<Vec<_>>().join(" "),
                h.source.as_deref().unwrap_or(""),
            )?;
        }
    }
    out.flush().context("cannot write to stdout")?;
    if !args.json && hits.is_empty() {
        eprintln!("no article matches {query:?}");
    }
    Ok(())
}
