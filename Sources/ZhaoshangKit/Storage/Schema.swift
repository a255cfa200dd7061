import GRDB

/// The ledger's schema as named migrations: once shipped, a migration is never edited, only followed.
enum Schema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    // Dates are checked with date(x, '+0 days') IS x: SQLite's plain date(x) passes 2022-02-30 through unchanged.
    migrator.registerMigration("v1: heads, posts and trips") { db in
      try db.create(table: "head") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("unit", .text).notNull().check { length($0) > 0 }
        table.column("name", .text).notNull().check { length($0) > 0 }
        table.uniqueKey(["unit", "name"])
      }
      try db.create(table: "post") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("head_id", .integer).notNull().indexed().references("head", onDelete: .restrict)
        table.column("role", .text).notNull().check { length($0) > 0 }
        table.column("from_date", .text).check(sql: "from_date IS NULL OR date(from_date, '+0 days') IS from_date")
        table.column("to_date", .text).check(sql: "to_date IS NULL OR date(to_date, '+0 days') IS to_date")
        table.column("recorded_by", .text).notNull()
        table.column("recorded_at", .text).notNull()
        table.check(sql: "from_date IS NULL OR to_date IS NULL OR from_date <= to_date")
      }
      try db.create(table: "trip") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("head_id", .integer).notNull().indexed().references("head", onDelete: .restrict)
        table.column("start_date", .text).notNull().check(sql: "date(start_date, '+0 days') IS start_date")
        table.column("starts_afternoon", .boolean).notNull().defaults(to: false)
        table.column("end_date", .text).notNull().check(sql: "date(end_date, '+0 days') IS end_date")
        table.column("ends_morning", .boolean).notNull().defaults(to: false)
        table.column("kind", .text).notNull().check { length($0) > 0 }
        table.column("destination", .text).notNull().check { length($0) > 0 }
        table.column("purpose", .text).notNull().defaults(to: "")
        table.column("companies", .jsonText).notNull().defaults(to: "[]")
          .check(sql: "json_valid(companies) AND json_type(companies) = 'array'")
        table.column("recorded_by", .text).notNull()
        table.column("recorded_at", .text).notNull()
        table.column("void_reason", .text).check { length($0) > 0 }
        table.column("voided_by", .text)
        table.column("voided_at", .text)
        table.check(
          sql: "start_date < end_date OR (start_date = end_date AND NOT (starts_afternoon AND ends_morning))")
        table.check(sql: "(void_reason IS NULL) = (voided_at IS NULL) AND (void_reason IS NULL) = (voided_by IS NULL)")
      }
      try db.create(index: "trip_by_start", on: "trip", columns: ["start_date"])
      try db.create(index: "trip_by_head", on: "trip", columns: ["head_id", "start_date"])
      // Nothing is ever deleted: trips are voided, posts are ended.
      try db.execute(
        sql: """
          CREATE TRIGGER trip_never_deleted BEFORE DELETE ON trip
          BEGIN SELECT RAISE(ABORT, 'trips are never deleted: void them instead'); END;
          CREATE TRIGGER post_never_deleted BEFORE DELETE ON post
          BEGIN SELECT RAISE(ABORT, 'posts are never deleted: end them instead'); END;
          CREATE TRIGGER trip_void_is_final BEFORE UPDATE ON trip
          WHEN OLD.void_reason IS NOT NULL
          BEGIN SELECT RAISE(ABORT, 'a voided trip cannot change'); END;
          """)
    }
    migrator.registerMigration("v2: leave") { db in
      try db.create(table: "leave") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("head_id", .integer).notNull().indexed().references("head", onDelete: .restrict)
        table.column("from_date", .text).notNull().check(sql: "date(from_date, '+0 days') IS from_date")
        table.column("to_date", .text).notNull().check(sql: "date(to_date, '+0 days') IS to_date")
        table.column("reason", .text).notNull().check { length($0) > 0 }
        table.column("recorded_by", .text).notNull()
        table.column("recorded_at", .text).notNull()
        table.check(sql: "from_date <= to_date")
      }
      try db.execute(
        sql: """
          CREATE TRIGGER leave_never_deleted BEFORE DELETE ON leave
          BEGIN SELECT RAISE(ABORT, 'leave is never deleted'); END;
          """)
    }
    return migrator
  }
}
