//! Where the sandbox writes: one line per request (method, path without query, status,
//! latency) and warnings. Never bodies, headers, card numbers or security codes.

use std::fmt;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

/// A log sink: standard error, nothing (request lines off; warnings still go to standard
/// error), or a buffer that tests read.
#[derive(Clone)]
pub struct Log(Sink);

#[derive(Clone)]
enum Sink {
    Stderr,
    Quiet,
    Buffer(Arc<Mutex<Vec<String>>>),
}

/// The lines written to a [`Log::buffer`].
#[derive(Clone)]
pub struct LogBuffer(Arc<Mutex<Vec<String>>>);

impl Log {
    /// Request lines and warnings to standard error.
    pub fn stderr() -> Log {
        Log(Sink::Stderr)
    }

    /// No request lines (`--quiet`); warnings still go to standard error.
    pub fn quiet() -> Log {
        Log(Sink::Quiet)
    }

    /// Every line to a buffer, for tests.
    pub fn buffer() -> (Log, LogBuffer) {
        let lines = Arc::new(Mutex::new(Vec::new()));
        (Log(Sink::Buffer(lines.clone())), LogBuffer(lines))
    }

    /// Writes a request line.
    pub(crate) fn request(&self, line: fmt::Arguments<'_>) {
        match &self.0 {
            Sink::Stderr => write_stderr(line),
            Sink::Quiet => {}
            Sink::Buffer(lines) => push(lines, line),
        }
    }

    /// Writes a warning.
    pub(crate) fn warn(&self, line: fmt::Arguments<'_>) {
        match &self.0 {
            Sink::Stderr | Sink::Quiet => write_stderr(line),
            Sink::Buffer(lines) => push(lines, line),
        }
    }
}

impl fmt::Debug for Log {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            Sink::Stderr => "Log(stderr)",
            Sink::Quiet => "Log(quiet)",
            Sink::Buffer(_) => "Log(buffer)",
        })
    }
}

impl LogBuffer {
    /// A copy of the lines written so far.
    pub fn lines(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

fn write_stderr(line: fmt::Arguments<'_>) {
    // One write per line; a closed standard error must not take the server down.
    let text = format!("sealcard-sandbox: {line}\n");
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

fn push(lines: &Mutex<Vec<String>>, line: fmt::Arguments<'_>) {
    lines
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(line.to_string());
}
