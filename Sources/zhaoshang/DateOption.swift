import ArgumentParser
import Foundation
import ZhaoshangKit

/// Reads a date option as clerks write it, failing with a message that says what to type instead.
enum DateOption {
  static func parse(_ text: String?, option: String, language: Language) throws -> DateText? {
    guard let text else { return nil }
    switch DateText.parse(text) {
    case .success(let date):
      if date.half != nil {
        throw ValidationError(
          "\(option): " + language.pick("这里只写日期，不带上午/下午", "write a plain date here, without AM/PM"))
      }
      return date
    case .failure(let error):
      throw ValidationError("\(option): " + error.message.text(language))
    }
  }
}

extension String {
  var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
