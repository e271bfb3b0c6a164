fn main() {
    let _sum = sfn::intrinsic!("States.MathAdd($.a)");
    let _fmt = sfn::intrinsic!("States.Format('{} and {}', $.a)");
    let _jsonata = sfn::jsonata!("$states.input.(");
}
