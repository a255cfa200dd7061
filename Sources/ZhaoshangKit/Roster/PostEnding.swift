/// Ending a head's post, decided once over values for every store: which post ends, whether the date may end it,
/// and which closed months the change reaches.
public enum PostEnding {
  /// The head's open post (the last written, if several are open) that `date` ends; refused when the head holds no
  /// open post or the post began after `date`.
  public static func post(toEnd unit: String, name: String, on date: CivilDate, posts: [Post]) throws(ZhaoshangError)
    -> Post
  {
    guard let post = posts.last(where: { $0.unit == unit && $0.name == name && $0.to == nil }), post.id != nil else {
      throw ZhaoshangError.refused(
        Localized(
          "\(unit)没有在任的「\(name)」；请用 zhaoshang roster list --unit \(unit) 查看花名册",
          "\(unit) has no head named \"\(name)\" still in post; see `zhaoshang roster list --unit \(unit)`"))
    }
    if let from = post.from, date < from {
      throw ZhaoshangError.invalid(
        .periodInvalid, field: .endDate, excerpt: date.iso,
        Localized(
          "离任日期早于任职起始日期 \(from.iso)；请填写 \(from.iso) 或之后的日期",
          "the post began on \(from.iso), so it cannot end before that"),
        remedy: Remedy(Localized("", "; give {action} \(from.iso) or later"), .field(.endDate)),
        arguments: ["from": from.iso, "endDate": date.iso])
    }
    return post
  }

  /// Whether ending `post` on `date` changes `month`: the post reached into the month past that date, so the days
  /// after it leave the head's time in post there.
  public static func changes(_ month: Month, ending post: Post, on date: CivilDate) -> Bool {
    post.daysInPost(during: month) != nil && date < month.lastDay
  }
}
