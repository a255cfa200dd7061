import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

@Suite("Closing a month")
struct CloseMonthTests {
  let rules: RuleBook
  let july: Month
  let august: Month
  let closingDay: CivilDate

  init() throws {
    rules = try MonthCycle.rules()
    july = try MonthCycle.month("2022-07")
    august = try MonthCycle.month("2022-08")
    closingDay = try MonthCycle.date("2022-08-03")
  }

  func closedJuly() throws -> Ledger {
    let ledger = try MonthCycle.julyLedger(rules: rules)
    try ledger.close(month: july, rules: rules, today: closingDay, stamp: MonthCycle.stamp)
    return ledger
  }

  let amendment = Amendment(reason: "补登漏报的外出", command: "log --unit 乙镇 --name 李某")

  // MARK: Closing

  /// Given July's data, when July is closed, then the check, the bulletin and the rules' SHA-256 are frozen.
  @Test func closingFreezesCheckBulletinAndRules() throws {
    // Given
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let before = try ledger.bulletinStanding(month: july, rules: rules)

    // When
    let closed = try ledger.close(month: july, rules: rules, today: closingDay, stamp: MonthCycle.stamp)

    // Then
    #expect(closed.report == (try before.standing.report()))
    #expect(closed.bulletin == (try before.bulletin()))
    #expect(closed.rulesSHA256 == rules.ruleSets.first?.source.sha256)
    #expect(closed.rulesPath == "rules/test.toml")
    #expect(closed.closedBy == "督查室")
    #expect(!closed.forced)
    let standing = try ledger.standing(month: july, rules: rules)
    #expect(standing.closed?.id == closed.id)
    #expect(standing.differences.isEmpty)
    #expect(standing.amendments.isEmpty)
  }

  /// Given a month not yet over, when it is closed without --force, then the refusal explains why and how.
  @Test func closingBeforeTheMonthEndsNeedsForce() throws {
    // Given
    let ledger = try MonthCycle.julyLedger(rules: rules)
    let midMonth = try MonthCycle.date("2022-07-31")

    // When
    let refusal = MonthCycle.messages {
      try ledger.close(month: july, rules: rules, today: midMonth, stamp: MonthCycle.stamp)
    }
    let forced = try ledger.close(month: july, rules: rules, today: midMonth, force: true, stamp: MonthCycle.stamp)

    // Then
    #expect(
      refusal?.en
        == "2022-07 has not ended yet (today is 2022-07-31): trips may still happen on its remaining days, and once it is closed they could only be recorded as amendments while the bulletin's figures fall behind. Close it on or after 2022-08-01, or confirm and submit again to close it now"
    )
    #expect(refusal?.zh.contains("2022年7月尚未结束（今天是 2022-07-31）") == true)
    #expect(refusal?.zh.contains("确需提前封存，请确认后重新提交") == true)
    #expect(forced.forced)
  }

  /// Given a month that has not begun, when it is closed even with --force, then it is refused.
  @Test func aMonthNotBegunCannotBeClosed() throws {
    // Given
    let ledger = try MonthCycle.julyLedger(rules: rules)

    // When
    let refusal = MonthCycle.messages {
      try ledger.close(
        month: august, rules: rules, today: try MonthCycle.date("2022-07-20"), force: true, stamp: MonthCycle.stamp)
    }

    // Then
    #expect(refusal?.en == "2022-08 has not begun (today is 2022-07-20), so there is no result to close; check month")
    #expect(refusal?.zh == "2022年8月还没有开始（今天是 2022-07-20），没有可封存的结果；请核对 月份")
  }

  /// Given a closed month, when it is closed again, then the refusal says when and points to reopen.
  @Test func closingTwiceIsRefused() throws {
    // Given
    let ledger = try closedJuly()

    // When
    let refusal = MonthCycle.messages {
      try ledger.close(month: july, rules: rules, today: closingDay, stamp: MonthCycle.stamp)
    }

    // Then
    #expect(
      refusal?.en
        == "2022-07 was already closed on 2022-08-10 09:00 by 督查室; to close it again with today's data, first run `zhaoshang reopen --month 2022-07 --reason \"why\"`"
    )
    #expect(refusal?.zh.hasPrefix("2022年7月已于 2022-08-10 09:00 由 督查室 封存，无需再次封存") == true)
  }

  // MARK: The guard

  /// Given closed July, when a July trip is logged without --amend, then it is refused, naming the month.
  @Test func loggingIntoAClosedMonthIsRefused() throws {
    // Given
    let ledger = try closedJuly()
    let before = try ledger.trips().count

    // When
    let refusal = MonthCycle.messages {
      try MonthCycle.record(ledger, rules: rules, month: july, days: 2, heads: [("乙镇", "李某")])
    }

    // Then
    #expect(
      refusal?.en
        == "2022-07 is closed (2022-07 closed on 2022-08-10 09:00 by 督查室) and this change would alter what counts in it, so it was refused and nothing was written. To correct a closed month, submit it again as an amendment with the reason for it; the amendment is recorded with who, when and why."
    )
    #expect(
      refusal?.zh
        == "2022年7月已封存（2022-07 于 2022-08-10 09:00 由 督查室 封存），这次修改会改变该月的计数，已拒绝，未写入任何内容。如确需更正已封存的月份，请作为对已封存月份的更正重新提交，并写明更正原因；更正将连同操作人、时间和原因一并记录。"
    )
    #expect(try ledger.trips().count == before)
  }

  /// Given closed July, when a trip crosses from July into August, then it touches July and is refused.
  @Test func aTripCrossingIntoAClosedMonthIsRefused() throws {
    // Given
    let ledger = try closedJuly()
    let crossing = try MonthCycle.trip("乙镇", "李某", "2022-07-30", "2022-08-02", "北京")

    // When
    let refusal = MonthCycle.messages {
      try ledger.recordTrips([Located(crossing)], rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp)
    }
    let august = try MonthCycle.trip("乙镇", "李某", "2022-08-01", "2022-08-02", "北京")
    let outcome = try ledger.recordTrips(
      [Located(august)], rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp)

    // Then
    #expect(refusal?.en.hasPrefix("2022-07 is closed") == true)
    #expect(outcome.added.count == 1)
  }

  /// Given closed July, when a July trip is logged with an amendment, then it is written and the amendment recorded.
  @Test func anAmendedWriteIsRecordedWithWhoWhenAndWhy() throws {
    // Given
    let ledger = try closedJuly()

    // When
    try MonthCycle.record(ledger, rules: rules, month: july, days: 10, heads: [("乙镇", "李某")], amendment: amendment)

    // Then
    let standing = try ledger.standing(month: july, rules: rules)
    #expect(standing.amendments.count == 1)
    let entry = try #require(standing.amendments.first)
    #expect(entry.month == july)
    #expect(entry.command == "log --unit 乙镇 --name 李某")
    #expect(entry.reason == "补登漏报的外出")
    #expect(entry.by == "督查室")
    #expect(entry.at == "2022-08-10T09:00:00+08:00")
    // The frozen result stands; today's differs, and says how.
    #expect(try standing.report().people.first { $0.name == "李某" }?.counted == DayCount(days: 3))
    #expect(try standing.report(current: true).people.first { $0.name == "李某" }?.counted == DayCount(days: 10))
    #expect(standing.differences.map(\.en).contains("乙镇 李某: counted days 3 → 10"))
    #expect(standing.differences.map(\.en).contains("乙镇: short → compliant"))
  }

  /// Given closed July, when a July trip is voided, then it needs an amendment; with one it is voided.
  @Test func voidingAClosedMonthsTripNeedsAnAmendment() throws {
    // Given
    let ledger = try closedJuly()
    let trip = try #require(try ledger.trips(in: july, unit: "甲镇").first)
    let id = try #require(trip.id)

    // When
    let refusal = MonthCycle.messages { try ledger.voidTrip(id: id, reason: "重复登记", stamp: MonthCycle.stamp) }
    let voided = try ledger.voidTrip(
      id: id, reason: "重复登记", stamp: MonthCycle.stamp, amendment: Amendment(reason: "重复登记", command: "void \(id)"))

    // Then
    #expect(refusal?.en.hasPrefix("2022-07 is closed") == true)
    #expect(voided.isVoid)
    #expect(try ledger.amendments(month: july).map(\.command) == ["void \(id)"])
  }

  /// Given closed July, when roster entries overlapping July are added, then they need an amendment.
  @Test func rosterEntriesOverlappingAClosedMonthNeedAnAmendment() throws {
    // Given
    let ledger = try closedJuly()
    let overlapping = Post(unit: "统计局", name: "陈某", role: "局长", from: try MonthCycle.date("2022-07-20"))
    let later = Post(unit: "统计局", name: "褚某", role: "副局长", from: try MonthCycle.date("2022-08-01"))

    // When
    let refusal = MonthCycle.messages {
      try ledger.addPosts([Located(overlapping)], rules: rules, stamp: MonthCycle.stamp)
    }
    let added = try ledger.addPosts([Located(later)], rules: rules, stamp: MonthCycle.stamp)
    let amended = try ledger.addPosts(
      [Located(overlapping)], rules: rules, stamp: MonthCycle.stamp,
      amendment: Amendment(reason: "漏登", command: "roster add --unit 统计局 --name 陈某"))

    // Then
    #expect(refusal?.en.hasPrefix("2022-07 is closed") == true)
    #expect(added.added.count == 1)
    #expect(amended.added.count == 1)
    #expect(try ledger.amendments(month: july).count == 1)
  }

  /// Given closed July, when a post is ended inside July, then it needs an amendment; ending it on 31 July does not.
  @Test func endingAPostInsideAClosedMonthNeedsAnAmendment() throws {
    // Given
    let ledger = try closedJuly()

    // When
    let refusal = MonthCycle.messages {
      try ledger.endPost(unit: "甲镇", name: "赵某", on: try MonthCycle.date("2022-07-20"), stamp: MonthCycle.stamp)
    }
    let endedAtMonthEnd = try ledger.endPost(
      unit: "乙镇", name: "孙某", on: try MonthCycle.date("2022-07-31"), stamp: MonthCycle.stamp)
    let amended = try ledger.endPost(
      unit: "甲镇", name: "赵某", on: try MonthCycle.date("2022-07-20"), stamp: MonthCycle.stamp,
      amendment: Amendment(reason: "7月20日调任", command: "roster end --unit 甲镇 --name 赵某"))

    // Then
    #expect(refusal?.en.hasPrefix("2022-07 is closed") == true)
    #expect(endedAtMonthEnd.to == (try MonthCycle.date("2022-07-31")))
    #expect(amended.to == (try MonthCycle.date("2022-07-20")))
    #expect(try ledger.amendments(month: july).map(\.reason) == ["7月20日调任"])
  }

  /// Given an amendment without a reason, when used, then the write is refused saying the reason is empty.
  @Test func anAmendmentNeedsAReason() throws {
    // Given
    let ledger = try closedJuly()

    // When
    let refusal = MonthCycle.messages {
      try MonthCycle.record(
        ledger, rules: rules, month: july, days: 1, heads: [("乙镇", "李某")],
        amendment: Amendment(reason: "  ", command: "log"))
    }

    // Then
    #expect(
      refusal?.en
        == "reason: the reason is empty; say why the closed month is amended, e.g. reason \"trip reported late\"")
    #expect(refusal?.zh == "原因: 更正原因不能为空；请写明为何更正已封存的月份，如 原因填写“补登漏报的外出”")
  }

  /// Given closed July, when an amended import is only a dry run, then neither the trips nor the amendment stay.
  @Test func aDryRunRecordsNoAmendment() throws {
    // Given
    let ledger = try closedJuly()
    let trip = try MonthCycle.trip("乙镇", "李某", "2022-07-20", "2022-07-21", "北京")

    // When
    let outcome = try ledger.recordTrips(
      [Located(trip)], rules: rules, today: MonthCycle.today, stamp: MonthCycle.stamp, dryRun: true,
      amendment: amendment)

    // Then
    #expect(outcome.added.count == 1)
    #expect(try ledger.amendments().isEmpty)
    #expect(try ledger.trips(in: july, unit: "乙镇", name: "李某").count == 2)
  }

  // MARK: What closed months show

  /// Given closed July and a changed rule file, when July is shown, then the frozen result stands and the change is said.
  @Test func aChangedRuleFileIsReported() throws {
    // Given
    let ledger = try closedJuly()
    let stricter = try MonthCycle.rules(
      MonthCycle.rulesText.replacingOccurrences(of: "min_days = 5", with: "min_days = 6"))

    // When
    let standing = try ledger.standing(month: july, rules: stricter)
    let lines = ClosedMonthNotice.lines(
      standing, differences: standing.differences, showingCurrent: false, language: .en)

    // Then
    #expect(try standing.report().rules.source.sha256 == rules.ruleSets.first?.source.sha256)
    #expect(standing.differences.first?.en.hasPrefix("the rule file has changed: rules/test.toml (sha256 ") == true)
    #expect(standing.differences.map(\.en).contains("商务局 郑某: required days 5 → 6"))
    #expect(
      lines.first
        == "note: 2022-07 was closed on 2022-08-10 09:00 by 督查室; this is the frozen result (rules rules/test.toml, sha256 \(standing.closed?.rulesSHA256.prefix(12) ?? ""))."
    )
    #expect(lines.contains("today's data and rules would give a different result (see it with --current):"))
    #expect(lines.last == "no amendments since closing.")
  }

  /// Given an amended closed month, when its notice is written, then the amendments are listed.
  @Test func theNoticeListsAmendments() throws {
    // Given
    let ledger = try closedJuly()
    try MonthCycle.record(ledger, rules: rules, month: july, days: 10, heads: [("乙镇", "李某")], amendment: amendment)

    // When
    let standing = try ledger.standing(month: july, rules: rules)
    let zh = ClosedMonthNotice.lines(standing, differences: standing.differences, showingCurrent: false, language: .zh)

    // Then
    #expect(zh.contains("  - 乙镇 李某：已外出天数 3 → 10"))
    #expect(zh.contains("封存后的更正（1 条）："))
    #expect(zh.contains("  - 2022-08-10 09:00 督查室：log --unit 乙镇 --name 李某（原因：补登漏报的外出）"))
  }

  /// Given a closed month's bulletin, when a July trip is added by amendment, then the bulletin stays as published.
  @Test func theFrozenBulletinDoesNotShift() throws {
    // Given
    let ledger = try closedJuly()
    let published = try ledger.bulletinStanding(month: july, rules: rules).bulletin()

    // When
    try ledger.recordTrips(
      [Located(try MonthCycle.trip("文旅局", "冯某", "2022-07-10", "2022-07-11", "成都"))], rules: rules,
      today: MonthCycle.today, stamp: MonthCycle.stamp, amendment: amendment)
    let standing = try ledger.bulletinStanding(month: july, rules: rules)

    // Then
    #expect(try standing.bulletin() == published)
    #expect(try standing.bulletin(current: true).totalPersonDays == DayCount(days: 63) + DayCount(halves: 1))
    #expect(standing.differences.map(\.en).contains("文旅局: destinations \"\" → \"成都\""))
    #expect(standing.differences.map(\.en).contains("trips this month 10 → 11"))
  }

  // MARK: Reopening

  /// Given closed July, when it is reopened, then writes pass again and the history keeps the close and why it was undone.
  @Test func reopeningUndoesTheCloseAndKeepsHistory() throws {
    // Given
    let ledger = try closedJuly()

    // When
    let reopened = try ledger.reopen(month: july, reason: "补登7月外出", stamp: MonthCycle.stamp)
    try MonthCycle.record(ledger, rules: rules, month: july, days: 7, heads: [("乙镇", "李某")])
    try ledger.close(month: july, rules: rules, today: closingDay, stamp: MonthCycle.stamp)

    // Then
    #expect(reopened.reopening == Reopening(by: "督查室", at: "2022-08-10T09:00:00+08:00", reason: "补登7月外出"))
    let history = try ledger.closes(month: july)
    #expect(history.count == 2)
    #expect(history.first?.reopening != nil)
    #expect(history.last?.reopening == nil)
    #expect(try ledger.amendments(month: july).map(\.command) == ["reopen --month 2022-07"])
    // The amendments listed with the month are those since the close in force.
    #expect(try ledger.standing(month: july, rules: rules).amendments.isEmpty)
  }

  /// Given a reopened month, when it is shown, then the notice says it was closed and reopened, and why.
  @Test func aReopenedMonthSaysSo() throws {
    // Given
    let ledger = try closedJuly()
    try ledger.reopen(month: july, reason: "补登7月外出", stamp: MonthCycle.stamp)

    // When
    let standing = try ledger.standing(month: july, rules: rules)
    let lines = ClosedMonthNotice.lines(standing, differences: [], showingCurrent: false, language: .en)

    // Then
    #expect(standing.closed == nil)
    #expect(
      lines == [
        "note: 2022-07 was closed on 2022-08-10 09:00 by 督查室 and reopened on 2022-08-10 09:00 by 督查室 (reason: 补登7月外出); this is today's computation."
      ])
  }

  /// Given an open month, when it is reopened, then the refusal says it is not closed.
  @Test func reopeningAnOpenMonthIsRefused() throws {
    // Given
    let ledger = try MonthCycle.julyLedger(rules: rules)

    // When
    let refusal = MonthCycle.messages { try ledger.reopen(month: july, reason: "试试", stamp: MonthCycle.stamp) }
    let empty = MonthCycle.messages { try ledger.reopen(month: july, reason: " ", stamp: MonthCycle.stamp) }

    // Then
    #expect(
      refusal?.en
        == "2022-07 is not closed, so there is nothing to reopen; list closed months with `zhaoshang close --list`")
    #expect(refusal?.zh == "2022年7月没有封存，无需解除；已封存的月份可用 zhaoshang close --list 查看")
    #expect(
      empty?.en
        == "reason: the reason is empty; say why the month is reopened, e.g. reason \"July trips reported late\"")
  }

  // MARK: The database keeps history

  /// Given closed and amended July, when rows are deleted or the frozen result edited directly, then the database refuses.
  @Test func theDatabaseRefusesToLoseHistory() throws {
    // Given
    let ledger = try closedJuly()
    try MonthCycle.record(ledger, rules: rules, month: july, days: 10, heads: [("乙镇", "李某")], amendment: amendment)

    // When / Then
    for sql in [
      "DELETE FROM closed_month", "DELETE FROM amendment", "UPDATE amendment SET reason = 'x'",
      "UPDATE closed_month SET check_json = '{}'",
      "INSERT INTO closed_month (month, check_json, bulletin_json, rules_path, rules_sha256, closed_by, closed_at) SELECT month, check_json, bulletin_json, rules_path, rules_sha256, 'x', 'y' FROM closed_month",
    ] {
      let refusal = MonthCycle.messages { try ledger.write { db in try db.execute(sql: sql) } }
      #expect(refusal?.en.hasPrefix("the ledger refused the change") == true, "\(sql)")
    }
  }
}
