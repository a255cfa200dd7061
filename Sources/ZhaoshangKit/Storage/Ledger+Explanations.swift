import Foundation
import GRDB

extension Ledger {
  // MARK: Explanations

  /// Records that a short unit's explanation arrived. Refused for a unit that was not short that month (by the
  /// month's result in force), for a month not yet over and not closed, and for a unit already explained.
  ///
  /// - Parameter stored: an uploaded document's bytes, kept in the ledger in the same transaction; the
  ///   explanation's `document` must name them (`ExplanationDocument(data:name:)`).
  @discardableResult
  public func recordExplanation(
    _ explanation: Explanation, rules: RuleBook, today: CivilDate, stamp: Stamp, storing stored: StoredDocument? = nil
  ) throws(ZhaoshangError) -> Explanation {
    let month = explanation.month
    let unit = explanation.unit.trimmingCharacters(in: .whitespacesAndNewlines)
    try Self.requireWriter(stamp.actor)
    guard stamp.actor.reaches(unit: unit) else {
      throw .forbidden(
        Localized(
          "\(stamp.actor.describe(.zh))只能提交本单位的情况说明，不能提交「\(unit)」的",
          "\(stamp.actor.describe(.en)) may file its own unit's explanations only, not \(unit)'s"))
    }
    if let stored, stored.sha256 != explanation.document?.sha256 {
      throw .refused(
        Localized("上传的文件与登记的文件不一致；请重新上传", "the uploaded file is not the one recorded; upload it again"))
    }
    var problems: [Problem] = []
    if TextField.isBlank(unit) {
      problems.append(
        Problem(.valueMissing, field: .unit, Localized("单位不能为空", "the unit is empty; name the short unit")))
    } else if let problem = TextField.unit.problem(with: unit) {
      problems.append(Problem(.textInvalid, field: .unit, problem))
    }
    if let problem = TextField.note.problem(with: explanation.note) {
      problems.append(Problem(.textInvalid, field: .note, problem))
    }
    if explanation.received > today {
      problems.append(
        Problem(
          .explanationInvalid, field: .received, excerpt: explanation.received.iso,
          Localized(
            "收到日期晚于今天（\(today.iso)）；请填写实际收到的日期",
            "the explanation cannot have arrived after today (\(today.iso)); give the day it arrived")))
    }
    if explanation.received < month.firstDay {
      problems.append(
        Problem(
          .explanationInvalid, field: .received, excerpt: explanation.received.iso,
          Localized(
            "收到日期早于\(month.chinese)；\(month.chinese)的情况说明只能在该月开始后收到，请核对日期和 ",
            "the explanation for \(month.iso) cannot have arrived before the month began; check the date and "),
          remedy: Remedy(Localized("{action}", "{action}"), .field(.month)), arguments: ["month": month.iso]))
    }
    guard problems.isEmpty else { throw .invalidInput(problems) }
    let storedDocument = stored
    return try write { db in
      var months = try MonthResults(db: db, rules: rules)
      let report: CheckReport
      if let closed = try months.closed(month) {
        report = closed.report
      } else {
        guard today > month.lastDay else {
          throw ZhaoshangError.refused(
            Localized(
              "\(month.chinese)尚未结束，还没有单位须作出情况说明；请在月末后、通报未达标单位后再登记",
              "\(month.iso) has not ended, so no unit owes an explanation yet; record it once the month is over and the shortfall published"
            ))
        }
        report = try months.current(month)
      }
      guard let result = report.units.first(where: { $0.unit == unit }) else {
        throw ZhaoshangError.refused(
          Localized(
            "「\(unit)」不是\(month.chinese)考核的单位，无需作出情况说明；请核对单位名称（未达标的单位：\(report.shortUnits.map(\.unit).joined(separator: "、"))）",
            "\"\(unit)\" is not a unit assessed in \(month.iso), so it owes no explanation; check the name (short units: \(report.shortUnits.map(\.unit).joined(separator: ", ")))"
          ))
      }
      guard result.status == .short else {
        let state = result.status == .vacant ? "没有在任的考核对象、未予考核" : "已达标（外出 \(result.personDays) 人天）"
        let stateEn =
          result.status == .vacant
          ? "had nobody in post and was not assessed" : "met its quota (\(result.personDays) person-days)"
        throw ZhaoshangError.refused(
          Problem(
            .explanationInvalid,
            Localized(
              "\(unit)\(month.chinese)\(state)，不是未达标单位，无需作出情况说明；请核对单位和 ",
              "\(unit) was not short in \(month.iso): it \(stateEn), so it owes no explanation; check the unit and "),
            remedy: Remedy(Localized("{action}", "{action}"), .field(.month)),
            arguments: ["unit": unit, "month": month.iso]))
      }
      if let earlier = try ExplanationRecord.filter(
        ExplanationRecord.Columns.unit == unit && ExplanationRecord.Columns.month == month.iso
      ).fetchOne(db) {
        throw ZhaoshangError.refused(
          Localized(
            "\(unit)\(month.chinese)的情况说明已于 \(earlier.receivedDate) 收到并登记（\(earlier.recordedBy)，\(stamp.clock.show(earlier.recordedAt))）；每个单位每月只登记一份，登记后不能更改",
            "\(unit)'s explanation for \(month.iso) was already recorded as received on \(earlier.receivedDate) (by \(earlier.recordedBy), \(stamp.clock.show(earlier.recordedAt))); one explanation is recorded per unit and month, and it cannot be changed"
          ))
      }
      var stored = explanation
      stored.unit = unit
      stored.note = explanation.note.trimmingCharacters(in: .whitespacesAndNewlines)
      stored.recordedBy = stamp.by
      stored.recordedAt = stamp.at
      var record = ExplanationRecord(stored)
      try record.insert(db)
      stored.id = record.id
      if let document = storedDocument, try DocumentRecord.fetchOne(db, key: document.sha256) == nil {
        try DocumentRecord(
          sha256: document.sha256, mediaType: document.type.mediaType, size: document.data.count,
          bytes: document.data, storedBy: stamp.by, storedAt: stamp.at
        ).insert(db)
      }
      try AuditTrail.recordCreated(
        .explanationAdded, table: .explanation, range: record.id.map { $0...$0 },
        subject: AuditTrail.Subject(unit: unit, months: month...month), stamp: stamp,
        summary: "\(unit) \(month.iso) \(stored.received.iso)", db: db)
      return stored
    }
  }

  /// Recorded explanations, optionally of one month and of one unit, in the order they were recorded.
  public func explanations(month: Month? = nil, unit: String? = nil) throws(ZhaoshangError) -> [Explanation] {
    try read { db in
      var request = ExplanationRecord.all()
      if let month { request = request.filter(ExplanationRecord.Columns.month == month.iso) }
      if let unit { request = request.filter(ExplanationRecord.Columns.unit == unit) }
      return try request.order(Column("id")).fetchAll(db).map { try $0.explanation() }
    }
  }

  /// The month's short units and where their explanations stand as of `asOf`, with the month's standing.
  ///
  /// A month still open is read as of `asOf` (`CheckReport.marking`): a short unit that has not reported owes
  /// nothing yet, until the due day passes.
  ///
  /// - Parameter current: judge shortfalls by today's computation even when the month is closed.
  public func owing(month: Month, rules: RuleBook, asOf: CivilDate, current: Bool = false) throws(ZhaoshangError)
    -> (standing: MonthStanding, owed: [OwedExplanation])
  {
    let standing = try standing(month: month, rules: rules, today: asOf)
    let report = try standing.report(current: current)
    let owed = OwedExplanation.list(report: report, explanations: try explanations(month: month), asOf: asOf)
    return (standing, owed)
  }

  /// Every shortfall still unexplained, of every month of the ledger (`MonthResults.isMember`: closed, or over
  /// and reported or with a trip starting in it), judged by each month's result in force. A unit that has not
  /// reported a month is left out until the due day passes, as every report marks it 未报送 until then.
  ///
  /// - Parameter markingUnreported: false lists a short unit that has not reported as well: a unit's own page
  ///   lets it file an explanation before it has reported.
  public func openExplanations(
    rules: RuleBook, today: CivilDate, asOf: CivilDate, markingUnreported: Bool = true
  ) throws(ZhaoshangError) -> [OwedExplanation] {
    try read { db in
      var months = try MonthResults(db: db, rules: rules, today: today)
      guard var cursor = try months.firstMonth() else { return [] }
      let last = max(Month(containing: today), months.closes.keys.max() ?? cursor)
      let explanations = try ExplanationRecord.fetchAll(db).map { try $0.explanation() }
      let reports = Dictionary(grouping: try Self.monthReports(month: nil, db: db), by: \.month)
      var owed: [OwedExplanation] = []
      while cursor <= last {
        if var report = try months.inForce(cursor) {
          if markingUnreported && months.closes[cursor] == nil {
            report = report.marking(
              MonthCompleteness(
                month: cursor, asOf: today, reportsDue: report.explanationDue, reports: reports[cursor] ?? [],
                hasTrips: true))
          }
          owed += OwedExplanation.list(report: report, explanations: explanations, asOf: asOf).filter(\.status.isOpen)
        }
        guard cursor.next > cursor else { break }
        cursor = cursor.next
      }
      return owed
    }
  }
}

extension Ledger {
  // MARK: Documents

  /// An explanation by its id, if the actor may see it: a unit's account sees its own unit's only, and is told
  /// "not found" for any other, so guessing ids reveals nothing.
  public func explanation(id: Int64, as actor: ActingUser) throws(ZhaoshangError) -> Explanation {
    let found = try read { db in try ExplanationRecord.fetchOne(db, key: id).map { try $0.explanation() } }
    guard let found, actor.reaches(unit: found.unit) else {
      throw .notFound(Localized("没有编号为 \(id) 的情况说明", "there is no explanation \(id)"))
    }
    return found
  }

  /// The stored bytes of an uploaded document, by SHA-256; nil when the ledger holds none under it.
  public func document(sha256: String) throws(ZhaoshangError) -> StoredDocument? {
    try read { db in
      guard let record = try DocumentRecord.fetchOne(db, key: sha256) else { return nil }
      guard let type = DocumentType(mediaType: record.mediaType) else { return nil }
      return StoredDocument(sha256: record.sha256, type: type, data: record.bytes)
    }
  }
}
