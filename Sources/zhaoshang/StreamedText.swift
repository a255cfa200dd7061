import Foundation
import ZhaoshangKit

/// Text written as it is made, for listings too long to hold at once: to standard output in pieces, or to a
/// temporary file that takes the `--output` name only once complete, so that, as with `OutputOptions.emit`, a
/// failure never leaves a half-written file under that name.
struct StreamedText {
  /// Text is passed on in pieces of about this many bytes.
  static let piece = 1 << 16

  private let destination: String?
  private let temporary: URL?
  private let file: FileHandle?
  private var pending = ""

  /// - Parameters:
  ///   - output: the `--output` file; nil for standard output.
  ///   - opening: written first (a CSV file's byte-order mark).
  init(output: String?, opening: String) throws(ZhaoshangError) {
    destination = output
    pending = opening
    guard let output else {
      temporary = nil
      file = nil
      return
    }
    let target = URL(fileURLWithPath: output)
    let partial = target.deletingLastPathComponent().appendingPathComponent(
      ".\(target.lastPathComponent).\(UUID().uuidString).part")
    guard FileManager.default.createFile(atPath: partial.path, contents: nil),
      let handle = try? FileHandle(forWritingTo: partial)
    else { throw Self.cannotWrite(output) }
    temporary = partial
    file = handle
  }

  /// Adds text; it must end a line, since standard output is written a piece of whole lines at a time.
  mutating func write(_ text: String) throws(ZhaoshangError) {
    pending += text
    if pending.utf8.count >= Self.piece { try flush() }
  }

  /// Writes what is left and, for a file, gives it the `--output` name.
  mutating func finish() throws(ZhaoshangError) {
    try flush()
    guard let file, let temporary, let destination else { return }
    do {
      try file.close()
    } catch {
      throw Self.cannotWrite(destination)
    }
    guard rename(temporary.path, destination) == 0 else { throw Self.cannotWrite(destination) }
  }

  /// Removes the temporary file after a failure; standard output keeps what was written.
  func discard() {
    try? file?.close()
    if let temporary { try? FileManager.default.removeItem(at: temporary) }
  }

  private mutating func flush() throws(ZhaoshangError) {
    guard !pending.isEmpty else { return }
    defer { pending = "" }
    guard let file, let destination else {
      Console.out(pending)
      return
    }
    do {
      try file.write(contentsOf: Data(pending.utf8))
    } catch {
      throw Self.cannotWrite(destination)
    }
  }

  private static func cannotWrite(_ path: String) -> ZhaoshangError {
    .storage(
      Localized(
        "无法写入文件 \(path)；请检查目录是否存在、是否有写权限，以及磁盘是否已满",
        "cannot write \(path); check that its folder exists and is writable, and that the disk is not full"))
  }
}

extension OutputOptions {
  /// Writes text made piece by piece as `emit` writes it whole (a CSV file's byte-order mark included): `body`
  /// calls `write` with each piece, whole lines, as it makes them.
  func stream(format: ReportFormat, _ body: (_ write: (String) throws -> Void) throws -> Void) throws {
    let marked = format == .csv && (bom ?? (output != nil))
    var text = try StreamedText(output: output, opening: marked ? CSVWriter.byteOrderMark : "")
    do {
      try body { try text.write($0) }
      try text.finish()
    } catch {
      text.discard()
      throw error
    }
  }
}
