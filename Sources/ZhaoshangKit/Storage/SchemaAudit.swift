import GRDB

/// Compares the ledger's file with what zhaoshang made: SQLite's own integrity check, and the schema (tables,
/// columns, constraints, indexes, triggers) against the one the ledger's migrations make on an empty database.
///
/// The expected schema is derived, never listed by hand: whatever migrations a release adds, the ledger is held
/// to the schema its own applied migrations produce.
enum SchemaAudit {
  /// Problems with the file itself, in a clerk's words: damage first, then each object added, missing or changed.
  /// Without `checkingIntegrity`, only the schema is compared: the caller runs SQLite's check elsewhere.
  static func problems(in db: Database, migrator: DatabaseMigrator, checkingIntegrity: Bool = true) throws
    -> [Localized]
  {
    var problems: [Localized] = []
    if checkingIntegrity, let damage = try integrity(of: db) { problems.append(damage) }
    problems += try schemaDifferences(in: db, migrator: migrator)
    return problems
  }

  /// SQLite's `integrity_check`: pages, indexes against their tables, constraints. Nil when it says ok.
  static func integrity(of db: Database) throws -> Localized? {
    let found: Int
    do {
      let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check")
      guard lines != ["ok"] else { return nil }
      found = lines.count
    } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
      found = 1
    }
    return Localized(
      "台账文件已损坏：SQLite 完整性检查发现 \(found) 处问题（数据页或索引与数据不符），报表的数字可能有误；请用 zhaoshang restore 备份文件 --force 恢复最近一份完好的备份，再补登其后的记录",
      "the ledger's file is damaged: SQLite's integrity check found \(found) \(found == 1 ? "problem" : "problems") (pages, or indexes that disagree with their rows), so reports may be wrong; restore the last good backup (`zhaoshang restore FILE --force`) and record again what came after it"
    )
  }

  /// An object of the schema as `sqlite_master` lists it.
  struct Object: Hashable {
    let type: String
    let name: String
  }

  /// Every table, index, trigger and view, with its SQL; SQLite's own (`sqlite_*`) left out, since SQLite makes
  /// them (autoindexes, statistics) as it pleases and they follow from the SQL compared.
  static func objects(in db: Database) throws -> [Object: String] {
    var objects: [Object: String] = [:]
    let rows = try Row.fetchAll(
      db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    for row in rows {
      objects[Object(type: row[0], name: row[1])] = normalized(row[2] ?? "")
    }
    return objects
  }

  /// The SQL as compared: lower case, identifiers unquoted, spacing collapsed, so that the same definition
  /// written by another version of the database library (which may quote or space it differently) still agrees,
  /// while a removed CHECK, column or clause does not.
  static func normalized(_ sql: String) -> String {
    var text = ""
    var pendingSpace = false
    for character in sql.lowercased() where character != "\"" && character != "`" {
      if character.isWhitespace {
        pendingSpace = true
        continue
      }
      let punctuation: Set<Character> = ["(", ")", ",", ";", "="]
      if pendingSpace && !text.isEmpty && !punctuation.contains(character)
        && !(text.last.map { punctuation.contains($0) } ?? false)
      {
        text.append(" ")
      }
      pendingSpace = false
      text.append(character)
    }
    return text
  }

  /// The schema the ledger's applied migrations make, compared with the one it has.
  static func schemaDifferences(in db: Database, migrator: DatabaseMigrator) throws -> [Localized] {
    let applied = try migrator.completedMigrations(db)
    guard let last = applied.last else { return [] }
    let empty = try DatabaseQueue()
    try migrator.migrate(empty, upTo: last)
    let expected = try empty.read { try objects(in: $0) }
    let actual = try objects(in: db)
    var problems: [Localized] = []
    for object in expected.keys.sorted(by: order) {
      guard let sql = actual[object] else {
        problems.append(
          Localized(
            "zhaoshang 建立的\(kind(object.type).zh) \(object.name) 不见了：被删除",
            "the \(kind(object.type).en) \(object.name) that zhaoshang made is missing: it was dropped"))
        continue
      }
      if sql != expected[object] {
        problems.append(
          Localized(
            "\(kind(object.type).zh) \(object.name) 与 zhaoshang 建立时不同（列、约束或定义被改动）",
            "the \(kind(object.type).en) \(object.name) differs from what zhaoshang made (a column, a constraint or its definition was changed)"
          ))
      }
    }
    for object in actual.keys.sorted(by: order) where expected[object] == nil {
      problems.append(
        Localized(
          "\(kind(object.type).zh) \(object.name) 不是 zhaoshang 建立的：被添加",
          "the \(kind(object.type).en) \(object.name) was not made by zhaoshang: it was added"))
    }
    return problems
  }

  private static func order(_ one: Object, _ other: Object) -> Bool {
    (one.type, one.name) < (other.type, other.name)
  }

  private static func kind(_ type: String) -> (zh: String, en: String) {
    switch type {
    case "table": return ("数据表", "table")
    case "index": return ("索引", "index")
    case "trigger": return ("触发器", "trigger")
    case "view": return ("视图", "view")
    default: return ("对象", type)
    }
  }
}
