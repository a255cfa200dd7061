import PostgresNIO
import ZhaoshangKit

/// PostgresNIO's errors as the clerk's sentences: what went wrong with which server, and what to do. The
/// driver's own text (SQLSTATE, NIO's socket errors) means nothing at a clerk's desk, so none of it is shown.
public enum PostgresFailure {
  /// SQLSTATE codes (PostgreSQL's appendix A) the sentences below answer.
  enum State {
    static let invalidPassword = "28P01"
    static let invalidAuthorization = "28000"
    static let noSuchDatabase = "3D000"
    static let insufficientPrivilege = "42501"
    static let tooManyConnections = "53300"
    static let cannotConnectNow = "57P03"
    static let adminShutdown = "57P01"
  }

  public static func translate(_ error: any Error, address: PostgresAddress) -> ZhaoshangError {
    if let error = error as? ZhaoshangError { return error }
    let server = "\(address.host):\(address.port)"
    guard let error = error as? PSQLError else { return unreachable(server) }
    switch error.code {
    case .server:
      return serverRefusal(error.serverInfo?[.sqlState] ?? "", address: address, server: server)
    case .authMechanismRequiresPassword:
      return .storage(
        Localized(
          "PostgreSQL 服务器 \(server) 要求角色 \(address.user) 提供密码，但没有找到；请设置环境变量 PGPASSWORD，或在 ~/.pgpass（权限 0600）中加一行 \(address.host):\(address.port):\(address.database):\(address.user):密码",
          "the PostgreSQL server \(server) asks a password of the role \(address.user) and none was found; set PGPASSWORD, or add the line \(address.host):\(address.port):\(address.database):\(address.user):PASSWORD to ~/.pgpass (mode 0600)"
        ))
    case .sslUnsupported:
      return .storage(
        Localized(
          "PostgreSQL 服务器 \(server) 不支持加密连接，而地址要求 sslmode=require；请在服务器上开启 SSL，或去掉 sslmode=require",
          "the PostgreSQL server \(server) does not offer encryption and the address asks for sslmode=require; turn SSL on at the server, or drop sslmode=require"
        ))
    case .unsupportedAuthMechanism, .saslError:
      return .storage(
        Localized(
          "PostgreSQL 服务器 \(server) 要求的登录方式 zhaoshang 不支持；请在 pg_hba.conf 中为该角色使用 scram-sha-256 或 md5 密码登录",
          "the PostgreSQL server \(server) asks for a way of logging in zhaoshang does not support; use scram-sha-256 or md5 passwords for this role in pg_hba.conf"
        ))
    case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection,
      .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
      return unreachable(server)
    default:
      return .storage(
        Localized(
          "与 PostgreSQL 服务器 \(server) 的通信出错，台账未作改动；请稍后再试，若仍出错请查看服务器日志",
          "the exchange with the PostgreSQL server \(server) failed and the ledger is unchanged; try again, and if it fails again read the server's log"
        ))
    }
  }

  static func unreachable(_ server: String) -> ZhaoshangError {
    .storage(
      Localized(
        "无法连接 PostgreSQL 服务器 \(server)；请检查服务器是否在运行、地址和端口是否正确、防火墙是否放行",
        "cannot reach the PostgreSQL server \(server); check it is running, that the host and port are right and that no firewall is in the way"
      ))
  }

  static func serverRefusal(_ state: String, address: PostgresAddress, server: String) -> ZhaoshangError {
    switch state {
    case State.invalidPassword:
      return .storage(
        Localized(
          "PostgreSQL 服务器 \(server) 拒绝了角色 \(address.user) 的密码（或该角色不存在）；请检查 PGPASSWORD 或 ~/.pgpass 中的密码，以及角色名",
          "the PostgreSQL server \(server) refused the password of the role \(address.user) (or there is no such role); check the password in PGPASSWORD or ~/.pgpass, and the role's name"
        ))
    case State.invalidAuthorization:
      return .storage(
        Localized(
          "PostgreSQL 服务器 \(server) 不允许角色 \(address.user) 连接数据库 \(address.database)（角色不存在，或 pg_hba.conf 未放行）；请让数据库管理员用 createuser \(address.user) 建立角色，或在 pg_hba.conf 中放行",
          "the PostgreSQL server \(server) does not let the role \(address.user) into the database \(address.database) (no such role, or pg_hba.conf does not allow it); ask the administrator to create it with createuser \(address.user), or to allow it in pg_hba.conf"
        ))
    case State.noSuchDatabase:
      return .storage(
        Localized(
          "PostgreSQL 服务器 \(server) 上没有数据库 \(address.database)；请让数据库管理员用 createdb -O \(address.user) \(address.database) 建立，再运行 zhaoshang init",
          "the PostgreSQL server \(server) has no database \(address.database); ask the administrator to create it with createdb -O \(address.user) \(address.database), then run zhaoshang init"
        ))
    case State.insufficientPrivilege:
      return .storage(
        Localized(
          "角色 \(address.user) 在数据库 \(address.database) 中没有所需的权限；请让数据库管理员把数据库交给该角色（ALTER DATABASE \(address.database) OWNER TO \(address.user)），或授予建表权限",
          "the role \(address.user) lacks the rights it needs in the database \(address.database); ask the administrator to make it the owner (ALTER DATABASE \(address.database) OWNER TO \(address.user)) or to grant it the right to create tables"
        ))
    case State.tooManyConnections, State.cannotConnectNow, State.adminShutdown:
      return .storage(
        Localized(
          "PostgreSQL 服务器 \(server) 暂时不接受连接（正在启动、关闭，或连接数已满）；请稍后再试",
          "the PostgreSQL server \(server) takes no connections for now (starting, stopping, or full); try again in a while"
        ))
    default:
      return .storage(
        Localized(
          "PostgreSQL 服务器 \(server) 拒绝了请求（SQLSTATE \(state)），台账未作改动；请把这句话告诉数据库管理员",
          "the PostgreSQL server \(server) refused the request (SQLSTATE \(state)) and the ledger is unchanged; tell the database's administrator"
        ))
    }
  }
}
