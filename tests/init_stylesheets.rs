//! Stylesheets the app already brings (a CSS `@import` in a stylesheet it
//! imports, a `?url` import linked with `<link rel="stylesheet">`): `init`
//! adds no second copy, and `verify` agrees that both are loaded. CSS the
//! client entry imports counts as the app's CSS for the order.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test: a failing unwrap is a failing test"
)]

mod common;

use std::path::Path;

use common::{fixture, run, stderr, stdout};

const WIDGETS: &str = "--widgets=user-profile";
const SHEETS: [&str; 2] = [
    "@radix-ui/themes/styles.css",
    "@workos-inc/widgets/styles.css",
];

fn edit(app: &Path, file: &str, edit: impl FnOnce(String) -> String) {
    let path = app.join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    std::fs::write(&path, edit(text)).unwrap();
}

/// Runs `init --no-install` and returns the changed files' paths and
/// their diffs, planned by a dry run first.
fn init(app: &Path) -> Vec<(String, String)> {
    let plan = run(app, &["init", ".", WIDGETS, "--dry-run", "--json"]);
    assert!(plan.status.success(), "{}", stderr(&plan));
    let json: serde_json::Value = serde_json::from_str(&stdout(&plan)).unwrap();
    let out = run(
        app,
        &["init", ".", WIDGETS, "--yes", "--no-install", "--json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_owned(),
                f["diff"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The lines a diff adds that load a widget stylesheet.
fn added_sheets(files: &[(String, String)]) -> Vec<String> {
    files
        .iter()
        .flat_map(|(path, diff)| {
            diff.lines()
                .filter(|l| l.starts_with('+') && !l.starts_with("+++"))
                .filter(|l| {
                    SHEETS.iter().any(|s| l.contains(s))
                        || l.contains("rel: 'stylesheet'")
                        || l.contains("rel: \"stylesheet\"")
                })
                .map(move |l| format!("{path}: {l}"))
        })
        .collect()
}

/// The stylesheet codes `verify` reports (WW203 missing, WW204 order).
fn stylesheet_findings(app: &Path) -> Vec<String> {
    let out = run(app, &["verify", ".", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| matches!(f["code"].as_str(), Some("WW203" | "WW204")))
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_next_app_whose_globals_css_imports_the_sheets_gets_no_second_copy() {
    let app = fixture("next-app-ts");
    edit(app.path(), "app/globals.css", |css| {
        format!(
            "@import \"{}\";\n@import url('{}') layer(widgets);\n{css}",
            SHEETS[0], SHEETS[1]
        )
    });
    let files = init(app.path());
    assert_eq!(added_sheets(&files), Vec::<String>::new());
    assert_eq!(stylesheet_findings(app.path()), Vec::<String>::new());
}

#[test]
fn a_vite_app_whose_css_imports_the_sheets_through_another_stylesheet_gets_no_second_copy() {
    let app = fixture("vite-ts");
    edit(app.path(), "src/index.css", |css| {
        format!("@import './vendor.css';\n{css}")
    });
    std::fs::write(
        app.path().join("src/vendor.css"),
        format!("@import '{}';\n@import '{}';\n", SHEETS[0], SHEETS[1]),
    )
    .unwrap();
    let files = init(app.path());
    assert_eq!(added_sheets(&files), Vec::<String>::new());
    assert_eq!(stylesheet_findings(app.path()), Vec::<String>::new());
}

#[test]
fn a_tanstack_shell_linking_url_sheets_with_link_elements_gets_no_second_copy() {
    let app = fixture("tanstack-start-ts");
    edit(app.path(), "src/routes/__root.tsx", |text| {
        text.replace(
            "import appCss from '../styles.css?url'",
            &format!(
                "import radixCss from '{}?url'\nimport widgetsCss from '{}?url'\nimport appCss from '../styles.css?url'",
                SHEETS[0], SHEETS[1]
            ),
        )
        .replace(
            "        <HeadContent />",
            "        <link rel=\"stylesheet\" href={radixCss} />\n        <link rel=\"stylesheet\" href={widgetsCss} />\n        <HeadContent />",
        )
    });
    let files = init(app.path());
    assert_eq!(added_sheets(&files), Vec::<String>::new());
    assert_eq!(stylesheet_findings(app.path()), Vec::<String>::new());
}

#[test]
fn a_react_router_layout_linking_url_sheets_with_link_elements_gets_no_second_copy() {
    let app = fixture("react-router7-ts");
    edit(app.path(), "app/root.tsx", |text| {
        text.replace(
            "import \"./app.css\";",
            &format!(
                "import radixCss from \"{}?url\";\nimport widgetsCss from \"{}?url\";\nimport \"./app.css\";",
                SHEETS[0], SHEETS[1]
            ),
        )
        .replace(
            "        <Links />",
            "        <link rel=\"stylesheet\" href={radixCss} />\n        <link rel=\"stylesheet\" href={widgetsCss} />\n        <Links />",
        )
    });
    let files = init(app.path());
    assert_eq!(added_sheets(&files), Vec::<String>::new());
    assert_eq!(stylesheet_findings(app.path()), Vec::<String>::new());
}

#[test]
fn a_url_sheet_that_is_never_linked_does_not_count() {
    let app = fixture("react-router7-ts");
    edit(app.path(), "app/root.tsx", |text| {
        text.replace(
            "import \"./app.css\";",
            &format!(
                "import radixCss from \"{}?url\";\nimport \"./app.css\";",
                SHEETS[0]
            ),
        )
    });
    let files = init(app.path());
    let added = added_sheets(&files);
    assert!(
        added.iter().any(|l| l.contains(SHEETS[0])),
        "an unlinked ?url import applies nothing: {added:?}"
    );
    assert_eq!(stylesheet_findings(app.path()), Vec::<String>::new());
}

#[test]
fn app_css_imported_by_the_client_entry_loads_after_the_widget_sheets() {
    let app = fixture("react-router7-ts");
    edit(app.path(), "app/root.tsx", |text| {
        text.replace("import \"./app.css\";\n", "")
    });
    std::fs::write(
        app.path().join("app/entry.client.tsx"),
        "import { startTransition, StrictMode } from \"react\";\nimport { hydrateRoot } from \"react-dom/client\";\nimport { HydratedRouter } from \"react-router/dom\";\nimport \"./app.css\";\n\nstartTransition(() => {\n  hydrateRoot(\n    document,\n    <StrictMode>\n      <HydratedRouter />\n    </StrictMode>,\n  );\n});\n",
    )
    .unwrap();
    let files = init(app.path());
    let added = added_sheets(&files);
    assert!(
        added
            .iter()
            .all(|l| l.starts_with("app/entry.client.tsx: ")),
        "the sheets go to the client entry: {added:?}"
    );
    let entry = std::fs::read_to_string(app.path().join("app/entry.client.tsx")).unwrap();
    let at = |needle: &str| {
        entry
            .find(needle)
            .unwrap_or_else(|| panic!("{needle}: {entry}"))
    };
    assert!(
        at(SHEETS[0]) < at(SHEETS[1]) && at(SHEETS[1]) < at("./app.css"),
        "{entry}"
    );
    assert_eq!(stylesheet_findings(app.path()), Vec::<String>::new());
    let again = run(app.path(), &["init", ".", "--dry-run", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(json["changes"], 0, "{json}");
}

#[test]
fn a_links_list_with_radix_only_gets_the_widgets_sheet_after_it() {
    let app = fixture("tanstack-start-ts");
    edit(app.path(), "src/routes/__root.tsx", |text| {
        text.replace(
            "import appCss from '../styles.css?url'",
            &format!(
                "import radixCss from '{}?url'\nimport appCss from '../styles.css?url'",
                SHEETS[0]
            ),
        )
        .replace(
            "    links: [\n",
            "    links: [\n      { rel: 'stylesheet', href: radixCss },\n",
        )
    });
    init(app.path());
    let root = std::fs::read_to_string(app.path().join("src/routes/__root.tsx")).unwrap();
    let at = |needle: &str| {
        root.find(needle)
            .unwrap_or_else(|| panic!("{needle}: {root}"))
    };
    assert_eq!(root.matches(SHEETS[0]).count(), 1, "{root}");
    assert!(
        at("href: radixCss") < at("href: workosWidgetsStylesheet")
            && at("href: workosWidgetsStylesheet") < at("href: appCss"),
        "{root}"
    );
    assert_eq!(stylesheet_findings(app.path()), Vec::<String>::new());
}

#[test]
fn a_stylesheet_importing_one_widget_sheet_gets_the_other_beside_it_in_order() {
    let app = fixture("next-app-ts");
    edit(app.path(), "app/globals.css", |css| {
        format!("@import url(\"{}\") layer(vendor);\n{css}", SHEETS[0])
    });
    let files = init(app.path());
    let added = added_sheets(&files);
    assert_eq!(
        added,
        [format!(
            "app/globals.css: +@import url(\"{}\") layer(vendor);",
            SHEETS[1]
        )],
        "nothing in the layout, which imports globals.css"
    );
    assert_eq!(stylesheet_findings(app.path()), Vec::<String>::new());

    let vite = fixture("vite-ts");
    edit(vite.path(), "src/index.css", |css| {
        format!(
            "  @import '{}';\r\n{}",
            SHEETS[1],
            css.replace('\n', "\r\n")
        )
    });
    let files = init(vite.path());
    assert_eq!(
        added_sheets(&files),
        [format!("src/index.css: +  @import '{}';", SHEETS[0])],
        "Radix goes before the widgets' sheet"
    );
    let css = std::fs::read_to_string(vite.path().join("src/index.css")).unwrap();
    assert!(
        css.starts_with(&format!(
            "  @import '{}';\r\n  @import '{}';\r\n",
            SHEETS[0], SHEETS[1]
        )),
        "{css:?}"
    );
    assert_eq!(stylesheet_findings(vite.path()), Vec::<String>::new());
    let again = run(vite.path(), &["init", ".", "--dry-run", "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
    assert_eq!(json["changes"], 0, "{json}");
}
