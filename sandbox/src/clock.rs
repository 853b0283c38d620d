//! The wall clock, read in one place: Unix seconds for `created_at`, and today's month for the
//! expiry check (the card core takes `today` as an argument).

use std::time::{SystemTime, UNIX_EPOCH};

use sealcard::YearMonth;

/// Seconds since the Unix epoch (0 if the clock is before it).
pub fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// The current month in UTC.
pub fn today() -> YearMonth {
    month_of(unix_now())
}

/// The UTC month of a Unix time (the civil-from-days algorithm of H. Hinnant).
pub fn month_of(unix: u64) -> YearMonth {
    let days = (unix / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    YearMonth {
        year: u16::try_from(year).unwrap_or(u16::MAX),
        month: month as u8,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_of_known_dates() {
        let ym = |year, month| YearMonth { year, month };
        assert_eq!(month_of(0), ym(1970, 1));
        assert_eq!(month_of(951_782_400), ym(2000, 2)); // 2000-02-29
        assert_eq!(month_of(951_868_800), ym(2000, 3)); // 2000-03-01
        assert_eq!(month_of(1_767_225_599), ym(2025, 12)); // 2025-12-31 23:59:59
        assert_eq!(month_of(1_767_225_600), ym(2026, 1));
    }
}
