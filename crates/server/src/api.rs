//! The JSON API under `/api`, described by `assets/openapi.json` (served at
//! `/api/openapi.json`; a test checks that it names every route here and
//! nothing else).

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use herald_store::{EventQuery, EventSummary, Storage};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{AppState, ServeError, blocking};

/// The OpenAPI document.
pub const OPENAPI: &str = include_str!("../assets/openapi.json");

/// Every API route, as the router and the OpenAPI document name them.
pub const API_ROUTES: &[&str] = &[
    "/api/events",
    "/api/events/{id}",
    "/api/storylines",
    "/api/storylines/{id}",
    "/api/articles/{id}",
    "/api/search",
    "/api/entities/{name}",
    "/api/quotes",
    "/api/openapi.json",
];

/// Most events or hits on one page.
pub const MAX_PER_PAGE: usize = 100;
/// Articles a search looks at to find the events of a query.
const SEARCH_EVENTS_DEPTH: usize = 200;

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route(API_ROUTES[0], get(events))
        .route(API_ROUTES[1], get(event))
        .route(API_ROUTES[2], get(storylines))
        .route(API_ROUTES[3], get(storyline))
        .route(API_ROUTES[4], get(article))
        .route(API_ROUTES[5], get(search))
        .route(API_ROUTES[6], get(entity))
        .route(API_ROUTES[7], get(quotes))
        .route(API_ROUTES[8], get(openapi))
}

async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}

/// The filters of an event list, as the API and the UI take them.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EventParams {
    pub from: Option<String>,
    pub to: Option<String>,
    pub entity: Option<String>,
    pub place: Option<String>,
    pub q: Option<String>,
    pub language: Option<String>,
    pub page: Option<usize>,
    pub per_page: Option<usize>,
}

fn non_empty(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A date filter: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn date_param(name: &str, v: &Option<String>) -> Result<Option<String>, ServeError> {
    let Some(v) = non_empty(v) else {
        return Ok(None);
    };
    let parts: Vec<&str> = v.split('-').collect();
    let ok = !parts.is_empty()
        && parts.len() <= 3
        && parts[0].len() == 4
        && parts[1..].iter().all(|p| p.len() == 2)
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if ok {
        Ok(Some(v))
    } else {
        Err(ServeError::BadRequest(format!(
            "{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {v:?}"
        )))
    }
}

/// A page of events matching the filters, and how many match.
pub fn find_events(
    store: &dyn Storage,
    index: &herald_store::SearchIndex,
    p: &EventParams,
) -> Result<(Vec<EventSummary>, usize, usize, usize), ServeError> {
    let per_page = p.per_page.unwrap_or(25).clamp(1, MAX_PER_PAGE);
    let page = p.page.unwrap_or(1).max(1);
    let ids = match non_empty(&p.q) {
        Some(q) => {
            let hits = herald_store::search_articles(store, index, &q, 0, SEARCH_EVENTS_DEPTH)?;
            let mut ids: Vec<String> = Vec::new();
            for h in hits {
                if let Some(e) = h.event
                    && !ids.contains(&e)
                {
                    ids.push(e);
                }
            }
            Some(ids)
        }
        None => None,
    };
    let query = EventQuery {
        from: date_param("from", &p.from)?,
        to: date_param("to", &p.to)?,
        entity: non_empty(&p.entity),
        place: non_empty(&p.place),
        language: non_empty(&p.language),
        ids,
        offset: (page - 1).saturating_mul(per_page),
        limit: per_page,
    };
    let (events, total) = store.events(&query)?;
    Ok((events, total, page, per_page))
}

async fn events(
    State(state): State<Arc<AppState>>,
    Query(p): Query<EventParams>,
) -> Result<Json<Value>, ServeError> {
    let (events, total, page, per_page) =
        blocking(&state, move |s, i| find_events(s, i, &p)).await?;
    Ok(Json(json!({
        "events": events, "total": total, "page": page, "per_page": per_page,
    })))
}

async fn event(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ServeError> {
    let e = blocking(&state, move |s, _| {
        s.event(&id)?
            .ok_or_else(|| ServeError::NotFound(format!("no event {id}")))
    })
    .await?;
    Ok(Json(json!(e)))
}

async fn storylines(State(state): State<Arc<AppState>>) -> Result<Json<Value>, ServeError> {
    let lines = blocking(&state, |s, _| Ok(s.storylines()?)).await?;
    Ok(Json(json!({ "storylines": lines })))
}

/// A storyline and its events in date order.
pub fn storyline_with_events(
    store: &dyn Storage,
    id: &str,
) -> Result<(herald_model::Storyline, Vec<EventSummary>), ServeError> {
    let line = store
        .storyline(id)?
        .ok_or_else(|| ServeError::NotFound(format!("no storyline {id}")))?;
    let (mut events, _) = store.events(&EventQuery {
        ids: Some(line.events.clone()),
        limit: 1000,
        ..EventQuery::default()
    })?;
    events.reverse();
    Ok((line, events))
}

async fn storyline(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ServeError> {
    let (line, events) = blocking(&state, move |s, _| storyline_with_events(s, &id)).await?;
    Ok(Json(json!({
        "id": line.id, "title": line.title, "entities": line.entities, "events": events,
    })))
}

async fn article(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ServeError> {
    let a = blocking(&state, move |s, _| {
        s.article(&id)?
            .ok_or_else(|| ServeError::NotFound(format!("no article {id}")))
    })
    .await?;
    Ok(Json(json!(a)))
}

#[derive(Debug, Deserialize)]
struct SearchParams {
    q: Option<String>,
    page: Option<usize>,
    per_page: Option<usize>,
}

async fn search(
    State(state): State<Arc<AppState>>,
    Query(p): Query<SearchParams>,
) -> Result<Json<Value>, ServeError> {
    let Some(q) = non_empty(&p.q) else {
        return Err(ServeError::BadRequest("q is required".to_string()));
    };
    let per_page = p.per_page.unwrap_or(20).clamp(1, MAX_PER_PAGE);
    let page = p.page.unwrap_or(1).max(1);
    let query = q.clone();
    let hits = blocking(&state, move |s, i| {
        Ok(herald_store::search_articles(
            s,
            i,
            &query,
            (page - 1).saturating_mul(per_page),
            per_page,
        )?)
    })
    .await?;
    Ok(Json(
        json!({ "q": q, "page": page, "per_page": per_page, "hits": hits }),
    ))
}

async fn entity(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
) -> Result<Json<Value>, ServeError> {
    let (record, quotes) = blocking(&state, move |s, _| {
        let record = s
            .entity(&name)?
            .ok_or_else(|| ServeError::NotFound(format!("no entity named {name}")))?;
        let quotes = s.quotes(Some(&record.name), None, 100)?;
        Ok((record, quotes))
    })
    .await?;
    let mut v = json!(record);
    v["quotes"] = json!(quotes);
    Ok(Json(v))
}

#[derive(Debug, Deserialize)]
struct QuoteParams {
    speaker: Option<String>,
    q: Option<String>,
    limit: Option<usize>,
}

async fn quotes(
    State(state): State<Arc<AppState>>,
    Query(p): Query<QuoteParams>,
) -> Result<Json<Value>, ServeError> {
    let limit = p.limit.unwrap_or(50).clamp(1, 500);
    let quotes = blocking(&state, move |s, _| {
        Ok(s.quotes(
            non_empty(&p.speaker).as_deref(),
            non_empty(&p.q).as_deref(),
            limit,
        )?)
    })
    .await?;
    Ok(Json(json!({ "quotes": quotes })))
}
