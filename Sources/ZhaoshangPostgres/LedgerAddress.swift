import ZhaoshangKit

/// Where the ledger is: a SQLite file, or a PostgreSQL database named by a `postgres://` address.
///
/// Decided once, from `--db` or else `$ZHAOSHANG_DB`, so every command reads the choice the same way.
public enum LedgerAddress: Sendable, Equatable {
  case sqlite(path: String)
  case postgres(PostgresAddress)

  /// The ledger a clerk meant: `option` (`--db`) when given, else `$ZHAOSHANG_DB`, else `zhaoshang.sqlite` here.
  public static func choose(option: String?, environment: [String: String]) throws(ZhaoshangError) -> LedgerAddress {
    let given = option ?? environment["ZHAOSHANG_DB"].flatMap { $0.isEmpty ? nil : $0 }
    return try LedgerAddress(parsing: given ?? "zhaoshang.sqlite")
  }

  /// `postgres://…` and `postgresql://…` name a PostgreSQL ledger; anything else is a SQLite file's path.
  public init(parsing text: String) throws(ZhaoshangError) {
    if PostgresAddress.isPostgresAddress(text) {
      self = .postgres(try PostgresAddress(parsing: text))
    } else {
      self = .sqlite(path: text)
    }
  }

  /// As the clerk wrote it, less nothing secret: an address with a password is refused before it gets here.
  public var shown: String {
    switch self {
    case .sqlite(let path): return path
    case .postgres(let address): return address.description
    }
  }
}
