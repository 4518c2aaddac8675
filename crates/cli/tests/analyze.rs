//! End-to-end: the `herald analyze` binary on files written by the test.

use std::process::Stdio;

use serde_json::Value;

/// A fresh directory under the system temp dir, named after the test.
mod common;

use common::{Scratch, herald};

fn scratch(name: &str) -> Scratch {
    common::scratch(&format!("herald-e2e-{name}-"))
}

fn lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

const ARTICLE: &str = "Ferry service resumes\n\nThe island ferry resumed service on Monday after a week of storms, the operator said.\n\n\"We are glad to be back,\" captain Lena Brisk said.\n";

#[test]
fn every_input_gives_one_line_and_errors_are_counted() {
    let dir = scratch("mixed");
    std::fs::write(dir.join("a.txt"), ARTICLE).expect("write");
    std::fs::write(dir.join("empty.txt"), "").expect("write");
    std::fs::write(
        dir.join("junk.bin"),
        (0..2000u32)
            .map(|i| (i * 31 % 256) as u8)
            .collect::<Vec<_>>(),
    )
    .expect("write");
    std::fs::create_dir_all(dir.join("sub")).expect("mkdir");
    std::fs::write(
        dir.join("sub/b.jsonl"),
        "{\"id\":\"r1\",\"text\":\"One record with a sentence.\"}\n{bad\n",
    )
    .expect("write");
    let out = herald().arg("analyze").arg(&dir).output().expect("runs");
    assert!(out.status.success());
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 5, "{got:?}");
    let errors: Vec<&str> = got.iter().filter_map(|v| v["error"].as_str()).collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(errors.contains(&"empty document"));
    assert!(errors.iter().any(|e| e.starts_with("binary content")));
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("invalid JSON on line 2"))
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("analyzed 2, failed 3"), "{stderr}");
}

#[test]
fn output_has_every_field_of_the_contract() {
    let dir = scratch("fields");
    std::fs::write(dir.join("a.txt"), ARTICLE).expect("write");
    let out = herald()
        .args(["analyze", "--threads", "1"])
        .arg(dir.join("a.txt"))
        .output()
        .expect("runs");
    let got = lines(&out.stdout);
    let a = &got[0];
    for field in [
        "id",
        "source",
        "title",
        "language",
        "published",
        "text",
        "removed",
        "entities",
        "quotes",
        "dates",
        "event_date",
        "cited_sources",
        "origin",
    ] {
        assert!(a.get(field).is_some(), "missing {field} in {a}");
    }
    assert_eq!(a["language"], "en");
    assert!(
        a["text"]
            .as_str()
            .is_some_and(|t| t.contains("The island ferry resumed"))
    );
}

#[test]
fn stdin_is_read_with_a_dash() {
    let mut child = herald()
        .args(["analyze", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(ARTICLE.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("runs");
    let got = lines(&out.stdout);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["source"], "-");
}

#[test]
fn a_missing_path_fails_the_run() {
    let out = herald()
        .args(["analyze", "/no/such/herald/input"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file or directory"));
    assert!(out.stdout.is_empty());
}

#[test]
fn output_order_follows_input_order_with_many_threads() {
    let dir = scratch("order");
    let mut jsonl = String::new();
    for i in 0..600 {
        jsonl.push_str(&format!(
            "{{\"id\":\"d{i}\",\"text\":\"Article number {i} says something.\"}}\n"
        ));
    }
    std::fs::write(dir.join("many.jsonl"), jsonl).expect("write");
    let out = herald()
        .args(["analyze", "--threads", "4"])
        .arg(dir.join("many.jsonl"))
        .output()
        .expect("runs");
    let ids: Vec<String> = lines(&out.stdout)
        .iter()
        .map(|v| v["id"].as_str().unwrap_or("").to_string())
        .collect();
    let want: Vec<String> = (0..600).map(|i| format!("d{i}")).collect();
    assert_eq!(ids, want);
}

#[test]
fn user_knowledge_base_is_read_and_checked() {
    let dir = scratch("kb");
    std::fs::write(
        dir.join("a.txt"),
        "Talks open\n\nMorvanian Foreign Minister Dranova said on Tuesday that talks would open.\n",
    )
    .expect("write");
    std::fs::write(dir.join("bad.tsv"), "robot\tJane Roe\n").expect("write");
    let out = herald()
        .arg("analyze")
        .arg("--kb")
        .arg(dir.join("bad.tsv"))
        .arg(dir.join("a.txt"))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.tsv: knowledge base line 1"),
        "{stderr}"
    );
    std::fs::write(
        dir.join("good.tsv"),
        "country\tMorvania\t\t\tMorvania\t\t\tMorvanian\nperson\tIlse Dranova\t\tForeign Minister of Morvania\tMorvania\t2020\t\t\n",
    )
    .expect("write");
    let out = herald()
        .arg("analyze")
        .arg("--kb")
        .arg(dir.join("good.tsv"))
        .arg(dir.join("a.txt"))
        .output()
        .expect("runs");
    let got = lines(&out.stdout);
    let names: Vec<&str> = got[0]["entities"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["name"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        names.contains(&"Ilse Dranova") || names.contains(&"Dranova"),
        "{names:?}"
    );
}

#[test]
fn names_are_linked_across_articles() {
    // A person named by surname alone takes the full name another article
    // of the run gives.
    let dir = scratch("link");
    std::fs::write(dir.join("1.txt"), "Singer enters clinic\n\nThe singer Marla Quennell entered a rehabilitation clinic in Malibu on Monday, her spokesman said.\n").expect("write");
    std::fs::write(dir.join("2.txt"), "Quennell leaves clinic\n\nThe singer left the clinic in Malibu on Friday, a week after she checked in, Quennell said.\n").expect("write");
    let out = herald().arg("analyze").arg(&dir).output().expect("runs");
    let got = lines(&out.stdout);
    let person = |v: &Value| -> Vec<String> {
        v["entities"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter(|e| e["kind"] == "person")
                    .filter_map(|e| e["name"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(person(&got[0]), ["Marla Quennell"]);
    assert_eq!(person(&got[1]), ["Marla Quennell"], "{}", got[1]);
}

fn entities_of(v: &Value) -> Vec<(String, String)> {
    v["entities"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e["name"].as_str().unwrap_or("").to_string(),
                        e["kind"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// An article's entities do not depend on the other articles of the run:
/// German nouns stay what they were next to a US article whose people
/// have names one letter away, a shared first name does not join people.
#[test]
fn entities_do_not_leak_between_articles() {
    let dir = scratch("leak");
    // Before linking became a corpus step this article gained Chris Kise,
    // Joe Biden, Jim Rich and Alexandre de Moraes from the other one.
    let de = "Krise in Berlin\n\nDie Krise in Berlin hat den Boden erreicht, schreibt die Zeit. Jim sagte am Montag in Washington, Morales sei nicht gekommen. Scholz schwieg.\n";
    std::fs::write(dir.join("de.txt"), de).expect("write");
    std::fs::write(
        dir.join("us.txt"),
        "Lawyers meet in Berlin\n\nChris Kise and Joe Biden met in Berlin and Washington on Monday with Olaf Scholz. Jim Rich, an editor, said Alexandre de Moraes was not invited. \"It is fine,\" Kise said.\n",
    )
    .expect("write");
    let alone = herald()
        .args(["analyze", "--quiet"])
        .arg(dir.join("de.txt"))
        .output()
        .expect("runs");
    let together = herald()
        .args(["analyze", "--quiet"])
        .arg(&dir)
        .output()
        .expect("runs");
    let alone = lines(&alone.stdout);
    let together = lines(&together.stdout);
    let de_line = together
        .iter()
        .find(|v| v["source"].as_str().is_some_and(|s| s.ends_with("de.txt")))
        .expect("de.txt analysed");
    assert_eq!(entities_of(&alone[0]), entities_of(de_line));
}

/// `--no-link` prints an article as soon as it is analysed: the first line
/// comes out while the input is still open.
#[test]
fn no_link_streams_each_article() {
    use std::io::{BufRead, BufReader, Write};
    let mut child = herald()
        .args(["analyze", "--no-link", "--quiet", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let mut stdin = child.stdin.take().expect("stdin");
    writeln!(
        stdin,
        "{{\"id\":\"a\",\"text\":\"The ferry resumed service on Monday, the operator said.\"}}"
    )
    .expect("write");
    stdin.flush().expect("flush");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    // Blocks until the line is printed: without streaming, never.
    out.read_line(&mut first).expect("a line");
    let v: Value = serde_json::from_str(&first).expect("JSON");
    assert_eq!(v["id"], "a");
    drop(stdin);
    assert!(child.wait().expect("ends").success());
}

#[test]
fn absurd_limits_are_handled() {
    let dir = scratch("limits");
    std::fs::write(
        dir.join("a.jsonl"),
        "{\"id\":\"r1\",\"text\":\"One record with a sentence.\"}\n{\"id\":\"r2\",\"text\":\"Another record.\"}\n",
    )
    .expect("write");
    let out = herald()
        .args(["analyze", "--quiet", "--threads", "100000", "--max-bytes"])
        .arg(usize::MAX.to_string())
        .arg(&dir)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let got = lines(&out.stdout);
    let ids: Vec<&str> = got.iter().filter_map(|v| v["id"].as_str()).collect();
    assert_eq!(ids, ["r1", "r2"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("using 256"));
}

#[test]
fn error_lines_have_a_kind() {
    let dir = scratch("kinds");
    std::fs::write(dir.join("empty.txt"), "").expect("write");
    std::fs::write(dir.join("b.jsonl"), "{bad\n").expect("write");
    let out = herald().arg("analyze").arg(&dir).output().expect("runs");
    let got = lines(&out.stdout);
    let kinds: Vec<&str> = got.iter().filter_map(|v| v["kind"].as_str()).collect();
    assert_eq!(kinds, ["malformed", "empty"], "{got:?}");
}
