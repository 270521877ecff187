use std::path::{Path, PathBuf};

use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/servers")
        .join(name)
}

fn servers(name: &str) -> Vec<Server> {
    let dir = fixture(name);
    detect(&dir, &PackageJson::read(&dir).unwrap())
}

#[test]
fn an_express_server_in_the_apps_own_package() {
    let found = servers("express");
    assert_eq!(found.len(), 1, "{found:#?}");
    let server = &found[0];
    assert_eq!(server.kind, ServerKind::Express);
    assert!(server.in_app_package());
    assert_eq!(server.version.as_deref(), Some("^5.1.0"));
    assert!(!server.installed);
    assert_eq!(server.entry, PathBuf::from("server/index.js"));
    assert_eq!(server.app_file, Some(PathBuf::from("server/index.js")));
    assert_eq!(server.runtime, ServerRuntime::Node);
    assert_eq!(
        server.language,
        ServerLanguage {
            typescript: false,
            module: ModuleKind::Esm
        }
    );
    assert_eq!(
        server.reason,
        "package.json declares express; the `start` script runs server/index.js with node; server/index.js creates the app"
    );
}

#[test]
fn a_fastify_app_created_in_a_module_the_entry_imports() {
    let found = servers("fastify");
    assert_eq!(found.len(), 1, "{found:#?}");
    let server = &found[0];
    assert_eq!(server.kind, ServerKind::Fastify);
    assert_eq!(server.entry, PathBuf::from("src/server/index.ts"));
    assert_eq!(server.app_file, Some(PathBuf::from("src/server/app.ts")));
    assert!(server.language.typescript);
    assert_eq!(server.language.module, ModuleKind::Esm);
}

#[test]
fn functions_folders() {
    let vercel = servers("vercel");
    assert_eq!(vercel.len(), 1, "{vercel:#?}");
    assert_eq!(vercel[0].kind, ServerKind::VercelFunctions);
    assert_eq!(vercel[0].entry, PathBuf::from("api"));
    assert_eq!(
        vercel[0].reason,
        "api/ holds function files and the package has @vercel/node"
    );
    let netlify = servers("netlify");
    assert_eq!(netlify.len(), 1, "{netlify:#?}");
    assert_eq!(netlify[0].kind, ServerKind::NetlifyFunctions);
    assert_eq!(netlify[0].runtime, ServerRuntime::Serverless);
    assert_eq!(netlify[0].language.module, ModuleKind::Esm);
}

#[test]
fn servers_in_the_workspace_packages_beside_the_app() {
    let found = servers("workspace/apps/web");
    let kinds: Vec<ServerKind> = found.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [ServerKind::NestJs, ServerKind::Hono], "{found:#?}");
    let nest = &found[0];
    assert_eq!(nest.package, PathBuf::from("../admin"));
    assert_eq!(nest.app_file, Some(PathBuf::from("../admin/src/main.ts")));
    assert_eq!(nest.language.module, ModuleKind::Cjs);
    let hono = &found[1];
    assert_eq!(hono.package, PathBuf::from("../api"));
    assert_eq!(hono.entry, PathBuf::from("../api/src/index.ts"));
    assert!(
        hono.reason.ends_with("(Node, through @hono/node-server)"),
        "{}",
        hono.reason
    );
}

#[test]
fn a_declared_server_package_without_an_app_object_is_no_server() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("package.json"),
        r#"{"dependencies":{"express":"^4.21.0"},"scripts":{"start":"node index.js"}}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("index.js"),
        "console.log('no server here')\n",
    )
    .unwrap();
    let pkg = PackageJson::read(dir.path()).unwrap();
    assert!(detect(dir.path(), &pkg).is_empty());
    std::fs::write(
        dir.path().join("index.js"),
        "const express = require('express')\nconst app = express()\n",
    )
    .unwrap();
    let found = detect(dir.path(), &pkg);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].language.module, ModuleKind::Cjs);
}
