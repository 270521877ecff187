//! The servers beside the app (issue 20): an Express, Fastify, Hono or
//! `NestJS` server, or a Vercel / Netlify functions folder, in the app's
//! own package or in a package of the workspace the app belongs to. Each
//! is read into a [`Server`]: its kind, version, entry file, the file that
//! creates its app object (found with oxc, following the entry's relative
//! imports), its language and why it was picked.

pub mod app_object;
mod entry;
mod model;

use std::collections::{HashSet, VecDeque};
use std::path::{Path, PathBuf};

pub use model::{ModuleKind, Server, ServerKind, ServerLanguage, ServerRuntime};

use super::installed::Lookup;
use crate::package_json::PackageJson;

/// How many files are read following one entry's imports.
const MAX_FILES: usize = 40;

/// Every server in the app's package (`app`, whose package.json is `pkg`)
/// and in the other packages of its workspace.
pub fn detect(app: &Path, pkg: &PackageJson) -> Vec<Server> {
    let mut servers = in_package(app, Path::new("."), pkg);
    if let Some(workspace) = super::workspace::containing(app) {
        let app_rel = app.strip_prefix(&workspace.root).unwrap_or(app);
        for member in
            super::workspace::member_dirs(&workspace.root, workspace.package_json.as_ref())
        {
            let dir = workspace.root.join(&member);
            if dir == app {
                continue;
            }
            if let Ok(member_pkg) = PackageJson::read(&dir) {
                servers.extend(in_package(&dir, &relative(app_rel, &member), &member_pkg));
            }
        }
    }
    servers
}

/// The servers of the package at `dir` (`rel` from the app).
fn in_package(dir: &Path, rel: &Path, pkg: &PackageJson) -> Vec<Server> {
    let lookup = Lookup::new(dir);
    let mut out = Vec::new();
    let nest = pkg.declared("@nestjs/core").is_some();
    for kind in ServerKind::PROCESSES {
        // Nest runs on Express or Fastify: one server, Nest's.
        if nest && matches!(kind, ServerKind::Express | ServerKind::Fastify) {
            continue;
        }
        let Some(package) = kind.package() else {
            continue;
        };
        let Some(declared) = pkg.declared(package) else {
            continue;
        };
        if let Some(server) = process_server(dir, rel, pkg, &lookup, kind, declared) {
            out.push(server);
        }
    }
    let claimed: Vec<PathBuf> = out.iter().map(|s| s.entry.clone()).collect();
    out.extend(vercel(dir, rel, pkg, &claimed));
    out.extend(netlify(dir, rel, pkg));
    out
}

fn process_server(
    dir: &Path,
    rel: &Path,
    pkg: &PackageJson,
    lookup: &Lookup,
    kind: ServerKind,
    declared: &str,
) -> Option<Server> {
    let package = kind.package()?;
    let (entry, app_file) = entry::candidates(dir, pkg)
        .into_iter()
        .find_map(|entry| Some((app_file(dir, &entry.file, kind)?, entry)))
        .map(|(app_file, entry)| (entry, app_file))?;
    let installed = lookup.version(package);
    let runtime = runtime(dir, pkg, kind, entry.runner.as_deref());
    let mut reason = format!(
        "package.json declares {package}; {}; {} creates the app",
        entry.reason,
        slash(&app_file)
    );
    if kind == ServerKind::Hono {
        reason.push_str(match runtime {
            ServerRuntime::Bun => " (runs on Bun)",
            ServerRuntime::Workers => " (a wrangler config: Cloudflare Workers)",
            _ if pkg.declared("@hono/node-server").is_some() => {
                " (Node, through @hono/node-server)"
            }
            _ => " (no @hono/node-server: check which runtime serves it)",
        });
    }
    Some(Server {
        kind,
        installed: installed.is_some(),
        version: installed.or_else(|| Some(declared.to_owned())),
        package: rel.to_path_buf(),
        language: language(pkg, &app_file),
        entry: under(rel, &entry.file),
        app_file: Some(under(rel, &app_file)),
        runtime,
        reason,
    })
}

fn runtime(dir: &Path, pkg: &PackageJson, kind: ServerKind, runner: Option<&str>) -> ServerRuntime {
    let wrangler = ["wrangler.toml", "wrangler.json", "wrangler.jsonc"]
        .iter()
        .any(|f| dir.join(f).is_file());
    if runner == Some("bun") {
        ServerRuntime::Bun
    } else if kind == ServerKind::Hono && wrangler && pkg.declared("@hono/node-server").is_none() {
        ServerRuntime::Workers
    } else {
        ServerRuntime::Node
    }
}

/// The file (relative to `dir`) that creates `kind`'s app: `entry` or a
/// module it imports, breadth first.
fn app_file(dir: &Path, entry: &Path, kind: ServerKind) -> Option<PathBuf> {
    let mut queue = VecDeque::from([entry.to_path_buf()]);
    let mut seen = HashSet::new();
    while let Some(file) = queue.pop_front() {
        if !seen.insert(file.clone()) || seen.len() > MAX_FILES {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(dir.join(&file)) else {
            continue;
        };
        let allocator = oxc_allocator::Allocator::default();
        let Ok(program) = crate::js::parse(&allocator, &dir.join(&file), &text) else {
            continue;
        };
        if app_object::find(&program, kind).is_some() {
            return Some(file);
        }
        let base = file.parent().unwrap_or(Path::new(""));
        for spec in app_object::relative_imports(&program) {
            if let Some(next) = entry::resolve(dir, &base.join(&spec)) {
                queue.push_back(normalize(&next));
            }
        }
    }
    None
}

/// `server/../lib/a.js` -> `lib/a.js`.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// ESM or CJS from the extension, else package.json `type`.
fn language(pkg: &PackageJson, file: &Path) -> ServerLanguage {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    let module = match ext {
        "mjs" | "mts" => ModuleKind::Esm,
        "cjs" | "cts" => ModuleKind::Cjs,
        _ if pkg.string("type") == Some("module") => ModuleKind::Esm,
        _ => ModuleKind::Cjs,
    };
    ServerLanguage {
        typescript: matches!(ext, "ts" | "mts" | "cts" | "tsx"),
        module,
    }
}

/// The function files of a folder: its language (any `.ts` file makes it
/// TypeScript), `None` when it holds none.
fn functions_language(pkg: &PackageJson, folder: &Path) -> Option<ServerLanguage> {
    let files: Vec<PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| entry::EXTENSIONS.contains(&e))
        })
        .collect();
    let first = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "ts" || e == "mts"))
        .or(files.first())?;
    Some(language(pkg, first))
}

/// A Vercel `api/` folder: function files and a sign of Vercel
/// (`vercel.json`, a `@vercel/*` or `vercel` package), not a Node server's
/// entry.
fn vercel(dir: &Path, rel: &Path, pkg: &PackageJson, claimed: &[PathBuf]) -> Option<Server> {
    if claimed
        .iter()
        .any(|entry| entry.starts_with(under(rel, Path::new("api"))))
    {
        return None;
    }
    let language = functions_language(pkg, &dir.join("api"))?;
    let sign = if dir.join("vercel.json").is_file() {
        "vercel.json"
    } else {
        ["@vercel/node", "@vercel/functions", "vercel"]
            .into_iter()
            .find(|p| pkg.declared(p).is_some())?
    };
    Some(functions(
        ServerKind::VercelFunctions,
        rel,
        "api",
        language,
        format!("api/ holds function files and the package has {sign}"),
    ))
}

/// A Netlify `netlify/functions/` folder holding function files.
fn netlify(dir: &Path, rel: &Path, pkg: &PackageJson) -> Option<Server> {
    let language = functions_language(pkg, &dir.join("netlify/functions"))?;
    Some(functions(
        ServerKind::NetlifyFunctions,
        rel,
        "netlify/functions",
        language,
        "netlify/functions/ holds function files".to_owned(),
    ))
}

fn functions(
    kind: ServerKind,
    rel: &Path,
    folder: &str,
    language: ServerLanguage,
    reason: String,
) -> Server {
    Server {
        kind,
        version: None,
        installed: false,
        package: rel.to_path_buf(),
        entry: under(rel, Path::new(folder)),
        app_file: None,
        runtime: ServerRuntime::Serverless,
        language,
        reason,
    }
}

/// The way from `from` to `to`, both relative to one folder
/// (`apps/web`, `apps/api` -> `../api`).
fn relative(from: &Path, to: &Path) -> PathBuf {
    let common = from
        .components()
        .zip(to.components())
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: PathBuf = from.components().skip(common).map(|_| "..").collect();
    out.extend(to.components().skip(common));
    out
}

/// `path` (relative to the package at `rel`) relative to the app.
fn under(rel: &Path, path: &Path) -> PathBuf {
    if rel == Path::new(".") {
        path.to_path_buf()
    } else {
        rel.join(path)
    }
}

fn slash(path: &Path) -> String {
    crate::specifier::slash(path)
}

#[cfg(test)]
mod tests;
