import Foundation
import Synchronization
import ZhaoshangKit

/// Standard output for results, standard error for notes and warnings: the only place the tool prints.
///
/// A write that fails never stops the command half-way: a write to the ledger then commits or rolls back exactly as
/// it would have, and once the command is done `Zhaoshang.main` reports the failed output (`OutputFailure`) and
/// what was recorded, so the clerk knows whether to run it again.
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

  /// What went wrong with the output so far, and what the command recorded in the ledger.
  struct State {
    var outputFailure: OutputFailure?
    var errorStreamFailed = false
    var recorded: Localized?
  }

  private static let state = Mutex(State())

  static func out(_ text: String) {
    let line = endingInNewline(text)
    if let capture {
      capture.append(out: line)
    } else {
      write(line, to: STDOUT_FILENO)
    }
  }

  static func note(_ text: String) {
    let line = endingInNewline(text)
    if let capture {
      capture.append(note: line)
    } else {
      write(line, to: STDERR_FILENO)
    }
  }

  /// Writes to standard error as it is, without a line end: the progress bar redraws its line with `\r`.
  static func drawOnErrorStream(_ text: String) {
    guard capture == nil else { return }
    write(text, to: STDERR_FILENO)
  }

  /// Called by a command once its change to the ledger is committed, so a failed output can say it was kept.
  static func recorded(_ what: Localized) {
    state.withLock { $0.recorded = what }
  }

  /// Prints the line saying what a command changed, and remembers it in case the output fails.
  static func confirm(_ done: Localized, language: Language) {
    recorded(done)
    out(done.text(language))
  }

  /// The first failure of standard output, and what the command recorded; nil when all output was written.
  static var outcome: (failure: OutputFailure, recorded: Localized?)? {
    state.withLock { state in state.outputFailure.map { ($0, state.recorded) } }
  }

  /// Whether writing to standard error has failed, so a message about it need not be tried there again.
  static var errorStreamFailed: Bool { state.withLock { $0.errorStreamFailed } }

  /// Writes every byte or records why not; after a failure the stream is not tried again. `SIGPIPE` is ignored
  /// (see `Zhaoshang.main`), so a closed pipe comes back as `EPIPE` instead of killing the process.
  private static func write(_ text: String, to descriptor: Int32) {
    let broken = state.withLock { descriptor == STDOUT_FILENO ? $0.outputFailure != nil : $0.errorStreamFailed }
    guard !broken else { return }
    var text = text
    let error: Int32? = text.withUTF8 { bytes in
      var offset = 0
      while offset < bytes.count {
        let written = Foundation.write(descriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          return errno
        }
        offset += written
      }
      return nil
    }
    guard let error else { return }
    state.withLock { state in
      if descriptor == STDOUT_FILENO {
        state.outputFailure = OutputFailure(code: error)
      } else {
        state.errorStreamFailed = true
      }
    }
  }

  /// Adds a line end unless there is one; by scalar, since CSV's `\r\n` is a single Character that is not `\n`.
  static func endingInNewline(_ text: String) -> String {
    text.unicodeScalars.last == "\n" ? text : text + "\n"
  }
}
