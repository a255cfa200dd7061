import Foundation
import ZhaoshangKit

/// A progress bar on standard error for long imports: only past 10,000 rows, and only on a terminal.
///
/// Safe to share (`@unchecked Sendable`): the import's rows are read on the store's thread, which updates the bar,
/// while the command's thread finishes it; `lock` guards `drawn`, the only state that changes, and the line is
/// drawn while holding it, so the two never interleave.
final class ProgressBar: @unchecked Sendable {
  static let threshold = 10_000
  private let enabled: Bool
  private let language: Language
  private let lock = NSLock()
  private var drawn = false

  init(language: Language, enabled: Bool = isatty(STDERR_FILENO) == 1) {
    self.language = language
    self.enabled = enabled
  }

  func update(_ progress: CSVSheet.Progress) {
    guard enabled, progress.rows > Self.threshold, progress.totalBytes > 0 else { return }
    let fraction = min(1, Double(progress.bytesRead) / Double(progress.totalBytes))
    let width = 30
    let filled = Int(fraction * Double(width))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let rows = language.pick("\(progress.rows) 行", "\(progress.rows) rows")
    lock.withLock {
      Console.drawOnErrorStream("\r[\(bar)] \(Int(fraction * 100))%  \(rows)")
      drawn = true
    }
  }

  /// Ends the bar's line so what follows starts on a fresh one.
  func finish() {
    lock.withLock {
      guard drawn else { return }
      Console.drawOnErrorStream("\n")
      drawn = false
    }
  }
}
