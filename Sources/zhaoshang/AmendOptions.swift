import ArgumentParser
import ZhaoshangKit

/// `--amend --reason TEXT`: leave to change what counts in a closed month, recorded with who, when and why.
struct AmendOptions: ParsableArguments {
  @Flag(
    help: .text("更正已封存的月份，须同时用 --reason 写明原因", "Change a closed month anyway, recording the amendment with --reason."))
  var amend = false

  @Option(help: .text("更正已封存月份的原因（与 --amend 同用）", "Why the closed month is amended (with --amend)."))
  var reason: String?

  func validate() throws {
    let language = CommandLineLanguage.guess()
    if amend && (reason?.trimmed.isEmpty ?? true) {
      throw ValidationError(
        language.pick(
          "--amend 须同时给出 --reason，写明为何更正已封存的月份，如 --amend --reason \"补登漏报的外出\"",
          "--amend needs --reason saying why the closed month is changed, e.g. --amend --reason \"trip reported late\"")
      )
    }
    if !amend && reason != nil {
      throw ValidationError(
        language.pick(
          "--reason 只与 --amend 一起使用；更正已封存的月份时请写 --amend --reason \"原因\"",
          "--reason goes with --amend only; to change a closed month write --amend --reason \"why\""))
    }
  }

  /// The amendment to pass to the ledger, or nil without --amend.
  func amendment(command: String) -> Amendment? {
    guard amend, let reason else { return nil }
    return Amendment(reason: reason.trimmed, command: command)
  }
}

/// `--amend` alone, for `void` and `unvoid`, whose `--reason` already says why.
struct AmendFlag: ParsableArguments {
  @Flag(
    help: .text(
      "仍然更改已封存月份的记录，以 --reason 作为更正原因记录",
      "Change a closed month's record anyway, recording the amendment with the --reason given."))
  var amend = false
}

/// What a command says after an amended write.
enum AmendmentReport {
  /// Names the closed months the write amended, found by the command's own stamp and command line; says so when
  /// none was touched. The stamp's time is to the second, so the command line tells apart two commands of one
  /// clerk within the same second.
  static func print(store: any LedgerStore, stamp: Stamp, command: String, clock: OfficeClock, language: Language)
    throws(ZhaoshangError)
  {
    let amendments = try AsyncWork.wait { () async throws(ZhaoshangError) in try await store.amendments(month: nil) }
    let written = amendments.filter { $0.at == stamp.at && $0.by == stamp.by && $0.command == command }
    guard !written.isEmpty else {
      Console.note(
        language.pick(
          "提示：这次修改没有涉及已封存的月份，--amend 未记录任何更正。",
          "note: this change touched no closed month, so --amend recorded nothing."))
      return
    }
    let months = written.map(\.month)
    Console.out(
      language.pick(
        "已记为对 \(months.map(\.chinese).joined(separator: "、")) 的更正（\(stamp.by)，\(clock.show(stamp.at))，原因：\(written[0].reason)）。",
        "recorded as an amendment of \(months.map(\.iso).joined(separator: ", ")) (\(stamp.by), \(clock.show(stamp.at)), reason: \(written[0].reason))."
      ))
  }
}

/// A command line as the amendment record shows it: arguments with spaces quoted.
enum CommandText {
  static func join(_ parts: [String?]) -> String {
    parts.compactMap { $0 }.map { part in
      part.contains(where: { $0 == " " || $0 == "\"" })
        ? "\"" + part.replacingOccurrences(of: "\"", with: "\\\"") + "\"" : part
    }.joined(separator: " ")
  }
}
