import Foundation
import ZhaoshangKit

/// Why standard output could not be written, in a clerk's words.
struct OutputFailure: Sendable, Equatable {
  /// The `errno` of the failed write.
  let code: Int32

  /// The reader went away (`zhaoshang trips | head -1`): nothing is wrong, and nothing is said.
  var isClosedPipe: Bool { code == EPIPE }

  /// What to print on standard error, given what the command had recorded in the ledger by then.
  func message(recorded: Localized?) -> Localized {
    let cause: Localized
    switch code {
    case ENOSPC, EDQUOT:
      cause = Localized("磁盘已满", "the disk is full")
    case EIO:
      cause = Localized("设备读写出错", "the device reported an input/output error")
    case EBADF:
      cause = Localized("标准输出已关闭", "standard output is closed")
    default:
      cause = Localized("系统错误 \(code)", "system error \(code)")
    }
    let kept =
      recorded.map {
        Localized(
          "本命令对台账的写入已全部保存（\($0.zh)），不要重复执行；只是结果没有输出完整",
          "What the command recorded is kept in full (\($0.en)): do not run it again; only its report is incomplete")
      }
      ?? Localized(
        "本命令没有写入台账的内容（如有疑问，可用 zhaoshang history 查看）",
        "The command recorded nothing in the ledger (run `zhaoshang history` to see for yourself)")
    return Localized(
      "无法写出结果：\(cause.zh)。\(kept.zh)。请腾出磁盘空间或换一个输出位置后再查看结果",
      "could not write the output: \(cause.en). \(kept.en). Free some disk space or write the output elsewhere, then look again"
    )
  }
}
