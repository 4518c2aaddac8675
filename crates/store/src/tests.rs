//! The SQLite store on articles and events written for the tests.

use herald_corpus::{EventState, LinkState, Profile, Stats, Weights};
use herald_model::{Article, Entity, EntityKind, Mention, Quote};

use crate::{
    Batch, CorpusState, EventQuery, Known, NewArticle, RawRecord, Sighting, SqliteStore, Storage,
};

fn article(id: &str, title: &str, text: &str, published: &str, people: &[(&str, &str)]) -> Article {
    Article {
        id: Some(id.to_string()),
        source: format!("{id}.txt"),
        title: Some(title.to_string()),
        language: Some("en".to_string()),
        published: Some(published.to_string()),
        text: text.to_string(),
        entities: people
            .iter()
            .map(|(name, variant)| Entity {
                name: name.to_string(),
                kind: EntityKind::Person,
                role: Some("mayor".to_string()),
                mentions: vec![Mention {
                    text: variant.to_string(),
                    start: 0,
                    end: variant.chars().count(),
                }],
            })
            .collect(),
        quotes: vec![Quote {
            text: format!("We are ready, said the {id}"),
            speaker: people.first().map(|(n, _)| n.to_string()),
            cue: Some("said".to_string()),
            via: None,
            start: 0,
            end: 5,
        }],
        ..Article::default()
    }
}

fn sighting(source: &str) -> Sighting {
    Sighting {
        source: source.to_string(),
        url: None,
        outlet: None,
        seen_at: "2026-12-06T00:00:00Z".to_string(),
    }
}

fn new(a: &Article) -> NewArticle {
    NewArticle {
        article: a.clone(),
        content_id: format!("c-{}", a.id.clone().unwrap_or_default()),
        analysis: "test".to_string(),
        raw: RawRecord {
            source: a.source.clone(),
            hint: "text".to_string(),
            body: a.text.as_bytes().to_vec(),
            ..RawRecord::default()
        },
        sighting: sighting(&a.source),
        aliases: Vec::new(),
    }
}

/// Stores the articles as an ingest does: grouped, in one batch.
fn ingest(store: &mut SqliteStore, articles: &[Article]) {
    let profiles: Vec<Profile> = articles.iter().map(Profile::of).collect();
    let mut events = EventState::new(Stats::of(&profiles), Weights::default());
    let update = events.add(&*store, profiles).expect("add");
    store
        .commit(Batch {
            articles: articles.iter().map(new).collect(),
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
}

fn fixture() -> Vec<Article> {
    vec![
        article(
            "a1",
            "Floods hit Valdoria",
            "Floods swept through Valdoria on March 3, 2021; 1,200 residents left.",
            "2021-03-03",
            &[("Ilse Marquardt", "Marquardt")],
        ),
        article(
            "a2",
            "Valdoria evacuates",
            "Mayor Ilse Marquardt ordered 1,200 residents of Valdoria to leave after floods.",
            "2021-03-03",
            &[("Ilse Marquardt", "Ilse Marquardt")],
        ),
        article(
            "b1",
            "Book fair opens in Ostrava",
            "The Ostrava book fair opened with 300 publishers from 14 countries.",
            "2019-06-12",
            &[("Pavel Hrubý", "Hrubý")],
        ),
    ]
}

#[test]
fn a_batch_is_stored_whole_and_found_by_id_content_and_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = SqliteStore::create(dir.path()).expect("create");
    ingest(&mut store, &fixture());
    let counts = store.counts().expect("counts");
    assert_eq!(counts.articles, 3);
    assert_eq!(
        store.known("a1", "c-a1").expect("known"),
        Known::Stored("a1".into())
    );
    assert_eq!(
        store.known("zz", "c-a1").expect("known"),
        Known::Stored("a1".into())
    );
    assert_eq!(
        store.known("a1", "other").expect("known"),
        Known::IdConflict
    );
    assert_eq!(store.known("zz", "other").expect("known"), Known::New);

    let stored = store.article("a2").expect("article").expect("a2 stored");
    assert_eq!(stored.article.title.as_deref(), Some("Valdoria evacuates"));
    let event = store
        .event(stored.event.as_deref().expect("in an event"))
        .expect("event");
    let ids: Vec<String> = event
        .expect("event")
        .articles
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(ids.len(), 2, "{ids:?}");

    // Any variant, in any case, finds the entity.
    let entity = store.entity("marquardt").expect("entity").expect("found");
    assert_eq!(entity.name, "Ilse Marquardt");
    assert_eq!(entity.articles, 2);
    assert!(entity.variants.contains(&"Marquardt".to_string()));
    assert_eq!(
        entity.roles,
        vec![("mayor".to_string(), vec!["2021".to_string()])]
    );
    assert_eq!(entity.events.len(), 1);
    assert!(store.entity("nobody").expect("entity").is_none());
    // Any case, accents, Unicode form or order of the names.
    for name in [
        "ILSE MARQUARDT",
        "Ilse Marquärdt",
        "Marquardt Ilse",
        "ilse  marquardt",
    ] {
        let found = store.entity(name).expect("entity");
        assert_eq!(
            found.map(|e| e.name),
            Some("Ilse Marquardt".to_string()),
            "{name}"
        );
    }

    let quotes = store
        .quotes(Some("ilse marquardt"), None, 10)
        .expect("quotes");
    assert_eq!(quotes.len(), 2);
    let quotes = store.quotes(None, Some("the b1"), 10).expect("quotes");
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].speaker.as_deref(), Some("Pavel Hrubý"));
    // LIKE wildcards in the query are plain characters.
    assert!(
        store
            .quotes(None, Some("%"), 10)
            .expect("quotes")
            .is_empty()
    );
}

#[test]
fn events_are_listed_newest_first_and_filtered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = SqliteStore::create(dir.path()).expect("create");
    ingest(&mut store, &fixture());
    let all = |q: EventQuery| {
        let (events, total) = store
            .events(&EventQuery { limit: 50, ..q })
            .expect("events");
        assert_eq!(events.len(), total);
        events
            .into_iter()
            .map(|e| e.date.unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(all(EventQuery::default()), vec!["2021-03-03", "2019-06-12"]);
    let from = EventQuery {
        from: Some("2020".into()),
        ..EventQuery::default()
    };
    assert_eq!(all(from), vec!["2021-03-03"]);
    let to = EventQuery {
        to: Some("2019-06".into()),
        ..EventQuery::default()
    };
    assert_eq!(all(to), vec!["2019-06-12"]);
    let entity = EventQuery {
        entity: Some("PAVEL HRUBÝ".into()),
        ..EventQuery::default()
    };
    assert_eq!(all(entity), vec!["2019-06-12"]);
    let language = EventQuery {
        language: Some("de".into()),
        ..EventQuery::default()
    };
    assert!(all(language).is_empty());
    let (page, total) = store
        .events(&EventQuery {
            limit: 1,
            offset: 1,
            ..EventQuery::default()
        })
        .expect("page");
    assert_eq!((page.len(), total), (1, 2));
    assert_eq!(page[0].date.as_deref(), Some("2019-06-12"));
}

#[test]
fn a_deleted_article_leaves_records_and_its_event() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = SqliteStore::create(dir.path()).expect("create");
    ingest(&mut store, &fixture());
    let mut state = store.state().expect("state").expect("saved");
    let update = state
        .events
        .remove(&store, &["a1".to_string()])
        .expect("remove");
    store
        .commit(Batch {
            deleted: vec!["a1".to_string()],
            changed: update.changed,
            removed: update.removed,
            storylines: Some(state.events.storylines().to_vec()),
            state: Some(state),
            ..Batch::default()
        })
        .expect("commit");
    assert!(store.article("a1").expect("article").is_none());
    assert_eq!(store.known("a1", "c-a1").expect("known"), Known::New);
    // Its names went with it: only the other article's variant is left.
    assert!(store.entity("Marquardt").expect("entity").is_none());
    assert!(
        store
            .entity("Ilse Marquardt")
            .expect("entity")
            .is_some_and(|e| e.articles == 1)
    );
    let mut members = Vec::new();
    store
        .each_event(&mut |e| {
            members.extend(e.articles.into_iter().map(|a| a.id));
            Ok(())
        })
        .expect("events");
    members.sort();
    assert_eq!(members, vec!["a2", "b1"]);
}

#[test]
fn sightings_of_one_article_are_kept_once_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = SqliteStore::create(dir.path()).expect("create");
    ingest(&mut store, &fixture());
    store
        .commit(Batch {
            sightings: vec![
                ("a1".to_string(), sighting("copy/a1.html")),
                ("a1".to_string(), sighting("copy/a1.html")),
            ],
            ..Batch::default()
        })
        .expect("commit");
    let stored = store.article("a1").expect("article").expect("stored");
    let sources: Vec<&str> = stored.sightings.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(sources, vec!["a1.txt", "copy/a1.html"]);
}

#[test]
fn a_reader_sees_each_commit_and_a_second_writer_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = SqliteStore::create(dir.path()).expect("create");
    let _lock = store.lock().expect("lock");
    let reader = SqliteStore::open_read(dir.path()).expect("reader");
    assert_eq!(reader.counts().expect("counts").articles, 0);
    ingest(&mut store, &fixture()[..1]);
    assert_eq!(reader.counts().expect("counts").articles, 1);
    let other = SqliteStore::create(dir.path()).expect("second handle");
    assert!(matches!(
        other.lock(),
        Err(crate::StoreError::Locked { .. })
    ));
}

#[test]
fn opening_a_directory_without_a_store_for_reading_says_so() {
    let dir = tempfile::tempdir().expect("temp dir");
    let err = SqliteStore::open_read(dir.path()).expect_err("no store");
    assert!(err.to_string().contains("herald ingest"), "{err}");
}

/// An index fed one article per commit (a feed, ingested as it comes)
/// merges its segments: a search does not visit one per article.
#[test]
fn an_index_fed_one_article_at_a_time_merges_its_segments() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = SqliteStore::create(dir.path()).expect("create");
    let mut index = crate::SearchIndex::open(dir.path()).expect("index");
    for i in 0..24 {
        let a = article(
            &format!("f{i:02}"),
            "Floods in Valdoria",
            "Floods swept through Valdoria and residents left their homes.",
            "2021-03-03",
            &[],
        );
        store
            .commit(Batch {
                articles: vec![new(&a)],
                ..Batch::default()
            })
            .expect("commit");
        assert_eq!(index.catch_up(&store).expect("catch up"), 1);
    }
    assert!(index.segments() <= 8, "{} segments", index.segments());
    assert_eq!(index.search("Valdoria", 0, 50).expect("search").len(), 24);
}

#[test]
fn search_stems_each_language_finds_cjk_and_follows_the_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = SqliteStore::create(dir.path()).expect("create");
    let mut articles = fixture();
    let mut de = article(
        "d1",
        "Überschwemmungen in Valdoria",
        "Die Überschwemmungen zwangen die Bewohner, ihre Häuser zu verlassen.",
        "2021-03-04",
        &[],
    );
    de.language = Some("de".to_string());
    let mut zh = article(
        "z1",
        "普京访华",
        "俄罗斯总统普京抵达北京，开始对中国进行国事访问。",
        "2024-05-16",
        &[],
    );
    zh.language = Some("zh".to_string());
    articles.push(de);
    articles.push(zh);
    ingest(&mut store, &articles);
    let mut index = crate::SearchIndex::open(dir.path()).expect("index");
    assert_eq!(index.catch_up(&store).expect("catch up"), 5);
    assert_eq!(index.catch_up(&store).expect("again"), 0, "nothing twice");
    let ids = |index: &crate::SearchIndex, q: &str| -> Vec<String> {
        let mut ids: Vec<String> = index
            .search(q, 0, 10)
            .expect("search")
            .into_iter()
            .map(|h| h.id)
            .collect();
        ids.sort();
        ids
    };
    // English stems: "flood" finds "Floods"; every word must match.
    assert_eq!(ids(&index, "flood"), vec!["a1", "a2"]);
    assert_eq!(ids(&index, "flood mayor"), vec!["a2"]);
    // German stems: "Überschwemmung" finds "Überschwemmungen".
    assert_eq!(ids(&index, "Überschwemmung"), vec!["d1"]);
    // Chinese: characters in a row, without a space.
    assert_eq!(ids(&index, "北京"), vec!["z1"]);
    assert_eq!(ids(&index, "国事访问"), vec!["z1"]);
    assert!(ids(&index, "北海").is_empty());
    assert!(ids(&index, "").is_empty());
    // A query that does not parse is read leniently, never an error.
    assert_eq!(ids(&index, "flood AND ("), vec!["a1", "a2"]);

    let hit = &index.search("evacuates", 0, 10).expect("search")[0];
    assert_eq!(hit.title.as_deref(), Some("Valdoria evacuates"));
    let hit = &index.search("residents", 0, 10).expect("search")[0];
    let marked: Vec<&str> = hit
        .highlights
        .iter()
        .map(|r| &hit.snippet[r.clone()])
        .collect();
    assert_eq!(marked, vec!["residents"]);

    index.delete(&["a1".to_string()]).expect("delete");
    assert_eq!(ids(&index, "flood"), vec!["a2"]);
    // A reopened index knows where it stopped.
    drop(index);
    let index = crate::SearchIndex::open(dir.path()).expect("reopen");
    assert!(index.indexed_up_to().expect("payload") > 0);
}

/// Filtering events by words looks past the first page of article hits:
/// the event of the 300th best article is found too.
#[test]
fn events_matching_a_query_look_past_the_first_hits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = SqliteStore::create(dir.path()).expect("create");
    let articles: Vec<Article> = (0..300)
        .map(|i| {
            // Each article its own event: other places, other years.
            article(
                &format!("h{i}"),
                &format!("Harbour {i} reopens in Port{i}"),
                &format!("The harbour of Port{i} reopened after repairs costing {i}17 crowns."),
                &format!("{}-01-01", 1700 + i),
                &[],
            )
        })
        .collect();
    ingest(&mut store, &articles);
    let mut index = crate::SearchIndex::open(dir.path()).expect("index");
    index.catch_up(&store).expect("catch up");
    let events = crate::events_matching(&store, &index, "harbour reopens", 10_000).expect("events");
    let (all, total) = store.events(&crate::EventQuery::default()).expect("events");
    assert!(all.len() <= total);
    assert_eq!(events.len(), total, "every event of a matching article");
    assert!(total > 200, "{total}");
    let few = crate::events_matching(&store, &index, "harbour reopens", 10).expect("events");
    assert_eq!(few.len(), 10);
    assert!(
        crate::events_matching(&store, &index, "glassworks", 10)
            .expect("none")
            .is_empty()
    );
}
