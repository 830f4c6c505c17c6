//! Parsed source files and the index of the functions they define, with their prototypes.
//!
//! tree-sitter parses a copy of each file in which Windows annotation macros are blanked
//! ([`super::lexer::blank_annotations`]); node offsets are offsets into the original bytes,
//! which are what every reported span refers to. Parameter lists are read as text from the
//! blanked copy, so a damaged declarator (an `ERROR` node around an unknown macro) still yields
//! its parameters; such prototypes are marked [`Confidence::Heuristic`].

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use inf_parser::Span;
use tree_sitter::{Node, Parser, Tree};

use super::lexer::{self, line_of, Token, TokenKind, CALLING_CONVENTIONS};
use super::{Confidence, Parameter, Prototype, PrototypeKind, SourceLanguage};
use crate::behavior::{Knowledge, SourceLocation};

/// One file read for analysis.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// Path as given by the caller.
    pub path: PathBuf,
    /// Which grammar it was read with.
    pub language: SourceLanguage,
    /// The original bytes (all spans refer to these).
    pub text: Vec<u8>,
    /// The bytes tree-sitter parsed: `text` with annotation macros blanked.
    pub parse_text: Vec<u8>,
    /// Line start offsets of `text`.
    pub lines: Vec<u32>,
    /// The syntax tree (C and C++ files only).
    pub tree: Option<Tree>,
    /// Macros this file defines as `__declspec(dllexport)`.
    pub export_macros: HashSet<String>,
    /// Trees of functions tree-sitter could only read as `ERROR` (typically unbalanced
    /// braces), re-parsed alone with the missing closing braces added; each with the number of
    /// braces added. Offsets are those of `text`; nodes may end past it (the added braces).
    pub recovered: Vec<(Tree, usize)>,
}

impl Unit {
    /// Reads a C or C++ file (a `.def` file gets no tree).
    pub fn new(path: PathBuf, language: SourceLanguage, text: Vec<u8>) -> Unit {
        let lines = lexer::line_starts(&text);
        let (parse_text, tree, export_macros) = match language {
            SourceLanguage::ModuleDefinition => (Vec::new(), None, HashSet::new()),
            SourceLanguage::C | SourceLanguage::Cpp => {
                let parse_text = lexer::blank_annotations(&text);
                let tree = parse(language, &parse_text);
                (parse_text, tree, lexer::dllexport_macros(&text))
            }
        };
        let recovered = match &tree {
            Some(t) => recover_functions(language, &parse_text, t),
            None => Vec::new(),
        };
        Unit {
            path,
            language,
            text,
            parse_text,
            lines,
            tree,
            export_macros,
            recovered,
        }
    }

    /// The original text of a node (lossy for invalid UTF-8).
    pub fn text_of(&self, node: Node) -> Cow<'_, str> {
        self.slice(node.start_byte(), node.end_byte())
    }

    /// The original text of a byte range (lossy for invalid UTF-8, clamped to the file).
    pub fn slice(&self, start: usize, end: usize) -> Cow<'_, str> {
        let end = end.min(self.text.len());
        let start = start.min(end);
        String::from_utf8_lossy(&self.text[start..end])
    }

    /// A location for a byte range of this file (clamped to the file: nodes of recovered
    /// functions can end in the braces added after it).
    pub fn location(&self, start: usize, end: usize) -> SourceLocation {
        let end = end.min(self.text.len());
        let start = start.min(end);
        SourceLocation {
            file: self.path.clone(),
            span: Span::new(start, end),
            line: line_of(&self.lines, start),
        }
    }
}

fn parse(language: SourceLanguage, text: &[u8]) -> Option<Tree> {
    let mut parser = Parser::new();
    let lang: tree_sitter::Language = match language {
        SourceLanguage::Cpp => tree_sitter_cpp::LANGUAGE.into(),
        _ => tree_sitter_c::LANGUAGE.into(),
    };
    parser.set_language(&lang).ok()?;
    parser.parse(text, None)
}

/// Most functions recovered per file.
const MAX_RECOVERED: usize = 16;

/// Re-parses functions that tree-sitter could only read as `ERROR` nodes: an `ERROR` holding a
/// function declarator followed by `{` is parsed again on its own (everything else blanked, so
/// offsets do not move) with its missing closing braces appended.
fn recover_functions(
    language: SourceLanguage,
    parse_text: &[u8],
    tree: &Tree,
) -> Vec<(Tree, usize)> {
    let mut recovered = Vec::new();
    let mut stack = vec![tree.root_node()];
    while let Some(node) = stack.pop() {
        if recovered.len() >= MAX_RECOVERED {
            break;
        }
        let children = named_children(node);
        let is_broken_function =
            node.is_error() && children.iter().any(|c| c.kind() == "function_declarator") && {
                let mut cursor = node.walk();
                let kids: Vec<Node> = node.children(&mut cursor).collect();
                kids.iter()
                    .position(|c| c.kind() == "function_declarator")
                    .is_some_and(|i| kids[i + 1..].iter().any(|c| c.kind() == "{"))
            };
        if !is_broken_function {
            if node.has_error() {
                stack.extend(children.into_iter().rev());
            }
            continue;
        }
        let (start, end) = (node.start_byte(), node.end_byte().min(parse_text.len()));
        let region = &parse_text[start..end];
        let mut depth = 0i64;
        for t in lexer::tokenize(region) {
            if t.kind == TokenKind::Punct {
                match region[t.start] {
                    b'{' => depth += 1,
                    b'}' => depth -= 1,
                    _ => {}
                }
            }
        }
        let missing = depth.clamp(0, 64) as usize;
        let mut buffer: Vec<u8> = parse_text
            .iter()
            .map(|&b| if b == b'\n' { b'\n' } else { b' ' })
            .collect();
        buffer[start..end].copy_from_slice(region);
        buffer.push(b'\n');
        buffer.resize(buffer.len() + missing, b'}');
        if let Some(t) = parse(language, &buffer) {
            if function_definitions(t.root_node())
                .iter()
                .any(|f| f.start_byte() >= start && f.start_byte() < end)
            {
                recovered.push((t, missing));
            }
        }
    }
    recovered
}

/// The named children of a node, comments left out.
pub(crate) fn named_children(node: Node) -> Vec<Node> {
    let mut cursor = node.walk();
    node.named_children(&mut cursor)
        .filter(|c| c.kind() != "comment")
        .collect()
}

/// `node` without enclosing parentheses and casts: `((DWORD)(x))` → `x`.
pub(crate) fn strip(mut node: Node) -> Node {
    for _ in 0..64 {
        let inner = match node.kind() {
            "parenthesized_expression" => named_children(node).into_iter().next(),
            "cast_expression" => node.child_by_field_name("value"),
            // C++ wraps `if`/`switch`/`while` conditions in a clause.
            "condition_clause" => node.child_by_field_name("value"),
            _ => None,
        };
        match inner {
            Some(n) => node = n,
            None => break,
        }
    }
    node
}

/// A function definition found in a unit.
#[derive(Debug, Clone)]
pub(crate) struct FunctionDef<'t> {
    /// Index of the unit in [`Program::units`].
    pub unit: usize,
    /// The `function_definition` node.
    pub node: Node<'t>,
    /// The body.
    pub body: Node<'t>,
    /// The prototype read from the declarator.
    pub prototype: Prototype,
    /// Whether it returns `void` (then its return value is never read).
    pub returns_void: bool,
    /// When the function was recovered from an `ERROR` node: why its reading is approximate.
    pub recovered: Option<String>,
}

/// All function definitions of a set of units, by name.
pub(crate) struct Program<'t> {
    /// The units.
    pub units: &'t [Unit],
    /// Every function definition, in file order.
    pub functions: Vec<FunctionDef<'t>>,
    by_name: HashMap<String, Vec<usize>>,
    callers: HashMap<String, HashSet<usize>>,
}

impl<'t> Program<'t> {
    /// Indexes the function definitions of `units`.
    pub fn new(units: &'t [Unit]) -> Program<'t> {
        let mut functions = Vec::new();
        for (index, unit) in units.iter().enumerate() {
            let Some(tree) = &unit.tree else { continue };
            for node in function_definitions(tree.root_node()) {
                if let Some(def) = read_function(index, unit, node) {
                    functions.push(def);
                }
            }
            for (tree, added) in &unit.recovered {
                for node in function_definitions(tree.root_node()) {
                    if let Some(mut def) = read_function(index, unit, node) {
                        def.prototype.confidence = Confidence::Heuristic;
                        let line = line_of(&unit.lines, node.start_byte());
                        def.recovered = Some(format!(
                            "`{}` (line {line}) did not parse; it was re-read with {added} closing brace(s) added",
                            def.prototype.function
                        ));
                        functions.push(def);
                    }
                }
            }
        }
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, f) in functions.iter().enumerate() {
            by_name
                .entry(f.prototype.function.clone())
                .or_default()
                .push(i);
        }
        let mut callers: HashMap<String, HashSet<usize>> = HashMap::new();
        for (i, f) in functions.iter().enumerate() {
            for callee in called_names(&units[f.unit], f.body) {
                callers.entry(callee).or_default().insert(i);
            }
        }
        Program {
            units,
            functions,
            by_name,
            callers,
        }
    }

    /// The definitions named `name`, those of `prefer_unit` first, then C/C++ files before headers.
    pub fn lookup(&self, name: &str, prefer_unit: Option<usize>) -> Vec<usize> {
        let mut found = self.by_name.get(name).cloned().unwrap_or_default();
        // The key reads the file name: computed once per definition, not per comparison (a
        // repository can define `DllMain` or `DriverEntry` hundreds of times).
        found.sort_by_cached_key(|&i| {
            let f = &self.functions[i];
            let is_header = self.units[f.unit]
                .path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("h") || e.eq_ignore_ascii_case("hpp"));
            (
                Some(f.unit) != prefer_unit,
                is_header,
                f.unit,
                f.node.start_byte(),
            )
        });
        found
    }

    /// Whether a function other than `index` itself calls the function `index`.
    pub fn called_by_others(&self, index: usize) -> bool {
        let name = &self.functions[index].prototype.function;
        self.callers
            .get(name)
            .is_some_and(|set| set.iter().any(|&c| c != index))
    }
}

/// Every `function_definition` node, in order, without descending into function bodies. The
/// walk is iterative so that deeply nested input cannot exhaust the stack.
fn function_definitions(root: Node) -> Vec<Node> {
    let mut found = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.kind() == "function_definition" {
            found.push(node);
            continue;
        }
        let mut cursor = node.walk();
        let children: Vec<Node> = node.named_children(&mut cursor).collect();
        stack.extend(children.into_iter().rev());
    }
    found
}

/// Names of functions called (by plain identifier) inside `body`.
fn called_names(unit: &Unit, body: Node) -> HashSet<String> {
    let mut names = HashSet::new();
    let mut stack = vec![body];
    while let Some(node) = stack.pop() {
        if node.kind() == "call_expression" {
            if let Some(callee) = node.child_by_field_name("function") {
                if callee.kind() == "identifier" {
                    names.insert(unit.text_of(callee).into_owned());
                }
            }
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    names
}

/// The `function_declarator` under a definition's declarator (through pointer, reference,
/// parenthesized and attributed declarators), if tree-sitter found one.
fn function_declarator(def: Node) -> Option<Node> {
    let mut node = def.child_by_field_name("declarator")?;
    for _ in 0..32 {
        if node.kind() == "function_declarator" {
            return Some(node);
        }
        node = node
            .child_by_field_name("declarator")
            .or_else(|| named_children(node).into_iter().next())?;
    }
    None
}

/// The simple name of a declarator: `Foo`, or `Method` for `Class::Method`.
fn declarator_name<'t>(mut node: Node<'t>) -> Option<Node<'t>> {
    for _ in 0..32 {
        match node.kind() {
            "identifier" | "field_identifier" | "destructor_name" | "operator_name" => {
                return Some(node)
            }
            "qualified_identifier" | "template_function" => {
                node = node.child_by_field_name("name")?
            }
            _ => {
                node = node
                    .child_by_field_name("declarator")
                    .or_else(|| named_children(node).into_iter().next())?
            }
        }
    }
    None
}

/// Whether `node` or a descendant is an `ERROR` or missing node.
fn damaged(node: Node) -> bool {
    node.has_error() || node.is_error() || node.is_missing()
}

fn read_function<'t>(unit_index: usize, unit: &Unit, node: Node<'t>) -> Option<FunctionDef<'t>> {
    let body = node.child_by_field_name("body")?;
    let declarator = function_declarator(node);
    let header_damaged = {
        let mut cursor = node.walk();
        let damaged_child = node
            .children(&mut cursor)
            .filter(|c| c.id() != body.id())
            .any(damaged);
        damaged_child || declarator.is_none()
    };
    // Name and parameter list: from the declarator when there is one, else from the header text.
    let (name_range, params_range) = match declarator {
        Some(d) => {
            let name = d
                .child_by_field_name("declarator")
                .and_then(declarator_name)?;
            let params = d.child_by_field_name("parameters")?;
            (
                (name.start_byte(), name.end_byte()),
                (params.start_byte(), params.end_byte()),
            )
        }
        None => header_by_text(&unit.parse_text, node.start_byte(), body.start_byte())?,
    };
    let function = unit.slice(name_range.0, name_range.1).into_owned();
    if function.is_empty() {
        return None;
    }
    let params = read_parameters(&unit.parse_text, params_range.0, params_range.1);
    // An unknown macro before the return type (`VENDOR_DECORATION DWORD VENDOR_CALL F(…)`)
    // makes tree-sitter end a bogus declaration before the definition (with a missing `;`):
    // that declaration is part of the header.
    let mut start = node.start_byte();
    let mut header_damaged = header_damaged;
    if let Some(prev) = node
        .prev_named_sibling()
        .filter(|p| p.kind() == "declaration" && damaged(*p))
    {
        if unit.parse_text[prev.end_byte()..start]
            .iter()
            .all(u8::is_ascii_whitespace)
        {
            start = prev.start_byte();
            header_damaged = true;
        }
    }
    let start = start.min(name_range.0);
    // Blanked annotations before the header (`_Use_decl_annotations_ SAMPLE_EXPORT`) still
    // count for the calling convention and the export.
    let annotated_start = unit.parse_text[..start]
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(0, |p| p + 1);
    let header_tokens = lexer::tokenize(&unit.parse_text[start..name_range.0]);
    let header_words: Vec<String> = header_tokens
        .iter()
        .map(|t| {
            String::from_utf8_lossy(&unit.parse_text[start + t.start..start + t.end]).into_owned()
        })
        .collect();
    let is_static = header_words.iter().any(|w| w == "static");
    let return_type = header_words
        .iter()
        .filter(|w| {
            !matches!(
                w.as_str(),
                "static" | "extern" | "inline" | "__inline" | "\"C\""
            )
        })
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(" *", "*");
    let returns_void = matches!(return_type.as_str(), "void" | "VOID");
    let original_header = lexer::tokenize(&unit.text[annotated_start..name_range.0]);
    let mut calling_convention = None;
    let mut dllexport = false;
    for t in &original_header {
        let word = unit.slice(annotated_start + t.start, annotated_start + t.end);
        if calling_convention.is_none() && CALLING_CONVENTIONS.contains(&word.as_ref()) {
            calling_convention = Some(word.to_string());
        }
        if word == "dllexport" || unit.export_macros.contains(word.as_ref()) {
            dllexport = true;
        }
    }
    let (kind, deviations) = classify(&params, &return_type, calling_convention.is_some());
    let prototype = Prototype {
        function,
        return_type,
        calling_convention,
        is_static,
        declspec_dllexport: dllexport,
        params,
        kind,
        deviations,
        confidence: if header_damaged {
            Confidence::Heuristic
        } else {
            Confidence::Parsed
        },
        at: unit.location(start, body.start_byte()),
    };
    Some(FunctionDef {
        unit: unit_index,
        node,
        body,
        prototype,
        returns_void,
        recovered: None,
    })
}

/// Finds `name ( … )` in a damaged header by text: the last identifier before the first `(`
/// at nesting depth 0, and the balanced parenthesis group it opens.
fn header_by_text(
    text: &[u8],
    start: usize,
    end: usize,
) -> Option<((usize, usize), (usize, usize))> {
    let tokens = lexer::tokenize(&text[start..end]);
    let open = tokens
        .iter()
        .position(|t| t.kind == TokenKind::Punct && text[start + t.start] == b'(')?;
    let name = tokens[..open]
        .iter()
        .rev()
        .find(|t| t.kind == TokenKind::Ident)?;
    let mut depth = 0usize;
    let mut close = None;
    for t in &tokens[open..] {
        if t.kind == TokenKind::Punct {
            match text[start + t.start] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        close = Some(t.end);
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    let close = close?;
    Some((
        (start + name.start, start + name.end),
        (start + tokens[open].start, start + close),
    ))
}

/// Reads a parenthesised parameter list from text: split at depth-0 commas; in each parameter
/// the name is the last identifier when something precedes it.
fn read_parameters(text: &[u8], start: usize, end: usize) -> Vec<Parameter> {
    let end = end.min(text.len());
    let start = start.min(end);
    let tokens = lexer::tokenize(&text[start..end]);
    let word =
        |t: &Token| String::from_utf8_lossy(&text[start + t.start..start + t.end]).into_owned();
    // Drop the outer parentheses.
    let inner: &[Token] = match tokens.as_slice() {
        [first, rest @ .., last] if word(first) == "(" && word(last) == ")" => rest,
        [first, rest @ ..] if word(first) == "(" => rest,
        all => all,
    };
    let mut groups: Vec<Vec<Token>> = vec![Vec::new()];
    let mut depth = 0i32;
    for t in inner {
        let w = word(t);
        if t.kind == TokenKind::Punct {
            match w.as_str() {
                "(" | "[" | "{" | "<" => depth += 1,
                ")" | "]" | "}" | ">" => depth -= 1,
                "," if depth <= 0 => {
                    groups.push(Vec::new());
                    continue;
                }
                _ => {}
            }
        }
        if let Some(group) = groups.last_mut() {
            group.push(*t);
        }
    }
    let mut params = Vec::new();
    for group in groups {
        if group.is_empty() {
            continue;
        }
        let words: Vec<String> = group.iter().map(&word).collect();
        if words.len() == 1 && (words[0] == "void" || words[0] == "VOID") {
            continue;
        }
        // The name: the last identifier outside brackets, when it is not the only word.
        let mut name_index = None;
        let mut depth = 0i32;
        for (i, (t, w)) in group.iter().zip(&words).enumerate() {
            match w.as_str() {
                "[" | "(" => depth += 1,
                "]" | ")" => depth -= 1,
                _ if t.kind == TokenKind::Ident && depth <= 0 => name_index = Some(i),
                _ => {}
            }
        }
        // A function-pointer parameter names itself in `(*name)`.
        if let Some(i) = (2..words.len()).find(|&i| {
            words[i - 2] == "(" && words[i - 1] == "*" && group[i].kind == TokenKind::Ident
        }) {
            name_index = Some(i);
        }
        let ident_count = group.iter().filter(|t| t.kind == TokenKind::Ident).count();
        let name_index =
            name_index.filter(|_| ident_count >= 2 || words.iter().any(|w| w == "*" || w == "&"));
        let type_words: Vec<&str> = words
            .iter()
            .enumerate()
            .filter(|(i, _)| Some(*i) != name_index)
            .map(|(_, w)| w.as_str())
            .collect();
        params.push(Parameter {
            name: name_index.map(|i| words[i].clone()),
            type_text: type_words.join(" ").replace(" *", "*"),
        });
    }
    params
}

/// Whether a parameter's type mentions `name` (as a word), or `star_name` followed by `*`.
fn type_is(param: &Parameter, name: &str, star_name: &str) -> bool {
    let words: Vec<&str> = param
        .type_text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .collect();
    words.contains(&name) || (words.contains(&star_name) && param.type_text.contains('*'))
}

/// Whether a parameter is the `DI_FUNCTION` code.
pub(crate) fn is_dif_param(p: &Parameter) -> bool {
    type_is(p, "DI_FUNCTION", "DI_FUNCTION")
}

/// Whether a parameter is the co-installer context.
pub(crate) fn is_context_param(p: &Parameter) -> bool {
    type_is(p, "PCOINSTALLER_CONTEXT_DATA", "COINSTALLER_CONTEXT_DATA")
}

fn is_devinfo_set(p: &Parameter) -> bool {
    type_is(p, "HDEVINFO", "HDEVINFO")
}

fn is_devinfo_data(p: &Parameter) -> bool {
    type_is(p, "PSP_DEVINFO_DATA", "SP_DEVINFO_DATA")
}

/// The kind of entry point a prototype declares (dif-model.md §3.5) and how it departs from the
/// documented one.
fn classify(
    params: &[Parameter],
    return_type: &str,
    has_calling_convention: bool,
) -> (Knowledge<PrototypeKind>, Vec<String>) {
    let has_dif = params.iter().any(is_dif_param);
    let has_context = params.iter().any(is_context_param);
    let mut deviations = Vec::new();
    let kind = if has_dif && has_context {
        type Check = fn(&Parameter) -> bool;
        let expected: [(&str, Check); 4] = [
            ("DI_FUNCTION", is_dif_param),
            ("HDEVINFO", is_devinfo_set),
            ("PSP_DEVINFO_DATA", is_devinfo_data),
            ("PCOINSTALLER_CONTEXT_DATA", is_context_param),
        ];
        if params.len() != 4 {
            deviations.push(format!(
                "has {} parameters; a co-installer takes 4",
                params.len()
            ));
        }
        for (i, (type_name, check)) in expected.iter().enumerate() {
            if let Some(p) = params.get(i) {
                if !check(p) {
                    deviations.push(format!(
                        "parameter {} is `{}`, expected {}",
                        i + 1,
                        p.type_text,
                        type_name
                    ));
                }
            }
        }
        Knowledge::Known {
            value: PrototypeKind::CoInstaller,
        }
    } else if has_dif
        && params.len() == 3
        && is_dif_param(&params[0])
        && is_devinfo_set(&params[1])
        && is_devinfo_data(&params[2])
    {
        Knowledge::Known {
            value: PrototypeKind::ClassInstaller,
        }
    } else if has_dif {
        Knowledge::Unknown {
            reason: format!(
                "has a DI_FUNCTION parameter but neither the co-installer prototype (with PCOINSTALLER_CONTEXT_DATA) nor the 3-parameter class-installer prototype ({} parameters)",
                params.len()
            ),
        }
    } else {
        Knowledge::Unknown {
            reason: "no DI_FUNCTION parameter".to_string(),
        }
    };
    if matches!(kind, Knowledge::Known { .. }) {
        if !return_type
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .any(|w| w == "DWORD")
        {
            deviations.push(format!("returns `{return_type}`, not DWORD"));
        }
        if !has_calling_convention {
            deviations.push("no CALLBACK/WINAPI (__stdcall) calling convention".to_string());
        }
    }
    (kind, deviations)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program_of(src: &str) -> (Vec<Unit>, Vec<Prototype>) {
        let units = vec![Unit::new(
            PathBuf::from("t.c"),
            SourceLanguage::C,
            src.as_bytes().to_vec(),
        )];
        let protos = Program::new(&units)
            .functions
            .iter()
            .map(|f| f.prototype.clone())
            .collect();
        (units, protos)
    }

    #[test]
    fn reads_annotated_prototypes() {
        let (_, protos) = program_of(
            "NETCO_API DWORD CALLBACK A(__in DI_FUNCTION f, __in HDEVINFO s, __in PSP_DEVINFO_DATA d, OPTIONAL __inout PCOINSTALLER_CONTEXT_DATA c) { return 0; }\n\
             DWORD WINAPI B(IN DI_FUNCTION f, IN HDEVINFO s, IN PSP_DEVINFO_DATA d OPTIONAL) { return 0; }\n\
             static HRESULT C(HDEVINFO s) { return 0; }\n\
             void D(void) {}\n",
        );
        let summary: Vec<_> = protos
            .iter()
            .map(|p| {
                (
                    p.function.as_str(),
                    p.params.len(),
                    p.kind.clone(),
                    p.is_static,
                    p.calling_convention.clone(),
                )
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "A",
                    4,
                    Knowledge::Known {
                        value: PrototypeKind::CoInstaller
                    },
                    false,
                    Some("CALLBACK".to_string())
                ),
                (
                    "B",
                    3,
                    Knowledge::Known {
                        value: PrototypeKind::ClassInstaller
                    },
                    false,
                    Some("WINAPI".to_string())
                ),
                (
                    "C",
                    1,
                    Knowledge::Unknown {
                        reason: "no DI_FUNCTION parameter".to_string()
                    },
                    true,
                    None
                ),
                (
                    "D",
                    0,
                    Knowledge::Unknown {
                        reason: "no DI_FUNCTION parameter".to_string()
                    },
                    false,
                    None
                ),
            ]
        );
        assert_eq!(
            protos[0].params[3],
            Parameter {
                name: Some("c".into()),
                type_text: "PCOINSTALLER_CONTEXT_DATA".into()
            }
        );
        assert_eq!(protos[1].params[2].name.as_deref(), Some("d"));
        assert!(
            protos[0].deviations.is_empty(),
            "{:?}",
            protos[0].deviations
        );
    }

    #[test]
    fn parameters_by_text() {
        let text = b"(const SP_DEVINFO_DATA *Data, int a[4], void (*cb)(int), HDEVINFO)";
        let params = read_parameters(text, 0, text.len());
        let names: Vec<_> = params.iter().map(|p| p.name.clone()).collect();
        assert_eq!(
            names,
            vec![
                Some("Data".to_string()),
                Some("a".to_string()),
                Some("cb".to_string()),
                None
            ]
        );
        assert!(is_devinfo_data(&params[0]));
        assert!(read_parameters(b"(", 0, 1).is_empty());
        assert!(read_parameters(b"", 0, 0).is_empty());
    }

    #[test]
    fn deviations_are_listed() {
        let (_, protos) =
            program_of("int Co(DI_FUNCTION f, PCOINSTALLER_CONTEXT_DATA c) { return 0; }");
        assert_eq!(
            protos[0].kind,
            Knowledge::Known {
                value: PrototypeKind::CoInstaller
            }
        );
        assert_eq!(
            protos[0].deviations,
            vec![
                "has 2 parameters; a co-installer takes 4".to_string(),
                "parameter 2 is `PCOINSTALLER_CONTEXT_DATA`, expected HDEVINFO".to_string(),
                "returns `int`, not DWORD".to_string(),
                "no CALLBACK/WINAPI (__stdcall) calling convention".to_string(),
            ]
        );
    }
}
