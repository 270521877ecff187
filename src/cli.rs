//! Command-line interface definition.

// The doc comments here are clap's `--help` text, printed as written: no
// Markdown, so no backticks.
#![allow(clippy::doc_markdown)]

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Set up WorkOS Widgets in a React app, then keep verifying the setup.
#[derive(Debug, Parser)]
#[command(name = "workos-widgets", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// Whether the command prints JSON (`--json`, `--format json|sarif`):
    /// then an error is printed as JSON on stdout too.
    pub fn wants_json(&self) -> bool {
        match &self.command {
            Command::Detect { json, .. } | Command::List { json } => *json,
            Command::Init(args) => args.flags.json,
            Command::Add(args) => args.flags.json,
            Command::Verify(args) => args.format != Format::Human,
            Command::Explain(_) | Command::Hook(_) => false,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print what the tool sees in a project: framework, language, package
    /// manager, entry files, providers, AuthKit, installed versions.
    Detect {
        /// The app's folder.
        #[arg(default_value = ".")]
        path: PathBuf,
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the widgets of @workos-inc/widgets 1.x.
    List {
        /// Print JSON.
        #[arg(long)]
        json: bool,
    },
    /// Set up WorkOS Widgets: dependencies, root and styles, widget
    /// components, token route, .env.example, manifest.
    Init(InitArgs),
    /// Add widgets to an app already set up with `init`.
    Add(AddArgs),
    /// Check the WorkOS Widgets setup: dependencies, root and styles, props,
    /// tokens and scopes, secrets, env (and optionally the build and a real
    /// token). Exit 0 without errors, 1 with errors, 2 on bad input.
    Verify(VerifyArgs),
    /// Explain a `verify` finding code: what it checks, why, examples.
    Explain(ExplainArgs),
    /// Git hooks.
    #[command(subcommand)]
    Hook(HookCommand),
}

/// How `verify` prints its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Grouped by file, with code frames (colours off under NO_COLOR or when piped).
    Human,
    /// One JSON document.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
}

#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The app's folder.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Apply the safe fixes (accessToken -> authToken, stylesheet imports,
    /// the <WorkOsWidgets> root, missing scopes, ...) and report the rest.
    #[arg(long)]
    pub fix: bool,
    /// Check only the files staged in git, plus the project-level facts.
    #[arg(long)]
    pub staged: bool,
    /// Also run the project's build script.
    #[arg(long)]
    pub build: bool,
    /// Stop the build after this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 300, requires = "build")]
    pub build_timeout: u64,
    /// Also mint a real widget token (WORKOS_API_KEY; WORKOS_API_BASE_URL
    /// overrides https://api.workos.com).
    #[arg(long, requires = "organization_id")]
    pub online: bool,
    /// The user the --online token is for.
    #[arg(long, value_name = "ID", requires = "online")]
    pub user_id: Option<String>,
    /// The organization the --online token is for.
    #[arg(long, value_name = "ID", requires = "online")]
    pub organization_id: Option<String>,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A finding code (e.g. WW302) or name (e.g. access-token-prop).
    #[arg(required_unless_present = "list")]
    pub code: Option<String>,
    /// List every code.
    #[arg(long, conflicts_with = "code")]
    pub list: bool,
}

#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Run `verify --staged` before each commit: through husky, lefthook or
    /// the pre-commit framework when the repository uses one, else
    /// .git/hooks/pre-commit.
    Install {
        /// The app's folder.
        #[arg(default_value = ".")]
        path: PathBuf,
    },
}

/// How widgets get their token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenStrategyArg {
    /// AuthKit when authkit-react or authkit-js is present, else backend.
    Auto,
    /// AuthKit's getAccessToken() in the browser; no server code.
    Authkit,
    /// A server route mints tokens with @workos-inc/node.
    Backend,
}

/// Which package manager installs the dependencies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PackageManagerArg {
    Auto,
    Npm,
    Pnpm,
    Yarn,
    Bun,
}

/// Flags shared by `init` and `add`.
#[derive(Debug, Args)]
pub struct ApplyFlags {
    /// Add the packages to package.json without installing them.
    #[arg(long)]
    pub no_install: bool,
    /// Show the changes as a diff and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Don't ask; accept the plan.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Print the plan and result as JSON.
    #[arg(long)]
    pub json: bool,
    /// Replace generated files you edited with fresh ones (never touches
    /// files the tool did not generate).
    #[arg(long)]
    pub force: bool,
    /// The package manager to install with.
    #[arg(long, value_enum, default_value_t = PackageManagerArg::Auto)]
    pub package_manager: PackageManagerArg,
    /// Next.js: don't generate a page per widget at /workos/<widget-id>.
    #[arg(long)]
    pub no_pages: bool,
    /// React Router, Remix, TanStack Start: the folder route modules go in,
    /// relative to the app (e.g. app/routes), when the app's config
    /// computes it (appDirectory, rootDirectory, routesDirectory).
    #[arg(long, value_name = "DIR")]
    pub routes_dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// The app's folder.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// Widgets to set up, comma-separated ids (see `workos-widgets list`).
    #[arg(long, value_delimiter = ',')]
    pub widgets: Vec<String>,
    /// How widgets get their token.
    #[arg(long, value_enum, default_value_t = TokenStrategyArg::Auto)]
    pub token_strategy: TokenStrategyArg,
    /// Which server hosts the token route: `auto` (the framework's own
    /// server, else the one server `detect` finds beside the app, else the
    /// Vite dev server), `vite-dev`, or the PATH of a detected server (its
    /// entry file, app file or package folder).
    #[arg(long, value_name = "PATH|auto|vite-dev", default_value = "auto")]
    pub backend: String,
    #[command(flatten)]
    pub flags: ApplyFlags,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Widget ids to add, optionally followed by the app's folder.
    #[arg(required = true, value_name = "WIDGET... [PATH]")]
    pub args: Vec<String>,
    #[command(flatten)]
    pub flags: ApplyFlags,
}
