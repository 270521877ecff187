//! The file a server package starts from: the file a `start`-like script
//! runs with node/tsx/ts-node/bun, else package.json `main`, else the usual
//! places (`server/index.*`, `src/main.ts`, ...).

use std::path::{Path, PathBuf};

use crate::package_json::PackageJson;

/// The scripts that start a server, in the order they are asked.
const SCRIPTS: [&str; 9] = [
    "start",
    "dev:server",
    "server",
    "start:server",
    "serve",
    "dev:api",
    "start:api",
    "start:dev",
    "dev",
];

/// The programs that run a server file.
const RUNNERS: [&str; 7] = [
    "node",
    "tsx",
    "ts-node",
    "ts-node-dev",
    "bun",
    "nodemon",
    "node-dev",
];

/// Where server entries usually are, relative to the package.
const CONVENTIONS: [&str; 12] = [
    "server/index",
    "server",
    "src/server/index",
    "src/server",
    "src/main",
    "src/index",
    "src/app",
    "api/index",
    "index",
    "app",
    "main",
    "bin/www",
];

/// The extensions a module file can have.
pub(super) const EXTENSIONS: [&str; 7] = ["ts", "mts", "cts", "js", "mjs", "cjs", "tsx"];

/// A package's server entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// Relative to the package.
    pub file: PathBuf,
    /// The runner a script uses (`node`, `tsx`, `bun`, ...).
    pub runner: Option<String>,
    /// How it was found.
    pub reason: String,
}

/// The candidate entries of the package at `dir`, best first: the file a
/// start script runs, `main`, then the usual places.
pub(super) fn candidates(dir: &Path, pkg: &PackageJson) -> Vec<Entry> {
    let mut out: Vec<Entry> = from_scripts(dir, pkg).into_iter().collect();
    if let Some(main) = pkg.string("main")
        && let Some(file) = resolve(dir, Path::new(main))
    {
        out.push(Entry {
            file,
            runner: None,
            reason: format!("package.json `main` is {main}"),
        });
    }
    out.extend(CONVENTIONS.iter().filter_map(|stem| {
        let file = resolve(dir, Path::new(stem))?;
        Some(Entry {
            reason: format!("{} is where servers usually start", slash(&file)),
            file,
            runner: None,
        })
    }));
    out
}

fn from_scripts(dir: &Path, pkg: &PackageJson) -> Option<Entry> {
    let scripts = pkg.value.get("scripts")?;
    SCRIPTS.iter().find_map(|name| {
        let script = scripts.get(*name)?.as_str()?;
        let (runner, file) = runs(dir, script)?;
        Some(Entry {
            reason: format!("the `{name}` script runs {} with {runner}", slash(&file)),
            file,
            runner: Some(runner),
        })
    })
}

/// The runner and the file a script line runs (`node --watch server/index.js`,
/// `tsx watch src/index.ts`, `cross-env X=1 node dist/a.js`).
fn runs(dir: &Path, script: &str) -> Option<(String, PathBuf)> {
    let mut runner = None;
    for token in script.split(|c: char| c.is_whitespace() || matches!(c, '&' | ';' | '|')) {
        let token = token.trim_matches(['\'', '"']);
        if token.is_empty() {
            continue;
        }
        let program = token.rsplit('/').next().unwrap_or(token);
        if RUNNERS.contains(&program) {
            runner = Some(program.to_owned());
            continue;
        }
        if let Some(runner) = &runner
            && !token.starts_with('-')
            && let Some(file) = resolve(dir, Path::new(token))
        {
            return Some((runner.clone(), file));
        }
    }
    None
}

/// `spec` (relative to `dir`) as an existing file, trying the module
/// extensions and `/index.*` (and `.ts` for a `.js` written in TS ESM).
pub(super) fn resolve(dir: &Path, spec: &Path) -> Option<PathBuf> {
    let spec = spec.strip_prefix("./").unwrap_or(spec).to_path_buf();
    let is_file = |p: &Path| dir.join(p).is_file();
    if is_file(&spec) && dir.join(&spec).extension().is_none_or(|e| e != "json") {
        return Some(spec);
    }
    if spec
        .extension()
        .is_some_and(|e| e == "js" || e == "mjs" || e == "cjs")
    {
        for ext in ["ts", "mts", "cts", "tsx"] {
            let candidate = spec.with_extension(ext);
            if is_file(&candidate) {
                return Some(candidate);
            }
        }
    }
    let with_ext = |base: &Path| {
        EXTENSIONS.iter().find_map(|ext| {
            let mut name = base.as_os_str().to_owned();
            name.push(format!(".{ext}"));
            let candidate = PathBuf::from(name);
            is_file(&candidate).then_some(candidate)
        })
    };
    with_ext(&spec).or_else(|| with_ext(&spec.join("index")))
}

fn slash(path: &Path) -> String {
    crate::specifier::slash(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_names_the_file_its_runner_runs() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("server")).unwrap();
        std::fs::write(dir.path().join("server/index.ts"), "").unwrap();
        assert_eq!(
            runs(dir.path(), "tsx watch server/index.ts"),
            Some(("tsx".to_owned(), PathBuf::from("server/index.ts")))
        );
        assert_eq!(
            runs(
                dir.path(),
                "vite build && NODE_ENV=production node --env-file=.env ./server"
            ),
            Some(("node".to_owned(), PathBuf::from("server/index.ts")))
        );
        assert_eq!(runs(dir.path(), "vite"), None);
        assert_eq!(runs(dir.path(), "node missing.js"), None);
    }

    #[test]
    fn falls_back_to_main_then_conventions() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("src")).unwrap();
        std::fs::write(dir.path().join("src/main.ts"), "").unwrap();
        std::fs::write(dir.path().join("app.js"), "").unwrap();
        let pkg = |json: &str| {
            PackageJson::parse(dir.path().join("package.json"), json.to_owned()).unwrap()
        };
        let first = |json: &str| candidates(dir.path(), &pkg(json)).remove(0);
        assert_eq!(first(r#"{"main":"app.js"}"#).file, PathBuf::from("app.js"));
        let entry = first("{}");
        assert_eq!(entry.file, PathBuf::from("src/main.ts"));
        assert_eq!(entry.reason, "src/main.ts is where servers usually start");
    }
}
