//! Virtual time: instants as nanoseconds since the Unix epoch, ISO-8601 parsing and formatting.
//!
//! Nothing in the simulator reads the wall clock: an execution starts at the
//! [`Simulator::start_time`](crate::Simulator::start_time) its caller chose, and only Wait states,
//! Retry back-off and mocked task durations move the clock.

use std::fmt;

/// An instant on the virtual clock: nanoseconds since 1970-01-01T00:00:00Z.
///
/// ```
/// use sfn::sim::Timestamp;
///
/// let t = Timestamp::parse("2024-01-01T00:00:00Z").unwrap();
/// assert_eq!(t.plus_seconds(90).to_string(), "2024-01-01T00:01:30.000Z");
/// assert!(Timestamp::parse("2024-13-01T00:00:00Z").is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i128);

const NANOS: i128 = 1_000_000_000;

/// The days from the epoch that [`Timestamp`]'s `Display` can show.
const MAX_DAYS: i128 = 100_000_000_000;

impl Timestamp {
    /// The instant `nanos` nanoseconds after the Unix epoch.
    pub fn from_nanos(nanos: i128) -> Timestamp {
        Timestamp(nanos)
    }

    /// The instant `secs` seconds after the Unix epoch.
    pub fn from_unix_seconds(secs: i64) -> Timestamp {
        Timestamp(i128::from(secs) * NANOS)
    }

    /// Nanoseconds since the Unix epoch.
    pub fn as_nanos(self) -> i128 {
        self.0
    }

    /// This instant plus `secs` seconds.
    pub fn plus_seconds(self, secs: i64) -> Timestamp {
        Timestamp(self.0.saturating_add(i128::from(secs) * NANOS))
    }

    /// This instant plus a (non-negative) fractional number of seconds, to the nanosecond.
    pub fn plus_seconds_f64(self, secs: f64) -> Timestamp {
        // `as` saturates on overflow and maps NaN to 0: both are fine for a delay.
        Timestamp(self.0.saturating_add((secs * 1e9) as i128))
    }

    /// Parses an ISO-8601 extended offset date-time as AWS accepts it for Wait's `Timestamp` and
    /// the Choice `Timestamp*` operators: `YYYY-MM-DDThh:mm:ss`, an optional fraction of 1 to 9
    /// digits, then `Z` or an offset `±hh:mm`. Dates and times are range-checked (no
    /// February 30th, no hour 24).
    pub fn parse(s: &str) -> Option<Timestamp> {
        let b = s.as_bytes();
        let num = |from: usize, len: usize| -> Option<i64> {
            let digits = b.get(from..from + len)?;
            digits.iter().try_fold(0i64, |acc, &d| {
                d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
            })
        };
        let year = num(0, 4)?;
        if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || b.get(10) != Some(&b'T') {
            return None;
        }
        let (month, day) = (num(5, 2)?, num(8, 2)?);
        if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
            return None;
        }
        let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 23
            || minute > 59
            || second > 59
        {
            return None;
        }
        let mut i = 19;
        let mut nanos: i128 = 0;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if !(1..=9).contains(&digits) {
                return None;
            }
            let frac = num(i, digits)?;
            nanos = i128::from(frac) * 10i128.pow(9 - digits as u32);
            i += digits;
        }
        let offset_secs = match b.get(i..)? {
            b"Z" => 0,
            [sign @ (b'+' | b'-'), rest @ ..] if rest.len() == 5 && rest[2] == b':' => {
                let (h, m) = (num(i + 1, 2)?, num(i + 4, 2)?);
                if h > 18 || m > 59 {
                    return None;
                }
                let secs = h * 3600 + m * 60;
                if *sign == b'-' { -secs } else { secs }
            }
            _ => return None,
        };
        let days = days_from_civil(year, month, day);
        let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_secs;
        Some(Timestamp(i128::from(secs) * NANOS + nanos))
    }
}

/// Formats as AWS writes instants in the context object: `2024-01-01T00:00:00.000Z`
/// (UTC, milliseconds).
impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.0.div_euclid(NANOS);
        let millis = self.0.rem_euclid(NANOS) / 1_000_000;
        // Days beyond ±274 million years are shown as the last day in range (the date
        // arithmetic below would overflow; no execution gets there but a test may ask for it).
        let days = secs.div_euclid(86_400).clamp(-MAX_DAYS, MAX_DAYS) as i64;
        let rem = secs.rem_euclid(86_400) as i64;
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{millis:03}Z",
            rem / 3600,
            rem / 60 % 60,
            rem % 60
        )
    }
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (the inverse of [`days_from_civil`]).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::Timestamp;

    #[test]
    fn parses_and_formats() {
        let t = Timestamp::parse("2016-03-14T01:59:00Z").unwrap();
        assert_eq!(t.to_string(), "2016-03-14T01:59:00.000Z");
        let with_offset = Timestamp::parse("2016-03-14T03:59:00+02:00").unwrap();
        assert_eq!(t, with_offset);
        let frac = Timestamp::parse("2016-03-14T01:59:00.123456789Z").unwrap();
        assert_eq!(frac.as_nanos() - t.as_nanos(), 123_456_789);
        assert_eq!(
            Timestamp::parse("2000-02-29T23:59:59.5Z")
                .unwrap()
                .to_string(),
            "2000-02-29T23:59:59.500Z"
        );
        assert_eq!(
            Timestamp::from_unix_seconds(0).to_string(),
            "1970-01-01T00:00:00.000Z"
        );
    }

    #[test]
    fn any_instant_can_be_shown() {
        for nanos in [
            i128::MAX,
            i128::MIN,
            i128::from(i64::MAX) * 86_400 * 1_000_000_000,
            i128::from(i64::MIN) * 86_400 * 1_000_000_000,
        ] {
            assert!(!Timestamp::from_nanos(nanos).to_string().is_empty());
        }
    }

    #[test]
    fn rejects_what_aws_rejects() {
        for bad in [
            "",
            "2016-13-05T21:29:29Z",
            "05-12-2016T21:29:29Z",
            "2016-12-05T25:29:29Z",
            "2016-12-05 21:29:29Z",
            "2016-12-05T21:29:29",
            "2016-12-05T21:29:29.000000",
            "2016-12-05T21:29:29.Z",
            "2016-12-05T21:29:29.0000000000Z",
            "2015-02-29T00:00:00Z",
        ] {
            assert!(Timestamp::parse(bad).is_none(), "{bad}");
        }
    }
}
