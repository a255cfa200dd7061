/// What `verify` found: the chain's first broken link, if any, and every row that disagrees with the events.
public struct VerifyReport: Sendable, Equatable {
  public var events: Int = 0
  public var rowsChecked: Int = 0
  public var brokenLink: Localized?
  public var disagreements: [Localized] = []
  /// The file's damage and the schema's differences from what the migrations made: triggers or indexes dropped,
  /// constraints removed, tables added.
  public var damage: [Localized] = []
  /// The newest event's hash: written down outside the ledger (in the bulletin's file, on paper), it lets a later
  /// `verify` prove that no event up to it was rewritten, even with every later hash recomputed.
  public var lastHash: String?

  public var isClean: Bool { brokenLink == nil && disagreements.isEmpty && damage.isEmpty }

  /// The broken link, if any, every disagreeing row, and every change to the file or its schema.
  public var problemCount: Int { disagreements.count + damage.count + (brokenLink == nil ? 0 : 1) }

  public func text(_ language: Language) -> String {
    var lines: [String] = damage.map { language.pick("台账文件：", "the file: ") + $0.text(language) }
    if let brokenLink { lines.append(language.pick("审计链断裂：", "broken chain: ") + brokenLink.text(language)) }
    lines += disagreements.map { language.pick("不一致：", "disagrees: ") + $0.text(language) }
    if isClean, let lastHash {
      lines.append(
        language.pick(
          "最后一条审计记录（第 \(events) 条）的哈希：\(lastHash)", "hash of the last event (\(events)): \(lastHash)"))
    }
    lines.append(
      isClean
        ? language.pick(
          "审计通过：\(events) 条审计记录环环相扣，\(rowsChecked) 行数据与记录一致。",
          "verified: \(events) events chained, \(rowsChecked) rows agree with them.")
        : language.pick(
          "审计未通过：发现 \(problemCount) 处问题。",
          "verification failed: \(problemCount) \(problemCount == 1 ? "problem" : "problems")."))
    return lines.joined(separator: "\n") + "\n"
  }
}
