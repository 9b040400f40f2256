use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = recall::Cli::parse();
    match recall::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            // `recall list | head` closing the pipe early is not an error.
            if recall::closed_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            // A message may quote a file name or a line of a file: never raw control bytes.
            eprintln!("recall: {}", recall::visible(&format!("{err:#}")));
            ExitCode::FAILURE
        }
    }
}
