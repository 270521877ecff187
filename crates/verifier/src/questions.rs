//! Questions several checks ask of the facts (and `--build` and
//! `--online`, which the checks registry lists: so they live outside
//! `checks/`, and dependencies point one way).

mod context;
mod routes;

use std::collections::HashSet;
use std::path::Path;

use semver::Version;
use workos_widgets_core::catalog::{self, SDK_PACKAGE, ScopeNeed, Variant, Widget};
use workos_widgets_core::detect;
use workos_widgets_core::framework;
use workos_widgets_core::specifier;

use crate::facts::{Facts, ImportFact, JsxFact, JsxKind, RenderCall, SourceFile, TokenCall};
use crate::finding::Location;
use crate::npm_range;
use crate::scan::STYLESHEETS;

/// The file that renders the app root: the Next.js layout or `_app`, the
/// root module of React Router, Remix and TanStack Start, else the entry
/// module (`src/main.*`).
pub fn app_root_file(facts: &Facts) -> Option<&Path> {
    facts.project.profile().app_root(&facts.project.entries)
}

/// The widgets rendered anywhere, in catalog order.
pub fn rendered_widgets(facts: &Facts) -> Vec<&'static Widget> {
    catalog::WIDGETS
        .iter()
        .filter(|w| facts.widget_elements().any(|(_, _, used)| used.id == w.id))
        .collect()
}

/// What the rendered widgets need in their token: `<ApiKeys scope="user">`
/// one of the user API key scopes, the others their catalog scope.
pub fn required_scopes(facts: &Facts) -> Vec<ScopeNeed> {
    scopes_of(facts.widget_elements())
}

/// A widget element with its file.
pub type WidgetElement<'f> = (&'f SourceFile, &'f JsxFact, &'static Widget);

fn scopes_of<'f>(elements: impl IntoIterator<Item = WidgetElement<'f>>) -> Vec<ScopeNeed> {
    let mut scopes: Vec<ScopeNeed> = elements
        .into_iter()
        .filter_map(|(_, element, widget)| widget.need(variant(element)))
        .collect();
    scopes.sort();
    scopes.dedup();
    scopes
}

/// The widget elements `file` renders, itself and through the local
/// components it renders (transitively, through parsed local files).
pub fn reached_widgets<'f>(facts: &'f Facts, file: &'f SourceFile) -> Vec<WidgetElement<'f>> {
    let mut seen: HashSet<&Path> = HashSet::new();
    let mut stack = vec![file];
    let mut found = Vec::new();
    while let Some(current) = stack.pop() {
        if !seen.insert(current.path.as_path()) {
            continue;
        }
        for element in &current.jsx {
            match element.kind {
                JsxKind::Widget(widget) => found.push((current, element, widget)),
                JsxKind::Local => {
                    if let Some(next) = element
                        .import_source
                        .as_deref()
                        .and_then(|source| local_file(facts, current, source))
                    {
                        stack.push(next);
                    }
                }
                _ => {}
            }
        }
    }
    found
}

/// The widgets a page-local token reaches: a token module that renders
/// JSX reaching at least one widget. `None` for a token endpoint (a module
/// that renders nothing, or nothing that reaches a widget, e.g. a layout
/// that hands the token down through a context).
fn page_token_reach<'f>(facts: &'f Facts, file: &'f SourceFile) -> Option<Vec<WidgetElement<'f>>> {
    if file.jsx.is_empty() {
        return None;
    }
    let reached = reached_widgets(facts, file);
    (!reached.is_empty()).then_some(reached)
}

/// Whether `token_file` mints a page-local token (see [`page_token_reach`]).
pub fn is_page_token(facts: &Facts, token_file: &SourceFile) -> bool {
    page_token_reach(facts, token_file).is_some()
}

/// The scopes the tokens minted in `token_file` need. A page-local token
/// (see [`page_token_reach`]) needs the scopes of the widgets it reaches; a
/// token endpoint needs those of every widget no page-local token reaches
/// and no token followed by name reaches (see [`call_reach`]: through
/// props or a React context).
pub fn required_scopes_for(facts: &Facts, token_file: &SourceFile) -> Vec<ScopeNeed> {
    if let Some(reached) = page_token_reach(facts, token_file) {
        return scopes_of(reached);
    }
    let covered = covered(facts);
    scopes_of(
        facts.widget_elements().filter(|(file, element, _)| {
            !covered.contains(&(file.path.as_path(), element.span.start))
        }),
    )
}

/// The widget elements (file, start) that a page-local token or a token
/// followed by name (see [`call_reach`]) reaches.
fn covered(facts: &Facts) -> HashSet<(&Path, usize)> {
    let by_call = facts.token_modules().flat_map(|file| {
        file.token_calls
            .iter()
            .filter_map(move |call| call_reach(facts, file, call))
            .flatten()
    });
    facts
        .token_modules()
        .filter_map(|file| page_token_reach(facts, file))
        .flatten()
        .chain(by_call)
        .map(|(file, element, _)| (file.path.as_path(), element.span.start))
        .collect()
}

/// The scopes the token of one `call` in `token_file` needs when the file
/// binds it to a variable and hands that variable on in JSX (see
/// [`call_reach`]), or when the file is a Next.js token route whose URL
/// the widgets it serves fetch by name while every other widget is
/// accounted for (by a page-local token, a token followed by name, or a
/// fetch of another token route: see [`routes`]). Two tokens of one file,
/// or two token routes, are then judged apart. `None` otherwise: its
/// file's scopes apply ([`required_scopes_for`]).
pub fn required_scopes_for_call(
    facts: &Facts,
    token_file: &SourceFile,
    call: &TokenCall,
) -> Option<Vec<ScopeNeed>> {
    if let Some(reached) = call_reach(facts, token_file, call) {
        return Some(scopes_of(reached));
    }
    if page_token_reach(facts, token_file).is_some() {
        return None;
    }
    // A token route: the widgets that fetch their token from its URL,
    // when every other widget is accounted for.
    let covered = covered(facts);
    routes::route_reach(facts, token_file, &|(file, element, _)| {
        covered.contains(&(file.path.as_path(), element.span.start))
    })
    .map(scopes_of)
}

/// The widgets the token of one `call` in `token_file` reaches when the
/// file binds it to a variable and hands that variable on in JSX: the
/// widgets given it (`authToken={token}`), those rendered by the local
/// components given it (`<TeamPanel token={token} />`), and those that
/// read a React context it is provided to (`<TokenCtx.Provider
/// value={token}>`, directly or through a local provider component given
/// the token as a prop: see [`context`]). `None` when the token is not
/// handed on by name, or reaches what cannot be followed.
fn call_reach<'f>(
    facts: &'f Facts,
    token_file: &'f SourceFile,
    call: &TokenCall,
) -> Option<Vec<WidgetElement<'f>>> {
    let binding = token_file
        .render
        .token_bindings
        .iter()
        .find(|b| b.method_start == call.span.start)?;
    let mut reached = Vec::new();
    let mut handed_on = false;
    for element in &token_file.jsx {
        let given = element
            .attributes
            .iter()
            .any(|a| mentions_word(&a.value_text, &binding.local));
        if !given {
            continue;
        }
        handed_on = true;
        match context::provided(facts, token_file, element, &binding.local) {
            context::Provided::Reached(widgets) => {
                reached.extend(widgets);
                continue;
            }
            context::Provided::Unknown => return None,
            context::Provided::NoProvider => {}
        }
        match element.kind {
            JsxKind::Widget(widget) => reached.push((token_file, element, widget)),
            JsxKind::Local => {
                let next = element
                    .import_source
                    .as_deref()
                    .and_then(|source| local_file(facts, token_file, source))?;
                reached.extend(reached_widgets(facts, next));
            }
            _ => return None,
        }
    }
    handed_on.then_some(reached)
}

/// Whether `text` holds `word` as a whole identifier.
fn mentions_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    text.match_indices(word).any(|(at, _)| {
        !text[..at].chars().next_back().is_some_and(is_ident)
            && !text[at + word.len()..].chars().next().is_some_and(is_ident)
    })
}

/// The element's `scope` prop (`<ApiKeys scope="user">`).
fn variant(element: &JsxFact) -> Variant {
    let Some(attribute) = element.attribute("scope") else {
        return Variant::Organization;
    };
    let text = attribute.value_text.trim();
    let literal = text
        .strip_prefix(['"', '\'', '`'])
        .and_then(|t| t.strip_suffix(['"', '\'', '`']));
    match literal {
        Some("user") => Variant::User,
        Some("organization") => Variant::Organization,
        _ => Variant::Unknown,
    }
}

/// The `@workos-inc/node` version: installed, else the lowest the declared
/// range allows.
pub fn sdk_version(facts: &Facts) -> Option<Version> {
    let package = facts.project.package(SDK_PACKAGE)?;
    package
        .installed
        .as_deref()
        .and_then(|v| Version::parse(v).ok())
        .or_else(|| package.declared.as_deref().and_then(npm_range::minimum))
}

/// The `@workos-inc/node` the token calls of `file` run on. A file that
/// takes its client from an AuthKit SDK's `getWorkOS()` (and imports no
/// `@workos-inc/node` of its own) runs on the copy that SDK loads: React
/// Router's and Remix's AuthKit depend on 7.x whatever the app declares.
/// `None` when that copy is not installed (nothing proven). Otherwise the
/// app's own, see [`sdk_version`]. The second value names the AuthKit SDK.
pub fn sdk_version_in<'f>(
    facts: &Facts,
    file: &'f SourceFile,
) -> Option<(Version, Option<&'f str>)> {
    let values = || file.imports.iter().filter(|i| !i.type_only);
    let authkit = values().find(|i| {
        framework::authkit_client_sdks().contains(&i.path())
            && i.bindings.iter().any(|b| b.imported == "getWorkOS")
    });
    match authkit {
        Some(import) if !values().any(|i| i.path() == SDK_PACKAGE) => {
            detect::installed::Lookup::new(&facts.project.root)
                .version_from(import.path(), SDK_PACKAGE)
                .and_then(|v| Version::parse(&v).ok())
                .map(|v| (v, Some(import.path())))
        }
        _ => sdk_version(facts).map(|v| (v, None)),
    }
}

/// Where `"name"` appears in package.json, else its start.
pub fn package_location(facts: &Facts, name: &str) -> Location {
    Location::find(
        "package.json",
        &facts.project.package_json.text,
        &format!("\"{name}\""),
    )
}

/// Elements that only pass the tree through (a `WorkOsWidgets` below them
/// still wraps everything).
fn is_pass_through(name: &str) -> bool {
    matches!(
        name,
        "StrictMode" | "React.StrictMode" | "Fragment" | "React.Fragment" | "html" | "body"
    ) || name.ends_with("Provider")
        || name.ends_with("Router")
        || name == "Theme"
}

/// Whether the app root wraps the whole rendered tree in `WorkOsWidgets`
/// (see [`app_wrapped`]), or a layout route wraps its `<Outlet />` in it
/// (React Router route objects, TanStack Router's `__root`): the child
/// routes render inside it.
pub fn root_wrapped(facts: &Facts) -> bool {
    layout_route_wrapped(facts) || app_wrapped(facts)
}

/// The layout routes that wrap their `<Outlet />` in `WorkOsWidgets`.
pub fn wrapping_layouts(facts: &Facts) -> impl Iterator<Item = &SourceFile> {
    facts
        .files
        .iter()
        .filter(|file| file.roots().any(|root| root.wraps_outlet))
}

/// Whether some layout route wraps its `<Outlet />` in `WorkOsWidgets`.
pub fn layout_route_wrapped(facts: &Facts) -> bool {
    wrapping_layouts(facts).next().is_some()
}

/// Whether the app root wraps the whole rendered tree in `WorkOsWidgets`,
/// directly or through a local wrapper component (`<Providers>`) whose
/// file wraps its `{children}`.
pub fn app_wrapped(facts: &Facts) -> bool {
    // Detection follows provider and layout components from the entry files
    // (as far as imports go) to a `<WorkOsWidgets>` around their children.
    let around_children = facts
        .project
        .providers
        .workos_widgets
        .as_ref()
        .is_some_and(|root| root.wraps_slot);
    around_children
        || facts
            .root_files()
            .any(|file| file.jsx.iter().any(|e| wraps_app(facts, file, e)))
}

/// Whether `element` of the root file `file` wraps the tree it is in in
/// `WorkOsWidgets`: it is the root (around `{children}`, or below
/// pass-through elements only), or a local wrapper component whose file
/// renders the root around its `{children}`.
fn wraps_app(facts: &Facts, file: &SourceFile, element: &JsxFact) -> bool {
    match element.kind {
        JsxKind::Root => wraps_tree(file, element),
        JsxKind::Local if element.has_children => element
            .import_source
            .as_deref()
            .and_then(|source| local_file(facts, file, source))
            .is_some_and(|wrapper| {
                wrapper
                    .roots()
                    .any(|root| root.has_children && root.wraps_children)
            }),
        _ => false,
    }
}

/// The `render(...)` calls of an app root file whose tree has no
/// `WorkOsWidgets` while another `render(...)` call of the same file wraps
/// its tree in one (an entry that renders in a development and a
/// production branch, say), and nothing else wraps the app (a root file
/// such as `App` or a layout route). When such a branch runs, every widget
/// crashes.
pub fn unwrapped_renders(facts: &Facts) -> Vec<(&SourceFile, &RenderCall)> {
    let mut found = Vec::new();
    if layout_route_wrapped(facts) {
        return found;
    }
    for file in facts.root_files() {
        if file.render_calls.len() < 2 {
            continue;
        }
        let wrapped = |render: &RenderCall| {
            file.jsx
                .get(render.jsx.clone())
                .is_some_and(|tree| tree.iter().any(|e| wraps_app(facts, file, e)))
        };
        let (covered, bare): (Vec<&RenderCall>, Vec<&RenderCall>) =
            file.render_calls.iter().partition(|r| wrapped(r));
        if covered.is_empty() || bare.is_empty() {
            continue;
        }
        let elsewhere = facts
            .root_files()
            .filter(|other| other.path != file.path)
            .any(|other| other.jsx.iter().any(|e| wraps_app(facts, other, e)));
        if !elsewhere {
            found.extend(bare.into_iter().map(|render| (file, render)));
        }
    }
    found
}

fn wraps_tree(file: &SourceFile, root: &JsxFact) -> bool {
    root.has_children
        && (root.wraps_children
            || root
                .ancestors
                .iter()
                .all(|&i| is_pass_through(&file.jsx[i].name)))
}

/// Whether a widget element has a `WorkOsWidgets` ancestor in its own file.
pub fn has_root_ancestor(file: &SourceFile, element: &JsxFact) -> bool {
    element
        .ancestors
        .iter()
        .any(|&i| file.jsx[i].kind == JsxKind::Root)
}

/// The parsed file a local import of `file` refers to.
pub fn local_file<'f>(facts: &'f Facts, file: &SourceFile, source: &str) -> Option<&'f SourceFile> {
    let project = &facts.project;
    let path = specifier::resolve_module(&project.root, &file.path, source, &project.module_paths)?;
    facts.file(&path)
}

/// Token modules and the local modules they import (their session
/// resolver, for instance).
pub fn token_module_family(facts: &Facts) -> Vec<&SourceFile> {
    let mut family: Vec<&SourceFile> = Vec::new();
    for module in facts.token_modules() {
        family.push(module);
        for import in &module.imports {
            if let Some(dep) = local_file(facts, module, &import.source) {
                family.push(dep);
            }
        }
    }
    family.sort_by(|a, b| a.path.cmp(&b.path));
    family.dedup_by(|a, b| a.path == b.path);
    family
}

/// Whether widgets can get tokens from AuthKit (`getAccessToken`,
/// `withAuth()`): some file imports an AuthKit package.
pub fn uses_authkit(facts: &Facts) -> bool {
    facts.files.iter().any(|f| {
        [
            "@workos-inc/authkit-react",
            "@workos-inc/authkit-js",
            "@workos-inc/authkit-nextjs",
            "@workos-inc/authkit-react-router",
            "@workos-inc/authkit-remix",
            "@workos/authkit-tanstack-react-start",
        ]
        .iter()
        .any(|p| f.imports_package(p))
    })
}

/// One use of a widget stylesheet in a module.
#[derive(Debug, Clone, Copy)]
pub struct StylesheetUse<'f> {
    /// One of [`STYLESHEETS`].
    pub sheet: &'static str,
    pub import: &'f ImportFact,
    /// For `import x from '...styles.css?url'`: where the URL is linked
    /// (in the `links` export, or a `<link href={x}>`); `None` for a plain
    /// `import '...styles.css'`.
    pub linked_at: Option<usize>,
}

/// The widget stylesheets `file` applies, in its order: plain imports
/// (`import '@radix-ui/themes/styles.css'`) in import order, and `?url`
/// imports whose URL is linked (`export const links = () => [{ rel:
/// 'stylesheet', href: radix }]`, React Router / Remix, or
/// `<link rel="stylesheet" href={radix} />`) in link order. A `?url`
/// import that is never linked applies nothing and is left out.
pub fn stylesheet_uses(file: &SourceFile) -> Vec<StylesheetUse<'_>> {
    let mut uses = Vec::new();
    for import in file.imports.iter().filter(|i| !i.type_only) {
        let path = import.path();
        let Some(sheet) = STYLESHEETS
            .into_iter()
            .find(|s| path.strip_prefix('~').unwrap_or(path) == *s)
        else {
            continue;
        };
        match import.query() {
            None => uses.push(StylesheetUse {
                sheet,
                import,
                linked_at: None,
            }),
            Some("url") => {
                let Some(local) = import
                    .bindings
                    .iter()
                    .find(|b| b.imported == "default")
                    .map(|b| b.local.as_str())
                else {
                    continue;
                };
                if let Some(at) = link_position(file, local) {
                    uses.push(StylesheetUse {
                        sheet,
                        import,
                        linked_at: Some(at),
                    });
                }
            }
            Some(_) => {}
        }
    }
    uses
}

/// Where the URL bound to `local` is linked in `file`: its first use as a
/// word in a links list, else a `<link href={local}>`.
fn link_position(file: &SourceFile, local: &str) -> Option<usize> {
    let in_links = file.link_lists.iter().find_map(|span| {
        let text = file.text.get(span.start..span.end)?;
        text.match_indices(local)
            .find(|(at, _)| {
                let word = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
                !text[..*at].chars().next_back().is_some_and(word)
                    && !text[at + local.len()..].chars().next().is_some_and(word)
            })
            .map(|(at, _)| span.start + at)
    });
    in_links.or_else(|| {
        file.jsx
            .iter()
            .find(|e| {
                e.name == "link"
                    && e.attribute("href")
                        .is_some_and(|a| a.value_text.trim() == local)
            })
            .map(|e| e.span.start)
    })
}

/// A path for messages.
pub fn shown(path: &Path) -> String {
    crate::finding::display_path(path)
}
