//! What a detected server is: its kind, version, files, language and why
//! it was picked ([`Server`]).

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// A server kind `detect` recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServerKind {
    /// Express 4/5 (`express()`).
    Express,
    /// Fastify 4/5 (`Fastify()` / `fastify()`).
    Fastify,
    /// Hono 4 (`new Hono()`).
    Hono,
    /// `NestJS` 10/11 (`NestFactory.create(AppModule)`).
    NestJs,
    /// Vercel functions in `api/`.
    VercelFunctions,
    /// Netlify functions in `netlify/functions/`.
    NetlifyFunctions,
}

impl ServerKind {
    /// The npm package that names the kind (`None` for a functions folder).
    pub const fn package(self) -> Option<&'static str> {
        match self {
            ServerKind::Express => Some("express"),
            ServerKind::Fastify => Some("fastify"),
            ServerKind::Hono => Some("hono"),
            ServerKind::NestJs => Some("@nestjs/core"),
            ServerKind::VercelFunctions | ServerKind::NetlifyFunctions => None,
        }
    }

    /// The kinds that run as a long-lived Node (or Bun) process, in
    /// detection order.
    pub const PROCESSES: [ServerKind; 4] = [
        ServerKind::NestJs,
        ServerKind::Express,
        ServerKind::Fastify,
        ServerKind::Hono,
    ];
}

impl fmt::Display for ServerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ServerKind::Express => "Express",
            ServerKind::Fastify => "Fastify",
            ServerKind::Hono => "Hono",
            ServerKind::NestJs => "NestJS",
            ServerKind::VercelFunctions => "Vercel functions",
            ServerKind::NetlifyFunctions => "Netlify functions",
        })
    }
}

/// Where the server's code runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServerRuntime {
    /// A Node process.
    Node,
    /// Bun (`bun` runs the entry).
    Bun,
    /// Cloudflare Workers (a `wrangler` config beside it).
    Workers,
    /// A serverless platform's functions.
    Serverless,
}

/// The module system the server's files are loaded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ModuleKind {
    /// ES modules (`import`).
    Esm,
    /// CommonJS (`require`).
    Cjs,
}

/// The language of the server's files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ServerLanguage {
    /// TypeScript (the entry is `.ts`/`.mts`/`.cts`).
    pub typescript: bool,
    /// ESM or CJS, from package.json `type` and the extension.
    pub module: ModuleKind,
}

impl fmt::Display for ServerLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let language = if self.typescript {
            "TypeScript"
        } else {
            "JavaScript"
        };
        let module = match self.module {
            ModuleKind::Esm => "ESM",
            ModuleKind::Cjs => "CommonJS",
        };
        write!(f, "{language}, {module}")
    }
}

/// A server beside the app: in its own package or a workspace package.
#[derive(Debug, Clone, Serialize)]
pub struct Server {
    pub kind: ServerKind,
    /// The installed version, else the declared range.
    pub version: Option<String>,
    /// Whether `version` is the installed one (else the declared range).
    pub installed: bool,
    /// The server's package folder, relative to the app (`.` for the app's
    /// own package).
    pub package: PathBuf,
    /// The file the server starts from (the functions folder for
    /// serverless functions), relative to the app.
    pub entry: PathBuf,
    /// The file that creates the app object (`express()`, `new Hono()`,
    /// ...), relative to the app; `None` when it was not found (or for
    /// functions folders).
    pub app_file: Option<PathBuf>,
    pub runtime: ServerRuntime,
    pub language: ServerLanguage,
    /// Why it was picked, for `detect` and the plan's notes.
    pub reason: String,
}

impl Server {
    /// Whether the server lives in the app's own package.
    pub fn in_app_package(&self) -> bool {
        self.package.as_os_str() == "."
    }
}
