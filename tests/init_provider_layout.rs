//! Issue 17 (init on real apps): a React Router app on flat file routes
//! whose root module renders only the document, with AuthKit's and
//! TanStack Query's providers in a pathless layout route around
//! `<Outlet />` (`app/routes/_providers.tsx`). The generated pages go under
//! that layout (`_providers.workos.user-profile.tsx`, still served at
//! `/workos/user-profile`), so `useAuth()` finds its provider, and the root
//! goes inside the app's `QueryClientProvider`, sharing its client. The
//! shape comes from a real app; the fixture is our own minimal copy.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use common::{read, write};
use serde_json::Value;

fn flat_routes_app_with_a_providers_layout() -> tempfile::TempDir {
    let app = common::fixture("react-router7-ts");
    let dir = app.path();
    let mut package: Value = serde_json::from_str(&read(dir, "package.json")).unwrap();
    for (name, spec) in [
        ("@workos-inc/authkit-react", "^0.13.0"),
        ("@tanstack/react-query", "^5.90.0"),
        ("@react-router/fs-routes", "7.18.4"),
    ] {
        package["dependencies"][name] = Value::String(spec.to_owned());
    }
    write(
        dir,
        "package.json",
        &serde_json::to_string_pretty(&package).unwrap(),
    );
    write(
        dir,
        "app/routes.ts",
        "import { type RouteConfig } from \"@react-router/dev/routes\";\nimport { flatRoutes } from \"@react-router/fs-routes\";\n\nexport default flatRoutes() satisfies RouteConfig;\n",
    );
    std::fs::rename(
        dir.join("app/routes/home.tsx"),
        dir.join("app/routes/_providers._index.tsx"),
    )
    .unwrap();
    write(
        dir,
        "app/routes/_providers.tsx",
        "import { Outlet } from \"react-router\";\nimport { AppProviders } from \"~/components/app-providers\";\n\nexport default function Providers() {\n  return (\n    <AppProviders>\n      <Outlet />\n    </AppProviders>\n  );\n}\n",
    );
    write(
        dir,
        "app/routes/login.tsx",
        "export default function Login() {\n  return <p>Sign in</p>;\n}\n",
    );
    write(
        dir,
        "app/components/app-providers.tsx",
        "import { AuthKitProvider } from \"@workos-inc/authkit-react\";\nimport { QueryClient, QueryClientProvider } from \"@tanstack/react-query\";\nimport { useState } from \"react\";\n\nexport function AppProviders({ children }: { children: React.ReactNode }) {\n  const [queryClient] = useState(() => new QueryClient());\n  return (\n    <AuthKitProvider clientId={import.meta.env.VITE_WORKOS_CLIENT_ID}>\n      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>\n    </AuthKitProvider>\n  );\n}\n",
    );
    app
}

fn init(dir: &std::path::Path) -> Value {
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

#[test]
fn pages_go_under_the_layout_route_that_holds_the_providers() {
    let app = flat_routes_app_with_a_providers_layout();
    let dir = app.path();
    let report = init(dir);
    assert_eq!(init(dir)["changes"], 0);
    let files: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"app/routes/_providers.workos.user-profile.tsx")
            && !files.contains(&"app/routes/workos.user-profile.tsx"),
        "{files:?}"
    );
    // The root shares the app's client, inside its provider.
    let providers = read(dir, "app/components/app-providers.tsx");
    assert!(
        providers.contains("<QueryClientProvider client={queryClient}>")
            && providers
                .contains("<WorkOsWidgets {...workosApiOptions} queryClient={queryClient}>"),
        "{providers}"
    );
    assert!(!read(dir, "app/root.tsx").contains("<WorkOsWidgets"));
    // useAuth() has its provider above the page: no warning says otherwise.
    let warnings = report["warnings"].as_array().unwrap();
    assert!(
        !warnings
            .iter()
            .any(|w| w.as_str().unwrap().contains("AuthKitProvider")),
        "{report:#}"
    );
    let output = common::run(dir, &["verify", ".", "--format", "json"]);
    let verified: Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut errors: Vec<&str> = verified["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    errors.dedup();
    assert_eq!(errors, ["WW102"], "{verified:#}");
}

#[test]
fn a_root_module_with_the_providers_keeps_pages_at_the_top() {
    let app = flat_routes_app_with_a_providers_layout();
    let dir = app.path();
    // The providers move up into the root module: no layout is needed.
    write(
        dir,
        "app/routes/_providers.tsx",
        "import { Outlet } from \"react-router\";\n\nexport default function Providers() {\n  return <Outlet />;\n}\n",
    );
    let root = read(dir, "app/root.tsx").replace(
        "export default function App() {\n  return <Outlet />;\n}",
        "export default function App() {\n  return (\n    <AppProviders>\n      <Outlet />\n    </AppProviders>\n  );\n}",
    );
    write(
        dir,
        "app/root.tsx",
        &format!("import {{ AppProviders }} from \"~/components/app-providers\";\n{root}"),
    );
    let report = init(dir);
    let files: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(
        files.contains(&"app/routes/workos.user-profile.tsx"),
        "{files:?}"
    );
}
