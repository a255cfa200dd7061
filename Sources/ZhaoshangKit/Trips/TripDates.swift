/// A trip's start and end as a clerk writes them, read into the dates and halves a `Trip` keeps: the one reading
/// that the trip import, `zhaoshang log` and the web form share, so each accepts and refuses the same things.
///
/// A start may be marked `下午` (left at noon) or `上午`: a start marked `上午` on a trip that ends the same day
/// (no end written, or the same date) is a morning-only trip, which ends at noon; on a longer trip `上午` only
/// repeats that the trip began in the morning. An end may be marked `上午` (back at noon). An end written
/// without its year (`7月29日`) takes the start's year, or the next one when that would put it before the start
/// (a trip over New Year).
public struct TripDates: Sendable, Equatable {
  public var start: CivilDate
  public var startsAfternoon: Bool
  public var end: CivilDate
  public var endsMorning: Bool

  public init(start: CivilDate, startsAfternoon: Bool = false, end: CivilDate, endsMorning: Bool = false) {
    self.start = start
    self.startsAfternoon = startsAfternoon
    self.end = end
    self.endsMorning = endsMorning
  }

  /// The days the dates cover, counted in halves; zero when they cover nothing.
  public var length: DayCount {
    Trip(
      unit: "", name: "", start: start, startsAfternoon: startsAfternoon, end: end, endsMorning: endsMorning,
      destination: ""
    ).length
  }

  /// Reads the start and end as written (an empty end: the trip ends the day it starts); every problem of the
  /// two (`invalidInput`), each with the field it concerns (`from` or `to`), when they cannot be read. `yearRemedy` is what the
  /// caller offers besides writing the year on a date without one (an import's month).
  public static func read(
    start startText: String, end endText: String, year: DateText.YearSource = .unstated, yearRemedy: Remedy? = nil
  ) -> Result<TripDates, ZhaoshangError> {
    var problems: [Problem] = []
    var start: DateText?
    if startText.isEmpty {
      problems.append(
        Problem(
          .valueMissing, field: .from,
          Localized("开始日期为空；请填写，如 2022/7/4", "the start date is empty; write one such as 2022/7/4")))
    } else {
      switch DateText.parse(startText, year: year) {
      case .success(let parsed): start = parsed
      case .failure(let error):
        problems.append(
          Problem(.dateInvalid, field: .from, error.message, remedy: error.lacksYear ? yearRemedy : nil))
      }
    }
    let end =
      endText.isEmpty
      ? nil : readEnd(endText, start: start?.date, year: year, yearRemedy: yearRemedy, problems: &problems)
    if end?.half == .afternoon {
      problems.append(
        Problem(
          .periodInvalid, field: .to,
          Localized(
            "结束日期只能标“上午”（中午返回）；下午或晚上返回的，当天按整天计，请去掉“下午”",
            "an end may only be marked AM (back at noon); a trip back in the afternoon counts the whole day, so drop the PM"
          )))
    }
    guard problems.isEmpty, let start else { return .failure(.invalidInput(problems)) }
    let last = end?.date ?? start.date
    let morningOnly = start.half == .morning && last == start.date
    return .success(
      TripDates(
        start: start.date, startsAfternoon: start.half == .afternoon, end: last,
        endsMorning: end?.half == .morning || morningOnly))
  }

  /// The end, its year taken from the start when it is written without one.
  private static func readEnd(
    _ text: String, start: CivilDate?, year: DateText.YearSource, yearRemedy: Remedy?, problems: inout [Problem]
  ) -> DateText? {
    var result = DateText.parse(text, year: start.map { .known($0.year) } ?? year)
    if let start, case .success(let parsed) = result, parsed.date < start,
      case .failure(.yearMissing) = DateText.parse(text)
    {
      result = DateText.parse(text, year: .known(start.year + 1))
    }
    switch result {
    case .success(let parsed): return parsed
    case .failure(let error):
      problems.append(Problem(.dateInvalid, field: .to, error.message, remedy: error.lacksYear ? yearRemedy : nil))
      return nil
    }
  }

  /// How to write half a day, for the messages that ask for one.
  public static let halfDayHelp = Localized(
    "半天请在日期后写明：开始日期写“2022-07-04 下午”表示中午出发，结束日期写“2022-07-06 上午”表示中午返回，只外出一个上午写“2022-07-04 上午”",
    "write a half day on the dates: a start \"2022-07-04 PM\" left at noon, an end \"2022-07-06 AM\" came back at noon, and a start \"2022-07-04 AM\" alone was out that morning only"
  )

  /// The problem with a declared number of days (a 天数 cell), or nil when it is empty or matches the dates.
  /// A number that disagrees is refused, never rounded to the dates: the dates or the number is wrong, and
  /// only the clerk knows which.
  public func problem(declaring text: String) -> Problem? {
    guard !text.isEmpty else { return nil }
    guard let declared = DayText.parse(text) else {
      return Problem(
        .inputInvalid,
        Localized(
          "无法识别天数「\(text)」；请写成 \(DayText.acceptedForms.zh)，或留空（按日期计算）",
          "cannot read the number of days \"\(text)\"; write it as \(DayText.acceptedForms.en), or leave it empty (the dates decide)"
        ), arguments: ["days": text])
    }
    let covered = length
    guard declared != covered else { return nil }
    let period = "\(start.iso)\(startsAfternoon ? " 下午" : "") 至 \(end.iso)\(endsMorning ? " 上午" : "")"
    let periodEn = "\(start.iso)\(startsAfternoon ? " PM" : "") to \(end.iso)\(endsMorning ? " AM" : "")"
    return Problem(
      .periodInvalid,
      Localized(
        "写的是 \(declared) 天，而日期 \(period) 算出 \(covered) 天；天数不会按日期改写，请改正日期或天数。\(Self.halfDayHelp.zh)",
        "it says \(declared) days, but the dates \(periodEn) give \(covered); the days are not rounded to the dates, so correct the dates or the days. \(Self.halfDayHelp.en)"
      ), arguments: ["days": declared.description, "datesGive": covered.description])
  }
}
