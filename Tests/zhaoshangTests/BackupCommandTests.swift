import Foundation
import Testing
import ZhaoshangKit

@Suite("zhaoshang backup and restore")
struct BackupCommandTests {
  /// The ledger of a released schema the library tests keep: 3 posts, 5 trips.
  static func schemaFixture(_ version: Int) -> URL {
    CLI.packageRoot.appendingPathComponent("Tests/ZhaoshangKitTests/Fixtures/schemas/schema-\(version).sqlite")
  }

  /// A folder whose ledger has one head and one trip.
  private func folderWithATrip() throws -> Workspace {
    let folder = try Workspace.oneUnit(minDays: 10)
    do {
      try folder.succeed(["log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-04", "--destination", "上海"])
    } catch {
      folder.remove()
      throw error
    }
    return folder
  }

  @Test func aBackupRestoresOverTheLedgerOnlyWithForce() throws {
    // Given a ledger with one trip, backed up
    let folder = try folderWithATrip()
    defer { folder.remove() }
    let backup = try folder.run(["backup", "copy.sqlite"])
    #expect(backup.status == 0)
    #expect(
      backup.stdout
        == "backed up zhaoshang.sqlite to copy.sqlite: 1 posts, 1 trips, 0 leave records, 0 explanations, schema version \(SchemaVersion.current)\n"
    )
    // and a second trip logged since
    try folder.succeed(["log", "--unit", "朱坝街道", "--name", "王某", "--from", "2022-07-05", "--destination", "南京"])

    // When the backup is restored without --force
    let refused = try folder.run(["restore", "copy.sqlite"])

    // Then it is refused with 65, saying what the ledger holds, and both trips stay
    #expect(refused.status == 65)
    #expect(refused.stderr.hasPrefix("Error: the ledger zhaoshang.sqlite exists (it holds 1 posts, 2 trips,"))
    #expect(
      refused.stderr.contains(
        "restoring copy.sqlite (1 posts, 1 trips, 0 leave records, 0 explanations) would replace all of it"))
    #expect(refused.stderr.contains("pass --force"))
    #expect(try folder.trips().count == 2)

    // When it is restored with --force
    let restored = try folder.run(["restore", "copy.sqlite", "--force"])

    // Then the ledger is the backup again
    #expect(restored.status == 0)
    #expect(
      restored.stdout
        == "restored the ledger zhaoshang.sqlite from copy.sqlite: 1 posts, 1 trips, 0 leave records, 0 explanations\n")
    #expect(try folder.trips().map(\.destination) == ["上海"])
  }

  @Test func aBackupDoesNotOverwriteAFileWithoutForce() throws {
    // Given a ledger and a file already at the backup's name
    let folder = try folderWithATrip()
    defer { folder.remove() }
    try folder.write("copy.sqlite", "keep me")

    // When the ledger is backed up there, in English and in Chinese
    let english = try folder.run(["backup", "copy.sqlite"])
    let chinese = try folder.run(["backup", "copy.sqlite", "--lang", "zh"])

    // Then both are refused with 65 and the file is unchanged
    #expect(english.status == 65)
    #expect(
      english.stderr
        == "Error: copy.sqlite already exists and was left as it is; name another file, or pass --force to replace it\n"
    )
    #expect(chinese.status == 65)
    #expect(chinese.stderr == "错误：备份文件 copy.sqlite 已存在，未覆盖；请另选文件名，或加 --force 覆盖它\n")
    #expect(try folder.data("copy.sqlite") == Data("keep me".utf8))

    // When --force is given
    let forced = try folder.run(["backup", "copy.sqlite", "--force"])

    // Then the file is replaced by the copy
    #expect(forced.status == 0)
    #expect(forced.stdout.contains("1 trips"))
  }

  @Test func theRestoreRefusalIsInChineseWithLangZh() throws {
    // Given a ledger and a backup of it
    let folder = try folderWithATrip()
    defer { folder.remove() }
    try folder.succeed(["backup", "copy.sqlite"])

    // When the backup is restored without --force, in Chinese
    let result = try folder.run(["restore", "copy.sqlite", "--lang", "zh"])

    // Then the refusal is Chinese
    #expect(result.status == 65)
    #expect(result.stderr.hasPrefix("错误：台账 zhaoshang.sqlite 已存在（现有台账有 1 条任职记录、1 条外出记录、0 条请假记录、0 份情况说明，最后一次登记于 "))
    #expect(result.stderr.contains("如确要替换，请先用 zhaoshang backup 另存一份，再加 --force"))
  }

  @Test func somethingThatIsNoLedgerIsNotRestored() throws {
    // Given a ledger and a text file
    let folder = try folderWithATrip()
    defer { folder.remove() }
    try folder.write("notes.txt", "not a ledger\n")

    // When the text file, and a file that does not exist, are restored with --force
    let text = try folder.run(["restore", "notes.txt", "--force"])
    let missing = try folder.run(["restore", "nope.sqlite", "--force"])

    // Then both are refused with 65 and the ledger keeps its trip
    #expect(text.status == 65)
    #expect(
      text.stderr
        == "Error: notes.txt is not a zhaoshang ledger (it has no record of zhaoshang's schema); name a file written by `zhaoshang backup` or a ledger\n"
    )
    #expect(missing.status == 65)
    #expect(missing.stderr == "Error: there is no file nope.sqlite; check the path\n")
    #expect(try folder.trips().count == 1)
  }

  @Test func aLedgerOfAnOlderSchemaIsUpgradedBehindACopyAndSaysSo() throws {
    // Given a ledger made by the first release
    let folder = try Workspace.initialised()
    defer { folder.remove() }
    try folder.write("old.sqlite", try Data(contentsOf: Self.schemaFixture(1)))

    // When its trips are listed as JSON
    let result = try folder.run(["trips", "--db", "old.sqlite", "--format", "json"])

    // Then it is upgraded, a note on standard error names the copy from before, and the JSON is clean
    #expect(result.status == 0)
    #expect(result.stderr.hasPrefix("upgraded the ledger from schema version 1 to "))
    #expect(result.stderr.contains("; the copy from before: old.sqlite.before-v"))
    let copy = try #require(try folder.entries().first { $0.hasPrefix("old.sqlite.before-v") })
    #expect(copy.hasSuffix(".sqlite"))
    let trips = try JSONDecoder().decode([TripRow].self, from: Data(result.stdout.utf8))
    #expect(trips.count == 5)

    // When it is opened again
    let again = try folder.run(["trips", "--db", "old.sqlite", "--lang", "zh"])

    // Then there is nothing more to upgrade
    #expect(again.status == 0)
    #expect(again.stderr.isEmpty)
  }

  @Test func anOlderBackupIsRestoredThenUpgraded() throws {
    // Given a folder with no ledger and a backup made by the first release
    let folder = try Workspace()
    defer { folder.remove() }
    try folder.write("old.sqlite", try Data(contentsOf: Self.schemaFixture(1)))

    // When it is restored, in Chinese
    let result = try folder.run(["restore", "old.sqlite", "--lang", "zh"])

    // Then it is restored, and the upgrade is noted
    #expect(result.status == 0)
    #expect(result.stdout == "已用 old.sqlite 恢复台账 zhaoshang.sqlite：3 条任职记录、5 条外出记录、0 条请假记录、0 份情况说明\n")
    #expect(result.stderr.hasPrefix("已将台账从结构版本 1 升级到 "))
    #expect(result.stderr.contains("；升级前的副本：zhaoshang.sqlite.before-v"))
    #expect(try folder.trips().count == 5)
  }
}
