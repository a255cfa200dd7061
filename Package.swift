// swift-tools-version:6.2
import PackageDescription

let package = Package(
  name: "zhaoshang",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "zhaoshang", targets: ["zhaoshang"]),
    .library(name: "ZhaoshangKit", targets: ["ZhaoshangKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    // The web server (`zhaoshang serve`); configuration from files is not used, so that trait stays off.
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: ["FullFoundation"]),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    // Uploads (trips files, explanation documents): Hummingbird has no multipart decoder of its own.
    .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
    // A shared ledger for several offices and servers at once lives in PostgreSQL; this is its client.
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
  ],
  targets: [
    .target(
      name: "ZhaoshangKit",
      dependencies: [
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "TOMLKit", package: "TOMLKit"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]
    ),
    // HTTP lives here, so ZhaoshangKit stays a library of rules and storage with no server in it.
    .target(
      name: "ZhaoshangServer",
      dependencies: [
        "ZhaoshangKit",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "MultipartKit", package: "multipart-kit"),
      ]
    ),
    // PostgreSQL lives here, so the pure core and the SQLite ledger never link a network client.
    .target(
      name: "ZhaoshangPostgres",
      dependencies: [
        "ZhaoshangKit",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    .executableTarget(
      name: "zhaoshang",
      dependencies: [
        "ZhaoshangKit",
        "ZhaoshangServer",
        "ZhaoshangPostgres",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "ZhaoshangKitTests",
      // PostgreSQL's store and its throw-away server, for the store's contract suite, which runs on every store.
      dependencies: [
        "ZhaoshangKit", "ZhaoshangPostgres", "ZhaoshangTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      // Read through #filePath, not as bundle resources, so they stay plain files in the repository.
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "zhaoshangTests",
      // GRDB only to change a ledger behind the tool's back, as the tamper tests must.
      dependencies: [
        "zhaoshang", "ZhaoshangKit", "ZhaoshangTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
      ],
      exclude: ["Expected"]
    ),
    // What several test targets share: a throw-away PostgreSQL server started once per test run.
    .target(name: "ZhaoshangTestSupport", path: "Tests/ZhaoshangTestSupport"),
    .testTarget(
      name: "ZhaoshangPostgresTests",
      dependencies: [
        "ZhaoshangPostgres", "ZhaoshangKit", "ZhaoshangTestSupport",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .testTarget(
      name: "ZhaoshangServerTests",
      dependencies: [
        "ZhaoshangServer", "ZhaoshangKit",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
      ]
    ),
  ]
)
