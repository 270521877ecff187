//! Widget tokens fetched from a token route: a widget whose `authToken`
//! is a function or hook (`authToken={fetchWidgetsToken}`,
//! `authToken={useWidgetToken()}`, local or imported) whose body fetches
//! one literal URL (`fetch('/api/workos/widgets-token')`, also inside a
//! `useQuery`'s `queryFn`) gets the token of the Next.js route handler
//! serving that URL (`app/**/route.*`, `pages/api/**`).

use std::path::{Component, Path};

use workos_widgets_core::facts::render::Export;

use super::{WidgetElement, local_file};
use crate::facts::{Facts, JsxKind, SourceFile};

/// The URL path a Next.js route handler serves: `app/api/x/route.ts` (route
/// groups left out) and `pages/api/x.ts` serve `/api/x`. `None` for a
/// dynamic segment, a parallel or private folder, or another file.
pub(super) fn route_url(file: &SourceFile) -> Option<String> {
    if !file.next_route {
        return None;
    }
    let path = file.path.strip_prefix("src").unwrap_or(&file.path);
    let mut parts: Vec<String> = path
        .components()
        .map(|c| match c {
            Component::Normal(s) => s.to_str().map(str::to_owned),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let last = parts.pop()?;
    let stem = Path::new(&last).file_stem()?.to_str()?.to_owned();
    let segments: Vec<String> = match parts.first().map(String::as_str) {
        Some("app") if stem == "route" => parts[1..]
            .iter()
            .filter(|s| !(s.starts_with('(') && s.ends_with(')')))
            .cloned()
            .collect(),
        Some("pages") if parts.get(1).map(String::as_str) == Some("api") => {
            let mut segments = parts[1..].to_vec();
            if stem != "index" {
                segments.push(stem);
            }
            segments
        }
        _ => return None,
    };
    if segments
        .iter()
        .any(|s| s.starts_with(['[', '@', '_']) || s.is_empty())
    {
        return None;
    }
    Some(format!("/{}", segments.join("/")))
}

/// The URL a widget element's token is fetched from: its `authToken` is
/// `F` or `F()` for a function of its module, or one it imports from a
/// parsed local module, whose body fetches one literal URL (and nothing
/// else). The URL without its query and trailing slash.
pub(super) fn fetched_url(
    facts: &Facts,
    file: &SourceFile,
    element: &crate::facts::JsxFact,
) -> Option<String> {
    let value = element.attribute("authToken")?.value_text.trim();
    let name = value.strip_suffix("()").unwrap_or(value);
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
    {
        return None;
    }
    let (home, local) = match file.import_of(name) {
        Some((import, imported)) => {
            let home = local_file(facts, file, &import.source)?;
            let local = home.render.exports.iter().find_map(|export| match export {
                Export::Local { exported, local } if exported == imported => Some(local.clone()),
                _ => None,
            })?;
            (home, local)
        }
        None => (file, name.to_owned()),
    };
    let definitions = &home.render.definitions;
    let mut named = definitions
        .iter()
        .enumerate()
        .filter(|(_, d)| d.name == local);
    let (index, _) = named.next()?;
    if named.next().is_some() {
        return None;
    }
    let within = |mut owner: Option<usize>| {
        while let Some(at) = owner {
            if at == index {
                return true;
            }
            owner = definitions.get(at).and_then(|d| d.parent);
        }
        false
    };
    let mut urls = home.render.fetches.iter().filter(|f| within(f.owner));
    let first = urls.next()?.url.clone()?;
    if urls.any(|f| f.url.as_deref() != Some(first.as_str())) {
        return None;
    }
    let path = first.split(['?', '#']).next().unwrap_or_default();
    let path = path
        .strip_suffix('/')
        .filter(|p| !p.is_empty())
        .unwrap_or(path);
    path.starts_with('/').then(|| path.to_owned())
}

/// The widgets that fetch their token from the route handler `route`,
/// when every widget of the app that `covered` leaves out fetches its
/// token from a route handler of the app (so none may get this one's in
/// another way). `None` otherwise.
pub(super) fn route_reach<'f>(
    facts: &'f Facts,
    route: &SourceFile,
    covered: &dyn Fn(&WidgetElement<'f>) -> bool,
) -> Option<Vec<WidgetElement<'f>>> {
    let url = route_url(route)?;
    let routes: Vec<String> = facts.token_modules().filter_map(route_url).collect();
    let mut reached = Vec::new();
    for file in &facts.files {
        for element in &file.jsx {
            let JsxKind::Widget(widget) = element.kind else {
                continue;
            };
            let found = (file, element, widget);
            if covered(&found) {
                continue;
            }
            let fetched = fetched_url(facts, file, element).filter(|u| routes.contains(u))?;
            if fetched == url {
                reached.push(found);
            }
        }
    }
    Some(reached)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(path: &str) -> Option<String> {
        let mut file = SourceFile::new(path.into(), String::new());
        file.next_route = true;
        route_url(&file)
    }

    #[test]
    fn reads_the_url_a_route_handler_serves() {
        assert_eq!(
            url("app/api/workos/widgets-token/route.ts").as_deref(),
            Some("/api/workos/widgets-token")
        );
        assert_eq!(
            url("src/app/(admin)/api/token/route.js").as_deref(),
            Some("/api/token")
        );
        assert_eq!(url("pages/api/token.ts").as_deref(), Some("/api/token"));
        assert_eq!(
            url("pages/api/token/index.ts").as_deref(),
            Some("/api/token")
        );
        assert_eq!(url("app/api/[org]/token/route.ts"), None);
        assert_eq!(url("app/api/token/page.tsx"), None);
    }
}
