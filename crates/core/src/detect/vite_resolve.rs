//! What `vite.config.*` tells about the specifiers Vite resolves, read
//! without running it: the tsconfig paths plugin (`vite-tsconfig-paths`),
//! Vite 8's `resolve.tsconfigPaths: true`, and `resolve.alias` entries whose
//! replacement is a folder of the app (`'/src'`, `path.resolve(__dirname,
//! 'src')`, `fileURLToPath(new URL('./src', import.meta.url))`).

use std::path::{Path, PathBuf};

use oxc_ast::ast::{
    Argument, ArrayExpressionElement, Expression, ObjectExpression, ObjectPropertyKind, Program,
};

use super::config_value as value;
use crate::js;
use crate::specifier::{PathAlias, normalize};

/// Packages whose default export is a Vite plugin applying tsconfig `paths`.
pub const TSCONFIG_PATHS_PLUGINS: [&str; 2] = ["vite-tsconfig-paths", "vite-plugin-tsconfig-paths"];

/// The resolution options of one Vite config.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViteResolve {
    /// The config file, relative to the app.
    pub file: PathBuf,
    /// The tsconfig paths plugin package the config calls, if any.
    pub tsconfig_paths_plugin: Option<&'static str>,
    /// `resolve.tsconfigPaths: true` (an option of Vite 8 and later).
    pub tsconfig_paths_option: bool,
    /// `resolve.alias` entries mapping a prefix to a folder of the app, as
    /// the specifier prefix (`@/`) and the folder.
    pub aliases: Vec<PathAlias>,
}

/// Reads `config` (relative to `root`); `None` when it cannot be read or
/// parsed.
pub fn read(root: &Path, config: &Path) -> Option<ViteResolve> {
    let text = std::fs::read_to_string(root.join(config)).ok()?;
    let allocator = oxc_allocator::Allocator::default();
    let program = js::parse(&allocator, config, &text).ok()?;
    let tsconfig_paths_plugin = TSCONFIG_PATHS_PLUGINS.into_iter().find(|package| {
        let names = value::imported_as(&program, &[package], "default");
        !value::calls_to(&program, &names).is_empty()
    });
    let resolve = exported_config(&program)
        .and_then(|config| value::property(config, "resolve"))
        .and_then(|r| value::object(&program, r));
    let tsconfig_paths_option = resolve
        .and_then(|r| value::property(r, "tsconfigPaths"))
        .is_some_and(
            |v| matches!(value::resolve(&program, v), Expression::BooleanLiteral(b) if b.value),
        );
    let aliases = resolve
        .and_then(|r| value::property(r, "alias"))
        .map(|a| aliases(&program, a))
        .unwrap_or_default();
    Some(ViteResolve {
        file: config.to_path_buf(),
        tsconfig_paths_plugin,
        tsconfig_paths_option,
        aliases,
    })
}

/// The config object: what [`value::default_export_object`] finds, or the
/// object a `defineConfig(() => ({ ... }))` function returns.
fn exported_config<'b, 'a>(program: &'b Program<'a>) -> Option<&'b ObjectExpression<'a>> {
    if let Some(object) = value::default_export_object(program) {
        return Some(object);
    }
    let exported = value::resolve(program, value::default_export(program)?);
    let function = match exported {
        Expression::CallExpression(call) => {
            value::resolve(program, call.arguments.first()?.as_expression()?)
        }
        other => other,
    };
    let Expression::ArrowFunctionExpression(arrow) = function else {
        return None;
    };
    let body = match &arrow.body {
        oxc_ast::ast::ArrowFunctionBody::FunctionBody(body) => {
            body.statements.iter().find_map(|s| match s {
                oxc_ast::ast::Statement::ReturnStatement(r) => r.argument.as_ref(),
                _ => None,
            })?
        }
        other => other.as_expression()?,
    };
    value::object(program, body)
}

/// The entries of `resolve.alias` (object or `{ find, replacement }` array
/// form) whose key is a string and whose replacement names an app folder.
fn aliases(program: &Program<'_>, alias: &Expression<'_>) -> Vec<PathAlias> {
    let mut found = Vec::new();
    match value::resolve(program, alias) {
        Expression::ObjectExpression(object) => {
            for property in &object.properties {
                let ObjectPropertyKind::ObjectProperty(p) = property else {
                    continue;
                };
                if let Some(find) = p.key.static_name() {
                    found.extend(entry(program, &find, &p.value));
                }
            }
        }
        Expression::ArrayExpression(array) => {
            for element in &array.elements {
                let Some(object) = element_object(program, element) else {
                    continue;
                };
                let find = value::property(object, "find").and_then(|f| literal(program, f));
                let replacement = value::property(object, "replacement");
                if let (Some(find), Some(replacement)) = (find, replacement) {
                    found.extend(entry(program, &find, replacement));
                }
            }
        }
        _ => {}
    }
    found
}

fn element_object<'b, 'a>(
    program: &'b Program<'a>,
    element: &'b ArrayExpressionElement<'a>,
) -> Option<&'b ObjectExpression<'a>> {
    value::object(program, element.as_expression()?)
}

/// One alias entry as Vite applies it: a specifier equal to `find` or
/// starting with `find/` has `find` replaced by the folder.
fn entry(program: &Program<'_>, find: &str, replacement: &Expression<'_>) -> Option<PathAlias> {
    if find.is_empty() || find.starts_with('.') || find.starts_with('/') {
        return None;
    }
    let (dir, trailing_slash) = folder(program, replacement)?;
    // `'@/': '/src'` turns `@/x` into `/srcx`: no folder mapping.
    if find.ends_with('/') && !trailing_slash {
        return None;
    }
    Some(PathAlias {
        prefix: if find.ends_with('/') {
            find.to_owned()
        } else {
            format!("{find}/")
        },
        dir,
    })
}

/// The app folder (relative to the config's folder, the app) a
/// replacement names, and whether it ends with `/`.
fn folder(program: &Program<'_>, replacement: &Expression<'_>) -> Option<(PathBuf, bool)> {
    match value::resolve(program, replacement) {
        Expression::CallExpression(call) => {
            let name = call.callee_name()?;
            let parts: Vec<String> = match name {
                // path.resolve(__dirname, 'src'), join(import.meta.dirname, './src')
                "resolve" | "join" => {
                    let (first, rest) = call.arguments.split_first()?;
                    if !is_config_dir(first.as_expression()?) {
                        return None;
                    }
                    rest.iter()
                        .map(|a| literal(program, a.as_expression()?))
                        .collect::<Option<_>>()?
                }
                // fileURLToPath(new URL('./src', import.meta.url))
                "fileURLToPath" => vec![url_path(program, call.arguments.first()?)?],
                _ => return None,
            };
            let joined: PathBuf = parts.iter().collect();
            if parts.iter().any(|p| p.starts_with('/')) {
                return None;
            }
            Some((normalize(&joined)?, false))
        }
        other => {
            let text = literal(program, other)?;
            let rooted = text.strip_prefix('/')?;
            Some((normalize(Path::new(rooted))?, text.ends_with('/')))
        }
    }
}

/// `new URL('./src', import.meta.url)`: the relative path.
fn url_path(program: &Program<'_>, argument: &Argument<'_>) -> Option<String> {
    let Expression::NewExpression(new) = value::resolve(program, argument.as_expression()?) else {
        return None;
    };
    let is_url = matches!(&new.callee, Expression::Identifier(id) if id.name == "URL");
    let base_is_config = new
        .arguments
        .get(1)
        .and_then(Argument::as_expression)
        .is_some_and(|e| is_import_meta(e, "url"));
    if !is_url || !base_is_config {
        return None;
    }
    let path = literal(program, new.arguments.first()?.as_expression()?)?;
    path.starts_with("./").then_some(path)
}

/// `__dirname` or `import.meta.dirname`: the config's folder.
fn is_config_dir(expr: &Expression<'_>) -> bool {
    matches!(js::unwrap_expression(expr), Expression::Identifier(id) if id.name == "__dirname")
        || is_import_meta(expr, "dirname")
}

/// `import.meta.<property>`.
fn is_import_meta(expr: &Expression<'_>, property: &str) -> bool {
    match js::unwrap_expression(expr) {
        Expression::StaticMemberExpression(m) => {
            m.property.name == property && matches!(&m.object, Expression::ImportMeta(_))
        }
        _ => false,
    }
}

/// A string literal (or a const holding one).
fn literal(program: &Program<'_>, expr: &Expression<'_>) -> Option<String> {
    match value::string(program, program.source_text, expr) {
        value::Value::Text(text) => Some(text),
        value::Value::Computed { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_config(text: &str) -> ViteResolve {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("vite.config.ts"), text).unwrap();
        read(dir.path(), Path::new("vite.config.ts")).unwrap()
    }

    fn alias(prefix: &str, dir: &str) -> PathAlias {
        PathAlias {
            prefix: prefix.to_owned(),
            dir: PathBuf::from(dir),
        }
    }

    #[test]
    fn reads_the_tsconfig_paths_plugin_under_any_local_name() {
        let config = read_config(
            "import paths from 'vite-tsconfig-paths'\nexport default defineConfig({ plugins: [react(), paths()] })",
        );
        assert_eq!(config.tsconfig_paths_plugin, Some("vite-tsconfig-paths"));
        let imported_only =
            read_config("import paths from 'vite-tsconfig-paths'\nexport default { plugins: [] }");
        assert_eq!(imported_only.tsconfig_paths_plugin, None, "never called");
    }

    #[test]
    fn reads_resolve_tsconfig_paths_and_folder_aliases() {
        let config = read_config(
            r##"import path from "node:path";
import { fileURLToPath, URL } from "node:url";
const SRC = "/src";
export default defineConfig(({ mode }) => ({
  resolve: {
    tsconfigPaths: true,
    alias: {
      "@": path.resolve(__dirname, "./src"),
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "$lib/": "/src/lib/",
      "#broken/": "/src",
      root: SRC,
      pkg: "some-package",
      computed: path.resolve(process.cwd(), "x"),
    },
  },
}));"##,
        );
        assert!(config.tsconfig_paths_option);
        assert_eq!(
            config.aliases,
            [
                alias("@/", "src"),
                alias("~/", "app"),
                alias("$lib/", "src/lib"),
                alias("root/", "src"),
            ]
        );
    }

    #[test]
    fn reads_the_array_form_of_resolve_alias() {
        let config = read_config(
            "export default { resolve: { alias: [{ find: '@', replacement: join(import.meta.dirname, 'src') }, { find: /^x/, replacement: '/x' }] } }",
        );
        assert_eq!(config.aliases, [alias("@/", "src")]);
        assert!(!config.tsconfig_paths_option);
    }
}
