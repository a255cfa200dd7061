import ArgumentParser
import Testing
import ZhaoshangKit

@testable import zhaoshang

@Suite("How zhaoshang's own failures are reported")
struct FailureReportingTests {
  let fileProblem = ZhaoshangError.invalidInput([
    Problem(
      location: "trips.csv:3", excerpt: "朱坝街道,王某,2022-02-30,,南京",
      Localized("日期不存在；请改为实际日期", "the date does not exist; write a real date"))
  ])

  @Test func aFileProblemIsShownAsFileLineExcerptAndExplanation() {
    // Given a problem on line 3 of a CSV file
    // When it is reported in English
    let text = Zhaoshang.failureText(for: fileProblem, language: .en)

    // Then it reads like the argument parser's errors: prefix, FILE:LINE:, the row, then what to do
    #expect(text == "Error: trips.csv:3:\n  | 朱坝街道,王某,2022-02-30,,南京\n  the date does not exist; write a real date")
  }

  @Test func aFileProblemIsShownInChinese() {
    // Given the same problem
    // When it is reported in Chinese
    let text = Zhaoshang.failureText(for: fileProblem, language: .zh)

    // Then the prefix and the explanation are Chinese, the location unchanged
    #expect(text == "错误：trips.csv:3:\n  | 朱坝街道,王某,2022-02-30,,南京\n  日期不存在；请改为实际日期")
  }

  @Test func everyProblemOfAFileIsListedInOrder() {
    // Given two problems of one file
    let error = ZhaoshangError.invalidInput([
      Problem(location: "roster.csv:2", Localized("甲", "first")),
      Problem(location: "roster.csv:5", Localized("乙", "second")),
    ])

    // When it is reported
    let text = Zhaoshang.failureText(for: error, language: .en)

    // Then both are listed, one per line, in the order given
    #expect(text == "Error: roster.csv:2: first\nroster.csv:5: second")
  }

  @Test func aVeryLongListOfProblemsIsCutWithACount() {
    // Given more problems than are worth printing
    let problems = (1...(ZhaoshangError.problemListLimit + 7)).map {
      Problem(location: "trips.csv:\($0 + 1)", Localized("错", "wrong"))
    }

    // When they are reported
    let text = Zhaoshang.failureText(for: .invalidInput(problems), language: .en)

    // Then the first hundred are shown and the rest counted
    #expect(text.split(separator: "\n").count == ZhaoshangError.problemListLimit + 1)
    #expect(text.hasSuffix("... and 7 more problems not shown."))
  }

  @Test func aRefusalIsShownAsItsSentence() {
    // Given a refusal
    let error = ZhaoshangError.refused(Localized("找不到台账；请先运行 zhaoshang init", "no ledger; run `zhaoshang init`"))

    // When it is reported in each language
    // Then it is the sentence behind the prefix
    #expect(Zhaoshang.failureText(for: error, language: .en) == "Error: no ledger; run `zhaoshang init`")
    #expect(Zhaoshang.failureText(for: error, language: .zh) == "错误：找不到台账；请先运行 zhaoshang init")
  }

  @Test func invalidInputAndRefusalsExit65() {
    // Given input refused before anything was written
    // When the exit status is chosen
    // Then it is EX_DATAERR
    #expect(Zhaoshang.exitCode(for: fileProblem).rawValue == 65)
    #expect(Zhaoshang.exitCode(for: ZhaoshangError.refused(Localized("重复", "duplicate"))).rawValue == 65)
  }

  @Test func storageFailuresExit74() {
    // Given a database that could not be written
    // When the exit status is chosen
    let status = Zhaoshang.exitCode(for: ZhaoshangError.storage(Localized("磁盘已满", "disk full")))

    // Then it is EX_IOERR
    #expect(status.rawValue == 74)
  }
}

@Suite("Choosing the output language")
struct LanguageTests {
  @Test(arguments: [
    (["LANG": "zh_CN.UTF-8"], Language.zh),
    (["LANG": "zh_TW.UTF-8"], .zh),
    (["LANG": "en_US.UTF-8"], .en),
    (["LANG": "C.UTF-8"], .zh),
    (["LANG": "POSIX"], .zh),
    ([:], .zh),
    (["LANG": ""], .zh),
    (["LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"], .zh),
    (["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"], .en),
    (["LC_ALL": "", "LANG": "zh_CN.UTF-8"], .zh),
    (["LC_MESSAGES": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"], .en),
  ])
  func theEnvironmentChoosesTheLanguage(environment: [String: String], expected: Language) {
    // Given a locale environment
    // When the language is taken from it
    // Then English is chosen only for an en locale, the more specific variable winning, Chinese otherwise
    #expect(Language.fromEnvironment(environment) == expected)
  }

  @Test func langOnTheCommandLineWinsOverTheEnvironment() {
    // Given --lang zh in an English environment, written both ways
    let english = ["LANG": "en_US.UTF-8"]

    // When the language is guessed before parsing
    // Then the command line wins
    #expect(CommandLineLanguage.guess(arguments: ["zhaoshang", "check", "--lang", "zh"], environment: english) == .zh)
    #expect(CommandLineLanguage.guess(arguments: ["zhaoshang", "check", "--lang=zh"], environment: english) == .zh)
    #expect(
      CommandLineLanguage.guess(
        arguments: ["zhaoshang", "check", "--lang", "en"], environment: ["LANG": "zh_CN.UTF-8"])
        == .en)
  }

  @Test func withoutLangTheEnvironmentDecides() {
    // Given no --lang, or one with no value after it
    let chinese = ["LANG": "zh_CN.UTF-8"]

    // When the language is guessed
    // Then the environment decides
    #expect(CommandLineLanguage.guess(arguments: ["zhaoshang", "check"], environment: chinese) == .zh)
    #expect(CommandLineLanguage.guess(arguments: ["zhaoshang", "check", "--lang"], environment: chinese) == .zh)
    #expect(CommandLineLanguage.guess(arguments: ["zhaoshang", "check"], environment: [:]) == .zh)
    #expect(CommandLineLanguage.guess(arguments: ["zhaoshang", "check"], environment: ["LANG": "en_US.UTF-8"]) == .en)
  }
}
