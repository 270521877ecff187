use super::*;

/// An app at a temporary path with `dependencies` declared, `installed`
/// packages in `node_modules` (`(name, package.json)`) and `lockfile`.
fn app(
    dependencies: &[(&str, &str)],
    installed: &[(&str, serde_json::Value)],
    lockfile: Option<(&str, &str)>,
) -> (tempfile::TempDir, Project) {
    let dir = tempfile::tempdir().unwrap();
    let mut deps = serde_json::json!({ "react": "^19.2.0", "react-dom": "^19.2.0" });
    for (name, range) in dependencies {
        deps[*name] = serde_json::json!(range);
    }
    let manifest = serde_json::json!({ "name": "app", "dependencies": deps });
    std::fs::write(dir.path().join("package.json"), manifest.to_string()).unwrap();
    for (name, manifest) in installed {
        let path = dir.path().join("node_modules").join(name);
        std::fs::create_dir_all(&path).unwrap();
        std::fs::write(path.join("package.json"), manifest.to_string()).unwrap();
    }
    if let Some((name, text)) = lockfile {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let project = detect::detect(dir.path()).unwrap();
    (dir, project)
}

fn on(node: &str) -> impl Fn() -> Option<Version> {
    let version = Version::parse(node).unwrap();
    move || Some(version.clone())
}

const NEXTJS: &str = "@workos-inc/authkit-nextjs";

#[test]
fn predicts_by_node_engines() {
    assert_eq!(for_node(&Version::new(20, 20, 2)), Version::new(8, 13, 0));
    assert_eq!(for_node(&Version::new(22, 11, 0)), Version::new(12, 3, 0));
    assert_eq!(for_node(&Version::new(18, 0, 0)).major, 7);
    assert_eq!(for_node(&Version::new(14, 0, 0)).major, 7);
}

#[test]
fn node_22_with_nothing_installed_gets_sdk_12() {
    let (_dir, project) = app(&[], &[], None);
    let target = resolve_with(&project, None, &on("22.12.0"));
    assert_eq!(target.version, Version::new(12, 3, 0));
    assert_eq!(target.call, "createToken");
    assert!(target.source.contains("Node 22.12.0"), "{}", target.source);
}

#[test]
fn authkit_nextjs_4_before_its_install_gets_create_token_from_its_peer_range() {
    // Node 20 alone would predict 8.13.0 (getToken): the peer range wins.
    let (_dir, project) = app(&[(NEXTJS, "^4.3.2")], &[], None);
    let target = resolve_with(&project, Some(AuthKit::NextJs), &on("20.20.2"));
    assert_eq!(target.version, Version::new(10, 14, 0));
    assert_eq!(target.call, "createToken");
    assert!(target.pinned);
    assert!(
        target
            .source
            .contains("peers with @workos-inc/node ^9.0.0 || ^10.0.0")
            && target
                .source
                .contains("known peer range of @workos-inc/authkit-nextjs 4.3.2"),
        "{}",
        target.source
    );
}

#[test]
fn an_installed_authkit_package_json_gives_the_range() {
    let nextjs = serde_json::json!({
        "version": "4.3.2",
        "peerDependencies": { "@workos-inc/node": "^9.0.0" }
    });
    let (_dir, project) = app(&[(NEXTJS, "^4.3.2")], &[(NEXTJS, nextjs)], None);
    let target = resolve_with(&project, Some(AuthKit::NextJs), &on("22.12.0"));
    assert_eq!(target.version, Version::new(9, 3, 1));
    assert!(
        target
            .source
            .contains("peer in node_modules/@workos-inc/authkit-nextjs/package.json"),
        "{}",
        target.source
    );
}

#[test]
fn authkit_nextjs_3_brings_sdk_8_even_on_node_22() {
    let (_dir, project) = app(&[(NEXTJS, "^3.0.1")], &[], None);
    let target = resolve_with(&project, Some(AuthKit::NextJs), &on("22.12.0"));
    assert_eq!(target.version, Version::new(8, 13, 0));
    assert_eq!(target.call, "getToken");
    assert!(
        target.source.contains("dependency ^8.9.0"),
        "{}",
        target.source
    );
}

#[test]
fn authkit_react_routers_client_is_7_whatever_the_app_declares() {
    let kit = "@workos-inc/authkit-react-router";
    let (_dir, project) = app(&[(kit, "^0.8.1"), (SDK_PACKAGE, "^11.0.0")], &[], None);
    let target = resolve_with(&project, Some(AuthKit::ReactRouter), &on("22.12.0"));
    assert_eq!(target.version, Version::new(7, 82, 0));
    assert_eq!(target.call, "getToken");
    // The app's own client is the declared 11.
    let own = resolve_with(&project, None, &on("22.12.0"));
    assert_eq!(own.version, Version::new(11, 0, 0));
}

#[test]
fn the_copy_an_authkit_sdk_loads_is_its_nested_one() {
    let kit = "@workos-inc/authkit-remix";
    let (_dir, project) = app(
        &[(kit, "^0.17.0"), (SDK_PACKAGE, "^11.0.0")],
        &[
            (kit, serde_json::json!({ "version": "0.17.0" })),
            (SDK_PACKAGE, serde_json::json!({ "version": "11.0.0" })),
            (
                "@workos-inc/authkit-remix/node_modules/@workos-inc/node",
                serde_json::json!({ "version": "7.82.0" }),
            ),
        ],
        None,
    );
    let target = resolve_with(&project, Some(AuthKit::Remix), &on("22.12.0"));
    assert_eq!(target.version, Version::new(7, 82, 0));
    assert!(target.source.starts_with("installed"), "{}", target.source);
}

#[test]
fn tanstack_starts_peer_pins_the_apps_own_copy() {
    let (_dir, project) = app(
        &[("@workos/authkit-tanstack-react-start", "^0.11.1")],
        &[],
        None,
    );
    let target = resolve_with(&project, None, &on("20.20.2"));
    assert_eq!(target.version, Version::new(10, 14, 0));
    assert!(target.pinned);
}

#[test]
fn a_lockfile_says_what_a_clean_install_brings_back() {
    let lock = r#"{"lockfileVersion":3,"packages":{"node_modules/@workos-inc/node":{"version":"11.0.0"}}}"#;
    let (_dir, project) = app(
        &[(SDK_PACKAGE, "latest")],
        &[],
        Some(("package-lock.json", lock)),
    );
    let target = resolve_with(&project, None, &on("20.20.2"));
    assert_eq!(target.version, Version::new(11, 0, 0));
    assert!(
        target.source.contains("package-lock.json pins it"),
        "{}",
        target.source
    );
    // Not declared: the entry is some other package's, init adds its own.
    let (_dir, undeclared) = app(&[], &[], Some(("package-lock.json", lock)));
    assert_eq!(
        resolve_with(&undeclared, None, &on("20.20.2")).version,
        Version::new(8, 13, 0)
    );
}

#[test]
fn a_declared_range_gets_its_newest_release_for_the_running_node() {
    let (_dir, project) = app(&[(SDK_PACKAGE, "^8.9.0")], &[], None);
    let target = resolve_with(&project, None, &on("22.12.0"));
    assert_eq!(target.version, Version::new(8, 13, 0));
    assert!(
        target.source.contains("package.json declares ^8.9.0"),
        "{}",
        target.source
    );
}

#[test]
fn reads_range_minimums() {
    assert_eq!(minimum_of_range("^8.13.0"), Some(Version::new(8, 13, 0)));
    assert_eq!(minimum_of_range(">=9"), Some(Version::new(9, 0, 0)));
    assert_eq!(minimum_of_range("latest"), None);
}
