import Foundation
import ZhaoshangKit

/// A progress bar on standard error for long imports: only past 10,000 rows, and only on a terminal.
final class ProgressBar {
  static let threshold = 10_000
  private let enabled: Bool
  private let language: Language
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
    Console.drawOnErrorStream("\r[\(bar)] \(Int(fraction * 100))%  \(rows)")
    drawn = true
  }

  /// Ends the bar's line so what follows starts on a fresh one.
  func finish() {
    guard drawn else { return }
    Console.drawOnErrorStream("\n")
    drawn = false
  }
}
