/// What `verify` found: the chain's first broken link, if any, and every row that disagrees with the events.
public struct VerifyReport: Sendable, Equatable {
  public var events: Int = 0
  public var rowsChecked: Int = 0
  public var brokenLink: Localized?
  public var disagreements: [Localized] = []

  public var isClean: Bool { brokenLink == nil && disagreements.isEmpty }

  public func text(_ language: Language) -> String {
    var lines: [String] = []
    if let brokenLink { lines.append(language.pick("审计链断裂：", "broken chain: ") + brokenLink.text(language)) }
    lines += disagreements.map { language.pick("不一致：", "disagrees: ") + $0.text(language) }
    lines.append(
      isClean
        ? language.pick(
          "审计通过：\(events) 条审计记录环环相扣，\(rowsChecked) 行数据与记录一致。",
          "verified: \(events) events chained, \(rowsChecked) rows agree with them.")
        : language.pick(
          "审计未通过：发现 \(disagreements.count + (brokenLink == nil ? 0 : 1)) 处问题。",
          "verification failed: \(disagreements.count + (brokenLink == nil ? 0 : 1)) problems."))
    return lines.joined(separator: "\n") + "\n"
  }
}
