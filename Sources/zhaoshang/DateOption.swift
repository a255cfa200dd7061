import ArgumentParser
import Foundation
import ZhaoshangKit

/// Reads a date option as clerks write it, failing with a message that says what to type instead.
enum DateOption {
  static func parse(_ text: String?, option: String, language: Language, allowHalf: HalfOfDay? = nil) throws
    -> DateText?
  {
    guard let text else { return nil }
    switch DateText.parse(text) {
    case .success(let date):
      if let half = date.half, half != allowHalf {
        throw ValidationError(
          "\(option): "
            + language.pick(
              allowHalf == nil ? "这里只写日期，不带上午/下午" : "这里只能标\(allowHalf == .afternoon ? "下午（PM）" : "上午（AM）")",
              allowHalf == nil
                ? "write a plain date here, without AM/PM"
                : "only \(allowHalf == .afternoon ? "PM" : "AM") may be given here"))
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
