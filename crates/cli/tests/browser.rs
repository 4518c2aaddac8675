//! End-to-end in a real browser: `herald demo` serves its built-in store on
//! a loopback port and headless Chromium loads the pages.
//!
//! Chromium comes from Debian's `chromium` package (`.ci/run` installs it).
//! Without it the test fails and says so, unless `HERALD_NO_BROWSER=1`.
//! A screenshot of each page visited is kept as the test's artifact in
//! `target/e2e-screenshots/`.

use std::process::Command;

mod served;

use served::Served;

fn demo() -> Served {
    let mut command = Command::new(env!("CARGO_BIN_EXE_herald"));
    command.args(["demo", "--addr", "127.0.0.1:0"]).env(
        "HERALD_MODEL_DIR",
        std::env::temp_dir().join("herald-no-model-here"),
    );
    Served::start(command)
}

fn chromium() -> Option<String> {
    if std::env::var_os("HERALD_NO_BROWSER").is_some() {
        return None;
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        let found = Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if found {
            return Some(name.to_string());
        }
    }
    panic!(
        "no Chromium found: install it (apt-get install chromium, as .ci/run does) or set HERALD_NO_BROWSER=1"
    );
}

/// Where screenshots go: `target/e2e-screenshots/`.
fn screenshots() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot dir");
    dir
}

/// Headless Chromium with a profile of its own (in `profile`), given 3
/// seconds of page time.
fn headless(browser: &str, profile: &tempfile::TempDir) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--virtual-time-budget=3000",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()));
    c
}

/// Saves a screenshot of `url` as `name.png` and checks it was written.
fn screenshot(browser: &str, url: &str, name: &str) {
    let profile = tempfile::tempdir().expect("profile dir");
    let path = screenshots().join(format!("{name}.png"));
    std::fs::remove_file(&path).ok();
    let out = headless(browser, &profile)
        .args(["--hide-scrollbars", "--window-size=1200,1600"])
        .arg(format!("--screenshot={}", path.display()))
        .arg(url)
        .output()
        .expect("run chromium");
    assert!(out.status.success(), "chromium failed to shoot {url}");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    assert!(
        size > 10_000,
        "{name}.png is {size} bytes: nothing rendered?"
    );
}

/// The page's DOM after Chromium loaded it, and what Chromium logged; a
/// screenshot of it is saved as `name.png`.
fn visit(browser: &str, url: &str, name: &str) -> (String, String) {
    screenshot(browser, url, name);
    load(browser, url)
}

/// The page's DOM after Chromium loaded it, and what Chromium logged.
fn load(browser: &str, url: &str) -> (String, String) {
    let profile = tempfile::tempdir().expect("profile dir");
    let out = headless(browser, &profile)
        .args(["--enable-logging=stderr", "--v=0", "--dump-dom"])
        .arg(url)
        .output()
        .expect("run chromium");
    assert!(out.status.success(), "chromium failed on {url}");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_demo_renders_in_a_browser_without_breaking_its_policy() {
    let Some(browser) = chromium() else {
        return;
    };
    let server = demo();
    let (home, log) = visit(&browser, &format!("http://{}/", server.addr), "home");
    assert!(
        home.contains("Floods force 1,200 from their homes in Valdoria"),
        "{home}"
    );
    assert!(home.contains("Estria and Morvania sign Lenn river treaty"));
    assert!(!log.contains("Content Security Policy"), "{log}");
    // From the home page to an event, its storyline and an entity.
    let event = home
        .split("href=\"/events/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a link to an event");
    let (page, log) = visit(
        &browser,
        &format!("http://{}/events/{event}", server.addr),
        "event",
    );
    assert!(
        page.contains("Articles") && page.contains("Why: score"),
        "{page}"
    );
    assert!(!log.contains("Content Security Policy"), "{log}");
    let entity = page
        .split("href=\"/entities/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a link to an entity");
    let (page, log) = visit(
        &browser,
        &format!("http://{}/entities/{entity}", server.addr),
        "entity",
    );
    assert!(
        page.contains("Events over time") && page.contains("<svg"),
        "{page}"
    );
    assert!(!log.contains("Content Security Policy"), "{log}");
    let (page, _) = visit(
        &browser,
        &format!("http://{}/search?q=Valdoria", server.addr),
        "search",
    );
    assert!(page.contains("<mark>Valdoria</mark>"), "{page}");
    let (page, _) = visit(
        &browser,
        &format!("http://{}/storylines", server.addr),
        "storylines",
    );
    let line = page
        .split("href=\"/storylines/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a storyline of several events");
    let (page, log) = visit(
        &browser,
        &format!("http://{}/storylines/{line}", server.addr),
        "storyline",
    );
    assert!(page.contains("<svg"), "{page}");
    assert!(!log.contains("Content Security Policy"), "{log}");
}

/// Articles whose titles, texts, quotes and addresses carry markup that
/// would mark the page (`data-pwned` on its body) if it ran.
fn hostile_articles() -> String {
    let pwn = |what: &str| format!("document.body.setAttribute('data-pwned','{what}')");
    let articles = [
        serde_json::json!({
            "id": "h1",
            "url": format!("javascript:{}", pwn("url")),
            "title": format!("Valdoria floods <img src=x onerror=\"{}\"> <b>bold</b>", pwn("title")),
            "published": "2021-03-03",
            "text": format!(
                "Floods swept through Valdoria on March 3, 2021. <script>{}</script>\n\n\
                 \"<img src=x onerror='{}'>We will rebuild the town,\" said Ilse Marquardt, \
                 the mayor of Valdoria, on Wednesday. <a href=\"javascript:{}\">click</a>\n\n\
                 Residents of Valdoria left their homes as the Brenna river rose.",
                pwn("script"),
                pwn("quote"),
                pwn("link")
            ),
        }),
        serde_json::json!({
            "id": "h2",
            "url": "https://example.org/h2",
            "title": format!("Valdoria evacuates 1,200 <script>{}</script>", pwn("title2")),
            "published": "2021-03-03",
            "text": format!(
                "Mayor Ilse Marquardt ordered 1,200 residents of Valdoria to leave on March 3, \
                 2021 as the Brenna river rose. \"<svg onload='{}'>Stay calm,\" Marquardt said.",
                pwn("svg")
            ),
        }),
    ];
    articles.iter().map(|a| format!("{a}\n")).collect()
}

#[test]
fn markup_in_articles_neither_runs_nor_renders_in_a_browser() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("hostile.jsonl");
    std::fs::write(&input, hostile_articles()).expect("write");
    let db = dir.path().join("db");
    let out = Command::new(env!("CARGO_BIN_EXE_herald"))
        .args(["ingest", "--quiet", "--db"])
        .arg(&db)
        .arg(&input)
        .output()
        .expect("ingest");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut serve = Command::new(env!("CARGO_BIN_EXE_herald"));
    serve
        .args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db);
    let server = Served::start(serve);
    let (home, _) = load(&browser, &format!("http://{}/", server.addr));
    let event = home
        .split("href=\"/events/")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a link to the event");
    let pages = [
        (format!("/events/{event}"), "hostile-event"),
        ("/".to_string(), "hostile-home"),
        ("/articles/h1".to_string(), "hostile-article"),
        ("/entities/Ilse%20Marquardt".to_string(), "hostile-entity"),
        ("/search?q=onerror".to_string(), "hostile-search"),
    ];
    for (path, name) in pages {
        let (dom, log) = visit(&browser, &format!("http://{}{path}", server.addr), name);
        // Nothing ran: the body was never marked.
        assert!(!dom.contains("data-pwned="), "{path}: a script ran\n{dom}");
        // Nothing rendered as markup: in the DOM Chromium built, the
        // articles' tags are text (a `<` in text serialises as `&lt;`).
        for tag in [
            "<script",
            "<img",
            "<svg onload",
            "<b>bold",
            "href=\"javascript:",
        ] {
            assert!(
                !dom.contains(tag),
                "{path}: {tag} rendered as markup\n{dom}"
            );
        }
        assert!(
            !log.contains("Content Security Policy"),
            "{path}: the page tried what its policy forbids\n{log}"
        );
    }
    // The markup is there, shown as text.
    let (dom, _) = load(&browser, &format!("http://{}/events/{event}", server.addr));
    for text in [
        "Valdoria floods &lt;img src=x onerror=",
        "&lt;script&gt;",
        "&lt;svg onload=",
    ] {
        assert!(dom.contains(text), "{text} is not shown as text\n{dom}");
    }
}
