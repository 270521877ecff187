//! Providers already rendered around the app: `QueryClientProvider` (and
//! its `client`), Radix `Theme`, `WorkOsWidgets`, plus where the widget
//! stylesheets are imported. The entry files (`main`, `App`, the Next.js
//! root) are read whole; from there local imports are followed as far as
//! they go (bounded), and in those files only the elements that wrap what
//! the component is given count: an ancestor of `{children}`, of a router's
//! `<Outlet />` (a layout route) or of `_app`'s `<Component />`. So a
//! `QueryClientProvider` in `layout -> providers -> query-provider` is found,
//! and one around a single page is not.
//!
//! Where no `QueryClientProvider` element is found, the app's client may
//! still be in reach (see [`QueryClientHolder`]): a provider taking it as a
//! prop (tRPC's `api.Provider queryClient={...}`), a provider component of
//! a workspace package that renders a `QueryClientProvider` around what it
//! is given, or TanStack Router's root route context and query integration.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use oxc_allocator::Allocator;

mod reach;
mod sheets;

use reach::{around_app, read_modules};
use sheets::{is_style_file, stylesheet, url_linked};

use crate::ProjectError;
use crate::catalog::ROOT_COMPONENT;
use crate::css::CssTarget;
use crate::detect::workspace_packages::WorkspacePackage;
use crate::facts::{self, JsxFact, JsxKind, SourceFile, ValueKind};
use crate::graph::{RenderGraph, Roots, third_party_packages};
use crate::project::{
    ClientAccess, Entries, ProviderUse, Providers, QueryClientHolder, RouteConvention, RoutesInfo,
    SheetVia, StylesheetImport,
};
use crate::specifier::{self, ModulePaths, PathAlias};
use crate::{js, links};

/// What provider detection reads.
pub struct Inputs<'a> {
    pub root: &'a Path,
    pub entries: &'a Entries,
    /// The tsconfig alias (for stylesheet imports).
    pub alias: Option<&'a PathAlias>,
    /// Every module path (for the modules the entry files import).
    pub paths: &'a ModulePaths,
    pub routes: Option<&'a RoutesInfo>,
    /// The workspace packages the app depends on (their components are
    /// followed too; their provider components may hold the app's client).
    pub packages: &'a [WorkspacePackage],
    /// The app's package.json.
    pub manifest: &'a serde_json::Value,
}

/// Scans the entry files, and the modules they import, for providers.
/// Which elements count is the render graph's answer ([`around_app`]):
/// every element of an entry file, and in the components those render, the
/// elements around what the component is given. An entry file that does
/// not parse, or that a link leads out of the project, is an error: every
/// command needs these files readable. A followed module that cannot be
/// read or parsed is skipped; one behind a link out of the project is
/// skipped and returned.
pub fn detect(inputs: &Inputs<'_>) -> Result<(Providers, Vec<PathBuf>), ProjectError> {
    let read = read_modules(inputs)?;
    let mut files = read.files;
    // BFS order (the order stylesheets are recorded in) before sorting.
    let order: Vec<PathBuf> = files.iter().map(|f| f.path.clone()).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    facts::barrels::resolve(inputs.root, inputs.paths, &mut files);
    let roots = Roots {
        third_party: third_party_packages(inputs.root, inputs.manifest),
        ..Roots::default()
    };
    let graph = RenderGraph::build(&files, inputs.root, inputs.paths, inputs.packages, &roots);
    let index_of = |path: &Path| files.binary_search_by(|f| f.path.as_path().cmp(path)).ok();
    let entry_files: Vec<usize> = read
        .entry_files
        .iter()
        .filter_map(|p| index_of(p))
        .collect();
    let counted = around_app(&graph, &files, &entry_files);
    let mut walk = Walk {
        root: inputs.root,
        alias: inputs.alias,
        packages: inputs.packages,
        app: inputs.entries.app.as_deref(),
        providers: Providers::default(),
        package_providers: HashMap::new(),
        stylesheets_read: HashSet::new(),
    };
    for path in &order {
        let Some(at) = index_of(path) else { continue };
        let entry = entry_files.contains(&at);
        walk.visit(&files[at], entry, |element| {
            counted.contains(&(at, element))
        });
    }
    let mut providers = walk.providers;
    if providers.query_client_provider.is_none() && providers.query_client.is_none() {
        providers.query_client = read
            .route_context
            .or_else(|| router_integration(inputs.root, inputs.routes));
    }
    Ok((providers, read.links_outside))
}

/// A holder at `offset` of `file`.
fn holder(file: &Path, text: &str, offset: usize, access: ClientAccess) -> QueryClientHolder {
    let (line, column) = js::line_col(text, offset);
    QueryClientHolder {
        file: file.to_path_buf(),
        line,
        column,
        access,
    }
}

/// TanStack Router's query integration in the app's router file
/// (`src/router.tsx`).
fn router_integration(root: &Path, routes: Option<&RoutesInfo>) -> Option<QueryClientHolder> {
    let routes = routes.filter(|r| r.convention == RouteConvention::TanstackFiles)?;
    ["tsx", "ts", "jsx", "js"].iter().find_map(|ext| {
        let relative = routes.app_dir.join(format!("router.{ext}"));
        let path = root.join(&relative);
        let text = links::read_inside(root, &path).ok()?;
        let allocator = Allocator::default();
        let program = js::parse(&allocator, &path, &text).ok()?;
        let at = super::router_context::query_integration(&program)?;
        Some(holder(
            &relative,
            &text,
            at,
            ClientAccess::RouterIntegration,
        ))
    })
}

struct Walk<'w> {
    root: &'w Path,
    alias: Option<&'w PathAlias>,
    /// The workspace packages the app depends on (their provider
    /// components may hold the app's client).
    packages: &'w [WorkspacePackage],
    /// The app component's file (`src/App.*`).
    app: Option<&'w Path>,
    providers: Providers,
    /// Whether a package's component provides a query client, by (module,
    /// export): each is read once.
    package_providers: HashMap<(String, String), bool>,
    /// The local stylesheets read for `@import`s.
    stylesheets_read: HashSet<PathBuf>,
}

impl Walk<'_> {
    /// Records the providers among the elements of `file` that `counts`
    /// (see [`around_app`]) and the stylesheets it imports.
    fn visit(&mut self, file: &SourceFile, entry: bool, counts: impl Fn(usize) -> bool) {
        let relative = file.path.as_path();
        let bindings = &file.render.definitions;
        for (index, element) in file.jsx.iter().enumerate() {
            if !counts(index) {
                continue;
            }
            // It wraps what the component is given: `{children}`, a
            // router's `<Outlet />`, `_app`'s `<Component />`.
            let wraps_slot = element.wraps_children;
            let kind = provider_kind(file, element, &|name| {
                bindings.iter().any(|d| d.name == name) || file.import_of(name).is_some()
            });
            let ordinal = file.jsx[..index]
                .iter()
                .filter(|e| e.name == element.name)
                .count();
            let partial = wraps_slot && !crate::graph::wraps_every_slot(file, index);
            record(
                &mut self.providers,
                file,
                element,
                kind,
                (wraps_slot, partial),
                ordinal,
            );
            // A holder of the client counts where it is around the whole
            // app: around what its component is given, in a `render(...)`
            // tree, or as the outermost element of the app component.
            let around_app = wraps_slot
                || file
                    .render_calls
                    .iter()
                    .any(|call| call.jsx.contains(&index))
                || (entry
                    && element.ancestors.iter().next().is_none()
                    && self.app == Some(relative)
                    && renders_in_app_component(file, index));
            if kind.is_none() && around_app && self.providers.query_client.is_none() {
                self.providers.query_client = self.client_holder(file, element, ordinal);
            }
        }
        for import in &file.imports {
            if let Some(sheet) = stylesheet(import.path()) {
                let via = match import.query() {
                    None => SheetVia::Import,
                    // A `?url` import applies only where its URL is linked.
                    Some("url") => match url_linked(file, import) {
                        Some(via) => via,
                        None => continue,
                    },
                    Some(_) => continue,
                };
                let (line, _) = file.line_col(import.span.start);
                self.providers.stylesheets.push(StylesheetImport {
                    sheet: sheet.to_owned(),
                    file: relative.to_path_buf(),
                    line,
                    via,
                });
            } else if is_style_file(import.path())
                && let Some(css) = self.resolve_css(relative, import.path())
            {
                self.css_imports(css);
            }
        }
    }

    /// The app's client as `element` holds it: a `queryClient` prop (tRPC's
    /// provider), or a workspace package's provider component that renders
    /// a `QueryClientProvider` around its children.
    fn client_holder(
        &mut self,
        file: &SourceFile,
        element: &JsxFact,
        ordinal: usize,
    ) -> Option<QueryClientHolder> {
        if let Some(prop) = element
            .attribute("queryClient")
            .filter(|a| a.value != ValueKind::Bool && !a.value_text.is_empty())
        {
            return Some(holder(
                &file.path,
                &file.text,
                element.element.start,
                ClientAccess::Prop {
                    element: element.name.clone(),
                    ordinal,
                    client: prop.value_text.clone(),
                },
            ));
        }
        let (import, imported) = file.import_of(&element.name)?;
        if specifier::is_local(&import.source) {
            return None;
        }
        let key = (import.source.clone(), imported.to_owned());
        let packages = self.packages;
        let provides = *self.package_providers.entry(key).or_insert_with(|| {
            super::package_provider::provides_query_client(packages, &import.source, imported)
        });
        if !provides {
            return None;
        }
        Some(holder(
            &file.path,
            &file.text,
            element.element.start,
            ClientAccess::PackageProvider {
                element: element.name.clone(),
                ordinal,
                package: import.source.clone(),
            },
        ))
    }

    /// The project path of the local stylesheet `source` imported from
    /// `from`: relative, through the path alias, or `@/`/`~/` for the root
    /// or `src/` (the first that exists).
    fn resolve_css(&self, from: &Path, source: &str) -> Option<PathBuf> {
        let candidates: Vec<PathBuf> = if source.starts_with('.') {
            vec![from.parent().unwrap_or(Path::new("")).join(source)]
        } else if let Some(rest) = self
            .alias
            .and_then(|alias| Some(alias.dir.join(source.strip_prefix(&alias.prefix)?)))
        {
            vec![rest]
        } else if let Some(rest) = source
            .strip_prefix("@/")
            .or_else(|| source.strip_prefix("~/"))
        {
            vec![PathBuf::from(rest), Path::new("src").join(rest)]
        } else {
            return None;
        };
        candidates
            .iter()
            .filter_map(|c| specifier::normalize(c))
            .find(|c| self.root.join(c).is_file())
    }

    /// The widget stylesheets a local stylesheet `@import`s, itself or
    /// through the local stylesheets it imports (read as `verify` reads
    /// them: [`crate::css::at_imports`]).
    fn css_imports(&mut self, css: PathBuf) {
        let mut pending = vec![css];
        while let Some(css) = pending.pop() {
            // A stylesheet several modules import is read (and recorded) once.
            if !self.stylesheets_read.insert(css.clone()) {
                continue;
            }
            let Ok(text) = links::read_inside(self.root, &css) else {
                continue;
            };
            for at in crate::css::at_imports(&text) {
                match at.target {
                    CssTarget::Sheet(sheet) => self.providers.stylesheets.push(StylesheetImport {
                        sheet: sheet.to_owned(),
                        file: css.clone(),
                        line: at.line,
                        via: SheetVia::CssImport,
                    }),
                    CssTarget::Local(source) => {
                        if let Some(next) = self.resolve_css(&css, &source) {
                            pending.push(next);
                        }
                    }
                }
            }
        }
    }
}

/// Whether the element `index` of the app file belongs to the component
/// the file exports as the app (`export default`, or `App`).
fn renders_in_app_component(file: &SourceFile, index: usize) -> bool {
    use crate::facts::render::Export;
    let render = &file.render;
    let Some(owner) = render
        .elements
        .get(index)
        .and_then(|e| e.owner)
        .and_then(|owner| render.definitions.get(owner))
    else {
        return false;
    };
    render.exports.iter().any(|export| {
        matches!(export, Export::Local { exported, local }
            if (exported == "default" || exported == "App") && *local == owner.name)
    })
}

/// The providers detection records.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    QueryClient,
    Theme,
    Root,
    /// AuthKit React's `AuthKitProvider` (what `useAuth()` reads).
    AuthKit,
}

/// What `element` of `file` is: what the fact reader resolved through the
/// imports and barrels (the widgets' root, TanStack's `QueryClientProvider`,
/// Radix's `Theme`, under any local name or namespace, see
/// [`facts::barrels`]), else the providers' names imported from another
/// module; a name the file does not bind is judged by its name, but a
/// `WorkOsWidgets` the file declares itself is the app's own.
fn provider_kind(
    file: &SourceFile,
    element: &JsxFact,
    bound: &dyn Fn(&str) -> bool,
) -> Option<Kind> {
    match element.kind {
        JsxKind::Root => return Some(Kind::Root),
        JsxKind::QueryClientProvider => return Some(Kind::QueryClient),
        JsxKind::Theme => return Some(Kind::Theme),
        _ => {}
    }
    let (head, member) = match element.name.split_once('.') {
        Some((head, member)) => (head, Some(member)),
        None => (element.name.as_str(), None),
    };
    let imported = match (file.import_of(head), member) {
        (Some((import, imported)), None) => Some((import.source.as_str(), imported)),
        (Some((import, "*")), Some(member)) => Some((import.source.as_str(), member)),
        _ => None,
    };
    match imported {
        Some((_, "QueryClientProvider" | "PersistQueryClientProvider")) => Some(Kind::QueryClient),
        Some((_, "Theme")) => Some(Kind::Theme),
        Some((source, "AuthKitProvider")) if source == crate::project::AuthKit::React.package() => {
            Some(Kind::AuthKit)
        }
        Some(_) => None,
        None => match element.name.as_str() {
            "QueryClientProvider" => Some(Kind::QueryClient),
            "Theme" => Some(Kind::Theme),
            ROOT_COMPONENT if !bound(head) => Some(Kind::Root),
            _ => None,
        },
    }
}

fn record(
    providers: &mut Providers,
    file: &SourceFile,
    element: &JsxFact,
    kind: Option<Kind>,
    (wraps_slot, partial): (bool, bool),
    ordinal: usize,
) {
    let slot = match kind {
        Some(Kind::QueryClient) => &mut providers.query_client_provider,
        Some(Kind::Theme) => &mut providers.theme,
        Some(Kind::Root) => &mut providers.workos_widgets,
        Some(Kind::AuthKit) => &mut providers.authkit_provider,
        None => return,
    };
    if slot.is_none() {
        let (line, column) = file.line_col(element.element.start);
        *slot = Some(ProviderUse {
            file: file.path.clone(),
            line,
            column,
            // The client it is given: `client` of a QueryClientProvider,
            // `queryClient` of the root.
            client: element
                .attribute(if matches!(kind, Some(Kind::Root)) {
                    "queryClient"
                } else {
                    "client"
                })
                .filter(|a| a.value != ValueKind::Bool)
                .map(|a| a.value_text.clone()),
            wraps_slot,
            partial,
            ordinal,
            element: element.name.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_query_client_in_a_wrapping_providers_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("app")).unwrap();
        std::fs::write(
            root.join("app/layout.tsx"),
            "import Providers from './providers'\nimport Nav from './nav'\nexport default function L({ children }) {\n  return <html><body><Nav /><Providers>{children}</Providers></body></html>\n}\n",
        )
        .unwrap();
        std::fs::write(
            root.join("app/providers.tsx"),
            "'use client'\nexport default function P({ children }) {\n  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>\n}\n",
        )
        .unwrap();
        std::fs::write(
            root.join("app/nav.tsx"),
            "export default function N() { return <Theme /> }\n",
        )
        .unwrap();
        let entries = Entries {
            next_root: Some(PathBuf::from("app/layout.tsx")),
            ..Entries::default()
        };
        let found = detect_in(root, &entries).unwrap().0;
        let qcp = found.query_client_provider.unwrap();
        assert_eq!(qcp.file, PathBuf::from("app/providers.tsx"));
        assert_eq!(qcp.client.as_deref(), Some("queryClient"));
        assert!(found.theme.is_none(), "nav.tsx does not wrap the page");
    }

    #[test]
    fn counts_the_provider_that_wraps_the_children_not_one_of_the_same_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            &[
                (
                    "app/layout.tsx",
                    "import Providers from './providers'\nexport default function L({ children }) {\n  return <html><body><Providers>{children}</Providers></body></html>\n}\n",
                ),
                (
                    "app/providers.tsx",
                    "'use client'\nimport { QueryClientProvider } from '@tanstack/react-query'\nexport default function P({ children }) {\n  return (\n    <div>\n      <QueryClientProvider client={sidebarClient}><aside /></QueryClientProvider>\n      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>\n    </div>\n  )\n}\n",
                ),
            ],
        );
        let entries = Entries {
            next_root: Some(PathBuf::from("app/layout.tsx")),
            ..Entries::default()
        };
        let found = detect_in(root, &entries).unwrap().0;
        let qcp = found.query_client_provider.unwrap();
        assert_eq!(qcp.client.as_deref(), Some("queryClient"));
        assert_eq!(qcp.line, 7);
    }

    #[test]
    fn a_root_from_a_local_module_counts_only_when_it_re_exports_the_widgets_one() {
        let main = "import { WorkOsWidgets } from './widgets'\nimport App from './App'\ncreateRoot(el).render(<WorkOsWidgets><App /></WorkOsWidgets>)\n";
        for (widgets, found) in [
            (
                "export function WorkOsWidgets({ children }) {\n  return <main>{children}</main>\n}\n",
                false,
            ),
            (
                "export { WorkOsWidgets } from '@workos-inc/widgets'\n",
                true,
            ),
            ("export * from '@workos-inc/widgets'\n", true),
        ] {
            let dir = tempfile::tempdir().unwrap();
            write(
                dir.path(),
                &[("src/main.tsx", main), ("src/widgets.tsx", widgets)],
            );
            let entries = Entries {
                main: Some(PathBuf::from("src/main.tsx")),
                ..Entries::default()
            };
            let providers = detect_in(dir.path(), &entries).unwrap().0;
            assert_eq!(providers.workos_widgets.is_some(), found, "{widgets}");
        }
    }

    /// [`detect`] on the app at `root` with these entry files and no
    /// module paths or workspace packages.
    fn detect_in(
        root: &Path,
        entries: &Entries,
    ) -> Result<(Providers, Vec<PathBuf>), ProjectError> {
        detect(&Inputs {
            root,
            entries,
            alias: None,
            paths: &ModulePaths::default(),
            routes: None,
            packages: &[],
            manifest: &serde_json::Value::Null,
        })
    }

    fn write(root: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    #[test]
    fn a_provider_taking_the_query_client_as_a_prop_holds_the_apps_client() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                (
                    "src/main.tsx",
                    "import { Kit } from '@acme/kit'\nimport App from './App'\ncreateRoot(el).render(<Kit><trpc.Provider client={trpcClient} queryClient={queryClient}><App /></trpc.Provider></Kit>)\n",
                ),
                (
                    "src/App.tsx",
                    "export default function App() { return <main /> }\n",
                ),
            ],
        );
        let entries = Entries {
            main: Some(PathBuf::from("src/main.tsx")),
            ..Entries::default()
        };
        let found = detect_in(dir.path(), &entries).unwrap().0;
        assert!(found.query_client_provider.is_none());
        let holder = found.query_client.unwrap();
        assert_eq!(
            holder.access,
            ClientAccess::Prop {
                element: "trpc.Provider".to_owned(),
                ordinal: 0,
                client: "queryClient".to_owned(),
            }
        );
        assert_eq!((holder.line, holder.column), (3, 28));
    }

    #[test]
    fn a_holder_around_one_page_of_the_app_component_is_not_the_apps() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                (
                    "src/main.tsx",
                    "import App from './App'\ncreateRoot(el).render(<App />)\n",
                ),
                (
                    "src/App.tsx",
                    "function Reports() {\n  return <Kit.Provider queryClient={reportsClient}><Chart /></Kit.Provider>\n}\nexport default function App() {\n  return <Api.Provider queryClient={queryClient}><Router><Reports /></Router></Api.Provider>\n}\n",
                ),
            ],
        );
        let entries = Entries {
            main: Some(PathBuf::from("src/main.tsx")),
            app: Some(PathBuf::from("src/App.tsx")),
            ..Entries::default()
        };
        let found = detect_in(dir.path(), &entries).unwrap().0;
        let holder = found.query_client.unwrap();
        assert!(
            matches!(&holder.access, ClientAccess::Prop { client, .. } if client == "queryClient"),
            "the app component's provider, not the reports page's: {holder:?}"
        );
    }

    #[test]
    fn follows_provider_components_several_files_deep() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            &[
                (
                    "app/layout.tsx",
                    "import { Providers } from '@/components/providers'\nexport default function L({ children }) {\n  return <html><body><Providers>{children}</Providers></body></html>\n}\n",
                ),
                (
                    "components/providers.tsx",
                    "'use client'\nimport { QueryProvider } from './query-provider'\nexport function Providers({ children }) {\n  return <QueryProvider>{children}</QueryProvider>\n}\n",
                ),
                (
                    "components/query-provider.tsx",
                    "'use client'\nconst client = new QueryClient()\nexport function QueryProvider({ children }) {\n  return <QueryClientProvider client={client}>{children}</QueryClientProvider>\n}\n",
                ),
            ],
        );
        let entries = Entries {
            next_root: Some(PathBuf::from("app/layout.tsx")),
            ..Entries::default()
        };
        let found = detect_in(root, &entries).unwrap().0;
        let qcp = found.query_client_provider.unwrap();
        assert_eq!(qcp.file, PathBuf::from("components/query-provider.tsx"));
        assert_eq!(qcp.client.as_deref(), Some("client"));
    }

    #[test]
    fn finds_the_root_and_styles_of_a_layout_route() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            &[
                (
                    "src/main.tsx",
                    "import { createBrowserRouter, RouterProvider } from 'react-router-dom'\nimport RootLayout from './routes/root'\nimport Profile from './routes/profile'\nconst router = createBrowserRouter([{ path: '/', element: <RootLayout />, children: [{ path: 'me', element: <Profile /> }] }])\ncreateRoot(el).render(<RouterProvider router={router} />)\n",
                ),
                (
                    "src/routes/root.tsx",
                    "import '@radix-ui/themes/styles.css'\nimport './root.css'\nimport { Outlet } from 'react-router-dom'\nexport default function RootLayout() {\n  return <QueryClientProvider client={qc}><WorkOsWidgets queryClient={qc}><Outlet /></WorkOsWidgets></QueryClientProvider>\n}\n",
                ),
                (
                    "src/routes/root.css",
                    "@import \"@workos-inc/widgets/styles.css\";\nbody { margin: 0 }\n",
                ),
                (
                    "src/routes/profile.tsx",
                    "export default function Profile() {\n  return <QueryClientProvider client={other}><UserProfile authToken={t} /></QueryClientProvider>\n}\n",
                ),
            ],
        );
        let entries = Entries {
            main: Some(PathBuf::from("src/main.tsx")),
            ..Entries::default()
        };
        let found = detect_in(root, &entries).unwrap().0;
        let widgets = found.workos_widgets.as_ref().unwrap();
        assert_eq!(widgets.file, PathBuf::from("src/routes/root.tsx"));
        assert!(widgets.wraps_slot);
        let qcp = found.query_client_provider.as_ref().unwrap();
        assert_eq!(
            qcp.client.as_deref(),
            Some("qc"),
            "not the page's own provider"
        );
        assert!(found.imports_stylesheet("@radix-ui/themes/styles.css"));
        assert!(found.imports_stylesheet("@workos-inc/widgets/styles.css"));
        assert_eq!(
            found.stylesheets[1].file,
            PathBuf::from("src/routes/root.css")
        );
    }

    #[test]
    fn follows_a_lazily_loaded_provider_through_the_render_graph() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                (
                    "src/main.tsx",
                    "import { lazy, Suspense } from 'react'\nimport App from './App'\nconst Providers = lazy(() => import('./providers'))\ncreateRoot(el).render(<Suspense><Providers><App /></Providers></Suspense>)\n",
                ),
                (
                    "src/providers.tsx",
                    "import { QueryClientProvider } from '@tanstack/react-query'\nimport { Chart } from './chart'\nexport default function Providers({ children }) {\n  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>\n}\n",
                ),
                (
                    "src/chart.tsx",
                    "export function Chart({ children }) {\n  return <Theme>{children}</Theme>\n}\n",
                ),
                (
                    "src/App.tsx",
                    "export default function App() { return <main /> }\n",
                ),
            ],
        );
        let entries = Entries {
            main: Some(PathBuf::from("src/main.tsx")),
            ..Entries::default()
        };
        let found = detect_in(dir.path(), &entries).unwrap().0;
        let qcp = found
            .query_client_provider
            .expect("the lazy provider's client");
        assert_eq!(qcp.file, PathBuf::from("src/providers.tsx"));
        assert!(
            found.theme.is_none(),
            "chart.tsx is imported but never rendered around the app"
        );
    }

    #[test]
    fn finds_the_root_in_a_route_tables_component_of_a_namespace_import() {
        let dir = tempfile::tempdir().unwrap();
        write(
            dir.path(),
            &[
                (
                    "src/main.tsx",
                    "import { RouterProvider } from 'react-router'\nimport { router } from './router'\ncreateRoot(el).render(<RouterProvider router={router} />)\n",
                ),
                (
                    "src/router.ts",
                    "import { createBrowserRouter } from 'react-router'\nimport * as RootRoute from './root'\nexport const router = createBrowserRouter([{ id: 'root', Component: RootRoute.default, children: [] }])\n",
                ),
                (
                    "src/root.tsx",
                    "import { Outlet } from 'react-router'\nimport { WorkOsWidgets } from '@workos-inc/widgets'\nimport { QueryClientProvider } from '@tanstack/react-query'\nexport default function Root() {\n  return <QueryClientProvider client={queryClient}><WorkOsWidgets queryClient={queryClient}><Outlet /></WorkOsWidgets></QueryClientProvider>\n}\n",
                ),
            ],
        );
        let entries = Entries {
            main: Some(PathBuf::from("src/main.tsx")),
            ..Entries::default()
        };
        let found = detect_in(dir.path(), &entries).unwrap().0;
        let root = found
            .workos_widgets
            .expect("the root module's <WorkOsWidgets>");
        assert_eq!(root.file, PathBuf::from("src/root.tsx"));
        assert!(root.wraps_slot);
        assert_eq!(
            found
                .query_client_provider
                .and_then(|p| p.client)
                .as_deref(),
            Some("queryClient")
        );
    }
}
