//! MicroPython's lexer (`py/lexer.c`), feeding rustpython's parser.
//!
//! Which bytes form a token, where a logical line ends, how indentation is measured and at which
//! line an error is reported all decide whether a file compiles and where it fails, so they
//! follow MicroPython rather than CPython:
//! - a tab moves to the next multiple of 8 columns and indentation is compared by column only
//!   (so `" \t"` and `"\t"` are the same indent); space, tab, `\v`, `\f` are blanks;
//! - `\r\n` and a lone `\r` end a line; a file that does not end with a newline gets one;
//! - any byte >= 0x80 may be part of a name (MicroPython stays 8-bit clean);
//! - only lower-case string prefixes exist (`b`, `r`, `f`, `u`, `rb`, `br`, `rf`, `fr`);
//! - numbers are read greedily (`1if` is one bad number) and checked as `py/parsenum.c` checks
//!   them, with its error messages;
//! - a newline whose next line's indent matches no open block is itself the error
//!   ("unindent doesn't match any outer indent level"), at the line that newline ends;
//! - NUL bytes are not the end of input: MicroPython's reader turns them into `\x01`, which is
//!   not a token (inside literals `string_literal` stores it).
//!
//! Deliberate difference: a UTF-8 byte-order mark at the start is skipped, as CPython does.
//!
//! Where MicroPython's grammar is wider than rustpython's, the tokens are adjusted so that
//! rustpython parses what MicroPython parses, and the later stages find MicroPython's compile
//! errors again (a bare `*` ending parameters is dropped; a starred comprehension element's `*`
//! too; a mixed dict/set display and a keyword argument with a non-name left side are handed
//! out in a form rustpython takes). Where it is narrower (`as` inside brackets, `except*`,
//! decorators that are not dotted names), the lexer stops where MicroPython's parser stops.
//!
//! Token values and ranges are what rustpython's own lexer would give for the same token (the
//! parser reads f-string fields out of a string token's value). Errors the parser cannot express
//! are kept in [`Lexer::error`] and the parser is stopped with a lexical error.

use crate::CompileError;
use num_bigint::BigInt;
use rustpython_parser::lexer::{LexResult, LexicalError, LexicalErrorType};
use rustpython_parser::text_size::{TextRange, TextSize};
use rustpython_parser::{StringKind, Tok};

/// Columns a tab advances to (the next multiple of this).
const TAB_SIZE: u32 = 8;

/// An error found by the lexer: byte offset, exception kind, message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LexError {
    pub offset: u32,
    pub kind: &'static str,
    pub message: String,
}

impl LexError {
    pub fn into_compile_error(self, map: &crate::source::SourceMap) -> CompileError {
        map.error(self.offset, self.kind, &self.message)
    }
}

/// A logical line that starts a statement (not the first of its block).
#[derive(Clone, Copy, Debug)]
pub struct StatementStart {
    pub offset: u32,
    /// At indentation 0.
    pub top_level: bool,
    /// The source before it is a run of complete statements (a parseable prefix).
    pub complete_before: bool,
}

pub struct Lexer<'a> {
    text: &'a str,
    b: &'a [u8],
    /// Offset of the current byte.
    i: usize,
    /// The newline MicroPython adds at the end of a file that lacks one is still to come.
    virtual_newline: bool,
    /// That added newline has been read: what comes after it (dedents, the end) is on the line
    /// after the file's last, so such tokens are placed at `text.len() + 1`, which
    /// [`SourceMap`](crate::source::SourceMap) puts on that line.
    past_added_newline: bool,
    /// Open indentation columns (0-based), innermost last.
    indents: Vec<u32>,
    /// INDENT (> 0) or DEDENT (< 0) tokens still to hand out.
    dents: i32,
    /// Open brackets; inside them newlines are blanks. Signed: a stray closer makes it negative,
    /// which (like MicroPython's unsigned wrap-around) also counts as "inside".
    brackets: i64,
    /// No token handed out yet.
    at_start: bool,
    finished: bool,
    /// The error that stopped the lexer, if any.
    pub error: Option<LexError>,
    /// The first number token MicroPython cannot convert (see `bad_number`).
    pub number_error: Option<LexError>,
    /// The logical lines that start a statement which is not the first of its block: where a
    /// prefix of the file may end (see `lib.rs`, `earlier_fold_error`, and the pauses).
    pub statement_starts: Vec<StatementStart>,
    /// f-strings whose fields hold newlines: (end of the string, number of those newlines).
    /// MicroPython counts them twice (see `SourceMap::add_phantom_lines`).
    pub phantom_lines: Vec<(u32, u32)>,
    /// Offset of the first token of the current logical line.
    line_head: usize,
    /// The previous token was a string literal: whether it was bytes, and whether a t-string.
    /// MicroPython joins adjacent literals in its lexer only while they are all str or all
    /// bytes; at a switch the parser sees two literals in a row and fails at the second. A
    /// t-string joins with nothing.
    after_string: Option<(bool, bool)>,
    /// End the token stream at the first top-level statement boundary at or after this offset
    /// (see [`Lexer::resume`]): a long file is parsed a part at a time.
    pause_at: usize,
    pause_pending: bool,
    paused: bool,
    /// Where the token stream is in a `from ... import` statement: MicroPython's grammar lets
    /// its unbracketed name list end with a comma (`from m import a,`), rustpython's does not,
    /// so that comma is dropped here (see [`Lexer::next`]).
    from_import: FromImport,
    /// The next token starts a statement (after NEWLINE, INDENT, DEDENT, `;` or `:`).
    at_statement_head: bool,
    /// Open parameter lists, innermost last (see [`Lexer::drop_bare_star`]).
    params: Vec<ParamList>,
    /// How far a `def NAME (` has come: 1 after `def`, 2 after its name.
    def_header: u8,
    /// The previous token handed out.
    prev: Prev,
    /// Where the last string literal ended.
    string_end: usize,
    /// Where the first part of the current (implicitly concatenated) string token starts.
    string_token_start: usize,
    /// The last token is a string with an f- or t-part: MicroPython injects text after it.
    injection_pending: bool,
    /// This lexer reads a part of the text (an f-string field, a look-ahead), not a file.
    is_field: bool,
    /// A comment ran to the end of the text (of an f-string field, it swallows what
    /// MicroPython injects after the field).
    pub comment_at_end: bool,
    /// The next token is a `,` to drop (it followed a dropped bare `*`).
    drop_comma: bool,
    /// The previous token ends an expression (a name, a literal, a closing bracket): a `(` or
    /// `[` after it is a call or subscript, not a display.
    after_operand: bool,
    /// The previous token is a `(` or `[` that opens a display.
    after_display_open: bool,
    /// Open `{...}` displays, innermost last (see [`Lexer::check_brace_item`]).
    braces: Vec<BraceDisplay>,
    /// Open parentheses, innermost last (see [`Lexer::keyword_equal`]).
    parens: Vec<Paren>,
    /// The token before the previous one is a `(` or `,`: a name after it that is followed by
    /// `=` is a keyword argument's.
    before_prev_opens_argument: bool,
    /// The previous token is a name.
    prev_name: bool,
    /// Tokens to hand out before lexing on (see [`BraceFix::InsertValue`]).
    queued: std::collections::VecDeque<LexResult>,
    /// Displays starting with `*` looked ahead at: the offset after the `*` -> whether they
    /// are comprehensions (see [`Lexer::comprehension_follows`]).
    starred_displays: crate::fx_hash::FxHashMap<usize, bool>,
    /// Where the tokens are in a decorator line (see [`Lexer::decorator_token_ok`]).
    decorator: Decorator,
}

/// Where the tokens are in a decorator line, `@` dotted-name [`(` arguments `)`] NEWLINE as
/// MicroPython's grammar has it (rustpython's takes any expression).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Decorator {
    No,
    /// After `@` or a `.`.
    Name,
    /// After a name of the dotted name.
    AfterName,
    /// In the arguments, whose `(` made the bracket depth this.
    Arguments(i64),
    /// After the arguments' `)`.
    End,
}

/// How a `{...}` display that mixes `key: value` and plain items is handed to rustpython's
/// parser (see [`Lexer::check_brace_item`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum BraceFix {
    /// A set's `key: value` item: its `:` becomes a `,` (two items).
    ColonAsComma,
    /// A dict's plain item: `: None` (empty-ranged tokens) goes after it.
    InsertValue,
    /// A parse error here (a starred item).
    Stop,
}

/// A `{...}` display being read, to tell a dict from a set as MicroPython's compiler does.
#[derive(Clone, Copy)]
struct BraceDisplay {
    /// Bracket depth inside it.
    depth: i64,
    /// Whether its first item was `key: value` (unknown before that item ends).
    dict: Option<bool>,
    /// The current item has a `:` of its own (not a lambda's).
    item_colon: bool,
    /// The current item has no token yet.
    item_empty: bool,
    /// `lambda`s of the current item whose `:` is still to come.
    lambdas: u32,
    /// A comprehension: no check.
    unchecked: bool,
}

/// An open parenthesis, for [`Lexer::keyword_equal`].
#[derive(Clone, Copy)]
struct Paren {
    /// Bracket depth inside it.
    depth: i64,
    /// A call's (or class bases'), not a display's.
    call: bool,
    /// The current argument has had its `=`.
    has_equal: bool,
}

/// A parameter list being read: a `def`'s (inside its parentheses, at bracket depth `depth`)
/// or a `lambda`'s (up to its `:` at depth `depth`).
#[derive(Clone, Copy)]
struct ParamList {
    lambda: bool,
    depth: i64,
    /// A `*` or `**` parameter has been read: a bare `*` after it is MicroPython's compile
    /// error, which rustpython's refusal stands for.
    starred: bool,
}

/// What the previous token was, as far as the checks in [`Lexer::next`] need to know.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Where a parameter may start: `(`, `,` or `lambda`.
    ParamStart,
    Except,
    Other,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FromImport {
    No,
    /// After a `from` that starts a statement.
    From,
    /// After its `import`, outside brackets: the name list.
    Names,
    /// Its name list in parentheses (where `as` is allowed inside brackets).
    Bracketed,
}

fn is_blank(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | 0x0b | 0x0c)
}

fn is_name_head(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_' || c >= 0x80
}

fn is_name_tail(c: u8) -> bool {
    is_name_head(c) || c.is_ascii_digit()
}

impl<'a> Lexer<'a> {
    pub fn new(text: &'a str) -> Self {
        let b = text.as_bytes();
        let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let virtual_newline = b.len() > start && !matches!(b[b.len() - 1], b'\n' | b'\r');
        Lexer {
            text,
            b,
            i: start,
            virtual_newline,
            past_added_newline: false,
            indents: vec![0],
            dents: 0,
            brackets: 0,
            at_start: true,
            finished: false,
            error: None,
            number_error: None,
            statement_starts: Vec::new(),
            phantom_lines: Vec::new(),
            line_head: start,
            after_string: None,
            pause_at: usize::MAX,
            pause_pending: false,
            paused: false,
            from_import: FromImport::No,
            at_statement_head: true,
            params: Vec::new(),
            def_header: 0,
            prev: Prev::Other,
            string_end: 0,
            string_token_start: 0,
            injection_pending: false,
            is_field: false,
            comment_at_end: false,
            drop_comma: false,
            after_operand: false,
            after_display_open: false,
            braces: Vec::new(),
            starred_displays: Default::default(),
            queued: Default::default(),
            parens: Vec::new(),
            before_prev_opens_argument: false,
            prev_name: false,
            decorator: Decorator::No,
        }
    }

    /// A lexer that starts at `offset`, the start of a top-level statement of `text`.
    pub fn starting_at(text: &'a str, offset: usize) -> Self {
        let mut lx = Lexer::new(text);
        if offset > 0 {
            lx.i = offset;
            lx.line_head = offset;
        }
        lx
    }

    /// Offset of the first token at or after `at` (blanks, comments, newlines and line
    /// continuations skipped, as MicroPython's lexer skips them), or `None` at the end.
    pub fn token_after(text: &'a str, at: usize) -> Option<usize> {
        let mut lx = Lexer::new(text);
        lx.i = at;
        lx.skip_blanks(false);
        (!lx.is_end()).then_some(lx.i)
    }

    /// A lexer over the expression of an f-string field, `text[start..end]`: MicroPython parses
    /// it inside the parentheses of `.format(...)`, so newlines in it are blanks.
    pub fn fstring_field(text: &'a str, start: usize, end: usize) -> Self {
        let mut lx = Lexer::new(&text[..end]);
        lx.i = start;
        lx.line_head = start;
        lx.brackets = 1;
        lx.at_start = false;
        lx.virtual_newline = false;
        lx.is_field = true;
        lx
    }

    /// Ends the token stream at the first boundary between complete top-level statements at or
    /// after `offset` (the parser then sees a whole module); [`Lexer::resume`] goes on from there.
    pub fn pause_at(&mut self, offset: usize) {
        self.pause_at = offset;
    }

    /// Whether the stream ended at a pause (rather than at the end of the file or an error).
    pub fn is_paused(&self) -> bool {
        self.paused
    }

    /// The offset the lexer stands at.
    pub fn offset(&self) -> usize {
        self.i
    }

    /// Continues after a pause, pausing again at `next_pause`.
    pub fn resume(&mut self, next_pause: usize) {
        self.paused = false;
        self.pause_at = next_pause;
    }

    fn peek(&self, k: usize) -> Option<u8> {
        self.b.get(self.i + k).copied()
    }

    /// Length of the line end at the cursor: 1 or 2 (`\r\n`), 0 for the added final newline.
    fn newline_here(&self) -> Option<usize> {
        match self.b.get(self.i) {
            Some(b'\n') => Some(1),
            Some(b'\r') => Some(if self.peek(1) == Some(b'\n') { 2 } else { 1 }),
            Some(_) => None,
            None => self.virtual_newline.then_some(0),
        }
    }

    fn take_newline(&mut self, len: usize) {
        if len == 0 && self.virtual_newline {
            self.virtual_newline = false;
            self.past_added_newline = true;
        }
        self.i += len;
    }

    fn is_end(&self) -> bool {
        self.i >= self.b.len() && !self.virtual_newline
    }

    /// Skips blanks, comments and line continuations (and, inside brackets or when
    /// `stop_at_newline` is false, newlines). Returns whether it stopped at a newline.
    fn skip_blanks(&mut self, stop_at_newline: bool) -> bool {
        while !self.is_end() {
            if let Some(len) = self.newline_here() {
                if stop_at_newline && self.brackets == 0 {
                    return true;
                }
                self.take_newline(len);
                continue;
            }
            let c = self.b[self.i];
            if is_blank(c) {
                self.i += 1;
            } else if c == b'#' {
                while self.i < self.b.len() && !matches!(self.b[self.i], b'\n' | b'\r') {
                    self.i += 1;
                }
                self.comment_at_end |= self.i == self.b.len();
            } else if c == b'\\' {
                self.i += 1;
                match self.newline_here() {
                    Some(len) => self.take_newline(len),
                    None => {
                        self.i -= 1;
                        break;
                    }
                }
            } else {
                break;
            }
        }
        false
    }

    /// Whether only blanks, a comment or line continuations stand between the cursor and the
    /// end of the statement (a newline, `;` or the end of the file).
    fn statement_ends_here(&self) -> bool {
        let mut i = self.i;
        loop {
            match self.b.get(i) {
                None | Some(b'\n' | b'\r' | b'#' | b';') => return true,
                Some(&c) if is_blank(c) => i += 1,
                Some(b'\\') => match self.b.get(i + 1) {
                    Some(b'\r') if self.b.get(i + 2) == Some(&b'\n') => i += 3,
                    Some(b'\n' | b'\r') => i += 2,
                    _ => return false,
                },
                Some(_) => return false,
            }
        }
    }

    /// Indentation column (0-based) of the token at the cursor, which starts a line.
    fn indent_column(&self) -> u32 {
        if self.i >= self.b.len() {
            return 0;
        }
        let bom = if self.text.starts_with('\u{feff}') { 3 } else { 0 };
        let line_start = self.b[..self.i].iter().rposition(|&c| matches!(c, b'\n' | b'\r')).map_or(bom, |p| p + 1);
        let mut col = 0u32;
        for &c in &self.b[line_start..self.i] {
            col = if c == b'\t' { (col / TAB_SIZE + 1) * TAB_SIZE } else { col + 1 };
        }
        col
    }

    /// Whether the keyword `word` (not a longer name) is at `at`.
    fn word_at(&self, at: usize, word: &str) -> bool {
        self.b[at..].starts_with(word.as_bytes()) && !self.b.get(at + word.len()).is_some_and(|&c| is_name_tail(c))
    }

    fn fail(&mut self, offset: usize, kind: &'static str, message: impl Into<String>) -> LexResult {
        self.error = Some(LexError { offset: offset as u32, kind, message: message.into() });
        self.finished = true;
        Err(LexicalError::new(LexicalErrorType::OtherError(String::new()), TextSize::new(offset as u32)))
    }

    fn token(tok: Tok, start: usize, end: usize) -> LexResult {
        Ok((tok, TextRange::new(TextSize::new(start as u32), TextSize::new(end as u32))))
    }

    fn next_token(&mut self) -> Option<LexResult> {
        loop {
            let had_newline = self.skip_blanks(true);
            let start = if self.past_added_newline && self.i >= self.b.len() { self.b.len() + 1 } else { self.i };
            if had_newline || self.dents != 0 {
                self.after_string = None;
            }
            if self.dents < 0 {
                self.dents += 1;
                return Some(Self::token(Tok::Dedent, start, start));
            }
            if self.dents > 0 {
                self.dents -= 1;
                return Some(Self::token(Tok::Indent, start, start));
            }
            if self.pause_pending {
                self.pause_pending = false;
                self.paused = true;
                return None;
            }
            if self.at_start {
                // Blank lines and comments before the first token make no NEWLINE; a first
                // token that is not in column 1 is an unexpected indent.
                self.skip_blanks(false);
                self.at_start = false;
                let col = self.indent_column();
                self.line_head = self.i;
                if col > 0 && !self.is_end() {
                    self.indents.push(col);
                    return Some(Self::token(Tok::Indent, self.i, self.i));
                }
                continue;
            }
            if had_newline {
                let len = self.newline_here().unwrap_or(0);
                self.take_newline(len);
                self.skip_blanks(false);
                let col = self.indent_column();
                let top = *self.indents.last().unwrap_or(&0);
                if col > top {
                    self.indents.push(col);
                    self.dents = 1;
                } else if col < top {
                    while col < *self.indents.last().unwrap_or(&0) {
                        self.indents.pop();
                        self.dents -= 1;
                    }
                    if col != *self.indents.last().unwrap_or(&0) {
                        return Some(self.fail(
                            start,
                            "IndentationError",
                            "unindent doesn't match any outer indent level",
                        ));
                    }
                }
                if self.dents <= 0 && !self.is_end() {
                    // The text before this line ends in complete statements unless the line
                    // continues a compound statement (`else`, `except`, ...) or follows a
                    // decorator.
                    let complete_before = self.b.get(self.line_head) != Some(&b'@')
                        && !["except", "else", "elif", "finally"].iter().any(|w| self.word_at(self.i, w));
                    let start = StatementStart { offset: self.i as u32, top_level: col == 0, complete_before };
                    self.statement_starts.push(start);
                    // A pause point: a top-level one.
                    if start.top_level && start.complete_before && self.i >= self.pause_at {
                        self.pause_pending = true;
                    }
                }
                self.line_head = self.i;
                return Some(Self::token(Tok::Newline, start, start + len));
            }
            if self.is_end() {
                if self.brackets != 0 && self.injection_pending && !self.is_field {
                    // An f-string's `.format(...)` (a t-string's call) is injected after the
                    // string and the blanks and newlines MicroPython's lexer skipped looking for
                    // another part: here all of the file's rest. Its reader then adds a newline
                    // behind the injected text, so the end it fails at is one line further.
                    let end = self.b.len() + if self.past_added_newline { 2 } else { 1 };
                    return Some(self.fail(end, "SyntaxError", "invalid syntax"));
                }
                if self.brackets == 0 && self.injection_pending && !self.is_field {
                    // The same at the top level (the file ends in a line continuation after the
                    // string): that added newline ends the statement, and the blocks.
                    self.injection_pending = false;
                    while self.indents.len() > 1 {
                        self.indents.pop();
                        self.dents -= 1;
                    }
                    let end = self.b.len() + if self.past_added_newline { 2 } else { 1 };
                    return Some(Self::token(Tok::Newline, end, end));
                }
                self.finished = true;
                return None;
            }
            return Some(self.lex_token());
        }
    }

    fn lex_token(&mut self) -> LexResult {
        let start = self.i;
        let c = self.b[start];
        let after_string = self.after_string.take();
        let injection_pending = std::mem::take(&mut self.injection_pending);
        if let Some((prefix, kind)) = self.string_prefix() {
            let bytes = matches!(kind, StringKind::Bytes | StringKind::RawBytes);
            let template = self.is_template_prefix();
            self.injection_pending = (after_string.is_some() && injection_pending)
                || matches!(kind, StringKind::FString | StringKind::RawFString);
            if after_string.is_none() {
                self.string_token_start = start;
            }
            if after_string.is_some_and(|(b, t)| b != bytes || t || template) {
                return self.fail(start, "SyntaxError", "invalid syntax");
            }
            self.after_string = Some((bytes, template));
            let token = self.lex_string(start, prefix, kind, template);
            if after_string.is_some() {
                self.join_phantom_lines();
            }
            self.string_end = self.i;
            return token;
        }
        if is_name_head(c) {
            while self.i < self.b.len() && is_name_tail(self.b[self.i]) {
                self.i += 1;
            }
            let name = &self.text[start..self.i];
            let tok = keyword(name).unwrap_or_else(|| Tok::Name { name: name.to_string() });
            return Self::token(tok, start, self.i);
        }
        if c.is_ascii_digit() || (c == b'.' && self.peek(1).is_some_and(|d| d.is_ascii_digit())) {
            return self.lex_number(start);
        }
        self.lex_operator(start)
    }

    /// The string prefix at the cursor (length and kind), if a string literal starts here.
    fn string_prefix(&self) -> Option<(usize, StringKind)> {
        let quote = |k: usize| matches!(self.peek(k), Some(b'\'' | b'"'));
        let c0 = self.peek(0)?;
        if quote(0) {
            return Some((0, StringKind::String));
        }
        let c1 = self.peek(1);
        match (c0, c1) {
            (b'r', Some(b'b')) | (b'b', Some(b'r')) if quote(2) => Some((2, StringKind::RawBytes)),
            (b'r', Some(b'f')) | (b'f', Some(b'r')) if quote(2) => Some((2, StringKind::RawFString)),
            (b'u', _) if quote(1) => Some((1, StringKind::Unicode)),
            (b'b', _) if quote(1) => Some((1, StringKind::Bytes)),
            (b'r', _) if quote(1) => Some((1, StringKind::RawString)),
            (b'f', _) if quote(1) => Some((1, StringKind::FString)),
            // t-strings (MicroPython 1.29): read like f-strings; see `is_template_prefix`
            (b'r', Some(b't')) | (b't', Some(b'r')) if quote(2) => Some((2, StringKind::RawFString)),
            (b't', _) if quote(1) => Some((1, StringKind::FString)),
            _ => None,
        }
    }

    /// After a string literal that continues an implicit concatenation: the newlines of the
    /// earlier parts' fields count again only after the whole token (MicroPython injects all
    /// the fields after it), so their entry moves to its end.
    fn join_phantom_lines(&mut self) {
        // (this part's own entry, if any, is the last one; the earlier parts' is before it)
        let n = self.phantom_lines.len();
        let Some(k) = (n.saturating_sub(2)..n).find(|&k| self.phantom_lines[k].0 as usize == self.string_end) else {
            return;
        };
        let (_, count) = self.phantom_lines.remove(k);
        match self.phantom_lines.last_mut().filter(|p| p.0 as usize == self.i) {
            Some(last) => last.1 += count,
            None => self.phantom_lines.push((self.i as u32, count)),
        }
    }

    /// Whether the string literal at the cursor is a t-string.
    fn is_template_prefix(&self) -> bool {
        matches!(self.peek(0), Some(b't')) || (self.peek(0) == Some(b'r') && self.peek(1) == Some(b't'))
    }

    /// One string literal, read as MicroPython reads it (`parse_string_literal`): which bytes
    /// belong to it, including its quirks (a backslash always takes the next byte, `\x` and
    /// `\u` take hex digits and the byte that ends them, an f-string's `{...}` field runs to
    /// `:`, `}` or `!r`/`!s` regardless of quotes).
    fn lex_string(&mut self, start: usize, prefix: usize, kind: StringKind, template: bool) -> LexResult {
        let raw = matches!(kind, StringKind::RawString | StringKind::RawBytes | StringKind::RawFString);
        let fstring = matches!(kind, StringKind::FString | StringKind::RawFString);
        let bytes = matches!(kind, StringKind::Bytes | StringKind::RawBytes);
        self.i += prefix;
        let quote = self.b[self.i];
        self.i += 1;
        let triple = self.peek(0) == Some(quote) && self.peek(1) == Some(quote);
        if triple {
            self.i += 2;
        }
        let quotes = if triple { 3 } else { 1 };
        let mut closing = 0;
        let mut field_newlines = 0u32;
        // Advances over one byte, a line end counting as one.
        fn step(lx: &mut Lexer) {
            match lx.newline_here() {
                Some(len) => lx.take_newline(len),
                None if lx.i < lx.b.len() => lx.i += 1,
                None => {}
            }
        }
        while !self.is_end() && (triple || self.newline_here().is_none()) && closing < quotes {
            let c = self.b.get(self.i).copied().unwrap_or(b'\n');
            if c == quote {
                closing += 1;
                step(self);
                continue;
            }
            closing = 0;
            if fstring && c == b'{' {
                step(self);
                if self.peek(0) == Some(b'{') {
                    // `{{`: the byte after it is read afresh (a quote there closes).
                    step(self);
                } else {
                    // A field: up to `:`, `}` or `!r`/`!s` before one of those, outside
                    // brackets; quotes and newlines inside are the field's.
                    let mut level = 0i64;
                    while !self.is_end() {
                        let d = self.b.get(self.i).copied().unwrap_or(b'\n');
                        if level == 0
                            && (d == b':'
                                || d == b'}'
                                || (d == b'!'
                                    && matches!(self.peek(1), Some(b'r' | b's'))
                                    && matches!(self.peek(2), Some(b':' | b'}'))))
                        {
                            break;
                        }
                        match d {
                            b'[' | b'{' => level += 1,
                            b']' | b'}' => level -= 1,
                            _ => {}
                        }
                        if self.newline_here().is_some() {
                            field_newlines += 1;
                        }
                        step(self);
                    }
                }
                continue;
            }
            let c = self.b.get(self.i).copied().unwrap_or(b'\n');
            if c == b'\\' && raw && template {
                // A raw t-string's backslash is only itself: MicroPython copies it (doubled) and
                // reads the next byte afresh, so `rt"a\{b}"` has a field and `rt"a\"` ends.
                step(self);
                continue;
            }
            if c == b'\\' {
                step(self);
                let e = self.b.get(self.i).copied();
                if template && !raw && self.newline_here().is_some() {
                    // A t-string's text is injected back into the input after the token with
                    // its escapes as written, so a line continued by a backslash inside it
                    // is counted once more, as a field's newline is.
                    field_newlines += 1;
                }
                if !raw {
                    let hex_digits = match e {
                        Some(b'x') => 2,
                        Some(b'u') if !bytes => 4,
                        Some(b'U') if !bytes => 8,
                        _ => 0,
                    };
                    if e == Some(b'N') {
                        return self.fail(start, "NotImplementedError", "unicode name escapes");
                    }
                    if hex_digits > 0 {
                        for _ in 0..hex_digits {
                            step(self);
                            if !self.peek(0).is_some_and(|d| d.is_ascii_hexdigit()) {
                                break;
                            }
                        }
                    } else if let Some(b'0'..=b'7') = e {
                        let mut n = 1;
                        while n < 3 && matches!(self.peek(1), Some(b'0'..=b'7')) {
                            step(self);
                            n += 1;
                        }
                    }
                }
            }
            step(self);
        }
        if closing < quotes {
            // MicroPython's token is all the parts together, on the first one's line.
            return self.fail(self.string_token_start, "SyntaxError", "invalid syntax");
        }
        if field_newlines > 0 {
            self.phantom_lines.push((self.i as u32, field_newlines));
        }
        // The parser gets the kind and an empty value: the folding stage decodes every literal
        // from the source as MicroPython's lexer does (and cuts an f-string's fields out of it),
        // so rustpython's own decoding would be wasted work, and it refuses things MicroPython
        // takes (non-ASCII characters in bytes, f-string fields with the string's own quotes).
        let value = String::new();
        let kind = match kind {
            StringKind::FString => StringKind::String,
            StringKind::RawFString => StringKind::RawString,
            k => k,
        };
        Self::token(Tok::String { value, kind, triple_quoted: triple }, start, self.i)
    }

    /// A number, read greedily as MicroPython's lexer reads it and checked as `py/parsenum.c`
    /// checks it.
    fn lex_number(&mut self, start: usize) -> LexResult {
        let forced_integer = self.b[start] == b'0' && matches!(self.peek(1).map(|c| c | 0x20), Some(b'b' | b'o' | b'x'));
        let mut float = self.b[start] == b'.';
        let mut digits = String::new();
        digits.push(self.b[start] as char);
        self.i += 1;
        while let Some(c) = self.peek(0) {
            if !forced_integer && (c == b'e' || c == b'E') {
                float = true;
                digits.push('e');
                self.i += 1;
                if let Some(s @ (b'+' | b'-')) = self.peek(0) {
                    digits.push(s as char);
                    self.i += 1;
                }
            } else if c.is_ascii_alphanumeric() || c == b'.' {
                if matches!(c, b'.' | b'j' | b'J') {
                    float = true;
                }
                digits.push(c as char);
                self.i += 1;
            } else if c == b'_' {
                self.i += 1;
            } else {
                break;
            }
        }
        let end = self.i;
        if float {
            match parse_decimal(&digits) {
                Some((value, false)) => Self::token(Tok::Float { value }, start, end),
                Some((imag, true)) => Self::token(Tok::Complex { real: 0.0, imag }, start, end),
                None => self.bad_number(start, end, "invalid syntax for number".to_string()),
            }
        } else {
            match parse_integer(&digits) {
                Ok(value) => Self::token(Tok::Int { value }, start, end),
                Err(message) => self.bad_number(start, end, message),
            }
        }
    }

    /// A number MicroPython cannot convert. It converts a number when its parser takes the
    /// token, so a syntax error at the token itself comes first: the token goes on (as 0) and
    /// the error waits in [`Lexer::number_error`] for the caller to decide.
    fn bad_number(&mut self, start: usize, end: usize, message: String) -> LexResult {
        if self.number_error.is_none() {
            self.number_error = Some(LexError { offset: start as u32, kind: "SyntaxError", message });
        }
        Self::token(Tok::Int { value: BigInt::from(0u32) }, start, end)
    }

    fn lex_operator(&mut self, start: usize) -> LexResult {
        let at = |k: usize| self.peek(k).unwrap_or(0);
        let (tok, len) = match (at(0), at(1), at(2)) {
            (b'(', ..) => (Tok::Lpar, 1),
            (b')', ..) => (Tok::Rpar, 1),
            (b'[', ..) => (Tok::Lsqb, 1),
            (b']', ..) => (Tok::Rsqb, 1),
            (b'{', ..) => (Tok::Lbrace, 1),
            (b'}', ..) => (Tok::Rbrace, 1),
            (b',', ..) => (Tok::Comma, 1),
            (b';', ..) => (Tok::Semi, 1),
            (b'~', ..) => (Tok::Tilde, 1),
            (b':', b'=', _) => (Tok::ColonEqual, 2),
            (b':', ..) => (Tok::Colon, 1),
            (b'<', b'=', _) => (Tok::LessEqual, 2),
            (b'<', b'<', b'=') => (Tok::LeftShiftEqual, 3),
            (b'<', b'<', _) => (Tok::LeftShift, 2),
            (b'<', ..) => (Tok::Less, 1),
            (b'>', b'=', _) => (Tok::GreaterEqual, 2),
            (b'>', b'>', b'=') => (Tok::RightShiftEqual, 3),
            (b'>', b'>', _) => (Tok::RightShift, 2),
            (b'>', ..) => (Tok::Greater, 1),
            (b'*', b'=', _) => (Tok::StarEqual, 2),
            (b'*', b'*', b'=') => (Tok::DoubleStarEqual, 3),
            (b'*', b'*', _) => (Tok::DoubleStar, 2),
            (b'*', ..) => (Tok::Star, 1),
            (b'+', b'=', _) => (Tok::PlusEqual, 2),
            (b'+', ..) => (Tok::Plus, 1),
            (b'-', b'=', _) => (Tok::MinusEqual, 2),
            (b'-', b'>', _) => (Tok::Rarrow, 2),
            (b'-', ..) => (Tok::Minus, 1),
            (b'&', b'=', _) => (Tok::AmperEqual, 2),
            (b'&', ..) => (Tok::Amper, 1),
            (b'|', b'=', _) => (Tok::VbarEqual, 2),
            (b'|', ..) => (Tok::Vbar, 1),
            (b'/', b'=', _) => (Tok::SlashEqual, 2),
            (b'/', b'/', b'=') => (Tok::DoubleSlashEqual, 3),
            (b'/', b'/', _) => (Tok::DoubleSlash, 2),
            (b'/', ..) => (Tok::Slash, 1),
            (b'%', b'=', _) => (Tok::PercentEqual, 2),
            (b'%', ..) => (Tok::Percent, 1),
            (b'^', b'=', _) => (Tok::CircumflexEqual, 2),
            (b'^', ..) => (Tok::CircumFlex, 1),
            (b'@', b'=', _) => (Tok::AtEqual, 2),
            (b'@', ..) => (Tok::At, 1),
            (b'=', b'=', _) => (Tok::EqEqual, 2),
            (b'=', ..) => (Tok::Equal, 1),
            (b'!', b'=', _) => (Tok::NotEqual, 2),
            (b'.', b'.', b'.') => (Tok::Ellipsis, 3),
            (b'.', ..) => (Tok::Dot, 1),
            _ => return self.fail(start, "SyntaxError", "invalid syntax"),
        };
        match tok {
            Tok::Lpar | Tok::Lsqb | Tok::Lbrace => {
                self.brackets += 1;
                if self.brackets > crate::MAX_NESTING as i64 {
                    return self.fail(start, "SyntaxError", "too deeply nested");
                }
            }
            Tok::Rpar | Tok::Rsqb | Tok::Rbrace => self.brackets -= 1,
            _ => {}
        }
        self.i += len;
        Self::token(tok, start, self.i)
    }
}

impl Iterator for Lexer<'_> {
    type Item = LexResult;

    fn next(&mut self) -> Option<LexResult> {
        if self.finished || self.paused {
            return None;
        }
        if let Some(token) = self.queued.pop_front() {
            return Some(token);
        }
        loop {
            let token = self.next_token();
            let Some(Ok((tok, range))) = &token else { return token };
            let start = range.start().to_usize();
            if std::mem::take(&mut self.drop_comma) && matches!(tok, Tok::Comma) {
                continue;
            }
            let head = std::mem::replace(
                &mut self.at_statement_head,
                matches!(tok, Tok::Newline | Tok::Indent | Tok::Dedent | Tok::Semi | Tok::Colon),
            );
            let prev = std::mem::replace(
                &mut self.prev,
                match tok {
                    Tok::Lpar | Tok::Comma | Tok::Lambda => Prev::ParamStart,
                    Tok::Except => Prev::Except,
                    _ => Prev::Other,
                },
            );
            self.from_import = match (self.from_import, tok) {
                (_, Tok::Newline | Tok::Semi) => FromImport::No,
                (FromImport::No, Tok::From) if head => FromImport::From,
                (FromImport::From, Tok::Import) if self.brackets == 0 => FromImport::Names,
                (FromImport::Names, Tok::Lpar) => FromImport::Bracketed,
                (FromImport::Names, Tok::Lsqb | Tok::Lbrace | Tok::Star) => FromImport::No,
                (FromImport::Names, Tok::Comma) if self.statement_ends_here() => continue,
                (state, _) => state,
            };
            let display_open = std::mem::replace(&mut self.after_display_open, false);
            let after_operand = std::mem::replace(&mut self.after_operand, ends_operand(tok));
            if matches!(tok, Tok::Lpar | Tok::Lsqb) {
                self.after_display_open = !after_operand;
            }
            if !self.decorator_token_ok(tok, head) {
                return Some(self.fail(start, "SyntaxError", "invalid syntax"));
            }
            let brace_fix = self.check_brace_item(tok);
            let opens_argument = std::mem::replace(
                &mut self.before_prev_opens_argument,
                matches!(prev, Prev::ParamStart),
            );
            let equal_as_comparison = self.keyword_equal(tok, after_operand, opens_argument);
            self.prev_name = matches!(tok, Tok::Name { .. });
            match tok {
                // `(*x for ...)`, `[*x for ...]`: MicroPython parses a starred element and fails
                // when compiling it ("*x must be assignment target", in the comprehension);
                // rustpython's parser refuses it. The `*` is dropped here and the fold stage
                // puts it back (it finds it before the element).
                Tok::Star if display_open && self.comprehension_follows() => continue,
                // MicroPython's grammar has `as` inside brackets only in `from m import (a as
                // b)`: elsewhere (`with (a as b):`) its parser stops at the `as`, before
                // anything later in the file (a missing block at its end, say) is seen.
                Tok::As if self.brackets != 0 && self.from_import != FromImport::Bracketed => {
                    return Some(self.fail(start, "SyntaxError", "invalid syntax"));
                }
                // Positional-only parameters (`def f(a, /)`): not in MicroPython's grammar.
                Tok::Slash if prev == Prev::ParamStart && self.params.last().is_some_and(|p| p.depth == self.brackets) => {
                    return Some(self.fail(start, "SyntaxError", "invalid syntax"));
                }
                // `except*`: no such thing to MicroPython, whose parser stops at the `*`.
                Tok::Star if prev == Prev::Except => return Some(self.fail(start, "SyntaxError", "invalid syntax")),
                Tok::Star if prev == Prev::ParamStart && self.drop_bare_star() => continue,
                _ => {}
            }
            self.track_params(tok);
            let here = TextRange::empty(range.start());
            if equal_as_comparison {
                return Some(Ok((Tok::EqEqual, *range)));
            }
            return match brace_fix {
                None => token,
                Some(BraceFix::ColonAsComma) => Some(Ok((Tok::Comma, *range))),
                Some(BraceFix::Stop) => Some(self.fail(start, "SyntaxError", "invalid syntax")),
                Some(BraceFix::InsertValue) => {
                    self.queued.push_back(Ok((Tok::None, here)));
                    self.queued.extend(token);
                    Some(Ok((Tok::Colon, here)))
                }
            };
        }
    }
}

impl Lexer<'_> {
    /// Whether `tok` may come next in a decorator line (`head`: it starts a statement). Where
    /// the grammar is MicroPython's, its parser stops at the first token that does not fit
    /// (`@1`, `@(a)`, `@a[0]`), before a missing `def` at the end of the file is seen.
    fn decorator_token_ok(&mut self, tok: &Tok, head: bool) -> bool {
        let (next, ok) = match (self.decorator, tok) {
            (Decorator::No, Tok::At) if head => (Decorator::Name, true),
            (Decorator::No, _) => (Decorator::No, true),
            (Decorator::Name, Tok::Name { .. }) => (Decorator::AfterName, true),
            (Decorator::AfterName, Tok::Dot) => (Decorator::Name, true),
            (Decorator::AfterName, Tok::Lpar) => (Decorator::Arguments(self.brackets), true),
            (Decorator::AfterName | Decorator::End, Tok::Newline) => (Decorator::No, true),
            (Decorator::Arguments(depth), Tok::Rpar) if self.brackets < depth => (Decorator::End, true),
            (Decorator::Arguments(depth), _) => (Decorator::Arguments(depth), true),
            (state, _) => (state, false),
        };
        self.decorator = if ok { next } else { Decorator::No };
        ok
    }

    /// Whether the display whose first token was just read (a `*`) is a comprehension: a `for`
    /// comes in it, at its own depth, before any `,`. One look ahead answers for the displays
    /// nested in it that start with a `*` too (kept in `starred_displays` by the offset after
    /// their `*`), so that `[*[*[*...` is read once, not once per level.
    fn comprehension_follows(&mut self) -> bool {
        if let Some(&known) = self.starred_displays.get(&self.i) {
            return known;
        }
        // Open brackets of the look-ahead: where the display's `*` ended, if it has one, and
        // whether its answer is known.
        let mut frames: Vec<(Option<usize>, bool)> = vec![(Some(self.i), false)];
        let mut ahead = Lexer::fstring_field(self.text, self.i, self.b.len());
        let (mut after_operand, mut display_open) = (false, false);
        while let Some(Ok((tok, range))) = ahead.next_token() {
            let opened = std::mem::replace(&mut display_open, false);
            let answer = match tok {
                Tok::Lpar | Tok::Lsqb | Tok::Lbrace => {
                    display_open = !after_operand && !matches!(tok, Tok::Lbrace);
                    frames.push((None, false));
                    None
                }
                Tok::Star if opened => {
                    if let Some(frame) = frames.last_mut() {
                        frame.0 = Some(range.end().to_usize());
                    }
                    None
                }
                Tok::For => Some(true),
                Tok::Comma => Some(false),
                _ => None,
            };
            after_operand = ends_operand(&tok);
            let closing = matches!(tok, Tok::Rpar | Tok::Rsqb | Tok::Rbrace);
            if let Some(frame) = frames.last_mut().filter(|f| !f.1) {
                if let Some(answer) = answer.or(closing.then_some(false)) {
                    frame.1 = true;
                    if let Some(at) = frame.0 {
                        self.starred_displays.insert(at, answer);
                    }
                }
            }
            if closing {
                frames.pop();
                if frames.is_empty() {
                    break;
                }
            }
        }
        self.starred_displays.get(&self.i).copied().unwrap_or(false)
    }

    /// Follows the items of `{...}` displays: MicroPython's parser takes a display whose items
    /// mix `key: value` and plain values, and its compiler, which goes by the first item, fails
    /// at the first item of the other kind ("expecting key:value for dict", "expecting just a
    /// value for set"), after the whole file parsed. rustpython's parser refuses such a
    /// display, so it is handed one it takes (see [`BraceFix`]), and the fold stage finds the
    /// bad item again. Returns the fix for `tok`.
    fn check_brace_item(&mut self, tok: &Tok) -> Option<BraceFix> {
        if matches!(tok, Tok::Lbrace) {
            let display = BraceDisplay {
                depth: self.brackets,
                dict: None,
                item_colon: false,
                item_empty: true,
                lambdas: 0,
                unchecked: false,
            };
            // (the new display is an item's token of the enclosing one)
            if let Some(outer) = self.braces.last_mut() {
                outer.item_empty = false;
            }
            self.braces.push(display);
            return None;
        }
        let brackets = self.brackets;
        let d = self.braces.last_mut()?;
        let closing = matches!(tok, Tok::Rbrace) && brackets < d.depth;
        if brackets != d.depth && !closing {
            d.item_empty = false;
            return None;
        }
        let mut fix = None;
        match tok {
            Tok::Lambda => d.lambdas += 1,
            Tok::Colon if d.lambdas > 0 => d.lambdas -= 1,
            Tok::Colon => {
                d.item_colon = true;
                if d.dict == Some(false) && !d.unchecked {
                    fix = Some(BraceFix::ColonAsComma);
                }
            }
            Tok::For | Tok::Async => d.unchecked = true,
            // `{*a}`, `{**a}`: not in MicroPython's grammar, whose parser stops there.
            Tok::Star | Tok::DoubleStar if d.item_empty => fix = Some(BraceFix::Stop),
            _ => {}
        }
        // (a comma before a lambda's `:` separates its parameters)
        if (matches!(tok, Tok::Comma) && d.lambdas == 0) || closing {
            if !d.item_empty && !d.unchecked {
                match d.dict {
                    None => d.dict = Some(d.item_colon),
                    Some(true) if !d.item_colon => fix = Some(BraceFix::InsertValue),
                    _ => {}
                }
            }
            (d.item_colon, d.item_empty, d.lambdas) = (false, true, 0);
        } else {
            d.item_empty = false;
        }
        if closing {
            self.braces.pop();
        }
        fix
    }

    /// Follows call parentheses for an `=` in an argument. MicroPython's grammar takes any
    /// expression before it (`f(a.b=1)`), and its compiler refuses one that is not a name
    /// ("LHS of keyword arg must be an id") or takes a parenthesised name (`f((b)=1)`);
    /// rustpython's parser refuses both. Returns whether `tok` is such an `=`: it is handed out
    /// as `==` and the fold stage tells it from one (the text says `=`). `after_operand`: the
    /// previous token ends an operand; `opens_argument`: the one before it opens an argument.
    fn keyword_equal(&mut self, tok: &Tok, after_operand: bool, opens_argument: bool) -> bool {
        let brackets = self.brackets;
        match tok {
            Tok::Lpar => {
                self.parens.push(Paren { depth: brackets, call: after_operand, has_equal: false });
                return false;
            }
            Tok::Rpar => {
                while self.parens.last().is_some_and(|p| p.depth > brackets) {
                    self.parens.pop();
                }
                return false;
            }
            Tok::Newline => {
                self.parens.clear();
                return false;
            }
            _ => {}
        }
        let in_params = self.params.last().is_some_and(|p| p.depth == brackets);
        let Some(paren) = self.parens.last_mut().filter(|p| p.depth == brackets && p.call) else { return false };
        match tok {
            Tok::Comma => paren.has_equal = false,
            Tok::Equal if !paren.has_equal && !in_params => {
                paren.has_equal = true;
                // a plain keyword argument (`name=`) is rustpython's too
                let plain = self.prev_name && opens_argument;
                return after_operand && !plain;
            }
            _ => {}
        }
        false
    }

    /// Follows `def NAME (` ... `)` and `lambda` ... `:` for [`Lexer::drop_bare_star`].
    fn track_params(&mut self, tok: &Tok) {
        self.def_header = match (self.def_header, tok) {
            (_, Tok::Def) => 1,
            (1, Tok::Name { .. }) => 2,
            (2, Tok::Lpar) => {
                self.params.push(ParamList { lambda: false, depth: self.brackets, starred: false });
                0
            }
            _ => 0,
        };
        match tok {
            Tok::Lambda => self.params.push(ParamList { lambda: true, depth: self.brackets, starred: false }),
            Tok::Star | Tok::DoubleStar => {
                let depth = self.brackets;
                if let Some(list) = self.params.last_mut().filter(|p| p.depth == depth) {
                    list.starred = true;
                }
            }
            Tok::Newline => {
                self.params.clear();
                self.braces.clear();
            }
            Tok::Rpar if self.params.last().is_some_and(|p| !p.lambda && self.brackets < p.depth) => {
                self.params.pop();
            }
            Tok::Colon if self.params.last().is_some_and(|p| p.lambda && self.brackets == p.depth) => {
                self.params.pop();
            }
            _ => {}
        }
    }

    /// At a `*` where a parameter may start: whether it is a bare `*` that ends the parameter
    /// list (`def f(a, *)`, `def f(*,)`, `lambda *: 0`). MicroPython's grammar takes those and
    /// compiles them as if the `*` (and its comma) were not there; rustpython's refuses them, so
    /// the `*` is dropped here, and a comma after it is dropped with it (`drop_comma`).
    fn drop_bare_star(&mut self) -> bool {
        let Some(&list) = self.params.last() else { return false };
        if self.brackets != list.depth || list.starred {
            return false;
        }
        let ends = |c: Option<u8>| if list.lambda { c == Some(b':') } else { c == Some(b')') };
        let after_star = self.next_byte_from(self.i);
        if ends(after_star.map(|(_, c)| c)) {
            return true;
        }
        if let Some((comma, b',')) = after_star {
            if ends(self.next_byte_from(comma + 1).map(|(_, c)| c)) {
                self.drop_comma = true;
                return true;
            }
        }
        false
    }

    /// The offset and byte of the next token's first byte from `at` on, blanks, comments and
    /// continuations skipped (newlines too inside brackets), without moving the lexer.
    fn next_byte_from(&mut self, at: usize) -> Option<(usize, u8)> {
        let (i, virtual_newline, past) = (self.i, self.virtual_newline, self.past_added_newline);
        self.i = at;
        self.skip_blanks(true);
        let found = self.b.get(self.i).map(|&c| (self.i, c));
        (self.i, self.virtual_newline, self.past_added_newline) = (i, virtual_newline, past);
        found
    }
}

/// Whether `tok` can end an operand (a name, a literal, a closing bracket): a `(` or `[` after
/// it is a call or a subscript, not a display.
fn ends_operand(tok: &Tok) -> bool {
    matches!(
        tok,
        Tok::Name { .. }
            | Tok::Int { .. }
            | Tok::Float { .. }
            | Tok::Complex { .. }
            | Tok::String { .. }
            | Tok::None
            | Tok::True
            | Tok::False
            | Tok::Ellipsis
            | Tok::Rpar
            | Tok::Rsqb
            | Tok::Rbrace
    )
}

/// MicroPython's keywords (`__debug__` stays a name: the folding stage replaces it).
fn keyword(name: &str) -> Option<Tok> {
    // Every keyword is 2 to 8 lower-case letters, or starts with an upper-case F, N or T: most
    // names are rejected by this test alone.
    let b = name.as_bytes();
    if !(2..=8).contains(&b.len()) || !(b[0].is_ascii_lowercase() || matches!(b[0], b'F' | b'N' | b'T')) {
        return None;
    }
    Some(match name {
        "False" => Tok::False,
        "None" => Tok::None,
        "True" => Tok::True,
        "and" => Tok::And,
        "as" => Tok::As,
        "assert" => Tok::Assert,
        "async" => Tok::Async,
        "await" => Tok::Await,
        "break" => Tok::Break,
        "class" => Tok::Class,
        "continue" => Tok::Continue,
        "def" => Tok::Def,
        "del" => Tok::Del,
        "elif" => Tok::Elif,
        "else" => Tok::Else,
        "except" => Tok::Except,
        "finally" => Tok::Finally,
        "for" => Tok::For,
        "from" => Tok::From,
        "global" => Tok::Global,
        "if" => Tok::If,
        "import" => Tok::Import,
        "in" => Tok::In,
        "is" => Tok::Is,
        "lambda" => Tok::Lambda,
        "nonlocal" => Tok::Nonlocal,
        "not" => Tok::Not,
        "or" => Tok::Or,
        "pass" => Tok::Pass,
        "raise" => Tok::Raise,
        "return" => Tok::Return,
        "try" => Tok::Try,
        "while" => Tok::While,
        "with" => Tok::With,
        "yield" => Tok::Yield,
        _ => return None,
    })
}

/// `mp_parse_num_integer(text, base 0)` on a number token with its underscores removed: the
/// value, or MicroPython's message.
fn parse_integer(text: &str) -> Result<BigInt, String> {
    let b = text.as_bytes();
    // `mp_parse_num_base`: a 0x/0o/0b prefix; a leading 0 otherwise allows only zeros ("base 1",
    // reported as base 0).
    let (base, rest) = if b.len() > 1 && b[0] == b'0' {
        match b[1] | 0x20 {
            b'x' => (16, &b[2..]),
            b'o' => (8, &b[2..]),
            b'b' => (2, &b[2..]),
            _ => (1, b),
        }
    } else {
        (10, b)
    };
    let is_digit = |c: u8| {
        let digit = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            _ if (c | 0x20).is_ascii_lowercase() => u32::from((c | 0x20) - b'a') + 10,
            _ => return false,
        };
        digit < base
    };
    if rest.is_empty() || !rest.iter().all(|&c| is_digit(c)) {
        let shown = String::from_utf8_lossy(rest);
        let base = if base == 1 { 0 } else { base };
        return Err(format!("invalid syntax for integer with base {base}: '{shown}'"));
    }
    if base == 1 {
        return Ok(BigInt::from(0u32));
    }
    Ok(BigInt::from(digits_value(rest, base, &mut Default::default())))
}

/// The value of checked `digits` in `base`. num-bigint converts a power-of-two base in linear
/// time and others a word-sized chunk at a time (quadratic: a million decimal digits take a
/// second); long decimal runs are split in halves, `high * base^k + low`, so that its fast
/// multiplication does the work (a million digits: a few tens of milliseconds). `powers`
/// caches `base^k` by `k`.
fn digits_value(
    digits: &[u8],
    base: u32,
    powers: &mut crate::fx_hash::FxHashMap<usize, num_bigint::BigUint>,
) -> num_bigint::BigUint {
    const SPLIT_ABOVE: usize = 2_000;
    if base.is_power_of_two() || digits.len() <= SPLIT_ABOVE {
        return num_bigint::BigUint::parse_bytes(digits, base).expect("digits checked");
    }
    let k = digits.len() / 2;
    let (high, low) = digits.split_at(digits.len() - k);
    let high = digits_value(high, base, powers);
    let low = digits_value(low, base, powers);
    let power = powers.entry(k).or_insert_with(|| num_bigint::BigUint::from(base).pow(k as u32));
    high * &*power + low
}

/// `mp_parse_num_decimal` on a float or imaginary token (underscores removed): the value and
/// whether it is imaginary, or `None` where MicroPython says "invalid syntax for number". The
/// value is only a fallback: the folding stage re-reads the text as mpy-cross rounds it.
fn parse_decimal(text: &str) -> Option<(f64, bool)> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut in_frac = false;
    let mut in_exp = false;
    let mut mantissa_end = b.len();
    while i < b.len() {
        let c = b[i];
        i += 1;
        if c.is_ascii_digit() {
            continue;
        } else if !in_frac && !in_exp && c == b'.' {
            in_frac = true;
        } else if !in_exp && (c | 0x20) == b'e' {
            in_exp = true;
            mantissa_end = mantissa_end.min(i - 1);
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if i == b.len() {
                return None;
            }
        } else {
            i -= 1;
            break;
        }
    }
    let mut imag = false;
    let number_end = i;
    if b.get(i).is_some_and(|c| (c | 0x20) == b'j') {
        imag = true;
        i += 1;
    }
    if i == 0 || i != b.len() {
        return None;
    }
    let number = &text[..number_end];
    let value = number.parse::<f64>().or_else(|_| text[..mantissa_end.min(number_end)].parse::<f64>()).unwrap_or(0.0);
    Some((value, imag))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        Lexer::new(src)
            .map(|t| match t {
                Ok((tok, _)) => format!("{tok:?}"),
                Err(_) => "ERR".to_string(),
            })
            .collect()
    }

    #[test]
    fn tabs_are_columns() {
        // " \t" and "\t" are both column 8.
        let toks = kinds("if 1:\n \tx = 1\n\ty = 2\n");
        assert!(!toks.contains(&"ERR".to_string()), "{toks:?}");
        assert_eq!(toks.iter().filter(|t| *t == "Indent").count(), 1);
    }

    #[test]
    fn dedent_mismatch_is_at_the_newline() {
        let mut lx = Lexer::new("if 1:\n    x = 1\n  y = 2\n");
        let _: Vec<_> = lx.by_ref().collect();
        let e = lx.error.unwrap();
        assert_eq!((e.offset, e.kind), (15, "IndentationError"));
    }

    /// Long literals are split in halves (`digits_value`): the same value as a multiply-add per
    /// digit, at and around the split sizes, in every base.
    #[test]
    fn long_numbers_split_exactly() {
        let mut seed = 12345u64;
        for base in [10u32, 8, 2, 16, 7] {
            for len in [1, 1999, 2000, 2001, 4001, 4096, 9999, 30_011] {
                let digits: Vec<u8> = (0..len)
                    .map(|i| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        let d = if i == 0 { 1 + (seed >> 33) as u32 % (base - 1) } else { (seed >> 33) as u32 % base };
                        std::char::from_digit(d, base).unwrap() as u8
                    })
                    .collect();
                let mut naive = num_bigint::BigUint::from(0u32);
                for &c in &digits {
                    naive = naive * base + (c as char).to_digit(base).unwrap();
                }
                assert_eq!(digits_value(&digits, base, &mut Default::default()), naive, "base {base}, {len} digits");
            }
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_integer("00"), Ok(BigInt::from(0)));
        assert_eq!(parse_integer("0x1f"), Ok(BigInt::from(31)));
        assert_eq!(parse_integer("09").unwrap_err(), "invalid syntax for integer with base 0: '09'");
        assert_eq!(parse_integer("1if").unwrap_err(), "invalid syntax for integer with base 10: '1if'");
        assert_eq!(parse_integer("0x").unwrap_err(), "invalid syntax for integer with base 16: ''");
        assert!(parse_decimal("1e").is_none());
        assert_eq!(parse_decimal("1ej"), Some((1.0, true)));
        assert!(parse_decimal("1.2.3").is_none());
        assert_eq!(parse_decimal("1.e3"), Some((1000.0, false)));
    }
}
