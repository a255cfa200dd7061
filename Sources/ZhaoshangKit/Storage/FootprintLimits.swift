/// How much of the trips an import has met its `TripWriter` keeps in memory to tell repeats and overlaps, before
/// it keeps only a window of dates and reads the rest from the table. Tests make them small, so that a few rows
/// take the paths a few million take.
struct FootprintLimits: Sendable {
  /// Footprints kept before those ending before the window are dropped: 3 MiB of them. An import of fewer rows
  /// never reads the table for a repeat, whatever the order of its rows; a larger one keeps the window, and at least
  /// half as many again as the window held at the last sweep, so sweeps stay rare whatever its shape.
  var footprintsBeforeSweep = 1 << 18
  /// Recorded heads met before the recorded trips are read a window at a time for all heads: until then each one's
  /// are read as it is met, all of them, through trip_by_head (a few thousand trips a head at most), as a clerk's
  /// few trips or a small import need; reading a window of every head's would cost those more than it saves.
  var headsWithAllRecorded = 64
  /// Month tallies of the trips written that are held before they are merged into the kept ones (`KeptTallies`):
  /// a few MiB, where a province's year of heads, months and kinds makes a few hundred thousand.
  var talliesBeforeMerge = KeptTallies.heldBeforeMerge

  static let standard = FootprintLimits()
}
