import Foundation
import GRDB
import Testing

@testable import ZhaoshangKit

/// A ledger file with a little of everything, for tampering with through a plain SQLite connection.
struct AuditedLedger {
  let folder: URL
  let path: String
  let ledger: Ledger
  let stamp = Stamp(by: "测试员", at: "2022-08-01T09:00:00+08:00", command: "zhaoshang test")

  init(folder: URL) throws {
    self.folder = folder
    path = folder.appendingPathComponent("ledger.sqlite").path
    ledger = try Ledger.open(at: path, create: true)
    let rules = try TestRules.book()
    try ledger.addPosts(
      [
        Located(try post("朱坝街道", "王某")), Located(try post("朱坝街道", "刘某", role: "办事处主任")),
        Located(try post("住建局", "唐某", role: "局长")),
      ],
      rules: rules, stamp: stamp)
    let today = try d("2022-08-31")
    try ledger.recordTrips(
      [
        Located(try trip("朱坝街道", "王某", "2022-07-04", "2022-07-06")),
        Located(try trip("朱坝街道", "刘某", "2022-07-04", "2022-07-06")),
      ],
      rules: rules, today: today, stamp: stamp)
    try ledger.recordTrips(
      [Located(try trip("住建局", "唐某", "2022-07-11", "2022-07-12", destination: "南京"))], rules: rules, today: today,
      stamp: stamp)
    try ledger.addLeave(
      [Located(Leave(unit: "朱坝街道", name: "王某", from: try d("2022-07-18"), to: try d("2022-07-19"), reason: "党校学习"))],
      rules: rules, stamp: stamp)
    try ledger.voidTrip(id: 3, reason: "重复登记", stamp: stamp)
    try ledger.endPost(unit: "朱坝街道", name: "刘某", on: try d("2022-07-31"), stamp: stamp)
  }

  /// Runs SQL on the file as someone with the sqlite3 shell could: triggers dropped first, and put back after
  /// unless `keepingTriggersDropped`, so that only the change itself is left to find.
  func tamper(_ sql: String, keepingTriggersDropped: Bool = false) throws {
    let queue = try DatabaseQueue(path: path)
    try queue.write { db in
      let triggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
      for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
        try db.execute(sql: "DROP TRIGGER \(trigger)")
      }
      try db.execute(sql: sql)
      if !keepingTriggersDropped {
        for trigger in triggers { try db.execute(sql: trigger) }
      }
    }
  }

  func verify() throws -> VerifyReport { try Ledger.open(at: path).verify() }
}
