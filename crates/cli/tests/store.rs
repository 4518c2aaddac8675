//! End-to-end: `herald ingest`, `search`, `delete`, `reindex` and `events
//! --db` on articles written by the test.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

mod common;

use common::{Scratch, herald};

fn scratch(name: &str) -> Scratch {
    common::scratch(&format!("herald-st-{name}-"))
}

fn run(args: &[&str]) -> Output {
    herald().args(args).output().expect("run herald")
}

fn ok(args: &[&str]) -> Output {
    let out = run(args);
    assert!(
        out.status.success(),
        "herald {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn db_arg(db: &Path) -> String {
    db.display().to_string()
}

fn ingest(db: &Path, paths: &[&Path], extra: &[&str]) -> Output {
    let db = db_arg(db);
    let mut args: Vec<&str> = vec!["ingest", "--quiet", "--db", &db];
    let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    args.extend(paths.iter().map(String::as_str));
    args.extend(extra);
    ok(&args)
}

fn export(db: &Path) -> Value {
    let db = db_arg(db);
    let out = ok(&["events", "--db", &db, "--format", "json"]);
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// Events as sorted lists of article ids, sorted.
fn partition(v: &Value) -> Vec<Vec<String>> {
    let mut p: Vec<Vec<String>> = v["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            let mut ids: Vec<String> = e["articles"]
                .as_array()
                .expect("articles")
                .iter()
                .map(|a| a["id"].as_str().expect("id").to_string())
                .collect();
            ids.sort();
            ids
        })
        .collect();
    p.sort();
    p
}

const FLOOD_1: &str = "Floods hit Valdoria\n\nFloods swept through the river town of Valdoria on March 3, 2021, \
forcing 1,200 residents from their homes, mayor Ilse Marquardt said. The Brenna river rose 4.5 metres \
overnight and the Valdoria bridge closed.\n";
const FLOOD_2: &str = "Valdoria evacuates as the Brenna rises\n\nMayor Ilse Marquardt ordered 1,200 residents of \
Valdoria to leave on March 3, 2021, after the Brenna river rose 4.5 metres. Rescue boats patrolled \
the flooded streets near the closed Valdoria bridge.\n";
const FAIR: &str = "Book fair opens in Ostrava\n\nThe Ostrava book fair opened on June 12, 2019 with 300 publishers \
from 14 countries, organiser Pavel Hrubý said. Readers queued at the gates of the exhibition hall.\n";

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

/// `n` short articles as JSON Lines: four reports of each of `n / 4`
/// invented events, each in its own town, in its own year.
fn generated(n: usize) -> String {
    let towns = [
        "Valdoria", "Ostrava", "Kessling", "Marrow", "Tindal", "Quillon", "Brask", "Oderholm",
        "Saltmere", "Vennick", "Harlow", "Dunmore",
    ];
    let kinds = [
        "flood",
        "fire",
        "strike",
        "election",
        "festival",
        "earthquake",
    ];
    let mut out = String::new();
    for i in 0..n {
        let e = i / 4;
        let town = format!("{}{}", towns[e % towns.len()], e / towns.len());
        let kind = kinds[e % kinds.len()];
        let day = 1 + e % 28;
        let month = 1 + e % 12;
        let year = 1900 + e;
        let text = format!(
            "The {kind} in {town} on {year}-{month:02}-{day:02} drew {n} people, officials in {town} said. \
             Report {r} of the {kind} in {town} quotes mayor Anna {town}sen on the {kind}.",
            n = 100 + e * 7,
            r = i % 4,
        );
        let line = serde_json::json!({
            "id": format!("g{i:05}"),
            "title": format!("{kind} in {town}, report {}", i % 4),
            "published": format!("{year}-{month:02}-{day:02}"),
            "text": text,
        });
        out.push_str(&line.to_string());
        out.push('\n');
    }
    out
}

#[test]
fn ingest_stores_each_text_once_with_its_sightings_and_groups_it() {
    let dir = scratch("once");
    let input = dir.join("in");
    std::fs::create_dir(&input).expect("dir");
    write(&input, "a.txt", FLOOD_1);
    write(&input, "copy-of-a.txt", FLOOD_1);
    write(&input, "b.txt", FLOOD_2);
    write(&input, "c.txt", FAIR);
    let db = dir.join("db");
    let out = ingest(&db, &[&input], &[]);
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains("3 new, 1 already stored, 0 failed"),
        "{summary}"
    );
    assert!(summary.contains("events: 2 new"), "{summary}");
    // The same input again stores nothing new.
    let out = ingest(&db, &[&input], &[]);
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("0 new, 4 already stored"), "{summary}");
    let events = export(&db);
    let p = partition(&events);
    assert_eq!(p.len(), 2, "{p:?}");
    assert_eq!(p.iter().map(Vec::len).collect::<Vec<_>>(), vec![2, 1]);
    // The store's events are those `herald events` gives over the texts.
    let plain = dir.join("plain");
    std::fs::create_dir(&plain).expect("dir");
    write(&plain, "a.txt", FLOOD_1);
    write(&plain, "b.txt", FLOOD_2);
    write(&plain, "c.txt", FAIR);
    let out = ok(&[
        "events",
        "--quiet",
        "--format",
        "json",
        &plain.display().to_string(),
    ]);
    let direct: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(partition(&direct), p);
}

#[test]
fn an_ingest_of_stored_texts_records_their_sightings_without_the_corpus_state() {
    let dir = scratch("lazy");
    let input = dir.join("in");
    std::fs::create_dir(&input).expect("dir");
    write(&input, "a.txt", FLOOD_1);
    write(&input, "b.txt", FLOOD_2);
    let db = dir.join("db");
    ingest(&db, &[&input], &[]);
    let before = export(&db);
    // The corpus state is spoilt: only what reads it can tell.
    let sqlite = db.join("herald.sqlite");
    let conn = rusqlite::Connection::open(&sqlite).expect("open the store's file");
    let spoilt = conn
        .execute("UPDATE state SET value = x'7b7b'", [])
        .expect("update");
    assert_eq!(spoilt, 1, "the store has one corpus state");
    let sightings = |conn: &rusqlite::Connection| -> i64 {
        conn.query_row("SELECT count(*) FROM sightings", [], |r| r.get(0))
            .expect("count")
    };
    assert_eq!(sightings(&conn), 2);
    // Stored texts, one of them under a new name: a new sighting, and the
    // events as they were, without reading the state.
    write(&input, "a-again.txt", FLOOD_1);
    let out = ingest(&db, &[&input], &[]);
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains("0 new, 3 already stored"), "{summary}");
    assert_eq!(sightings(&conn), 3);
    assert_eq!(export(&db), before);
    // A new text needs the state: the ingest says it cannot be read.
    write(&input, "c.txt", FAIR);
    let d = db_arg(&db);
    let out = run(&[
        "ingest",
        "--quiet",
        "--db",
        &d,
        &input.display().to_string(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("corpus state"), "{err}");
}

#[test]
fn ingests_in_several_batches_agree_with_one() {
    let dir = scratch("batches");
    let all = write(&dir, "all.jsonl", &generated(48));
    let text = std::fs::read_to_string(&all).expect("read");
    let lines: Vec<&str> = text.lines().collect();
    let first = write(&dir, "first.jsonl", &(lines[..30].join("\n") + "\n"));
    let second = write(&dir, "second.jsonl", &(lines[30..].join("\n") + "\n"));
    let one = dir.join("one");
    ingest(&one, &[&all], &[]);
    let several = dir.join("several");
    ingest(&several, &[&first], &["--batch", "7"]);
    ingest(&several, &[&second], &["--batch", "5"]);
    let p = partition(&export(&one));
    assert_eq!(p.len(), 12, "{p:?}");
    assert_eq!(partition(&export(&several)), p);
    // One ingest in batches of 7 ends with the statistics of all its
    // articles: its events are those of one batch, explanations and
    // scores included.
    let batched = dir.join("batched");
    ingest(&batched, &[&all], &["--batch", "7"]);
    assert_eq!(export(&batched), export(&one));
}

#[test]
fn an_id_stored_with_another_text_is_an_error_line_and_the_rest_goes_on() {
    let dir = scratch("conflict");
    let db = dir.join("db");
    let a = write(
        &dir,
        "a.jsonl",
        &format!("{}\n", serde_json::json!({"id": "x1", "text": FLOOD_1})),
    );
    ingest(&db, &[&a], &[]);
    let b = write(
        &dir,
        "b.jsonl",
        &format!(
            "{}\n{}\n",
            serde_json::json!({"id": "x1", "text": FAIR}),
            serde_json::json!({"id": "x2", "text": FLOOD_2})
        ),
    );
    let out = ingest(&db, &[&b], &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert_eq!(lines[0]["id"], "x1");
    assert!(
        lines[0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("already stored with another text")),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 new, 0 already stored, 1 failed"));
    assert_eq!(partition(&export(&db)), vec![vec!["x1", "x2"]]);
}

#[test]
fn search_finds_stored_articles_and_delete_takes_one_down_everywhere() {
    let dir = scratch("search");
    let db = dir.join("db");
    let input = write(
        &dir,
        "in.jsonl",
        &format!(
            "{}\n{}\n{}\n",
            serde_json::json!({"id": "f1", "text": FLOOD_1}),
            serde_json::json!({"id": "f2", "text": FLOOD_2}),
            serde_json::json!({"id": "b1", "text": FAIR})
        ),
    );
    ingest(&db, &[&input], &[]);
    let d = db_arg(&db);
    let hits = |q: &str| -> Vec<String> {
        let out = ok(&["search", "--db", &d, "--json", q]);
        let mut ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| {
                let v: Value = serde_json::from_str(l).expect("JSON line");
                v["id"].as_str().expect("id").to_string()
            })
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(hits("Valdoria flood"), vec!["f1", "f2"]);
    assert_eq!(hits("publishers"), vec!["b1"]);
    let out = ok(&["search", "--db", &d, "Brenna"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("[Brenna]"));

    ok(&["delete", "--db", &d, "f1"]);
    assert_eq!(hits("Valdoria flood"), vec!["f2"]);
    assert_eq!(partition(&export(&db)), vec![vec!["b1"], vec!["f2"]]);
    let out = run(&["delete", "--db", &d, "nope"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no article nope"));
}

#[test]
fn reindex_analyses_again_and_keeps_ids_events_and_sightings() {
    let dir = scratch("reindex");
    let db = dir.join("db");
    let input = dir.join("in");
    std::fs::create_dir(&input).expect("dir");
    write(&input, "a.txt", FLOOD_1);
    write(&input, "b.txt", FLOOD_2);
    write(&input, "c.txt", FAIR);
    ingest(&db, &[&input], &[]);
    write(&input, "again.txt", FLOOD_1);
    ingest(&db, &[&input], &[]);
    let before = export(&db);
    let d = db_arg(&db);
    let out = ok(&["reindex", "--quiet", "--db", &d]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("reindexed 3 articles"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = export(&db);
    assert_eq!(after, before);
    // The second sighting of a.txt's text survived.
    let out = ok(&["search", "--db", &d, "--json", "overnight"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn an_ingest_killed_at_any_moment_and_run_again_stores_everything_once() {
    let dir = scratch("kill");
    let input = write(&dir, "in.jsonl", &generated(400));
    let clean = dir.join("clean");
    ingest(&clean, &[&input], &["--batch", "40"]);
    let expected = export(&clean);
    assert_eq!(partition(&expected).concat().len(), 400);
    for (round, wait_ms) in [5u64, 60, 250, 700].into_iter().enumerate() {
        let db = dir.join(format!("killed-{round}"));
        let mut child = herald()
            .args(["ingest", "--quiet", "--batch", "40", "--db"])
            .arg(&db)
            .arg(&input)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(std::time::Duration::from_millis(wait_ms));
        child.kill().expect("kill"); // SIGKILL
        child.wait().expect("wait");
        ingest(&db, &[&input], &["--batch", "40"]);
        let got = export(&db);
        assert_eq!(
            partition(&got),
            partition(&expected),
            "killed after {wait_ms} ms"
        );
    }
}

#[test]
fn events_of_a_missing_store_say_so() {
    let dir = scratch("missing");
    let d = db_arg(&dir.join("nothing"));
    let out = run(&["events", "--db", &d, "--format", "json"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("herald ingest"));
    let out = run(&["search", "--db", &d, "x"]);
    assert!(!out.status.success());
}

#[test]
fn a_later_ingest_gives_stored_articles_the_fuller_name_one_ingest_gives() {
    use herald_store::{SqliteStore, Storage};
    let dir = scratch("names");
    let a = write(
        &dir,
        "a.txt",
        "River rises in Valdoria\n\n\"The water is still rising,\" Marquardt said on Tuesday in \
         Valdoria. Marquardt asked residents to stay calm.\n",
    );
    let b = write(
        &dir,
        "b.txt",
        "Valdoria mayor orders evacuation\n\nMayor Ilse Marquardt ordered 1,200 residents of \
         Valdoria to leave on Tuesday as the Brenna river rose.\n",
    );
    let names = |db: &Path| -> (Vec<String>, Vec<Option<String>>) {
        let store = SqliteStore::open_read(db).expect("store");
        let hits = {
            let index = herald_store::SearchIndex::open(db).expect("index");
            herald_store::search_articles(&store, &index, "still rising", 0, 5).expect("search")
        };
        let stored = store
            .article(&hits[0].id)
            .expect("article")
            .expect("stored");
        let a = stored.article;
        (
            a.entities.iter().map(|e| e.name.clone()).collect(),
            a.quotes.iter().map(|q| q.speaker.clone()).collect(),
        )
    };
    let one = dir.join("one");
    ingest(&one, &[&a, &b], &[]);
    let two = dir.join("two");
    ingest(&two, &[&a], &[]);
    let before = names(&two);
    assert!(before.0.contains(&"Marquardt".to_string()), "{before:?}");
    ingest(&two, &[&b], &[]);
    let after = names(&two);
    assert_eq!(after, names(&one));
    assert!(after.0.contains(&"Ilse Marquardt".to_string()), "{after:?}");
    assert_eq!(after.1, vec![Some("Ilse Marquardt".to_string())]);
    assert_eq!(partition(&export(&two)), partition(&export(&one)));
    // The entity is found by the name the first article wrote.
    let store = SqliteStore::open_read(&two).expect("store");
    let entity = store.entity("Marquardt").expect("entity").expect("found");
    assert_eq!(entity.name, "Ilse Marquardt");
    assert_eq!(entity.articles, 2);
    drop(store);
    // Taken down, the article that gave the fuller name gives it no more:
    // the next ingest (of an article naming no Marquardt) names the stored
    // one as a store that never held it does.
    let evacuation = {
        let store = SqliteStore::open_read(&two).expect("store");
        let index = herald_store::SearchIndex::open(&two).expect("index");
        herald_store::search_articles(&store, &index, "evacuation", 0, 5).expect("search")[0]
            .id
            .clone()
    };
    ok(&["delete", "--db", &db_arg(&two), &evacuation]);
    let c = write(&dir, "c.txt", FAIR);
    ingest(&two, &[&c], &[]);
    let three = dir.join("three");
    ingest(&three, &[&a, &c], &[]);
    assert_eq!(names(&two), names(&three));
    assert!(names(&two).0.contains(&"Marquardt".to_string()));
}

#[test]
fn a_store_inside_the_folder_being_ingested_is_not_read_as_news() {
    let dir = scratch("inside");
    write(&dir, "a.txt", FLOOD_1);
    write(&dir, "c.txt", FAIR);
    let db = dir.join("herald-db");
    ingest(&db, &[&dir], &[]);
    let out = ingest(&db, &[&dir], &[]);
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains("0 new, 2 already stored, 0 failed"),
        "{summary}"
    );
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
