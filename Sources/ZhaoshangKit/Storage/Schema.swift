import GRDB

/// The ledger's schema as named migrations: once shipped, a migration is never edited, only followed.
enum Schema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
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
        table.column("from_date", .text).check(sql: "from_date IS NULL OR date(from_date) IS from_date")
        table.column("to_date", .text).check(sql: "to_date IS NULL OR date(to_date) IS to_date")
        table.column("recorded_by", .text).notNull()
        table.column("recorded_at", .text).notNull()
        table.check(sql: "from_date IS NULL OR to_date IS NULL OR from_date <= to_date")
      }
      try db.create(table: "trip") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("head_id", .integer).notNull().indexed().references("head", onDelete: .restrict)
        table.column("start_date", .text).notNull().check(sql: "date(start_date) IS start_date")
        table.column("starts_afternoon", .boolean).notNull().defaults(to: false)
        table.column("end_date", .text).notNull().check(sql: "date(end_date) IS end_date")
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
    migrator.registerMigration("v2: trip indexes for large ledgers") { db in
      // trip_on_head_id (from v1's `.indexed()`) repeats the leading column of trip_by_head, which serves every
      // lookup by head, foreign key checks included; each index costs every inserted trip a B-tree insert.
      try db.execute(sql: "DROP INDEX IF EXISTS trip_on_head_id")
      // trip_by_start becomes a covering index for the check: the same leading column (so listing trips by
      // date is served as before) followed by everything the check reads, so a month's trips are counted from
      // the index alone instead of one table lookup per trip.
      try db.execute(sql: "DROP INDEX IF EXISTS trip_by_start")
      try db.execute(
        sql: """
          CREATE INDEX trip_by_dates ON trip(start_date, end_date, kind, void_reason, head_id, starts_afternoon,
            ends_morning)
          """)
      // The check reads a month's trips through trip_by_start, from CheckQuery.longTripDays before the month's
      // first day; the few longer trips that could still reach into the month are found through this partial
      // index, which holds only them, so a check never scans the years before its month.
      try db.execute(
        sql: """
          CREATE INDEX trip_long_by_start ON trip(start_date)
          WHERE julianday(end_date) - julianday(start_date) > \(CheckQuery.longTripDays)
          """)
    }
    return migrator
  }
}
