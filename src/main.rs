use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    if let Err(e) = color_eyre::install() {
        eprintln!("skudesk: {e}");
    }
    let cli = skudesk::cli::Cli::parse();
    match skudesk::commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            if e.downcast_ref::<skudesk::commands::Reported>().is_none() {
                eprintln!("skudesk: {e}");
                for cause in e.chain().skip(1) {
                    eprintln!("  caused by: {cause}");
                }
            }
            ExitCode::from(1)
        }
    }
}
