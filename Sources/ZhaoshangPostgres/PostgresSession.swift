import Logging
import PostgresNIO
import ZhaoshangKit

/// One open connection to a PostgreSQL ledger, with every failure turned into the clerk's sentence.
public struct PostgresSession: Sendable {
  public let address: PostgresAddress
  let connection: PostgresConnection
  let logger: Logger

  /// PostgresNIO logs its own details; a clerk sees only the sentences `PostgresFailure` writes.
  static let quietLogger = Logger(label: "zhaoshang.postgres") { _ in SwiftLogNoOpLogHandler() }

  /// Connects with the password from `PGPASSWORD` or the password file, encrypting when the address asks for it
  /// or, by default, whenever the server offers it.
  public static func connect(to address: PostgresAddress, environment: [String: String]) async throws(ZhaoshangError)
    -> PostgresSession
  {
    do {
      var configuration = PostgresConnection.Configuration(
        host: address.host, port: address.port, username: address.user,
        password: PostgresPassword.find(for: address, environment: environment), database: address.database,
        tls: try tls(address.tls))
      configuration.options.connectTimeout = .seconds(10)
      let connection = try await PostgresConnection.connect(
        configuration: configuration, id: 1, logger: quietLogger)
      return PostgresSession(address: address, connection: connection, logger: quietLogger)
    } catch {
      throw PostgresFailure.translate(error, address: address)
    }
  }

  /// As libpq's `prefer` and `require`: encrypted, without checking the server's certificate (libpq checks it only
  /// with verify-ca and verify-full).
  static func tls(_ mode: PostgresAddress.TLSMode) throws -> PostgresConnection.Configuration.TLS {
    var settings = TLSConfiguration.makeClientConfiguration()
    settings.certificateVerification = .none
    switch mode {
    case .disable: return .disable
    case .prefer: return .prefer(try NIOSSLContext(configuration: settings))
    case .require: return .require(try NIOSSLContext(configuration: settings))
    }
  }

  /// Runs one statement, discarding any rows.
  public func execute(_ sql: String) async throws(ZhaoshangError) {
    do {
      // Read to the end, so the connection is free for the next statement.
      for try await _ in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {}
    } catch {
      throw PostgresFailure.translate(error, address: address)
    }
  }

  /// Runs a query whose rows are one text column each.
  public func texts(_ query: PostgresQuery) async throws(ZhaoshangError) -> [String] {
    do {
      var values: [String] = []
      for try await value in try await connection.query(query, logger: logger).decode(String.self) {
        values.append(value)
      }
      return values
    } catch {
      throw PostgresFailure.translate(error, address: address)
    }
  }

  public func close() async {
    try? await connection.close()
  }
}
