import Foundation
import Testing

@testable import ZhaoshangKit

/// JSON output never passes a failure off as an empty result.
@Suite("JSON output")
struct CheckJSONTests {
  @Test func aValueJSONCannotHoldFailsLoudlyInsteadOfPrintingAnEmptyObject() {
    // Given a value JSON cannot represent
    struct Odd: Encodable { let days = Double.nan }

    // When it is encoded
    let error = #expect(throws: ZhaoshangError.self) { try CheckJSON.encode(Odd()) }

    // Then it is an internal failure that says nothing was printed, not `{}`
    #expect(error?.code == .storage)
    #expect(error?.text(.en).contains("nothing was printed") == true)
    #expect(error?.text(.zh).contains("未输出任何内容") == true)
  }

  @Test func aReportIsStillWrittenWhole() throws {
    let (ledger, rules) = try Demo.load()
    let json = try CheckRenderer(language: .en).render(try ledger.check(month: Demo.month, rules: rules), as: .json)
    #expect(json.hasPrefix("{") && json.contains("\"units\""))
  }
}
