import Foundation

/// A short unit's written explanation (情况说明) for one month, as the office received it.
///
/// One per unit and month: the ledger refuses a second, so the date that decides whether it was late never moves.
public struct Explanation: Sendable, Equatable {
  public var id: Int64?
  public var unit: String
  public var month: Month
  /// The day the explanation reached the office.
  public var received: CivilDate
  public var note: String
  public var document: ExplanationDocument?
  public var recordedBy: String
  public var recordedAt: String

  public init(
    id: Int64? = nil, unit: String, month: Month, received: CivilDate, note: String = "",
    document: ExplanationDocument? = nil, recordedBy: String = "", recordedAt: String = ""
  ) {
    self.id = id
    self.unit = unit
    self.month = month
    self.received = received
    self.note = note
    self.document = document
    self.recordedBy = recordedBy
    self.recordedAt = recordedAt
  }
}

/// The document an explanation came with: recorded by path and SHA-256, never copied, so the office keeps its
/// own files and can later prove a file is the one that was filed.
public struct ExplanationDocument: Sendable, Equatable {
  public let path: String
  public let sha256: String

  public init(path: String, sha256: String) {
    self.path = path
    self.sha256 = sha256
  }

  /// Reads the file to fingerprint it; the path is made absolute so it still names the file from elsewhere.
  public static func read(path: String) throws(ZhaoshangError) -> ExplanationDocument {
    let url = URL(fileURLWithPath: path).standardizedFileURL
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
      let data = try? Data(contentsOf: url)
    else {
      throw .invalid(
        .fileUnreadable, field: .document, excerpt: path,
        Localized(
          "无法读取文件 \(path)；请检查路径是否正确、文件是否可读（须为文件而非目录）",
          "cannot read the file \(path); check the path and that it is a readable file, not a folder"))
    }
    return ExplanationDocument(path: url.path, sha256: SHA256Digest.hex(of: data))
  }
}

/// Where a short unit's explanation stands on a given day.
public enum ExplanationStatus: Sendable, Equatable {
  /// Not received, and the due date has not passed.
  case pending(due: CivilDate)
  /// Not received, and the due date has passed.
  case overdue(due: CivilDate, daysLate: Int)
  /// Received; late when it arrived after the due date.
  case received(on: CivilDate, late: Bool)

  /// The status as of `asOf`: the due date itself still counts as on time.
  public static func of(due: CivilDate, received: CivilDate?, asOf: CivilDate) -> ExplanationStatus {
    if let received { return .received(on: received, late: received > due) }
    return asOf > due ? .overdue(due: due, daysLate: asOf.ordinal - due.ordinal) : .pending(due: due)
  }

  /// Still owed: pending or overdue.
  public var isOpen: Bool {
    if case .received = self { return false }
    return true
  }

  /// The word used in JSON and CSV: `pending`, `overdue`, `received` or `late`.
  public var key: String {
    switch self {
    case .pending: return "pending"
    case .overdue: return "overdue"
    case .received(_, let late): return late ? "late" : "received"
    }
  }

  /// The status in one word for a spreadsheet's column: `key` in English, the office's word in Chinese.
  public func word(_ language: Language) -> String {
    guard language == .zh else { return key }
    switch self {
    case .pending: return "待提交"
    case .overdue: return "已逾期"
    case .received(_, let late): return late ? "逾期收到" : "已收到"
    }
  }

  public func label(_ language: Language) -> String {
    switch self {
    case .pending(let due):
      return language.pick("待提交（\(due.iso) 前）", "pending (due \(due.iso))")
    case .overdue(_, let days):
      return language.pick("已逾期 \(days) 天", "overdue by \(days) days")
    case .received(let date, let late):
      return late
        ? language.pick("已收到 \(date.iso)（逾期）", "received \(date.iso) (late)")
        : language.pick("已收到 \(date.iso)", "received \(date.iso)")
    }
  }
}

/// One short unit's explanation for one month, as `owing` lists it.
public struct OwedExplanation: Sendable, Equatable {
  public let month: Month
  public let unit: String
  /// The unit's heads short of the quota.
  public let heads: [HeadResult]
  public let due: CivilDate
  public let explanation: Explanation?
  public let status: ExplanationStatus

  public init(
    month: Month, unit: String, heads: [HeadResult], due: CivilDate, explanation: Explanation?,
    status: ExplanationStatus
  ) {
    self.month = month
    self.unit = unit
    self.heads = heads
    self.due = due
    self.explanation = explanation
    self.status = status
  }

  /// The month's explanations still open, as `owing --open` lists them from the month's result in force: a month
  /// not closed is read as of `today` when `markingUnreported` (a short unit that has not reported owes nothing
  /// until its due day), a closed one as frozen. Every store's `openExplanations` runs this on each month.
  package static func stillOpen(
    report: CheckReport, closed: Bool, reports: [MonthReport], explanations: [Explanation], today: CivilDate,
    asOf: CivilDate, markingUnreported: Bool
  ) -> [OwedExplanation] {
    var report = report
    if markingUnreported && !closed {
      report = report.marking(
        MonthCompleteness(
          month: report.month, asOf: today, reportsDue: report.explanationDue, reports: reports, hasTrips: true))
    }
    return list(report: report, explanations: explanations, asOf: asOf).filter(\.status.isOpen)
  }

  /// Every short unit of the report with its explanation's status as of `asOf`.
  public static func list(report: CheckReport, explanations: [Explanation], asOf: CivilDate) -> [OwedExplanation] {
    report.shortUnits.map { unit in
      let due = unit.explanationDue ?? report.explanationDue
      let received = explanations.first { $0.unit == unit.unit && $0.month == report.month }
      return OwedExplanation(
        month: report.month, unit: unit.unit, heads: report.people(of: unit.unit).filter { !$0.compliant }, due: due,
        explanation: received, status: .of(due: due, received: received?.received, asOf: asOf))
    }
  }
}

extension ExplanationDocument {
  /// Marks the path of a document uploaded through the web, whose bytes the ledger keeps (`document` table),
  /// from a path on the office's disk that `explain --document` recorded.
  public static let uploadPrefix = "upload:"

  /// A document received as bytes (an upload): recorded under the name it was sent with and its SHA-256.
  public init(data: Data, name: String) {
    self.init(path: Self.uploadPrefix + name, sha256: SHA256Digest.hex(of: data))
  }

  /// The ledger holds this document's bytes.
  public var isUploaded: Bool { path.hasPrefix(Self.uploadPrefix) }

  /// The name to show: the uploaded file's name, or the last part of a recorded path.
  public var displayName: String {
    if isUploaded { return String(path.dropFirst(Self.uploadPrefix.count)) }
    return (path as NSString).lastPathComponent
  }
}
