//! The JSON API under `/api`, described by `assets/openapi.json` (served at
//! `/api/openapi.json`; a test checks that it names every route here and
//! nothing else).

use std::sync::Arc;

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{get, post};
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
    "/api/ingest",
];

/// Most events or hits on one page.
pub const MAX_PER_PAGE: usize = 100;
/// Articles a search looks at to find the events of a query: the best
/// 10,000 (each costs one stored-document read and one row lookup).
const SEARCH_EVENTS_DEPTH: usize = 10_000;

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
        // The handler reads the body itself, within the limit, once the
        // token is checked.
        .route(API_ROUTES[9], post(ingest))
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
    if let Some(q) = non_empty(&p.q) {
        crate::check_words(&q)?;
    }
    let ids = match non_empty(&p.q) {
        Some(q) => Some(herald_store::events_matching(
            store,
            index,
            &q,
            SEARCH_EVENTS_DEPTH,
        )?),
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
    crate::check_words(&q)?;
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

#[derive(Debug, Deserialize)]
pub struct IngestParams {
    /// The upload's name, for its articles' source and its errors.
    name: Option<String>,
}

/// Whether two tokens are equal, in time that does not depend on where
/// they differ.
pub fn same_token(given: &[u8], expected: &[u8]) -> bool {
    given.len() == expected.len()
        && given
            .iter()
            .zip(expected)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

async fn ingest(
    State(state): State<Arc<AppState>>,
    Query(p): Query<IngestParams>,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Result<Json<Value>, ServeError> {
    let Some(access) = &state.ingest else {
        return Err(ServeError::Forbidden(
            "ingest through the API is off: start `herald serve --allow-ingest` \
             with HERALD_INGEST_TOKEN set"
                .to_string(),
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|g| same_token(g.trim().as_bytes(), access.token.as_bytes())) {
        return Err(ServeError::Unauthorized(
            "POST /api/ingest needs the operator's token: Authorization: Bearer TOKEN".to_string(),
        ));
    }
    let limit = access.max_bytes;
    let body = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| ServeError::TooLarge(format!("an upload is at most {limit} bytes")))?;
    if body.is_empty() {
        return Err(ServeError::BadRequest("the upload is empty".to_string()));
    }
    let name: String = p
        .name
        .as_deref()
        .unwrap_or("upload")
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let ingester = Arc::clone(&access.ingester);
    let _writer = state.writer.lock().await;
    let result = tokio::task::spawn_blocking(move || ingester.ingest(&name, body.to_vec()))
        .await
        .map_err(|e| ServeError::Internal(e.to_string()))?;
    match result {
        Ok(summary) => {
            // What the upload committed is searchable from the next request.
            state.index.reload()?;
            Ok(Json(summary))
        }
        Err(crate::IngestError::Busy(m)) => Err(ServeError::Busy(m)),
        Err(crate::IngestError::Failed(m)) => Err(ServeError::Internal(m)),
    }
}
