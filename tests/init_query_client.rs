//! Issue 17.4: `init` shares the app's `QueryClient` wherever it lives, so
//! `<WorkOsWidgets>` never creates a second client where the app has one:
//! a providers component in the entry, a provider component of a workspace
//! package (read there by the generated `WorkOsWidgetsWithAppClient`), a
//! tRPC provider's `queryClient`, TanStack Router's root route context and
//! its query integration. Where no holder is found in an app that uses
//! TanStack Query, a warning gives the exact code. Each app is a minimal
//! fixture written here; every run is checked for a clean second run and a
//! `verify` with nothing but WW102 (nothing is installed).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use common::{read, write};

use std::path::Path;

use serde_json::Value;

fn apply(dir: &Path) -> Value {
    let output = common::run(
        dir,
        &[
            "init",
            ".",
            "--widgets",
            "user-profile",
            "--yes",
            "--no-install",
            "--json",
        ],
    );
    assert!(
        output.status.success(),
        "{}{}",
        common::stderr(&output),
        common::stdout(&output)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Runs init, checks the second run changes nothing and verify finds
/// nothing but the missing install; returns the first run's report.
fn init_twice_and_verify(dir: &Path) -> Value {
    let first = apply(dir);
    let second = apply(dir);
    assert_eq!(second["changes"], 0, "{second:#}");
    let output = common::run(dir, &["verify", ".", "--format", "json"]);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut errors: Vec<String> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    errors.dedup();
    assert_eq!(errors, ["WW102"], "{report:#}");
    first
}

/// Adds `name: spec` to the app's dependencies.
fn depend(dir: &Path, name: &str, spec: &str) {
    let text = read(dir, "package.json");
    let mut package: Value = serde_json::from_str(&text).unwrap();
    package["dependencies"][name] = Value::String(spec.to_owned());
    write(
        dir,
        "package.json",
        &serde_json::to_string_pretty(&package).unwrap(),
    );
}

/// A monorepo around a copy of `fixture` at `apps/web`, with a workspace
/// package `@acme/ui` (linked into the app's `node_modules`) whose
/// `AppProviders` renders a `QueryClientProvider` around its children (and
/// whose `Card` does not).
fn monorepo(fixture: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let app = common::fixture(fixture);
    let workspace = tempfile::tempdir().unwrap();
    let root = workspace.path();
    write(
        root,
        "package.json",
        "{ \"name\": \"acme\", \"private\": true, \"workspaces\": [\"apps/*\", \"packages/*\"] }\n",
    );
    write(
        root,
        "packages/ui/package.json",
        "{\n  \"name\": \"@acme/ui\",\n  \"type\": \"module\",\n  \"exports\": { \".\": { \"types\": \"./src/index.ts\", \"default\": \"./src/index.ts\" } }\n}\n",
    );
    write(
        root,
        "packages/ui/src/index.ts",
        "export * from './providers'\nexport { Card } from './card'\n",
    );
    write(
        root,
        "packages/ui/src/providers.tsx",
        "'use client'\nimport { QueryClient, QueryClientProvider } from '@tanstack/react-query'\nimport { useState, type ReactNode } from 'react'\n\nexport function AppProviders({ children }: { children: ReactNode }) {\n  const [client] = useState(() => new QueryClient())\n  return <QueryClientProvider client={client}>{children}</QueryClientProvider>\n}\n",
    );
    write(
        root,
        "packages/ui/src/card.tsx",
        "import type { ReactNode } from 'react'\n\nexport function Card({ children }: { children: ReactNode }) {\n  return <section className=\"card\">{children}</section>\n}\n",
    );
    let web = root.join("apps/web");
    std::fs::create_dir_all(root.join("apps")).unwrap();
    std::fs::rename(app.path(), &web).unwrap_or_else(|_| {
        // Another filesystem: copy instead.
        copy(app.path(), &web);
    });
    depend(&web, "@acme/ui", "workspace:*");
    // As the package manager links it.
    std::fs::create_dir_all(web.join("node_modules/@acme")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("../../../../packages/ui", web.join("node_modules/@acme/ui"))
        .unwrap();
    depend(&web, "@tanstack/react-query", "^5.90.0");
    (workspace, web)
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

const GENERATED: &str = "src/workos/WorkOsWidgetsWithAppClient.tsx";

#[test]
fn a_providers_component_in_the_entry_gets_the_root_inside_its_provider() {
    let app = common::fixture("vite-query-client");
    let dir = app.path();
    write(
        dir,
        "src/main.tsx",
        "import { StrictMode, useState, type ReactNode } from 'react'\nimport { createRoot } from 'react-dom/client'\nimport { QueryClient, QueryClientProvider } from '@tanstack/react-query'\nimport './index.css'\nimport App from './App.tsx'\n\nfunction Providers({ children }: { children: ReactNode }) {\n  const [queryClient] = useState(() => new QueryClient())\n  return (\n    <QueryClientProvider client={queryClient}>\n      {children}\n    </QueryClientProvider>\n  )\n}\n\ncreateRoot(document.getElementById('root')!).render(\n  <StrictMode>\n    <Providers>\n      <App />\n    </Providers>\n  </StrictMode>,\n)\n",
    );
    init_twice_and_verify(dir);
    let main = read(dir, "src/main.tsx");
    // The client is local to Providers: the root must sit where it is in
    // scope, inside the provider (around the render it was undefined).
    assert!(
        main.contains("    <QueryClientProvider client={queryClient}>\n      <WorkOsWidgets {...workosApiOptions} queryClient={queryClient}>\n        {children}\n      </WorkOsWidgets>\n    </QueryClientProvider>"),
        "{main}"
    );
    assert!(
        main.contains("    <Providers>\n      <App />\n    </Providers>"),
        "{main}"
    );
}

#[test]
fn a_persisting_query_client_provider_is_the_apps_provider() {
    // @tanstack/react-query-persist-client's provider takes the app's
    // client as `client` like QueryClientProvider (seen on a real React
    // Router app, whose root otherwise went outside it without a client).
    let app = common::fixture("vite-query-client");
    let dir = app.path();
    depend(dir, "@tanstack/react-query-persist-client", "^5.90.0");
    write(
        dir,
        "src/main.tsx",
        "import { StrictMode } from 'react'\nimport { createRoot } from 'react-dom/client'\nimport { QueryClient } from '@tanstack/react-query'\nimport { PersistQueryClientProvider } from '@tanstack/react-query-persist-client'\nimport { createSyncStoragePersister } from '@tanstack/query-sync-storage-persister'\nimport './index.css'\nimport App from './App.tsx'\n\nconst queryClient = new QueryClient()\nconst persister = createSyncStoragePersister({ storage: window.localStorage })\n\ncreateRoot(document.getElementById('root')!).render(\n  <StrictMode>\n    <PersistQueryClientProvider client={queryClient} persistOptions={{ persister }}>\n      <App />\n    </PersistQueryClientProvider>\n  </StrictMode>,\n)\n",
    );
    let report = init_twice_and_verify(dir);
    let main = read(dir, "src/main.tsx");
    assert!(
        main.contains("<PersistQueryClientProvider client={queryClient} persistOptions={{ persister }}>\n      <WorkOsWidgets {...workosApiOptions} queryClient={queryClient}>\n        <App />\n      </WorkOsWidgets>\n    </PersistQueryClientProvider>"),
        "{main}"
    );
    assert_eq!(report["warnings"], Value::Array(Vec::new()), "{report:#}");
}

#[test]
fn a_workspace_package_provider_gets_a_component_reading_the_apps_client() {
    let (_workspace, dir) = monorepo("vite-ts");
    write(
        &dir,
        "src/main.tsx",
        "import { StrictMode } from 'react'\nimport { createRoot } from 'react-dom/client'\nimport { AppProviders, Card } from '@acme/ui'\nimport './index.css'\nimport App from './App.tsx'\n\ncreateRoot(document.getElementById('root')!).render(\n  <StrictMode>\n    <AppProviders>\n      <Card>\n        <App />\n      </Card>\n    </AppProviders>\n  </StrictMode>,\n)\n",
    );
    let report = init_twice_and_verify(&dir);
    let main = read(&dir, "src/main.tsx");
    assert!(
        main.contains("    <AppProviders>\n      <WorkOsWidgetsWithAppClient>\n        <Card>\n          <App />\n        </Card>\n      </WorkOsWidgetsWithAppClient>\n    </AppProviders>"),
        "{main}"
    );
    assert!(
        main.contains(
            "import { WorkOsWidgetsWithAppClient } from './workos/WorkOsWidgetsWithAppClient.tsx'"
        ),
        "{main}"
    );
    assert!(
        !main.contains("<WorkOsWidgets ") && !main.contains("<WorkOsWidgets>"),
        "no second client: {main}"
    );
    let generated = read(&dir, GENERATED);
    assert!(
        generated.contains("const queryClient = useQueryClient()")
            && generated
                .contains("<WorkOsWidgets {...workosApiOptions} queryClient={queryClient}>")
            && generated.contains("from './api-options.ts'"),
        "{generated}"
    );
    workos_widgets_core::js::check_parses(Path::new(GENERATED), &generated).unwrap();
    assert_eq!(report["warnings"], Value::Array(Vec::new()), "{report:#}");
}

#[test]
fn a_trpc_provider_shares_its_query_client_prop() {
    let app = common::fixture("vite-ts");
    let dir = app.path();
    depend(dir, "@tanstack/react-query", "^5.90.0");
    depend(dir, "@acme/query-kit", "^1.0.0");
    write(
        dir,
        "src/main.tsx",
        "import { StrictMode } from 'react'\nimport { createRoot } from 'react-dom/client'\nimport { QueryKit } from '@acme/query-kit'\nimport './index.css'\nimport App from './App.tsx'\nimport { trpc, trpcClient, queryClient } from './trpc'\n\ncreateRoot(document.getElementById('root')!).render(\n  <StrictMode>\n    <QueryKit client={queryClient}>\n      <trpc.Provider client={trpcClient} queryClient={queryClient}>\n        <App />\n      </trpc.Provider>\n    </QueryKit>\n  </StrictMode>,\n)\n",
    );
    write(
        dir,
        "src/trpc.ts",
        "import { QueryClient } from '@tanstack/react-query'\nexport const queryClient = new QueryClient()\nexport const trpc = { Provider: (props: { children: unknown }) => props.children }\nexport const trpcClient = {}\n",
    );
    init_twice_and_verify(dir);
    let main = read(dir, "src/main.tsx");
    assert!(
        main.contains("      <trpc.Provider client={trpcClient} queryClient={queryClient}>\n        <WorkOsWidgets {...workosApiOptions} queryClient={queryClient}>\n          <App />\n        </WorkOsWidgets>\n      </trpc.Provider>"),
        "{main}"
    );
}

#[test]
fn a_next_layout_with_a_workspace_provider_reads_the_client_in_a_client_component() {
    let (_workspace, dir) = monorepo("next-app-ts");
    write(
        &dir,
        "app/layout.tsx",
        "import type { Metadata } from \"next\";\nimport { AppProviders } from \"@acme/ui\";\nimport \"./globals.css\";\n\nexport const metadata: Metadata = { title: \"Acme\" };\n\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang=\"en\">\n      <body>\n        <AppProviders>{children}</AppProviders>\n      </body>\n    </html>\n  );\n}\n",
    );
    init_twice_and_verify(&dir);
    let layout = read(&dir, "app/layout.tsx");
    assert!(
        layout.contains("<AppProviders>\n          <WorkOsWidgetsWithAppClient>{children}</WorkOsWidgetsWithAppClient>\n        </AppProviders>"),
        "{layout}"
    );
    assert!(!layout.contains("<WorkOsWidgets "), "{layout}");
    let generated = read(&dir, "workos/WorkOsWidgetsWithAppClient.tsx");
    assert!(generated.starts_with("\"use client\";\n"), "{generated}");
    assert!(generated.contains("useQueryClient()"), "{generated}");
}

/// A TanStack Start app whose `QueryClient` lives in the router: created in
/// `src/router.tsx`, handed to the routes as context.
fn tanstack_with_router_context(typed_context: bool, integration: bool) -> tempfile::TempDir {
    let app = common::fixture("tanstack-start-ts");
    let dir = app.path();
    depend(dir, "@tanstack/react-query", "^5.90.0");
    let integration_line = if integration {
        "  setupRouterSsrQueryIntegration({ router, queryClient })\n"
    } else {
        ""
    };
    write(
        dir,
        "src/router.tsx",
        &format!(
            "import {{ QueryClient }} from '@tanstack/react-query'\nimport {{ createRouter }} from '@tanstack/react-router'\nimport {{ setupRouterSsrQueryIntegration }} from '@tanstack/react-router-ssr-query'\nimport {{ routeTree }} from './routeTree.gen'\n\nexport function getRouter() {{\n  const queryClient = new QueryClient()\n  const router = createRouter({{ routeTree, context: {{ queryClient }} }})\n{integration_line}  return router\n}}\n"
        ),
    );
    let mut root = read(dir, "src/routes/__root.tsx");
    if typed_context {
        root = root
            .replace(
                "import { HeadContent, Scripts, createRootRoute } from '@tanstack/react-router'",
                "import { HeadContent, Scripts, createRootRouteWithContext } from '@tanstack/react-router'\nimport type { QueryClient } from '@tanstack/react-query'",
            )
            .replace(
                "export const Route = createRootRoute({",
                "interface RouterContext {\n  queryClient: QueryClient\n}\n\nexport const Route = createRootRouteWithContext<RouterContext>()({",
            );
    }
    write(dir, "src/routes/__root.tsx", &root);
    app
}

#[test]
fn tanstack_router_context_gives_the_root_the_apps_client() {
    let app = tanstack_with_router_context(true, true);
    let dir = app.path();
    init_twice_and_verify(dir);
    let root = read(dir, "src/routes/__root.tsx");
    assert!(
        root.contains("function RootDocument({ children }: { children: React.ReactNode }) {\n  const { queryClient } = Route.useRouteContext()\n  return ("),
        "{root}"
    );
    assert!(
        root.contains("<WorkOsWidgets {...workosApiOptions} queryClient={queryClient}>"),
        "{root}"
    );
    assert!(!dir.join(GENERATED).exists());
}

#[test]
fn a_component_that_uses_the_name_gets_the_route_client_under_another() {
    let app = tanstack_with_router_context(true, false);
    let dir = app.path();
    let root = read(dir, "src/routes/__root.tsx").replace(
        "function RootDocument({ children }: { children: React.ReactNode }) {\n",
        "function RootDocument({ children }: { children: React.ReactNode }) {\n  const queryClient = 'shadowed'\n  console.log(queryClient)\n",
    );
    write(dir, "src/routes/__root.tsx", &root);
    init_twice_and_verify(dir);
    let root = read(dir, "src/routes/__root.tsx");
    assert!(
        root.contains("  const { queryClient: routeQueryClient } = Route.useRouteContext()\n  const queryClient = 'shadowed'\n"),
        "{root}"
    );
    assert!(root.contains("queryClient={routeQueryClient}>"), "{root}");
}

#[test]
fn tanstack_query_integration_gets_a_component_reading_the_apps_client() {
    let app = tanstack_with_router_context(false, true);
    let dir = app.path();
    init_twice_and_verify(dir);
    let root = read(dir, "src/routes/__root.tsx");
    assert!(
        root.contains("<WorkOsWidgetsWithAppClient>\n          {children}\n        </WorkOsWidgetsWithAppClient>"),
        "{root}"
    );
    // Imported the way the root imports the API options elsewhere.
    assert!(
        root.contains("import { WorkOsWidgetsWithAppClient } from '")
            && root.contains("/workos/WorkOsWidgetsWithAppClient'"),
        "{root}"
    );
    assert!(!root.contains("<WorkOsWidgets "), "{root}");
    let generated = read(dir, GENERATED);
    assert!(generated.contains("useQueryClient()"), "{generated}");
}

#[test]
fn an_app_on_tanstack_query_without_a_client_in_reach_is_told_the_exact_code() {
    let app = common::fixture("vite-ts");
    let dir = app.path();
    depend(dir, "@tanstack/react-query", "^5.90.0");
    depend(dir, "@acme/query-kit", "^1.0.0");
    write(
        dir,
        "src/main.tsx",
        "import { StrictMode } from 'react'\nimport { createRoot } from 'react-dom/client'\nimport { QueryKit } from '@acme/query-kit'\nimport App from './App.tsx'\n\ncreateRoot(document.getElementById('root')!).render(\n  <StrictMode>\n    <QueryKit>\n      <App />\n    </QueryKit>\n  </StrictMode>,\n)\n",
    );
    // Declared only as the widgets' peer, imported nowhere: nothing to share.
    let peer = common::fixture("vite-ts");
    depend(peer.path(), "@tanstack/react-query", "^5.90.0");
    let peer_only = apply(peer.path());
    assert_eq!(
        peer_only["warnings"],
        Value::Array(Vec::new()),
        "{peer_only:#}"
    );
    // The app uses TanStack Query (its client hidden in @acme/query-kit).
    write(
        dir,
        "src/App.tsx",
        "import { useQuery } from '@tanstack/react-query'\n\nexport default function App() {\n  const { data } = useQuery({ queryKey: ['hello'], queryFn: () => 'Hello' })\n  return <h1>{data}</h1>\n}\n",
    );
    let report = apply(dir);
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("creates a QueryClient of its own")
            && warnings.contains("const queryClient = useQueryClient()")
            && warnings.contains("queryClient={queryClient}"),
        "{warnings}"
    );
    // TanStack Router's context alone (no typed root context, no query
    // integration): the warning says how to read it there.
    let tanstack = tanstack_with_router_context(false, false);
    let report = apply(tanstack.path());
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("const { queryClient } = Route.useRouteContext()"),
        "{warnings}"
    );
    // An app that does not use TanStack Query has nothing to share: no warning.
    let plain = common::fixture("vite-ts");
    let report = apply(plain.path());
    assert_eq!(report["warnings"], Value::Array(Vec::new()), "{report:#}");
}

#[test]
fn the_provider_around_the_page_gets_the_root_not_a_namesake_before_it() {
    let app = common::fixture("vite-query-client");
    let dir = app.path();
    write(
        dir,
        "src/providers.tsx",
        "import { QueryClient, QueryClientProvider } from '@tanstack/react-query'\nimport type { ReactNode } from 'react'\n\nconst sidebarClient = new QueryClient()\nconst queryClient = new QueryClient()\n\nexport function Providers({ children }: { children: ReactNode }) {\n  return (\n    <div>\n      <QueryClientProvider client={sidebarClient}>\n        <aside />\n      </QueryClientProvider>\n      <QueryClientProvider client={queryClient}>\n        {children}\n      </QueryClientProvider>\n    </div>\n  )\n}\n",
    );
    write(
        dir,
        "src/main.tsx",
        "import { StrictMode } from 'react'\nimport { createRoot } from 'react-dom/client'\nimport './index.css'\nimport App from './App.tsx'\nimport { Providers } from './providers.tsx'\n\ncreateRoot(document.getElementById('root')!).render(\n  <StrictMode>\n    <Providers>\n      <App />\n    </Providers>\n  </StrictMode>,\n)\n",
    );
    init_twice_and_verify(dir);
    let providers = read(dir, "src/providers.tsx");
    assert!(
        providers.contains("      <QueryClientProvider client={sidebarClient}>\n        <aside />\n      </QueryClientProvider>\n"),
        "{providers}"
    );
    assert!(
        providers.contains("      <QueryClientProvider client={queryClient}>\n        <WorkOsWidgets {...workosApiOptions} queryClient={queryClient}>\n          {children}\n        </WorkOsWidgets>\n      </QueryClientProvider>"),
        "{providers}"
    );
}
