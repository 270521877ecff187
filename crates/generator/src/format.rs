//! Formats planned files with the project's own formatter when it is
//! installed and configured: Prettier through one `node` process for every
//! file (a line of JSON in, a line of JSON out), Biome through its CLI.
//! Any failure falls back to the restyled text with a note; it is never an
//! error.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use workos_widgets_core::code_style::{CodeStyle, FormatterKind};
use workos_widgets_core::detect::installed::Lookup;

/// How long one file may take (the first includes loading Prettier).
const PER_FILE: Duration = Duration::from_secs(30);

/// Set to any value to skip the project's formatter (the restyled text is
/// used as it is).
pub const DISABLE_ENV: &str = "WORKOS_WIDGETS_NO_FORMATTER";

/// The Prettier server: loads the project's Prettier (v2 or v3), then for
/// each `{"file", "text"}` line answers `{"ok", "text"}` or `{"ok": false,
/// "error"}`, in order.
const PRETTIER_SERVER: &str = r#"
const { createRequire } = require('module');
const path = require('path');
const readline = require('readline');
const root = process.cwd();
const send = (reply) => process.stdout.write(JSON.stringify(reply) + '\n');
let prettier;
try {
  prettier = createRequire(path.join(root, 'package.json'))('prettier');
} catch (e) {
  prettier = null;
  var loadError = String((e && e.message) || e);
}
let chain = Promise.resolve();
readline.createInterface({ input: process.stdin }).on('line', (line) => {
  chain = chain.then(async () => {
    if (!prettier) return send({ ok: false, error: 'cannot load prettier: ' + loadError });
    try {
      const { file, text } = JSON.parse(line);
      const info = await prettier.getFileInfo(file, { ignorePath: path.join(root, '.prettierignore') });
      if (info && info.ignored) return send({ ok: true, text });
      const config = (await prettier.resolveConfig(file)) || {};
      send({ ok: true, text: await prettier.format(text, { ...config, filepath: file }) });
    } catch (e) {
      send({ ok: false, error: String((e && e.message) || e) });
    }
  });
});
"#;

/// The project's formatter, started on first use.
pub struct Formatter {
    kind: FormatterKind,
    root: PathBuf,
    /// Biome's executable, in the `node_modules/.bin` beside the package
    /// the app resolves (the workspace root's for a hoisted one).
    biome: Option<PathBuf>,
    prettier: Option<PrettierProcess>,
    /// Why formatting stopped (then every file keeps the restyled text).
    failed: Option<String>,
}

struct PrettierProcess {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<String>,
    /// SIGPIPE's disposition before the process started: ignored while it
    /// runs, so writing to a `node` that exited is an error, not the end of
    /// this process (the CLI restores the default disposition for `| head`).
    _sigpipe: SigpipeIgnored,
}

/// Ignores SIGPIPE until dropped, then restores what was there.
struct SigpipeIgnored {
    #[cfg(unix)]
    previous: libc::sighandler_t,
}

impl SigpipeIgnored {
    fn new() -> Self {
        #[cfg(unix)]
        {
            // SAFETY: `signal` swaps the process-wide disposition of SIGPIPE;
            // the previous one is restored on drop. Nothing in this process
            // installs a SIGPIPE handler concurrently.
            let previous = unsafe { libc::signal(libc::SIGPIPE, libc::SIG_IGN) };
            Self { previous }
        }
        #[cfg(not(unix))]
        Self {}
    }
}

impl Drop for SigpipeIgnored {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: restores the disposition saved in `new`.
        unsafe {
            libc::signal(libc::SIGPIPE, self.previous);
        }
    }
}

impl Formatter {
    /// The formatter for the project at `root`, when it configures one that
    /// is installed in a `node_modules` the app resolves (its own or one up
    /// to the workspace root; a Plug'n'Play install is not run).
    pub fn for_project(root: &Path, style: &CodeStyle) -> Option<Self> {
        if std::env::var_os(DISABLE_ENV).is_some() {
            return None;
        }
        let info = style.formatter.as_ref()?;
        info.installed.as_ref()?;
        let installed = Lookup::new(root);
        let biome = match info.kind {
            FormatterKind::Prettier => {
                installed.manifest("prettier")?;
                None
            }
            FormatterKind::Biome => Some(installed.bin("@biomejs/biome", "biome")?),
        };
        Some(Self {
            kind: info.kind,
            root: root.to_path_buf(),
            biome,
            prettier: None,
            failed: None,
        })
    }

    /// Why formatting failed, once it has.
    pub fn failure(&self) -> Option<String> {
        let name = match self.kind {
            FormatterKind::Prettier => "Prettier",
            FormatterKind::Biome => "Biome",
        };
        self.failed.as_ref().map(|why| {
            format!(
                "could not run the project's {name} ({why}): the generated code follows the detected code style instead; run {name} on it yourself"
            )
        })
    }

    /// `text` formatted as the file `path` (relative to the root); `None`
    /// when formatting failed.
    pub fn format(&mut self, path: &str, text: &str) -> Option<String> {
        if self.failed.is_some() {
            return None;
        }
        let result = match self.kind {
            FormatterKind::Prettier => self.prettier(path, text),
            FormatterKind::Biome => self.biome(path, text),
        };
        match result {
            Ok(formatted) => Some(formatted),
            Err(why) => {
                self.failed = Some(why);
                if let Some(mut process) = self.prettier.take() {
                    let _ = process.child.kill();
                    let _ = process.child.wait();
                }
                None
            }
        }
    }

    /// Whether `text` (the current content of `path`) is already formatted.
    pub fn is_clean(&mut self, path: &str, text: &str) -> bool {
        self.format(path, text).as_deref() == Some(text)
    }

    fn prettier(&mut self, path: &str, text: &str) -> Result<String, String> {
        if self.prettier.is_none() {
            self.prettier = Some(start_prettier(&self.root)?);
        }
        let Some(process) = self.prettier.as_mut() else {
            return Err("node did not start".to_owned());
        };
        let request = serde_json::json!({
            "file": self.root.join(path).to_string_lossy(),
            "text": text,
        });
        let mut line = request.to_string();
        line.push('\n');
        process
            .stdin
            .write_all(line.as_bytes())
            .and_then(|()| process.stdin.flush())
            .map_err(|e| format!("node: {e}"))?;
        let reply = match process.lines.recv_timeout(PER_FILE) {
            Ok(reply) => reply,
            Err(RecvTimeoutError::Timeout) => {
                return Err(format!("no answer within {}s", PER_FILE.as_secs()));
            }
            Err(RecvTimeoutError::Disconnected) => return Err("node exited".to_owned()),
        };
        let reply: serde_json::Value =
            serde_json::from_str(&reply).map_err(|e| format!("unexpected answer: {e}"))?;
        if reply.get("ok").and_then(serde_json::Value::as_bool) == Some(true)
            && let Some(text) = reply.get("text").and_then(serde_json::Value::as_str)
        {
            return Ok(text.to_owned());
        }
        Err(reply
            .get("error")
            .and_then(serde_json::Value::as_str)
            .unwrap_or("unknown error")
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned())
    }

    fn biome(&mut self, path: &str, text: &str) -> Result<String, String> {
        let _sigpipe = SigpipeIgnored::new();
        let Some(bin) = self.biome.clone() else {
            return Err("no node_modules/.bin/biome".to_owned());
        };
        let mut child = Command::new(&bin)
            .arg("format")
            .arg(format!("--stdin-file-path={path}"))
            .current_dir(&self.root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("{}: {e}", bin.display()))?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin
                .write_all(text.as_bytes())
                .map_err(|e| format!("biome: {e}"))?;
        }
        let output = child
            .wait_with_output()
            .map_err(|e| format!("biome: {e}"))?;
        let formatted = String::from_utf8_lossy(&output.stdout).into_owned();
        if !output.status.success() || (formatted.is_empty() && !text.is_empty()) {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(format!(
                "biome format failed: {}",
                stderr
                    .lines()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("no output")
            ));
        }
        Ok(formatted)
    }
}

impl Drop for Formatter {
    fn drop(&mut self) {
        if let Some(mut process) = self.prettier.take() {
            drop(process.stdin);
            // It exits when its stdin closes; make sure it does.
            let _ = process.child.kill();
            let _ = process.child.wait();
        }
    }
}

fn start_prettier(root: &Path) -> Result<PrettierProcess, String> {
    let sigpipe = SigpipeIgnored::new();
    let mut child = Command::new("node")
        .arg("-e")
        .arg(PRETTIER_SERVER)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("node: {e}"))?;
    let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err("node: no pipes".to_owned());
    };
    let (sender, lines) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    Ok(PrettierProcess {
        child,
        stdin,
        lines,
        _sigpipe: sigpipe,
    })
}
