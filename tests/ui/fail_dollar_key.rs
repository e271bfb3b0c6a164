use sfn::payload;

fn main() {
    let _p = payload! { "JobId.$": "$.guid.jobId" };
}
