import Foundation
import Testing
import ZhaoshangKit

/// `trips` writes its table as it reads the trips (measured on a first reading, written on a second); the
/// table must be the one `ListRenderer` makes from every trip held at once.
@Suite("The trip table written as it is read")
struct TripTableStreamingTests {
  @Test func theStreamedTableIsTheRenderedOne() throws {
    // Given the example ledger with one trip voided
    let workspace = try Workspace.hongze()
    defer { workspace.remove() }
    let first = try #require(try workspace.trips().first)
    try workspace.succeed(["void", String(first.id), "--reason", "重复登记"])
    let ledger = try Ledger.open(at: workspace.file("zhaoshang.sqlite").path)

    for language in [Language.en, .zh] {
      let renderer = ListRenderer(language: language)
      let env = ["LANG": language == .zh ? "zh_CN.UTF-8" : "en_US.UTF-8"]
      for (arguments, month, unit) in [
        ([], nil, nil), (["--month", "2022-07"], try m("2022-07"), nil),
        (["--unit", "朱坝街道"], nil, "朱坝街道"), (["--month", "2021-01"], try m("2021-01"), nil),
      ] as [([String], Month?, String?)] {
        // When the trips are listed as a table
        let listed = try workspace.succeed(["trips"] + arguments, env: env)

        // Then the output is the table rendered from all the trips at once
        let expected = try renderer.render(trips: try ledger.trips(in: month, unit: unit), as: .table)
        #expect(listed.stdout == expected, "\(language) \(arguments)")
      }
    }
  }
}

private func m(_ text: String) throws -> Month {
  try #require(Month(parsing: text))
}
