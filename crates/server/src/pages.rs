//! The web UI: pages made on the server with maud (every value escaped),
//! one stylesheet, no script.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{Uri, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use herald_model::{Event, EventArticle};
use herald_store::{EventSummary, Storage, StoredArticle};
use maud::{DOCTYPE, Markup, html};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Deserialize;

use crate::api::{EventParams, find_events, storyline_with_events};
use crate::svg::{self, Point};
use crate::{AppState, ServeError, blocking};

const STYLE: &str = include_str!("../assets/herald.css");
/// Articles of an event shown on one page of it (`?page=2` for the next).
pub(crate) const EVENT_ARTICLES_SHOWN: usize = 300;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/", get(home))
        .route("/events/{id}", get(event_page))
        .route("/storylines", get(storylines_page))
        .route("/storylines/{id}", get(storyline_page))
        .route("/entities/{name}", get(entity_page))
        .route("/articles/{id}", get(article_page))
        .route("/search", get(search_page))
        .route("/static/herald.css", get(style))
        .fallback(fallback)
}

async fn style() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
}

/// Unknown paths: JSON under `/api`, a page elsewhere.
async fn fallback(uri: Uri) -> Response {
    let e = ServeError::NotFound(format!("nothing at {}", uri.path()));
    if uri.path().starts_with("/api") {
        e.into_response()
    } else {
        PageError(e).into_response()
    }
}

/// An error shown as a page.
struct PageError(ServeError);

impl From<ServeError> for PageError {
    fn from(e: ServeError) -> PageError {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let body = layout(
            &status.to_string(),
            html! {
                h1 { (status.as_u16()) " · " (status.canonical_reason().unwrap_or("error")) }
                p.error { (self.0.to_string()) }
                p { a href="/" { "Back to the events" } }
            },
        );
        (status, Html(body.into_string())).into_response()
    }
}

type Page = Result<Html<String>, PageError>;

/// What a path segment or query value escapes: everything but letters,
/// digits and `-_~` (so ids read as they are; a dot stays escaped, so an
/// id such as `..` cannot become a relative path).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');

fn enc(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

fn event_href(id: &str) -> String {
    format!("/events/{}", enc(id))
}

fn entity_href(name: &str) -> String {
    format!("/entities/{}", enc(name))
}

fn article_href(id: &str) -> String {
    format!("/articles/{}", enc(id))
}

fn storyline_href(id: &str) -> String {
    format!("/storylines/{}", enc(id))
}

fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Herald" }
                link rel="stylesheet" href="/static/herald.css";
            }
            body {
                header.top {
                    a.brand href="/" { "Herald" }
                    nav {
                        a href="/" { "Events" }
                        a href="/storylines" { "Storylines" }
                    }
                    form.search action="/search" method="get" role="search" {
                        input type="search" name="q" placeholder="Search articles" aria-label="Search articles";
                        button type="submit" { "Search" }
                    }
                }
                main { (body) }
                footer { "Herald · events from the news, grouped and explained" }
            }
        }
    }
}

fn date_label(date: Option<&str>, estimated: bool) -> Markup {
    html! {
        @match date {
            Some(d) => {
                time.date datetime=(d) title=(if estimated { "estimated from the texts" } else { "" }) {
                    @if estimated { "≈ " } (d)
                }
            }
            None => { span.date.undated { "undated" } }
        }
    }
}

fn chips(names: &[String], class: &str) -> Markup {
    html! {
        @for n in names {
            a class=(format!("chip {class}")) href=(entity_href(n)) { (n) }
        }
    }
}

fn event_card(e: &EventSummary) -> Markup {
    html! {
        li.event {
            div.when { (date_label(e.date.as_deref(), e.date_estimated)) }
            div.what {
                a.title href=(event_href(&e.id)) { (e.title.as_deref().unwrap_or("(untitled event)")) }
                div.meta {
                    span { (e.independent_sources) " independent source" @if e.independent_sources != 1 { "s" } }
                    @if e.copies > 0 { span { (e.copies) " cop" @if e.copies == 1 { "y" } @else { "ies" } } }
                    @if !e.languages.is_empty() { span.langs { (e.languages.join(" · ")) } }
                }
                div.names { (chips(&e.entities, "who")) (chips(&e.places, "where")) }
            }
        }
    }
}

fn query_string(p: &EventParams, page: usize) -> String {
    let mut parts = Vec::new();
    for (k, v) in [
        ("q", &p.q),
        ("entity", &p.entity),
        ("place", &p.place),
        ("language", &p.language),
        ("from", &p.from),
        ("to", &p.to),
    ] {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            parts.push(format!("{k}={}", enc(v)));
        }
    }
    parts.push(format!("page={page}"));
    format!("?{}", parts.join("&"))
}

async fn home(State(state): State<Arc<AppState>>, Query(p): Query<EventParams>) -> Page {
    let params = p.clone();
    let (events, total, page, per_page) =
        blocking(&state, move |s, i| find_events(s, i, &params)).await?;
    let pages = total.div_ceil(per_page).max(1);
    let v = |o: &Option<String>| o.clone().unwrap_or_default();
    // Events grouped under their month, newest first.
    let mut months: Vec<(String, Vec<&EventSummary>)> = Vec::new();
    for e in &events {
        let month = e
            .date
            .as_deref()
            .map(|d| d.chars().take(7).collect::<String>())
            .unwrap_or_else(|| "Undated".to_string());
        match months.last_mut() {
            Some((m, list)) if *m == month => list.push(e),
            _ => months.push((month, vec![e])),
        }
    }
    let body = html! {
        h1 { "Events" }
        form.filters action="/" method="get" {
            label { "Words " input type="search" name="q" value=(v(&p.q)); }
            label { "Person or organization " input type="text" name="entity" value=(v(&p.entity)); }
            label { "Place " input type="text" name="place" value=(v(&p.place)); }
            label { "Language " input type="text" name="language" size="3" value=(v(&p.language)); }
            label { "From " input type="text" name="from" size="10" placeholder="YYYY-MM-DD" value=(v(&p.from)); }
            label { "To " input type="text" name="to" size="10" placeholder="YYYY-MM-DD" value=(v(&p.to)); }
            button type="submit" { "Filter" }
        }
        p.count { (total) " event" @if total != 1 { "s" } @if pages > 1 { " · page " (page) " of " (pages) } }
        @if events.is_empty() {
            p.empty { "No event matches. Run " code { "herald ingest" } " on a folder of news, or change the filters." }
        }
        @for (month, list) in &months {
            section.month {
                h2 { (month) }
                ol.events { @for e in list { (event_card(e)) } }
            }
        }
        nav.pages {
            @if page > 1 { a href=(query_string(&p, page - 1)) { "← Newer" } }
            @if page < pages { a href=(query_string(&p, page + 1)) { "Older →" } }
        }
    };
    Ok(Html(layout("Events", body).into_string()))
}

/// What an event page shows of each article.
struct Shown {
    item: EventArticle,
    stored: Option<StoredArticle>,
}

fn outlet(s: &Shown) -> String {
    s.stored
        .as_ref()
        .and_then(|a| a.sightings.iter().find_map(|x| x.outlet.clone()))
        .unwrap_or_else(|| {
            std::path::Path::new(&s.item.source)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_else(|| s.item.source.clone())
        })
}

fn why(item: &EventArticle) -> Markup {
    html! {
        @if let Some(alone) = &item.alone { p.alone { (alone) } }
        @if let Some(m) = &item.why {
            details.why {
                summary { "Why: score " (format!("{:.2}", m.score)) " with " a href=(article_href(&m.with)) { (m.with) } }
                table.signals {
                    @for s in &m.signals {
                        tr class=(if s.weight >= 0.0 { "for" } else { "against" }) {
                            td { (s.signal) }
                            td.num { (format!("{:+.2}", s.weight)) }
                            td { (s.detail) }
                        }
                    }
                }
            }
        }
    }
}

fn article_row(s: &Shown, copies: &[&Shown]) -> Markup {
    let a = s.stored.as_ref().map(|x| &x.article);
    html! {
        li.article {
            div.head {
                a.title href=(article_href(&s.item.id)) { (s.item.title.as_deref().unwrap_or("(untitled)")) }
                span.role { (s.item.role) }
            }
            div.meta {
                span.outlet { (outlet(s)) }
                @if let Some(l) = &s.item.language { span.lang { (l) } }
                @if let Some(p) = &s.item.published { span { "published " (p) } }
                @if let Some(o) = a.and_then(|a| a.origin.as_deref()) { span.origin { "wire: " (o) } }
            }
            (why(&s.item))
            @if !copies.is_empty() {
                details.copies {
                    summary { (copies.len()) " cop" @if copies.len() == 1 { "y" } @else { "ies" } " of this text" }
                    ul { @for c in copies {
                        li { a href=(article_href(&c.item.id)) { (outlet(c)) } " · " (c.item.source) }
                    } }
                }
            }
        }
    }
}

/// The page of an event's articles to show.
#[derive(Debug, Default, Deserialize)]
struct ArticlePage {
    page: Option<usize>,
}

async fn event_page(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Query(p): Query<ArticlePage>,
) -> Page {
    let page = p.page.unwrap_or(1).max(1);
    let size = state.event_page_size.max(1);
    let window = (page - 1).saturating_mul(size)..page.saturating_mul(size);
    let shown_window = window.clone();
    let (event, shown, storyline) = blocking(&state, move |s, _| {
        let e: Event = s
            .event(&id)?
            .ok_or_else(|| ServeError::NotFound(format!("no event {id}")))?;
        if shown_window.start > 0 && shown_window.start >= e.articles.len() {
            return Err(ServeError::NotFound(format!(
                "event {id} has no article page {page}"
            )));
        }
        let mut shown = Vec::new();
        for (i, item) in e.articles.iter().enumerate() {
            let stored = if shown_window.contains(&i) {
                s.article(&item.id)?
            } else {
                None
            };
            shown.push(Shown {
                item: item.clone(),
                stored,
            });
        }
        let storyline = match &e.storyline {
            Some(sl) => s.storyline(sl)?,
            None => None,
        };
        Ok((e, shown, storyline))
    })
    .await?;
    let mut copies: BTreeMap<&str, Vec<&Shown>> = BTreeMap::new();
    for s in &shown {
        if let Some(o) = &s.item.copy_of {
            copies.entry(o.as_str()).or_default().push(s);
        }
    }
    // The originals of this page of articles (their copies, wherever they
    // are, listed under them).
    let originals: Vec<&Shown> = shown
        .iter()
        .enumerate()
        .filter(|(i, s)| window.contains(i) && s.item.copy_of.is_none())
        .map(|(_, s)| s)
        .collect();
    let pages = event.articles.len().div_ceil(size).max(1);
    let href = event_href(&event.id);
    // Quotes by speaker, and the dates the texts give.
    let mut quotes: BTreeMap<String, Vec<(&str, &str)>> = BTreeMap::new();
    let mut dates: BTreeMap<&str, usize> = BTreeMap::new();
    for s in &shown {
        if s.item.copy_of.is_some() {
            continue;
        }
        if let Some(a) = &s.stored {
            for q in &a.article.quotes {
                let who = q
                    .speaker
                    .clone()
                    .unwrap_or_else(|| "Unattributed".to_string());
                quotes
                    .entry(who)
                    .or_default()
                    .push((q.text.as_str(), s.item.id.as_str()));
            }
            for d in &a.article.dates {
                if let Some(v) = d
                    .value
                    .as_deref()
                    .filter(|v| v.starts_with(|c: char| c.is_ascii_digit()))
                {
                    *dates.entry(v).or_default() += 1;
                }
            }
        }
    }
    let mut dates: Vec<(&str, usize)> = dates.into_iter().collect();
    dates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    dates.truncate(12);
    let title = event
        .title
        .clone()
        .unwrap_or_else(|| "(untitled event)".to_string());
    let body = html! {
        p.crumbs { a href="/" { "Events" } " › " (date_label(event.date.as_deref(), event.date_estimated)) }
        h1 { (title) }
        div.summary {
            span { (event.independent_sources) " independent source" @if event.independent_sources != 1 { "s" } }
            span { (event.articles.len()) " article" @if event.articles.len() != 1 { "s" } }
            @if let Some(sl) = &storyline {
                @if sl.events.len() > 1 {
                    span { "part of the storyline " a href=(storyline_href(&sl.id)) { (sl.title.as_deref().unwrap_or(&sl.id)) } " (" (sl.events.len()) " events)" }
                }
            }
        }
        @if event.date_estimated && !event.date_evidence.is_empty() {
            p.evidence { "Date estimated from: " (event.date_evidence.join("; ")) }
        }
        div.names {
            @if !event.entities.is_empty() { h3 { "Who" } (chips(&event.entities, "who")) }
            @if !event.places.is_empty() { h3 { "Where" } (chips(&event.places, "where")) }
        }
        section {
            h2 { "Articles" }
            @if pages > 1 {
                p.pager {
                    "Articles " (window.start + 1) "–" (window.end.min(event.articles.len())) " of " (event.articles.len()) " · "
                    @if page > 1 { a href={ (href) "?page=" (page - 1) } { "previous" } " " }
                    @if page < pages { a href={ (href) "?page=" (page + 1) } { "next" } }
                }
            }
            ol.articles {
                @for s in &originals {
                    (article_row(s, copies.get(s.item.id.as_str()).map(Vec::as_slice).unwrap_or(&[])))
                }
            }
        }
        @if !quotes.is_empty() {
            section {
                h2 { "Quotes" }
                @for (who, list) in &quotes {
                    div.speaker {
                        h3 { @if who == "Unattributed" { (who) } @else { a href=(entity_href(who)) { (who) } } }
                        @for (text, article) in list.iter().take(12) {
                            blockquote { (text) " " a.src href=(article_href(article)) { "↗" } }
                        }
                    }
                }
            }
        }
        @if !dates.is_empty() {
            section {
                h2 { "Dates in the texts" }
                ul.dates { @for (d, n) in &dates { li { (d) " · " (n) } } }
            }
        }
    };
    Ok(Html(layout(&title, body).into_string()))
}

async fn storylines_page(State(state): State<Arc<AppState>>) -> Page {
    let lines = blocking(&state, |s, _| Ok(s.storylines()?)).await?;
    let mut lines: Vec<_> = lines.into_iter().filter(|l| l.events.len() > 1).collect();
    lines.sort_by(|a, b| b.events.len().cmp(&a.events.len()).then(a.id.cmp(&b.id)));
    let body = html! {
        h1 { "Storylines" }
        p.count { (lines.len()) " storylines of more than one event" }
        ol.storylines {
            @for l in &lines {
                li {
                    a.title href=(storyline_href(&l.id)) { (l.title.as_deref().unwrap_or(&l.id)) }
                    span.meta { " · " (l.events.len()) " events" }
                    div.names { (chips(&l.entities, "who")) }
                }
            }
        }
    };
    Ok(Html(layout("Storylines", body).into_string()))
}

async fn storyline_page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Page {
    let (line, events) = blocking(&state, move |s, _| storyline_with_events(s, &id)).await?;
    let points: Vec<Point> = events
        .iter()
        .map(|e| Point {
            date: e.date.as_deref(),
            label: e.title.as_deref().unwrap_or("(untitled)"),
            href: event_href(&e.id),
        })
        .collect();
    let title = line.title.clone().unwrap_or_else(|| line.id.clone());
    let body = html! {
        p.crumbs { a href="/storylines" { "Storylines" } }
        h1 { (title) }
        div.names { (chips(&line.entities, "who")) }
        figure { (svg::timeline(&points)) }
        ol.events { @for e in &events { (event_card(e)) } }
    };
    Ok(Html(layout(&title, body).into_string()))
}

async fn entity_page(State(state): State<Arc<AppState>>, Path(name): Path<String>) -> Page {
    let (record, quotes) = blocking(&state, move |s, _| {
        let record = s
            .entity(&name)?
            .ok_or_else(|| ServeError::NotFound(format!("no entity named {name}")))?;
        let quotes = s.quotes(Some(&record.name), None, 60)?;
        Ok((record, quotes))
    })
    .await?;
    let mut per_year: BTreeMap<i64, usize> = BTreeMap::new();
    for e in &record.events {
        if let Some(y) = e
            .date
            .as_deref()
            .and_then(|d| d.get(..4))
            .and_then(|y| y.parse().ok())
        {
            *per_year.entry(y).or_default() += 1;
        }
    }
    // Every year between the first and the last, so gaps show.
    let counts: Vec<(i64, usize)> = match (per_year.keys().next(), per_year.keys().last()) {
        (Some(&a), Some(&b)) if b - a < 200 => (a..=b)
            .map(|y| (y, per_year.get(&y).copied().unwrap_or(0)))
            .collect(),
        _ => per_year.into_iter().collect(),
    };
    let body = html! {
        h1 { (record.name) }
        p.meta { (record.kind) " · named in " (record.articles) " article" @if record.articles != 1 { "s" } }
        @if record.variants.len() > 1 {
            section { h2 { "Names" } p.variants { @for v in &record.variants { span.variant { (v) } } } }
        }
        @if !record.roles.is_empty() {
            section {
                h2 { "Roles" }
                ul { @for (role, years) in &record.roles { li { (role) @if !years.is_empty() { " (" (years.join(", ")) ")" } } } }
            }
        }
        @if !counts.is_empty() {
            section { h2 { "Events over time" } figure { (svg::bars(&counts)) } }
        }
        section {
            h2 { "Events" }
            ol.events { @for e in &record.events { (event_card(e)) } }
        }
        @if !quotes.is_empty() {
            section {
                h2 { "Quotes" }
                @for q in &quotes {
                    blockquote {
                        (q.text)
                        " " a.src href=(article_href(&q.article)) { @if let Some(p) = &q.published { (p) } @else { "↗" } }
                    }
                }
            }
        }
    };
    Ok(Html(layout(&record.name, body).into_string()))
}

async fn article_page(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Page {
    let a = blocking(&state, move |s, _| {
        s.article(&id)?
            .ok_or_else(|| ServeError::NotFound(format!("no article {id}")))
    })
    .await?;
    let art = &a.article;
    let title = art
        .title
        .clone()
        .unwrap_or_else(|| "(untitled)".to_string());
    let body = html! {
        @if let Some(e) = &a.event { p.crumbs { a href=(event_href(e)) { "Its event" } } }
        h1 { (title) }
        div.meta {
            @if let Some(l) = &art.language { span.lang { (l) } }
            @if let Some(p) = &art.published { span { "published " (p) } }
            @if let Some(e) = &art.event_date { span { "event date " (e) } }
            @if let Some(b) = &art.byline { span { "by " (b) } }
            @if let Some(o) = &art.origin { span.origin { "wire: " (o) } }
            @if !art.cited_sources.is_empty() { span { "cites " (art.cited_sources.join(", ")) } }
        }
        @if !art.entities.is_empty() {
            div.names {
                @for e in &art.entities {
                    a class="chip" href=(entity_href(&e.name)) { (e.name) }
                }
            }
        }
        article.text {
            @for para in art.text.split("\n\n").filter(|p| !p.trim().is_empty()) {
                p { (para) }
            }
        }
        section {
            h2 { "Seen at" }
            ul.sightings {
                @for s in &a.sightings {
                    li {
                        @if let Some(u) = &s.url { (u) } @else { (s.source) }
                        " · " (s.seen_at)
                    }
                }
            }
        }
    };
    Ok(Html(layout(&title, body).into_string()))
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
    page: Option<usize>,
}

/// A snippet with its matched words marked.
fn marked(hit: &herald_store::SearchHit) -> Markup {
    html! { @for (matched, text) in hit.parts() { @if matched { mark { (text) } } @else { (text) } } }
}

async fn search_page(State(state): State<Arc<AppState>>, Query(p): Query<SearchParams>) -> Page {
    let q = p.q.clone().unwrap_or_default().trim().to_string();
    crate::check_words(&q)?;
    let page = p.page.unwrap_or(1).max(1);
    let per_page = 20;
    let query = q.clone();
    let hits = if q.is_empty() {
        Vec::new()
    } else {
        blocking(&state, move |s, i| {
            Ok(herald_store::search_articles(
                s,
                i,
                &query,
                (page - 1) * per_page,
                per_page,
            )?)
        })
        .await?
    };
    let body = html! {
        h1 { "Search" }
        form.filters action="/search" method="get" {
            input type="search" name="q" value=(q) aria-label="Words";
            button type="submit" { "Search" }
        }
        @if !q.is_empty() && hits.is_empty() { p.empty { "No article matches." } }
        ol.hits {
            @for h in &hits {
                li.hit {
                    a.title href=(article_href(&h.id)) { (h.title.as_deref().unwrap_or("(untitled)")) }
                    div.meta {
                        @if let Some(l) = &h.language { span.lang { (l) } }
                        @if let Some(p) = &h.published { span { (p) } }
                        @if let Some(e) = &h.event { a href=(event_href(e)) { "its event" } }
                    }
                    p.snippet { (marked(h)) }
                }
            }
        }
        nav.pages {
            @if page > 1 { a href=(format!("/search?q={}&page={}", enc(&q), page - 1)) { "← Previous" } }
            @if hits.len() == per_page { a href=(format!("/search?q={}&page={}", enc(&q), page + 1)) { "Next →" } }
        }
    };
    Ok(Html(layout("Search", body).into_string()))
}
