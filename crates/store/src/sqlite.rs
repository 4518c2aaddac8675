//! The embedded store: SQLite in write-ahead-log mode, in one directory.
//!
//! Records are rows keyed by article and event id; an article, its event
//! and the names and quotes a lookup needs are written in one transaction
//! per [`Batch`]. Articles and events are kept whole as JSON (their serde
//! form is Herald's contract), with the columns a query filters on beside
//! them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use herald_corpus::{Profile, SourceError};
use herald_model::{Article, Event, Storyline};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, params};

use crate::{
    ArticleBrief, Batch, CorpusState, Counts, EntityRecord, EventQuery, EventSummary, Known,
    Linked, NewArticle, RawRecord, Result, Sighting, Storage, StoreError, StoredArticle,
    StoredQuote, schema,
};

/// The database file inside a store's directory.
pub const DATABASE: &str = "herald.sqlite";
const LOCK: &str = "write.lock";
const STATE_KEY: &str = "corpus";

/// A store in a directory (default `./herald-db`).
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    dir: PathBuf,
}

/// The store's write lock, held while it lives: one ingest, reindex or
/// delete at a time; readers are never blocked.
#[derive(Debug)]
pub struct WriteLock {
    _file: std::fs::File,
}

fn open_error(dir: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Open {
        path: dir.display().to_string(),
        message: e.to_string(),
    }
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt {
        what: what.to_string(),
        message: e.to_string(),
    }
}

/// The key a name is looked up by: the entity finder's fold (any case,
/// accents and Unicode form alike; Cyrillic transliterated), so that
/// "Сергей Лавров", "SERGEI LAVROV" and "Sergueï Lavrov" find one entity.
/// A name of no letters keys by its lowercase self.
pub fn name_key(name: &str) -> String {
    let folded = herald_annotate::entities::fold(name);
    if folded.is_empty() {
        name.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    } else {
        folded
    }
}

impl SqliteStore {
    /// Opens the store in `dir` for writing, creating it (and its schema)
    /// when it does not exist.
    pub fn create(dir: &Path) -> Result<SqliteStore> {
        std::fs::create_dir_all(dir).map_err(|e| open_error(dir, e))?;
        let mut conn = Connection::open(dir.join(DATABASE)).map_err(|e| open_error(dir, e))?;
        configure(&conn)?;
        schema::migrate(&mut conn, &dir.display().to_string())?;
        Ok(SqliteStore {
            conn,
            dir: dir.to_path_buf(),
        })
    }

    /// Opens an existing store for reading only.
    pub fn open_read(dir: &Path) -> Result<SqliteStore> {
        let file = dir.join(DATABASE);
        if !file.is_file() {
            return Err(open_error(
                dir,
                "no store there (run `herald ingest` first)",
            ));
        }
        let conn = Connection::open_with_flags(
            &file,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| open_error(dir, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // Pages read through a memory map (no read call per page) and a
        // larger page cache: a reader serves many small queries.
        conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        conn.pragma_update(None, "cache_size", -32_768)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found != schema::SCHEMA_VERSION {
            if found > schema::SCHEMA_VERSION {
                return Err(StoreError::TooNew {
                    path: dir.display().to_string(),
                    found,
                    known: schema::SCHEMA_VERSION,
                });
            }
            return Err(open_error(
                dir,
                format!(
                    "schema version {found}: open it for writing once (`herald ingest` or `herald reindex`) to migrate it"
                ),
            ));
        }
        Ok(SqliteStore {
            conn,
            dir: dir.to_path_buf(),
        })
    }

    /// Takes the store's write lock, or fails at once when another
    /// process holds it.
    pub fn lock(&self) -> Result<WriteLock> {
        let path = self.dir.join(LOCK);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| open_error(&self.dir, e))?;
        match file.try_lock() {
            Ok(()) => Ok(WriteLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::Locked {
                path: self.dir.display().to_string(),
            }),
            Err(std::fs::TryLockError::Error(e)) => Err(open_error(&self.dir, e)),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // In WAL mode, NORMAL loses no committed transaction when the process
    // dies (only, at worst, the last ones on a power cut).
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

fn sort_date(date: Option<&str>) -> String {
    date.unwrap_or("").to_string()
}

fn insert_article(tx: &Transaction, new: &NewArticle) -> Result<()> {
    let a = &new.article;
    let id = a.id.as_deref().unwrap_or(&new.content_id);
    let json = serde_json::to_string(a).map_err(|e| corrupt("article", e))?;
    tx.execute(
        "INSERT INTO articles (id, content_id, title, language, published, analysis, article)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            new.content_id,
            a.title,
            a.language,
            a.published,
            new.analysis,
            json
        ],
    )?;
    let r = &new.raw;
    tx.execute(
        "INSERT INTO raw (article_id, source, doc_id, url, title, published, charset, hint,
                          body_is_text, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            r.source,
            r.id,
            r.url,
            r.title,
            r.published,
            r.charset,
            r.hint,
            r.body_is_text,
            r.body
        ],
    )?;
    insert_sighting(tx, id, &new.sighting)?;
    insert_names(tx, id, a, &new.aliases)
}

/// An article's names and quotes, for lookups.
fn insert_names(
    tx: &Transaction,
    id: &str,
    a: &Article,
    aliases: &[(String, Vec<String>)],
) -> Result<()> {
    let mut mention = tx.prepare_cached(
        "INSERT INTO mentions (article_id, name, name_key, kind, variant, variant_key, count, role)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for e in &a.entities {
        let mut variants: BTreeMap<&str, usize> = BTreeMap::new();
        for m in &e.mentions {
            *variants.entry(m.text.as_str()).or_default() += 1;
        }
        variants.entry(e.name.as_str()).or_insert(0);
        let kind = serde_json::to_value(e.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        for (name, aliases) in aliases {
            if *name == e.name {
                for alias in aliases {
                    variants.entry(alias.as_str()).or_insert(0);
                }
            }
        }
        for (variant, count) in variants {
            mention.execute(params![
                id,
                e.name,
                name_key(&e.name),
                kind,
                variant,
                name_key(variant),
                count as i64,
                e.role
            ])?;
        }
    }
    let mut quote = tx.prepare_cached(
        "INSERT INTO quotes (article_id, speaker, speaker_key, text, cue, via, published)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for q in &a.quotes {
        quote.execute(params![
            id,
            q.speaker,
            q.speaker.as_deref().map(name_key),
            q.text,
            q.cue,
            q.via,
            a.published
        ])?;
    }
    Ok(())
}

fn insert_sighting(tx: &Transaction, id: &str, s: &Sighting) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO sightings (article_id, source, url, outlet, seen_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, s.source, s.url, s.outlet, s.seen_at],
    )?;
    Ok(())
}

fn delete_event(tx: &Transaction, id: &str) -> Result<()> {
    tx.execute("DELETE FROM events WHERE id = ?1", [id])?;
    tx.execute("DELETE FROM event_articles WHERE event_id = ?1", [id])?;
    tx.execute("DELETE FROM event_names WHERE event_id = ?1", [id])?;
    Ok(())
}

fn write_event(tx: &Transaction, e: &Event) -> Result<()> {
    delete_event(tx, &e.id)?;
    let json = serde_json::to_string(e).map_err(|err| corrupt("event", err))?;
    let mut languages: Vec<String> = e
        .articles
        .iter()
        .filter_map(|a| a.language.clone())
        .collect();
    languages.sort();
    languages.dedup();
    let summary =
        serde_json::to_string(&summary(e, languages)).map_err(|err| corrupt("event", err))?;
    tx.execute(
        "INSERT INTO events (id, date, sort_date, title, storyline, summary, event)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            e.id,
            e.date,
            sort_date(e.date.as_deref()),
            e.title,
            e.storyline,
            summary,
            json
        ],
    )?;
    let mut member = tx.prepare_cached(
        "INSERT OR REPLACE INTO event_articles (article_id, event_id, role, copy_of, language)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for a in &e.articles {
        member.execute(params![a.id, e.id, a.role, a.copy_of, a.language])?;
    }
    let mut name = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_names (event_id, kind, key) VALUES (?1, ?2, ?3)",
    )?;
    for n in &e.entities {
        name.execute(params![e.id, "entity", name_key(n)])?;
    }
    for n in &e.places {
        name.execute(params![e.id, "place", name_key(n)])?;
    }
    Ok(())
}

/// Writes the storylines after a batch: only those that changed, and the
/// storyline of only the events whose storyline changed or that the batch
/// wrote (`written`), so that a batch touching one event writes a few rows,
/// not every storyline of the store. The stored storylines are read to
/// compare (one small row each).
fn write_storylines(
    tx: &Transaction,
    storylines: &[Storyline],
    written: &std::collections::HashSet<&str>,
) -> Result<()> {
    let mut old: BTreeMap<String, String> = BTreeMap::new();
    {
        let mut stmt = tx.prepare_cached("SELECT id, storyline FROM storylines")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, json) = row?;
            old.insert(id, json);
        }
    }
    // Each event's storyline before the batch.
    let mut old_of: BTreeMap<String, String> = BTreeMap::new();
    for (id, json) in &old {
        let s: Storyline = serde_json::from_str(json).map_err(|e| corrupt("storyline", e))?;
        for e in s.events {
            old_of.insert(e, id.clone());
        }
    }
    let mut put =
        tx.prepare_cached("INSERT OR REPLACE INTO storylines (id, storyline) VALUES (?1, ?2)")?;
    let mut new_of: BTreeMap<&str, &str> = BTreeMap::new();
    for s in storylines {
        let json = serde_json::to_string(s).map_err(|e| corrupt("storyline", e))?;
        if old.remove(&s.id).as_deref() != Some(json.as_str()) {
            put.execute(params![s.id, json])?;
        }
        for e in &s.events {
            new_of.insert(e, &s.id);
        }
    }
    for id in old.keys() {
        tx.execute("DELETE FROM storylines WHERE id = ?1", [id])?;
    }
    let mut mark = tx.prepare_cached("UPDATE events SET storyline = ?1 WHERE id = ?2")?;
    for (e, was) in &old_of {
        if !new_of.contains_key(e.as_str()) {
            mark.execute(params![None::<String>, e])?;
        } else if new_of.get(e.as_str()) != Some(&was.as_str()) {
            mark.execute(params![new_of[e.as_str()], e])?;
        }
    }
    for (e, now) in &new_of {
        if !old_of.contains_key(*e) {
            mark.execute(params![now, e])?;
        }
    }
    // An event the batch wrote carries whatever storyline its record had.
    for e in written {
        mark.execute(params![new_of.get(e).copied(), e])?;
    }
    Ok(())
}

fn event_of_row(json: &str, storyline: Option<String>) -> Result<Event> {
    let mut e: Event = serde_json::from_str(json).map_err(|err| corrupt("event", err))?;
    e.storyline = storyline;
    Ok(e)
}

fn summary(e: &Event, languages: Vec<String>) -> EventSummary {
    let copies = e.articles.iter().filter(|a| a.copy_of.is_some()).count();
    EventSummary {
        id: e.id.clone(),
        date: e.date.clone(),
        date_estimated: e.date_estimated,
        title: e.title.clone(),
        storyline: e.storyline.clone(),
        articles: e.articles.len(),
        independent_sources: e.independent_sources,
        copies,
        entities: e.entities.iter().take(6).cloned().collect(),
        places: e.places.iter().take(4).cloned().collect(),
        languages,
    }
}

impl SqliteStore {
    fn sightings_of(&self, id: &str) -> Result<Vec<Sighting>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT source, url, outlet, seen_at FROM sightings
             WHERE article_id = ?1 ORDER BY seen_at, source",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(Sighting {
                source: r.get(0)?,
                url: r.get(1)?,
                outlet: r.get(2)?,
                seen_at: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The summaries a query selects (its columns: `summary`, `storyline`).
    fn summaries(&self, sql: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<EventSummary>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut rows = stmt.query(args)?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            let json: String = r.get(0)?;
            let mut s: EventSummary =
                serde_json::from_str(&json).map_err(|e| corrupt("event summary", e))?;
            s.storyline = r.get(1)?;
            out.push(s);
        }
        Ok(out)
    }
}

impl Storage for SqliteStore {
    fn known(&self, id: &str, content_id: &str) -> Result<Known> {
        let by_content: Option<String> = self
            .conn
            .query_row(
                "SELECT id FROM articles WHERE content_id = ?1",
                [content_id],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(stored) = by_content {
            return Ok(Known::Stored(stored));
        }
        let by_id: Option<String> = self
            .conn
            .query_row("SELECT id FROM articles WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        Ok(if by_id.is_some() {
            Known::IdConflict
        } else {
            Known::New
        })
    }

    fn state(&self) -> Result<Option<CorpusState>> {
        let blob: Option<Vec<u8>> = self
            .conn
            .query_row("SELECT value FROM state WHERE key = ?1", [STATE_KEY], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(blob) = blob else { return Ok(None) };
        let mut state: CorpusState =
            serde_json::from_slice(&blob).map_err(|e| corrupt("corpus state", e))?;
        // A state saved with its profiles (schema 1): they move to the
        // profiles table on the next commit.
        state.events.mark_cached_unsaved();
        Ok(Some(state))
    }

    fn commit(&mut self, mut batch: Batch) -> Result<Batch> {
        let tx = self.conn.transaction()?;
        if batch.clear_articles {
            tx.execute_batch(
                "DELETE FROM articles; DELETE FROM sqlite_sequence; DELETE FROM profiles;
                 DELETE FROM persons; DELETE FROM person_keys;",
            )?;
        }
        if batch.replace_all {
            // A new corpus state: new statistics, so new index keys.
            tx.execute_batch(
                "DELETE FROM events; DELETE FROM event_articles; DELETE FROM event_names;
                 DELETE FROM storylines; DELETE FROM postings; DELETE FROM centroids;",
            )?;
        }
        for (a, aliases) in &batch.updated {
            let Some(id) = a.id.as_deref() else {
                continue;
            };
            let json = serde_json::to_string(a).map_err(|e| corrupt("article", e))?;
            tx.execute(
                "UPDATE articles SET article = ?2 WHERE id = ?1",
                params![id, json],
            )?;
            tx.execute("DELETE FROM mentions WHERE article_id = ?1", [id])?;
            tx.execute("DELETE FROM quotes WHERE article_id = ?1", [id])?;
            insert_names(&tx, id, a, aliases)?;
        }
        for id in &batch.deleted {
            tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
            tx.execute("DELETE FROM event_articles WHERE article_id = ?1", [id])?;
            tx.execute("DELETE FROM profiles WHERE article_id = ?1", [id])?;
            tx.execute("DELETE FROM persons WHERE article_id = ?1", [id])?;
            tx.execute("DELETE FROM person_keys WHERE article_id = ?1", [id])?;
        }
        for a in &batch.articles {
            insert_article(&tx, a)?;
        }
        for (id, s) in &batch.sightings {
            insert_sighting(&tx, id, s)?;
        }
        for id in &batch.removed {
            delete_event(&tx, id)?;
        }
        for e in &batch.changed {
            write_event(&tx, e)?;
        }
        if let Some(storylines) = &batch.storylines {
            let written = batch.changed.iter().map(|e| e.id.as_str()).collect();
            write_storylines(&tx, storylines, &written)?;
        }
        if let Some(state) = &mut batch.state {
            // The profiles the batch added or changed have their own rows;
            // the state is saved without any.
            {
                let mut put = tx.prepare_cached(
                    "INSERT OR REPLACE INTO profiles (article_id, value) VALUES (?1, ?2)",
                )?;
                for p in state.events.take_unsaved() {
                    let json = serde_json::to_vec(&p).map_err(|e| corrupt("profile", e))?;
                    put.execute(params![p.id, json])?;
                }
                // Removals first: a renamed article's keys are removed,
                // then added again.
                let postings = state.events.take_unsaved_postings();
                let mut drop =
                    tx.prepare_cached("DELETE FROM postings WHERE key = ?1 AND article_id = ?2")?;
                for (key, id) in &postings.removed {
                    drop.execute(params![key, id])?;
                }
                let mut add = tx.prepare_cached(
                    "INSERT OR IGNORE INTO postings (key, article_id) VALUES (?1, ?2)",
                )?;
                for (key, id) in &postings.added {
                    add.execute(params![key, id])?;
                }
                let centroids = state.events.take_unsaved_centroids();
                let mut drop = tx.prepare_cached("DELETE FROM centroids WHERE event_id = ?1")?;
                for id in &centroids.dropped {
                    drop.execute([id])?;
                }
                let mut put = tx.prepare_cached(
                    "INSERT OR REPLACE INTO centroids (event_id, value) VALUES (?1, ?2)",
                )?;
                for (id, c) in &centroids.put {
                    let json = serde_json::to_vec(c).map_err(|e| corrupt("centroid", e))?;
                    put.execute(params![id, json])?;
                }
            }
            {
                // Each article's persons, found again by their keys.
                let mut put = tx.prepare_cached(
                    "INSERT OR REPLACE INTO persons (article_id, value) VALUES (?1, ?2)",
                )?;
                let mut unkey =
                    tx.prepare_cached("DELETE FROM person_keys WHERE article_id = ?1")?;
                let mut key = tx.prepare_cached(
                    "INSERT OR IGNORE INTO person_keys (key, article_id) VALUES (?1, ?2)",
                )?;
                for (id, linked) in std::mem::take(&mut state.names) {
                    let json = serde_json::to_vec(&linked).map_err(|e| corrupt("persons", e))?;
                    put.execute(params![id, json])?;
                    unkey.execute([&id])?;
                    for k in linked.persons.keys() {
                        key.execute(params![k, id])?;
                    }
                }
            }
            state.events.evict();
            let blob = serde_json::to_vec(state).map_err(|e| corrupt("corpus state", e))?;
            tx.execute(
                "INSERT OR REPLACE INTO state (key, value) VALUES (?1, ?2)",
                params![STATE_KEY, blob],
            )?;
        }
        tx.commit()?;
        Ok(batch)
    }

    fn counts(&self) -> Result<Counts> {
        let count = |table: &str| -> Result<usize> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(n as usize)
        };
        Ok(Counts {
            articles: count("articles")?,
            sightings: count("sightings")?,
            events: count("events")?,
            storylines: count("storylines")?,
        })
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>> {
        let row: Option<(String, String, String)> = self
            .conn
            .query_row(
                "SELECT article, content_id, analysis FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((json, content_id, analysis)) = row else {
            return Ok(None);
        };
        let article: Article = serde_json::from_str(&json).map_err(|e| corrupt("article", e))?;
        let event: Option<String> = self
            .conn
            .query_row(
                "SELECT event_id FROM event_articles WHERE article_id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(Some(StoredArticle {
            article,
            content_id,
            analysis,
            sightings: self.sightings_of(id)?,
            event,
        }))
    }

    fn article_brief(&self, id: &str) -> Result<Option<ArticleBrief>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.title, a.language, a.published,
                    (SELECT s.source FROM sightings s WHERE s.article_id = a.id
                     ORDER BY s.seen_at, s.source LIMIT 1),
                    (SELECT ea.event_id FROM event_articles ea WHERE ea.article_id = a.id)
             FROM articles a WHERE a.id = ?1",
        )?;
        Ok(stmt
            .query_row([id], |r| {
                Ok(ArticleBrief {
                    id: id.to_string(),
                    title: r.get(0)?,
                    language: r.get(1)?,
                    published: r.get(2)?,
                    source: r.get(3)?,
                    event: r.get(4)?,
                })
            })
            .optional()?)
    }

    fn event(&self, id: &str) -> Result<Option<Event>> {
        let row: Option<(String, Option<String>)> = self
            .conn
            .query_row(
                "SELECT event, storyline FROM events WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(json, storyline)| event_of_row(&json, storyline))
            .transpose()
    }

    fn events(&self, q: &EventQuery) -> Result<(Vec<EventSummary>, usize)> {
        let mut conditions: Vec<String> = Vec::new();
        let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
        if let Some(from) = &q.from {
            args.push(Box::new(from.clone()));
            conditions.push(format!("e.sort_date >= ?{}", args.len()));
        }
        if let Some(to) = &q.to {
            // A prefix of a later day sorts before it: compare with the
            // day's end.
            args.push(Box::new(format!("{to}\u{10FFFF}")));
            conditions.push(format!(
                "e.sort_date <> '' AND e.sort_date <= ?{}",
                args.len()
            ));
        }
        for (kind, value) in [("entity", &q.entity), ("place", &q.place)] {
            if let Some(v) = value {
                args.push(Box::new(name_key(v)));
                conditions.push(format!(
                    "e.id IN (SELECT event_id FROM event_names WHERE kind = '{kind}' AND key = ?{})",
                    args.len()
                ));
            }
        }
        if let Some(lang) = &q.language {
            args.push(Box::new(lang.to_lowercase()));
            conditions.push(format!(
                "e.id IN (SELECT event_id FROM event_articles WHERE language = ?{})",
                args.len()
            ));
        }
        if let Some(ids) = &q.ids {
            let list = serde_json::to_string(ids).map_err(|e| corrupt("ids", e))?;
            args.push(Box::new(list));
            conditions.push(format!(
                "e.id IN (SELECT value FROM json_each(?{}))",
                args.len()
            ));
        }
        let filter = if conditions.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", conditions.join(" AND "))
        };
        let refs: Vec<&dyn rusqlite::ToSql> = args.iter().map(|b| b.as_ref()).collect();
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM events e {filter}"),
            refs.as_slice(),
            |r| r.get(0),
        )?;
        let sql = format!(
            "SELECT e.summary, e.storyline FROM events e {filter}
             ORDER BY e.sort_date DESC, e.id LIMIT {} OFFSET {}",
            q.limit.min(1000),
            q.offset
        );
        Ok((self.summaries(&sql, &refs)?, total as usize))
    }

    fn each_event(&self, f: &mut dyn FnMut(Event) -> Result<()>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT event, storyline FROM events
             ORDER BY sort_date = '', sort_date, id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let json: String = r.get(0)?;
            f(event_of_row(&json, r.get(1)?)?)?;
        }
        Ok(())
    }

    fn storylines(&self) -> Result<Vec<Storyline>> {
        let mut stmt = self
            .conn
            .prepare("SELECT storyline FROM storylines ORDER BY id")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.iter()
            .map(|j| serde_json::from_str(j).map_err(|e| corrupt("storyline", e)))
            .collect()
    }

    fn storyline(&self, id: &str) -> Result<Option<Storyline>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT storyline FROM storylines WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        json.map(|j| serde_json::from_str(&j).map_err(|e| corrupt("storyline", e)))
            .transpose()
    }

    fn entity(&self, name: &str) -> Result<Option<EntityRecord>> {
        let key = name_key(name);
        let found = self.entity_by_key(&key)?;
        if found.is_some() {
            return Ok(found);
        }
        // Family name first ("Marquardt Ilse", "Jinping Xi").
        let mut words: Vec<&str> = key.split(' ').collect();
        if words.len() < 2 {
            return Ok(None);
        }
        words.reverse();
        self.entity_by_key(&words.join(" "))
    }

    fn quotes(
        &self,
        speaker: Option<&str>,
        text: Option<&str>,
        limit: usize,
    ) -> Result<Vec<StoredQuote>> {
        self.quotes_of(speaker, text, limit)
    }

    fn each_raw(
        &self,
        f: &mut dyn FnMut(String, RawRecord, Vec<Sighting>) -> Result<()>,
    ) -> Result<()> {
        self.raw_each(f)
    }

    fn articles_after(&self, after: i64, limit: usize) -> Result<Vec<(i64, Article)>> {
        self.articles_since(after, limit)
    }

    fn persons_by_keys(&self, keys: &[&str]) -> Result<Vec<(String, Linked)>> {
        let mut ids: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
        {
            let mut get = self
                .conn
                .prepare_cached("SELECT article_id FROM person_keys WHERE key = ?1")?;
            for k in keys {
                for id in get.query_map([k], |r| r.get::<_, String>(0))? {
                    ids.insert(id?);
                }
            }
        }
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        self.json_by_id(PERSONS_BY_ID, &ids, "persons")
    }

    fn persons_of(&self, id: &str) -> Result<Option<Linked>> {
        Ok(self
            .json_by_id(PERSONS_BY_ID, &[id], "persons")?
            .pop()
            .map(|(_, linked)| linked))
    }
}

impl SqliteStore {
    fn entity_by_key(&self, key: &str) -> Result<Option<EntityRecord>> {
        // The canonical name: the one this key names, else the entity most
        // often mentioned by this variant.
        let canonical: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT name, kind FROM mentions WHERE name_key = ?1 OR variant_key = ?1
                 GROUP BY name, kind
                 ORDER BY max(name_key = ?1) DESC, sum(count) DESC, name LIMIT 1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((name, kind)) = canonical else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT variant, sum(count) AS n FROM mentions WHERE name = ?1 AND kind = ?2
             GROUP BY variant ORDER BY n DESC, variant LIMIT 50",
        )?;
        let variants = stmt
            .query_map([&name, &kind], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT m.role, substr(a.published, 1, 4) FROM mentions m
             JOIN articles a ON a.id = m.article_id
             WHERE m.name = ?1 AND m.kind = ?2 AND m.role IS NOT NULL
             ORDER BY m.role",
        )?;
        let mut roles: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for row in stmt.query_map([&name, &kind], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })? {
            let (role, year) = row?;
            let years = roles.entry(role).or_default();
            if let Some(y) = year
                && !years.contains(&y)
            {
                years.push(y);
            }
        }
        let articles: i64 = self.conn.query_row(
            "SELECT count(DISTINCT article_id) FROM mentions WHERE name = ?1 AND kind = ?2",
            [&name, &kind],
            |r| r.get(0),
        )?;
        let events = self.summaries(
            "SELECT e.summary, e.storyline FROM events e
             WHERE e.id IN (SELECT ea.event_id FROM event_articles ea
                            JOIN mentions m ON m.article_id = ea.article_id
                            WHERE m.name = ?1 AND m.kind = ?2)
             ORDER BY e.sort_date DESC, e.id LIMIT 500",
            &[&name, &kind],
        )?;
        Ok(Some(EntityRecord {
            name,
            kind,
            variants,
            roles: roles
                .into_iter()
                .map(|(r, mut y)| {
                    y.sort();
                    (r, y)
                })
                .collect(),
            articles: articles as usize,
            events,
        }))
    }

    fn quotes_of(
        &self,
        speaker: Option<&str>,
        text: Option<&str>,
        limit: usize,
    ) -> Result<Vec<StoredQuote>> {
        let speaker_key = speaker.map(name_key);
        let pattern = text.map(|t| {
            let escaped = t
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            format!("%{escaped}%")
        });
        let mut stmt = self.conn.prepare_cached(
            "SELECT q.article_id, ea.event_id, q.speaker, q.text, q.cue, q.via, q.published
             FROM quotes q LEFT JOIN event_articles ea ON ea.article_id = q.article_id
             WHERE (?1 IS NULL OR q.speaker_key = ?1)
               AND (?2 IS NULL OR q.text LIKE ?2 ESCAPE '\\')
             ORDER BY q.published IS NULL, q.published DESC, q.article_id, q.rowid
             LIMIT ?3",
        )?;
        let rows = stmt.query_map(params![speaker_key, pattern, limit.min(1000) as i64], |r| {
            Ok(StoredQuote {
                article: r.get(0)?,
                event: r.get(1)?,
                speaker: r.get(2)?,
                text: r.get(3)?,
                cue: r.get(4)?,
                via: r.get(5)?,
                published: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn raw_each(
        &self,
        f: &mut dyn FnMut(String, RawRecord, Vec<Sighting>) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT r.article_id, r.source, r.doc_id, r.url, r.title, r.published, r.charset,
                    r.hint, r.body_is_text, r.body
             FROM raw r JOIN articles a ON a.id = r.article_id ORDER BY a.seq",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let raw = RawRecord {
                source: r.get(1)?,
                id: r.get(2)?,
                url: r.get(3)?,
                title: r.get(4)?,
                published: r.get(5)?,
                charset: r.get(6)?,
                hint: r.get(7)?,
                body_is_text: r.get(8)?,
                body: r.get(9)?,
            };
            let sightings = self.sightings_of(&id)?;
            f(id, raw, sightings)?;
        }
        Ok(())
    }

    fn articles_since(&self, after: i64, limit: usize) -> Result<Vec<(i64, Article)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, article FROM articles WHERE seq > ?1 ORDER BY seq LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![after, limit as i64], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(seq, json)| {
                serde_json::from_str(&json)
                    .map(|a| (seq, a))
                    .map_err(|e| corrupt("article", e))
            })
            .collect()
    }
}

const PERSONS_BY_ID: &str = "SELECT value FROM persons WHERE article_id = ?1";

impl SqliteStore {
    /// The JSON values `select` (one `?1` id, one value column) holds of
    /// these ids, read as `T`, by id: the rows kept apart from the corpus
    /// state (profiles, centroids, persons).
    fn json_by_id<T: serde::de::DeserializeOwned>(
        &self,
        select: &str,
        ids: &[&str],
        what: &str,
    ) -> Result<Vec<(String, T)>> {
        let mut get = self.conn.prepare_cached(select)?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let blob: Option<Vec<u8>> = get.query_row([id], |r| r.get(0)).optional()?;
            if let Some(b) = blob {
                let value = serde_json::from_slice(&b).map_err(|e| corrupt(what, e))?;
                out.push((id.to_string(), value));
            }
        }
        Ok(out)
    }
}

/// The stored profiles and postings an ingest compares new articles with,
/// and the centroids of the events whose storylines it links again.
impl herald_corpus::StateSource for SqliteStore {
    fn posting(&self, key: &str, limit: usize) -> std::result::Result<Vec<String>, SourceError> {
        let mut get = self.conn.prepare_cached(
            "SELECT article_id FROM postings WHERE key = ?1 ORDER BY article_id LIMIT ?2",
        )?;
        let ids = get
            .query_map(params![key, limit as i64], |r| r.get::<_, String>(0))?
            .collect::<std::result::Result<Vec<String>, _>>()?;
        Ok(ids)
    }

    fn centroids(
        &self,
        ids: &[&str],
    ) -> std::result::Result<Vec<(String, herald_corpus::Centroid)>, SourceError> {
        Ok(self.json_by_id(
            "SELECT value FROM centroids WHERE event_id = ?1",
            ids,
            "centroid",
        )?)
    }

    fn profiles(&self, ids: &[&str]) -> std::result::Result<Vec<Profile>, SourceError> {
        let rows: Vec<(String, Profile)> = self.json_by_id(
            "SELECT value FROM profiles WHERE article_id = ?1",
            ids,
            "profile",
        )?;
        Ok(rows.into_iter().map(|(_, p)| p).collect())
    }
}
