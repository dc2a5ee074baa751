use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use skudesk::commands::out::warn;
use skudesk::i18n::Msg;

fn main() -> ExitCode {
    // Colours only for a person at a terminal: a log file or a pipe gets plain text.
    let colour = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let hooks = color_eyre::config::HookBuilder::default();
    let hooks = if colour {
        hooks
    } else {
        hooks.theme(color_eyre::config::Theme::new())
    };
    if let Err(e) = hooks.install() {
        warn(&format!("skudesk: {e}"));
    }
    // For the test that a crash report has no colour codes on a stderr that is not a
    // terminal (as the app's SKUDESK_TEST_PANIC_KEY).
    if std::env::var_os("SKUDESK_TEST_PANIC").is_some() {
        #[allow(clippy::panic, reason = "the crash report's own test")]
        {
            panic!("test panic (SKUDESK_TEST_PANIC)");
        }
    }
    let cli = skudesk::cli::Cli::parse();
    let lang = skudesk::session::language(&(&cli.global).into());
    match skudesk::commands::run(cli, &skudesk::ui::run) {
        Ok(code) => code,
        Err(e) => {
            // A reader that stopped early (`| head`) is not an error worth a message.
            let pipe = Some(std::io::ErrorKind::BrokenPipe);
            let broken_pipe = e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().map(|io| io.kind()) == pipe
                    || c.downcast_ref::<serde_json::Error>()
                        .and_then(|j| j.io_error_kind())
                        == pipe
                    || c.downcast_ref::<csv::Error>()
                        .is_some_and(|c| match c.kind() {
                            csv::ErrorKind::Io(io) => io.kind() == std::io::ErrorKind::BrokenPipe,
                            _ => false,
                        })
            });
            if broken_pipe {
                return ExitCode::SUCCESS;
            }
            if let Some(usage) = e.downcast_ref::<skudesk::commands::UsageError>() {
                warn(&format!("skudesk: {usage}\n\n{}", lang.t(Msg::TryHelp)));
                return ExitCode::from(2);
            }
            if e.downcast_ref::<skudesk::commands::Reported>().is_none() {
                let message = e.to_string();
                warn(&format!("skudesk: {message}"));
                for cause in e.chain().skip(1) {
                    let cause = cause.to_string();
                    if !message.contains(&cause) {
                        warn(&lang.f(Msg::CausedBy, &[&cause]));
                    }
                }
                let write_failed = e.chain().any(skudesk::store::is_write_failure);
                if write_failed {
                    warn(lang.t(Msg::DiskFullHint));
                }
            }
            ExitCode::from(1)
        }
    }
}
