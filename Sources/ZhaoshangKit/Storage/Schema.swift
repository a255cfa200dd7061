import GRDB

/// The ledger's schema as named migrations: once shipped, a migration is never edited, only followed.
enum Schema {
  /// The migration that made `trip_month_tally`: a ledger upgraded through it has its tallies counted afterwards.
  static let talliesMigration = "v10: trips tallied by head and month"

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
    migrator.registerMigration("v3: explanations, closed months and amendments") { db in
      // A month as `2022-07`: the form every table keys months by.
      let monthCheck = "GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(%@, 6, 2) BETWEEN '01' AND '12'"
      func isMonth(_ column: String) -> String {
        "\(column) " + monthCheck.replacingOccurrences(of: "%@", with: column)
      }
      func isSHA256(_ column: String) -> String {
        "length(\(column)) = 64 AND NOT \(column) GLOB '*[^0-9a-f]*'"
      }
      // One explanation per unit and month, never changed: the date that decides lateness must not move.
      try db.create(table: "explanation") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("unit", .text).notNull().check { length($0) > 0 }
        table.column("month", .text).notNull().check(sql: isMonth("month"))
        table.column("received_date", .text).notNull().check(sql: "date(received_date, '+0 days') IS received_date")
        table.column("note", .text).notNull().defaults(to: "")
        table.column("document_path", .text).check { length($0) > 0 }
        table.column("document_sha256", .text).check(sql: "document_sha256 IS NULL OR (\(isSHA256("document_sha256")))")
        table.column("recorded_by", .text).notNull()
        table.column("recorded_at", .text).notNull()
        table.check(sql: "(document_path IS NULL) = (document_sha256 IS NULL)")
        table.uniqueKey(["unit", "month"])
      }
      // A close is never deleted: reopening stamps the row, and closing again adds a new one, so the history of
      // what was published stays. At most one close per month is in force.
      try db.create(table: "closed_month") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("month", .text).notNull().check(sql: isMonth("month"))
        table.column("check_json", .text).notNull().check(sql: "json_valid(check_json)")
        table.column("bulletin_json", .text).notNull().check(sql: "json_valid(bulletin_json)")
        table.column("rules_path", .text).notNull().check { length($0) > 0 }
        table.column("rules_sha256", .text).notNull().check(sql: isSHA256("rules_sha256"))
        table.column("forced", .boolean).notNull().defaults(to: false)
        table.column("closed_by", .text).notNull()
        table.column("closed_at", .text).notNull()
        table.column("reopened_by", .text)
        table.column("reopened_at", .text)
        table.column("reopen_reason", .text).check { length($0) > 0 }
        table.check(
          sql:
            "(reopened_at IS NULL) = (reopened_by IS NULL) AND (reopened_at IS NULL) = (reopen_reason IS NULL)")
      }
      try db.execute(
        sql: "CREATE UNIQUE INDEX closed_month_in_force ON closed_month(month) WHERE reopened_at IS NULL")
      // Every change made to a closed month, under the close it was made to.
      try db.create(table: "amendment") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("closed_month_id", .integer).notNull().indexed()
          .references("closed_month", onDelete: .restrict)
        table.column("month", .text).notNull().check(sql: isMonth("month"))
        table.column("command", .text).notNull().check { length($0) > 0 }
        table.column("reason", .text).notNull().check { length($0) > 0 }
        table.column("recorded_by", .text).notNull()
        table.column("recorded_at", .text).notNull()
      }
      try db.execute(
        sql: """
          CREATE TRIGGER explanation_never_deleted BEFORE DELETE ON explanation
          BEGIN SELECT RAISE(ABORT, 'explanations are never deleted'); END;
          CREATE TRIGGER explanation_never_changed BEFORE UPDATE ON explanation
          BEGIN SELECT RAISE(ABORT, 'a recorded explanation cannot change'); END;
          CREATE TRIGGER closed_month_never_deleted BEFORE DELETE ON closed_month
          BEGIN SELECT RAISE(ABORT, 'closed months are never deleted: reopen them instead'); END;
          CREATE TRIGGER closed_month_frozen BEFORE UPDATE ON closed_month
          WHEN OLD.reopened_at IS NOT NULL OR NEW.reopened_at IS NULL
            OR NEW.id IS NOT OLD.id OR NEW.month IS NOT OLD.month
            OR NEW.check_json IS NOT OLD.check_json OR NEW.bulletin_json IS NOT OLD.bulletin_json
            OR NEW.rules_path IS NOT OLD.rules_path OR NEW.rules_sha256 IS NOT OLD.rules_sha256
            OR NEW.forced IS NOT OLD.forced OR NEW.closed_by IS NOT OLD.closed_by OR NEW.closed_at IS NOT OLD.closed_at
          BEGIN SELECT RAISE(ABORT, 'a frozen month can only be reopened, once'); END;
          CREATE TRIGGER amendment_names_its_month BEFORE INSERT ON amendment
          WHEN NEW.month IS NOT (SELECT month FROM closed_month WHERE id = NEW.closed_month_id)
          BEGIN SELECT RAISE(ABORT, 'an amendment must name the month of its close'); END;
          CREATE TRIGGER amendment_never_deleted BEFORE DELETE ON amendment
          BEGIN SELECT RAISE(ABORT, 'amendments are never deleted'); END;
          CREATE TRIGGER amendment_never_changed BEFORE UPDATE ON amendment
          BEGIN SELECT RAISE(ABORT, 'a recorded amendment cannot change'); END;
          """)
    }
    migrator.registerMigration("v4: audit trail") { db in
      // Each event stores the hash of the one before and of its own content: changing, removing or slipping in
      // an event breaks the chain, and `verify` recomputes it.
      try db.create(table: "event") { table in
        table.primaryKey("id", .integer)
        table.column("at", .text).notNull()
        table.column("by", .text).notNull()
        table.column("command", .text).notNull()
        table.column("action", .text).notNull()
          // Written out, not built from AuditAction: a migration must create the same table whatever later
          // versions add (a new action comes with a migration of its own).
          .check(
            sql: """
              action IN ('posts.add', 'post.end', 'trips.add', 'trip.void', 'leave.add', 'explanation.add', \
              'month.close', 'month.reopen', 'amendment', 'adopt')
              """)
        table.column("unit", .text)
        table.column("name", .text)
        table.column("trip_id", .integer)
        table.column("first_month", .text)
        table.column("last_month", .text)
        table.column("payload", .text).notNull().check(sql: "json_valid(payload)")
        table.column("prev_hash", .text).notNull().check(sql: "length(prev_hash) = 64")
        table.column("hash", .text).notNull().unique().check(sql: "length(hash) = 64")
      }
      try db.create(index: "event_by_head", on: "event", columns: ["unit", "name"])
      try db.create(index: "event_by_trip", on: "event", columns: ["trip_id"])
      try db.execute(
        sql: """
          CREATE TRIGGER event_never_changed BEFORE UPDATE ON event
          BEGIN SELECT RAISE(ABORT, 'audit events are never changed'); END;
          CREATE TRIGGER event_never_deleted BEFORE DELETE ON event
          BEGIN SELECT RAISE(ABORT, 'audit events are never deleted'); END;
          """)
      try AuditTrail.adoptExistingRows(db: db)
    }
    migrator.registerMigration("v5: indexes for the monthly check") { db in
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
      // The check reads a month's trips from trip_by_dates starting 14 days before the month's first day
      // (`CheckQuery.longTripDays`, which must stay equal to the 14 written here); the few longer trips that
      // could still reach into the month are found through this partial index, which holds only them, so a
      // check never scans the years before its month. Written as a literal: a shipped migration never changes.
      try db.execute(
        sql: """
          CREATE INDEX trip_long_by_start ON trip(start_date)
          WHERE julianday(end_date) - julianday(start_date) > 14
          """)
    }
    migrator.registerMigration("v6: accounts, sessions and the review of trips") { db in
      try db.create(table: "account") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("login", .text).notNull().unique().check { length($0) > 0 }
        table.column("role", .text).notNull().check(sql: "role IN ('office', 'unit', 'viewer')")
        // A unit's account belongs to exactly one unit; the office's and viewers' accounts to none.
        table.column("unit", .text).check { length($0) > 0 }
        table.column("password_hash", .text).notNull().check { length($0) > 0 }
        table.column("disabled", .boolean).notNull().defaults(to: false)
        // Wrong passwords in a row, and the time (ISO 8601, UTC) until which the login is refused; not audited:
        // every failed login changes them.
        table.column("failed_attempts", .integer).notNull().defaults(to: 0).check { $0 >= 0 }
        table.column("locked_until", .text)
        table.column("created_by", .text).notNull()
        table.column("created_at", .text).notNull()
        table.check(sql: "(role = 'unit') = (unit IS NOT NULL)")
      }
      // Only the SHA-256 of a token is kept: the token itself is shown once, when made.
      try db.create(table: "api_token") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("account_id", .integer).notNull().indexed().references("account", onDelete: .restrict)
        table.column("token_sha256", .text).notNull().unique()
          .check(sql: "length(token_sha256) = 64 AND NOT token_sha256 GLOB '*[^0-9a-f]*'")
        table.column("created_by", .text).notNull()
        table.column("created_at", .text).notNull()
        table.column("revoked_by", .text)
        table.column("revoked_at", .text)
        table.check(sql: "(revoked_by IS NULL) = (revoked_at IS NULL)")
      }
      // Browser sessions live in the ledger, so restarting the server logs nobody out. The id is the SHA-256 of
      // the cookie's value: a copy of the ledger does not hand out live sessions.
      try db.create(table: "session") { table in
        table.primaryKey("id", .text).check(sql: "length(id) = 64")
        table.column("account_id", .integer).notNull().indexed().references("account", onDelete: .restrict)
        table.column("csrf_token", .text).notNull().check { length($0) >= 32 }
        table.column("created_at", .text).notNull()
        table.column("expires_at", .text).notNull()
      }
      // A trip's review is the list of its status changes, appended and never altered; a trip without any was
      // entered by the office and counts as approved. The trip row itself stays as it was, so the triggers that
      // keep trips unchanged keep guarding it.
      try db.create(table: "trip_review") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("trip_id", .integer).notNull().references("trip", onDelete: .restrict)
        table.column("status", .text).notNull()
          .check(sql: "status IN ('submitted', 'approved', 'returned', 'withdrawn')")
        table.column("reason", .text).check { length($0) > 0 }
        table.column("by_login", .text).notNull().check { length($0) > 0 }
        table.column("by_role", .text).notNull().check(sql: "by_role IN ('office', 'unit', 'viewer')")
        table.column("by_unit", .text)
        table.column("at", .text).notNull()
        table.check(sql: "status <> 'returned' OR reason IS NOT NULL")
      }
      try db.create(index: "trip_review_by_trip", on: "trip_review", columns: ["trip_id", "id"])
      try db.execute(
        sql: """
          CREATE TRIGGER account_never_deleted BEFORE DELETE ON account
          BEGIN SELECT RAISE(ABORT, 'accounts are never deleted: disable them instead'); END;
          CREATE TRIGGER account_identity_fixed BEFORE UPDATE ON account
          WHEN NEW.id IS NOT OLD.id OR NEW.login IS NOT OLD.login OR NEW.role IS NOT OLD.role
            OR NEW.unit IS NOT OLD.unit OR NEW.created_by IS NOT OLD.created_by OR NEW.created_at IS NOT OLD.created_at
          BEGIN SELECT RAISE(ABORT, 'an account''s login, role and unit never change'); END;
          CREATE TRIGGER api_token_never_deleted BEFORE DELETE ON api_token
          BEGIN SELECT RAISE(ABORT, 'tokens are never deleted: revoke them instead'); END;
          CREATE TRIGGER api_token_revocation_only BEFORE UPDATE ON api_token
          WHEN OLD.revoked_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.account_id IS NOT OLD.account_id
            OR NEW.token_sha256 IS NOT OLD.token_sha256 OR NEW.created_by IS NOT OLD.created_by
            OR NEW.created_at IS NOT OLD.created_at
          BEGIN SELECT RAISE(ABORT, 'a token can only be revoked, once'); END;
          CREATE TRIGGER trip_review_never_deleted BEFORE DELETE ON trip_review
          BEGIN SELECT RAISE(ABORT, 'review steps are never deleted'); END;
          CREATE TRIGGER trip_review_never_changed BEFORE UPDATE ON trip_review
          BEGIN SELECT RAISE(ABORT, 'a review step cannot change'); END;
          CREATE TRIGGER trip_review_follows_its_trip BEFORE INSERT ON trip_review
          WHEN (SELECT void_reason FROM trip WHERE id = NEW.trip_id) IS NOT NULL
            OR CASE NEW.status
              WHEN 'submitted' THEN coalesce(
                (SELECT status FROM trip_review WHERE trip_id = NEW.trip_id ORDER BY id DESC LIMIT 1), 'new')
                NOT IN ('new', 'returned')
              WHEN 'withdrawn' THEN coalesce(
                (SELECT status FROM trip_review WHERE trip_id = NEW.trip_id ORDER BY id DESC LIMIT 1), 'approved')
                NOT IN ('submitted', 'returned')
              ELSE coalesce(
                (SELECT status FROM trip_review WHERE trip_id = NEW.trip_id ORDER BY id DESC LIMIT 1), 'approved')
                IS NOT 'submitted'
            END
          BEGIN SELECT RAISE(ABORT, 'this review step does not follow from the trip''s status'); END;
          """)
      // The audit trail's table is rebuilt to admit the new actions: SQLite cannot change a CHECK in place. Its
      // rows are copied as they are, hashes included, so the chain verifies as before; DROP TABLE fires no
      // trigger, and the triggers are made again on the new table.
      try db.execute(
        sql: """
          CREATE TABLE event_rebuilt ("id" INTEGER PRIMARY KEY, "at" TEXT NOT NULL, "by" TEXT NOT NULL,
            "command" TEXT NOT NULL,
            "action" TEXT NOT NULL CHECK (action IN ('posts.add', 'post.end', 'trips.add', 'trip.void', 'leave.add',
              'explanation.add', 'month.close', 'month.reopen', 'amendment', 'adopt', 'account.add',
              'account.disable', 'account.password', 'token.add', 'token.revoke', 'review.submit', 'review.approve',
              'review.return', 'review.withdraw')),
            "unit" TEXT, "name" TEXT, "trip_id" INTEGER, "first_month" TEXT, "last_month" TEXT,
            "payload" TEXT NOT NULL CHECK (json_valid(payload)),
            "prev_hash" TEXT NOT NULL CHECK (length(prev_hash) = 64),
            "hash" TEXT NOT NULL UNIQUE CHECK (length(hash) = 64));
          INSERT INTO event_rebuilt SELECT id, at, by, command, action, unit, name, trip_id, first_month, last_month,
            payload, prev_hash, hash FROM event;
          DROP TABLE event;
          ALTER TABLE event_rebuilt RENAME TO event;
          CREATE INDEX "event_by_head" ON "event"("unit", "name");
          CREATE INDEX "event_by_trip" ON "event"("trip_id");
          CREATE TRIGGER event_never_changed BEFORE UPDATE ON event
          BEGIN SELECT RAISE(ABORT, 'audit events are never changed'); END;
          CREATE TRIGGER event_never_deleted BEFORE DELETE ON event
          BEGIN SELECT RAISE(ABORT, 'audit events are never deleted'); END;
          """)
    }
    migrator.registerMigration("v7: explanation documents") { db in
      // A document uploaded with an explanation is kept in the ledger itself, keyed by its SHA-256: a backup
      // carries it, `verify` re-hashes it, and the same file uploaded twice is stored once. The explanation row
      // (audited) names the hash, so a changed document no longer matches its row.
      try db.create(table: "document") { table in
        table.primaryKey("sha256", .text)
          .check(sql: "length(sha256) = 64 AND NOT sha256 GLOB '*[^0-9a-f]*'")
        table.column("media_type", .text).notNull()
          .check(
            sql: """
              media_type IN ('application/pdf', \
              'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/msword', \
              'image/jpeg', 'image/png')
              """)
        table.column("size", .integer).notNull().check { $0 > 0 }
        table.column("bytes", .blob).notNull()
        table.column("stored_by", .text).notNull()
        table.column("stored_at", .text).notNull()
        table.check(sql: "length(bytes) = size")
      }
      try db.execute(
        sql: """
          CREATE TRIGGER document_never_deleted BEFORE DELETE ON document
          BEGIN SELECT RAISE(ABORT, 'documents are never deleted'); END;
          CREATE TRIGGER document_never_changed BEFORE UPDATE ON document
          BEGIN SELECT RAISE(ABORT, 'a stored document cannot change'); END;
          """)
    }
    migrator.registerMigration("v8: month reports") { db in
      // A unit's declaration that its month is reported (报送): its trips are all in, or, with `none`, that its
      // heads did not go out at all (未外出). One per unit and month, never changed: until a unit reports, a
      // shortfall is shown as 未报送, not 未达标, so the day it reported must not move.
      try db.create(table: "month_report") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("unit", .text).notNull().check { length($0) > 0 }
        table.column("month", .text).notNull()
          .check(sql: "month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(month, 6, 2) BETWEEN '01' AND '12'")
        table.column("nothing_to_report", .boolean).notNull().defaults(to: false)
          .check(sql: "nothing_to_report IN (0, 1)")
        table.column("recorded_by", .text).notNull().check { length($0) > 0 }
        table.column("recorded_at", .text).notNull().check { length($0) > 0 }
        table.uniqueKey(["unit", "month"])
      }
      try db.create(index: "month_report_by_month", on: "month_report", columns: ["month", "unit"])
      try db.execute(
        sql: """
          CREATE TRIGGER month_report_never_deleted BEFORE DELETE ON month_report
          BEGIN SELECT RAISE(ABORT, 'month reports are never deleted'); END;
          CREATE TRIGGER month_report_never_changed BEFORE UPDATE ON month_report
          BEGIN SELECT RAISE(ABORT, 'a recorded month report cannot change'); END;
          """)
      // The audit trail's table is rebuilt, as v6 did, to admit the new action; rows are copied as they are.
      try db.execute(
        sql: """
          CREATE TABLE event_rebuilt ("id" INTEGER PRIMARY KEY, "at" TEXT NOT NULL, "by" TEXT NOT NULL,
            "command" TEXT NOT NULL,
            "action" TEXT NOT NULL CHECK (action IN ('posts.add', 'post.end', 'trips.add', 'trip.void', 'leave.add',
              'explanation.add', 'month.close', 'month.reopen', 'amendment', 'adopt', 'account.add',
              'account.disable', 'account.password', 'token.add', 'token.revoke', 'review.submit', 'review.approve',
              'review.return', 'review.withdraw', 'month.report')),
            "unit" TEXT, "name" TEXT, "trip_id" INTEGER, "first_month" TEXT, "last_month" TEXT,
            "payload" TEXT NOT NULL CHECK (json_valid(payload)),
            "prev_hash" TEXT NOT NULL CHECK (length(prev_hash) = 64),
            "hash" TEXT NOT NULL UNIQUE CHECK (length(hash) = 64));
          INSERT INTO event_rebuilt SELECT id, at, by, command, action, unit, name, trip_id, first_month, last_month,
            payload, prev_hash, hash FROM event;
          DROP TABLE event;
          ALTER TABLE event_rebuilt RENAME TO event;
          CREATE INDEX "event_by_head" ON "event"("unit", "name");
          CREATE INDEX "event_by_trip" ON "event"("trip_id");
          CREATE TRIGGER event_never_changed BEFORE UPDATE ON event
          BEGIN SELECT RAISE(ABORT, 'audit events are never changed'); END;
          CREATE TRIGGER event_never_deleted BEFORE DELETE ON event
          BEGIN SELECT RAISE(ABORT, 'audit events are never deleted'); END;
          """)
    }
    migrator.registerMigration("v9: undoing a void") { db in
      // A voided trip stays final (trip_void_is_final): undoing a mistaken void writes a new trip, a copy of the
      // voided one, and a row here joining the two with who undid it and why. Nothing is changed or deleted, so
      // the trail of the void and of its undoing both stay, and every query that counts trips counts the copy
      // like any other trip. A voided trip is restored at most once; the copy can be voided again, and restored.
      try db.create(table: "trip_restoration") { table in
        table.autoIncrementedPrimaryKey("id")
        table.column("voided_trip_id", .integer).notNull().unique().references("trip", onDelete: .restrict)
        table.column("restored_trip_id", .integer).notNull().unique().references("trip", onDelete: .restrict)
        table.column("reason", .text).notNull().check { length($0) > 0 }
        table.column("recorded_by", .text).notNull()
        table.column("recorded_at", .text).notNull()
        table.check(sql: "voided_trip_id <> restored_trip_id")
      }
      try db.execute(
        sql: """
          CREATE TRIGGER trip_restoration_never_deleted BEFORE DELETE ON trip_restoration
          BEGIN SELECT RAISE(ABORT, 'restorations are never deleted: void the restored trip instead'); END;
          CREATE TRIGGER trip_restoration_never_changed BEFORE UPDATE ON trip_restoration
          BEGIN SELECT RAISE(ABORT, 'a recorded restoration cannot change'); END;
          CREATE TRIGGER trip_restoration_follows_a_void BEFORE INSERT ON trip_restoration
          WHEN (SELECT void_reason FROM trip WHERE id = NEW.voided_trip_id) IS NULL
            OR (SELECT void_reason FROM trip WHERE id = NEW.restored_trip_id) IS NOT NULL
          BEGIN SELECT RAISE(ABORT, 'only a voided trip is restored, by a trip that counts'); END;
          """)
      // The audit trail's table is rebuilt, as in v6, to admit 'trip.unvoid'; rows and hashes are copied as they
      // are. Written out whole, so this migration makes the same table whatever later versions add.
      try db.execute(
        sql: """
          CREATE TABLE event_rebuilt ("id" INTEGER PRIMARY KEY, "at" TEXT NOT NULL, "by" TEXT NOT NULL,
            "command" TEXT NOT NULL,
            "action" TEXT NOT NULL CHECK (action IN ('posts.add', 'post.end', 'trips.add', 'trip.void', 'leave.add',
              'explanation.add', 'month.close', 'month.reopen', 'amendment', 'adopt', 'account.add',
              'account.disable', 'account.password', 'token.add', 'token.revoke', 'review.submit', 'review.approve',
              'review.return', 'review.withdraw', 'month.report', 'trip.unvoid')),
            "unit" TEXT, "name" TEXT, "trip_id" INTEGER, "first_month" TEXT, "last_month" TEXT,
            "payload" TEXT NOT NULL CHECK (json_valid(payload)),
            "prev_hash" TEXT NOT NULL CHECK (length(prev_hash) = 64),
            "hash" TEXT NOT NULL UNIQUE CHECK (length(hash) = 64));
          INSERT INTO event_rebuilt SELECT id, at, by, command, action, unit, name, trip_id, first_month, last_month,
            payload, prev_hash, hash FROM event;
          DROP TABLE event;
          ALTER TABLE event_rebuilt RENAME TO event;
          CREATE INDEX "event_by_head" ON "event"("unit", "name");
          CREATE INDEX "event_by_trip" ON "event"("trip_id");
          CREATE TRIGGER event_never_changed BEFORE UPDATE ON event
          BEGIN SELECT RAISE(ABORT, 'audit events are never changed'); END;
          CREATE TRIGGER event_never_deleted BEFORE DELETE ON event
          BEGIN SELECT RAISE(ABORT, 'audit events are never deleted'); END;
          """)
    }
    migrator.registerMigration(talliesMigration) { db in
      // What each head's trips of one kind make of one month (`MonthTally`): the halves covered by counted trips and
      // by trips waiting for review, as 64-bit sets (bit 63 never set, so never negative), and how many counted
      // trips end in it. Derived from the trips, kept in every write's transaction, and outside the audit trail:
      // `verify` recomputes it from the trips. Rows saying nothing are not kept. An upgraded ledger's rows are
      // written by the store right after this migration, not by it.
      try db.execute(
        sql: """
          CREATE TABLE trip_month_tally (
            month TEXT NOT NULL
              CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]' AND substr(month, 6, 2) BETWEEN '01' AND '12'),
            head_id INTEGER NOT NULL REFERENCES head(id) ON DELETE RESTRICT,
            kind TEXT NOT NULL CHECK (length(kind) > 0),
            counted_halves INTEGER NOT NULL DEFAULT 0 CHECK (counted_halves >= 0),
            pending_halves INTEGER NOT NULL DEFAULT 0 CHECK (pending_halves >= 0),
            counted_trips_ending INTEGER NOT NULL DEFAULT 0 CHECK (counted_trips_ending >= 0),
            PRIMARY KEY (month, kind, head_id)
          ) WITHOUT ROWID
          """)
    }
    return migrator
  }
}
