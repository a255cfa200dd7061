import Foundation
import ZhaoshangKit

/// A PostgreSQL ledger as `postgres://USER@HOST:PORT/DATABASE`, with an optional `?sslmode=`.
///
/// The password is never part of it: a command line is seen by every user of the machine (`ps`) and kept in
/// shell histories, so it comes from `PGPASSWORD` or `~/.pgpass`, as for PostgreSQL's own tools.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
  public var user: String
  public var host: String
  public var port: Int
  public var database: String
  public var tls: TLSMode

  /// libpq's names for the same choices; `prefer`, the default, encrypts whenever the server offers it.
  public enum TLSMode: String, Sendable, Equatable, CaseIterable {
    case disable
    case prefer
    case require
  }

  public init(user: String, host: String, port: Int = 5432, database: String, tls: TLSMode = .prefer) {
    self.user = user
    self.host = host
    self.port = port
    self.database = database
    self.tls = tls
  }

  static let schemes = ["postgres://", "postgresql://"]

  static func isPostgresAddress(_ text: String) -> Bool {
    schemes.contains { text.lowercased().hasPrefix($0) }
  }

  public init(parsing text: String) throws(ZhaoshangError) {
    let example = "postgres://zhaoshang@db.example:5432/zhaoshang"
    guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
      throw Self.refusal(
        Localized(
          "无法识别 PostgreSQL 台账地址 \(text)；请写成 \(example)（用户@主机:端口/数据库）",
          "cannot read the PostgreSQL ledger address \(text); write it as \(example) (user@host:port/database)"))
    }
    if components.password != nil {
      throw Self.refusal(
        Localized(
          "台账地址中不能写密码（命令行会被本机其他用户和命令历史看到）；请去掉地址中的密码，改为设置环境变量 PGPASSWORD，或写入 ~/.pgpass（权限须为 0600）",
          "a ledger address may not hold a password (a command line is seen by other users and kept in shell histories); remove it from the address and set PGPASSWORD, or put it in ~/.pgpass (mode 0600)"
        ))
    }
    guard let user = components.user, !user.isEmpty else {
      throw Self.refusal(
        Localized(
          "PostgreSQL 台账地址 \(text) 缺少用户名；请写成 \(example)",
          "the PostgreSQL ledger address \(text) names no user; write it as \(example)"))
    }
    let database = String(components.path.drop { $0 == "/" })
    guard !database.isEmpty, !database.contains("/") else {
      throw Self.refusal(
        Localized(
          "PostgreSQL 台账地址 \(text) 缺少数据库名；请写成 \(example)",
          "the PostgreSQL ledger address \(text) names no database; write it as \(example)"))
    }
    var tls = TLSMode.prefer
    for item in components.queryItems ?? [] {
      guard item.name == "sslmode", let value = item.value, let mode = TLSMode(rawValue: value) else {
        throw Self.refusal(
          Localized(
            "PostgreSQL 台账地址只接受 sslmode=disable、prefer 或 require 一个参数，而不是 \(item.name)=\(item.value ?? "")；请写成 \(example)?sslmode=require",
            "a PostgreSQL ledger address takes one parameter, sslmode=disable, prefer or require, not \(item.name)=\(item.value ?? ""); write it as \(example)?sslmode=require"
          ))
      }
      tls = mode
    }
    // URLComponents leaves percent-escapes in `user` and the path: a role or database may hold any character.
    self.init(
      user: user.removingPercentEncoding ?? user, host: host, port: components.port ?? 5432,
      database: database.removingPercentEncoding ?? database, tls: tls)
  }

  /// The address as it can be shown anywhere: it never holds a password.
  public var description: String {
    let shownHost = host.contains(":") ? "[\(host)]" : host
    let query = tls == .prefer ? "" : "?sslmode=\(tls.rawValue)"
    return "postgres://\(user)@\(shownHost):\(port)/\(database)\(query)"
  }

  private static func refusal(_ message: Localized) -> ZhaoshangError {
    .invalidInput([Problem(message)])
  }
}
