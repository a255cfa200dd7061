import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import ZhaoshangKit

/// `zhaoshang serve`: the web application on a socket, until SIGINT or SIGTERM asks it to stop, when it
/// finishes the requests in hand, stops the ledger's threads and returns.
public enum ZhaoshangWebServer {
  /// Runs until stopped. `onListening` gets the URL once the socket is open (the port is the real one when 0
  /// was asked for). Throws a `ZhaoshangError` saying what to do when it cannot listen or stops on a failure.
  public static func run(
    access: LedgerAccess, configuration: ServerConfiguration, logger: Logger,
    onListening: @escaping @Sendable (String) -> Void
  ) async throws {
    let app = try WebApp(access: access, configuration: configuration)
    let host = configuration.host
    let application = Application(
      router: app.router(),
      configuration: .init(address: .hostname(host, port: configuration.port), serverName: "zhaoshang"),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? configuration.port
        let shown = host.contains(":") ? "[\(host)]" : host
        onListening("http://\(shown):\(port)/")
      },
      logger: logger)
    let group = ServiceGroup(
      configuration: .init(services: [application], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
    do {
      try await group.run()
    } catch {
      // The system's own words go to the log, for whoever keeps the server; the person who ran it gets a sentence.
      logger.error("the web server stopped: \(String(reflecting: error))")
      try? await access.shutdown()
      throw ServerStartFailure.error(for: error, host: host, port: configuration.port)
    }
    try await access.shutdown()
  }
}
