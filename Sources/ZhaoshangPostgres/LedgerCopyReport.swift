import ZhaoshangKit

/// What `zhaoshang copy` did: how many rows of each table it copied, and the last audit event's hash on each side.
public struct LedgerCopyReport: Sendable {
  /// A table's rows copied: the table, its rows' name in a sentence, and how many.
  public struct Count: Sendable, Equatable {
    public let table: String
    public let rowsName: Localized
    public let rows: Int
  }

  public let source: LedgerAddress
  public let target: LedgerAddress
  public let counts: [Count]
  public let sourceHash: String?
  public let targetHash: String?
  /// The upgrade made when a SQLite source of an older version was opened, with the copy kept from before.
  public let sourceUpgrade: SchemaUpgrade?

  /// How many rows of `table` were copied.
  public func rows(of table: String) -> Int { counts.first { $0.table == table }?.rows ?? 0 }

  /// The sentence a clerk reads: what was copied where, that both verify, and both last hashes.
  public var sentence: Localized {
    let copied = counts.filter { $0.rows > 0 }
    let zhCounts = copied.isEmpty ? "没有任何记录" : copied.map { "\($0.rowsName.zh) \($0.rows) 条" }.joined(separator: "、")
    let enCounts = copied.isEmpty ? "no rows" : copied.map { "\($0.rows) \($0.rowsName.en)" }.joined(separator: ", ")
    let zhSource = sourceHash ?? "（无审计记录）"
    let zhTarget = targetHash ?? "（无审计记录）"
    return Localized(
      "已将台账 \(source.shown) 复制到 \(target.shown)：\(zhCounts)；两边 zhaoshang verify 均通过，最后一条审计记录的哈希相同——来源 \(zhSource)，目标 \(zhTarget)",
      "copied the ledger \(source.shown) to \(target.shown): \(enCounts); zhaoshang verify passes on both, and the last audit event's hash is the same on each side: source \(sourceHash ?? "(no events)"), target \(targetHash ?? "(no events)")"
    )
  }
}
