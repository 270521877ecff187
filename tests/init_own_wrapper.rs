//! Issue 17 (init on real apps): an app that renders its widgets page by
//! page inside a wrapper of its own (a component rendering `<WorkOsWidgets>`
//! around its `children`, with the app's theme, API host and client) and
//! has no root around the app gets the generated widgets inside that
//! wrapper, loaded the way the app loads it, and no second, app-level root.
//! The shapes come from real apps (a lazily loaded default export reading
//! `useQueryClient()` in a Vite app; a named export behind a barrel in a
//! React Router app); each fixture here is our own minimal copy.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use std::path::Path;

use common::{read, write};
use serde_json::Value;

fn init(dir: &Path, widgets: &str) -> Value {
    let output = common::run(
        dir,
        &[
            "init",
            ".",
            "--widgets",
            widgets,
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

/// Runs init twice (the second run changes nothing) and verify (no error
/// but the missing install); returns the first run's report.
fn init_twice_and_verify(dir: &Path, widgets: &str) -> Value {
    let first = init(dir, widgets);
    let second = init(dir, widgets);
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

fn changed_files(report: &Value) -> Vec<String> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_owned())
        .collect()
}

/// A Vite app whose pages load `WidgetsProvider` (a default export that
/// reads the app's client and imports both stylesheets) with `lazy()`.
fn vite_with_lazy_wrapper() -> tempfile::TempDir {
    let app = common::fixture("vite-query-client");
    let dir = app.path();
    write(
        dir,
        "src/components/widgets-provider.tsx",
        "import { useQueryClient } from '@tanstack/react-query'\nimport { WorkOsWidgets } from '@workos-inc/widgets'\nimport type { ReactNode } from 'react'\n\nimport '@radix-ui/themes/styles.css'\nimport '@workos-inc/widgets/styles.css'\n\nexport default function WidgetsProvider({ children }: { children: ReactNode }) {\n  const queryClient = useQueryClient()\n  return (\n    <WorkOsWidgets queryClient={queryClient} theme={{ accentColor: 'green' }}>\n      {children}\n    </WorkOsWidgets>\n  )\n}\n",
    );
    write(
        dir,
        "src/pages/Profile.tsx",
        "import { lazy } from 'react'\nimport { UserProfile } from '@workos-inc/widgets'\n\nconst WidgetsProvider = lazy(() => import('../components/widgets-provider'))\n\nexport function Profile({ token }: { token: () => Promise<string> }) {\n  return (\n    <WidgetsProvider>\n      <UserProfile authToken={token} />\n    </WidgetsProvider>\n  )\n}\n",
    );
    write(
        dir,
        "src/App.tsx",
        "import { Suspense } from 'react'\nimport { Profile } from './pages/Profile'\nimport { fetchWidgetsToken } from './workos/widgets-token'\n\nexport default function App() {\n  return (\n    <Suspense>\n      <Profile token={fetchWidgetsToken} />\n    </Suspense>\n  )\n}\n",
    );
    app
}

#[test]
fn a_lazily_loaded_wrapper_is_reused_lazily_and_no_app_root_is_added() {
    let app = vite_with_lazy_wrapper();
    let dir = app.path();
    let main_before = read(dir, "src/main.tsx");
    let report = init_twice_and_verify(dir, "user-profile");
    // No root around the app, no stylesheets added to the entry (the
    // wrapper's chunk brings them), no API options the wrapper does not use.
    assert_eq!(read(dir, "src/main.tsx"), main_before);
    let files = changed_files(&report);
    assert!(
        !files.iter().any(|f| f.ends_with("api-options.ts")),
        "{files:?}"
    );
    let widget = read(dir, "src/workos/UserProfileWidget.tsx");
    assert!(
        widget.contains("import { lazy, Suspense } from 'react'")
            && widget.contains(
                "const WidgetsProvider = lazy(() => import('../components/widgets-provider.tsx'))"
            )
            && widget.contains(
                "    <Suspense>\n      <WidgetsProvider>\n        <UserProfile authToken={fetchWidgetsToken} />\n      </WidgetsProvider>\n    </Suspense>"
            ),
        "{widget}"
    );
    workos_widgets_core::js::check_parses(Path::new("w.tsx"), &widget).unwrap();
    assert_eq!(report["warnings"], Value::Array(Vec::new()), "{report:#}");
    // detect says what init reuses.
    let detected = common::run(dir, &["detect", ".", "--json"]);
    let project: Value = serde_json::from_slice(&detected.stdout).unwrap();
    let wrapper = &project["providers"]["widgets_wrapper"];
    assert_eq!(wrapper["name"], "WidgetsProvider", "{project:#}");
    assert_eq!(wrapper["export"], "default");
    assert_eq!(wrapper["lazy"], true);
}

#[test]
fn a_wrapper_behind_a_barrel_in_a_route_module_app_is_imported_by_name() {
    let app = common::fixture("react-router7-ts");
    let dir = app.path();
    write(
        dir,
        "app/widgets/Widgets.tsx",
        "import '@radix-ui/themes/styles.css'\nimport { WorkOsWidgets } from '@workos-inc/widgets'\nimport '@workos-inc/widgets/styles.css'\nimport { Suspense, type PropsWithChildren } from 'react'\n\nexport const Widgets = ({ children }: PropsWithChildren) => (\n  <Suspense>\n    {WorkOsWidgets && (\n      <WorkOsWidgets theme={{ appearance: 'dark' }}>{children}</WorkOsWidgets>\n    )}\n  </Suspense>\n)\n",
    );
    write(
        dir,
        "app/widgets/index.ts",
        "export { Widgets } from './Widgets'\n",
    );
    let root_before = read(dir, "app/root.tsx");
    let report = init_twice_and_verify(dir, "user-profile");
    assert_eq!(
        read(dir, "app/root.tsx"),
        root_before,
        "no second root, no second copy of the stylesheets"
    );
    let widget = read(dir, "app/workos/UserProfileWidget.tsx");
    assert!(
        widget.contains("import { Widgets } from \"~/widgets/Widgets\";")
            && widget.contains(
                "    <Widgets>\n      <UserProfile authToken={fetchWidgetsToken} />\n    </Widgets>"
            )
            && !widget.contains("lazy"),
        "{widget}"
    );
    workos_widgets_core::js::check_parses(Path::new("w.tsx"), &widget).unwrap();
    let files = changed_files(&report);
    assert!(
        files
            .iter()
            .any(|f| f == "app/routes/workos.user-profile.tsx"),
        "{files:?}"
    );
}

#[test]
fn a_wrapper_without_the_stylesheets_gets_them_in_the_entry_and_a_client_warning() {
    let app = common::fixture("vite-query-client");
    let dir = app.path();
    write(
        dir,
        "src/Widgets.tsx",
        "import { WorkOsWidgets } from '@workos-inc/widgets'\n\nexport function Widgets(props: { children: React.ReactNode }) {\n  return <WorkOsWidgets>{props.children}</WorkOsWidgets>\n}\n",
    );
    write(
        dir,
        "src/pages/Profile.tsx",
        "import { UserProfile } from '@workos-inc/widgets'\nimport { Widgets } from '../Widgets'\nimport { fetchWidgetsToken } from '../workos/widgets-token'\n\nexport function Profile() {\n  return (\n    <Widgets>\n      <UserProfile authToken={fetchWidgetsToken} />\n    </Widgets>\n  )\n}\n",
    );
    write(
        dir,
        "src/App.tsx",
        "import { Profile } from './pages/Profile'\n\nexport default function App() {\n  return (\n    <main>\n      <Profile />\n    </main>\n  )\n}\n",
    );
    let report = init_twice_and_verify(dir, "user-profile");
    let main = read(dir, "src/main.tsx");
    assert!(
        main.contains(
            "import '@radix-ui/themes/styles.css'\nimport '@workos-inc/widgets/styles.css'"
        ) && !main.contains("<WorkOsWidgets"),
        "{main}"
    );
    let widget = read(dir, "src/workos/UserProfileWidget.tsx");
    assert!(
        widget.contains("import { Widgets } from '../Widgets.tsx'"),
        "{widget}"
    );
    let warnings = report["warnings"].as_array().unwrap();
    assert!(
        warnings.iter().any(|w| w
            .as_str()
            .unwrap()
            .contains("whose <WorkOsWidgets> gets no queryClient")),
        "{report:#}"
    );
}

#[test]
fn a_wrapper_is_not_used_when_the_app_has_a_root_around_it() {
    let app = vite_with_lazy_wrapper();
    let dir = app.path();
    write(
        dir,
        "src/main.tsx",
        "import { StrictMode } from 'react'\nimport { createRoot } from 'react-dom/client'\nimport { QueryClient, QueryClientProvider } from '@tanstack/react-query'\nimport { WorkOsWidgets } from '@workos-inc/widgets'\nimport '@radix-ui/themes/styles.css'\nimport '@workos-inc/widgets/styles.css'\nimport './index.css'\nimport App from './App.tsx'\n\nconst queryClient = new QueryClient()\n\ncreateRoot(document.getElementById('root')!).render(\n  <StrictMode>\n    <QueryClientProvider client={queryClient}>\n      <WorkOsWidgets queryClient={queryClient}>\n        <App />\n      </WorkOsWidgets>\n    </QueryClientProvider>\n  </StrictMode>,\n)\n",
    );
    init(dir, "user-profile");
    let widget = read(dir, "src/workos/UserProfileWidget.tsx");
    assert!(
        !widget.contains("WidgetsProvider") && widget.contains("return <UserProfile"),
        "{widget}"
    );
}
