using PowerSync.Backend.Conformance;

namespace PowerSync.Backend.Mongo.Tests.Conformance;

[NotApplicable(nameof(ConflictConformance.A_refusal_after_skipped_entries_still_names_the_entry_as_sent), NotApplicable.NoForeignKeys)]
[NotApplicable(nameof(ConflictConformance.A_timestamp_equal_to_or_newer_than_the_stored_one_applies), NotApplicable.MillisecondDates, "2025-01-02T00:00:00.000001Z")]
public sealed class MongoConflictTests() : ConflictConformance(new MongoConformanceDatabase());
