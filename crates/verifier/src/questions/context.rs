//! Widget tokens handed on through a React context: which widgets read a
//! context, directly (`authToken={useContext(TokenCtx)}`, `const token =
//! use(TokenCtx)`) or through a hook (`useWidgetToken()` returning
//! `useContext(TokenCtx).token`), and which context a provider element
//! gives a token to (`<TokenCtx.Provider value={token}>`, `<TokenCtx
//! value={{ token }}>`, or a local provider component given the token as a
//! prop).
//!
//! A context is identified by its `createContext` binding, resolved through
//! imports and re-exports. The answer is `None` (nothing proven) whenever a
//! use of the context or hook cannot be told: a mention that is not a read,
//! a value read and handed on in another way, a module that imports it but
//! was not parsed, several provider elements of it.

use workos_widgets_core::facts::render::{ContextRead, Export, ReadTarget};
use workos_widgets_core::specifier;

use super::{WidgetElement, local_file};
use crate::facts::{Facts, JsxFact, JsxKind, SourceFile};

/// How deep re-exports are followed.
const MAX_DEPTH: usize = 8;

/// A context or a hook: the file that declares it and its name there.
#[derive(Clone, Copy)]
struct Declared<'f> {
    file: &'f SourceFile,
    name: &'f str,
}

impl PartialEq for Declared<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.file.path == other.file.path && self.name == other.name
    }
}

/// A widget reading the value, with the keys picked on the way
/// (`useContext(C).token` picks `token`).
type Reader<'f> = (WidgetElement<'f>, Vec<String>);

/// What a token given to an element reaches through a context.
pub(super) enum Provided<'f> {
    /// Not a context provider: the caller follows it as before.
    NoProvider,
    /// A provider whose readers cannot all be told.
    Unknown,
    /// The widgets that read the token.
    Reached(Vec<WidgetElement<'f>>),
}

/// What a token bound to `given` and handed to `element` of `file`
/// reaches through a context (see [`Provided`]).
pub(super) fn provided<'f>(
    facts: &'f Facts,
    file: &'f SourceFile,
    element: &'f JsxFact,
    given: &str,
) -> Provided<'f> {
    if let Some(context) = provider_context(facts, file, element) {
        let Some(path) = element
            .attribute("value")
            .and_then(|value| value_path(&value.value_text, &|e| e == given))
        else {
            return Provided::Unknown;
        };
        return reached(facts, context, element, &path);
    }
    if element.kind != JsxKind::Local {
        return Provided::NoProvider;
    }
    let Some(component) = element
        .import_source
        .as_deref()
        .and_then(|source| local_file(facts, file, source))
    else {
        return Provided::NoProvider;
    };
    let providers: Vec<(&JsxFact, Declared<'f>)> = component
        .jsx
        .iter()
        .filter_map(|e| provider_context(facts, component, e).map(|c| (e, c)))
        .collect();
    let [(inner, context)] = providers.as_slice() else {
        return if providers.is_empty() {
            Provided::NoProvider
        } else {
            Provided::Unknown
        };
    };
    // The prop the token is given as: `<WidgetTokenProvider token={token}>`.
    let props: Vec<&str> = element
        .attributes
        .iter()
        .filter(|a| a.value_text.trim() == given)
        .map(|a| a.name.as_str())
        .collect();
    let ([prop], true) = (props.as_slice(), rendered_once(facts, component)) else {
        return Provided::Unknown;
    };
    let is_prop = |e: &str| e == *prop || e.strip_prefix("props.") == Some(prop);
    let Some(path) = inner
        .attribute("value")
        .and_then(|value| value_path(&value.value_text, &is_prop))
    else {
        return Provided::Unknown;
    };
    match reached(facts, *context, inner, &path) {
        Provided::Reached(mut widgets) => {
            widgets.extend(super::reached_widgets(facts, component));
            Provided::Reached(widgets)
        }
        other => other,
    }
}

/// The readers of `context` that get the value at `path`, when `element`
/// is its only provider element.
fn reached<'f>(
    facts: &'f Facts,
    context: Declared<'f>,
    element: &JsxFact,
    path: &[String],
) -> Provided<'f> {
    let providers = facts
        .files
        .iter()
        .flat_map(|f| f.jsx.iter().map(move |e| (f, e)))
        .filter(|(f, e)| provider_context(facts, f, e) == Some(context))
        .count();
    if providers != 1 || element.attribute("value").is_none() {
        return Provided::Unknown;
    }
    let Some(readers) = context_readers(facts, context) else {
        return Provided::Unknown;
    };
    let mut widgets = Vec::new();
    for (widget, keys) in readers {
        if keys == path {
            widgets.push(widget);
        } else if keys.starts_with(path) || path.starts_with(&keys) {
            // The reader gets the object holding the token, or reads a
            // member of the token: not a case told here.
            return Provided::Unknown;
        }
    }
    Provided::Reached(widgets)
}

/// The path of the token in a provider's `value`: `token` (the whole
/// value), `{ token }` or `{ authToken: token }` (that key). `None` when
/// the value is built otherwise.
fn value_path(text: &str, is_token: &dyn Fn(&str) -> bool) -> Option<Vec<String>> {
    let text = text.trim();
    if is_token(text) {
        return Some(Vec::new());
    }
    let inner = text.strip_prefix('{')?.strip_suffix('}')?;
    if inner.contains(['{', '(', '[', '.']) && !inner.contains("props.") {
        return None;
    }
    inner.split(',').find_map(|entry| {
        let entry = entry.trim();
        let (key, value) = entry.split_once(':').unwrap_or((entry, entry));
        is_token(value.trim()).then(|| vec![key.trim().to_owned()])
    })
}

/// The context `element` provides: `<X.Provider>` or React 19's `<X>`,
/// `X` a context.
fn provider_context<'f>(
    facts: &'f Facts,
    file: &'f SourceFile,
    element: &JsxFact,
) -> Option<Declared<'f>> {
    let name = element
        .name
        .strip_suffix(".Provider")
        .unwrap_or(&element.name);
    declaration(facts, file, name, 0).filter(|d| is_context(*d))
}

fn is_context(declared: Declared<'_>) -> bool {
    declared
        .file
        .render
        .contexts
        .created
        .iter()
        .any(|(name, _)| name == declared.name)
}

/// The reads returned by the hook `name` of `file`.
fn hook_reads<'f>(file: &'f SourceFile, name: &str) -> Vec<&'f ContextRead> {
    file.render
        .contexts
        .reads
        .iter()
        .filter(|r| matches!(&r.target, ReadTarget::Returned { hook, .. } if hook == name))
        .collect()
}

/// Where the name `local` of `file` is declared: a context it creates, a
/// hook it defines, or one it imports from a parsed local module.
fn declaration<'f>(
    facts: &'f Facts,
    file: &'f SourceFile,
    local: &str,
    depth: usize,
) -> Option<Declared<'f>> {
    if depth > MAX_DEPTH {
        return None;
    }
    if let Some((name, _)) = file
        .render
        .contexts
        .created
        .iter()
        .find(|(name, _)| name == local)
    {
        return Some(Declared { file, name });
    }
    if let Some(read) = hook_reads(file, local).first()
        && let ReadTarget::Returned { hook, .. } = &read.target
    {
        return Some(Declared { file, name: hook });
    }
    let (import, imported) = file.import_of(local)?;
    let target = local_file(facts, file, &import.source)?;
    exported(facts, target, imported, depth + 1)
}

/// What `file` exports as `name`, declared where.
fn exported<'f>(
    facts: &'f Facts,
    file: &'f SourceFile,
    name: &str,
    depth: usize,
) -> Option<Declared<'f>> {
    if depth > MAX_DEPTH {
        return None;
    }
    for export in &file.render.exports {
        match export {
            Export::Local { exported, local } if exported == name => {
                return declaration(facts, file, local, depth + 1);
            }
            Export::From {
                exported,
                imported,
                source,
            } if exported == name => {
                let next = local_file(facts, file, source)?;
                return self::exported(facts, next, imported, depth + 1);
            }
            _ => {}
        }
    }
    file.render.exports.iter().find_map(|export| match export {
        Export::Star { source } => local_file(facts, file, source)
            .and_then(|next| self::exported(facts, next, name, depth + 1)),
        _ => None,
    })
}

/// The widgets that read `context`, anywhere in the app, with the keys
/// they pick; `None` when some use of it cannot be told.
fn context_readers<'f>(facts: &'f Facts, context: Declared<'f>) -> Option<Vec<Reader<'f>>> {
    let mut readers = Vec::new();
    for (file, local) in users(facts, context)? {
        if !mentions_told(file, local, Told::Context) {
            return None;
        }
        for read in file
            .render
            .contexts
            .reads
            .iter()
            .filter(|r| r.context.as_deref() == Some(local))
        {
            let prefix: Vec<String> = read.key.iter().cloned().collect();
            match &read.target {
                ReadTarget::Returned { hook, .. } => {
                    let hook = Declared { file, name: hook };
                    if hook_reads(file, hook.name).len() != 1 {
                        return None;
                    }
                    for (widget, keys) in hook_readers(facts, hook)? {
                        readers.push((widget, [prefix.clone(), keys].concat()));
                    }
                }
                _ => readers.extend(
                    used(file, read)?
                        .into_iter()
                        .map(|(widget, keys)| (widget, [prefix.clone(), keys].concat())),
                ),
            }
        }
    }
    Some(readers)
}

/// The widgets that get the value of the hook `hook`, with the keys they
/// pick; `None` when some use of it cannot be told.
fn hook_readers<'f>(facts: &'f Facts, hook: Declared<'f>) -> Option<Vec<Reader<'f>>> {
    let mut readers = Vec::new();
    for (file, local) in users(facts, hook)? {
        if !mentions_told(file, local, Told::Hook) {
            return None;
        }
        for read in file
            .render
            .contexts
            .reads
            .iter()
            .filter(|r| r.context.is_none() && r.callee == local)
        {
            if matches!(read.target, ReadTarget::Returned { .. }) {
                // A hook returning a hook: not followed.
                return None;
            }
            let prefix: Vec<String> = read.key.iter().cloned().collect();
            readers.extend(
                used(file, read)?
                    .into_iter()
                    .map(|(widget, keys)| (widget, [prefix.clone(), keys].concat())),
            );
        }
    }
    Some(readers)
}

/// The parsed files that use `declared`, each with the name it has there;
/// `None` when a file that may use it was not parsed (it imports a module
/// that exposes it) or a module re-exports it.
fn users<'f>(facts: &'f Facts, declared: Declared<'f>) -> Option<Vec<(&'f SourceFile, &'f str)>> {
    let home = declared.file.path.as_path();
    if imported_unparsed(facts, home) {
        return None;
    }
    let mut found = Vec::new();
    for file in &facts.files {
        let reexports = file.render.exports.iter().any(|export| match export {
            Export::From { source, .. } | Export::Star { source } => {
                local_file(facts, file, source).is_some_and(|f| f.path == home)
            }
            Export::Local { .. } => false,
        });
        if reexports {
            return None;
        }
        if file.path == home {
            found.push((file, declared.name));
        }
        for import in &file.imports {
            for binding in &import.bindings {
                if declaration(facts, file, &binding.local, 0) == Some(declared) {
                    found.push((file, binding.local.as_str()));
                }
            }
        }
    }
    Some(found)
}

/// What mentions of a name may be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Told {
    Context,
    Hook,
}

/// Whether every mention of `local` in `file` is told: its import or
/// declaration, an export, a read (of the context, or a call of the hook),
/// a provider element of the context.
fn mentions_told(file: &SourceFile, local: &str, told: Told) -> bool {
    let text = file.text.as_str();
    let contexts = &file.render.contexts;
    word_positions(text, local).all(|at| {
        let within = |start: usize, end: usize| start <= at && at < end;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line = text[line_start..].trim_start();
        file.imports.iter().any(|i| within(i.span.start, i.span.end))
            || line.starts_with("export {")
            || line.starts_with("export default")
            || match told {
                Told::Context => {
                    contexts
                        .created
                        .iter()
                        .any(|(n, s)| n == local && within(s.start, s.end))
                        || contexts.reads.iter().any(|r| {
                            r.context.as_deref() == Some(local) && within(r.span.start, r.span.end)
                        })
                        || file.jsx.iter().any(|e| {
                            (e.name == local || e.name == format!("{local}.Provider"))
                                && (within(e.span.start, e.span.end)
                                    || closing_tag_at(text, at, e))
                        })
                }
                Told::Hook => contexts.reads.iter().any(|r| {
                    (r.context.is_none() && r.callee == local && r.span.start == at)
                        || matches!(&r.target, ReadTarget::Returned { hook, name } if hook == local && name.start == at)
                }),
            }
    })
}

/// Whether `at` is the name of `element`'s closing tag.
fn closing_tag_at(text: &str, at: usize, element: &JsxFact) -> bool {
    text[..at].trim_end().ends_with("</")
        && element.element.start < at
        && at < element.element.end
        && text[at..].starts_with(element.name.as_str())
}

/// The widgets that get the value `read` reads in `file`, with the keys
/// picked on the way: the widget whose `authToken` the read is, or those
/// given the variable it is bound to (`authToken={token}`). `None` when
/// the value goes elsewhere too.
fn used<'f>(file: &'f SourceFile, read: &ContextRead) -> Option<Vec<Reader<'f>>> {
    let text = file.text.as_str();
    match &read.target {
        ReadTarget::Other => {
            let expression = text.get(read.span.start..read.span.end)?;
            let widget = auth_token_of(file, read.span.start, |value| value == expression)?;
            Some(vec![(widget, Vec::new())])
        }
        ReadTarget::Bound { names, pattern } => {
            let mut found = Vec::new();
            for (key, local) in names {
                let bound_here = file
                    .render
                    .contexts
                    .reads
                    .iter()
                    .filter(|r| match &r.target {
                        ReadTarget::Bound { names, .. } => names.iter().any(|(_, l)| l == local),
                        _ => false,
                    })
                    .count();
                if bound_here != 1 {
                    return None;
                }
                let in_import = |at: usize| {
                    file.imports
                        .iter()
                        .any(|i| i.span.start <= at && at < i.span.end)
                };
                for at in word_positions(text, local) {
                    if (pattern.start <= at && at < pattern.end)
                        || in_import(at)
                        || is_attribute_name(file, at)
                    {
                        continue;
                    }
                    if let Some(widget) = auth_token_of(file, at, |value| value == local) {
                        found.push((widget, key.iter().cloned().collect()));
                    } else if !is_guard(text, at, local) {
                        return None;
                    }
                }
            }
            Some(found)
        }
        ReadTarget::Returned { .. } => None,
    }
}

/// The widget element of `file` whose `authToken` attribute holds the
/// offset `at` and whose value `is` accepts.
fn auth_token_of(
    file: &SourceFile,
    at: usize,
    is: impl Fn(&str) -> bool,
) -> Option<WidgetElement<'_>> {
    let before = file.text[..at].trim_end();
    let before = before.strip_suffix('{')?.trim_end().strip_suffix('=')?;
    if !before.trim_end().ends_with("authToken") {
        return None;
    }
    file.jsx.iter().find_map(|element| match element.kind {
        JsxKind::Widget(widget)
            if element.element.start < at
                && at < element.element.end
                && element
                    .attribute("authToken")
                    .is_some_and(|a| is(a.value_text.trim())) =>
        {
            Some((file, element, widget))
        }
        _ => None,
    })
}

/// Whether `at` is where a JSX attribute's name starts (`authToken=`).
fn is_attribute_name(file: &SourceFile, at: usize) -> bool {
    file.jsx
        .iter()
        .any(|e| e.attributes.iter().any(|a| a.name_span.start == at))
}

/// Whether the mention at `at` only tests the value: `!token`, `if
/// (token)`, `token ? ... : ...`, `token && ...`.
fn is_guard(text: &str, at: usize, local: &str) -> bool {
    let before = text[..at].trim_end();
    let after = text[at + local.len()..].trim_start();
    before.ends_with('!')
        || (after.starts_with('?') && !after.starts_with("?.") && !after.starts_with("??"))
        || after.starts_with("&&")
        || (after.starts_with(')')
            && before
                .strip_suffix('(')
                .is_some_and(|b| b.trim_end().ends_with("if")))
}

/// Whether the local component module `component` is rendered by one
/// element of the app, and only parsed modules import it.
fn rendered_once(facts: &Facts, component: &SourceFile) -> bool {
    let home = component.path.as_path();
    let elements = facts
        .files
        .iter()
        .flat_map(|f| f.jsx.iter().map(move |e| (f, e)))
        .filter(|(f, e)| {
            e.kind == JsxKind::Local
                && e.import_source
                    .as_deref()
                    .and_then(|s| local_file(facts, f, s))
                    .is_some_and(|target| target.path == home)
        })
        .count();
    !imported_unparsed(facts, home) && elements == 1
}

/// Whether a file that was not parsed imports the module `home`.
fn imported_unparsed(facts: &Facts, home: &std::path::Path) -> bool {
    facts.module_imports.iter().any(|(path, specifiers)| {
        facts.file(path).is_none()
            && specifiers.iter().any(|s| {
                specifier::resolve_module(&facts.project.root, path, s, &facts.project.module_paths)
                    .is_some_and(|target| target == home)
            })
    })
}

/// Offsets where `word` appears as a whole identifier.
fn word_positions<'t>(text: &'t str, word: &'t str) -> impl Iterator<Item = usize> + 't {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '$';
    text.match_indices(word)
        .map(|(at, _)| at)
        .filter(move |&at| {
            !text[..at].chars().next_back().is_some_and(is_ident)
                && !text[at + word.len()..].chars().next().is_some_and(is_ident)
                && !text[..at].ends_with('.')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_where_a_provider_value_holds_the_token() {
        let token = |e: &str| e == "token";
        assert_eq!(value_path("token", &token), Some(vec![]));
        assert_eq!(value_path("{ token }", &token), Some(vec!["token".into()]));
        assert_eq!(
            value_path("{ user, authToken: token }", &token),
            Some(vec!["authToken".into()])
        );
        assert_eq!(value_path("{ token: refresh(token) }", &token), None);
        assert_eq!(value_path("tokens[0]", &token), None);
        let prop = |e: &str| e == "token" || e.strip_prefix("props.") == Some("token");
        assert_eq!(
            value_path("{ token: props.token }", &prop),
            Some(vec!["token".into()])
        );
    }

    #[test]
    fn tells_a_test_of_the_value_from_a_use_of_it() {
        let text = "if (!token) return null\nif (token) go()\nconst a = token ? 1 : 2\nconst b = token && 1\nsend(token)\nconst c = token?.length\n";
        let at: Vec<bool> = word_positions(text, "token")
            .map(|at| is_guard(text, at, "token"))
            .collect();
        assert_eq!(at, [true, true, true, true, false, false]);
    }
}
