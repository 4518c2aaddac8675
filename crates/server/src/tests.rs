//! The router on a store written by the tests, without a network: each
//! request goes straight to the service.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use herald_corpus::{EventState, LinkState, Profile, Stats, Weights};
use herald_model::{Article, Entity, EntityKind, Mention, Quote};
use herald_store::{
    Batch, CorpusState, NewArticle, RawRecord, SearchIndex, Sighting, SqliteStore, Storage,
};
use tower::ServiceExt;

use crate::{API_ROUTES, AppState, OPENAPI, router};

fn article(id: &str, title: &str, text: &str, published: &str, lang: &str, who: &str) -> Article {
    Article {
        id: Some(id.to_string()),
        source: format!("{id}.txt"),
        url: Some(format!("https://www.example-{id}.org/news/{id}")),
        title: Some(title.to_string()),
        language: Some(lang.to_string()),
        published: Some(published.to_string()),
        text: text.to_string(),
        entities: vec![Entity {
            name: who.to_string(),
            kind: EntityKind::Person,
            role: Some("mayor".to_string()),
            mentions: vec![Mention {
                text: who.to_string(),
                start: 0,
                end: who.chars().count(),
            }],
        }],
        quotes: vec![Quote {
            text: format!("<b>We</b> stay, said {who} in {id}"),
            speaker: Some(who.to_string()),
            cue: Some("said".to_string()),
            via: None,
            start: 0,
            end: 4,
        }],
        ..Article::default()
    }
}

fn fixture() -> Vec<Article> {
    vec![
        article(
            "a1",
            "Floods hit Valdoria",
            "Floods swept through Valdoria on March 3, 2021; 1,200 residents left.",
            "2021-03-03",
            "en",
            "Ilse Marquardt",
        ),
        article(
            "a2",
            "Valdoria evacuates <script>alert(1)</script>",
            "Mayor Ilse Marquardt ordered 1,200 residents of Valdoria to leave after floods.",
            "2021-03-03",
            "en",
            "Ilse Marquardt",
        ),
        article(
            "b1",
            "Buchmesse in Ostrava",
            "Die Buchmesse in Ostrava öffnete mit 300 Verlagen aus 14 Ländern.",
            "2019-06-12",
            "de",
            "Pavel Hrubý",
        ),
        article(
            "z1",
            "普京访华",
            "俄罗斯总统普京抵达北京，开始对中国进行国事访问。",
            "2024-05-16",
            "zh",
            "弗拉基米尔·普京",
        ),
    ]
}

/// A store holding the fixture, indexed, and a router over it.
fn served() -> (tempfile::TempDir, axum::Router) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = SqliteStore::create(dir.path()).expect("create");
    let articles = fixture();
    let profiles: Vec<Profile> = articles.iter().map(Profile::of).collect();
    let mut events = EventState::new(Stats::of(&profiles), Weights::default());
    let update = events.add(&store, profiles).expect("add");
    store
        .commit(Batch {
            articles: articles
                .iter()
                .map(|a| NewArticle {
                    article: a.clone(),
                    content_id: format!("c-{}", a.id.clone().unwrap_or_default()),
                    analysis: "test".to_string(),
                    raw: RawRecord::default(),
                    sighting: Sighting {
                        source: a.source.clone(),
                        url: a.url.clone(),
                        outlet: Some(format!("example-{}.org", a.id.clone().unwrap_or_default())),
                        seen_at: "2026-12-06T00:00:00Z".to_string(),
                    },
                    aliases: if a.id.as_deref() == Some("z1") {
                        vec![(
                            "弗拉基米尔·普京".to_string(),
                            vec!["Vladimir Putin".to_string(), "Путин".to_string()],
                        )]
                    } else {
                        Vec::new()
                    },
                })
                .collect(),
            changed: update.changed,
            removed: update.removed,
            storylines: Some(events.storylines().to_vec()),
            state: Some(CorpusState {
                link: LinkState::new(),
                events,
                names: Default::default(),
            }),
            ..Batch::default()
        })
        .expect("commit");
    SearchIndex::open(dir.path())
        .expect("index")
        .catch_up(&store)
        .expect("catch up");
    let state = Arc::new(AppState::open(dir.path()).expect("open"));
    (dir, router(state))
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, String, axum::http::HeaderMap) {
    let response = app
        .clone()
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), 16 << 20)
        .await
        .expect("body");
    (status, String::from_utf8_lossy(&body).into_owned(), headers)
}

async fn json(app: &axum::Router, uri: &str) -> serde_json::Value {
    let (status, body, _) = get(app, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    serde_json::from_str(&body).expect("JSON")
}

fn event_of(v: &serde_json::Value, title_part: &str) -> String {
    v["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["title"].as_str().is_some_and(|t| t.contains(title_part)))
        .and_then(|e| e["id"].as_str())
        .expect("event")
        .to_string()
}

#[tokio::test]
async fn the_api_lists_filters_and_finds_events() {
    let (_dir, app) = served();
    let all = json(&app, "/api/events").await;
    assert_eq!(all["total"], 3);
    let dates: Vec<&str> = all["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["date"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        dates,
        vec!["2024-05-16", "2021-03-03", "2019-06-12"],
        "newest first"
    );
    assert_eq!(
        json(&app, "/api/events?from=2020&to=2021-12").await["total"],
        1
    );
    assert_eq!(
        json(&app, "/api/events?entity=ilse%20marquardt").await["total"],
        1
    );
    assert_eq!(json(&app, "/api/events?language=de").await["total"], 1);
    assert_eq!(json(&app, "/api/events?q=residents").await["total"], 1);
    assert_eq!(
        json(&app, "/api/events?q=%E5%8C%97%E4%BA%AC").await["total"],
        1,
        "北京"
    );
    let paged = json(&app, "/api/events?per_page=1&page=2").await;
    assert_eq!(paged["events"].as_array().map(Vec::len), Some(1));
    assert_eq!(paged["events"][0]["date"], "2021-03-03");

    let flood = event_of(&all, "Valdoria");
    let event = json(&app, &format!("/api/events/{flood}")).await;
    assert_eq!(event["articles"].as_array().map(Vec::len), Some(2));
    let article = json(&app, "/api/articles/a1").await;
    assert_eq!(article["event"], flood.as_str());
    assert_eq!(article["sightings"][0]["outlet"], "example-a1.org");

    let entity = json(
        &app,
        "/api/entities/%E5%BC%97%E6%8B%89%E5%9F%BA%E7%B1%B3%E5%B0%94%C2%B7%E6%99%AE%E4%BA%AC",
    )
    .await;
    assert_eq!(entity["events"].as_array().map(Vec::len), Some(1));
    // A name the knowledge base gave in another script finds it too.
    let entity = json(&app, "/api/entities/%D0%9F%D1%83%D1%82%D0%B8%D0%BD").await;
    assert_eq!(entity["name"], "弗拉基米尔·普京", "{entity}");
    let entity = json(&app, "/api/entities/MARQUARDT%20ilse").await;
    assert_eq!(entity["name"], "Ilse Marquardt", "{entity}");
    assert_eq!(entity["quotes"].as_array().map(Vec::len), Some(2));
    let quotes = json(&app, "/api/quotes?speaker=Pavel%20Hrub%C3%BD").await;
    assert_eq!(quotes["quotes"].as_array().map(Vec::len), Some(1));
    let hits = json(&app, "/api/search?q=Verlag").await;
    assert_eq!(
        hits["hits"][0]["id"], "b1",
        "German stems: Verlag finds Verlagen"
    );
    let lines = json(&app, "/api/storylines").await;
    let first = lines["storylines"][0]["id"]
        .as_str()
        .expect("storyline")
        .to_string();
    let line = json(&app, &format!("/api/storylines/{first}")).await;
    assert!(line["events"].as_array().is_some_and(|e| !e.is_empty()));
}

#[tokio::test]
async fn api_errors_are_json_with_their_status() {
    let (_dir, app) = served();
    let too_many_words = format!("/api/search?q={}", vec!["flood"; 33].join("+"));
    let too_long = format!("/api/search?q={}", "a".repeat(3000));
    let events_too_long = format!("/api/events?entity={}", "x".repeat(3000));
    for (uri, status) in [
        ("/api/events/nope", StatusCode::NOT_FOUND),
        ("/api/articles/nope", StatusCode::NOT_FOUND),
        ("/api/storylines/nope", StatusCode::NOT_FOUND),
        ("/api/entities/nobody", StatusCode::NOT_FOUND),
        ("/api/no-such-route", StatusCode::NOT_FOUND),
        ("/api/events?from=yesterday", StatusCode::BAD_REQUEST),
        ("/api/search", StatusCode::BAD_REQUEST),
        ("/api/events?page=x", StatusCode::BAD_REQUEST),
        (&too_many_words, StatusCode::BAD_REQUEST),
        (&too_long, StatusCode::BAD_REQUEST),
        (&events_too_long, StatusCode::BAD_REQUEST),
    ] {
        let (got, body, headers) = get(&app, uri).await;
        assert_eq!(got, status, "{uri}: {body}");
        if got != StatusCode::BAD_REQUEST || !uri.contains("page=x") {
            let v: serde_json::Value =
                serde_json::from_str(&body).unwrap_or_else(|e| panic!("{uri}: {e}: {body}"));
            assert_eq!(v["status"], status.as_u16(), "{uri}");
            assert!(v["error"].is_string());
        }
        assert!(headers.get("content-security-policy").is_some());
    }
}

/// The query parser's syntax is not the user's: field names, wildcards,
/// ranges, boosts and unbalanced groups are read as words (never a 500),
/// and the words still find what they name.
#[tokio::test]
async fn search_syntax_in_a_query_is_read_as_words() {
    let (_dir, app) = served();
    for q in [
        "title:*",
        "id:a1",
        "text_en:Valdoria%20OR%20*",
        "Valdoria^1000",
        "%22%20AND%20(%20%5B",
        "%5Ba%20TO%20z%5D",
        "/.*/",
        "Valdoria~2",
    ] {
        let (status, body, _) = get(&app, &format!("/api/search?q={q}")).await;
        assert_eq!(status, StatusCode::OK, "{q}: {body}");
    }
    let v = json(&app, "/api/search?q=(Valdoria:)").await;
    let hits = v["hits"].as_array().expect("hits");
    assert!(!hits.is_empty(), "{v}");
    let v = json(&app, "/api/search?q=title:*").await;
    assert!(v["hits"].as_array().expect("hits").is_empty(), "{v}");
    let (status, _, _) = get(&app, &format!("/search?q={}", vec!["flood"; 40].join("+"))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn the_openapi_document_names_every_route_and_only_those() {
    let (_dir, app) = served();
    let doc: serde_json::Value = serde_json::from_str(OPENAPI).expect("OpenAPI JSON");
    let mut documented: Vec<&str> = doc["paths"]
        .as_object()
        .expect("paths")
        .keys()
        .map(String::as_str)
        .collect();
    documented.sort();
    let mut routes: Vec<&str> = API_ROUTES.to_vec();
    routes.sort();
    assert_eq!(documented, routes);
    assert_eq!(json(&app, "/api/openapi.json").await, doc);
    // Every route answers (a route that is documented but not served
    // would fall through to the JSON 404 "no route").
    for route in API_ROUTES {
        let uri = route.replace("{id}", "x").replace("{name}", "x");
        let (_, body, _) = get(&app, &format!("{uri}?q=x")).await;
        assert!(
            !body.contains("nothing at"),
            "{route} is not served: {body}"
        );
    }
}

#[tokio::test]
async fn pages_render_and_escape_scraped_text() {
    let (_dir, app) = served();
    let all = json(&app, "/api/events").await;
    let flood = event_of(&all, "Valdoria");
    let (status, home, headers) = get(&app, "/").await;
    assert_eq!(status, StatusCode::OK);
    let csp = headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script-src"),
        "{csp}"
    );
    assert!(home.contains("Floods hit Valdoria") || home.contains("Valdoria evacuates"));
    assert!(home.contains("2021-03"), "events grouped by month");
    for uri in [
        format!("/events/{flood}"),
        "/articles/a2".to_string(),
        "/entities/Ilse%20Marquardt".to_string(),
        "/search?q=Valdoria".to_string(),
        "/storylines".to_string(),
        "/?entity=Ilse+Marquardt&from=2021".to_string(),
    ] {
        let (status, page, _) = get(&app, &uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(!page.contains("<script>"), "{uri} lets markup through");
        assert!(!page.contains("<b>We</b>"), "{uri} lets markup through");
    }
    let (_, event, _) = get(&app, &format!("/events/{flood}")).await;
    assert!(event.contains("&lt;script&gt;") || event.contains("Floods hit Valdoria"));
    assert!(
        event.contains("Quotes") && event.contains("example-a1.org"),
        "{event}"
    );
    assert!(
        event.contains("Why: score"),
        "each article says why it belongs"
    );
    let (_, entity, _) = get(&app, "/entities/Ilse%20Marquardt").await;
    assert!(
        entity.contains("<svg") && entity.contains("mayor (2021)"),
        "{entity}"
    );
    let (_, search, _) = get(&app, "/search?q=residents").await;
    assert!(search.contains("<mark>residents</mark>"), "{search}");
    let (status, missing, _) = get(&app, "/events/nope").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(missing.contains("no event nope"));
    let (status, css, _) = get(&app, "/static/herald.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(css.contains("--accent"));
}

#[tokio::test]
async fn the_server_sees_what_an_ingest_commits_after_it_started() {
    let (dir, app) = served();
    assert_eq!(json(&app, "/api/events").await["total"], 3);
    let mut store = SqliteStore::create(dir.path()).expect("writer");
    let late = article(
        "c1",
        "Harbour reopens in Saltmere",
        "The harbour of Saltmere reopened.",
        "2022-09-01",
        "en",
        "Ola Brenn",
    );
    let mut state = store.state().expect("state").expect("saved");
    let update = state
        .events
        .add(&store, vec![Profile::of(&late)])
        .expect("add");
    store
        .commit(Batch {
            articles: vec![NewArticle {
                article: late,
                content_id: "c-c1".to_string(),
                analysis: "test".to_string(),
                raw: RawRecord::default(),
                sighting: Sighting {
                    source: "c1.txt".to_string(),
                    url: None,
                    outlet: None,
                    seen_at: "now".to_string(),
                },
                aliases: Vec::new(),
            }],
            changed: update.changed,
            removed: update.removed,
            storylines: Some(state.events.storylines().to_vec()),
            state: Some(state),
            ..Batch::default()
        })
        .expect("commit");
    assert_eq!(json(&app, "/api/events").await["total"], 4);
    assert_eq!(
        json(&app, "/api/articles/c1").await["article"]["title"],
        "Harbour reopens in Saltmere"
    );
}

/// An ingester that records what it was given.
#[derive(Default)]
struct Recording(std::sync::Mutex<Vec<(String, Vec<u8>)>>);

impl crate::Ingester for Recording {
    fn ingest(&self, name: &str, body: Vec<u8>) -> Result<serde_json::Value, crate::IngestError> {
        let n = body.len();
        self.0.lock().expect("lock").push((name.to_string(), body));
        Ok(serde_json::json!({ "articles": { "new": 1 }, "bytes": n }))
    }
}

async fn post(
    app: &axum::Router,
    uri: &str,
    token: Option<&str>,
    body: Vec<u8>,
) -> (StatusCode, serde_json::Value) {
    let mut request = Request::post(uri);
    if let Some(t) = token {
        request = request.header("authorization", format!("Bearer {t}"));
    }
    let response = app
        .clone()
        .oneshot(request.body(Body::from(body)).expect("request"))
        .await
        .expect("response");
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .expect("body");
    (status, serde_json::from_slice(&body).expect("JSON reply"))
}

#[tokio::test]
async fn ingest_through_the_api_is_off_unless_given_and_needs_the_token() {
    let (_dir, app) = served();
    let (status, reply) = post(&app, "/api/ingest", Some("x"), b"text".to_vec()).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{reply}");
    assert_eq!(reply["status"], 403);

    let (dir, _) = served();
    let recording = Arc::new(Recording::default());
    let access = crate::IngestAccess {
        token: "a-long-operator-token".to_string(),
        ingester: recording.clone(),
        max_bytes: 1000,
    };
    let state = AppState::open(dir.path())
        .expect("open")
        .with_ingest(access);
    let app = router(Arc::new(state));
    for token in [None, Some("wrong"), Some("a-long-operator-tokeN")] {
        let (status, reply) = post(&app, "/api/ingest", token, b"text".to_vec()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{token:?}: {reply}");
    }
    let (status, reply) = post(
        &app,
        "/api/ingest",
        Some("a-long-operator-token"),
        vec![b'x'; 1001],
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{reply}");
    let (status, reply) = post(
        &app,
        "/api/ingest",
        Some("a-long-operator-token"),
        Vec::new(),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{reply}");
    assert!(recording.0.lock().expect("lock").is_empty());

    let (status, reply) = post(
        &app,
        "/api/ingest?name=wire%0A.txt",
        Some("a-long-operator-token"),
        b"Mayor reopens the harbour.".to_vec(),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{reply}");
    assert_eq!(reply["articles"]["new"], 1);
    let got = recording.0.lock().expect("lock");
    assert_eq!(got.len(), 1);
    // Control characters do not reach a source name.
    assert_eq!(got[0].0, "wire.txt");
    assert_eq!(got[0].1, b"Mayor reopens the harbour.");
}

#[test]
fn tokens_compare_whole() {
    assert!(crate::same_token(b"secret-token", b"secret-token"));
    assert!(!crate::same_token(b"secret-tokem", b"secret-token"));
    assert!(!crate::same_token(b"secret", b"secret-token"));
    assert!(!crate::same_token(b"", b"secret-token"));
}

#[tokio::test]
async fn a_large_event_shows_its_articles_page_by_page() {
    let (dir, _) = served();
    let mut state = AppState::open(dir.path()).expect("open");
    state.event_page_size = 1;
    let app = router(Arc::new(state));
    let list = json(&app, "/api/events").await;
    let big = list["events"]
        .as_array()
        .expect("events")
        .iter()
        .find(|e| e["articles"].as_u64() >= Some(2))
        .expect("an event of two articles or more");
    let id = big["id"].as_str().expect("id").to_string();
    let n = big["articles"].as_u64().expect("n");
    let (status, first, _) = get(&app, &format!("/events/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(first.contains(&format!("Articles 1–1 of {n}")), "{first}");
    assert!(first.contains("?page=2"), "a link to the next page");
    let (status, second, _) = get(&app, &format!("/events/{id}?page=2")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(second.contains(&format!("Articles 2–2 of {n}")));
    assert!(second.contains("?page=1"), "a link back");
    let (status, _, _) = get(&app, &format!("/events/{id}?page={}", n + 1)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
