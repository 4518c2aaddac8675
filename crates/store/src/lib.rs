//! Herald's store: articles, their sightings, events, storylines and the
//! corpus state, behind one trait ([`Storage`]) so that a server database
//! can take the embedded one's place.
//!
//! The embedded default is [`SqliteStore`]: one directory holding an SQLite
//! database (bundled, nothing to install) in write-ahead-log mode. Every
//! ingest commits in [`Batch`]es, each one transaction that holds the new
//! articles, their sightings, the events they changed and the corpus state
//! after them, so a process killed at any moment leaves the store as it
//! was after the last whole batch: no half-written article, no article
//! without its event.
//!
//! The trait is synchronous. SQLite is an in-process library whose calls
//! block; a server database can be reached through a blocking client as
//! well, and the HTTP server calls the store from a blocking thread pool.
//! One writer at a time holds the store's write lock ([`SqliteStore::lock`]);
//! readers are never blocked and see each batch as soon as it commits.
//!
//! This crate does IO and nothing else: articles arrive analysed
//! (`herald-pipeline`) and events grouped (`herald-corpus`).

mod schema;
mod search;
mod sqlite;

use herald_corpus::{EventState, LinkState};
use herald_model::{Article, Event, Storyline};
use serde::{Deserialize, Serialize};

pub use schema::SCHEMA_VERSION;
pub use search::{Hit, INDEX_DIR, SearchIndex};
pub use sqlite::{DATABASE, SqliteStore, WriteLock, name_key};

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store at {path}: {message}")]
    Open { path: String, message: String },
    #[error(
        "the store at {path} has schema version {found}, newer than this herald knows ({known}): use a newer herald"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("the store at {path} is being written by another herald (ingest, reindex or delete)")]
    Locked { path: String },
    #[error("a stored {what} cannot be read: {message}")]
    Corrupt { what: String, message: String },
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("store: {0}")]
    Io(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// One place an article was seen: the same text under another file name or
/// URL is one article with several sightings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sighting {
    /// The path or URL it was read from (`path#line` in JSON Lines).
    pub source: String,
    pub url: Option<String>,
    /// The outlet: the host of its URL, when it has one.
    pub outlet: Option<String>,
    /// When it was ingested (UTC, RFC 3339).
    pub seen_at: String,
}

/// The raw document an article was analysed from, kept so that `herald
/// reindex` can analyse it again with a newer Herald.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RawRecord {
    pub source: String,
    pub id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub charset: Option<String>,
    /// `unknown`, `html`, `text` or `analyzed`.
    pub hint: String,
    /// The body was already Unicode text (a JSON string), not bytes.
    pub body_is_text: bool,
    pub body: Vec<u8>,
}

/// Other names of an article's entities: (canonical name, names), such as
/// the knowledge base's aliases in other scripts.
pub type Aliases = Vec<(String, Vec<String>)>;

/// An article to store.
#[derive(Debug, Clone)]
pub struct NewArticle {
    /// Analysed; `id` set.
    pub article: Article,
    /// The id of its content (`herald_pipeline::content_id`): the same
    /// content is stored once.
    pub content_id: String,
    /// The Herald version that analysed it.
    pub analysis: String,
    pub raw: RawRecord,
    pub sighting: Sighting,
    /// Other names of its entities (canonical name, names), such as the
    /// knowledge base's aliases in other scripts: an entity is found by
    /// them too.
    pub aliases: Aliases,
}

/// What the store knows of an incoming article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Known {
    /// Neither its id nor its content is stored.
    New,
    /// Its content is stored, under this id.
    Stored(String),
    /// Its id is stored with another content.
    IdConflict,
}

/// The state of the corpus step: name linking and events, saved with each
/// batch so that the next ingest goes on from it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CorpusState {
    pub link: LinkState,
    pub events: EventState,
    /// The persons of articles that name one, as analysed, and the
    /// renames linking gave them so far (when later articles give a person
    /// a fuller name, the stored articles are renamed too): those of this
    /// batch, new or renamed. A commit moves them to the store, which
    /// finds them again by surname key ([`Storage::persons_by_keys`]); a
    /// state saved with all of them (an older store) hands them over so.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub names: std::collections::BTreeMap<String, Linked>,
}

/// An article's persons as analysed and the renames applied to them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Linked {
    pub persons: herald_corpus::Persons,
    pub applied: Vec<(String, String)>,
}

/// One atomic write.
#[derive(Debug, Default)]
pub struct Batch {
    pub articles: Vec<NewArticle>,
    /// Stored articles rewritten (persons renamed), with their entities'
    /// other names.
    pub updated: Vec<(Article, Aliases)>,
    /// New sightings of stored articles (by article id).
    pub sightings: Vec<(String, Sighting)>,
    /// Events new or changed.
    pub changed: Vec<Event>,
    /// Ids of events that no longer exist.
    pub removed: Vec<String>,
    /// All storylines (they replace the stored ones; events take their
    /// storyline ids from them).
    pub storylines: Option<Vec<Storyline>>,
    /// Articles to delete (takedowns), by id.
    pub deleted: Vec<String>,
    /// Remove every article, event and storyline first (a reindex, or
    /// events re-grouped with refreshed statistics: then `changed` holds
    /// every event).
    pub replace_all: bool,
    /// Remove every stored article first (a reindex).
    pub clear_articles: bool,
    pub state: Option<CorpusState>,
}

/// Which events to list.
#[derive(Debug, Clone, Default)]
pub struct EventQuery {
    /// Events dated on or after this day (`YYYY-MM-DD`, or a prefix).
    pub from: Option<String>,
    /// Events dated on or before this day.
    pub to: Option<String>,
    /// Events naming this entity (canonical name, any case).
    pub entity: Option<String>,
    /// Events at this place.
    pub place: Option<String>,
    /// Events with an article in this language.
    pub language: Option<String>,
    /// Only these events (a search's result), when set.
    pub ids: Option<Vec<String>>,
    pub offset: usize,
    pub limit: usize,
}

/// An event as a list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventSummary {
    pub id: String,
    pub date: Option<String>,
    pub date_estimated: bool,
    pub title: Option<String>,
    pub storyline: Option<String>,
    pub articles: usize,
    pub independent_sources: usize,
    pub copies: usize,
    pub entities: Vec<String>,
    pub places: Vec<String>,
    pub languages: Vec<String>,
}

/// A stored article with where it was seen and its event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredArticle {
    pub article: Article,
    pub content_id: String,
    pub analysis: String,
    pub sightings: Vec<Sighting>,
    pub event: Option<String>,
}

/// What a list shows of a stored article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleBrief {
    pub id: String,
    pub title: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    /// Where it was first seen.
    pub source: Option<String>,
    pub event: Option<String>,
}

/// A quote as the store lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredQuote {
    pub article: String,
    pub event: Option<String>,
    pub speaker: Option<String>,
    pub text: String,
    pub cue: Option<String>,
    pub via: Option<String>,
    pub published: Option<String>,
}

/// An entity across the store: its names as written, its roles and the
/// events it is in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    pub name: String,
    pub kind: String,
    /// Mention texts, most frequent first.
    pub variants: Vec<String>,
    /// Roles with the years they were seen.
    pub roles: Vec<(String, Vec<String>)>,
    pub articles: usize,
    /// Events (newest first).
    pub events: Vec<EventSummary>,
}

/// How many of each thing the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub articles: usize,
    pub sightings: usize,
    pub events: usize,
    pub storylines: usize,
}

/// A store of articles and events. Implemented by [`SqliteStore`]; a server
/// database implements the same calls.
pub trait Storage {
    /// Whether an article of this id and content is stored.
    fn known(&self, id: &str, content_id: &str) -> Result<Known>;
    /// The corpus state of the last batch, if any.
    fn state(&self) -> Result<Option<CorpusState>>;
    /// Writes a batch atomically, and gives it back (its corpus state is
    /// what the writer goes on with).
    fn commit(&mut self, batch: Batch) -> Result<Batch>;
    fn counts(&self) -> Result<Counts>;
    fn article(&self, id: &str) -> Result<Option<StoredArticle>>;
    /// What a list shows of an article, without reading it whole.
    fn article_brief(&self, id: &str) -> Result<Option<ArticleBrief>>;
    fn event(&self, id: &str) -> Result<Option<Event>>;
    /// Events newest first, filtered and paged, and how many match.
    fn events(&self, query: &EventQuery) -> Result<(Vec<EventSummary>, usize)>;
    /// Every event in date order, one at a time (an export).
    fn each_event(&self, f: &mut dyn FnMut(Event) -> Result<()>) -> Result<()>;
    fn storylines(&self) -> Result<Vec<Storyline>>;
    fn storyline(&self, id: &str) -> Result<Option<Storyline>>;
    /// An entity by any name it is known or mentioned by.
    fn entity(&self, name: &str) -> Result<Option<EntityRecord>>;
    /// Quotes, newest first, by speaker (any case) and text.
    fn quotes(
        &self,
        speaker: Option<&str>,
        text: Option<&str>,
        limit: usize,
    ) -> Result<Vec<StoredQuote>>;
    /// Every stored raw document, in ingest order, one at a time.
    /// (article id, raw document, sightings).
    fn each_raw(
        &self,
        f: &mut dyn FnMut(String, RawRecord, Vec<Sighting>) -> Result<()>,
    ) -> Result<()>;
    /// Articles stored after `after` (in ingest order), for the search
    /// index to catch up: (sequence, article).
    fn articles_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, Article)>>;
    /// The stored persons of the articles whose renames depend on one of
    /// these surname keys (`Persons::keys`), by article id.
    fn persons_by_keys(&self, keys: &[&str]) -> Result<Vec<(String, Linked)>>;
    /// The stored persons of one article.
    fn persons_of(&self, id: &str) -> Result<Option<Linked>>;
}

/// A hit with what the store knows of its article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: String,
    pub score: f32,
    pub title: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub event: Option<String>,
    pub snippet: String,
    /// Byte ranges of the matched words in `snippet`.
    pub highlights: Vec<std::ops::Range<usize>>,
}

impl SearchHit {
    /// The snippet cut at its highlights: (matched, text) in order. Ranges
    /// that overlap, run past the snippet or cut a character are skipped.
    pub fn parts(&self) -> Vec<(bool, &str)> {
        let s = self.snippet.as_str();
        let mut parts = Vec::new();
        let mut at = 0;
        for r in &self.highlights {
            if r.start < at
                || r.end > s.len()
                || !s.is_char_boundary(r.start)
                || !s.is_char_boundary(r.end)
            {
                continue;
            }
            parts.push((false, &s[at..r.start]));
            parts.push((true, &s[r.clone()]));
            at = r.end;
        }
        parts.push((false, &s[at..]));
        parts
    }
}

/// Searches the store's index; hits whose article the store no longer
/// holds are left out.
pub fn search_articles(
    store: &dyn Storage,
    index: &SearchIndex,
    query: &str,
    offset: usize,
    limit: usize,
) -> Result<Vec<SearchHit>> {
    let mut out = Vec::new();
    for hit in index.search(query, offset, limit)? {
        let Some(brief) = store.article_brief(&hit.id)? else {
            continue;
        };
        out.push(SearchHit {
            id: hit.id,
            score: hit.score,
            title: hit.title,
            language: brief.language,
            published: brief.published,
            source: brief.source,
            event: brief.event,
            snippet: hit.snippet,
            highlights: hit.highlights,
        });
    }
    Ok(out)
}

/// The events of the articles matching `query`, in the order of their
/// best article, looking at the `depth` best articles.
pub fn events_matching(
    store: &dyn Storage,
    index: &SearchIndex,
    query: &str,
    depth: usize,
) -> Result<Vec<String>> {
    let mut seen = std::collections::HashSet::new();
    let mut events = Vec::new();
    for id in index.matching(query, depth)? {
        if let Some(brief) = store.article_brief(&id)?
            && let Some(e) = brief.event
            && seen.insert(e.clone())
        {
            events.push(e);
        }
    }
    Ok(events)
}

#[cfg(test)]
mod tests;
