import GRDB

/// The month tallies as the ledger keeps them and as its trips make them, side by side: what tests hold every
/// write to (`KeptTallies`), and what `verify` compares.
extension Ledger {
  /// The tallies `trip_month_tally` holds.
  package func keptTallies() throws(ZhaoshangError) -> [MonthTally.Key: MonthTally] {
    try read { db in try KeptTallies.kept(in: db) }
  }

  /// The tallies the trips make today, counted from their rows, without empty ones: what the table should hold.
  package func talliesCountedFromTrips() throws(ZhaoshangError) -> [MonthTally.Key: MonthTally] {
    try read { db in try KeptTallies.counted(in: db).tallies.filter { !$0.value.isEmpty } }
  }

  /// Counts every tally again from the trips, in one transaction: for a ledger whose rows were written as they
  /// were elsewhere (`zhaoshang copy`), which no write kept the tallies of.
  package func rebuildTallies() throws(ZhaoshangError) {
    try write { db in try KeptTallies.rebuild(in: db) }
  }
}
