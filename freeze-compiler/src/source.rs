//! The source text of one module: byte offsets to lines and columns (MicroPython counts `\n`,
//! `\r\n` and lone `\r` as line ends), peeking at tokens, and located errors.

use crate::CompileError;

pub struct SourceMap<'a> {
    pub text: &'a str,
    pub name: &'a str,
    line_starts: Vec<u32>,
    /// Lines holding only ASCII, where a column is a byte difference.
    ascii_lines: Vec<bool>,
    /// The last column computed on a non-ASCII line (line, offset, column): queries come in
    /// source order, so counting on from there keeps long lines linear, not quadratic.
    last_column: std::cell::Cell<(u32, u32, u32)>,
    /// Lines MicroPython counts twice: its lexer re-reads an f-string's field text after the
    /// string (as `.format(...)` arguments), so each newline inside a field advances its line
    /// counter again for everything after the string. (offset, lines added at and after it,
    /// cumulative), in offset order; filled by the lexer as it goes.
    phantom_lines: std::cell::RefCell<Vec<(u32, u32)>>,
    /// Index of the line found last (see `physical_line`).
    last_line: std::cell::Cell<usize>,
}

impl<'a> SourceMap<'a> {
    pub fn new(text: &'a str, name: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0u32];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i as u32 + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        let ascii_lines = (0..line_starts.len())
            .map(|l| {
                let end = line_starts.get(l + 1).map_or(bytes.len(), |&e| e as usize);
                bytes[line_starts[l] as usize..end].is_ascii()
            })
            .collect();
        SourceMap {
            text,
            name,
            line_starts,
            ascii_lines,
            last_column: std::cell::Cell::new((0, 0, 1)),
            phantom_lines: std::cell::RefCell::new(Vec::new()),
            last_line: std::cell::Cell::new(0),
        }
    }

    /// 1-based line of a byte offset, as MicroPython counts it (see `phantom_lines`).
    pub fn line(&self, offset: u32) -> u32 {
        self.physical_line(offset) + self.phantom_lines_before(offset, offset.saturating_add(1))
    }

    /// The line of `offset` counting only the extra lines of f-strings that end before `limit`.
    pub fn line_counting_phantoms_before(&self, offset: u32, limit: u32) -> u32 {
        self.physical_line(offset) + self.phantom_lines_before(offset.min(limit.saturating_sub(1)), limit)
    }

    /// Records `count` extra lines from `offset` on (the end of an f-string whose fields hold
    /// newlines). Offsets come in increasing order.
    pub fn add_phantom_lines(&self, offset: u32, count: u32) {
        let mut p = self.phantom_lines.borrow_mut();
        let total = p.last().map_or(0, |&(_, t)| t) + count;
        p.push((offset, total));
    }

    fn phantom_lines_before(&self, offset: u32, limit: u32) -> u32 {
        let p = self.phantom_lines.borrow();
        if p.is_empty() {
            return 0;
        }
        let n = p.partition_point(|&(at, _)| at <= offset && at < limit);
        if n == 0 {
            0
        } else {
            p[n - 1].1
        }
    }

    /// 1-based line of a byte offset in the text. Queries mostly come in source order, near the
    /// previous one: that line is tried first, then a binary search. An offset `k` past the end
    /// of the text stands for a place `k` lines below the end: the lexer puts there what
    /// MicroPython reads after the newline its reader adds to a text that lacks one (`+ 1`), or
    /// after a newline it adds behind text it injects at the end (`+ 1` more).
    fn physical_line(&self, offset: u32) -> u32 {
        let len = self.text.len() as u32;
        if offset > len {
            return self.line_starts.len() as u32 + (offset - len);
        }
        let last = self.last_line.get();
        let starts = &self.line_starts;
        if last < starts.len() && starts[last] <= offset && starts.get(last + 1).is_none_or(|&next| offset < next) {
            return last as u32 + 1;
        }
        let line = match starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        };
        self.last_line.set(line.saturating_sub(1));
        line as u32
    }

    /// 1-based (line, column in characters) of a byte offset.
    pub fn pos(&self, offset: u32) -> (u32, u32) {
        let line = self.physical_line(offset);
        let shown = line + self.phantom_lines_before(offset, offset.saturating_add(1));
        if offset as usize > self.text.len() {
            return (shown, 1);
        }
        let start = self.line_starts[line as usize - 1] as usize;
        let end = (offset as usize).min(self.text.len());
        if self.ascii_lines[line as usize - 1] {
            return (shown, (end - start) as u32 + 1);
        }
        let (last_line, last_offset, last_col) = self.last_column.get();
        let (from, base) = if last_line == line && last_offset as usize <= end { (last_offset as usize, last_col) } else { (start, 1) };
        let col = self.text.get(from..end).map_or(base, |s| s.chars().count() as u32 + base);
        self.last_column.set((line, end as u32, col));
        (shown, col)
    }

    /// Line ends (`\n`, `\r\n`, lone `\r`) from `start` up to `end`.
    pub fn newlines_between(&self, start: u32, end: u32) -> u32 {
        if start >= end {
            return 0;
        }
        self.physical_line(end) - self.physical_line(start)
    }

    pub fn text_at(&self, offset: u32) -> &str {
        self.text.get(offset as usize..).unwrap_or("")
    }

    /// Line of the next token after `offset`, skipping blanks, comments, line continuations
    /// and closing parentheses (used for the line of a `(`, `[` or `.` trailer).
    pub fn line_of_next_token(&self, offset: u32) -> u32 {
        self.line(self.offset_of_next_token(offset))
    }

    /// Offset of the next token after `offset` (see [`SourceMap::line_of_next_token`]).
    pub fn offset_of_next_token(&self, offset: u32) -> u32 {
        let bytes = self.text.as_bytes();
        let mut i = offset as usize;
        while i < bytes.len() {
            match bytes[i] {
                b' ' | b'\t' | b'\x0c' | b'\r' | b'\n' | b')' | b'\\' => i += 1,
                b'#' => {
                    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        i as u32
    }

    /// Offset of the first token after a string literal ending at `end`, as MicroPython's
    /// lexer finds it: blank lines and comments are skipped only inside brackets (the depth
    /// is counted from `stmt_start`).
    pub fn offset_after_string(&self, stmt_start: u32, end: u32) -> u32 {
        let depth = self.text.as_bytes().get(stmt_start as usize..end as usize).map_or(0, bracket_depth);
        let bytes = self.text.as_bytes();
        let mut i = end as usize;
        while i < bytes.len() {
            match bytes[i] {
                b' ' | b'\t' | b'\x0c' => i += 1,
                b'\\' if matches!(bytes.get(i + 1), Some(b'\n') | Some(b'\r')) => i += 2,
                b'\r' | b'\n' if depth > 0 => i += 1,
                b'#' if depth > 0 => {
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                }
                _ => break,
            }
        }
        i as u32
    }

    /// For a `with` statement starting at `stmt_start`: if its items are all inside one pair of
    /// parentheses directly followed by `:`, the offset of that `(`.
    pub fn parenthesized_with_items(&self, stmt_start: u32) -> Option<u32> {
        let text = self.text_at(stmt_start);
        let after_kw = text.find("with")? + 4;
        let rest = &text[after_kw..];
        let open = after_kw + (rest.len() - rest.trim_start().len());
        if !text[open..].starts_with('(') {
            return None;
        }
        let code = &text.as_bytes()[open..];
        let mut close = None;
        walk_brackets(code, |at, depth| {
            if depth == 0 {
                close = Some(at);
            }
            close.is_some()
        });
        let after = &text[open + close? + 1..];
        after.trim_start_matches([' ', '\t']).starts_with(':').then_some(stmt_start + open as u32)
    }

    /// Whether the text from `start` to `end` is one bracketed whole: an opening bracket at
    /// `start` whose matching closer is the last byte before `end` (`(a for a in b)`, but not
    /// `(a) for a in (b)`).
    pub fn is_enclosed(&self, start: u32, end: u32) -> bool {
        let Some(code) = self.text.as_bytes().get(start as usize..end as usize) else { return false };
        if !matches!(code.first(), Some(b'(' | b'[' | b'{')) {
            return false;
        }
        let mut close = None;
        walk_brackets(code, |at, depth| {
            if depth == 0 {
                close = Some(at);
            }
            close.is_some()
        });
        close == Some(code.len() - 1)
    }

    pub fn error(&self, offset: u32, kind: &str, msg: &str) -> CompileError {
        self.error_pos(self.pos(offset), kind, msg)
    }

    pub fn error_pos(&self, pos: (u32, u32), kind: &str, msg: &str) -> CompileError {
        CompileError {
            file: self.name.to_string(),
            line: pos.0,
            column: pos.1,
            kind: kind.to_string(),
            message: msg.to_string(),
            scope: None,
        }
    }
}

/// Skips the string literal whose opening quote is at `i`; returns the offset of its last
/// byte (the closing quote) and whether it was terminated. An f- or t-string's fields run as
/// MicroPython's lexer reads them (quotes, newlines and braces inside included).
fn skip_string(code: &[u8], mut i: usize) -> (usize, bool) {
    let q = code[i];
    let prefix = &code[i.saturating_sub(2)..i];
    let fields = prefix.iter().rev().take_while(|c| c.is_ascii_alphabetic()).any(|&c| c == b'f' || c == b't');
    let triple = code.get(i + 1) == Some(&q) && code.get(i + 2) == Some(&q);
    let n = if triple { 3 } else { 1 };
    i += n;
    while i < code.len() {
        if code[i] == b'\\' {
            i += 2;
            continue;
        }
        if fields && code[i] == b'{' {
            i = if code.get(i + 1) == Some(&b'{') {
                i + 2
            } else {
                crate::string_literal::micropython_field_end(code, i + 1)
            };
            continue;
        }
        if code[i] == q && (!triple || (code.get(i + 1) == Some(&q) && code.get(i + 2) == Some(&q))) {
            return (i + n - 1, true);
        }
        if !triple && (code[i] == b'\n' || code[i] == b'\r') {
            return (i, false);
        }
        i += 1;
    }
    (i, false)
}

/// Walks `code`, skipping comments and string literals, and calls `f(offset, depth)` after
/// every bracket with the bracket depth it leaves; `f` returning true stops the walk.
fn walk_brackets(code: &[u8], mut f: impl FnMut(usize, usize) -> bool) -> usize {
    let mut depth = 0usize;
    let mut i = 0;
    while i < code.len() {
        match code[i] {
            b'#' => {
                while i < code.len() && code[i] != b'\n' {
                    i += 1;
                }
            }
            b'\'' | b'"' => i = skip_string(code, i).0,
            b'(' | b'[' | b'{' => {
                depth += 1;
                if f(i, depth) {
                    return depth;
                }
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if f(i, depth) {
                    return depth;
                }
            }
            _ => {}
        }
        i += 1;
    }
    depth
}

/// Bracket depth at the end of `code`.
fn bracket_depth(code: &[u8]) -> usize {
    walk_brackets(code, |_, _| false)
}
