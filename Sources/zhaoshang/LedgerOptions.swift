import ArgumentParser
import Foundation
import ZhaoshangKit
import ZhaoshangPostgres

/// Where the ledger and the rules are, who is working, and in which language: shared by every command.
struct LedgerOptions: ParsableArguments {
  @Option(
    name: .long,
    help: .text(
      "台账数据库文件，或 PostgreSQL 地址 postgres://用户@主机:端口/数据库（默认：$ZHAOSHANG_DB，否则 ./zhaoshang.sqlite）",
      "The ledger database file, or a PostgreSQL address postgres://USER@HOST:PORT/DB (default: $ZHAOSHANG_DB, else ./zhaoshang.sqlite)."
    ))
  var db: String?

  @Option(
    name: .long,
    help: .text(
      "规则文件或规则文件夹（默认：$ZHAOSHANG_RULES，否则 ./rules）",
      "A rule file or a folder of them (default: $ZHAOSHANG_RULES, else ./rules)."))
  var rules: String?

  @Option(
    name: .long,
    help: .text(
      "显示语言：zh（中文）或 en（英文）；默认中文，LANG 以 en 开头时为英文",
      "Output language, zh or en (default: Chinese, English when LANG starts with en)."))
  var lang: Language?

  @Option(
    name: .long,
    help: .text(
      "操作人，随修改一并记录（默认：$ZHAOSHANG_ACTOR，否则为系统登录名，并在历史中标明）",
      "Who is making the change, recorded with it (default: $ZHAOSHANG_ACTOR, else the OS login, marked so in history)."
    ))
  var by: String?

  @Flag(name: .long, help: .text("显示所用的台账和规则文件", "Say which database and rule files are used."))
  var verbose = false

  var environment: [String: String] { ProcessInfo.processInfo.environment }

  var language: Language { lang ?? Language.fromEnvironment(environment) }

  /// The ledger named by `--db`, else `$ZHAOSHANG_DB`, else ./zhaoshang.sqlite: a SQLite file or a PostgreSQL
  /// database.
  var ledgerAddress: LedgerAddress {
    get throws(ZhaoshangError) { try LedgerAddress.choose(option: db, environment: environment) }
  }

  /// The SQLite ledger's file, for the work that is SQLite's by nature: `backup` and `restore` (and, through
  /// `openLedger`, `init` and `openStore` on a file). Every other command goes through `openStore`. On a PostgreSQL
  /// address `backup` and `restore` are sent to pg_dump and pg_restore here, before it is taken for a file name.
  var databasePath: String {
    get throws(ZhaoshangError) {
      switch try ledgerAddress {
      case .sqlite(let path): return path
      case .postgres(let address): throw PostgresLedger.backedUpWithItsOwnTools(address)
      }
    }
  }

  var rulesPath: String { rules ?? nonEmpty(environment["ZHAOSHANG_RULES"]) ?? "rules" }

  /// Opens the SQLite ledger (see `databasePath`): for `backup`, `init` and `openStore`; `readOnly` for commands
  /// that only read, so they work on a read-only file, folder or mount.
  func openLedger(create: Bool = false, readOnly: Bool = false) throws(ZhaoshangError) -> Ledger {
    let path = try databasePath
    if verbose { Console.note(language.pick("台账：", "database: ") + path) }
    let ledger = try Ledger.open(at: path, create: create, readOnly: readOnly)
    if let upgrade = ledger.upgrade { Console.note(Self.upgradeNote(upgrade, language: language)) }
    return ledger
  }

  /// Opens the ledger's store, whatever engine keeps it: a SQLite file through `SQLiteStore` (`readOnly` as in
  /// `openLedger`), a PostgreSQL database through `PostgresStore`, with a pool of up to `connections`.
  func openStore(readOnly: Bool = false, connections: Int = 2) throws(ZhaoshangError) -> any LedgerStore {
    switch try ledgerAddress {
    case .sqlite:
      return SQLiteStore(try openLedger(readOnly: readOnly))
    case .postgres(let address):
      if verbose { Console.note(language.pick("台账：", "database: ") + address.description) }
      let environment = environment
      return try AsyncWork.wait { () async throws(ZhaoshangError) in
        try await PostgresStore.open(address, environment: environment, connections: connections)
      }
    }
  }

  /// Runs `body` on the ledger's store (see `openStore`) and closes it after, whatever `body` did, so a
  /// PostgreSQL ledger's connections end with the command rather than when the server notices they are gone.
  func withStore<Value>(readOnly: Bool = false, _ body: (any LedgerStore) throws -> Value) throws -> Value {
    let store = try openStore(readOnly: readOnly)
    defer { Self.close(store) }
    return try body(store)
  }

  /// Closes the store's connections before the command goes on: a PostgreSQL pool's, or a SQLite file's (whose
  /// last reference may otherwise go only after the process has begun to exit, leaving -wal and -shm behind).
  static func close(_ store: any LedgerStore) {
    if let sqlite = store as? SQLiteStore { sqlite.ledger.close() }
    guard let postgres = store as? PostgresStore else { return }
    _ = try? AsyncWork.wait { () async throws(ZhaoshangError) in await postgres.close() }
  }

  /// Said on standard error, so reports stay clean: the upgrade and where the copy from before it is.
  static func upgradeNote(_ upgrade: SchemaUpgrade, language: Language) -> String {
    language.pick(
      "已将台账从结构版本 \(upgrade.from) 升级到 \(upgrade.to)；升级前的副本：\(upgrade.backup)",
      "upgraded the ledger from schema version \(upgrade.from) to \(upgrade.to); the copy from before: \(upgrade.backup)"
    )
  }

  func loadRules() throws(ZhaoshangError) -> RuleBook {
    let book = try RuleFileParser.loadBook(at: rulesPath)
    if verbose {
      for ruleSet in book.ruleSets {
        Console.note(
          language.pick("规则：", "rules: ")
            + "\(ruleSet.source.path) (effective_from \(ruleSet.effectiveFrom.iso), sha256 \(ruleSet.source.sha256.prefix(12)))"
        )
      }
    }
    return book
  }

  /// The office's clock from the rule files (`timezone`); the district's when there are no rule files here, so
  /// commands that only read the ledger (`history`) still work away from the rules.
  func officeClock() throws(ZhaoshangError) -> OfficeClock {
    guard FileManager.default.fileExists(atPath: rulesPath) else { return .district }
    return try loadRules().clock
  }

  /// Who, when, and the command line as typed (less the program's path), for the records and the audit trail.
  ///
  /// The stamp carries the office's clock for the ledger's messages; a rule file that cannot be read leaves the
  /// district's, since the commands that apply rules read them (and report their problems) on their own.
  func stamp() -> Stamp {
    var stamp = Stamp.now(
      by: by, command: CommandText.join(["zhaoshang"] + CommandLine.arguments.dropFirst().map { $0 }))
    stamp.clock = (try? officeClock()) ?? .district
    return stamp
  }

  private func nonEmpty(_ value: String?) -> String? {
    value.flatMap { $0.isEmpty ? nil : $0 }
  }
}
