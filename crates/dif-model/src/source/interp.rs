//! Abstract interpretation of an installer function: which DIF codes it tests, what it returns
//! under which DIF and pass, and which notable calls it makes on the way.
//!
//! The interpreter walks the syntax tree statement by statement, carrying a set of abstract
//! states. A state is a [`Cond`] (what is known on this path about the DIF code and about
//! `Context->PostProcessing`) plus the possible values of each local variable. Conditions on the
//! DIF parameter (`switch`, `==`, `!=`) and on `PostProcessing` narrow the `Cond`; every other
//! condition keeps both branches. `return` records the returned values under the path's `Cond`;
//! calls to functions defined in the analysed files are followed (bounded depth, memoised),
//! passing the DIF role of their arguments along. States with the same `Cond` are merged at
//! every join, which keeps the work linear in the size of the code; the price is that values of
//! different variables are not correlated — results are a safe over-approximation.
//!
//! Everything is bounded: nesting depth, helper depth, total steps. What could not be followed is
//! recorded as a gap, which turns the entry point's completeness into `Unknown`.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use tree_sitter::Node;

use super::names;
use super::syntax::{named_children, strip, Program};
use crate::behavior::{CallKind, ReturnValue};

/// What is known about `Context->PostProcessing` on a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum PassSet {
    /// Not tested.
    Any,
    /// `PostProcessing` is FALSE.
    Pre,
    /// `PostProcessing` is TRUE.
    Post,
}

/// What is known about the DIF code on a path.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum DifSet {
    /// Not tested.
    Any,
    /// One of these codes.
    Only(BTreeSet<u32>),
    /// Any code but these.
    Except(BTreeSet<u32>),
}

impl DifSet {
    /// Whether `dif` is possible on the path.
    pub fn contains(&self, dif: u32) -> bool {
        match self {
            DifSet::Any => true,
            DifSet::Only(set) => set.contains(&dif),
            DifSet::Except(set) => !set.contains(&dif),
        }
    }

    /// Whether codes the source never names (unrecognised DIFs) are possible on the path.
    pub fn includes_unlisted(&self) -> bool {
        !matches!(self, DifSet::Only(_))
    }

    fn and(&self, other: &DifSet) -> DifSet {
        match (self, other) {
            (DifSet::Any, x) | (x, DifSet::Any) => x.clone(),
            (DifSet::Only(a), DifSet::Only(b)) => {
                DifSet::Only(a.intersection(b).copied().collect())
            }
            (DifSet::Only(a), DifSet::Except(b)) | (DifSet::Except(b), DifSet::Only(a)) => {
                DifSet::Only(a.difference(b).copied().collect())
            }
            (DifSet::Except(a), DifSet::Except(b)) => DifSet::Except(a.union(b).copied().collect()),
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, DifSet::Only(set) if set.is_empty())
    }
}

/// The path condition: what is known about the DIF code and the pass.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Cond {
    /// The pass.
    pub pass: PassSet,
    /// The DIF code.
    pub difs: DifSet,
}

impl Cond {
    /// Nothing known.
    pub fn any() -> Cond {
        Cond {
            pass: PassSet::Any,
            difs: DifSet::Any,
        }
    }

    fn and_pass(&self, pass: PassSet) -> Option<Cond> {
        let pass = match (self.pass, pass) {
            (PassSet::Any, p) | (p, PassSet::Any) => p,
            (a, b) if a == b => a,
            _ => return None,
        };
        Some(Cond {
            pass,
            difs: self.difs.clone(),
        })
    }

    fn and_difs(&self, difs: &DifSet) -> Option<Cond> {
        let difs = self.difs.and(difs);
        (!difs.is_empty()).then_some(Cond {
            pass: self.pass,
            difs,
        })
    }
}

/// A byte range in one of the program's units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Loc {
    /// Unit index.
    pub unit: usize,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A possible value with the place it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Val {
    /// The value.
    pub value: ReturnValue,
    /// Where it originates (the constant, the `Context->InstallResult`, the call…).
    pub at: Loc,
    /// For the unknown result of a function outside the analysed sources, its name: once a
    /// path proves such a status non-zero, it is "some error" (a Windows API status).
    pub from_call: Option<String>,
}

impl Val {
    fn new(value: ReturnValue, at: Loc) -> Val {
        Val {
            value,
            at,
            from_call: None,
        }
    }
}

/// A value returned under a path condition.
#[derive(Clone, Debug)]
pub(crate) struct ReturnEvent {
    /// The path condition.
    pub cond: Cond,
    /// The value.
    pub val: Val,
}

/// A notable call (or flag write) made under a path condition.
#[derive(Clone, Debug)]
pub(crate) struct CallEvent {
    /// The path condition.
    pub cond: Cond,
    /// Function called (or flag set).
    pub function: String,
    /// What kind of call.
    pub kind: CallKind,
    /// Where.
    pub at: Loc,
}

/// A place where the DIF code is compared with a constant.
#[derive(Clone, Debug)]
pub(crate) struct MatchEvent {
    /// The DIF code value.
    pub dif: u32,
    /// The `case` label or comparison.
    pub at: Loc,
}

/// Everything found about one entry point.
#[derive(Debug, Default)]
pub(crate) struct Facts {
    /// Returned values.
    pub returns: Vec<ReturnEvent>,
    /// Notable calls.
    pub calls: Vec<CallEvent>,
    /// DIF comparisons.
    pub matches: Vec<MatchEvent>,
    /// What could not be followed, in the order found.
    pub gaps: Vec<String>,
}

/// Bounds on the work done for one entry point.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// How many calls deep helpers are followed.
    pub helper_depth: u32,
    /// Syntax nodes visited before giving up.
    pub max_steps: u32,
}

/// Nesting of statements and expressions followed before giving up (protects the stack).
const MAX_NESTING: u32 = 160;
/// Values kept per variable.
const MAX_VALUES: usize = 48;

/// Analyses function `func` of `program`, whose parameters at `dif_params` carry the DIF code.
pub(crate) fn analyze(
    program: &Program,
    func: usize,
    dif_params: &[usize],
    limits: Limits,
) -> Facts {
    let mut analyzer = Analyzer {
        program,
        limits,
        steps: 0,
        nesting: 0,
        stack: Vec::new(),
        facts: Facts::default(),
        memo: HashMap::new(),
    };
    let returns = analyzer.run_function(func, dif_params.to_vec(), Cond::any());
    let mut facts = analyzer.facts;
    facts.returns = returns;
    facts
}

/// One abstract path: what is known about DIF and pass, and what each tracked local may hold
/// (a local absent from `vars` is not tracked on this path).
#[derive(Clone, Debug)]
struct State {
    cond: Cond,
    vars: BTreeMap<String, Vec<Val>>,
}

impl State {
    fn with_cond(&self, cond: Cond) -> State {
        State {
            cond,
            vars: self.vars.clone(),
        }
    }
}

/// Where control goes after a statement: on to the next one, out of the enclosing loop or
/// switch, back to the loop test, or to a label (forward `goto`s wait for their label in the
/// enclosing statement sequences).
#[derive(Default)]
struct Flow {
    normal: Vec<State>,
    breaks: Vec<State>,
    continues: Vec<State>,
    gotos: Vec<(String, State)>,
}

impl Flow {
    fn normal(states: Vec<State>) -> Flow {
        Flow {
            normal: states,
            ..Flow::default()
        }
    }

    fn absorb(&mut self, other: Flow) {
        self.normal.extend(other.normal);
        self.breaks.extend(other.breaks);
        self.continues.extend(other.continues);
        self.gotos.extend(other.gotos);
    }
}

/// The function being interpreted.
struct Frame {
    /// Unit of the function.
    unit: usize,
    /// Its name (for reasons).
    name: String,
    /// Names that hold the DIF code: DIF parameters and locals only assigned from them.
    dif_names: HashSet<String>,
    /// Locals only assigned from `….PostProcessing`.
    pass_names: HashSet<String>,
    /// Every local declared in the body.
    locals: HashSet<String>,
    /// Locals whose address is taken other than as a call argument: they can change through a
    /// pointer at any time, so their values are not tracked.
    aliased: HashSet<String>,
    /// Parameter names.
    params: HashSet<String>,
    /// What its `return` statements returned.
    returns: Vec<ReturnEvent>,
}

impl Frame {
    /// Whether assignments to `name` are tracked.
    fn tracks(&self, name: &str) -> bool {
        self.locals.contains(name) && !self.aliased.contains(name)
    }
}

/// A helper call: function, DIF-carrying parameters, path condition, call depth.
type MemoKey = (usize, Vec<usize>, Cond, usize);

/// The result of a helper call, with the events it produced (replayed on reuse).
struct Memo {
    returns: Vec<ReturnEvent>,
    calls: Vec<CallEvent>,
    matches: Vec<MatchEvent>,
}

/// The interpreter for one entry point.
struct Analyzer<'p, 't> {
    program: &'p Program<'t>,
    limits: Limits,
    /// Steps taken (bounded by `limits.max_steps`).
    steps: u32,
    /// Current statement/expression nesting, across helper calls (bounded by [`MAX_NESTING`]).
    nesting: u32,
    /// Functions being interpreted (recursion guard and helper depth).
    stack: Vec<usize>,
    /// Events found so far.
    facts: Facts,
    memo: HashMap<MemoKey, Memo>,
}

/// Collapses whitespace and shortens source text for use in a reason.
fn brief(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() > 60 {
        format!("{}…", collapsed.chars().take(60).collect::<String>())
    } else {
        collapsed
    }
}

/// The value of a C integer literal (`0x1F`, `017`, `42UL`), truncated to 32 bits as a DWORD would be.
pub(crate) fn parse_int(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches(['u', 'U', 'l', 'L']);
    let value = if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        u64::from_str_radix(hex, 16).ok()?
    } else if t.len() > 1 && t.starts_with('0') {
        u64::from_str_radix(&t[1..], 8).ok()?
    } else {
        t.parse::<u64>().ok()?
    };
    Some(value as u32)
}

/// Joins states with the same condition, uniting the values of their variables.
fn merge(states: Vec<State>) -> Vec<State> {
    if states.len() <= 1 {
        return states;
    }
    let mut by_cond: BTreeMap<Cond, State> = BTreeMap::new();
    for state in states {
        match by_cond.get_mut(&state.cond) {
            None => {
                by_cond.insert(state.cond.clone(), state);
            }
            Some(into) => {
                for (name, vals) in state.vars {
                    let slot = into.vars.entry(name).or_default();
                    for v in vals {
                        add_val(slot, v);
                    }
                }
            }
        }
    }
    by_cond.into_values().collect()
}

/// Adds a value to a set; past [`MAX_VALUES`] the last slot becomes an `Unknown` saying that
/// values were dropped, so that the loss is visible.
fn add_val(slot: &mut Vec<Val>, v: Val) {
    if slot.contains(&v) {
        return;
    }
    if slot.len() < MAX_VALUES {
        slot.push(v);
        return;
    }
    let reason = format!("more than {MAX_VALUES} possible values; the others were not kept");
    if !slot
        .iter()
        .any(|x| matches!(&x.value, ReturnValue::Unknown { reason: r } if *r == reason))
    {
        slot[MAX_VALUES - 1] = Val::new(ReturnValue::Unknown { reason }, v.at);
    }
}

fn dedup_vals(vals: Vec<Val>) -> Vec<Val> {
    let mut out = Vec::new();
    for v in vals {
        add_val(&mut out, v);
    }
    out
}

impl<'p, 't> Analyzer<'p, 't> {
    fn text(&self, frame: &Frame, node: Node) -> String {
        self.program.units[frame.unit].text_of(node).into_owned()
    }

    fn loc(&self, frame: &Frame, node: Node) -> Loc {
        Loc {
            unit: frame.unit,
            start: node.start_byte(),
            end: node.end_byte(),
        }
    }

    fn line(&self, frame: &Frame, node: Node) -> u32 {
        super::lexer::line_of(&self.program.units[frame.unit].lines, node.start_byte())
    }

    fn gap(&mut self, reason: String) {
        if !self.facts.gaps.contains(&reason) && self.facts.gaps.len() < 32 {
            self.facts.gaps.push(reason);
        }
    }

    fn nesting_gap(&mut self, frame: &Frame) {
        if self.nesting >= MAX_NESTING {
            self.gap(format!(
                "code nested more than {MAX_NESTING} levels deep in `{}` was not followed",
                frame.name
            ));
        }
    }

    /// Counts one step; false once the budget is spent.
    fn tick(&mut self) -> bool {
        self.steps += 1;
        if self.steps == self.limits.max_steps {
            self.gap(format!(
                "analysis stopped after {} steps; later code was not followed",
                self.limits.max_steps
            ));
        }
        self.steps < self.limits.max_steps
    }

    fn unknown(&self, frame: &Frame, node: Node, reason: String) -> Val {
        Val::new(ReturnValue::Unknown { reason }, self.loc(frame, node))
    }

    // ----- functions -------------------------------------------------------------------------

    fn run_function(
        &mut self,
        func: usize,
        dif_params: Vec<usize>,
        cond: Cond,
    ) -> Vec<ReturnEvent> {
        let def = &self.program.functions[func];
        let unit = &self.program.units[def.unit];
        let params: Vec<Option<String>> = def
            .prototype
            .params
            .iter()
            .map(|p| p.name.clone())
            .collect();
        let mut frame = Frame {
            unit: def.unit,
            name: def.prototype.function.clone(),
            dif_names: dif_params
                .iter()
                .filter_map(|&i| params.get(i).cloned().flatten())
                .collect(),
            pass_names: HashSet::new(),
            locals: HashSet::new(),
            aliased: HashSet::new(),
            params: params.iter().flatten().cloned().collect(),
            returns: Vec::new(),
        };
        prescan(unit, def.body, &mut frame);
        self.stack.push(func);
        let flow = self.exec(
            &mut frame,
            def.body,
            vec![State {
                cond,
                vars: BTreeMap::new(),
            }],
        );
        self.stack.pop();
        for (label, _) in &flow.gotos {
            self.gap(format!("`goto {label}` in `{}` jumps backwards or into a block; that path was not followed", frame.name));
        }
        if !def.returns_void {
            let end = def.body.end_byte();
            for state in merge(flow.normal) {
                let at = Loc {
                    unit: def.unit,
                    start: end.saturating_sub(1),
                    end,
                };
                let reason = format!(
                    "`{}` can reach its end without a return statement",
                    frame.name
                );
                frame.returns.push(ReturnEvent {
                    cond: state.cond,
                    val: Val::new(ReturnValue::Unknown { reason }, at),
                });
            }
        }
        frame.returns
    }

    // ----- statements ------------------------------------------------------------------------

    fn exec(&mut self, frame: &mut Frame, node: Node<'t>, states: Vec<State>) -> Flow {
        if states.is_empty() {
            return Flow::default();
        }
        if !self.tick() {
            return Flow::normal(states);
        }
        if self.nesting >= MAX_NESTING {
            self.nesting_gap(frame);
            return Flow::normal(states);
        }
        self.nesting += 1;
        let flow = self.exec_inner(frame, node, states);
        self.nesting -= 1;
        flow
    }

    fn exec_inner(&mut self, frame: &mut Frame, node: Node<'t>, states: Vec<State>) -> Flow {
        match node.kind() {
            "compound_statement" | "declaration_list" | "preproc_else" => {
                self.exec_seq(frame, named_children(node), states)
            }
            "expression_statement" => match named_children(node).first() {
                Some(&e) => Flow::normal(self.effects(frame, e, states)),
                None => Flow::normal(states),
            },
            "declaration" => Flow::normal(self.exec_declaration(frame, node, states)),
            "if_statement" => self.exec_if(frame, node, states),
            "switch_statement" => self.exec_switch(frame, node, states),
            "while_statement" | "do_statement" | "for_statement" | "for_range_loop" => {
                self.exec_loop(frame, node, states)
            }
            "return_statement" => {
                self.exec_return(frame, node, states);
                Flow::default()
            }
            "break_statement" => Flow {
                breaks: states,
                ..Flow::default()
            },
            "continue_statement" => Flow {
                continues: states,
                ..Flow::default()
            },
            "goto_statement" => {
                let label = node
                    .child_by_field_name("label")
                    .map(|l| self.text(frame, l))
                    .unwrap_or_default();
                Flow {
                    gotos: states.into_iter().map(|s| (label.clone(), s)).collect(),
                    ..Flow::default()
                }
            }
            "labeled_statement" | "case_statement" | "attributed_statement" => {
                let skip: Vec<usize> = ["label", "value"]
                    .iter()
                    .filter_map(|f| node.child_by_field_name(f))
                    .map(|n| n.id())
                    .collect();
                let body = named_children(node)
                    .into_iter()
                    .filter(|c| !skip.contains(&c.id()) && c.kind() != "attribute_declaration")
                    .collect();
                self.exec_seq(frame, body, states)
            }
            "preproc_if" | "preproc_ifdef" | "preproc_elif" | "preproc_elifdef" => {
                let skip: Vec<usize> = ["condition", "name", "alternative"]
                    .iter()
                    .filter_map(|f| node.child_by_field_name(f))
                    .map(|n| n.id())
                    .collect();
                let body = named_children(node)
                    .into_iter()
                    .filter(|c| !skip.contains(&c.id()))
                    .collect();
                // Either branch may be compiled.
                let mut flow = self.exec_seq(frame, body, states.clone());
                match node.child_by_field_name("alternative") {
                    Some(alt) => flow.absorb(self.exec(frame, alt, states)),
                    None => flow.normal.extend(states),
                }
                flow.normal = merge(flow.normal);
                flow
            }
            "seh_try_statement" | "try_statement" => self.exec_try(frame, node, states),
            "comment"
            | "preproc_call"
            | "preproc_def"
            | "preproc_function_def"
            | "preproc_include"
            | "type_definition"
            | "struct_specifier"
            | "enum_specifier"
            | "union_specifier"
            | "empty_statement"
            | "seh_leave_statement"
            | "function_definition"
            | "alias_declaration"
            | "using_declaration"
            | "static_assert_declaration" => Flow::normal(states),
            kind if kind.ends_with("_expression") || kind == "identifier" => {
                Flow::normal(self.effects(frame, node, states))
            }
            _ => {
                if node.is_error() || node.is_missing() {
                    let line = self.line(frame, node);
                    self.gap(format!("`{}` has code at line {line} that could not be parsed; it was read approximately", frame.name));
                }
                let children = named_children(node);
                if children.is_empty() {
                    Flow::normal(states)
                } else {
                    self.exec_seq(frame, children, states)
                }
            }
        }
    }

    /// A statement sequence; labels receive the pending `goto`s aimed at them.
    fn exec_seq(&mut self, frame: &mut Frame, children: Vec<Node<'t>>, states: Vec<State>) -> Flow {
        let mut current = states;
        let mut out = Flow::default();
        for child in children {
            let mut child = child;
            let mut guard = 0;
            while child.kind() == "labeled_statement" && guard < 16 {
                guard += 1;
                let label = child
                    .child_by_field_name("label")
                    .map(|l| self.text(frame, l));
                let pending = std::mem::take(&mut out.gotos);
                for (target, state) in pending {
                    if Some(&target) == label.as_ref() {
                        current.push(state);
                    } else {
                        out.gotos.push((target, state));
                    }
                }
                current = merge(current);
                let label_id = child.child_by_field_name("label").map(|l| l.id());
                match named_children(child)
                    .into_iter()
                    .find(|c| Some(c.id()) != label_id)
                {
                    Some(inner) => child = inner,
                    None => break,
                }
            }
            if child.kind() == "labeled_statement" || current.is_empty() {
                continue;
            }
            let flow = self.exec(frame, child, current);
            current = merge(flow.normal);
            out.breaks.extend(flow.breaks);
            out.continues.extend(flow.continues);
            out.gotos.extend(flow.gotos);
        }
        out.normal = current;
        out
    }

    fn exec_declaration(
        &mut self,
        frame: &mut Frame,
        node: Node<'t>,
        states: Vec<State>,
    ) -> Vec<State> {
        let mut cursor = node.walk();
        let declarators: Vec<Node> = node
            .children_by_field_name("declarator", &mut cursor)
            .collect();
        let mut states = states;
        for d in declarators {
            if d.kind() == "init_declarator" {
                let name = d
                    .child_by_field_name("declarator")
                    .and_then(|n| declared_name(&self.program.units[frame.unit], n));
                let Some(value) = d.child_by_field_name("value") else {
                    continue;
                };
                let mut next = Vec::new();
                for state in states {
                    for (mut st, vals) in self.eval(frame, value, state) {
                        if let Some(name) = name.as_ref().filter(|n| frame.tracks(n)) {
                            st.vars.insert(name.clone(), vals);
                        }
                        next.push(st);
                    }
                }
                states = merge(next);
            } else if let Some(name) =
                declared_name(&self.program.units[frame.unit], d).filter(|n| frame.tracks(n))
            {
                let val = self.unknown(
                    frame,
                    d,
                    format!("`{name}` may be returned before it is assigned"),
                );
                for st in &mut states {
                    st.vars.insert(name.clone(), vec![val.clone()]);
                }
            }
        }
        states
    }

    fn exec_if(&mut self, frame: &mut Frame, node: Node<'t>, states: Vec<State>) -> Flow {
        let (then_states, else_states) = match node.child_by_field_name("condition") {
            Some(c) => self.split_all(frame, c, states),
            None => (states.clone(), states),
        };
        let mut flow = match node.child_by_field_name("consequence") {
            Some(c) => self.exec(frame, c, then_states),
            None => Flow::normal(then_states),
        };
        let alternative = node.child_by_field_name("alternative").and_then(|a| {
            if a.kind() == "else_clause" {
                named_children(a).into_iter().next()
            } else {
                Some(a)
            }
        });
        let else_flow = match alternative {
            Some(a) => self.exec(frame, a, else_states),
            None => Flow::normal(else_states),
        };
        flow.absorb(else_flow);
        flow.normal = merge(flow.normal);
        flow
    }

    fn exec_switch(&mut self, frame: &mut Frame, node: Node<'t>, states: Vec<State>) -> Flow {
        let Some(condition) = node.child_by_field_name("condition") else {
            return Flow::normal(states);
        };
        let states = self.effects(frame, condition, states);
        let is_dif = self.is_dif_expr(frame, condition);
        let cases = node
            .child_by_field_name("body")
            .map(case_statements)
            .unwrap_or_default();
        // The codes named by the labels (for the default branch).
        let mut known = BTreeSet::new();
        if is_dif {
            for case in &cases {
                if let Some(value) = case.child_by_field_name("value") {
                    if let Some(v) = self.resolve_dif(frame, value) {
                        known.insert(v);
                    }
                }
            }
        }
        let mut out = Flow::default();
        let mut after = Vec::new();
        let mut fall: Vec<State> = Vec::new();
        let mut has_default = false;
        for case in cases {
            let mut entry = std::mem::take(&mut fall);
            match case.child_by_field_name("value") {
                Some(value) if is_dif => match self.resolve_dif(frame, value) {
                    Some(v) => {
                        let at = Loc {
                            unit: frame.unit,
                            start: case.start_byte(),
                            end: value.end_byte(),
                        };
                        self.facts.matches.push(MatchEvent { dif: v, at });
                        let only = DifSet::Only(BTreeSet::from([v]));
                        entry.extend(
                            states
                                .iter()
                                .filter_map(|s| s.cond.and_difs(&only).map(|c| s.with_cond(c))),
                        );
                    }
                    None => {
                        let label = brief(&self.text(frame, value));
                        self.gap(format!(
                            "`case {label}:` in `{}` is not a known DIF code",
                            frame.name
                        ));
                        // Labels of one switch differ, so it is none of the codes the others name.
                        let except = DifSet::Except(known.clone());
                        entry.extend(
                            states
                                .iter()
                                .filter_map(|s| s.cond.and_difs(&except).map(|c| s.with_cond(c))),
                        );
                    }
                },
                Some(_) => entry.extend(states.iter().cloned()),
                None => {
                    has_default = true;
                    if is_dif {
                        let except = DifSet::Except(known.clone());
                        entry.extend(
                            states
                                .iter()
                                .filter_map(|s| s.cond.and_difs(&except).map(|c| s.with_cond(c))),
                        );
                    } else {
                        entry.extend(states.iter().cloned());
                    }
                }
            }
            let skip = case.child_by_field_name("value").map(|v| v.id());
            let body: Vec<Node> = named_children(case)
                .into_iter()
                .filter(|c| Some(c.id()) != skip)
                .collect();
            let flow = self.exec_seq(frame, body, merge(entry));
            fall = flow.normal;
            after.extend(flow.breaks);
            out.continues.extend(flow.continues);
            out.gotos.extend(flow.gotos);
        }
        after.extend(fall);
        if !has_default {
            if is_dif {
                let except = DifSet::Except(known);
                after.extend(
                    states
                        .iter()
                        .filter_map(|s| s.cond.and_difs(&except).map(|c| s.with_cond(c))),
                );
            } else {
                after.extend(states);
            }
        }
        out.normal = merge(after);
        out
    }

    fn exec_loop(&mut self, frame: &mut Frame, node: Node<'t>, states: Vec<State>) -> Flow {
        let body = node.child_by_field_name("body");
        let condition = node.child_by_field_name("condition");
        let run_body = |this: &mut Self, frame: &mut Frame, states: Vec<State>| match body {
            Some(b) => this.exec(frame, b, states),
            None => Flow::normal(states),
        };
        let mut out = Flow::default();
        let mut exits = Vec::new();
        match node.kind() {
            "do_statement" => {
                let mut pending = states;
                for _ in 0..2 {
                    let flow = run_body(self, frame, pending);
                    let mut again = flow.normal;
                    again.extend(flow.continues);
                    let (stay, leave) = match condition {
                        Some(c) => self.split_all(frame, c, again),
                        None => (Vec::new(), again),
                    };
                    exits.extend(leave);
                    exits.extend(flow.breaks);
                    out.gotos.extend(flow.gotos);
                    pending = stay;
                }
            }
            "for_range_loop" => {
                let states = match node.child_by_field_name("right") {
                    Some(r) => self.effects(frame, r, states),
                    None => states,
                };
                let mut pending = states;
                for _ in 0..2 {
                    let flow = run_body(self, frame, pending.clone());
                    exits.extend(pending);
                    exits.extend(flow.breaks);
                    out.gotos.extend(flow.gotos);
                    let mut again = flow.normal;
                    again.extend(flow.continues);
                    pending = merge(again);
                }
                exits.extend(pending);
            }
            _ => {
                let mut states = states;
                if let Some(init) = node.child_by_field_name("initializer") {
                    states = if init.kind() == "declaration" {
                        self.exec_declaration(frame, init, states)
                    } else {
                        self.effects(frame, init, states)
                    };
                }
                let mut pending = states;
                // Two rounds: the second sees the values the first assigned, which is what a
                // later iteration tests (enough for the status-variable patterns of installers).
                for _ in 0..2 {
                    let (enter, leave) = match condition {
                        Some(c) => self.split_all(frame, c, pending),
                        None => (pending, Vec::new()),
                    };
                    exits.extend(leave);
                    let flow = run_body(self, frame, enter);
                    let mut again = flow.normal;
                    again.extend(flow.continues);
                    if let Some(update) = node.child_by_field_name("update") {
                        again = self.effects(frame, update, again);
                    }
                    exits.extend(flow.breaks);
                    out.gotos.extend(flow.gotos);
                    pending = merge(again);
                }
                if let Some(c) = condition {
                    let (_, leave) = self.split_all(frame, c, pending);
                    exits.extend(leave);
                }
            }
        }
        out.normal = merge(exits);
        out
    }

    fn exec_try(&mut self, frame: &mut Frame, node: Node<'t>, states: Vec<State>) -> Flow {
        let mut flow = match node.child_by_field_name("body") {
            Some(b) => self.exec(frame, b, states.clone()),
            None => Flow::normal(states.clone()),
        };
        for clause in named_children(node) {
            let Some(body) = clause.child_by_field_name("body") else {
                continue;
            };
            match clause.kind() {
                "seh_except_clause" | "catch_clause" => {
                    // An exception can come from anywhere in the protected block.
                    let mut entry = states.clone();
                    entry.extend(flow.normal.iter().cloned());
                    let handler = self.exec(frame, body, merge(entry));
                    flow.absorb(handler);
                }
                "seh_finally_clause" => {
                    let normal = std::mem::take(&mut flow.normal);
                    let fin = self.exec(frame, body, normal);
                    flow.absorb(fin);
                }
                _ => {}
            }
        }
        flow.normal = merge(flow.normal);
        flow
    }

    fn exec_return(&mut self, frame: &mut Frame, node: Node<'t>, states: Vec<State>) {
        let Some(expr) = named_children(node).into_iter().next() else {
            return;
        };
        for state in states {
            for (st, vals) in self.eval(frame, expr, state) {
                let vals = if vals.is_empty() {
                    vec![self.unknown(
                        frame,
                        expr,
                        format!(
                            "returns `{}`, which has no value",
                            brief(&self.text(frame, expr))
                        ),
                    )]
                } else {
                    vals
                };
                for val in vals {
                    frame.returns.push(ReturnEvent {
                        cond: st.cond.clone(),
                        val,
                    });
                }
            }
        }
    }

    // ----- conditions ------------------------------------------------------------------------

    fn split_all(
        &mut self,
        frame: &mut Frame,
        cond: Node<'t>,
        states: Vec<State>,
    ) -> (Vec<State>, Vec<State>) {
        let (mut yes, mut no) = (Vec::new(), Vec::new());
        for state in states {
            let (t, f) = self.split(frame, cond, state);
            yes.extend(t);
            no.extend(f);
        }
        (merge(yes), merge(no))
    }

    /// The states in which `cond` may be true and those in which it may be false.
    fn split(
        &mut self,
        frame: &mut Frame,
        cond: Node<'t>,
        state: State,
    ) -> (Vec<State>, Vec<State>) {
        if !self.tick() || self.nesting >= MAX_NESTING {
            self.nesting_gap(frame);
            return (vec![state.clone()], vec![state]);
        }
        self.nesting += 1;
        let result = self.split_inner(frame, cond, state);
        self.nesting -= 1;
        result
    }

    fn split_inner(
        &mut self,
        frame: &mut Frame,
        cond: Node<'t>,
        state: State,
    ) -> (Vec<State>, Vec<State>) {
        let e = strip(cond);
        if let Some(value) = self.const_value(frame, e) {
            return if value != 0 {
                (vec![state], Vec::new())
            } else {
                (Vec::new(), vec![state])
            };
        }
        if self.is_pass_expr(frame, e) {
            return (
                with_pass(&state, PassSet::Post),
                with_pass(&state, PassSet::Pre),
            );
        }
        match e.kind() {
            "unary_expression" if operator(e) == "!" => {
                if let Some(arg) = e.child_by_field_name("argument") {
                    let (t, f) = self.split(frame, arg, state);
                    return (f, t);
                }
            }
            "binary_expression" => {
                let (Some(left), Some(right)) = (
                    e.child_by_field_name("left"),
                    e.child_by_field_name("right"),
                ) else {
                    return self.split_generic(frame, e, state);
                };
                match operator(e).as_str() {
                    "&&" => {
                        let (left_true, mut no) = self.split(frame, left, state);
                        let mut yes = Vec::new();
                        for s in left_true {
                            let (t, f) = self.split(frame, right, s);
                            yes.extend(t);
                            no.extend(f);
                        }
                        return (yes, no);
                    }
                    "||" => {
                        let (mut yes, left_false) = self.split(frame, left, state);
                        let mut no = Vec::new();
                        for s in left_false {
                            let (t, f) = self.split(frame, right, s);
                            yes.extend(t);
                            no.extend(f);
                        }
                        return (yes, no);
                    }
                    op @ ("==" | "!=") => {
                        let equal = op == "==";
                        // `Context->PostProcessing == FALSE` and friends.
                        for (a, b) in [(left, right), (right, left)] {
                            if self.is_pass_expr(frame, strip(a)) {
                                if let Some(v) = self.const_value(frame, strip(b)) {
                                    let when_equal =
                                        if v != 0 { PassSet::Post } else { PassSet::Pre };
                                    let other = if v != 0 { PassSet::Pre } else { PassSet::Post };
                                    let (t, f) =
                                        (with_pass(&state, when_equal), with_pass(&state, other));
                                    return if equal { (t, f) } else { (f, t) };
                                }
                            }
                        }
                        // `InstallFunction == DIF_X`.
                        for (a, b) in [(left, right), (right, left)] {
                            if self.is_dif_expr(frame, a) {
                                if let Some(v) = self.resolve_dif(frame, b) {
                                    self.facts.matches.push(MatchEvent {
                                        dif: v,
                                        at: self.loc(frame, e),
                                    });
                                    let set = BTreeSet::from([v]);
                                    let t: Vec<State> = state
                                        .cond
                                        .and_difs(&DifSet::Only(set.clone()))
                                        .map(|c| state.with_cond(c))
                                        .into_iter()
                                        .collect();
                                    let f: Vec<State> = state
                                        .cond
                                        .and_difs(&DifSet::Except(set))
                                        .map(|c| state.with_cond(c))
                                        .into_iter()
                                        .collect();
                                    return if equal { (t, f) } else { (f, t) };
                                }
                            }
                        }
                        // `status != NO_ERROR`: narrow the variable's values.
                        for (a, b) in [(left, right), (right, left)] {
                            let a = strip(a);
                            let name = self.text(frame, a);
                            if a.kind() == "identifier" && state.vars.contains_key(&name) {
                                if let Some((value, const_name)) =
                                    self.status_constant(frame, strip(b))
                                {
                                    let (t, f) = refine_var(&state, &name, value, const_name);
                                    return if equal { (t, f) } else { (f, t) };
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
            "identifier" if state.vars.contains_key(self.text(frame, e).as_str()) => {
                // `if (status)`: true when non-zero.
                let name = self.text(frame, e);
                let (zero, non_zero) = refine_var(&state, &name, 0, None);
                return (non_zero, zero);
            }
            _ => {}
        }
        self.split_generic(frame, e, state)
    }

    /// A constant status operand: a number, a known status name or TRUE/FALSE.
    fn status_constant(&self, frame: &Frame, e: Node) -> Option<(u32, Option<String>)> {
        match e.kind() {
            "number_literal" => parse_int(&self.text(frame, e)).map(|v| (v, None)),
            "identifier" => {
                let name = self.text(frame, e);
                names::status_value(&name).map(|v| (v, Some(name)))
            }
            _ => None,
        }
    }

    fn split_generic(
        &mut self,
        frame: &mut Frame,
        e: Node<'t>,
        state: State,
    ) -> (Vec<State>, Vec<State>) {
        let states = self.effects(frame, e, vec![state]);
        (states.clone(), states)
    }

    /// Whether `e` reads the DIF code (a DIF parameter or a local alias of it).
    fn is_dif_expr(&self, frame: &Frame, e: Node) -> bool {
        let e = strip(e);
        e.kind() == "identifier" && frame.dif_names.contains(self.text(frame, e).as_str())
    }

    /// Whether `e` reads `PostProcessing` (the context field, or a local copy of it).
    fn is_pass_expr(&self, frame: &Frame, e: Node) -> bool {
        match e.kind() {
            "field_expression" => e
                .child_by_field_name("field")
                .is_some_and(|f| self.text(frame, f) == "PostProcessing"),
            "identifier" => frame.pass_names.contains(self.text(frame, e).as_str()),
            _ => false,
        }
    }

    /// The DIF code a `case` label or comparison operand names.
    fn resolve_dif(&self, frame: &Frame, e: Node) -> Option<u32> {
        let e = strip(e);
        match e.kind() {
            "identifier" => names::dif_value(&self.text(frame, e)),
            "number_literal" => parse_int(&self.text(frame, e)),
            _ => None,
        }
    }

    /// The value of a constant condition operand (`0`, `1`, `TRUE`, `FALSE`, `true`, `false`).
    fn const_value(&self, frame: &Frame, e: Node) -> Option<u32> {
        match e.kind() {
            "number_literal" => parse_int(&self.text(frame, e)),
            "true" => Some(1),
            "false" => Some(0),
            "identifier" => match self.text(frame, e).as_str() {
                "TRUE" => Some(1),
                "FALSE" => Some(0),
                _ => None,
            },
            _ => None,
        }
    }

    // ----- expressions -----------------------------------------------------------------------

    /// Evaluates `e` for its side effects only.
    fn effects(&mut self, frame: &mut Frame, e: Node<'t>, states: Vec<State>) -> Vec<State> {
        let mut out = Vec::new();
        for state in states {
            out.extend(self.eval(frame, e, state).into_iter().map(|(s, _)| s));
        }
        merge(out)
    }

    /// The possible values of `e`, each with the state it leaves behind (calls may split a
    /// state by pass or DIF).
    fn eval(&mut self, frame: &mut Frame, e: Node<'t>, state: State) -> Vec<(State, Vec<Val>)> {
        if !self.tick() || self.nesting >= MAX_NESTING {
            self.nesting_gap(frame);
            let val = self.unknown(
                frame,
                e,
                format!(
                    "`{}` was not evaluated (analysis limit)",
                    brief(&self.text(frame, e))
                ),
            );
            return vec![(state, vec![val])];
        }
        self.nesting += 1;
        let result = self.eval_inner(frame, e, state);
        self.nesting -= 1;
        result
    }

    fn eval_inner(
        &mut self,
        frame: &mut Frame,
        e: Node<'t>,
        state: State,
    ) -> Vec<(State, Vec<Val>)> {
        match e.kind() {
            "parenthesized_expression" => match named_children(e).into_iter().next() {
                Some(inner) => self.eval(frame, inner, state),
                None => vec![(state, Vec::new())],
            },
            "cast_expression" => match e.child_by_field_name("value") {
                Some(inner) => self.eval(frame, inner, state),
                None => vec![(state, Vec::new())],
            },
            "number_literal" => {
                let text = self.text(frame, e);
                let val = match parse_int(&text) {
                    Some(value) => {
                        Val::new(ReturnValue::Code { value, name: None }, self.loc(frame, e))
                    }
                    None => self.unknown(frame, e, format!("`{}` is not an integer", brief(&text))),
                };
                vec![(state, vec![val])]
            }
            "true" | "false" => {
                let value = u32::from(e.kind() == "true");
                vec![(
                    state,
                    vec![Val::new(
                        ReturnValue::Code {
                            value,
                            name: Some(e.kind().to_string()),
                        },
                        self.loc(frame, e),
                    )],
                )]
            }
            "identifier" => {
                let vals = self.identifier_value(frame, e, &state);
                vec![(state, vals)]
            }
            "field_expression" => {
                let field = e
                    .child_by_field_name("field")
                    .map(|f| self.text(frame, f))
                    .unwrap_or_default();
                let val = if field == "InstallResult" {
                    Val::new(ReturnValue::PropagateInstallResult, self.loc(frame, e))
                } else {
                    self.unknown(frame, e, format!("reads `{}`", brief(&self.text(frame, e))))
                };
                vec![(state, vec![val])]
            }
            "call_expression" => self.eval_call(frame, e, state),
            "assignment_expression" => self.eval_assignment(frame, e, state),
            "conditional_expression" => {
                let (yes, no) = match e.child_by_field_name("condition") {
                    Some(c) => self.split(frame, c, state),
                    None => (vec![state.clone()], vec![state]),
                };
                let mut out = Vec::new();
                for (states, field) in [(yes, "consequence"), (no, "alternative")] {
                    let Some(branch) = e.child_by_field_name(field) else {
                        continue;
                    };
                    for s in states {
                        out.extend(self.eval(frame, branch, s));
                    }
                }
                out
            }
            "comma_expression" => {
                let mut states = vec![state];
                if let Some(left) = e.child_by_field_name("left") {
                    states = self.effects(frame, left, states);
                }
                let mut out = Vec::new();
                for s in states {
                    match e.child_by_field_name("right") {
                        Some(right) => out.extend(self.eval(frame, right, s)),
                        None => out.push((s, Vec::new())),
                    }
                }
                out
            }
            "update_expression" => {
                // `x++`, `--x`: the variable no longer holds what was assigned.
                let target = e
                    .child_by_field_name("argument")
                    .map(strip)
                    .filter(|a| a.kind() == "identifier");
                let name = target
                    .map(|t| self.text(frame, t))
                    .filter(|n| frame.tracks(n));
                let mut results = self.eval_generic(frame, e, state);
                if let Some(name) = name {
                    let val = self.unknown(
                        frame,
                        e,
                        format!("`{name}` is changed by `{}`", brief(&self.text(frame, e))),
                    );
                    for (s, _) in &mut results {
                        s.vars.insert(name.clone(), vec![val.clone()]);
                    }
                }
                results
            }
            "unary_expression" if operator(e) == "-" => {
                let arg = e.child_by_field_name("argument").map(strip);
                if let Some(n) = arg
                    .filter(|a| a.kind() == "number_literal")
                    .and_then(|a| parse_int(&self.text(frame, a)))
                {
                    let value = n.wrapping_neg();
                    return vec![(
                        state,
                        vec![Val::new(
                            ReturnValue::Code { value, name: None },
                            self.loc(frame, e),
                        )],
                    )];
                }
                self.eval_generic(frame, e, state)
            }
            _ => self.eval_generic(frame, e, state),
        }
    }

    /// Any other expression: its sub-expressions are evaluated for their effects, its value is unknown.
    fn eval_generic(
        &mut self,
        frame: &mut Frame,
        e: Node<'t>,
        state: State,
    ) -> Vec<(State, Vec<Val>)> {
        let mut states = vec![state];
        for child in named_children(e) {
            let kind = child.kind();
            if kind.ends_with("_expression")
                || kind == "argument_list"
                || kind == "initializer_list"
            {
                states = self.effects(frame, child, states);
            }
        }
        let val = self.unknown(
            frame,
            e,
            format!("computed by `{}`", brief(&self.text(frame, e))),
        );
        states.into_iter().map(|s| (s, vec![val.clone()])).collect()
    }

    fn identifier_value(&self, frame: &Frame, e: Node, state: &State) -> Vec<Val> {
        let name = self.text(frame, e);
        let at = self.loc(frame, e);
        if let Some(vals) = state.vars.get(&name) {
            return vals.clone();
        }
        let value = if let Some(value) = names::status_value(&name) {
            ReturnValue::Code {
                value,
                name: Some(name),
            }
        } else if names::is_error_name(&name) {
            ReturnValue::SomeError { expression: name }
        } else if let Some(value) = names::dif_value(&name) {
            ReturnValue::Code {
                value,
                name: Some(name),
            }
        } else if frame.params.contains(&name) {
            ReturnValue::Unknown {
                reason: format!("the value of parameter `{name}`"),
            }
        } else if frame.aliased.contains(&name) {
            ReturnValue::Unknown {
                reason: format!(
                    "`{name}` can be changed through a pointer, so its value is not followed"
                ),
            }
        } else if frame.locals.contains(&name) {
            ReturnValue::Unknown {
                reason: format!("`{name}` is assigned in a way that was not followed"),
            }
        } else {
            ReturnValue::Unknown {
                reason: format!("`{name}` is not a known constant or a local variable"),
            }
        };
        vec![Val::new(value, at)]
    }

    fn eval_call(
        &mut self,
        frame: &mut Frame,
        e: Node<'t>,
        state: State,
    ) -> Vec<(State, Vec<Val>)> {
        let callee = e.child_by_field_name("function").map(strip);
        let args: Vec<Node> = e
            .child_by_field_name("arguments")
            .map(named_children)
            .unwrap_or_default();
        // C++ casts are calls in the syntax tree: `static_cast<DWORD>(x)` is `x`.
        if let Some(c) = callee.filter(|c| c.kind() == "template_function") {
            let template = c
                .child_by_field_name("name")
                .map(|n| self.text(frame, n))
                .unwrap_or_default();
            if matches!(
                template.as_str(),
                "static_cast" | "reinterpret_cast" | "const_cast" | "safe_cast"
            ) && args.len() == 1
            {
                return self.eval(frame, args[0], state);
            }
        }
        // `ns::Class::Method(…)` is looked up by its last component.
        let name = callee.and_then(simple_callee).map(|c| self.text(frame, c));
        let mut states = vec![state];
        for &arg in &args {
            states = self.effects(frame, arg, states);
        }
        // Locals whose address is passed may be written by the callee.
        let written: Vec<(String, Node)> = args
            .iter()
            .filter_map(|&a| {
                let a = strip(a);
                if a.kind() != "pointer_expression" || operator(a) != "&" {
                    return None;
                }
                let target = strip(a.child_by_field_name("argument")?);
                let name = self.text(frame, target);
                (target.kind() == "identifier" && frame.tracks(&name)).then_some((name, a))
            })
            .collect();
        let Some(name) = name else {
            let val = self.unknown(
                frame,
                e,
                format!(
                    "the result of the indirect call `{}`",
                    brief(&self.text(frame, e))
                ),
            );
            return states.into_iter().map(|s| (s, vec![val.clone()])).collect();
        };
        let shows_window = names::is_plain_shell_execute(&name)
            && args
                .last()
                .is_some_and(|a| !matches!(self.text(frame, strip(*a)).as_str(), "SW_HIDE" | "0"));
        let kinds = names::call_kinds(&name, shows_window);
        let at = self.loc(frame, e);
        for s in &states {
            for &kind in &kinds {
                self.facts.calls.push(CallEvent {
                    cond: s.cond.clone(),
                    function: name.clone(),
                    kind,
                    at,
                });
            }
        }
        let mut results: Vec<(State, Vec<Val>)> = if names::is_last_error_getter(&name) {
            let val = Val::new(
                ReturnValue::SomeError {
                    expression: format!("{name}()"),
                },
                at,
            );
            states.into_iter().map(|s| (s, vec![val.clone()])).collect()
        } else if let (true, Some(&func)) = (
            kinds.is_empty(),
            self.program.lookup(&name, Some(frame.unit)).first(),
        ) {
            self.call_helper(frame, func, &name, &args, e, states)
        } else {
            let mut val = self.unknown(frame, e, format!("the result of `{name}()`"));
            val.from_call = Some(name.clone());
            states.into_iter().map(|s| (s, vec![val.clone()])).collect()
        };
        for (target, arg) in written {
            let val = self.unknown(
                frame,
                arg,
                format!("`{target}` may be written by `{name}()` through a pointer"),
            );
            for (s, _) in &mut results {
                s.vars.insert(target.clone(), vec![val.clone()]);
            }
        }
        results
    }

    fn call_helper(
        &mut self,
        frame: &mut Frame,
        func: usize,
        name: &str,
        args: &[Node<'t>],
        call: Node<'t>,
        states: Vec<State>,
    ) -> Vec<(State, Vec<Val>)> {
        let depth = self.stack.len();
        let not_followed = |this: &Self, reason: String| this.unknown(frame, call, reason);
        if self.stack.contains(&func) {
            let val = not_followed(self, format!("the result of the recursive call `{name}()`"));
            return states.into_iter().map(|s| (s, vec![val.clone()])).collect();
        }
        if depth > self.limits.helper_depth as usize {
            self.gap(format!(
                "calls nested more than {} deep were not followed (`{name}`)",
                self.limits.helper_depth
            ));
            let val = not_followed(
                self,
                format!("the result of `{name}()` (not followed: depth limit)"),
            );
            return states.into_iter().map(|s| (s, vec![val.clone()])).collect();
        }
        let dif_params: Vec<usize> = args
            .iter()
            .enumerate()
            .filter(|(_, a)| self.is_dif_expr(frame, **a))
            .map(|(i, _)| i)
            .collect();
        let returns_void = self.program.functions[func].returns_void;
        let mut out = Vec::new();
        for state in states {
            let key = (func, dif_params.clone(), state.cond.clone(), depth);
            let returns = if let Some(memo) = self.memo.get(&key) {
                self.facts.calls.extend(memo.calls.iter().cloned());
                self.facts.matches.extend(memo.matches.iter().cloned());
                memo.returns.clone()
            } else {
                let (calls_before, matches_before) =
                    (self.facts.calls.len(), self.facts.matches.len());
                let returns = self.run_function(func, dif_params.clone(), state.cond.clone());
                let memo = Memo {
                    returns: returns.clone(),
                    calls: self.facts.calls[calls_before..].to_vec(),
                    matches: self.facts.matches[matches_before..].to_vec(),
                };
                self.memo.insert(key, memo);
                returns
            };
            if returns_void {
                out.push((state, Vec::new()));
                continue;
            }
            if returns.is_empty() {
                let val = not_followed(
                    self,
                    format!("`{name}()` returns no value on the paths analysed"),
                );
                out.push((state, vec![val]));
                continue;
            }
            let mut by_cond: BTreeMap<Cond, Vec<Val>> = BTreeMap::new();
            for r in returns {
                by_cond.entry(r.cond).or_default().push(r.val);
            }
            for (cond, vals) in by_cond {
                out.push((state.with_cond(cond), dedup_vals(vals)));
            }
        }
        out
    }

    fn eval_assignment(
        &mut self,
        frame: &mut Frame,
        e: Node<'t>,
        state: State,
    ) -> Vec<(State, Vec<Val>)> {
        let op = e
            .child_by_field_name("operator")
            .map(|o| o.kind().to_string())
            .unwrap_or_default();
        let Some(right) = e.child_by_field_name("right") else {
            return vec![(state, Vec::new())];
        };
        if (op == "=" || op == "|=")
            && sets_flag(
                &self.program.units[frame.unit],
                right,
                names::FINISHINSTALL_FLAG,
                0,
            )
        {
            self.facts.calls.push(CallEvent {
                cond: state.cond.clone(),
                function: names::FINISHINSTALL_FLAG.to_string(),
                kind: CallKind::SetsFinishInstallFlag,
                at: self.loc(frame, e),
            });
        }
        let target = e
            .child_by_field_name("left")
            .map(strip)
            .filter(|l| l.kind() == "identifier")
            .map(|l| self.text(frame, l));
        let target = target.filter(|t| frame.tracks(t));
        let mut results = self.eval(frame, right, state);
        if let Some(target) = target {
            let computed = (op != "=").then(|| {
                self.unknown(
                    frame,
                    e,
                    format!(
                        "`{target}` is computed by `{}`",
                        brief(&self.text(frame, e))
                    ),
                )
            });
            for (s, vals) in &mut results {
                match &computed {
                    None => s.vars.insert(target.clone(), vals.clone()),
                    Some(val) => s.vars.insert(target.clone(), vec![val.clone()]),
                };
            }
        }
        results
    }
}

/// Splits `state` by whether variable `name` equals `constant`: the values each side allows, and
/// no state for a side no value allows (that branch cannot be taken).
fn refine_var(
    state: &State,
    name: &str,
    constant: u32,
    const_name: Option<String>,
) -> (Vec<State>, Vec<State>) {
    let (mut equal, mut different) = (Vec::new(), Vec::new());
    // Only a comparison with a named success status says the value is a status (a BOOL tested
    // for truth is not an error when non-zero).
    let is_status_test = constant == 0
        && matches!(
            const_name.as_deref(),
            Some("NO_ERROR" | "ERROR_SUCCESS" | "S_OK")
        );
    let as_constant = |v: &Val| {
        Val::new(
            ReturnValue::Code {
                value: constant,
                name: const_name.clone(),
            },
            v.at,
        )
    };
    for v in state.vars.get(name).into_iter().flatten() {
        match &v.value {
            ReturnValue::Code { value, .. } if *value == constant => equal.push(v.clone()),
            ReturnValue::Code { .. } => different.push(v.clone()),
            // An error is never 0; it may be any other value.
            ReturnValue::SomeError { .. } => {
                if constant != 0 {
                    equal.push(as_constant(v));
                }
                different.push(v.clone());
            }
            ReturnValue::PropagateInstallResult => {
                equal.push(v.clone());
                different.push(v.clone());
            }
            ReturnValue::Unknown { .. } => {
                equal.push(as_constant(v));
                match &v.from_call {
                    // A Windows API status proven different from success is an error code.
                    Some(call) if is_status_test => different.push(Val::new(
                        ReturnValue::SomeError {
                            expression: format!("{call}()"),
                        },
                        v.at,
                    )),
                    _ => different.push(v.clone()),
                }
            }
        }
    }
    let side = |vals: Vec<Val>| -> Vec<State> {
        if vals.is_empty() {
            return Vec::new();
        }
        let mut s = state.clone();
        s.vars.insert(name.to_string(), dedup_vals(vals));
        vec![s]
    };
    (side(equal), side(different))
}

fn with_pass(state: &State, pass: PassSet) -> Vec<State> {
    state
        .cond
        .and_pass(pass)
        .map(|c| state.with_cond(c))
        .into_iter()
        .collect()
}

/// The identifier naming a callee: `F`, or `Method` in `ns::Class::Method`.
fn simple_callee(callee: Node) -> Option<Node> {
    let mut node = callee;
    for _ in 0..16 {
        match node.kind() {
            "identifier" => return Some(node),
            "qualified_identifier" => node = node.child_by_field_name("name")?,
            _ => return None,
        }
    }
    None
}

/// The operator token of a unary, binary or pointer expression.
fn operator(e: Node) -> String {
    e.child_by_field_name("operator")
        .map(|o| o.kind().to_string())
        .unwrap_or_default()
}

/// Whether `flag` is or-ed into the value of `e` (`X | FLAG`, `FLAG`), not masked out (`~FLAG`).
fn sets_flag(unit: &super::syntax::Unit, e: Node, flag: &str, depth: u32) -> bool {
    if depth > 32 {
        return false;
    }
    match e.kind() {
        "identifier" => unit.text_of(e) == flag,
        "unary_expression" => false,
        "binary_expression" if matches!(operator(e).as_str(), "|" | "+") => named_children(e)
            .into_iter()
            .any(|c| sets_flag(unit, c, flag, depth + 1)),
        "parenthesized_expression" | "cast_expression" => {
            let inner = strip(e);
            inner.id() != e.id() && sets_flag(unit, inner, flag, depth + 1)
        }
        _ => false,
    }
}

/// The `case_statement`s of a switch body, including those inside preprocessor conditionals.
fn case_statements(body: Node) -> Vec<Node> {
    let mut found = Vec::new();
    let mut stack: Vec<Node> = named_children(body).into_iter().rev().collect();
    while let Some(node) = stack.pop() {
        match node.kind() {
            "case_statement" => found.push(node),
            "preproc_if" | "preproc_ifdef" | "preproc_elif" | "preproc_elifdef"
            | "preproc_else" => {
                stack.extend(named_children(node).into_iter().rev());
            }
            _ => {}
        }
    }
    found
}

/// The variable name a declarator declares (`x`, `*x`, `x[4]`); `None` for function declarators.
fn declared_name(unit: &super::syntax::Unit, node: Node) -> Option<String> {
    let mut node = node;
    for _ in 0..16 {
        match node.kind() {
            "identifier" => return Some(unit.text_of(node).into_owned()),
            "pointer_declarator"
            | "array_declarator"
            | "parenthesized_declarator"
            | "attributed_declarator"
            | "reference_declarator"
            | "init_declarator" => {
                node = node
                    .child_by_field_name("declarator")
                    .or_else(|| named_children(node).into_iter().next())?;
            }
            _ => return None,
        }
    }
    None
}

/// Collects the locals of a function body and its aliases of the DIF code and of
/// `PostProcessing` (locals only ever assigned from them).
fn prescan(unit: &super::syntax::Unit, body: Node, frame: &mut Frame) {
    let mut assignments: HashMap<String, Vec<Node>> = HashMap::new();
    let mut stack = vec![body];
    let mut visited = 0u32;
    while let Some(node) = stack.pop() {
        visited += 1;
        if visited > 200_000 {
            break;
        }
        match node.kind() {
            "declaration" => {
                let mut cursor = node.walk();
                for d in node.children_by_field_name("declarator", &mut cursor) {
                    let target = if d.kind() == "init_declarator" {
                        d.child_by_field_name("declarator")
                    } else {
                        Some(d)
                    };
                    if let Some(name) = target.and_then(|t| declared_name(unit, t)) {
                        frame.locals.insert(name.clone());
                        if let Some(value) = d
                            .child_by_field_name("value")
                            .filter(|_| d.kind() == "init_declarator")
                        {
                            assignments.entry(name).or_default().push(value);
                        }
                    }
                }
            }
            "pointer_expression"
                if node
                    .child_by_field_name("operator")
                    .is_some_and(|o| o.kind() == "&") =>
            {
                let in_call = {
                    let mut up = node.parent();
                    while let Some(p) = up.filter(|p| {
                        matches!(p.kind(), "parenthesized_expression" | "cast_expression")
                    }) {
                        up = p.parent();
                    }
                    up.is_some_and(|p| p.kind() == "argument_list")
                };
                let target = node
                    .child_by_field_name("argument")
                    .map(strip)
                    .filter(|t| t.kind() == "identifier");
                if let (false, Some(target)) = (in_call, target) {
                    frame.aliased.insert(unit.text_of(target).into_owned());
                }
            }
            "assignment_expression" => {
                let op = node
                    .child_by_field_name("operator")
                    .map(|o| o.kind())
                    .unwrap_or_default();
                if let (Some(left), Some(right)) = (
                    node.child_by_field_name("left"),
                    node.child_by_field_name("right"),
                ) {
                    let left = strip(left);
                    if left.kind() == "identifier" {
                        let entry = assignments
                            .entry(unit.text_of(left).into_owned())
                            .or_default();
                        // A compound assignment disqualifies an alias: push the whole expression.
                        entry.push(if op == "=" { right } else { node });
                    }
                }
            }
            _ => {}
        }
        let mut cursor = node.walk();
        stack.extend(node.named_children(&mut cursor));
    }
    let dif_params = frame.dif_names.clone();
    for (name, values) in assignments {
        if !frame.locals.contains(&name) || values.is_empty() {
            continue;
        }
        let all = |pred: &dyn Fn(Node) -> bool| values.iter().all(|&v| pred(strip(v)));
        if all(&|v| v.kind() == "identifier" && dif_params.contains(unit.text_of(v).as_ref())) {
            frame.dif_names.insert(name);
        } else if all(&|v| {
            v.kind() == "field_expression"
                && v.child_by_field_name("field")
                    .is_some_and(|f| unit.text_of(f) == "PostProcessing")
        }) {
            frame.pass_names.insert(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_literals() {
        assert_eq!(parse_int("0"), Some(0));
        assert_eq!(parse_int("0xE000020EL"), Some(0xE000_020E));
        assert_eq!(parse_int("017"), Some(15));
        assert_eq!(parse_int("42UL"), Some(42));
        assert_eq!(parse_int("1.5"), None);
        assert_eq!(parse_int("0x1FFFFFFFF"), Some(0xFFFF_FFFF));
    }

    #[test]
    fn dif_sets() {
        let only = |v: &[u32]| DifSet::Only(v.iter().copied().collect());
        let except = |v: &[u32]| DifSet::Except(v.iter().copied().collect());
        assert_eq!(only(&[1, 2]).and(&except(&[2])), only(&[1]));
        assert_eq!(except(&[1]).and(&except(&[2])), except(&[1, 2]));
        assert!(only(&[1]).and(&only(&[2])).is_empty());
        assert!(except(&[1]).includes_unlisted());
        assert!(!only(&[1]).includes_unlisted());
        let c = Cond::any().and_pass(PassSet::Pre).unwrap();
        assert!(c.and_pass(PassSet::Post).is_none());
        assert_eq!(c.and_pass(PassSet::Any), Some(c.clone()));
    }
}
