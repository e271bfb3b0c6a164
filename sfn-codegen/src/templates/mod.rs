//! Templates: the three patterns every Step Functions team writes again — the job poller, the
//! callback and the Distributed Map — as **fragments** that can stand alone or be embedded.
//!
//! # Fragments
//!
//! A fragment is a small graph of states with one entry and named exits. It is added to any
//! scope — the machine, a Parallel branch, a Map processor — with
//! `add_to(&mut scope, prefix, exits)`:
//!
//! * every state it declares is named `<prefix><name>` (`"Order "` + `"Submit Job"`), so
//!   two instances never clash (AWS wants state names unique in the whole machine);
//! * `exits` says where each named exit goes: a handle of the scope, or [`Exit::End`],
//!   [`Exit::Succeed`], [`Exit::fail`]; an exit left unset gets the template's default;
//! * it returns the entry handle, for a `Next`, a Choice rule or `start_at`;
//! * it fails — before touching the scope — with [`Diagnostics`](sfn_dsl::Diagnostics)
//!   carrying rule codes when the configuration cannot work (a heartbeat not below the
//!   timeout, an empty status list, `EXPRESS` children with a `.sync` task, …); pointers
//!   are relative to the scope (`/States/<prefixed name>/<field>`).
//!
//! The machine is then validated as always by `build()`. Each template also has a one-call
//! `build()` that returns a whole [`StateMachine`](sfn_dsl::model::StateMachine) for the
//! common case, and a two-step `declare` → `define` for exits that point at states declared
//! later (e.g. one poller going on to the next).
//!
//! | template | states | exits |
//! |---|---|---|
//! | [`JobPoller`] | submit Task → Wait → status Task → Choice (loops) | `succeeded`, `failed`, `unknown_status`, `timed_out` |
//! | [`Callback`] | one `.waitForTaskToken` Task | `approved`, `rejected`, `timed_out` |
//! | [`DistributedMap`] | one `DISTRIBUTED` Map state | `done`, `failed` |
//!
//! Templates write JSONPath states (the default query language).
//!
//! # Examples
//!
//! The one-call shortcuts, with defaults:
//!
//! ```
//! use sfn::templates::{Callback, DistributedMap, Items, JobPoller, Processor};
//!
//! let batch = JobPoller::batch("etl-queue", "nightly-export").build().unwrap();
//! let approval = Callback::sqs("https://sqs.eu-west-1.amazonaws.com/123456789012/approvals")
//!     .build()
//!     .unwrap();
//! let import = DistributedMap::new(
//!     Items::s3_json("my-bucket", "orders.json"),
//!     Processor::lambda("arn:aws:lambda:eu-west-1:123456789012:function:import-order"),
//! )
//! .build()
//! .unwrap();
//! println!("{}", sfn::to_json_pretty(&batch));
//! # let _ = (approval, import);
//! ```
//!
//! Embedded: a Glue job, then a Batch job, then a human approval, with one failure handler.
//!
//! ```
//! use sfn::templates::{Callback, CallbackExits, JobPoller, PollerExits};
//! use sfn::builder::{Fail, Succeed};
//! use sfn::model::StateMachine;
//!
//! let mut m = StateMachine::builder();
//! let extract = JobPoller::glue("extract-orders").max_polls(120).declare(&mut m, "Extract ")?;
//! let load = JobPoller::batch("etl", "load-orders").max_polls(120).declare(&mut m, "Load ")?;
//! let failed = m.declare("Pipeline Failed");
//! let done = m.declare("Done");
//! let approve = Callback::sns("arn:aws:sns:eu-west-1:123456789012:releases")
//!     .add_to(&mut m, "Release ", CallbackExits::new().approved(done).rejected(failed))?;
//! let load_entry = load.entry();
//! extract.define(&mut m, PollerExits::new().succeeded(load_entry).failed(failed));
//! load.define(&mut m, PollerExits::new().succeeded(approve).failed(failed));
//! m.define(failed, Fail::new().error("PipelineFailed"));
//! m.define(done, Succeed::new());
//! let machine = m.build()?;
//! assert_eq!(machine.start_at, "Extract Start Job Run");
//! # Ok::<(), sfn::Diagnostics>(())
//! ```

/// Setters of a template that set one of its fields, `=> field = value;`, written inside its
/// `impl`. The invocation writes each signature in full, with its doc comment; the macro adds
/// only the bodies.
macro_rules! setters {
    ($(
        $(#[$doc:meta])*
        pub fn $name:ident(mut self, $v:ident: $v_ty:ty) -> Self => $field:ident = $value:expr;
    )*) => {$(
        $(#[$doc])*
        pub fn $name(mut self, $v: $v_ty) -> Self {
            self.$field = $value;
            self
        }
    )*};
}

mod call;
mod callback;
mod distributed_map;
mod fragment;
mod items;
mod poller;
mod poller_config;
mod presets;

pub use call::Call;
pub use callback::{Callback, CallbackExits, DeclaredCallback};
pub use distributed_map::{DeclaredMap, DistributedMap, MapExits};
pub use fragment::Exit;
pub use items::{CsvHeader, Items, Processor};
pub use poller::{DeclaredPoller, JobPoller};
pub use poller_config::{PollerExits, PollerNames, Statuses, UnknownStatus};
