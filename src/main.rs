use std::process::ExitCode;

use clap::Parser;
use skudesk::i18n::Msg;

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("skudesk: {e}");
    }
    let cli = skudesk::cli::Cli::parse();
    let lang = skudesk::commands::language(&cli.global);
    match skudesk::commands::run(cli) {
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
                eprintln!("skudesk: {usage}\n\n{}", lang.t(Msg::TryHelp));
                return ExitCode::from(2);
            }
            if e.downcast_ref::<skudesk::commands::Reported>().is_none() {
                let message = e.to_string();
                eprintln!("skudesk: {message}");
                for cause in e.chain().skip(1) {
                    let cause = cause.to_string();
                    if !message.contains(&cause) {
                        eprintln!("{}", lang.f(Msg::CausedBy, &[&cause]));
                    }
                }
                let write_failed = e.chain().any(|c| {
                    c.downcast_ref::<rusqlite::Error>()
                        .and_then(|r| r.sqlite_error_code())
                        .is_some_and(|code| {
                            matches!(
                                code,
                                rusqlite::ErrorCode::DiskFull
                                    | rusqlite::ErrorCode::SystemIoFailure
                            )
                        })
                });
                if write_failed {
                    eprintln!("{}", lang.t(Msg::DiskFullHint));
                }
            }
            ExitCode::from(1)
        }
    }
}
