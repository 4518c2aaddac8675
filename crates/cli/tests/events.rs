//! End-to-end: `herald events` and `herald similarity` on files written by
//! the test.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;

use common::{Scratch, herald};

fn scratch(name: &str) -> Scratch {
    common::scratch(&format!("herald-ev-{name}-"))
}

const FLOOD_1: &str = "Floods hit Valdoria\n\nFloods swept through the river town of Valdoria on March 3, 2021, \
forcing 1,200 residents from their homes, mayor Ilse Marquardt said. The Brenna river rose 4.5 metres \
overnight and the Valdoria bridge closed.\n";
const FLOOD_2: &str = "Valdoria evacuates as the Brenna rises\n\nMayor Ilse Marquardt ordered 1,200 residents of \
Valdoria to leave on March 3, 2021, after the Brenna river rose 4.5 metres. Rescue boats patrolled \
the flooded streets near the closed Valdoria bridge.\n";
const FAIR: &str = "Book fair opens in Ostrava\n\nThe Ostrava book fair opened on June 12, 2019 with 300 publishers \
from 14 countries, organiser Pavel Hrubý said. Readers queued at the gates of the exhibition hall.\n";

fn events(args: &[&Path], extra: &[&str]) -> Value {
    let out = herald()
        .arg("events")
        .args(args)
        .args(extra)
        .args(["--format", "json", "--quiet"])
        .output()
        .expect("run herald");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn partition(v: &Value) -> Vec<Vec<String>> {
    let mut p: Vec<Vec<String>> = v["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| {
            let mut s: Vec<String> = e["articles"]
                .as_array()
                .expect("articles")
                .iter()
                .map(|a| {
                    let src = a["source"].as_str().expect("source");
                    Path::new(src)
                        .file_name()
                        .expect("name")
                        .to_string_lossy()
                        .into_owned()
                })
                .collect();
            s.sort();
            s
        })
        .collect();
    p.sort();
    p
}

#[test]
fn events_group_files_and_read_back_analyze_output() {
    let dir = scratch("group");
    std::fs::write(dir.join("flood1.txt"), FLOOD_1).expect("write");
    std::fs::write(dir.join("flood2.txt"), FLOOD_2).expect("write");
    std::fs::write(dir.join("fair.txt"), FAIR).expect("write");
    let v = events(&[&dir], &[]);
    assert_eq!(
        partition(&v),
        vec![
            vec!["fair.txt".to_string()],
            vec!["flood1.txt".to_string(), "flood2.txt".to_string()],
        ]
    );
    let flood = v["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["articles"].as_array().is_some_and(|a| a.len() == 2))
        .expect("flood event");
    assert_eq!(flood["date"], "2021-03-03");
    assert!(flood["id"].as_str().is_some_and(|s| s.starts_with("e-")));
    for a in flood["articles"].as_array().expect("articles") {
        assert!(
            a["id"].as_str().is_some_and(|s| s.len() == 24),
            "content id: {a}"
        );
    }

    // The analysis printed once, grouped again: the same events, and a
    // hostile line gets an error of its own.
    let analyzed = herald()
        .arg("analyze")
        .arg(&dir)
        .arg("--quiet")
        .output()
        .expect("analyze");
    let mut jsonl = analyzed.stdout.clone();
    jsonl.extend_from_slice(
        br#"{"id":"bad","source":"x","text":"short","entities":[{"name":"X","kind":"person","mentions":[{"text":"X","start":3,"end":99}]}],"quotes":[],"dates":[]}"#,
    );
    jsonl.push(b'\n');
    let file = dir.join("analyzed.jsonl");
    std::fs::write(&file, &jsonl).expect("write");
    let again = events(&[&file], &[]);
    assert_eq!(again["events"], v["events"]);
    let errors = again["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("outside the text"))
    );
}

#[test]
fn duplicate_ids_are_reported_and_kept_apart() {
    let dir = scratch("dup");
    let line = |text: &str| serde_json::json!({"id": "same", "text": text}).to_string();
    let a = dir.join("a.jsonl");
    std::fs::write(&a, format!("{}\n", line(FLOOD_1))).expect("write");
    let b = dir.join("b.jsonl");
    std::fs::write(&b, format!("{}\n", line(FAIR))).expect("write");
    let v = events(&[&a, &b], &[]);
    let dups = v["duplicate_ids"].as_array().expect("duplicate_ids");
    assert_eq!(dups.len(), 1, "{v}");
    assert_eq!(dups[0]["id"], "same");
    assert_eq!(dups[0]["sources"].as_array().map(Vec::len), Some(2));
    // Both articles are there, each in its own event.
    assert_eq!(partition(&v).len(), 2, "{v}");
    // Unique ids: no such field.
    let c = dir.join("c.jsonl");
    std::fs::write(
        &c,
        format!("{}\n", line(FLOOD_2).replace("\"same\"", "\"other\"")),
    )
    .expect("write");
    let v = events(&[&a, &c], &[]);
    assert!(v.get("duplicate_ids").is_none(), "{v}");
}

#[test]
fn storylines_and_text_format_print() {
    let dir = scratch("text");
    std::fs::write(dir.join("flood1.txt"), FLOOD_1).expect("write");
    std::fs::write(dir.join("flood2.txt"), FLOOD_2).expect("write");
    let out = herald()
        .arg("events")
        .arg(&dir)
        .args(["--format", "text", "--storylines", "--quiet"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Storyline s-"), "{text}");
    assert!(text.contains("2021-03-03"), "{text}");
    assert!(
        text.contains("flood1.txt") && text.contains("flood2.txt"),
        "{text}"
    );
}

#[test]
fn similarity_explains_and_pairs_survive_broken_lines() {
    let dir = scratch("sim");
    std::fs::write(dir.join("a.txt"), FLOOD_1).expect("write");
    std::fs::write(dir.join("b.txt"), FLOOD_2).expect("write");
    std::fs::write(dir.join("c.txt"), FAIR).expect("write");
    let score = |x: &str, y: &str| -> Value {
        let out = herald()
            .arg("similarity")
            .arg(dir.join(x))
            .arg(dir.join(y))
            .arg("--quiet")
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    let same = score("a.txt", "b.txt");
    let other = score("a.txt", "c.txt");
    assert!(
        same["score"].as_f64() > other["score"].as_f64(),
        "{same} {other}"
    );
    let signals = same["signals"].as_array().expect("signals");
    assert!(signals.iter().any(|s| s["signal"] == "people"), "{same}");

    let pairs = dir.join("pairs.jsonl");
    let line =
        |id: &str, a: &str, b: &str| serde_json::json!({"id": id, "a": a, "b": b}).to_string();
    let content = [
        line("p1", FLOOD_1, FLOOD_2),
        "{not json".to_string(),
        serde_json::json!({"id": "p3", "a": 5, "b": "x"}).to_string(),
        line("p4", FLOOD_1, FAIR),
    ]
    .join("\n");
    std::fs::write(&pairs, content).expect("write");
    let out = herald()
        .arg("similarity")
        .arg("--pairs")
        .arg(&pairs)
        .arg("--quiet")
        .output()
        .expect("run");
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], "p1");
    assert!(
        lines[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("invalid JSON"))
    );
    assert_eq!(lines[2]["id"], "p3");
    assert!(lines[2]["error"].is_string());
    assert!(lines[0]["score"].as_f64() > lines[3]["score"].as_f64());
    for l in [&lines[0], &lines[3]] {
        let s = l["score"].as_f64().expect("score");
        assert!((0.0..=1.0).contains(&s));
    }
}

/// The seed articles in `shared/corpus/seeds` beside the repository (CI has
/// it there): without it the test fails, unless `HERALD_NO_SHARED=1` says to
/// skip it.
fn seeds_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(3)
        .map_or_else(|| PathBuf::from("../../../shared"), Path::to_path_buf)
        .join("shared/corpus/seeds");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("HERALD_NO_SHARED").is_some_and(|v| v == "1") {
        eprintln!(
            "seeds: skipped, {} is absent and HERALD_NO_SHARED=1",
            dir.display()
        );
        return None;
    }
    panic!(
        "the seed articles {} are absent; put shared/ beside the repository, \
         or set HERALD_NO_SHARED=1 to skip the tests that read it",
        dir.display()
    );
}

/// The five seeds are three events: the 2024 visit (000, 001, 002, dated
/// 2024-04-09), the 2021 video call (003) and the 2014 visit (004), all in
/// one China–Russia storyline.
#[test]
fn seeds_are_three_events_in_one_storyline() {
    let Some(dir) = seeds_dir() else { return };
    let v = events(&[&dir], &[]);
    let p = partition(&v);
    let names = |prefixes: &[&str]| -> Vec<String> {
        let mut all: Vec<String> = std::fs::read_dir(&dir)
            .expect("seeds")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| prefixes.iter().any(|p| n.starts_with(p)))
            .collect();
        all.sort();
        all
    };
    let mut want = vec![
        names(&["000_", "001_", "002_"]),
        names(&["003_"]),
        names(&["004_"]),
    ];
    want.sort();
    assert_eq!(p, want);
    let events = v["events"].as_array().expect("events");
    let visit = events
        .iter()
        .find(|e| e["articles"].as_array().is_some_and(|a| a.len() == 3))
        .expect("the 2024 visit");
    assert_eq!(visit["date"], "2024-04-09");
    let lines: std::collections::BTreeSet<&str> = events
        .iter()
        .filter_map(|e| e["storyline"].as_str())
        .collect();
    assert_eq!(lines.len(), 1, "one storyline: {lines:?}");
}
