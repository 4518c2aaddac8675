//! The schema and its migrations.
//!
//! `PRAGMA user_version` holds the schema version. Opening a store applies
//! every migration past it, each in its own transaction; a store of a
//! newer version than this Herald knows is refused rather than guessed at.

use rusqlite::Connection;

use crate::{Result, StoreError};

/// The schema version this Herald writes.
pub const SCHEMA_VERSION: i64 = 5;

/// Migration `i` takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 -> 1: articles, where they were seen, what they were read from,
    // events, storylines, names and quotes for lookups, corpus state.
    "
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        content_id TEXT NOT NULL UNIQUE,
        title TEXT,
        language TEXT,
        published TEXT,
        analysis TEXT NOT NULL,
        article TEXT NOT NULL
    );
    CREATE TABLE raw (
        article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        doc_id TEXT,
        url TEXT,
        title TEXT,
        published TEXT,
        charset TEXT,
        hint TEXT NOT NULL,
        body_is_text INTEGER NOT NULL,
        body BLOB NOT NULL
    );
    CREATE TABLE sightings (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        source TEXT NOT NULL,
        url TEXT,
        outlet TEXT,
        seen_at TEXT NOT NULL,
        PRIMARY KEY (article_id, source)
    );
    CREATE TABLE events (
        id TEXT PRIMARY KEY,
        date TEXT,
        sort_date TEXT NOT NULL,
        title TEXT,
        storyline TEXT,
        summary TEXT NOT NULL,
        event TEXT NOT NULL
    );
    CREATE INDEX events_by_date ON events (sort_date DESC, id);
    CREATE INDEX events_by_storyline ON events (storyline);
    CREATE TABLE event_articles (
        article_id TEXT PRIMARY KEY,
        event_id TEXT NOT NULL,
        role TEXT NOT NULL,
        copy_of TEXT,
        language TEXT
    );
    CREATE INDEX event_articles_by_event ON event_articles (event_id);
    CREATE TABLE event_names (
        event_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        PRIMARY KEY (event_id, kind, key)
    );
    CREATE INDEX event_names_by_key ON event_names (kind, key);
    CREATE TABLE storylines (
        id TEXT PRIMARY KEY,
        storyline TEXT NOT NULL
    );
    CREATE TABLE mentions (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        variant TEXT NOT NULL,
        variant_key TEXT NOT NULL,
        count INTEGER NOT NULL,
        role TEXT
    );
    CREATE INDEX mentions_by_name ON mentions (name_key);
    CREATE INDEX mentions_by_variant ON mentions (variant_key);
    CREATE INDEX mentions_by_article ON mentions (article_id);
    CREATE TABLE quotes (
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        speaker TEXT,
        speaker_key TEXT,
        text TEXT NOT NULL,
        cue TEXT,
        via TEXT,
        published TEXT
    );
    CREATE INDEX quotes_by_speaker ON quotes (speaker_key);
    CREATE INDEX quotes_by_article ON quotes (article_id);
    CREATE TABLE state (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL
    );
    ",
    // 1 -> 2: the articles' event profiles, out of the corpus state (an
    // ingest reads those it compares, not all of them). A state saved with
    // its profiles moves them here on its next commit.
    "
    CREATE TABLE profiles (
        article_id TEXT PRIMARY KEY,
        value BLOB NOT NULL
    );
    ",
    // 2 -> 3: the events' candidate index (key -> articles holding it),
    // out of the corpus state: an ingest reads the postings of its new
    // articles' keys only. A state saved with its index moves it here on
    // its next commit.
    "
    CREATE TABLE postings (
        key TEXT NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (key, article_id)
    ) WITHOUT ROWID;
    ",
    // 3 -> 4: the events' term centroids, out of the corpus state: an
    // ingest reads those of the events whose storylines it links again.
    // A state saved with them moves them here on its next commit.
    "
    CREATE TABLE centroids (
        event_id TEXT PRIMARY KEY,
        value BLOB NOT NULL
    );
    ",
    // 4 -> 5: each article's persons as analysed and the renames applied
    // to them, out of the corpus state, found by the surname keys their
    // renames depend on: an ingest reads those its new names can rename.
    // A state saved with them moves them here on its next commit.
    "
    CREATE TABLE persons (
        article_id TEXT PRIMARY KEY,
        value BLOB NOT NULL
    );
    CREATE TABLE person_keys (
        key TEXT NOT NULL,
        article_id TEXT NOT NULL,
        PRIMARY KEY (key, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX person_keys_by_article ON person_keys (article_id);
    ",
];

/// Brings the schema of `conn` up to [`SCHEMA_VERSION`].
pub(crate) fn migrate(conn: &mut Connection, path: &str) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_string(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    for (version, sql) in MIGRATIONS.iter().enumerate().skip(found.max(0) as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", version as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_reach_the_current_version_and_run_once() {
        let mut conn = Connection::open_in_memory().expect("memory database");
        migrate(&mut conn, "mem").expect("migrate");
        migrate(&mut conn, "mem").expect("migrate");
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(v, SCHEMA_VERSION);
        assert_eq!(MIGRATIONS.len() as i64, SCHEMA_VERSION);
    }

    #[test]
    fn a_store_from_a_newer_herald_is_refused() {
        let mut conn = Connection::open_in_memory().expect("memory database");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .expect("set version");
        let err = migrate(&mut conn, "db").expect_err("newer schema");
        assert!(matches!(err, StoreError::TooNew { .. }), "{err}");
    }
}
