import Foundation

/// The office's wall clock: the ledger keeps every time as ISO 8601 with its offset (UTC since times are written
/// that way), which is unambiguous but eight hours off for a Beijing clerk; everything shown is in the rule
/// file's `timezone`, as `2022-08-01 09:30`.
///
/// The text is parsed by hand rather than through `ISO8601DateFormatter`: `history` shows a time per event, and a
/// ledger kept for years has millions of them.
public struct OfficeClock: Sendable, Equatable {
  /// The zone a rule file without `timezone` means: the district's.
  public static let defaultZoneName = "Asia/Shanghai"

  public let timeZone: TimeZone

  public init(timeZone: TimeZone) {
    self.timeZone = timeZone
  }

  /// The district's clock, UTC+8 all year (China keeps no summer time), also where the zone database is missing.
  public static let district = OfficeClock(
    timeZone: TimeZone(identifier: defaultZoneName) ?? TimeZone(secondsFromGMT: 8 * 3600) ?? TimeZone.current)

  /// `2022-08-01T01:30:00Z` as `2022-08-01 09:30` in the office's zone; text that is not an ISO 8601 time with
  /// an offset (a bare date, a damaged value) is shown as it is.
  public func show(_ stamp: String) -> String {
    guard let instant = Self.secondsSince1970(stamp) else { return stamp }
    let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant)))
    let local = instant + Int64(offset)
    let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    let seconds = local - days * 86_400
    let (year, month, day) = Self.civil(fromDays: days)
    return "\(Self.padded(year, 4))-\(Self.padded(month, 2))-\(Self.padded(day, 2)) "
      + "\(Self.padded(Int(seconds / 3600), 2)):\(Self.padded(Int(seconds % 3600 / 60), 2))"
  }

  private static func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }

  /// Seconds since 1970-01-01T00:00Z of `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM|±HHMM)`; nil for anything else.
  static func secondsSince1970(_ text: String) -> Int64? {
    let bytes = Array(text.utf8)
    guard bytes.count >= 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54 || bytes[10] == 0x20,
      bytes[13] == 0x3A, bytes[16] == 0x3A
    else { return nil }
    func number(_ from: Int, _ count: Int) -> Int64? {
      var value: Int64 = 0
      for index in from..<(from + count) {
        guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else { return nil }
        value = value * 10 + Int64(bytes[index] - 0x30)
      }
      return value
    }
    guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
      let minute = number(14, 2), let second = number(17, 2), (1...12).contains(month), (1...31).contains(day),
      hour < 24, minute < 60, second < 61
    else { return nil }
    var index = 19
    if index < bytes.count, bytes[index] == 0x2E {
      index += 1
      while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
    }
    guard index < bytes.count else { return nil }
    var offset: Int64 = 0
    switch bytes[index] {
    case 0x5A where index + 1 == bytes.count:
      offset = 0
    case 0x2B, 0x2D:
      let sign: Int64 = bytes[index] == 0x2B ? 1 : -1
      let colon = index + 3 < bytes.count && bytes[index + 3] == 0x3A
      guard let hours = number(index + 1, 2), let minutes = number(index + (colon ? 4 : 3), 2),
        index + (colon ? 6 : 5) == bytes.count
      else { return nil }
      offset = sign * (hours * 3600 + minutes * 60)
    default:
      return nil
    }
    let days = daysFromCivil(year: year, month: month, day: day)
    return days * 86_400 + hour * 3600 + minute * 60 + second - offset
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
  static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The inverse of `daysFromCivil` (Hinnant's `civil_from_days`).
  static func civil(fromDays days: Int64) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shifted = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shifted + 2) / 5 + 1
    let month = shifted < 10 ? shifted + 3 : shifted - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (Int(year), Int(month), Int(day))
  }
}
