/// Which dates are working days: weekdays, less public holidays and local days off, plus weekend days
/// turned into working days (调休), as a State Council arrangement and the rule file say.
public struct WorkingCalendar: Sendable, Equatable {
  /// The calendar's name in the rule file, e.g. `cn`.
  public let name: String
  /// Years with a published arrangement; a month of any other year cannot be judged in working mode.
  public let years: Set<Int>
  let holidays: Set<Int>
  let workdays: Set<Int>

  public init(name: String, years: Set<Int>, holidays: [CivilDate], workdays: [CivilDate]) {
    self.name = name
    self.years = years
    self.holidays = Set(holidays.map(\.ordinal))
    self.workdays = Set(workdays.map(\.ordinal))
  }

  /// The same calendar with the rule file's local days off added.
  public func adding(localHolidays: [CivilDate]) -> WorkingCalendar {
    var copy = self
    copy.localHolidays = Set(localHolidays.map(\.ordinal))
    return copy
  }

  var localHolidays: Set<Int> = []

  public func isWorkingDay(_ date: CivilDate) -> Bool { isWorkingDay(ordinal: date.ordinal) }

  func isWorkingDay(ordinal: Int) -> Bool {
    if workdays.contains(ordinal) { return true }
    if holidays.contains(ordinal) || localHolidays.contains(ordinal) { return false }
    return !CivilDate.isWeekend(ordinal: ordinal)
  }

  /// Why a date is or is not a working day, for `check --explain`.
  public func reason(for date: CivilDate) -> Localized? {
    let ordinal = date.ordinal
    if workdays.contains(ordinal) { return Localized("调休上班", "weekend working day") }
    if holidays.contains(ordinal) { return Localized("法定节假日", "public holiday") }
    if localHolidays.contains(ordinal) { return Localized("本地放假", "local day off") }
    if CivilDate.isWeekend(ordinal: ordinal) { return Localized("周末", "weekend") }
    return nil
  }
}

extension CivilDate {
  /// 0 for Monday ... 6 for Sunday; 1970-01-01 was a Thursday.
  public var weekday: Int { CivilDate.weekday(ordinal: ordinal) }

  static func weekday(ordinal: Int) -> Int { ((ordinal + 3) % 7 + 7) % 7 }

  static func isWeekend(ordinal: Int) -> Bool { weekday(ordinal: ordinal) >= 5 }

  /// 周一 ... 周日, or Mon ... Sun.
  public func weekdayName(_ language: Language) -> String {
    language == .zh
      ? ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][weekday]
      : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][weekday]
  }
}
