import Foundation

/// The companies a trip visited, written in one cell or option as `甲公司;乙公司`.
public enum CompanyList {
  /// Splits on `;`, `；` or `、`, trimming and dropping empty names.
  public static func split(_ text: String) -> [String] {
    text.split(whereSeparator: { ";；、\n".contains($0) })
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  public static func join(_ companies: [String]) -> String {
    companies.joined(separator: ";")
  }
}
