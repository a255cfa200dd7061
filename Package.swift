// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "zhaoshang",
  platforms: [.macOS(.v13)],
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
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
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
    .executableTarget(
      name: "zhaoshang",
      dependencies: [
        "ZhaoshangKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(
      name: "ZhaoshangKitTests",
      dependencies: [
        "ZhaoshangKit", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PropertyBased", package: "swift-property-based"),
      ],
      // Read through #filePath, not as bundle resources, so they stay plain files in the repository.
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "zhaoshangTests",
      // GRDB only to change a ledger behind the tool's back, as the tamper tests must.
      dependencies: ["zhaoshang", "ZhaoshangKit", .product(name: "GRDB", package: "GRDB.swift")],
      exclude: ["Expected"]
    ),
  ]
)
