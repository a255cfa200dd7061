import GRDB

/// A row of `month_report`: a unit's month declared reported, written once and never changed.
struct MonthReportRecord: Codable, FetchableRecord, MutablePersistableRecord, Identifiable {
  static let databaseTableName = "month_report"

  var id: Int64?
  var unit: String
  var month: String
  var nothingToReport: Bool
  var recordedBy: String
  var recordedAt: String

  enum CodingKeys: String, CodingKey {
    case id, unit, month
    case nothingToReport = "nothing_to_report"
    case recordedBy = "recorded_by"
    case recordedAt = "recorded_at"
  }

  enum Columns {
    static let unit = Column(CodingKeys.unit)
    static let month = Column(CodingKeys.month)
  }

  init(_ report: MonthReport) {
    id = report.id
    unit = report.unit
    month = report.month.iso
    nothingToReport = report.nothingToReport
    recordedBy = report.recordedBy
    recordedAt = report.recordedAt
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }

  func report() throws -> MonthReport {
    guard let month = Month(parsing: month) else {
      throw ZhaoshangError.storage(
        Localized("报送记录 \(id ?? 0) 的月份已损坏", "month report \(id ?? 0) holds a damaged month"))
    }
    return MonthReport(
      id: id, unit: unit, month: month, nothingToReport: nothingToReport, recordedBy: recordedBy,
      recordedAt: recordedAt)
  }
}
