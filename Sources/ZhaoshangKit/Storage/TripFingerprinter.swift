/// `AuditTrail.fingerprint` of a trip row of a `TripBatch`, from the values `InsertPipeline` binds, which SQLite
/// stores as they are (the trip table's columns have text or numeric affinity and are given text and integers):
/// the text `CreationDigest.appendCanonical` reads back once the row is stored, given the head's unit and name as
/// stored. Each of the import's two threads keeps its own, for the buffer it reuses.
struct TripFingerprinter {
  /// Who recorded the rows and when, as `InsertPipeline` binds them: `by`, a NUL, `at`, a NUL.
  private let stamp: [UInt8]
  /// Where `by` ends in `stamp`.
  private let split: Int
  /// The row's canonical text, rebuilt for each row, its storage kept.
  private var canonical: [UInt8] = []

  init(stamp: Stamp) {
    self.stamp = Array(stamp.by.utf8) + [0] + Array(stamp.at.utf8) + [0]
    split = stamp.by.utf8.count
    canonical.reserveCapacity(1024)
  }

  /// Appends the 16 hex digits of the row's fingerprint to `prints`. `head` holds the head's first two canonical
  /// columns (`=unit`, 0x1F, `=name`).
  mutating func fingerprint(
    of row: TripBatch.Row, text: UnsafeBufferPointer<UInt8>, head: UnsafeBufferPointer<UInt8>,
    appendingTo prints: inout [UInt8]
  ) {
    canonical.removeAll(keepingCapacity: true)
    canonical.append(contentsOf: head)
    let b = row.bounds
    stamp.withUnsafeBufferPointer { stamp in
      let by = UnsafeBufferPointer(rebasing: stamp[0..<split])
      let at = UnsafeBufferPointer(rebasing: stamp[(split + 1)..<(stamp.count - 1)])
      // A cell runs from its start to the NUL before the next one's.
      func cell(_ from: Int32, _ next: Int32) {
        column(UnsafeBufferPointer(rebasing: text[Int(from)..<Int(next - 1)]))
      }
      func column(_ value: UnsafeBufferPointer<UInt8>) {
        canonical.append(0x1F)
        canonical.append(UInt8(ascii: "="))
        canonical.append(contentsOf: value)
      }
      // Byte by byte: an array literal here would be allocated for every row.
      func flag(_ value: Bool) {
        canonical.append(0x1F)
        canonical.append(UInt8(ascii: "="))
        canonical.append(value ? UInt8(ascii: "1") : UInt8(ascii: "0"))
      }
      cell(b.0, b.1)
      flag(row.startsAfternoon)
      cell(b.1, b.2)
      flag(row.endsMorning)
      cell(b.2, b.3)
      cell(b.3, b.4)
      cell(b.4, b.5)
      cell(b.5, b.6)
      column(by)
      column(at)
      if row.isVoid {
        cell(b.6, b.7)
        column(by)
        column(at)
      } else {
        // `∅` (E2 88 85) for each NULL of the three void columns.
        for _ in 0..<3 {
          canonical.append(0x1F)
          canonical.append(0xE2)
          canonical.append(0x88)
          canonical.append(0x85)
        }
      }
    }
    canonical.withUnsafeBytes { CreationDigest.appendFingerprint(of: $0, to: &prints) }
  }
}
