//! The alias generated imports are written with: one the app's bundler
//! resolves (and TypeScript too, in a TypeScript app), else none (relative
//! specifiers).
//!
//! Next.js applies tsconfig/jsconfig `paths` itself. Vite (and React
//! Router, Remix and TanStack Start, which build with it) applies them only
//! through the `vite-tsconfig-paths` plugin or, from Vite 8,
//! `resolve.tsconfigPaths: true`; it always resolves package.json `imports`
//! (`"#/*": "./src/*"`) and its own `resolve.alias`. TypeScript resolves
//! only its `paths` for extensionless specifiers (package.json `imports`
//! need the file extension written), so in a TypeScript app an alias is
//! used only when a tsconfig maps it too.

use std::path::Path;

use crate::package_json::PackageJson;
use crate::project::{Framework, GeneratedImports, ImportAliasSource, Language};
use crate::specifier::{PathAlias, PathEntry, slash};

use super::vite_resolve::ViteResolve;

/// What the decision reads.
pub struct Inputs<'p> {
    pub root: &'p Path,
    pub framework: Framework,
    pub language: Language,
    pub package_json: &'p PackageJson,
    /// The tsconfig/jsconfig alias the app declares (see `super::alias`).
    pub path_alias: Option<&'p PathAlias>,
    /// What `vite.config.*` says about resolution.
    pub vite: Option<&'p ViteResolve>,
}

/// Decides the alias of generated imports.
pub fn detect(inputs: &Inputs<'_>) -> GeneratedImports {
    let tsconfig_paths = super::module_paths::tsconfig_paths(inputs.root);
    let package_imports: Vec<PathAlias> =
        super::module_paths::package_imports(&inputs.package_json.value)
            .iter()
            .filter_map(wildcard)
            .collect();
    match inputs.framework {
        Framework::NextJs => match inputs.path_alias {
            Some(alias) => GeneratedImports::aliased(
                alias,
                ImportAliasSource::TsconfigPaths,
                format!(
                    "Next.js resolves the tsconfig/jsconfig paths alias `{}*` itself",
                    alias.prefix
                ),
            ),
            None => GeneratedImports::relative("the app declares no tsconfig/jsconfig paths alias"),
        },
        Framework::Vite | Framework::ReactRouter | Framework::Remix | Framework::TanstackStart => {
            vite_based(inputs, inputs.vite, &tsconfig_paths, &package_imports)
        }
        Framework::CreateReactApp | Framework::Unknown => {
            GeneratedImports::relative("no bundler this tool knows resolves an alias here")
        }
    }
}

/// A Vite-built app: the tsconfig alias when Vite applies it, else a
/// package.json `imports` alias, else a `resolve.alias` prefix, else none.
fn vite_based(
    inputs: &Inputs<'_>,
    vite: Option<&ViteResolve>,
    tsconfig_paths: &[PathEntry],
    package_imports: &[PathAlias],
) -> GeneratedImports {
    let config = vite.map_or_else(|| "vite.config".to_owned(), |v| slash(&v.file));
    let vite_major = vite_major(inputs.root, inputs.package_json);
    let option_applies =
        vite.is_some_and(|v| v.tsconfig_paths_option) && vite_major.is_some_and(|major| major >= 8);
    if let Some(alias) = inputs.path_alias {
        let pattern = format!("`{}*`", alias.prefix);
        let resolved_by = vite
            .and_then(|v| v.tsconfig_paths_plugin)
            .map(|plugin| format!("{config} applies tsconfig paths with {plugin}"))
            .or_else(|| {
                option_applies.then(|| format!("{config} sets resolve.tsconfigPaths: true"))
            })
            .or_else(|| {
                package_imports.contains(alias).then(|| {
                    "package.json `imports` maps it the same way, which Vite resolves".to_owned()
                })
            })
            .or_else(|| {
                vite.filter(|v| v.aliases.contains(alias))
                    .map(|_| format!("{config} maps it the same way in resolve.alias"))
            });
        if let Some(why) = resolved_by {
            return GeneratedImports::aliased(
                alias,
                ImportAliasSource::TsconfigPaths,
                format!("the tsconfig/jsconfig paths alias {pattern}: {why}"),
            );
        }
    }
    let typescript_maps = |alias: &PathAlias| {
        inputs.language == Language::JavaScript
            || tsconfig_paths
                .iter()
                .filter_map(wildcard)
                .any(|entry| entry == *alias)
    };
    let unresolved = inputs.path_alias.map(|alias| {
        let option = if vite.is_some_and(|v| v.tsconfig_paths_option) && !option_applies {
            format!(
                "resolve.tsconfigPaths needs Vite 8 (this app has Vite {})",
                vite_major.map_or_else(|| "of an unknown version".to_owned(), |m| m.to_string())
            )
        } else {
            "no resolve.tsconfigPaths: true (Vite 8)".to_owned()
        };
        format!(
            "Vite does not resolve the tsconfig/jsconfig paths alias `{}*` ({config}: no vite-tsconfig-paths plugin, {option}, no resolve.alias for it)",
            alias.prefix
        )
    });
    let because = |what: String| match &unresolved {
        Some(unresolved) => format!("{what}; {unresolved}"),
        None => what,
    };
    let mut imports: Vec<&PathAlias> = package_imports
        .iter()
        .filter(|a| typescript_maps(a))
        .collect();
    imports.sort_by_key(|a| a.prefix != "#/");
    if let Some(alias) = imports.first() {
        return GeneratedImports::aliased(
            alias,
            ImportAliasSource::PackageImports,
            because(format!(
                "package.json `imports` maps `{}*` to ./{}, which Vite resolves",
                alias.prefix,
                folder(alias)
            )),
        );
    }
    if let Some(alias) = vite
        .into_iter()
        .flat_map(|v| &v.aliases)
        .find(|a| typescript_maps(a))
    {
        return GeneratedImports::aliased(
            alias,
            ImportAliasSource::ViteAlias,
            because(format!(
                "{config} resolve.alias maps `{}` to ./{}",
                alias.prefix.trim_end_matches('/'),
                folder(alias)
            )),
        );
    }
    GeneratedImports::relative(&unresolved.unwrap_or_else(|| {
        "the app declares no alias Vite resolves (tsconfig paths with vite-tsconfig-paths, package.json `imports`, resolve.alias)".to_owned()
    }))
}

/// A wildcard entry (`#/*` -> `src/*`) as a prefix and a folder.
fn wildcard(entry: &PathEntry) -> Option<PathAlias> {
    let prefix = entry.key.strip_suffix('*')?;
    let target = entry.targets.first()?;
    let dir = if target == "*" {
        ""
    } else {
        target.strip_suffix("/*")?
    };
    if prefix.is_empty() || prefix.contains('*') || dir.contains('*') || !prefix.ends_with('/') {
        return None;
    }
    Some(PathAlias {
        prefix: prefix.to_owned(),
        dir: dir.into(),
    })
}

fn folder(alias: &PathAlias) -> String {
    let dir = slash(&alias.dir);
    if dir.is_empty() {
        "*".to_owned()
    } else {
        format!("{dir}/*")
    }
}

/// Vite's major version: installed, else the declared minimum.
fn vite_major(root: &Path, package_json: &PackageJson) -> Option<u64> {
    super::installed::version(root, "vite")
        .and_then(|v| semver::Version::parse(&v).ok())
        .or_else(|| {
            package_json
                .declared("vite")
                .and_then(crate::package_json::minimum_of_range)
        })
        .map(|v| v.major)
}
