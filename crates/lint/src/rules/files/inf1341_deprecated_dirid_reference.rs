//! INF1341: a `%dirid%` token that names a deprecated DIRID.

use inf_parser::dirid::dirid_info;

use crate::context::Context;
use crate::declare_rule;
use crate::diagnostic::Severity;
use crate::finding::Finding;
use crate::rule::Severities;
use crate::rules::registry::raw_dirid_tokens;

declare_rule! {
    /// ## What it does
    /// Flags `%dirid%` tokens, in any field outside `[DestinationDirs]` and the `[Strings]`
    /// sections (registry data, ServiceBinary, paths of other directives), that name a DIRID
    /// the Using DIRIDs page marks as deprecated from Windows 11 24H2: 1, 17, 18, 20, 21, 24,
    /// 25, 30, 50, 53, 54, -1, 16406, 16407, 16408, 16409, 16415, 16419, 16429 and 16430.
    ///
    /// ## Why is this bad?
    /// A path built on one of these directories points outside what an isolated driver package
    /// may use: the INF directory, the installation source, fonts, help, drive roots, all
    /// users' Start menu or desktop. Windows no longer accepts them for signing. InfVerif
    /// reports a deprecated DIRID as error 1341 in `/w` only. (Microsoft documents 1340 and 1341
    /// with the same message; difcheck reports DIRIDs used as copy destinations as 1340 and
    /// DIRIDs named in other fields as 1341.)
    ///
    /// ## Example
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,HelpFile,,"%18%\widget.chm"
    /// ```
    ///
    /// Use instead:
    /// ```inf
    /// [Widget_AddReg]
    /// HKR,,HelpFile,,"%13%\widget.chm"
    /// ```
    ///
    /// ## References
    /// - [Using DIRIDs](https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids)
    /// - [INF validation errors and warnings (1341)](https://learn.microsoft.com/windows-hardware/drivers/devtest/inf-validation-errors-and-warnings)
    pub static DEPRECATED_DIRID_REFERENCE = {
        code: "INF1341",
        name: "deprecated-dirid-reference",
        category: Files,
        infverif: Some(1341),
        severities: Severities::infverif(None, None, Some(Severity::Error)),
        needs: InfText,
        reference: "https://learn.microsoft.com/windows-hardware/drivers/install/using-dirids",
        summary: "Path built on a DIRID deprecated from Windows 11 24H2",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let inf = cx.inf;
    for s in inf.sections() {
        if inf_parser::is_strings_section_name(&s.name)
            || s.name.eq_ignore_ascii_case("DestinationDirs")
        {
            continue;
        }
        for line in inf.section_lines(s) {
            // The raw fields, without substituting them: only `%…%` tokens of the raw text
            // name DIRIDs (what `dirid_tokens` reads of a field).
            for (raw, field) in line
                .raw_fields()
                .iter()
                .enumerate()
                .filter_map(|(i, f)| Some((line.raw_field(i + 1)?, f.span)))
            {
                for (id, span) in raw_dirid_tokens(inf, raw, field) {
                    let Some(info) = dirid_info(id).filter(|i| i.deprecated_24h2) else {
                        continue;
                    };
                    out.push(
                        Finding::at(span, format!("`%{id}%` names DIRID {id}, {}, which is deprecated", info.meaning))
                            .help("refer to files in the driver package with `%13%` (the driver store), or to system files with a run-time path such as `%%SystemRoot%%`"),
                    );
                }
            }
        }
    }
}
