// swift-tools-version:6.1
// Benchmarks for zhaoshang, kept out of the main package so its build stays lean:
//   zhaoshang-gen          writes realistic rules, roster and trips of any size from a seed
//   ZhaoshangBenchmarks    micro benchmarks of the hot paths (swift package benchmark)
// compare.sh beside this file runs the whole-process comparisons against the sqlite3 shell.
import PackageDescription

let package = Package(
  name: "zhaoshang-benchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "zhaoshang", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    // No dependencies, so compare.sh can build it in seconds.
    .executableTarget(name: "zhaoshang-gen", swiftSettings: [.swiftLanguageMode(.v5)]),
    .executableTarget(
      name: "ZhaoshangBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "ZhaoshangKit", package: "zhaoshang"),
      ],
      path: "Benchmarks/ZhaoshangBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    ),
  ]
)
