//! RFC 3339 date-times as Step Functions accepts them.

use super::prelude::*;

declare! {
    InvalidTimestamp = "025", error, "invalid timestamp", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [Timestamp, Choices],
        what: "A timestamp is not an RFC 3339 date-time (`2026-01-01T00:00:00Z`): it needs an uppercase `T` and an offset or `Z`.",
        failing: "`\"Timestamp\": \"2026-01-01 00:00:00\"`.",
        fix: "`\"2026-01-01T00:00:00Z\"`.";
}

/// True when `s` is an RFC 3339 date-time as AWS requires: `YYYY-MM-DDTHH:MM:SS`, optional
/// fractional seconds, then `Z` or `±HH:MM`; `T` and `Z` uppercase.
///
/// ```
/// use sfn::validate::is_rfc3339;
/// assert!(is_rfc3339("2026-03-14T01:59:00Z"));
/// assert!(is_rfc3339("2026-03-14T01:59:00.123+02:00"));
/// assert!(!is_rfc3339("2026-03-14 01:59:00Z"));
/// assert!(!is_rfc3339("2026-02-30T00:00:00Z"));
/// ```
pub fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some(
            part.iter()
                .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0')),
        )
    };
    let (Some(year), Some(month), Some(day)) = (digits(0, 4), digits(5, 2), digits(8, 2)) else {
        return false;
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || b.get(10) != Some(&b'T') {
        return false;
    }
    let (Some(hour), Some(min), Some(sec)) = (digits(11, 2), digits(14, 2), digits(17, 2)) else {
        return false;
    };
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return false;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days_in_month || hour > 23 || min > 59 || sec > 60 {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let (Some(oh), Some(om)) = (digits(i + 1, 2), digits(i + 4, 2)) else {
                return false;
            };
            b.get(i + 3) == Some(&b':') && oh <= 23 && om <= 59 && i + 6 == b.len()
        }
        _ => false,
    }
}

impl<'m> Validator<'m> {
    /// A timestamp field (`at` makes its pointer, only for a finding).
    pub(crate) fn timestamp(&mut self, at: &dyn Fn() -> Pointer, field: &str, ts: &str) {
        if !is_rfc3339(ts) {
            self.bad_timestamp(&at(), field, ts);
        }
    }

    pub(crate) fn bad_timestamp(&mut self, at: &Pointer, field: &str, ts: &str) {
        self.report(
            Code::InvalidTimestamp,
            at.as_str(),
            format!("`{field}` is not an RFC 3339 timestamp: \"{ts}\""),
            "write it as \"2026-01-31T23:59:59Z\" (uppercase T, and Z or an offset like +02:00)",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::is_rfc3339;

    #[test]
    fn accepts_and_rejects() {
        for ok in [
            "2016-03-14T01:59:00Z",
            "2024-02-29T23:59:59Z",
            "2016-03-14T01:59:00.5Z",
            "2016-03-14T01:59:00-08:00",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "",
            "2016-03-14",
            "2016-03-14t01:59:00Z",
            "2016-03-14T01:59:00z",
            "2016-03-14T01:59:00",
            "2023-02-29T00:00:00Z",
            "2016-13-01T00:00:00Z",
            "2016-03-14T24:00:00Z",
            "2016-03-14T01:59:00.Z",
            "2016-03-14T01:59:00+0800",
            "2016-03-14T01:59:00Zjunk",
            "２０16-03-14T01:59:00Z",
        ] {
            assert!(!is_rfc3339(bad), "{bad}");
        }
    }
}
