//! Herald's data model: the values that flow between stages.
//!
//! This crate sits at the bottom of the workspace. It holds plain data types
//! and their serde form (the JSON contract of `herald analyze` in
//! `DESIGN.md`), and nothing else: no IO, no analysis, no dependencies but
//! serde. Every other crate points down to it.

use serde::{Deserialize, Serialize};

/// One raw document as it was read, before any analysis.
///
/// Produced by `herald-input` from files, JSON Lines records and WARC
/// records; consumed by `herald-clean`.
#[derive(Debug, Clone, Default)]
pub struct RawDocument {
    /// Where it came from: a path, `path#line`, `path#record` or a URL.
    pub source: String,
    /// The identifier the input gave (JSON Lines `id`, WARC record id).
    pub id: Option<String>,
    /// The URL of the page, when known (JSON Lines `url`, WARC target URI).
    pub url: Option<String>,
    /// A title given by the input record, if any.
    pub title: Option<String>,
    /// A publication date given by the input record, if any (raw string).
    pub published: Option<String>,
    /// The body, still undecoded.
    pub body: Body,
    /// The charset declared by a transport header (HTTP `Content-Type`).
    pub declared_charset: Option<String>,
    /// What the input format says the body is.
    pub hint: FormatHint,
}

/// The undecoded payload of a [`RawDocument`].
#[derive(Debug, Clone, Default)]
pub enum Body {
    /// Bytes of unknown encoding.
    #[default]
    Empty,
    Bytes(Vec<u8>),
    /// Text that is already Unicode (e.g. a JSON string).
    Text(String),
}

/// What the container format says about the payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormatHint {
    /// Nothing known: detect from the content.
    #[default]
    Unknown,
    Html,
    PlainText,
    /// A line `herald analyze` printed: an [`Article`] as JSON, to be
    /// checked and used as it is, not analysed again.
    Analyzed,
}

/// A piece of text removed from the article body, kept so nothing is lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub text: String,
    pub reason: RemovalReason,
}

/// Why a piece of text was removed from the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// Page furniture: donation and subscription blurbs, counters, share prompts.
    Boilerplate,
    /// A photo or video caption.
    Caption,
    /// A repeat of text already in the article (repeated captions, the headline again).
    Duplicate,
    /// A byline or a reporter's biography.
    Byline,
    /// Headlines of other articles.
    Related,
    /// A disclaimer (machine translation, copyright, reproduction rights).
    Disclaimer,
    /// Markup left over in the text.
    Markup,
    /// Navigation, menus, footers and other page chrome from HTML.
    Navigation,
    /// Reader comments and comment prompts.
    Comments,
    /// Advertising.
    Advertising,
}

/// A mention of an entity: its text and where it is in the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub text: String,
    /// Offset in Unicode scalar values into `Article::text`.
    pub start: usize,
    pub end: usize,
}

/// The kind of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

/// One real-world entity in an article, with all its mentions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// The canonical name.
    pub name: String,
    pub kind: EntityKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub mentions: Vec<Mention>,
}

/// A direct quote with its attribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub speaker: Option<String>,
    pub cue: Option<String>,
    pub via: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// A time expression with its TimeML TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    pub text: String,
    pub value: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// The analysis of one article: the JSON object `herald analyze` prints.
///
/// Field order and names are the contract of `DESIGN.md`; fields may be
/// added, none removed or renamed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Article {
    pub id: Option<String>,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    pub language: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub published: Option<String>,
    pub text: String,
    pub removed: Vec<Removed>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub dates: Vec<TimeExpr>,
    pub event_date: Option<String>,
    pub cited_sources: Vec<String>,
    pub origin: Option<String>,
    /// What was repaired on the way (encoding detected, mojibake fixed, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Why a document has no article: the kind of a [`DocumentError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file or stream could not be read (permissions, IO, not a regular file).
    Unreadable,
    /// Larger than the limit the run was given.
    TooLarge,
    /// Cut short: a truncated gzip stream or WARC record.
    Truncated,
    /// Not in the format it claims: invalid JSON, a broken WARC header.
    Malformed,
    /// A record that holds no article (a WARC error response, an image).
    NotArticle,
    /// Nothing in it.
    Empty,
    /// Binary content, not text.
    Binary,
    /// Bytes in no encoding that could be detected.
    Undecodable,
    /// A page with no article text.
    NoText,
}

impl ErrorKind {
    /// The kind as written in the JSON line (`too_large`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Unreadable => "unreadable",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::Truncated => "truncated",
            ErrorKind::Malformed => "malformed",
            ErrorKind::NotArticle => "not_article",
            ErrorKind::Empty => "empty",
            ErrorKind::Binary => "binary",
            ErrorKind::Undecodable => "undecodable",
            ErrorKind::NoText => "no_text",
        }
    }
}

/// A document that could not be read or analysed: the one per-document
/// error of every stage, and the line printed for it
/// (`{"source", "id", "error", "kind"}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentError {
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// What went wrong, specifically ("invalid JSON on line 2: ...").
    pub error: String,
    pub kind: ErrorKind,
}

impl DocumentError {
    pub fn new(
        source: impl Into<String>,
        id: Option<String>,
        kind: ErrorKind,
        error: impl Into<String>,
    ) -> DocumentError {
        DocumentError {
            source: source.into(),
            id,
            error: error.into(),
            kind,
        }
    }
}

impl std::fmt::Display for DocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.source, self.error)
    }
}

impl std::error::Error for DocumentError {}

/// A real-world event: the articles that report it (`herald events`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable across runs on the same input: derived from the smallest
    /// article id of the event.
    pub id: String,
    /// The best-supported event date (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`) or null.
    pub date: Option<String>,
    /// True when no article of the event gives this date as its own
    /// (publication or stated event date) and it comes from dates in the text.
    #[serde(default)]
    pub date_estimated: bool,
    /// Why this date: the article dates and text dates that support it.
    #[serde(default)]
    pub date_evidence: Vec<String>,
    pub title: Option<String>,
    /// The storyline the event belongs to (its own id when alone).
    pub storyline: Option<String>,
    pub articles: Vec<EventArticle>,
    /// Canonical names of the people and organizations, most reported first.
    pub entities: Vec<String>,
    pub places: Vec<String>,
    /// Articles that are not copies of another.
    #[serde(default)]
    pub independent_sources: usize,
}

/// One article of an [`Event`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventArticle {
    pub id: String,
    pub source: String,
    /// The id of the article this one is a near-identical copy of.
    pub copy_of: Option<String>,
    /// `first` (earliest independent report), `report` or `copy`.
    pub role: String,
    pub title: Option<String>,
    pub language: Option<String>,
    pub published: Option<String>,
    /// Why it belongs: its most similar article in the event and the
    /// signals of that match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub why: Option<Match>,
    /// For the only article of an event: why nothing joined it (for an
    /// article alone, `why` is its nearest article outside the event).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alone: Option<String>,
}

/// The match of two articles, explained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// The other article.
    pub with: String,
    pub score: f64,
    pub signals: Vec<Signal>,
}

/// One piece of evidence of a similarity score: what was compared, how
/// much it agreed, and what it added to (or took from) the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// `terms`, `people`, `organizations`, `places`, `numbers`, `dates`,
    /// `quotes`, `principal_person`, `principal_place`, `language`.
    pub signal: String,
    /// The contribution to the raw score (negative: evidence against).
    pub weight: f64,
    /// What agreed or disagreed ("shared: Sergey Lavrov, Wang Yi").
    pub detail: String,
}

/// Events linked across time by shared principal actors and subject.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Storyline {
    pub id: String,
    pub title: Option<String>,
    /// The actors the events share.
    pub entities: Vec<String>,
    /// Event ids in date order (undated last).
    pub events: Vec<String>,
}

impl Body {
    /// Length of the payload in bytes.
    pub fn len(&self) -> usize {
        match self {
            Body::Empty => 0,
            Body::Bytes(b) => b.len(),
            Body::Text(t) => t.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
