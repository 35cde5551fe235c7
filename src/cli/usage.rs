//! Everything the argument parser shows a user, in Chinese: help layout,
//! headings, usage lines, defaults and choices, and usage errors.
//!
//! clap writes its own chrome in English ("Usage:", "[OPTIONS]",
//! "[default: out]", "error: unrecognized subcommand"); this module gives
//! every command a Chinese help template and usage line, and turns each
//! kind of clap error into a Chinese message built from the error's context.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

/// Gives a command and all its subcommands Chinese help: headings,
/// usage line, help and version flags, defaults and choices. `bin` is the
/// command line that invokes it (`nianbao check`).
pub(crate) fn localize(cmd: Command, bin: &str) -> Command {
    localize_for(cmd, bin, None)
}

/// [`localize`], but when `used` names one of the command's subcommands (by
/// name or alias, as the first argument does), only that one is given its
/// Chinese help: the others are never shown, and localizing every
/// subcommand's every argument is a third of the start-up of a build.
pub(crate) fn localize_for(cmd: Command, bin: &str, used: Option<&str>) -> Command {
    let used = used.filter(|u| {
        cmd.get_subcommands()
            .any(|s| s.get_name() == *u || s.get_all_aliases().any(|a| a == *u))
    });
    let root = !bin.contains(' ');
    let mut cmd = cmd
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .subcommand_value_name("命令")
        .mut_args(localize_arg)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助"),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本"),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .filter(|s| used.is_none_or(|u| s.get_name() == u || s.get_all_aliases().any(|a| a == u)))
        .map(|s| s.get_name().to_string())
        .collect();
    for name in &names {
        let sub_bin = format!("{bin} {name}");
        cmd = cmd.mut_subcommand(name, |s| localize(s, &sub_bin));
    }
    let usage = usage_line(&cmd, bin);
    let template = help_template(&cmd);
    cmd.override_usage(usage).help_template(template)
}

/// One argument's help with its default and choices written in Chinese
/// (clap's own "[default: …]" and "[possible values: …]" hidden).
fn localize_arg(arg: Arg) -> Arg {
    if !arg.get_action().takes_values() {
        return arg;
    }
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if !choices.is_empty() {
        help.push_str(&format!("［可选：{}］", choices.join("、")));
    }
    if !defaults.is_empty() {
        help.push_str(&format!("［默认：{}］", defaults.join(",")));
    }
    arg.help(help)
        .hide_possible_values(true)
        .hide_default_value(true)
}

/// The usage line of `cmd` with Chinese placeholders.
fn usage_line(cmd: &Command, bin: &str) -> String {
    let rendered = cmd.clone().bin_name(bin).render_usage().to_string();
    let line = rendered
        .trim()
        .trim_start_matches("Usage:")
        .trim()
        .replace("[OPTIONS]", "[选项]")
        .replace("<COMMAND>", "<命令>")
        .replace("[COMMAND]", "[命令]");
    // A command with subcommands shows both of its forms.
    line.replace("\n       ", "\n     ")
}

/// A help layout with Chinese headings (full-width colons), showing only the
/// sections the command has.
fn help_template(cmd: &Command) -> String {
    let mut t = String::from("{about-with-newline}\n用法：{usage}\n");
    if cmd.get_positionals().next().is_some() {
        t.push_str("\n参数：\n{positionals}\n");
    }
    t.push_str("\n选项：\n{options}\n");
    if cmd.has_subcommands() {
        t.push_str("\n命令：\n{subcommands}\n");
    }
    t.push_str("{after-help}");
    t
}

/// A Chinese message for a usage error from clap, with the usage line and
/// where to read more. `None` for help and version output, which clap
/// prints itself.
pub(crate) fn error_message(e: &clap::Error, root: &Command, argv: &[String]) -> Option<String> {
    let bin = root.get_name();
    let text = |kind| e.get(kind).map(value_text);
    // `--format <格式>` → `选项 --format`; positionals stay `<文件>`.
    let arg = text(ContextKind::InvalidArg)
        .map(|a| match a.split_once(' ') {
            Some((flag, _)) if flag.starts_with('-') => format!("选项 {flag} "),
            _ if a.starts_with('-') => format!("选项 {a} "),
            _ => a,
        })
        .unwrap_or_default();
    let value = text(ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::InvalidSubcommand => format!(
            "没有“{}”这个命令",
            text(ContextKind::InvalidSubcommand).unwrap_or(value)
        ),
        ErrorKind::UnknownArgument => format!(
            "没有“{}”这个选项",
            text(ContextKind::InvalidArg).unwrap_or_default()
        ),
        ErrorKind::InvalidValue if value.is_empty() => format!("{arg}后面缺少值"),
        ErrorKind::InvalidValue => {
            let mut m = format!("{arg}的值“{value}”无效");
            if let Some(valid) = text(ContextKind::ValidValue) {
                m.push_str(&format!("，可选：{valid}"));
            }
            m
        }
        ErrorKind::ValueValidation => {
            let mut m = format!("{arg}的值“{value}”无效");
            if let Some(reason) = std::error::Error::source(e).map(|s| s.to_string()) {
                m.push_str(&format!("：{}", chinese_reason(&reason)));
            }
            m
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必填的参数：{arg}"),
        ErrorKind::MissingSubcommand => format!("请给出一个命令，如 {bin} check"),
        ErrorKind::ArgumentConflict => format!(
            "{arg}不能与{}同时使用",
            text(ContextKind::PriorArg).unwrap_or_else(|| "其他选项".into())
        ),
        ErrorKind::NoEquals => format!("{arg}的值要用“=”连接"),
        ErrorKind::TooManyValues => format!("{arg}给出的值过多（“{value}”）"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg}给出的值个数不对")
        }
        ErrorKind::InvalidUtf8 => "参数中有无法识别的文字编码".into(),
        _ => "命令行参数有误".into(),
    };
    let suggestion = text(ContextKind::SuggestedSubcommand)
        .or_else(|| text(ContextKind::SuggestedArg))
        .or_else(|| text(ContextKind::SuggestedValue));
    if let Some(s) = suggestion {
        message.push_str(&format!("\n提示：是不是“{s}”？"));
    }
    let (command, cmd) = invoked(root, argv);
    // The usage line was overridden with the Chinese one by `localize`.
    let rendered = cmd.clone().render_usage().to_string();
    let usage = rendered.trim().trim_start_matches("Usage:").trim();
    message.push_str(&format!("\n\n用法：{usage}"));
    message.push_str(&format!("\n\n详细说明请运行“{command} --help”"));
    Some(message)
}

/// The (sub)command the arguments invoke, with its command line
/// (`nianbao templates eject`): the longest run of subcommand names after
/// the program name.
fn invoked<'c>(root: &'c Command, argv: &[String]) -> (String, &'c Command) {
    let mut cmd = root;
    let mut line = root.get_name().to_string();
    for word in argv.iter().skip(1) {
        match cmd.find_subcommand(word) {
            Some(sub) => {
                line.push(' ');
                line.push_str(sub.get_name());
                cmd = sub;
            }
            None if word.starts_with('-') => continue,
            None => break,
        }
    }
    (line, cmd)
}

/// A context value as plain text, lists joined with `、`.
fn value_text(v: &ContextValue) -> String {
    match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(list) => list.join("、"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(list) => list
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        ContextValue::None => String::new(),
        _ => String::new(),
    }
}

/// A validator's reason: ours are Chinese already; clap's numeric range
/// message is translated; anything else is shown as it is.
fn chinese_reason(reason: &str) -> String {
    if let Some(range) = reason
        .split_once(" is not in ")
        .map(|(_, r)| r.trim().to_string())
    {
        return format!("应在 {} 范围内", range.replace("..=", "–"));
    }
    if reason.contains("invalid digit") || reason.contains("invalid number") {
        return "应为数字".into();
    }
    reason.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The help of `path` (subcommand names) in `cmd`.
    fn help_of(cmd: &Command, path: &[&str]) -> String {
        let mut cmd = cmd.clone();
        for name in path {
            cmd = cmd.find_subcommand(name).unwrap().clone();
        }
        cmd.render_help().to_string()
    }

    #[test]
    fn only_the_subcommand_used_is_localized_and_it_is_whole() {
        let all = localize(crate::cli::Cli::command(), "nianbao");
        for used in ["build", "工作台"] {
            let one = localize_for(crate::cli::Cli::command(), "nianbao", Some(used));
            assert_eq!(help_of(&one, &[]), help_of(&all, &[]));
            let name = one.find_subcommand(used).unwrap().get_name().to_string();
            assert_eq!(help_of(&one, &[&name]), help_of(&all, &[&name]));
            assert!(help_of(&one, &[&name]).contains("显示帮助"));
        }
        // Another subcommand is left as clap has it.
        let one = localize_for(crate::cli::Cli::command(), "nianbao", Some("build"));
        assert!(!help_of(&one, &["check"]).contains("显示帮助"));
        // A first argument that is no subcommand localizes every one.
        let none = localize_for(crate::cli::Cli::command(), "nianbao", Some("--help"));
        assert_eq!(help_of(&none, &["check"]), help_of(&all, &["check"]));
    }
}
