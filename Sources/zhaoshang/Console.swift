import Foundation

/// Standard output for results, standard error for notes and warnings: the only place the tool prints.
enum Console {
  /// Collects what a command prints instead of writing it, so tests can read a command's output.
  final class Capture: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var noteText = ""

    var out: String { lock.withLock { outText } }
    var notes: String { lock.withLock { noteText } }

    func append(out text: String) { lock.withLock { outText += text } }
    func append(note text: String) { lock.withLock { noteText += text } }
  }

  /// Set by tests around a command's `run()`; nil when printing for real.
  @TaskLocal static var capture: Capture?

  static func out(_ text: String) {
    let line = endingInNewline(text)
    if let capture {
      capture.append(out: line)
    } else {
      FileHandle.standardOutput.write(Data(line.utf8))
    }
  }

  static func note(_ text: String) {
    let line = endingInNewline(text)
    if let capture {
      capture.append(note: line)
    } else {
      FileHandle.standardError.write(Data(line.utf8))
    }
  }

  /// Adds a line end unless there is one; by scalar, since CSV's `\r\n` is a single Character that is not `\n`.
  static func endingInNewline(_ text: String) -> String {
    text.unicodeScalars.last == "\n" ? text : text + "\n"
  }
}
