/// Who issues a bulletin, which issue it is and when: printed above the title and, as the 落款 (the office and the
/// date), below the text.
public struct BulletinMasthead: Sendable, Equatable {
  /// From the rule file's `[bulletin] office`.
  public let office: String?
  /// The 期数, from `bulletin --issue`.
  public let issue: Int?
  public let date: CivilDate

  public init(office: String?, issue: Int?, date: CivilDate) {
    self.office = office
    self.issue = issue
    self.date = date
  }

  /// Nil when there is nothing to print (no office in the rule file, no issue asked for), so a bulletin from a
  /// file without `[bulletin]` stays exactly as it was.
  public static func make(office: String?, issue: Int?, date: CivilDate) -> BulletinMasthead? {
    office == nil && issue == nil ? nil : BulletinMasthead(office: office, issue: issue, date: date)
  }

  /// 「第7期」.
  func issueLine(_ language: Language) -> String? {
    issue.map { language.pick("第\($0)期", "Issue \($0)") }
  }

  func dateText(_ language: Language) -> String {
    language.pick(date.chinese, date.iso)
  }

  /// The office and the date on one line under the issue number, as a 通报's head reads.
  func officeAndDate(_ language: Language) -> String {
    [office, dateText(language)].compactMap { $0 }.joined(separator: language.pick("　　", "    "))
  }

  /// The 落款: the office's name, then the date below it; none without an office.
  func signature(_ language: Language) -> [String] {
    office.map { [$0, dateText(language)] } ?? []
  }
}
