import Testing

@testable import ZhaoshangKit

@Suite("Breaking lines of Chinese and English at a width")
struct LineWrappingTests {
  @Test func chineseBreaksBetweenCharactersWithinTheWidth() {
    // Given a Chinese sentence wider than 20 columns
    let line = "已封存的月份显示封存时的结果，并说明按现在的数据和规则是否会不同。"

    // When it is wrapped at 20 columns
    let lines = LineWrapping.wrap(line, width: 20, hangingIndent: 2)

    // Then no line is wider, nothing is lost, and no line starts with a comma or a full stop
    #expect(lines.count > 1)
    #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
    #expect(lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined() == line)
    #expect(
      lines.dropFirst().allSatisfy {
        $0.hasPrefix("  ") && !$0.dropFirst(2).hasPrefix("，") && !$0.dropFirst(2).hasPrefix("。")
      })
  }

  @Test func aQuotedValueIsNeverBroken() {
    // Given an option's help whose quoted date has a space, at a width that would split it
    let line = "外出最后一天（默认同第一天）；中午返回写 --to \"2022/7/6 上午\""

    // When it is wrapped at 40 columns
    let lines = LineWrapping.wrap(line, width: 40, hangingIndent: 0)

    // Then the quoted value is whole on one line
    #expect(lines.contains { $0.contains("\"2022/7/6 上午\"") })
  }

  @Test func englishBreaksOnlyAtSpaces() {
    // Given an English sentence with an option name
    let line = "Only this unit; with --explain, its days one by one."

    // When it is wrapped at 20 columns
    let lines = LineWrapping.wrap(line, width: 20, hangingIndent: 0)

    // Then the words are whole and joined back with spaces
    #expect(lines.joined(separator: " ") == line)
    #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
  }

  @Test func theGapAfterAnOptionsLabelIsKept() {
    // Given an option's line as the argument parser lays it out
    let line = "  --month <month>         要核算的月份"

    // When it fits
    // Then it is unchanged, its help still in the label column
    #expect(LineWrapping.wrap(line, width: 80, hangingIndent: 26) == [line])
  }

  @Test func aListOfFormsBreaksAfterItsCommasNotInsideAForm() {
    // Given the forms a month is written in, separated by Chinese enumeration commas
    let line = "写作 2022-07、2022-7、2022/7、202207 或 2022年7月（须带年份）"

    // When it is wrapped at 16 columns
    let lines = LineWrapping.wrap(line, width: 16, hangingIndent: 0)

    // Then it breaks after a comma or before the bracket, never inside 2022-07 or 2022年7月
    #expect(lines.allSatisfy { DisplayWidth.of($0) <= 16 }, "\(lines)")
    #expect(lines.contains { $0.hasPrefix("2022-7、") })
    #expect(lines.contains { $0.contains("2022年7月") })
    #expect(!lines.contains { $0.hasPrefix("、") || $0.hasPrefix("）") })
  }
}
