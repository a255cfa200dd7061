import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("Explanations from short units")
struct ExplanationTests {
  let rules: RuleBook
  let july: Month
  let due: CivilDate

  init() throws {
    rules = try MonthCycle.rules()
    july = try MonthCycle.month("2022-07")
    due = try MonthCycle.date("2022-08-05")
  }

  // MARK: Status, a pure function of three dates

  /// Given no explanation, when asked on or before the due date, then it is pending; after it, overdue.
  @Test func pendingUntilTheDueDateThenOverdue() throws {
    #expect(
      ExplanationStatus.of(due: due, received: nil, asOf: try MonthCycle.date("2022-08-01")) == .pending(due: due))
    #expect(ExplanationStatus.of(due: due, received: nil, asOf: due) == .pending(due: due))
    #expect(
      ExplanationStatus.of(due: due, received: nil, asOf: try MonthCycle.date("2022-08-08"))
        == .overdue(due: due, daysLate: 3))
  }

  /// Given an explanation, when it arrived by the due date it is received; after it, received late.
  @Test func receivedOnTimeOrLate() throws {
    let onTime = try MonthCycle.date("2022-08-05")
    let late = try MonthCycle.date("2022-08-09")
    #expect(
      ExplanationStatus.of(due: due, received: onTime, asOf: try MonthCycle.date("2022-09-01"))
        == .received(on: onTime, late: false))
    #expect(ExplanationStatus.of(due: due, received: late, asOf: late) == .received(on: late, late: true))
  }

  /// Given each status, when labelled, then the words say where the explanation stands.
  @Test func labels() throws {
    let late = try MonthCycle.date("2022-08-09")
    #expect(ExplanationStatus.pending(due: due).label(.zh) == "待提交（2022-08-05 前）")
    #expect(ExplanationStatus.overdue(due: due, daysLate: 3).label(.en) == "overdue by 3 days")
    #expect(ExplanationStatus.received(on: late, late: true).label(.zh) == "已收到 2022-08-09（逾期）")
    #expect(ExplanationStatus.received(on: late, late: false).label(.en) == "received 2022-08-09")
    #expect(ExplanationStatus.received(on: late, late: true).key == "late")
  }

  // MARK: Recording

  /// Given July's short units, when explanations arrive, then owing moves them from pending to received.
  @Test func explanationsMoveThroughPendingOverdueAndReceived() throws {
    // Given July's short units, which have reported the month (until they do, they are 未报送 and owe nothing)
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let beforeDue = try MonthCycle.date("2022-08-04")
    let afterDue = try MonthCycle.date("2022-08-10")
    for unit in ["乙镇", "丙街道", "工信局", "文旅局"] {
      try ledger.reportMonth(
        unit: unit, month: july, nothingToReport: false, rules: rules, today: try MonthCycle.date("2022-08-01"),
        stamp: MonthCycle.stamp)
    }

    // When
    let pending = try ledger.owing(month: july, rules: rules, asOf: beforeDue).owed
    try ledger.recordExplanation(
      Explanation(unit: "乙镇", month: july, received: try MonthCycle.date("2022-08-03"), note: "李某参加防汛"), rules: rules,
      today: afterDue, stamp: MonthCycle.stamp)
    try ledger.recordExplanation(
      Explanation(unit: "工信局", month: july, received: try MonthCycle.date("2022-08-08")), rules: rules, today: afterDue,
      stamp: MonthCycle.stamp)
    let later = try ledger.owing(month: july, rules: rules, asOf: afterDue).owed

    // Then
    #expect(pending.map(\.unit) == ["乙镇", "丙街道", "工信局", "文旅局"])
    #expect(pending.allSatisfy { $0.status == .pending(due: due) })
    let status = Dictionary(later.map { ($0.unit, $0.status) }, uniquingKeysWith: { first, _ in first })
    #expect(status["乙镇"] == .received(on: try MonthCycle.date("2022-08-03"), late: false))
    #expect(status["工信局"] == .received(on: try MonthCycle.date("2022-08-08"), late: true))
    #expect(status["丙街道"] == .overdue(due: due, daysLate: 5))
    #expect(later.first { $0.unit == "乙镇" }?.explanation?.note == "李某参加防汛")
    #expect(later.first { $0.unit == "丙街道" }?.heads.map(\.name) == ["周某", "吴某"])
  }

  /// Given a document, when an explanation is recorded with it, then its absolute path and SHA-256 are kept.
  @Test func aDocumentIsRecordedByPathAndFingerprint() throws {
    // Given
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhaoshang-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("情况说明.txt")
    try Data("abc".utf8).write(to: file)

    // When
    let document = try ExplanationDocument.read(path: file.path)
    let stored = try ledger.recordExplanation(
      Explanation(unit: "文旅局", month: july, received: try MonthCycle.date("2022-08-02"), document: document),
      rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp)

    // Then
    #expect(document.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(document.path == file.standardizedFileURL.path)
    #expect(try ledger.explanations(month: july) == [stored])
    #expect(stored.recordedBy == "督查室")
  }

  /// Given a missing document, when read, then the problem names the option and the path.
  @Test func aMissingDocumentIsRefused() {
    let refusal = MonthCycle.messages { _ = try ExplanationDocument.read(path: "/no/such/说明.pdf") }
    #expect(
      refusal?.en
        == "document:\n  | /no/such/说明.pdf\n  cannot read the file /no/such/说明.pdf; check the path and that it is a readable file, not a folder"
    )
    #expect(refusal?.zh.hasSuffix("无法读取文件 /no/such/说明.pdf；请检查路径是否正确、文件是否可读（须为文件而非目录）") == true)
  }

  /// Given a unit that met its quota, when its explanation is recorded, then the error says it was not short.
  @Test func aUnitThatWasNotShortOwesNothing() throws {
    // Given
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let received = try MonthCycle.date("2022-08-02")

    // When
    let compliant = MonthCycle.messages {
      try ledger.recordExplanation(
        Explanation(unit: "甲镇", month: july, received: received), rules: rules, today: MonthCycle.today,
        stamp: MonthCycle.stamp)
    }
    let vacant = MonthCycle.messages {
      try ledger.recordExplanation(
        Explanation(unit: "统计局", month: july, received: received), rules: rules, today: MonthCycle.today,
        stamp: MonthCycle.stamp)
    }
    let unknown = MonthCycle.messages {
      try ledger.recordExplanation(
        Explanation(unit: "甲乡", month: july, received: received), rules: rules, today: MonthCycle.today,
        stamp: MonthCycle.stamp)
    }

    // Then
    #expect(
      compliant?.en
        == "甲镇 was not short in 2022-07: it met its quota (20.5 person-days), so it owes no explanation; check the unit and month"
    )
    #expect(compliant?.zh == "甲镇2022年7月已达标（外出 20.5 人天），不是未达标单位，无需作出情况说明；请核对单位和 月份")
    #expect(
      vacant?.en
        == "统计局 was not short in 2022-07: it had nobody in post and was not assessed, so it owes no explanation; check the unit and month"
    )
    #expect(
      unknown?.en
        == "\"甲乡\" is not a unit assessed in 2022-07, so it owes no explanation; check the name (short units: 乙镇, 丙街道, 工信局, 文旅局)"
    )
    #expect(try ledger.explanations().isEmpty)
  }

  /// Given an explained unit, when a second explanation is recorded, then it is refused with the first one's date.
  @Test func oneExplanationPerUnitAndMonth() throws {
    // Given
    let ledger = try MonthCycle.julyLedger(rules: rules)
    try ledger.recordExplanation(
      Explanation(unit: "乙镇", month: july, received: try MonthCycle.date("2022-08-03")), rules: rules,
      today: MonthCycle.today, stamp: MonthCycle.stamp)

    // When
    let refusal = MonthCycle.messages {
      try ledger.recordExplanation(
        Explanation(unit: "乙镇", month: july, received: try MonthCycle.date("2022-08-04")), rules: rules,
        today: MonthCycle.today, stamp: MonthCycle.stamp)
    }

    // Then
    #expect(
      refusal?.en
        == "乙镇's explanation for 2022-07 was already recorded as received on 2022-08-03 (by 督查室, 2022-08-10 09:00); one explanation is recorded per unit and month, and it cannot be changed"
    )
  }

  /// Given a received date after today or before the month, when recorded, then the date is refused.
  @Test func theReceivedDateMustBePossible() throws {
    // Given
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let today = try MonthCycle.date("2022-08-10")

    // When
    let future = MonthCycle.messages {
      try ledger.recordExplanation(
        Explanation(unit: "乙镇", month: july, received: try MonthCycle.date("2022-08-11")), rules: rules, today: today,
        stamp: MonthCycle.stamp)
    }
    let early = MonthCycle.messages {
      try ledger.recordExplanation(
        Explanation(unit: "乙镇", month: july, received: try MonthCycle.date("2022-06-30")), rules: rules, today: today,
        stamp: MonthCycle.stamp)
    }

    // Then
    #expect(
      future?.en
        == "date received:\n  | 2022-08-11\n  the explanation cannot have arrived after today (2022-08-10); give the day it arrived"
    )
    #expect(
      early?.en
        == "date received:\n  | 2022-06-30\n  the explanation for 2022-07 cannot have arrived before the month began; check the date and month"
    )
  }

  /// Given a month not over and not closed, when an explanation is recorded, then nobody owes one yet.
  @Test func aMonthNotOverOwesNothingYet() throws {
    // Given
    let ledger = try MonthCycle.julyLedger(rules: rules)

    // When
    let refusal = MonthCycle.messages {
      try ledger.recordExplanation(
        Explanation(unit: "乙镇", month: july, received: try MonthCycle.date("2022-07-30")), rules: rules,
        today: try MonthCycle.date("2022-07-31"), stamp: MonthCycle.stamp)
    }

    // Then
    #expect(
      refusal?.en
        == "2022-07 has not ended, so no unit owes an explanation yet; record it once the month is over and the shortfall published"
    )
  }

  /// Given closed July and a later amendment that lifts a unit out of shortfall, then it still owes by the frozen result.
  @Test func aClosedMonthsShortfallStandsAsPublished() throws {
    // Given
    let ledger = try MonthCycle.julyLedger(rules: rules)
    try ledger.close(month: july, rules: rules, today: try MonthCycle.date("2022-08-01"), stamp: MonthCycle.stamp)
    try MonthCycle.record(
      ledger, rules: rules, month: july, days: 10, heads: [("乙镇", "李某")],
      amendment: Amendment(reason: "补登", command: "log"))

    // When
    let stored = try ledger.recordExplanation(
      Explanation(unit: "乙镇", month: july, received: try MonthCycle.date("2022-08-02")), rules: rules,
      today: MonthCycle.today, stamp: MonthCycle.stamp)
    let frozen = try ledger.owing(month: july, rules: rules, asOf: MonthCycle.today).owed
    let current = try ledger.owing(month: july, rules: rules, asOf: MonthCycle.today, current: true).owed

    // Then
    #expect(stored.unit == "乙镇")
    #expect(frozen.map(\.unit).contains("乙镇"))
    #expect(!current.map(\.unit).contains("乙镇"))
  }

  // MARK: owing --open

  /// Given two months with shortfalls, some explained, when every open one is listed, then only unexplained remain.
  @Test func openListsEveryUnexplainedShortfallOfEveryMonth() throws {
    // Given
    let ledger = try MonthCycle.julyLedger(rules: rules)
    try ledger.recordExplanation(
      Explanation(unit: "乙镇", month: july, received: try MonthCycle.date("2022-08-03")), rules: rules,
      today: MonthCycle.today, stamp: MonthCycle.stamp)

    // When
    let open = try ledger.openExplanations(
      rules: rules, today: try MonthCycle.date("2022-08-20"), asOf: try MonthCycle.date("2022-08-20"))

    // Then: July without 乙镇; June is before the ledger began (周某's June trip ends in July); August is not over
    #expect(open.map(\.month) == [july, july, july])
    #expect(open.map(\.unit) == ["丙街道", "工信局", "文旅局"])
    #expect(open.allSatisfy { $0.status.key == "overdue" })
    // Months after the last one the ledger holds trips for are not yet recorded, not short.
    let months = try ledger.openExplanations(rules: rules, today: MonthCycle.today, asOf: MonthCycle.today).map(\.month)
    #expect(months == [july, july, july])
    let text = try OwingRenderer(language: .en).render(open: open, asOf: try MonthCycle.date("2022-08-20"), as: .table)
    #expect(text.contains("As of 2022-08-20, 3 explanations not received, 3 overdue."))
  }

  /// Given the owing table with explanations, when rendered, then each row carries its unit's status.
  @Test func owingShowsEachUnitsStatus() throws {
    // Given
    let ledger = try MonthCycle.julyLedger(rules: rules)
    try ledger.recordExplanation(
      Explanation(unit: "工信局", month: july, received: try MonthCycle.date("2022-08-08")), rules: rules,
      today: MonthCycle.today, stamp: MonthCycle.stamp)
    let (standing, owed) = try ledger.owing(month: july, rules: rules, asOf: try MonthCycle.date("2022-08-08"))

    // When
    let report = try standing.report()
    let table = try OwingRenderer(language: .zh).render(report, explanations: owed, as: .table)
    let csv = try OwingRenderer(language: .en).render(report, explanations: owed, as: .csv)

    // Then
    #expect(table.contains("情况说明"))
    #expect(table.contains("已收到 2022-08-08（逾期）"))
    #expect(table.contains("已逾期 3 天"))
    #expect(csv.contains("工信局,王某,局长,5,2.5,2.5,2022-08-05,late,2022-08-08"))
  }
}
