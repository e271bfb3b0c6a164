//! Every workflow of the seed documents written in Rust with the `sfn` builder.
//!
//! * [`machines`]: one function per workflow (`machines::sagemaker_poller()`, …), the
//!   [`machines::EXAMPLES`] table and [`machines::all`];
//! * `build.rs` includes the same modules and writes `definitions/<name>.asl.json` for each
//!   with [`sfn::Generator`] (check mode with `SFN_CHECK=1`);
//! * the binary (`cargo run -p sfn-examples`) is the project's main job: it generates (or
//!   checks) and validates every definition and prints one line per machine.
//!
//! See `examples/README.md` for the list of examples and a copyable `build.rs` tutorial.

pub mod machines;
