import Foundation
import ZhaoshangKit

/// The guards of a PostgreSQL ledger's schema, as `verify` checks them: every trigger the migrations made (those
/// refusing UPDATE, DELETE and TRUNCATE, and those keeping review steps and amendments in order) is still there,
/// on its table, and enabled. A trigger dropped or disabled with psql lets rows change unrefused; `verify` names
/// it, as SQLite's `SchemaAudit` names a dropped trigger there.
enum PostgresSchemaAudit {
  /// Each trigger the migrations create, with its table, read from their statements: never listed by hand.
  static let expectedTriggers: [(name: String, table: String)] = {
    var found: [(name: String, table: String)] = []
    for statement in PostgresSchema.migrations.flatMap(\.statements) {
      let words = statement.split(whereSeparator: \.isWhitespace).map(String.init)
      guard words.count > 2, words[0] == "CREATE", words[1] == "TRIGGER", let on = words.firstIndex(of: "ON"),
        on + 1 < words.count
      else { continue }
      found.append((words[2], words[on + 1]))
    }
    return found
  }()

  /// A sentence for each expected trigger missing or disabled.
  static func problems(link: PostgresLink) async throws(ZhaoshangError) -> [Localized] {
    var present: [String: Bool] = [:]
    for row in try await link.rows(
      """
      SELECT c.relname::text || '.' || t.tgname::text, t.tgenabled::text <> 'D'
      FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT t.tgisinternal AND n.nspname = current_schema()
      """)
    {
      present[row[0] ?? ""] = row[1] == "1"
    }
    var problems: [Localized] = []
    for (name, table) in expectedTriggers {
      switch present["\(table).\(name)"] {
      case nil:
        problems.append(
          Localized(
            "zhaoshang 在数据表 \(table) 上建立的触发器 \(name) 不见了：被删除，该表的记录因此可能被改动或删除",
            "the trigger \(name) that zhaoshang made on the table \(table) is missing: it was dropped, so that table's rows could be changed or deleted"
          ))
      case false?:
        problems.append(
          Localized(
            "数据表 \(table) 上的触发器 \(name) 已被停用，该表的记录因此可能被改动或删除；请数据库管理员运行 ALTER TABLE \(table) ENABLE TRIGGER \(name)",
            "the trigger \(name) on the table \(table) was disabled, so that table's rows could be changed or deleted; ask the administrator to run ALTER TABLE \(table) ENABLE TRIGGER \(name)"
          ))
      default:
        break
      }
    }
    return problems
  }
}
