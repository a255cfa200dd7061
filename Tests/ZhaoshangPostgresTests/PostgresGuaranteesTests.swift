import Testing
import ZhaoshangPostgres
import ZhaoshangTestSupport

@Suite("What the PostgreSQL schema refuses, as SQLite's does", needsPostgres)
struct PostgresGuaranteesTests {
  /// One row in every table (ids given, then the identity sequences moved past them): a head with a post, a trip, a voided trip and its restored copy, leave, an
  /// explanation, a closed month with an amendment, an event, an account with a token and a review step, a
  /// document and a month report.
  static let rows = """
    INSERT INTO head (id, unit, name) VALUES (1, '城关镇', '张三');
    INSERT INTO post (head_id, role, from_date, recorded_by, recorded_at) VALUES (1, '书记', '2022-01-01', 't', 't');
    INSERT INTO trip (id, head_id, start_date, end_date, kind, destination, recorded_by, recorded_at)
      VALUES (1, 1, '2022-07-01', '2022-07-02', '招商', '上海', 't', 't'),
             (3, 1, '2022-07-05', '2022-07-06', '招商', '上海', 't', 't');
    INSERT INTO trip (id, head_id, start_date, end_date, kind, destination, recorded_by, recorded_at, void_reason,
      voided_by, voided_at) VALUES (2, 1, '2022-07-05', '2022-07-06', '招商', '上海', 't', 't', '录错', 't', 't');
    INSERT INTO leave (head_id, from_date, to_date, reason, recorded_by, recorded_at)
      VALUES (1, '2022-07-10', '2022-07-11', '病假', 't', 't');
    INSERT INTO explanation (unit, month, received_date, recorded_by, recorded_at)
      VALUES ('城关镇', '2022-07', '2022-08-05', 't', 't');
    INSERT INTO closed_month (id, month, check_json, bulletin_json, rules_path, rules_sha256, closed_by, closed_at)
      VALUES (1, '2022-07', '{}', '{}', 'rules', repeat('a', 64), 't', 't');
    INSERT INTO amendment (closed_month_id, month, command, reason, recorded_by, recorded_at)
      VALUES (1, '2022-07', 'void', '更正', 't', 't');
    INSERT INTO event (at, by, command, action, payload, prev_hash, hash)
      VALUES ('t', 't', 'c', 'trips.add', '{}', repeat('0', 64), repeat('1', 64));
    INSERT INTO account (id, login, role, password_hash, created_by, created_at)
      VALUES (1, 'office', 'office', 'h', 't', 't');
    INSERT INTO api_token (account_id, token_sha256, created_by, created_at) VALUES (1, repeat('b', 64), 't', 't');
    INSERT INTO trip_review (trip_id, status, by_login, by_role, at) VALUES (1, 'submitted', 'u', 'unit', 't');
    INSERT INTO document (sha256, media_type, size, bytes, stored_by, stored_at)
      VALUES (repeat('c', 64), 'image/png', 3, '\\x010203', 't', 't');
    INSERT INTO month_report (unit, month, recorded_by, recorded_at) VALUES ('城关镇', '2022-07', 't', 't');
    INSERT INTO trip_restoration (voided_trip_id, restored_trip_id, reason, recorded_by, recorded_at)
      VALUES (2, 3, '撤销作废', 't', 't');
    SELECT setval(pg_get_serial_sequence(t, 'id'), 10) FROM unnest(ARRAY['head', 'trip', 'closed_month', 'account']) t;
    """

  static func seeded() async throws -> ThrowawayPostgres.Database {
    let database = try await ThrowawayPostgres.Database.initialized()
    try database.sql(rows)
    return database
  }

  /// Each change the triggers refuse, with the words of the refusal.
  static let refusedChanges: [(String, String)] = [
    ("DELETE FROM trip WHERE id = 1", "trips are never deleted"),
    ("UPDATE trip SET destination = '北京' WHERE id = 2", "a voided trip cannot change"),
    ("DELETE FROM post", "posts are never deleted"),
    ("DELETE FROM leave", "leave is never deleted"),
    ("UPDATE explanation SET note = 'x'", "a recorded explanation cannot change"),
    ("DELETE FROM explanation", "explanations are never deleted"),
    ("UPDATE closed_month SET month = '2022-08'", "a frozen month can only be reopened"),
    ("DELETE FROM closed_month", "closed months are never deleted"),
    ("UPDATE amendment SET reason = 'x'", "a recorded amendment cannot change"),
    ("DELETE FROM amendment", "amendments are never deleted"),
    ("UPDATE event SET by = 'x'", "audit events are never changed"),
    ("DELETE FROM event", "audit events are never deleted"),
    ("TRUNCATE event", "audit events are never deleted"),
    ("UPDATE account SET login = 'x'", "login, role and unit never change"),
    ("DELETE FROM account", "accounts are never deleted"),
    ("UPDATE api_token SET token_sha256 = repeat('d', 64)", "a token can only be revoked"),
    ("DELETE FROM api_token", "tokens are never deleted"),
    ("UPDATE trip_review SET status = 'approved'", "a review step cannot change"),
    ("DELETE FROM trip_review", "review steps are never deleted"),
    ("UPDATE document SET stored_by = 'x'", "a stored document cannot change"),
    ("DELETE FROM document", "documents are never deleted"),
    ("UPDATE month_report SET nothing_to_report = true", "a recorded month report cannot change"),
    ("DELETE FROM month_report", "month reports are never deleted"),
    ("UPDATE trip_restoration SET reason = 'x'", "a recorded restoration cannot change"),
    ("DELETE FROM trip_restoration", "restorations are never deleted"),
    ("TRUNCATE post", "posts are never deleted"),
  ]

  @Test func updatesAndDeletesOfAuditedRowsAreRefusedByTheTriggers() async throws {
    // Given a ledger with a row in every table
    let database = try await Self.seeded()

    for (statement, refusal) in Self.refusedChanges {
      // When the row is changed or deleted behind the tool's back, even by the superuser
      let error = #expect(throws: (any Error).self, "\(statement)") { try database.sql(statement) }

      // Then the trigger refuses it with its sentence
      #expect("\(error.map { "\($0)" } ?? "")".contains(refusal), "\(statement)")
    }
  }

  @Test func theChangesSQLiteAllowsAreAllowed() async throws {
    // Given a ledger with a row in every table
    let database = try await Self.seeded()

    // When a trip is voided, a month reopened, an account disabled and a token revoked
    try database.sql(
      """
      UPDATE trip SET void_reason = '重复', voided_by = 't', voided_at = 't' WHERE id = 1;
      UPDATE closed_month SET reopened_by = 't', reopened_at = 't', reopen_reason = '补录';
      UPDATE account SET disabled = true, failed_attempts = 3;
      UPDATE api_token SET revoked_by = 't', revoked_at = 't';
      """)

    // Then each took effect
    #expect(try database.sql("SELECT void_reason FROM trip WHERE id = 1") == "重复\n")
    #expect(try database.sql("SELECT count(*) FROM closed_month WHERE reopened_at IS NOT NULL") == "1\n")
  }

  /// Rows the constraints refuse: CHECKs, UNIQUE keys, foreign keys, dates and the review and amendment rules.
  static let refusedRows: [(String, String)] = [
    (
      "INSERT INTO trip (head_id, start_date, end_date, kind, destination, recorded_by, recorded_at) VALUES (1, '2022-07-03', '2022-07-01', '招商', '上海', 't', 't')",
      "check constraint"
    ),
    (
      "INSERT INTO trip (head_id, start_date, end_date, kind, destination, recorded_by, recorded_at) VALUES (1, '2022-02-30', '2022-03-01', '招商', '上海', 't', 't')",
      "out of range"
    ),
    (
      "INSERT INTO trip (head_id, start_date, end_date, kind, destination, recorded_by, recorded_at) VALUES (99, '2022-07-01', '2022-07-01', '招商', '上海', 't', 't')",
      "foreign key"
    ),
    (
      "INSERT INTO trip (head_id, start_date, end_date, kind, destination, companies, recorded_by, recorded_at) VALUES (1, '2022-07-01', '2022-07-01', '招商', '上海', '{}', 't', 't')",
      "check constraint"
    ),
    ("INSERT INTO head (unit, name) VALUES ('城关镇', '张三')", "duplicate key"),
    ("INSERT INTO head (unit, name) VALUES ('', '李四')", "check constraint"),
    (
      "INSERT INTO explanation (unit, month, received_date, recorded_by, recorded_at) VALUES ('城关镇', '2022-13', '2022-08-05', 't', 't')",
      "check constraint"
    ),
    (
      "INSERT INTO closed_month (month, check_json, bulletin_json, rules_path, rules_sha256, closed_by, closed_at) VALUES ('2022-07', '{}', '{}', 'rules', repeat('a', 64), 't', 't')",
      "duplicate key"
    ),
    (
      "INSERT INTO closed_month (month, check_json, bulletin_json, rules_path, rules_sha256, closed_by, closed_at) VALUES ('2022-08', '{}', '{}', 'rules', 'NOT-A-HASH', 't', 't')",
      "check constraint"
    ),
    (
      "INSERT INTO amendment (closed_month_id, month, command, reason, recorded_by, recorded_at) VALUES (1, '2022-06', 'void', 'x', 't', 't')",
      "an amendment must name the month of its close"
    ),
    (
      "INSERT INTO trip_review (trip_id, status, by_login, by_role, at) VALUES (1, 'submitted', 'u', 'unit', 't')",
      "this review step does not follow"
    ),
    (
      "INSERT INTO account (login, role, password_hash, created_by, created_at) VALUES ('unit-without-unit', 'unit', 'h', 't', 't')",
      "check constraint"
    ),
    (
      "INSERT INTO event (at, by, command, action, payload, prev_hash, hash) VALUES ('t', 't', 'c', 'trips.delete', '{}', repeat('0', 64), repeat('2', 64))",
      "event_action_check"
    ),
    (
      "INSERT INTO trip_restoration (voided_trip_id, restored_trip_id, reason, recorded_by, recorded_at) VALUES (1, 3, 'x', 't', 't')",
      "only a voided trip is restored"
    ),
  ]

  @Test func badRowsAreRefusedByChecksKeysAndRuleTriggers() async throws {
    // Given a ledger with a row in every table
    let database = try await Self.seeded()

    for (statement, refusal) in Self.refusedRows {
      // When a row breaking one rule is inserted
      let error = #expect(throws: (any Error).self, "\(statement)") { try database.sql(statement) }

      // Then PostgreSQL refuses it for that rule
      #expect("\(error.map { "\($0)" } ?? "")".contains(refusal), "\(statement)")
    }
  }
}
